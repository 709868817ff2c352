"""Actor columns of imported rows -> country / IGO / sector, with our dictionary and mapping tables.

Countries come as names ("Russian Federation": ICEWS, some POLECAT files) or codes ("RUS": GDELT's
CAMEO codes, POLECAT, the ICEWS18 extract). A name is looked up first in `country_aliases.tsv`, then
among the actor dictionary's country names; a code is taken if it is a known ISO3 code, after
mapping the few CAMEO codes that differ (`cameo_countries.tsv`; region codes such as EUR are no
state). Names without a country column are looked up in the actor dictionary on the event's date
(so "Donald Trump" on 2018-05-01 is USA GOV), and ICEWS's "Agent (Country)" names resolve by the
part in brackets ("Citizen (Ukraine)" -> UKR CVL, "Secretariat (Organization of American States)"
-> IGOOAS).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import TypeVar

from dyadwatch.actors import ActorDictionary, ActorEntry
from dyadwatch.actors.dictionary import TRANSNATIONAL_PREFIXES
from dyadwatch.history.tables import SECTOR_ORDER, HistoryTables

MISSING = frozenset({"", "NA", "N/A", "NAN", "NULL", "NONE", "---"})
"""Cell values that mean "no value" in the exchange formats (R exports write NA)."""
_BRACKETED = re.compile(r"^(?P<agent>.*?\S)\s*\((?P<inner>[^()]+)\)$")
_INITIAL = re.compile(r"(?<=\s)[A-Z]\.?\s+")
_RANK = {code: i for i, code in enumerate(SECTOR_ORDER)}
CACHE_LIMIT = 200_000
"""Most remembered actor look-ups per cache; a full cache starts over, so memory stays bounded on big files."""
_V = TypeVar("_V")


def remember(cache: dict[Hashable, _V], key: Hashable, compute: Callable[[], _V]) -> _V:
    """`cache[key]`, computed on a miss; the cache is emptied when it reaches `CACHE_LIMIT`."""
    if key in cache:
        return cache[key]
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value = compute()
    return value


def present(value: str | None) -> str:
    """The stripped value, or "" when it is missing (empty, "NA", "NULL", ...)."""
    text = (value or "").strip()
    return "" if text.upper() in MISSING else text


def split_agent(name: str) -> tuple[str, str]:
    """("Citizen", "Ukraine") for "Citizen (Ukraine)"; (name, "") when there are no brackets."""
    match = _BRACKETED.match(name.strip())
    return (match["agent"], match["inner"].strip()) if match else (name.strip(), "")


def is_transnational(code: str) -> bool:
    """True for IGO and international militarized-group codes ("IGOUNO", "IMG")."""
    return code.startswith(TRANSNATIONAL_PREFIXES)


def country_or_igo(code: str) -> tuple[str | None, str | None]:
    """(country, None) for a state's code, (None, igo) for an IGO's."""
    return (None, code) if is_transnational(code) else (code, None)


class ActorResolver:
    """Country, IGO and sector look-ups for one import run (results of name look-ups are cached)."""

    def __init__(self, dictionary: ActorDictionary, tables: HistoryTables) -> None:
        self.dictionary = dictionary
        self.tables = tables
        states = {c for c, e in dictionary.by_code.items() if e.kind == "name" and not is_transnational(c)}
        self.iso3 = frozenset(states | set(tables.country_aliases.values()) | set(tables.cameo_countries.values()))
        self._countries: dict[Hashable, str | None] = {}

    def country(self, text: str | None) -> str | None:
        """ISO3 for a country name or code, or None (missing, a region, or unknown)."""
        value = present(text)
        if not value:
            return None
        return remember(self._countries, value, lambda: self._country(value))

    def _country(self, value: str) -> str | None:
        upper = value.upper()
        if len(value) == 3 and value.isalpha() and value.isupper():
            if upper in self.tables.cameo_countries:
                return self.tables.cameo_countries[upper] or None
            if upper in self.iso3:
                return upper
        alias = self.tables.country_aliases.get(value.lower())
        if alias:
            return alias
        entry = self.dictionary.lookup(value)
        if entry and entry.kind == "name" and not is_transnational(entry.code):
            return entry.code
        return None

    def is_region(self, code: str | None) -> bool:
        """True for a CAMEO region code ("EUR", "WST"): a place, not a state."""
        value = present(code).upper()
        return self.tables.cameo_countries.get(value, None) == ""

    def entry(self, name: str, *, on: date | None) -> ActorEntry | None:
        """The dictionary entry an actor name denotes on a date (people, institutions, IGOs, ...).

        Spelling variants are tried too: `name_aliases.tsv`, then without middle initials
        ("John R. Bolton" -> "John Bolton") and with hyphens as spaces ("Kim Jong-Un")."""
        value = present(name)
        if not value:
            return None
        for variant in self._variants(value):
            found = self.dictionary.lookup(variant, on=on)
            if found is not None:
                return found
        return None

    def former(self, name: str) -> ActorEntry | None:
        """The most recent entry of a name regardless of date: the country of someone out of
        office on the event's date ("Barack Obama" in 2018 is still American), not their role."""
        value = present(name)
        return next((e for v in self._variants(value) if (e := self.dictionary.lookup(v)) is not None), None)

    def _variants(self, name: str) -> list[str]:
        variants = [name, self.tables.name_aliases.get(name.lower(), "")]
        plain = _INITIAL.sub("", name)
        variants += [plain, plain.replace("-", " ")]
        return [v for i, v in enumerate(variants) if v and v not in variants[:i]]

    def identify(
        self, name: str, country: str | None, igo: str | None, *, on: date | None
    ) -> tuple[str | None, str | None, ActorEntry | None]:
        """(country, IGO, dictionary entry of `name` on `on`): the country or IGO found in the row's own
        cells, else the one of the dictionary entry (on the date, or the most recent one)."""
        entry = self.entry(name, on=on)
        if country is None and igo is None:
            found = entry or self.former(name)
            country, igo = country_or_igo(found.code) if found else (None, None)
        return country, igo, entry

    def igo(self, name: str, *, on: date | None = None) -> str | None:
        """IGO code of an organisation's name ("European Union" -> "IGOEU"), or None."""
        found = self.entry(name, on=on)
        return found.code if found and is_transnational(found.code) else None

    def sector_of_tags(self, tags: Iterable[str]) -> str | None:
        """Sector of an ICEWS sector list: the most specific role any listed sector maps to."""
        found = [self.tables.icews_sectors.get(tag.strip().lower(), "") for tag in tags]
        return min((s for s in found if s), key=_RANK.__getitem__, default=None)

    def sector_of_agent(self, agent: str) -> str | None:
        """Sector of an ICEWS generic agent name ("Citizen" -> CVL, "Foreign Affairs" -> GOV)."""
        key = agent.strip().lower()
        sector = self.tables.agents.get(key)
        if sector:
            return sector
        words = key.replace("/", " ").split()
        # otherwise our role nouns: the whole name, then its words from the last ("Ministry of X")
        return self.dictionary.sector_of([key, *reversed(words)])

    def sector_of_code(self, code: str | None) -> str | None:
        """Sector of a type code ("GOV", "SEP") or spelled-out sector name ("Government")."""
        value = present(code).lower()
        if not value:
            return None
        sector = self.tables.sector_codes.get(value)
        if sector is None:
            sector = self.tables.icews_sectors.get(value)
        return sector or None
