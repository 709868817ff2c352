"""The incidents of one dyad laid out period by period, both directions: the input of every measure.

`dyad_periods` does the selection every analysis shares (which dyad, which modalities, dated or not)
once, so status, verdicts, forecasts and scenarios all count the same incidents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from dyadwatch.analysis.periods import period_of, period_range, periods_between
from dyadwatch.types import Incident

UNDATED = "undated"
"""Key in `DyadPeriods.excluded` for incidents left out because they carry no date."""


@dataclass(frozen=True)
class DyadPeriods:
    """The dyad's counted incidents per period, each direction separately."""

    a: str
    """Actor key of the first side ("AZE")."""
    b: str
    """Actor key of the second side ("RUS")."""
    grain: str
    """"month" or "week"."""
    periods: tuple[str, ...]
    """Every period from the first to the last (empty periods included)."""
    a_to_b: tuple[tuple[Incident, ...], ...]
    """Incidents a -> b in each period, aligned with `periods`, in date order."""
    b_to_a: tuple[tuple[Incident, ...], ...]
    """Incidents b -> a in each period, aligned with `periods`, in date order."""
    excluded: Mapping[str, int]
    """Incidents of the dyad left out: modality -> count, plus "undated"."""

    def both(self, index: int) -> tuple[Incident, ...]:
        """Incidents of period `index` in both directions, in date order."""
        return tuple(sorted(self.a_to_b[index] + self.b_to_a[index], key=_order))


def dyad_periods(
    incidents: Iterable[Incident],
    a: str,
    b: str,
    *,
    grain: str = "month",
    modalities: Collection[str] = ("asserted",),
    since: date | None = None,
    until: date | None = None,
) -> DyadPeriods:
    """Lay out the incidents between `a` and `b` (either direction) by period.

    Only incidents whose representative modality is in `modalities` count; the rest are tallied in
    `excluded` by modality, and undated ones under "undated". `since`/`until` (inclusive) bound the
    dates and, when given, also the period range, so a quiet stretch at either end still shows.
    """
    if a == b:
        raise ValueError(f"a dyad needs two different actors, got {a!r} twice")
    kept: list[Incident] = []
    excluded: Counter[str] = Counter()
    for incident in incidents:
        if incident.dyad not in ((a, b), (b, a)):
            continue
        if incident.event.modality not in modalities:
            excluded[incident.event.modality] += 1
        elif incident.date is None:
            excluded[UNDATED] += 1
        elif (since is None or incident.date >= since) and (until is None or incident.date <= until):
            kept.append(incident)
    periods = _periods(kept, grain, since, until)
    index = {p: i for i, p in enumerate(periods)}
    ab: list[list[Incident]] = [[] for _ in periods]
    ba: list[list[Incident]] = [[] for _ in periods]
    for incident in sorted(kept, key=_order):
        (ab if incident.dyad == (a, b) else ba)[index[period_of(incident.date, grain)]].append(incident)
    return DyadPeriods(
        a=a, b=b, grain=grain, periods=periods,
        a_to_b=tuple(tuple(x) for x in ab), b_to_a=tuple(tuple(x) for x in ba),
        excluded=MappingProxyType(dict(sorted(excluded.items()))),
    )


def _periods(kept: list[Incident], grain: str, since: date | None, until: date | None) -> tuple[str, ...]:
    """The period range covering the kept incidents, stretched to `since`/`until` when given."""
    found = period_range((i.date for i in kept), grain)
    first = period_of(since, grain) if since else (found[0] if found else None)
    last = period_of(until, grain) if until else (found[-1] if found else None)
    if first is None or last is None:
        return ()
    return periods_between(first, last)


def _order(incident: Incident) -> tuple[date, str]:
    """Date, then id."""
    return (incident.date or date.min, incident.id)
