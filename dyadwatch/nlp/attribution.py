"""Who reports or claims an event: the speaker of the clause it sits in, or an "according to" source.

"Zakharova said Baku had arrested ..." -> Zakharova; "..., according to TASS" -> TASS;
"Russian officials told reporters that ..." -> Russian officials. The reporter's own event (the
statement) is coded separately when its verb is in the lexicon.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyadwatch.nlp.modality import according_to, governors

SPEECH_VERBS = frozenset(
    {"say", "tell", "announce", "state", "claim", "report", "add", "insist", "confirm", "allege", "declare",
     "warn", "note", "stress", "argue", "write", "assert", "explain", "reiterate", "suggest", "quote",
     "acknowledge", "admit", "disclose", "reveal", "inform", "emphasise", "emphasize", "charge", "accuse"}
)
"""Verbs whose subject reports the events in the clause they govern."""


def reporter(verb: Token) -> Token | None:
    """Head token of who reports the event carried by `verb`, or None if the text does not say."""
    for governor, dep in governors(verb):
        if dep in ("ccomp", "conj") and governor.lemma_.lower() in SPEECH_VERBS:
            subjects = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return subjects[0]
    return according_to(verb)
