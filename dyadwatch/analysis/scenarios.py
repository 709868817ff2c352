"""Interpretations and scenarios: competing hypotheses updated period by period from coded incidents.

An analyst writes hypotheses and the signposts that tell them apart in a YAML file; each signpost is
a query over coded incidents (`dyadwatch.analysis.signposts`) with the chance that it fires in one
period under each hypothesis. dyadwatch checks every signpost in every period, updates the
probabilities, and names the incidents behind every change.

File format::

    name: Interpretation and trajectory          # required
    description: ...                             # optional
    dyad: [AZE, RUS]                             # optional default binding of roles A and B
    period: month                                # month | week (default month)
    tempering: 0.5                               # w in (0, 1] (default 0.5)
    forgetting: 0.05                             # h in [0, 1) (default 0.05)
    coder: {recall: 0.8, false_positive: 0.02}   # optional; default: a perfect coder
    sets:                                        # mutually exclusive hypotheses, one list per question
      - id: interpretation
        title: What was the crackdown?
        hypotheses:
          - {id: H1, title: Routine law enforcement, prior: 0.5}   # priors are normalised;
          - {id: H2, title: Deliberate provocation, prior: 0.5}    # all or none (uniform)
    signposts:
      - id: arrests
        title: B arrests A's nationals
        note: why this signpost separates the hypotheses    # optional
        query: {source: B, target: A, cameo: ["173"], target_sector: [CVL, BUS, MED]}
        p_fire: {H1: 0.15, H2: 0.6}   # P(fires in one period | hypothesis), in (0, 1)
        coder: {recall: 0.7}          # optional override of the file's coder

Hypothesis ids are unique across the file. A signpost's `p_fire` names every hypothesis of each set
it bears on and none of the others ("–" in an indicators matrix): one signpost can inform several
sets. Unknown keys anywhere are errors; every problem raises `ScenarioError` with one line naming
the file, the item (`signposts[2] 'release'.p_fire.S1`) and what is wrong.

Queries (details in `dyadwatch.analysis.signposts`; all keys optional, conditions ANDed, list items ORed):

* who: `source`, `target` (role `A` / `B` bound at run time, an actor key such as `ISR` or `IGOUNO`,
  `any`, or a list), `both_directions` (also match the mirrored incident), `source_sector`,
  `target_sector` (`[CVL, BUS, MED]`);
* what: `plover` (`[COERCE]`), `mode` (`[arrest, deport]`), `cameo` (quoted codes or prefixes,
  `["173", "04"]`), `quad` (`[3, 4]`), `rung_min` (escalation rung 0-6), `modality` (default
  `[asserted]`);
* when it fires, over `window` periods (default 1, the current one included): at least `min_count`
  matching incidents (default 1) from at least `min_sources` distinct outlets (default 1); or, for
  silence, at most `max_count`; or, against the `baseline` periods before the window (default 3),
  a count down by `falls_by` ("volume falls") or up by `rises_by` ("volume surges").

One file works on any dyad: `run_scenarios(spec, incidents, dyad=("AZE", "RUS"))` (CLI:
`--dyad AZE-RUS`) binds A and B. The bundled template `interpretation-and-trajectory`
(`template_path()`) asks what a crackdown by B on A's people was (routine law enforcement or a
pressure campaign) and where it goes (quiet de-escalation or covert doubling-down).

Update, for each period m and set, over the signposts k that bear on the set (Heuer's ACH made
Bayesian, as in analysis-methods §4.3)::

    P~(H)      = (1 - h) * P_{m-1}(H) + h * P_0(H)                       forgetting toward the prior
    log P_m(H) = log P~(H) + w * sum_k [o_k log p'_k(H) + (1 - o_k) log(1 - p'_k(H))] + const

o_k is 1 when the signpost fired and 0 when it did not: silence is evidence too. A signpost that
could not be evaluated (a relative one without enough history) adds nothing. Tempering w < 1
discounts signposts that are correlated; forgetting keeps any hypothesis from locking at 0 or 1.
p' is the analyst's p corrected for coder error and clamped to [0.02, 0.98]: for a signpost that
fires when something happens, p' = r p + f (1 - p) (r recall, f false-positive rate); for a quiet
signpost (`max_count`), which fires when little is seen, p' = p (1 - f) + (1 - p)(1 - r). Relative
signposts (`falls_by`, `rises_by`) compare the feed with itself, so a steady coder error cancels and
they are not corrected.

Attribution: each period's change of every probability is split over its causes, the forgetting
step and each signpost, by integrating the softmax Jacobian along the straight path in log space
(integrated gradients). The parts add up to the change and do not depend on signpost order.

Diagnosticity of signpost k for hypotheses i, j: |log(p'_ik / p'_jk)| when it fires and
|log((1 - p'_ik)/(1 - p'_jk))| when it does not; under log 2 (a likelihood ratio below 2) it is weak.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from itertools import combinations
from types import MappingProxyType

import numpy as np

from dyadwatch.analysis.periods import period_of, periods_between
from dyadwatch.analysis.scenario_file import (
    P_MAX,
    P_MIN,
    TEMPLATES,
    Coder,
    Hypothesis,
    HypothesisSet,
    ScenarioFile,
    Signpost,
    load_scenarios,
    template_path,
)
from dyadwatch.analysis.signposts import FIRED, NOT_EVALUATED, Observation, Query, matches, observe
from dyadwatch.errors import ScenarioError
from dyadwatch.types import Incident

__all__ = [
    "FORGETTING", "P_MAX", "P_MIN", "TEMPLATES", "WEAK", "Attribution", "ChecklistRow", "Coder", "Diagnosticity",
    "HistoryRow", "Hypothesis", "HypothesisSet", "Query", "ScenarioFile", "ScenarioRun", "SetStep", "Signpost",
    "SignpostCheck", "diagnosticity", "load_scenarios", "most_diagnostic", "run_scenarios", "template_path",
]

WEAK = math.log(2.0)
"""Diagnosticity below this (a likelihood ratio under 2) is weak evidence."""
FORGETTING = "(forgetting)"
"""Cause named in attributions for the pull back toward the prior."""
_NODES = 48


# --- results --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignpostCheck:
    """One signpost in one period."""

    period: str
    """Period key ("2025-07")."""
    signpost: str
    """Signpost id."""
    status: str
    """"fired", "absent" or "n/a" (not evaluated: no evidence)."""
    count: int
    """Matching incidents in its window."""
    outlets: int
    """Distinct outlets reporting them."""
    expected: float | None
    """Count expected from the baseline (relative signposts only)."""
    incidents: tuple[Incident, ...]
    """The matching incidents, in date order."""

    @property
    def fired(self) -> bool:
        """True when it fired."""
        return self.status == FIRED


@dataclass(frozen=True)
class Attribution:
    """The part of one hypothesis' change in one period that is due to one cause."""

    period: str
    """Period key."""
    set_id: str
    """Set of the hypothesis."""
    hypothesis: str
    """Hypothesis id."""
    cause: str
    """Signpost id, or FORGETTING."""
    status: str
    """"fired" or "absent" for a signpost, "" for forgetting."""
    log_weight: float
    """Term added to log P(hypothesis): w log p' (fired), w log(1 - p') (absent), or the forgetting step."""
    points: float
    """Share of the probability change due to this cause (0.08 = +8 percentage points)."""
    incidents: tuple[Incident, ...] = ()
    """The incidents the signpost matched."""

    def describe(self) -> str:
        """One line: "+8.1 pts to H2: 'arrests' fired on 2 incidents: 2025-07-01 RUS->AZE 173 ..."."""
        head = f"{self.points * 100:+.1f} pts to {self.hypothesis}: "
        if self.cause == FORGETTING:
            return head + "forgetting toward the prior"
        head += f"'{self.cause}' {self.status}"
        if not self.incidents:
            return head + " (no matching incident)"
        n = len(self.incidents)
        shown = "; ".join(_incident_text(i) for i in self.incidents[:3]) + (f"; +{n - 3} more" if n > 3 else "")
        return head + f" on {n} incident{'s' if n > 1 else ''}: {shown}"


