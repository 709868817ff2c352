"""Where a mention sits in its article: the text cut into pieces at the sentence and span offsets.

Every record keeps character offsets into the article (`Sentence.start/end`, `Mention.start/end`,
`Trigger.start/end`; a headline mention, sentence index `HEADLINE`, indexes the title instead of the
body). `highlight` cuts the text at those offsets into plain pieces, so the template can wrap the
sentence and each span in its own element while autoescaping every piece; no markup is ever built
from article text in Python.

A span is highlighted only when its offsets are inside the text and the sentence and slice back to
the text the record holds; otherwise it is left plain and named in `Highlighted.skipped` (a store
written by another tool must not break the page). Overlapping spans (a source inside a trigger
phrase) give pieces carrying both kinds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dyadwatch.pipeline.coding import HEADLINE
from dyadwatch.types import Event, Sentence

KINDS = ("source", "target", "trigger")
"""Span kinds, in the order their class names are written."""


@dataclass(frozen=True)
class Mark:
    """One span to highlight."""

    kind: str
    """One of `KINDS`."""
    start: int
    """Offset of its first character."""
    end: int
    """Offset one past its last character."""
    text: str
    """The text the record says sits there."""


@dataclass(frozen=True)
class Piece:
    """A run of the sentence covered by the same spans."""

    text: str
    """The characters (unescaped; the template escapes them)."""
    kinds: tuple[str, ...]
    """Kinds of the spans covering it, in `KINDS` order; empty for plain text."""


@dataclass(frozen=True)
class Highlighted:
    """A text cut around one highlighted sentence."""

    before: str
    """Text before the sentence (the whole text when nothing is highlighted)."""
    sentence: tuple[Piece, ...]
    """The sentence, in pieces; empty when nothing is highlighted."""
    after: str
    """Text after the sentence."""
    marks: tuple[Mark, ...]
    """The spans highlighted."""
    skipped: tuple[str, ...]
    """Kinds of the spans left plain because their offsets did not slice back to their text."""


def unhighlighted(text: str) -> Highlighted:
    """A text with nothing highlighted."""
    return Highlighted(text, (), "", (), ())


def event_marks(event: Event) -> tuple[Mark, ...]:
    """The source, target and trigger of an event as marks."""
    spans = (event.source, event.target, event.trigger)
    return tuple(Mark(kind, s.start, s.end, s.text) for kind, s in zip(KINDS, spans, strict=True))


def highlight(text: str, sentence: tuple[int, int] | None, marks: Sequence[Mark]) -> Highlighted:
    """Cut `text` around the sentence at `sentence` (start, end) with `marks` inside it.

    When the sentence offsets are missing or do not fit the text, the sentence is taken to be the
    smallest range covering the marks that do fit.
    """
    fits = [m for m in marks if 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text]
    if sentence is not None and 0 <= sentence[0] < sentence[1] <= len(text):
        start, end = sentence
        fits = [m for m in fits if start <= m.start and m.end <= end]
    elif fits:
        start, end = min(m.start for m in fits), max(m.end for m in fits)
    else:
        return Highlighted(text, (), "", (), tuple(m.kind for m in marks))
    cuts = sorted({start, end, *(m.start for m in fits), *(m.end for m in fits)})
    pieces = tuple(
        Piece(text[x:y], tuple(k for k in KINDS if any(m.kind == k and m.start <= x and y <= m.end for m in fits)))
        for x, y in zip(cuts, cuts[1:], strict=False)
    )
    skipped = tuple(m.kind for m in marks if m not in fits)
    return Highlighted(text[:start], pieces, text[end:], tuple(fits), skipped)


def highlight_event(
    title: str, body: str, event: Event, sentence: Sentence | None
) -> tuple[Highlighted, Highlighted]:
    """(title, body) of the event's article with its sentence and spans highlighted in the right one."""
    bounds = (sentence.start, sentence.end) if sentence is not None else None
    if event.sentence_index == HEADLINE:
        return highlight(title, bounds, event_marks(event)), unhighlighted(body)
    return unhighlighted(title), highlight(body, bounds, event_marks(event))
