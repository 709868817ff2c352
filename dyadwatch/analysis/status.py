"""Where a dyad stands: per-period measures in each direction, and the latest period set against its history.

Measures (analysis notes §1.2), for the incidents of one direction (or both) in one period, with
n incidents, quad counts VK, MK, VC, MC (verbal/material cooperation/conflict) and Goldstein g(e):

- goldstein_sum   G = Σ g(e);  goldstein_mean = G / n (None when n = 0);
- goldstein_shrunk  ḡ* = (G + k·prior) / (n + k), k = `GOLDSTEIN_SHRINK` = 3, prior = 0.0;
- nci  NCI = ((VK + MK) − (VC + MC) + w·(MK − MC)) / (n + w·(MK + MC) + k), w = 1, k = 2. It lies
  in (−1, 1), does not move with media volume, and an empty period scores 0;
- rung  the highest escalation-ladder rung reached (`ladder.rung_of`), None when empty;
- hostile  the number of conflict incidents (quad 3 or 4).

Standing. A figure x_t is set against the dyad's own past: *z* against the trailing `window`
periods, z = (f(x_t) − mean) / max(sd, floor) with f = log(1+x) for counts (`n`, `mentions`,
`hostile`), the signed log sign(x)·log(1+|x|) for `goldstein_sum` (it can be negative), and the raw
value for NCI, the means and the rung. The sd is the sample sd (ddof = 1) floored per measure
(`SD_FLOOR`), so a flat history gives a finite z instead of a division by zero: the floors are about
the smallest change worth noticing on each scale (half a log-unit, 0.2 of NCI, one Goldstein point,
half a rung). z is None with fewer than `MIN_HISTORY` = 3 values in the window. *percentile* is
the share of all earlier periods (not just the window) whose value is <= x_t. Periods without a
value (the mean or rung of an empty period) are skipped in both.

Alerts on the latest period, both directions combined:
- change_level: ACLED's change categories for the hostile count against the mean of the previous
  `CHANGE_LOOKBACK` = 4 periods, pct = (x − mean) / mean: "large increase" > +25 %, "moderate
  increase" +10..25 %, "limited change" −25..+10 %, "large decrease" < −25 %; the low-baseline
  guard (mean ≤ 2 and x ≤ 5 ⇒ "limited change") comes first; None without an earlier period;
- rung_alert: the latest rung is above the highest rung of the previous `RUNG_LOOKBACK` = 24
  periods (an empty history counts as rung 0, so a first cooperative contact does not alert).

Everything is a pure function of the panel and does not depend on the order of the incidents
inside a period (sums use `math.fsum`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from dyadwatch.analysis.ladder import rung_of
from dyadwatch.analysis.panel import DyadPeriods
from dyadwatch.types import Incident

NCI_WEIGHT = 1.0
"""w in the NCI: how much extra a material act counts (1.0: material acts count double)."""
NCI_SHRINK = 2.0
"""k in the NCI: pseudo-count that pulls thin periods toward 0."""
GOLDSTEIN_SHRINK = 3.0
"""k in the shrunk Goldstein mean."""
GOLDSTEIN_PRIOR = 0.0
"""The value the shrunk Goldstein mean is pulled toward."""
MIN_HISTORY = 3
"""Fewest values in the trailing window for which a z-score is given."""
CHANGE_LOOKBACK = 4
"""Periods before the latest whose mean hostile count is the ACLED change baseline."""
RUNG_LOOKBACK = 24
"""Periods before the latest whose highest rung the latest must exceed to raise `rung_alert`."""
LARGE_INCREASE = 0.25
"""ACLED: a rise of more than this share is a "large increase"."""
MODERATE_INCREASE = 0.10
"""ACLED: a rise of more than this share (up to `LARGE_INCREASE`) is a "moderate increase"."""
LARGE_DECREASE = -0.25
"""ACLED: a fall of more than this share is a "large decrease"."""
GUARD_MEAN = 2.0
GUARD_LATEST = 5
"""ACLED low-baseline guard: mean <= GUARD_MEAN and latest <= GUARD_LATEST is always "limited change"."""
BOTH = "both"
"""`PeriodFigures.direction` of the rows that pool both directions."""


def _signed_log(x: float) -> float:
    """sign(x)·log(1+|x|): a log scale for figures that can be negative."""
    return math.copysign(math.log1p(abs(x)), x)


_TRANSFORM: Mapping[str, Callable[[float], float]] = MappingProxyType(
    {
        "n": math.log1p,
        "mentions": math.log1p,
        "hostile": math.log1p,
        "goldstein_sum": _signed_log,
        "goldstein_mean": float,
        "goldstein_shrunk": float,
        "nci": float,
        "rung": float,
    }
)
MEASURES: tuple[str, ...] = tuple(_TRANSFORM)
"""The figures of `PeriodFigures` that get a `Standing`, in the order they are listed."""
SD_FLOOR: Mapping[str, float] = MappingProxyType(
    {
        "n": 0.5,
        "mentions": 0.5,
        "hostile": 0.5,
        "goldstein_sum": 0.5,
        "goldstein_mean": 1.0,
        "goldstein_shrunk": 1.0,
        "nci": 0.2,
        "rung": 0.5,
    }
)
"""Smallest sd used in a z-score, per measure, on the scale the z is computed on."""


@dataclass(frozen=True)
class PeriodFigures:
    """The measures of one direction (or both) in one period."""

    period: str
    """Period key ("2025-06", "2025-W26")."""
    direction: str
    """"AZE->RUS", "RUS->AZE", or "both" for the two directions pooled."""
    n: int
    """Number of incidents."""
    mentions: int
    """Sum of the incidents' mention counts (a coverage figure, not a count of events)."""
    quad: tuple[int, int, int, int]
    """Incident counts in quad classes 1-4: verbal coop, material coop, verbal conflict, material conflict."""
    goldstein_sum: float
    """Sum of the Goldstein weights (0.0 when empty)."""
    goldstein_mean: float | None
    """Mean Goldstein weight; None when empty."""
    goldstein_shrunk: float
    """(Σg + k·prior) / (n + k) with k = 3, prior = 0.0: the mean, pulled toward 0 when thin."""
    nci: float
    """Net cooperation index in (-1, 1); 0.0 when empty."""
    rung: int | None
    """Highest escalation-ladder rung reached (0-6); None when empty."""
    hostile: int
    """Number of conflict incidents (quad 3 or 4)."""


