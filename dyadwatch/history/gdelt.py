"""GDELT event files: 1.0 (daily files, 58 columns; the pre-2013 backfile, 57) and 2.0 (61 columns).

Raw GDELT files are tab-separated without a header; the version is told by the column count of the
first row (57 or 58 -> 1.0, 61 -> 2.0). Files with a header row (CSV re-exports, BigQuery
downloads) are read by column name, and 2.0 is told by its `...Geo_ADM2Code` columns; extra
columns are ignored.

Actors: `Actor1CountryCode` is a CAMEO country code (ISO3 but for a few, see
`data/cameo_countries.tsv`; region codes such as EUR or WST are no state). An actor without a
country is an IGO when its code starts with IGO (or IMG) and its known-group code maps to one of
ours (`data/known_groups.tsv`: UNO -> IGOUNO, EEC -> IGOEU, ...). The sector is the first of
`Type1Code`..`Type3Code` that maps to one of our sectors (`data/sector_codes.tsv`). The row's
`GoldsteinScale` and `QuadClass` are ignored: weights come from our ontology.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from urllib.parse import urlsplit

from dyadwatch.errors import HistoryError
from dyadwatch.history.records import BadRow, ImportContext, ImportRow, Party, compact_day, row_problem
from dyadwatch.history.resolve import remember
from dyadwatch.types import Actor

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_EVENT = ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
          "NumMentions", "NumSources", "NumArticles", "AvgTone")


def _columns(geo: tuple[str, ...]) -> tuple[str, ...]:
    head = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    actors = tuple(f"{a}{c}" for a in ("Actor1", "Actor2") for c in _ACTOR)
    places = tuple(f"{p}_{g}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo") for g in geo)
    return head + actors + _EVENT + places + ("DATEADDED", "SOURCEURL")


GDELT1_COLUMNS = _columns(("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"))
"""GDELT 1.0 daily files (58 columns; the backfile before April 2013 lacks SOURCEURL: 57)."""
GDELT2_COLUMNS = _columns(("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"))
"""GDELT 2.0 event export (61 columns)."""
REQUIRED = ("GLOBALEVENTID", "SQLDATE", "EventCode") + tuple(
    f"{a}{c}" for a in ("Actor1", "Actor2") for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "Type1Code")
)
WIDTHS = {len(GDELT1_COLUMNS) - 1: "gdelt1", len(GDELT1_COLUMNS): "gdelt1", len(GDELT2_COLUMNS): "gdelt2"}

Parser = Callable[[int, list[str]], "ImportRow | BadRow"]


def sniff(first: list[str]) -> str | None:
    """"gdelt1" or "gdelt2" if the first row looks like a GDELT events file, else None."""
    cells = [c.strip() for c in first]
    if cells and cells[0].upper() == "GLOBALEVENTID":
        if not set(REQUIRED) <= set(cells):
            return None
        return "gdelt2" if "ActionGeo_ADM2Code" in cells else "gdelt1"
    if cells and cells[0].isdigit() and len(cells) in WIDTHS:
        return WIDTHS[len(cells)]
    return None


def make_parser(first: list[str], ctx: ImportContext) -> tuple[Parser, bool, str]:
    """(row parser, whether the first row is a header, format name); HistoryError if not GDELT."""
    fmt = sniff(first)
    if fmt is None:
        raise HistoryError(
            f"{ctx.path}: not a GDELT events file (first row has {len(first)} columns; GDELT 1.0 has 57 or 58, "
            "GDELT 2.0 has 61, or a header row starting GLOBALEVENTID with the Actor and EventCode columns)"
        )
    header = first[0].strip().upper() == "GLOBALEVENTID"
    if header:
        names = [c.strip() for c in first]
        return GdeltParser(names, ctx, fmt=fmt, exact=False), True, fmt
    names = list(GDELT2_COLUMNS if fmt == "gdelt2" else GDELT1_COLUMNS)[: len(first)]
    return GdeltParser(names, ctx, fmt=fmt, exact=True), False, fmt


class GdeltParser:
    """Rows of a GDELT 1.0 or 2.0 events file."""

    def __init__(self, names: list[str], ctx: ImportContext, *, fmt: str, exact: bool) -> None:
        self.ctx = ctx
        self.fmt = fmt
        self.col = {name: i for i, name in enumerate(names)}
        self.width = len(names) if exact else max(self.col[name] for name in REQUIRED) + 1
        self.exact = exact
        self._actors: dict[Hashable, Actor | None] = {}

    def _cell(self, fields: list[str], name: str) -> str:
        i = self.col.get(name)
        value = fields[i].strip() if i is not None and i < len(fields) else ""
        return "" if value.upper() in ("NA", "NULL") else value

    def actor(self, fields: list[str], prefix: str) -> tuple[str, Actor | None]:
        """(label for messages, actor or None) of Actor1 or Actor2."""
        cells = tuple(self._cell(fields, prefix + c) for c in ("Code", "Name", "CountryCode", "KnownGroupCode",
                                                                 "Type1Code", "Type2Code", "Type3Code"))
        actor = remember(self._actors, cells, lambda: self._resolve(*cells))
        code, name, country = cells[0], cells[1], cells[2]
        label = repr(name or code) if (name or code) else ""
        if self.ctx.resolver.is_region(country):
            label += f" ({country} is a region)"
        return label, actor

    def _resolve(self, code: str, name: str, country_code: str, group: str, *types: str) -> Actor | None:
        resolver = self.ctx.resolver
        country = resolver.country(country_code)
        igo = None
        if country is None and group and code.upper().startswith(("IGO", "IMG")):
            igo = resolver.tables.known_groups.get(group.upper()) or ("IMG" if code.upper().startswith("IMG") else None)
        if country is None and igo is None:
            return None
        sector = next((s for s in map(resolver.sector_of_code, types) if s), None)
        if not name:
            known = resolver.dictionary.by_code.get(igo or country or "")
            name = known.name if known and known.name else (igo or country or "")
        return Actor(country=country, sector=sector, igo=igo, name=name, how="gdelt")

    def __call__(self, line: int, fields: list[str]) -> ImportRow | BadRow:
        """The importable row, or why not."""
        where = self.ctx.where(line)
        if len(fields) < self.width or (self.exact and len(fields) != self.width):
            return BadRow(where, f"row has {len(fields)} columns, expected {self.width}")
        day_text, code_text = self._cell(fields, "SQLDATE"), self._cell(fields, "EventCode")
        day, code = compact_day(day_text), self.ctx.code(code_text)
        source, target = self.actor(fields, "Actor1"), self.actor(fields, "Actor2")
        bad = row_problem(where, source, target, day=day, day_text=day_text, code=code, code_text=code_text)
        if bad is not None:
            return bad
        event_id = self._cell(fields, "GLOBALEVENTID")
        src, tgt = source[1], target[1]
        assert src and tgt and day and code  # row_problem found nothing missing
        if not event_id:
            return BadRow(where, "no GLOBALEVENTID", (src.key, tgt.key))
        url, outlet = _url_and_outlet(self._cell(fields, "SOURCEURL"))
        return ImportRow(
            kind="gdelt", fmt=self.fmt, row_id=event_id, where=where, day=day, source=Party(src.name, src),
            target=Party(tgt.name, tgt), code=code, outlet=outlet, url=url,
        )


def _url_and_outlet(value: str) -> tuple[str | None, str]:
    """(URL, outlet): the URL's host without "www." is the outlet; a non-URL value is an outlet name."""
    if not value:
        return None, "GDELT"
    if value.startswith(("http://", "https://")):
        host = (urlsplit(value).hostname or "").removeprefix("www.")
        return value, host or "GDELT"
    return None, value
