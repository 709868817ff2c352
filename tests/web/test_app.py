"""The dashboard in-process: every page and its JSON twin, one error shape, escaping, headers, validation."""

from __future__ import annotations

import re
import warnings
from datetime import date
from pathlib import Path

import pytest

from dyadwatch.errors import StoreError
from dyadwatch.pipeline.incidents import cluster_store
from dyadwatch.store import open_store
from dyadwatch.types import MODALITIES
from dyadwatch.web import create_app
from dyadwatch.web.app import SECURITY_HEADERS
from tests.web.builders import ARM, AZE, IMG, SCRIPT, Spec, coded_article, corpus

with warnings.catch_warnings():  # starlette's TestClient warns about httpx on import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def write_store(path: Path, articles) -> None:
    with open_store(str(path)) as store:
        store.write_coded(articles)
        cluster_store(store)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "store.duckdb"
    write_store(path, corpus())
    return path


@pytest.fixture(scope="module")
def client(store_path, settings) -> TestClient:
    return TestClient(create_app(str(store_path), settings=settings))


def incident_where(client: TestClient, **match) -> dict:
    """The first incident (search JSON row) whose fields equal `match`."""
    rows = client.get("/search.json").json()["results"]
    return next(r for r in rows if all(r[k] == v for k, v in match.items()))


def assert_error(response, status: int, *, words: str = "") -> str:
    """The one error shape, JSON; returns the message."""
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == status
    assert words.lower() in body["error"]["message"].lower()
    return body["error"]["message"]


def assert_html_error(response, status: int, *, words: str) -> None:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert f'data-status="{status}"' in response.text and words in response.text


# ------------------------------------------------------------------------------------------ pages


def test_index_ranks_dyads_by_recent_change(client):
    data = client.get("/index.json").json()
    rows = data["dyads"]
    assert {r["href"] for r in rows} == {"/dyads/AZE-RUS", "/dyads/ARM-AZE"}
    by_slug = {f"{r['a']}-{r['b']}": r for r in rows}
    aze_rus = by_slug["AZE-RUS"]
    assert aze_rus["names"] == ["Azerbaijan", "Russia"] and aze_rus["incidents"] == 6
    assert aze_rus["month"] == "2025-07" and aze_rus["change"] == pytest.approx(
        aze_rus["nci"] - aze_rus["baseline_nci"])
    assert by_slug["ARM-AZE"]["change"] is None  # one month only: no baseline, ranked last
    assert [f"{r['a']}-{r['b']}" for r in rows] == ["AZE-RUS", "ARM-AZE"]
    page = client.get("/")
    assert page.status_code == 200 and 'href="/dyads/AZE-RUS"' in page.text and "Armenia – Azerbaijan" in page.text
    assert page.text.index("/dyads/AZE-RUS") < page.text.index("/dyads/ARM-AZE")


def test_dyad_page_wraps_the_report_body_with_filters_and_scripts(client):
    page = client.get("/dyads/AZE-RUS")
    assert page.status_code == 200
    html = page.text
    for element in ('id="filters"', 'id="status-card"', 'id="timeline"', 'id="scenario-table"', 'id="events"'):
        assert element in html, element
    assert '<script src="/static/plotly.min.js"></script>' in html and '<script src="/static/dyadwatch.js">' in html
    for modality in MODALITIES:
        assert f'<option value="{modality}">' in html
    assert 'href="/events/' in html and "Azerbaijan (AZE) – Russia (RUS)" in html
    assert re.search(r"<script(?![^>]*(src=|application/json))", html) is None  # no inline script


def test_dyad_json_twin_is_the_analysis_record_with_filters(client):
    data = client.get("/dyads/AZE-RUS.json").json()
    assert (data["a"], data["b"], data["names"]) == ("AZE", "RUS", ["Azerbaijan", "Russia"])
    assert data["as_of"] == "2025-07-02" and data["modalities"] == ["asserted"]
    assert {"status", "verdicts", "scenarios", "forecast", "reciprocity", "third_parties"} <= set(data)
    assert data["filters"] == {"since": None, "until": None, "cameo": None, "modality": None, "outlet": None}
    assert data["shown"] == data["total"] == len(data["incidents"]) == 6
    swapped = client.get("/dyads/RUS-AZE.json").json()
    assert (swapped["a"], swapped["b"]) == ("RUS", "AZE")


