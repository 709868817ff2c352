"""Stored events -> incidents: cluster mentions after every ingest or import, read them for analyses."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from dyadwatch.analysis.incidents import ClusterOptions, cluster_events, incidents_from_assignments
from dyadwatch.store import Store
from dyadwatch.types import Event, Incident

ALL_AT_ONCE = 20
"""With more touched dyads than this, `cluster_store` reads every event in one query instead of per dyad."""


def cluster_store(
    store: Store, *, dyads: Collection[tuple[str, str]] | None = None, options: ClusterOptions | None = None
) -> int:
    """Re-cluster the stored events of `dyads` (every dyad when None) and write the assignments.

    Clustering is per directed dyad, so re-clustering a dyad after new articles arrive reaches the
    same result as clustering everything from scratch. Returns the number of incidents written.
    """
    if dyads is not None and not dyads:
        return 0
    if dyads is None or len(dyads) > ALL_AT_ONCE:
        events = _wanted(store.events(), dyads)
    else:
        events = [e for pair in sorted(set(dyads)) for e in store.events(dyad=pair, both_directions=False)]
    articles = {e.article_id for e in events}
    incidents = cluster_events(
        events, outlets=store.outlets(articles), sentences=store.sentence_texts(articles),
        options=options or ClusterOptions(),
    )
    store.write_incidents(incidents)
    return len(incidents)


def _wanted(events: Iterable[Event], dyads: Collection[tuple[str, str]] | None) -> list[Event]:
    """The events of `dyads` (all when None)."""
    keep = None if dyads is None else set(dyads)
    return [e for e in events if keep is None or e.dyad in keep]


def load_incidents(
    store: Store,
    *,
    dyad: tuple[str, str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> tuple[Incident, ...]:
    """Incidents of the stored events (both directions of `dyad`, or every dyad), all modalities.

    Events are grouped by their stored incident assignment; an event never clustered (a store written
    before incidents existed) stands alone, so nothing is ever dropped.
    """
    events = store.events(dyad=dyad, both_directions=True, since=since, until=until)
    assignments = store.incident_assignments(e.id for e in events)
    outlets = store.outlets({e.article_id for e in events})
    return incidents_from_assignments(events, assignments, outlets=outlets)
