"""The scenario file: hypotheses, signposts and their validation (the format is documented in
`dyadwatch.analysis.scenarios`, which also runs the file).

`load_scenarios` turns YAML into frozen records or raises `ScenarioError` with one line naming the
file, the item and what is wrong. `Signpost.likelihood` applies the coder-error correction and the
clamp to the analyst's probabilities.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from dyadwatch.analysis.periods import GRAINS
from dyadwatch.analysis.signposts import (
    FALLS,
    QUIET,
    RISES,
    Query,
    as_fraction,
    as_id,
    as_mapping,
    as_text,
    check_keys,
    fail,
    is_actor_key,
    parse_query,
)

P_MIN, P_MAX = 0.02, 0.98
"""Effective signpost probabilities are clamped to this range."""
TEMPLATES = Path(__file__).parent / "data" / "scenarios"
"""Folder of the bundled scenario templates."""

_TOP_KEYS = ("name", "description", "dyad", "period", "tempering", "forgetting", "coder", "sets", "signposts")
_SET_KEYS = ("id", "title", "description", "hypotheses")
_HYPOTHESIS_KEYS = ("id", "title", "description", "prior")
_SIGNPOST_KEYS = ("id", "title", "note", "query", "p_fire", "coder")


@dataclass(frozen=True)
class Coder:
    """How well the coder finds the events a signpost looks for."""

    recall: float = 1.0
    """Share of real events it codes (r)."""
    false_positive: float = 0.0
    """Chance it codes an event that did not happen, per period (f)."""


@dataclass(frozen=True)
class Hypothesis:
    """One hypothesis or scenario."""

    id: str
    """Unique in the file ("H1")."""
    title: str
    """Short statement."""
    prior: float
    """Normalised prior probability within its set."""
    description: str = ""
    """Longer statement, if given."""


@dataclass(frozen=True)
class HypothesisSet:
    """Mutually exclusive, jointly exhaustive hypotheses about one question."""

    id: str
    """Unique in the file ("interpretation")."""
    title: str
    """The question."""
    hypotheses: tuple[Hypothesis, ...]
    """Two or more, in file order."""
    description: str = ""
    """Longer statement, if given."""

    @property
    def ids(self) -> tuple[str, ...]:
        """Hypothesis ids in order."""
        return tuple(h.id for h in self.hypotheses)


@dataclass(frozen=True)
class Signpost:
    """An observable that bears on one or more sets."""

    id: str
    """Unique in the file."""
    title: str
    """What it looks for, in words."""
    query: Query
    """Which incidents count."""
    p_fire: Mapping[str, float]
    """Analyst's P(fires in one period | hypothesis id), before correction."""
    coder: Coder
    """Coder error applied to `p_fire`."""
    note: str = ""
    """The analyst's reasoning, if given."""

    def likelihood(self, hypothesis: str) -> float:
        """p': the chance it is *seen* to fire under `hypothesis`, coder-corrected and clamped."""
        p, r, f = self.p_fire[hypothesis], self.coder.recall, self.coder.false_positive
        if self.query.kind == QUIET:
            p = p * (1.0 - f) + (1.0 - p) * (1.0 - r)
        elif self.query.kind not in (FALLS, RISES):
            p = r * p + f * (1.0 - p)
        return min(max(p, P_MIN), P_MAX)


@dataclass(frozen=True)
class ScenarioFile:
    """A validated scenario file."""

    name: str
    """Title of the board."""
    source: str
    """File path or the label given for text, for messages."""
    sets: tuple[HypothesisSet, ...]
    """The questions, in file order."""
    signposts: tuple[Signpost, ...]
    """The signposts, in file order."""
    description: str = ""
    """Free text."""
    dyad: tuple[str, str] | None = None
    """Default binding of roles A and B."""
    period: str = "month"
    """Update period: "month" or "week"."""
    tempering: float = 0.5
    """w, the weight of each period's evidence."""
    forgetting: float = 0.05
    """h, the pull back toward the prior per period."""

    def signposts_for(self, set_id: str) -> tuple[Signpost, ...]:
        """The signposts that bear on a set."""
        ids = set(self.hypothesis_set(set_id).ids)
        return tuple(s for s in self.signposts if ids & s.p_fire.keys())

    def hypothesis_set(self, set_id: str) -> HypothesisSet:
        """The set with this id (ValueError if none)."""
        for hypotheses in self.sets:
            if hypotheses.id == set_id:
                return hypotheses
        raise ValueError(f"set_id: no set {set_id!r} in {self.source}")


