"""Reciprocity of one dyad: does each side answer the other's hostile acts, and does it spiral?

Works on incidents (one real-world event each). Only incidents of the dyad whose representative
modality is in `modalities` (default: asserted) and that carry a date count. *Hostile* means quad
class 3 or 4 (verbal or material conflict). Days are the time unit throughout.

**Tit-for-tat lift** (B answering A, window Δ = `days`):

    lift = P(B -> A hostile within (t, t+Δ] | A -> B hostile at t) / P(B -> A hostile in a random window of Δ days)

The *observed span* runs from the first counted incident of the dyad (any kind, either direction)
to `until` (default: the last one). Only A's acts whose whole window lies inside the span count, so
the end of the data does not pass for silence; the chance rate is the share of all windows
(s, s+Δ], s in the span, holding a B -> A hostile act. Same-day answers fall outside (t, t+Δ]: with
dates only, who moved first that day is unknown. Independent streams give a lift near 1; a side that
retaliates gives a lift well above 1. Fewer than `MIN_ACTS` acts give "insufficient data".

**Pressure** (the decayed reciprocity statistic of relational-event models, Brandes, Lerner &
Snijders 2009): ``w_ji(on) = Σ_{e: j -> i, t_e < on} goldstein(e) · exp(-(on - t_e) · ln2 / T½)``,
for both directions. Negative values mean hostile pressure to respond.

**Spiral index**: a bivariate Hawkes fit (see `dyadwatch.analysis.hawkes`) on the hostile incidents
of the trailing `window_days` ending on `until`; the incidents of one day are spread evenly over it
(in incident-id order) so every time is distinct. Below `MIN_EVENTS` (30) hostile incidents the
report says "insufficient data" instead.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np

from dyadwatch.analysis.hawkes import MIN_EVENTS, HawkesFit, fit_hawkes, simulate_hawkes, spiral_label
from dyadwatch.types import Incident

__all__ = [
    "HawkesFit",
    "ReciprocityReport",
    "Response",
    "TitForTat",
    "fit_hawkes",
    "pressure",
    "reciprocity_report",
    "simulate_hawkes",
    "tit_for_tat",
]

HOSTILE_QUADS = (3, 4)
"""Quad classes that count as hostile: verbal and material conflict."""
MIN_ACTS = 3
"""Fewer initiating acts than this give no tit-for-tat lift ("insufficient data")."""


@dataclass(frozen=True)
class Response:
    """How one side answers the other's hostile acts."""

    responder: str
    """Actor key of the side answering (B in "B answers A")."""
    initiator: str
    """Actor key of the side whose hostile acts are answered."""
    days: int
    """Length of the answer window (t, t+days] in days."""
    lift: float | None
    """`answered` / `chance`; None when there are too few acts or the responder never was hostile."""
    answered: float | None
    """Share of the initiator's hostile acts followed by a responder hostile act within the window."""
    chance: float | None
    """Share of all windows of `days` days in the span that hold a responder hostile act."""
    median_delay: float | None
    """Median days from an answered act to the first answer; None when nothing was answered."""
    n_acts: int
    """Initiator's hostile acts whose whole window lies inside the observed span."""
    note: str = ""
    """Why `lift` is None ("insufficient data (2 hostile acts < 3)"); "" otherwise."""

    @property
    def label(self) -> str:
        """"RUS answers AZE"."""
        return f"{self.responder} answers {self.initiator}"


@dataclass(frozen=True)
class TitForTat:
    """Tit-for-tat in both directions."""

    b_answers_a: Response
    """B's answers to A's hostile acts."""
    a_answers_b: Response
    """A's answers to B's hostile acts."""


@dataclass(frozen=True)
class ReciprocityReport:
    """Tit-for-tat, pressure and the escalation spiral of one dyad, with a one-line summary."""

    a: str
    """Actor key of the first side."""
    b: str
    """Actor key of the second side."""
    until: date | None
    """Last day looked at (None when the dyad has no counted incidents)."""
    window_days: int
    """Length of the trailing window of the Hawkes fit."""
    tit_for_tat: TitForTat
    """Tit-for-tat both ways over all counted incidents up to `until`."""
    pressure: tuple[float, float]
    """Decayed Goldstein sums (a -> b, b -> a) of the incidents before `until` (half-life 30 days)."""
    hawkes: HawkesFit | None
    """Hawkes fit on the window's hostile incidents (stream 0: a -> b, 1: b -> a); None if too few."""
    spiral: str | None
    """`spiral_label` of the fit: "self-sustaining", "near-explosive", "not self-sustaining"; or None."""
    note: str
    """Why `hawkes` is None ("insufficient data (12 hostile events < 30)"); "" otherwise."""
    summary: str
    """One line a brief can print."""


