"""CLI commands through click's runner, with the real model and a DuckDB file in tmp_path."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from dyadwatch.cli import main

pytestmark = pytest.mark.model

TEXT = (
    "Azerbaijan's foreign ministry summoned the Russian ambassador on Monday. "
    "Azerbaijani police arrested two Russian journalists in Baku. "
    "Putin apologised to Aliyev."
)


@pytest.fixture()
def store_with_data(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "1", "published": "2025-06-30", "title": "t", "text": TEXT}) + "\n")
    store = tmp_path / "s.duckdb"
    result = CliRunner().invoke(main, ["--store", str(store), "ingest", str(src)])
    assert result.exit_code == 0, result.output
    assert "stored 1 article(s)" in result.output
    return store


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_ingest_twice_reports_duplicate(store_with_data, tmp_path):
    result = run("--store", str(store_with_data), "ingest", str(tmp_path / "in.jsonl"))
    assert result.exit_code == 0
    assert "stored 0 article(s)" in result.output and "1 duplicate(s)" in result.output


def test_ingest_lists_discards_with_reasons(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    result = run("--store", str(tmp_path / "s.duckdb"), "ingest", str(bad), str(tmp_path / "nope.html"))
    assert result.exit_code == 0
    assert "discarded" in result.output and "bad.jsonl:1" in result.output and "nope.html" in result.output


def test_events_formats(store_with_data):
    table = run("--store", str(store_with_data), "events", "--dyad", "AZE-RUS")
    assert table.exit_code == 0 and "AZEGOV" in table.output and "114" in table.output
    rows = list(csv.DictReader(io.StringIO(run("--store", str(store_with_data), "events", "--format", "csv").output)))
    assert {"date", "source", "target", "cameo", "modality"} <= set(rows[0])
    lines = run("--store", str(store_with_data), "events", "--format", "jsonl").output.splitlines()
    assert lines and all(json.loads(line)["source"]["code"] for line in lines)
    none = run("--store", str(store_with_data), "events", "--since", "2026-01-01", "--format", "jsonl")
    assert none.exit_code == 0 and none.output == ""


def test_events_rejects_bad_dyad(store_with_data):
    result = run("--store", str(store_with_data), "events", "--dyad", "AZERUS")
    assert result.exit_code != 0 and "AZERUS" in result.output


def test_brief_accepts_names_and_codes(store_with_data):
    by_name = run("--store", str(store_with_data), "brief", "Azerbaijan", "Russia")
    by_code = run("--store", str(store_with_data), "brief", "AZE", "RUS")
    assert by_name.exit_code == 0 and by_name.output == by_code.output
    assert "Azerbaijan (AZE) – Russia (RUS)" in by_name.output and "2025-06" in by_name.output


def test_unknown_party_is_a_one_line_error(store_with_data):
    result = run("--store", str(store_with_data), "brief", "Narnia", "RUS")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: 'Narnia' is not a known state or organisation; give an ISO3 code (e.g. AZE) or a name"
    ]


def test_missing_store_is_a_one_line_error(tmp_path):
    result = run("--store", str(tmp_path / "none.duckdb"), "events")
    assert result.exit_code == 1 and result.output.startswith("error: ") and len(result.output.splitlines()) == 1


def test_code_contract(tmp_path):
    docs = [
        {"id": "d1", "text": TEXT, "date": "2025-06-30"},
        {"id": "d2", "text": "Nothing of note happened today."},
    ]
    stdin = "".join(json.dumps(d) + "\n" for d in docs) + "not json\n"
    result = run("code", input=stdin)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["doc_id"] for r in records} == {"d1"}
    keys = {"doc_id", "sentence", "source", "target", "cameo", "cameo_root", "plover", "goldstein", "quad",
            "modality", "trigger", "date"}
    for r in records:
        assert keys <= set(r)
        for part in ("source", "target", "trigger"):
            assert TEXT[r[part]["start"] : r[part]["end"]] == r[part]["text"]
        assert {"text", "start", "end", "country", "sector", "code"} <= set(r["source"])
        assert r["modality"] in {"asserted", "negated", "denied", "alleged", "hypothetical", "future"}
        assert r["date"] == "2025-06-30"
    assert "skipped line 3" in result.stderr


def test_code_writes_to_a_file(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "Putin apologised to Aliyev."}) + "\n")
    assert run("code", "--input", str(src), "--output", str(out)).exit_code == 0
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["source"]["code"] == "RUSGOV" and record["target"]["code"] == "AZEGOV" and record["date"] is None


def test_eval_on_own_fixture_and_floors(tmp_path):
    gold = tmp_path / "gold.tsv"
    gold.write_text("Putin apologised to Aliyev.\t1\nAzerbaijani police arrested Russian journalists.\t4\n")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"gold": {"penta_macro_f1": 0.99}}))
    ok = run("eval", str(gold))
    assert ok.exit_code == 0 and "penta" in ok.output
    strict = run("eval", str(gold), "--floors", str(floors))
    floors.write_text(json.dumps({"gold": {"penta_macro_f1": 1.01}}))
    failing = run("eval", str(gold), "--floors", str(floors))
    assert strict.exit_code == 0 and failing.exit_code == 1 and "below floor" in failing.output


def test_stats(store_with_data):
    result = run("--store", str(store_with_data), "stats")
    assert result.exit_code == 0 and "articles: 1" in result.output


def test_eval_bad_inputs_are_one_line_errors(tmp_path):
    gold = tmp_path / "gold.tsv"
    gold.write_text("Putin apologised to Aliyev.\t1\n")
    floors = tmp_path / "floors.json"
    floors.write_text("{not json")
    for args in (["eval", str(tmp_path / "missing.xml")], ["eval", str(gold), "--floors", str(floors)]):
        result = run(*args)
        assert result.exit_code == 1 and result.output.startswith("error: ") and len(result.output.splitlines()) == 1


def test_bad_user_actor_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "mine.tsv"
    bad.write_text("alias\tcode\nX\tY\n", encoding="utf-8")
    result = run("--actors", str(bad), "actors", "lookup", "Baku")
    assert result.exit_code == 1 and result.output.startswith("error: ") and "mine.tsv:1" in result.output
