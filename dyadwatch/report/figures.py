"""Plotly figures of a `DyadView`, as plain figure dicts ({"data": [...], "layout": {...}}).

No plotting library is needed to build them: they are JSON-ready dicts of str, int, float, bool,
None, lists and dicts (no numpy types, no NaN), which plotly.js draws in the browser. Encodings:

- *timeline*: one marker per counted incident; x is its date; a→b incidents sit above the axis and
  b→a below, at height 1 + rung (escalation rung 0-6, so rung 0 sits at ±1 and force at ±7) plus a
  deterministic jitter of up to ±0.3 taken from the incident id, so same-day incidents do not hide
  each other. Colour is the quad class (four fixed colours: `QUAD_COLOURS`), marker area grows with
  |Goldstein| (diameter 6 + 2.2·|G| px), open diamonds mark counted non-asserted modalities.
- *index*: monthly NCI of a→b, b→a and both (top), the BOCPD change probability P(r ≤ 2) on a right
  axis, and hostile incidents per month as bars (bottom) with each PELT regime's mean as a step;
  regimes are shaded (red tint: higher than before, green: lower, grey: first or similar) and each
  breakpoint is a dashed vertical line. ▼/▲ mark deteriorated/improved months on the pooled NCI line.
- *scenario*: one figure per hypothesis set, one line per hypothesis: the prior, then the
  probability after each period.
- *track record*: the backtest's forecast probability per target month with the climatology and
  persistence baselines, the outcome (× at 1 for a crisis month, ○ at 0 for a calm one), and next
  month's forecast as a star.
- *network*: the dyad's two sides in the centre, third parties on a circle around them; edges green
  (friendly), red (hostile) or grey (contested), wider with more incidents; hovering an edge's
  midpoint gives its NCI and count.

Hover texts go through `hover_escape`: plotly.js renders a subset of HTML in hover labels, so every
piece of data is HTML-escaped before the `<br>` and `<b>` the figure adds itself. Every marker that
stands for an incident carries the incident's href as customdata (None when it has no safe link).
"""

from __future__ import annotations

import hashlib
import html
import math
import textwrap
from collections.abc import Sequence
from typing import Any

from dyadwatch.analysis.periods import next_period, period_start
from dyadwatch.report.view_records import (
    DyadView,
    ForecastView,
    IncidentRef,
    IndexSeries,
    NetworkView,
    ScenarioSetView,
)

Figure = dict[str, Any]
"""A Plotly figure: {"data": [traces], "layout": {...}}."""

QUAD_COLOURS = {1: "#74c476", 2: "#238b45", 3: "#fd8d3c", 4: "#cb181d"}
"""Marker colour of each quad class (light/dark green cooperation, orange/red conflict)."""
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
"""Legend name of each quad class."""
SIGN_COLOURS = {1: "#1a9850", -1: "#d73027", 0: "#969696"}
"""Edge colour by sign: friendly, hostile, contested."""
DIRECTION_COLOURS = ("#2c7fb8", "#d95f0e")
"""Line colours of a→b and b→a."""
LEVEL_FILL = {"higher": "rgba(203,24,29,0.10)", "lower": "rgba(35,139,69,0.10)"}
"""Regime shading by level; other levels are grey."""
JITTER = 0.3
"""Largest vertical jitter of a timeline marker, in rungs."""
HOVER_WIDTH = 72
"""Sentences in hover labels are wrapped at this many characters."""

_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', sans-serif", "size": 12}


def hover_escape(text: object) -> str:
    """`text` with &, < and > escaped, safe inside a Plotly hover label."""
    return html.escape(str(text), quote=False)


def plot_figures(view: DyadView) -> dict[str, Figure]:
    """Every figure of the view keyed by the id of the <div> it is drawn in."""
    figures = {
        "timeline-plot": timeline_figure(view.timeline, a=view.a, b=view.b),
        "index-plot": index_figure(view.index, a=view.a, b=view.b),
        "network-plot": network_figure(view.network),
        "forecast-plot": track_figure(view.forecast),
    }
    for n, hset in enumerate(view.scenarios.sets, start=1):
        figures[f"scenario-plot-{n}"] = scenario_figure(hset, view.scenarios.periods)
    return figures


