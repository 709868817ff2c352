"""Tests for `dyadwatch.analysis.hawkes`: simulation, parameter recovery, likelihood, spiral labels."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dyadwatch.analysis.hawkes import (
    HawkesFit,
    fit_hawkes,
    simulate_hawkes,
    spectral_radius,
    spiral_label,
)

TRUE_MU = (0.05, 0.05)
TRUE_ALPHA = ((0.3, 0.4), (0.5, 0.2))
HORIZON = 3000.0
"""Long enough for about 1000 events: stationary rate = sum((I - A)^-1 mu) = 1/3 per day."""


def brute_log_likelihood(times, mu, alpha, beta, horizon) -> float:
    """The exponential-kernel log-likelihood, term by term (O(n^2))."""
    total = 0.0
    for i in range(2):
        for t in times[i]:
            lam = mu[i] + sum(
                alpha[i][j] * beta * math.exp(-beta * (t - s)) for j in range(2) for s in times[j] if s < t
            )
            total += math.log(lam)
        total -= mu[i] * horizon
        total -= sum(alpha[i][j] * (1 - math.exp(-beta * (horizon - s))) for j in range(2) for s in times[j])
    return total


@pytest.fixture(scope="module")
def simulated():
    return simulate_hawkes(TRUE_MU, TRUE_ALPHA, 1.0, HORIZON, seed=0)


@pytest.fixture(scope="module")
def recovered(simulated):
    return fit_hawkes(simulated, horizon=HORIZON, n_boot=10, seed=1)


def test_simulation_has_the_stationary_number_of_events(simulated):
    expected = HORIZON * np.linalg.solve(np.eye(2) - np.array(TRUE_ALPHA), np.array(TRUE_MU))
    for stream, mean in zip(simulated, expected, strict=True):
        assert abs(len(stream) - mean) < 0.2 * mean  # measured: 533 and 571 against 500
    assert all(0 <= t <= HORIZON for stream in simulated for t in stream)
    assert all(list(stream) == sorted(stream) for stream in simulated)


def test_simulation_is_deterministic_per_seed():
    first = simulate_hawkes(TRUE_MU, TRUE_ALPHA, 1.0, 200.0, seed=3)
    assert first == simulate_hawkes(TRUE_MU, TRUE_ALPHA, 1.0, 200.0, seed=3)
    assert first != simulate_hawkes(TRUE_MU, TRUE_ALPHA, 1.0, 200.0, seed=4)


def test_simulation_without_excitation_is_poisson():
    streams = simulate_hawkes((0.5, 0.1), ((0, 0), (0, 0)), 1.0, 2000.0, seed=2)
    assert abs(len(streams[0]) - 1000) < 100 and abs(len(streams[1]) - 200) < 45


def test_simulation_of_an_explosive_process_raises():
    with pytest.raises(ValueError, match="explodes"):
        simulate_hawkes((0.5, 0.5), ((1.2, 0.5), (0.5, 1.2)), 1.0, 1000.0, seed=0, max_events=500)


def test_fit_recovers_the_parameters(recovered):
    for fitted_row, true_row in zip(recovered.alpha, TRUE_ALPHA, strict=True):
        for fitted, true in zip(fitted_row, true_row, strict=True):
            assert abs(fitted - true) <= 0.15
    for fitted, true in zip(recovered.mu, TRUE_MU, strict=True):
        assert abs(fitted - true) <= 0.5 * true
    assert abs(recovered.spectral_radius - spectral_radius(TRUE_ALPHA)) <= 0.15  # true: 0.70
    assert recovered.beta == 1.0
    assert [b for b, _ in recovered.aic_by_beta] == [1 / 3, 1.0, 3.0]
    assert recovered.aic == min(aic for _, aic in recovered.aic_by_beta)


def test_fit_bootstrap_interval_brackets_the_estimate(recovered, simulated):
    low, high = recovered.interval
    assert low < recovered.spectral_radius < high
    assert high - low < 0.3
    assert low < spectral_radius(TRUE_ALPHA) + 0.1 and high > spectral_radius(TRUE_ALPHA) - 0.1
    assert recovered.n_events == (len(simulated[0]), len(simulated[1]))


def test_fit_likelihood_matches_the_formula_and_is_a_maximum():
    times = simulate_hawkes((0.2, 0.1), ((0.2, 0.3), (0.4, 0.1)), 1.0, 150.0, seed=5)
    fit = fit_hawkes(times, horizon=150.0, betas=(1.0,), n_boot=0)
    assert fit.interval is None
    assert fit.log_likelihood == pytest.approx(brute_log_likelihood(times, fit.mu, fit.alpha, 1.0, 150.0), rel=1e-9)
    for i, j in ((0, 0), (0, 1), (1, 0), (1, 1)):
        for factor in (0.8, 1.25):
            alpha = [list(row) for row in fit.alpha]
            alpha[i][j] = max(alpha[i][j], 0.01) * factor
            assert brute_log_likelihood(times, fit.mu, alpha, 1.0, 150.0) < fit.log_likelihood + 1e-6
    for factor in (0.8, 1.25):
        mu = (fit.mu[0] * factor, fit.mu[1])
        assert brute_log_likelihood(times, mu, fit.alpha, 1.0, 150.0) < fit.log_likelihood


def test_fit_ties_do_not_excite_each_other():
    times = ((1.0, 5.0, 5.0, 9.0), (5.0, 7.0))
    fit = fit_hawkes(times, horizon=10.0, betas=(1.0,), n_boot=0)
    assert fit.log_likelihood == pytest.approx(brute_log_likelihood(times, fit.mu, fit.alpha, 1.0, 10.0), rel=1e-9)


def test_fit_does_not_depend_on_input_order(simulated):
    short = tuple(tuple(t for t in s if t < 600) for s in simulated)
    shuffled = tuple(tuple(np.random.default_rng(0).permutation(s)) for s in short)
    assert fit_hawkes(short, horizon=600.0, n_boot=3) == fit_hawkes(shuffled, horizon=600.0, n_boot=3)


def test_fit_of_independent_streams_finds_little_excitation():
    times = simulate_hawkes((0.2, 0.2), ((0, 0), (0, 0)), 1.0, 2000.0, seed=8)
    fit = fit_hawkes(times, horizon=2000.0, n_boot=0)
    assert fit.spectral_radius < 0.15
    assert fit.mu[0] == pytest.approx(0.2, rel=0.2) and fit.mu[1] == pytest.approx(0.2, rel=0.2)


def test_fit_picks_the_beta_of_the_data():
    times = simulate_hawkes((0.1, 0.1), ((0.3, 0.4), (0.4, 0.3)), 3.0, 3000.0, seed=4)
    assert fit_hawkes(times, horizon=3000.0, n_boot=0).beta == 3.0


@pytest.mark.parametrize(
    ("times", "kwargs", "message"),
    [
        (((1.0,), (11.0,)), {}, "horizon"),
        (((-1.0,), ()), {}, "horizon"),
        (((), ()), {}, "no events"),
        (((1.0,), ()), {"betas": ()}, "betas"),
        (((1.0,), ()), {"betas": (0.0,)}, "betas"),
        (((1.0,), ()), {"n_boot": -1}, "n_boot"),
        (((1.0,), ()), {"horizon": 0.0}, "horizon"),
    ],
)
def test_fit_rejects_bad_arguments(times, kwargs, message):
    with pytest.raises(ValueError, match=message):
        fit_hawkes(times, **{"horizon": 10.0, **kwargs})


@pytest.mark.parametrize(
    ("mu", "alpha", "beta", "message"),
    [
        ((0.1,), ((0, 0), (0, 0)), 1.0, "mu"),
        ((0.1, 0.1), ((0, -1), (0, 0)), 1.0, "alpha"),
        ((0.1, 0.1), ((0, 0), (0, 0)), 0, "beta"),
    ],
)
def test_simulation_rejects_bad_parameters(mu, alpha, beta, message):
    with pytest.raises(ValueError, match=message):
        simulate_hawkes(mu, alpha, beta, 10.0, seed=0)


def _fit(radius: float, interval: tuple[float, float] | None) -> HawkesFit:
    return HawkesFit(
        mu=(0.1, 0.1), alpha=((radius, 0.0), (0.0, radius)), beta=1.0, log_likelihood=0.0, aic=14.0,
        spectral_radius=radius, interval=interval, n_events=(20, 20), horizon=180.0, aic_by_beta=((1.0, 14.0),),
    )


@pytest.mark.parametrize(
    ("radius", "interval", "label"),
    [
        (1.3, (1.05, 1.6), "self-sustaining"),
        (1.1, (0.8, 1.4), "near-explosive"),
        (0.92, (0.7, 1.1), "near-explosive"),
        (0.64, (0.41, 0.88), "not self-sustaining"),
        (0.95, None, "near-explosive"),
    ],
)
def test_spiral_label(radius, interval, label):
    assert spiral_label(_fit(radius, interval)) == label


def test_spectral_radius_of_a_known_matrix():
    assert spectral_radius(TRUE_ALPHA) == pytest.approx(0.25 + math.sqrt(0.0625 + 0.14))
    assert spectral_radius(((0.0, 2.0), (0.5, 0.0))) == pytest.approx(1.0)
