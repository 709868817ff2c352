"""Stated intentions and obligations: "Portugal will support ...", "Syria says it is willing to
withdraw ...", "Russia said Sudan must return the helicopter".

CAMEO codes an actor's announced future act as an expression of intent (03x for cooperation, 13x
threats for conflict), which happened when it was stated, while the act itself stays future or
hypothetical. A verb states its subject's intent when its future or hypothetical reading comes from
the subject's own will:
- its own "will", "shall" or "would" ("will visit", "said it would free"), or
- an xcomp under a verb or adjective of intention ("plans to", "is ready/willing/prepared to",
  "decided to", "seeks to", "wants to");
and not when it sits under a verb the lexicon codes on its own as the intent, promise, appeal or
threat ("agreed to", "offered to", "promised to", "threatened to", "urged X to", "wants X to"), under
an obligation or possibility ("must", "may", "could", "should", "might", "can"), in an "if" clause,
with a subject of its own under a wish ("wants Russia to attack"), or with an "unless" condition
("will withdraw unless ...", a conditional threat).
"""

from __future__ import annotations

from spacy.tokens import Token

from dyadwatch.nlp.modality import governors

WILL_AUX = frozenset({"will", "shall", "'ll", "would", "'d"})
OTHER_MODALS = frozenset({"must", "may", "might", "could", "should", "can", "ought"})
INTENT_HEADS = frozenset(
    {"plan", "intend", "prepare", "ready", "willing", "prepared", "decide", "aim", "seek", "want", "determined",
     "resolve", "eager", "hope", "mean"}
)
"""Governors through which the subject states what it means to do."""
CODED_HEADS = frozenset(
    {"agree", "offer", "promise", "pledge", "vow", "commit", "undertake", "guarantee", "threaten", "warn", "urge",
     "call", "ask", "demand", "appeal", "request", "press", "invite", "refuse", "decline", "deny", "reject", "fail",
     "expect", "schedule", "set", "due", "likely", "unlikely", "able", "try", "attempt", "consider", "propose",
     "suggest", "need", "have", "force", "order", "allow", "encourage"}
)
"""Governors that are events or predictions in their own right: the governed act is no stated intent."""


def intent_cue(verb: Token) -> Token | None:
    """The word through which the verb's future/hypothetical act is its subject's stated intention
    ("will", "would", "plans", "willing"), or None when it is not one (module docstring)."""
    own = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if {c.lower_ for c in own} & OTHER_MODALS or any(_marked(c, "unless") for c in verb.children if c.dep_ == "advcl"):
        return None  # "will withdraw unless X ..." is a conditional threat, not a stated plan
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return None
    willed = next((c for c in own if c.lower_ in WILL_AUX), None)
    for governor, dep in governors(verb):
        lemma = governor.lemma_.lower()
        if dep == "conj":
            continue
        if dep in ("xcomp", "acomp") or (dep == "ccomp" and _infinitive(verb)):
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            if lemma in CODED_HEADS or _has_object(governor) or own_subject:
                return None
            if lemma in INTENT_HEADS:
                return None if _own_modal(governor) else governor
        break
    return willed


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _has_object(verb: Token) -> bool:
    """ "wants Russia to attack": the wish is about another actor's act (an appeal), not an intent."""
    return any(c.dep_ in ("dobj", "obj") for c in verb.children)


def _own_modal(verb: Token) -> bool:
    """ "must be ready to mediate": the modal sits on the verb, or on the copula of an adjective."""
    holders = [verb, verb.head] if verb.dep_ == "acomp" else [verb]
    return any(c.dep_ == "aux" and c.lower_ in OTHER_MODALS for h in holders for c in h.children)


def _marked(clause: Token, word: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == word for c in clause.children)


SPEECH_VERBS = frozenset({"say", "tell", "state", "declare", "insist", "stress", "reiterate", "add", "announce",
                          "emphasise", "emphasize", "repeat", "conclude", "argue"})
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})


def obliged(verb: Token) -> tuple[Token, list[Token]] | None:
    """For a speech verb whose reported clause says another actor must act ("Russia said Sudan must
    return the helicopter"): (the modal, the clause's subjects), which CAMEO codes as a demand on
    them. None for any other verb, and for a pronoun subject ("said it must respond": the speaker's
    own duty)."""
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        modal = next((c for c in clause.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS), None)
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
        if modal is not None and subjects:
            return modal, subjects
    return None


def refusal_cue(verb: Token) -> Token | None:
    """The "will"/"would" of a refusal stated as a negated intention ("said it would not meet the
    demands", "will not release the detainees"), which CAMEO codes as a rejection; else None."""
    if not any(c.dep_ == "neg" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in WILL_AUX), None)
