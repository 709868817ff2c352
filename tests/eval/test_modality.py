"""The bundled modality/date set and its scoring, with a fake coder."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from dyadwatch.eval.modality import (
    PRECISIONS,
    LabelledEvent,
    LabelledSentence,
    evaluate_modality,
    format_modality_report,
    read_labelled,
)
from dyadwatch.types import MODALITIES, Actor, Event, Mention, Trigger

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def ev(src: str, tgt: str, trigger: str, modality: str = "asserted", when: date | None = None) -> Event:
    """A predicted event with just the fields modality scoring looks at."""
    return Event(
        id=f"{src}-{tgt}-{trigger}", article_id="a", sentence_index=0,
        source=Mention(src, 0, 3, Actor(src)), target=Mention(tgt, 0, 3, Actor(tgt)),
        trigger=Trigger(trigger, 0, len(trigger)), cameo="010", cameo_root="01", plover="", goldstein=0.0,
        quad=1, modality=modality, date=when,
    )


@dataclass(frozen=True)
class BareEvent:
    """A stand-in for a predicted event without any `date_precision` attribute."""

    source: Mention
    target: Mention
    trigger: Trigger
    modality: str
    date: date | None

    @property
    def dyad(self) -> tuple[str, str]:
        return (self.source.actor.key, self.target.actor.key)


def bare(event: Event) -> BareEvent:
    return BareEvent(event.source, event.target, event.trigger, event.modality, event.date)


def with_precision(event: Event, precision: str) -> Event:
    return replace(event, date_precision=precision)


def gold(src: str, tgt: str, trigger: str, modality: str, when: date | None = None,
         precision: str | None = None) -> LabelledEvent:
    return LabelledEvent(src, tgt, trigger, modality, when, precision)


PUB = date(2025, 7, 2)


def sent(sid: str, *events: LabelledEvent, text: str = "") -> LabelledSentence:
    return LabelledSentence(sid, text or f"text {sid}", PUB, tuple(events))


def fake_coder(answers: Mapping[str, Sequence[object]]):
    calls: list[list[tuple[str, str, date | None]]] = []

    def coder(items):
        calls.append(list(items))
        return {sid: answers[sid] for sid, _, _ in items if sid in answers}

    coder.calls = calls  # type: ignore[attr-defined]
    return coder


# --- the bundled file


@pytest.fixture(scope="module")
def bundled() -> list[LabelledSentence]:
    return read_labelled()


def test_bundled_parses(bundled: list[LabelledSentence]) -> None:
    assert 80 <= len(bundled) <= 120
    assert len({s.id for s in bundled}) == len(bundled)
    assert all(s.events for s in bundled)
    assert all(1 <= len(s.events) <= 2 for s in bundled)


def test_bundled_covers_every_modality(bundled: list[LabelledSentence]) -> None:
    counts = Counter(e.modality for s in bundled for e in s.events)
    assert set(counts) == set(MODALITIES)
    assert all(counts[m] >= 12 for m in MODALITIES), counts


def test_bundled_events_are_well_formed(bundled: list[LabelledSentence]) -> None:
    for s in bundled:
        for e in s.events:
            assert e.trigger and e.trigger in s.text, (s.id, e.trigger)
            assert re.fullmatch(r"[A-Z]{3}", e.source) and re.fullmatch(r"[A-Z]{3}", e.target), s.id
            assert e.source != e.target, s.id
            assert (e.date is None) == (e.precision is None), s.id
            assert e.precision is None or e.precision in PRECISIONS


def test_bundled_date_conventions(bundled: list[LabelledSentence]) -> None:
    precisions = Counter(e.precision for s in bundled for e in s.events)
    assert precisions[None] >= 20 and all(precisions[p] >= 1 for p in PRECISIONS)
    for s in bundled:
        for e in s.events:
            if e.precision == "week":
                assert e.date.weekday() == 0, s.id
            elif e.precision in ("month", "season"):
                assert e.date.day == 1, s.id
            elif e.precision in ("year", "decade"):  # "mid-2024" is 1 July (the dates module's convention)
                mid = "mid-" in s.text or "middle of" in s.text
                assert (e.date.month, e.date.day) == ((7, 1) if mid else (1, 1)), s.id
            if e.precision == "decade":
                assert e.date.year % 10 == 0, s.id
            if e.precision == "day":  # a single weekday named in the text must match the date
                named = [d for d in WEEKDAYS if d in s.text]
                if len(named) == 1 and "said on" not in s.text:
                    assert WEEKDAYS[e.date.weekday()] == named[0], s.id


def test_bundled_file_is_jsonl() -> None:
    path = Path(__file__).parents[2] / "dyadwatch" / "eval" / "data" / "modality.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert {"id", "text", "published", "events"} <= set(rows[0])


def test_read_rejects_unknown_modality(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "A met B.", "published": "2025-01-01", "events": [
        {"source": "AZE", "target": "RUS", "trigger": "met", "modality": "maybe", "date": None,
         "precision": None}]}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="modality"):
        read_labelled(bad)


# --- scoring


def test_confusion_arithmetic() -> None:
    labelled = [
        sent("s1", gold("AZE", "RUS", "summoned", "asserted"), gold("RUS", "AZE", "expel", "hypothetical")),
        sent("s2", gold("IRN", "FRA", "release", "negated")),
        sent("s3", gold("ISR", "IRN", "attack", "denied")),
        sent("s4", gold("GEO", "RUS", "visit", "future")),  # not predicted: n_gold only
    ]
    coder = fake_coder({
        "s1": [ev("AZE", "RUS", "summoned", "asserted"), ev("RUS", "AZE", "expel", "future")],
        "s2": [ev("IRN", "FRA", "release", "negated"), ev("IRN", "FRA", "held", "asserted")],
        "s3": [ev("ISR", "IRN", "attack", "asserted")],
    })
    report = evaluate_modality(labelled, coder)
    assert len(coder.calls) == 1 and [i[0] for i in coder.calls[0]] == ["s1", "s2", "s3", "s4"]
    assert coder.calls[0][0][2] == PUB
    assert (report.n_gold, report.n_matched) == (5, 4)
    assert report.confusion == {("asserted", "asserted"): 1, ("hypothetical", "future"): 1,
                                ("negated", "negated"): 1, ("denied", "asserted"): 1}
    assert report.accuracy == pytest.approx(2 / 4)
    # asserted: predicted twice, right once; gold once, found once
    assert report.per_modality["asserted"] == pytest.approx((0.5, 1.0, 2 / 3))
    assert report.per_modality["negated"] == pytest.approx((1.0, 1.0, 1.0))
    assert report.per_modality["hypothetical"] == (None, 0.0, 0.0)
    assert report.per_modality["future"] == (0.0, None, 0.0)
    assert report.per_modality["denied"] == (None, 0.0, 0.0)
    assert report.per_modality["alleged"] == (None, None, None)


def test_matching_rules() -> None:
    labelled = [
        sent("dyad", gold("AZE", "RUS", "summoned", "asserted")),
        sent("reversed", gold("AZE", "RUS", "summoned", "asserted")),
        sent("substr", gold("RUS", "UKR", "shoot down", "negated"), gold("UKR", "RUS", "attacked", "alleged")),
        sent("nooverlap", gold("ISR", "IRN", "attack", "denied")),
        sent("onetoone", gold("RUS", "AZE", "deported", "negated"), gold("RUS", "AZE", "deport", "future")),
    ]
    coder = fake_coder({
        "dyad": [ev("AZE", "RUS", "Summoned")],  # case-insensitive
        "reversed": [ev("RUS", "AZE", "summoned")],  # wrong direction: no match
        "substr": [ev("RUS", "UKR", "shoot", "negated"), ev("UKR", "RUS", "had attacked", "alleged")],
        "nooverlap": [ev("ISR", "IRN", "used", "denied")],
        # exact triggers pair first, so "deport" does not steal the gold "deported"
        "onetoone": [ev("RUS", "AZE", "deport", "future"), ev("RUS", "AZE", "deported", "negated")],
    })
    report = evaluate_modality(labelled, coder)
    assert (report.n_gold, report.n_matched) == (7, 5)
    assert report.accuracy == 1.0
    assert report.confusion[("negated", "negated")] == 2
    assert report.confusion[("future", "future")] == 1


def test_one_prediction_matches_one_gold_event() -> None:
    labelled = [sent("s", gold("RUS", "AZE", "detained", "asserted"), gold("RUS", "AZE", "detain", "negated"))]
    report = evaluate_modality(labelled, fake_coder({"s": [ev("RUS", "AZE", "detained")]}))
    assert (report.n_gold, report.n_matched) == (2, 1)
    assert report.confusion == {("asserted", "asserted"): 1}


def test_date_accuracy_null_is_publication_date() -> None:
    monday = date(2025, 6, 30)
    labelled = [
        sent("a", gold("AZE", "RUS", "summoned", "asserted", monday, "day")),
        sent("b", gold("RUS", "AZE", "detained", "asserted")),  # no date in text: publication date
        sent("c", gold("GEO", "RUS", "expelled", "asserted")),
        sent("d", gold("IRN", "FRA", "released", "asserted", monday, "day")),
        sent("e", gold("ISR", "IRN", "attacked", "asserted")),
    ]
    coder = fake_coder({  # events without a date_precision attribute: precision is not scored
        "a": [bare(ev("AZE", "RUS", "summoned", when=monday))],  # right
        "b": [bare(ev("RUS", "AZE", "detained", when=PUB))],  # right: null gold = publication date
        "c": [bare(ev("GEO", "RUS", "expelled"))],  # right: no predicted date either
        "d": [bare(ev("IRN", "FRA", "released", when=PUB))],  # wrong
        "e": [bare(ev("ISR", "IRN", "attacked", when=monday))],  # wrong
    })
    report = evaluate_modality(labelled, coder)
    assert report.date_n == 5
    assert report.date_accuracy == pytest.approx(3 / 5)
    assert report.precision_accuracy is None
    assert report.precision_n == 0


def test_precision_scored_only_when_present() -> None:
    monday = date(2025, 6, 30)
    labelled = [
        sent("a", gold("AZE", "RUS", "summoned", "asserted", monday, "week")),
        sent("b", gold("RUS", "AZE", "detained", "asserted", date(2025, 6, 1), "month")),
        sent("c", gold("GEO", "RUS", "expelled", "asserted")),  # no gold precision: not scored
        sent("d", gold("IRN", "FRA", "released", "asserted", date(2024, 1, 1), "year")),
    ]
    coder = fake_coder({
        "a": [with_precision(ev("AZE", "RUS", "summoned", when=monday), "week")],  # right
        "b": [with_precision(ev("RUS", "AZE", "detained", when=date(2025, 6, 1)), "day")],  # wrong
        "c": [with_precision(ev("GEO", "RUS", "expelled"), "day")],
        "d": [with_precision(ev("IRN", "FRA", "released"), "")],  # date not read: "" is wrong
    })
    report = evaluate_modality(labelled, coder)
    assert report.precision_n == 3
    assert report.precision_accuracy == pytest.approx(1 / 3)
    assert report.date_accuracy == pytest.approx(3 / 4)


def test_empty_gives_none() -> None:
    report = evaluate_modality([sent("s", gold("AZE", "RUS", "met", "asserted"))], fake_coder({}))
    assert (report.n_gold, report.n_matched) == (1, 0)
    assert report.accuracy is None and report.date_accuracy is None and report.precision_accuracy is None
    assert all(v == (None, None, None) for v in report.per_modality.values())


def test_format_lists_every_modality() -> None:
    labelled = [sent("s1", gold("AZE", "RUS", "summoned", "asserted")),
                sent("s2", gold("RUS", "AZE", "expel", "hypothetical"))]
    coder = fake_coder({"s1": [ev("AZE", "RUS", "summoned")], "s2": [ev("RUS", "AZE", "expel", "future")]})
    text = format_modality_report(evaluate_modality(labelled, coder))
    for m in MODALITIES:
        assert m in text
    assert "matched 2 of 2" in text
    assert "accuracy: 0.500" in text
    assert "date accuracy" in text
    row = next(line.split() for line in text.splitlines() if line.startswith("hypothetical"))
    assert row[1:7] == ["0", "0", "0", "0", "0", "1"]
