"""Tests for `dyadwatch.report.views` and `dyadwatch.report.figures`: the view's data and the Plotly dicts."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dyadwatch.analysis import DyadOptions, analyse_dyad
from dyadwatch.analysis.scenario_file import load_scenarios, template_path
from dyadwatch.report.figures import (
    QUAD_COLOURS,
    SIGN_COLOURS,
    hover_escape,
    index_figure,
    network_figure,
    plot_figures,
    scenario_figure,
    timeline_figure,
    track_figure,
)
from dyadwatch.report.views import EVENTS_LIMIT, dyad_view, safe_href
from tests.analysis.factory import make_incident

A, R = "AZE", "RUS"
EVIL = "<script>alert(1)</script> & more"


def _plan() -> list:
    """Nine months: calm, a crisis in June, a thaw in September; 19 a→b and 12 b→a asserted incidents."""
    calm = [(A, R, "040"), (R, A, "051"), (A, R, "043")]
    crisis = [(R, A, "182"), (R, A, "180"), (A, R, "161"), (A, R, "161"), (A, R, "114")]
    thaw = [(R, A, "040"), (A, R, "057"), (A, R, "0841"), (R, A, "036"), (R, A, "055")]
    plan = [calm] * 5 + [crisis] + [calm, calm] + [thaw]
    incidents = [make_incident(s, t, date(2025, 1 + m, 2 + k), c, article_id=f"m{m}k{k}")
                 for m, codes in enumerate(plan) for k, (s, t, c) in enumerate(codes)]
    incidents.append(make_incident(A, R, date(2025, 6, 20), "173", modality="denied"))
    incidents += [make_incident(A, "ARM", date(2025, 8, d), "057") for d in (3, 4, 5)]
    return incidents


def _view(incidents: list | None = None, **window):
    analysis = analyse_dyad(incidents if incidents is not None else _plan(), A, R,
                            scenarios=load_scenarios(template_path()), options=DyadOptions())
    return dyad_view(analysis, names=("Azerbaijan", "Russia"), sentence_of=lambda i: f"{EVIL} {i.id}",
                     link_for=lambda i: f"/events/{i.id}", **window)


@pytest.fixture(scope="module")
def view():
    return _view()


def _points(figure: dict, sign: int) -> list[tuple]:
    """(y, customdata) of every timeline marker above (sign 1) or below (-1) the axis."""
    return [(y, c) for trace in figure["data"] for y, c in zip(trace["y"], trace["customdata"], strict=True)
            if y * sign > 0]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"), ("HTTP://x.org", "HTTP://x.org"),
    ("/events/i1", "/events/i1"), ("javascript:alert(1)", None), ("JaVaScRiPt:alert(1)", None),
    (" javascript:alert(1)", None), ("data:text/html,<b>", None), ("//evil.example", None),
    ("/\\evil.example", None), ("https://x.org/\nj", None), ("vbscript:x", None), ("", None), (None, None),
])
def test_safe_href_keeps_site_paths_and_http_only(url, expected) -> None:
    assert safe_href(url) == expected


def test_view_counts_sides_and_links_every_incident(view) -> None:
    assert view.timeline_total == 31 and len(view.timeline) == 31
    assert sum(r.direction == "a_to_b" for r in view.timeline) == 19
    assert sum(r.direction == "b_to_a" for r in view.timeline) == 12
    assert all(r.href == f"/events/{r.id}" for r in view.timeline)
    assert view.status.month == "2025-09" and view.status.verdict == "improved" and view.status.arrow == "▲"
    assert [r.label for r in view.status.rows] == ["AZE→RUS", "RUS→AZE", "both"]
    # the events table has every modality, newest first; the timeline only counted ones
    assert any(r.modality == "denied" for r in view.events) and not any(r.modality == "denied" for r in view.timeline)
    dates = [r.date for r in view.events]
    assert dates == sorted(dates, reverse=True)


def test_view_window_filters_timeline_events_and_months() -> None:
    windowed = _view(since=date(2025, 6, 1), until=date(2025, 6, 30))
    assert {r.date[:7] for r in windowed.timeline} == {"2025-06"} and len(windowed.timeline) == 5
    assert {r.date[:7] for r in windowed.events} == {"2025-06"} and len(windowed.events) == 6  # + the denied one
    assert windowed.index.periods == ("2025-06",)
    assert windowed.status.month == "2025-09"  # the analysis itself is not cut
    with pytest.raises(ValueError, match="since"):
        _view(since=date(2025, 7, 1), until=date(2025, 6, 1))


def test_view_limits_events_to_the_newest() -> None:
    many = [make_incident(A, R, date(2024, 1 + n % 12, 1 + n // 12), "040") for n in range(EVENTS_LIMIT + 30)]
    view = _view(many)
    assert view.events_total == EVENTS_LIMIT + 30 and len(view.events) == EVENTS_LIMIT
    assert view.events[0].date == max(r.date for r in view.timeline)


def test_timeline_puts_each_side_on_its_own_side_with_hrefs(view) -> None:
    figure = timeline_figure(view.timeline, a=A, b=R)
    above, below = _points(figure, 1), _points(figure, -1)
    assert len(above) == 19 and len(below) == 12
    assert {c for _, c in above + below} == {f"/events/{r.id}" for r in view.timeline}
    assert all(1 - 0.31 <= abs(y) <= 7.31 for y, _ in above + below)
    force = [y for y, c in below if c.endswith(next(r.id for r in view.timeline if r.cameo == "182"))]
    assert force and force[0] < -6.5  # rung 6 (force) sits at the bottom
    legend = [t["name"] for t in figure["data"] if t["showlegend"]]
    assert legend == ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]
    assert [t["marker"]["color"] for t in figure["data"][:4]] == [QUAD_COLOURS[q] for q in (1, 2, 3, 4)]


def test_timeline_marker_size_grows_with_goldstein_and_hover_is_escaped(view) -> None:
    figure = timeline_figure(view.timeline, a=A, b=R)
    material = next(t for t in figure["data"] if t["meta"] == "b_to_a" and t["name"] == "material conflict")
    verbal = next(t for t in figure["data"] if t["meta"] == "a_to_b" and t["name"] == "verbal cooperation")
    assert min(material["marker"]["size"]) > max(verbal["marker"]["size"])
    hover = " ".join(h for t in figure["data"] for h in t["hovertext"])
    assert "<script>" not in hover and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in hover
    assert "182 Physically assault (ASSAULT), Goldstein -9.5, rung 6" in hover
    json.dumps(figure, allow_nan=False)


def test_index_figure_shades_regimes_and_marks_breakpoints(view) -> None:
    series = view.index
    figure = index_figure(series, a=A, b=R)
    rects = [s for s in figure["layout"]["shapes"] if s["type"] == "rect"]
    lines = [s for s in figure["layout"]["shapes"] if s["type"] == "line"]
    assert len(rects) == len(series.regimes) >= 1 and len(lines) == len(series.breakpoints)
    assert rects[0]["x0"] == "2025-01-01" and rects[-1]["x1"] == "2025-10-01"
    names = [t["name"] for t in figure["data"]]
    assert names[:4] == ["NCI AZE→RUS", "NCI RUS→AZE", "NCI both", "P(change ≤ 2 months)"]
    assert all(len(t["x"]) == len(series.periods) == 9 for t in figure["data"][:5])
    assert figure["data"][3]["yaxis"] == "y2" and figure["data"][4]["yaxis"] == "y3"
    down = next(t for t in figure["data"] if t["name"] == "deteriorated")
    assert down["x"] == ["2025-06-15"]
    json.dumps(figure, allow_nan=False)


def test_scenario_figures_one_line_per_hypothesis_from_the_prior(view) -> None:
    board = view.scenarios
    assert board.available and len(board.sets) == 2
    figure = scenario_figure(board.sets[1], board.periods)
    assert [t["name"].split()[0] for t in figure["data"]] == ["S1", "S2"]
    for trace, hypothesis in zip(figure["data"], board.sets[1].hypotheses, strict=True):
        assert trace["x"] == ["prior", *board.periods]
        assert trace["y"][0] == round(hypothesis.prior, 4) and trace["y"][-1] == round(hypothesis.probability, 4)
    finals = [t["y"][-1] for t in figure["data"]]
    assert abs(sum(finals) - 1) < 1e-3


def test_track_network_and_all_figures_serialise(view) -> None:
    track = track_figure(view.forecast)
    star = next(t for t in track["data"] if t["name"] == "next month")
    assert star["x"] == ["2025-10"] and 0 <= star["y"][0] <= 1
    network = network_figure(view.network)
    edges = [t for t in network["data"] if t["mode"] == "lines"]
    assert {(t["x"][0], t["line"]["color"]) for t in edges} >= {(-0.35, SIGN_COLOURS[1])}  # AZE–ARM friendly
    nodes = network["data"][-1]
    assert nodes["text"][:2] == ["AZE", "RUS"] and "ARM" in nodes["text"]
    figures = plot_figures(view)
    assert set(figures) == {"timeline-plot", "index-plot", "network-plot", "forecast-plot", "scenario-plot-1",
                            "scenario-plot-2"}
    json.dumps(figures, allow_nan=False)


def test_empty_dyad_gives_empty_but_valid_figures() -> None:
    view = _view([make_incident("GEO", "ARM", date(2025, 1, 1), "040")])
    assert view.status.month == "" and view.timeline == () and not view.network.available
    figures = plot_figures(view)
    assert all(not t["x"] for t in figures["timeline-plot"]["data"])
    json.dumps(figures, allow_nan=False)


def test_hover_escape_leaves_no_tag() -> None:
    assert hover_escape("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
