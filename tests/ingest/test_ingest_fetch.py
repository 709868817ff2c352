"""Fetching URLs: address policy, redirects, size cap, timeouts, HTTP errors (MockTransport only)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
import pytest

from dyadwatch.config import Settings
from dyadwatch.errors import FetchError
from dyadwatch.ingest import read_sources
from dyadwatch.ingest.fetch import USER_AGENT, check_address
from dyadwatch.types import Article, Discarded

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
HTML = (DATA / "chrome_article.html").read_bytes()
RSS = (DATA / "news.rss").read_bytes()
SETTINGS = Settings()
PUBLIC_IP = "93.184.216.34"
DNS = {
    "news.example": [PUBLIC_IP],
    "caspianledger.example": [PUBLIC_IP],
    "localhost": ["127.0.0.1"],
    "mixed.example": [PUBLIC_IP, "10.1.2.3"],
}

Handler = Callable[[httpx.Request], httpx.Response]


def resolver(host: str) -> list[str]:
    if host not in DNS:
        raise OSError(f"unknown host {host}")
    return DNS[host]


class Recorder:
    """MockTransport handler that records requests and answers by URL."""

    def __init__(self, routes: dict[str, Handler] | None = None) -> None:
        self.routes = routes or {}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        handler = self.routes.get(str(request.url))
        if handler is None:
            return httpx.Response(404)
        return handler(request)


def html_page(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=HTML, headers={"content-type": "text/html; charset=utf-8"})


def fetch(url: str, recorder: Recorder, settings: Settings = SETTINGS) -> list[Article | Discarded]:
    return list(
        read_sources([url], settings=settings, transport=httpx.MockTransport(recorder), resolver=resolver)
    )


def only_discard(items: list[Article | Discarded]) -> Discarded:
    assert len(items) == 1 and isinstance(items[0], Discarded), items
    return items[0]


def test_public_html_page_becomes_an_article() -> None:
    recorder = Recorder({"http://news.example/story": html_page})
    [article] = fetch("http://news.example/story", recorder)
    assert isinstance(article, Article)
    assert article.title == "Baku and Moscow sign pipeline accord"
    assert article.published == date(2024, 3, 14)
    assert article.source == "http://news.example/story"
    request = recorder.requests[0]
    assert request.headers["user-agent"] == USER_AGENT
    assert request.extensions["timeout"]["read"] == SETTINGS.fetch_timeout


@pytest.mark.parametrize(
    "url, address",
    [
        ("http://127.0.0.1/", "127.0.0.1"),
        ("http://localhost:8000/admin", "127.0.0.1"),
        ("http://10.0.0.5/", "10.0.0.5"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]/", "::1"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1"),
        ("http://mixed.example/", "10.1.2.3"),
        ("http://0.0.0.0/", "0.0.0.0"),
        ("http://224.0.0.1/", "224.0.0.1"),
        ("http://[2002:7f00:1::]/", "2002:7f00:1::"),
    ],
)
def test_private_addresses_are_refused_before_connecting(url: str, address: str) -> None:
    recorder = Recorder({url: html_page})
    item = only_discard(fetch(url, recorder))
    assert item.stage == "fetch"
    assert item.item_id == url and item.source == url
    assert item.reason.startswith(f"refused address {address} (")
    assert item.reason.endswith("); set allow_private_urls to fetch it")
    assert recorder.requests == []


def test_loopback_reason_text() -> None:
    item = only_discard(fetch("http://127.0.0.1/", Recorder()))
    assert item.reason == "refused address 127.0.0.1 (private/loopback); set allow_private_urls to fetch it"


def test_private_addresses_allowed_when_configured() -> None:
    settings = replace(SETTINGS, allow_private_urls=True)
    for url in ("http://127.0.0.1/story", "http://localhost/story", "http://10.0.0.5/story"):
        [item] = fetch(url, Recorder({url: html_page}), settings)
        assert isinstance(item, Article), item


def test_check_address_accepts_public_and_refuses_shared_space() -> None:
    check_address(PUBLIC_IP)
    check_address("2606:4700:4700::1111")
    with pytest.raises(FetchError, match="non-global"):
        check_address("100.64.0.1")


def test_unresolvable_host() -> None:
    item = only_discard(fetch("http://nowhere.example/", Recorder()))
    assert item.reason.startswith("cannot resolve host nowhere.example")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/pub/story.html", "gopher://x/"])
def test_non_http_schemes_are_refused(url: str) -> None:
    recorder = Recorder()
    item = only_discard(fetch(url, recorder))
    assert item.stage == "fetch"
    assert "only http and https URLs are fetched" in item.reason
    assert recorder.requests == []


def redirect_to(location: str, status: int = 302) -> Handler:
    return lambda request: httpx.Response(status, headers={"location": location})


def test_redirects_are_followed_and_rechecked() -> None:
    recorder = Recorder(
        {
            "http://news.example/a": redirect_to("/b", 301),
            "http://news.example/b": redirect_to("https://news.example/story", 308),
            "https://news.example/story": html_page,
        }
    )
    [item] = fetch("http://news.example/a", recorder)
    assert isinstance(item, Article)
    assert [str(r.url) for r in recorder.requests] == [
        "http://news.example/a",
        "http://news.example/b",
        "https://news.example/story",
    ]


def test_redirect_to_private_address_is_refused() -> None:
    recorder = Recorder(
        {
            "http://news.example/a": redirect_to("http://169.254.169.254/latest/meta-data/"),
            "http://169.254.169.254/latest/meta-data/": html_page,
        }
    )
    item = only_discard(fetch("http://news.example/a", recorder))
    assert item.reason.startswith("refused address 169.254.169.254 (")
    assert len(recorder.requests) == 1


def test_redirect_to_file_scheme_is_refused() -> None:
    item = only_discard(
        fetch("http://news.example/a", Recorder({"http://news.example/a": redirect_to("file:///etc/passwd")}))
    )
    assert "refused scheme 'file:'" in item.reason


def test_too_many_redirects() -> None:
    recorder = Recorder(
        {
            "http://news.example/a": redirect_to("http://news.example/b"),
            "http://news.example/b": redirect_to("http://news.example/a"),
        }
    )
    settings = replace(SETTINGS, fetch_max_redirects=3)
    item = only_discard(fetch("http://news.example/a", recorder, settings))
    assert item.reason == "too many redirects (more than 3)"
    assert len(recorder.requests) == 4


def test_body_over_cap_with_content_length() -> None:
    big = b"<html><body>" + b"x" * 5000 + b"</body></html>"
    recorder = Recorder({"http://news.example/big": lambda r: httpx.Response(200, content=big)})
    item = only_discard(fetch("http://news.example/big", recorder, replace(SETTINGS, fetch_max_bytes=1000)))
    assert item.reason == "response larger than 1000 bytes"


class CountingStream(httpx.SyncByteStream):
    """An endless body without Content-Length that counts the chunks read."""

    def __init__(self) -> None:
        self.chunks_read = 0

    def __iter__(self) -> Iterator[bytes]:
        while True:
            self.chunks_read += 1
            yield b"y" * 400


def test_body_over_cap_without_content_length_stops_reading() -> None:
    stream = CountingStream()

    def endless(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/html"}, stream=stream)

    item = only_discard(
        fetch(
            "http://news.example/endless",
            Recorder({"http://news.example/endless": endless}),
            replace(SETTINGS, fetch_max_bytes=1000),
        )
    )
    assert item.reason == "response larger than 1000 bytes"
    assert stream.chunks_read == 3


def test_timeout_becomes_a_discard() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    item = only_discard(fetch("http://news.example/slow", Recorder({"http://news.example/slow": slow})))
    assert item == Discarded(
        "fetch", "http://news.example/slow", "timed out after 15s", "http://news.example/slow"
    )


def test_connection_error_becomes_a_discard() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    item = only_discard(fetch("http://news.example/down", Recorder({"http://news.example/down": down})))
    assert item.reason == "request failed: ConnectError: connection refused"


def test_http_404() -> None:
    item = only_discard(fetch("http://news.example/missing", Recorder()))
    assert item == Discarded(
        "fetch", "http://news.example/missing", "HTTP 404", "http://news.example/missing"
    )


def test_unsupported_content_type() -> None:
    pdf = lambda r: httpx.Response(200, content=b"%PDF-1.7", headers={"content-type": "application/pdf"})  # noqa: E731
    item = only_discard(fetch("http://news.example/doc.pdf", Recorder({"http://news.example/doc.pdf": pdf})))
    assert item.reason == "unsupported content type application/pdf"


def test_one_bad_url_does_not_stop_the_run() -> None:
    recorder = Recorder({"http://news.example/story": html_page})
    items = list(
        read_sources(
            ["http://127.0.0.1/", "http://news.example/missing", "http://news.example/story"],
            settings=SETTINGS,
            transport=httpx.MockTransport(recorder),
            resolver=resolver,
        )
    )
    assert [type(i).__name__ for i in items] == ["Discarded", "Discarded", "Article"]


def rss_response(content_type: str) -> Handler:
    return lambda request: httpx.Response(200, content=RSS, headers={"content-type": content_type})


@pytest.mark.parametrize("content_type", ["application/rss+xml", "text/xml", "application/xml"])
def test_feed_url_fetches_link_only_entries(content_type: str) -> None:
    feed_url = "http://news.example/feed"
    recorder = Recorder(
        {
            feed_url: rss_response(content_type),
            "https://caspianledger.example/world/link-only": html_page,
        }
    )
    items = fetch(feed_url, recorder)
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Article"]
    assert items[2].title == "Baku and Moscow sign pipeline accord"
    assert all(i.source == feed_url for i in items)
    assert [str(r.url) for r in recorder.requests] == [
        feed_url,
        "https://caspianledger.example/world/link-only",
    ]


def test_feed_link_to_private_address_is_refused() -> None:
    feed = RSS.replace(b"https://caspianledger.example/world/link-only", b"http://10.0.0.5/internal")
    recorder = Recorder(
        {
            "http://news.example/feed": lambda r: httpx.Response(
                200, content=feed, headers={"content-type": "application/rss+xml"}
            )
        }
    )
    items = fetch("http://news.example/feed", recorder)
    last = items[-1]
    assert isinstance(last, Discarded) and last.stage == "fetch"
    assert last.item_id == "http://10.0.0.5/internal"
    assert last.reason.startswith("refused address 10.0.0.5 (")
    assert len(recorder.requests) == 1


def test_billion_laughs_over_http_is_refused() -> None:
    bomb = (DATA / "billion_laughs.xml").read_bytes()
    recorder = Recorder(
        {
            "http://news.example/feed": lambda r: httpx.Response(
                200, content=bomb, headers={"content-type": "application/rss+xml"}
            )
        }
    )
    item = only_discard(fetch("http://news.example/feed", recorder))
    assert item == Discarded(
        "ingest",
        "http://news.example/feed",
        "feed declares XML entities; refused",
        "http://news.example/feed",
    )
