"""Where news puts the other side of an event, through the real parser (our own sentences): both
sides of a negotiation or a phone call, the aim of a protest in its purpose clause, and a military
withdrawal told apart from leaving a treaty."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.pipeline import code_texts

pytestmark = pytest.mark.model

ON = date(2025, 10, 9)


def coded(coder, text: str) -> set[tuple[str, str, str]]:
    """(source country, target country, CAMEO code) of every asserted event."""
    events = code_texts([("t", text, ON)], coder=coder)["t"]
    return {(e.source.actor.country, e.target.actor.country, e.cameo) for e in events if e.modality == "asserted"}


def test_talks_and_phone_calls_are_coded_both_ways(coder):
    found = coded(coder, "Portuguese Foreign Minister Ana Ruiz held talks with her Chilean counterpart in Geneva.")
    assert {("PRT", "CHL", "046"), ("CHL", "PRT", "046")} <= found
    found = coded(coder, "The president of Kenya telephoned the Tanzanian prime minister on Tuesday.")
    assert {("KEN", "TZA", "041"), ("TZA", "KEN", "041")} <= found


def test_a_visit_stays_one_way(coder):
    assert coded(coder, "The Kenyan president visited Tanzania on Tuesday.") == {("KEN", "TZA", "042")}


def test_a_protest_is_aimed_at_whom_its_purpose_clause_names(coder):
    found = coded(coder, "Hundreds of Kenyans staged a hunger strike to protest against Uganda's decision.")
    assert {(s, t) for s, t, _ in found} == {("KEN", "UGA")}
    found = coded(coder, "Kenyan students demonstrated in Nairobi to demand that the Ugandan government free them.")
    assert {(s, t) for s, t, _ in found} == {("KEN", "UGA")}


def test_a_protest_for_ones_own_rights_stays_aimed_at_the_own_government(coder):
    found = coded(coder, "Hundreds of Kenyans demonstrated in Nairobi to protect their rights.")
    assert {(s, t) for s, t, _ in found} == {("KEN", "KEN")}


def test_troops_withdrawing_is_a_military_withdrawal_and_a_state_leaving_a_body_is_not(coder):
    assert ("RUS", "GEO", "087") in coded(coder, "Russian troops withdrew from Georgia on Monday.")
    assert ("RUS", "GEO", "160") in coded(coder, "Russia withdrew from Georgia's regional forum on Monday.")


def test_talks_between_two_states_are_coded_both_ways(coder):
    found = coded(coder, "Talks between Peru and Bolivia resumed in La Paz on Monday.")
    assert {("PER", "BOL", "046"), ("BOL", "PER", "046")} <= found
    found = coded(coder, "Kenya hosted talks between Sudan and Ethiopia on Monday.")
    assert {("SDN", "ETH", "046"), ("ETH", "SDN", "046")} <= found


def test_mediation_between_two_states_targets_both(coder):
    found = coded(coder, "Egypt's mediation between Israel and Jordan resumed on Monday.")
    assert {(s, t) for s, t, _ in found} >= {("EGY", "ISR"), ("EGY", "JOR")}


def test_an_ethnic_group_living_in_another_country_is_coded_to_that_country(coder):
    found = coded(coder, "Ethnic Russians in eastern Ukraine protested against the Ukrainian language law.")
    assert {(s, t) for s, t, _ in found} == {("UKR", "UKR")}
    found = coded(coder, "Ethnic Albanians protested in Tirana against the Serbian government.")
    assert {(s, t) for s, t, _ in found} == {("ALB", "SRB")}


def test_must_after_any_speech_verb_is_a_demand(coder):
    assert ("KEN", "UGA", "100") in coded(coder, "Kenya stressed on Monday that Uganda must withdraw its troops.")
    assert ("GBR", "LBY", "100") in coded(coder, "A British minister reiterated that Libya must pay compensation.")
