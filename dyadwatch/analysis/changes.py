"""Change points in a count series: offline regimes (PELT) and an online alarm (BOCPD).

Both work on plain numbers (one count per period, oldest first), so any series can be fed in:
incidents per month, hostile incidents per week, and so on.

**Offline regimes: PELT.** The counts are variance-stabilised with the Anscombe transform
``z = 2·sqrt(y + 3/8)`` (Poisson counts then have variance close to 1 whatever their mean) and cut
where a change in the mean of ``z`` pays for itself: PELT (Killick, Fearnhead & Eckley 2012, via
``ruptures.Pelt`` with the l2 cost and ``jump=1`` so every index is a candidate) minimises
``Σ_segments Σ (z - mean(z_segment))² + β·#breakpoints`` exactly. The default penalty is BIC-type,

    β = PENALTY_FACTOR · σ̂² · log T,   σ̂² = max(1, (MAD(Δz) / 0.6745)² / 2),

where T is the series length and σ̂² a robust noise variance of the transformed series read from its
first differences (so a few real jumps barely move it, and it is never below the Poisson value 1).
Real event counts are over-dispersed; estimating σ̂² keeps them from being cut into spurious regimes.
``PENALTY_FACTOR`` is 2.5, a little above the textbook 2: measured over 200 seeds each, it finds both
shifts of a 60 x λ=1 / 6 x λ=9 / 12 x λ=3 series within ±1 month in 83% of seeds (2: 86%) and
fires on flat Poisson series of 78 months in <= 3% of seeds for λ = 1..30 (2: up to 7%) and on
over-dispersed (negative binomial, variance = mean + mean²/2) flat series in <= 6% (2: up to 16%).
PELT is retrospective: adding data can move old breakpoints, so it labels history, it does not alert.

**Online alarm: BOCPD** (Adams & MacKay 2007) with a Poisson–Gamma model. The posterior over the
run length r_t (periods since the last change) is updated period by period:

- growth: ``P(r_t = r+1, x_1..t) = P(r_{t-1} = r, x_1..t-1) · π(x_t | r) · (1 - H)``
- change: ``P(r_t = 0, x_1..t) = Σ_r P(r_{t-1} = r, x_1..t-1) · π(x_t | r) · H``

where π is the negative-binomial predictive of a Gamma(a, b) prior updated with the last r counts
(``a_r = a + Σx``, ``b_r = b + r``). With a constant hazard H, ``P(r_t = 0 | x)`` is H at every t, so
the alarm statistic is ``P(r_t <= 2 | x_1..t)``: the probability that a new regime began with this
period or the one before (r = 1, 2), plus the constant H of one beginning next (``ALARM = 0.5``).
The first ``burn_in`` periods are masked (None): there the run length cannot be long yet, so the
statistic is trivially high. Everything is computed in log space; run lengths are capped at
``MAX_RUN`` (the longest bucket then means "at least MAX_RUN" and uses the last MAX_RUN counts), so
the cost is linear in the series length.
Measured (H = 1/24, Gamma(1, 1) prior): on the 60/6/12 series above the alarm fires at the crisis
onset or one period later in 87 of 100 seeds; on flat 78-period Poisson series at least one alarm
follows the burn-in in 6% (λ=1), 33% (λ=3) and 17% (λ=10) of seeds (0.1% to 0.5% of periods): a
sensitive alert, best read next to the PELT regimes.

**Poisson CUSUM** (Page 1954): ``S_t = max(0, S_{t-1} + x_t·log(λ1/λ0) - (λ1 - λ0))``, an alarm when
``S_t`` exceeds a threshold h chosen for the in-control run length wanted; offered as a transparent
companion to BOCPD when the baseline rate λ0 is known.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import ruptures
from scipy.special import gammaln

PENALTY_FACTOR = 2.5
"""β = PENALTY_FACTOR · σ̂² · log T (see the module docstring for how it was chosen)."""
ALARM = 0.5
"""BOCPD raises a change when P(r_t <= 2 | x_1..t) exceeds this."""
RECENT_RUN = 2
"""Run lengths up to this count as "recent": P(r_t <= RECENT_RUN) is the alarm statistic."""
MAX_RUN = 400
"""Longest run length BOCPD tracks separately (longer runs share one bucket)."""
MIN_SIZE = 2
"""Shortest regime `detect_changes` allows, in periods."""
SIMILAR = 0.05
"""Relative difference of regime means below which a regime is labelled "similar" to the previous."""


@dataclass(frozen=True)
class Regime:
    """A stretch of periods with one level, between two breakpoints."""

    start: str
    """First period of the regime."""
    end: str
    """Last period of the regime."""
    mean: float
    """Mean count per period over the regime."""
    level: str
    """"first" for the opening regime, otherwise "higher", "lower" or "similar" than the previous one."""


@dataclass(frozen=True)
class ChangeReport:
    """Offline regimes and the online change probability of one count series."""

    periods: tuple[str, ...]
    """The periods, oldest first, as given."""
    counts: tuple[float, ...]
    """The count of each period, aligned with `periods`."""
    breakpoints: tuple[str, ...]
    """Periods where a new regime starts (PELT); the first period is never one."""
    regimes: tuple[Regime, ...]
    """The regimes the breakpoints cut the series into, oldest first (empty for an empty series)."""
    probabilities: tuple[float | None, ...]
    """BOCPD P(r_t <= 2 | counts up to t) per period; None during the burn-in."""
    recent_change: bool
    """True when the probability exceeds `ALARM` in any of the last `recent` periods."""
    change_period: str | None
    """The earliest of the last `recent` periods whose probability exceeds `ALARM` (None if none)."""
    note: str = ""
    """Why something could not be computed (e.g. a series too short for breakpoints); "" otherwise."""


def pelt_breakpoints(counts: Sequence[float], *, penalty: float | None = None, min_size: int = 2) -> tuple[int, ...]:
    """Indices where a new regime starts (0 and len(counts) excluded), by PELT on Anscombe-transformed counts.

    `penalty` is β in the cost ``RSS + β·#breakpoints`` on the transformed scale; None uses the
    BIC-type default ``PENALTY_FACTOR · σ̂² · log T`` (module docstring). `min_size` is the shortest
    regime allowed. A series shorter than ``2·min_size`` has no breakpoints.
    """
    z = _anscombe(counts, "counts")
    if min_size < 1:
        raise ValueError(f"min_size must be at least 1, got {min_size}")
    if penalty is not None and not (math.isfinite(penalty) and penalty >= 0):
        raise ValueError(f"penalty must be a finite number >= 0, got {penalty}")
    if len(z) < 2 * min_size:
        return ()
    beta = default_penalty(z) if penalty is None else penalty
    algo = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(z.reshape(-1, 1))
    ends = algo.predict(pen=beta)
    return tuple(int(i) for i in ends[:-1])


def default_penalty(z: np.ndarray) -> float:
    """The default PELT penalty for an Anscombe-transformed series `z` (module docstring)."""
    diffs = np.diff(z)
    if len(diffs) == 0:
        return 0.0
    mad = float(np.median(np.abs(diffs - np.median(diffs)))) / 0.6745
    sigma2 = max(1.0, mad * mad / 2.0)
    return PENALTY_FACTOR * sigma2 * math.log(len(z))


def bocpd_recent(
    counts: Sequence[float],
    *,
    hazard: float = 1 / 24,
    prior_shape: float = 1.0,
    prior_rate: float = 1.0,
    burn_in: int = 3,
) -> tuple[float | None, ...]:
    """P(r_t <= 2 | x_1..t) for every t by Poisson–Gamma BOCPD; None for the first `burn_in` periods.

    `hazard` is the prior probability of a change in any period (1/24: one change in two years of
    months); `prior_shape`/`prior_rate` are the Gamma prior (a, b) on the Poisson rate of a new regime.
    """
    x = _checked(counts, "counts")
    if not 0 < hazard < 1:
        raise ValueError(f"hazard must be between 0 and 1 (exclusive), got {hazard}")
    if prior_shape <= 0 or prior_rate <= 0:
        raise ValueError(f"prior_shape and prior_rate must be > 0, got {prior_shape} and {prior_rate}")
    if burn_in < 0:
        raise ValueError(f"burn_in must be >= 0, got {burn_in}")
    recent = _run_length_recent(x, hazard, prior_shape, prior_rate)
    return tuple(None if t < burn_in else p for t, p in enumerate(recent))


def _run_length_recent(x: np.ndarray, hazard: float, a0: float, b0: float) -> list[float]:
    """The BOCPD recursion in log space; returns P(r_t <= RECENT_RUN | x_1..t) per t."""
    cumsum = np.concatenate([[0.0], np.cumsum(x)])
    log_h, log_1h = math.log(hazard), math.log1p(-hazard)
    log_p = np.array([0.0])  # log P(r_{t-1} = r | x_1..t-1) for r = 0..len-1; starts with r = 0
    recent: list[float] = []
    for t in range(len(x)):
        runs = np.arange(len(log_p))
        a = a0 + cumsum[t] - cumsum[t - runs]  # the last r counts before x_t
        b = b0 + runs
        pred = _log_negbin(x[t], a, b) + log_p
        change = np.logaddexp.reduce(pred) + log_h
        grown = pred + log_1h
        if len(grown) > MAX_RUN:  # the longest bucket absorbs runs that grow beyond it
            grown = np.concatenate([grown[:-2], [np.logaddexp(grown[-2], grown[-1])]])
        log_p = np.concatenate([[change], grown])
        log_p -= np.logaddexp.reduce(log_p)
        recent.append(float(np.exp(np.logaddexp.reduce(log_p[: RECENT_RUN + 1]))))
    return recent


def _log_negbin(x: float, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Log predictive of count `x` under a Poisson rate with a Gamma(a, b) posterior (negative binomial)."""
    return gammaln(a + x) - gammaln(a) - gammaln(x + 1) + a * np.log(b / (b + 1)) - x * np.log(b + 1)


