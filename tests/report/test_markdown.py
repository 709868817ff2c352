"""Tests for `dyadwatch.report.markdown`: the report as Markdown, with article text escaped."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dyadwatch.analysis import DyadOptions, analyse_dyad
from dyadwatch.analysis.scenario_file import load_scenarios, template_path
from dyadwatch.report.markdown import md_link, md_text, render_markdown
from dyadwatch.report.views import dyad_view
from tests.analysis.factory import make_incident

A, R = "AZE", "RUS"
EVIL = "a | b `code` <script>alert(1)</script> [x](javascript:alert(2)) *bold* _i_ \\ ~s~\nnext line"


def _incidents() -> list:
    calm = [(A, R, "040"), (R, A, "051"), (A, R, "043")]
    crisis = [(R, A, "182"), (R, A, "180"), (A, R, "161"), (A, R, "114")]
    plan = [calm] * 4 + [crisis] + [calm]
    return [make_incident(s, t, date(2025, 1 + m, 2 + k), c, article_id=f"m{m}k{k}")
            for m, codes in enumerate(plan) for k, (s, t, c) in enumerate(codes)]


@pytest.fixture(scope="module")
def markdown() -> str:
    analysis = analyse_dyad(_incidents(), A, R, scenarios=load_scenarios(template_path()), options=DyadOptions())
    view = dyad_view(analysis, names=("Azerbaijan", "Russia"), sentence_of=lambda i: EVIL,
                     link_for=lambda i: "javascript:alert(3)" if i.date.day == 2 else f"https://x.example/{i.id}?q=(1)")
    return render_markdown(view, title="Azerbaijan | Russia")


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_md_text_escapes_markdown_and_html() -> None:
    text = md_text(EVIL)
    assert "\n" not in text and "<" not in text and ">" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert _unescaped_pipes(text) == 0 and "\\`code\\`" in text and "\\[x\\]" in text
    assert "\\*bold\\*" in text and "\\_i\\_" in text and "\\\\" in text and "\\~s\\~" in text
    assert md_text("AT&T") == "AT&amp;T"


def test_md_link_allows_http_and_site_paths_only() -> None:
    assert md_link("open", "javascript:alert(1)") == ""
    assert md_link("open", "data:text/html,x") == ""
    assert md_link("open", 'https://x.example/a(b)|c"d`e<f>') == "[open](https://x.example/a%28b%29%7Cc%22d%60e%3Cf%3E)"
    assert md_link("open", "https://x.example/a b") == ""  # whitespace is never part of a safe href
    assert md_link("open", "/events/i1") == "[open](/events/i1)"


def test_sections_in_order_and_title_escaped(markdown: str) -> None:
    titles = ["## Status", "## Timeline", "## Index series", "## Reciprocity", "## Third parties",
              "## Scenario board", "## Forecast", "## Events"]
    positions = [markdown.index(t) for t in titles]
    assert positions == sorted(positions)
    assert markdown.startswith("# Azerbaijan \\| Russia\n")
    assert "▼ deteriorated" in markdown and "S1 Quiet de-escalation" in markdown


def test_tables_keep_their_columns_despite_article_pipes(markdown: str) -> None:
    events = markdown.split("## Events", 1)[1].strip().splitlines()
    header, rows = events[0], [line for line in events[2:] if line.startswith("| 2025-")]
    assert len(rows) == 19
    assert all(_unescaped_pipes(row) == _unescaped_pipes(header) == 9 for row in rows)


def test_article_text_and_bad_links_are_neutralised(markdown: str) -> None:
    assert "<script>" not in markdown and "javascript:" not in markdown.replace("javascript:alert(2)", "")
    assert "(javascript:alert(3))" not in markdown and "[open](javascript" not in markdown
    assert "[open](https://x.example/i" in markdown and "?q=%281%29)" in markdown
    # the only way "javascript:" appears is inside escaped article text, never as a link target
    assert "\\[x\\](javascript:alert(2))" in markdown
