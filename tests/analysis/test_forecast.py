"""Tests for `dyadwatch.analysis.forecast`: month facts, features, fallbacks, models, pooling, determinism."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import date

import numpy as np
import pytest

from dyadwatch.analysis.forecast import (
    FALLBACK,
    LOGISTIC,
    ForecastOptions,
    feature_frame,
    forecast_at,
    forecast_next,
    month_facts,
)
from dyadwatch.analysis.panel import DyadPeriods, dyad_periods
from dyadwatch.analysis.periods import period_end, period_start, periods_between
from dyadwatch.types import Incident
from tests.analysis.factory import make_incident

START = "2015-01"

Month = tuple[int, int, bool]
"""(extra hostile acts a -> b, extra hostile acts b -> a, crisis): a crisis month adds one b -> a
"reduce relations" incident (CAMEO 161: rung 3, quad 4), so it also adds one hostile act b -> a."""


def month_incidents(months: Sequence[Month], *, start: str = START, a: str = "AZE", b: str = "RUS") -> list[Incident]:
    """Criticisms a -> b (111), accusations b -> a (112), one cooperative visit a month, and the crises."""
    keys = periods_between(start, "2099-12")[: len(months)]
    incidents = []
    for key, (ab, ba, crisis) in zip(keys, months, strict=True):
        first = period_start(key)
        incidents += [make_incident(a, b, _day(first, i), "111") for i in range(ab)]
        incidents += [make_incident(b, a, _day(first, i), "112") for i in range(ba)]
        incidents.append(make_incident(a, b, _day(first, 3), "042"))
        if crisis:
            incidents.append(make_incident(b, a, _day(first, 14), "161"))
    return incidents


def _day(first: date, i: int) -> date:
    """The (i mod 28 + 1)-th day of the month starting on `first`."""
    return first.replace(day=1 + i % 28)


def monthly_panel(months: Sequence[Month], *, start: str = START, a: str = "AZE", b: str = "RUS") -> DyadPeriods:
    """A month-grain panel covering exactly len(months) months from `start`."""
    last = periods_between(start, "2099-12")[len(months) - 1]
    return dyad_periods(
        month_incidents(months, start=start, a=a, b=b), a, b, since=period_start(start), until=period_end(last)
    )


def regimes(n: int = 120, *, seed: int = 0) -> list[Month]:
    """Long calm stretches and multi-month crisis episodes (a sticky two-state chain)."""
    rng = np.random.default_rng(seed)
    crisis, months = False, []
    for _ in range(n):
        crisis = bool(rng.random() < (0.75 if crisis else 0.06))
        months.append((int(rng.poisson(3.0 if crisis else 0.6)), int(rng.poisson(3.0 if crisis else 0.4)), crisis))
    return months


def nb_counts(n: int = 120, *, seed: int = 3, alpha: float = 0.5) -> list[Month]:
    """Overdispersed autoregressive hostile counts (NB2 with dispersion `alpha`), no crises."""
    rng = np.random.default_rng(seed)
    months, last = [], 0
    for _ in range(n):
        mean = math.exp(0.6 + 0.5 * math.log1p(last))
        ab, ba = (int(rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mean / 2))) for _ in range(2))
        months.append((ab, ba, False))
        last = ab + ba
    return months


def test_month_facts_count_hostile_acts_per_direction_and_flag_crisis_months() -> None:
    incidents = [
        make_incident("AZE", "RUS", date(2025, 1, 5), "111"),
        make_incident("AZE", "RUS", date(2025, 1, 6), "040"),
        make_incident("RUS", "AZE", date(2025, 1, 7), "112"),
        make_incident("RUS", "AZE", date(2025, 1, 20), "114"),
        make_incident("RUS", "AZE", date(2025, 2, 2), "161"),
        make_incident("RUS", "AZE", date(2025, 3, 2), "190", modality="alleged"),
        make_incident("AZE", "RUS", date(2025, 4, 9), "138"),
        make_incident("AZE", "GEO", date(2025, 4, 9), "190"),
    ]
    facts = month_facts(dyad_periods(incidents, "AZE", "RUS"))
    assert [(f.period, f.hostile_a_to_b, f.hostile_b_to_a, f.rung, f.crisis) for f in facts] == [
        ("2025-01", 1, 2, 2, False),
        ("2025-02", 0, 1, 3, True),
        ("2025-03", 0, 0, 0, False),
        ("2025-04", 1, 0, 5, True),
    ]
    assert [f.hostile for f in facts] == [3, 1, 0, 1]
    assert [f.crisis for f in month_facts(dyad_periods(incidents, "AZE", "RUS"), crisis_rung=5)] == [
        False, False, False, True,
    ]


def test_month_facts_need_a_month_grain_panel() -> None:
    weekly = dyad_periods([make_incident("AZE", "RUS", date(2025, 1, 5), "111")], "AZE", "RUS", grain="week")
    with pytest.raises(ValueError, match="panel"):
        month_facts(weekly)


def test_feature_rows_use_only_months_before_their_target() -> None:
    frame = feature_frame(monthly_panel([(2, 0, False), (0, 3, True), (1, 1, False)]))
    assert frame.x.shape == (4, 7)
    expected = [  # last column: the dyad's mean hostile count so far (2, then 3, then 8/3)
        [1, 0, 0, 0, 0, 1, 0],
        [1, math.log1p(2), 0, math.log1p(2 / 3), 0, 1, math.log1p(2)],
        [1, 0, math.log1p(4), math.log1p(6 / 3), 1, 0, math.log1p(3)],
        [1, math.log1p(1), math.log1p(1), math.log1p(8 / 3), 0, 1 / 12, math.log1p(8 / 3)],
    ]
    np.testing.assert_allclose(frame.x, expected)
    np.testing.assert_array_equal(frame.crisis, [0, 1, 0])
    np.testing.assert_array_equal(frame.hostile, [[2, 2, 0], [4, 0, 4], [2, 1, 1]])
    two_ahead = feature_frame(monthly_panel([(2, 0, False), (0, 3, True), (1, 1, False)]), horizon=2)
    np.testing.assert_allclose(two_ahead.x[2], expected[1])
    assert two_ahead.target_period(3) == "2015-05"


def test_forecast_next_targets_the_month_after_the_panel() -> None:
    forecast = forecast_next(monthly_panel(regimes(48)))
    assert forecast.period == "2019-01"
    assert forecast.horizon == 1
    assert forecast.n_train == 48
    assert forecast.n_pooled == 0
    assert forecast.model == LOGISTIC
    assert 0.0 < forecast.p_crisis < 1.0
    assert forecast.hostile.interval[0] <= forecast.hostile.mean <= forecast.hostile.interval[1]


def test_empty_panel_falls_back_without_crashing() -> None:
    forecast = forecast_next(dyad_periods([], "AZE", "RUS"))
    assert forecast.period is None
    assert forecast.model == FALLBACK
    assert forecast.p_crisis == 0.5
    assert "no history" in forecast.note
    assert forecast.n_train == 0
    assert forecast.hostile.interval == (0, 1)
    assert forecast.baselines.persistence == 0.05
    assert forecast.baselines.hostile_persistence == 0


def test_calm_history_falls_back_to_smoothed_climatology() -> None:
    forecast = forecast_next(monthly_panel([(0, 0, False)] * 24))
    assert forecast.model == FALLBACK
    assert forecast.p_crisis == pytest.approx(0.5 / 25)
    assert forecast.baselines.climatology == pytest.approx(0.5 / 25)
    assert "no crisis month in 24 months" in forecast.note
    assert forecast.hostile.mean == pytest.approx(0.5 / 25)
    assert forecast.hostile.interval == (0, 0)
    assert forecast.hostile.model == "Poisson climatology"


def test_short_history_and_all_crisis_history_fall_back() -> None:
    short = forecast_next(monthly_panel([(1, 0, True), (0, 0, False), (2, 1, True), (0, 0, False), (0, 1, False)]))
    assert short.model == FALLBACK
    assert short.p_crisis == pytest.approx(2.5 / 6)
    assert "only 5 months" in short.note
    assert short.baselines.persistence == 0.05
    always = forecast_next(monthly_panel([(1, 1, True)] * 15))
    assert always.model == FALLBACK
    assert always.p_crisis == pytest.approx(15.5 / 16)
    assert "every one of 15 months" in always.note
    assert always.baselines.persistence == 0.6


def test_min_train_decides_when_the_model_is_fitted() -> None:
    months = regimes(30, seed=1)
    assert any(m[2] for m in months[:20]) and not all(m[2] for m in months[:20])
    panel = monthly_panel(months[:20])
    assert forecast_next(panel, options=ForecastOptions(min_train=21)).model == FALLBACK
    assert forecast_next(panel, options=ForecastOptions(min_train=20)).model == LOGISTIC


def test_crisis_probability_is_higher_after_a_crisis_month_in_a_sticky_dyad() -> None:
    months = regimes(120)
    frame = feature_frame(monthly_panel(months))
    after_crisis, after_calm = [], []
    for origin in range(60, 120):
        p = forecast_at(frame, origin).p_crisis
        (after_crisis if months[origin - 1][2] else after_calm).append(p)
    assert after_crisis and after_calm
    assert min(after_crisis) > 0.3
    assert float(np.mean(after_calm)) < 0.1


def test_hostile_counts_are_forecast_per_direction() -> None:
    rng = random.Random(5)
    months = [(sum(rng.random() < 0.5 for _ in range(12)), int(rng.random() < 0.5), False) for _ in range(60)]
    forecast = forecast_next(monthly_panel(months))
    assert forecast.hostile_a_to_b.mean > 4 * forecast.hostile_b_to_a.mean
    assert forecast.hostile.mean == pytest.approx(forecast.hostile_a_to_b.mean + forecast.hostile_b_to_a.mean, rel=0.2)
    assert 3 <= forecast.hostile_a_to_b.interval[0] < forecast.hostile_a_to_b.interval[1] <= 10
    assert forecast.hostile_a_to_b.model == "Poisson log-linear"


def test_overdispersed_counts_get_a_negative_binomial_range() -> None:
    forecast = forecast_next(monthly_panel(nb_counts(120)))
    assert forecast.hostile.model.startswith("NB log-linear")
    assert forecast.hostile.dispersion > 0.2
    low, high = forecast.hostile.interval
    assert high - low > 2 * math.sqrt(forecast.hostile.mean)


def test_pooled_months_rescue_a_short_history_and_stop_at_the_origin() -> None:
    own = monthly_panel([(1, 0, False), (0, 2, True), (1, 1, True), (0, 0, False), (0, 0, False)], start="2020-01")
    long_ago = monthly_panel(regimes(60, seed=2), start="2015-01", a="ARM", b="AZE")
    running_on = monthly_panel(regimes(120, seed=3), start="2015-01", a="GEO", b="RUS")
    alone = forecast_next(own)
    pooled = forecast_next(own, pool=[long_ago, running_on])
    assert alone.model == FALLBACK
    assert pooled.model == LOGISTIC
    assert pooled.n_pooled == 60 + 65
    assert pooled.n_train == 5 + 60 + 65
    assert "125 of the months come from 2 other dyads" in pooled.note
    assert forecast_next(own, pool=[running_on, long_ago]) == pooled


def test_future_months_of_a_pooled_dyad_are_not_used() -> None:
    own = monthly_panel(regimes(24, seed=4), start="2020-01")
    base = regimes(120, seed=5)
    changed = base[:84] + [(9, 9, True)] * 36
    first = forecast_next(own, pool=[monthly_panel(base, a="GEO", b="RUS")])
    second = forecast_next(own, pool=[monthly_panel(changed, a="GEO", b="RUS")])
    assert first.n_pooled == 84
    assert first == second


def test_forecast_is_deterministic_and_independent_of_input_order() -> None:
    incidents = month_incidents(regimes(60, seed=6))
    panel = dyad_periods(incidents, "AZE", "RUS")
    shuffled = list(incidents)
    random.Random(1).shuffle(shuffled)
    assert forecast_next(panel) == forecast_next(panel)
    assert forecast_next(dyad_periods(shuffled, "AZE", "RUS")) == forecast_next(panel)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"min_train": 0}, "min_train"),
        ({"ridge": 0.0}, "ridge"),
        ({"interval": 1.0}, "interval"),
        ({"persistence_after_crisis": 1.5}, "persistence_after_crisis"),
        ({"crisis_rung": 7}, "crisis_rung"),
        ({"gap_cap": 0}, "gap_cap"),
        ({"anchor_weight": -1.0}, "anchor_weight"),
    ],
)
def test_bad_options_are_rejected_by_name(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        ForecastOptions(**kwargs)


def test_bad_horizon_and_origin_are_rejected_by_name() -> None:
    panel = monthly_panel(regimes(12))
    with pytest.raises(ValueError, match="horizon"):
        feature_frame(panel, horizon=0)
    with pytest.raises(ValueError, match="origin"):
        forecast_at(feature_frame(panel), 13)


def test_count_forecast_is_never_far_above_what_the_dyad_has_seen() -> None:
    from dyadwatch.analysis.forecast import COUNT_CAP

    # a quiet dyad whose last month exploded: the log-linear fit must not run away
    plan = [(0, 0, False)] * 20 + [(1, 0, False), (0, 1, False), (6, 6, True)]
    panel = monthly_panel(plan)
    largest = feature_frame(panel).hostile[:, 0].max()
    forecast = forecast_next(panel)
    assert COUNT_CAP == 2.0
    assert largest >= 12 and forecast.hostile.mean <= 2 * largest  # uncapped, this fit says 2,600
    assert forecast.hostile.interval[0] <= forecast.hostile.mean <= max(forecast.hostile.interval[1], 1)


def test_counts_are_not_pooled_across_dyads_of_another_scale() -> None:
    quiet = monthly_panel([(1, 0, False), (0, 1, False)] * 8)
    busy = monthly_panel([(40, 35, True), (30, 45, True)] * 8, a="RUS", b="USA")
    alone, pooled = forecast_next(quiet), forecast_next(quiet, pool=[busy])
    assert pooled.n_pooled > 0
    assert pooled.hostile.mean == pytest.approx(alone.hostile.mean)  # the busy dyad's volume does not leak
