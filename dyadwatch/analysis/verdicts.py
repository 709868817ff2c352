"""CrisisWatch-style monthly arrows: did the relationship deteriorate, improve or stay put this month?

Each month is judged against the dyad's own recent past: the previous `baseline_months` calendar
months (empty months included; fewer at the start of the panel). All incidents of both directions
are pooled. The rule uses composition (NCI) and the escalation ladder; counts enter only as a
minimum-evidence floor, never as a rate, so a month with ten times the coverage and the same mix of
acts gets the same arrow as its baseline.

Figures (NCI and rungs as in `dyadwatch.analysis.status`):
- nci: the month's net cooperation index;
- baseline_nci: the NCI of all incidents of the baseline window pooled (the recent past as it was);
- calm_nci: the NCI pooled over the window's *calm* months, i.e. those not judged "deteriorated"
  (empty months are calm). This is the dyad's normal level, so a crisis that runs on into a second
  month is still measured against the level before it. When calm months make up less than
  `CALM_SHARE` of the window, the crisis has become the norm and calm_nci = baseline_nci;
- rung / baseline_rung: the highest ladder rung of the month / of the window;
- serious: incidents at rung >= `SERIOUS_RUNG` (formal protest or worse).

Rule, first match wins:
1. no incidents -> "no events"; the first month of the panel -> "unchanged" (rule "first"): with
   nothing earlier on record there is no change to judge (a history that starts mid-war would
   otherwise open with a deterioration; start the panel earlier to judge that month);
2. *escalation*: rung >= `CRISIS_RUNG` and above baseline_rung (an empty window counts as no
   rung) -> "deteriorated";
3. *thaw*: nci >= baseline_nci + `NCI_RISE`, at least `MIN_COOPERATIVE` distinct incidents with
   Goldstein >= `COOPERATIVE_GOLDSTEIN`, nothing at `CRISIS_RUNG` or above, and at least one earlier
   month to improve on -> "improved";
4. *slide*: nci <= calm_nci − `NCI_DROP`, the month is not clearly better than the recent past
   (nci < baseline_nci + `NCI_RISE`: a month recovering from a crisis is not a deterioration just
   because it falls short of the level before the crisis), and there is enough hostile evidence:
   an incident at `CRISIS_RUNG` or above, or at least `MIN_SERIOUS` serious incidents -> "deteriorated";
5. *continued*: the previous month was deteriorated and this one slides as in 4 with at least
   `MIN_CONTINUED` hostile incidents, even if they are only verbal: the crisis has not stopped
   (accusations, demands and rejections after a raid are its continuation) -> "deteriorated";
6. otherwise "unchanged".

Minimum evidence: verbal friction (rung 1: criticism, accusations, demands) never makes a month
deteriorate by itself, however much of it there is. It is the commonest and most coverage-driven
kind of act, and one criticism is not a deterioration. A slide needs two formal protests
(summons, official complaints, threats) or one act at the crisis rung.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from dyadwatch.analysis.ladder import CRISIS_RUNG, RUNG_NAMES, rung_of
from dyadwatch.analysis.panel import DyadPeriods
from dyadwatch.analysis.status import net_cooperation, quad_counts
from dyadwatch.types import Incident

VERDICTS: tuple[str, ...] = ("deteriorated", "improved", "unchanged", "no events")
"""The four arrows."""
NCI_DROP = 0.35
"""How far below the calm-month NCI a month must fall to slide (NCI lies in -1..1)."""
NCI_RISE = 0.35
"""How far above the baseline NCI a month must rise to count as a thaw."""
COOPERATIVE_GOLDSTEIN = 3.0
"""A thaw needs one cooperative act at least this strong (praise, apology, agreement, release...)."""
SERIOUS_RUNG = 2
"""Incidents at this rung or above (formal protest or worse) are hostile evidence for a slide."""
MIN_SERIOUS = 2
"""A slide without a crisis-rung act needs at least this many incidents at `SERIOUS_RUNG` or above."""
CALM_SHARE = 0.5
"""Calm months must make up at least this share of the window to stand for the dyad's normal level;
with 6 months, a crisis that stays at the same level counts as deteriorating for up to 4 months."""
MIN_COOPERATIVE = 3
"""A thaw needs at least this many distinct cooperative acts at `COOPERATIVE_GOLDSTEIN` or above (one act
coded in both directions, such as "A and B agreed", counts once): one routine meeting after a bad
spell is not yet an improvement."""
MIN_CONTINUED = 3
"""A month right after a deteriorated one is still deteriorating when it keeps sliding (see the rule)
with at least this many hostile incidents (quad 3 or 4), even if they are only verbal."""
MAX_DRIVERS = 2
"""How many incidents a verdict names at most."""


@dataclass(frozen=True)
class Verdict:
    """The arrow of one month, why, and the figures behind it (both directions pooled)."""

    month: str
    """Calendar month, "YYYY-MM"."""
    verdict: str
    """One of `VERDICTS`."""
    reason: str
    """One line in CrisisWatch style stating the rationale."""
    drivers: tuple[Incident, ...]
    """The one or two incidents that drove it (worst for a deterioration, most cooperative for an
    improvement); empty for "unchanged" and "no events"."""
    rule: str
    """Which rule fired: "escalation", "slide", "thaw", or "" for "unchanged" and "no events"."""
    n: int
    """Incidents in the month."""
    nci: float
    """Net cooperation index of the month (0.0 when empty)."""
    baseline_nci: float
    """NCI of all incidents of the baseline window pooled (0.0 for an empty window)."""
    calm_nci: float
    """NCI of the window's calm months (not deteriorated), or `baseline_nci` when they are too few."""
    rung: int | None
    """Highest ladder rung of the month; None when empty."""
    baseline_rung: int | None
    """Highest ladder rung of the window; None when the window holds no incident."""
    hostile: int
    """Conflict incidents (quad 3 or 4) in the month."""
    baseline_hostile: float
    """Mean conflict incidents per month over the window (0.0 for an empty window)."""
    serious: int
    """Incidents at `SERIOUS_RUNG` or above in the month."""
    baseline_months: int
    """Months in the baseline window (fewer than asked at the start of the panel)."""