@dataclass(frozen=True)
class SetStep:
    """One set's update in one period."""

    period: str
    """Period key."""
    set_id: str
    """Set id."""
    before: Mapping[str, float]
    """Probabilities at the end of the previous period (the prior in the first)."""
    after: Mapping[str, float]
    """Probabilities after this period's evidence."""
    attributions: tuple[Attribution, ...]
    """Every cause's share, for every hypothesis (forgetting first, then signposts in file order)."""


@dataclass(frozen=True)
class HistoryRow:
    """One hypothesis' probability at the end of one period."""

    period: str
    """Period key."""
    set_id: str
    """Set id."""
    hypothesis: str
    """Hypothesis id."""
    probability: float
    """Probability after the period's evidence."""
    change: float
    """Change from the previous period (from the prior in the first)."""


@dataclass(frozen=True)
class ChecklistRow:
    """One signpost's status in every period."""

    signpost: str
    """Signpost id."""
    title: str
    """Signpost title."""
    statuses: tuple[str, ...]
    """"fired", "absent" or "n/a", aligned with `ScenarioRun.periods`."""


@dataclass(frozen=True)
class ScenarioRun:
    """Every period's signpost checks and probability updates."""

    spec: ScenarioFile
    """The scenario file run."""
    roles: Mapping[str, str]
    """Binding of the roles, {"A": "AZE", "B": "RUS"} (empty when the file uses none)."""
    periods: tuple[str, ...]
    """Periods updated, in order."""
    checks: tuple[SignpostCheck, ...]
    """Every signpost in every period, period by period in file order."""
    steps: tuple[SetStep, ...]
    """Every set's update in every period, period by period in file order."""
    undated: int = 0
    """Incidents ignored because they carry no date."""

    def final(self) -> Mapping[str, Mapping[str, float]]:
        """Set id -> hypothesis id -> probability at the end (the priors when no period ran)."""
        latest = {s.id: MappingProxyType({h.id: h.prior for h in s.hypotheses}) for s in self.spec.sets}
        for step in self.steps:
            latest[step.set_id] = step.after  # type: ignore[assignment]
        return MappingProxyType(latest)

    def history(self, set_id: str | None = None) -> tuple[HistoryRow, ...]:
        """Probability of every hypothesis (of one set, or all) after every period: a long table."""
        return tuple(HistoryRow(s.period, s.set_id, h, p, p - s.before[h])
                     for s in self.steps if set_id in (None, s.set_id) for h, p in s.after.items())

    def checklist(self) -> tuple[ChecklistRow, ...]:
        """Signpost x period table of statuses."""
        status = {(c.signpost, c.period): c.status for c in self.checks}
        return tuple(ChecklistRow(s.id, s.title, tuple(status[s.id, p] for p in self.periods))
                     for s in self.spec.signposts)

    def attributions(
        self, period: str, *, set_id: str | None = None, min_points: float = 0.0
    ) -> tuple[Attribution, ...]:
        """Causes of the period's changes, largest first within each set (ValueError for an unknown period)."""
        if period not in self.periods:
            raise ValueError(f"period: {period!r} is not among the periods run")
        rows = [a for s in self.steps if s.period == period and set_id in (None, s.set_id)
                for a in s.attributions if abs(a.points) >= min_points]
        order = {s.id: n for n, s in enumerate(self.spec.sets)}
        return tuple(sorted(rows, key=lambda a: (order[a.set_id], -abs(a.points), a.hypothesis, a.cause)))

    def as_dict(self) -> dict:
        """Plain data for JSON: incidents appear by id."""
        return {
            "name": self.spec.name, "roles": dict(self.roles), "periods": list(self.periods),
            "final": {k: dict(v) for k, v in self.final().items()},
            "history": [asdict(r) for r in self.history()],
            "checks": [{"period": c.period, "signpost": c.signpost, "status": c.status, "count": c.count,
                        "outlets": c.outlets, "expected": c.expected, "incidents": [i.id for i in c.incidents]}
                       for c in self.checks],
            "attributions": [{"period": a.period, "set": a.set_id, "hypothesis": a.hypothesis, "cause": a.cause,
                              "status": a.status, "log_weight": a.log_weight, "points": a.points,
                              "incidents": [i.id for i in a.incidents]}
                             for s in self.steps for a in s.attributions],
        }


