"""Modality of an event from the grammar around its trigger.

Strongest cue first: denied (under "deny"), negated ("not", "never", "no longer"), hypothetical
("may", "could", "would", "must", "if", or under "threaten to" / "want to" / "wants Russia to"),
future ("will", "plans to", "is about to"), alleged ("reportedly", "according to", under "accuse
... of" / "claim that"), otherwise asserted. A verb under an xcomp shares its governor's negation
and modals ("would keep supplying", "did not try to stop"); a conjoined verb without its own
subject or auxiliary shares the modal only ("will visit Baku and meet Aliyev").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

NEGATORS = frozenset({"not", "n't", "never", "no"})
DENY_HEADS = frozenset({"deny", "dismiss", "refute", "rebut", "reject"})
ALLEGE_HEADS = frozenset({"accuse", "allege", "claim", "charge", "report"})
ALLEGE_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently"})
HYPOTHETICAL_AUX = frozenset({"may", "might", "could", "would", "should", "can", "must"})
HYPOTHETICAL_HEADS = frozenset(
    {"threaten", "want", "seek", "try", "hope", "offer", "propose", "consider", "urge", "call", "ask",
     "demand", "wish", "attempt", "suggest", "willing", "ready", "prepared", "eager", "able"}
)
NEGATING_HEADS = frozenset({"refuse", "fail", "decline", "avoid", "stop", "cease"})
"""'refused to apologise', 'failed to pay': the governed event did not happen."""
CLAIM_NOUNS = frozenset({"claim", "report", "allegation", "accusation", "suggestion", "rumour", "rumor", "charge"})
"""'rejected claims that ...', 'media reports that ...': the clause hangs on one of these nouns."""
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
FUTURE_HEADS = frozenset(
    {"plan", "intend", "prepare", "promise", "pledge", "vow", "agree", "decide", "expect", "aim", "schedule",
     "set", "go", "due", "about", "poised", "scheduled"}
)
MODALITY_ORDER = ("denied", "negated", "hypothetical", "future", "alleged")


def governors(verb: Token) -> Iterator[tuple[Token, str]]:
    """Verbs that govern this one through clausal links, nearest first, with the link label."""
    tok = verb
    for _ in range(6):
        if tok.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "pcomp", "acomp", "acl") or tok.head == tok:
            return
        dep = tok.dep_
        tok = tok.head
        if tok.dep_ == "prep" and tok.head != tok:
            tok = tok.head
        if tok.lemma_.lower() in CLAIM_NOUNS and tok.head != tok:  # "rejected claims that X"
            yield tok, dep
            dep, tok = "ccomp", tok.head
        yield tok, dep


def read_modality(verb: Token) -> str:
    """Strongest modality cue around the verb (see module docstring)."""
    cues: set[str] = set()
    children = list(verb.children)
    cues |= _own_cues(verb)
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in children):
        cues.add("hypothetical")
    if any(c.dep_ == "advmod" and c.lower_ in ALLEGE_ADVERBS for c in children) or according_to(verb) is not None:
        cues.add("alleged")
    direct = True  # still in the verb's own clause chain (only conjunctions crossed so far)
    below = verb
    for governor, dep in governors(verb):
        lemma = governor.lemma_.lower()
        if direct:
            cues |= _shared_cues(governor, below, dep)
        if dep == "ccomp" and _infinitive(below):  # "wants Russia to admit ...": controlled like an xcomp
            dep = "xcomp"
        if lemma in DENY_HEADS and dep != "conj":  # "denied X but said it will Y": Y is not denied
            cues.add("denied")
        elif lemma in ALLEGE_HEADS and dep in ("ccomp", "pcomp"):
            cues.add("alleged")
        elif lemma in CLAIM_NOUNS and governor.pos_ in ("NOUN", "PROPN"):
            cues.add("alleged")
        elif direct and dep == "xcomp" and lemma in NEGATING_HEADS:
            cues.add("negated")
        elif direct and dep == "xcomp" and lemma in HYPOTHETICAL_HEADS:
            cues.add("hypothetical")
        elif direct and dep == "xcomp" and lemma in FUTURE_HEADS:
            cues.add("future")
        direct = direct and dep == "conj"
        below = governor
    return next((m for m in MODALITY_ORDER if m in cues), "asserted")


def _own_cues(verb: Token) -> set[str]:
    """Negation and modal auxiliaries on the verb itself ("did not", "would", "will")."""
    cues: set[str] = set()
    children = list(verb.children)
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATORS) for c in children):
        cues.add("negated")
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if aux & HYPOTHETICAL_AUX:
        cues.add("hypothetical")
    if aux & FUTURE_AUX:
        cues.add("future")
    return cues


def _shared_cues(governor: Token, below: Token, dep: str) -> set[str]:
    """Cues a verb takes from the verb it hangs on: all of them through an xcomp ("would keep
    supplying", "did not try to stop"); only the modal through a conjunction without its own
    subject or auxiliary ("will visit Baku and meet Aliyev"; not "did not apologise but promised")."""
    if dep == "xcomp":
        return _own_cues(governor)
    if dep != "conj" or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in below.children):
        return set()
    return _own_cues(governor) - {"negated"}


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)




def according_to(verb: Token) -> Token | None:
    """The object of an "according to X" in the verb's sentence, if any ("according to TASS")."""
    for tok in verb.sent:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if pobj is not None:
                return pobj
    return None
