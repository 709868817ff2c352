"""A scenario run as plain text: probability history, signpost checklist, attributions, diagnosticity."""

from __future__ import annotations

from dyadwatch.analysis.scenarios import ScenarioRun, diagnosticity
from dyadwatch.analysis.signposts import FIRED, NOT_EVALUATED
from dyadwatch.report.text import num, section, table

MIN_POINTS = 0.01
"""Attributions smaller than one percentage point are not listed."""
MARKS = {FIRED: "✓", NOT_EVALUATED: "n/a"}
"""Checklist cell marks (anything else, i.e. absent, shows as "·")."""


def scenario_report(run: ScenarioRun) -> str:
    """The full text report of one scenario run."""
    roles = ", ".join(f"{k}={v}" for k, v in run.roles.items()) or "no roles"
    head = f"{run.spec.name} ({roles}); periods {run.periods[0]} to {run.periods[-1]}" if run.periods \
        else f"{run.spec.name} ({roles}); no periods to run"
    parts = [head]
    for hset in run.spec.sets:
        parts.append(section(f"{hset.title or hset.id}", _history(run, hset.id)))
    parts.append(section("Signposts (✓ fired, · absent, n/a no data)", _checklist(run)))
    parts.append(section("What moved the probabilities", _attributions(run)))
    parts.append(section("Diagnosticity (nats; silence counts too)", _diagnosticity(run)))
    return "\n\n".join(parts) + "\n"


def _history(run: ScenarioRun, set_id: str) -> list[str]:
    """Period x hypothesis probability table."""
    hypotheses = [h.id for h in run.spec.hypothesis_set(set_id).hypotheses]
    by_period: dict[str, dict[str, float]] = {}
    for row in run.history(set_id):
        by_period.setdefault(row.period, {})[row.hypothesis] = row.probability
    rows = [["period", *hypotheses]]
    rows += [[period, *(f"{values[h]:.2f}" for h in hypotheses)] for period, values in by_period.items()]
    titles = [f"{h.id}: {h.title}" for h in run.spec.hypothesis_set(set_id).hypotheses]
    return titles + table(rows, numeric=range(1, len(hypotheses) + 1))


def _checklist(run: ScenarioRun) -> list[str]:
    """Signpost x period table of marks."""
    rows = [["signpost", *run.periods]]
    rows += [[row.signpost, *(MARKS.get(s, "·") for s in row.statuses)] for row in run.checklist()]
    return table(rows)


def _attributions(run: ScenarioRun) -> list[str]:
    """Every attribution of at least `MIN_POINTS`, period by period."""
    lines: list[str] = []
    for period in run.periods:
        found = run.attributions(period, min_points=MIN_POINTS)
        if found:
            lines.append(f"{period}:")
            lines += [f"  {a.describe()}" for a in found]
    return lines


def _diagnosticity(run: ScenarioRun) -> list[str]:
    """One row per signpost and pair of hypotheses."""
    rows = [["set", "signpost", "pair", "when fired", "when absent", "fired favours", "weak"]]
    rows += [[d.set_id, d.signpost, f"{d.first}/{d.second}", num(d.when_fired, 2), num(d.when_absent, 2),
              d.favours or "–", "weak" if d.weak else ""] for d in diagnosticity(run.spec)]
    return table(rows, numeric={3, 4})
