"""The actor layer's hard cases through the real parser (our own sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.pipeline import code_texts

pytestmark = pytest.mark.model


def coded(coder, text: str, on: date | None = date(2025, 7, 1)) -> set[tuple[str, str, str]]:
    events = code_texts([("t", text, on)], coder=coder)["t"]
    return {(e.source.actor.code, e.target.actor.code, e.cameo_root) for e in events}


def hows(coder, text: str, on: date | None = date(2025, 7, 1)) -> list[str]:
    events = code_texts([("t", text, on)], coder=coder)["t"]
    return [e.source.actor.how for e in events] + [e.target.actor.how for e in events]


def test_capital_acting_is_the_government_and_a_capital_as_modifier_is_a_place(coder):
    assert ("AZEGOV", "RUSGOV", "14") in coded(coder, "Baku protested to Moscow over the raids.")
    assert ("AZECVL", "RUS", "14") in coded(coder, "Baku residents protested against Russia on Sunday.")


def test_seat_of_government_speaks_for_it(coder):
    assert ("RUSGOV", "AZEGOV", "11") in coded(coder, "The Kremlin criticised Baku on Tuesday.")


def test_spokesperson_is_government_not_media(coder):
    assert ("RUSGOV", "AZEGOV", "11") in coded(coder, "Maria Zakharova criticised Baku on Tuesday.")


def test_unknown_people_with_role_nouns(coder):
    got = coded(coder, "Azerbaijani police officers arrested two Russian nationals in Baku.")
    assert ("AZECOP", "RUSCVL", "17") in got
    assert any(s == "RUSGOV" for s, _, _ in coded(coder, "A Russian diplomat criticised Azerbaijani officials."))


def test_state_media_and_company(coder):
    assert ("AZECOP", "RUSMED", "17") in coded(coder, "Azerbaijani police arrested two Sputnik journalists.")


def test_the_ministry_refers_back(coder):
    text = (
        "Azerbaijan's foreign ministry issued a statement on Monday about the deaths in Yekaterinburg. "
        "The ministry summoned the Russian ambassador."
    )
    events = code_texts([("t", text, date(2025, 6, 30))], coder=coder)["t"]
    summon = [e for e in events if e.cameo == "114"]
    assert summon and summon[0].source.actor.code == "AZEGOV"
    assert summon[0].source.actor.how == "coreference: the ministry"


def test_he_refers_to_the_person_named_before(coder):
    text = "Ilham Aliyev spoke to reporters in Baku on Sunday. He accused Moscow of a cover-up."
    events = code_texts([("t", text, date(2024, 12, 29))], coder=coder)["t"]
    accuse = [e for e in events if e.cameo_root == "11"]
    assert accuse and accuse[0].source.actor.code == "AZEGOV" and accuse[0].target.actor.code == "RUSGOV"
    assert accuse[0].source.actor.how.startswith("coreference: He")


def test_the_two_countries_act_on_each_other(coder):
    text = "Russia and Azerbaijan have quarrelled for months. The two countries agreed to resume regular contacts."
    got = coded(coder, text)
    assert ("RUSGOV", "AZEGOV", "03") in got and ("AZEGOV", "RUSGOV", "03") in got


def test_the_same_name_on_different_dates(coder):
    text = "Trump criticised China over trade."
    assert coded(coder, text, date(2019, 5, 1)) == {("USAGOV", "CHN", "11")}
    assert coded(coder, text, date(2022, 5, 1)) == {("USAOPP", "CHN", "11")}  # in opposition between terms
    assert coded(coder, text, date(2012, 5, 1)) == set()  # before politics: not an actor at all
    assert coded(coder, text, date(2025, 5, 1)) == {("USAGOV", "CHN", "11")}


def test_every_actor_says_how_it_was_resolved(coder):
    found = hows(coder, "Foreign Minister Jeyhun Bayramov criticised the Kremlin.")
    assert found and all(found)
    assert any(h.startswith("person") for h in found) and "seat-as-actor" in found
