"""Plain-text brief on one dyad, rendered from a `DyadAnalysis`.

Sections: header, Status, Events by month, Trajectory, Third parties, Scenarios, Forecast, Latest
events. Plain text (no colours, no markup) so it reads the same in a terminal, a log or an email.
Every driver and latest event is quoted with its sentence and the outlets that reported it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from dyadwatch.analysis.dyad import DyadAnalysis
from dyadwatch.analysis.panel import UNDATED
from dyadwatch.report.sections import (
    STATUS_HEADER,
    backtest_lines,
    forecast_lines,
    reciprocity_lines,
    scenario_lines,
    status_notes,
    status_rows,
    third_party_lines,
)
from dyadwatch.report.text import actor_text, incident_line, num, plural, section, table, trim
from dyadwatch.types import MODALITIES, Incident

VERDICT_MARKS: Mapping[str, str] = {"improved": "▲", "deteriorated": "▼", "unchanged": "=", "no events": "·"}
"""One-character mark shown before each verdict word."""

SentenceOf = Callable[[Incident], str]
"""Gives the sentence text of an incident's representative mention ("" when unknown)."""


def build_brief(
    analysis: DyadAnalysis, *, names: tuple[str, str], sentence_of: SentenceOf, n_latest: int = 10
) -> str:
    """The brief as plain text; `names` are display names of `analysis.a` and `analysis.b`."""
    sections = [
        _header(analysis, names),
        section("Status", _status(analysis)),
        section("Events by month", _month_table(analysis)),
        section("Trajectory", _trajectory(analysis, sentence_of)),
        section("Third parties", third_party_lines(analysis.third_parties)),
        section("Scenarios", scenario_lines(analysis.scenarios)),
        section("Forecast", forecast_lines(analysis.forecast) + backtest_lines(analysis.backtest)),
        section("Latest events", _latest(analysis, sentence_of, n_latest)),
    ]
    return "\n\n".join(sections) + "\n"


def verdict_label(verdict: str) -> str:
    """Mark and word, e.g. "▼ deteriorated"."""
    return f"{VERDICT_MARKS.get(verdict, '?')} {verdict}"


def _header(analysis: DyadAnalysis, names: tuple[str, str]) -> str:
    """Title line (incidents, mentions, span, as-of day) and what was left out and why."""
    counted = [i for month in analysis.monthly.a_to_b + analysis.monthly.b_to_a for i in month]
    mentions = sum(i.n_mentions for i in counted)
    title = f"{names[0]} ({analysis.a}) – {names[1]} ({analysis.b}): {plural(len(counted), 'incident')}"
    title += f" from {plural(mentions, 'report')}"
    periods = analysis.monthly.periods
    if periods:
        title += f", {periods[0]} to {periods[-1]}"
    if analysis.as_of:
        title += f" (as of {analysis.as_of.isoformat()})"
    return f"{title}\nleft out: {_excluded_text(analysis.monthly.excluded)}"


def _excluded_text(excluded: Mapping[str, int]) -> str:
    """E.g. "3 negated, 1 future, 2 undated": modalities in their usual order, undated, then others."""
    order = {key: i for i, key in enumerate((*MODALITIES, UNDATED))}
    keys = sorted((k for k, n in excluded.items() if n), key=lambda k: (order.get(k, len(order)), k))
    return ", ".join(f"{excluded[k]} {k}" for k in keys) or "none"


def _status(analysis: DyadAnalysis) -> list[str]:
    """The latest month, each direction and both, with standing against the dyad's history."""
    rows = status_rows(analysis)
    if not rows:
        return []
    verdict = analysis.verdicts[-1] if analysis.verdicts else None
    said = f"{verdict_label(verdict.verdict)} — {verdict.reason}" if verdict else ""
    lines = [f"{analysis.status.periods[-1]}: {said}"]
    lines += table([["", *STATUS_HEADER], *([label, *cells] for label, cells in rows)], numeric=range(1, 9))
    return lines + status_notes(analysis)


def _month_table(analysis: DyadAnalysis) -> list[str]:
    """One row per month: incidents (reports), quad counts and NCI each way, rung and verdict."""
    status = analysis.status
    if not status.periods:
        return []
    a, b = status.a, status.b
    rows = [["month", f"{a}→{b} n", "quad", "NCI", f"{b}→{a} n", "quad", "NCI", "reports", "rung", "verdict"]]
    for ab, ba, both, verdict in zip(status.a_to_b, status.b_to_a, status.both, analysis.verdicts, strict=True):
        rows.append([
            ab.period, str(ab.n), "/".join(map(str, ab.quad)), num(ab.nci, 2),
            str(ba.n), "/".join(map(str, ba.quad)), num(ba.nci, 2), str(both.mentions),
            "–" if both.rung is None else str(both.rung), verdict_label(verdict.verdict),
        ])
    return table(rows, numeric={1, 3, 4, 6, 7, 8})


def _trajectory(analysis: DyadAnalysis, sentence_of: SentenceOf) -> list[str]:
    """Turning points with their drivers, regimes, the online alarm, reciprocity."""
    lines = ["Turning points:"]
    turning = [v for v in analysis.verdicts if v.verdict in ("deteriorated", "improved")]
    for verdict in turning:
        lines.append(f"  {verdict.month} {verdict_label(verdict.verdict)}: {verdict.reason}")
        for incident in verdict.drivers:
            lines.append("    " + incident_line(incident))
            sentence = sentence_of(incident)
            if sentence:
                lines.append(f"      “{trim(sentence)}”")
    if not turning:
        lines.append("  none")
    lines += _changes(analysis)
    lines += reciprocity_lines(analysis.reciprocity)
    return lines


def _changes(analysis: DyadAnalysis) -> list[str]:
    """Regimes (PELT) and the online alarm (BOCPD) over monthly hostile counts."""
    changes = analysis.changes
    lines = ["Regimes of monthly hostile incidents (PELT):"]
    if changes.regimes:
        for regime in changes.regimes:
            lines.append(f"  {regime.start} to {regime.end}: {num(regime.mean)} a month ({regime.level})")
    if changes.note:
        lines.append(f"  {changes.note}")
    alarm = f"yes, from {changes.change_period}" if changes.recent_change else "no"
    lines.append(f"Something changed in the last 3 months (BOCPD P(run ≤ 2) > 0.5): {alarm}")
    return lines


def _latest(analysis: DyadAnalysis, sentence_of: SentenceOf, n_latest: int) -> list[str]:
    """Newest counted incidents first, each with its sentence."""
    counted = [i for i in analysis.incidents if i.date and i.event.modality in analysis.modalities]
    counted.sort(key=lambda i: (i.date, i.id), reverse=True)
    lines: list[str] = []
    for incident in counted[: max(n_latest, 0)]:
        lines.append(incident_line(incident))
        lines.append(f"    “{trim(sentence_of(incident))}”")
    return lines


__all__ = ["SentenceOf", "actor_text", "build_brief", "verdict_label"]
