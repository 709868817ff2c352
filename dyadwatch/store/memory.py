"""`MemoryStore`: the in-memory twin of the DuckDB store (plain dicts), for unit tests and dry runs."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date

from dyadwatch.errors import StoreError
from dyadwatch.store.base import (
    ContextStore,
    WriteResult,
    discard_sort_key,
    event_sort_key,
    make_query,
    outlet_name,
    unique_articles,
    unique_discards,
)
from dyadwatch.types import Article, CodedArticle, Discarded, Event, Incident, Sentence


class MemoryStore(ContextStore):
    """A store held in dicts; behaves exactly like `DuckDBStore` and forgets everything on exit."""

    def __init__(self, *, read_only: bool = False) -> None:
        """Start empty; with `read_only` every write raises StoreError."""
        self._read_only = read_only
        self._closed = False
        self._articles: dict[str, Article] = {}
        self._sentences: dict[tuple[str, int], Sentence] = {}
        self._events: dict[str, Event] = {}
        self._discards: dict[tuple[str, str, str], Discarded] = {}
        self._incidents: dict[str, tuple[str, int, str]] = {}

    def _check(self, *, write: bool = False) -> None:
        """Raise StoreError if closed, or if writing to a read-only store."""
        if self._closed:
            raise StoreError("store :memory: is closed; open a new one")
        if write and self._read_only:
            raise StoreError("store :memory: is read-only; open it without read_only to write")

    def write_coded(self, coded: Sequence[CodedArticle]) -> WriteResult:
        """Store new articles with their sentences and events; count the rest as duplicates."""
        self._check(write=True)
        batch = list(coded)
        fresh = [c for c in unique_articles(batch) if c.article.id not in self._articles]
        sentences = events = 0
        for item in fresh:
            self._articles[item.article.id] = item.article
            for sentence in item.sentences:
                key = (sentence.article_id, sentence.index)
                if key not in self._sentences:
                    self._sentences[key] = sentence
                    sentences += 1
            for event in item.events:
                if event.id not in self._events:
                    self._events[event.id] = event
                    events += 1
        return WriteResult(len(fresh), len(batch) - len(fresh), sentences, events)

    def write_discards(self, discards: Sequence[Discarded]) -> int:
        """Store discards not stored yet; return how many were new."""
        self._check(write=True)
        new = 0
        for item in unique_discards(discards):
            key = discard_sort_key(item)
            if key not in self._discards:
                self._discards[key] = item
                new += 1
        return new

    def write_incidents(self, incidents: Sequence[Incident]) -> int:
        """Record each member event's incident, replacing earlier assignments of those events."""
        self._check(write=True)
        rows = {m: (i.id, i.n_mentions, "; ".join(i.outlets)) for i in incidents for m in i.mentions}
        self._incidents.update(rows)
        return len(rows)

    def incident_assignments(self, event_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Event id -> incident id."""
        self._check()
        keys = self._incidents.keys() if event_ids is None else [e for e in event_ids if e in self._incidents]
        return {key: self._incidents[key][0] for key in keys}

    def outlets(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Article id -> outlet (or URL host)."""
        self._check()
        found = {a: self._articles[a] for a in article_ids if a in self._articles}
        names = {a: outlet_name(article.outlet, article.url) for a, article in found.items()}
        return {a: name for a, name in names.items() if name}

    def sentence_texts(self, article_ids: Iterable[str]) -> dict[tuple[str, int], str]:
        """(article id, index) -> sentence text."""
        self._check()
        wanted = set(article_ids)
        return {key: s.text for key, s in self._sentences.items() if key[0] in wanted}

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored."""
        self._check()
        return {i for i in ids if i in self._articles}

    def events(
        self,
        *,
        dyad: tuple[str, str] | None = None,
        both_directions: bool = True,
        since: date | None = None,
        until: date | None = None,
        modalities: Collection[str] | None = None,
    ) -> list[Event]:
        """Stored events matching the filters, in `event_sort_key` order."""
        self._check()
        query = make_query(
            dyad=dyad, both_directions=both_directions, since=since, until=until, modalities=modalities
        )
        return sorted((e for e in self._events.values() if query.matches(e)), key=event_sort_key)

    def article(self, article_id: str) -> Article | None:
        """The stored article, or None."""
        self._check()
        return self._articles.get(article_id)

    def sentence(self, article_id: str, index: int) -> Sentence | None:
        """The stored sentence, or None."""
        self._check()
        return self._sentences.get((article_id, index))

    def discards(self) -> list[Discarded]:
        """Every stored discard, ordered by stage, item id, reason."""
        self._check()
        return sorted(self._discards.values(), key=discard_sort_key)

    def counts(self) -> dict[str, int]:
        """Row counts per table."""
        self._check()
        return {
            "articles": len(self._articles),
            "sentences": len(self._sentences),
            "events": len(self._events),
            "discards": len(self._discards),
            "incidents": len({row[0] for row in self._incidents.values()}),
        }

    def close(self) -> None:
        """Mark the store closed (the data is dropped)."""
        self._closed = True
        self._articles, self._sentences, self._events, self._discards = {}, {}, {}, {}
        self._incidents = {}
