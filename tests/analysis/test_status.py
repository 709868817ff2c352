"""Tests for `dyadwatch.analysis.status`: measures, standings against history, ACLED change, rung alert."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.analysis.incidents import cluster_events
from dyadwatch.analysis.panel import dyad_periods
from dyadwatch.analysis.status import (
    MEASURES,
    SD_FLOOR,
    dyad_status,
    net_cooperation,
    period_figures,
    standings_at,
)
from dyadwatch.analysis.status import change_level as acled_change
from tests.analysis.factory import make_event, make_incident


def reported(source: str, target: str, day: date, cameo: str, outlets: int):
    """One incident reported by `outlets` different outlets (same code, same day)."""
    events = [make_event(source, target, day, cameo) for _ in range(outlets)]
    (incident,) = cluster_events(events, outlets={e.article_id: f"outlet{k}" for k, e in enumerate(events)})
    return incident


def month_of_incidents(month: int, codes: list[tuple[str, str, str]], year: int = 2025):
    """Incidents (source, target, cameo) dated on successive days of a month."""
    return [make_incident(s, t, date(year, month, 1 + k), c) for k, (s, t, c) in enumerate(codes)]


def test_measures_of_one_month_in_each_direction_and_pooled() -> None:
    incidents = [
        make_incident("AZE", "RUS", date(2025, 6, 1), "040"),  # verbal coop, +1.0, rung 0
        make_incident("AZE", "RUS", date(2025, 6, 2), "111"),  # verbal conflict, -2.0, rung 1
        make_incident("AZE", "RUS", date(2025, 6, 3), "173"),  # material conflict, -5.0, rung 4
        reported("RUS", "AZE", date(2025, 6, 4), "0841", outlets=3),  # material coop, +7.0, 3 mentions
    ]
    status = dyad_status(dyad_periods(incidents, "AZE", "RUS"))
    (ab,), (ba,), (both,) = status.a_to_b, status.b_to_a, status.both
    assert (ab.direction, ba.direction, both.direction) == ("AZE->RUS", "RUS->AZE", "both")
    assert (ab.n, ab.mentions, ab.quad, ab.hostile, ab.rung) == (3, 3, (1, 0, 1, 1), 2, 4)
    assert ab.goldstein_sum == pytest.approx(-6.0)
    assert ab.goldstein_mean == pytest.approx(-2.0)
    assert ab.goldstein_shrunk == pytest.approx(-6.0 / (3 + 3))
    assert ab.nci == pytest.approx((1 - 2 + (0 - 1)) / (3 + 1 + 2))
    assert (ba.n, ba.mentions, ba.quad, ba.hostile, ba.rung) == (1, 3, (0, 1, 0, 0), 0, 0)
    assert ba.nci == pytest.approx(2 / 4)
    assert (both.n, both.mentions, both.quad, both.hostile) == (4, 6, (1, 1, 1, 1), 2)
    assert both.goldstein_sum == pytest.approx(1.0)
    assert both.nci == pytest.approx((2 - 2 + 0) / (4 + 2 + 2))


def test_empty_period_has_neutral_figures_and_no_mean_or_rung() -> None:
    incidents = [make_incident("AZE", "RUS", date(2025, 1, 5), "111"), make_incident("AZE", "RUS", date(2025, 3, 5))]
    status = dyad_status(dyad_periods(incidents, "AZE", "RUS"))
    assert status.periods == ("2025-01", "2025-02", "2025-03")
    empty = status.both[1]
    assert (empty.n, empty.mentions, empty.quad, empty.hostile) == (0, 0, (0, 0, 0, 0), 0)
    assert (empty.goldstein_mean, empty.rung) == (None, None)
    assert (empty.goldstein_sum, empty.goldstein_shrunk, empty.nci) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("quad", "expected"),
    [((1, 0, 0, 0), 1 / 3), ((0, 1, 0, 0), 2 / 4), ((0, 0, 1, 0), -1 / 3), ((0, 0, 0, 1), -2 / 4),
     ((2, 1, 1, 1), (3 - 2 + 0) / (5 + 2 + 2)), ((0, 0, 0, 0), 0.0)],
)
def test_net_cooperation_formula(quad: tuple[int, int, int, int], expected: float) -> None:
    assert net_cooperation(quad) == pytest.approx(expected)


@settings(max_examples=60, deadline=None)
@given(st.tuples(*[st.integers(0, 200)] * 4), st.integers(2, 20))
def test_net_cooperation_stays_in_range_and_does_not_grow_with_volume(quad, factor) -> None:
    value = net_cooperation(quad)
    assert -1.0 < value < 1.0
    scaled = net_cooperation(tuple(q * factor for q in quad))
    # more of the same mix only sheds shrinkage: same sign, never a flip, and a bounded move
    assert scaled * value >= 0
    assert abs(scaled) >= abs(value) - 1e-12


def test_latest_standing_of_counts_uses_log_scale_and_window() -> None:
    history = [1, 3, 0, 2]  # hostile incidents (111) in Jan..Apr, then 5 in May
    incidents = [make_incident("AZE", "RUS", date(2025, m + 1, 1 + k), "111")
                 for m, count in enumerate([*history, 5]) for k in range(count)]
    status = dyad_status(dyad_periods(incidents, "AZE", "RUS", since=date(2025, 1, 1)), window=12)
    n = next(s for s in status.latest if s.direction == "both" and s.measure == "n")
    logs = [math.log1p(x) for x in history]
    mean = sum(logs) / 4
    sd = math.sqrt(sum((x - mean) ** 2 for x in logs) / 3)
    assert (n.value, n.period, n.history_n, n.window_n) == (5, "2025-05", 4, 4)
    assert n.z == pytest.approx((math.log1p(5) - mean) / sd)
    assert n.percentile == 1.0
    assert len(status.latest) == 3 * len(MEASURES)


def test_z_uses_only_the_trailing_window_but_percentile_all_history() -> None:
    counts = [9, 9, 9, 0, 3, 0, 3, 1]  # a loud start, then a quieter stretch; the latest is 1
    incidents = [make_incident("AZE", "RUS", date(2025, m + 1, 1 + k), "112")
                 for m, count in enumerate(counts) for k in range(count)]
    status = dyad_status(dyad_periods(incidents, "AZE", "RUS"), window=4)
    n = next(s for s in status.latest if s.direction == "AZE->RUS" and s.measure == "n")
    recent = [math.log1p(x) for x in [0, 3, 0, 3]]
    mean = sum(recent) / 4
    sd = math.sqrt(sum((x - mean) ** 2 for x in recent) / 3)
    assert sd > SD_FLOOR["n"] and n.window_n == 4 and n.history_n == 7
    assert n.z == pytest.approx((math.log1p(1) - mean) / sd)
    assert n.percentile == pytest.approx(2 / 7)  # only the two empty months are <= 1


def test_flat_history_gets_the_sd_floor_and_short_history_no_z() -> None:
    days = [date(2025, 1, 3), date(2025, 2, 3), date(2025, 3, 3), date(2025, 4, 3)]
    incidents = [make_incident("AZE", "RUS", d, "040") for d in days]
    incidents += [make_incident("AZE", "RUS", date(2025, 4, 4 + k), "040") for k in range(3)]  # April: 4
    status = dyad_status(dyad_periods(incidents, "AZE", "RUS"))
    n = next(s for s in status.latest if s.direction == "both" and s.measure == "n")
    assert n.z == pytest.approx((math.log1p(4) - math.log1p(1)) / SD_FLOOR["n"])
    short = dyad_status(dyad_periods(incidents[2:], "AZE", "RUS"))  # March, April: one earlier period
    n_short = next(s for s in short.latest if s.direction == "both" and s.measure == "n")
    assert (n_short.z, n_short.window_n, n_short.percentile) == (None, 1, 1.0)


def test_undefined_values_are_skipped_in_history() -> None:
    incidents = [make_incident("RUS", "AZE", date(2025, 1, 2), "057"),
                 make_incident("RUS", "AZE", date(2025, 3, 2), "111")]
    status = dyad_status(dyad_periods(incidents, "AZE", "RUS"))
    mean = next(s for s in status.latest if s.direction == "RUS->AZE" and s.measure == "goldstein_mean")
    assert (mean.value, mean.history_n, mean.percentile, mean.z) == (-2.0, 1, 0.0, None)
    ab_mean = next(s for s in status.latest if s.direction == "AZE->RUS" and s.measure == "goldstein_mean")
    assert (ab_mean.value, ab_mean.z, ab_mean.percentile, ab_mean.history_n) == (None, None, None, 0)


def test_standings_at_any_index_match_latest_of_truncated_panel() -> None:
    incidents = [make_incident("AZE", "RUS", date(2025, m, 1 + k), c)
                 for m, codes in {1: ["040"], 2: ["111", "114"], 3: ["040", "057"], 4: ["173"], 5: ["040"]}.items()
                 for k, c in enumerate(codes)]
    full = dyad_status(dyad_periods(incidents, "AZE", "RUS"))
    cut = dyad_status(dyad_periods([i for i in incidents if i.date < date(2025, 5, 1)], "AZE", "RUS"))
    assert standings_at(full, 3) == cut.latest
    with pytest.raises(ValueError, match="index"):
        standings_at(full, 5)


@pytest.mark.parametrize(
    ("latest", "previous", "level"),
    [
        (5, [2, 2, 1, 2], "limited change"),  # +176 %, but the low-baseline guard holds
        (6, [2, 2, 2, 2], "large increase"),  # +200 %, latest above the guard
        (5, [3, 3, 3, 3], "large increase"),  # +67 %, mean above the guard
        (7, [0, 0, 0, 0], "large increase"),  # from nothing to above the guard
        (0, [2, 2, 2, 2], "limited change"),  # -100 %, but the guard holds
        (0, [3, 3, 3, 3], "large decrease"),
    ],
)
def test_acled_change_levels_with_low_baseline_guard(latest: int, previous: list[int], level: str) -> None:
    assert acled_change(latest, previous)[0] == level


def test_acled_change_thresholds_and_figures() -> None:
    assert acled_change(13, [10, 10, 10, 10]) == ("large increase", pytest.approx(0.3), 10.0)
    assert acled_change(12, [10, 10, 10, 10])[0] == "moderate increase"
    assert acled_change(11, [10, 10, 10, 10])[0] == "limited change"  # exactly +10 %
    assert acled_change(8, [10, 10, 10, 10])[0] == "limited change"
    assert acled_change(7.5, [10, 10, 10, 10])[0] == "limited change"  # exactly -25 %
    assert acled_change(7, [10, 10, 10, 10])[0] == "large decrease"
    assert acled_change(4, []) == (None, None, None)
    assert acled_change(9, [0, 0, 0, 0]) == ("large increase", None, 0.0)


def test_status_change_level_uses_previous_four_hostile_counts() -> None:
    counts = [0, 0, 4, 4, 4, 4, 9]  # hostile (quad 3/4) incidents per week; the first two weeks are outside
    start = date(2025, 6, 2)  # a Monday
    incidents = [make_incident("RUS", "AZE", start + timedelta(weeks=w, days=k % 5), "112")
                 for w, count in enumerate(counts) for k in range(count)]
    incidents.append(make_incident("RUS", "AZE", start, "040"))  # cooperation does not count
    status = dyad_status(dyad_periods(incidents, "AZE", "RUS", grain="week"))
    assert status.grain == "week" and len(status.periods) == 7
    assert (status.change_level, status.change_baseline) == ("large increase", 4.0)
    assert status.change_pct == pytest.approx(1.25)


def test_rung_alert_against_previous_24_periods() -> None:
    start = date(2025, 1, 6)
    old_force = make_incident("RUS", "AZE", start, "190")  # rung 6, 26 weeks before the latest
    mild = [make_incident("AZE", "RUS", start + timedelta(weeks=w), "111") for w in range(1, 26)]
    arrest = make_incident("AZE", "RUS", start + timedelta(weeks=26), "173")  # rung 4
    status = dyad_status(dyad_periods([old_force, *mild, arrest], "AZE", "RUS", grain="week"))
    assert (status.rung_alert, status.rung_before) == (True, 1)  # the force is 26 weeks back: forgotten
    recent = dyad_status(dyad_periods([*mild, arrest, make_incident("RUS", "AZE", start + timedelta(weeks=20), "190")],
                                      "AZE", "RUS", grain="week"))
    assert (recent.rung_alert, recent.rung_before) == (False, 6)


def test_rung_alert_is_off_for_a_quiet_or_first_cooperative_period() -> None:
    first = dyad_status(dyad_periods([make_incident("AZE", "RUS", date(2025, 1, 1), "040")], "AZE", "RUS"))
    assert (first.rung_alert, first.rung_before, first.change_level) == (False, None, None)
    quiet = dyad_status(dyad_periods([make_incident("AZE", "RUS", date(2025, 1, 1), "111")], "AZE", "RUS",
                                     until=date(2025, 2, 28)))
    assert quiet.both[-1].rung is None and quiet.rung_alert is False


def test_status_does_not_depend_on_incident_order() -> None:
    codes = ["040", "111", "173", "057", "114", "0841", "161", "112"]
    incidents = [make_incident(("AZE", "RUS")[k % 2], ("RUS", "AZE")[k % 2], date(2025, 1 + k % 4, 3 + k), c)
                 for k, c in enumerate(codes * 3)]
    expected = dyad_status(dyad_periods(incidents, "AZE", "RUS"))
    rng = random.Random(7)
    for _ in range(5):
        shuffled = incidents[:]
        rng.shuffle(shuffled)
        panel = dyad_periods(shuffled, "AZE", "RUS")
        jumbled = replace(panel, a_to_b=tuple(tuple(reversed(p)) for p in panel.a_to_b))
        assert dyad_status(panel) == expected
        assert dyad_status(jumbled) == expected


def test_empty_panel_and_bad_arguments() -> None:
    empty = dyad_status(dyad_periods([], "AZE", "RUS"))
    assert (empty.periods, empty.latest, empty.change_level, empty.rung_alert) == ((), (), None, False)
    with pytest.raises(ValueError, match="window"):
        dyad_status(dyad_periods([], "AZE", "RUS"), window=2)
    odd = make_incident("AZE", "RUS", date(2025, 1, 1))
    odd = replace(odd, event=replace(odd.event, quad=5))
    with pytest.raises(ValueError, match="quad"):
        period_figures("2025-01", "both", [odd])


def test_ties_count_toward_the_percentile_and_sums_use_a_signed_log() -> None:
    codes = ["040", "111", "173", "111", "057"]  # Goldstein +1, -2, -5, -2, then +8
    incidents = [make_incident("AZE", "RUS", date(2025, m + 1, 4), c) for m, c in enumerate(codes)]
    incidents.append(make_incident("RUS", "AZE", date(2025, 5, 9), "111"))  # May, both: +8 - 2 = +6
    status = dyad_status(dyad_periods(incidents, "AZE", "RUS"))
    n = next(s for s in status.latest if s.direction == "AZE->RUS" and s.measure == "n")
    assert n.percentile == 1.0  # every earlier month had one incident, as May has: ties count
    total = next(s for s in status.latest if s.direction == "both" and s.measure == "goldstein_sum")
    scaled = [math.log1p(1), -math.log1p(2), -math.log1p(5), -math.log1p(2)]
    mean = sum(scaled) / 4
    sd = math.sqrt(sum((x - mean) ** 2 for x in scaled) / 3)
    assert total.value == pytest.approx(6.0)
    assert total.z == pytest.approx((math.log1p(6) - mean) / sd)
