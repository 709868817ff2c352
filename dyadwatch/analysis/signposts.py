"""Signpost queries: which coded incidents a scenario signpost looks for, and whether it fired.

A signpost's `query:` is a YAML mapping. Every key is optional; unknown keys are errors (so a typo
never silently widens a query). All conditions must hold (AND); the values of one list key are
alternatives (OR).

Who:

* `source`, `target`: role `A` or `B`, an actor key (`ISR`, `IGOUNO`) or `any`; or a list of them
  (default `any`).
* `both_directions` (true or false, default false): also match the mirrored incident (source and
  target swapped, with their sectors).
* `source_sector`, `target_sector`: sector codes (`[CVL, BUS, MED]`); the actor's sector must be one.

What:

* `plover`: PLOVER types (`[COERCE, SANCTION]`); `mode`: PLOVER modes (`[arrest, deport]`).
* `cameo`: quoted CAMEO codes or prefixes (`["173", "04"]`); the code must start with one of them.
* `quad`: quad classes 1-4; `rung_min`: lowest escalation-ladder rung (0-6).
* `modality`: modalities counted (default `[asserted]`).

When it fires (`window`: periods looked at, the current one included, default 1):

* default: at least `min_count` matching incidents (default 1), reported by at least `min_sources`
  distinct outlets in all (default 1);
* `max_count` N: at most N matching incidents (`max_count: 0`: nothing happened);
* `falls_by` F (0 < F < 1): the window's count is at most (1 - F) times the count expected from the
  `baseline` periods before the window (default 3) ("volume falls");
* `rises_by` R (R > 0): the count is at least (1 + R) times that expectation, and `min_count` and
  `min_sources` hold ("volume surges").

Roles make one file work on any dyad: `A` and `B` are bound at run time to the two sides (A first).
A relative signpost (`falls_by`, `rises_by`) is *not evaluated* (status "n/a", no evidence) while
its baseline reaches back before the first period with data, and `falls_by` also when the baseline
is empty: a fall from nothing is not a fall.

CAMEO codes must be quoted: YAML reads `040` as the octal number 32.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dyadwatch.analysis.ladder import rung_of
from dyadwatch.errors import ScenarioError
from dyadwatch.ontology import PLOVER_TYPES, load_ontology
from dyadwatch.types import MODALITIES, Actor, Incident

ROLES = ("A", "B")
"""The two sides of the dyad, bound at run time."""
ANY = "any"
"""Matches every actor."""

FIRED, ABSENT, NOT_EVALUATED = "fired", "absent", "n/a"
"""A signpost's status in one period; "n/a" carries no evidence."""

PRESENT, QUIET, FALLS, RISES = "present", "quiet", "falls", "rises"
"""Kinds of signpost: something happened; little happened; volume fell; volume rose."""

QUERY_KEYS = (
    "source", "target", "both_directions", "source_sector", "target_sector", "plover", "mode", "cameo",
    "quad", "rung_min", "modality", "window", "min_count", "min_sources", "max_count", "falls_by",
    "rises_by", "baseline",
)
"""Every key a query may have."""

_KEY = re.compile(r"^[A-Z]{3}[A-Z0-9]{0,5}$")
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_SECTOR = re.compile(r"^[A-Z]{3}$")
_HINTS = {"absent": "write max_count: 0 for a signpost that fires when nothing matches"}


