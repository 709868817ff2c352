"""Read-only access to one store file, shared by every request of the web app.

The app never holds a DuckDB connection between requests: each read opens the file read-only, reads
and closes it again (under one lock), so `dyadwatch ingest` can write to the store while the
dashboard is running, between two page loads. What every page needs (every incident with its
mentions and sentences) is read once into a `Corpus` and kept until the store file changes on disk
(its size or modification time, or that of its write-ahead log); results derived from a corpus are
memoised per corpus version with `StoreReader.memo`.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar

from dyadwatch.analysis.incidents import incidents_from_assignments
from dyadwatch.errors import StoreError
from dyadwatch.store import Store, open_store
from dyadwatch.types import Event, Incident

T = TypeVar("T")

MEMO_SIZE = 32
"""Derived results (dyad analyses, the ranked dyad list) kept per corpus version, least recently used dropped."""

Version = tuple[int, int, int, int]
"""(mtime_ns, size) of the store file and of its write-ahead log (0, 0 when absent)."""


@dataclass(frozen=True)
class Corpus:
    """Every incident of the store with the records needed to show and search it."""

    incidents: tuple[Incident, ...]
    """All incidents (every dyad, every modality), in date order."""
    by_id: Mapping[str, Incident]
    """Incident id -> incident."""
    events: Mapping[str, Event]
    """Event (mention) id -> event, for every stored event."""
    sentences: Mapping[tuple[str, int], str]
    """(article id, sentence index) -> sentence text, for every article with an event."""
    outlets: Mapping[str, str]
    """Article id -> outlet name (articles without outlet or URL are left out)."""

    def sentence_of(self, incident: Incident) -> str:
        """The sentence of the incident's representative mention ("" when unknown)."""
        return self.sentences.get((incident.event.article_id, incident.event.sentence_index), "")

    def dyad_incidents(self, a: str, b: str) -> tuple[Incident, ...]:
        """Incidents between `a` and `b`, both directions, in date order."""
        return tuple(i for i in self.incidents if i.dyad in ((a, b), (b, a)))


def load_corpus(store: Store) -> Corpus:
    """Read every event, its incident assignment, outlet and sentence from `store`."""
    events = store.events()
    articles = {e.article_id for e in events}
    outlets = store.outlets(articles)
    incidents = incidents_from_assignments(events, store.incident_assignments(), outlets=outlets)
    return Corpus(
        incidents=incidents,
        by_id=MappingProxyType({i.id: i for i in incidents}),
        events=MappingProxyType({e.id: e for e in events}),
        sentences=MappingProxyType(store.sentence_texts(articles)),
        outlets=MappingProxyType(outlets),
    )


def _file_path(store_path: str) -> str:
    """The file behind a store path, as `open_store` reads it ("duckdb:" prefix dropped, "~" expanded)."""
    text = store_path
    if text.startswith("duckdb:"):
        text = text.removeprefix("duckdb:")
        text = text[2:] if text.startswith("//") else text
    return os.path.expanduser(text)


def store_version(path: str) -> Version:
    """What changes when anyone writes to the store file at `path`."""
    stats = []
    for name in (path, path + ".wal"):
        try:
            st = os.stat(name)
            stats += [st.st_mtime_ns, st.st_size]
        except FileNotFoundError:
            stats += [0, 0]
    return (stats[0], stats[1], stats[2], stats[3])


class StoreReader:
    """One store file read by many request threads: a lock, a cached `Corpus`, and memoised results."""

    def __init__(self, path: str) -> None:
        """Check that `path` is a DuckDB store that opens read-only (StoreError if not)."""
        if path.strip() in (":memory:", "duckdb::memory:"):
            raise StoreError(
                "store_path ':memory:' cannot be served: the web app reads a store file; give --store PATH"
            )
        self.path = _file_path(path)
        self._lock = threading.RLock()
        self._version: Version | None = None
        self._corpus: Corpus | None = None
        self._memo: OrderedDict[tuple[Version, Any], Any] = OrderedDict()
        with self.store():
            pass

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The store, opened read-only for the duration of the block (other readers wait)."""
        with self._lock, open_store(self.path, read_only=True) as store:
            yield store

    def corpus(self) -> Corpus:
        """The store's corpus, read again when the file changed since the last read."""
        with self._lock:
            version = store_version(self.path)
            if self._corpus is None or version != self._version:
                with self.store() as store:
                    self._corpus = load_corpus(store)
                self._version = version
                self._memo.clear()
            return self._corpus

    def memo(self, key: Any, compute: Callable[[Corpus], T]) -> T:
        """`compute(corpus)` for the current corpus, memoised under `key` until the store changes."""
        with self._lock:
            corpus = self.corpus()
            slot = (self._version, key)
            if slot in self._memo:
                self._memo.move_to_end(slot)
                return self._memo[slot]
            value = compute(corpus)
            self._memo[slot] = value
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
            return value
