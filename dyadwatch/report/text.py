"""Small plain-text helpers shared by the brief and the CLI tables."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from dyadwatch.types import Actor, Incident

SENTENCE_WIDTH = 160
"""Quoted sentences are trimmed to at most this many characters."""


def section(title: str, lines: Sequence[str]) -> str:
    """A titled block: title, an underline, then the lines (or "none")."""
    return "\n".join([title, "-" * len(title), *(lines or ["none"])])


def table(rows: Sequence[Sequence[str]], *, numeric: Collection[int] = ()) -> list[str]:
    """Fixed-width table: the first row is the header; columns in `numeric` are right-aligned."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(cells: Sequence[str]) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        padded = [c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in pairs]
        return " | ".join(padded).rstrip()

    return [line(rows[0]), "-+-".join("-" * w for w in widths), *(line(row) for row in rows[1:])]


def num(value: float | None, digits: int = 1) -> str:
    """Rounded number, never "-0.0"; "–" for None."""
    if value is None:
        return "–"
    return f"{round(value, digits) + 0.0:.{digits}f}"


def plural(n: int, word: str) -> str:
    """Count and noun, e.g. "1 event", "2 events"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def trim(text: str, width: int = SENTENCE_WIDTH) -> str:
    """Whitespace (newlines included) collapsed to single spaces; cut at a word boundary with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def actor_text(actor: Actor) -> str:
    """Key and sector separated by a space, e.g. "RUS COP" (just "RUS" without a sector)."""
    return f"{actor.key} {actor.sector}" if actor.sector else actor.key


def incident_line(incident: Incident) -> str:
    """One incident, e.g. "2025-06-30 AZE COP → RUS MED 173 COERCE 'raided' [alleged] — 3 reports,
    2 outlets: Caspian Ledger, Volga Courier"."""
    event = incident.event
    when = event.date.isoformat() if event.date else "undated"
    text = f"{when} {actor_text(event.source.actor)} → {actor_text(event.target.actor)} {event.cameo}"
    text += f" {event.plover or '-'} '{event.trigger.text}'"
    if event.modality != "asserted":
        text += f" [{event.modality}]"
    outlets = ", ".join(incident.outlets[:4]) + (", …" if len(incident.outlets) > 4 else "")
    return text + f" — {plural(incident.n_mentions, 'report')}, {plural(len(incident.outlets), 'outlet')}: {outlets}"
