"""Safe URL fetching: only http(s), no private addresses, capped size, bounded redirects.

Every failure raises `FetchError` with a one-line message; `read_sources` turns it into a
`Discarded(stage="fetch", ...)` record.

Known limit (DNS rebinding): the host is resolved and every address checked *before* connecting,
but httpx resolves the name again when it connects. A hostile DNS server that answers with a
public address for the check and a private one for the connection slips through that window.
Closing it needs connecting to the checked IP itself (and handling TLS SNI by hand); a proxy that
enforces the same policy is the robust alternative when fetching untrusted URLs.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from dyadwatch.config import Settings
from dyadwatch.errors import FetchError

USER_AGENT = "dyadwatch/0.1"
"""User-Agent header sent with every request."""

ALLOWED_SCHEMES: frozenset[str] = frozenset({"http", "https"})
"""URL schemes that are fetched; every other scheme is refused."""

REDIRECT_CODES: frozenset[int] = frozenset({301, 302, 303, 307, 308})
"""HTTP status codes followed as redirects (when they carry a Location header)."""

Resolver = Callable[[str], list[str]]
"""Maps a host name to the IP address strings it resolves to."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchResult:
    """A fetched response body and what is needed to interpret it."""

    url: str
    """Final URL, after redirects."""
    status: int
    """HTTP status code (always 2xx)."""
    content_type: str
    """Lower-case media type without parameters ("text/html"), "" if the server sent none."""
    charset: str | None
    """Charset parameter of the Content-Type header, if any."""
    body: bytes
    """Decoded (de-gzipped) body, at most `Settings.fetch_max_bytes` long."""


def default_resolver(host: str) -> list[str]:
    """Resolve `host` with `socket.getaddrinfo` to its distinct IP address strings (OSError if it fails)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _resolve(host: str, resolver: Resolver | None) -> list[str]:
    """Resolve `host`, turning resolver failures into `FetchError`."""
    try:
        addresses = (resolver or default_resolver)(host)
    except (OSError, UnicodeError) as e:
        raise FetchError(f"cannot resolve host {host}: {e}") from e
    if not addresses:
        raise FetchError(f"cannot resolve host {host}: no addresses")
    return list(addresses)


def _refusal_categories(addr: IPAddress) -> list[str]:
    """Names of the forbidden ranges `addr` falls in (empty if it is a public address)."""
    checks = (
        ("private", addr.is_private),
        ("loopback", addr.is_loopback),
        ("link-local", addr.is_link_local),
        ("multicast", addr.is_multicast),
        ("reserved", addr.is_reserved),
        ("unspecified", addr.is_unspecified),
    )
    found = [name for name, hit in checks if hit]
    if not found and not addr.is_global:
        found.append("non-global")
    return found


def _embedded_ipv4(addr: IPAddress) -> IPAddress | None:
    """The IPv4 address inside an IPv4-mapped, 6to4 or Teredo IPv6 address, if any."""
    if not isinstance(addr, ipaddress.IPv6Address):
        return None
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    return addr.teredo[1] if addr.teredo is not None else None


def check_address(ip: str) -> None:
    """Raise `FetchError` if `ip` is private, loopback, link-local, multicast, reserved or unspecified.

    IPv6 addresses that embed an IPv4 address (``::ffff:127.0.0.1``, 6to4, Teredo) are judged by
    the embedded address as well.
    """
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError as e:
        raise FetchError(f"refused address {ip} (not an IP address)") from e
    categories = _refusal_categories(addr)
    inner = _embedded_ipv4(addr)
    if inner is not None:
        categories += [c for c in _refusal_categories(inner) if c not in categories]
    if categories:
        shown = f"::ffff:{addr.ipv4_mapped}" if getattr(addr, "ipv4_mapped", None) else ip
        raise FetchError(
            f"refused address {shown} ({'/'.join(categories)}); set allow_private_urls to fetch it"
        )


def check_url(url: str, *, settings: Settings, resolver: Resolver | None = None) -> None:
    """Raise `FetchError` unless `url` is http(s) and its host resolves only to public addresses.

    Literal IP hosts are checked directly; names are resolved with `resolver` (default:
    `default_resolver`) and refused if ANY address is forbidden. `allow_private_urls` skips
    the address checks (the scheme check always applies).
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as e:
        raise FetchError(f"invalid URL: {e}") from e
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchError(f"refused scheme '{parsed.scheme}:'; only http and https URLs are fetched")
    host = parsed.host
    if not host:
        raise FetchError("URL has no host")
    if settings.allow_private_urls:
        return
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        addresses = [host]
    except ValueError:
        addresses = _resolve(host, resolver)
    for ip in addresses:
        check_address(ip)


def _content_type(response: httpx.Response) -> tuple[str, str | None]:
    """(media type, charset) of a response's Content-Type header."""
    raw = response.headers.get("content-type", "")
    media, _, params = raw.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """Read the streamed body, failing as soon as it exceeds `max_bytes` (Content-Length first)."""
    declared = response.headers.get("content-length", "")
    if declared.strip().isdigit() and int(declared) > max_bytes:
        raise FetchError(f"response larger than {max_bytes} bytes")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"response larger than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


class Fetcher:
    """Fetches URLs safely with one reusable `httpx.Client` (created on first use).

    Use as a context manager, or call `close()`. Redirects are followed by hand, up to
    `settings.fetch_max_redirects`, and every hop is checked again with `check_url`.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self._settings = settings
        self._transport = transport
        self._resolver = resolver
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the underlying HTTP client, if one was opened."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def _get_client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                transport=self._transport,
                timeout=httpx.Timeout(self._settings.fetch_timeout),
                follow_redirects=False,
                headers={"User-Agent": USER_AGENT},
            )
        return self._client

    def fetch(self, url: str) -> FetchResult:
        """GET `url` and return its body; raise `FetchError` on any failure or refusal."""
        current = url
        for _hop in range(self._settings.fetch_max_redirects + 1):
            check_url(current, settings=self._settings, resolver=self._resolver)
            result, location = self._fetch_once(current)
            if result is not None:
                return result
            current = location
        raise FetchError(f"too many redirects (more than {self._settings.fetch_max_redirects})")

    def _fetch_once(self, url: str) -> tuple[FetchResult | None, str]:
        """One request: (result, "") on success, (None, next URL) on a redirect."""
        timeout = self._settings.fetch_timeout
        try:
            with self._get_client().stream("GET", url) as response:
                return self._handle(url, response)
        except httpx.TimeoutException as e:
            raise FetchError(f"timed out after {timeout:g}s") from e
        except httpx.InvalidURL as e:
            raise FetchError(f"invalid URL: {e}") from e
        except httpx.HTTPError as e:
            raise FetchError(f"request failed: {type(e).__name__}: {e}") from e

    def _handle(self, url: str, response: httpx.Response) -> tuple[FetchResult | None, str]:
        status = response.status_code
        location = response.headers.get("location")
        if status in REDIRECT_CODES and location:
            try:
                return None, str(httpx.URL(url).join(location.strip()))
            except (httpx.InvalidURL, ValueError) as e:
                raise FetchError(f"invalid redirect location: {location!r}") from e
        if not 200 <= status < 300:
            raise FetchError(f"HTTP {status}")
        body = _read_capped(response, self._settings.fetch_max_bytes)
        media, charset = _content_type(response)
        return FetchResult(url=url, status=status, content_type=media, charset=charset, body=body), ""
