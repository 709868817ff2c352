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


def month_sums(brief: str, month: str) -> tuple[float, float]:
    """Goldstein sums (A->B, B->A) of one month's row in the brief's table."""
    row = next(line for line in brief.splitlines() if line.startswith(month + " |"))
    cells = [cell.strip() for cell in row.split("|")]
    return float(cells[3]), float(cells[7])


def test_demo_ingest_summary(demo_store):
    _, summary = demo_store
    assert summary.stored == 39
    assert [d.reason for d in summary.discarded] == ["not English (detected: de)"]
    assert summary.events >= 20


def test_demo_brief_names_the_turning_points(demo_store, settings):
    path, _ = demo_store
    with open_store(str(path), read_only=True) as store:
        brief = brief_for(store, "Azerbaijan", "Russia", settings=settings)
    assert verdict_of(brief, "2024-12") == "▼ deteriorated"
    assert verdict_of(brief, "2025-06") == "▼ deteriorated"
    assert verdict_of(brief, "2025-10") == "▲ improved"
    assert month_sums(brief, "2025-07")[0] < 0  # July stays hostile (asserted events only)
    with open_store(str(path), read_only=True) as store:
        reported = brief_for(store, "AZE", "RUS", settings=settings, modalities=("asserted", "alleged"))
    assert all(g < 0 for g in month_sums(reported, "2025-07"))  # with reported claims: both directions
    turning = brief.split("Turning points", 1)[1].split("Latest events", 1)[0]
    assert "2025-06 ▼" in turning and ("1711" in turning or "173" in turning)  # raids / arrests drive it
    assert "2024-12 ▼" in turning and "195" in turning  # the shoot-down drives December
    assert "left out: 1 negated" in brief and "alleged" in brief


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
