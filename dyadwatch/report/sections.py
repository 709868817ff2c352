"""Brief sections for third parties, scenarios, forecast and reciprocity (plain text lines)."""

from __future__ import annotations

from dyadwatch.analysis.backtest import Backtest
from dyadwatch.analysis.dyad import DyadAnalysis
from dyadwatch.analysis.forecast import DEFAULT_OPTIONS, Forecast
from dyadwatch.analysis.ladder import RUNG_NAMES
from dyadwatch.analysis.network import ThirdPartyReport
from dyadwatch.analysis.reciprocity import ReciprocityReport
from dyadwatch.analysis.scenarios import ScenarioRun, most_diagnostic
from dyadwatch.report.text import incident_line, num, table

MAX_TRIADS = 8
"""Triads of each kind named in the brief (the report and the dashboard list them all)."""
TOP_ATTRIBUTIONS = 3
"""Causes shown per set for the latest periods that moved it."""


def status_rows(analysis: DyadAnalysis) -> list[tuple[str, tuple[str, ...]]]:
    """(label, cells) of the latest month for a->b, b->a and both; cells follow `STATUS_HEADER`."""
    status = analysis.status
    if not status.periods:
        return []
    index = len(status.periods) - 1
    latest = {(s.measure, s.direction): s for s in status.latest}
    rows = []
    for label, figures in ((f"{status.a}→{status.b}", status.a_to_b[index]),
                           (f"{status.b}→{status.a}", status.b_to_a[index]), ("both", status.both[index])):
        hostile, nci = latest.get(("hostile", figures.direction)), latest.get(("nci", figures.direction))
        rows.append((label, (
            str(figures.n), "/".join(map(str, figures.quad)), num(figures.nci, 2),
            "–" if figures.goldstein_mean is None else num(figures.goldstein_shrunk),
            "–" if figures.rung is None else str(figures.rung), str(figures.hostile),
            "–" if hostile is None or hostile.z is None else num(hostile.z),
            "–" if nci is None or nci.percentile is None else f"{nci.percentile * 100:.0f}%",
        )))
    return rows


STATUS_HEADER = ("incidents", "quad 1/2/3/4", "NCI", "G mean*", "rung", "hostile", "hostile z", "NCI pct")
"""Column names of the cells of `status_rows`."""


def status_notes(analysis: DyadAnalysis) -> list[str]:
    """The weekly change level and, when it fired, the rung alert."""
    notes = []
    weekly, status = analysis.weekly_status, analysis.status
    if weekly.periods:
        notes.append(f"week {weekly.periods[-1]}: hostile acts {weekly.change_level or 'n/a'} vs the previous 4 weeks")
    if status.rung_alert and status.periods:
        rung = status.both[-1].rung
        name = RUNG_NAMES.get(rung, "?") if rung is not None else "?"
        notes.append(f"ALERT: rung {rung} ({name}) is above the 24-month maximum {status.rung_before}")
    return notes


def third_party_lines(report: ThirdPartyReport | None) -> list[str]:
    """Summary, triads around the dyad and the third parties that moved most."""
    if report is None:
        return []
    lines = [report.summary, f"window {report.since.isoformat()} to {report.until.isoformat()}"]
    unbalanced = [t for t in report.triads if not t.balanced]
    for triad in unbalanced[:MAX_TRIADS]:
        signs = "/".join(_sign(s) for s in (triad.sign_ab, triad.sign_ac, triad.sign_bc))
        lines.append(f"  triad {triad.a}–{triad.b}–{triad.third} ({signs}) {triad.note}")
    if len(unbalanced) > MAX_TRIADS:
        lines.append(f"  … and {len(unbalanced) - MAX_TRIADS} more unbalanced triads")
    balanced = [t.third for t in report.triads if t.balanced]
    if balanced:
        shown = ", ".join(balanced[:MAX_TRIADS]) + (", …" if len(balanced) > MAX_TRIADS else "")
        lines.append(f"  {len(balanced)} balanced triads with {shown}")
    for move in report.moves:
        lines.append(f"  {move.third}: {move.note}" if move.note else f"  {move.third}: shift {num(move.shift, 2)}")
        lines += ["    " + incident_line(i) for i in move.drivers[:2]]
    return lines


