"""The reciprocity, third-party, scenario and forecast panels of a `DyadView` (see `dyadwatch.report.views`).

Each function turns one analysis record into its panel record, in the brief's wording. Incidents
become `IncidentRef`s through the `ref` function the view passes in.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from dyadwatch.analysis.backtest import Backtest
from dyadwatch.analysis.forecast import Forecast
from dyadwatch.analysis.network import ThirdPartyReport, Triad
from dyadwatch.analysis.reciprocity import ReciprocityReport
from dyadwatch.analysis.scenarios import FORGETTING, Attribution, ScenarioRun, most_diagnostic
from dyadwatch.report.sections import backtest_lines, forecast_lines
from dyadwatch.report.text import num
from dyadwatch.report.view_records import (
    CalibrationRow,
    EdgeView,
    ForecastView,
    HypothesisView,
    IncidentRef,
    MovedBy,
    MoveView,
    NetworkView,
    ReciprocityView,
    ScenarioBoard,
    ScenarioSetView,
    TrackRow,
    TriadView,
)
from dyadwatch.types import Incident

Ref = Callable[[Incident], IncidentRef]
"""Turns an incident into the `IncidentRef` a panel shows."""

MOVED_PERIODS = 3
"""The scenario board explains the latest this many periods that moved a set."""
MIN_POINTS = 0.02
"""Gains smaller than this (2 points) are left out of the board's explanations."""
TOP_CAUSES = 4
"""Causes shown per set and period."""
INCIDENTS_PER_CAUSE = 5
"""Incidents linked per cause."""


def reciprocity_view(report: ReciprocityReport) -> ReciprocityView:
    """Tit-for-tat both ways, pressure and the spiral."""
    fit = report.hawkes
    return ReciprocityView(
        summary=report.summary,
        responses=(report.tit_for_tat.b_answers_a, report.tit_for_tat.a_answers_b),
        pressure=(_float(report.pressure[0]) or 0.0, _float(report.pressure[1]) or 0.0),
        spiral=report.spiral or report.note or "no fit",
        spectral_radius=_float(fit.spectral_radius) if fit else None,
        interval=(float(fit.interval[0]), float(fit.interval[1])) if fit and fit.interval else None,
        n_events=(int(fit.n_events[0]), int(fit.n_events[1])) if fit else (0, 0),
    )


def network_view(report: ThirdPartyReport | None, ref: Ref) -> NetworkView:
    """Edges, triads and movers around the dyad."""
    if report is None:
        return NetworkView(False, "no dated incident: no network", "", (), (), (), (), (), None, None)
    edges = tuple(EdgeView(e.a, e.b, e.sign, e.kind, float(e.nci), e.n) for e in report.ego_edges)
    thirds = {x for e in edges for x in (e.a, e.b)} | {m.third for m in report.moves}
    return NetworkView(
        available=True, summary=report.summary,
        window=f"{report.since.isoformat()} to {report.until.isoformat()}",
        nodes=(report.a, report.b, *sorted(thirds - {report.a, report.b})), edges=edges,
        triads=tuple(_triad(t) for t in report.triads), open_triads=tuple(_triad(t) for t in report.open_triads),
        moves=tuple(MoveView(m.third, m.side, m.direction, float(m.shift), m.note, tuple(ref(i) for i in m.drivers))
                    for m in report.moves),
        triangle_index=_float(report.triangle_index), walk_index=_float(report.walk_index),
    )


def _triad(triad: Triad) -> TriadView:
    """Signs as "+/−/?" and the note."""
    signs = "/".join({1: "+", -1: "−"}.get(s, "?") if s is not None else "?"
                     for s in (triad.sign_ab, triad.sign_ac, triad.sign_bc))
    return TriadView(triad.third, signs, triad.balanced, triad.note)


