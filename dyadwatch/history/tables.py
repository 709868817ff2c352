"""The mapping tables the importers need, loaded from the versioned files in `history/data/`.

* `country_aliases.tsv`  ICEWS country names the actor dictionary does not know -> ISO3
* `name_aliases.tsv`     ICEWS spellings of people and bodies -> the alias our actor dictionary has
* `cameo_countries.tsv`  CAMEO country codes that are not ISO3 -> ISO3, and region codes -> "" (no state)
* `icews_sectors.tsv`    ICEWS sector names ("Police", "Foreign Ministry") -> our sector code ("" = a tag
                         that is no sector: ideology, scope, IGO type)
* `icews_agents.tsv`     ICEWS generic agent names ("Citizen" in "Citizen (Russia)") -> our sector code
* `sector_codes.tsv`     CAMEO/GDELT type codes and POLECAT sector names -> our sector code
* `known_groups.tsv`     CAMEO known-group codes of IGOs ("UNO") -> our IGO code ("IGOUNO")
* `plover_cameo.tsv`     PLOVER event type -> the CAMEO code that stands for it when no mode decides

Keys are matched case-insensitively. A malformed file raises DataFileError naming the file and line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dyadwatch.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"
SECTOR_ORDER: tuple[str, ...] = (
    "SPY", "MIL", "COP", "JUD", "LEG", "GOV", "REB", "CRM", "OPP", "PTY", "MED", "EDU", "HLH",
    "LAB", "REF", "BUS", "AGR", "NGO", "REL", "ELI", "CVL",
)
"""Our sector codes, most specific role first: when an ICEWS actor lists several sectors
("Military,Government"), the first of these that any of them maps to is its sector (MIL)."""


@dataclass(frozen=True)
class HistoryTables:
    """Every mapping table, keyed by lower-cased name or code."""

    country_aliases: dict[str, str]
    """Lower-cased country name -> ISO3 (names missing from the actor dictionary)."""
    name_aliases: dict[str, str]
    """Lower-cased actor name as ICEWS spells it -> an alias of the actor dictionary."""
    cameo_countries: dict[str, str]
    """Upper-case CAMEO country code -> ISO3, or "" for a region that is no state."""
    icews_sectors: dict[str, str]
    """Lower-cased ICEWS sector name -> sector code ("" = not a sector)."""
    agents: dict[str, str]
    """Lower-cased ICEWS generic agent name -> sector code."""
    sector_codes: dict[str, str]
    """Lower-cased type code or sector name -> sector code ("" = not a sector)."""
    known_groups: dict[str, str]
    """Upper-case CAMEO known-group code -> IGO code."""
    plover_cameo: dict[str, str]
    """PLOVER type (upper case) -> representative CAMEO code."""


def _read(path: Path, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Rows of a tab-separated table (header checked), as tuples of the named columns."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = tuple(next(reader, ()))
            if header[: len(columns)] != columns:
                raise DataFileError(f"{path}:1: header must start with {' '.join(columns)}")
            rows = []
            for lineno, row in enumerate(reader, start=2):
                if len(row) < len(columns) or not row[0].strip():
                    raise DataFileError(f"{path}:{lineno}: want {len(columns)} tab-separated columns")
                rows.append(tuple(cell.strip() for cell in row[: len(columns)]))
            return rows
    except OSError as e:
        raise DataFileError(f"{path}: cannot read ({e.strerror})") from e


def _mapping(path: Path, columns: tuple[str, str], *, upper: bool = False) -> dict[str, str]:
    return {(key.upper() if upper else key.lower()): value for key, value in _read(path, columns)}


def _check_sectors(path: Path, mapping: dict[str, str]) -> None:
    bad = sorted({v for v in mapping.values() if v and v not in SECTOR_ORDER})
    if bad:
        raise DataFileError(f"{path}: unknown sector codes {', '.join(bad)} (known: {' '.join(SECTOR_ORDER)})")


@lru_cache(maxsize=4)
def load_history_tables(data_dir: str | None = None) -> HistoryTables:
    """Load and check every table (cached)."""
    base = Path(data_dir) if data_dir else DATA_DIR
    tables = HistoryTables(
        country_aliases=_mapping(base / "country_aliases.tsv", ("name", "code")),
        name_aliases=_mapping(base / "name_aliases.tsv", ("name", "alias")),
        cameo_countries=_mapping(base / "cameo_countries.tsv", ("code", "iso3"), upper=True),
        icews_sectors=_mapping(base / "icews_sectors.tsv", ("icews_sector", "sector")),
        agents=_mapping(base / "icews_agents.tsv", ("agent", "sector")),
        sector_codes=_mapping(base / "sector_codes.tsv", ("code", "sector")),
        known_groups=_mapping(base / "known_groups.tsv", ("group", "igo"), upper=True),
        plover_cameo=_mapping(base / "plover_cameo.tsv", ("plover", "cameo"), upper=True),
    )
    checked = (("icews_sectors", "icews_sectors"), ("icews_agents", "agents"), ("sector_codes", "sector_codes"))
    for name, field in checked:
        _check_sectors(base / f"{name}.tsv", getattr(tables, field))
    return tables