def incident_hover(ref: IncidentRef) -> str:
    """Date, actors, code and name, Goldstein, reports and outlets, then the sentence (all escaped)."""
    outlets = ", ".join(ref.outlets[:4]) + (", …" if len(ref.outlets) > 4 else "")
    lines = [
        f"<b>{hover_escape(ref.date or 'undated')}</b> {hover_escape(ref.source)} → {hover_escape(ref.target)}",
        f"{hover_escape(ref.cameo)} {hover_escape(ref.cameo_name)} ({hover_escape(ref.plover or '-')}), "
        f"Goldstein {ref.goldstein:+.1f}, rung {ref.rung}",
        f"{ref.n_mentions} report{'s' if ref.n_mentions != 1 else ''}, "
        f"{len(ref.outlets)} outlet{'s' if len(ref.outlets) != 1 else ''}: {hover_escape(outlets)}",
    ]
    if ref.modality != "asserted":
        lines.append(f"[{hover_escape(ref.modality)}]")
    lines += [hover_escape(line) for line in textwrap.wrap(f"“{ref.sentence}”", HOVER_WIDTH)] if ref.sentence else []
    return "<br>".join(lines)


def _jitter(incident_id: str) -> float:
    """A deterministic offset in [-JITTER, JITTER] from the incident id."""
    digest = int(hashlib.sha1(incident_id.encode("utf-8")).hexdigest()[:8], 16)
    return round((digest / 0xFFFFFFFF * 2 - 1) * JITTER, 3)


def timeline_figure(points: Sequence[IncidentRef], *, a: str, b: str) -> Figure:
    """Two-sided timeline: a→b above the axis, b→a below (see the module docstring)."""
    traces = []
    for direction, sign in (("a_to_b", 1), ("b_to_a", -1)):
        for quad in (1, 2, 3, 4):
            chosen = [p for p in points if p.direction == direction and p.quad == quad]
            traces.append({
                "type": "scatter", "mode": "markers", "name": QUAD_NAMES[quad], "legendgroup": f"quad{quad}",
                "showlegend": sign == 1, "meta": direction,
                "x": [p.date for p in chosen], "y": [round(sign * (1 + p.rung + _jitter(p.id)), 3) for p in chosen],
                "customdata": [p.href for p in chosen], "hovertext": [incident_hover(p) for p in chosen],
                "hoverinfo": "text", "cliponaxis": False,
                "marker": {"color": QUAD_COLOURS[quad], "size": [round(6 + 2.2 * abs(p.goldstein), 1) for p in chosen],
                           "symbol": ["circle" if p.modality == "asserted" else "diamond-open" for p in chosen],
                           "opacity": 0.8, "line": {"width": 0.5, "color": "#ffffff"}},
            })
    ticks = [r for r in range(-7, 8) if r]
    layout = _layout(height=420, legend_y=-0.15)
    layout.update({
        "xaxis": {"type": "date"},
        "yaxis": {"range": [-7.8, 7.8], "zeroline": False, "tickvals": ticks,
                  "ticktext": [str(abs(t) - 1) for t in ticks], "title": {"text": "escalation rung"}},
        "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0, "y1": 0,
                    "line": {"color": "#444444", "width": 1}}],
        "annotations": [_corner(f"{a} → {b}", 0.98, "top"), _corner(f"{b} → {a}", 0.02, "bottom")],
    })
    return {"data": traces, "layout": layout}


def _corner(text: str, y: float, anchor: str) -> dict[str, Any]:
    """A direction label in the plot's left corner."""
    return {"text": f"<b>{hover_escape(text)}</b>", "xref": "paper", "yref": "paper", "x": 0.01, "y": y,
            "xanchor": "left", "yanchor": anchor, "showarrow": False, "font": {"size": 13}}


