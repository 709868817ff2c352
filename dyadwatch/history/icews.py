"""ICEWS event files: the 20-column Dataverse export, and the ICEWS18 benchmark extract.

* **ICEWS** (tab-separated, header `Event ID, Event Date, Source Name, Source Sectors, Source
  Country, Event Text, CAMEO Code, Intensity, Target Name, Target Sectors, Target Country, Story
  ID, Sentence Number, Publisher, City, District, Province, Country, Latitude, Longitude`; a file
  without the header is read by position when its first row has 20 columns and a numeric id).
  Countries are names, sectors comma-separated lists; a row's id is (Event ID, Event Date), the
  unique key ICEWS documents. Intensity is ignored: weights come from our ontology.
* **ICEWS18** (tab-separated, header `date, source_name, source_country_heuristic, event_name,
  cameo_code, ..., target_name, target_country_heuristic, ...`): the temporal-knowledge-graph
  benchmark cut of ICEWS. It has no event id, so a row's id is its content (date, names, code)
  plus how many identical rows came before it in the file.

Actors resolve by the country column, else by the bracketed part of the name ("Citizen
(Ukraine)"), else by the whole name in our actor dictionary on the event's date ("Donald Trump",
"European Union"). The sector is the most specific role among the listed ICEWS sectors
(`tables.SECTOR_ORDER`), else the generic agent's ("Police (Russia)" -> COP), else the dictionary's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from datetime import date

from dyadwatch.errors import HistoryError
from dyadwatch.history.records import BadRow, ImportContext, ImportRow, Party, iso_day, row_problem
from dyadwatch.history.resolve import present, remember, split_agent
from dyadwatch.types import Actor

COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)
"""The ICEWS export's columns, in order."""
REQUIRED = COLUMNS[:5] + ("CAMEO Code", "Target Name", "Target Sectors", "Target Country")
BENCHMARK_REQUIRED = ("date", "source_name", "cameo_code", "target_name")
"""Columns an ICEWS18 extract must have (the country columns are used when present)."""

Parser = Callable[[int, list[str]], "ImportRow | BadRow"]


def sniff(first: list[str]) -> str | None:
    """"icews" or "icews18" if the first row looks like one of these files, else None."""
    cells = [c.strip() for c in first]
    if cells and cells[0] == "Event ID" and set(REQUIRED) <= set(cells):
        return "icews"
    if set(BENCHMARK_REQUIRED) <= set(cells):
        return "icews18"
    if len(cells) == len(COLUMNS) and cells[0].isdigit() and iso_day(cells[1]):
        return "icews"
    return None


def make_parser(first: list[str], ctx: ImportContext) -> tuple[Parser, bool, str]:
    """(row parser, whether the first row is a header, format name); HistoryError if not ICEWS."""
    fmt = sniff(first)
    cells = [c.strip() for c in first]
    if fmt == "icews18":
        return BenchmarkParser(cells, ctx), True, fmt
    if fmt == "icews":
        header = cells[0] == "Event ID"
        return TabParser(cells if header else list(COLUMNS), ctx), header, fmt
    raise HistoryError(
        f"{ctx.path}: not an ICEWS event file (first row has {len(first)} columns; want the 20-column "
        "export with header 'Event ID, Event Date, ...' or an ICEWS18 extract with 'date, source_name, ...')"
    )


class ActorCache:
    """ICEWS actor resolution, remembered per (name, country, sectors, date)."""

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self._seen: dict[Hashable, Actor | None] = {}

    def actor(self, name: str, country: str, sectors: str, *, on: date | None) -> Actor | None:
        """The actor for a row's name, country and sector cells, or None if it has no country or IGO."""
        key = (name, country, sectors, on)
        return remember(self._seen, key, lambda: self._resolve(present(name), country, present(sectors), on))

    def _resolve(self, name: str, country_cell: str, sectors: str, on: date | None) -> Actor | None:
        resolver = self.ctx.resolver
        agent, inner = split_agent(name)
        country = resolver.country(country_cell)
        igo = None
        if country is None and inner:
            country = resolver.country(inner)
            igo = None if country else resolver.igo(inner, on=on)
        country, igo, entry = resolver.identify(name, country, igo, on=on)
        if country is None and igo is None:
            return None
        # the dictionary's sector only if the entry is this actor on this date
        own = entry.sector if entry is not None and entry.code in (country, igo) else None
        sector = (
            resolver.sector_of_tags(sectors.split(","))
            or (resolver.sector_of_agent(agent) if inner else None)
            or own
        )
        return Actor(country=country, sector=sector, igo=igo, name=name, how="icews")