@dataclass(frozen=True)
class Query:
    """A validated signpost query (see the module docstring for the meaning of each field)."""

    source: tuple[str, ...] = ()
    """Roles ("A", "B") or actor keys allowed as source; empty = any."""
    target: tuple[str, ...] = ()
    """Roles or actor keys allowed as target; empty = any."""
    both_directions: bool = False
    """Also match the mirrored incident."""
    source_sector: tuple[str, ...] = ()
    """Sectors allowed for the source; empty = any (also none)."""
    target_sector: tuple[str, ...] = ()
    """Sectors allowed for the target; empty = any (also none)."""
    plover: tuple[str, ...] = ()
    """PLOVER types allowed; empty = any."""
    mode: tuple[str, ...] = ()
    """PLOVER modes allowed (lower case); empty = any."""
    cameo: tuple[str, ...] = ()
    """CAMEO code prefixes allowed; empty = any."""
    quad: tuple[int, ...] = ()
    """Quad classes allowed; empty = any."""
    rung_min: int | None = None
    """Lowest escalation rung matched, or None."""
    modality: tuple[str, ...] = ("asserted",)
    """Modalities counted."""
    window: int = 1
    """Periods looked at, the current one included."""
    min_count: int = 1
    """Matching incidents needed in the window (present and rises kinds)."""
    min_sources: int = 1
    """Distinct outlets needed across the matching incidents (present and rises kinds)."""
    max_count: int | None = None
    """Quiet kind: fires when at most this many incidents match."""
    falls_by: float | None = None
    """Falls kind: relative drop against the baseline that makes it fire."""
    rises_by: float | None = None
    """Rises kind: relative rise against the baseline that makes it fire."""
    baseline: int = 3
    """Periods before the window that set the expected count (falls and rises kinds)."""

    @property
    def kind(self) -> str:
        """PRESENT, QUIET, FALLS or RISES."""
        if self.max_count is not None:
            return QUIET
        if self.falls_by is not None:
            return FALLS
        return RISES if self.rises_by is not None else PRESENT

    @property
    def roles(self) -> frozenset[str]:
        """Roles the query names ("A", "B")."""
        return frozenset(k for k in self.source + self.target if k in ROLES)


@dataclass(frozen=True)
class Observation:
    """What one signpost saw in one period."""

    status: str
    """FIRED, ABSENT or NOT_EVALUATED."""
    count: int
    """Matching incidents in the window."""
    outlets: int
    """Distinct outlets reporting them."""
    expected: float | None
    """Count expected from the baseline (relative kinds only; None otherwise or when unknown)."""
    incidents: tuple[Incident, ...]
    """The matching incidents in the window, in date order."""


# --- validation helpers (shared with the scenario loader) -------------------------------------------


def fail(where: str, what: str) -> ScenarioError:
    """A one-line ScenarioError "where: what"."""
    return ScenarioError(" ".join(f"{where}: {what}".split()))


def check_keys(raw: Mapping, allowed: Sequence[str], where: str, *, required: Sequence[str] = ()) -> None:
    """Raise on an unknown key (with a did-you-mean) or a missing required one."""
    for key in raw:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
            hint = _HINTS.get(str(key), hint)
            raise fail(where, f"unknown key {key!r} ({hint})")
    for key in required:
        if key not in raw:
            raise fail(where, f"missing key {key!r}")


def as_mapping(value: object, where: str) -> Mapping:
    """`value` if it is a mapping, else an error."""
    if not isinstance(value, Mapping):
        raise fail(where, f"expected a mapping of keys, got {_show(value)}")
    return value


def as_int(value: object, where: str, *, low: int, high: int | None = None) -> int:
    """An integer in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        span = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise fail(where, f"expected a whole number {span}, got {_show(value)}")
    return value


def as_fraction(value: object, where: str, *, low: float = 0.0, high: float = 1.0, closed: str = "") -> float:
    """A number inside (low, high); `closed` may hold "low" and/or "high" to include the ends."""
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok:
        x = float(value)  # type: ignore[arg-type]
        ok = (low <= x if "low" in closed else low < x) and (x <= high if "high" in closed else x < high)
    if not ok:
        left, right = "[" if "low" in closed else "(", "]" if "high" in closed else ")"
        raise fail(where, f"expected a number in {left}{low:g}, {high:g}{right}, got {_show(value)}")
    return float(value)  # type: ignore[arg-type]


def as_text(value: object, where: str) -> str:
    """A string (numbers are refused so ids like `1` or codes like `040` are caught)."""
    if not isinstance(value, str) or not value.strip():
        raise fail(where, f"expected text, got {_show(value)}")
    return value.strip()


def as_id(value: object, where: str) -> str:
    """A name usable as an id: a letter, then letters, digits, "_", "-" or "."."""
    name = as_text(value, where)
    if not _ID.match(name):
        raise fail(where, f"{name!r} is not a valid id (a letter, then letters, digits, _ - or .)")
    return name


def is_actor_key(name: str) -> bool:
    """Whether `name` looks like an actor key: an ISO3 code ("ISR") or an IGO code ("IGOUNO")."""
    return bool(_KEY.match(name))


def _show(value: object) -> str:
    """A short rendering of a bad value for an error message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# --- parsing --------------------------------------------------------------------------------------


