"""Dependency parse -> event candidates: trigger verbs with their logical subjects and objects.

Rules (each has unit tests in tests/nlp/test_extract.py):
- active voice: `nsubj` is the subject, `dobj` the object; prepositional objects are kept with
  their preposition so the lexicon can pick the target ("apologised to Aliyev");
- passive voice: the `agent` ("by X") is the subject, `nsubjpass` the object;
- coordination: conjoined subjects/objects are expanded ("Russia and Iran"); a conjoined verb
  without its own subject inherits the first verb's ("raided the office and arrested two staff");
  `xcomp` verbs inherit their governor's subject ("agreed to release");
- relative clauses: "police, who raided ..." -> the noun the clause modifies is the subject;
- a role noun that names no actor takes the country of its place ("rebels in Mali", "a court in
  Georgia"), with the role noun's sector;
- argument phrases include possessives, compounds, adjectival modifiers, appositions and
  "of/by/from" attachments, so "Azerbaijan's foreign ministry" and "the arrest of ... by police" find
  their country mention; role nouns ("foreign ministry") are listed for the sector;
- pronouns: "two of its employees" and "promised him" also carry the aliases of the phrase the
  pronoun refers back to (nlp/pronouns.py), after the phrase's own;
- a reported clause's trailing speaker that the parser hung on the object ("arrested two staff,
  officials and media said") is not an object;
- the clause under a promise or admission ("promised that Russia would pay ...") gives its objects,
  not its subject, as candidate targets; "responsibility for attacks on X" offers X;
- passive voice: the passive subject's lemma is the object lemma the lexicon reads ("the ambassador
  was summoned", "sanctions were imposed on X");
- light verbs (nlp/light.py): a support verb ("held", "made", "staged", "launched", "renewed") whose
  direct object is a lexicon event noun with no actor of its own ("renewed negotiations", "made a
  visit to X", "launched a mediation effort between X and Y") carries that noun in `modifiers`
  (the noun's lemma first, then its own modifiers), so the coder can read the event from the noun
  lexicon when no verb row applies; the verb's subject is the source;
- a speech verb reporting that another actor must act ("said Sudan must return ...") also gives a
  "demand" candidate on that actor, triggered by the modal (nlp/intent.py);
- a future or hypothetical act that its subject states as its own intention ("will visit", "is
  ready to contribute") also gives a candidate of kind "intent", asserted (nlp/intent.py); one it
  states it will not do ("would not meet the demands") a candidate of kind "refusal";
- modality from the grammar around the verb, strongest cue first: denied (under "deny"),
  negated ("not", "never", "no longer"), hypothetical ("may", "could", "would", "must", "if", or
  under "threaten to" / "want X to"), future ("will", "plans to", "is about to"), alleged
  ("reportedly", under "accuse ... of"), otherwise asserted (nlp/modality.py).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date
from functools import partial

from spacy.tokens import Doc, Token

from dyadwatch.nlp.attribution import reporter, stray_speaker
from dyadwatch.nlp.dates import EventDate
from dyadwatch.nlp.intent import intent_cue, obliged, refusal_cue
from dyadwatch.nlp.light import LIGHT_VERBS, VERB_LEMMA_SLIPS, carried_noun, direct_object
from dyadwatch.nlp.modality import read_modality
from dyadwatch.nlp.nominal import is_nominal_trigger, noun_arguments, noun_modality
from dyadwatch.nlp.phrases import (
    LOCATIVE_PREPS,
    MODIFIER_DEPS,
    PHRASE_PREPS,
    determiner_of,
    located_tokens,
    phrase_tokens,
    role_of,
    sector_phrases_of,
    through_conjuncts,
    titles_before,
    token_span,
)
from dyadwatch.nlp.pronouns import antecedents, is_referring_pronoun, owns_actor
from dyadwatch.nlp.timing import SentenceDates, forward_if_future
from dyadwatch.types import AliasHit, Argument, Candidate, Trigger

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
CLAUSE_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
"""A pronoun subject of a reported clause means the reporter: "Syria said it would withdraw"."""


def _alias_hit(head: Token, bounds: tuple[int, int], alias_tokens: Collection[int], offset: int) -> AliasHit:
    span = head.doc[bounds[0] : bounds[1]]
    root = through_conjuncts(span.root)
    is_head = head.i in range(*bounds)
    owns = is_head or root.dep_ not in MODIFIER_DEPS
    owner = root
    while not owns and owner.dep_ in MODIFIER_DEPS and owner.head != owner and owner != head:
        owner = owner.head
    role = None if is_head else role_of(root, head)
    return AliasHit(
        span=token_span(offset, list(span)),
        is_head=is_head,
        owns_phrase=owns,
        possessive=root.dep_ == "poss",
        sector_phrases=sector_phrases_of(role, alias_tokens) if role is not None else (
            () if owns else sector_phrases_of(owner, alias_tokens)),
        titles=titles_before(span[0], alias_tokens) if owns else (),
    )


def make_argument(
    head: Token, alias_at: dict[int, tuple[int, int]], offset: int, *, role_nouns: Collection[str] | None = None
) -> Argument:
    """Build an Argument for the noun phrase headed by `head`. Given `role_nouns` (the dictionary's
    role nouns and titles; None turns coreference off), a pronoun in the phrase ("two of its
    employees", "promised him") adds the aliases of the phrase it refers back to, after the phrase's
    own aliases."""
    tokens = phrase_tokens(head)
    found = list(dict.fromkeys(alias_at[t.i] for t in tokens if t.i in alias_at))
    if (not found and role_nouns is not None and head.lower_ in role_nouns) or _ethnic(head):
        tokens += located_tokens(head)
        found = list(dict.fromkeys(alias_at[t.i] for t in tokens if t.i in alias_at))
    alias_tokens = {i for s, e in found for i in range(s, e)}
    ordered = sorted(tokens, key=lambda t: t.i)
    own = tuple(_alias_hit(head, bounds, alias_tokens, offset) for bounds in found)
    return Argument(
        phrase=token_span(offset, [ordered[0], ordered[-1]]),
        head=token_span(offset, [head]),
        head_lemma=head.lemma_.lower(),
        determiner=determiner_of(head),
        aliases=own + (_pronoun_hits(tokens, alias_at, offset, role_nouns) if role_nouns is not None else ()),
    )


def _ethnic(head: Token) -> bool:
    """ "ethnic Albanians in Serbia": where an ethnic group lives is part of who it is (the actors
    stage reads it as that country's minority)."""
    return any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in head.children)


def _pronoun_hits(
    tokens: list[Token], alias_at: dict[int, tuple[int, int]], offset: int, role_nouns: Collection[str]
) -> tuple[AliasHit, ...]:
    """Aliases of the phrases that the pronouns among `tokens` refer back to (see nlp/pronouns.py).

    An object pronoun ("him") takes its antecedent's hits as they are. For a possessive ("its
    employees") the antecedent is the owner: its hits become possessive modifiers of the owned noun,
    whose words come first among the role phrases, before the antecedent's own ("its staff" after
    "the Russian state news agency": staff, then state news agency). A possessive counts only before
    a role or member noun ("its embassy", "its employees"; not "its borders", "their first meeting")."""
    hits: list[AliasHit] = []
    for tok in tokens:
        if tok.i in alias_at or not is_referring_pronoun(tok):
            continue
        if tok.dep_ == "poss" and not owns_actor(tok, role_nouns):
            continue
        owned = sector_phrases_of(tok.head, ()) if tok.dep_ == "poss" else None
        named = partial(_names_actor, alias_at=alias_at)
        for found in antecedents(tok, named, excluded=_clause_subjects(tok)):
            for hit in make_argument(found, alias_at, offset).aliases:
                if owned is None:
                    hits.append(replace(hit, is_head=False))
                else:
                    phrases = tuple(dict.fromkeys(owned + hit.sector_phrases))
                    hits.append(replace(hit, is_head=False, owns_phrase=False, possessive=True,
                                        sector_phrases=phrases, titles=()))
    return tuple(hits)


def _names_actor(head: Token, *, alias_at: dict[int, tuple[int, int]]) -> bool:
    return any(t.i in alias_at for t in phrase_tokens(head))


def _clause_subjects(pronoun: Token) -> list[Token]:
    """Subjects of the verb an object pronoun depends on ("promised him", "apologised to him")."""
    if pronoun.dep_ == "poss":
        return []
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    return logical_subjects(verb) if verb.pos_ in ("VERB", "AUX") else []


def make_arguments(
    head: Token, alias_at: dict[int, tuple[int, int]], offset: int, *, role_nouns: Collection[str] | None = None
) -> list[Argument]:
    """One Argument per coordinated modifier alias ("Hungarian and Romanian officials" -> two)."""
    arg = make_argument(head, alias_at, offset, role_nouns=role_nouns)
    if len(arg.aliases) < 2:
        return [arg]
    roots = [head.doc.char_span(h.span.start - offset, h.span.end - offset) for h in arg.aliases]
    coordinated = [
        i for i, r in enumerate(roots)
        if r is not None and any(c.root in r.root.conjuncts for j, c in enumerate(roots) if j != i and c is not None)
    ]
    if len(coordinated) < 2:
        return [arg]
    others = tuple(h for i, h in enumerate(arg.aliases) if i not in coordinated)
    return [replace(arg, aliases=(arg.aliases[i], *others)) for i in coordinated]


def argument_for_span(
    doc: Doc, start: int, end: int, alias_at: dict[int, tuple[int, int]], *, role_nouns: Collection[str] | None = None
) -> Argument | None:
    """The argument whose noun phrase holds the characters [start, end), keeping only the aliases
    inside them ("Hungarian" in "Senior Hungarian officials" -> HUN with the role noun "officials").
    Given `role_nouns`, a role noun's place phrase counts as in `make_argument` ("rebels in Mali")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    first = through_conjuncts(span.root)
    head = first if first.dep_ in MODIFIER_DEPS else span.root
    while head.dep_ in MODIFIER_DEPS | {"appos"} and head.head != head:
        head = through_conjuncts(head.head)
    arg = make_argument(head, alias_at, 0, role_nouns=role_nouns)
    inside = tuple(h for h in arg.aliases if h.span.start < end and start < h.span.end)
    return replace(arg, aliases=inside)


OWN_SIDE_CLAUSE_HEADS = frozenset(
    {"promise", "pledge", "vow", "guarantee", "assure", "swear", "undertake", "commit", "agree",
     "admit", "acknowledge", "confess", "concede"}
)
"""Verbs whose finite clause's subject is the speaker's own side or the promised act's agent, not
the target: "promised that Russia would pay ...", "admitted that its missiles hit ..."."""


def _complement_arguments(comp: Token) -> list[Token]:
    """Who a governed clause is about: its objects, and for a finite clause ("denied that Israeli jets
    used ...", "demanded that Moscow admit ...") its own subject too, unless the governing verb is a
    promise or an admission (`OWN_SIDE_CLAUSE_HEADS`)."""
    finite = comp.dep_ == "ccomp" and comp.head.lemma_.lower() not in OWN_SIDE_CLAUSE_HEADS
    own_subjects = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")] if finite else []
    return [*own_subjects, *logical_objects(comp), *_pobjs(comp)]


def _pobjs(verb: Token) -> list[Token]:
    """Prepositional objects of a governed clause, except the place where it happens ("refused to
    meet the king in Tel Aviv": the king, not Tel Aviv)."""
    return [t for p, t in prep_objects(verb) if p not in LOCATIVE_PREPS]


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    """The tokens and their later conjuncts; a list of names that the parser hung on the first as an
    apposition ("The US, Russia, and Switzerland met": Russia appos, Switzerland its conj) counts too."""
    out: list[Token] = []
    for tok in tokens:
        out.append(tok)
        out.extend(t for t in tok.conjuncts if t.i > tok.i and t not in out)
        for listed in _listed_appositions(tok):
            out.extend(t for t in (listed, *listed.conjuncts) if t.i > tok.i and t not in out)
    return out


def _listed_appositions(tok: Token) -> list[Token]:
    if tok.pos_ != "PROPN":
        return []
    return [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"
            and any(g.dep_ == "conj" for g in c.children) and any(g.dep_ == "cc" for g in c.children)]


def logical_subjects(verb: Token) -> list[Token]:
    """Who acts: the nsubj, the passive agent, or (for conj/xcomp/relcl) the governor's subject."""
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    subjects = agents or [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects and verb.dep_ == "relcl" and subjects[0].lower_ in RELATIVE_PRONOUNS:
        return _with_conjuncts([verb.head])
    if len(subjects) == 1 and subjects[0].lower_ in CLAUSE_PRONOUNS and verb.dep_ in ("ccomp", "conj", "advcl"):
        governing = logical_subjects(verb.head) if verb.head != verb else []
        if governing:
            return governing
    if subjects:
        return _with_conjuncts(subjects)
    if _is_passive(verb):
        return []
    if verb.dep_ == "xcomp" and _is_passive(verb.head):  # "Armenia is set to sign", "X is expected to visit"
        raised = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        if raised:
            return _with_conjuncts(raised)
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head != verb.head:
        return logical_subjects(verb.head.head)  # "Syria is willing to withdraw", "ready to talk"
    if verb.dep_ in ("conj", "xcomp") and verb.head != verb:
        return logical_subjects(verb.head)
    accused = _accused(verb)
    if accused:
        return accused
    if verb.dep_ == "relcl":
        return [verb.head]
    return []


def _accused(verb: Token) -> list[Token]:
    """ "accused Baku of arresting ..." -> Baku acts in "arresting" (an alleged event)."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "of" or prep.head is prep:
        return []
    accuser = prep.head
    if accuser.lemma_.lower() not in ("accuse", "charge", "suspect", "blame", "convict"):
        return []
    return _with_conjuncts([c for c in accuser.children if c.dep_ in ("dobj", "obj", "nsubjpass")])


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def logical_objects(verb: Token) -> list[Token]:
    """What is acted upon: the dobj, or the passive subject (inherited along conjoined passives).
    Conjuncts that are really the subject of a trailing "..., officials said" are left out."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr")]
    if not found and verb.dep_ == "conj" and verb.tag_ == "VBN":
        found = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    return _without_stray_speakers(_with_conjuncts(found))


def _without_stray_speakers(tokens: list[Token]) -> list[Token]:
    """Drop a conjunct that `stray_speaker` says belongs to a following speech verb, and the
    conjuncts after it."""
    for n, tok in enumerate(tokens):
        nxt = tok.right_edge.i + 1
        if tok.dep_ == "conj" and nxt < len(tok.doc) and stray_speaker(tok.doc[nxt]) == tok:
            return [t for t in tokens[:n] if t.i < tok.i]
    return tokens


def prep_objects(verb: Token) -> list[tuple[str, Token]]:
    """(preposition, object) pairs attached to the verb or its direct object ("held talks with X",
    "cancelled a trip to Moscow"); a dative counts as "to"."""
    pairs: list[tuple[str, Token]] = []
    direct = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    noun_preps = [c for d in direct for c in d.children if c.dep_ == "prep" and c.lower_ not in PHRASE_PREPS]
    for child in [*verb.children, *noun_preps]:
        if child.dep_ == "prep":
            pobjs = _with_conjuncts([c for c in child.children if c.dep_ == "pobj"])
            pairs.extend((child.lower_, t) for p in pobjs for t in _patients(p, child.lower_))
        elif child.dep_ == "dative":
            if child.tag_ == "IN":
                pairs.extend(("to", p) for p in _with_conjuncts([c for c in child.children if c.dep_ == "pobj"]))
            else:
                pairs.extend(("to", p) for p in _with_conjuncts([child]))
    return pairs


PATIENT_PREPS = frozenset({"on", "against", "at", "into", "upon"})


def _patients(pobj: Token, prep: str) -> list[Token]:
    """What a "for" object is about when it is an act with a target: "claimed responsibility for
    attacks on Israeli troops" -> the troops; any other object stands for itself."""
    if prep != "for":
        return [pobj]
    inner = [p for c in pobj.children if c.dep_ == "prep" and c.lower_ in PATIENT_PREPS
             for p in c.children if p.dep_ == "pobj"]
    return _with_conjuncts(inner) or [pobj]


def _complement_targets(verb: Token) -> list[Token]:
    """Who a governed clause is about (`_complement_arguments`), then the subjects of a condition on
    the verb or its clause: "threatened to strike unless Israel withdrew" -> Israel."""
    comps = complement_verbs(verb)
    found = [t for comp in comps for t in _complement_arguments(comp)]
    found += [t for v in (verb, *comps) for t in conditional_subjects(v) if t not in found]
    aims = [] if comps else [v for p in purpose_verbs(verb) for v in (p, *complement_verbs(p))]
    return found + [t for v in aims for t in _complement_arguments(v) if t not in found]


def purpose_verbs(verb: Token) -> list[Token]:
    """Verbs of an infinitive of purpose with no subject of its own: "went on strike to protest
    against X", "blocked the road to demand that X resign" (what a protest is aimed at)."""
    found = [c for c in verb.children if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX")
             and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
             and not any(a.dep_ in ("nsubj", "nsubjpass", "mark") for a in c.children)]
    return _with_conjuncts(found)


def conditional_subjects(verb: Token) -> list[Token]:
    """Subjects of the "if"/"unless" clauses of a verb ("... unless Baghdad accepted its terms")."""
    clauses = [c for c in verb.children if c.dep_ == "advcl"
               and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)]
    subjects = [s for c in clauses for s in c.children if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ != "PRON"]
    return _with_conjuncts(subjects)  # a pronoun ("if he is elected") is mostly the speaker himself


def complement_verbs(verb: Token) -> list[Token]:
    """Verbs of the clause a verb governs ("agreed to release ...", "urged Baku to free ...")."""
    found = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
    return _with_conjuncts(found)


def _trigger(verb: Token, particle: Token | None, offset: int) -> Trigger:
    tokens = [verb] if particle is None or particle.i != verb.i + 1 else [verb, particle]
    span = token_span(offset, tokens)
    return Trigger(text=span.text, start=span.start, end=span.end)


def extract_candidates(
    doc: Doc,
    *,
    article_id: str,
    sentence_index: int,
    offset: int,
    alias_spans: list[tuple[int, int]],
    trigger_lemmas: Collection[str],
    noun_lemmas: Collection[str] = (),
    published: date | None = None,
    role_nouns: Collection[str] = (),
) -> list[Candidate]:
    """Every trigger verb in a parsed sentence, with its arguments. `offset` maps doc chars to the article;
    `role_nouns` (lower-cased) are the nouns a possessive pronoun may own to refer back to an actor."""
    alias_at = {i: (s, e) for s, e in alias_spans for i in range(s, e)}
    dates = SentenceDates(doc, published)
    out: list[Candidate] = []
    for verb in doc:
        lemma = verb.lemma_.lower()
        lemma = VERB_LEMMA_SLIPS.get(lemma, lemma)
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        carried = carried_noun(verb, noun_lemmas, alias_at) if lemma in LIGHT_VERBS else ()
        duty = obliged(verb)  # "reiterated that Sudan must return ...": a demand even where the verb codes nothing
        speech_only = lemma not in trigger_lemmas and not carried
        if speech_only and duty is None:
            continue
        particle = next((c for c in verb.children if c.dep_ == "prt"), None)
        objects = logical_objects(verb)
        direct = direct_object(verb)

        args = partial(_arguments, alias_at=alias_at, offset=offset, role_nouns=role_nouns)

        cand = (
            Candidate(
                article_id=article_id,
                sentence_index=sentence_index,
                trigger=_trigger(verb, particle, offset),
                lemma=lemma,
                particle=particle.lower_ if particle is not None else None,
                object_lemma=direct.lemma_.lower() if direct is not None else None,
                subjects=args(logical_subjects(verb)),
                objects=args(objects),
                prep_objects=tuple((p, a) for p, t in prep_objects(verb) for a in args([t])),
                complement_objects=args(_complement_targets(verb)),
                modality=(modality := read_modality(verb)),
                reporter=_reporter_argument(verb, alias_at, offset, role_nouns),
                modifiers=carried,
                **_dated(forward_if_future(dates.for_trigger(verb), modality, published)),
            )
        )
        if not speech_only:
            out.append(cand)
        cue = intent_cue(verb) if modality in ("future", "hypothetical") and not speech_only else None
        refusal = refusal_cue(verb) if modality == "negated" and not speech_only else None
        if refusal is not None:  # "would not meet the demands": a stated refusal, asserted
            span = token_span(offset, [refusal, verb])
            out.append(replace(cand, kind="refusal", modality="asserted", event_date=None, date_precision="",
                               date_text="", trigger=Trigger(text=span.text, start=span.start, end=span.end)))
        if cue is not None:
            # its trigger runs from the cue to the verb ("will visit", "willing to withdraw"); the statement
            # is dated by the article, not by the act it announces ("will visit in June")
            span = token_span(offset, sorted([cue, verb], key=lambda t: t.i))
            out.append(replace(cand, kind="intent", modality="asserted", event_date=None, date_precision="",
                               date_text="", trigger=Trigger(text=span.text, start=span.start, end=span.end)))
        if duty is not None:  # "said Sudan must return ...": a demand on Sudan
            modal, obliged_subjects = duty
            out.append(replace(cand, lemma="demand", particle=None, object_lemma=None, objects=args(
                _with_conjuncts(obliged_subjects)), prep_objects=(), complement_objects=(), modifiers=(),
                trigger=_trigger(modal, None, offset)))
    out.extend(
        _nominal_candidates(doc, article_id, sentence_index, offset, alias_at, noun_lemmas, dates, role_nouns)
    )
    return out


def _nominal_candidates(
    doc: Doc,
    article_id: str,
    sentence_index: int,
    offset: int,
    alias_at: dict[int, tuple[int, int]],
    noun_lemmas: Collection[str],
    dates: SentenceDates,
    role_nouns: Collection[str],
) -> list[Candidate]:
    """Candidates for nominal triggers ("the arrest of ... by ...")."""
    out: list[Candidate] = []
    for noun in doc:
        if not is_nominal_trigger(noun, noun_lemmas):
            continue
        sources, targets = noun_arguments(noun, lambda t: t.i in alias_at)
        if not sources or (not targets and len(sources) < 2):
            continue
        modifiers = tuple(c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound")) + tuple(
            t.lemma_.lower() for t in targets
        )

        args = partial(_arguments, alias_at=alias_at, offset=offset, role_nouns=role_nouns)

        out.append(
            Candidate(
                article_id=article_id,
                sentence_index=sentence_index,
                trigger=_trigger(noun, None, offset),
                lemma=noun.lemma_.lower(),
                particle=None,
                object_lemma=None,
                subjects=args(sources),
                objects=args(targets),
                modality=noun_modality(noun),
                reporter=_reporter_argument(
                    noun.head if noun.head.pos_ in ("VERB", "AUX") else noun, alias_at, offset, role_nouns
                ),
                kind="noun",
                modifiers=modifiers,
                **_dated(dates.for_trigger(noun)),  # nominal modality rarely marks the future
            )
        )
    return out


def _arguments(
    tokens: list[Token], *, alias_at: dict[int, tuple[int, int]], offset: int, role_nouns: Collection[str]
) -> tuple[Argument, ...]:
    """Arguments for the noun phrases headed by `tokens` (coordinated modifiers split)."""
    return tuple(a for tok in tokens for a in make_arguments(tok, alias_at, offset, role_nouns=role_nouns))


def _dated(found: EventDate | None) -> dict[str, object]:
    if found is None:
        return {}
    return {"event_date": found.day, "date_precision": found.precision, "date_text": found.text}


def _reporter_argument(
    verb: Token, alias_at: dict[int, tuple[int, int]], offset: int, role_nouns: Collection[str]
) -> Argument | None:
    tok = reporter(verb)
    return make_argument(tok, alias_at, offset, role_nouns=role_nouns) if tok is not None else None