@pytest.mark.parametrize(("query", "check"), [
    ("cameo=17", lambda i: i["cameo"].startswith("17")),
    ("modality=alleged", lambda i: i["modality"] == "alleged"),
    ("outlet=Volga+Courier", lambda i: "Volga Courier" in i["outlets"]),
    ("since=2025-06-01&until=2025-06-30", lambda i: "2025-06-01" <= i["date"] <= "2025-06-30"),
])
def test_dyad_filters_narrow_the_events(client, query, check):
    data = client.get(f"/dyads/AZE-RUS.json?{query}").json()
    assert 0 < data["shown"] < data["total"]
    assert len(data["incidents"]) == data["shown"] and all(check(i) for i in data["incidents"])
    if "modality" not in query:  # the analysis itself is not filtered
        assert data["status"] == client.get("/dyads/AZE-RUS.json").json()["status"]
    html = client.get(f"/dyads/AZE-RUS?{query}").text
    assert f"{data['shown']} match the filters" in html


def test_a_non_asserted_modality_filter_is_also_counted(client):
    data = client.get("/dyads/AZE-RUS.json?modality=alleged").json()
    assert data["modalities"] == ["asserted", "alleged"]
    assert client.get("/dyads/AZE-RUS?modality=alleged").text.count('<option value="alleged" selected>') == 1


def test_event_page_highlights_sentence_and_spans(client, store_path):
    raid = incident_where(client, cameo="1711")
    data = client.get(f"/events/{raid['id']}.json").json()
    assert data["incident"]["id"] == raid["id"] and data["incident"]["n_mentions"] == 2
    text = data["article"]["text"]
    sentence = data["sentence"]
    assert sentence["in"] == "text" and text[sentence["start"]:sentence["end"]] == sentence["text"]
    spans = {h["kind"]: h for h in data["highlights"]}
    assert {k: text[h["start"]:h["end"]] for k, h in spans.items()} == {
        "source": "Azerbaijani police", "target": "Sputnik office", "trigger": "raided"}
    html = client.get(f"/events/{raid['id']}").text
    marked = re.search(r'<span class="sentence" id="sentence">(.*?)</span>', html).group(1)
    assert re.sub(r"<[^>]+>", "", marked) == sentence["text"]
    assert '<mark class="source">Azerbaijani police</mark> <mark class="trigger">raided</mark>' in marked
    assert '<mark class="target">Sputnik office</mark>' in marked
    assert '<a class="article-url" href="https://caspian.example/raid" rel="noopener noreferrer nofollow">' in html


def test_event_page_lists_every_report_with_links_to_their_articles(client):
    raid = incident_where(client, cameo="1711")
    data = client.get(f"/events/{raid['id']}.json").json()
    assert {m["outlet"] for m in data["mentions"]} == {"Caspian Ledger", "Volga Courier"}
    other = next(m for m in data["mentions"] if not m["current"])
    assert other["href"] == f"/events/{raid['id']}?mention={other['event_id']}"
    shown = client.get(other["href"].replace("?", ".json?")).json()
    assert shown["mention"] == other["event_id"] and shown["article"]["id"] == other["article_id"]
    assert [m["current"] for m in shown["mentions"] if m["event_id"] == other["event_id"]] == [True]
    html = client.get(other["href"]).text
    assert "Reports say" in html and "shown above" in html and 'href="/dyads/AZE-RUS"' in html


def test_headline_mentions_are_highlighted_in_the_title(client):
    warns = incident_where(client, cameo="130")
    data = client.get(f"/events/{warns['id']}.json").json()
    title = data["article"]["title"]
    assert data["sentence"]["in"] == "title" and data["sentence"]["index"] == -1
    assert [title[h["start"]:h["end"]] for h in data["highlights"]] == ["Russia", "Azerbaijan", "warns"]
    html = client.get(f"/events/{warns['id']}").text
    heading = re.search(r'<h2 class="title" id="article-title">(.*?)</h2>', html).group(1)
    assert heading.startswith('<span class="sentence" id="sentence">&lt;img src=x onerror=alert(1)&gt; ')
    assert '<mark class="trigger">warns</mark>' in heading


