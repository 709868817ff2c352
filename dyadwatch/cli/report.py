"""`dyadwatch report`: the self-contained HTML (or Markdown) report on one dyad."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import click

from dyadwatch.cli import _fail_cleanly, _settings, main
from dyadwatch.cli.analysis import _DAY, _MODALITIES, _day


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--since", type=_DAY, help="Show incidents and months from this day (YYYY-MM-DD).")
@click.option("--until", type=_DAY, help="Show them up to this day; also the as-of day unless --as-of is given.")
@click.option("--as-of", "as_of", type=_DAY, help="Judge the dyad as of this day (default: --until, else its latest "
              "incident).")
@click.option("--include", "include", multiple=True, type=_MODALITIES,
              help="Also count incidents of this modality (repeatable); asserted ones always count.")
@click.option("--scenarios", "scenario_file", type=click.Path(dir_okay=False, exists=True),
              help="Scenario YAML for the scenario board (default: the bundled template).")
@click.option("--out", "out", required=True, metavar="PATH", help="File to write; '-' writes to standard output.")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]),
              help="Output format (default: md for a .md --out, html otherwise).")
@click.pass_context
@_fail_cleanly
def report(ctx: click.Context, a: str, b: str, since: Any, until: Any, as_of: Any, include: Sequence[str],
           scenario_file: str | None, out: str, fmt: str | None) -> None:
    """Write a self-contained report on A and B (works offline): status, timeline, index series,
    reciprocity, third parties, scenario board, forecast and events, each event linked to its article."""
    from dyadwatch.pipeline.analyse import DyadRequest, analyse_from_store, sentence_lookup
    from dyadwatch.report.html import render_report
    from dyadwatch.report.views import dyad_view
    from dyadwatch.store import open_store

    settings = _settings(ctx)
    fmt = fmt or ("md" if out.lower().endswith((".md", ".markdown")) else "html")
    when = _day(as_of) or _day(until)
    request = DyadRequest(a, b, ("asserted", *include), as_of=when, scenario_file=scenario_file)
    with open_store(settings.store_path, read_only=True) as store:
        analysis, names = analyse_from_store(store, request, settings=settings)
        view = dyad_view(analysis, names=names, sentence_of=sentence_lookup(store), link_for=_article_links(store),
                         since=_day(since), until=_day(until))
    text = render_report(view, title=f"{names[0]} – {names[1]}: dyadwatch report", fmt=fmt)
    if out == "-":
        sys.stdout.write(text)
        return
    Path(out).write_text(text, encoding="utf-8")
    click.echo(f"wrote {out} ({len(text.encode('utf-8')) // 1024} KiB, {fmt})", err=True)


def _article_links(store: Any) -> Any:
    """link_for of the offline report: the article's URL when it is http(s), else None."""

    @lru_cache(maxsize=4096)
    def url(article_id: str) -> str | None:
        article = store.article(article_id)
        found = article.url.strip() if article and article.url else ""
        return found if found.lower().startswith(("http://", "https://")) else None

    return lambda incident: url(incident.event.article_id)
