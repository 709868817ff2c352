"""Read the real gold files in ../shared/data/gold-dev (skipped where that folder is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadwatch.eval import PLOVER_RENAMES, evaluate, format_reports, read_gold
from dyadwatch.eval.gold import PLOVER_TYPES

GOLD_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "gold-dev"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not GOLD_DEV.is_dir(), reason=f"shared gold data not found at {GOLD_DEV}"),
]


def gold_file(relative: str) -> Path:
    path = GOLD_DEV / relative
    if not path.is_file():
        pytest.skip(f"{relative} missing from {GOLD_DEV}")
    return path


def test_plover_gsr_json_counts() -> None:
    path = gold_file("plover/PLOVER_GSR_CAMEO.txt")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert len(raw) == 323  # 322 events + the DOCUMENT record
    gold = read_gold(path)
    assert gold.format == "plover-json" and len(gold.sentences) == 322
    assert len({s.id for s in gold.sentences}) == 322  # one upstream id is repeated; made unique
    types = {e.plover for s in gold.sentences for e in s.events}
    assert types <= PLOVER_TYPES and not types & set(PLOVER_RENAMES)
    reciprocal = [s for s in gold.sentences if s.id == "PLOVER-GSR01-AGREE-0001"][0]
    assert [(e.source, e.target) for e in reciprocal.events] == [("HUN", "ROU"), ("ROU", "HUN")]


def test_codebook_tsv_counts() -> None:
    gold = read_gold(gold_file("dev_codebook_examples_joined.tsv"))
    assert gold.format == "codebook-tsv" and len(gold.sentences) == 375
    with_full_code = [s for s in gold.sentences if any(e.cameo for e in s.events)]
    assert len(with_full_code) == 283
    assert sum(s.has_actor_labels for s in gold.sentences) == 322


def test_petr2_gsr_counts() -> None:
    gold = read_gold(gold_file("universalpetrarch/PETR2_GSR_validation.xml"))
    assert gold.format == "petr-xml" and not gold.fictional_actors
    assert len(gold.sentences) == 78
    assert sum(len(s.events) for s in gold.sentences) == 80
    assert sum(not s.events for s in gold.sentences) == 12
    assert all(s.text for s in gold.sentences)  # one record has an empty <Text>: rebuilt from its parse


def test_petr_unit_test_suites_are_fictional() -> None:
    unit = read_gold(gold_file("petrarch2/PETR.UnitTest.records.xml"))
    assert unit.format == "petr-unittest" and len(unit.sentences) == 284
    assert sum(len(s.events) for s in unit.sentences) == 359  # 385 codings less 26 noevents/error
    ud = read_gold(gold_file("universalpetrarch/PETR_Validate_records_2_02.xml"))
    assert ud.format == "petr-unittest" and len(ud.sentences) == 264  # 274 records, 10 evaluate="false"


def test_conflibert_penta_counts() -> None:
    gold = read_gold(gold_file("conflibert/cameo_class_test.tsv"))
    assert gold.format == "penta-tsv" and len(gold.sentences) == 451
    assert {s.penta for s in gold.sentences} == {0, 1, 2, 3, 4}


def test_empty_coder_runs_over_every_gold_file() -> None:
    names = ["plover/PLOVER_GSR_CAMEO.txt", "dev_codebook_examples_joined.tsv",
             "universalpetrarch/PETR2_GSR_validation.xml", "conflibert/cameo_class_test.tsv"]
    reports = [evaluate(read_gold(gold_file(n)), lambda items: {}) for n in names]
    assert all(r.tp == 0 for r in reports)
    assert len(format_reports(reports).splitlines()) == len(names) + 2
