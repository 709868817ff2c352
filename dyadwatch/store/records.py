"""Conversion between frozen records and table rows: Arrow tables in, DuckDB tuples out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import pyarrow as pa

from dyadwatch.types import Actor, Article, Discarded, Event, Incident, Mention, Sentence, Trigger

_S, _I, _D, _F = pa.string(), pa.int32(), pa.date32(), pa.float64()

ARTICLE_SCHEMA = pa.schema(
    [
        ("id", _S),
        ("text", _S),
        ("title", _S),
        ("url", _S),
        ("published", _D),
        ("outlet", _S),
        ("author", _S),
        ("source", _S),
        ("language", _S),
    ]
)
SENTENCE_SCHEMA = pa.schema(
    [("article_id", _S), ("idx", _I), ("start_char", _I), ("end_char", _I), ("text", _S)]
)
DISCARD_SCHEMA = pa.schema([("stage", _S), ("item_id", _S), ("reason", _S), ("source", _S)])
INCIDENT_SCHEMA = pa.schema([("event_id", _S), ("incident_id", _S), ("n_mentions", pa.int32()), ("outlets", _S)])
OUTLET_SEPARATOR = "; "
"""How `incidents.outlets` joins the outlet names in one column."""


def _side(prefix: str) -> list[tuple[str, pa.DataType]]:
    """Columns describing one mention (source or target) of an event."""
    return [
        (f"{prefix}_text", _S),
        (f"{prefix}_start", _I),
        (f"{prefix}_end", _I),
        (f"{prefix}_country", _S),
        (f"{prefix}_sector", _S),
        (f"{prefix}_igo", _S),
        (f"{prefix}_name", _S),
        (f"{prefix}_how", _S),
        (f"{prefix}_key", _S),
    ]


EVENT_SCHEMA = pa.schema(
    [("id", _S), ("article_id", _S), ("sentence_index", _I), ("event_date", _D)]
    + _side("source")
    + _side("target")
    + [
        ("trigger_text", _S),
        ("trigger_start", _I),
        ("trigger_end", _I),
        ("cameo", _S),
        ("cameo_root", _S),
        ("plover", _S),
        ("goldstein", _F),
        ("quad", _I),
        ("modality", _S),
        ("versions", _S),
        ("plover_mode", _S),
        ("plover_context", _S),
        ("date_precision", _S),
        ("date_text", _S),
        ("historical", pa.bool_()),
    ]
    + _side("reported_by")
)

ARTICLE_COLUMNS = ", ".join(ARTICLE_SCHEMA.names)
SENTENCE_COLUMNS = ", ".join(SENTENCE_SCHEMA.names)
EVENT_COLUMNS = ", ".join(EVENT_SCHEMA.names)
DISCARD_COLUMNS = ", ".join(DISCARD_SCHEMA.names)


def _table(schema: pa.Schema, records: Sequence[Any], getters: Sequence[Callable[[Any], Any]]) -> pa.Table:
    """Build an Arrow table column by column, one getter per schema field."""
    arrays = [
        pa.array([get(r) for r in records], type=f.type) for f, get in zip(schema, getters, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def _field(name: str) -> Callable[[Any], Any]:
    """Getter for one attribute."""
    return lambda r: getattr(r, name)


def articles_table(articles: Sequence[Article]) -> pa.Table:
    """Arrow table for the `articles` table."""
    names = ("id", "text", "title", "url", "published", "outlet", "author", "source", "language")
    return _table(ARTICLE_SCHEMA, articles, [_field(n) for n in names])


def sentences_table(sentences: Sequence[Sentence]) -> pa.Table:
    """Arrow table for the `sentences` table."""
    return _table(
        SENTENCE_SCHEMA, sentences, [_field(n) for n in ("article_id", "index", "start", "end", "text")]
    )


def incidents_table(incidents: Sequence[Incident]) -> pa.Table:
    """One row per member event: event id -> incident id, with the incident's mention count and outlets."""
    rows = [(m, i.id, i.n_mentions, OUTLET_SEPARATOR.join(i.outlets)) for i in incidents for m in i.mentions]
    columns = list(zip(*rows, strict=True)) if rows else [[], [], [], []]
    arrays = [pa.array(col, type=f.type) for f, col in zip(INCIDENT_SCHEMA, columns, strict=True)]
    return pa.Table.from_arrays(arrays, schema=INCIDENT_SCHEMA)


