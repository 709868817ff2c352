"""HTML for a `DyadView`: the dashboard's dyad body and the self-contained offline report.

Escaping, in one place:

- Jinja2 renders with autoescape on and `StrictUndefined` (a missing field is an error, not an empty
  string); no article-derived text is ever marked safe.
- Figures are Plotly JSON inside ``<script type="application/json">``, where HTML escaping does not
  apply; `figure_json` writes `<`, `>`, `&`, U+2028 and U+2029 as ``\\uXXXX`` escapes instead, so no
  text in a figure can close the script element, and hover labels escape their own HTML
  (`dyadwatch.report.figures.hover_escape`).
- Links are `IncidentRef.href`, already limited to site paths and http(s) URLs by
  `dyadwatch.report.views.safe_href`.

The offline report inlines plotly.min.js (the copy shipped inside the `plotly` Python package) and
`static/dyadwatch.js`, so it opens from a file with no network: nothing is loaded from a URL.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from dyadwatch.report.figures import plot_figures
from dyadwatch.report.markdown import render_markdown
from dyadwatch.report.text import num
from dyadwatch.report.view_records import DyadView

__all__ = ["PLOTLY_JS", "STATIC_DIR", "figure_json", "render_dyad_body", "render_report"]

_HERE = Path(__file__).resolve().parent
STATIC_DIR: Path = _HERE / "static"
"""Folder of `dyadwatch.js` (renders the figures, wires clicks) and `dyadwatch.css`."""
TEMPLATES_DIR: Path = _HERE / "templates"
"""Folder of the Jinja2 templates."""


def _plotly_js() -> Path:
    """plotly.min.js inside the installed `plotly` package (found without importing plotly)."""
    spec = importlib.util.find_spec("plotly")
    origin = spec.origin if spec and spec.origin else ""
    return Path(origin).resolve().parent / "package_data" / "plotly.min.js"


PLOTLY_JS: Path = _plotly_js()
"""The plotly.min.js shipped in the PyPI `plotly` package: the only copy the report and dashboard use."""

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")
_CLOSE_SCRIPT = re.compile(r"</(script)", re.IGNORECASE)


def figure_json(figure: dict[str, Any]) -> Markup:
    """`figure` as JSON that is safe inside a <script> element (see the module docstring)."""
    text = json.dumps(figure, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return Markup(_SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], text))


def _signed(value: float | None, digits: int = 2) -> str:
    """"+0.24"; "–" for None."""
    return "–" if value is None or not math.isfinite(value) else f"{value:+.{digits}f}"


def _pct(value: float | None) -> str:
    """"53%"; "–" for None."""
    return "–" if value is None or not math.isfinite(value) else f"{value * 100:.0f}%"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """The Jinja2 environment (autoescape on, strict undefined)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(num=num, signed=_signed, pct=_pct, figure_json=figure_json)
    return env


def render_dyad_body(view: DyadView) -> str:
    """The HTML fragment with every panel (ids: status-card, timeline, index-series, reciprocity,
    network, scenario-board with scenario-table, forecast, events)."""
    return _environment().get_template("dyad_body.html").render(view=view, figures=plot_figures(view))


def render_report(view: DyadView, *, title: str, fmt: str = "html") -> str:
    """The self-contained report page (plotly.min.js and dyadwatch.js inlined), or Markdown for fmt "md"."""
    if fmt == "md":
        return render_markdown(view, title=title)
    if fmt != "html":
        raise ValueError(f"fmt must be 'html' or 'md', got {fmt!r}")
    return _environment().get_template("report.html").render(
        title=title, view=view, body=Markup(render_dyad_body(view)),
        css=Markup(_inline((STATIC_DIR / "dyadwatch.css").read_text(encoding="utf-8"))),
        scripts=[Markup(_inline(p.read_text(encoding="utf-8"))) for p in (PLOTLY_JS, STATIC_DIR / "dyadwatch.js")],
    )


def _inline(code: str) -> str:
    """Package JavaScript or CSS made safe to inline: a "</script" inside it cannot end the element."""
    return _CLOSE_SCRIPT.sub(r"<\\/\1", code)