def _sign(value: int | None) -> str:
    """+, − or ? for an edge sign."""
    return {1: "+", -1: "−"}.get(value, "?") if value is not None else "?"


def scenario_lines(run: ScenarioRun | None) -> list[str]:
    """Probabilities now, their path, what moved them lately, and the most diagnostic signposts."""
    if run is None:
        return []
    roles = ", ".join(f"{k}={v}" for k, v in run.roles.items())
    span = f"{run.periods[0]} to {run.periods[-1]}" if run.periods else "no periods"
    lines = [f"{run.spec.name} ({roles}; {span})"]
    final = run.final()
    for hset in run.spec.sets:
        lines.append(f"{hset.title or hset.id}:")
        for hypothesis in hset.hypotheses:
            path = " → ".join(f"{r.probability:.2f}" for r in run.history(hset.id) if r.hypothesis == hypothesis.id)
            lines.append(f"  {hypothesis.id} {final[hset.id][hypothesis.id]:.2f}  {hypothesis.title}  [{path}]")
        lines += _moved(run, hset.id)
    diagnostic = most_diagnostic(run.spec, top=2)
    if diagnostic:
        lines.append("Most diagnostic signposts:")
        for row in diagnostic:
            lines.append(f"  {row.set_id}: '{row.signpost}' fired favours {row.favours} "
                         f"(fired {num(row.when_fired, 2)}, absent {num(row.when_absent, 2)} nats)")
    return lines


def _moved(run: ScenarioRun, set_id: str) -> list[str]:
    """The biggest causes in the last period that moved this set by 5 points or more."""
    for period in reversed(run.periods):
        causes = [a for a in run.attributions(period, set_id=set_id) if a.incidents or a.cause != "forgetting"]
        big = [a for a in causes if abs(a.points) >= 0.05]
        if big:
            return [f"  moved in {period}:"] + [f"    {a.describe()}" for a in big[:TOP_ATTRIBUTIONS]]
    return []


def forecast_lines(forecast: Forecast) -> list[str]:
    """Next month's crisis probability and count range, against the baselines."""
    if forecast.period is None:
        return ["no history to forecast from"]
    base = forecast.baselines
    lines = [
        f"P(crisis in {forecast.period}) = {forecast.p_crisis:.2f} ({forecast.model}; climatology "
        f"{base.climatology:.2f}, persistence {base.persistence:.2f}, zero {base.zero:.2f})",
        f"hostile incidents in {forecast.period}: expected {num(forecast.hostile.mean)}, "
        f"{round(DEFAULT_OPTIONS.interval * 100)}% range {forecast.hostile.interval[0]}–{forecast.hostile.interval[1]}",
    ]
    if forecast.note:
        lines.append(f"note: {forecast.note}")
    return lines


def backtest_lines(track: Backtest | None) -> list[str]:
    """Brier scores, skill and the calibration table of the rolling-origin backtest."""
    if track is None or not track.n_origins:
        return ["track record: too little history for a backtest (needs more than 12 months)"]
    brier = track.brier
    lines = [
        f"track record: {track.n_origins} monthly forecasts ({track.n_crisis} crisis months); Brier model "
        f"{num(brier.model, 3)}, climatology {num(brier.climatology, 3)}, persistence {num(brier.persistence, 3)}, "
        f"zero {num(brier.zero, 3)}",
        f"Brier skill vs climatology {num(brier.skill_climatology, 2)}, vs persistence "
        f"{num(brier.skill_persistence, 2)}; count interval coverage {num(track.counts.coverage, 2)}",
    ]
    rows = [["predicted", "n", "mean predicted", "observed"]]
    rows += [[f"{b.low:.1f}–{b.high:.1f}", str(b.n), num(b.mean_predicted, 2), num(b.observed, 2)]
             for b in track.calibration]
    return lines + ["calibration:"] + ["  " + line for line in table(rows, numeric={1, 2, 3})]


def reciprocity_lines(report: ReciprocityReport) -> list[str]:
    """Tit-for-tat both ways and the escalation spiral, as one or two lines."""
    return [f"Reciprocity: {report.summary}"]
