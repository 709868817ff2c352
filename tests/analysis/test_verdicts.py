"""Tests for `dyadwatch.analysis.verdicts`: the monthly arrows, against hand-built months of incidents."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.analysis.incidents import cluster_events
from dyadwatch.analysis.panel import dyad_periods
from dyadwatch.analysis.verdicts import NCI_DROP, NCI_RISE, VERDICTS, monthly_verdicts
from dyadwatch.types import Incident
from tests.analysis.factory import make_event, make_incident

A, R = "AZE", "RUS"
CALM = [(A, R, "040"), (R, A, "051"), (A, R, "043")]
"""A calm cooperative month: consultations, praise, a hosted visit."""
JUNE_CRISIS = [(R, A, "182"), (R, A, "180"), (A, R, "161"), (A, R, "161")]
"""Police raids that kill nationals, answered by cancelled visits."""
JULY_CRISIS = [(A, R, "173"), (R, A, "173"), (A, R, "173"), (R, A, "114"), (R, A, "111"), (A, R, "111")]
"""More arrests both ways, an official protest and accusations; no cooperation."""
THAW = [(R, A, "040"), (A, R, "057"), (A, R, "0841"), (R, A, "036")]
"""A leaders' meeting, a signed agreement, a release and an intent to meet."""


def month(year: int, month_: int, codes: list[tuple[str, str, str]]) -> list[Incident]:
    """Incidents (source, target, cameo) on successive days of one month."""
    return [make_incident(s, t, date(year, month_, 1 + k % 27), c) for k, (s, t, c) in enumerate(codes)]


def months(*plan: list[tuple[str, str, str]], start: int = 1) -> list[Incident]:
    """Incidents for consecutive months of 2025, starting in month `start`."""
    return [i for k, codes in enumerate(plan) for i in month(2025, start + k, codes)]


def verdicts_of(incidents: list[Incident], **kwargs) -> dict[str, str]:
    return {v.month: v.verdict for v in monthly_verdicts(dyad_periods(incidents, A, R), **kwargs)}


def by_month(incidents: list[Incident], **kwargs):
    return {v.month: v for v in monthly_verdicts(dyad_periods(incidents, A, R), **kwargs)}


def test_new_crisis_rung_above_the_baseline_maximum_deteriorates() -> None:
    friction = [(A, R, "111"), (R, A, "040")]
    result = by_month(months(CALM, friction, CALM, [(A, R, "161"), (A, R, "040"), (R, A, "051"), (A, R, "057")]))
    april = result["2025-04"]
    assert (april.verdict, april.rule, april.rung, april.baseline_rung) == ("deteriorated", "escalation", 3, 1)
    assert april.nci > 0  # mostly cooperative, but the downgrade is new: still a deterioration
    assert april.reason.startswith("highest rung 3 (downgrade or sanctions) above the 6-month maximum 1; ")
    assert [d.event.cameo for d in april.drivers] == ["161"]
    assert result["2025-03"].verdict == "unchanged"


def test_a_crisis_that_continues_into_a_second_month_deteriorates_both_months() -> None:
    result = by_month(months(CALM, CALM, CALM, CALM, CALM, JUNE_CRISIS, JULY_CRISIS))
    june, july = result["2025-06"], result["2025-07"]
    assert (june.verdict, june.rule, june.rung) == ("deteriorated", "escalation", 6)
    assert june.drivers[0].event.cameo == "182"
    assert (july.verdict, july.rule) == ("deteriorated", "slide")
    assert july.rung == 4 and july.baseline_rung == 6  # not a new rung, yet far below the level before
    assert july.nci <= july.calm_nci - NCI_DROP
    assert july.calm_nci > july.baseline_nci  # June is left out of the calm level
    assert {d.event.cameo for d in july.drivers} == {"173"}
    assert "net cooperation" in july.reason and "rung 4 (coercion of nationals or assets)" in july.reason


def test_continuing_crisis_after_quiet_sparse_months() -> None:
    sparse = months([(A, R, "040")], [], [], [], [], JUNE_CRISIS, JULY_CRISIS)
    assert verdicts_of(sparse)["2025-06"] == verdicts_of(sparse)["2025-07"] == "deteriorated"
    assert verdicts_of(sparse)["2025-03"] == "no events"


def test_a_crisis_that_stays_at_the_same_level_becomes_the_norm() -> None:
    hostile = [(A, R, "173"), (R, A, "114"), (A, R, "111")]
    later = [i for m in range(1, 5) for i in month(2026, m, hostile)]
    result = verdicts_of([*months(*[CALM] * 6), *months(*[hostile] * 6, start=7), *later])
    crisis = [result[m] for m in sorted(result) if m >= "2025-07"]
    assert len(crisis) == 10
    assert crisis[:4] == ["deteriorated"] * 4  # measured against the calm months before
    assert crisis[4:] == ["unchanged"] * 6  # calm months are under half the window: the crisis is the norm