class TabParser:
    """Rows of the 20-column ICEWS export (by header names, or by position without a header)."""

    def __init__(self, header: list[str], ctx: ImportContext) -> None:
        self.ctx = ctx
        self.col = {name: i for i, name in enumerate(header)}
        self.width = max(self.col[name] for name in REQUIRED) + 1
        self.actors = ActorCache(ctx)

    def __call__(self, line: int, fields: list[str]) -> ImportRow | BadRow:
        """The importable row, or why not."""
        where = self.ctx.where(line)
        if len(fields) < self.width:
            return BadRow(where, f"row has {len(fields)} columns, expected {len(self.col)}")

        def cell(name: str) -> str:
            i = self.col.get(name)
            return fields[i] if i is not None and i < len(fields) else ""

        day = iso_day(cell("Event Date"))
        src_name, tgt_name = present(cell("Source Name")), present(cell("Target Name"))
        source = self.actors.actor(src_name, cell("Source Country"), cell("Source Sectors"), on=day)
        target = self.actors.actor(tgt_name, cell("Target Country"), cell("Target Sectors"), on=day)
        code = self.ctx.code(cell("CAMEO Code"))
        bad = row_problem(
            where, (repr(src_name) if src_name else "", source), (repr(tgt_name) if tgt_name else "", target),
            day=day, day_text=cell("Event Date"), code=code, code_text=cell("CAMEO Code"),
        )
        if bad is not None:
            return bad
        assert source and target and day and code  # row_problem found nothing missing
        event_id = present(cell("Event ID"))
        if not event_id:
            return BadRow(where, "no Event ID", (source.key, target.key))
        return ImportRow(
            kind="icews", fmt="icews", row_id=f"{event_id}|{day.isoformat()}", where=where, day=day,
            source=Party(src_name, source), target=Party(tgt_name, target), code=code,
            outlet=present(cell("Publisher")) or "ICEWS",
        )


class BenchmarkParser:
    """Rows of an ICEWS18 extract: date, names, optional ISO3 country columns, CAMEO code."""

    def __init__(self, header: list[str], ctx: ImportContext) -> None:
        self.ctx = ctx
        self.col = {name: i for i, name in enumerate(header)}
        self.width = max(self.col[name] for name in BENCHMARK_REQUIRED) + 1
        self.actors = ActorCache(ctx)
        self.seen: Counter[str] = Counter()

    def _cell(self, fields: list[str], name: str) -> str:
        i = self.col.get(name)
        return fields[i] if i is not None and i < len(fields) else ""

    def __call__(self, line: int, fields: list[str]) -> ImportRow | BadRow:
        """The importable row, or why not."""
        where = self.ctx.where(line)
        if len(fields) < self.width:
            return BadRow(where, f"row has {len(fields)} columns, expected {len(self.col)}")
        day_text, code_text = self._cell(fields, "date"), self._cell(fields, "cameo_code")
        day = iso_day(day_text)
        src_name, tgt_name = present(self._cell(fields, "source_name")), present(self._cell(fields, "target_name"))
        source = self.actors.actor(src_name, self._cell(fields, "source_country_heuristic"), "", on=day)
        target = self.actors.actor(tgt_name, self._cell(fields, "target_country_heuristic"), "", on=day)
        code = self.ctx.code(code_text)
        bad = row_problem(
            where, (repr(src_name) if src_name else "", source), (repr(tgt_name) if tgt_name else "", target),
            day=day, day_text=day_text, code=code, code_text=code_text,
        )
        if bad is not None:
            return bad
        assert source and target and day and code  # row_problem found nothing missing
        content = "|".join((day.isoformat(), src_name, code.code, tgt_name))
        self.seen[content] += 1
        return ImportRow(
            kind="icews18", fmt="icews18", row_id=f"{content}|{self.seen[content]}", where=where, day=day,
            source=Party(src_name, source), target=Party(tgt_name, target), code=code, outlet="ICEWS",
        )
