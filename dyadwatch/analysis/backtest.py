"""Rolling-origin backtest of the dyad forecast against zero, persistence and climatology.

For every origin t = min_train .. n - horizon the models are fitted on the months before t only (and
pooled months whose target month lies before month t), and month t + horizon - 1 is forecast, exactly
as `forecast.forecast_at` would have done at the time: no later month can change an earlier forecast.

Scores (o ∈ {0, 1} the crisis outcome, p the forecast probability, N origins):

- Brier score BS = (1/N)·Σ (p − o)², for the model and each baseline (the zero baseline's BS is the
  observed crisis frequency).
- Brier skill score BSS = 1 − BS/BS_ref against climatology and against persistence; > 0 means the
  model beats the reference; None when the reference's BS is 0 (nothing to beat) or there are no rows.
- Reliability table: per probability bin [0, .1), [.1, .3), [.3, .5), [.5, .7), [.7, 1], the number
  of forecasts, their mean probability and the observed crisis frequency.
- All of the above again for *onset* months (the month before the target was calm) and *continuation*
  months (it was a crisis month): scoring them together hides failure on onsets.
- Hostile-act count: share of months whose count fell inside the forecast range (80% nominal), and the
  mean absolute error of the forecast mean against persistence (last month's count), climatology
  (mean count so far) and zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dyadwatch.analysis.forecast import (
    DEFAULT_OPTIONS,
    FALLBACK,
    Forecast,
    ForecastOptions,
    feature_frame,
    forecast_at,
)
from dyadwatch.analysis.panel import DyadPeriods

CALIBRATION_EDGES = (0.0, 0.1, 0.3, 0.5, 0.7, 1.0)
"""Bin edges of the reliability table; each bin is [low, high) except the last, which is [low, 1]."""


@dataclass(frozen=True)
class CalibrationBin:
    """One row of the reliability table."""

    low: float
    """Lower edge (inclusive)."""
    high: float
    """Upper edge (exclusive, but inclusive for the last bin)."""
    n: int
    """Forecasts whose probability fell in the bin."""
    mean_predicted: float | None
    """Their mean probability (None for an empty bin)."""
    observed: float | None
    """Share of them that were crisis months (None for an empty bin)."""


@dataclass(frozen=True)
class BrierScores:
    """Brier scores of the model and the baselines over a set of origins, with skill scores."""

    n: int
    """Origins scored."""
    n_crisis: int
    """Crisis months among their targets."""
    model: float | None
    """Brier score of the model (None without origins)."""
    climatology: float | None
    """Brier score of the climatology baseline."""
    persistence: float | None
    """Brier score of the persistence baseline."""
    zero: float | None
    """Brier score of the zero baseline (the crisis frequency)."""
    skill_climatology: float | None
    """BSS of the model against climatology; None when undefined."""
    skill_persistence: float | None
    """BSS of the model against persistence; None when undefined."""


@dataclass(frozen=True)
class CountScores:
    """How the hostile-act count forecasts fared."""

    coverage: float | None
    """Share of targets whose count lay inside the forecast range (None without origins)."""
    mae: float | None
    """Mean absolute error of the forecast mean."""
    mae_persistence: float | None
    """Mean absolute error of last month's count."""
    mae_climatology: float | None
    """Mean absolute error of the mean count so far."""
    mae_zero: float | None
    """Mean absolute error of always saying 0 (the mean count)."""


@dataclass(frozen=True)
class BacktestRow:
    """One origin: what was forecast and what happened."""

    forecast: Forecast
    """The forecast made from the months before the origin."""
    crisis: bool
    """Whether the target month was a crisis month."""
    previous_crisis: bool
    """Whether the month before the target was a crisis month (False for the first month)."""
    hostile: int
    """Hostile acts in the target month, both directions."""

    @property
    def period(self) -> str:
        """The target month."""
        return self.forecast.period or ""

    @property
    def onset(self) -> bool:
        """Whether the target month followed a calm month."""
        return not self.previous_crisis

    @property
    def covered(self) -> bool:
        """Whether the hostile count lay inside the forecast range."""
        low, high = self.forecast.hostile.interval
        return low <= self.hostile <= high


@dataclass(frozen=True)
class Backtest:
    """Track record of the forecast on one dyad."""

    horizon: int
    """Months ahead of the last observed month."""
    min_train: int
    """First origin: months of own history before the first forecast."""
    rows: tuple[BacktestRow, ...]
    """One row per origin, in time order."""
    brier: BrierScores
    """Scores over all origins."""
    onset: BrierScores
    """Scores over targets that followed a calm month."""
    continuation: BrierScores
    """Scores over targets that followed a crisis month."""
    calibration: tuple[CalibrationBin, ...]
    """Reliability table of the model's probabilities over all origins."""
    counts: CountScores
    """Hostile-act count scores over all origins."""
    n_origins: int
    """Forecasts scored."""
    n_crisis: int
    """Crisis months among their targets."""
    n_fallback: int
    """Forecasts that fell back to the smoothed climatology."""