def test_a_thaw_after_a_crisis_improves() -> None:
    result = by_month(months(CALM, CALM, CALM, JUNE_CRISIS, JULY_CRISIS, THAW, start=3))
    august = result["2025-08"]
    assert (august.verdict, august.rule) == ("improved", "thaw")
    assert august.nci >= august.baseline_nci + NCI_RISE
    assert [d.event.cameo for d in august.drivers] == ["057", "0841"]
    assert "up from" in august.reason and "Goldstein +8.0" in august.reason


def test_no_thaw_while_crisis_rung_acts_go_on() -> None:
    mixed = [*THAW, (R, A, "173")]
    result = by_month(months(CALM, CALM, CALM, JUNE_CRISIS, JULY_CRISIS, mixed, start=3))
    august = result["2025-08"]
    assert august.verdict == "unchanged"  # not improved (an arrest), and not a slide either:
    assert august.nci <= august.calm_nci - NCI_DROP  # below the level before the crisis,
    assert august.nci >= august.baseline_nci + NCI_RISE  # but far better than the crisis months
    weak = [(R, A, "040"), (A, R, "042")]  # meetings only: Goldstein below 3
    assert verdicts_of(months(CALM, JUNE_CRISIS, weak, start=3))["2025-05"] == "unchanged"


def test_same_mix_ten_times_the_volume_is_not_a_deterioration() -> None:
    mix = [(A, R, "040"), (R, A, "057"), (A, R, "114"), (R, A, "111"), (A, R, "161")]
    result = by_month(months(*[mix] * 6, mix * 10))
    july = result["2025-07"]
    assert (july.n, july.serious) == (50, 20)
    assert july.verdict == "unchanged"
    assert abs(july.nci - july.baseline_nci) < 0.05
    assert july.hostile == 30 and july.baseline_hostile == pytest.approx(3.0)


def test_same_mix_ten_times_the_volume_without_crisis_acts() -> None:
    mix = [(A, R, "040"), (R, A, "051"), (A, R, "114"), (R, A, "111")]
    assert verdicts_of(months(*[mix] * 4, mix * 10))["2025-05"] == "unchanged"


def test_empty_months_have_no_events() -> None:
    result = by_month(months(CALM, [], CALM))
    february = result["2025-02"]
    assert (february.verdict, february.drivers, february.rule, february.rung, february.n) == (
        "no events", (), "", None, 0)
    assert february.reason.startswith("no incidents")


def test_one_mild_criticism_after_calm_months_stays_unchanged() -> None:
    result = by_month(months(CALM, CALM, CALM, [(R, A, "111")]))
    april = result["2025-04"]
    assert april.verdict == "unchanged" and april.drivers == ()
    assert april.nci <= april.calm_nci - NCI_DROP  # the ratio fell, but one criticism is too little evidence
    assert "too little hostile evidence" in april.reason


def test_minimum_evidence_for_a_slide_is_two_formal_protests() -> None:
    one = verdicts_of(months(CALM, CALM, CALM, [(R, A, "114"), (R, A, "111"), (A, R, "112")]))
    two = verdicts_of(months(CALM, CALM, CALM, [(R, A, "114"), (A, R, "114")]))
    many_words = verdicts_of(months(CALM, CALM, CALM, [(R, A, "111")] * 6))
    assert (one["2025-04"], two["2025-04"], many_words["2025-04"]) == ("unchanged", "deteriorated", "unchanged")


def test_baseline_window_length_decides_what_is_remembered() -> None:
    incidents = months([(R, A, "190")], CALM, CALM, CALM, CALM, CALM, CALM, [(A, R, "173"), (R, A, "040")])
    short = by_month(incidents)["2025-08"]  # window Feb..Jul: the January strike is forgotten
    long = by_month(incidents, baseline_months=12)["2025-08"]
    assert (short.verdict, short.rule, short.baseline_rung, short.baseline_months) == (
        "deteriorated", "escalation", 0, 6)
    assert (long.rule, long.baseline_rung, long.baseline_months) == ("slide", 6, 7)


def test_first_month_has_nothing_to_be_judged_against() -> None:
    (first,) = monthly_verdicts(dyad_periods(month(2024, 12, [(R, A, "195"), (A, R, "112")]), A, R))
    assert (first.verdict, first.rule, first.baseline_rung, first.baseline_months) == ("unchanged", "first", None, 0)
    assert first.reason.startswith("first month on record")
    # with a quiet month on record before it, the same month is an escalation
    quiet = month(2024, 11, [(A, R, "040")]) + month(2024, 12, [(R, A, "195"), (A, R, "112")])
    december = monthly_verdicts(dyad_periods(quiet, A, R))[1]
    assert (december.verdict, december.rule) == ("deteriorated", "escalation")