def parse_query(raw: object, where: str) -> Query:
    """A validated `Query` from the YAML mapping `raw`; ScenarioError naming `where` otherwise."""
    raw = as_mapping(raw, where)
    check_keys(raw, QUERY_KEYS, where)
    fields: dict[str, object] = {}
    for key in ("source", "target"):
        if key in raw:
            fields[key] = _actors(raw[key], f"{where}.{key}")
    for key, check in _LIST_KEYS.items():
        if key in raw:
            fields[key] = tuple(check(item, f"{where}.{key}[{n}]") for n, item in enumerate(_listed(raw[key])))
            if not fields[key]:
                raise fail(f"{where}.{key}", "empty list (leave the key out to allow anything)")
    if "both_directions" in raw:
        if not isinstance(raw["both_directions"], bool):
            raise fail(f"{where}.both_directions", f"expected true or false, got {_show(raw['both_directions'])}")
        fields["both_directions"] = raw["both_directions"]
    fields.update(_numbers(raw, where))
    _check_kind(raw, where)
    return Query(**fields)  # type: ignore[arg-type]


def _listed(value: object) -> list:
    """A scalar as a one-item list; a list as itself."""
    return list(value) if isinstance(value, list | tuple) else [value]


def _actors(value: object, where: str) -> tuple[str, ...]:
    """Roles and actor keys; () for `any`."""
    items = _listed(value)
    names = tuple(as_text(item, f"{where}[{n}]") for n, item in enumerate(items))
    if ANY in names:
        return ()
    for n, name in enumerate(names):
        if name not in ROLES and not _KEY.match(name):
            raise fail(f"{where}[{n}]" if len(items) > 1 else where,
                       f"unknown role or actor key {name!r} (use A, B, any, or a code such as ISR or IGOUNO)")
    return names


def _sector(item: object, where: str) -> str:
    code = as_text(item, where)
    if not _SECTOR.match(code):
        raise fail(where, f"{code!r} is not a sector code (three capitals such as CVL, MED, GOV)")
    return code


def _plover(item: object, where: str) -> str:
    name = as_text(item, where).upper()
    if name not in PLOVER_TYPES:
        raise fail(where, f"unknown PLOVER type {name!r} (one of {', '.join(sorted(PLOVER_TYPES))})")
    return name


def _mode(item: object, where: str) -> str:
    name = as_text(item, where).lower()
    modes = {c.plover_mode for c in load_ontology().codes.values() if c.plover_mode}
    if name not in modes:
        raise fail(where, f"unknown PLOVER mode {name!r} (one of {', '.join(sorted(modes))})")
    return name


def _cameo(item: object, where: str) -> str:
    if isinstance(item, int) and not isinstance(item, bool):
        raise fail(where, f"CAMEO codes must be quoted strings (\"173\"); YAML read {item!r} as a number")
    code = as_text(item, where)
    if not any(c.startswith(code) for c in load_ontology().codes) or not code.isdigit() or len(code) < 2:
        raise fail(where, f"{code!r} is not a CAMEO code or code prefix")
    return code


def _quad(item: object, where: str) -> int:
    return as_int(item, where, low=1, high=4)


def _modality(item: object, where: str) -> str:
    name = as_text(item, where)
    if name not in MODALITIES:
        raise fail(where, f"unknown modality {name!r} (one of {', '.join(MODALITIES)})")
    return name


_LIST_KEYS = {
    "source_sector": _sector, "target_sector": _sector, "plover": _plover, "mode": _mode,
    "cameo": _cameo, "quad": _quad, "modality": _modality,
}


def _numbers(raw: Mapping, where: str) -> dict[str, object]:
    """The numeric keys, each checked for its range."""
    found: dict[str, object] = {}
    for key, low, high in (("rung_min", 0, 6), ("window", 1, None), ("min_count", 1, None),
                           ("min_sources", 1, None), ("max_count", 0, None), ("baseline", 1, None)):
        if key in raw:
            found[key] = as_int(raw[key], f"{where}.{key}", low=low, high=high)
    if "falls_by" in raw:
        found["falls_by"] = as_fraction(raw["falls_by"], f"{where}.falls_by")
    if "rises_by" in raw:
        found["rises_by"] = as_fraction(raw["rises_by"], f"{where}.rises_by", high=float("inf"))
    return found


