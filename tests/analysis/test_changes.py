"""Tests for `dyadwatch.analysis.changes`: PELT regimes, BOCPD alarm, CUSUM and the change report."""

from __future__ import annotations

import numpy as np
import pytest

from dyadwatch.analysis import changes
from dyadwatch.analysis.changes import (
    bocpd_recent,
    default_penalty,
    detect_changes,
    pelt_breakpoints,
    poisson_cusum,
)
from dyadwatch.analysis.periods import periods_between

CRISIS, THAW = 60, 66
"""True regime starts of the synthetic series: 60 calm months, 6 crisis months, 12 thaw months."""
SEEDS = range(20)


def crisis_series(seed: int) -> np.ndarray:
    """60 calm months (λ=1), 6 crisis months (λ=9), 12 thaw months (λ=3)."""
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.poisson(1, 60), rng.poisson(9, 6), rng.poisson(3, 12)])


def months(n: int) -> tuple[str, ...]:
    """`n` consecutive month keys starting 2019-01."""
    keys = periods_between("2019-01", "2030-12")[:n]
    assert len(keys) == n
    return keys


def alarms(probabilities) -> list[int]:
    """Indices where the BOCPD statistic exceeds 0.5."""
    return [t for t, p in enumerate(probabilities) if p is not None and p > 0.5]


# --- PELT -------------------------------------------------------------------------------------


def test_pelt_recovers_both_shifts_within_one_period_for_most_seeds():
    hits = 0
    for seed in SEEDS:
        found = pelt_breakpoints(crisis_series(seed))
        hits += len(found) == 2 and abs(found[0] - CRISIS) <= 1 and abs(found[1] - THAW) <= 1
    assert hits >= 17  # measured: 19 of 20


def test_pelt_finds_the_crisis_onset_exactly_for_a_clear_seed():
    assert pelt_breakpoints(crisis_series(0)) == (CRISIS, THAW)


@pytest.mark.parametrize("rate", [1.0, 3.0, 10.0])
def test_pelt_rarely_fires_on_a_flat_poisson_series(rate):
    fired = sum(bool(pelt_breakpoints(np.random.default_rng(100 + s).poisson(rate, 78))) for s in SEEDS)
    assert fired <= 2  # measured: 0, 0 and 1 of 20


def test_pelt_rarely_fires_on_a_flat_overdispersed_series():
    rng = np.random.default_rng(5)
    fired = sum(bool(pelt_breakpoints(rng.negative_binomial(2, 2 / (2 + 10), 78))) for _ in SEEDS)
    assert fired <= 3


def test_pelt_penalty_controls_the_number_of_breakpoints():
    counts = crisis_series(0)
    assert len(pelt_breakpoints(counts, penalty=0.0)) > 10
    assert pelt_breakpoints(counts, penalty=1e6) == ()


def test_pelt_respects_min_size():
    counts = [0, 0, 0, 0, 20, 0, 0, 0, 0]
    found = pelt_breakpoints(counts, penalty=1.0, min_size=2)
    assert len(found) == 2 and found[1] - found[0] == 2 and found[0] in (3, 4)  # the spike needs a 2-period regime
    assert pelt_breakpoints(counts, penalty=1.0, min_size=1) == (4, 5)


def test_pelt_short_series_has_no_breakpoints():
    assert pelt_breakpoints([0, 30, 0]) == ()
    assert pelt_breakpoints([]) == ()


def test_default_penalty_grows_with_length_and_noise():
    calm = 2 * np.sqrt(np.random.default_rng(1).poisson(3, 80) + 3 / 8)
    assert default_penalty(calm) == pytest.approx(changes.PENALTY_FACTOR * np.log(80))  # σ̂² floored at 1
    noisy = 2 * np.sqrt(np.random.default_rng(1).negative_binomial(1, 1 / 31, 80) + 3 / 8)
    assert default_penalty(noisy) > 2 * default_penalty(calm)


@pytest.mark.parametrize(
    "kwargs", [{"counts": [1, -1, 2, 3]}, {"counts": [1, float("nan"), 2, 3]}, {"min_size": 0}, {"penalty": -1.0}]
)
def test_pelt_rejects_bad_arguments(kwargs):
    args = {"counts": [1, 2, 3, 4, 5], **kwargs}
    counts = args.pop("counts")
    with pytest.raises(ValueError, match="counts|min_size|penalty"):
        pelt_breakpoints(counts, **args)


# --- BOCPD ------------------------------------------------------------------------------------


def test_bocpd_flags_the_crisis_onset_within_one_period_for_most_seeds():
    flagged = sum(any(t in (CRISIS, CRISIS + 1) for t in alarms(bocpd_recent(crisis_series(s)))) for s in SEEDS)
    assert flagged >= 15  # measured: 17 of 20


def test_bocpd_before_the_crisis_is_mostly_quiet():
    early = sum(any(t < CRISIS - 1 for t in alarms(bocpd_recent(crisis_series(s)))) for s in SEEDS)
    assert early <= 3  # measured: 1 of 20


def test_bocpd_masks_the_burn_in():
    probabilities = bocpd_recent(crisis_series(0), burn_in=3)
    assert probabilities[:3] == (None, None, None)
    assert all(p is not None and 0.0 <= p <= 1.0 for p in probabilities[3:])
    unmasked = bocpd_recent(crisis_series(0), burn_in=0)
    assert unmasked[0] == pytest.approx(1.0) and unmasked[1] == pytest.approx(1.0)  # why burn-in is masked


