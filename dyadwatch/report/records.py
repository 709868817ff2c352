"""Events as plain records: the public JSONL contract of `dyadwatch code` and `dyadwatch events`.

One object per event::

    {"doc_id", "sentence", "source": {"text","start","end","country","sector","code"},
     "target": {same}, "cameo", "cameo_root", "plover", "goldstein", "quad", "modality",
     "trigger": {"text","start","end"}, "date"}

Offsets are into the document text; `country` is ISO 3166-1 alpha-3 or null for an IGO, whose
`code` is e.g. "IGOUNO". Later versions may add keys, never remove or rename them. Added since the
first version: in each actor "name" and "how" (how it was resolved); "date_precision", "date_text",
"historical", "plover_mode", "plover_context", "reported_by" (an actor object or null), "versions".
For stored articles, "sentence": -1 marks the headline; its offsets index the article's title.
"""

from __future__ import annotations

from typing import Any

from dyadwatch.types import Event, Mention


def _mention(mention: Mention | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    actor = mention.actor
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "country": actor.country,
        "sector": actor.sector,
        "code": actor.code,
        "name": actor.name,
        "how": actor.how,
    }


def event_record(event: Event, *, doc_id: str | None = None) -> dict[str, Any]:
    """The public JSON shape of one event."""
    return {
        "doc_id": doc_id if doc_id is not None else event.article_id,
        "sentence": event.sentence_index,
        "source": _mention(event.source),
        "target": _mention(event.target),
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "plover": event.plover,
        "goldstein": event.goldstein,
        "quad": event.quad,
        "modality": event.modality,
        "trigger": {"text": event.trigger.text, "start": event.trigger.start, "end": event.trigger.end},
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision or None,
        "date_text": event.date_text or None,
        "historical": event.historical,
        "plover_mode": event.plover_mode or None,
        "plover_context": event.plover_context or None,
        "reported_by": _mention(event.reported_by),
        "versions": event.versions,
    }


TABLE_COLUMNS = ("date", "source", "target", "cameo", "plover", "goldstein", "quad", "modality", "trigger")


def event_row(event: Event) -> dict[str, Any]:
    """A flat row for tables and CSV."""
    return {
        "date": event.date.isoformat() if event.date else "",
        "source": event.source.actor.code,
        "target": event.target.actor.code,
        "cameo": event.cameo,
        "plover": event.plover,
        "goldstein": event.goldstein,
        "quad": event.quad,
        "modality": event.modality,
        "trigger": event.trigger.text,
    }
