"""Bivariate self-exciting (Hawkes) process: "is the spiral self-sustaining?"

Two event streams (0: a -> b hostile acts, 1: b -> a hostile acts) with exponential kernels:

    λ_i(t) = μ_i + Σ_j Σ_{t_k^j < t} α_ij · β · exp(-β (t - t_k^j))

α_ij is the expected number of i-events triggered by one j-event (the kernel integrates to α_ij), so
α_10 is "b -> a acts provoked per a -> b act". The branching matrix A = [α_ij] has spectral radius
ρ(A): below 1 every burst dies out (ρ is the expected size of the next generation of a cascade);
at or above 1 escalation feeds itself. ρ(A) is reported as the *spiral index*.

**Fit.** Maximum likelihood with β fixed on a grid (per day by default: 1/3, 1, 3, i.e. reactions that
fade over about three days, one day or eight hours) and chosen by AIC. For a fixed β the
log-likelihood

    ℓ = Σ_i Σ_k log λ_i(t_k^i) - Σ_i [μ_i T + Σ_j α_ij Σ_k (1 - exp(-β (T - t_k^j)))]

splits into one concave problem per stream i in (μ_i, α_i0, α_i1); each is solved by L-BFGS-B on the
logs of the parameters with the analytic gradient. The kernel sums are computed once per β by a
linear recursion (events at the same instant do not excite each other).

**Interval.** Parametric bootstrap: `n_boot` series are simulated from the fitted model over the same
horizon (Ogata thinning, seeded), refitted with the chosen β, and the 5% and 95% quantiles of their
spectral radii give the interval. A fit with ρ >= 1 could explode in simulation, so a replicate stops
after `20 x n + 1000` events and is fitted over the time it reached. This is a percentile interval:
near ρ = 0 (e.g. one side retaliates and the other never does, so A is nilpotent) it can lie
slightly above the point estimate, since refitted α's cannot go below 0.

**Reading.** `spiral_label`: "self-sustaining" when the interval's lower bound is >= 1 (the data rule
out a damped process); "near-explosive" when the point estimate is >= `NEAR_EXPLOSIVE` (0.9);
otherwise "not self-sustaining". Below `MIN_EVENTS` (30) events a fit says little; callers report
"insufficient data" instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

MIN_EVENTS = 30
"""Fewer events than this (both streams together) are "insufficient data" for a Hawkes fit."""
NEAR_EXPLOSIVE = 0.9
"""A spiral index at or above this is "near-explosive"."""
BETAS = (1 / 3, 1.0, 3.0)
"""Default kernel decay rates tried, per time unit (per day in dyadwatch)."""
_LOG_BOUNDS = (math.log(1e-10), math.log(1e4))
"""Bounds on the log of every μ and α during the fit."""


@dataclass(frozen=True)
class HawkesFit:
    """Maximum-likelihood bivariate Hawkes fit with exponential kernel."""

    mu: tuple[float, float]
    """Background rates μ_0, μ_1 (events per time unit)."""
    alpha: tuple[tuple[float, float], tuple[float, float]]
    """Branching matrix: alpha[i][j] = expected i-events triggered by one j-event."""
    beta: float
    """Kernel decay rate chosen by AIC (per time unit; 1/β is the mean reaction delay)."""
    log_likelihood: float
    """Log-likelihood at the estimate."""
    aic: float
    """Akaike information criterion, 2·7 - 2·ℓ (μ: 2, α: 4, β: 1 parameters)."""
    spectral_radius: float
    """ρ(alpha), the spiral index: < 1 damped, >= 1 self-sustaining."""
    interval: tuple[float, float] | None
    """(5%, 95%) parametric-bootstrap quantiles of the spectral radius; None when n_boot is 0."""
    n_events: tuple[int, int]
    """Events in stream 0 and stream 1."""
    horizon: float
    """Length of the observation window [0, horizon]."""
    aic_by_beta: tuple[tuple[float, float], ...]
    """(β, AIC) for every β tried, so the choice can be checked."""


def spectral_radius(alpha: Sequence[Sequence[float]]) -> float:
    """Largest absolute eigenvalue of a branching matrix."""
    return float(max(abs(np.linalg.eigvals(np.asarray(alpha, dtype=float)))))


def spiral_label(fit: HawkesFit) -> str:
    """"self-sustaining", "near-explosive" or "not self-sustaining" (see the module docstring)."""
    if fit.interval is not None and fit.interval[0] >= 1.0:
        return "self-sustaining"
    if fit.spectral_radius >= NEAR_EXPLOSIVE:
        return "near-explosive"
    return "not self-sustaining"


def simulate_hawkes(
    mu: Sequence[float],
    alpha: Sequence[Sequence[float]],
    beta: float,
    horizon: float,
    *,
    seed: int,
    max_events: int = 1_000_000,
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Event times of both streams on [0, horizon] by Ogata's thinning (deterministic for a seed).

    Raises ValueError when more than `max_events` events occur (an explosive process).
    """
    m, a = _checked_params(mu, alpha, beta)
    if not horizon > 0:
        raise ValueError(f"horizon must be > 0, got {horizon}")
    streams, stop = _simulate(m, a, beta, horizon, np.random.default_rng(seed), max_events)
    if stop < horizon:
        raise ValueError(f"more than max_events={max_events} events: the process explodes (ρ >= 1?)")
    return streams


