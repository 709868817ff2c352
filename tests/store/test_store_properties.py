"""Property tests: both backends round-trip records, write idempotently and filter identically."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_strategies import KEYS, batches, dates, discards

from dyadwatch.store import WriteResult
from dyadwatch.store.base import event_sort_key, unique_by
from dyadwatch.types import MODALITIES, CodedArticle, Event

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def expected_events(batch: list[CodedArticle]) -> list[Event]:
    """What the store should hold for one batch: first article per id, first event per id, sorted."""
    articles = unique_by(batch, lambda c: c.article.id)
    events = unique_by((e for c in articles for e in c.events), lambda e: e.id)
    return sorted(events, key=event_sort_key)


@SETTINGS
@given(batch=batches)
def test_round_trip_gives_equal_records(make_stores, batch: list[CodedArticle]) -> None:
    for store in make_stores():
        result = store.write_coded(batch)
        unique = unique_by(batch, lambda c: c.article.id)
        assert result.articles == len(unique)
        assert result.duplicates == len(batch) - len(unique)
        assert result.sentences == sum(len(c.sentences) for c in unique)
        assert store.events() == expected_events(batch)
        for item in unique:
            assert store.article(item.article.id) == item.article
            for sentence in item.sentences:
                assert store.sentence(sentence.article_id, sentence.index) == sentence
            assert store.sentence(item.article.id, len(item.sentences)) is None
        assert store.article("a-missing") is None
        assert store.counts()["articles"] == len(unique)


@SETTINGS
@given(batch=batches)
def test_writing_twice_adds_nothing(make_stores, batch: list[CodedArticle]) -> None:
    for store in make_stores():
        first = store.write_coded(batch)
        before = store.counts()
        again = store.write_coded(batch)
        assert again == WriteResult(articles=0, duplicates=len(batch), sentences=0, events=0)
        assert store.counts() == before
        assert first.events == before["events"]
        assert store.known_article_ids([c.article.id for c in batch] + ["nope"]) == {
            c.article.id for c in batch
        }


@SETTINGS
@given(first=batches, second=batches)
def test_incremental_writes_agree(make_stores, first: list[CodedArticle], second: list[CodedArticle]) -> None:
    memory, duck = make_stores()
    for batch in (first, second):
        assert memory.write_coded(batch) == duck.write_coded(batch)
    assert memory.events() == duck.events() == expected_events(first + second)
    assert memory.counts() == duck.counts()


filters = st.fixed_dictionaries(
    {},
    optional={
        "dyad": st.tuples(
            st.sampled_from(KEYS + ("IGOUNO", "IGOEU", "XXX")), st.sampled_from(KEYS + ("IGOUNO",))
        ),
        "both_directions": st.booleans(),
        "since": st.none() | dates,
        "until": st.none() | dates,
        "modalities": st.none()
        | st.frozensets(st.sampled_from(MODALITIES))
        | st.lists(st.sampled_from(MODALITIES)),
    },
)


def reference(events: list[Event], args: dict) -> list[Event]:
    """Brute-force filter written independently of the store code."""
    dyad, both = args.get("dyad"), args.get("both_directions", True)
    since, until, modalities = args.get("since"), args.get("until"), args.get("modalities")
    kept = []
    for e in events:
        if dyad and not (e.dyad == dyad or (both and e.dyad == (dyad[1], dyad[0]))):
            continue
        if since and (e.date is None or e.date < since):
            continue
        if until and (e.date is None or e.date > until):
            continue
        if modalities is not None and e.modality not in modalities:
            continue
        kept.append(e)
    return kept


@SETTINGS
@given(batch=batches, args=filters)
def test_filters_agree_across_backends(make_stores, batch: list[CodedArticle], args: dict) -> None:
    memory, duck = make_stores()
    memory.write_coded(batch)
    duck.write_coded(batch)
    want = reference(expected_events(batch), args)
    assert memory.events(**args) == want
    assert duck.events(**args) == want


@SETTINGS
@given(items=st.lists(discards, max_size=12))
def test_discards_idempotent(make_stores, items) -> None:
    unique = unique_by(items, lambda d: (d.stage, d.item_id, d.reason))
    want = sorted(unique, key=lambda d: (d.stage, d.item_id, d.reason))
    for store in make_stores():
        assert store.write_discards(items) == len(unique)
        assert store.write_discards(items) == 0
        assert store.discards() == want
        assert store.counts()["discards"] == len(unique)


def test_ordering_is_date_article_sentence_trigger(make_stores) -> None:
    from store_strategies import split_sentences  # noqa: PLC0415

    from dyadwatch.types import Actor, Article, Mention, Trigger

    art = Article(id="a1", text="Azerbaijan met Russia. Russia met Azerbaijan.", published=date(2024, 5, 1))
    sentences = split_sentences(art, [23])
    aze, rus = Actor("AZE", "GOV", name="Azerbaijan"), Actor("RUS", name="Russia")

    def ev(i: str, idx: int, trig: int, when: date | None) -> Event:
        return Event(
            i,
            "a1",
            idx,
            Mention("Azerbaijan", 0, 10, aze),
            Mention("Russia", 15, 21, rus),
            Trigger("met", trig, trig + 3),
            "036",
            "03",
            "CONSULT",
            4.0,
            1,
            date=when,
        )

    events = (
        ev("e1", 1, 30, None),
        ev("e2", 1, 30, date(2024, 5, 1)),
        ev("e3", 0, 11, date(2024, 5, 1)),
        ev("e4", 0, 5, date(2024, 5, 1)),
        ev("e5", 0, 5, date(2023, 1, 1)),
    )
    for store in make_stores():
        store.write_coded([CodedArticle(art, sentences, events)])
        assert [e.id for e in store.events()] == ["e5", "e4", "e3", "e2", "e1"]
        assert [e.id for e in store.events(since=date(2024, 1, 1))] == ["e4", "e3", "e2"]
        assert [e.id for e in store.events(until=date(2023, 1, 1))] == ["e5"]
        assert store.events(dyad=("RUS", "AZE"), both_directions=False) == []
        assert len(store.events(dyad=("RUS", "AZE"))) == 5
        assert store.events(modalities=()) == []
        assert len(store.events(modalities="asserted")) == 5