def test_search_matches_words_in_trigger_sentence_and_names(client):
    found = client.get("/search.json?q=POLICE+sputnik").json()
    assert found["total"] == 1 and found["results"][0]["cameo"] == "1711"
    by_name = client.get("/search.json?q=ilham+aliyev").json()  # the actor's name, not the text
    assert [r["trigger"] for r in by_name["results"]] == ["praised"]
    assert client.get("/search.json?dyad=ARM-AZE").json()["total"] == 1
    assert client.get("/search.json?dyad=aze-arm").json()["total"] == 1
    everything = client.get("/search.json").json()
    dates = [r["date"] for r in everything["results"]]
    assert everything["total"] == 7 and dates == sorted(dates, reverse=True)
    filtered = client.get("/search.json?cameo=1&since=2025-06-01&modality=asserted").json()
    assert {r["cameo"] for r in filtered["results"]} == {"111", "130", "1711"}
    assert client.get("/search.json?page=2").json()["results"] == []
    html = client.get("/search?q=raided").text
    assert 'id="search"' in html and 'class="event-link"' in html and 'value="raided"' in html


# ----------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(("url", "words"), [
    ("/dyads/AZE-FRA.json", "no incidents between AZE and FRA"),
    ("/dyads/aze-rus.json", "not a dyad"),
    ("/dyads/AZE.json", "not a dyad"),
    ("/dyads/AZE-AZE.json", "not a dyad"),
    ("/events/i0000000000000000000.json", "no incident"),
    ("/events/bad%20id.json", "no incident"),
    ("/nowhere.json", "no page"),
])
def test_unknown_things_are_404_in_the_one_shape(client, url, words):
    assert_error(client.get(url), 404, words=words)


def test_errors_are_html_for_pages_and_json_for_api_clients(client):
    assert_html_error(client.get("/dyads/AZE-FRA"), 404, words="no incidents between AZE and FRA")
    assert_error(client.get("/dyads/AZE-FRA", headers={"Accept": "application/json"}), 404)
    raid = incident_where(client, cameo="1711")
    assert_error(client.get(f"/events/{raid['id']}.json?mention=e-not-there"), 404, words="has no mention")


@pytest.mark.parametrize("query", [
    "since=2025-13-01", "since=20250101", "until=2025-06-31", "since=2025-07-01&until=2025-06-01",
    "cameo=abc", "cameo=12345", "cameo=1%27%3B--", "modality=certain", "outlet=" + "x" * 201,
    "outlet=a%00b", "colour=red", "cameo=17&cameo=18",
])
def test_bad_dyad_parameters_are_422(client, query):
    assert_error(client.get(f"/dyads/AZE-RUS.json?{query}"), 422)
    assert_html_error(client.get(f"/dyads/AZE-RUS?{query}"), 422, words="")


@pytest.mark.parametrize(("query", "words"), [
    ("page=0", "page"), ("page=-1", "page"), ("page=abc", "page"), ("page=10001", "page"),
    ("q=" + "x" * 201, "at most 200"), ("dyad=AZE", "not a dyad"), ("dyad=AZE-RUS-ARM", "not a dyad"),
    ("since=yesterday", "YYYY-MM-DD"), ("modality=%3Cscript%3E", "modality"), ("outlet=x", "unknown parameter"),
])
def test_bad_search_parameters_are_422(client, query, words):
    assert_error(client.get(f"/search.json?{query}"), 422, words=words)


def test_index_takes_no_parameters(client):
    assert_error(client.get("/index.json?x=1"), 422, words="takes no parameters")


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("url", ["/", "/dyads/AZE-RUS.json", "/search.json", "/static/dyadwatch.js"])
def test_only_get_and_head(client, method, url):
    response = client.request(method, url, headers={"Accept": "application/json"})
    assert_error(response, 405, words="read-only")
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}
    assert client.head(url).status_code == 200


# --------------------------------------------------------------------------------------- security


def hostile_pages(client) -> dict[str, str]:
    evil = incident_where(client, cameo="112")
    warns = incident_where(client, cameo="130")
    urls = ["/", "/dyads/AZE-RUS", "/dyads/AZE-RUS?modality=alleged", f"/events/{evil['id']}",
            f"/events/{warns['id']}", "/search?q=script", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
            "/dyads/AZE-RUS?outlet=%3Cscript%3Ealert(1)%3C/script%3E", "/search?page=%3Cscript%3E",
            "/%3Cscript%3Ealert(1)%3C/script%3E"]
    return {url: client.get(url).text for url in urls}