def fit_hawkes(
    times: tuple[Sequence[float], Sequence[float]],
    *,
    horizon: float,
    betas: Sequence[float] = BETAS,
    n_boot: int = 50,
    seed: int = 0,
) -> HawkesFit:
    """Fit μ and α by maximum likelihood for each β in `betas`, keep the lowest AIC, bootstrap ρ(α).

    `times` are the event times of stream 0 and stream 1 (any order) within [0, horizon].
    """
    streams = _checked_times(times, horizon)
    if not betas or any(not b > 0 for b in betas):
        raise ValueError(f"betas must be a non-empty list of rates > 0, got {tuple(betas)}")
    if n_boot < 0:
        raise ValueError(f"n_boot must be >= 0, got {n_boot}")
    fits = [(_fit_fixed_beta(streams, horizon, float(b)), float(b)) for b in sorted(betas)]
    (mu, alpha, loglik), beta = min(fits, key=lambda f: (_aic(f[0][2]), f[1]))
    interval = _bootstrap(mu, alpha, beta, horizon, n_boot, seed, sum(len(s) for s in streams))
    return HawkesFit(
        mu=(float(mu[0]), float(mu[1])),
        alpha=((float(alpha[0, 0]), float(alpha[0, 1])), (float(alpha[1, 0]), float(alpha[1, 1]))),
        beta=beta,
        log_likelihood=loglik,
        aic=_aic(loglik),
        spectral_radius=spectral_radius(alpha),
        interval=interval,
        n_events=(len(streams[0]), len(streams[1])),
        horizon=float(horizon),
        aic_by_beta=tuple((b, _aic(f[2])) for f, b in fits),
    )


def _aic(loglik: float) -> float:
    """AIC with 7 parameters."""
    return 2 * 7 - 2 * loglik


def _fit_fixed_beta(
    streams: tuple[np.ndarray, np.ndarray], horizon: float, beta: float
) -> tuple[np.ndarray, np.ndarray, float]:
    """(μ, α, ℓ) maximising the likelihood for a fixed β, one stream (row of α) at a time."""
    sums = _kernel_sums(streams, beta)
    compensator = np.array([np.sum(1.0 - np.exp(-beta * (horizon - s))) for s in streams])
    rows = [_fit_row(sums[i], compensator, horizon) for i in range(2)]
    mu = np.array([r[0] for r in rows])
    alpha = np.array([r[1] for r in rows])
    return mu, alpha, float(sum(r[2] for r in rows))


def _fit_row(sums: np.ndarray, compensator: np.ndarray, horizon: float) -> tuple[float, np.ndarray, float]:
    """(μ_i, α_i·, ℓ_i) for one stream: `sums[k, j]` = β·Σ_{t^j < t_k} exp(-β(t_k - t^j))."""
    n = len(sums)

    def negative(theta: np.ndarray) -> tuple[float, np.ndarray]:
        mu, alpha = np.exp(theta[0]), np.exp(theta[1:])
        lam = mu + sums @ alpha
        value = np.sum(np.log(lam)) - mu * horizon - alpha @ compensator
        grad_mu = np.sum(1.0 / lam) - horizon
        grad_alpha = (sums / lam[:, None]).sum(axis=0) - compensator
        return -float(value), -np.concatenate([[grad_mu * mu], grad_alpha * alpha])

    start = np.log([max(n, 1) / (2.0 * horizon), 0.2, 0.2])
    result = minimize(negative, start, jac=True, method="L-BFGS-B", bounds=[_LOG_BOUNDS] * 3)
    theta = result.x
    return float(np.exp(theta[0])), np.exp(theta[1:]), -float(result.fun)


