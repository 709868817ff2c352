"""Event coding through the real parser: nominal events, attribution, denials, dates, PLOVER detail.
Our own sentences; the broader modality/date set is dyadwatch/eval/data/modality.jsonl."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.pipeline import code_texts

pytestmark = pytest.mark.model

PUBLISHED = date(2025, 7, 2)  # a Wednesday


def events(coder, text: str, on: date | None = PUBLISHED):
    return code_texts([("t", text, on)], coder=coder)["t"]


def one(coder, text: str, trigger: str, on: date | None = PUBLISHED):
    found = [e for e in events(coder, text, on) if e.trigger.text == trigger]
    assert len(found) == 1, [(e.trigger.text, e.cameo) for e in events(coder, text, on)]
    return found[0]


def test_nominal_event_with_of_object_and_by_agent(coder):
    e = one(coder, "The arrest of two Sputnik journalists by Azerbaijani police angered Moscow.", "arrest")
    assert (e.source.actor.code, e.target.actor.code, e.cameo, e.plover) == ("AZECOP", "RUSMED", "173", "COERCE")


def test_nominal_event_with_adjective_source_and_on_target(coder):
    e = one(coder, "Russian airstrikes on Syrian towns continued overnight.", "airstrikes")
    assert (e.source.actor.key, e.target.actor.key, e.cameo_root) == ("RUS", "SYR", "19")


def test_light_verb_and_noun_make_one_event(coder):
    found = events(coder, "Russia imposed sanctions on Georgia.")
    assert len(found) == 1 and found[0].trigger.text == "imposed"


def test_reported_by_speaker_and_according_to(coder):
    e = one(coder, "Zakharova said Azerbaijani police had arrested two Russian journalists.", "arrested")
    assert e.reported_by is not None and e.reported_by.actor.code == "RUSGOV" and e.modality == "asserted"
    e = one(coder, "Russian police raided homes of Azerbaijani residents, according to APA.", "raided")
    assert e.reported_by is not None and e.reported_by.actor.code == "AZEMED" and e.modality == "alleged"


def test_denial_is_a_reject_event_and_the_denied_event_is_denied(coder):
    text = "Baku denied that Israeli jets used its airspace to attack Iran."
    found = {e.trigger.text: e for e in events(coder, text)}
    assert found["denied"].plover == "REJECT" and found["denied"].source.actor.key == "AZE"
    assert found["attack"].modality == "denied" and found["attack"].dyad == ("ISR", "IRN")


def test_accused_of_gives_an_alleged_event_by_the_accused(coder):
    e = one(coder, "Russia accused Azerbaijan of arresting Russian citizens.", "arresting")
    assert e.dyad == ("AZE", "RUS") and e.modality == "alleged"


def test_event_dates_from_the_text_with_precision_and_historical_flag(coder):
    text = "Baku said on Tuesday that Russian police had raided homes of Azerbaijani residents last week."
    raid = one(coder, text, "raided")
    assert (raid.date, raid.date_precision, raid.date_text) == (date(2025, 6, 23), "week", "last week")
    assert not raid.historical
    closed = one(coder, "Azerbaijan closed the Russian House in February 2025.", "closed")
    assert (closed.date, closed.date_precision, closed.historical) == (date(2025, 2, 1), "month", True)
    shelled = one(coder, "Russia shelled Georgian villages in the early 2000s.", "shelled")
    assert (shelled.date, shelled.date_precision) == (date(2000, 1, 1), "decade")
    plain = one(coder, "Putin apologised to Aliyev.", "apologised")
    assert (plain.date, plain.date_precision, plain.date_text) == (PUBLISHED, "day", "")


def test_a_planned_event_dated_by_a_bare_month_lies_ahead(coder):
    text = "Israel might attack Iranian nuclear facilities as early as February."
    e = one(coder, text, "attack", on=date(2025, 7, 2))
    assert e.modality == "hypothetical" and e.date == date(2026, 2, 1)


def test_plover_mode_and_context_come_with_the_code(coder):
    e = one(coder, "Azerbaijan released two Russian journalists.", "released")
    assert e.cameo == "0841" and e.plover == "RETREAT" and e.plover_mode == "release"


def test_a_when_clause_shares_the_date_of_its_governor(coder):
    text = (
        "Two Russian journalists were arrested in Baku at the end of June, "
        "when Azerbaijani police raided the Sputnik office."
    )
    e = one(coder, text, "raided", on=date(2025, 10, 14))
    assert (e.date, e.date_precision, e.historical) == (date(2025, 6, 1), "month", True)


def test_willing_and_about_to_raise_their_subject_and_mark_the_mood(coder):
    e = one(coder, "Syria says it is willing to withdraw its troops from Lebanon.", "withdraw")
    assert e.source.actor.key == "SYR" and e.modality == "hypothetical"
    e = one(coder, "Georgia is about to expel two Russian diplomats.", "expel")
    assert e.dyad == ("GEO", "RUS") and e.modality == "future"
