"""Scoring arithmetic on hand-computed cases, the report table and floors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import pytest

from dyadwatch.eval import (
    EvalReport,
    GoldEvent,
    GoldSentence,
    GoldSet,
    check_floors,
    evaluate,
    format_reports,
    macro_f1,
    read_gold,
)
from dyadwatch.types import Actor, Event, Mention, Trigger

DATA = Path(__file__).parent / "data"


def ev(
    src: str, tgt: str, cameo: str, plover: str = "", *, src_sector: str | None = None,
    tgt_sector: str | None = None,
) -> Event:
    """A predicted event with just the fields scoring looks at."""
    def mention(key: str, sector: str | None) -> Mention:
        actor = Actor(country=None, igo=key, sector=sector) if key.startswith("IGO") else Actor(key, sector)
        return Mention(text=key, start=0, end=len(key), actor=actor)

    return Event(
        id=f"{src}-{tgt}-{cameo}", article_id="a", sentence_index=0, source=mention(src, src_sector),
        target=mention(tgt, tgt_sector), trigger=Trigger("x", 0, 1), cameo=cameo, cameo_root=cameo[:2],
        plover=plover, goldstein=0.0, quad=1,
    )


def gev(src: str | None, tgt: str | None, cameo: str | None = None, plover: str | None = None,
        *, sectors: tuple[str | None, str | None] = (None, None)) -> GoldEvent:
    return GoldEvent(src, tgt, sectors[0], sectors[1], cameo[:2] if cameo else None, cameo, plover)


def sent(sid: str, *events: GoldEvent, penta: int | None = None, labelled: bool = True) -> GoldSentence:
    return GoldSentence(sid, f"text {sid}", date(2031, 1, 1), tuple(events), penta, labelled)


def fake_coder(answers: Mapping[str, Sequence[Event]]):
    """A coder that returns canned events per sentence id and records what it was given."""
    seen: list[tuple[str, str, date | None]] = []

    def coder(items):
        seen.extend(items)
        return {sid: answers[sid] for sid, _, _ in items if sid in answers}

    coder.seen = seen  # type: ignore[attr-defined]
    return coder


def dyad_gold() -> GoldSet:
    return GoldSet("hand", "petr-xml", "-", (
        sent("s1", gev("XAR", "XBE", "112"), gev("XBE", "XAR", "112")),  # reciprocal, expanded
        sent("s2"),  # no event: predictions are false positives
        sent("s3", gev("XCO", "XAR", "190")),
        sent("s4", gev("XCO", None, "190")),  # one-actor event: sentence not dyad-scored
    ))


def dyad_answers() -> dict[str, list[Event]]:
    return {
        "s1": [ev("XAR", "XBE", "112"), ev("XAR", "XBE", "112"), ev("XCO", "XBE", "112")],
        "s2": [ev("XAR", "XCO", "040")],
        "s3": [ev("XCO", "XAR", "193"), ev("", "XAR", "190")],  # empty key: false positive
        "s4": [ev("XCO", "XAR", "190")],
    }


def test_dyad_precision_recall_f1_by_hand() -> None:
    coder = fake_coder(dyad_answers())
    report = evaluate(dyad_gold(), coder)
    assert [sid for sid, _, _ in coder.seen] == ["s1", "s2", "s3", "s4"]
    assert (report.n_sentences, report.n_scored) == (4, 3)
    assert (report.tp, report.n_gold, report.n_pred) == (2, 3, 6)
    assert report.precision == pytest.approx(2 / 6)
    assert report.recall == pytest.approx(2 / 3)
    assert report.f1 == pytest.approx(2 * (1 / 3) * (2 / 3) / (1 / 3 + 2 / 3))


def test_full_cameo_scoring_by_hand() -> None:
    full = evaluate(dyad_gold(), fake_coder(dyad_answers())).cameo_full
    assert full is not None
    assert (full.tp, full.n_gold, full.n_pred) == (1, 3, 6)  # s3: 193 is not 190
    assert full.f1 == pytest.approx(2 / 9)


def test_cameo_full_absent_without_full_codes() -> None:
    gold = GoldSet("p", "plover-json", "-", (sent("s1", gev("XAR", "XBE", plover="ACCUSE")),))
    report = evaluate(gold, fake_coder({"s1": [ev("XAR", "XBE", "112", "ACCUSE")]}))
    assert report.cameo_full is None
    assert (report.tp, report.precision, report.recall) == (1, 1.0, 1.0)  # matched on PLOVER type


def test_empty_coder_scores_zero_not_crash() -> None:
    report = evaluate(dyad_gold(), fake_coder({}))
    assert (report.tp, report.n_pred, report.precision, report.recall, report.f1) == (0, 0, None, 0.0, 0.0)


def test_plover_accuracy_over_dyad_matched_pairs() -> None:
    gold = GoldSet("p", "codebook-tsv", "-", (
        sent("s1", gev("XAR", "XBE", "0311", "REQUEST"), gev("XAR", "XBE", "112", "ACCUSE")),
    ))
    preds = [ev("XAR", "XBE", "100", "REQUEST"), ev("XAR", "XBE", "120", "REJECT"),
             ev("XBE", "XAR", "100", "REQUEST")]
    report = evaluate(gold, fake_coder({"s1": preds}))
    assert (report.plover_accuracy, report.plover_n) == (0.5, 2)


def test_penta_macro_f1_by_hand() -> None:
    gold = GoldSet("c", "penta-tsv", "-", tuple(
        sent(f"p{i}", penta=p, labelled=False) for i, p in enumerate([0, 1, 3, 4, 4])
    ))
    answers = {
        "p1": [ev("XAR", "XBE", "040")],
        "p2": [ev("XAR", "XBE", "040"), ev("XAR", "XBE", "173")],  # most conflictual wins -> 4
        "p3": [ev("XAR", "XBE", "111")],
        "p4": [ev("XAR", "XBE", "180")],
    }  # p0: no event -> class 0
    report = evaluate(gold, fake_coder(answers))
    # class 0: 1.0, class 1: 1.0, class 3: 0.0, class 4: tp 1 of 2 gold / 2 pred -> 0.5
    assert report.penta_macro_f1 == pytest.approx((1 + 1 + 0 + 0.5) / 4)
    assert report.penta_n == 5
    assert report.precision is None and report.n_scored == 0  # no actor labels: no dyad scores
    assert macro_f1([(0, 0), (1, 0)]) == pytest.approx((2 / 3 + 0) / 2)


def test_bare_igo_and_sector_accuracy() -> None:
    gold = GoldSet("s", "codebook-tsv", "-", (
        sent("s1", gev("IGO", "XDR", "070", sectors=("GOV", None)),
             gev("XAR", "XBE", "190", sectors=("GOV", "MIL"))),
    ))
    preds = [ev("IGOLKC", "XDR", "070", src_sector="GOV"), ev("XAR", "XBE", "190", src_sector="GOV"),
             ev("XAR", "XCO", "190")]
    report = evaluate(gold, fake_coder({"s1": preds}))
    assert report.tp == 2
    assert report.actor_sector_accuracy == pytest.approx(2 / 3)  # GOV, GOV right; MIL missed
    assert report.actor_country_accuracy == 1.0


def test_actor_country_accuracy_counts_wrong_dyads() -> None:
    gold = GoldSet("s", "petr-xml", "-", (sent("s1", gev("XAR", "XBE", "190"), gev("XCO", "XBE", "112")),))
    preds = [ev("XAR", "XDR", "190"), ev("XCO", "XBE", "112")]
    assert evaluate(gold, fake_coder({"s1": preds})).actor_country_accuracy == 0.5


def test_fixture_files_end_to_end() -> None:
    gold = read_gold(DATA / "codebook_tiny.tsv")
    answers = {
        "T-1": [ev("XAR", "XBE", "0311", "AGREE"), ev("XBE", "XAR", "030", "AGREE")],
        "T-2": [ev("XCO", "XAR", "112", "ACCUSE")],
        "T-3": [ev("IGOLKC", "XDR", "070", "AID")],
        "cameo_x1": [ev("XAR", "XBE", "010", "")],  # no actor labels: only penta counts
    }
    report = evaluate(gold, fake_coder(answers))
    # scored: T-1 (2 gold), T-2, T-3, T-2#2 (1 each); cameo_x1 has no actor labels
    assert (report.n_scored, report.tp, report.n_gold, report.n_pred) == (4, 4, 5, 4)
    assert report.cameo_full is not None and report.cameo_full.tp == 2  # T-1 030 is not 0311
    assert report.plover_accuracy == 1.0 and report.plover_n == 4
    assert report.actor_sector_accuracy == 0.0  # gold GOV, GOV, COP; the fake coder gave no sectors
    assert report.penta_macro_f1 == 1.0 and report.penta_n == 4  # T-2#2 has no penta label


def _report(name: str, f1: float, penta: float | None = None) -> EvalReport:
    return EvalReport(
        name=name, format="petr-xml", n_sentences=10, n_scored=10, n_gold=10, n_pred=10, tp=int(10 * f1),
        precision=f1, recall=f1, f1=f1, cameo_full=None, plover_accuracy=None, plover_n=0,
        penta_macro_f1=penta, penta_n=0 if penta is None else 10,
    )


def test_check_floors_catches_a_drop() -> None:
    floors = {"*": {"f1": 0.5}, "gsr": {"precision": 0.6}, "penta": {"penta_macro_f1": 0.4}}
    good = [_report("gsr", 0.7), _report("penta", 0.9, penta=0.5)]
    assert check_floors(good, floors) == []
    dropped = [_report("gsr", 0.55), _report("penta", 0.9, penta=None)]
    messages = check_floors(dropped, floors)
    assert messages == [
        "gsr: precision 0.550 below floor 0.600",
        "penta: penta_macro_f1 not measured (floor 0.400)",
    ]
    with pytest.raises(ValueError, match="f2"):
        check_floors(good, {"*": {"f2": 0.1}})


def test_format_reports_table() -> None:
    report = evaluate(dyad_gold(), fake_coder(dyad_answers()))
    fictional = evaluate(read_gold(DATA / "petr_unittest_tiny.xml"), fake_coder({}))
    table = format_reports([report, fictional])
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["gold", "sents", "scored"]
    assert lines[2].startswith("hand") and "33.3" in lines[2] and "66.7" in lines[2] and "44.4" in lines[2]
    assert "[fictional actors]" in lines[3]
    assert isinstance(table, str) and not table.endswith("\n")
