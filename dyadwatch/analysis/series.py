"""Monthly series for one dyad: counts, quad classes and Goldstein totals in both directions,
plus a first, rule-based verdict per month (later work replaces it with change points).

Everything here is a pure function of the events given: no I/O, and the result does not depend on
the order of the input (sums use `math.fsum`, ties are broken on stable keys).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from dyadwatch.types import Event

UNDATED = "undated"
"""Key in `DyadSeries.excluded` for events left out because they carry no date."""

DROP = 1.5
"""Points a month's combined Goldstein mean must move away from its baseline to count as a change."""
SEVERE_EVENT = -4.0
"""A conflict event (quad 3 or 4) at or below this Goldstein weight can make a month deteriorate."""
SEVERE_MEAN = -2.0
"""A month whose combined mean is at or below this can deteriorate without any single severe event."""
COOPERATIVE_EVENT = 3.0
"""A cooperative event (quad 1 or 2) at or above this Goldstein weight is needed for an improvement."""
SURGE_WINDOW = 6
"""Months before the judged one whose hostile volume forms the surge baseline."""
SURGE_FACTOR = 2.0
SURGE_MARGIN = 10.0
"""A month surges when its hostile volume >= SURGE_FACTOR x the window's monthly mean + SURGE_MARGIN."""
MAX_DRIVERS = 2
"""How many driver events a verdict names at most."""


@dataclass(frozen=True)
class MonthStats:
    """What one side did to the other in one calendar month."""

    month: str
    """Calendar month, "YYYY-MM"."""
    source: str
    """Actor key of the side acting (e.g. "AZE")."""
    target: str
    """Actor key of the side acted upon (e.g. "RUS")."""
    count: int
    """Number of events source -> target in the month."""
    quad: tuple[int, int, int, int]
    """Event counts for quad classes 1, 2, 3 and 4, in that order."""
    goldstein_sum: float
    """Sum of the events' Goldstein weights (0.0 for a month without events)."""
    goldstein_mean: float | None
    """Mean Goldstein weight, or None for a month without events."""


@dataclass(frozen=True)
class MonthVerdict:
    """Whether the relationship got worse, better or stayed put in one month (both directions)."""

    month: str
    """Calendar month, "YYYY-MM"."""
    verdict: str
    """One of "deteriorated", "improved", "unchanged" or "no events"."""
    score: float
    """Combined Goldstein mean of the month over both directions (0.0 for a month without events)."""
    baseline: float | None
    """Event-weighted Goldstein mean of all earlier events (0.0 before the first); None without events."""
    drivers: tuple[Event, ...]
    """The one or two events that moved the month most: the most negative for a deterioration, the
    most positive for an improvement; empty otherwise."""


@dataclass(frozen=True)
class DyadSeries:
    """Month-by-month view of the events between two actors, both directions side by side."""

    a: str
    """Actor key of the first side (e.g. "AZE")."""
    b: str
    """Actor key of the second side (e.g. "RUS")."""
    months: tuple[str, ...]
    """Every month from the first to the last counted event, months without events included."""
    a_to_b: tuple[MonthStats, ...]
    """Per-month statistics for events a -> b, aligned with `months`."""
    b_to_a: tuple[MonthStats, ...]
    """Per-month statistics for events b -> a, aligned with `months`."""
    verdicts: tuple[MonthVerdict, ...]
    """Per-month verdicts over both directions, aligned with `months`."""
    excluded: Mapping[str, int]
    """Events between a and b left out: modality -> count, plus "undated" for events without a date."""


def dyad_series(
    events: Iterable[Event], a: str, b: str, *, modalities: Collection[str] = ("asserted",)
) -> DyadSeries:
    """Monthly series of the events between actor keys `a` and `b`, in both directions.

    Only events whose (source key, target key) is (a, b) or (b, a) are looked at. Of those, events
    whose modality is not in `modalities` are left out and counted in `excluded` under their
    modality; remaining events without a date are left out and counted under "undated".

    Verdict rule (a first version; later work replaces it with change-point detection). For each
    month with events, the *score* is the combined Goldstein mean over both directions and the
    *baseline* is the event-weighted Goldstein mean of all events in earlier months (0.0 for the
    first month with events). The month is

    - "deteriorated" if the month holds a conflict event (quad 3 or 4) with Goldstein <= -4, or
      its score is <= -2, AND either score <= baseline - 1.5 or its hostile volume surges: the sum of
      the negative Goldstein weights is at least 2x the monthly mean of the previous 6 months
      (empty months count as 0) plus 10 -- so a flood of hostile acts counts even when the
      relationship was already sour;
    - "improved" if score >= baseline + 1.5 and the month holds a cooperative event (quad 1 or 2)
      with Goldstein >= 3;
    - "unchanged" otherwise.

    Months without events get "no events" (score 0.0, baseline None) and leave the baseline as it is.
    """
    if a == b:
        raise ValueError(f"a dyad needs two different actors, got {a!r} twice")
    kept, excluded = _select(events, a, b, frozenset(modalities))
    months = _month_range(e.date for e in kept)
    by_month: dict[str, list[Event]] = {m: [] for m in months}
    for event in kept:
        by_month[_month_of(event.date)].append(event)
    return DyadSeries(
        a=a,
        b=b,
        months=months,
        a_to_b=tuple(_month_stats(m, a, b, by_month[m]) for m in months),
        b_to_a=tuple(_month_stats(m, b, a, by_month[m]) for m in months),
        verdicts=_verdicts(months, by_month),
        excluded=MappingProxyType(dict(sorted(excluded.items()))),
    )


