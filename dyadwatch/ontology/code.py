"""Candidate -> Events: pick the lexicon pattern, pair subjects with targets, attach the codes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dyadwatch.ontology.tables import Ontology, VerbPattern
from dyadwatch.types import Argument, Candidate, Event, Mention, content_id

Resolve = Callable[[Argument], Mention | None]


def _targets(candidate: Candidate, pattern: VerbPattern) -> tuple[Argument, ...]:
    if pattern.preps:
        return tuple(arg for prep, arg in candidate.prep_objects if prep in pattern.preps)
    return candidate.objects


def code_candidate(
    candidate: Candidate,
    *,
    ontology: Ontology,
    resolve: Resolve,
    on: date | None,
    versions: str,
) -> list[Event]:
    """Every (source, target) event the candidate yields; [] if the lexicon or actors do not apply."""
    pattern = ontology.match(candidate.lemma, particle=candidate.particle, object_lemma=candidate.object_lemma)
    if pattern is None:
        return []
    info = ontology.info(pattern.code)
    sources = [m for m in map(resolve, candidate.subjects) if m is not None]
    targets = [m for m in map(resolve, _targets(candidate, pattern)) if m is not None]
    events: list[Event] = []
    for source in sources:
        for target in targets:
            if (source.start, source.end) == (target.start, target.end):
                continue
            events.append(
                Event(
                    id=content_id(
                        candidate.article_id, str(candidate.sentence_index), f"{source.start}:{source.end}",
                        f"{target.start}:{target.end}", f"{candidate.trigger.start}", info.code, prefix="e",
                    ),
                    article_id=candidate.article_id,
                    sentence_index=candidate.sentence_index,
                    source=source,
                    target=target,
                    trigger=candidate.trigger,
                    cameo=info.code,
                    cameo_root=info.root,
                    plover=info.plover,
                    goldstein=info.goldstein,
                    quad=info.quad,
                    modality=candidate.modality,
                    date=on,
                    versions=versions,
                )
            )
    return events
