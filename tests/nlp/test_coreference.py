"""Pronouns, stray speakers, promise/admission clauses and modality on hand-built parses (hermetic).

Fictional states (Arnor, Gondor, Rohan) and people (Elendil, Aragorn), as in test_extract.py; each
row is "word lemma POS TAG dep head" (head -1 = root) because the pronoun rules read the tags.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyadwatch.nlp.extract import extract_candidates
from dyadwatch.nlp.modality import read_modality

VOCAB = spacy.blank("en").vocab
TRIGGERS = {"raid", "arrest", "thank", "promise", "demand", "pay", "claim", "close", "cancel"}


def parse(spec: str) -> Doc:
    rows = [line.split() for line in spec.strip().splitlines()]
    words = [r[0] for r in rows]
    heads = [int(r[5]) if int(r[5]) >= 0 else i for i, r in enumerate(rows)]
    spaces = [i + 1 < len(words) and words[i + 1] not in {",", "."} for i in range(len(words))]
    return Doc(
        VOCAB, words=words, spaces=spaces, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
        tags=[r[3] for r in rows], deps=[r[4] if int(r[5]) >= 0 else "ROOT" for r in rows], heads=heads,
    )


def candidates(doc: Doc, aliases: list[tuple[int, int]], role_nouns: frozenset[str] = frozenset()):
    return {
        c.lemma: c
        for c in extract_candidates(
            doc, article_id="a", sentence_index=0, offset=0, alias_spans=aliases, trigger_lemmas=TRIGGERS,
            role_nouns=role_nouns,
        )
        if c.kind != "intent"
    }


def texts(arg) -> list[str]:
    return [h.span.text for h in arg.aliases]


RAID_AND_ARREST = """
    Arnorian arnorian ADJ JJ amod 1
    police police NOUN NNS nsubj 2
    raided raid VERB VBD ROOT -1
    the the DET DT det 4
    office office NOUN NN dobj 2
    of of ADP IN prep 4
    Gondor Gondor PROPN NNP compound 7
    Radio Radio PROPN NNP pobj 5
    on on ADP IN prep 2
    Monday Monday PROPN NNP pobj 8
    and and CCONJ CC cc 2
    arrested arrest VERB VBD conj 2
    two two NUM CD dobj 11
    of of ADP IN prep 12
    its its PRON PRP$ poss 15
    employees employee NOUN NNS pobj 13
"""


def test_its_refers_back_to_the_nearest_named_phrase_of_its_number():
    cands = candidates(parse(RAID_AND_ARREST), [(0, 1), (6, 8)])
    [target] = cands["arrest"].objects
    assert target.phrase.text == "two of its employees"
    [hit] = target.aliases  # "Monday" (a time) and the plural "police" are passed over
    assert hit.span.text == "Gondor Radio" and hit.possessive and not hit.is_head and not hit.owns_phrase
    assert hit.sector_phrases[0] == "employees"  # the owned noun's words come first


def test_its_before_a_thing_is_no_actor():
    doc = parse("""
        Arnor Arnor PROPN NNP nsubj 1
        closed close VERB VBD ROOT -1
        its its PRON PRP$ poss 3
        borders border NOUN NNS dobj 1
    """)
    [target] = candidates(doc, [(0, 1)])["close"].objects
    assert target.aliases == ()
    # a role noun handed in by the dictionary does count ("its embassy")
    doc = parse("""
        Arnor Arnor PROPN NNP nsubj 1
        closed close VERB VBD ROOT -1
        its its PRON PRP$ poss 3
        embassy embassy NOUN NN dobj 1
    """)
    [target] = candidates(doc, [(0, 1)], role_nouns=frozenset({"embassy"}))["close"].objects
    assert texts(target) == ["Arnor"]


def test_a_destination_is_not_the_owner():
    # "Arnor's parliament cancelled a visit to Gondor by its delegation": the parliament's, not Gondor's
    doc = parse("""
        Arnor Arnor PROPN NNP poss 2
        's 's PART POS case 0
        parliament parliament NOUN NN nsubj 3
        cancelled cancel VERB VBD ROOT -1
        a a DET DT det 5
        visit visit NOUN NN dobj 3
        to to ADP IN prep 5
        Gondor Gondor PROPN NNP pobj 6
        by by ADP IN prep 3
        its its PRON PRP$ poss 10
        delegation delegation NOUN NN pobj 8
    """)
    cand = candidates(doc, [(0, 1), (7, 8)])["cancel"]
    [(_, by)] = [(p, a) for p, a in cand.prep_objects if p == "by"]
    assert texts(by) == ["Arnor"]


def test_him_is_the_nearest_name_that_is_not_the_subject():
    doc = parse("""
        Aragorn Aragorn PROPN NNP nsubj 1
        telephoned telephone VERB VBD ROOT -1
        Elendil Elendil PROPN NNP dobj 1
        on on ADP IN prep 1
        Monday Monday PROPN NNP pobj 3
        and and CCONJ CC cc 1
        thanked thank VERB VBD conj 1
        him he PRON PRP dobj 6
    """)
    cand = candidates(doc, [(0, 1), (2, 3)])["thank"]
    assert texts(cand.subjects[0]) == ["Aragorn"]
    assert texts(cand.objects[0]) == ["Elendil"]  # never Aragorn: that would be "himself"


def test_a_trailing_speaker_hung_on_the_object_is_not_an_object():
    doc = parse("""
        Arnorian arnorian ADJ JJ amod 1
        police police NOUN NNS nsubj 2
        arrested arrest VERB VBD ccomp 10
        two two NUM CD nummod 4
        Gondorians gondorian PROPN NNPS dobj 2
        , , PUNCT , punct 4
        officials official NOUN NNS conj 4
        and and CCONJ CC cc 6
        Rohan Rohan PROPN NNP compound 9
        media medium NOUN NNS conj 6
        said say VERB VBD ROOT -1
    """)
    cand = candidates(doc, [(0, 1), (4, 5), (8, 9)])["arrest"]
    assert [texts(a) for a in cand.objects] == [["Gondorians"]]
    assert cand.reporter is not None and cand.reporter.head.text == "officials"


PROMISE = """
    Elendil Elendil PROPN NNP nsubj 1
    {verb} {lemma} VERB VBD ROOT -1
    that that SCONJ IN mark 5
    Arnor Arnor PROPN NNP nsubj 5
    would would AUX MD aux 5
    pay pay VERB VB ccomp 1
    compensation compensation NOUN NN dobj 5
    to to ADP IN prep 5
    Gondor Gondor PROPN NNP pobj 7
