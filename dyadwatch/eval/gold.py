"""Gold-standard records and the small code tables the readers and the scorer share.

Facts encoded here (not prose): the penta classes of the CAMEO roots (ConfliBERT's grouping) and the
renaming of 2016 PLOVER event types onto the current (2021+) names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dyadwatch.ontology.tables import penta_for_root

PLOVER_RENAMES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "CONCEDE": "YIELD",
    "RETREAT": "YIELD",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}
"""2016 PLOVER names -> current names. INVESTIGATE has no type of its own any more: the 2021
CAMEO->PLOVER table puts the CAMEO 09x "investigate" codes under ACCUSE (mode "investigate")."""

PLOVER_TYPES: frozenset[str] = frozenset(
    {
        "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT",
        "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }
)
"""Current PLOVER event types that gold files may carry after renaming."""

FICTIONAL_FORMATS: frozenset[str] = frozenset({"petr-unittest"})
"""Formats whose actors are fictional (Arnor, Gondor): only valid with their own test dictionaries."""



@dataclass(frozen=True)
class GoldEvent:
    """One gold event: who did what to whom, at whatever depth the gold file records."""

    source: str | None
    """Source key: ISO3 country, IGO code ("IGOUNO") or the file's own code; None if not given."""
    target: str | None
    """Target key, as for `source`; None for one-actor events (e.g. a resignation)."""
    source_sector: str | None
    """Three-letter sector of the source ("GOV", "MIL"), None if not given or given as "***"."""
    target_sector: str | None
    """Three-letter sector of the target, as for `source_sector`."""
    root: str | None
    """Two-digit CAMEO root ("11"); None when the file has no CAMEO code for the event."""
    cameo: str | None
    """Full CAMEO code as written in the file ("0841"); None when absent."""
    plover: str | None
    """PLOVER event type under its current name (DEMAND read as REQUEST, ...); None when absent."""


@dataclass(frozen=True)
class GoldActor:
    """One gold actor mention: the words of the sentence that name an actor, and what they denote."""

    text: str
    """The actor text as the gold file gives it ("Arvanian army"), whitespace runs collapsed to one space."""
    code: str | None
    """Actor key: ISO3 country or IGO code, as written (slips such as "JAP" and a bare "IGO" kept)."""
    sector: str | None
    """Three-letter sector ("MILxyz" -> "MIL"); None when not given or given as "***"."""


@dataclass(frozen=True)
class GoldSentence:
    """One gold sentence with all the events coded in it (possibly none)."""

    id: str
    """Record id from the file, made unique within the set (a repeated id gets "#2", "#3", ...)."""
    text: str
    """The sentence text (whitespace runs collapsed to one space)."""
    date: date | None
    """Story date if the file gives a valid one."""
    events: tuple[GoldEvent, ...]
    """Gold events; empty means the sentence holds no codable event (counts toward precision)."""
    penta: int | None
    """Penta class 0-4 given by the file; None when the file does not label it."""
    has_actor_labels: bool
    """True when `events` carry actor codes, so the sentence can be scored at dyad level."""
    actors: tuple[GoldActor, ...] = ()
    """Gold actor mentions with their text, unique by (text, code, sector), in order of appearance in
    the record (sources, then targets; a reciprocal SRC/TAR actor once). Empty for formats without
    actor texts (PETR XML, penta TSV)."""


@dataclass(frozen=True)
class GoldSet:
    """A whole gold file, read into one common shape."""

    name: str
    """Short name for reports: the file name without its extension."""
    format: str
    """Detected format: "plover-json", "codebook-tsv", "petr-xml", "petr-unittest" or "penta-tsv"."""
    path: str
    """Path the set was read from."""
    sentences: tuple[GoldSentence, ...]
    """All sentences, in file order."""

    @property
    def fictional_actors(self) -> bool:
        """True when the actor codes only make sense with the file's own test dictionaries."""
        return self.format in FICTIONAL_FORMATS


def penta_of_root(root: str | None) -> int | None:
    """Penta class of a CAMEO root ("14" -> 4); None for a missing or non-CAMEO root."""
    if not root or not root[:2].isdigit() or not 1 <= int(root[:2]) <= 20:
        return None
    return penta_for_root(root[:2])


def current_plover(name: str | None) -> str | None:
    """Current PLOVER name of a (possibly 2016) type name; None for empty input."""
    if not name or not name.strip():
        return None
    upper = name.strip().upper()
    return PLOVER_RENAMES.get(upper, upper)


def clean_sector(sector: str | None) -> str | None:
    """First three letters of a sector code, upper-cased ("CVLalb" -> "CVL"); None for "***"/empty."""
    if not sector:
        return None
    head = sector.strip()[:3].upper()
    return head if head.isalpha() and len(head) == 3 else None


def clean_key(code: str | None) -> str | None:
    """Actor key as written, or None when empty or an unknown-actor placeholder ("---")."""
    if not code:
        return None
    code = code.strip()
    return None if not code or set(code) <= {"-", "*"} else code


def split_petr_code(code: str) -> tuple[str | None, str | None]:
    """Split a PETRARCH actor code into (key, sector).

    "USA" -> ("USA", None); "RUSMIL" -> ("RUS", "MIL"); "IGOUNOMIL" -> ("IGOUNO", "MIL");
    "---REB" -> (None, "REB"). Only the first sector is kept ("IRQGOVMIL" -> "GOV").
    """
    code = code.strip()
    width = 6 if code.startswith("IGO") else 3
    return clean_key(code[:width]), clean_sector(code[width : width + 3])


def cameo_root(code: str | None) -> str | None:
    """Two-digit root of a CAMEO code ("0841" -> "08"); None when the code is empty."""
    if not code or not code.strip():
        return None
    return code.strip()[:2]
