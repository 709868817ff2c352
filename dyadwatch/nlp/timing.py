"""Which date expression belongs to which event in a parsed sentence.

An event takes the date expression inside its own clause: the trigger's subtree minus the clauses it
governs ("Baku said on Tuesday that police had raided homes last week": "on Tuesday" belongs to
"said", "last week" to "raided"). A verb conjoined to another without a date of its own shares that
verb's ("raided the office on Monday and arrested two staff"), as does a "when" clause ("arrested at
the end of June, when police raided the office"); a noun trigger without one takes the date of the
verb it depends on. No expression: the caller falls back to the publication date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from dyadwatch.nlp.dates import EventDate, find_date_expressions, resolve_date

WEEKDAYS = r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj"})


def _own_clause(trigger: Token) -> set[int]:
    own = {trigger.i}
    stack = list(trigger.children)
    while stack:
        tok = stack.pop()
        if tok.dep_ in CLAUSE_DEPS or (tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX")):
            continue
        own.add(tok.i)
        stack.extend(tok.children)
    return own


class SentenceDates:
    """The date expressions of one parsed sentence, resolved against the publication date."""

    def __init__(self, doc: Doc, published: date | None) -> None:
        self._found: list[tuple[set[int], EventDate]] = []
        if published is None:
            return
        for start, end, text in find_date_expressions(doc.text):
            resolved = resolve_date(text, published=published)
            span = doc.char_span(start, end, alignment_mode="expand")
            if resolved is not None and span is not None:
                self._found.append(({t.i for t in span}, resolved))

    def for_trigger(self, trigger: Token) -> EventDate | None:
        """The date of the event carried by `trigger`, if the sentence gives one."""
        if not self._found:
            return None
        tok = trigger
        for _ in range(4):
            own = _own_clause(tok)
            for tokens, resolved in self._found:
                if tokens & own:
                    return resolved
            if tok.dep_ == "conj" or (tok.pos_ in ("NOUN", "PROPN") and tok.head != tok) or _when_clause(tok):
                tok = tok.head
                continue
            return None
        return None


def forward_if_future(found: EventDate | None, modality: str, published: date | None) -> EventDate | None:
    """A planned or possible event dated by a month, season or weekday without a year ("will sanction
    banks in the spring", "might strike as early as February") lies ahead, not behind: move it forward
    a year (a week for a weekday) when it resolved before the publication date."""
    if found is None or published is None or modality not in ("future", "hypothetical") or found.day >= published:
        return found
    if re.search(r"\b(1[89]|20)\d\d\b", found.text) or re.search(r"\b(last|ago|yesterday)\b", found.text, re.I):
        return found
    if found.precision in ("month", "season"):
        return replace(found, day=found.day.replace(year=found.day.year + 1))
    if found.precision == "day" and re.search(WEEKDAYS, found.text, re.I):
        return replace(found, day=found.day + timedelta(days=7))
    return found


def _when_clause(tok: Token) -> bool:
    """ "arrested at the end of June, when police raided the office": the raid shares that date."""
    when = any(c.dep_ == "advmod" and c.lower_ in ("when", "as", "while") for c in tok.children)
    return tok.dep_ in ("advcl", "relcl") and when
