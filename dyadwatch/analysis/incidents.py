"""One event, many reports: cluster event mentions into incidents.

Two mentions report the same real-world event when they have the same source and target keys and
the same modality, their dates are close (within `ClusterOptions.days`, widened for week- and
month-precision dates), and either their CAMEO codes are identical or the codes are compatible
(same two-digit root or same PLOVER type) and the text agrees (same trigger stem, or sentences
sharing at least `ClusterOptions.min_overlap` of their content words; imported rows, whose text is a
rendered record rather than a sentence, need identical codes on the same day: the classic one-a-day
filter, since those datasets already date each event). This goes one step beyond
the classic one-a-day filter (one event per source, target, code and day): a raid reported as
"raided" by one outlet and "stormed" by another on the next day is still one incident.

Clustering is greedy in a fixed order (date, article, sentence, trigger, id), so the result does not
depend on the order of the input. A mention joins the first incident it is compatible with whose
first date lies within the window, which keeps long runs of daily protests from chaining into one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dyadwatch.types import Event, Incident, content_id

_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset(
    "the and for that with from this was were has have had its their his her they them said says "
    "also after before over into about which who would could will been being are not but than more "
    "other some such only when while where what there then".split()
)
_SLACK = {"week": 7, "month": 31}
MAX_SLACK = 31
"""No mention joins an incident whose first mention is more than this many days older."""
IMPORTED = "import="
"""Prefix of `Event.versions` on events imported from ICEWS, GDELT or POLECAT."""
_PRECISION = {"day": 0, "": 1, "week": 2, "month": 3, "season": 4, "year": 5, "decade": 6}
"""Rank of date precisions, most precise first ("" is a publication date, which is a day)."""


@dataclass(frozen=True)
class ClusterOptions:
    """Knobs of `cluster_events`."""

    days: int = 2
    """Mentions of one incident lie at most this many days after its first mention (day precision)."""
    min_overlap: float = 0.25
    """Jaccard overlap of sentence content words that makes two compatible codes one incident."""
    stem: int = 5
    """Triggers agree when their first `stem` letters do (lower-cased)."""


def cluster_events(
    events: Iterable[Event],
    *,
    outlets: Mapping[str, str] | None = None,
    sentences: Mapping[tuple[str, int], str] | None = None,
    options: ClusterOptions = ClusterOptions(),
) -> tuple[Incident, ...]:
    """Group mentions into incidents; every event lands in exactly one incident.

    `outlets` maps article id -> outlet name (the article id stands in where it is missing);
    `sentences` maps (article id, sentence index) -> sentence text, used for the overlap test.
    Undated events each form their own incident. Incidents come back in event order.
    """
    outlets = outlets or {}
    sentences = sentences or {}
    ordered = sorted(set(events), key=_order)
    groups: list[list[Event]] = []
    open_by_key: dict[tuple[str, str, str], list[list[Event]]] = {}
    for event in ordered:
        if event.date is None:
            groups.append([event])
            continue
        key = (event.dyad[0], event.dyad[1], event.modality)
        candidates = open_by_key.setdefault(key, [])
        while candidates and (event.date - candidates[0][0].date).days > max(MAX_SLACK, options.days):
            candidates.pop(0)  # events come in date order: this incident can take no more mentions
        home = next((g for g in candidates if _joins(event, g, sentences, options)), None)
        if home is None:
            home = []
            candidates.append(home)
            groups.append(home)
        home.append(event)
    return tuple(_incident(group, outlets) for group in groups)


def incidents_from_assignments(
    events: Iterable[Event], assignments: Mapping[str, str], *, outlets: Mapping[str, str] | None = None
) -> tuple[Incident, ...]:
    """Incidents from stored assignments (event id -> incident id); unassigned events stand alone."""
    outlets = outlets or {}
    groups: dict[str, list[Event]] = {}
    for event in sorted(set(events), key=_order):
        groups.setdefault(assignments.get(event.id, "solo:" + event.id), []).append(event)
    return tuple(sorted((_incident(g, outlets) for g in groups.values()), key=lambda i: _order(i.event)))


def _order(event: Event) -> tuple[bool, date, str, int, int, str]:
    """The store's event order: date (undated last), article, sentence, trigger start, id."""
    return (event.date is None, event.date or date.min, event.article_id, event.sentence_index,
            event.trigger.start, event.id)


def _joins(event: Event, group: Sequence[Event], sentences: Mapping[tuple[str, int], str],
           options: ClusterOptions) -> bool:
    """Whether `event` reports the same incident as the mentions in `group`."""
    first = group[0]
    if _imported(event) or _imported(first):
        return event.date == first.date and any(event.cameo == other.cameo for other in group)
    slack = max(_SLACK.get(event.date_precision, options.days), _SLACK.get(first.date_precision, options.days))
    if (event.date - first.date).days > slack:  # type: ignore[operator]
        return False
    return any(_same(event, other, sentences, options) for other in group)


def _same(a: Event, b: Event, sentences: Mapping[tuple[str, int], str], options: ClusterOptions) -> bool:
    """Whether two dated mentions of one dyad and modality describe one event."""
    if a.cameo == b.cameo:
        return True
    if a.cameo_root != b.cameo_root and a.plover != b.plover:
        return False
    if a.trigger.text.lower()[: options.stem] == b.trigger.text.lower()[: options.stem]:
        return True
    words_a = _words(sentences.get((a.article_id, a.sentence_index), ""))
    words_b = _words(sentences.get((b.article_id, b.sentence_index), ""))
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / len(words_a | words_b) >= options.min_overlap


def _imported(event: Event) -> bool:
    """Whether the event was imported from ICEWS, GDELT or POLECAT."""
    return event.versions.startswith(IMPORTED)


def _words(text: str) -> frozenset[str]:
    """Content words of a sentence, lower-cased."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def _incident(group: Sequence[Event], outlets: Mapping[str, str]) -> Incident:
    """An incident from its members; the representative is the earliest of the most precisely dated."""
    ids = tuple(sorted(e.id for e in group))
    representative = min(group, key=lambda e: (_PRECISION.get(e.date_precision, len(_PRECISION)), _order(e)))
    articles = tuple(sorted({e.article_id for e in group}))
    names = tuple(sorted({outlets.get(a) or a for a in articles}))
    return Incident(
        id=content_id(*ids, prefix="i"), event=representative, mentions=ids, articles=articles, outlets=names
    )