def test_bocpd_is_low_in_a_long_stable_stretch_and_jumps_at_a_shift():
    probabilities = bocpd_recent([2] * 40 + [12, 11])
    assert probabilities[39] < 0.1
    assert probabilities[41] > 0.5


def test_bocpd_statistic_is_not_the_constant_hazard():
    """P(r_t = 0) would equal the hazard at every t; P(r_t <= 2) must move with the data."""
    probabilities = [p for p in bocpd_recent(crisis_series(1)) if p is not None]
    assert max(probabilities) - min(probabilities) > 0.5


def test_bocpd_handles_series_longer_than_the_run_cap():
    rng = np.random.default_rng(7)
    counts = np.concatenate([rng.poisson(2, 450), rng.poisson(10, 20)])
    assert len(counts) > changes.MAX_RUN
    assert any(t in (450, 451) for t in alarms(bocpd_recent(counts)))


def test_bocpd_truncation_matches_exact_recursion_while_runs_fit(monkeypatch):
    counts = crisis_series(2)[:30]
    exact = bocpd_recent(counts)
    monkeypatch.setattr(changes, "MAX_RUN", 40)
    assert bocpd_recent(counts) == pytest.approx(exact)
    monkeypatch.setattr(changes, "MAX_RUN", 8)
    capped = bocpd_recent(crisis_series(2))
    assert any(t in (CRISIS, CRISIS + 1) for t in alarms(capped))


@pytest.mark.parametrize(
    "kwargs", [{"hazard": 0.0}, {"hazard": 1.0}, {"prior_shape": 0.0}, {"prior_rate": -1.0}, {"burn_in": -1}]
)
def test_bocpd_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError, match="hazard|prior|burn_in"):
        bocpd_recent([1, 2, 3], **kwargs)


# --- CUSUM ------------------------------------------------------------------------------------


def test_poisson_cusum_matches_the_recursion_by_hand():
    # λ0 = 1, λ1 = 2: step log 2 per event, drift 1 per period
    stats = poisson_cusum([0, 3, 0, 4], baseline=1.0, ratio=2.0)
    s2 = 3 * np.log(2) - 1
    s3 = max(0.0, s2 - 1)
    assert stats == pytest.approx((0.0, s2, s3, s3 + 4 * np.log(2) - 1))


def test_poisson_cusum_rejects_bad_arguments():
    with pytest.raises(ValueError, match="baseline"):
        poisson_cusum([1], baseline=0.0)
    with pytest.raises(ValueError, match="ratio"):
        poisson_cusum([1], baseline=1.0, ratio=0.5)


# --- detect_changes ---------------------------------------------------------------------------


def test_detect_changes_names_breakpoints_and_labels_regimes():
    counts = crisis_series(0)
    keys = months(len(counts))
    report = detect_changes(keys, counts)
    assert report.breakpoints == (keys[CRISIS], keys[THAW]) == ("2024-01", "2024-07")
    assert [r.level for r in report.regimes] == ["first", "higher", "lower"]
    assert [(r.start, r.end) for r in report.regimes] == [
        (keys[0], keys[CRISIS - 1]), (keys[CRISIS], keys[THAW - 1]), (keys[THAW], keys[-1])
    ]
    assert report.regimes[1].mean == pytest.approx(counts[CRISIS:THAW].mean())
    assert len(report.probabilities) == len(keys) and report.note == ""


def test_detect_changes_raises_a_recent_change_at_the_crisis_onset():
    counts = crisis_series(0)[: CRISIS + 2]
    keys = months(len(counts))
    report = detect_changes(keys, counts, recent=3)
    assert report.recent_change
    assert report.change_period == keys[CRISIS]


def test_detect_changes_is_quiet_on_a_calm_tail():
    counts = crisis_series(0)
    report = detect_changes(months(len(counts)), counts, recent=3)
    assert not report.recent_change and report.change_period is None


def test_detect_changes_short_series_says_why():
    report = detect_changes(("2025-01", "2025-02", "2025-03"), [0, 9, 0])
    assert report.breakpoints == () and len(report.regimes) == 1 and report.regimes[0].level == "first"
    assert "too short" in report.note
    assert report.probabilities == (None, None, None)
    empty = detect_changes((), [])
    assert empty.regimes == () and empty.note and not empty.recent_change


def test_detect_changes_weekly_keys():
    keys = periods_between("2024-W01", "2025-W30")
    counts = [1] * 40 + [9] * (len(keys) - 40)
    report = detect_changes(keys, counts)
    assert report.breakpoints == (keys[40],)


@pytest.mark.parametrize(
    ("periods", "counts", "message"),
    [
        (("2025-01", "2025-02"), [1], "same length"),
        (("2025-02", "2025-01"), [1, 2], "increasing"),
        (("2025-01", "2025-01"), [1, 2], "increasing"),
        (("2025-01", "2025-02"), [1, -2], "non-negative"),
    ],
)
def test_detect_changes_rejects_bad_input(periods, counts, message):
    with pytest.raises(ValueError, match=message):
        detect_changes(periods, counts)


def test_detect_changes_rejects_bad_recent():
    with pytest.raises(ValueError, match="recent"):
        detect_changes(("2025-01",), [1], recent=0)