def _mid(period: str) -> str:
    """The 15th of a month ("2025-06" -> "2025-06-15")."""
    return f"{period}-15"


def index_figure(series: IndexSeries, *, a: str, b: str) -> Figure:
    """Monthly NCI per direction, change probability and hostile counts with PELT regimes shaded."""
    x = [_mid(p) for p in series.periods]
    traces = [
        _line(f"NCI {a}→{b}", x, series.nci_a_to_b, DIRECTION_COLOURS[0]),
        _line(f"NCI {b}→{a}", x, series.nci_b_to_a, DIRECTION_COLOURS[1]),
        _line("NCI both", x, series.nci_both, "#333333", dash="dash"),
        {**_line("P(change ≤ 2 months)", x, series.change_probability, "#756bb1", dash="dot"), "yaxis": "y2"},
        {"type": "bar", "name": "hostile incidents", "x": x, "y": list(series.hostile), "yaxis": "y3",
         "marker": {"color": "#fc9272"}, "hovertemplate": "%{x|%Y-%m}: %{y} hostile<extra></extra>"},
    ]
    traces.append(_regime_means(series))
    traces += _verdict_marks(series, x)
    layout = _layout(height=460, legend_y=-0.12)
    layout.update({
        "xaxis": {"type": "date", "anchor": "y3", "dtick": "M1" if len(x) <= 18 else "M3" if len(x) <= 48 else "M12",
                  "tickformat": "%b<br>%Y" if len(x) <= 48 else "%Y", "ticklabelmode": "period"},
        "yaxis": {"domain": [0.4, 1.0], "range": [-1.05, 1.05], "title": {"text": "net cooperation"}},
        "yaxis2": {"overlaying": "y", "side": "right", "range": [0, 1], "showgrid": False, "tickmode": "array",
                   "tickvals": [0, 0.25, 0.5, 0.75, 1],
                   "title": {"text": "P(change)"}},
        "yaxis3": {"domain": [0.0, 0.3], "anchor": "x", "rangemode": "tozero", "title": {"text": "hostile"}},
        "shapes": _regime_shapes(series), "bargap": 0.3,
    })
    return {"data": traces, "layout": layout}


def _line(name: str, x: list[str], y: Sequence[float | None], colour: str, *, dash: str = "solid") -> dict[str, Any]:
    """A line-and-marker trace with rounded values."""
    return {"type": "scatter", "mode": "lines+markers", "name": hover_escape(name), "x": x,
            "y": [None if v is None else round(v, 4) for v in y], "line": {"color": colour, "dash": dash, "width": 2},
            "marker": {"size": 5}, "hovertemplate": f"{hover_escape(name)}: %{{y:.2f}}<extra></extra>"}


def _month_bounds(start: str, end: str) -> tuple[str, str]:
    """First day of `start` and first day of the month after `end`, ISO."""
    return period_start(start).isoformat(), period_start(next_period(end)).isoformat()


def _regime_shapes(series: IndexSeries) -> list[dict[str, Any]]:
    """Shaded rectangles for the regimes and dashed lines at the breakpoints."""
    shapes = []
    for regime in series.regimes:
        x0, x1 = _month_bounds(regime.start, regime.end)
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": x0, "x1": x1, "y0": 0, "y1": 1,
                       "fillcolor": LEVEL_FILL.get(regime.level, "rgba(150,150,150,0.08)"),
                       "line": {"width": 0}, "layer": "below"})
    for breakpoint in series.breakpoints:
        x0 = period_start(breakpoint).isoformat()
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": x0, "x1": x0, "y0": 0, "y1": 1,
                       "line": {"color": "#555555", "width": 1, "dash": "dash"}})
    return shapes