def poisson_cusum(counts: Sequence[float], *, baseline: float, ratio: float = 2.0) -> tuple[float, ...]:
    """Page's Poisson CUSUM statistic S_t per period, tuned to detect a rise from `baseline` to `ratio`x it.

    Compare S_t with a threshold h (alarm when S_t > h); larger h means fewer false alarms and later
    detection. The statistic restarts from 0 whenever the evidence of a rise runs out.
    """
    x = _checked(counts, "counts")
    if baseline <= 0:
        raise ValueError(f"baseline must be > 0, got {baseline}")
    if ratio <= 1:
        raise ValueError(f"ratio must be > 1 (a rise to detect), got {ratio}")
    step, drift = math.log(ratio), baseline * (ratio - 1)
    stats: list[float] = []
    s = 0.0
    for value in x:
        s = max(0.0, s + float(value) * step - drift)
        stats.append(s)
    return tuple(stats)


def detect_changes(
    periods: Sequence[str], counts: Sequence[float], *, recent: int = 3, hazard: float = 1 / 24
) -> ChangeReport:
    """Regimes (PELT, default penalty) and the BOCPD alarm of a count series with period keys.

    `periods` must be strictly increasing keys of one grain ("2025-06", "2025-W26"), aligned with
    `counts`. `recent_change` looks at the last `recent` periods.
    """
    keys = tuple(periods)
    x = _checked(counts, "counts")
    if len(keys) != len(x):
        raise ValueError(f"periods and counts must have the same length, got {len(keys)} and {len(x)}")
    if any(later <= earlier for earlier, later in zip(keys, keys[1:], strict=False)):
        raise ValueError("periods must be strictly increasing (oldest first, no repeats)")
    if recent < 1:
        raise ValueError(f"recent must be at least 1, got {recent}")
    breaks = pelt_breakpoints(x, min_size=MIN_SIZE)
    probabilities = bocpd_recent(x, hazard=hazard)
    window = range(max(0, len(x) - recent), len(x))
    flagged = [t for t in window if (probabilities[t] or 0.0) > ALARM]
    return ChangeReport(
        periods=keys,
        counts=tuple(float(v) for v in x),
        breakpoints=tuple(keys[i] for i in breaks),
        regimes=_regimes(keys, x, breaks),
        probabilities=probabilities,
        recent_change=bool(flagged),
        change_period=keys[flagged[0]] if flagged else None,
        note=_note(len(x)),
    )


