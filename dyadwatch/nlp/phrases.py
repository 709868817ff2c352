"""Noun phrases of event arguments: which tokens belong to a phrase, and the role words around an
actor alias in it ("Azerbaijan's foreign ministry", "the president of Armenia", "rebels in Mali",
"Russian Foreign Minister Andrei Kozyrev"), for the sector the resolver gives it. Used by
nlp/extract.py."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from dyadwatch.types import Span

PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "flat", "appos", "npadvmod", "nummod"})
PHRASE_PREPS = frozenset({"of", "by", "from"})
LOCATIVE_PREPS = frozenset({"in", "inside", "throughout", "across"})
"""Prepositions of the place a role noun's people belong to ("rebels in Mali"), read only when the
phrase names no actor itself."""
SECTOR_DEPS = frozenset({"compound", "amod", "nmod"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "flat", "nummod"})
ROLE_PREPS = frozenset({"of", "from"}) | LOCATIVE_PREPS


def token_span(doc_offset: int, tokens: list[Token]) -> Span:
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    text = tokens[0].doc.text[start:end]
    return Span(text=text, start=doc_offset + start, end=doc_offset + end)


def phrase_tokens(head: Token) -> list[Token]:
    """Head first, then modifiers breadth-first (nearest to the head first)."""
    seen = [head]
    frontier = [head]
    while frontier:
        nxt: list[Token] = []
        for tok in frontier:
            for child in tok.children:
                if child.dep_ in PHRASE_DEPS or (child.dep_ == "conj" and tok != head):
                    nxt.append(child)
                elif child.dep_ == "prep" and child.lower_ in PHRASE_PREPS:
                    nxt.extend(c for c in child.children if c.dep_ == "pobj")
        nxt = [t for t in nxt if t not in seen]
        seen.extend(nxt)
        frontier = nxt
    return seen


def sector_phrases_of(head: Token, alias_tokens: Collection[int]) -> tuple[str, ...]:
    left: list[Token] = []
    i = head.i - 1
    while i >= 0:
        tok = head.doc[i]
        if tok.i in alias_tokens or tok.dep_ not in SECTOR_DEPS or not tok.is_alpha:
            break
        left.insert(0, tok)
        i -= 1
    words = [t.lower_ for t in left]
    phrases = [" ".join(words[k:] + [head.lower_]) for k in range(len(words) + 1)]
    if head.lemma_.lower() != head.lower_:
        phrases.append(" ".join([head.lemma_.lower()]))
    of_phrase = _of_phrase(head)
    return tuple(dict.fromkeys(([of_phrase] if of_phrase else []) + phrases + _inner_phrases(words)))


def _inner_phrases(words: list[str]) -> list[str]:
    """Role phrases inside the modifiers, after those ending at the head, nearest the head first and
    longest first: the title before a person's name ("Russian Foreign Minister Andrei Kozyrev" ->
    "foreign minister andrei", ..., "foreign minister", "minister"), the unit before equipment
    ("Israeli army bulldozers" -> "army")."""
    out = []
    for end in range(len(words), 0, -1):
        out.extend(" ".join(words[k:end]) for k in range(max(0, end - 4), end))
    return out


def _of_phrase(head: Token) -> str | None:
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj:
                last = max(t.i for t in pobj[0].subtree)
                return head.doc[head.i : last + 1].text.lower()
    return None


def through_conjuncts(tok: Token) -> Token:
    """The first conjunct of a coordination ("Romanian" in "Hungarian and Romanian" -> "Hungarian")."""
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    return tok


def role_of(root: Token, head: Token) -> Token | None:
    """The noun an "of"/"from"/"in" alias is attached to ("the president of Armenia", "officials from
    Georgia", "rebels in Mali"), when it is a common noun of the argument, else None. The alias still owns its phrase;
    the noun's words are offered as role phrases, which the resolver reads for a country name."""
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ROLE_PREPS or prep.head is prep:
        return None
    owner = prep.head
    if owner.pos_ not in ("NOUN", "PROPN") or (owner != head and owner.head != head and head not in owner.ancestors):
        return None
    return owner


def titles_before(first: Token, alias_tokens: Collection[int]) -> tuple[str, ...]:
    """Words just before an alias that heads its phrase ("Foreign Minister" + "Jeyhun Bayramov")."""
    words: list[str] = []
    i = first.i - 1
    while i >= 0:
        tok = first.doc[i]
        if tok.i in alias_tokens or tok.dep_ not in SECTOR_DEPS | {"flat"} or not tok.is_alpha:
            break
        words.insert(0, tok.lower_)
        i -= 1
    return tuple(" ".join(words[k:]) for k in range(len(words)))


def determiner_of(head: Token) -> str:
    return " ".join(c.lower_ for c in head.lefts if c.dep_ in ("det", "predet", "nummod", "preconj"))


def located_tokens(head: Token) -> list[Token]:
    """The place phrase of a role noun that names no actor itself ("rebels in Mali", "a court in
    Georgia", "students throughout Iran"): the people of a place belong to its country."""
    return [t for c in head.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS
            for p in c.children if p.dep_ == "pobj" for t in phrase_tokens(p)]
