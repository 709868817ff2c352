"""Patterns of real news through the real parser: admissions, promises, a cancelled visit, "its"
after a named outlet, attribution to one's own government, "the two sides" (our own sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.pipeline import code_texts

pytestmark = pytest.mark.model

ON = date(2025, 10, 9)


def coded(coder, text: str) -> set[tuple[str, str, str, str]]:
    """(source code, target code, CAMEO code, modality) of every event."""
    events = code_texts([("t", text, ON)], coder=coder)["t"]
    return {(e.source.actor.code, e.target.actor.code, e.cameo, e.modality) for e in events}


def test_an_admission_to_someone_is_coded_for_the_addressee(coder):
    text = ("Turkish President Recep Tayyip Erdogan admitted to Armenian Prime Minister Nikol Pashinyan on Friday "
            "that Turkish border guards had fired on the convoy.")
    assert ("TURGOV", "ARMGOV", "015", "asserted") in coded(coder, text)


def test_an_admission_names_the_patient_of_the_admitted_act_or_nobody(coder):
    assert ("TURGOV", "ARM", "015", "asserted") in coded(coder, "Ankara admitted that its drones had struck the "
                                                               "Armenian convoy.")
    assert coded(coder, "Turkey acknowledged responsibility for the incident on Friday.") == set()


def test_a_promise_goes_to_its_addressee_not_to_the_subject_of_the_promised_clause(coder):
    assert ("TURGOV", "ARMGOV", "030", "asserted") in coded(
        coder, "Erdogan promised Pashinyan that Turkey would reopen the border crossing.")
    found = coded(coder, "Erdogan met Pashinyan in Tirana and promised that Turkey would reopen the border.")
    assert not any(s[:3] == t[:3] for s, t, _, _ in found)  # no Turkey -> Turkey promise


def test_him_after_a_named_counterpart(coder):
    found = coded(coder, "Erdogan telephoned Pashinyan on Sunday and thanked him for the invitation.")
    assert ("TURGOV", "ARMGOV", "051", "asserted") in found


def test_a_cancelled_visit_targets_the_visitor_not_the_destination(coder):
    found = coded(coder, "Armenia cancelled a planned visit to Yerevan by Turkish Foreign Minister Hakan Fidan, "
                         "officials said on Monday.")
    assert ("ARM", "TURGOV", "161", "asserted") in found
    assert not any(s[:3] == t[:3] and c == "161" for s, t, c, _ in found)
    # when the visitor is the canceller's own, the destination stays the target
    assert ("TUR", "ARMGOV", "161", "asserted") in coded(
        coder, "Turkey cancelled a planned visit to Yerevan by Turkish Foreign Minister Hakan Fidan.")


def test_its_employees_belong_to_the_outlet_named_before(coder):
    text = ("Georgian police raided the Tbilisi office of Sputnik on Tuesday and detained two of its employees, "
            "officials and Georgian media said.")
    found = coded(coder, text)
    assert ("GEOCOP", "RUSMED", "173", "asserted") in found
    assert not any(s[:3] == t[:3] for s, t, _, _ in found)


def test_an_account_by_the_actors_own_government_is_not_an_allegation(coder):
    own = "Turkish police detained two Iranian nationals in Istanbul, according to the Turkish interior ministry."
    assert ("TURCOP", "IRNCVL", "173", "asserted") in coded(coder, own)
    other = "Turkish police detained two Iranian nationals in Istanbul, according to Iranian media."
    assert ("TURCOP", "IRNCVL", "173", "alleged") in coded(coder, other)


def test_the_two_sides_are_the_two_that_met_not_the_host(coder):
    text = ("Turkish President Recep Tayyip Erdogan met Armenian Prime Minister Nikol Pashinyan in Tirana, the "
            "Albanian capital, on Thursday. The two sides also discussed the reopening of the border.")
    found = {(s, t) for s, t, c, _ in coded(coder, text) if c.startswith("04")}
    assert ("TURGOV", "ARMGOV") in found and ("ARMGOV", "TURGOV") in found
    assert not any("ALB" in s + t for s, t in found)
