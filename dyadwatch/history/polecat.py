"""POLECAT event files (tab-separated with a header; PLOVER-coded).

Columns used: `Event ID, Event Date, Event Type, Event Mode, Contexts, Actor Name, Actor Country,
Primary Actor Sector, Actor Sectors, Recipient Name, Recipient Country, Primary Recipient Sector,
Recipient Sectors, Source`; the rest are ignored. Columns are found by header name, so a release
with an extra `Headline` column or with `Event Intensity` for `Intensity` reads the same; a row
with stray tabs after the columns we use still imports.

PLOVER -> CAMEO. Our events carry a CAMEO code (for Goldstein weights, quad classes and the
escalation ladder), so each POLECAT event gets the most representative CAMEO code of its PLOVER
type and mode: among the codes our ontology maps to that type and mode, the one under the type's
own root (`data/plover_cameo.tsv`: ASSAULT -> 18, REQUEST -> 10, ...) if any, then the shortest,
then the lowest; without a mode, or with a mode no code has, the type's own code from that table.
The choice is written into the text ("[PLOVER ASSAULT/firearms → CAMEO 193 by type and mode]"),
while the event keeps POLECAT's own PLOVER type, mode and contexts. Old PLOVER names are mapped
to current ones (DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE/investigate,
FIGHT -> ASSAULT, YIELD -> CONCEDE).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping
from datetime import date

from dyadwatch.errors import HistoryError
from dyadwatch.history.records import BadRow, ImportContext, ImportRow, Party, iso_day, row_problem
from dyadwatch.history.resolve import present, remember
from dyadwatch.ontology import PLOVER_TYPES, CameoCode, Ontology
from dyadwatch.types import Actor

REQUIRED = ("Event ID", "Event Date", "Event Type", "Actor Name", "Actor Country", "Recipient Name",
            "Recipient Country")
OLD_NAMES = {
    "DEMAND": ("REQUEST", ""),
    "DISAPPROVE": ("ACCUSE", ""),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", ""),
    "YIELD": ("CONCEDE", ""),
}
"""2016 PLOVER names -> (current type, implied mode)."""
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

Parser = Callable[[int, list[str]], "ImportRow | BadRow"]


def mode_key(mode: str) -> str:
    """Spelling-insensitive key of a PLOVER mode ("heavy weapons", "heavy-weapons" -> "heavyweapons")."""
    return _NOT_ALNUM.sub("", mode.lower())


def plover_index(ontology: Ontology, defaults: Mapping[str, str]) -> dict[tuple[str, str], CameoCode]:
    """(PLOVER type, mode key) -> representative CAMEO code; mode key "" is the type's default."""
    index: dict[tuple[str, str], CameoCode] = {}
    for plover, code in defaults.items():
        index[(plover, "")] = ontology.codes[code]
    ranked = sorted(ontology.codes.values(), key=lambda c: (len(c.code), c.code))
    for info in ranked:
        if not info.plover or not info.plover_mode:
            continue
        key = (info.plover, mode_key(info.plover_mode))
        best = index.get(key)
        own_root = defaults.get(info.plover, "")[:2]
        if best is None or (info.root == own_root and best.root != own_root):
            index[key] = info
    return index


def sniff(first: list[str]) -> str | None:
    """"polecat" if the first row is a POLECAT header, else None."""
    cells = {c.strip() for c in first}
    return "polecat" if set(REQUIRED) <= cells else None


def make_parser(first: list[str], ctx: ImportContext) -> tuple[Parser, bool, str]:
    """(row parser, True: the first row is the header, "polecat"); HistoryError if not POLECAT."""
    if sniff(first) is None:
        missing = [c for c in REQUIRED if c not in {f.strip() for f in first}]
        raise HistoryError(
            f"{ctx.path}: not a POLECAT file (the header row lacks {', '.join(missing)}; POLECAT files are "
            "tab-separated with a header)"
        )
    return PolecatParser([c.strip() for c in first], ctx), True, "polecat"


