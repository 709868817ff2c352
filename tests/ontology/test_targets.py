"""Target choice and attribution in `code_candidate`: admissions, a target of the source's own side,
pronouns, and an act reported by its own side (hermetic; fictional states, hand-built candidates)."""

from __future__ import annotations

from dyadwatch.actors.resolve import PRONOUN_COREFERENCE
from dyadwatch.ontology.code import ADMISSION_CODES
from dyadwatch.types import Actor, AliasHit, Argument, Mention
from tests.ontology.test_code import ACTORS as BASE_ACTORS
from tests.ontology.test_code import ONTO, _candidate, _code, _dyads
from tests.ontology.test_code import Sentence as BaseSentence

ACTORS = {
    **BASE_ACTORS,
    "Fornost": Actor("ARN", "GOV", name="Arnor", how="capital-as-actor"),
    "its envoy": Actor("ARN", "GOV", name="Arnor", how=f"{PRONOUN_COREFERENCE}: its envoy -> Arnor (name)"),
    "Gondor Radio": Actor("GDR", "MED", name="Gondor Radio", how="institution"),
    "Gondor's king": Actor("GDR", "GOV", name="Gondor", how="name+role-noun"),
    "the Arnorian presidency": Actor("ARN", "GOV", name="Arnor", how="adjective+role-noun"),
    "Arnorian media": Actor("ARN", "MED", name="Arnor", how="adjective+role-noun"),
    "Gondorian ministry": Actor("GDR", "GOV", name="Gondor", how="adjective+role-noun"),
    "Arnorian police": Actor("ARN", "COP", name="Arnor", how="adjective+role-noun"),
}


class Sentence(BaseSentence):
    """test_code's Sentence over this module's actors; an alias hit resolves on its own too."""

    def arg(self, sub: str, actor: str | None = None, nth: int = 0) -> Argument:
        sp = self.span(sub, nth)
        hit = AliasHit(sp, is_head=True, owns_phrase=True)
        a = Argument(phrase=sp, head=sp, head_lemma=sub.split()[-1].lower(), aliases=(hit,) if actor else ())
        self.table[a] = None if actor is None else Mention(sp.text, sp.start, sp.end, ACTORS[actor])
        return a

    def resolve(self, a: Argument) -> list[Mention]:
        if a not in self.table and len(a.aliases) == 1:  # one alias of a reporter that names several
            return [m for b, m in self.table.items() if m is not None and b.aliases == a.aliases][:1]
        return super().resolve(a)


def test_admission_rows_and_codes():
    assert ONTO.match("admit", particle=None, object_lemma=None).code == "015"
    assert ONTO.match("acknowledge", particle=None, object_lemma=None).preps == ("to", "for")
    assert ONTO.match("accept", particle=None, object_lemma="responsibility").code == "015"
    assert ADMISSION_CODES == {"015"}


def test_admission_to_an_addressee():
    s = Sentence("Arnor admitted to Gondor that Arnorian police shot Rohan.")
    cand = _candidate(s, "admitted", "admit", subjects=(s.arg("Arnor", "Arnor"),),
                      prep_objects=(("to", s.arg("Gondor", "Gondor")),),
                      complement_objects=(s.arg("Rohan", "Rohan"),))
    [event] = _code(s, cand)
    assert _dyads([event]) == [("Arnor", "Gondor")] and event.cameo == "015"


def test_admission_without_addressee_names_the_patient_of_the_admitted_act():
    s = Sentence("Arnor admitted its guilt: Arnorian police shot Rohirrim.")
    cand = _candidate(s, "admitted", "admit", subjects=(s.arg("Arnor", "Arnor"),),
                      objects=(s.arg("its guilt", "Arnor"),),  # the admitting side itself: passed over
                      complement_objects=(s.arg("Rohirrim", "Rohirrim"),))
    assert _dyads(_code(s, cand)) == [("Arnor", "Rohirrim")]


