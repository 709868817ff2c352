"""Search over incidents, in Python over the loaded corpus (no request text ever reaches SQL).

An incident matches when every word of the query occurs, case-insensitively, somewhere in its
representative mention: the trigger, the sentence, the source and target as the text names them,
their actor names ("Vladimir Putin") and codes ("RUSGOV"). The dyad, date, code-prefix and modality
filters apply to the representative mention too. Results are newest first (undated last), then by id,
`PAGE_SIZE` to a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dyadwatch.types import Incident
from dyadwatch.web.corpus import Corpus
from dyadwatch.web.params import SearchQuery

PAGE_SIZE = 25
"""Results per page."""


@dataclass(frozen=True)
class SearchPage:
    """One page of results."""

    query: SearchQuery
    """The query as parsed."""
    total: int
    """Matching incidents on every page."""
    pages: int
    """Number of pages (at least 1)."""
    results: tuple[Incident, ...]
    """The incidents of this page, newest first."""


def haystack(incident: Incident, sentence: str) -> str:
    """The case-folded text a query is matched against."""
    event = incident.event
    parts = [event.trigger.text, sentence]
    for mention in (event.source, event.target):
        parts += [mention.text, mention.actor.name, mention.actor.code]
    return "\n".join(parts).casefold()


def search_incidents(corpus: Corpus, query: SearchQuery) -> SearchPage:
    """The page `query.page` of the incidents matching `query` (see the module docstring)."""
    words = query.q.casefold().split()
    found = [
        incident
        for incident in corpus.incidents
        if (query.dyad is None or incident.dyad in (query.dyad, query.dyad[::-1]))
        and query.filters.matches(incident)
        and all(w in haystack(incident, corpus.sentence_of(incident)) for w in words)
    ]
    found.sort(key=_newest_first)
    pages = max(1, -(-len(found) // PAGE_SIZE))
    start = (query.page - 1) * PAGE_SIZE
    return SearchPage(query, len(found), pages, tuple(found[start : start + PAGE_SIZE]))


def _newest_first(incident: Incident) -> tuple[bool, int, str]:
    """Dated before undated, newest first, then id."""
    day = incident.date
    return (day is None, -(day or date.min).toordinal(), incident.id)
