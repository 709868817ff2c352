"""RSS and Atom feeds: refuse XML entity tricks, then read each entry into an Article.

The raw bytes are first parsed with defusedxml, which refuses entity declarations (billion
laughs) and external entities (XXE); only then does feedparser see them. feedparser is always
given bytes, never a string: a string that looks like a URL or a path would be fetched or
opened by feedparser itself, bypassing the safe fetcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any
from xml.etree.ElementTree import ParseError

from dyadwatch.config import Settings
from dyadwatch.ingest.text import STAGE, build_article, html_fragment_paragraphs, split_plain_paragraphs
from dyadwatch.types import Article, Discarded

FEED_MEDIA_TYPES: frozenset[str] = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/x-atom+xml",
    }
)
"""Content types that are always read as feeds."""

ENTITIES_REFUSED = "feed declares XML entities; refused"
"""Discarded reason for a feed with entity declarations."""

NO_TEXT_NO_LINK = "entry has no text and no fetchable link"
"""Discarded reason for an entry with nothing to read."""

_FEED_ROOT_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>/]")
_ENTITY_RE = re.compile(rb"<!ENTITY", re.IGNORECASE)

PageReader = Callable[[str], Article | Discarded]
"""Fetches an entry's link and reads it as an article (only for feeds that came from a URL)."""


def looks_like_feed(data: bytes) -> bool:
    """True if the first element of `data` is an RSS, RDF or Atom root element."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.DOTALL).lstrip()
    match = _FEED_ROOT_RE.match(head)
    return match is not None


def check_feed_xml(data: bytes) -> str | None:
    """None if the feed bytes are safe to parse, else the reason they are refused.

    Malformed XML without entity declarations is let through: feedparser's lenient parser
    copes with the many slightly broken feeds in the wild.
    """
    import defusedxml
    import defusedxml.ElementTree

    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden:
        return ENTITIES_REFUSED
    except defusedxml.ExternalReferenceForbidden:
        return "feed references external XML resources; refused"
    except defusedxml.DefusedXmlException as e:
        return f"feed refused: {e}"
    except ParseError:
        if _ENTITY_RE.search(data):
            return ENTITIES_REFUSED
    return None


def _entry_date(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return date(parsed[0], parsed[1], parsed[2])
    except (TypeError, ValueError, IndexError):
        return None


def _content_paragraphs(item: Any) -> list[str]:
    """Paragraphs of one feedparser content/summary detail (plain text or HTML)."""
    value = item.get("value", "") if isinstance(item, dict) else ""
    if not isinstance(value, str):
        return []
    if item.get("type") == "text/plain":
        return split_plain_paragraphs(value)
    return html_fragment_paragraphs(value)


def entry_paragraphs(entry: Any) -> list[str]:
    """The longest text an entry carries: its full content or its summary."""
    candidates = [_content_paragraphs(c) for c in entry.get("content") or []]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {"value": entry.get("summary"), "type": "text/html"}
        candidates.append(_content_paragraphs(detail))
    return max(candidates, key=lambda ps: sum(len(p) for p in ps), default=[])


def _read_entry(
    entry: Any,
    index: int,
    *,
    settings: Settings,
    source: str,
    outlet: str | None,
    read_page: PageReader | None,
) -> Article | Discarded:
    link = entry.get("link") or None
    item_id = link or entry.get("id") or f"{source}#entry{index}"
    paragraphs = entry_paragraphs(entry)
    chars = sum(len(p) for p in paragraphs)
    if chars < settings.min_article_chars and link and read_page is not None:
        return read_page(link)
    if not paragraphs and not (link and read_page is not None):
        return Discarded(STAGE, item_id, NO_TEXT_NO_LINK, source)
    return build_article(
        paragraphs,
        settings=settings,
        item_id=item_id,
        source=source,
        title=entry.get("title") or "",
        url=link,
        published=_entry_date(entry),
        outlet=outlet,
        author=entry.get("author"),
    )


def read_feed(
    data: bytes, *, settings: Settings, source: str, read_page: PageReader | None = None
) -> Iterator[Article | Discarded]:
    """Yield an Article or Discarded per entry of an RSS/Atom feed given as raw bytes.

    An entry whose text is shorter than `settings.min_article_chars` but has a link is read
    through `read_page` when one is given (feeds fetched from a URL); otherwise it is judged
    on the text it has.
    """
    import feedparser

    refusal = check_feed_xml(data)
    if refusal is not None:
        yield Discarded(STAGE, source, refusal, source)
        return
    is_url = source.lower().startswith(("http://", "https://"))
    parsed = feedparser.parse(data, response_headers={"content-location": source} if is_url else None)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f": {str(problem).splitlines()[0]}" if problem else ""
        yield Discarded(STAGE, source, f"not a readable RSS/Atom feed{detail}", source)
        return
    outlet = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        yield _read_entry(entry, index, settings=settings, source=source, outlet=outlet, read_page=read_page)
