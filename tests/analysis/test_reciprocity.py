"""Tests for `dyadwatch.analysis.reciprocity`: tit-for-tat lift, decayed pressure, the report."""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pytest

from dyadwatch.analysis.hawkes import simulate_hawkes
from dyadwatch.analysis.reciprocity import _window_times, pressure, reciprocity_report, tit_for_tat
from tests.analysis.factory import make_incident

D0 = date(2015, 1, 1)
ACCUSE, ARREST, CONSULT, PRAISE = "112", "173", "040", "051"  # quads 3, 4, 1, 1; Goldstein -2, -5, 1, 3.4


def day(n: int | float) -> date:
    return D0 + timedelta(days=int(n))


def random_stream(source: str, target: str, rng: np.random.Generator, n_days: int, p: float, cameo: str = ACCUSE):
    """A hostile incident on each day with probability `p`, independently."""
    return [make_incident(source, target, day(d), cameo) for d in np.flatnonzero(rng.random(n_days) < p)]


def retaliation(seed: int = 1, n_days: int = 700):
    """AZE arrests at random; RUS accuses back one or two days after every arrest."""
    rng = np.random.default_rng(seed)
    acts = np.flatnonzero(rng.random(n_days) < 0.04)
    return [make_incident("AZE", "RUS", day(d), ARREST) for d in acts] + [
        make_incident("RUS", "AZE", day(d + 1 + rng.integers(2)), ACCUSE) for d in acts
    ]


# --- tit-for-tat --------------------------------------------------------------------------------


def test_lift_is_high_for_synthetic_retaliation():
    tft = tit_for_tat(retaliation(), "AZE", "RUS", days=7)
    answer = tft.b_answers_a
    assert (answer.responder, answer.initiator) == ("RUS", "AZE")
    assert answer.answered == 1.0
    assert answer.lift > 3.0  # measured: 3.9 (chance 0.26)
    assert answer.median_delay in (1.0, 1.5, 2.0)
    assert answer.n_acts >= 20
    assert tft.a_answers_b.lift < 1.5  # AZE does not retaliate


def test_lift_is_near_one_for_independent_streams():
    lifts = []
    for seed in range(4):
        rng = np.random.default_rng(seed)
        incidents = random_stream("AZE", "RUS", rng, 3000, 0.05) + random_stream("RUS", "AZE", rng, 3000, 0.05)
        tft = tit_for_tat(incidents, "AZE", "RUS")
        lifts += [tft.b_answers_a.lift, tft.a_answers_b.lift]
    assert all(0.7 < lift < 1.3 for lift in lifts)  # measured: 0.81 .. 1.17
    assert 0.9 < float(np.mean(lifts)) < 1.1


def test_lift_by_hand():
    # span 2025-01-01 .. 2025-01-30; AZE hostile on 1, 10, 20 (windows end by 27 <= 30); RUS answers 10 -> 12
    incidents = [
        make_incident("AZE", "RUS", date(2025, 1, 1), ACCUSE),
        make_incident("AZE", "RUS", date(2025, 1, 10), ARREST),
        make_incident("AZE", "RUS", date(2025, 1, 20), ACCUSE),
        make_incident("RUS", "AZE", date(2025, 1, 12), ACCUSE),
        make_incident("RUS", "AZE", date(2025, 1, 30), CONSULT),
    ]
    answer = tit_for_tat(incidents, "AZE", "RUS", days=7).b_answers_a
    assert answer.n_acts == 3 and answer.answered == pytest.approx(1 / 3)
    # windows (s, s+7] for s = Jan 1 .. Jan 23 (23 windows); those holding Jan 12: s = Jan 5 .. Jan 11 (7)
    assert answer.chance == pytest.approx(7 / 23)
    assert answer.lift == pytest.approx((1 / 3) / (7 / 23))
    assert answer.median_delay == 2.0


def test_same_day_and_late_answers_do_not_count():
    incidents = [make_incident("AZE", "RUS", day(d), ACCUSE) for d in (0, 20, 40)]
    incidents += [make_incident("RUS", "AZE", day(d), ACCUSE) for d in (0, 28, 40)]  # same day, 8 days, same day
    incidents.append(make_incident("AZE", "RUS", day(60), CONSULT))
    answer = tit_for_tat(incidents, "AZE", "RUS", days=7).b_answers_a
    assert answer.answered == 0.0 and answer.lift == 0.0 and answer.median_delay is None