def brier_score(probabilities: Sequence[float], outcomes: Sequence[bool]) -> float | None:
    """Mean squared difference between probabilities and 0/1 outcomes; None when empty."""
    if len(probabilities) != len(outcomes):
        raise ValueError(f"probabilities and outcomes differ in length: {len(probabilities)} vs {len(outcomes)}")
    if not probabilities:
        return None
    return sum((p - float(o)) ** 2 for p, o in zip(probabilities, outcomes, strict=True)) / len(probabilities)


def brier_skill(score: float | None, reference: float | None) -> float | None:
    """1 - score/reference; None when either is missing or the reference is 0."""
    if score is None or reference is None or reference == 0:
        return None
    return 1.0 - score / reference


def calibration_table(
    probabilities: Sequence[float], outcomes: Sequence[bool], *, edges: Sequence[float] = CALIBRATION_EDGES
) -> tuple[CalibrationBin, ...]:
    """Reliability table: per bin of forecast probability, count, mean forecast and observed frequency."""
    if len(edges) < 2 or any(b <= a for a, b in zip(edges, edges[1:], strict=False)):
        raise ValueError(f"edges must be at least two increasing numbers, got {tuple(edges)}")
    if len(probabilities) != len(outcomes):
        raise ValueError(f"probabilities and outcomes differ in length: {len(probabilities)} vs {len(outcomes)}")
    bins = []
    for i, (low, high) in enumerate(zip(edges, edges[1:], strict=False)):
        last = i == len(edges) - 2
        members = [
            (p, o) for p, o in zip(probabilities, outcomes, strict=True) if low <= p < high or (last and p == high)
        ]
        n = len(members)
        bins.append(
            CalibrationBin(
                low, high, n,
                sum(p for p, _ in members) / n if n else None,
                sum(float(o) for _, o in members) / n if n else None,
            )
        )
    return tuple(bins)


def backtest(
    panel: DyadPeriods,
    *,
    options: ForecastOptions = DEFAULT_OPTIONS,
    min_train: int = 12,
    horizon: int = 1,
    pool: Sequence[DyadPeriods] = (),
) -> Backtest:
    """Rolling-origin backtest of `forecast_at` on a month-grain panel (see the module docstring)."""
    if min_train < 1:
        raise ValueError(f"min_train must be >= 1, got {min_train}")
    frame = feature_frame(panel, horizon=horizon, options=options)
    frames = [feature_frame(p, horizon=horizon, options=options) for p in pool]
    rows = []
    for origin in range(min_train, frame.n - horizon + 1):
        target = origin + horizon - 1
        rows.append(
            BacktestRow(
                forecast=forecast_at(frame, origin, options=options, pool=frames),
                crisis=frame.facts[target].crisis,
                previous_crisis=bool(target and frame.facts[target - 1].crisis),
                hostile=frame.facts[target].hostile,
            )
        )
    return _summarise(tuple(rows), horizon, min_train)


def brier_scores(rows: Sequence[BacktestRow]) -> BrierScores:
    """Brier scores of the model and the three baselines over `rows`, with the two skill scores."""
    outcomes = [r.crisis for r in rows]
    model = brier_score([r.forecast.p_crisis for r in rows], outcomes)
    climatology = brier_score([r.forecast.baselines.climatology for r in rows], outcomes)
    persistence = brier_score([r.forecast.baselines.persistence for r in rows], outcomes)
    return BrierScores(
        n=len(rows), n_crisis=sum(outcomes), model=model, climatology=climatology, persistence=persistence,
        zero=brier_score([r.forecast.baselines.zero for r in rows], outcomes),
        skill_climatology=brier_skill(model, climatology), skill_persistence=brier_skill(model, persistence),
    )


def count_scores(rows: Sequence[BacktestRow]) -> CountScores:
    """Coverage of the count ranges and mean absolute errors of the count forecasts over `rows`."""
    if not rows:
        return CountScores(None, None, None, None, None)
    n = len(rows)

    def mae(points: Sequence[float]) -> float:
        return sum(abs(p - r.hostile) for p, r in zip(points, rows, strict=True)) / n

    return CountScores(
        coverage=sum(r.covered for r in rows) / n,
        mae=mae([r.forecast.hostile.mean for r in rows]),
        mae_persistence=mae([r.forecast.baselines.hostile_persistence for r in rows]),
        mae_climatology=mae([r.forecast.baselines.hostile_climatology for r in rows]),
        mae_zero=mae([0.0] * n),
    )


def _summarise(rows: tuple[BacktestRow, ...], horizon: int, min_train: int) -> Backtest:
    """Score the rows overall, by onset and continuation, and for the counts."""
    return Backtest(
        horizon=horizon, min_train=min_train, rows=rows, brier=brier_scores(rows),
        onset=brier_scores([r for r in rows if r.onset]),
        continuation=brier_scores([r for r in rows if not r.onset]),
        calibration=calibration_table([r.forecast.p_crisis for r in rows], [r.crisis for r in rows]),
        counts=count_scores(rows), n_origins=len(rows), n_crisis=sum(r.crisis for r in rows),
        n_fallback=sum(r.forecast.model == FALLBACK for r in rows),
    )