def _incident_text(incident: Incident) -> str:
    """"2025-07-01 RUS->AZE 173 'detained' (i12ab...)"."""
    e = incident.event
    return f"{e.date} {e.source.actor.code}->{e.target.actor.code} {e.cameo} '{e.trigger.text}' ({incident.id[:9]})"


# --- running --------------------------------------------------------------------------------------


def run_scenarios(
    spec: ScenarioFile,
    incidents: Sequence[Incident],
    *,
    dyad: tuple[str, str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> ScenarioRun:
    """Check every signpost and update every set, period by period, from `since` to `until`.

    `dyad` binds roles A and B (default: the file's `dyad:`). Periods run from `since` (default: the
    first dated incident) to `until` (default: the last); incidents before `since` still fill the
    windows and baselines of the first periods, incidents after `until` are ignored. Periods before
    the first dated incident carry no evidence (status "n/a"): no data is not the same as no events.
    """
    roles = _roles(spec, dyad)
    if since and until and since > until:
        raise ValueError(f"since: {since} comes after until {until}")
    dated = sorted((i for i in incidents if i.date and (until is None or i.date <= until)),
                   key=lambda i: (i.date, i.id))
    timeline, run_from, data_start = _timeline(spec.period, dated, since, until)
    matched = _match_all(spec, dated, roles, timeline)
    no_data = Observation(NOT_EVALUATED, 0, 0, None, ())
    checks: list[SignpostCheck] = []
    steps: list[SetStep] = []
    current = {s.id: {h.id: h.prior for h in s.hypotheses} for s in spec.sets}
    for index in range(run_from, len(timeline)):
        period = timeline[index]
        seen = {s.id: observe(s.query, matched[s.id], index, data_start=data_start) if index >= data_start
                else no_data for s in spec.signposts}
        checks += [SignpostCheck(period, k, o.status, o.count, o.outlets, o.expected, o.incidents)
                   for k, o in seen.items()]
        for hypotheses in spec.sets:
            steps.append(_update(spec, hypotheses, current[hypotheses.id], seen, period))
            current[hypotheses.id] = dict(steps[-1].after)
    return ScenarioRun(spec, MappingProxyType(roles), timeline[run_from:], tuple(checks), tuple(steps),
                       undated=sum(1 for i in incidents if i.date is None))


def _match_all(spec: ScenarioFile, dated: Sequence[Incident], roles: Mapping[str, str],
               timeline: Sequence[str]) -> dict[str, list[list[Incident]]]:
    """Signpost id -> its matching incidents in each period of the timeline (date order)."""
    slot = {p: n for n, p in enumerate(timeline)}
    matched: dict[str, list[list[Incident]]] = {}
    for signpost in spec.signposts:
        matched[signpost.id] = [[] for _ in timeline]
        for incident in dated:
            if matches(signpost.query, incident, roles):
                matched[signpost.id][slot[period_of(incident.date, spec.period)]].append(incident)  # type: ignore[arg-type]
    return matched


def _roles(spec: ScenarioFile, dyad: tuple[str, str] | None) -> dict[str, str]:
    """{"A": ..., "B": ...} from the argument or the file; {} when no query names a role."""
    if dyad is not None and (len(dyad) != 2 or dyad[0] == dyad[1] or not all(isinstance(k, str) and k for k in dyad)):
        raise ValueError(f"dyad: expected two different actor keys such as ('AZE', 'RUS'), got {dyad!r}")
    pair = dyad or spec.dyad
    if pair is None:
        if any(s.query.roles for s in spec.signposts):
            raise ScenarioError(f"{spec.source}: the signposts name roles A and B but no dyad binds them "
                                "(give one, e.g. --dyad AZE-RUS, or set dyad: [AZE, RUS] in the file)")
        return {}
    return {"A": pair[0], "B": pair[1]}


def _timeline(
    grain: str, dated: Sequence[Incident], since: date | None, until: date | None
) -> tuple[tuple[str, ...], int, int]:
    """(periods from the first data or `since` to the end, index of the first run period, of the first data)."""
    data_first = period_of(dated[0].date, grain) if dated else None  # type: ignore[arg-type]
    run_first = period_of(since, grain) if since else data_first
    run_last = period_of(until, grain) if until else (period_of(dated[-1].date, grain) if dated else None)  # type: ignore[arg-type]
    if run_first is None or run_last is None:
        return (), 0, 0
    timeline = periods_between(min(run_first, data_first or run_first), run_last)
    index = {p: n for n, p in enumerate(timeline)}
    return timeline, index.get(run_first, len(timeline)), index.get(data_first or "", len(timeline))


def _update(spec: ScenarioFile, hypotheses: HypothesisSet, before: Mapping[str, float],
            seen: Mapping[str, Observation], period: str) -> SetStep:
    """One period's update of one set, with every cause's share of the change."""
    ids = hypotheses.ids
    start = np.log(np.array([before[h] for h in ids]))
    prior = np.array([h.prior for h in hypotheses.hypotheses])
    mixed = (1.0 - spec.forgetting) * np.exp(start) + spec.forgetting * prior
    parts: dict[str, np.ndarray] = {FORGETTING: np.log(mixed) - start}
    for signpost in spec.signposts_for(hypotheses.id):
        status = seen[signpost.id].status
        if status == NOT_EVALUATED:
            continue
        p = np.array([signpost.likelihood(h) for h in ids])
        parts[signpost.id] = spec.tempering * np.log(p if status == FIRED else 1.0 - p)
    after = _softmax(start + sum(parts.values()))
    shares = _split(start, parts)
    rows = tuple(
        Attribution(period, hypotheses.id, h, cause,
                    "" if cause == FORGETTING else seen[cause].status,
                    float(parts[cause][n]), float(shares[cause][n]),
                    () if cause == FORGETTING else seen[cause].incidents)
        for cause in parts for n, h in enumerate(ids)
    )
    return SetStep(period, hypotheses.id, MappingProxyType(dict(before)),
                   MappingProxyType({h: float(x) for h, x in zip(ids, after, strict=True)}), rows)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max())
    return shifted / shifted.sum()


def _split(start: np.ndarray, parts: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each part's share of softmax(start + sum(parts)) - softmax(start): integrated gradients on a straight path."""
    total = sum(parts.values(), np.zeros_like(start))
    nodes, weights = np.polynomial.legendre.leggauss(_NODES)
    jacobian = np.zeros((start.size, start.size))
    for t, weight in zip((nodes + 1.0) / 2.0, weights / 2.0, strict=True):
        p = _softmax(start + t * total)
        jacobian += weight * (np.diag(p) - np.outer(p, p))
    return {cause: jacobian @ part for cause, part in parts.items()}


# --- diagnosticity ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Diagnosticity:
    """How well one signpost tells two hypotheses of a set apart."""

    set_id: str
    """Set id."""
    signpost: str
    """Signpost id."""
    first: str
    """First hypothesis id (file order)."""
    second: str
    """Second hypothesis id."""
    p_first: float
    """p' of the signpost under `first`."""
    p_second: float
    """p' under `second`."""
    when_fired: float
    """|log(p_first / p_second)|."""
    when_absent: float
    """|log((1 - p_first) / (1 - p_second))|."""
    favours: str = ""
    """The hypothesis a firing favours ("" when the p's are equal); its absence favours the other."""

    @property
    def strength(self) -> float:
        """The larger of the two."""
        return max(self.when_fired, self.when_absent)

    @property
    def weak(self) -> bool:
        """True when neither firing nor silence gives a likelihood ratio of 2."""
        return self.strength < WEAK


def diagnosticity(spec: ScenarioFile) -> tuple[Diagnosticity, ...]:
    """One row per set, signpost bearing on it, and pair of its hypotheses (file order)."""
    rows = []
    for hypotheses in spec.sets:
        for signpost in spec.signposts_for(hypotheses.id):
            for i, j in combinations(hypotheses.ids, 2):
                pi, pj = signpost.likelihood(i), signpost.likelihood(j)
                favours = i if pi > pj else j if pj > pi else ""
                rows.append(Diagnosticity(hypotheses.id, signpost.id, i, j, pi, pj, abs(math.log(pi / pj)),
                                          abs(math.log((1.0 - pi) / (1.0 - pj))), favours))
    return tuple(rows)


def most_diagnostic(spec: ScenarioFile, *, top: int = 3) -> tuple[Diagnosticity, ...]:
    """The `top` strongest rows of each set, strongest first (ties by signpost order)."""
    if top < 1:
        raise ValueError(f"top: expected 1 or more, got {top}")
    rows = diagnosticity(spec)
    order = {s.id: n for n, s in enumerate(spec.signposts)}
    picked: list[Diagnosticity] = []
    for hypotheses in spec.sets:
        mine = [r for r in rows if r.set_id == hypotheses.id]
        picked += sorted(mine, key=lambda r: (-r.strength, order[r.signpost]))[:top]
    return tuple(picked)
