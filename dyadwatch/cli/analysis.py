"""Analysis commands: brief, status, scenarios, forecast (each a thin wrapper over one pipeline call)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

import click

from dyadwatch.cli import _fail_cleanly, _parse_dyad, _settings, main

_DAY = click.DateTime(["%Y-%m-%d"])
_MODALITIES = click.Choice(["negated", "denied", "alleged", "hypothetical", "future"])


def _day(value: Any) -> date | None:
    return value.date() if value else None


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _csv(rows: Sequence[dict], columns: Sequence[str], out: TextIO | None = None) -> None:
    writer = csv.DictWriter(out or sys.stdout, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--latest", "n_latest", default=10, show_default=True, help="How many latest incidents to show.")
@click.option("--include", "include", multiple=True, type=_MODALITIES,
              help="Also count incidents of this modality (repeatable); asserted ones always count.")
@click.option("--as-of", "as_of", type=_DAY, help="Judge the dyad as of this day (default: its latest incident).")
@click.option("--scenarios", "scenario_file", type=click.Path(dir_okay=False, exists=True),
              help="Scenario YAML for the Scenarios section (default: the bundled template).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@_fail_cleanly
def brief(ctx: click.Context, a: str, b: str, n_latest: int, include: Sequence[str], as_of: Any,
          scenario_file: str | None, fmt: str) -> None:
    """Where A and B stand and where they are headed (codes or names: AZE RUS, "Azerbaijan" "Russia")."""
    from dyadwatch.pipeline.analyse import DyadRequest, analyse_from_store, sentence_lookup
    from dyadwatch.report import build_brief
    from dyadwatch.report.tables import analysis_record
    from dyadwatch.store import open_store

    settings = _settings(ctx)
    request = DyadRequest(a, b, ("asserted", *include), as_of=_day(as_of), scenario_file=scenario_file)
    with open_store(settings.store_path, read_only=True) as store:
        analysis, names = analyse_from_store(store, request, settings=settings)
        if fmt == "json":
            _json(analysis_record(analysis))
            return
        click.echo(build_brief(analysis, names=names, sentence_of=sentence_lookup(store), n_latest=n_latest))


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--grain", type=click.Choice(["month", "week"]), default="month", show_default=True)
@click.option("--as-of", "as_of", type=_DAY, help="Up to this day (default: the dyad's latest incident).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.pass_context
@_fail_cleanly
def status(ctx: click.Context, a: str, b: str, grain: str, as_of: Any, fmt: str) -> None:
    """Per-period figures of A->B, B->A and both: counts, quad classes, Goldstein, NCI, rung."""
    from dyadwatch.pipeline.analyse import DyadRequest, analyse_from_store
    from dyadwatch.report.tables import STATUS_COLUMNS, plain, status_rows
    from dyadwatch.report.text import table
    from dyadwatch.store import open_store

    settings = _settings(ctx)
    with open_store(settings.store_path, read_only=True) as store:
        analysis, _ = analyse_from_store(store, DyadRequest(a, b, as_of=_day(as_of)), settings=settings)
    chosen = analysis.status if grain == "month" else analysis.weekly_status
    rows = status_rows(chosen)
    if fmt == "json":
        _json({"rows": rows, "latest": plain(chosen.latest), "change_level": chosen.change_level,
               "rung_alert": chosen.rung_alert})
    elif fmt == "csv":
        _csv(rows, STATUS_COLUMNS)
    else:
        cells = [list(STATUS_COLUMNS)] + [["–" if r[c] is None else _cell(r[c]) for c in STATUS_COLUMNS] for r in rows]
        click.echo("\n".join(table(cells, numeric=range(2, len(STATUS_COLUMNS)))))


def _cell(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


@main.group()
def scenarios() -> None:
    """Hypotheses and scenarios whose signposts are queries over coded incidents."""


@scenarios.command(name="run")
@click.argument("file", required=False, type=click.Path(dir_okay=False, exists=True))
@click.option("--dyad", metavar="A-B", help="Bind roles A and B (e.g. AZE-RUS); default: the file's dyad.")
@click.option("--since", type=_DAY, help="First day of the run (YYYY-MM-DD).")
@click.option("--until", type=_DAY, help="Last day of the run (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
@click.pass_context
@_fail_cleanly
def scenarios_run(ctx: click.Context, file: str | None, dyad: str | None, since: Any, until: Any, fmt: str) -> None:
    """Update FILE's scenario probabilities period by period (default FILE: the bundled template)."""
    from dataclasses import asdict

    from dyadwatch.pipeline.analyse import run_scenario_file
    from dyadwatch.report.scenarios import scenario_report
    from dyadwatch.store import open_store

    settings = _settings(ctx)
    with open_store(settings.store_path, read_only=True) as store:
        run = run_scenario_file(store, file, settings=settings, dyad=_parse_dyad(dyad), since=_day(since),
                                until=_day(until))
    if fmt == "json":
        _json(run.as_dict())
    elif fmt == "csv":
        _csv([asdict(r) for r in run.history()], ("period", "set_id", "hypothesis", "probability", "change"))
    else:
        click.echo(scenario_report(run), nl=False)


@scenarios.command(name="template")
def scenarios_template() -> None:
    """Print the bundled scenario template (copy it, edit it, run it)."""
    from dyadwatch.analysis.scenario_file import template_path

    click.echo(template_path().read_text(encoding="utf-8"), nl=False)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--backtest", "with_backtest", is_flag=True, help="Also score rolling-origin forecasts on the history.")
@click.option("--as-of", "as_of", type=_DAY, help="Forecast as of this day (default: the dyad's latest incident).")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
@click.pass_context
@_fail_cleanly
def forecast(ctx: click.Context, a: str, b: str, with_backtest: bool, as_of: Any, fmt: str) -> None:
    """Probability of a crisis month (ladder rung >= 3) between A and B next month, and a hostile-count range."""
    from dyadwatch.pipeline.analyse import forecast_for
    from dyadwatch.report.sections import backtest_lines, forecast_lines
    from dyadwatch.report.tables import FORECAST_COLUMNS, forecast_rows, plain
    from dyadwatch.store import open_store

    settings = _settings(ctx)
    with open_store(settings.store_path, read_only=True) as store:
        result, track, names = forecast_for(store, a, b, settings=settings, as_of=_day(as_of),
                                            with_backtest=with_backtest)
    if fmt == "json":
        _json({"forecast": plain(result), "backtest": plain(track)})
    elif fmt == "csv":
        _csv(forecast_rows(result, track), FORECAST_COLUMNS)
    else:
        click.echo(f"{names[0]} – {names[1]}")
        lines = forecast_lines(result) + (backtest_lines(track) if with_backtest else [])
        click.echo("\n".join(lines))
