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
            stray = stray_speaker(governor)
            if stray is not None:
                return stray
    return according_to(verb)


def stray_speaker(speech: Token) -> Token | None:
    """The subject of a trailing speech verb that the parser hung on the reported clause instead.

    In "... and arrested two of its employees, officials and Azerbaijani media said", "said" gets no
    subject and "officials and ... media" become conjuncts of "two": the first such conjunct (after a
    comma, ending right before the speech verb) is returned."""
    if speech.lemma_.lower() not in SPEECH_VERBS or speech.i == 0:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in speech.children):
        return None
    doc = speech.doc
    last = doc[speech.i - 1]
    for tok in (last, *last.ancestors):
        if tok.dep_ == "conj" and tok.right_edge.i == speech.i - 1 and tok.left_edge.i > 0:
            if doc[tok.left_edge.i - 1].text == ",":
                return tok
    return None