"""


def test_the_subject_of_a_promised_clause_is_no_target_of_the_promise():
    doc = parse(PROMISE.format(verb="promised", lemma="promise"))
    cands = candidates(doc, [(0, 1), (3, 4), (8, 9)])
    assert [texts(a) for a in cands["promise"].complement_objects] == [[], ["Gondor"]]
    assert cands["pay"].modality == "hypothetical"
    # a demand's clause subject is its addressee, as before
    demand = candidates(parse(PROMISE.format(verb="demanded", lemma="demand")), [(0, 1), (3, 4), (8, 9)])["demand"]
    assert ["Arnor"] in [texts(a) for a in demand.complement_objects]


def test_responsibility_for_an_attack_offers_the_attacked():
    doc = parse("""
        Rohan Rohan PROPN NNP nsubj 1
        claimed claim VERB VBD ROOT -1
        responsibility responsibility NOUN NN dobj 1
        for for ADP IN prep 2
        attacks attack NOUN NNS pobj 3
        on on ADP IN prep 4
        Gondorian gondorian ADJ JJ amod 7
        troops troop NOUN NNS pobj 5
    """)
    [(prep, arg)] = candidates(doc, [(0, 1), (6, 7)])["claim"].prep_objects
    assert prep == "for" and arg.head.text == "troops" and texts(arg) == ["Gondorian"]


def test_modality_of_wanted_obliged_and_shared_clauses():
    wanted = parse("""
        Arnor Arnor PROPN NNP nsubj 1
        wants want VERB VBZ ROOT -1
        Gondor Gondor PROPN NNP nsubj 4
        to to PART TO aux 4
        release release VERB VB ccomp 1
        prisoners prisoner NOUN NNS dobj 4
    """)
    assert read_modality(wanted[4]) == "hypothetical"
    obliged = parse("""
        Arnor Arnor PROPN NNP nsubj 2
        must must AUX MD aux 2
        apologise apologise VERB VB ROOT -1
    """)
    assert read_modality(obliged[2]) == "hypothetical"
    kept = parse("""
        Arnor Arnor PROPN NNP nsubj 2
        would would AUX MD aux 2
        keep keep VERB VB ROOT -1
        supplying supply VERB VBG xcomp 2
        gas gas NOUN NN dobj 3
    """)
    assert read_modality(kept[3]) == "hypothetical"
    shared = parse("""
        Aragorn Aragorn PROPN NNP nsubj 2
        will will AUX MD aux 2
        visit visit VERB VB ROOT -1
        Arnor Arnor PROPN NNP dobj 2
        and and CCONJ CC cc 2
        meet meet VERB VB conj 2
        Elendil Elendil PROPN NNP dobj 5
    """)
    assert read_modality(shared[5]) == "future"
    but = parse("""
        Arnor Arnor PROPN NNP nsubj 3
        did do AUX VBD aux 3
        not not PART RB neg 3
        apologise apologise VERB VB ROOT -1
        but but CCONJ CC cc 3
        promised promise VERB VBD conj 3
        compensation compensation NOUN NN dobj 5
    """)
    assert read_modality(but[3]) == "negated" and read_modality(but[5]) == "asserted"