class PolecatParser:
    """Rows of a POLECAT file, by header name."""

    def __init__(self, header: list[str], ctx: ImportContext) -> None:
        self.ctx = ctx
        self.col: dict[str, int] = {}
        for i, name in enumerate(header):
            self.col.setdefault(name, i)
        self.width = max(self.col[name] for name in REQUIRED) + 1
        self.codes = plover_index(ctx.ontology, ctx.resolver.tables.plover_cameo)
        self._actors: dict[Hashable, Actor | None] = {}

    def _cell(self, fields: list[str], name: str) -> str:
        i = self.col.get(name)
        return present(fields[i]) if i is not None and i < len(fields) else ""

    def actor(self, fields: list[str], role: str, on: date | None) -> tuple[str, Actor | None]:
        """(label for messages, actor or None) of the Actor or the Recipient."""
        cells = tuple(self._cell(fields, f"{role} {c}") for c in ("Name", "Country", "Sectors"))
        primary = self._cell(fields, f"Primary {role} Sector")
        key = (*cells, primary, on.isoformat() if on else "")
        actor = remember(self._actors, key, lambda: self._resolve(cells[0], cells[1], primary, cells[2], on))
        return (repr(cells[0]) if cells[0] else ""), actor

    def _resolve(self, name: str, country_cell: str, primary: str, sectors: str, on: date | None) -> Actor | None:
        resolver = self.ctx.resolver
        country = resolver.country(country_cell)
        igo = None if country else resolver.igo(name, on=on)
        country, igo, entry = resolver.identify(name, country, igo, on=on)
        if country is None and igo is None:
            return None
        listed = [resolver.sector_of_code(s) for s in re.split(r"[;,|]", sectors)]
        own = entry.sector if entry is not None and entry.code in (country, igo) else None
        sector = resolver.sector_of_code(primary) or next((s for s in listed if s), None) or own
        return Actor(country=country, sector=sector, igo=igo, name=name, how="polecat")

    def plover(self, fields: list[str]) -> tuple[str, str, CameoCode | None, str]:
        """(PLOVER type, mode, CAMEO code or None if the type is unknown, how the code was chosen)."""
        raw = self._cell(fields, "Event Type").upper()
        mode = self._cell(fields, "Event Mode").lower()
        plover, implied = OLD_NAMES.get(raw, (raw, ""))
        mode = mode or implied
        if plover not in PLOVER_TYPES:
            return raw, mode, None, ""
        by_mode = self.codes.get((plover, mode_key(mode))) if mode else None
        return plover, mode, by_mode or self.codes[(plover, "")], "by type and mode" if by_mode else "by type"

    def __call__(self, line: int, fields: list[str]) -> ImportRow | BadRow:
        """The importable row, or why not."""
        where = self.ctx.where(line)
        if len(fields) < self.width:
            return BadRow(where, f"row has {len(fields)} columns, expected {len(self.col)}")
        day_text = self._cell(fields, "Event Date")
        day = iso_day(day_text)
        source, target = self.actor(fields, "Actor", day), self.actor(fields, "Recipient", day)
        plover, mode, code, how = self.plover(fields)
        bad = row_problem(
            where, source, target, day=day, day_text=day_text, code=code, code_text=plover,
            code_kind="PLOVER event type",
        )
        if bad is not None:
            return bad
        src, tgt = source[1], target[1]
        assert src and tgt and day and code  # row_problem found nothing missing
        event_id = self._cell(fields, "Event ID")
        if not event_id:
            return BadRow(where, "no Event ID", (src.key, tgt.key))
        contexts = ";".join(c.strip().lower() for c in re.split(r"[;,|]", self._cell(fields, "Contexts")) if c.strip())
        shown = plover + (f"/{mode}" if mode else "")
        return ImportRow(
            kind="polecat", fmt="polecat", row_id=event_id, where=where, day=day, source=Party(src.name, src),
            target=Party(tgt.name, tgt), code=code, outlet=self._cell(fields, "Source") or "POLECAT",
            tag=f"PLOVER {shown} → CAMEO {code.code} {how}", plover=(plover, mode, contexts),
        )
