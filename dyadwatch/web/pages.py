"""The dashboard's pages: dyad list, dyad, event, search. Each route serves its JSON twin too.

Dyad-page filters (see `dyadwatch.web.params.EventFilters`): the analysis (status card, verdicts,
index series, reciprocity, third parties, scenarios, forecast) always runs over the dyad's whole
history; the filters decide which incidents the timeline and the events table show:

- since / until bound the window (passed to `dyad_view`, which also clips the index series);
- cameo (code prefix) and outlet remove the other incidents before the view is built;
- modality keeps only incidents of that modality; a modality other than "asserted" is also counted
  by the analysis (as `dyadwatch brief --include` does), so its incidents appear on the timeline.

The JSON twin is `analysis_record` of the analysis with `incidents` narrowed to what the events
table shows, plus the names, the filters echoed and the counts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from dyadwatch.analysis.dyad import DyadAnalysis
from dyadwatch.errors import ActorError
from dyadwatch.pipeline.analyse import DyadRequest, analyse_from_store, resolve_dyad
from dyadwatch.report.brief import verdict_label
from dyadwatch.report.html import render_dyad_body
from dyadwatch.report.tables import analysis_record, incident_record, plain
from dyadwatch.report.text import actor_text
from dyadwatch.report.views import dyad_view
from dyadwatch.types import MODALITIES, Incident
from dyadwatch.web.app import GET, Web, json_response, render, split_suffix, web_of
from dyadwatch.web.corpus import Corpus
from dyadwatch.web.event import event_page_data, event_record
from dyadwatch.web.params import (
    DYAD_KEY,
    EventFilters,
    not_found,
    parse_dyad,
    parse_filters,
    parse_record_id,
    parse_search,
    parse_singles,
)
from dyadwatch.web.ranking import DyadSummary, rank_dyads
from dyadwatch.web.search import search_incidents

router = APIRouter()


def incident_href(incident: Incident) -> str:
    """Where the dashboard shows an incident."""
    return f"/events/{incident.id}"


def _params(request: Request) -> dict[str, list[str]]:
    """Query parameters grouped by name."""
    grouped: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        grouped.setdefault(name, []).append(value)
    return grouped


def _names_of(web: Web) -> Callable[[str, str], tuple[str, str] | None]:
    """Display names of a pair of keys, None when the actor dictionary does not know one."""

    def names(a: str, b: str) -> tuple[str, str] | None:
        try:
            codes, found = resolve_dyad(a, b, settings=web.settings)
        except ActorError:
            return None
        return found if codes == (a, b) else None

    return names


# ------------------------------------------------------------------------------------------ index


@router.api_route("/", methods=GET)
def index_page(request: Request) -> Response:
    """Dyads ranked by recent change."""
    return _index(request, as_json=False)


@router.api_route("/index.json", methods=GET)
def index_json(request: Request) -> Response:
    """The dyad list as JSON."""
    return _index(request, as_json=True)


def _index(request: Request, *, as_json: bool) -> Response:
    parse_singles(_params(request), ())
    web = web_of(request)
    rows: list[DyadSummary] = web.reader.memo("ranking", lambda c: rank_dyads(c.incidents, names_of=_names_of(web)))
    if as_json:
        return json_response({"ranked_by": "abs(nci - baseline_nci) of the latest month", "dyads": [
            {**plain(r), "change": r.change, "href": f"/dyads/{r.slug}" if r.known else None} for r in rows
        ]})
    return render(request, "index.html", {"rows": rows, "verdict_label": verdict_label})


# ------------------------------------------------------------------------------------------- dyad


@router.api_route("/dyads/{slug}", methods=GET)
def dyad_page(request: Request, slug: str) -> Response:
    """One dyad: every panel, with the timeline and events table filtered."""
    pair, as_json = split_suffix(slug)
    a, b = parse_dyad(pair)
    filters = parse_filters(_params(request))
    web = web_of(request)
    modalities = ("asserted",) if filters.modality in (None, "asserted") else ("asserted", filters.modality)
    analysis, names = web.reader.memo(("dyad", a, b, modalities), lambda c: _analyse(web, c, a, b, modalities))
    narrowed = EventFilters(cameo=filters.cameo, modality=filters.modality, outlet=filters.outlet)
    shown = dataclasses.replace(analysis, incidents=tuple(i for i in analysis.incidents if narrowed.matches(i)))
    listed = [i for i in shown.incidents if filters.matches(i)]
    if as_json:
        record = analysis_record(dataclasses.replace(shown, incidents=tuple(listed)))
        return json_response({**record, "names": list(names), "filters": filters.echo(),
                              "shown": len(listed), "total": len(analysis.incidents)})
    corpus = web.reader.corpus()
    view = dyad_view(shown, names=names, sentence_of=corpus.sentence_of, link_for=incident_href,
                     since=filters.since, until=filters.until)
    outlets = sorted({o for i in analysis.incidents for o in i.outlets})
    return render(request, "dyad.html", {
        "a": a, "b": b, "names": names, "analysis": analysis, "filters": filters.echo(), "modalities": MODALITIES,
        "outlets": outlets, "shown": len(listed), "total": len(analysis.incidents),
        "body": Markup(render_dyad_body(view))
    })


def _analyse(
    web: Web, corpus: Corpus, a: str, b: str, modalities: tuple[str, ...]
) -> tuple[DyadAnalysis, tuple[str, str]]:
    """The dyad's analysis; 404 when the store holds no incident between a and b."""
    if not corpus.dyad_incidents(a, b):
        raise not_found(f"no incidents between {a} and {b} in the store; the dyad list at / shows those there are")
    with web.reader.store() as store:
        analysis, names = analyse_from_store(store, DyadRequest(a, b, modalities), settings=web.settings)
    if (analysis.a, analysis.b) != (a, b):
        raise not_found(f"{a}-{b} resolves to {analysis.a}-{analysis.b}; use /dyads/{analysis.a}-{analysis.b}")
    return analysis, names


