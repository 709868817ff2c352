"""Argument -> Mention: which actor a noun phrase names, and in which sector.

Rules, in order:
1. The alias that heads the phrase wins ("the Kremlin", "Baku protested"); a capital or seat
   acting as the head is its government (the entry's sector, e.g. GOV): metonymy by position.
2. Otherwise the nearest alias to the head wins, except that a capital modifying a noun is a
   place ("the Baku office of Sputnik" -> Sputnik; "Baku residents" -> AZE CVL only if nothing else);
   so is a listed region or city ("Darfur rebels" -> SDN with the sector of "rebels"), which names
   its country, never its government.
3. Sector: an alias that modifies a noun takes the sector of that role noun ("Azerbaijan's foreign
   ministry" GOV, "Azerbaijani police officers" COP, "homes of Azerbaijani residents" CVL); an alias
   that is itself the noun phrase takes its entry's sector (institution, seat, capital, person); a
   demonym on its own ("Azerbaijanis") is CVL; a country name on its own has no sector, but one
   or capital that a role noun governs through "of"/"from"/"in" takes its sector ("the president of
   Armenia" GOV, "students in Tehran" EDU).
4. An alias found outside the phrase stands for a pronoun in it (the NLP stage links "two of its
   employees" to "Sputnik Azerbaijan" named earlier, "promised him" to "Ilham Aliyev"): it resolves
   only to a listed person for "him"/"her" and only to a non-person for "its"/"their" (which the NLP
   stage links only before a role or member noun: "its embassy", "its employees"). Its `how` starts
   with `PRONOUN_COREFERENCE`.
The Actor's `how` records which rule applied, so an analyst can see why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dyadwatch.actors.dictionary import ActorDictionary, ActorEntry
from dyadwatch.types import Actor, AliasHit, Argument, Mention


def _is_place(hit: AliasHit, entry: ActorEntry) -> bool:
    return entry.kind in ("capital", "place") and not hit.owns_phrase and not hit.possessive


PERSON_OBJECT_PRONOUNS = frozenset({"him", "her"})
PRONOUN_COREFERENCE = "coreference (pronoun)"
"""How an actor found through a pronoun's antecedent begins."""


def is_antecedent(arg: Argument, hit: AliasHit) -> bool:
    """True for an alias wholly outside the phrase: what a pronoun in the phrase refers back to."""
    return hit.span.end <= arg.phrase.start or hit.span.start >= arg.phrase.end


def via_pronoun(actor: Actor) -> bool:
    """True for an actor resolved through a pronoun's antecedent (rule 4)."""
    return actor.how.startswith(PRONOUN_COREFERENCE)


def _fits_pronoun(arg: Argument, hit: AliasHit, entry: ActorEntry) -> bool:
    if not is_antecedent(arg, hit):
        return True
    return (entry.kind == "person") == (arg.head.text.lower() in PERSON_OBJECT_PRONOUNS)


def _pick(found: list[tuple[AliasHit, ActorEntry]]) -> tuple[AliasHit, ActorEntry]:
    for hit, entry in found:
        if hit.is_head:
            return hit, entry
    for hit, entry in found:
        if not _is_place(hit, entry):
            return hit, entry
    return found[0]


def _sector(hit: AliasHit, entry: ActorEntry, dictionary: ActorDictionary) -> tuple[str | None, str]:
    if entry.kind == "person":
        return entry.sector, f"person: {entry.alias} [{entry.role or 'listed'}]"
    if hit.owns_phrase:
        if entry.kind in ("name", "capital") and (of_sector := dictionary.sector_of(hit.sector_phrases)):
            return of_sector, f"{entry.kind}+of-role-noun"
        if entry.kind == "demonym":
            return "CVL", "demonym"
        if entry.kind in ("capital", "seat"):
            return entry.sector, f"{entry.kind}-as-actor"
        return entry.sector, entry.kind
    noun_sector = dictionary.sector_of(hit.sector_phrases)
    if not noun_sector and hit.possessive and entry.kind in ("capital", "seat"):
        return entry.sector, f"{entry.kind}-as-actor"
    if noun_sector:
        return noun_sector, f"{entry.kind}+role-noun"
    if entry.kind in ("institution", "seat", "igo"):
        return entry.sector, entry.kind
    return None, entry.kind


def _ethnic_home(
    arg: Argument, hit: AliasHit, entry: ActorEntry, found: list[tuple[AliasHit, ActorEntry]]
) -> Actor | None:
    """ "ethnic Albanians in southern Serbia", "ethnic Russians of eastern Ukraine": an ethnic group
    placed in another country is that country's civilians (a minority there, as ICEWS codes it),
    not the state its name recalls. None for any other phrase."""
    if entry.kind != "demonym" or not hit.is_head:
        return None
    before = arg.phrase.text[: max(0, hit.span.start - arg.phrase.start)].lower().split()
    if not before or before[-1] != "ethnic":
        return None
    homes = [e for h, e in found if h.span.start >= hit.span.end and e.kind in ("name", "place", "capital")
             and e.code != entry.code and not is_antecedent(arg, h)]
    if not homes:
        return None
    return homes[0].actor(sector="CVL", how=f"ethnic group in {homes[0].alias}")


def resolve_argument(
    arg: Argument,
    *,
    dictionary: ActorDictionary,
    on: date | None = None,
    lookup: Callable[[AliasHit], ActorEntry | None] | None = None,
) -> Mention | None:
    """The actor an argument names on the given date, or None if no alias in it resolves.

    `lookup` replaces the plain dictionary lookup (the article resolver adds surnames that way)."""
    find = lookup or (lambda hit: dictionary.lookup(hit.span.text, on=on))
    found = [(hit, entry) for hit in arg.aliases if (entry := find(hit)) and _fits_pronoun(arg, hit, entry)]
    if not found:
        return None
    hit, entry = _pick(found)
    if (home := _ethnic_home(arg, hit, entry, found)) is not None:
        return Mention(text=arg.phrase.text, start=arg.phrase.start, end=arg.phrase.end, actor=home)
    sector, how = _sector(hit, entry, dictionary)
    if is_antecedent(arg, hit):
        how = f"{PRONOUN_COREFERENCE}: {arg.phrase.text} -> {hit.span.text} ({how})"
    actor = entry.actor(sector=sector, how=how)
    return Mention(text=arg.phrase.text, start=arg.phrase.start, end=arg.phrase.end, actor=actor)
