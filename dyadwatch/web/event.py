"""The event page: one incident shown in the article of one of its mentions, and who else reported it.

By default the representative mention is shown; `?mention=<event id>` shows another mention of the
same incident in its own article, so every report can be read where it was written. An article URL
becomes a link only when it is an http(s) URL (`article_href`); anything else is shown as text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from dyadwatch.report.tables import incident_record
from dyadwatch.report.views import incident_refs, safe_href
from dyadwatch.store import Store
from dyadwatch.types import Article, Event, Incident, Sentence
from dyadwatch.web.corpus import Corpus
from dyadwatch.web.highlight import HEADLINE, Highlighted, highlight_event
from dyadwatch.web.params import not_found


def article_href(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL safe to put in an href; None otherwise."""
    safe = safe_href(url)
    return safe if safe and safe.lower().startswith(("http://", "https://")) else None


@dataclass(frozen=True)
class MentionRow:
    """One report of the incident, as the list of other reports shows it."""

    event_id: str
    """Id of the mention (event)."""
    article_id: str
    """Article it was read from."""
    outlet: str
    """Outlet that published the article ("" when unknown)."""
    date: str
    """ISO date of the mention ("" when undated)."""
    title: str
    """Title of the article."""
    sentence: str
    """Sentence of the mention."""
    href: str
    """The event page showing this mention in its article."""
    url: str | None
    """The article's URL when it is a safe http(s) link."""
    current: bool
    """Whether this is the mention the page shows."""


@dataclass(frozen=True)
class EventPageData:
    """Everything the event page shows."""

    incident: Incident
    """The incident."""
    event: Event
    """The mention shown."""
    article: Article
    """Its article."""
    outlet: str
    """The article's outlet (the URL's host when unknown, else "")."""
    url: str | None
    """The article's URL when it is a safe http(s) link."""
    sentence: Sentence | None
    """The mention's sentence record (None when the store lacks it)."""
    title: Highlighted
    """The title, highlighted when the mention is a headline."""
    body: Highlighted
    """The body, highlighted otherwise."""
    code_name: str
    """Name of the mention's CAMEO code ("" when unknown)."""
    mentions: tuple[MentionRow, ...]
    """Every mention of the incident, oldest first."""


def event_page_data(
    store: Store, corpus: Corpus, incident: Incident, mention_id: str, *, href: Callable[[Incident], str]
) -> EventPageData:
    """Read the articles of the incident's mentions and highlight the one shown (404 if it is missing)."""
    event = corpus.events.get(mention_id)
    articles = {aid: store.article(aid) for aid in incident.articles}
    article = articles.get(event.article_id) if event else None
    if event is None or article is None:
        raise not_found(f"the article of mention {mention_id!r} of incident {incident.id} is not in the store")
    sentence = store.sentence(event.article_id, event.sentence_index)
    title, body = highlight_event(article.title, article.text, event, sentence)
    shown = incident_refs(*incident.dyad, sentence_of=lambda _: "", link_for=lambda _: None)(
        dataclasses.replace(incident, event=event)
    )
    rows = [_mention_row(corpus, articles, incident, m, href=href(incident), current=mention_id) for m in
            incident.mentions if m in corpus.events]
    rows.sort(key=lambda r: (r.date == "", r.date, r.outlet, r.event_id))
    return EventPageData(
        incident=incident, event=event, article=article, outlet=corpus.outlets.get(article.id, ""),
        url=article_href(article.url), sentence=sentence, title=title, body=body,
        code_name=shown.cameo_name, mentions=tuple(rows),
    )


def _mention_row(
    corpus: Corpus, articles: dict[str, Article | None], incident: Incident, event_id: str, *, href: str, current: str
) -> MentionRow:
    """One row of the list of reports."""
    event = corpus.events[event_id]
    article = articles.get(event.article_id)
    return MentionRow(
        event_id=event_id, article_id=event.article_id, outlet=corpus.outlets.get(event.article_id, ""),
        date=_iso(event.date), title=article.title if article else "",
        sentence=corpus.sentences.get((event.article_id, event.sentence_index), ""),
        href=href if event_id == incident.event.id else f"{href}?mention={event_id}",
        url=article_href(article.url) if article else None, current=event_id == current,
    )


def _iso(day: date | None) -> str:
    """ISO date or ""."""
    return day.isoformat() if day else ""


def event_record(data: EventPageData) -> dict[str, Any]:
    """The JSON twin of the event page."""
    article, sentence = data.article, data.sentence
    headline = data.event.sentence_index == HEADLINE
    where = data.title if headline else data.body
    return {
        "incident": incident_record(data.incident),
        "mention": data.event.id,
        "code_name": data.code_name,
        "article": {
            "id": article.id, "title": article.title, "outlet": data.outlet, "url": article.url,
            "url_is_link": data.url is not None, "published": _iso(article.published), "text": article.text,
        },
        "sentence": None if sentence is None else {
            "index": sentence.index, "start": sentence.start, "end": sentence.end, "text": sentence.text,
            "in": "title" if headline else "text",
        },
        "highlights": [{"kind": m.kind, "start": m.start, "end": m.end, "text": m.text} for m in where.marks],
        "not_highlighted": list(where.skipped),
        "mentions": [
            {"event_id": r.event_id, "article_id": r.article_id, "outlet": r.outlet, "date": r.date,
             "title": r.title, "sentence": r.sentence, "href": r.href, "url": r.url, "current": r.current}
            for r in data.mentions
        ],
    }
