"""Candidate -> Events: pick the lexicon pattern, pair subjects with targets, attach the codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from dyadwatch.actors import via_pronoun
from dyadwatch.ontology.tables import CameoCode, Ontology, VerbPattern
from dyadwatch.types import Argument, Candidate, Event, Mention, content_id

Resolve = Callable[[Argument], list[Mention]]
"""Argument -> the actors it names (none, one, or two for "both sides")."""


COMPLEMENT_ROOTS = frozenset({"02", "03", "10", "12", "13"})
"""Roots whose target usually sits in the governed clause ("agreed to free X", "urged Y to ...")."""

RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
"""Roots whose coordinated subjects act on each other when no target is named
("Baku and Moscow agreed to ...", "the two ministers held talks")."""


ADMISSION_CODES = frozenset({"015"})
"""Codes whose target is the addressee ("admitted to Aliyev") or else the patient of the admitted
act ("admitted that its missiles hit the Azerbaijani plane"), never the admitting side itself."""


def _target_tiers(candidate: Candidate, pattern: VerbPattern, code: str) -> list[tuple[Argument, ...]]:
    """Where the target may be, best first: the prepositional objects the pattern names ("apologised
    to X"), the direct objects, then (for intent/appeal/demand/reject/threat verbs and admissions) the
    objects of the governed clause. The first non-empty tier is the target (the lexicon's choice);
    the later ones are only read when it names the source's own side (see `_choose_targets`)."""
    tiers = [tuple(arg for prep, arg in candidate.prep_objects if prep in pattern.preps)] if pattern.preps else []
    tiers.append(candidate.objects)
    if code[:2] in COMPLEMENT_ROOTS or code in ADMISSION_CODES:
        tiers.append(candidate.complement_objects)
    return tiers


def _choose_targets(
    tiers: list[tuple[Argument, ...]], sources: list[Mention], resolve: Resolve, *, admission: bool
) -> list[Mention]:
    """Targets from the first non-empty tier. When they all belong to the source's own country, a
    later tier naming another country wins ("Azerbaijan cancelled a visit to Baku by Russia's deputy
    prime minister": the visitor, not the destination). An admission reads on until it finds an
    actor of another country, and without one it has no target. A pronoun that comes back to the
    source's own country ("Moscow recalled its ambassador", "he would welcome him") is no target."""
    own = {m.actor.country for m in sources if m.actor.country}
    chosen: list[Mention] | None = None
    for args in tiers:
        if not args:
            continue
        found = [m for arg in args for m in resolve(arg) if not (via_pronoun(m.actor) and m.actor.country in own)]
        foreign = [m for m in found if m.actor.country not in own]
        if admission or chosen is not None:
            if foreign:
                return foreign
            continue
        chosen = found
        if foreign or not found or not own:
            return found
    return [] if admission or chosen is None else chosen


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
        info, tiers = ontology.info(noun.code), [candidate.objects]
    else:
        pattern = ontology.match(candidate.lemma, particle=candidate.particle, object_lemma=candidate.object_lemma)
        if pattern is None:
            return []
        info = ontology.info(pattern.code)
        tiers = _target_tiers(candidate, pattern, info.code)
    sources = [m for arg in candidate.subjects for m in resolve(arg)]
    targets = _choose_targets(tiers, sources, resolve, admission=info.code in ADMISSION_CODES)
    reporters = _reporters(candidate.reporter, resolve)
    reported_by = reporters[0] if reporters else None
    return [
        _event(candidate, info, source, target, on=on, versions=versions, reported_by=reported_by,
               modality=_modality(candidate.modality, source, reporters))
        for source, target in _pairs(sources, targets, info.root)
    ]


def _reporters(reporter: Argument | None, resolve: Resolve) -> list[Mention]:
    """Who reports the event: the reporter phrase's actor first, then every other actor it names
    ("according to statements from the Kremlin and the Azerbaijani presidency" names both)."""
    if reporter is None:
        return []
    found = resolve(reporter)
    if len(reporter.aliases) > 1:
        found += [m for hit in reporter.aliases for m in resolve(replace(reporter, aliases=(hit,)))]
    return found


def _modality(read: str, source: Mention, reporters: list[Mention]) -> str:
    """An act attributed to the actor itself or to its own government ("..., according to the
    Azerbaijani presidency" for an Azerbaijani act) is that side's own account of what it did: a
    readout, not an allegation, so it stays asserted. Any other source leaves the modality as read."""
    if read != "alleged":
        return read
    own = source.actor
    for by in (m.actor for m in reporters):
        itself = (by.key, by.sector, by.name) == (own.key, own.sector, own.name)
        if itself or (by.sector == "GOV" and by.country is not None and by.country == own.country):
            return "asserted"
    return read


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
    modality: str,
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
        modality=modality,
        date=candidate.event_date or on,
        versions=versions,
        plover_mode=info.plover_mode,
        plover_context=info.plover_context,
        date_precision=candidate.date_precision if candidate.event_date else ("day" if on else ""),
        date_text=candidate.date_text if candidate.event_date else "",
        historical=bool(on and candidate.event_date and on - candidate.event_date > HISTORICAL_AFTER),
        reported_by=reported_by,
    )
