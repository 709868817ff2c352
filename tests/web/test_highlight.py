"""Cutting an article at the offsets of a sentence and its spans."""

from __future__ import annotations

from dyadwatch.web.highlight import Mark, Piece, highlight

TEXT = "First one. Baku's police raided Sputnik today. Last one."
SENTENCE = (11, 46)  # "Baku's police raided Sputnik today."


def mark(kind: str, needle: str) -> Mark:
    start = TEXT.index(needle)
    return Mark(kind, start, start + len(needle), needle)


def rebuilt(result) -> str:
    return result.before + "".join(p.text for p in result.sentence) + result.after


def test_pieces_follow_the_offsets_and_rebuild_the_text():
    marks = [mark("source", "Baku's police"), mark("target", "Sputnik"), mark("trigger", "raided")]
    result = highlight(TEXT, SENTENCE, marks)
    assert result.before == "First one. " and result.after == " Last one."
    assert result.sentence == (
        Piece("Baku's police", ("source",)), Piece(" ", ()), Piece("raided", ("trigger",)), Piece(" ", ()),
        Piece("Sputnik", ("target",)), Piece(" today.", ()),
    )
    assert rebuilt(result) == TEXT and result.skipped == () and len(result.marks) == 3


def test_overlapping_spans_give_pieces_of_both_kinds():
    marks = [mark("source", "Baku"), mark("trigger", "Baku's police raided")]
    result = highlight(TEXT, SENTENCE, marks)
    assert result.sentence[:2] == (Piece("Baku", ("source", "trigger")), Piece("'s police raided", ("trigger",)))
    assert rebuilt(result) == TEXT


def test_spans_that_do_not_slice_back_are_left_plain():
    stale = Mark("target", 32, 39, "Gazprom")  # offsets of "Sputnik", text of something else
    outside = mark("source", "First")  # not in the sentence
    beyond = Mark("trigger", 50, 500, "x")
    result = highlight(TEXT, SENTENCE, [stale, outside, beyond, mark("trigger", "raided")])
    assert result.skipped == ("target", "source", "trigger")
    assert [p for p in result.sentence if p.kinds] == [Piece("raided", ("trigger",))]
    assert rebuilt(result) == TEXT


def test_a_broken_sentence_falls_back_to_the_span_range():
    marks = [mark("source", "Baku's police"), mark("target", "Sputnik")]
    result = highlight(TEXT, (40, 9999), marks)
    assert "".join(p.text for p in result.sentence) == "Baku's police raided Sputnik"
    assert rebuilt(result) == TEXT
    nothing = highlight(TEXT, None, [Mark("source", 0, 3, "xyz")])
    assert nothing.before == TEXT and nothing.sentence == () and nothing.skipped == ("source",)
