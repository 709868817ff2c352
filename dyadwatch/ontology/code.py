"""Candidate -> Events: pick the lexicon pattern, pair subjects with targets, attach the codes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from dyadwatch.ontology.tables import CameoCode, Ontology, VerbPattern
from dyadwatch.types import Argument, Candidate, Event, Mention, content_id

Resolve = Callable[[Argument], list[Mention]]
"""Argument -> the actors it names (none, one, or two for "both sides")."""


COMPLEMENT_ROOTS = frozenset({"02", "03", "10", "12", "13"})
"""Roots whose target usually sits in the governed clause ("agreed to free X", "urged Y to ...")."""

RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
"""Roots whose coordinated subjects act on each other when no target is named
("Baku and Moscow agreed to ...", "the two ministers held talks")."""


def _targets(candidate: Candidate, pattern: VerbPattern, root: str) -> tuple[Argument, ...]:
    """Prepositional objects the pattern names ("apologised to X"); else the direct objects; else,
    for intent/appeal/demand/reject/threat verbs, the objects of the governed clause."""
    if pattern.preps:
        found = tuple(arg for prep, arg in candidate.prep_objects if prep in pattern.preps)
        if found:
            return found
    if candidate.objects or root not in COMPLEMENT_ROOTS:
        return candidate.objects
    return candidate.complement_objects


def _pairs(sources: list[Mention], targets: list[Mention], root: str) -> list[tuple[Mention, Mention]]:
    if not targets and len(sources) >= 2 and root in RECIPROCAL_ROOTS:
        return [(a, b) for a in sources for b in sources if a.actor.key != b.actor.key]
    return [(a, b) for a in sources for b in targets if (a.start, a.end) != (b.start, b.end)]


def code_candidate(
    candidate: Candidate,
    *,
    ontology: Ontology,
    resolve: Resolve,
    on: date | None,
    versions: str,
) -> list[Event]:
    """Every (source, target) event the candidate yields; [] if the lexicon or actors do not apply."""
    if candidate.kind == "noun":
        noun = ontology.match_noun(candidate.lemma, modifiers=candidate.modifiers)
        if noun is None:
            return []
        info, target_args = ontology.info(noun.code), candidate.objects
    else:
        pattern = ontology.match(candidate.lemma, particle=candidate.particle, object_lemma=candidate.object_lemma)
        if pattern is None:
            return []
        info = ontology.info(pattern.code)
        target_args = _targets(candidate, pattern, info.root)
    sources = [m for arg in candidate.subjects for m in resolve(arg)]
    targets = [m for arg in target_args for m in resolve(arg)]
    reported_by = next(iter(resolve(candidate.reporter)), None) if candidate.reporter is not None else None
    return [
        _event(candidate, info, source, target, on=on, versions=versions, reported_by=reported_by)
        for source, target in _pairs(sources, targets, info.root)
    ]


HISTORICAL_AFTER = timedelta(days=31)
"""An event dated more than this before its article is `historical`."""


def _event(
    candidate: Candidate,
    info: CameoCode,
    source: Mention,
    target: Mention,
    *,
    on: date | None,
    versions: str,
    reported_by: Mention | None,
) -> Event:
    event_id = content_id(
        candidate.article_id, str(candidate.sentence_index), f"{source.start}:{source.end}",
        f"{target.start}:{target.end}", f"{candidate.trigger.start}", info.code,
        source.actor.key, target.actor.key, prefix="e",
    )
    return Event(
        id=event_id,
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
        date=candidate.event_date or on,
        versions=versions,
        plover_mode=info.plover_mode,
        plover_context=info.plover_context,
        date_precision=candidate.date_precision if candidate.event_date else ("day" if on else ""),
        date_text=candidate.date_text if candidate.event_date else "",
        historical=bool(on and candidate.event_date and on - candidate.event_date > HISTORICAL_AFTER),
        reported_by=reported_by,
    )