# --- loading --------------------------------------------------------------------------------------


def template_path(name: str = "interpretation-and-trajectory") -> Path:
    """Path of a bundled template (ValueError naming the ones there are if it does not exist)."""
    path = TEMPLATES / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in TEMPLATES.glob("*.yaml")))
        raise ValueError(f"name: no bundled scenario template {name!r} (there are: {known})")
    return path


def load_scenarios(source: str | Path, *, name: str | None = None) -> ScenarioFile:
    """Read and validate a scenario file, given as a path or as YAML text (`name` labels text).

    A `str` is taken as a path when it has no line break and ends in .yaml/.yml or names a file.
    """
    if isinstance(source, str) and not _looks_like_path(source):
        label, text = name or "<scenario text>", source
    else:
        label = name or str(source)
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise fail(label, f"cannot read the scenario file ({e})") from e
    try:
        raw = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader that refuses duplicate keys
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise fail(label, f"not valid YAML: {where}{getattr(e, 'problem', None) or e}") from e
    return _build(raw, label)


class _StrictLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a key given twice in one mapping is an error, not "last wins"."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key {key!r} given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _looks_like_path(text: str) -> bool:
    """A one-line string ending in .yaml/.yml or naming an existing file."""
    return "\n" not in text and (text.endswith((".yaml", ".yml")) or Path(text).is_file())


def _build(raw: object, label: str) -> ScenarioFile:
    """Validate the parsed YAML into a ScenarioFile."""
    top = as_mapping(raw, label)
    check_keys(top, _TOP_KEYS, label, required=("name", "sets", "signposts"))
    sets = tuple(_hypothesis_set(item, _item(f"{label}: sets", n, item))
                 for n, item in enumerate(_list(top["sets"], f"{label}: sets")))
    _unique([s.id for s in sets], label, "set")
    _unique([h.id for s in sets for h in s.hypotheses], label, "hypothesis")
    coder = _coder(top["coder"], f"{label}: coder") if "coder" in top else Coder()
    signposts = tuple(_signpost(item, _item(f"{label}: signposts", n, item), sets, coder)
                      for n, item in enumerate(_list(top["signposts"], f"{label}: signposts")))
    _unique([s.id for s in signposts], label, "signpost")
    spec = ScenarioFile(
        name=as_text(top["name"], f"{label}: name"), source=label, sets=sets, signposts=signposts,
        description=str(top.get("description") or "").strip(), dyad=_dyad(top.get("dyad"), f"{label}: dyad"),
        period=_period(top.get("period", "month"), f"{label}: period"),
        tempering=as_fraction(top.get("tempering", 0.5), f"{label}: tempering", closed="high"),
        forgetting=as_fraction(top.get("forgetting", 0.05), f"{label}: forgetting", closed="low"),
    )
    for hypotheses in sets:
        if not spec.signposts_for(hypotheses.id):
            raise fail(f"{label}: sets[{sets.index(hypotheses)}] '{hypotheses.id}'", "no signpost gives p_fire for it")
    return spec


def _item(where: str, n: int, raw: object) -> str:
    """"file: signposts[2] 'release'" from "file: signposts" (the id only when there is one)."""
    ident = raw.get("id") if isinstance(raw, Mapping) else None
    return f"{where}[{n}]" + (f" '{ident}'" if isinstance(ident, str) else "")


def _list(value: object, where: str) -> list:
    """`value` if it is a non-empty list."""
    if not isinstance(value, list) or not value:
        raise fail(where, f"expected a non-empty list, got {value!r:.40}")
    return value


def _unique(ids: Sequence[str], label: str, what: str) -> None:
    """Raise on the first id used twice."""
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise fail(label, f"{what} id {ident!r} is used twice")
        seen.add(ident)