def test_article_text_titles_and_urls_are_escaped(client):
    pages = hostile_pages(client)
    for url, html in pages.items():
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "<i>Evil</i>" not in html, url
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.IGNORECASE), url
    evil = pages[f"/events/{incident_where(client, cameo='112')['id']}"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evil and "&lt;i&gt;Evil&lt;/i&gt; Times" in evil
    assert '<span class="article-url">javascript:alert(1)</span> (not a web link)' in evil
    data = client.get(f"/events/{incident_where(client, cameo='112')['id']}.json").json()
    assert data["article"]["url"] == "javascript:alert(1)" and data["article"]["url_is_link"] is False
    assert SCRIPT in data["article"]["text"] and data["article"]["title"].startswith(IMG)


@pytest.mark.parametrize(("query", "escaped"), [
    # hover texts are HTML-escaped for Plotly, then JSON-escaped for the script tag
    ("", "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;"),  # the headline event's sentence
    ("?modality=alleged", "\\u0026lt;script\\u0026gt;alert(1)\\u0026lt;/script\\u0026gt;"),
])
def test_figure_json_cannot_close_its_script_tag(client, query, escaped):
    html = client.get(f"/dyads/AZE-RUS{query}").text
    figures = re.findall(r'<script type="application/json" class="dw-figure"[^>]*>(.*?)</script>', html, re.S)
    assert figures and all("<" not in f for f in figures)
    assert any(escaped in f for f in figures)


@pytest.mark.parametrize("url", ["/", "/index.json", "/dyads/AZE-RUS", "/nowhere", "/search.json?page=0",
                                 "/static/plotly.min.js", "/static/dyadwatch.js"])
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, (url, name)
    assert "unsafe-eval" not in response.headers["content-security-policy"]


def test_static_files_come_from_fixed_routes_only(client):
    plotly = client.get("/static/plotly.min.js")
    assert plotly.status_code == 200 and plotly.content.startswith(b"/**\n* plotly.js")
    assert "javascript" in plotly.headers["content-type"]
    script = client.get("/static/dyadwatch.js")
    assert script.status_code == 200 and b"Plotly.newPlot" in script.content
    for probe in ("/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/views.py",
                  "/static/", "/static//etc/passwd"):
        assert client.get(probe, headers={"Accept": "application/json"}).status_code == 404, probe


# ---------------------------------------------------------------------------------------- the store


def test_the_app_rereads_the_store_after_an_ingest(tmp_path, settings):
    path = tmp_path / "grow.duckdb"
    write_store(path, corpus()[:1])
    client = TestClient(create_app(str(path), settings=settings))
    assert [r["a"] + r["b"] for r in client.get("/index.json").json()["dyads"]] == ["AZERUS"]
    talks = coded_article("a-new", ["Armenia met Azerbaijan in Minsk."], day=date(2025, 8, 1), outlet="X",
                          events=[Spec(0, ("Armenia", ARM), ("Azerbaijan", AZE), "met", "040")])
    write_store(path, [talks])  # the app holds no connection, so a writer can open the file
    assert {r["a"] + r["b"] for r in client.get("/index.json").json()["dyads"]} == {"AZERUS", "ARMAZE"}


def test_a_store_that_cannot_be_served_fails_early(tmp_path, settings):
    with pytest.raises(StoreError, match="memory"):
        create_app(":memory:", settings=settings)
    with pytest.raises(StoreError, match="does not exist"):
        create_app(str(tmp_path / "missing.duckdb"), settings=settings)


def test_an_empty_store_shows_an_empty_list(tmp_path, settings):
    path = tmp_path / "empty.duckdb"
    write_store(path, [])
    client = TestClient(create_app(str(path), settings=settings))
    assert client.get("/index.json").json()["dyads"] == []
    assert "no incidents between two actors yet" in client.get("/").text
    assert client.get("/search.json").json()["total"] == 0


def test_a_prefixed_store_path_is_the_same_file(store_path, settings):
    client = TestClient(create_app(f"duckdb:{store_path}", settings=settings))
    assert [d["href"] for d in client.get("/index.json").json()["dyads"]] == ["/dyads/AZE-RUS", "/dyads/ARM-AZE"]
