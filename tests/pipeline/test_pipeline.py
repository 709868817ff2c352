"""The whole path with the real model: sources -> store, idempotence, bad input, offsets."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dyadwatch.pipeline import code_texts, run_pipeline
from dyadwatch.store import MemoryStore

pytestmark = pytest.mark.model

ARTICLE = (
    "Azerbaijan's foreign ministry summoned the Russian ambassador on Monday to protest against the raids. "
    "Russian police raided the homes of Azerbaijani residents in Yekaterinburg. "
    "The weather in the capital stayed mild all week, and markets were calm.\n\n"
    "Putin apologised to Aliyev in a telephone call, the Kremlin said."
)


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_code_texts_codes_the_expected_events(coder):
    found = code_texts([("d1", ARTICLE, date(2025, 6, 30))], coder=coder)["d1"]
    got = {(e.source.actor.code, e.target.actor.code, e.cameo) for e in found}
    assert ("AZEGOV", "RUSGOV", "114") in got
    assert ("RUSCOP", "AZECVL", "1711") in got
    assert ("RUSGOV", "AZEGOV", "055") in got
    for event in found:
        for span in (event.source, event.target, event.trigger):
            assert ARTICLE[span.start : span.end] == span.text
        assert event.date == date(2025, 6, 30)
        assert event.versions.startswith("ontology=")


def test_modality_reaches_the_events(coder):
    text = (
        "The Kremlin did not apologise to Azerbaijan. "
        "Russia will release the Azerbaijani nationals. "
        "Azerbaijan may expel Russian diplomats. "
        "Baku denied that Azerbaijani police arrested Russian journalists."
    )
    found = code_texts([("m", text, None)], coder=coder)["m"]
    by_trigger = {e.trigger.text: e.modality for e in found}
    assert by_trigger.get("apologise") == "negated"
    assert by_trigger.get("release") == "future"
    assert by_trigger.get("expel") == "hypothetical"
    assert by_trigger.get("arrested") == "denied"


def test_run_pipeline_is_idempotent_and_survives_bad_items(tmp_path, coder, settings):
    write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "published": "2025-06-30", "title": "Raid", "text": ARTICLE}])
    (tmp_path / "b.jsonl").write_text('{"id": "2", "text": \n', encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    store = MemoryStore()
    first = run_pipeline([str(tmp_path), str(tmp_path / "missing.html")], store=store, settings=settings, coder=coder)
    assert first.stored == 1 and first.events >= 3
    reasons = " | ".join(f"{d.item_id}: {d.reason}" for d in first.discarded)
    assert "b.jsonl:1" in reasons and "invalid JSON" in reasons
    assert "notes.pdf" in reasons and "missing.html" in reasons
    counts = store.counts()
    second = run_pipeline([str(tmp_path)], store=store, settings=settings, coder=coder)
    assert (second.stored, second.events, second.duplicates) == (0, 0, 1)
    assert store.counts()["events"] == counts["events"] and store.counts()["articles"] == 1


def test_same_article_twice_in_one_run_is_stored_once(tmp_path, coder, settings):
    row = {"id": "x", "published": "2025-06-30", "title": "Raid", "text": ARTICLE}
    write_jsonl(tmp_path / "a.jsonl", [row, {**row, "id": "y"}])
    store = MemoryStore()
    summary = run_pipeline([str(tmp_path / "a.jsonl")], store=store, settings=settings, coder=coder)
    assert (summary.stored, summary.duplicates) == (1, 1)


def test_prefilter_skips_sentences_without_actors(coder):
    from dyadwatch.types import Article

    [parse] = coder.extractor.parse([Article(id="p", text=ARTICLE)])
    assert len(parse.sentences) == 4
    assert parse.parsed == 3
