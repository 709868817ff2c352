"""Render evaluation reports as a table and check them against metric floors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dyadwatch.eval.gold import FICTIONAL_FORMATS
from dyadwatch.eval.scoring import EvalReport

METRICS: tuple[str, ...] = (
    "precision",
    "recall",
    "f1",
    "cameo_f1",
    "plover_accuracy",
    "penta_macro_f1",
    "actor_country_accuracy",
    "actor_sector_accuracy",
    "mention_coverage",
    "mention_country_accuracy",
    "mention_sector_accuracy",
)
"""Metric names usable in floors (attributes of `EvalReport`)."""

_HEADER = ("gold", "sents", "scored", "gold ev", "pred ev", "tp", "P", "R", "F1", "CAMEO F1",
           "PLOVER acc (n)", "penta mF1 (n)", "country", "sector")

_MENTION_HEADER = ("gold", "actors", "skipped", "coverage", "country", "sector")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _row(report: EvalReport) -> tuple[str, ...]:
    name = report.name + (" [fictional actors]" if report.format in FICTIONAL_FORMATS else "")
    return (
        name, str(report.n_sentences), str(report.n_scored), str(report.n_gold), str(report.n_pred),
        str(report.tp), _pct(report.precision), _pct(report.recall), _pct(report.f1), _pct(report.cameo_f1),
        f"{_pct(report.plover_accuracy)} ({report.plover_n})",
        f"{_pct(report.penta_macro_f1)} ({report.penta_n})",
        _pct(report.actor_country_accuracy), _pct(report.actor_sector_accuracy),
    )


def _cells(row: Sequence[str], widths: Sequence[int]) -> list[str]:
    """Name column left-aligned, numbers right-aligned."""
    pairs = enumerate(zip(row, widths, strict=True))
    return [cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in pairs]


def _mention_row(report: EvalReport) -> tuple[str, ...]:
    return (
        report.name, str(report.mention_n), str(report.mention_skipped), _pct(report.mention_coverage),
        _pct(report.mention_country_accuracy), _pct(report.mention_sector_accuracy),
    )


def _table(header: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    rows = [header, *body]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(_cells(row, widths)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return [line.rstrip() for line in lines]


def format_reports(reports: Sequence[EvalReport]) -> str:
    """A plain-text table, one row per gold set; scores in percent, "-" = not measured.

    Sets scored with an actor coder get a second table below (after a blank line): located gold actor
    mentions, skipped ones, and the mention coverage, country and sector accuracy.
    """
    lines = _table(_HEADER, [_row(r) for r in reports])
    measured = [r for r in reports if r.mention_n is not None]
    if measured:
        lines += ["", *_table(_MENTION_HEADER, [_mention_row(r) for r in measured])]
    return "\n".join(lines)


def check_floors(reports: Sequence[EvalReport], floors: Mapping[str, Mapping[str, float]]) -> list[str]:
    """One message per metric below its floor (an empty list means every floor holds).

    `floors` maps a gold set name (or "*" for every set) to {metric: minimum, 0..1}. A floor on a
    metric the report could not measure fails too; floors for sets not in `reports` are ignored.
    Unknown metric names raise `ValueError` (a typo must not pass silently).
    """
    messages = []
    for report in reports:
        wanted = {**floors.get("*", {}), **floors.get(report.name, {})}
        for metric, floor in wanted.items():
            if metric not in METRICS:
                raise ValueError(f"unknown metric in floors: {metric!r} (known: {', '.join(METRICS)})")
            value = getattr(report, metric)
            if value is None:
                messages.append(f"{report.name}: {metric} not measured (floor {floor:.3f})")
            elif value < floor:
                messages.append(f"{report.name}: {metric} {value:.3f} below floor {floor:.3f}")
    return messages
