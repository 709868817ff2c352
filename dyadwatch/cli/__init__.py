"""Command line: thin commands that parse options, call one library function and print.

Every DyadwatchError becomes a one-line `error: ...` message and exit status 1.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TextIO

import click
from tqdm import tqdm

from dyadwatch import __version__
from dyadwatch.config import Settings, load_settings
from dyadwatch.errors import DyadwatchError
from dyadwatch.types import Article, Discarded, IngestSummary

MAX_DISCARD_LINES = 20
"""An ingest or import summary names at most this many discarded items."""


def _fail_cleanly(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DyadwatchError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(1)

    return wrapper


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dyadwatch")
@click.option("--store", "store_path", metavar="PATH", help="DuckDB store file (setting store_path).")
@click.option("--actors", "actors_file", metavar="FILE", help="User actor dictionary merged over the bundled one.")
@click.option("--model", "spacy_model", metavar="NAME", help="spaCy pipeline (setting spacy_model).")
@click.pass_context
@_fail_cleanly
def main(ctx: click.Context, store_path: str | None, actors_file: str | None, spacy_model: str | None) -> None:
    """dyadwatch: where a pair of states stands, from the news, with evidence."""
    ctx.ensure_object(dict)
    ctx.obj["settings"] = load_settings(store_path=store_path, actors_file=actors_file, spacy_model=spacy_model)


def _summary_lines(summary: IngestSummary, *, unit: str = "article") -> list[str]:
    lines = [
        f"stored {summary.stored} {unit}(s), {summary.sentences} sentence(s), {summary.events} event(s); "
        f"{summary.duplicates} duplicate(s); {len(summary.discarded)} discarded"
    ]
    shown = summary.discarded[:MAX_DISCARD_LINES]
    lines.extend(f"  discarded {d.item_id}: {d.reason}" for d in shown)
    if len(summary.discarded) > len(shown):
        lines.append(f"  ... and {len(summary.discarded) - len(shown)} more (`dyadwatch stats` counts them by reason)")
    return lines


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--allow-private-urls", is_flag=True, default=None, help="Fetch from private/loopback addresses.")
@click.pass_context
@_fail_cleanly
def ingest(ctx: click.Context, sources: Sequence[str], allow_private_urls: bool | None) -> None:
    """Read SOURCES (HTML/text/JSONL files or folders, RSS/Atom feeds, URLs), code them and store them."""
    from dyadwatch.pipeline import run_pipeline
    from dyadwatch.store import open_store

    settings = _settings(ctx)
    if allow_private_urls:
        settings = dataclasses.replace(settings, allow_private_urls=True)
    with open_store(settings.store_path) as store:
        with tqdm(unit=" items", desc="ingesting", file=sys.stderr, disable=None) as bar:

            def on_item(item: Article | Discarded) -> None:
                bar.update(1)

            summary = run_pipeline(sources, store=store, settings=settings, on_item=on_item)
    for line in _summary_lines(summary):
        click.echo(line)


@main.command(name="import")
@click.argument("kind", type=click.Choice(["icews", "gdelt", "polecat"]))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--countries", metavar="A,B,...", help="Keep only rows with a source or target among these ISO3 codes.")
@click.pass_context
@_fail_cleanly
def import_(ctx: click.Context, kind: str, files: Sequence[str], countries: str | None) -> None:
    """Import event data (ICEWS .tab/.tsv, GDELT 1.0/2.0 exports, POLECAT) into the store as events."""
    from dyadwatch.pipeline.history import import_history
    from dyadwatch.store import open_store

    settings = _settings(ctx)
    wanted = [c.strip().upper() for c in countries.split(",") if c.strip()] if countries else None
    with open_store(settings.store_path) as store:
        with tqdm(unit=" rows", desc=f"importing {kind}", file=sys.stderr, disable=None) as bar:
            summary = import_history(
                kind, files, store=store, settings=settings, countries=wanted, on_item=lambda _: bar.update(1)
            )
    for line in _summary_lines(summary, unit="row"):
        click.echo(line)


def _parse_dyad(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = value.replace("–", "-").split("-")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise click.BadParameter(f"{value!r}: want two codes joined by '-', e.g. AZE-RUS")
    return parts[0].strip(), parts[1].strip()


def _write_events(events: list, fmt: str, out: TextIO) -> None:
    from dyadwatch.report.records import TABLE_COLUMNS, event_record, event_row

    if fmt == "jsonl":
        for event in events:
            out.write(json.dumps(event_record(event), ensure_ascii=False) + "\n")
        return
    rows = [event_row(e) for e in events]
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=TABLE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        return
    widths = {c: max([len(c)] + [len(str(r[c])) for r in rows]) for c in TABLE_COLUMNS}
    out.write("  ".join(c.ljust(widths[c]) for c in TABLE_COLUMNS).rstrip() + "\n")
    for row in rows:
        out.write("  ".join(str(row[c]).ljust(widths[c]) for c in TABLE_COLUMNS).rstrip() + "\n")
    out.write(f"{len(rows)} event(s)\n")


@main.command()
@click.option("--dyad", metavar="A-B", help="Only events between A and B, both directions (e.g. AZE-RUS).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD).")
@click.option("--modality", "modalities", multiple=True, help="Only these modalities (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.pass_context
@_fail_cleanly
def events(ctx: click.Context, dyad: str | None, since: Any, until: Any, modalities: Sequence[str], fmt: str) -> None:
    """List stored events."""
    from dyadwatch.actors import find_party, load_actor_dictionary
    from dyadwatch.store import open_store

    settings = _settings(ctx)
    pair = _parse_dyad(dyad)
    if pair:
        dictionary = load_actor_dictionary(settings.actors_file)
        pair = (find_party(pair[0], dictionary)[0], find_party(pair[1], dictionary)[0])
    with open_store(settings.store_path, read_only=True) as store:
        found = store.events(
            dyad=pair,
            since=since.date() if since else None,
            until=until.date() if until else None,
            modalities=modalities or None,
        )
    _write_events(found, fmt, sys.stdout)


def _read_documents(stream: TextIO) -> tuple[list[tuple[str, str, date | None]], list[str]]:
    docs: list[tuple[str, str, date | None]] = []
    problems: list[str] = []
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError("want an object with a string 'text'")
            raw = obj.get("date")
            on = date.fromisoformat(raw) if raw else None
            docs.append((str(obj.get("id", f"line{lineno}")), obj["text"], on))
        except (ValueError, TypeError) as e:
            problems.append(f"line {lineno}: {e}")
    return docs, problems


@main.command()
@click.option("--input", "input_file", type=click.File("r", encoding="utf-8"), default="-", show_default=True,
              help="JSONL documents: {\"id\", \"text\", \"date\"} per line.")
@click.option("--output", "output_file", type=click.File("w", encoding="utf-8"), default="-", show_default=True,
              help="JSONL events, one object per event.")
@click.pass_context
@_fail_cleanly
def code(ctx: click.Context, input_file: TextIO, output_file: TextIO) -> None:
    """Code documents without storing them (JSONL in, JSONL events out)."""
    from dyadwatch.pipeline import build_coder, code_texts
    from dyadwatch.report.records import event_record

    docs, problems = _read_documents(input_file)
    for problem in problems:
        click.echo(f"skipped {problem}", err=True)
    found = code_texts(docs, coder=build_coder(_settings(ctx)))
    for doc_id, _, _ in docs:
        for event in found.get(doc_id, []):
            output_file.write(json.dumps(event_record(event, doc_id=doc_id), ensure_ascii=False) + "\n")


@main.command(name="eval")
@click.argument("gold", nargs=-1)
@click.option("--floors", "floors_file", type=click.Path(dir_okay=False), help="JSON floors; exit 1 if any is missed.")
@click.pass_context
@_fail_cleanly
def eval_(ctx: click.Context, gold: Sequence[str], floors_file: str | None) -> None:
    """Score the coder against gold files (PLOVER GSR JSON, PETR XML, ConfliBERT TSV); default: ../shared dev sets."""
    from dyadwatch.pipeline import run_evaluation

    text, failures = run_evaluation(gold, settings=_settings(ctx), floors_file=floors_file)
    click.echo(text)
    for failure in failures:
        click.echo(f"below floor: {failure}", err=True)
    if failures:
        sys.exit(1)


@main.group()
def actors() -> None:
    """The actor dictionary: how names resolve."""


@actors.command(name="lookup")
@click.argument("name")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), help="Resolve as of this day (YYYY-MM-DD).")
@click.pass_context
@_fail_cleanly
def actors_lookup(ctx: click.Context, name: str, on: Any) -> None:
    """Show how NAME resolves (on a date) and which dictionary rows are behind it."""
    from dyadwatch.actors import load_actor_dictionary
    from dyadwatch.actors.lookup import lookup_name

    result = lookup_name(name, load_actor_dictionary(_settings(ctx).actors_file), on=on.date() if on else None)
    when = f" on {result.on}" if result.on else ""
    click.echo(f"{result.text}{when}: {result.code or 'unresolved'} — {result.how}")
    for row in result.rows:
        click.echo(f"  {row}")


@main.command()
@click.pass_context
@_fail_cleanly
def stats(ctx: click.Context) -> None:
    """Row counts in the store, and discards by reason."""
    from dyadwatch.store import open_store

    with open_store(_settings(ctx).store_path, read_only=True) as store:
        counts = store.counts()
        reasons = Counter(d.reason.split(" (")[0] for d in store.discards())
    for key, value in counts.items():
        click.echo(f"{key}: {value}")
    for reason, n in reasons.most_common():
        click.echo(f"  discarded ({reason}): {n}")


from dyadwatch.cli import analysis as _analysis  # noqa: E402,F401 - registers brief, status, scenarios, forecast
from dyadwatch.cli import report as _report  # noqa: E402,F401 - registers report
from dyadwatch.cli import web as _web  # noqa: E402,F401 - registers serve

if __name__ == "__main__":  # pragma: no cover
    main()