def discards_table(discards: Sequence[Discarded]) -> pa.Table:
    """Arrow table for the `discards` table."""
    return _table(DISCARD_SCHEMA, discards, [_field(n) for n in ("stage", "item_id", "reason", "source")])


def _mention_getters(side: str) -> list[Callable[[Event], Any]]:
    """Getters for the nine columns of one mention of an event (all None for a missing mention)."""

    def get(path: str) -> Callable[[Event], Any]:
        def read(e: Event) -> Any:
            value: Any = getattr(e, side)
            for name in path.split("."):
                if value is None:
                    return None
                value = getattr(value, name)
            return value

        return read

    actor = ("country", "sector", "igo", "name", "how", "key")
    return [get(p) for p in ("text", "start", "end", *(f"actor.{a}" for a in actor))]


def events_table(events: Sequence[Event]) -> pa.Table:
    """Arrow table for the `events` table (with the derived source/target dyad keys)."""
    getters: list[Callable[[Event], Any]] = [
        _field("id"),
        _field("article_id"),
        _field("sentence_index"),
        _field("date"),
        *_mention_getters("source"),
        *_mention_getters("target"),
        lambda e: e.trigger.text,
        lambda e: e.trigger.start,
        lambda e: e.trigger.end,
        *(_field(n) for n in ("cameo", "cameo_root", "plover", "goldstein", "quad", "modality", "versions")),
        *(_field(n) for n in ("plover_mode", "plover_context", "date_precision", "date_text", "historical")),
        *_mention_getters("reported_by"),
    ]
    return _table(EVENT_SCHEMA, events, getters)


def article_from_row(row: Sequence[Any]) -> Article:
    """Rebuild an `Article` from a row in `ARTICLE_COLUMNS` order."""
    return Article(*row)


def sentence_from_row(row: Sequence[Any]) -> Sentence:
    """Rebuild a `Sentence` from a row in `SENTENCE_COLUMNS` order."""
    return Sentence(*row)


def discard_from_row(row: Sequence[Any]) -> Discarded:
    """Rebuild a `Discarded` from a row in `DISCARD_COLUMNS` order."""
    return Discarded(*row)


def _mention(row: Sequence[Any], at: int) -> Mention:
    """Rebuild the mention whose nine columns start at `at` (the derived key column is skipped)."""
    text, start, end, country, sector, igo, name, how, _key = row[at : at + 9]
    return Mention(text, start, end, Actor(country, sector, igo, name, how))


def _optional_mention(row: Sequence[Any], at: int) -> Mention | None:
    return None if row[at] is None else _mention(row, at)


def event_from_row(row: Sequence[Any]) -> Event:
    """Rebuild an `Event` from a row in `EVENT_COLUMNS` order."""
    event_id, article_id, sentence_index, when = row[0:4]
    trigger = Trigger(*row[22:25])
    cameo, cameo_root, plover, goldstein, quad, modality, versions = row[25:32]
    return Event(
        id=event_id,
        article_id=article_id,
        sentence_index=sentence_index,
        source=_mention(row, 4),
        target=_mention(row, 13),
        trigger=trigger,
        cameo=cameo,
        cameo_root=cameo_root,
        plover=plover,
        goldstein=goldstein,
        quad=quad,
        modality=modality,
        versions=versions,
        date=_as_date(when),
        plover_mode=row[32] or "",
        plover_context=row[33] or "",
        date_precision=row[34] or "",
        date_text=row[35] or "",
        historical=bool(row[36]),
        reported_by=_optional_mention(row, 37),
    )


def _as_date(value: Any) -> date | None:
    """DuckDB returns DATE as `datetime.date`; keep None, and narrow a datetime to its date."""
    if value is None or type(value) is date:
        return value
    return value.date() if hasattr(value, "date") else value
