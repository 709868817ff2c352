"""Turn HTML pages, plain-text files and HTML fragments into `Article` records.

Every builder returns an `Article` or a `Discarded`; none raises for a bad item. All of them
end in `build_article`, which cleans the paragraphs, checks length and language and computes
the content id, so the same body gets the same id whichever format it arrived in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import lxml.html
from lxml import etree
from trafilatura import bare_extraction

from dyadwatch.config import Settings
from dyadwatch.types import Article, Discarded, content_id

STAGE = "ingest"
"""Stage name used in every `Discarded` this package yields (except fetch failures)."""

_BLOCK_TAGS = (
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "tr",
    "table",
    "dd",
    "dt",
    "figcaption",
)
_HEADER_RE = re.compile(r"^(date|source|url|author)\s*:\s*(.*)$", re.IGNORECASE)


def normalise(text: str) -> str:
    """Collapse every whitespace run to one space and strip: the form the content id hashes."""
    return " ".join(text.split())


def article_id(text: str) -> str:
    """Content id of an article body: `content_id(normalise(text), prefix="a")`."""
    return content_id(normalise(text), prefix="a")


def parse_date(value: str) -> date:
    """Parse "YYYY-MM-DD" or an ISO 8601 datetime to a date; ValueError if it is neither."""
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        return datetime.fromisoformat(text).date()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text` by langdetect (seeded for determinism), None if undetectable."""
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return detect(text)
    except LangDetectException:
        return None


def _clean_paragraphs(paragraphs: Iterable[str], title: str) -> list[str]:
    """Whitespace-normalised non-empty paragraphs, minus a leading copy of the title."""
    cleaned = [normalise(p) for p in paragraphs]
    cleaned = [p for p in cleaned if p]
    if cleaned and title and cleaned[0].casefold() == normalise(title).casefold():
        cleaned = cleaned[1:]
    return cleaned


def build_article(
    paragraphs: Iterable[str],
    *,
    settings: Settings,
    item_id: str,
    source: str,
    title: str = "",
    url: str | None = None,
    published: date | None = None,
    outlet: str | None = None,
    author: str | None = None,
) -> Article | Discarded:
    """Join paragraphs with blank lines into an Article, or say why the text is unusable.

    Checks, in order: empty text, shorter than `settings.min_article_chars`, not English.
    """
    title = normalise(title)
    text = "\n\n".join(_clean_paragraphs(paragraphs, title))
    if not text:
        return Discarded(STAGE, item_id, "empty text", source)
    if len(text) < settings.min_article_chars:
        reason = f"not an article ({len(text)} characters of text; minimum {settings.min_article_chars})"
        return Discarded(STAGE, item_id, reason, source)
    language = detect_language(text)
    if language is None:
        return Discarded(STAGE, item_id, "language could not be detected", source)
    if language != "en":
        return Discarded(STAGE, item_id, f"not English (detected: {language})", source)
    return Article(
        id=article_id(text),
        text=text,
        title=title,
        url=url or None,
        published=published,
        outlet=outlet or None,
        author=author or None,
        source=source,
        language=language,
    )


def _extract(html: str | bytes, url: str | None) -> Any:
    """Run trafilatura tuned for precision; returns its Document or None."""
    return bare_extraction(
        html,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        # Without this htmldate's extensive search guesses dates from page text; e.g. a
        # "Copyright 2024" footer becomes 2024-01-01. Only trust markup/metadata dates.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _metadata_date(value: object) -> date | None:
    """The date in trafilatura's "YYYY-MM-DD" metadata string, None if absent or malformed."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None


def html_to_article(
    html: str | bytes,
    *,
    settings: Settings,
    source: str,
    url: str | None = None,
    item_id: str | None = None,
) -> Article | Discarded:
    """Extract the main text and metadata of an HTML page with trafilatura.

    `url` is the address the page was fetched from (used when the page names no canonical URL).
    """
    item = item_id or source
    try:
        doc = _extract(html, url)
    except Exception as e:  # noqa: BLE001 - a parser crash on one page must not stop the run
        return Discarded(STAGE, item, f"could not extract text: {type(e).__name__}: {e}", source)
    if doc is None or not (doc.text or "").strip():
        return Discarded(STAGE, item, "empty text", source)
    return build_article(
        doc.text.splitlines(),
        settings=settings,
        item_id=item,
        source=source,
        title=doc.title or "",
        url=doc.url or url,
        published=_metadata_date(doc.date),
        outlet=doc.sitename,
        author=doc.author,
    )


def html_fragment_paragraphs(fragment: str) -> list[str]:
    """Paragraph texts of an HTML fragment (a feed entry's content), tags stripped."""
    if not fragment.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return split_plain_paragraphs(fragment)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    for br in root.iter("br"):
        br.tail = "\n\n" + (br.tail or "")
    return split_plain_paragraphs(root.text_content())


def split_plain_paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs at blank lines; lines inside one are joined by spaces."""
    return [normalise(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _split_headers(lines: list[str]) -> tuple[str, dict[str, str], list[str]] | None:
    """(title, headers, body lines) if the text starts with a header block, else None."""
    if len(lines) < 2 or not lines[0].strip() or not _HEADER_RE.match(lines[1].strip()):
        return None
    headers: dict[str, str] = {}
    index = 1
    while index < len(lines) and lines[index].strip():
        match = _HEADER_RE.match(lines[index].strip())
        if match is None:
            return None
        headers[match.group(1).lower()] = match.group(2).strip()
        index += 1
    return lines[0].strip(), headers, lines[index:]


def text_to_article(text: str, *, settings: Settings, source: str) -> Article | Discarded:
    """Article from a plain-text file, honouring an optional header block.

    Format: a title line followed by `Date: YYYY-MM-DD`, `Source: Outlet`, `URL: ...` and/or
    `Author: ...` lines, then a blank line, then the body. Without that header the whole
    file is the body and the title is empty. Paragraphs are separated by blank lines.
    """
    lines = text.lstrip("\ufeff").splitlines()
    split = _split_headers(lines)
    if split is None:
        return build_article(split_plain_paragraphs(text), settings=settings, item_id=source, source=source)
    title, headers, body = split
    published = None
    if headers.get("date"):
        try:
            published = parse_date(headers["date"])
        except ValueError:
            reason = f"invalid date {headers['date']!r} in header 'Date' (expected YYYY-MM-DD)"
            return Discarded(STAGE, source, reason, source)
    return build_article(
        split_plain_paragraphs("\n".join(body)),
        settings=settings,
        item_id=source,
        source=source,
        title=title,
        url=headers.get("url"),
        published=published,
        outlet=headers.get("source"),
        author=headers.get("author"),
    )