@dataclass(frozen=True)
class Standing:
    """One figure of one period set against the dyad's own earlier periods."""

    value: float | None
    """The figure (None where it is undefined, e.g. the mean of an empty period)."""
    z: float | None
    """z-score against the trailing window (see the module docstring); None if undefined."""
    percentile: float | None
    """Share of earlier periods with a value <= this one (0..1); None without earlier values."""
    history_n: int
    """Number of earlier periods with a value (the base of `percentile`)."""
    window_n: int
    """Number of values in the trailing window (the base of `z`)."""
    measure: str
    """Which figure: one of `MEASURES`."""
    direction: str
    """"AZE->RUS", "RUS->AZE" or "both"."""
    period: str
    """The period judged."""


@dataclass(frozen=True)
class DyadStatus:
    """Per-period measures of a dyad and the standing of its latest period."""

    a: str
    """Actor key of the first side."""
    b: str
    """Actor key of the second side."""
    grain: str
    """"month" or "week"."""
    window: int
    """Trailing periods behind each z-score."""
    periods: tuple[str, ...]
    """Every period of the panel, empty ones included."""
    a_to_b: tuple[PeriodFigures, ...]
    """Figures a -> b, aligned with `periods`."""
    b_to_a: tuple[PeriodFigures, ...]
    """Figures b -> a, aligned with `periods`."""
    both: tuple[PeriodFigures, ...]
    """Figures of both directions pooled, aligned with `periods`."""
    latest: tuple[Standing, ...]
    """Standing of every measure of the latest period: a->b, b->a, both, each in `MEASURES` order;
    empty when the panel has no periods."""
    change_level: str | None
    """ACLED change category of the latest hostile count (both directions); None without history."""
    change_pct: float | None
    """(latest − mean) / mean behind `change_level`; None when the mean is 0 or there is no history."""
    change_baseline: float | None
    """Mean hostile count of the previous `CHANGE_LOOKBACK` periods; None without history."""
    rung_alert: bool
    """True when the latest rung (both directions) exceeds the highest of the previous 24 periods."""
    rung_before: int | None
    """Highest rung of the previous `RUNG_LOOKBACK` periods (None when they hold no incident)."""


def dyad_status(panel: DyadPeriods, *, window: int = 12) -> DyadStatus:
    """Measures per period and direction, and the latest period against the dyad's history."""
    if window < MIN_HISTORY:
        raise ValueError(f"window must be at least {MIN_HISTORY} periods, got {window!r}")
    ab, ba = f"{panel.a}->{panel.b}", f"{panel.b}->{panel.a}"
    rows_ab = tuple(period_figures(p, ab, panel.a_to_b[i]) for i, p in enumerate(panel.periods))
    rows_ba = tuple(period_figures(p, ba, panel.b_to_a[i]) for i, p in enumerate(panel.periods))
    rows_both = tuple(period_figures(p, BOTH, panel.both(i)) for i, p in enumerate(panel.periods))
    status = DyadStatus(
        a=panel.a, b=panel.b, grain=panel.grain, window=window, periods=panel.periods,
        a_to_b=rows_ab, b_to_a=rows_ba, both=rows_both, latest=(),
        change_level=None, change_pct=None, change_baseline=None, rung_alert=False, rung_before=None,
    )
    if not panel.periods:
        return status
    last = len(panel.periods) - 1
    hostile = [row.hostile for row in rows_both]
    level, pct, base = change_level(hostile[last], hostile[max(0, last - CHANGE_LOOKBACK) : last])
    rungs = [row.rung for row in rows_both]
    alert, before = rung_alert(rungs[last], rungs[max(0, last - RUNG_LOOKBACK) : last])
    return replace(
        status, latest=standings_at(status, last), change_level=level, change_pct=pct, change_baseline=base,
        rung_alert=alert, rung_before=before,
    )


