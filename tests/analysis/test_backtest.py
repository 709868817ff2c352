"""Tests for `dyadwatch.analysis.backtest`: score arithmetic, no look-ahead, skill, calibration, coverage."""

from __future__ import annotations

import time

import pytest

from dyadwatch.analysis.backtest import backtest, brier_score, brier_skill, calibration_table
from dyadwatch.analysis.forecast import FALLBACK, ForecastOptions, forecast_next
from tests.analysis.test_forecast import monthly_panel, nb_counts, regimes


def test_brier_score_and_skill_by_hand() -> None:
    assert brier_score([0.8, 0.2, 0.5], [True, False, True]) == pytest.approx((0.04 + 0.04 + 0.25) / 3)
    assert brier_score([0.0, 1.0], [False, True]) == 0.0
    assert brier_score([], []) is None
    assert brier_skill(0.11, 0.22) == pytest.approx(0.5)
    assert brier_skill(0.33, 0.22) == pytest.approx(-0.5)
    assert brier_skill(0.1, 0.0) is None
    assert brier_skill(None, 0.2) is None
    with pytest.raises(ValueError, match="probabilities and outcomes"):
        brier_score([0.5], [True, False])


def test_calibration_table_by_hand() -> None:
    probabilities = [0.0, 0.05, 0.1, 0.29, 0.3, 0.69, 0.7, 1.0]
    outcomes = [False, True, False, True, True, False, True, True]
    table = calibration_table(probabilities, outcomes)
    assert [(b.low, b.high, b.n) for b in table] == [
        (0.0, 0.1, 2), (0.1, 0.3, 2), (0.3, 0.5, 1), (0.5, 0.7, 1), (0.7, 1.0, 2),
    ]
    assert [b.mean_predicted for b in table] == pytest.approx([0.025, 0.195, 0.3, 0.69, 0.85])
    assert [b.observed for b in table] == pytest.approx([0.5, 0.5, 1.0, 0.0, 1.0])
    empty = calibration_table([0.05], [False], edges=(0.0, 0.5, 1.0))
    assert (empty[1].n, empty[1].mean_predicted, empty[1].observed) == (0, None, None)
    with pytest.raises(ValueError, match="edges"):
        calibration_table([0.5], [True], edges=(0.0, 0.0, 1.0))


def test_backtest_scores_are_the_means_over_its_rows() -> None:
    months = regimes(60, seed=1)
    result = backtest(monthly_panel(months), min_train=12)
    assert result.n_origins == 48
    assert [r.period for r in result.rows][:2] == ["2016-01", "2016-02"]
    for t, row in zip(range(12, 60), result.rows, strict=True):
        k = sum(m[2] for m in months[:t])
        assert row.forecast.baselines.climatology == pytest.approx((k + 0.5) / (t + 1))
        assert row.forecast.baselines.persistence == (0.6 if months[t - 1][2] else 0.05)
        assert row.crisis == months[t][2]
        assert row.hostile == months[t][0] + months[t][1] + months[t][2]
    n = len(result.rows)
    outcomes = [float(r.crisis) for r in result.rows]
    pairs = list(zip(result.rows, outcomes, strict=True))
    model = sum((r.forecast.p_crisis - o) ** 2 for r, o in pairs) / n
    persistence = sum((r.forecast.baselines.persistence - o) ** 2 for r, o in pairs) / n
    assert result.brier.model == pytest.approx(model)
    assert result.brier.persistence == pytest.approx(persistence)
    assert result.brier.zero == pytest.approx(sum(outcomes) / n)
    assert result.brier.skill_persistence == pytest.approx(1 - model / persistence)
    assert result.n_crisis == sum(m[2] for m in months[12:])
    assert result.counts.mae_zero == pytest.approx(sum(r.hostile for r in result.rows) / n)


def test_future_months_cannot_change_earlier_forecasts() -> None:
    months = regimes(72, seed=5)
    changed = months[:40] + [(9, 0, True), (0, 9, True)] * 16
    before, after = backtest(monthly_panel(months)), backtest(monthly_panel(changed))
    # row 28 forecasts month 40, the first changed one: it must not see it
    assert before.rows[28].forecast.period == "2018-05"
    assert [r.forecast for r in before.rows[:29]] == [r.forecast for r in after.rows[:29]]
    assert [r.forecast for r in before.rows[29:]] != [r.forecast for r in after.rows[29:]]


