"""What every store offers: the `Store` protocol, `WriteResult`, and helpers both backends share."""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Protocol, TypeVar, runtime_checkable
from urllib.parse import urlsplit

from dyadwatch.errors import StoreError
from dyadwatch.types import Article, CodedArticle, Discarded, Event, Incident, Sentence

T = TypeVar("T")


@dataclass(frozen=True)
class WriteResult:
    """Counts of new rows one `Store.write_coded` call wrote."""

    articles: int = 0
    """New articles stored."""
    duplicates: int = 0
    """Articles skipped: already stored, or repeated earlier in the same batch."""
    sentences: int = 0
    """New sentence rows."""
    events: int = 0
    """New event rows."""


@dataclass(frozen=True)
class EventQuery:
    """The filters of `Store.events`, checked and normalised once for both backends."""

    dyad: tuple[str, str] | None = None
    """(source key, target key) or None for every dyad."""
    both_directions: bool = True
    """Also match target -> source."""
    since: date | None = None
    """Earliest event date, inclusive."""
    until: date | None = None
    """Latest event date, inclusive."""
    modalities: frozenset[str] | None = None
    """Allowed modalities, or None for all."""

    def matches(self, event: Event) -> bool:
        """Whether `event` passes every filter (the reference semantics the SQL backend mirrors)."""
        if self.dyad is not None:
            pair = event.dyad
            if pair != self.dyad and not (self.both_directions and pair == self.dyad[::-1]):
                return False
        if (self.since is not None or self.until is not None) and event.date is None:
            return False
        if self.since is not None and event.date < self.since:  # type: ignore[operator]
            return False
        if self.until is not None and event.date > self.until:  # type: ignore[operator]
            return False
        return self.modalities is None or event.modality in self.modalities


def make_query(
    *,
    dyad: tuple[str, str] | None,
    both_directions: bool,
    since: date | None,
    until: date | None,
    modalities: Collection[str] | None,
) -> EventQuery:
    """Validate the arguments of `Store.events` and bundle them; StoreError on a malformed filter."""
    if dyad is not None:
        if isinstance(dyad, str) or len(dyad) != 2 or not all(isinstance(k, str) for k in dyad):
            raise StoreError(f"dyad must be a pair of actor keys such as ('AZE', 'RUS'), got {dyad!r}")
        dyad = (dyad[0], dyad[1])
    for name, value in (("since", since), ("until", until)):
        if value is not None and not isinstance(value, date):
            raise StoreError(f"{name} must be a datetime.date, got {value!r}")
    if isinstance(modalities, str):
        modalities = (modalities,)
    chosen = None if modalities is None else frozenset(modalities)
    return EventQuery(dyad, bool(both_directions), since, until, chosen)


def event_sort_key(event: Event) -> tuple[bool, date, str, int, int, str]:
    """Order of `Store.events`: date (undated last), article id, sentence index, trigger start, id."""
    return (
        event.date is None,
        event.date or date.min,
        event.article_id,
        event.sentence_index,
        event.trigger.start,
        event.id,
    )


def discard_sort_key(item: Discarded) -> tuple[str, str, str]:
    """Order of `Store.discards`: stage, item id, reason."""
    return (item.stage, item.item_id, item.reason)


def unique_articles(coded: Sequence[CodedArticle]) -> list[CodedArticle]:
    """The batch with repeated article ids dropped (first occurrence wins)."""
    seen: set[str] = set()
    kept: list[CodedArticle] = []
    for item in coded:
        if not isinstance(item, CodedArticle):
            raise StoreError(f"write_coded expects CodedArticle records, got {type(item).__name__}")
        if item.article.id not in seen:
            seen.add(item.article.id)
            kept.append(item)
    return kept


def unique_by(items: Iterable[T], key: Callable[[T], Hashable]) -> list[T]:
    """Items with repeated keys dropped (first occurrence wins), order kept."""
    seen: dict[Hashable, T] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def outlet_name(outlet: str | None, url: str | None) -> str:
    """The outlet, else the host of the URL (without "www."), else ""."""
    if outlet:
        return outlet
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.")
    return ""


def unique_discards(discards: Iterable[Discarded]) -> list[Discarded]:
    """Discards with repeated (stage, item_id, reason) dropped (first occurrence wins)."""
    seen: dict[tuple[str, str, str], Discarded] = {}
    for item in discards:
        if not isinstance(item, Discarded):
            raise StoreError(f"write_discards expects Discarded records, got {type(item).__name__}")
        seen.setdefault(discard_sort_key(item), item)
    return list(seen.values())


@runtime_checkable
class Store(Protocol):
    """Where coded articles, sentences, events and discards live. Every write is idempotent."""

    def write_coded(self, coded: Sequence[CodedArticle]) -> WriteResult:
        """Store articles with their sentences and events in one transaction; skip known articles."""
        ...

    def write_discards(self, discards: Sequence[Discarded]) -> int:
        """Store discards not stored yet (keyed on stage, item_id, reason); return how many were new."""
        ...

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored."""
        ...

    def events(
        self,
        *,
        dyad: tuple[str, str] | None = None,
        both_directions: bool = True,
        since: date | None = None,
        until: date | None = None,
        modalities: Collection[str] | None = None,
    ) -> list[Event]:
        """Stored events matching the filters, ordered by date, article, sentence, trigger start."""
        ...

    def write_incidents(self, incidents: Sequence[Incident]) -> int:
        """Record which incident each member event belongs to, replacing earlier assignments of those
        events; return the number of event rows written."""
        ...

    def incident_assignments(self, event_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Event id -> incident id, for `event_ids` (or for every assigned event)."""
        ...

    def outlets(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Article id -> outlet name (the URL's host where the outlet is unknown); articles with
        neither are left out."""
        ...

    def sentence_texts(self, article_ids: Iterable[str]) -> dict[tuple[str, int], str]:
        """(article id, sentence index) -> sentence text, for every sentence of the articles."""
        ...

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""
        ...

    def sentence(self, article_id: str, index: int) -> Sentence | None:
        """The stored sentence, or None."""
        ...

    def discards(self) -> list[Discarded]:
        """Every stored discard, ordered by stage, item id, reason."""
        ...

    def counts(self) -> dict[str, int]:
        """Row counts: {"articles", "sentences", "events", "discards", "incidents"}."""
        ...

    def close(self) -> None:
        """Release the store; further calls raise StoreError. Closing twice is harmless."""
        ...

    def __enter__(self) -> Store:
        """Use as a context manager; closes on exit."""
        ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Close the store."""
        ...


class ContextStore:
    """Mixin giving a store with a `close` method the context-manager protocol."""

    def close(self) -> None:  # pragma: no cover - overridden
        """Release the store."""
        raise NotImplementedError

    def __enter__(self):  # noqa: ANN204 - returns the concrete store type
        """Return the store itself."""
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Close the store, whether or not the block raised."""
        self.close()