def test_admission_with_no_second_actor_is_no_event():
    s = Sentence("Arnor admitted that Arnorian police erred.")
    cand = _candidate(s, "admitted", "admit", subjects=(s.arg("Arnor", "Arnor"),),
                      complement_objects=(s.arg("Arnorian police", "Arnorian police"),))
    assert _code(s, cand) == []


def test_own_side_target_gives_way_to_another_country_named_in_a_later_slot():
    # "Arnor cancelled a visit to Fornost by Gondor's king": the visitor, not the destination
    s = Sentence("Arnor cancelled a visit to Fornost by Gondor's king.")
    cand = _candidate(s, "cancelled", "cancel", object_lemma="visit", subjects=(s.arg("Arnor", "Arnor"),),
                      objects=(s.arg("Gondor's king", "Gondor's king"),),
                      prep_objects=(("to", s.arg("Fornost", "Fornost")),))
    [event] = _code(s, cand)
    assert event.dyad == ("ARN", "GDR") and event.cameo == "161"
    # a visit to another state's capital stays the target
    s = Sentence("Gondor cancelled a visit to Fornost by Gondor's king.")
    cand = _candidate(s, "cancelled", "cancel", object_lemma="visit", subjects=(s.arg("Gondor", "Gondor"),),
                      objects=(s.arg("Gondor's king", "Gondor's king"),),
                      prep_objects=(("to", s.arg("Fornost", "Fornost")),))
    assert [e.dyad for e in _code(s, cand)] == [("GDR", "ARN")]


def test_own_side_target_stays_when_nothing_else_is_named():
    # intra-state events are legitimate ("Arnorian police arrested Arnorians")
    s = Sentence("Arnorian police arrested Arnor's critics.")
    cand = _candidate(s, "arrested", "arrest", subjects=(s.arg("Arnorian police", "Arnorian police"),),
                      objects=(s.arg("Arnor's critics", "Arnor"),))
    assert [e.dyad for e in _code(s, cand)] == [("ARN", "ARN")]


def test_a_pronoun_back_to_the_source_is_no_target():
    s = Sentence("Arnor recalled its envoy.")
    cand = _candidate(s, "recalled", "recall", subjects=(s.arg("Arnor", "Arnor"),),
                      objects=(s.arg("its envoy", "its envoy"),))
    assert _code(s, cand) == []


def _raid(reporter: str) -> list[str]:
    s = Sentence(f"Arnorian police raided Gondor Radio, according to {reporter}.")
    cand = _candidate(s, "raided", "raid", subjects=(s.arg("Arnorian police", "Arnorian police"),),
                      objects=(s.arg("Gondor Radio", "Gondor Radio"),), modality="alleged",
                      reporter=s.arg(reporter, reporter))
    return [e.modality for e in _code(s, cand)]


def test_an_act_reported_by_its_own_government_stays_asserted():
    assert _raid("the Arnorian presidency") == ["asserted"]
    assert _raid("Arnorian police") == ["asserted"]  # the actor itself
    assert _raid("Arnorian media") == ["alleged"]  # its own country's media are not its account
    assert _raid("Gondorian ministry") == ["alleged"]  # the other side's account


def test_a_report_by_both_sides_is_each_sides_own_account():
    text = "Arnor met Gondor, according to statements from the Arnorian presidency and Gondorian ministry."
    s = Sentence(text)
    arnor = s.arg("the Arnorian presidency", "the Arnorian presidency")
    gondor = s.arg("Gondorian ministry", "Gondorian ministry")
    statements = Argument(phrase=s.span("statements"), head=s.span("statements"), head_lemma="statement",
                          aliases=(*arnor.aliases, *gondor.aliases))
    s.table[statements] = s.table[arnor]  # the phrase as a whole resolves to its first actor
    cand = _candidate(s, "met", "meet", subjects=(s.arg("Arnor", "Arnor"), s.arg("Gondor", "Gondor")),
                      modality="alleged", reporter=statements)
    events = _code(s, cand)
    assert {e.dyad: e.modality for e in events} == {("ARN", "GDR"): "asserted", ("GDR", "ARN"): "asserted"}
    assert all(e.reported_by is not None and e.reported_by.actor.key == "ARN" for e in events)