def test_acts_near_the_end_are_censored():
    incidents = [make_incident("AZE", "RUS", day(d), ACCUSE) for d in (0, 10, 20, 27)]
    incidents.append(make_incident("RUS", "AZE", day(30), ACCUSE))
    tft = tit_for_tat(incidents, "AZE", "RUS", days=7)
    assert tft.b_answers_a.n_acts == 3  # day 27's window (27, 34] runs past the end (30)
    assert tit_for_tat(incidents, "AZE", "RUS", days=7, until=day(40)).b_answers_a.n_acts == 4


def test_until_drops_later_incidents():
    incidents = retaliation()
    cut = tit_for_tat(incidents, "AZE", "RUS", until=day(300)).b_answers_a
    assert cut.n_acts < tit_for_tat(incidents, "AZE", "RUS").b_answers_a.n_acts


def test_too_few_acts_is_insufficient_data():
    incidents = [make_incident("AZE", "RUS", day(d), ACCUSE) for d in (0, 10)]
    incidents.append(make_incident("RUS", "AZE", day(12), ACCUSE))
    incidents.append(make_incident("RUS", "AZE", day(90), CONSULT))
    answer = tit_for_tat(incidents, "AZE", "RUS").b_answers_a
    assert answer.lift is None and answer.n_acts == 2
    assert answer.note == "insufficient data (2 hostile acts < 3)"


def test_responder_never_hostile_gives_no_lift():
    incidents = [make_incident("AZE", "RUS", day(d), ACCUSE) for d in (0, 10, 20, 30)]
    incidents.append(make_incident("RUS", "AZE", day(40), PRAISE))
    answer = tit_for_tat(incidents, "AZE", "RUS").b_answers_a
    assert answer.lift is None and answer.answered == 0.0 and answer.chance == 0.0
    assert "no hostile act" in answer.note


def test_only_counted_modalities_and_the_dyad_count():
    incidents = retaliation()
    noise = [make_incident("RUS", "AZE", day(d), ACCUSE, modality="alleged") for d in range(0, 700, 3)]
    noise += [make_incident("RUS", "GEO", day(d), ACCUSE) for d in range(0, 700, 3)]
    assert tit_for_tat(incidents + noise, "AZE", "RUS") == tit_for_tat(incidents, "AZE", "RUS")
    alleged = tit_for_tat(incidents + noise, "AZE", "RUS", modalities=("asserted", "alleged")).b_answers_a
    assert alleged.chance > tit_for_tat(incidents, "AZE", "RUS").b_answers_a.chance


def test_tit_for_tat_does_not_depend_on_input_order():
    incidents = retaliation()
    shuffled = [incidents[i] for i in np.random.default_rng(0).permutation(len(incidents))]
    assert tit_for_tat(shuffled, "AZE", "RUS") == tit_for_tat(incidents, "AZE", "RUS")


def test_tit_for_tat_rejects_bad_arguments():
    with pytest.raises(ValueError, match="days"):
        tit_for_tat([], "AZE", "RUS", days=0)
    with pytest.raises(ValueError, match="two different actors"):
        tit_for_tat([], "AZE", "AZE")


# --- pressure -----------------------------------------------------------------------------------


def test_pressure_halves_after_one_half_life():
    incidents = [make_incident("AZE", "RUS", day(0), ARREST), make_incident("RUS", "AZE", day(10), PRAISE)]
    assert pressure(incidents, "AZE", "RUS", on=day(30), half_life_days=30) == pytest.approx(
        (-5.0 / 2, 3.4 * 2 ** (-20 / 30))
    )
    assert pressure(incidents, "AZE", "RUS", on=day(60), half_life_days=30)[0] == pytest.approx(-5.0 / 4)
    assert pressure(incidents, "AZE", "RUS", on=day(10), half_life_days=10)[0] == pytest.approx(-2.5)


def test_pressure_counts_only_events_before_the_day():
    incidents = [make_incident("AZE", "RUS", day(5), ARREST), make_incident("AZE", "RUS", day(6), ARREST)]
    assert pressure(incidents, "AZE", "RUS", on=day(5)) == (0.0, 0.0)
    assert pressure(incidents, "AZE", "RUS", on=day(6))[0] == pytest.approx(-5.0 * 2 ** (-1 / 30))
    assert pressure(incidents, "RUS", "AZE", on=day(7))[1] < 0  # same dyad seen from the other side


def test_pressure_rejects_bad_half_life():
    with pytest.raises(ValueError, match="half_life_days"):
        pressure([], "AZE", "RUS", on=day(0), half_life_days=0)


# --- report -------------------------------------------------------------------------------------


