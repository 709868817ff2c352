"""JSON Lines input: one article per line.

Keys: ``text`` (required), ``title``, ``url``, ``published`` (YYYY-MM-DD or ISO datetime) and
``id`` (the source's own id; Article.id is still the content hash of the body). Each bad line
becomes a `Discarded` whose item_id is ``path:LINE``; the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyadwatch.config import Settings
from dyadwatch.ingest.text import STAGE, build_article, parse_date
from dyadwatch.types import Article, Discarded


class _BadRecord(ValueError):
    """A JSONL record that cannot become an article; the message is the Discarded reason."""


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadRecord(f"field '{key}' is not a string")
    return value


def _parse_line(raw: bytes, lineno: int) -> dict[str, Any]:
    """Decode and parse one line into a JSON object, or raise _BadRecord."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _BadRecord(f"not UTF-8: {e.reason} at byte {e.start}") from e
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise _BadRecord(f"invalid JSON: {e.msg} (line {lineno})") from e
    if not isinstance(record, dict):
        raise _BadRecord(f"expected a JSON object, got {type(record).__name__}")
    return record


def record_to_article(
    record: dict[str, Any], *, settings: Settings, item_id: str, source: str
) -> Article | Discarded:
    """Article from one parsed JSONL record (raises _BadRecord for malformed fields)."""
    if "text" not in record or record["text"] is None:
        raise _BadRecord("missing field 'text'")
    text = _optional_str(record, "text") or ""
    published_raw = _optional_str(record, "published")
    published = None
    if published_raw and published_raw.strip():
        try:
            published = parse_date(published_raw)
        except ValueError as e:
            raise _BadRecord(
                f"invalid date {published_raw!r} in field 'published' (expected YYYY-MM-DD or ISO datetime)"
            ) from e
    return build_article(
        text.splitlines(),
        settings=settings,
        item_id=item_id,
        source=source,
        title=_optional_str(record, "title") or "",
        url=_optional_str(record, "url"),
        published=published,
        outlet=_optional_str(record, "outlet"),
        author=_optional_str(record, "author"),
    )


def read_jsonl(path: Path, *, settings: Settings, source: str) -> Iterator[Article | Discarded]:
    """Yield an Article or Discarded for every non-blank line of a JSONL file.

    Raises OSError if the file cannot be opened (the caller reports it).
    """
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            item_id = f"{source}:{lineno}"
            try:
                record = _parse_line(raw, lineno)
                yield record_to_article(record, settings=settings, item_id=item_id, source=source)
            except _BadRecord as e:
                yield Discarded(STAGE, item_id, str(e), source)