@dataclass(frozen=True)
class _Baseline:
    """What a month is judged against."""

    months: int
    nci: float
    calm_nci: float
    rung: int | None
    hostile: float


def monthly_verdicts(panel: DyadPeriods, *, baseline_months: int = 6) -> tuple[Verdict, ...]:
    """One verdict per month of a month-grain panel, each against the previous `baseline_months`."""
    if panel.grain != "month":
        raise ValueError(f"panel must have grain 'month' for monthly verdicts, got {panel.grain!r}")
    if baseline_months < 1:
        raise ValueError(f"baseline_months must be at least 1, got {baseline_months!r}")
    months = [panel.both(i) for i in range(len(panel.periods))]
    verdicts: list[Verdict] = []
    for i, month in enumerate(panel.periods):
        lo = max(0, i - baseline_months)
        baseline = _baseline(months[lo:i], [v.verdict for v in verdicts[lo:i]])
        previous = verdicts[-1].verdict if verdicts else ""
        verdicts.append(_judge(month, months[i], baseline, span=baseline_months, previous=previous))
    return tuple(verdicts)


def _baseline(window: Sequence[Sequence[Incident]], verdicts: Sequence[str]) -> _Baseline:
    """The figures of the baseline window (its months and their verdicts, aligned)."""
    pooled = [i for month in window for i in month]
    calm = [month for month, verdict in zip(window, verdicts, strict=True) if verdict != "deteriorated"]
    nci = net_cooperation(quad_counts(pooled))
    calm_nci = nci
    if window and len(calm) >= CALM_SHARE * len(window):
        calm_nci = net_cooperation(quad_counts([i for month in calm for i in month]))
    hostile = math.fsum(_hostile(month) for month in window) / len(window) if window else 0.0
    return _Baseline(len(window), nci, calm_nci, max(map(_rung, pooled), default=None), hostile)


