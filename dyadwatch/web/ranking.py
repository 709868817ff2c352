"""The dashboard's front page: every dyad in the store, ranked by how much it changed lately.

For each unordered pair of different actors with at least one incident (both directions merged),
the monthly verdicts of `dyadwatch.analysis.verdicts` are computed over its asserted incidents.
The *recent change* of a dyad is the net cooperation index (NCI, -1..1) of its latest month with
incidents minus the NCI of the baseline window before it (the previous six months pooled), i.e.
``Verdict.nci - Verdict.baseline_nci`` of its last verdict. Dyads are ranked by the absolute
change, largest first; a dyad without a baseline (all its incidents fall in one month, or none is
asserted) has no change and comes after those that have one. Ties go to the more recent latest
month, then to the dyad with more incidents, then alphabetically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from dyadwatch.analysis.panel import dyad_periods
from dyadwatch.analysis.verdicts import monthly_verdicts
from dyadwatch.types import Incident


@dataclass(frozen=True)
class DyadSummary:
    """One row of the dyad list."""

    a: str
    """Key of the first side (alphabetically first)."""
    b: str
    """Key of the second side."""
    names: tuple[str, str]
    """Display names of a and b (the keys themselves when the actor dictionary does not know them)."""
    known: bool
    """Whether the actor dictionary knows both keys (only then can the dyad page analyse the pair)."""
    incidents: int
    """Incidents in both directions, every modality."""
    month: str | None
    """Latest month with asserted incidents ("YYYY-MM"); None when none is asserted."""
    verdict: str | None
    """Verdict of that month ("deteriorated", "improved", "unchanged"); None without a month."""
    reason: str
    """One-line reason of the verdict ("" without a month)."""
    nci: float | None
    """Net cooperation index of that month."""
    baseline_nci: float | None
    """NCI of the baseline window before it; None when the window holds no incident."""

    @property
    def change(self) -> float | None:
        """Recent change: nci - baseline_nci (None without a baseline)."""
        if self.nci is None or self.baseline_nci is None:
            return None
        return self.nci - self.baseline_nci

    @property
    def slug(self) -> str:
        """The dyad as it appears in URLs, e.g. "AZE-RUS"."""
        return f"{self.a}-{self.b}"


def summarise_dyad(
    incidents: Sequence[Incident], a: str, b: str, *, names: tuple[str, str] | None
) -> DyadSummary:
    """The dyad's latest verdict and its recent change (see the module docstring); `names` None
    when the actor dictionary does not know the keys."""
    shown, known, count = names or (a, b), names is not None, len(incidents)
    verdicts = monthly_verdicts(dyad_periods(incidents, a, b, grain="month"))
    if not verdicts:
        return DyadSummary(a, b, shown, known, count, None, None, "", None, None)
    last = verdicts[-1]
    baseline = last.baseline_nci if last.baseline_rung is not None else None
    return DyadSummary(a, b, shown, known, count, last.month, last.verdict, last.reason, last.nci, baseline)


def rank_dyads(
    incidents: Iterable[Incident], *, names_of: Callable[[str, str], tuple[str, str] | None]
) -> list[DyadSummary]:
    """Every dyad of `incidents`, ranked by recent change (see the module docstring).

    `names_of(a, b)` gives the display names of a pair, or None when they are unknown.
    """
    pool = tuple(incidents)
    by_pair: dict[tuple[str, str], list[Incident]] = {}
    for incident in pool:
        x, y = incident.dyad
        if x and y and x != y:
            by_pair.setdefault((min(x, y), max(x, y)), []).append(incident)
    rows = [
        summarise_dyad(own, a, b, names=names_of(a, b)) for (a, b), own in sorted(by_pair.items())
    ]
    return sorted(rows, key=_rank_key)


def _rank_key(row: DyadSummary) -> tuple[bool, float, int, int, str]:
    """Largest |change| first; then recent latest month, more incidents, alphabetical."""
    change = row.change
    month = 0
    if row.month:
        year, number = row.month.split("-")
        month = int(year) * 12 + int(number)
    return (change is None, -abs(change or 0.0), -month, -row.incidents, row.slug)