def _regime_means(series: IndexSeries) -> dict[str, Any]:
    """Each regime's mean hostile count as a flat segment on the hostile axis."""
    x: list[str | None] = []
    y: list[float | None] = []
    text: list[str | None] = []
    for regime in series.regimes:
        x0, x1 = _month_bounds(regime.start, regime.end)
        label = f"{regime.start} to {regime.end}: {regime.mean:.1f} a month ({regime.level})"
        x += [x0, x1, None]
        y += [round(regime.mean, 3)] * 2 + [None]
        text += [label, label, None]
    return {"type": "scatter", "mode": "lines", "name": "regime mean (PELT)", "x": x, "y": y, "yaxis": "y3",
            "line": {"color": "#67000d", "width": 2}, "hovertext": text, "hoverinfo": "text"}


def _verdict_marks(series: IndexSeries, x: list[str]) -> list[dict[str, Any]]:
    """▼ on deteriorated and ▲ on improved months, on the pooled NCI line."""
    traces = []
    for verdict, symbol, colour in (("deteriorated", "triangle-down", "#cb181d"),
                                    ("improved", "triangle-up", "#238b45")):
        chosen = [n for n, v in enumerate(series.verdicts) if v == verdict]
        traces.append({"type": "scatter", "mode": "markers", "name": verdict,
                       "x": [x[n] for n in chosen], "y": [round(series.nci_both[n], 4) for n in chosen],
                       "marker": {"symbol": symbol, "size": 13, "color": colour},
                       "hovertemplate": f"%{{x|%Y-%m}}: {verdict}<extra></extra>"})
    return traces


def scenario_figure(hset: ScenarioSetView, periods: Sequence[str]) -> Figure:
    """Probability of each hypothesis of one set: the prior, then after every period."""
    x = ["prior", *periods]
    traces = []
    for h in hset.hypotheses:
        y = [round(h.prior, 4), *(round(p, 4) for p in h.history)]
        hover = [f"{hover_escape(h.id)} {p:.2f} ({hover_escape(period)})" for period, p in zip(x, y, strict=True)]
        traces.append({"type": "scatter", "mode": "lines+markers", "name": hover_escape(f"{h.id} {h.title}"[:60]),
                       "x": x, "y": y, "hovertext": hover, "hoverinfo": "text", "line": {"width": 2}})
    layout = _layout(height=320, legend_y=-0.25)
    layout.update({"title": {"text": hover_escape(hset.title), "font": {"size": 14}},
                   "xaxis": {"type": "category"}, "yaxis": {"range": [-0.03, 1.03], "title": {"text": "probability"}}})
    return {"data": traces, "layout": layout}


def track_figure(forecast: ForecastView) -> Figure:
    """Forecast probability, baselines and outcomes per target month, and next month's forecast."""
    past = [r for r in forecast.track if r.crisis is not None]
    ahead = [r for r in forecast.track if r.crisis is None]
    x = [r.period for r in past]
    traces = [
        _line("forecast P(crisis)", x, [r.p_crisis for r in past], "#2c7fb8"),
        _line("climatology", x, [r.climatology for r in past], "#969696", dash="dash"),
        _line("persistence", x, [r.persistence for r in past], "#636363", dash="dot"),
    ]
    for crisis, name, symbol, colour in ((True, "crisis month", "x", "#cb181d"),
                                         (False, "calm month", "circle-open", "#969696")):
        chosen = [r for r in past if r.crisis is crisis]
        traces.append({"type": "scatter", "mode": "markers", "name": name, "x": [r.period for r in chosen],
                       "y": [1.0 if crisis else 0.0] * len(chosen), "marker": {"symbol": symbol, "size": 10,
                                                                               "color": colour},
                       "hovertemplate": f"%{{x}}: {name}<extra></extra>"})
    traces.append({"type": "scatter", "mode": "markers", "name": "next month", "x": [r.period for r in ahead],
                   "y": [round(r.p_crisis, 4) for r in ahead], "marker": {"symbol": "star", "size": 16,
                                                                          "color": "#08519c"},
                   "hovertemplate": "%{x}: P(crisis) %{y:.2f}<extra></extra>"})
    layout = _layout(height=320, legend_y=-0.25)
    layout.update({"xaxis": {"type": "category"},
                   "yaxis": {"range": [-0.05, 1.05], "title": {"text": "P(crisis month)"}}})
    return {"data": traces, "layout": layout}