def _judge(month: str, incidents: Sequence[Incident], base: _Baseline, *, span: int, previous: str) -> Verdict:
    """Apply the rule of the module docstring to one month."""
    v = _figures(month, incidents, base)
    if v.rung is None:
        reason = f"no incidents; net cooperation over the previous {span} months {base.nci:+.2f}"
        return replace(v, verdict="no events", reason=reason)
    if base.months == 0:
        reason = f"first month on record: nothing earlier to compare with (highest rung {_rung_text(v.rung)})"
        return replace(v, verdict="unchanged", reason=reason, rule="first")
    if v.rung >= CRISIS_RUNG and v.rung > (base.rung if base.rung is not None else -1):
        reason = f"highest rung {_rung_text(v.rung)} above {_ceiling_text(base, span)}; net cooperation {_vs(v)}"
        return replace(v, verdict="deteriorated", reason=reason, drivers=_worst(incidents), rule="escalation")
    best = max(i.event.goldstein for i in incidents)
    cooperative = _distinct_cooperative(incidents)
    if base.months and v.nci >= base.nci + NCI_RISE and cooperative >= MIN_COOPERATIVE and v.rung < CRISIS_RUNG:
        reason = (f"net cooperation {v.nci:+.2f} up from {base.nci:+.2f} over the previous {span} months; "
                  f"{cooperative} cooperative acts up to Goldstein {best:+.1f}, nothing at rung {CRISIS_RUNG}+")
        return replace(v, verdict="improved", reason=reason, drivers=_best(incidents), rule="thaw")
    sliding = v.nci <= base.calm_nci - NCI_DROP and v.nci < base.nci + NCI_RISE
    if sliding and (v.rung >= CRISIS_RUNG or v.serious >= MIN_SERIOUS):
        reason = (f"net cooperation {v.nci:+.2f} vs {base.calm_nci:+.2f} in the calm months before; "
                  f"{v.serious} incident(s) at rung {SERIOUS_RUNG}+, highest rung {_rung_text(v.rung)}")
        return replace(v, verdict="deteriorated", reason=reason, drivers=_worst(incidents), rule="slide")
    if sliding and previous == "deteriorated" and v.hostile >= MIN_CONTINUED:
        reason = (f"the crisis continues: net cooperation {v.nci:+.2f} vs {base.calm_nci:+.2f} in the calm months "
                  f"before; {v.hostile} hostile incidents, highest rung {_rung_text(v.rung)}")
        return replace(v, verdict="deteriorated", reason=reason, drivers=_worst(incidents), rule="continued")
    reason = f"net cooperation {_vs(v)}; highest rung {_rung_text(v.rung)}"
    if sliding:
        reason += f"; too little hostile evidence for a deterioration ({v.serious} at rung {SERIOUS_RUNG}+)"
    return replace(v, verdict="unchanged", reason=reason)


def _figures(month: str, incidents: Sequence[Incident], base: _Baseline) -> Verdict:
    """The month's figures against its baseline, with the verdict still blank."""
    return Verdict(
        month=month, verdict="", reason="", drivers=(), rule="", n=len(incidents),
        nci=net_cooperation(quad_counts(incidents)), baseline_nci=base.nci, calm_nci=base.calm_nci,
        rung=max(map(_rung, incidents), default=None), baseline_rung=base.rung,
        hostile=_hostile(incidents), baseline_hostile=base.hostile,
        serious=sum(1 for i in incidents if _rung(i) >= SERIOUS_RUNG), baseline_months=base.months,
    )


def _distinct_cooperative(incidents: Sequence[Incident]) -> int:
    """Cooperative acts at `COOPERATIVE_GOLDSTEIN` or above; one act coded both ways counts once."""
    keys = {(i.event.cameo, i.date, frozenset(i.dyad)) for i in incidents if i.event.goldstein >= COOPERATIVE_GOLDSTEIN}
    return len(keys)


def _rung(incident: Incident) -> int:
    """Ladder rung of an incident."""
    return rung_of(incident.event.cameo)


def _hostile(incidents: Sequence[Incident]) -> int:
    """Conflict incidents (quad 3 or 4)."""
    return sum(1 for i in incidents if i.event.quad in (3, 4))


def _rung_text(rung: int) -> str:
    """"4 (coercion of nationals or assets)"."""
    return f"{rung} ({RUNG_NAMES[rung]})"


def _ceiling_text(base: _Baseline, span: int) -> str:
    """The baseline maximum rung, in words."""
    if base.months == 0:
        return "an empty record (first month)"
    if base.rung is None:
        return f"a quiet {span}-month record (no incidents)"
    return f"the {span}-month maximum {base.rung}"


def _vs(v: Verdict) -> str:
    """"-0.62 vs +0.10": the month's NCI against the calm months' level."""
    return f"{v.nci:+.2f} vs {v.calm_nci:+.2f}"


def _worst(incidents: Sequence[Incident]) -> tuple[Incident, ...]:
    """Up to `MAX_DRIVERS` conflict incidents: highest rung, most negative Goldstein, most outlets."""
    hostile = [i for i in incidents if _rung(i) > 0 or i.event.goldstein < 0]
    hostile.sort(key=lambda i: (-_rung(i), i.event.goldstein, *_tiebreak(i)))
    return tuple(hostile[:MAX_DRIVERS])


def _best(incidents: Sequence[Incident]) -> tuple[Incident, ...]:
    """Up to `MAX_DRIVERS` cooperative incidents: highest Goldstein, most outlets."""
    friendly = [i for i in incidents if i.event.goldstein > 0 and _rung(i) == 0]
    friendly.sort(key=lambda i: (-i.event.goldstein, *_tiebreak(i)))
    return tuple(friendly[:MAX_DRIVERS])


def _tiebreak(incident: Incident) -> tuple[int, int, date, str]:
    """More outlets first, then more mentions, then the earlier date, then the id (order-free)."""
    return (-len(incident.outlets), -incident.n_mentions, incident.date or date.min, incident.id)