def _note(n: int) -> str:
    """Why breakpoints or probabilities are missing for a series of length `n` ("" when nothing is)."""
    if n == 0:
        return "no periods: nothing to segment"
    if n < 2 * MIN_SIZE:
        return f"too short for breakpoints ({n} periods < {2 * MIN_SIZE}: two regimes of {MIN_SIZE} periods)"
    return ""


def _regimes(keys: tuple[str, ...], x: np.ndarray, breaks: tuple[int, ...]) -> tuple[Regime, ...]:
    """The regimes between breakpoints, each labelled against the previous one."""
    if len(x) == 0:
        return ()
    bounds = (0, *breaks, len(x))
    regimes: list[Regime] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        mean = math.fsum(float(v) for v in x[lo:hi]) / (hi - lo)
        level = _level(regimes[-1].mean, mean) if regimes else "first"
        regimes.append(Regime(start=keys[lo], end=keys[hi - 1], mean=mean, level=level))
    return tuple(regimes)


def _level(before: float, now: float) -> str:
    """"higher", "lower" or "similar" for a regime mean `now` after one of `before`."""
    if abs(now - before) <= SIMILAR * max(abs(before), abs(now)):
        return "similar"
    return "higher" if now > before else "lower"


def _anscombe(counts: Sequence[float], name: str) -> np.ndarray:
    """The Anscombe transform 2·sqrt(y + 3/8) of checked counts."""
    return 2.0 * np.sqrt(_checked(counts, name) + 3.0 / 8.0)


def _checked(counts: Sequence[float], name: str) -> np.ndarray:
    """`counts` as a float array, after checking they are finite and non-negative."""
    x = np.asarray(list(counts), dtype=float)
    if x.ndim != 1:
        raise ValueError(f"{name} must be a flat sequence of numbers")
    if not np.all(np.isfinite(x)) or np.any(x < 0):
        raise ValueError(f"{name} must be finite and non-negative")
    return x
