"""The dated actor dictionary: aliases -> (country or IGO, sector), plus role nouns -> sector.

Data files (versioned, in `actors/data/`): `actors.tsv` (alias, code, sector, kind, valid_from,
valid_to, name), `people.tsv` (same columns, kind "person") and `sectors.tsv` (noun, sector, note).
A user file in the `actors.tsv` format is merged over the bundled one (`--actors FILE`): its rows
for an alias replace the bundled rows for that alias.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from dyadwatch.errors import ActorError, DataFileError
from dyadwatch.types import Actor

DATA_DIR = Path(__file__).parent / "data"
ACTOR_COLUMNS = ("alias", "code", "sector", "kind", "valid_from", "valid_to", "name")
KINDS = frozenset({"name", "adjective", "demonym", "capital", "seat", "institution", "igo", "person"})


@dataclass(frozen=True)
class ActorEntry:
    """One dictionary row: an alias valid between two dates."""

    alias: str
    """Surface form as written in the file."""
    code: str
    """ISO3 country code or IGO code ("IGOUNO")."""
    sector: str | None
    """Sector the alias denotes when it is the actor itself (capital/seat -> GOV), or None."""
    kind: str
    """name | adjective | demonym | capital | seat | institution | igo | person."""
    valid_from: date | None = None
    """First day the entry applies (None = always)."""
    valid_to: date | None = None
    """Last day the entry applies (None = still)."""
    name: str = ""
    """Canonical name ("Russia", "Federal Security Service")."""

    def valid_on(self, on: date | None) -> bool:
        """True if the entry applies on that date (an unknown date matches every entry)."""
        if on is None:
            return True
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)

    def actor(self, *, sector: str | None, how: str) -> Actor:
        """The Actor this entry denotes, with the given sector."""
        is_igo = self.code.startswith("IGO")
        return Actor(
            country=None if is_igo else self.code,
            sector=sector,
            igo=self.code if is_igo else None,
            name=self.name or self.alias,
            how=how,
        )


def alias_key(text: str) -> str:
    """Lookup key: acronyms keep their case ("US" is not "us"), everything else is lower-cased."""
    text = " ".join(text.split())
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return text
    return text.lower()


def _date(value: str, where: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as e:
        raise DataFileError(f"{where}: bad date {value!r} (want YYYY-MM-DD)") from e


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            if tuple(reader.fieldnames or ()) [: len(columns)] != columns:
                raise DataFileError(f"{path}:1: header must start with {' '.join(columns)}")
            for lineno, row in enumerate(reader, start=2):
                yield f"{path}:{lineno}", {k: (v or "") for k, v in row.items() if k}
    except OSError as e:
        raise DataFileError(f"{path}: cannot read ({e.strerror})") from e


def read_actor_file(path: Path) -> list[ActorEntry]:
    """Parse and validate one file in the actors.tsv format."""
    entries = []
    for where, row in _rows(path, ACTOR_COLUMNS):
        code, kind = row["code"].strip(), row["kind"].strip()
        if not row["alias"].strip() or not code:
            raise DataFileError(f"{where}: alias and code are required")
        if kind not in KINDS:
            raise DataFileError(f"{where}: unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})")
        entries.append(
            ActorEntry(
                alias=row["alias"].strip(),
                code=code,
                sector=row["sector"].strip() or None,
                kind=kind,
                valid_from=_date(row["valid_from"], where),
                valid_to=_date(row["valid_to"], where),
                name=row["name"].strip(),
            )
        )
    return entries


@dataclass(frozen=True)
class ActorDictionary:
    """Aliases and role nouns, ready for lookups."""

    entries: dict[str, tuple[ActorEntry, ...]]
    """alias_key -> entries (several when an alias changes meaning over time)."""
    sectors: dict[str, str]
    """Lower-cased role noun phrase -> sector code."""
    version: str = "1"
    """Version of the bundled data (plus "+user" when a user file was merged)."""
    by_code: dict[str, ActorEntry] = field(default_factory=dict)
    """Code -> its `name` entry, for looking up "AZE" or "IGOUNO"."""

    def aliases(self) -> list[str]:
        """Every alias as written (for the gazetteer)."""
        return sorted({e.alias for entries in self.entries.values() for e in entries})

    def lookup(self, text: str, *, on: date | None = None) -> ActorEntry | None:
        """The entry an alias denotes on a date, or None."""
        for entry in self.entries.get(alias_key(text), ()):
            if entry.valid_on(on):
                return entry
        return None

    def sector_of(self, phrases: Iterable[str]) -> str | None:
        """Sector of the first (longest) role-noun phrase that is known."""
        for phrase in phrases:
            sector = self.sectors.get(phrase.lower())
            if sector:
                return sector
        return None


def _index(entries: Iterable[ActorEntry]) -> dict[str, tuple[ActorEntry, ...]]:
    index: dict[str, list[ActorEntry]] = {}
    for entry in entries:
        index.setdefault(alias_key(entry.alias), []).append(entry)
    return {k: tuple(v) for k, v in index.items()}


def read_sectors(path: Path) -> dict[str, str]:
    """Parse sectors.tsv (noun, sector, note)."""
    return {row["noun"].strip().lower(): row["sector"].strip() for _, row in _rows(path, ("noun", "sector"))}


@lru_cache(maxsize=8)
def load_actor_dictionary(user_file: str | None = None, data_dir: str | None = None) -> ActorDictionary:
    """Bundled dictionary, with a user file merged over it (its aliases replace bundled ones)."""
    base = Path(data_dir) if data_dir else DATA_DIR
    bundled = read_actor_file(base / "actors.tsv")
    if (base / "people.tsv").exists():
        bundled += read_actor_file(base / "people.tsv")
    index = _index(bundled)
    version = (base / "VERSION").read_text().strip() if (base / "VERSION").exists() else "1"
    if user_file:
        index.update(_index(read_actor_file(Path(user_file))))
        version += "+user"
    by_code = {e.code: e for entries in index.values() for e in entries if e.kind in ("name", "igo")}
    return ActorDictionary(entries=index, sectors=read_sectors(base / "sectors.tsv"), version=version, by_code=by_code)


def find_party(text: str, dictionary: ActorDictionary) -> tuple[str, str]:
    """(code, name) for a dyad party given as a code ("AZE", "IGOUNO") or a name ("Azerbaijan")."""
    clean = text.strip()
    entry = dictionary.by_code.get(clean.upper())
    if entry is None:
        found = dictionary.lookup(clean)
        entry = dictionary.by_code.get(found.code) if found else None
        if found and entry is None:
            entry = found
    if entry is None:
        raise ActorError(f"{text!r} is not a known state or organisation; give an ISO3 code (e.g. AZE) or a name")
    return entry.code, entry.name or entry.alias
