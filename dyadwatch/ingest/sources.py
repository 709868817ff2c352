"""`read_sources`: turn paths (files, folders) and http(s) URLs into Articles or Discarded records."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import httpx

from dyadwatch.config import Settings
from dyadwatch.errors import FetchError
from dyadwatch.ingest.feeds import FEED_MEDIA_TYPES, looks_like_feed, read_feed
from dyadwatch.ingest.fetch import Fetcher, FetchResult
from dyadwatch.ingest.jsonl import read_jsonl
from dyadwatch.ingest.text import STAGE, html_to_article, text_to_article
from dyadwatch.types import Article, Discarded

HTML_SUFFIXES = frozenset({".html", ".htm"})
TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".feed"})
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})

_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

Item = Article | Discarded


def is_url(source: str) -> bool:
    """True if `source` has a URL scheme ("https://...", also "ftp://" which the fetcher refuses)."""
    return _URL_RE.match(source) is not None


def read_sources(
    sources: Iterable[str],
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    resolver: Callable[[str], list[str]] | None = None,
) -> Iterator[Article | Discarded]:
    """Yield an Article or a Discarded for every item found in `sources`, never raising for one.

    A source is a file, a folder (walked recursively in sorted order, hidden entries skipped)
    or a URL. Files are read by suffix: .html/.htm (HTML page), .txt (text, optional header),
    .jsonl/.ndjson (one article per line), .xml/.rss/.atom/.feed (RSS/Atom feed). URLs are
    fetched safely (see `dyadwatch.ingest.fetch`); `transport` and `resolver` are for tests.
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    with Fetcher(settings=settings, transport=transport, resolver=resolver) as fetcher:
        for raw in sources:
            source = os.fspath(raw)
            if is_url(source):
                yield from _read_url(source, settings=settings, fetcher=fetcher)
            else:
                yield from _read_path(source, settings=settings)


def _read_path(source: str, *, settings: Settings) -> Iterator[Item]:
    path = Path(source)
    if path.is_dir():
        for found in _walk(path):
            if isinstance(found, Discarded):
                yield found
            else:
                yield from _read_file(found, settings=settings, source=str(found))
    elif path.exists():
        yield from _read_file(path, settings=settings, source=source)
    else:
        yield Discarded(STAGE, source, "no such file or folder", source)


def _walk(folder: Path) -> Iterator[Path | Discarded]:
    """Files under `folder`, depth first, entries sorted by name; hidden ones skipped."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as e:
        yield Discarded(STAGE, str(folder), f"cannot read folder: {e.strerror or e}", str(folder))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def _read_file(path: Path, *, settings: Settings, source: str) -> Iterator[Item]:
    suffix = path.suffix.lower()
    known = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
    if suffix not in known:
        kind = suffix or "(no suffix)"
        yield Discarded(STAGE, source, f"unsupported file type {kind}", source)
        return
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, settings=settings, source=source)
            return
        data = path.read_bytes()
    except OSError as e:
        yield Discarded(STAGE, source, f"cannot read: {e.strerror or e}", source)
        return
    if suffix in HTML_SUFFIXES:
        yield html_to_article(data, settings=settings, source=source)
    elif suffix in TEXT_SUFFIXES:
        yield _text_bytes_to_article(data, settings=settings, source=source)
    else:
        yield from read_feed(data, settings=settings, source=source)


def _text_bytes_to_article(data: bytes, *, settings: Settings, source: str) -> Item:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return Discarded(STAGE, source, f"not UTF-8 text: {e.reason} at byte {e.start}", source)
    return text_to_article(text, settings=settings, source=source)


def _decode_html(result: FetchResult) -> str | bytes:
    """The body as text when the server named a usable charset, else bytes (trafilatura guesses)."""
    if result.charset:
        try:
            return result.body.decode(result.charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return result.body


def _read_url(url: str, *, settings: Settings, fetcher: Fetcher) -> Iterator[Item]:
    try:
        result = fetcher.fetch(url)
    except FetchError as e:
        yield Discarded("fetch", url, str(e), url)
        return
    if result.content_type in FEED_MEDIA_TYPES or looks_like_feed(result.body):

        def read_page(link: str) -> Item:
            """Fetch and read a link-only feed entry through the same fetcher."""
            return _read_page(link, settings=settings, fetcher=fetcher, source=url)

        yield from read_feed(result.body, settings=settings, source=url, read_page=read_page)
    else:
        yield _response_to_article(result, settings=settings, source=url, item_id=url)


def _response_to_article(result: FetchResult, *, settings: Settings, source: str, item_id: str) -> Item:
    """Article from a fetched HTML or plain-text page; Discarded for other content types."""
    if result.content_type in HTML_MEDIA_TYPES:
        return html_to_article(
            _decode_html(result), settings=settings, source=source, url=result.url, item_id=item_id
        )
    if result.content_type == "text/plain":
        text = _decode_html(result)
        if isinstance(text, bytes):
            text = text.decode("utf-8", errors="replace")
        return text_to_article(text, settings=settings, source=source)
    return Discarded(STAGE, item_id, f"unsupported content type {result.content_type}", source)


def _read_page(link: str, *, settings: Settings, fetcher: Fetcher, source: str) -> Item:
    """Fetch a feed entry's link and read it as an article (no nested feeds)."""
    try:
        result = fetcher.fetch(link)
    except FetchError as e:
        return Discarded("fetch", link, str(e), source)
    return _response_to_article(result, settings=settings, source=source, item_id=link)