# ------------------------------------------------------------------------------------------ event


@router.api_route("/events/{ident}", methods=GET)
def event_page(request: Request, ident: str) -> Response:
    """An incident shown in the article of one of its mentions (the representative one by default)."""
    raw, as_json = split_suffix(ident)
    incident_id = parse_record_id(raw, what="incident")
    mention = parse_singles(_params(request), ("mention",)).get("mention")
    web = web_of(request)
    corpus = web.reader.corpus()
    incident = corpus.by_id.get(incident_id)
    if incident is None:
        raise not_found(f"no incident {incident_id!r} in the store")
    if mention is not None and mention not in incident.mentions:
        raise not_found(f"incident {incident_id} has no mention {parse_record_id(mention, what='mention')!r}")
    with web.reader.store() as store:
        data = event_page_data(store, corpus, incident, mention or incident.event.id, href=incident_href)
    if as_json:
        return json_response(event_record(data))
    a, b = incident.dyad
    known = a != b and all(DYAD_KEY.fullmatch(k) for k in (a, b))
    return render(request, "event.html", {
        "page": data, "incident": incident_record(incident), "dyad_href": f"/dyads/{a}-{b}" if known else None,
        "dyad_label": f"{a} – {b}",
    })


# ----------------------------------------------------------------------------------------- search


@router.api_route("/search", methods=GET)
def search_page(request: Request) -> Response:
    """Search over incidents."""
    return _search(request, as_json=False)


@router.api_route("/search.json", methods=GET)
def search_json(request: Request) -> Response:
    """The search as JSON."""
    return _search(request, as_json=True)


def _search(request: Request, *, as_json: bool) -> Response:
    query = parse_search(_params(request))
    corpus = web_of(request).reader.corpus()
    found = search_incidents(corpus, query)
    rows = [{**incident_record(i), "who": f"{actor_text(i.event.source.actor)} → {actor_text(i.event.target.actor)}",
             "sentence": corpus.sentence_of(i), "href": incident_href(i)} for i in found.results]
    pages = {"previous": query.link(query.page - 1) if query.page > 1 else None,
             "next": query.link(query.page + 1) if query.page < found.pages else None}
    if as_json:
        json_pages = {k: v and v.replace("/search?", "/search.json?", 1) for k, v in pages.items()}
        return json_response({"query": query.echo(), "total": found.total, "page": query.page,
                              "pages": found.pages, "links": json_pages, "results": rows})
    return render(request, "search.html", {
        "query": query.echo(), "total": found.total, "page": query.page, "pages": found.pages, "links": pages,
        "rows": rows, "modalities": MODALITIES,
    })