def tit_for_tat(
    incidents: Iterable[Incident],
    a: str,
    b: str,
    *,
    days: int = 7,
    until: date | None = None,
    modalities: Collection[str] = ("asserted",),
) -> TitForTat:
    """Tit-for-tat lift, answered share and median delay of B answering A and of A answering B."""
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    kept = _dyad_incidents(incidents, a, b, modalities, until)
    if not kept:
        empty = (_response(b, a, days, [], [], None), _response(a, b, days, [], [], None))
        return TitForTat(*empty)
    span = (kept[0].date, until or kept[-1].date)
    hostile = {key: sorted(i.date for i in kept if _hostile(i) and i.dyad == key) for key in ((a, b), (b, a))}
    return TitForTat(
        b_answers_a=_response(b, a, days, hostile[(a, b)], hostile[(b, a)], span),
        a_answers_b=_response(a, b, days, hostile[(b, a)], hostile[(a, b)], span),
    )


def pressure(
    incidents: Iterable[Incident],
    a: str,
    b: str,
    *,
    on: date,
    half_life_days: float = 30,
    modalities: Collection[str] = ("asserted",),
) -> tuple[float, float]:
    """Exponentially decayed sums of Goldstein weights of a -> b and b -> a incidents dated before `on`."""
    if not half_life_days > 0:
        raise ValueError(f"half_life_days must be > 0, got {half_life_days}")
    kept = [i for i in _dyad_incidents(incidents, a, b, modalities, on) if i.date < on]
    rate = math.log(2) / half_life_days

    def decayed(key: tuple[str, str]) -> float:
        terms = sorted(i.event.goldstein * math.exp(-(on - i.date).days * rate) for i in kept if i.dyad == key)
        return math.fsum(terms)

    return decayed((a, b)), decayed((b, a))


def reciprocity_report(
    incidents: Iterable[Incident],
    a: str,
    b: str,
    *,
    until: date | None = None,
    window_days: int = 180,
    modalities: Collection[str] = ("asserted",),
    n_boot: int = 50,
) -> ReciprocityReport:
    """Tit-for-tat both ways, pressure on `until` and the Hawkes spiral index of the trailing window.

    `until` defaults to the date of the dyad's last counted incident. The Hawkes fit uses the hostile
    incidents dated in (until - window_days, until], with a seeded bootstrap of `n_boot` replicates.
    """
    if window_days < 1:
        raise ValueError(f"window_days must be at least 1, got {window_days}")
    if n_boot < 0:
        raise ValueError(f"n_boot must be >= 0, got {n_boot}")
    kept = _dyad_incidents(incidents, a, b, modalities, until)
    end = until or (kept[-1].date if kept else None)
    tft = tit_for_tat(kept, a, b, until=end, modalities=modalities)
    push = pressure(kept, a, b, on=end, modalities=modalities) if end else (0.0, 0.0)
    fit, note = None, f"insufficient data (0 hostile events < {MIN_EVENTS})"
    if end is not None:
        times = _window_times(kept, a, b, end, window_days)
        n = len(times[0]) + len(times[1])
        if n < MIN_EVENTS:
            note = f"insufficient data ({n} hostile events < {MIN_EVENTS})"
        else:
            fit, note = fit_hawkes(times, horizon=float(window_days), n_boot=n_boot), ""
    spiral = spiral_label(fit) if fit else None
    return ReciprocityReport(
        a=a, b=b, until=end, window_days=window_days, tit_for_tat=tft, pressure=push,
        hawkes=fit, spiral=spiral, note=note, summary=_summary(tft, fit, spiral, note),
    )


def _dyad_incidents(
    incidents: Iterable[Incident], a: str, b: str, modalities: Collection[str], until: date | None
) -> list[Incident]:
    """Dated incidents of the dyad (either direction) with a counted modality, up to `until`, in date order."""
    if a == b:
        raise ValueError(f"a dyad needs two different actors, got {a!r} twice")
    kept = [
        i for i in incidents
        if i.dyad in ((a, b), (b, a)) and i.event.modality in modalities and i.date is not None
        and (until is None or i.date <= until)
    ]
    return sorted(kept, key=lambda i: (i.date, i.id))


