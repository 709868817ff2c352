"""Candidate -> Events: pick the lexicon pattern, pair subjects with targets, attach the codes.

A candidate of kind "intent" (a future act its subject states as its own intention, see
nlp/intent.py) is coded like its verb, then given the code of stating that intent (`INTENT_CODES`);
its targets are the act's. One of kind "refusal" ("would not meet ...") gets the 12x rejection code
of the act (`REFUSAL_CODES`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from dyadwatch.actors import via_pronoun
from dyadwatch.ontology.tables import CameoCode, Ontology, VerbPattern
from dyadwatch.types import Actor, Argument, Candidate, Event, Mention, content_id

Resolve = Callable[[Argument], list[Mention]]
"""Argument -> the actors it names (none, one, or two for "both sides")."""


COMPLEMENT_ROOTS = frozenset({"02", "03", "10", "12", "13"})
"""Roots whose target usually sits in the governed clause ("agreed to free X", "urged Y to ...")."""

RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
"""Roots whose coordinated subjects act on each other when no target is named
("Baku and Moscow agreed to ...", "the two ministers held talks")."""


MUTUAL_CODES = frozenset({"041", "046"})
"""Codes that take two sides by definition: a negotiation or a phone call between X and Y is X talking
to Y and Y talking to X, so "X held talks with Y" and "X telephoned Y" yield both directions."""


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


MILITARY_VARIANTS: dict[str, str] = {"160": "087"}
"""Code of a verb read with no object -> its code when every subject is a military: "the ministry
withdrew from the talks" reduces relations (160), "Russian troops withdrew from the town" is a
military de-escalation (087)."""


def _military_variant(code: str, candidate: Candidate, resolve: Resolve) -> str:
    if code not in MILITARY_VARIANTS or candidate.object_lemma or not candidate.subjects:
        return code
    sectors = {m.actor.sector for arg in candidate.subjects for m in resolve(arg)}
    return MILITARY_VARIANTS[code] if sectors == {"MIL"} else code


PROTEST_ROOT = "14"
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def _protest_aim(candidate: Candidate, sources: list[Mention], resolve: Resolve) -> list[Mention]:
    """A protest with no named target is aimed at the actors its purpose clause names ("went on
    hunger strike to protest against X's decision", "to demand that X resign"); own-side pronouns
    ("to protect their rights") are no target."""
    own = {m.actor.country for m in sources if m.actor.country}
    found = [m for arg in candidate.complement_objects for m in resolve(arg)
             if not (via_pronoun(m.actor) and m.actor.country in own)]
    return _distinct(found)


def _protested_government(candidate: Candidate, sources: list[Mention], resolve: Resolve) -> list[Mention]:
    """A protest that names no target is against the government of the country it takes place in
    ("demonstrated in Tbilisi", "rallied in Georgia"), or else of the protesters' own country
    ("Armenian protesters blocked the highway"), as CAMEO coders code it. Only for protesters who
    are not themselves a state organ; the target mention spans the trigger."""
    if not sources or any(m.actor.sector in STATE_SECTORS or m.actor.country is None for m in sources):
        return []
    places = [m for prep, arg in candidate.prep_objects if prep == "in" for m in resolve(arg) if m.actor.country]
    where = places[0].actor if places else sources[0].actor
    name = where.name if places or not where.how.startswith("person") else where.country
    actor = Actor(where.country, "GOV", name=name or "", how=f"protest target: government of {where.country}")
    trigger = candidate.trigger
    return [Mention(text=trigger.text, start=trigger.start, end=trigger.end, actor=actor)]


FORCE_ROOTS = frozenset({"18", "19", "20"})


def _attacked_place(candidate: Candidate, sources: list[Mention], resolve: Resolve) -> list[Mention]:
    """An assault or attack on no named actor hits the country where it takes place ("drones struck
    energy facilities in Kharkiv", "shelled villages in Idlib"): that country, with no sector."""
    if not sources:
        return []
    for prep, arg in candidate.prep_objects:
        if prep != "in":
            continue
        for m in resolve(arg):
            if m.actor.country:
                actor = Actor(m.actor.country, None, name=m.actor.name, how=f"attack location: {m.text}")
                return [Mention(text=m.text, start=m.start, end=m.end, actor=actor)]
    return []


def _distinct(mentions: list[Mention]) -> list[Mention]:
    """One mention per actor: the parts of one name that the parser split into conjuncts ("the emir,
    Sheikh Hamad bin Khalifa al-Thani") or a country named twice give one event, not several."""
    seen: set[tuple[str, str | None, str]] = set()
    out = []
    for m in mentions:
        who = (m.actor.key, m.actor.sector, m.actor.name)
        if who not in seen:
            seen.add(who)
            out.append(m)
    return out


def _pairs(sources: list[Mention], targets: list[Mention], info: CameoCode) -> list[tuple[Mention, Mention]]:
    if not targets and len(sources) >= 2 and info.root in RECIPROCAL_ROOTS:
        return [(a, b) for a in sources for b in sources if a.actor.key != b.actor.key]
    pairs = [(a, b) for a in sources for b in targets if (a.start, a.end) != (b.start, b.end)]
    if info.code in MUTUAL_CODES:
        pairs += [(b, a) for a, b in pairs if a.actor.key != b.actor.key and (b, a) not in pairs]
    return pairs


TOPIC_PREPS = frozenset({"on", "over"})
"""Prepositions that give the topic, not the target, of talks and cooperation ("renewed talks on a
troop pullback from X"); for attacks and protests they give the target."""
CARRIED_TARGET_PREPS = frozenset(
    {"on", "against", "to", "with", "at", "toward", "towards", "into", "over", "between"}
)
"""Where the target of a noun carried by a light verb sits ("paid a visit to X", "held talks with X",
"staged a protest against X", "launched a mediation effort between X and Y")."""


def _carried(candidate: Candidate, ontology: Ontology) -> tuple[CameoCode, list[tuple[Argument, ...]]] | None:
    """The event a light verb carries in its object noun (`Candidate.modifiers` of a verb candidate:
    the noun's lemma, then its modifiers), with the verb's and the noun's prepositional objects as
    the target tier; None when the noun lexicon has no row for it."""
    if not candidate.modifiers:
        return None
    noun = ontology.match_noun(candidate.modifiers[0], modifiers=candidate.modifiers[1:])
    if noun is None:
        return None
    info = ontology.info(noun.code)
    preps = CARRIED_TARGET_PREPS - TOPIC_PREPS if info.root in RECIPROCAL_ROOTS else CARRIED_TARGET_PREPS
    return info, [tuple(arg for prep, arg in candidate.prep_objects if prep in preps)]


INTENT_CODES: dict[str, str] = {
    "04": "036", "045": "039", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313",
    "064": "0314", "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "08": "035",
    "081": "0351", "083": "034", "0831": "0341", "0832": "0343", "0833": "0342", "084": "0353", "085": "0354",
    "086": "0355", "087": "0356", "14": "133", "16": "131", "161": "1313", "162": "1311", "163": "1312",
    "164": "134", "165": "135", "166": "136", "17": "137", "172": "132", "1721": "1321", "1722": "1322",
    "1723": "1323", "1724": "1324", "18": "138", "19": "1384", "191": "1381", "192": "1382", "20": "138",
    "204": "1385",
}
"""Code of an act -> code of stating the intent to do it (most specific prefix wins): cooperation
under 03 ("will visit" 036, "will free" 0353), conflict under 13 ("would blockade" 1381). Statements,
appeals, intents, investigations, verbal conflict, threats and force postures (01-03, 09-13, 15) have
none: announcing them is no separate event."""


REFUSAL_CODES: dict[str, str] = {
    "04": "125", "045": "126", "05": "120", "057": "127", "06": "121", "061": "1211", "062": "1212", "07": "121",
    "071": "1211", "072": "1212", "08": "124", "081": "1241", "084": "1243", "085": "1244", "086": "1245",
    "087": "1246",
}
"""Code of a cooperative act -> code of stating that one will not do it ("would not meet" 125, "will
not release" 1243, "would not provide support" 121, as CAMEO's 12x rejections); conflictual and
verbal acts have none."""


def _by_prefix(table: dict[str, str], code: str) -> str | None:
    for n in (4, 3, 2):
        if len(code) >= n and code[:n] in table:
            return table[code[:n]]
    return None


def refusal_code(code: str) -> str | None:
    """The 12x code for stating that one will not do `code`, or None (see `REFUSAL_CODES`)."""
    return _by_prefix(REFUSAL_CODES, code)


def intent_code(code: str) -> str | None:
    """The 03x/13x code for stating the intent to do `code`, or None (see `INTENT_CODES`)."""
    return _by_prefix(INTENT_CODES, code)


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
        if pattern is not None:
            info = ontology.info(_military_variant(pattern.code, candidate, resolve))
            tiers = _target_tiers(candidate, pattern, info.code)
        elif (carried := _carried(candidate, ontology)) is not None:
            info, tiers = carried
        else:
            return []
        if candidate.kind in ("intent", "refusal"):
            stated = (intent_code if candidate.kind == "intent" else refusal_code)(info.code)
            if stated is None:
                return []
            info = ontology.info(stated)
    sources = _distinct([m for arg in candidate.subjects for m in resolve(arg)])
    targets = _distinct(_choose_targets(tiers, sources, resolve, admission=info.code in ADMISSION_CODES))
    if not targets and info.root == PROTEST_ROOT:
        targets = _protest_aim(candidate, sources, resolve) or _protested_government(candidate, sources, resolve)
    elif not targets and info.root in FORCE_ROOTS:
        targets = _attacked_place(candidate, sources, resolve)
    reporters = _reporters(candidate.reporter, resolve)
    reported_by = reporters[0] if reporters else None
    return [
        _event(candidate, info, source, target, on=on, versions=versions, reported_by=reported_by,
               modality=_modality(candidate.modality, source, reporters))
        for source, target in _pairs(sources, targets, info)
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
