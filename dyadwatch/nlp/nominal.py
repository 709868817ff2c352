"""Nominal events: "the arrest of two Sputnik journalists by Azerbaijani police", "Russian airstrikes
on Syria", "Moscow's expulsion of Azerbaijani diplomats", "a planned visit to Baku".

- source: a possessive ("Moscow's expulsion"), a "by" agent, a country word modifying the noun
  ("Russian airstrikes"), or failing those a "from" phrase ("an apology from Moscow");
- target: an "of" object when the source is known another way, else a pobj of on/against/to/with/at/
  toward(s)/into/over, else the parties of a "between" phrase ("Egypt's mediation between X and Y");
- "talks between X and Y" with no source of its own: X and Y are both sources, and each other's target;
- a noun with no source of its own is not an event: in "imposed sanctions on Russia" the verb carries
  it, so it is counted once;
- modality: "planned/proposed/possible/alleged/reported" modifiers, "no" ("no apology"), and the verb the
  noun depends on ("denied the raid" -> denied, "called for sanctions" -> hypothetical, "did not
  announce sanctions" -> negated).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.tokens import Token

from dyadwatch.nlp.modality import (
    ALLEGE_HEADS,
    DENY_HEADS,
    FUTURE_HEADS,
    HYPOTHETICAL_HEADS,
    read_modality,
)

TARGET_PREPS = frozenset({"on", "against", "to", "with", "at", "toward", "towards", "into", "over"})
MODIFIER_CUES = {
    "planned": "future", "upcoming": "future", "scheduled": "future", "forthcoming": "future",
    "proposed": "hypothetical", "possible": "hypothetical", "potential": "hypothetical", "threatened": "hypothetical",
    "alleged": "alleged", "reported": "alleged", "suspected": "alleged", "purported": "alleged",
}
HEAD_CUES = (
    (DENY_HEADS, "denied"),
    (HYPOTHETICAL_HEADS | {"seek", "propose", "demand", "urge", "call"}, "hypothetical"),
    (FUTURE_HEADS | {"announce"}, "future"),
    (ALLEGE_HEADS, "alleged"),
)


def _pobj(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def noun_arguments(noun: Token, is_alias: Callable[[Token], bool]) -> tuple[list[Token], list[Token]]:
    """(sources, targets) head tokens of a nominal event."""
    sources: list[Token] = [c for c in noun.children if c.dep_ == "poss"]
    of_objects: list[Token] = []
    targets: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            sources.extend(_pobj(child))
        elif child.dep_ == "prep" and child.lower_ == "of":
            of_objects.extend(_pobj(child))
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            targets.extend(_pobj(child))
        elif child.dep_ in ("amod", "compound") and is_alias(child) and not sources:
            sources.append(child)
    for obj in of_objects:  # "the arrest of two journalists by police": the parser often hangs "by" on the object
        sources.extend(p for c in obj.children if c.dep_ == "prep" and c.lower_ == "by" for p in _pobj(c))
    if not sources:
        sources = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "from" for p in _pobj(c)]
    between = [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
               for p in _pobj(c) for t in (p, *p.conjuncts)]
    if not sources and len(between) >= 2:
        return between, []  # "talks between X and Y": both sides act, on each other
    if not targets:
        targets = of_objects or between
    return sources, targets


def noun_modality(noun: Token) -> str:
    """Modality of a nominal event from its modifiers and the verb it depends on."""
    for child in noun.children:
        if child.lower_ == "no" and child.dep_ == "det":
            return "negated"
        if child.dep_ in ("amod", "compound") and child.lower_ in MODIFIER_CUES:
            return MODIFIER_CUES[child.lower_]
    head = noun.head
    while head.dep_ == "prep" and head.head != head:
        head = head.head
    if head is noun or head.pos_ not in ("VERB", "AUX"):
        return "asserted"
    lemma = head.lemma_.lower()
    for heads, modality in HEAD_CUES:
        if lemma in heads:
            return modality
    return read_modality(head)


def is_nominal_trigger(noun: Token, noun_lemmas: Collection[str]) -> bool:
    """A lexicon noun. (A noun that is the object of a lexicon verb without a source of its own —
    "imposed sanctions on Georgia" — yields no nominal event: `noun_arguments` finds no source.)"""
    return noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() in noun_lemmas