def test_drivers_prefer_more_outlets_on_ties() -> None:
    reprints = [make_event(A, R, date(2025, 3, 2), "173", trigger="arrested") for _ in range(3)]
    (loud,) = cluster_events(reprints, outlets={e.article_id: "one wire" for e in reprints})  # 3 mentions, 1 outlet
    reports = [make_event(A, R, date(2025, 3, 9), "173", trigger="detained") for _ in range(2)]
    (wide,) = cluster_events(reports, outlets={e.article_id: f"outlet{k}" for k, e in enumerate(reports)})
    lone = make_incident(A, R, date(2025, 3, 1), "173")
    result = by_month([*months(CALM, CALM), lone, loud, wide, *month(2025, 3, [(A, R, "111")])])
    assert (loud.n_mentions, len(loud.outlets), wide.n_mentions, len(wide.outlets)) == (3, 1, 2, 2)
    assert result["2025-03"].verdict == "deteriorated"
    assert result["2025-03"].drivers == (wide, loud)  # outlets first, then mentions, then the date


def test_verdict_values_and_bad_arguments() -> None:
    incidents = months(CALM, JUNE_CRISIS, [], THAW)
    assert {v.verdict for v in monthly_verdicts(dyad_periods(incidents, A, R))} <= set(VERDICTS)
    with pytest.raises(ValueError, match="grain"):
        monthly_verdicts(dyad_periods(incidents, A, R, grain="week"))
    with pytest.raises(ValueError, match="baseline_months"):
        monthly_verdicts(dyad_periods(incidents, A, R), baseline_months=0)


SCENARIO = months(CALM, CALM, [(A, R, "111")], JUNE_CRISIS, JULY_CRISIS, [], THAW, [(R, A, "114"), (A, R, "114")])


@settings(max_examples=25, deadline=None)
@given(st.permutations(SCENARIO), st.randoms(use_true_random=False))
def test_verdicts_do_not_depend_on_incident_order(shuffled, rnd) -> None:
    expected = monthly_verdicts(dyad_periods(SCENARIO, A, R))
    panel = dyad_periods(shuffled, A, R)
    jumbled = replace(panel, a_to_b=tuple(tuple(rnd.sample(p, len(p))) for p in panel.a_to_b))
    assert monthly_verdicts(panel) == expected
    assert monthly_verdicts(jumbled) == expected
    assert [v.verdict for v in expected] == ["unchanged", "unchanged", "unchanged", "deteriorated",
                                             "deteriorated", "no events", "improved", "deteriorated"]


def test_the_shape_of_a_year_like_the_demo_corpus() -> None:
    """Sparse months (0-6 incidents), as in the bundled corpus: a shoot-down, closures, raids, a thaw."""
    incidents = [
        *month(2024, 11, [(A, R, "040"), (R, A, "051")]),  # a quiet month on record before the crash
        *month(2024, 12, [(R, A, "195"), (A, R, "163"), (A, R, "100"), (A, R, "111"), (A, R, "112"), (R, A, "055")]),
        *month(2025, 2, [(A, R, "172"), (A, R, "100"), (R, A, "112")]),
        *month(2025, 6, [(R, A, "182"), (A, R, "161"), (A, R, "173"), (A, R, "114"), (R, A, "114")]),
        *month(2025, 7, [(A, R, "173"), (R, A, "173"), (R, A, "111"), (R, A, "100")]),
        *month(2025, 10, [(R, A, "040"), (A, R, "051"), (R, A, "055"), (A, R, "0841")]),
    ]
    got = verdicts_of(incidents)
    assert [m for m, v in got.items() if v == "deteriorated"] == ["2024-12", "2025-02", "2025-06", "2025-07"]
    assert got["2025-10"] == "improved"
    assert {got[m] for m in ("2025-01", "2025-03", "2025-04", "2025-05", "2025-08", "2025-09")} == {"no events"}


def test_one_routine_contact_after_a_bad_spell_is_not_yet_a_thaw() -> None:
    # one agreement coded in both directions (a mirror pair) and a meeting: two distinct acts
    routine = [(A, R, "057"), (R, A, "057"), (A, R, "040")]
    routine_month = [make_incident(s, t, date(2025, 8, 5), c) for s, t, c in routine]
    result = by_month(months(CALM, CALM, CALM, CALM, CALM, JUNE_CRISIS, JULY_CRISIS) + routine_month)
    assert result["2025-08"].verdict == "unchanged"
    assert result["2025-08"].nci > result["2025-08"].baseline_nci + NCI_RISE  # the NCI alone would call it


def test_verbal_hostility_continues_a_crisis_but_does_not_start_one() -> None:
    verbal = [(R, A, "112"), (A, R, "120"), (R, A, "100"), (A, R, "111")]
    after_crisis = by_month(months(CALM, CALM, CALM, CALM, CALM, JUNE_CRISIS, verbal))
    assert (after_crisis["2025-07"].verdict, after_crisis["2025-07"].rule) == ("deteriorated", "continued")
    assert after_crisis["2025-07"].reason.startswith("the crisis continues: ")
    after_calm = by_month(months(CALM, CALM, CALM, CALM, CALM, CALM, verbal))
    assert after_calm["2025-07"].verdict == "unchanged"
    fewer = by_month(months(CALM, CALM, CALM, CALM, CALM, JUNE_CRISIS, verbal[:2]))
    assert fewer["2025-07"].verdict == "unchanged"  # two hostile remarks are below MIN_CONTINUED
