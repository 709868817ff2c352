"""Plain-text brief on one dyad: header, monthly table, turning points and latest events.

The brief is plain text (no colours, no markup) so it reads the same in a terminal, a log or an email.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dyadwatch.analysis.series import UNDATED, DyadSeries, MonthStats, MonthVerdict
from dyadwatch.types import MODALITIES, Actor, Event

SENTENCE_WIDTH = 160
"""Sentences in "Latest events" are trimmed to at most this many characters."""

VERDICT_MARKS: Mapping[str, str] = {
    "improved": "▲",
    "deteriorated": "▼",
    "unchanged": "=",
    "no events": "·",
}
"""One-character mark shown before each verdict word."""

NUMERIC_COLUMNS = frozenset({1, 2, 3, 4, 5, 6, 7, 8})
"""Indexes of the monthly-table columns that are right-aligned."""


def build_brief(
    series: DyadSeries,
    *,
    names: tuple[str, str],
    latest: Sequence[tuple[Event, str]],
    n_latest: int = 10,
) -> str:
    """The brief as plain text.

    `names` are display names for `series.a` and `series.b`; `latest` holds (event, sentence text)
    pairs, newest first, of which the first `n_latest` are shown.
    """
    sections = [
        _header(series, names),
        _section("Events by month", _month_table(series)),
        _section("Turning points", _turning_points(series.verdicts)),
        _section("Latest events", _latest_events(latest[: max(n_latest, 0)])),
    ]
    return "\n\n".join(sections) + "\n"


def _section(title: str, lines: Sequence[str]) -> str:
    """A titled block: title, an underline, then the lines (or "none")."""
    return "\n".join([title, "-" * len(title), *(lines or ["none"])])


def _header(series: DyadSeries, names: tuple[str, str]) -> str:
    """Title line with the event count and span, and a line saying what was left out and why."""
    total = sum(s.count for s in series.a_to_b) + sum(s.count for s in series.b_to_a)
    title = f"{names[0]} ({series.a}) – {names[1]} ({series.b}): {_plural(total, 'event')}"
    if series.months:
        title += f", {series.months[0]} to {series.months[-1]}"
    return f"{title}\nleft out: {_excluded_text(series.excluded)}"


def _excluded_text(excluded: Mapping[str, int]) -> str:
    """E.g. "3 negated, 1 future, 2 undated": modalities in their usual order, undated, then others."""
    order = {key: i for i, key in enumerate((*MODALITIES, UNDATED))}
    keys = sorted((k for k, n in excluded.items() if n), key=lambda k: (order.get(k, len(order)), k))
    return ", ".join(f"{excluded[k]} {k}" for k in keys) or "none"


def _plural(n: int, word: str) -> str:
    """Count and noun, e.g. "1 event", "2 events"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _month_table(series: DyadSeries) -> list[str]:
    """Fixed-width table, one row per month, both directions side by side."""
    if not series.months:
        return []
    header = ["month", f"{series.a}→{series.b} n", "quad 1/2/3/4", "G sum", "G mean"]
    header += [f"{series.b}→{series.a} n", "quad 1/2/3/4", "G sum", "G mean", "verdict"]
    rows = [
        [month, *_stats_cells(ab), *_stats_cells(ba), _verdict_label(v.verdict)]
        for month, ab, ba, v in zip(series.months, series.a_to_b, series.b_to_a, series.verdicts, strict=True)
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [_table_line(header, widths), "-+-".join("-" * w for w in widths)]
    return lines + [_table_line(row, widths) for row in rows]


def _stats_cells(stats: MonthStats) -> list[str]:
    """Count, quad counts, Goldstein sum and mean of one direction in one month."""
    mean = "–" if stats.goldstein_mean is None else _num(stats.goldstein_mean)
    return [str(stats.count), "/".join(map(str, stats.quad)), _num(stats.goldstein_sum), mean]


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """Cells padded to their column widths: numbers right-aligned, text left-aligned."""
    padded = [
        cell.rjust(width) if i in NUMERIC_COLUMNS else cell.ljust(width)
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
    ]
    return " | ".join(padded).rstrip()


def _verdict_label(verdict: str) -> str:
    """Mark and word, e.g. "▼ deteriorated"."""
    return f"{VERDICT_MARKS.get(verdict, '?')} {verdict}"


def _num(value: float) -> str:
    """One decimal, never "-0.0"."""
    return f"{round(value, 1) + 0.0:.1f}"


def _turning_points(verdicts: Sequence[MonthVerdict]) -> list[str]:
    """One line per deteriorated or improved month, naming the events that drove it."""
    lines = []
    for v in verdicts:
        if v.verdict not in ("deteriorated", "improved"):
            continue
        baseline = "–" if v.baseline is None else _num(v.baseline)
        drivers = "; ".join(_driver_text(e) for e in v.drivers) or "no driver events"
        change = f"mean {_num(v.score)} vs baseline {baseline}"
        lines.append(f"{v.month} {_verdict_label(v.verdict)} ({change}): {drivers}")
    return lines


def _driver_text(event: Event) -> str:
    """One driver, e.g. "RUS COP → AZE CVL 180 'raided' (2025-06-27)"."""
    when = event.date.isoformat() if event.date else "undated"
    source, target = _actor_text(event.source.actor), _actor_text(event.target.actor)
    return f"{source} → {target} {event.cameo} '{event.trigger.text}' ({when})"


def _actor_text(actor: Actor) -> str:
    """Key and sector separated by a space, e.g. "RUS COP" (just "RUS" without a sector)."""
    return f"{actor.key} {actor.sector}" if actor.sector else actor.key


def _latest_events(latest: Sequence[tuple[Event, str]]) -> list[str]:
    """Two lines per event: what was coded, then the sentence it came from (trimmed, one line)."""
    lines = []
    for event, sentence in latest:
        when = (event.date.isoformat() if event.date else "undated").ljust(10)
        meta = f"{when}  {event.source.actor.code} → {event.target.actor.code}  {event.cameo} {event.plover}"
        if event.modality != "asserted":
            meta += f"  [{event.modality}]"
        lines += [meta, f"    {_trim(sentence)}"]
    return lines


def _trim(text: str, width: int = SENTENCE_WIDTH) -> str:
    """Whitespace (newlines included) collapsed to single spaces; cut at a word boundary with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