def _hostile(incident: Incident) -> bool:
    """True for verbal or material conflict."""
    return incident.event.quad in HOSTILE_QUADS


def _response(
    responder: str, initiator: str, days: int, acts: list[date], answers: list[date], span: tuple[date, date] | None
) -> Response:
    """The `Response` of `responder` to the `acts` of `initiator`, over the observed `span`."""
    last_start = span[1] - timedelta(days=days) if span else None
    counted = [t for t in acts if last_start is not None and span[0] <= t <= last_start]
    base = Response(responder, initiator, days, None, None, None, None, len(counted))
    if len(counted) < MIN_ACTS:
        return replace(base, note=f"insufficient data ({len(counted)} hostile acts < {MIN_ACTS})")
    delays = [d for d in (_first_answer(t, answers, days) for t in counted) if d is not None]
    answered = len(delays) / len(counted)
    chance = _chance(answers, span, days)
    median = float(statistics.median(delays)) if delays else None
    if chance == 0:
        note = f"{responder} made no hostile act toward {initiator} in the span"
        return replace(base, answered=answered, chance=chance, note=note)
    return replace(base, lift=answered / chance, answered=answered, chance=chance, median_delay=median)


def _first_answer(t: date, answers: list[date], days: int) -> int | None:
    """Days from `t` to the first answer in (t, t+days], or None."""
    k = bisect.bisect_right(answers, t)
    if k < len(answers) and (answers[k] - t).days <= days:
        return (answers[k] - t).days
    return None


def _chance(answers: list[date], span: tuple[date, date], days: int) -> float:
    """Share of windows (s, s+days], s from the span's first day to its last minus `days`, holding an answer."""
    first, last = span
    n_days = (last - first).days + 1
    hit = np.zeros(n_days + 1)
    for d in answers:
        if first <= d <= last:
            hit[(d - first).days + 1] = 1.0
    filled = np.cumsum(hit)  # filled[k]: answer days among the first k days of the span
    starts = np.arange(n_days - days)  # s = first + k, window days k+1 .. k+days
    return float(np.mean(filled[starts + days + 1] - filled[starts + 1] > 0))


def _window_times(
    kept: list[Incident], a: str, b: str, end: date, window_days: int
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Hostile incident times in days since the window's first day, a -> b and b -> a, spread within days."""
    first = end - timedelta(days=window_days - 1)
    by_day: dict[date, list[Incident]] = {}
    for incident in kept:
        if _hostile(incident) and first <= incident.date <= end:
            by_day.setdefault(incident.date, []).append(incident)
    streams: tuple[list[float], list[float]] = ([], [])
    for day, group in by_day.items():
        group.sort(key=lambda i: i.id)
        for k, incident in enumerate(group):
            t = (day - first).days + (k + 0.5) / len(group)
            streams[0 if incident.dyad == (a, b) else 1].append(t)
    return tuple(sorted(streams[0])), tuple(sorted(streams[1]))


def _summary(tft: TitForTat, fit: HawkesFit | None, spiral: str | None, note: str) -> str:
    """One line: the stronger tit-for-tat direction, then the spiral index or why it is missing."""
    measured = [r for r in (tft.b_answers_a, tft.a_answers_b) if r.lift is not None]
    if measured:
        r = max(measured, key=lambda x: (x.lift, x.responder))
        times = f"{r.lift:.1f}x more often than" if r.lift >= 1 else f"{r.lift:.1f}x as often as"
        delay = "" if r.median_delay is None else f" (median {_days(r.median_delay)})"
        first = f"{r.responder} answers {r.initiator} hostile acts within {r.days} days {times} chance{delay}"
    else:
        first = "too few hostile acts to measure tit-for-tat"
    if fit is None:
        return f"{first}; escalation spiral index: {note}"
    low_high = f" [{fit.interval[0]:.2f}, {fit.interval[1]:.2f}]" if fit.interval else ""
    return f"{first}; escalation spiral index {fit.spectral_radius:.2f}{low_high}: {spiral}"


def _days(value: float) -> str:
    """"1 day", "2.5 days"."""
    text = f"{value:g}"
    return f"{text} day" if text == "1" else f"{text} days"