def _check_kind(raw: Mapping, where: str) -> None:
    """At most one of max_count / falls_by / rises_by, and only the keys that kind uses."""
    kinds = [k for k in ("max_count", "falls_by", "rises_by") if k in raw]
    if len(kinds) > 1:
        raise fail(where, f"{' and '.join(kinds)} exclude each other; keep one")
    kind = kinds[0] if kinds else None
    if kind in ("max_count", "falls_by"):
        for key in ("min_count", "min_sources"):
            if key in raw:
                raise fail(where, f"{key} has no meaning with {kind} (it counts every matching incident)")
    if "baseline" in raw and kind not in ("falls_by", "rises_by"):
        raise fail(where, "baseline is used only with falls_by or rises_by")


# --- matching and observing -----------------------------------------------------------------------


def matches(query: Query, incident: Incident, roles: Mapping[str, str]) -> bool:
    """Whether the incident's representative event satisfies the query, with roles bound by `roles`."""
    event = incident.event
    if event.modality not in query.modality:
        return False
    if query.plover and event.plover not in query.plover:
        return False
    if query.mode and _mode_of(event.plover_mode, event.cameo) not in query.mode:
        return False
    if query.cameo and not event.cameo.startswith(query.cameo):
        return False
    if query.quad and event.quad not in query.quad:
        return False
    if query.rung_min is not None and rung_of(event.cameo) < query.rung_min:
        return False
    src, tgt = event.source.actor, event.target.actor
    if _side(query.source, query.source_sector, src, roles) and _side(query.target, query.target_sector, tgt, roles):
        return True
    return query.both_directions and (
        _side(query.source, query.source_sector, tgt, roles) and _side(query.target, query.target_sector, src, roles)
    )


def _mode_of(mode: str, cameo: str) -> str:
    """The event's PLOVER mode, read from the CAMEO table when the event carries none (imported data)."""
    if mode:
        return mode.lower()
    code = load_ontology().codes.get(cameo)
    return code.plover_mode.lower() if code else ""


def _side(names: tuple[str, ...], sectors: tuple[str, ...], actor: Actor, roles: Mapping[str, str]) -> bool:
    """Whether one actor fits one side of the query."""
    if names and actor.key not in {roles.get(n, n) for n in names}:
        return False
    return not sectors or actor.sector in sectors


def observe(query: Query, matched: Sequence[Sequence[Incident]], index: int, *, data_start: int) -> Observation:
    """What the query saw at period `index`, given its matching incidents per period.

    `matched[p]` holds the query's matching incidents in period `p` of the timeline (date order);
    `data_start` is the index of the first period with any data, which relative kinds need for their
    baseline.
    """
    low = max(index - query.window + 1, 0)
    inside = tuple(i for p in range(low, index + 1) for i in matched[p])
    count, outlets = len(inside), len({o for i in inside for o in i.outlets})
    expected = None
    if query.kind in (FALLS, RISES):
        start = index - query.window + 1 - query.baseline
        if start < data_start:
            return Observation(NOT_EVALUATED, count, outlets, None, inside)
        base = sum(len(matched[p]) for p in range(start, start + query.baseline))
        expected = base * query.window / query.baseline
    return Observation(_status(query, count, outlets, expected), count, outlets, expected, inside)


def _status(query: Query, count: int, outlets: int, expected: float | None) -> str:
    """FIRED, ABSENT or NOT_EVALUATED for one window's count."""
    kind = query.kind
    if kind == QUIET:
        return FIRED if count <= query.max_count else ABSENT  # type: ignore[operator]
    if kind == FALLS:
        if not expected:
            return NOT_EVALUATED
        return FIRED if count <= (1.0 - query.falls_by) * expected else ABSENT  # type: ignore[operator]
    enough = count >= query.min_count and outlets >= query.min_sources
    if kind == RISES:
        enough = enough and count >= (1.0 + query.rises_by) * (expected or 0.0)  # type: ignore[operator]
    return FIRED if enough else ABSENT