def _hypothesis_set(raw: object, where: str) -> HypothesisSet:
    """One validated set, priors normalised (uniform when none is given)."""
    raw = as_mapping(raw, where)
    check_keys(raw, _SET_KEYS, where, required=("id", "hypotheses"))
    items = _list(raw["hypotheses"], f"{where}.hypotheses")
    if len(items) < 2:
        raise fail(f"{where}.hypotheses", "a set needs at least two hypotheses")
    parsed = []
    for n, item in enumerate(items):
        here = _item(f"{where}.hypotheses", n, item)
        item = as_mapping(item, here)
        check_keys(item, _HYPOTHESIS_KEYS, here, required=("id",))
        prior = as_fraction(item["prior"], f"{here}.prior", high=float("inf")) if "prior" in item else None
        parsed.append((as_id(item["id"], f"{here}.id"), str(item.get("title") or item["id"]), prior,
                       str(item.get("description") or "").strip()))
    priors = [p for _, _, p, _ in parsed]
    if any(p is None for p in priors) and not all(p is None for p in priors):
        raise fail(f"{where}.hypotheses", "give a prior for every hypothesis of the set or for none")
    weights = [1.0 if p is None else p for p in priors]
    total = math.fsum(weights)
    hypotheses = tuple(Hypothesis(i, t, w / total, d) for (i, t, _, d), w in zip(parsed, weights, strict=True))
    return HypothesisSet(as_id(raw["id"], f"{where}.id"), str(raw.get("title") or raw["id"]), hypotheses,
                         str(raw.get("description") or "").strip())


def _signpost(raw: object, where: str, sets: Sequence[HypothesisSet], default: Coder) -> Signpost:
    """One validated signpost: p_fire covers each set it names completely."""
    raw = as_mapping(raw, where)
    check_keys(raw, _SIGNPOST_KEYS, where, required=("id", "query", "p_fire"))
    ident = as_id(raw["id"], f"{where}.id")
    p_fire = as_mapping(raw["p_fire"], f"{where}.p_fire")
    known = {h.id for s in sets for h in s.hypotheses}
    values = {}
    for key, value in p_fire.items():
        if key not in known:
            raise fail(f"{where}.p_fire", f"unknown hypothesis {key!r} (known: {', '.join(sorted(known))})")
        values[key] = as_fraction(value, f"{where}.p_fire.{key}")
    covered = [s for s in sets if set(s.ids) & values.keys()]
    for s in covered:
        missing = [h for h in s.ids if h not in values]
        if missing:
            raise fail(f"{where}.p_fire", f"names part of set '{s.id}' but not {', '.join(missing)} (give all or none)")
    if not covered:
        raise fail(f"{where}.p_fire", "names no hypothesis")
    coder = _coder(raw["coder"], f"{where}.coder", default) if "coder" in raw else default
    return Signpost(ident, str(raw.get("title") or ident), parse_query(raw["query"], f"{where}.query"),
                    MappingProxyType(values), coder, str(raw.get("note") or "").strip())


def _coder(raw: object, where: str, default: Coder = Coder()) -> Coder:
    """Coder error rates; missing ones come from `default`."""
    raw = as_mapping(raw, where)
    check_keys(raw, ("recall", "false_positive"), where)
    recall = as_fraction(raw.get("recall", default.recall), f"{where}.recall", closed="high")
    false_positive = as_fraction(raw.get("false_positive", default.false_positive), f"{where}.false_positive",
                                 closed="low")
    if false_positive >= recall:
        raise fail(where, "false_positive must be below recall, or the signposts carry no information")
    return Coder(recall, false_positive)


def _dyad(raw: object, where: str) -> tuple[str, str] | None:
    """The default binding of roles A and B, or None."""
    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) != 2:
        raise fail(where, f"expected two actor keys such as [AZE, RUS], got {raw!r}")
    a, b = (as_text(x, where) for x in raw)
    if not (is_actor_key(a) and is_actor_key(b)) or a == b:
        raise fail(where, f"expected two different actor keys such as [AZE, RUS], got {raw!r}")
    return (a, b)


def _period(raw: object, where: str) -> str:
    """"month" or "week"."""
    if raw not in GRAINS:
        raise fail(where, f"expected one of {', '.join(GRAINS)}, got {raw!r}")
    return str(raw)
