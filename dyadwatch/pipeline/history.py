"""Event-data files (ICEWS, GDELT, POLECAT) -> store, then re-cluster what was touched."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from functools import partial
from itertools import islice

from dyadwatch.actors import load_actor_dictionary
from dyadwatch.config import Settings
from dyadwatch.errors import HistoryError
from dyadwatch.history import read_history
from dyadwatch.ontology import load_ontology
from dyadwatch.pipeline.incidents import cluster_store
from dyadwatch.store import Store
from dyadwatch.types import CodedArticle, Discarded, IngestSummary

IMPORT_BATCH = 5000
"""Imported rows written per store transaction."""


def import_history(
    kind: str,
    paths: Iterable[str],
    *,
    store: Store,
    settings: Settings,
    countries: Collection[str] | None = None,
    on_item: Callable[[CodedArticle | Discarded], None] | None = None,
) -> IngestSummary:
    """Import every file in `paths` as `kind` ("icews", "gdelt", "polecat") into the store.

    Each row becomes one event with its provenance (file and line, the dataset's own id, publisher
    and URL where the format has them); re-importing a file adds nothing. Rows that cannot be used
    are Discarded with a one-line reason, and so is a file that cannot be read at all (the run goes on
    with the other files). `countries` keeps only rows with a source or target among them.
    """
    dictionary = load_actor_dictionary(settings.actors_file)
    ontology = load_ontology()
    wanted = frozenset(countries) if countries else None
    stored = duplicates = n_events = n_sentences = 0
    discarded: list[Discarded] = []
    touched: set[tuple[str, str]] = set()
    for path in paths:
        rows = partial(read_history, kind, path, dictionary=dictionary, ontology=ontology, countries=wanted)
        for batch in _chunks(_guarded(rows, path), IMPORT_BATCH):
            if on_item:
                for item in batch:
                    on_item(item)
            coded = [item for item in batch if isinstance(item, CodedArticle)]
            discarded.extend(item for item in batch if isinstance(item, Discarded))
            result = store.write_coded(coded)
            touched.update(e.dyad for c in coded for e in c.events)
            stored, duplicates = stored + result.articles, duplicates + result.duplicates
            n_events, n_sentences = n_events + result.events, n_sentences + result.sentences
    store.write_discards(discarded)
    cluster_store(store, dyads=touched)
    return IngestSummary(stored, duplicates, n_events, n_sentences, tuple(discarded))


def _guarded(
    rows: Callable[[], Iterable[CodedArticle | Discarded]], path: str
) -> Iterator[CodedArticle | Discarded]:
    """The rows; a file that is (or turns out) unreadable ends as one Discarded naming it."""
    try:
        yield from rows()
    except HistoryError as e:
        yield Discarded(stage="import", item_id=str(path), reason=str(e), source=str(path))


def _chunks(items: Iterable[CodedArticle | Discarded], size: int) -> Iterator[list[CodedArticle | Discarded]]:
    """Consecutive lists of at most `size` items."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