def test_future_months_of_the_pool_cannot_change_earlier_forecasts() -> None:
    own = monthly_panel(regimes(48, seed=4))
    pool = regimes(48, seed=6)
    changed = pool[:30] + [(9, 9, True)] * 18
    before = backtest(own, pool=[monthly_panel(pool, a="GEO", b="RUS")])
    after = backtest(own, pool=[monthly_panel(changed, a="GEO", b="RUS")])
    # row 18 forecasts month 30 from own and pooled months before it; pooled month 30 is the first changed
    assert [r.forecast for r in before.rows[:19]] == [r.forecast for r in after.rows[:19]]
    assert before.rows[18].forecast.n_pooled == 30
    assert [r.forecast for r in before.rows[19:]] != [r.forecast for r in after.rows[19:]]


def test_model_beats_climatology_on_a_dyad_with_persistent_crisis_regimes() -> None:
    result = backtest(monthly_panel(regimes(120, seed=0)))
    assert result.n_origins == 108
    assert result.n_crisis >= 20
    assert result.brier.skill_climatology is not None and result.brier.skill_climatology > 0.3
    assert result.continuation.skill_climatology > 0
    assert result.onset.n + result.continuation.n == result.n_origins
    assert result.onset.n_crisis + result.continuation.n_crisis == result.n_crisis
    assert sum(b.n for b in result.calibration) == result.n_origins
    for b in result.calibration:
        if b.n:
            assert b.low <= b.mean_predicted <= b.high
            assert 0.0 <= b.observed <= 1.0
    low = result.calibration[0]
    assert low.n > 30 and low.observed < 0.15
    assert result.n_fallback == sum(r.forecast.model == FALLBACK for r in result.rows)


def test_fallback_origins_are_counted_until_the_first_crisis() -> None:
    months = [(0, 0, False)] * 30 + regimes(40, seed=0)[:40]
    result = backtest(monthly_panel(months))
    first_crisis = next(i for i, m in enumerate(months) if m[2])
    assert result.n_fallback == first_crisis + 1 - 12
    assert all(r.forecast.model == FALLBACK for r in result.rows[: result.n_fallback])


def test_count_range_covers_about_80_percent_of_overdispersed_counts() -> None:
    result = backtest(monthly_panel(nb_counts(120)))
    assert 0.65 <= result.counts.coverage <= 0.95
    assert result.counts.mae < result.counts.mae_zero
    assert result.counts.mae < result.counts.mae_persistence


def test_short_panel_gives_an_empty_track_record() -> None:
    result = backtest(monthly_panel(regimes(10)))
    assert result.n_origins == 0
    assert result.brier.model is None and result.brier.skill_climatology is None
    assert result.counts.coverage is None
    assert all(b.n == 0 for b in result.calibration)


def test_horizon_two_forecasts_the_month_after_next() -> None:
    panel = monthly_panel(regimes(36, seed=2))
    result = backtest(panel, horizon=2)
    assert result.n_origins == 36 - 12 - 1
    assert result.rows[0].period == "2016-02"
    assert all(r.forecast.horizon == 2 for r in result.rows)
    assert result.rows[0].forecast.n_train == 12


def test_backtest_is_deterministic() -> None:
    panel = monthly_panel(regimes(48, seed=3))
    assert backtest(panel) == backtest(panel)


def test_last_backtest_row_matches_forecast_next_on_the_truncated_panel() -> None:
    months = regimes(40, seed=1)
    last = backtest(monthly_panel(months)).rows[-1].forecast
    assert forecast_next(monthly_panel(months[:-1])) == last


def test_full_120_month_backtest_is_fast() -> None:
    panel = monthly_panel(regimes(120, seed=0))
    start = time.perf_counter()
    backtest(panel, options=ForecastOptions())
    assert time.perf_counter() - start < 2.0


def test_bad_min_train_is_rejected_by_name() -> None:
    with pytest.raises(ValueError, match="min_train"):
        backtest(monthly_panel(regimes(12)), min_train=0)
