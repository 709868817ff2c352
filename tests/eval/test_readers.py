"""Readers: each format parses, is detected, expands reciprocal actors; junk is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyadwatch.errors import GoldFormatError
from dyadwatch.eval import (
    GoldEvent,
    current_plover,
    detect_format,
    penta_of_root,
    read_gold,
    split_petr_code,
)

DATA = Path(__file__).parent / "data"


def dyads(events: tuple[GoldEvent, ...]) -> list[tuple[str | None, str | None]]:
    return [(e.source, e.target) for e in events]


def test_plover_json_skips_document_and_expands_reciprocal() -> None:
    gold = read_gold(DATA / "plover_tiny.json")
    assert gold.format == "plover-json" and gold.name == "plover_tiny"
    assert [s.id for s in gold.sentences] == [
        "TINY-AGREE-0001", "TINY-DEMAND-0001", "TINY-RETREAT-0001", "TINY-DEMAND-0001#2",
    ]
    agree = gold.sentences[0]
    assert agree.date == date(2031, 3, 4)
    assert dyads(agree.events) == [("XAR", "XBE"), ("XBE", "XAR")]
    assert {e.source_sector for e in agree.events} == {"GOV"}
    assert all(e.plover == "AGREE" and e.root is None for e in agree.events)


def test_plover_json_renames_and_keeps_slips() -> None:
    demand, retreat, fight = read_gold(DATA / "plover_tiny.json").sentences[1:]
    assert demand.events == (GoldEvent("XCO", "XAR", None, "MIL", None, None, "REQUEST"),)
    assert dyads(retreat.events) == [("XBE", None)] and retreat.events[0].plover == "YIELD"
    # a plain-string target ("diplomatic") is a slip: reciprocal over the listed sources only
    assert dyads(fight.events) == [("XDR", "XCO"), ("XCO", "XDR")]
    assert fight.events[0].plover == "ASSAULT"


def test_codebook_tsv() -> None:
    gold = read_gold(DATA / "codebook_tiny.tsv")
    assert gold.format == "codebook-tsv"
    s1, s2, s3, s4, s5 = gold.sentences
    assert dyads(s1.events) == [("XAR", "XBE"), ("XBE", "XAR")]
    first = s1.events[0]
    assert (first.cameo, first.root, first.plover, s1.penta) == ("0311", "03", "AGREE", 1)
    assert s2.events == (GoldEvent("XCO", "XAR", None, "COP", "11", "112", "ACCUSE"),)
    assert s3.events[0].source == "IGO" and s3.events[0].source_sector is None and s3.events[0].cameo is None
    assert not s4.has_actor_labels and s4.penta == 0 and s4.events[0].root == "01"
    assert s5.id == "T-2#2" and s5.penta is None and s5.events[0].plover == "ASSAULT"


def test_petr_xml_with_banner_comments_and_self_closing_sentences() -> None:
    gold = read_gold(DATA / "petr_tiny.xml")
    assert gold.format == "petr-xml" and not gold.fictional_actors
    assert [s.id for s in gold.sentences] == ["X1", "X2", "X3", "X5", "X6"]  # X4: evaluate="false"
    x1, x2, x3, x5, x6 = gold.sentences
    assert x1.text == "The Arvanian president flew to Beloria & met its leaders."
    assert x1.date == date(2031, 3, 4)
    assert dyads(x1.events) == [("XAR", "XBE"), ("XBE", "XAR")] and x1.events[0].source_sector == "GOV"
    assert x2.events == () and x2.date is None and x2.has_actor_labels  # noevents, 6-digit date
    assert x3.events == (GoldEvent("IGOUNO", "XCO", "MIL", "REB", "08", "0841", None),)
    assert x5.events[0].source is None and x5.events[0].source_sector == "REB"
    assert x6.text == "Dravonian police detained two Belorians."  # empty <Text>: rebuilt from the parse


def test_petr_unittest_is_marked_fictional() -> None:
    gold = read_gold(DATA / "petr_unittest_tiny.xml")
    assert gold.format == "petr-unittest" and gold.fictional_actors
    assert [len(s.events) for s in gold.sentences] == [1, 0]  # error="..." -> no events
    assert gold.sentences[0].events[0].cameo == "064"


def test_penta_tsv() -> None:
    gold = read_gold(DATA / "penta_tiny.tsv")
    assert gold.format == "penta-tsv"
    assert [s.penta for s in gold.sentences] == [0, 1, 2, 3, 4]
    assert not any(s.has_actor_labels or s.events for s in gold.sentences)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("plover_tiny.json", "plover-json"),
        ("codebook_tiny.tsv", "codebook-tsv"),
        ("petr_tiny.xml", "petr-xml"),
        ("penta_tiny.tsv", "penta-tsv"),
        ("junk.txt", None),
    ],
)
def test_detect_format(name: str, fmt: str | None) -> None:
    path = DATA / name
    assert detect_format(path.read_text(encoding="utf-8"), suffix=path.suffix) == fmt


def test_junk_file_raises_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="junk.txt"):
        read_gold(DATA / "junk.txt")
    bad_json = tmp_path / "broken.json"
    bad_json.write_text('[{"event": "AGREE",', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="broken.json"):
        read_gold(bad_json)
    with pytest.raises(GoldFormatError, match="missing.tsv"):
        read_gold(tmp_path / "missing.tsv")
    other_xml = tmp_path / "feed.xml"
    other_xml.write_text("<rss><channel><title>x</title></channel></rss>", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="feed.xml"):
        read_gold(other_xml)


def test_code_tables() -> None:
    assert split_petr_code("USA") == ("USA", None)
    assert split_petr_code("RUSMIL") == ("RUS", "MIL")
    assert split_petr_code("IGOUNOMIL") == ("IGOUNO", "MIL")
    assert split_petr_code("IRQGOVMIL") == ("IRQ", "GOV")
    assert [penta_of_root(r) for r in ("01", "02", "03", "05", "06", "08", "09", "13", "16")] == [
        0, 0, 1, 1, 2, 2, 3, 3, 3,
    ]
    assert [penta_of_root(r) for r in ("14", "15", "17", "20", "34", None)] == [4, 4, 4, 4, None, None]
    assert [current_plover(n) for n in ("DEMAND", "DISAPPROVE", "CONCEDE", "RETREAT", "FIGHT")] == [
        "REQUEST", "ACCUSE", "YIELD", "YIELD", "ASSAULT",
    ]
    assert current_plover("INVESTIGATE") == "ACCUSE" and current_plover("") is None
