"""The dated actor dictionary: aliases -> (country or IGO, sector), plus role nouns -> sector.

Data files (versioned, in `actors/data/`):
- `actors.tsv`: alias, code, sector, kind, valid_from, valid_to, name[, role];
- `groups.tsv`: armed groups, parties, NGOs, companies (same columns);
- `people/*.tsv`: same columns, kind "person", with the role held in each period;
- `sectors.tsv`: noun, sector, note; `titles.tsv`: title, role.
A user file in the `actors.tsv` format is merged over the bundled one (`--actors FILE`): its rows
for an alias replace the bundled rows for that alias.

People are also reachable by surname: the last word of every full name becomes a *surname* entry,
which the article resolver trusts only with support (the full name earlier in the article, a
matching title, or a surname no other listed person holds on that date).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from dyadwatch.errors import ActorError, DataFileError
from dyadwatch.types import Actor

DATA_DIR = Path(__file__).parent / "data"
ACTOR_COLUMNS = ("alias", "code", "sector", "kind", "valid_from", "valid_to", "name")
TRANSNATIONAL_PREFIXES = ("IGO", "IMG")
"""Codes of actors that belong to no state: IGOs ("IGOUNO") and, as in CAMEO, international
militarized groups ("IMG": al-Qaeda, ISIL). Their Actor has country None and the code in `igo`."""
KINDS = frozenset({"name", "adjective", "demonym", "capital", "seat", "institution", "igo", "person", "place"})


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
    """name | adjective | demonym | capital | seat | institution | igo | person | place (a region or
    city other than the capital: "Darfur", "Mosul"; its country, never its government)."""
    valid_from: date | None = None
    """First day the entry applies (None = always)."""
    valid_to: date | None = None
    """Last day the entry applies (None = still)."""
    name: str = ""
    """Canonical name ("Russia", "Federal Security Service")."""
    role: str = ""
    """For people: the role held in this period ("head_of_state", "foreign_minister", ...)."""
    derived: bool = False
    """True for surname entries derived from a full name (need support to resolve)."""

    def valid_on(self, on: date | None) -> bool:
        """True if the entry applies on that date (an unknown date matches every entry)."""
        if on is None:
            return True
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)

    def actor(self, *, sector: str | None, how: str) -> Actor:
        """The Actor this entry denotes, with the given sector."""
        is_igo = self.code.startswith(TRANSNATIONAL_PREFIXES)
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
                role=row.get("role", "").strip(),
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
    surnames: dict[str, tuple[ActorEntry, ...]] = field(default_factory=dict)
    """alias_key of a surname -> derived person entries (one per person and period)."""
    titles: dict[str, str] = field(default_factory=dict)
    """Lower-cased title ("foreign minister", "president") -> role ("foreign_minister")."""

    def aliases(self) -> list[str]:
        """Every alias as written, surnames included (for the gazetteer)."""
        found = {e.alias for entries in self.entries.values() for e in entries}
        return sorted(found | {e.alias for entries in self.surnames.values() for e in entries})

    def lookup(self, text: str, *, on: date | None = None) -> ActorEntry | None:
        """The entry an alias denotes on a date, or None (surnames are not looked up here).

        Without a date, the most recent period wins (an undated text is read as current news)."""
        entries = self.entries.get(alias_key(text), ())
        if on is None:
            return max(entries, key=_recency, default=None)
        return next((e for e in entries if e.valid_on(on)), None)

    def surname_candidates(self, text: str, *, on: date | None = None) -> list[ActorEntry]:
        """Derived surname entries valid on the date, one per distinct person (without a date: the
        people still in that role, if any, else everyone with the surname)."""
        found = [e for e in self.surnames.get(alias_key(text), ()) if e.valid_on(on)]
        if on is None:
            current = [e for e in found if e.valid_to is None]
            found = sorted(current or found, key=_recency)
        return list({e.name: e for e in found}.values())

    def role_of_title(self, phrases: Iterable[str]) -> str | None:
        """Role of the first (longest) known title phrase."""
        for phrase in phrases:
            role = self.titles.get(phrase.lower())
            if role:
                return role
        return None

    def sector_of(self, phrases: Iterable[str]) -> str | None:
        """Sector of the first (longest) role-noun phrase that is known."""
        for phrase in phrases:
            sector = self.sectors.get(phrase.lower())
            if sector:
                return sector
        return None


def _recency(entry: ActorEntry) -> tuple[date, date]:
    return (entry.valid_to or date.max, entry.valid_from or date.min)


def _index(entries: Iterable[ActorEntry]) -> dict[str, tuple[ActorEntry, ...]]:
    index: dict[str, list[ActorEntry]] = {}
    for entry in entries:
        index.setdefault(alias_key(entry.alias), []).append(entry)
    return {k: tuple(v) for k, v in index.items()}


def read_sectors(path: Path) -> dict[str, str]:
    """Parse sectors.tsv (noun, sector, note)."""
    return {row["noun"].strip().lower(): row["sector"].strip() for _, row in _rows(path, ("noun", "sector"))}


SURNAME_STOPLIST = frozenset(
    {"kim", "lee", "park", "li", "wang", "zhang", "liu", "chen", "singh", "khan", "ali", "ahmed", "hassan",
     "nguyen", "tran", "le", "smith", "jones", "brown", "johnson", "williams", "rahman", "shah", "hussain",
     "hussein", "aziz", "abdullah", "mohammed", "muhammad", "sharif", "gandhi", "mohamad", "ahmad", "tan",
     "sen", "malik", "hamid", "abdul", "hossain", "rashid", "islam", "uddin", "ullah", "reza", "anwar", "karim",
     "ibrahim", "yusuf", "omar", "saleh", "said", "salem", "haddad", "mansour", "nasser"}
)
"""Surnames too common (or shared by relatives in office) to resolve without the full name earlier."""


def _usable_surname(word: str) -> bool:
    letters = word.replace("-", "").replace("'", "").replace("’", "")
    return len(letters) >= 3 and letters.isalpha() and word.lower() not in NAME_SUFFIXES


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def derive_surnames(entries: Iterable[ActorEntry]) -> dict[str, tuple[ActorEntry, ...]]:
    """Surname entries from the last word of every multi-word person alias."""
    index: dict[str, dict[tuple[str, date | None], ActorEntry]] = {}
    for entry in entries:
        words = entry.alias.split()
        if entry.kind != "person" or len(words) < 2 or not _usable_surname(words[-1]):
            continue
        surname = replace(entry, alias=words[-1], derived=True)
        index.setdefault(alias_key(words[-1]), {})[(entry.name, entry.valid_from)] = surname
    return {k: tuple(v.values()) for k, v in index.items()}


def read_titles(path: Path) -> dict[str, str]:
    """Parse titles.tsv (title, role)."""
    if not path.exists():
        return {}
    return {row["title"].strip().lower(): row["role"].strip() for _, row in _rows(path, ("title", "role"))}


def _bundled_entries(base: Path) -> list[ActorEntry]:
    entries = read_actor_file(base / "actors.tsv")
    if (base / "groups.tsv").exists():
        entries += read_actor_file(base / "groups.tsv")
    for path in sorted((base / "people").glob("*.tsv")):
        entries += read_actor_file(path)
    return entries


@lru_cache(maxsize=8)
def load_actor_dictionary(user_file: str | None = None, data_dir: str | None = None) -> ActorDictionary:
    """Bundled dictionary, with a user file merged over it (its aliases replace bundled ones)."""
    base = Path(data_dir) if data_dir else DATA_DIR
    index = _index(_bundled_entries(base))
    version = (base / "VERSION").read_text().strip() if (base / "VERSION").exists() else "1"
    if user_file:
        index.update(_index(read_actor_file(Path(user_file))))
        version += "+user"
    everything = [e for entries in index.values() for e in entries]
    by_code = {e.code: e for e in everything if e.kind in ("name", "igo")}
    surnames = {k: v for k, v in derive_surnames(everything).items() if k not in index}
    return ActorDictionary(
        entries=index,
        sectors=read_sectors(base / "sectors.tsv"),
        version=version,
        by_code=by_code,
        surnames=surnames,
        titles=read_titles(base / "titles.tsv"),
    )


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