def network_figure(network: NetworkView) -> Figure:
    """The dyad in the centre, third parties on a circle, signed edges between them."""
    position = _positions(network.nodes)
    traces: list[dict[str, Any]] = []
    shown: set[int] = set()
    for edge in network.edges:
        if edge.a not in position or edge.b not in position:
            continue
        (x0, y0), (x1, y1) = position[edge.a], position[edge.b]
        traces.append({"type": "scatter", "mode": "lines", "name": edge.kind, "legendgroup": edge.kind,
                       "showlegend": edge.sign not in shown, "x": [x0, x1], "y": [y0, y1], "hoverinfo": "skip",
                       "line": {"color": SIGN_COLOURS[edge.sign], "width": round(min(8.0, 1.5 + math.log1p(edge.n)), 2),
                                "dash": "dot" if edge.sign == 0 else "solid"}})
        shown.add(edge.sign)
    traces.append({
        "type": "scatter", "mode": "markers", "name": "edge", "showlegend": False,
        "x": [round((position[e.a][0] + position[e.b][0]) / 2, 4) for e in network.edges if _placed(e, position)],
        "y": [round((position[e.a][1] + position[e.b][1]) / 2, 4) for e in network.edges if _placed(e, position)],
        "hovertext": [hover_escape(f"{e.a}–{e.b} {e.kind}: NCI {e.nci:+.2f}, n={e.n}")
                      for e in network.edges if _placed(e, position)],
        "hoverinfo": "text",
        "marker": {"size": 7, "color": [SIGN_COLOURS[e.sign] for e in network.edges if _placed(e, position)]},
    })
    traces.append(_node_trace(network, position))
    layout = _layout(height=420, legend_y=-0.05)
    layout.update({"xaxis": {"visible": False, "range": [-1.45, 1.45]},
                   "yaxis": {"visible": False, "range": [-1.3, 1.3], "scaleanchor": "x"}})
    return {"data": traces, "layout": layout}


def _placed(edge: Any, position: dict[str, tuple[float, float]]) -> bool:
    return edge.a in position and edge.b in position


def _positions(nodes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """The first two nodes (the dyad) left and right of the centre, the rest evenly on the unit circle."""
    position = {}
    if nodes:
        position[nodes[0]] = (-0.35, 0.0)
    if len(nodes) > 1:
        position[nodes[1]] = (0.35, 0.0)
    thirds = nodes[2:]
    for k, node in enumerate(thirds):
        angle = math.pi / 2 - 2 * math.pi * k / len(thirds)
        position[node] = (round(math.cos(angle), 4), round(math.sin(angle), 4))
    return position


def _node_trace(network: NetworkView, position: dict[str, tuple[float, float]]) -> dict[str, Any]:
    """Labelled node markers; a third party's hover says how it moved."""
    moves = {m.third: m.note for m in network.moves}
    nodes = list(position)
    return {
        "type": "scatter", "mode": "markers+text", "name": "actors", "showlegend": False,
        "x": [position[n][0] for n in nodes], "y": [position[n][1] for n in nodes],
        "text": [hover_escape(n) for n in nodes], "textposition": "middle center",
        "textfont": {"color": "#ffffff", "size": 11},
        "hovertext": [hover_escape(moves.get(n, n)) for n in nodes], "hoverinfo": "text",
        "marker": {"size": [40 if i < 2 else 34 for i in range(len(nodes))],
                   "color": ["#08306b" if i < 2 else "#6b6b6b" for i in range(len(nodes))]},
    }


def _layout(*, height: int, legend_y: float) -> dict[str, Any]:
    """The layout every figure shares."""
    return {"height": height, "margin": {"l": 60, "r": 50, "t": 30, "b": 40}, "font": dict(_FONT),
            "hovermode": "closest", "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
            "legend": {"orientation": "h", "y": legend_y}}

