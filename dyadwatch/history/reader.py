"""`read_history`: stream an event-data file as `CodedArticle | Discarded` records, with counts.

The file is opened and its header (or first row) checked when `read_history` is called, so an
unreadable file fails at once with HistoryError; rows are then read one at a time. Each row
becomes a `CodedArticle` (see `records.build_coded`) or, if it cannot be imported, a
`Discarded(stage="import", item_id="path:line", reason=..., source=path)`. With `countries`, rows
whose source and target are both outside the set are skipped: not yielded and not discarded, only
counted (a row outside the set is skipped even when it is also malformed).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from dyadwatch.actors import ActorDictionary, load_actor_dictionary
from dyadwatch.errors import HistoryError
from dyadwatch.history import gdelt, icews, polecat
from dyadwatch.history.records import BadRow, ImportContext, ImportRow, build_coded
from dyadwatch.history.resolve import ActorResolver
from dyadwatch.history.rows import Row, first_row, read_rows
from dyadwatch.history.tables import load_history_tables
from dyadwatch.ontology import Ontology, load_ontology
from dyadwatch.types import CodedArticle, Discarded

HISTORY_KINDS: tuple[str, ...] = ("icews", "gdelt", "polecat")
"""Kinds of file `read_history` reads (GDELT 1.0/2.0 and ICEWS/ICEWS18 are told apart by the file)."""
STAGE = "import"
"""`Discarded.stage` of rows that could not be imported."""
_FORMATS: dict[str, ModuleType] = {"icews": icews, "gdelt": gdelt, "polecat": polecat}


@dataclass(frozen=True)
class ImportCounts:
    """What a `HistoryReader` has done so far."""

    fmt: str
    """Exact format read: "icews", "icews18", "gdelt1", "gdelt2" or "polecat"."""
    path: str
    """The file."""
    rows: int = 0
    """Data rows read (the header not counted)."""
    imported: int = 0
    """Rows yielded as `CodedArticle` (one event each)."""
    discarded: int = 0
    """Rows yielded as `Discarded`."""
    skipped: int = 0
    """Rows left out by the country filter (neither yielded nor discarded)."""


def _countries(countries: Collection[str] | None) -> frozenset[str] | None:
    if countries is None:
        return None
    if isinstance(countries, str) or not countries:
        raise ValueError("countries must be a non-empty set of codes such as {'AZE', 'RUS'}, or None")
    return frozenset(c.strip().upper() for c in countries)


class HistoryReader(Iterator[CodedArticle | Discarded]):
    """Iterator over one file's records; `counts` says how many rows went where."""

    def __init__(
        self,
        kind: str,
        path: str | os.PathLike[str],
        *,
        dictionary: ActorDictionary | None = None,
        ontology: Ontology | None = None,
        countries: Collection[str] | None = None,
    ) -> None:
        if kind not in _FORMATS:
            raise ValueError(f"kind must be one of {', '.join(HISTORY_KINDS)}, not {kind!r}")
        self.path = Path(path)
        self.countries = _countries(countries)
        dictionary = dictionary or load_actor_dictionary()
        ontology = ontology or load_ontology()
        resolver = ActorResolver(dictionary, load_history_tables())
        self._rows = read_rows(self.path)
        first = next(self._rows, None)
        if first is None or not isinstance(first[1], list):
            self._rows.close()
            raise HistoryError(f"{self.path}: empty or unreadable first line; nothing to import")
        ctx = ImportContext(path=self.path, resolver=resolver, ontology=ontology)
        try:
            self._parse, header, self.fmt = _FORMATS[kind].make_parser(first[1], ctx)
        except HistoryError:
            self._rows.close()
            raise
        self._pending: Row | None = None if header else first
        self.versions = f"import={self.fmt};ontology={ontology.version};actors={dictionary.version}"
        self._n = {"rows": 0, "imported": 0, "discarded": 0, "skipped": 0}

    @property
    def counts(self) -> ImportCounts:
        """Rows read, imported, discarded and skipped so far."""
        return ImportCounts(fmt=self.fmt, path=str(self.path), **self._n)

    def __iter__(self) -> HistoryReader:
        return self

    def __next__(self) -> CodedArticle | Discarded:
        while True:
            line, fields = self._next_row()
            self._n["rows"] += 1
            where = f"{self.path}:{line}"
            result = self._parse(line, fields) if isinstance(fields, list) else BadRow(where, fields)
            if self._skip(result):
                self._n["skipped"] += 1
                continue
            if isinstance(result, ImportRow):
                self._n["imported"] += 1
                return build_coded(result, versions=self.versions)
            self._n["discarded"] += 1
            return Discarded(stage=STAGE, item_id=result.where, reason=result.reason, source=str(self.path))

    def _next_row(self) -> Row:
        if self._pending is not None:
            row, self._pending = self._pending, None
            return row
        return next(self._rows)

    def _skip(self, result: ImportRow | BadRow) -> bool:
        if self.countries is None:
            return False
        keys = (result.source.actor.key, result.target.actor.key) if isinstance(result, ImportRow) else result.keys
        return self.countries.isdisjoint(keys)

    def close(self) -> None:
        """Close the file (iteration ends)."""
        self._rows.close()


def read_history(
    kind: str,
    path: str | os.PathLike[str],
    *,
    dictionary: ActorDictionary | None = None,
    ontology: Ontology | None = None,
    countries: Collection[str] | None = None,
) -> HistoryReader:
    """Stream the rows of an ICEWS, GDELT or POLECAT file as `CodedArticle | Discarded` records.

    `kind` is one of `HISTORY_KINDS`; `countries` (e.g. {"AZE", "RUS"}) keeps only rows with a
    source or target among them. Raises HistoryError (one line naming the file) if the file is
    missing or not of that kind, ValueError for a bad `kind` or `countries`."""
    return HistoryReader(kind, path, dictionary=dictionary, ontology=ontology, countries=countries)


def detect_kind(path: str | os.PathLike[str]) -> str | None:
    """"icews", "gdelt" or "polecat" from the file's first row, or None if it is none of them
    (HistoryError if the file cannot be read)."""
    first = first_row(Path(path))
    if first is None:
        return None
    return next((kind for kind, module in _FORMATS.items() if module.sniff(first)), None)
