"""A `DyadView` as Markdown: the HTML report's panels as headings, lists and tables (figures as a note).

Article text may hold anything, so every piece of data goes through `md_text`: whitespace collapsed
to single spaces (a newline cannot end a table row), `&`, `<` and `>` written as HTML entities (a
renderer that allows inline HTML shows them as text), and the characters Markdown gives a meaning
inside a line (backslash, backtick, `*`, `_`, `[`, `]`, `|`, `~`) escaped with a backslash, so text
cannot open code spans, links or emphasis, or split a table cell. Links pass `safe_href` (site
paths and http(s) URLs only) and are percent-encoded where Markdown would read a character
(spaces, parentheses, angle brackets, quotes, backticks, pipes, backslashes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from dyadwatch.report.text import num, plural
from dyadwatch.report.view_records import (
    DyadView,
    ForecastView,
    IncidentRef,
    IndexSeries,
    NetworkView,
    ReciprocityView,
    ScenarioBoard,
    StatusCard,
)
from dyadwatch.report.views import safe_href

__all__ = ["md_link", "md_text", "render_markdown"]

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_URL_SAFE = ":/?#=&%;,+@$-._~"


def md_text(text: object) -> str:
    """`text` on one line with Markdown and HTML characters escaped (see the module docstring)."""
    flat = " ".join(str(text).split())
    flat = re.sub("[&<>]", lambda m: _ENTITIES[m.group(0)], flat)
    return _SPECIAL.sub(r"\\\1", flat)


def md_link(label: str, href: str | None) -> str:
    """A Markdown link to `href`, or "" when it is not a site path or http(s) URL."""
    safe = safe_href(href)
    return f"[{md_text(label)}]({quote(safe, safe=_URL_SAFE)})" if safe else ""


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A Markdown table; every cell escaped."""
    lines = ["| " + " | ".join(md_text(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md_text(c) if c != "" else " " for c in row) + " |" for row in rows]
    return lines + [""]


def _incident(ref: IncidentRef) -> str:
    """One list item: date, actors, code, reports, link, then the sentence quoted."""
    outlets = ", ".join(ref.outlets[:4]) + (", …" if len(ref.outlets) > 4 else "")
    text = f"{ref.date or 'undated'} {ref.source} → {ref.target} {ref.cameo} {ref.cameo_name}"
    text += f" [{ref.modality}]" if ref.modality != "asserted" else ""
    text = md_text(f"{text} — {plural(ref.n_mentions, 'report')}, {plural(len(ref.outlets), 'outlet')}: {outlets}")
    link = md_link("source", ref.href)
    line = f"- {text}" + (f" ({link})" if link else "")
    return line + (f"\n  > {md_text(ref.sentence)}" if ref.sentence else "")


def _nested(ref: IncidentRef) -> str:
    """`_incident` as an item of a nested list."""
    return "\n".join("  " + line for line in _incident(ref).splitlines())


def render_markdown(view: DyadView, *, title: str) -> str:
    """The whole report as Markdown."""
    head = [f"# {md_text(title)}", "",
            md_text(f"{view.names[0]} ({view.a}) – {view.names[1]} ({view.b}): {view.headline}."),
            "", md_text(f"Left out: {view.left_out}."), ""]
    if view.windowed:
        head += [md_text(f"Shown: {view.since or 'start'} to {view.until or 'end'}."), ""]
    parts = [head, _status(view.status), _timeline(view), _index(view.index, view.a, view.b),
             _reciprocity(view.reciprocity, view.a, view.b), _network(view.network), _scenarios(view.scenarios),
             _forecast(view.forecast), _events(view)]
    return "\n".join(line for part in parts for line in part).rstrip("\n") + "\n"


def _status(card: StatusCard) -> list[str]:
    """Verdict, reason, drivers and the status table."""
    lines = [f"## Status {md_text(card.month)}".rstrip(), ""]
    if not card.month:
        return lines + [md_text(card.reason), ""]
    lines += [f"**{md_text(card.arrow)} {md_text(card.verdict)}** — {md_text(card.reason)}", ""]
    lines += [_incident(r) for r in card.drivers] + ([""] if card.drivers else [])
    lines += _table(("", *card.columns), [(row.label, *row.cells) for row in card.rows])
    return lines + [md_text(note) + "  " for note in card.notes] + ([""] if card.notes else [])


def _timeline(view: DyadView) -> list[str]:
    """Counts per side (the figure is in the HTML report)."""
    ab = sum(1 for r in view.timeline if r.direction == "a_to_b")
    return ["## Timeline", "", md_text(f"{ab} incidents {view.a} → {view.b}, {len(view.timeline) - ab} "
                                       f"{view.b} → {view.a} (the two-sided timeline figure is in the HTML report)."),
            ""]


def _index(series: IndexSeries, a: str, b: str) -> list[str]:
    """One row per month, the regimes and the turning points."""
    rows = [(p, num(x, 2), num(y, 2), num(z, 2), h, num(c, 2), v) for p, x, y, z, h, c, v in zip(
        series.periods, series.nci_a_to_b, series.nci_b_to_a, series.nci_both, series.hostile,
        series.change_probability, series.verdicts, strict=True)]
    lines = ["## Index series", ""]
    lines += _table(("month", f"NCI {a}→{b}", f"NCI {b}→{a}", "NCI both", "hostile", "P(change)", "verdict"), rows)
    lines += [f"- {md_text(line)}" for line in series.lines] + [""]
    for point in series.turning_points:
        lines += [f"**{md_text(point.month)} {md_text(point.arrow)} {md_text(point.verdict)}**: "
                  f"{md_text(point.reason)}", ""]
        lines += [_incident(r) for r in point.drivers] + [""]
    return lines


def _reciprocity(rec: ReciprocityView, a: str, b: str) -> list[str]:
    """Summary, tit-for-tat table, pressure and spiral."""
    rows = [(r.label, f"{r.days} d", num(r.lift, 2), num(r.answered, 2), num(r.chance, 2), num(r.median_delay),
             r.n_acts, r.note) for r in rec.responses]
    lines = ["## Reciprocity", "", md_text(rec.summary), ""]
    lines += _table(("tit-for-tat", "window", "lift", "answered", "chance", "median delay", "acts", "note"), rows)
    spiral = rec.spiral + (f" (ρ = {num(rec.spectral_radius, 2)})" if rec.spectral_radius is not None else "")
    pressure = f"Pressure {a}→{b} {rec.pressure[0]:+.1f}, {b}→{a} {rec.pressure[1]:+.1f}"
    return lines + [md_text(f"{pressure}; spiral: {spiral}"), ""]


def _network(net: NetworkView) -> list[str]:
    """Summary, edges, triads and movers with their drivers."""
    lines = ["## Third parties", "", md_text(net.summary), ""]
    if not net.available:
        return lines
    lines += _table(("edge", "kind", "NCI", "n"), [(f"{e.a}–{e.b}", e.kind, f"{e.nci:+.2f}", e.n) for e in net.edges])
    triads = [(t.third, t.signs, "balanced" if t.balanced else "unbalanced", t.note) for t in net.triads]
    triads += [(t.third, t.signs, "open", t.note) for t in net.open_triads]
    if triads:
        lines += _table(("third party", "signs", "state", "meaning"), triads)
    for move in net.moves:
        lines += [f"- {md_text(move.note)}"] + [_nested(r) for r in move.drivers]
    return lines + [""]


def _scenarios(board: ScenarioBoard) -> list[str]:
    """Hypotheses table and what moved each set."""
    lines = ["## Scenario board", ""]
    if not board.available:
        return lines + ["No scenario file was run.", ""]
    lines += [md_text(f"{board.name} ({board.roles}; periods {', '.join(board.periods) or 'none'})"), ""]
    rows = [(s.title, f"{h.id} {h.title}", num(h.probability, 2), f"{h.change * 100:+.1f} pts", num(h.prior, 2),
             " → ".join(num(p, 2) for p in h.history)) for s in board.sets for h in s.hypotheses]
    lines += _table(("question", "hypothesis", "now", "last change", "prior", "history"), rows)
    for hset in board.sets:
        if hset.moved:
            lines += [f"### What moved “{md_text(hset.title)}”", ""]
            for moved in hset.moved:
                lines += [f"- {md_text(moved.period)} {md_text(moved.text)}"] + [_nested(r) for r in moved.incidents]
            lines.append("")
    return lines + [f"- {md_text(line)}" for line in board.diagnostic] + [""]


def _forecast(forecast: ForecastView) -> list[str]:
    """Forecast lines, track record lines and the calibration table."""
    lines = ["## Forecast", ""] + [f"- {md_text(line)}" for line in (*forecast.lines, *forecast.track_lines)] + [""]
    if forecast.calibration:
        lines += _table(("predicted", "forecasts", "mean predicted", "observed"),
                        [(c.bin, c.n, num(c.mean_predicted, 2), num(c.observed, 2)) for c in forecast.calibration])
    return lines


def _events(view: DyadView) -> list[str]:
    """The events table, newest first."""
    rows = [(r.date or "undated", r.source, r.target, f"{r.cameo} {r.cameo_name}", r.modality, len(r.outlets),
             r.sentence) for r in view.events]
    lines = ["## Events", ""]
    header = ("date", "source", "target", "code", "modality", "outlets", "sentence")
    table = _table(header, rows)
    links = [md_link("open", r.href) for r in view.events]
    table[0] = table[0] + " link |"
    table[1] = table[1] + "---|"
    table[2:-1] = [f"{row} {link or ' '} |" for row, link in zip(table[2:-1], links, strict=True)]
    return lines + table