def standings_at(status: DyadStatus, index: int) -> tuple[Standing, ...]:
    """Standing of every measure of period `index` (a->b, b->a, both; `MEASURES` order)."""
    if not 0 <= index < len(status.periods):
        raise ValueError(f"index must lie in 0..{len(status.periods) - 1}, got {index!r}")
    out: list[Standing] = []
    for rows in (status.a_to_b, status.b_to_a, status.both):
        for measure in MEASURES:
            values = [getattr(row, measure) for row in rows[: index + 1]]
            out.append(_standing(values, measure, window=status.window, direction=rows[index].direction,
                                 period=rows[index].period))
    return tuple(out)


def period_figures(period: str, direction: str, incidents: Sequence[Incident]) -> PeriodFigures:
    """The measures of a set of incidents (one direction or both, one period)."""
    quad = quad_counts(incidents)
    total = math.fsum(i.event.goldstein for i in incidents)
    n = len(incidents)
    return PeriodFigures(
        period=period,
        direction=direction,
        n=n,
        mentions=sum(i.n_mentions for i in incidents),
        quad=quad,
        goldstein_sum=total,
        goldstein_mean=total / n if n else None,
        goldstein_shrunk=(total + GOLDSTEIN_SHRINK * GOLDSTEIN_PRIOR) / (n + GOLDSTEIN_SHRINK),
        nci=net_cooperation(quad),
        rung=max((rung_of(i.event.cameo) for i in incidents), default=None),
        hostile=quad[2] + quad[3],
    )


def quad_counts(incidents: Sequence[Incident]) -> tuple[int, int, int, int]:
    """Incident counts per quad class 1-4 (ValueError for an incident with another quad)."""
    counts = [0, 0, 0, 0]
    for incident in incidents:
        quad = incident.event.quad
        if quad not in (1, 2, 3, 4):
            raise ValueError(f"incident {incident.id} has quad {quad!r}; expected 1, 2, 3 or 4")
        counts[quad - 1] += 1
    return (counts[0], counts[1], counts[2], counts[3])


def net_cooperation(quad: tuple[int, int, int, int]) -> float:
    """NCI of quad counts (VK, MK, VC, MC); see the module docstring."""
    vk, mk, vc, mc = quad
    numerator = (vk + mk) - (vc + mc) + NCI_WEIGHT * (mk - mc)
    return numerator / (vk + mk + vc + mc + NCI_WEIGHT * (mk + mc) + NCI_SHRINK)


def change_level(latest: float, previous: Sequence[float]) -> tuple[str | None, float | None, float | None]:
    """ACLED change category of `latest` against the mean of `previous`: (category, pct, mean).

    The category is None when `previous` is empty; pct is None when the mean is 0.
    """
    if not previous:
        return None, None, None
    mean = math.fsum(previous) / len(previous)
    pct = (latest - mean) / mean if mean > 0 else None
    if mean <= GUARD_MEAN and latest <= GUARD_LATEST:
        return "limited change", pct, mean
    if pct is None or pct > LARGE_INCREASE:
        return "large increase", pct, mean
    if pct > MODERATE_INCREASE:
        return "moderate increase", pct, mean
    if pct >= LARGE_DECREASE:
        return "limited change", pct, mean
    return "large decrease", pct, mean


def rung_alert(latest: int | None, previous: Sequence[int | None]) -> tuple[bool, int | None]:
    """Whether `latest` is above every rung in `previous` (empty counts as 0), and that maximum."""
    before = max((r for r in previous if r is not None), default=None)
    if latest is None:
        return False, before
    return latest > (before if before is not None else 0), before


def _standing(values: Sequence[float | None], measure: str, *, window: int, direction: str, period: str) -> Standing:
    """The last of `values` against the ones before it (z over the last `window` of those)."""
    value, earlier = values[-1], [v for v in values[:-1] if v is not None]
    recent = [v for v in values[:-1][-window:] if v is not None]
    percentile = z = None
    if value is not None and earlier:
        percentile = sum(1 for v in earlier if v <= value) / len(earlier)
    if value is not None and len(recent) >= MIN_HISTORY:
        f = _TRANSFORM[measure]
        scaled = [f(v) for v in recent]
        mean = math.fsum(scaled) / len(scaled)
        sd = math.sqrt(math.fsum((x - mean) ** 2 for x in scaled) / (len(scaled) - 1))
        z = (f(value) - mean) / max(sd, SD_FLOOR[measure])
    return Standing(value=value, z=z, percentile=percentile, history_n=len(earlier), window_n=len(recent),
                    measure=measure, direction=direction, period=period)
