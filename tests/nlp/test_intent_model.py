"""Stated intentions are coded as expressions of intent (03x/13x), asserted, beside the announced act
(future or hypothetical); appeals, obligations, coded governors and conditional threats are not
(our own sentences, through the real parser)."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.pipeline import code_texts

pytestmark = pytest.mark.model

ON = date(2025, 10, 9)


def coded(coder, text: str) -> set[tuple[str, str, str, str]]:
    events = code_texts([("t", text, ON)], coder=coder)["t"]
    return {(e.source.actor.code, e.target.actor.code, e.cameo, e.modality) for e in events}


def test_will_gives_the_intent_and_keeps_the_act_future(coder):
    found = coded(coder, "The Georgian prime minister will visit Baku in June.")
    assert {("GEOGOV", "AZEGOV", "036", "asserted"), ("GEOGOV", "AZEGOV", "042", "future")} <= found


def test_the_intent_is_dated_by_the_article_not_by_the_announced_act(coder):
    events = code_texts([("t", "The Georgian prime minister will visit Baku in June.", ON)], coder=coder)["t"]
    [intent] = [e for e in events if e.cameo == "036"]
    assert intent.date == ON


def test_reported_would_and_plans_to_state_intent(coder):
    assert ("GEO", "RUS", "1313", "asserted") in coded(coder, "Georgia said it would break off diplomatic relations "
                                                              "with Russia.")
    assert ("IRN", "AZE", "1312", "asserted") in coded(coder, "Iran plans to impose sanctions on Azerbaijan.")
    assert ("ARM", "SYR", "033", "asserted") in coded(
        coder, "Armenia will send humanitarian aid to Syria, the foreign ministry said on Monday.")


@pytest.mark.parametrize("text", [
    "Georgia agreed to open the border with Armenia.",
    "Kazakhstan urged Russia to release the detainees.",
    "Georgia wants Russia to withdraw its troops from Abkhazia.",
    "Armenia must release the Azerbaijani prisoners, the mediator said.",
    "Azerbaijan will withdraw its troops from Armenia unless Armenia removes its artillery.",
])
def test_no_intent_under_coded_governors_appeals_obligations_or_conditions(coder, text):
    found = coded(coder, text)
    assert not any(code.startswith(("03", "13")) and code != "030" for _, _, code, _ in found), found


def test_the_intent_trigger_runs_from_its_cue_to_the_verb(coder):
    events = code_texts([("t", "Syria says it is willing to withdraw its troops from Lebanon.", ON)], coder=coder)["t"]
    assert {(e.trigger.text, e.cameo) for e in events} >= {("withdraw", "087"), ("willing to withdraw", "0356")}


def test_a_statement_that_another_actor_must_act_is_a_demand_on_it(coder):
    assert ("RUS", "GEO", "100", "asserted") in coded(
        coder, "Russia said on Tuesday that Georgia must return the captured helicopter.")
    assert ("TURGOV", "ARM", "100", "asserted") in coded(
        coder, "The Turkish foreign minister said Armenia should withdraw its troops from the border.")
    assert coded(coder, "Armenia said it must respond to the attack.") == set()


def test_a_stated_refusal_is_a_rejection_and_the_act_stays_negated(coder):
    assert {("AZE", "ARM", "0841", "negated"), ("AZE", "ARM", "1243", "asserted")} <= coded(
        coder, "Azerbaijan said it would not release the Armenian detainees.")
    assert ("GEO", "RUSGOV", "125", "asserted") in coded(
        coder, "Georgia will not meet the Russian delegation, the ministry said.")
    # refusing a conflictual act is no rejection
    assert coded(coder, "Georgia said it would not attack Russia.") == {("GEO", "RUS", "190", "negated")}


def test_meeting_demands_is_yielding(coder):
    assert ("GEO", "RUS", "080", "asserted") in coded(coder, "Georgia met Russian demands on Monday.")