def _select(
    events: Iterable[Event], a: str, b: str, modalities: frozenset[str]
) -> tuple[list[Event], Counter[str]]:
    """Events of the dyad that count, and a tally of the dyad's events left out (and why)."""
    kept: list[Event] = []
    excluded: Counter[str] = Counter()
    for event in events:
        if event.dyad not in ((a, b), (b, a)):
            continue
        if event.modality not in modalities:
            excluded[event.modality] += 1
        elif event.date is None:
            excluded[UNDATED] += 1
        else:
            kept.append(event)
    return kept, excluded


def _month_of(day: date | None) -> str:
    """The "YYYY-MM" month of a date."""
    assert day is not None
    return f"{day.year:04d}-{day.month:02d}"


def _month_range(days: Iterable[date | None]) -> tuple[str, ...]:
    """Every month from the earliest to the latest of `days`; empty if there are none."""
    present = [d for d in days if d is not None]
    if not present:
        return ()
    first, last = min(present), max(present)
    months: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def _month_stats(month: str, source: str, target: str, events: Sequence[Event]) -> MonthStats:
    """Statistics of the events source -> target among a month's events."""
    directed = [e for e in events if e.dyad == (source, target)]
    quad = [0, 0, 0, 0]
    for event in directed:
        if event.quad not in (1, 2, 3, 4):
            raise ValueError(f"event {event.id} has quad {event.quad!r}; expected 1, 2, 3 or 4")
        quad[event.quad - 1] += 1
    total = math.fsum(e.goldstein for e in directed)
    return MonthStats(
        month=month,
        source=source,
        target=target,
        count=len(directed),
        quad=(quad[0], quad[1], quad[2], quad[3]),
        goldstein_sum=total,
        goldstein_mean=total / len(directed) if directed else None,
    )


def _verdicts(months: Sequence[str], by_month: Mapping[str, Sequence[Event]]) -> tuple[MonthVerdict, ...]:
    """Verdict per month, each month judged against the events of all earlier months."""
    verdicts: list[MonthVerdict] = []
    earlier: list[float] = []
    volumes: list[float] = []
    for month in months:
        events = by_month[month]
        window = volumes[-SURGE_WINDOW:]
        volumes.append(_hostile_volume(events))
        if not events:
            verdicts.append(MonthVerdict(month, "no events", 0.0, None, ()))
            continue
        baseline = math.fsum(earlier) / len(earlier) if earlier else 0.0
        surge_floor = SURGE_FACTOR * (math.fsum(window) / len(window) if window else 0.0) + SURGE_MARGIN
        verdicts.append(_judge(month, events, baseline, surging=volumes[-1] >= surge_floor))
        earlier.extend(e.goldstein for e in events)
    return tuple(verdicts)


def _hostile_volume(events: Sequence[Event]) -> float:
    """Sum of the negative Goldstein weights, as a positive number."""
    return -math.fsum(min(e.goldstein, 0.0) for e in events)


def _judge(month: str, events: Sequence[Event], baseline: float, *, surging: bool = False) -> MonthVerdict:
    """Apply the verdict rule (see `dyad_series`) to one month with events."""
    score = math.fsum(e.goldstein for e in events) / len(events)
    severe = any(e.quad in (3, 4) and e.goldstein <= SEVERE_EVENT for e in events)
    cooperative = any(e.quad in (1, 2) and e.goldstein >= COOPERATIVE_EVENT for e in events)
    if (score <= baseline - DROP or surging) and (severe or score <= SEVERE_MEAN):
        return MonthVerdict(month, "deteriorated", score, baseline, _drivers(events, sign=-1))
    if score >= baseline + DROP and cooperative:
        return MonthVerdict(month, "improved", score, baseline, _drivers(events, sign=+1))
    return MonthVerdict(month, "unchanged", score, baseline, ())


def _drivers(events: Sequence[Event], *, sign: int) -> tuple[Event, ...]:
    """Up to `MAX_DRIVERS` events pulling hardest in the direction of `sign` (-1 down, +1 up).

    Ties are broken on date, id and the full record, so the choice does not depend on input order.
    """
    pulling = [e for e in events if e.goldstein * sign > 0]
    pulling.sort(key=lambda e: (-sign * e.goldstein, e.date or date.min, e.id, repr(e)))
    return tuple(pulling[:MAX_DRIVERS])
