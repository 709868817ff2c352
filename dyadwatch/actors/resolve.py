"""Argument -> Mention: which actor a noun phrase names, and in which sector.

Rules, in order:
1. The alias that is the head of the phrase wins ("the Kremlin", "Baku protested"); a capital or
   seat acting as the head is its government (entry sector, e.g. GOV).
2. Otherwise the nearest alias to the head wins, except that capitals used as modifiers are places
   ("the Baku office of Sputnik" -> Sputnik), so other aliases go first.
3. Sector: a role noun ending at the head ("foreign ministry" GOV, "police officers" COP,
   "nationals" CVL) beats the entry's own sector; a demonym head ("Azerbaijanis") is CVL.
The Actor's `how` records which rule applied, so an analyst can see why.
"""

from __future__ import annotations

from datetime import date

from dyadwatch.actors.dictionary import ActorDictionary, ActorEntry
from dyadwatch.types import Argument, Mention, Span

_PLACE_LIKE = frozenset({"capital"})


def _pick(arg: Argument, found: list[tuple[Span, ActorEntry]]) -> tuple[Span, ActorEntry]:
    if arg.head_alias and found[0][0] == arg.aliases[0]:
        return found[0]
    for span, entry in found:
        if entry.kind not in _PLACE_LIKE:
            return span, entry
    return found[0]


def resolve_argument(arg: Argument, *, dictionary: ActorDictionary, on: date | None = None) -> Mention | None:
    """The actor an argument names on the given date, or None if no alias in it resolves."""
    found = [(span, entry) for span in arg.aliases if (entry := dictionary.lookup(span.text, on=on))]
    if not found:
        return None
    span, entry = _pick(arg, found)
    is_head = arg.head_alias and span == arg.aliases[0]
    noun_sector = None if is_head else dictionary.sector_of(arg.sector_phrases)
    if noun_sector:
        sector, how = noun_sector, f"{entry.kind}+role-noun"
    elif is_head and entry.kind == "demonym":
        sector, how = "CVL", "demonym"
    elif is_head or entry.kind in ("institution", "person", "seat"):
        sector, how = entry.sector, (f"{entry.kind}-as-actor" if entry.kind in _PLACE_LIKE else entry.kind)
    else:
        sector, how = None, entry.kind
    actor = entry.actor(sector=sector, how=how)
    return Mention(text=arg.phrase.text, start=arg.phrase.start, end=arg.phrase.end, actor=actor)
