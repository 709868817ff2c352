"""End to end on the bundled demo corpus: ingest into DuckDB, then the brief."""

from __future__ import annotations

import pytest

from dyadwatch.nlp import HEADLINE
from dyadwatch.pipeline import brief_for, run_pipeline
from dyadwatch.store import open_store
from tests.conftest import DEMO_CORPUS

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, settings, coder):
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with open_store(str(path)) as store:
        summary = run_pipeline([str(DEMO_CORPUS)], store=store, settings=settings, coder=coder)
    return path, summary


def verdict_of(brief: str, month: str) -> str:
    row = next(line for line in brief.splitlines() if line.startswith(month + " |"))
    return row.rsplit("|", 1)[1].strip()


def section_of(brief: str, title: str, following: str) -> str:
    return brief.split(f"\n{title}\n", 1)[1].split(f"\n{following}\n", 1)[0]


def test_demo_ingest_summary(demo_store):
    _, summary = demo_store
    assert summary.stored == 39
    assert [d.reason for d in summary.discarded] == ["not English (detected: de)"]
    assert summary.events >= 20


def test_demo_brief_names_the_turning_points_with_their_drivers(demo_store, settings):
    path, _ = demo_store
    with open_store(str(path), read_only=True) as store:
        brief = brief_for(store, "Azerbaijan", "Russia", settings=settings)
    for month in ("2024-12", "2025-06", "2025-07"):
        assert verdict_of(brief, month) == "▼ deteriorated", month
    assert verdict_of(brief, "2025-10") == "▲ improved"
    for month in ("2025-03", "2025-04", "2025-05", "2025-08", "2025-09"):
        assert verdict_of(brief, month) in ("= unchanged", "· no events"), month
    turning = section_of(brief, "Trajectory", "Third parties")
    assert "2024-12 ▼" in turning and "195 ASSAULT 'shot down'" in turning  # the shoot-down drives December
    assert "2025-06 ▼" in turning and "1711 COERCE 'raided'" in turning  # raids drive June
    assert "2025-10 ▲" in turning and ("055 SUPPORT" in turning or "0841 RETREAT" in turning)
    assert "negated" in brief.splitlines()[1] and "alleged" in brief  # left out, with reasons


def test_demo_brief_counts_incidents_not_reports(demo_store, settings):
    path, _ = demo_store
    with open_store(str(path), read_only=True) as store:
        brief = brief_for(store, "AZE", "RUS", settings=settings)
        counts = store.counts()
    header = brief.splitlines()[0]
    incidents, reports = (int(x) for x in header.split(": ", 1)[1].split(" reports")[0].split(" incidents from "))
    assert incidents < reports  # one raid reported by several outlets counts once
    assert counts["incidents"] < counts["events"]
    sputnik = next(line for line in brief.splitlines() if "AZE COP → RUS MED 1711" in line)
    outlets = int(sputnik.split(" outlets")[0].rsplit(", ", 1)[1])
    assert outlets >= 4  # the Sputnik office raid was reported by at least four outlets


def test_demo_brief_sections_carry_the_analyses(demo_store, settings):
    path, _ = demo_store
    with open_store(str(path), read_only=True) as store:
        brief = brief_for(store, "Azerbaijan", "Russia", settings=settings)
    scenarios = section_of(brief, "Scenarios", "Forecast")
    final = {line.split()[0]: float(line.split()[1]) for line in scenarios.splitlines()
             if line.startswith("  ") and line.split()[0] in ("H1", "H2", "S1", "S2")}
    assert final["S1"] > final["S2"]  # by October the thaw signposts (apology, release) have fired
    assert "pts to S1" in scenarios and "'release_of_detainees' fired" in scenarios
    forecast = section_of(brief, "Forecast", "Latest events")
    assert "P(crisis in 2025-11) = " in forecast and "80% range" in forecast
    trajectory = section_of(brief, "Trajectory", "Third parties")
    assert "2025-06 to 2025-07" in trajectory  # PELT finds the June-July regime of hostile incidents
    assert "answers" in trajectory  # tit-for-tat


def test_demo_events_trace_back_to_their_sentences(demo_store):
    path, _ = demo_store
    with open_store(str(path), read_only=True) as store:
        events = store.events()
        assert events
        for event in events:
            article = store.article(event.article_id)
            sentence = store.sentence(event.article_id, event.sentence_index)
            assert article is not None and sentence is not None
            text = article.title if event.sentence_index == HEADLINE else article.text
            assert text[sentence.start : sentence.end] == sentence.text
            for span in (event.source, event.target, event.trigger):
                assert text[span.start : span.end] == span.text
                assert sentence.start <= span.start and span.end <= sentence.end


def test_demo_headlines_are_coded_once(demo_store):
    path, _ = demo_store
    with open_store(str(path), read_only=True) as store:
        events = store.events()
        headline = [e for e in events if e.sentence_index == HEADLINE]
        body = {(e.article_id, e.dyad, e.cameo_root) for e in events if e.sentence_index != HEADLINE}
        assert all((e.article_id, e.dyad, e.cameo_root) not in body for e in headline)
        assert store.sentence(events[0].article_id, HEADLINE) is not None  # every headline is stored
