"""Hand-built events and incidents for the analysis tests (no NLP, no store)."""

from __future__ import annotations

import itertools
from datetime import date

from dyadwatch.analysis.incidents import cluster_events
from dyadwatch.ontology import load_ontology
from dyadwatch.types import Actor, Event, Incident, Mention, Trigger

_ids = itertools.count()


def make_event(
    source: str,
    target: str,
    day: date | None,
    cameo: str = "040",
    *,
    modality: str = "asserted",
    source_sector: str | None = None,
    target_sector: str | None = None,
    trigger: str = "met",
    article_id: str | None = None,
    event_id: str | None = None,
    date_precision: str = "day",
) -> Event:
    """An event between two state actors, with Goldstein, quad and PLOVER read from the CAMEO table."""
    info = load_ontology().codes[cameo]
    n = next(_ids)
    return Event(
        id=event_id or f"e{n:05d}",
        article_id=article_id or f"a{n:05d}",
        sentence_index=0,
        source=Mention(source, 0, len(source), Actor(country=source, sector=source_sector)),
        target=Mention(target, 10, 10 + len(target), Actor(country=target, sector=target_sector)),
        trigger=Trigger(trigger, 5, 5 + len(trigger)),
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=info.plover,
        goldstein=info.goldstein,
        quad=info.quad,
        modality=modality,
        date=day,
        date_precision=date_precision if day else "",
    )


def make_incident(source: str, target: str, day: date | None, cameo: str = "040", **kwargs) -> Incident:
    """A one-mention incident."""
    (incident,) = cluster_events([make_event(source, target, day, cameo, **kwargs)])
    return incident
