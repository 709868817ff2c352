"""Both backends keep incident assignments, outlets and sentence texts the same way."""

from __future__ import annotations

from datetime import date

from dyadwatch.analysis.incidents import cluster_events
from dyadwatch.types import Actor, Article, CodedArticle, Event, Mention, Sentence, Trigger


def _article(aid: str, outlet: str | None, url: str | None, day: date) -> CodedArticle:
    text = "Russia arrested Azerbaijani journalists in Baku."
    article = Article(id=aid, text=text, outlet=outlet, url=url, published=day)
    event = Event(
        f"e-{aid}", aid, 0,
        Mention("Russia", 0, 6, Actor("RUS", "GOV")),
        Mention("Azerbaijani journalists", 16, 39, Actor("AZE", "MED")),
        Trigger("arrested", 7, 15), "173", "17", "COERCE", -5.0, 4, date=day,
    )
    return CodedArticle(article, (Sentence(aid, 0, 0, len(text), text),), (event,))


def test_incidents_round_trip_and_reassignment_replaces(make_stores) -> None:
    batch = [
        _article("a1", "Caspian Ledger", None, date(2025, 6, 30)),
        _article("a2", None, "https://www.volga.example/x", date(2025, 7, 1)),
        _article("a3", None, None, date(2025, 9, 1)),
    ]
    for store in make_stores():
        store.write_coded(batch)
        events = store.events()
        outlets = store.outlets(["a1", "a2", "a3", "missing"])
        assert outlets == {"a1": "Caspian Ledger", "a2": "volga.example"}
        incidents = cluster_events(events, outlets=outlets)
        assert [i.n_mentions for i in incidents] == [2, 1]
        assert store.write_incidents(incidents) == 3
        assert store.counts()["incidents"] == 2
        assignments = store.incident_assignments()
        assert assignments["e-a1"] == assignments["e-a2"] != assignments["e-a3"]
        assert store.incident_assignments(["e-a3", "nope"]) == {"e-a3": incidents[1].id}
        # re-clustering one event on its own replaces its row, it never duplicates it
        (solo,) = cluster_events([e for e in events if e.id == "e-a2"])
        store.write_incidents([solo])
        assert store.incident_assignments(["e-a2"]) == {"e-a2": solo.id}
        assert store.counts()["incidents"] == 3
        assert store.sentence_texts(["a1"]) == {("a1", 0): batch[0].article.text}
