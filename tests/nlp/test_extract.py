"""Extraction rules on hand-built parses (hermetic: no statistical model involved).

Each sentence is about fictional states (Arnor, Gondor, Rohan) so no rule can lean on real-world names.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyadwatch.nlp.extract import argument_for_span, extract_candidates

VOCAB = spacy.blank("en").vocab
TRIGGERS = {"summon", "arrest", "raid", "apologise", "meet", "release", "attack", "shoot", "protest"}


def parse(spec: str) -> Doc:
    """Build a Doc from lines "word lemma POS dep head_index" (head -1 = root)."""
    rows = [line.split() for line in spec.strip().splitlines()]
    words = [r[0] for r in rows]
    heads = [int(r[4]) if int(r[4]) >= 0 else i for i, r in enumerate(rows)]
    glued = {"'s", ".", ",", "n't"}
    spaces = [i + 1 < len(words) and words[i + 1] not in glued for i in range(len(words))]
    return Doc(
        VOCAB, words=words, spaces=spaces, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
        deps=[r[3] if int(r[4]) >= 0 else "ROOT" for r in rows], heads=heads,
    )


def candidates(doc: Doc, aliases: list[tuple[int, int]], offset: int = 0, *, intents: bool = False):
    """Candidates of the sentence; the stated-intent twins (kind "intent") only when asked for."""
    found = extract_candidates(
        doc, article_id="a", sentence_index=0, offset=offset, alias_spans=aliases, trigger_lemmas=TRIGGERS
    )
    return [c for c in found if intents or c.kind != "intent"]


def first_alias(args) -> list[str]:
    return [a.aliases[0].span.text if a.aliases else None for a in args]


def test_active_voice_with_possessive_subject_and_sector_phrase():
    doc = parse("""
        Arnor Arnor PROPN poss 3
        's 's PART case 0
        foreign foreign ADJ amod 3
        ministry ministry NOUN nsubj 4
        summoned summon VERB ROOT -1
        the the DET det 7
        Gondorian gondorian ADJ amod 7
        ambassador ambassador NOUN dobj 4
        . . PUNCT punct 4
    """)
    [cand] = candidates(doc, [(0, 1), (6, 7)])
    assert cand.lemma == "summon" and cand.object_lemma == "ambassador"
    assert first_alias(cand.subjects) == ["Arnor"] and first_alias(cand.objects) == ["Gondorian"]
    assert cand.subjects[0].aliases[0].sector_phrases[:2] == ("foreign ministry", "ministry")
    assert cand.subjects[0].phrase.text == "Arnor's foreign ministry"
    assert cand.modality == "asserted"


def test_passive_voice_agent_becomes_subject():
    doc = parse("""
        Two two NUM nummod 1
        Gondorians gondorian PROPN nsubjpass 3
        were be AUX auxpass 3
        arrested arrest VERB ROOT -1
        by by ADP agent 3
        Arnorian arnorian ADJ amod 6
        police police NOUN pobj 4
    """)
    [cand] = candidates(doc, [(1, 2), (5, 6)])
    assert first_alias(cand.subjects) == ["Arnorian"]
    assert first_alias(cand.objects) == ["Gondorians"]
    assert cand.objects[0].aliases[0].is_head


def test_coordinated_subjects_and_objects_expand():
    doc = parse("""
        Arnor Arnor PROPN nsubj 3
        and and CCONJ cc 0
        Rohan Rohan PROPN conj 0
        attacked attack VERB ROOT -1
        Gondor Gondor PROPN dobj 3
        and and CCONJ cc 4
        Mordor Mordor PROPN conj 4
    """)
    [cand] = candidates(doc, [(0, 1), (2, 3), (4, 5), (6, 7)])
    assert first_alias(cand.subjects) == ["Arnor", "Rohan"]
    assert first_alias(cand.objects) == ["Gondor", "Mordor"]


def test_conjoined_verb_inherits_subject():
    doc = parse("""
        Arnorian arnorian ADJ amod 1
        police police NOUN nsubj 2
        raided raid VERB ROOT -1
        an an DET det 5
        Gondorian gondorian ADJ amod 5
        office office NOUN dobj 2
        and and CCONJ cc 2
        arrested arrest VERB conj 2
        two two NUM nummod 9
        Gondorians gondorian PROPN dobj 7
    """)
    raid, arrest = candidates(doc, [(0, 1), (4, 5), (9, 10)])
    assert first_alias(raid.subjects) == first_alias(arrest.subjects) == ["Arnorian"]
    assert first_alias(arrest.objects) == ["Gondorians"]
    assert raid.subjects[0].aliases[0].sector_phrases == ("police",)


def test_prepositional_target_is_kept_with_its_preposition():
    doc = parse("""
        Arnor Arnor PROPN nsubj 1
        apologised apologise VERB ROOT -1
        to to ADP prep 1
        Gondor Gondor PROPN pobj 2
    """)
    [cand] = candidates(doc, [(0, 1), (3, 4)], offset=100)
    [(prep, arg)] = cand.prep_objects
    assert prep == "to" and arg.aliases[0].span.text == "Gondor"
    assert (arg.aliases[0].span.start, arg.aliases[0].span.end) == (20 + 100, 26 + 100)
    assert (cand.trigger.start, cand.trigger.text) == (106, "apologised")


def test_particle_is_part_of_the_trigger():
    doc = parse("""
        Arnor Arnor PROPN nsubj 1
        shot shoot VERB ROOT -1
        down down ADP prt 1
        a a DET det 5
        Gondorian gondorian ADJ amod 5
        plane plane NOUN dobj 1
    """)
    [cand] = candidates(doc, [(0, 1), (4, 5)])
    assert cand.particle == "down" and cand.trigger.text == "shot down"
    assert cand.object_lemma == "plane"


def test_relative_clause_subject_is_the_modified_noun():
    doc = parse("""
        Arnorian arnorian ADJ amod 1
        police police NOUN nsubj 6
        , , PUNCT punct 1
        who who PRON nsubj 4
        raided raid VERB relcl 1
        homes home NOUN dobj 4
        said say VERB ROOT -1
    """)
    [cand] = candidates(doc, [(0, 1)])
    assert first_alias(cand.subjects) == ["Arnorian"]


def _verb_with(extra: str, lemma_line: str = "release release VERB ROOT -1") -> Doc:
    return parse(extra + "\n" + lemma_line)


def test_negation():
    doc = parse("""
        Arnor Arnor PROPN nsubj 3
        did do AUX aux 3
        not not PART neg 3
        apologise apologise VERB ROOT -1
        to to ADP prep 3
        Gondor Gondor PROPN pobj 4
    """)
    assert candidates(doc, [(0, 1), (5, 6)])[0].modality == "negated"


def test_future_from_will_and_from_plans_to():
    will = parse("""
        Arnor Arnor PROPN nsubj 2
        will will AUX aux 2
        release release VERB ROOT -1
        Gondorians gondorian PROPN dobj 2
    """)
    plans = parse("""
        Arnor Arnor PROPN nsubj 1
        plans plan VERB ROOT -1
        to to PART aux 3
        release release VERB xcomp 1
        Gondorians gondorian PROPN dobj 3
    """)
    assert candidates(will, [(0, 1), (3, 4)])[0].modality == "future"
    [cand] = candidates(plans, [(0, 1), (4, 5)])
    assert cand.modality == "future" and first_alias(cand.subjects) == ["Arnor"]


def test_hypothetical_from_modal_and_condition():
    may = parse("""
        Arnor Arnor PROPN nsubj 2
        may may AUX aux 2
        attack attack VERB ROOT -1
        Gondor Gondor PROPN dobj 2
    """)
    cond = parse("""
        If if SCONJ mark 2
        Arnor Arnor PROPN nsubj 2
        attacks attack VERB advcl 5
        Gondor Gondor PROPN dobj 2
        Rohan Rohan PROPN nsubj 5
        responds respond VERB ROOT -1
    """)
    assert candidates(may, [(0, 1), (3, 4)])[0].modality == "hypothetical"
    assert candidates(cond, [(1, 2), (3, 4)])[0].modality == "hypothetical"


def test_denied_under_deny():
    doc = parse("""
        Arnor Arnor PROPN nsubj 1
        denied deny VERB ROOT -1
        that that SCONJ mark 5
        its its PRON poss 4
        jets jet NOUN nsubj 5
        attacked attack VERB ccomp 1
        Gondor Gondor PROPN dobj 5
    """)
    [cand] = candidates(doc, [(0, 1), (6, 7)])
    assert cand.modality == "denied"


def test_alleged_from_reportedly():
    doc = parse("""
        Arnor Arnor PROPN nsubj 2
        reportedly reportedly ADV advmod 2
        raided raid VERB ROOT -1
        a a DET det 5
        Gondorian gondorian ADJ amod 5
        office office NOUN dobj 2
    """)
    assert candidates(doc, [(0, 1), (4, 5)])[0].modality == "alleged"


def test_non_trigger_verbs_and_nouns_give_nothing():
    doc = parse("""
        Arnor Arnor PROPN nsubj 1
        praised praise VERB ROOT -1
        the the DET det 3
        raid raid NOUN dobj 1
    """)
    assert candidates(doc, [(0, 1)]) == []


def test_alias_modifying_a_noun_inside_an_of_phrase_takes_that_nouns_role():
    doc = parse("""
        Arnorian arnorian ADJ amod 1
        police police NOUN nsubj 2
        raided raid VERB ROOT -1
        homes home NOUN dobj 2
        of of ADP prep 3
        Gondorian gondorian ADJ amod 6
        residents resident NOUN pobj 4
    """)
    [cand] = candidates(doc, [(0, 1), (5, 6)])
    [hit] = cand.objects[0].aliases
    assert not hit.is_head and not hit.owns_phrase
    assert hit.sector_phrases[0] == "residents"


def test_alias_heading_an_of_phrase_owns_it():
    doc = parse("""
        Arnor Arnor PROPN nsubj 1
        raided raid VERB ROOT -1
        the the DET det 4
        Minas Minas PROPN compound 4
        office office NOUN dobj 1
        of of ADP prep 4
        Gondorpress Gondorpress PROPN pobj 5
    """)
    [cand] = candidates(doc, [(0, 1), (3, 4), (6, 7)])
    minas, press = cand.objects[0].aliases
    assert minas.span.text == "Minas" and not minas.owns_phrase
    assert press.span.text == "Gondorpress" and press.owns_phrase and not press.is_head


def test_gazetteer_spans_inside_a_later_sentence_point_at_the_right_tokens():
    from spacy.pipeline import Sentencizer

    from dyadwatch.nlp.gazetteer import Gazetteer

    nlp = spacy.blank("en")
    gazetteer = Gazetteer(nlp, ["Arnor", "Gondor"])
    doc = Sentencizer()(nlp("The weather was fine. Arnor and Gondor signed a treaty."))
    second = list(doc.sents)[1]
    assert [s.text for s in gazetteer.spans(second)] == ["Arnor", "Gondor"]
    assert gazetteer.count(second) == 2


def test_a_stated_intention_gets_an_asserted_intent_twin_and_an_appeal_does_not():
    plans = parse("""
        Arnor Arnor PROPN nsubj 1
        plans plan VERB ROOT -1
        to to PART aux 3
        release release VERB xcomp 1
        Gondorians gondorian PROPN dobj 3
    """)
    act, intent = candidates(plans, [(0, 1), (4, 5)], intents=True)
    assert (act.kind, act.modality) == ("verb", "future")
    assert (intent.kind, intent.modality, intent.lemma) == ("intent", "asserted", "release")
    assert first_alias(intent.objects) == ["Gondorians"]
    urged = parse("""
        Arnor Arnor PROPN nsubj 1
        wants want VERB ROOT -1
        Rohan Rohan PROPN nsubj 4
        to to PART aux 4
        release release VERB ccomp 1
        Gondorians gondorian PROPN dobj 4
    """)
    assert [c.kind for c in candidates(urged, [(0, 1), (2, 3), (5, 6)], intents=True)] == ["verb"]


def test_a_light_verb_carries_its_sourceless_event_noun():
    doc = parse("""
        Arnor Arnor PROPN nsubj 1
        renewed renew VERB ROOT -1
        negotiations negotiation NOUN dobj 1
        with with ADP prep 2
        Gondor Gondor PROPN pobj 3
    """)
    found = extract_candidates(doc, article_id="a", sentence_index=0, offset=0, alias_spans=[(0, 1), (4, 5)],
                               trigger_lemmas=TRIGGERS, noun_lemmas={"negotiation"})
    [cand] = [c for c in found if c.kind == "verb"]
    assert cand.lemma == "renew" and cand.modifiers == ("negotiation",)
    assert [(p, a.aliases[0].span.text) for p, a in cand.prep_objects] == [("with", "Gondor")]


def test_a_list_hung_on_its_first_name_as_an_apposition_gives_every_name_as_a_subject():
    doc = parse("""
        The the DET det 1
        Arnor Arnor PROPN nsubj 7
        , , PUNCT punct 1
        Gondor Gondor PROPN appos 1
        , , PUNCT punct 3
        and and CCONJ cc 3
        Rohan Rohan PROPN conj 3
        met meet VERB ROOT -1
    """)
    [cand] = candidates(doc, [(1, 2), (3, 4), (6, 7)])
    assert {a.head.text for a in cand.subjects} == {"Arnor", "Gondor", "Rohan"}


def test_an_infinitive_of_purpose_names_what_the_act_is_aimed_at():
    doc = parse("""
        Arnor Arnor PROPN nsubj 1
        protested protest VERB ROOT -1
        to to PART aux 3
        condemn condemn VERB advcl 1
        Gondor Gondor PROPN dobj 3
    """)
    [cand] = candidates(doc, [(0, 1), (4, 5)])
    assert cand.objects == () and first_alias(cand.complement_objects) == ["Gondor"]


def test_a_purpose_clause_with_its_own_subject_is_no_aim():
    doc = parse("""
        Arnor Arnor PROPN nsubj 1
        protested protest VERB ROOT -1
        so so SCONJ mark 5
        that that SCONJ mark 5
        Rohan Rohan PROPN nsubj 5
        condemns condemn VERB advcl 1
        Gondor Gondor PROPN dobj 5
    """)
    [cand] = candidates(doc, [(0, 1), (4, 5), (6, 7)])
    assert cand.complement_objects == ()


def test_an_actor_span_of_a_role_noun_takes_its_place_phrase_given_the_role_nouns():
    doc = parse("""
        Rebels rebel NOUN nsubj 3
        in in ADP prep 0
        Arnor Arnor PROPN pobj 1
        attacked attack VERB ROOT -1
        Gondor Gondor PROPN dobj 3
    """)
    alias_at = {2: (2, 3), 4: (4, 5)}
    end = len("Rebels in Arnor")
    assert argument_for_span(doc, 0, end, alias_at).aliases == ()
    arg = argument_for_span(doc, 0, end, alias_at, role_nouns={"rebels"})
    assert first_alias([arg]) == ["Arnor"]


def test_a_speech_verb_outside_the_lexicon_still_carries_a_demand_on_the_subject_of_must():
    doc = parse("""
        Arnor Arnor PROPN nsubj 1
        reiterated reiterate VERB ROOT -1
        that that SCONJ mark 5
        Gondor Gondor PROPN nsubj 5
        must must AUX aux 5
        release release VERB ccomp 1
        the the DET det 7
        hostages hostage NOUN dobj 5
    """)
    found = candidates(doc, [(0, 1), (3, 4)])
    demand = [c for c in found if c.lemma == "demand"]
    assert [c.trigger.text for c in demand] == ["must"]
    assert first_alias(demand[0].subjects) == ["Arnor"] and first_alias(demand[0].objects) == ["Gondor"]
    assert not any(c.lemma == "reiterate" for c in found)  # the speech verb itself codes nothing


def test_a_speech_verb_outside_the_lexicon_gives_nothing_without_an_obligation():
    doc = parse("""
        Arnor Arnor PROPN nsubj 1
        reiterated reiterate VERB ROOT -1
        its its PRON poss 3
        support support NOUN dobj 1
    """)
    assert candidates(doc, [(0, 1)]) == []