def _kernel_sums(streams: tuple[np.ndarray, np.ndarray], beta: float) -> tuple[np.ndarray, np.ndarray]:
    """For each stream i, an (n_i, 2) array: β·Σ over strictly earlier j-events of exp(-β Δt), j = 0, 1."""
    times = np.concatenate(streams)
    labels = np.concatenate([np.zeros(len(streams[0]), int), np.ones(len(streams[1]), int)])
    order = np.lexsort((labels, times))
    out = [np.zeros((len(s), 2)) for s in streams]
    position = [0, 0]
    state = np.zeros(2)  # Σ exp(-β(now - t^j)) over events already added, per stream j
    now, pending = 0.0, np.zeros(2)
    for idx in order:
        t, i = times[idx], labels[idx]
        if t > now:
            state = (state + pending) * math.exp(-beta * (t - now))
            now, pending = t, np.zeros(2)
        out[i][position[i]] = beta * state
        position[i] += 1
        pending[i] += 1.0  # excites only later instants
    return out[0], out[1]


def _bootstrap(
    mu: np.ndarray, alpha: np.ndarray, beta: float, horizon: float, n_boot: int, seed: int, n: int
) -> tuple[float, float] | None:
    """(5%, 95%) quantiles of ρ(α) refitted on `n_boot` simulations of the fitted model."""
    if n_boot == 0:
        return None
    radii: list[float] = []
    for child in np.random.SeedSequence(seed).spawn(n_boot):
        streams, stop = _simulate(mu, alpha, beta, horizon, np.random.default_rng(child), 20 * n + 1000)
        arrays = (np.asarray(streams[0]), np.asarray(streams[1]))
        _, boot_alpha, _ = _fit_fixed_beta(arrays, max(stop, 1e-9), beta)
        radii.append(spectral_radius(boot_alpha))
    low, high = np.percentile(radii, [5, 95])
    return float(low), float(high)


def _simulate(
    mu: np.ndarray, alpha: np.ndarray, beta: float, horizon: float, rng: np.random.Generator, max_events: int
) -> tuple[tuple[tuple[float, ...], tuple[float, ...]], float]:
    """Ogata thinning; returns the two streams and the time reached (horizon, or earlier at max_events)."""
    out: tuple[list[float], list[float]] = ([], [])
    excitation = np.zeros(2)  # λ_i(t) - μ_i just after the current time
    t, total = 0.0, float(mu.sum())
    while True:
        bound = total + float(excitation.sum())
        wait = rng.exponential(1.0 / bound)
        if t + wait > horizon:
            return (tuple(out[0]), tuple(out[1])), horizon
        t += wait
        excitation *= math.exp(-beta * wait)
        lam = mu + excitation
        u = rng.uniform() * bound
        if u < lam.sum():
            i = 0 if u < lam[0] else 1
            out[i].append(t)
            excitation += alpha[:, i] * beta
            if len(out[0]) + len(out[1]) >= max_events:
                return (tuple(out[0]), tuple(out[1])), t


def _checked_params(mu: Sequence[float], alpha: Sequence[Sequence[float]], beta: float) -> tuple[np.ndarray, ...]:
    """μ (2,) and α (2, 2) as arrays, after checking shapes and signs."""
    m = np.asarray(mu, dtype=float)
    a = np.asarray(alpha, dtype=float)
    if m.shape != (2,) or np.any(m <= 0) or not np.all(np.isfinite(m)):
        raise ValueError(f"mu must be two finite rates > 0, got {tuple(mu)}")
    if a.shape != (2, 2) or np.any(a < 0) or not np.all(np.isfinite(a)):
        raise ValueError("alpha must be a 2x2 matrix of finite numbers >= 0")
    if not beta > 0:
        raise ValueError(f"beta must be > 0, got {beta}")
    return m, a


def _checked_times(times: tuple[Sequence[float], Sequence[float]], horizon: float) -> tuple[np.ndarray, np.ndarray]:
    """The two streams as sorted arrays, after checking they lie in [0, horizon] and are not both empty."""
    if not (math.isfinite(horizon) and horizon > 0):
        raise ValueError(f"horizon must be a finite number > 0, got {horizon}")
    if len(times) != 2:
        raise ValueError(f"times must hold exactly two streams, got {len(times)}")
    streams = tuple(np.sort(np.asarray(list(s), dtype=float)) for s in times)
    for s in streams:
        if len(s) and (not np.all(np.isfinite(s)) or s[0] < 0 or s[-1] > horizon):
            raise ValueError(f"times must lie within [0, horizon={horizon}]")
    if not len(streams[0]) + len(streams[1]):
        raise ValueError("times holds no events: nothing to fit")
    return streams[0], streams[1]
