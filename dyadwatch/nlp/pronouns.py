"""Pronouns that point back to an actor named earlier in the same sentence.

- "its" / "their" (possessive): the nearest earlier noun phrase of the right number ("raided the office
  of Sputnik Azerbaijan and arrested two of its employees" -> Sputnik Azerbaijan; "detained two
  Azerbaijanis and expelled their diplomats" -> Azerbaijanis). Phrases naming a time ("on Monday") or
  a place ("in Baku", "a visit to Moscow") are passed over, and so are coordinated phrases; the
  actor layer never takes a person for "its".
- "him" / "her" as an object ("promised him", "apologised to him"): the nearest earlier proper
  names that are not the subject of that verb (a plain object pronoun never means its own clause's
  subject: that would be "himself"); the actor layer keeps the first that is a listed person.

Only phrases that name an actor count ("cancelled a visit by its delegation": not the visit), and a
possessive only before a role or member noun ("its embassy", "its employees"), so "its timing" or
"its borders" never become actors. (The pipeline runs without NER, so people are told from places by
the actor dictionary.)
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.tokens import Token

POSSESSIVE_NUMBER = {"its": ("NN", "NNP"), "their": ("NNS", "NNPS")}
"""Possessive pronoun -> the tags of a noun it can refer back to."""
OBJECT_PRONOUNS = frozenset({"him", "her"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "pobj"})
PHRASE_HEAD_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "pobj", "attr", "conj", "dative", "oprd", "ROOT"})
"""Phrases that can be antecedents. Not an apposition: it re-describes the phrase before it ("Pakistan,
a key U.S. ally, ... its citizens" means Pakistan's), which is the antecedent."""
PLACE_TIME_PREPS = frozenset(
    {"in", "at", "near", "on", "during", "since", "after", "before", "until", "across", "inside", "outside",
     "within", "throughout", "around"}
)
MEMBER_NOUNS = frozenset(
    {"employee", "staff", "staffer", "manager", "director", "head", "chief", "member", "representative",
     "personnel", "crew", "office", "branch", "bureau", "mission", "officer", "agent", "team", "unit",
     "correspondent", "worker", "official", "diplomat", "envoy", "delegation", "leadership"}
)
"""Lemmas of nouns for the people or offices of an organisation or state ("its employees"), on top of
the role nouns and titles the actor dictionary hands in."""
NOUN_PLACE_PREPS = frozenset({"to", "from", "into", "toward", "towards"})
NAMES_TRIED = 3
"""How many earlier proper names an object pronoun may point to (nearest first)."""


def is_referring_pronoun(tok: Token) -> bool:
    """True for a pronoun this module can resolve in its position."""
    lower = tok.lower_
    if lower in POSSESSIVE_NUMBER:
        return tok.dep_ == "poss"
    return lower in OBJECT_PRONOUNS and tok.dep_ in OBJECT_DEPS


def owns_actor(pronoun: Token, role_nouns: Collection[str]) -> bool:
    """True when a possessive pronoun owns a role or member noun ("its embassy"; not "its borders")."""
    owned = pronoun.head
    words = {owned.lower_, owned.lemma_.lower()}
    return not words.isdisjoint(MEMBER_NOUNS) or not words.isdisjoint(role_nouns)


def _phrase_head(tok: Token) -> bool:
    """A noun heading a phrase that could be an antecedent: not a place or time adjunct ("in Baku",
    "on Monday") nor the destination or origin of a noun ("a visit to Moscow", "envoys from Baku")."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in PHRASE_HEAD_DEPS:
        return False
    if tok.dep_ != "pobj":
        return True
    prep = tok.head
    if prep.lower_ in PLACE_TIME_PREPS:
        return False
    return not (prep.lower_ in NOUN_PLACE_PREPS and prep.head.pos_ in ("NOUN", "PROPN"))


def _coordinated(tok: Token) -> bool:
    return tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children)


def _fits(pronoun: Token, tok: Token) -> bool:
    if pronoun.lower_ in OBJECT_PRONOUNS:
        return tok.pos_ == "PROPN"
    return not _coordinated(tok) and tok.tag_ in POSSESSIVE_NUMBER[pronoun.lower_]


def antecedents(
    pronoun: Token, named: Callable[[Token], bool], *, excluded: Collection[Token] = ()
) -> list[Token]:
    """Heads of the earlier phrases of the sentence the pronoun may refer to, nearest first: at most
    one for a possessive, up to `NAMES_TRIED` proper names for an object pronoun. `named(head)` says
    whether a phrase names an actor; `excluded` are phrase heads the pronoun cannot mean (for "him":
    the subjects of its verb), whose whole phrases are skipped."""
    if not is_referring_pronoun(pronoun):
        return []
    limit = NAMES_TRIED if pronoun.lower_ in OBJECT_PRONOUNS else 1
    skipped = {t.i for head in excluded for t in head.subtree}
    sent = pronoun.sent
    found: list[Token] = []
    for tok in reversed(sent[: pronoun.i - sent.start]):
        if tok.i in skipped or not _phrase_head(tok) or pronoun in tok.subtree:
            continue
        if _fits(pronoun, tok) and named(tok):
            found.append(tok)
            if len(found) == limit:
                break
    return found