def scenario_board(run: ScenarioRun | None, ref: Ref) -> ScenarioBoard:
    """Hypotheses with their probability paths, what moved them lately, and the signpost checklist."""
    if run is None:
        return ScenarioBoard(False, "", "", (), (), (), ())
    final = run.final()
    sets = []
    for hset in run.spec.sets:
        rows = run.history(hset.id)
        hypotheses = tuple(
            HypothesisView(
                h.id, h.title, float(h.prior), float(final[hset.id][h.id]),
                float(next((r.change for r in reversed(rows) if r.hypothesis == h.id), 0.0)),
                tuple(float(r.probability) for r in rows if r.hypothesis == h.id),
            ) for h in hset.hypotheses
        )
        sets.append(ScenarioSetView(hset.id, hset.title or hset.id, hypotheses, _moved(run, hset.id, ref)))
    diagnostic = tuple(
        f"{row.set_id}: '{row.signpost}' fired favours {row.favours} "
        f"(fired {num(row.when_fired, 2)}, absent {num(row.when_absent, 2)} nats)"
        for row in most_diagnostic(run.spec, top=2)
    )
    return ScenarioBoard(
        available=True, name=run.spec.name, roles=", ".join(f"{k}={v}" for k, v in run.roles.items()),
        periods=tuple(run.periods), sets=tuple(sets),
        checklist=run.checklist(),
        diagnostic=diagnostic,
    )


def _moved(run: ScenarioRun, set_id: str, ref: Ref) -> tuple[MovedBy, ...]:
    """The gains of the latest `MOVED_PERIODS` periods that moved the set by `MIN_POINTS` or more."""
    found: list[MovedBy] = []
    periods = 0
    for period in reversed(run.periods):
        gains = [a for a in run.attributions(period, set_id=set_id) if a.points >= MIN_POINTS]
        if not gains:
            continue
        found += [_moved_by(a, ref) for a in gains[:TOP_CAUSES]]
        periods += 1
        if periods == MOVED_PERIODS:
            break
    return tuple(found)


def _moved_by(attribution: Attribution, ref: Ref) -> MovedBy:
    """One gain, with its text and incidents."""
    a = attribution
    text = f"{a.points * 100:+.1f} pts to {a.hypothesis}: "
    if a.cause == FORGETTING:
        text += "forgetting toward the prior"
    else:
        n = len(a.incidents)
        text += f"'{a.cause}' {a.status}" + (f" on {n} incident{'s' if n != 1 else ''}" if n else "")
    return MovedBy(a.period, a.hypothesis, a.cause, a.status, float(a.points), text,
                   tuple(ref(i) for i in a.incidents[:INCIDENTS_PER_CAUSE]))


def forecast_view(forecast: Forecast, track: Backtest | None) -> ForecastView:
    """Next month's forecast, its baselines, the backtest rows and the reliability table."""
    lines = backtest_lines(track)
    summary = lines[: lines.index("calibration:")] if "calibration:" in lines else lines
    rows = [_track_row(r.forecast, r.crisis, r.hostile) for r in (track.rows if track else ())]
    if forecast.period is not None:
        rows.append(_track_row(forecast, None, None))
    calibration = tuple(CalibrationRow(f"{b.low:.1f}–{b.high:.1f}", b.n, _float(b.mean_predicted), _float(b.observed))
                        for b in (track.calibration if track and track.n_origins else ()))
    return ForecastView(
        period=forecast.period or "", p_crisis=_float(forecast.p_crisis) if forecast.period else None,
        lines=tuple(forecast_lines(forecast)), track_lines=tuple(summary), track=tuple(rows),
        calibration=calibration,
    )


def _track_row(forecast: Forecast, crisis: bool | None, hostile: int | None) -> TrackRow:
    """One forecast with its outcome (None for the month ahead)."""
    base = forecast.baselines
    low, high = forecast.hostile.interval
    return TrackRow(forecast.period or "", float(forecast.p_crisis), float(base.climatology),
                    float(base.persistence), None if crisis is None else bool(crisis),
                    None if hostile is None else int(hostile), int(low), int(high))


def _float(value: float | None) -> float | None:
    """A plain finite float, or None."""
    return float(value) if value is not None and math.isfinite(value) else None
