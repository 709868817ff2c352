"""Light verbs: support verbs whose direct object names the event ("held talks with X", "staged a
protest against X", "paid a visit to X", "launched a mediation effort between X and Y").

A light verb whose object is a lexicon event noun with no actor of its own carries that noun: the
verb candidate's `modifiers` hold the noun's lemma first, then its own modifiers, and the coder reads
the event from the noun lexicon when no verb row applies (ontology/code.py). A noun with an actor of
its own ("made Arnor's first visit") is coded by itself as a nominal event, so it is not carried.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from dyadwatch.nlp.nominal import noun_arguments

LIGHT_VERBS = frozenset(
    {"make", "pay", "hold", "conduct", "carry", "stage", "launch", "undertake", "begin", "start", "resume",
     "renew", "continue", "mount", "open", "give", "extend", "issue", "lodge", "file", "wage", "unleash",
     "organise", "organize", "lead", "host", "join", "intensify", "escalate", "step"}
)
"""Support verbs whose direct object names the event ("held talks", "staged a protest", "paid a visit")."""
VERB_LEMMA_SLIPS = {"stag": "stage", "retook": "retake", "retaken": "retake"}
"""Verb lemmas the small English pipeline gets wrong ("staged" -> "stag", "retook" left unlemmatised), read as
the verb meant."""
GENERIC_EVENT_HEADS = frozenset(
    {"effort", "mission", "bid", "attempt", "campaign", "round", "process", "initiative", "operation", "series",
     "wave", "programme", "program"}
)
"""Object heads that stand for the event noun modifying them ("a mediation effort", "a peace mission")."""


def direct_object(verb: Token) -> Token | None:
    """The direct object, or for a passive verb its passive subject ("the ambassador was summoned")."""
    direct = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if direct is None and any(c.dep_ == "auxpass" for c in verb.children):
        direct = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return direct


def carried_noun(verb: Token, noun_lemmas: Collection[str], alias_at: dict[int, tuple[int, int]]) -> tuple[str, ...]:
    """For a light verb: (event noun lemma, its modifier lemmas...) when its object is a lexicon
    event noun with no actor of its own, else (). "staged a protest" -> ("protest",); "launched a
    mediation effort" -> ("mediation",); "made Arnor's visit" -> () (the noun is coded on its own)."""
    obj = direct_object(verb)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return ()
    noun = obj if obj.lemma_.lower() in noun_lemmas else None
    if noun is None and obj.lemma_.lower() in GENERIC_EVENT_HEADS:
        noun = next((c for c in obj.children if c.dep_ in ("compound", "amod") and c.lemma_.lower() in noun_lemmas
                     and c.i not in alias_at), None)
    if noun is None or noun.i in alias_at:
        return ()
    sources, _ = noun_arguments(noun, lambda t: t.i in alias_at)
    if sources:
        return ()
    mods = [c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound")]
    if noun is not obj:
        mods += [c.lemma_.lower() for c in obj.children if c.dep_ in ("amod", "compound") and c is not noun]
    return (noun.lemma_.lower(), *mods)
