"""Tests for `dyadwatch.report.html` and `dyadwatch report`: panel ids, figures in script tags, escaping,
offline self-containment, and the command over a hand-built DuckDB store."""

from __future__ import annotations

import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.analysis import DyadOptions, analyse_dyad
from dyadwatch.analysis.scenario_file import load_scenarios, template_path
from dyadwatch.cli import main
from dyadwatch.report.html import PLOTLY_JS, STATIC_DIR, figure_json, render_dyad_body, render_report
from dyadwatch.report.views import dyad_view
from dyadwatch.store import DuckDBStore
from dyadwatch.types import Article, CodedArticle, Sentence
from tests.analysis.factory import make_event, make_incident
from tests.conftest import ROOT

A, R = "AZE", "RUS"
EVIL = ('<script>alert(1)</script> <img src=x onerror="window.__pwned=1"> '
        '<a href="javascript:alert(2)">click</a> & </script><!--')
PANELS = ("status-card", "timeline", "index-series", "reciprocity", "network", "scenario-board", "scenario-table",
          "forecast", "events")


class _Page(HTMLParser):
    """Collects ids, hrefs, <script> elements (attributes and text) and plot divs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, str] = {}
        self.hrefs: list[tuple[str, str]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.plots: set[str] = set()
        self._script: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if "id" in found:
            self.ids[found["id"]] = tag
        if "href" in found:
            self.hrefs.append((found["href"], found.get("class", "")))
        if tag == "div" and "dw-plot" in found.get("class", ""):
            self.plots.add(found["id"])
        if tag == "script":
            self._script = found
            self.scripts.append((found, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _incidents() -> list:
    calm = [(A, R, "040"), (R, A, "051"), (A, R, "043")]
    crisis = [(R, A, "182"), (R, A, "180"), (A, R, "161"), (A, R, "114")]
    plan = [calm] * 5 + [crisis] + [calm]
    return [make_incident(s, t, date(2025, 1 + m, 2 + k), c, article_id=f"m{m}k{k}")
            for m, codes in enumerate(plan) for k, (s, t, c) in enumerate(codes)]


def _link(incident) -> str:
    """Every other incident has a javascript: URL, the rest an https one with characters to escape."""
    return "javascript:alert(3)" if incident.date.day % 2 else f"https://news.example/a?id={incident.id}&x=\"1\""


@pytest.fixture(scope="module")
def view():
    analysis = analyse_dyad(_incidents(), A, R, scenarios=load_scenarios(template_path()), options=DyadOptions())
    return dyad_view(analysis, names=("Azerbaijan", "Russia"), sentence_of=lambda i: f"{EVIL} {i.id}", link_for=_link)


@pytest.fixture(scope="module")
def report(view) -> str:
    return render_report(view, title="Azerbaijan – Russia <b>report</b>")


def test_body_has_every_panel_and_tables(view) -> None:
    page = _parse(render_dyad_body(view))
    assert set(PANELS) <= set(page.ids)
    assert page.ids["events"] == "table" and page.ids["scenario-table"] == "table"
    body = render_dyad_body(view)
    table = body.split('id="scenario-table"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr data-set=") == 4 and 'data-hypothesis="S1"' in table
    events = body.split('id="events"', 1)[1].split("</table>", 1)[0]
    assert events.count("<tr class=") == len(view.events) == 22


def test_figures_parse_from_script_tags_and_target_their_divs(view) -> None:
    page = _parse(render_dyad_body(view))
    figures = {attrs["data-target"]: json.loads(text) for attrs, text in page.scripts
               if attrs.get("class") == "dw-figure" and attrs.get("type") == "application/json"}
    assert set(figures) == page.plots == {"timeline-plot", "index-plot", "network-plot", "forecast-plot",
                                          "scenario-plot-1", "scenario-plot-2"}
    assert len(page.scripts) == len(figures)  # the body holds no other script
    ys = [y for trace in figures["timeline-plot"]["data"] for y in trace["y"]]
    assert sum(y > 0 for y in ys) == 14 and sum(y < 0 for y in ys) == 8
    hover = " ".join(h for trace in figures["timeline-plot"]["data"] for h in trace["hovertext"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hover and "<script>" not in hover


def test_article_text_never_appears_unescaped(view, report) -> None:
    for html in (render_dyad_body(view), report):
        lowered = html.lower()
        assert "<script>alert" not in lowered and "<img src=x" not in lowered and "</script><!--" not in lowered
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
        assert "\\u0026lt;script\\u0026gt;alert(1)\\u0026lt;/script\\u0026gt;" in html  # hover text in JSON
    assert "<title>Azerbaijan – Russia &lt;b&gt;report&lt;/b&gt;</title>" in report


def test_javascript_urls_never_become_hrefs(report) -> None:
    hrefs = _parse(report).hrefs
    assert not [h for h, _ in hrefs if "javascript" in h.lower() or h.lower().startswith("data:")]
    links = [h for h, cls in hrefs if cls == "event-link"]
    assert links and all(h.startswith("https://news.example/a?id=i") and h.endswith('&x="1"') for h in links)
    assert {h for h, cls in hrefs if cls != "event-link"} <= {f"#{p}" for p in PANELS} | {"#events-panel"}
    assert '&amp;x=&#34;1&#34;' in report  # the attribute is escaped in the source


def test_report_is_self_contained_with_plotly_inline(report) -> None:
    assert report.startswith("<!DOCTYPE html>")
    scripts = _parse(report).scripts
    assert not [attrs for attrs, _ in scripts if "src" in attrs]
    inline = [text for attrs, text in scripts if not attrs]
    assert len(inline) == 2
    assert inline[0].strip()[:200] == PLOTLY_JS.read_text(encoding="utf-8").strip()[:200]
    assert "plotly_click" in inline[1] and "Plotly.newPlot" in inline[1]
    assert len(inline[0]) > 1_000_000  # the whole library, not a loader
    assert "<link" not in report and "@import" not in report
    assert (STATIC_DIR / "dyadwatch.js").is_file() and (STATIC_DIR / "dyadwatch.css").is_file()


def test_figure_json_escapes_what_could_close_a_script() -> None:
    figure = {"data": [{"hovertext": ["</script><!-- & \u2028 \u2029 <b>"]}], "layout": {}}
    text = str(figure_json(figure))
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == figure
    with pytest.raises(ValueError):
        figure_json({"y": [float("nan")]})


def test_render_report_markdown_and_bad_format(view) -> None:
    assert render_report(view, title="T", fmt="md").startswith("# T\n")
    with pytest.raises(ValueError, match="fmt"):
        render_report(view, title="T", fmt="pdf")


def test_empty_dyad_renders_every_panel() -> None:
    analysis = analyse_dyad([make_incident("GEO", "ARM", date(2025, 1, 1))], A, R, options=DyadOptions())
    view = dyad_view(analysis, names=("Azerbaijan", "Russia"), sentence_of=lambda i: "", link_for=lambda i: None)
    page = _parse(render_report(view, title="empty"))
    assert set(PANELS) <= set(page.ids)
    assert "No scenario file was run." in render_dyad_body(view)


# --- the command ------------------------------------------------------------------------------------


def _coded(n: int, day: date, source: str, target: str, cameo: str, url: str | None, sentence: str) -> CodedArticle:
    aid = f"art{n:03d}"
    article = Article(id=aid, text=sentence, title=f"title {n}", url=url, published=day, outlet=f"Outlet {n % 3}")
    event = make_event(source, target, day, cameo, article_id=aid, event_id=f"ev{n:03d}")
    return CodedArticle(article, (Sentence(aid, 0, 0, len(sentence), sentence),), (event,))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store.duckdb"
    batch = []
    for n, (s, t, c) in enumerate([(A, R, "040"), (R, A, "051"), (A, R, "043"), (R, A, "173"), (A, R, "111")] * 4):
        url = "javascript:alert(9)" if n == 3 else f"https://news.example/{n}"
        text = f"Sentence {n}: " + (EVIL if n == 3 else "officials met in Baku.")
        batch.append(_coded(n, date(2025, 1 + n // 5, 1 + n), s, t, c, url, text))
    store = DuckDBStore(path)
    store.write_coded(batch)
    store.close()
    return path


def test_command_writes_an_html_report(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["--store", str(store_path), "report", "AZE", "RUS", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    page = _parse(html)
    assert set(PANELS) <= set(page.ids)
    links = [h for h, cls in page.hrefs if cls == "event-link"]
    assert "https://news.example/0" in links and not any("javascript" in h for h in links)
    assert "<script>alert" not in html and "Sentence 3: &lt;script&gt;alert(1)" in html


def test_command_writes_markdown_to_stdout_within_a_window(store_path: Path) -> None:
    args = ["--store", str(store_path), "report", "Azerbaijan", "Russia", "--out", "-", "--format", "md",
            "--since", "2025-02-01", "--until", "2025-03-31"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    events = result.output.split("## Events", 1)[1]
    dates = [line[2:12] for line in events.splitlines() if line.startswith("| 2025-")]
    assert dates and all("2025-02-01" <= d <= "2025-03-31" for d in dates)
    assert "(as of 2025-03-31)" in result.output


def test_command_unknown_party_is_a_one_line_error(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "never.html"
    result = CliRunner().invoke(main, ["--store", str(store_path), "report", "AZE", "Atlantis", "--out", str(out)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: 'Atlantis' is not a known state")
    assert not out.exists()


# --- in a browser -----------------------------------------------------------------------------------

@pytest.mark.browser
def test_report_renders_offline_and_injected_script_does_not_run(report, tmp_path: Path, browser) -> None:
    path = tmp_path / "report.html"
    path.write_text(report, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_selector("#timeline-plot[data-rendered='true']", timeout=15000)
        page.wait_for_selector("#scenario-plot-1[data-rendered='true']", timeout=15000)
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#timeline-plot .point").count() == 22
        assert page.locator("#events a.event-link").count() > 0
        assert [r for r in requests if not r.startswith("file:")] == []
        shots = ROOT / "test-artifacts" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "report.png"), full_page=True)
    finally:
        page.close()