def hawkes_incidents(seed: int = 0, horizon: int = 180):
    """Hostile incidents from a simulated self-exciting process (stream 0 AZE -> RUS, 1 RUS -> AZE)."""
    times = simulate_hawkes((0.15, 0.15), ((0.2, 0.3), (0.4, 0.2)), 1.0, horizon, seed=seed)
    incidents = [make_incident("AZE", "RUS", day(t), ACCUSE) for t in times[0]]
    return incidents + [make_incident("RUS", "AZE", day(t), ARREST) for t in times[1]], times


def test_report_with_enough_events_fits_the_spiral():
    incidents, times = hawkes_incidents()
    incidents.append(make_incident("AZE", "RUS", day(100), CONSULT))  # cooperative: not in the fit
    until = day(179)
    report = reciprocity_report(incidents, "AZE", "RUS", until=until, n_boot=5)
    assert report.note == "" and report.hawkes is not None
    assert report.hawkes.n_events == (len(times[0]), len(times[1]))
    assert report.hawkes.horizon == 180.0
    assert report.spiral in ("self-sustaining", "near-explosive", "not self-sustaining")
    low, high = report.hawkes.interval
    assert f"escalation spiral index {report.hawkes.spectral_radius:.2f} [{low:.2f}, {high:.2f}]" in report.summary
    assert report.pressure == pressure(incidents, "AZE", "RUS", on=until)
    assert report.tit_for_tat == tit_for_tat(incidents, "AZE", "RUS", until=until)


def test_report_window_keeps_only_recent_hostile_events():
    incidents, times = hawkes_incidents(horizon=360)
    report = reciprocity_report(incidents, "AZE", "RUS", until=day(359), window_days=180, n_boot=0)
    recent = tuple(sum(1 for t in s if int(t) >= 180) for s in times)
    assert report.hawkes.n_events == recent
    assert report.hawkes.interval is None


def test_report_spreads_same_day_events_within_the_day():
    incidents = [make_incident("AZE", "RUS", day(d), ACCUSE) for d in range(0, 150, 5) for _ in range(2)]
    incidents += [make_incident("RUS", "AZE", day(d), ARREST) for d in range(0, 150, 5)]
    ab, ba = _window_times(sorted(incidents, key=lambda i: (i.date, i.id)), "AZE", "RUS", day(179), 180)
    assert len(ab) == 60 and len(ba) == 30
    assert len(set(ab) | set(ba)) == 90  # distinct times
    spread = {round(1 / 6, 9), 0.5, round(5 / 6, 9)}  # three incidents a day, spread evenly over it
    assert all(int(t) % 5 == 0 and round(t % 1, 9) in spread for t in ab + ba)
    report = reciprocity_report(incidents, "AZE", "RUS", until=day(179), n_boot=0)
    assert report.hawkes.n_events == (60, 30)


def test_report_insufficient_data():
    incidents = [make_incident("AZE", "RUS", day(d), ACCUSE) for d in range(0, 120, 10)]
    incidents += [make_incident("RUS", "AZE", day(d), ARREST) for d in range(3, 120, 25)]
    incidents += [make_incident("AZE", "RUS", day(-300), ARREST), make_incident("AZE", "RUS", day(5), CONSULT)]
    report = reciprocity_report(incidents, "AZE", "RUS")
    assert report.hawkes is None and report.spiral is None
    assert report.note == "insufficient data (17 hostile events < 30)"  # 12 + 5; day -300 is outside the window
    assert report.summary.endswith(report.note)
    assert report.until == max(i.date for i in incidents)


def test_report_summary_names_the_retaliating_side():
    report = reciprocity_report(retaliation(), "AZE", "RUS", n_boot=0)
    assert re.match(
        r"RUS answers AZE hostile acts within 7 days \d+\.\dx more often than chance \(median [\d.]+ days?\); ",
        report.summary,
    )


def test_report_without_incidents():
    report = reciprocity_report([], "AZE", "RUS")
    assert report.until is None and report.hawkes is None and report.pressure == (0.0, 0.0)
    assert report.summary.startswith("too few hostile acts")
    assert "insufficient data (0 hostile events < 30)" in report.summary


def test_report_does_not_depend_on_input_order():
    incidents, _ = hawkes_incidents(seed=2)
    shuffled = [incidents[i] for i in np.random.default_rng(1).permutation(len(incidents))]
    first = reciprocity_report(incidents, "AZE", "RUS", until=day(179), n_boot=3)
    assert reciprocity_report(shuffled, "AZE", "RUS", until=day(179), n_boot=3) == first


def test_report_rejects_bad_window():
    with pytest.raises(ValueError, match="window_days"):
        reciprocity_report([], "AZE", "RUS", window_days=0)
    with pytest.raises(ValueError, match="n_boot"):
        reciprocity_report([], "AZE", "RUS", n_boot=-1)
