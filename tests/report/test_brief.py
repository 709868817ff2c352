"""Tests for `dyadwatch.report.brief`: sections, table, turning points, latest events."""

from __future__ import annotations

import itertools
from datetime import date

from dyadwatch.analysis.series import dyad_series
from dyadwatch.report.brief import build_brief
from dyadwatch.types import Actor, Event, Mention, Trigger

_ids = itertools.count()


def make_event(
    source: str,
    target: str,
    day: date | None,
    goldstein: float,
    quad: int,
    *,
    modality: str = "asserted",
    cameo: str = "010",
    plover: str = "CONSULT",
    source_sector: str | None = None,
    target_sector: str | None = None,
    trigger: str = "said",
) -> Event:
    """A hand-built event between two state actors."""
    return Event(
        id=f"b{next(_ids)}",
        article_id="a1",
        sentence_index=0,
        source=Mention(source, 0, len(source), Actor(country=source, sector=source_sector)),
        target=Mention(target, 10, 10 + len(target), Actor(country=target, sector=target_sector)),
        trigger=Trigger(trigger, 5, 5 + len(trigger)),
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=plover,
        goldstein=goldstein,
        quad=quad,
        modality=modality,
        date=day,
    )


RAID = make_event(
    "RUS",
    "AZE",
    date(2025, 3, 27),
    -9.0,
    4,
    cameo="180",
    plover="ASSAULT",
    source_sector="COP",
    target_sector="CVL",
    trigger="raided",
)
DEAL = make_event("AZE", "RUS", date(2025, 5, 2), 8.0, 2, cameo="057", plover="AGREE", source_sector="GOV")
EVENTS = [
    make_event("AZE", "RUS", date(2025, 1, 10), 1.0, 1),
    make_event("RUS", "AZE", date(2025, 1, 12), -1.0, 3),
    RAID,
    make_event("AZE", "RUS", date(2025, 3, 29), -2.0, 3, cameo="111"),
    DEAL,
    make_event("RUS", "AZE", date(2025, 5, 4), 6.0, 2, cameo="070"),
    make_event("RUS", "AZE", date(2025, 5, 5), -4.0, 4, modality="negated"),
    make_event("RUS", "AZE", date(2025, 5, 6), -4.0, 4, modality="negated"),
    make_event("AZE", "RUS", date(2025, 5, 7), 4.0, 2, modality="future"),
    make_event("AZE", "RUS", None, 4.0, 2),
]
NAMES = ("Azerbaijan", "Russia")


def _brief(**options: object) -> str:
    series = dyad_series(EVENTS, "AZE", "RUS")
    latest = options.pop(
        "latest", [(DEAL, "Baku and Moscow agreed on a transit deal."), (RAID, "Police raided.")]
    )
    return build_brief(series, names=NAMES, latest=latest, **options)  # type: ignore[arg-type]


def test_header_counts_events_span_and_what_was_left_out() -> None:
    lines = _brief().splitlines()
    assert lines[0] == "Azerbaijan (AZE) – Russia (RUS): 6 events, 2025-01 to 2025-05"
    assert lines[1] == "left out: 2 negated, 1 future, 1 undated"


def test_has_every_section_in_order() -> None:
    text = _brief()
    positions = [text.index(title) for title in ("Events by month", "Turning points", "Latest events")]
    assert positions == sorted(positions)
    assert "\x1b[" not in text


def test_month_table_is_aligned_and_marks_verdicts() -> None:
    text = _brief()
    block = text.split("Events by month\n")[1].split("\n\n")[0].splitlines()[1:]
    header, rule, *rows = block
    assert "AZE→RUS n" in header and "RUS→AZE n" in header and "quad 1/2/3/4" in header
    assert [row[:7] for row in rows] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]
    pipes = [i for i, ch in enumerate(header) if ch == "|"]
    assert len(pipes) == 9
    for row in rows:
        assert [i for i, ch in enumerate(row) if ch == "|"] == pipes
    assert [i for i, ch in enumerate(rule) if ch == "+"] == pipes
    assert rows[0].endswith("= unchanged")
    assert rows[1].endswith("· no events")
    assert rows[2].endswith("▼ deteriorated")
    assert rows[4].endswith("▲ improved")
    assert " 1/0/0/0 " in rows[0] and " -9.0 " in rows[2]


def test_turning_points_name_the_drivers() -> None:
    text = _brief()
    block = text.split("Turning points\n")[1].split("\n\n")[0]
    assert (
        "2025-03 ▼ deteriorated (mean -5.5 vs baseline 0.0): RUS COP → AZE CVL 180 'raided' (2025-03-27)"
        in block
    )
    assert "2025-05 ▲ improved (mean 7.0 vs baseline -2.8): AZE GOV → RUS 057 'said' (2025-05-02)" in block


def test_latest_events_show_codes_modality_and_trimmed_one_line_sentences() -> None:
    negated = EVENTS[6]
    long_sentence = "Officials said\nthe   talks would resume " + "and continue at length " * 20 + "END"
    latest = [(negated, "Moscow denied\n  any strike."), (DEAL, long_sentence), (RAID, "Police raided.")]
    text = _brief(latest=latest, n_latest=2)
    block = text.split("Latest events\n")[1].splitlines()[1:]
    assert block[0] == "2025-05-05  RUS → AZE  010 CONSULT  [negated]"
    assert block[1] == "    Moscow denied any strike."
    assert block[2] == "2025-05-02  AZEGOV → RUS  057 AGREE"
    trimmed = block[3].strip()
    assert trimmed.startswith("Officials said the talks would resume")
    assert trimmed.endswith("…") and len(trimmed) <= 160 and "END" not in trimmed
    assert "raided" not in "\n".join(block)


def test_empty_series_still_renders() -> None:
    text = build_brief(dyad_series([], "AZE", "RUS"), names=NAMES, latest=[])
    assert text.splitlines()[:2] == ["Azerbaijan (AZE) – Russia (RUS): 0 events", "left out: none"]
    assert text.count("none") == 4
