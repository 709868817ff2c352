"""Everything dyadwatch says about one dyad, in one frozen record: `analyse_dyad`.

The brief, the HTML report and the dashboard all render a `DyadAnalysis`, so they never disagree.
It is a pure function of the incidents handed in (of every dyad, so the third-party network can be
built) and of a few options; reading the store is the pipeline's job.

Choices made here, where the issue is silent:

- *As of*: the analysis describes the dyad as of `DyadOptions.as_of`, by default the date of the
  dyad's latest dated incident (a corpus that ends in October is judged in October, not today).
- *Scenarios* run from the start of the most recent deterioration episode within the last
  `SCENARIO_LOOKBACK` months (interpretations are about an episode; quiet years before it would
  otherwise swamp the prior), or over the last `SCENARIO_DEFAULT` months when there was none.
- *Change points and the forecast's history* use the dyad's monthly hostile-incident counts (quad 3
  and 4, both directions), the series analysts read as "how bad is it".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dyadwatch.analysis.backtest import Backtest, backtest
from dyadwatch.analysis.changes import ChangeReport, detect_changes
from dyadwatch.analysis.forecast import Forecast, forecast_next
from dyadwatch.analysis.network import ThirdPartyReport, months_before, third_party_report
from dyadwatch.analysis.panel import DyadPeriods, dyad_periods
from dyadwatch.analysis.periods import period_end, period_of, period_start
from dyadwatch.analysis.reciprocity import ReciprocityReport, reciprocity_report
from dyadwatch.analysis.scenario_file import ScenarioFile
from dyadwatch.analysis.scenarios import ScenarioRun, run_scenarios
from dyadwatch.analysis.status import DyadStatus, dyad_status
from dyadwatch.analysis.verdicts import Verdict, monthly_verdicts
from dyadwatch.types import Incident

SCENARIO_LOOKBACK = 12
"""Months back in which the start of a deterioration episode anchors the scenario run."""
SCENARIO_DEFAULT = 6
"""Months the scenario run covers when no deterioration happened within `SCENARIO_LOOKBACK`."""
BACKTEST_MIN_TRAIN = 12
"""Months of history before the first backtest origin."""


@dataclass(frozen=True)
class DyadOptions:
    """What to analyse and how far back."""

    as_of: date | None = None
    """Day the analysis speaks for (default: the dyad's latest dated incident)."""
    since: date | None = None
    """Ignore incidents before this day (default: use all history)."""
    modalities: tuple[str, ...] = ("asserted",)
    """Modalities counted as having happened."""
    window: int = 12
    """Trailing periods a figure is compared with (z-scores)."""
    network_months: int = 6
    """Months of the third-party network window."""
    reciprocity_days: int = 180
    """Days of the window the self-excitation (Hawkes) model is fitted on."""
    scenarios_since: date | None = None
    """First day of the scenario run (default: see the module docstring)."""


@dataclass(frozen=True)
class DyadAnalysis:
    """Status, trajectory, third parties, scenarios and forecast of one dyad."""

    a: str
    """Key of the first side ("AZE")."""
    b: str
    """Key of the second side ("RUS")."""
    as_of: date | None
    """Day the analysis speaks for; None when the dyad has no dated incident."""
    modalities: tuple[str, ...]
    """Modalities counted as having happened."""
    incidents: tuple[Incident, ...]
    """The dyad's incidents (both directions, every modality), in date order."""
    monthly: DyadPeriods
    """Counted incidents by month."""
    weekly: DyadPeriods
    """Counted incidents by ISO week."""
    status: DyadStatus
    """Monthly figures and the latest month's standing against the dyad's history."""
    weekly_status: DyadStatus
    """Weekly figures (the ACLED change level is a weekly convention)."""
    verdicts: tuple[Verdict, ...]
    """One verdict per month."""
    changes: ChangeReport
    """Regimes and the online change alarm over monthly hostile counts."""
    reciprocity: ReciprocityReport
    """Tit-for-tat, pressure and the escalation spiral."""
    third_parties: ThirdPartyReport | None
    """The signed network around the dyad (None without an as-of date)."""
    scenarios: ScenarioRun | None
    """Scenario probabilities period by period (None without a scenario file)."""
    forecast: Forecast
    """Next month's crisis probability and hostile-count range."""
    backtest: Backtest | None
    """Track record of the forecast on this dyad's own history (None when too short)."""

    @property
    def hostile_counts(self) -> tuple[int, ...]:
        """Monthly hostile incidents (quad 3 and 4, both directions), aligned with `monthly.periods`."""
        return hostile_counts(self.monthly)


def analyse_dyad(
    incidents: Sequence[Incident],
    a: str,
    b: str,
    *,
    scenarios: ScenarioFile | None = None,
    options: DyadOptions | None = None,
) -> DyadAnalysis:
    """Run every analysis of the dyad (a, b) over `incidents` (which may hold other dyads too)."""
    options = options or DyadOptions()
    own = tuple(sorted((i for i in incidents if i.dyad in ((a, b), (b, a))), key=_order))
    as_of = options.as_of or max((i.date for i in own if i.date), default=None)
    until = period_end(period_of(as_of)) if as_of else None
    select = {"modalities": options.modalities, "since": options.since, "until": until}
    monthly = dyad_periods(own, a, b, grain="month", **select)
    weekly = dyad_periods(own, a, b, grain="week", **select)
    verdicts = monthly_verdicts(monthly)
    return DyadAnalysis(
        a=a, b=b, as_of=as_of, modalities=tuple(options.modalities), incidents=own, monthly=monthly, weekly=weekly,
        status=dyad_status(monthly, window=options.window),
        weekly_status=dyad_status(weekly, window=options.window),
        verdicts=verdicts,
        changes=detect_changes(monthly.periods, hostile_counts(monthly)),
        reciprocity=reciprocity_report(own, a, b, until=as_of, window_days=options.reciprocity_days),
        third_parties=_third_parties(incidents, a, b, as_of, options),
        scenarios=_scenarios(scenarios, own, a, b, as_of, verdicts, options),
        forecast=forecast_next(monthly),
        backtest=backtest(monthly, min_train=BACKTEST_MIN_TRAIN) if len(monthly.periods) > BACKTEST_MIN_TRAIN
        else None,
    )


def hostile_counts(panel: DyadPeriods) -> tuple[int, ...]:
    """Hostile incidents (quad 3 and 4, both directions) per period of `panel`."""
    return tuple(
        sum(1 for i in ab + ba if i.event.quad in (3, 4)) for ab, ba in zip(panel.a_to_b, panel.b_to_a, strict=True)
    )


def _order(incident: Incident) -> tuple[bool, date, str]:
    """Dated first, by date, then id."""
    return (incident.date is None, incident.date or date.min, incident.id)


def _third_parties(
    incidents: Sequence[Incident], a: str, b: str, as_of: date | None, options: DyadOptions
) -> ThirdPartyReport | None:
    """The third-party report as of `as_of` (None without a date)."""
    if as_of is None:
        return None
    return third_party_report(incidents, a, b, until=as_of, months=options.network_months,
                              modalities=options.modalities)


def _scenarios(
    spec: ScenarioFile | None, own: Sequence[Incident], a: str, b: str, as_of: date | None,
    verdicts: Sequence[Verdict], options: DyadOptions,
) -> ScenarioRun | None:
    """The scenario run over the current episode (see the module docstring)."""
    if spec is None or as_of is None:
        return None
    since = options.scenarios_since or scenario_start(verdicts, as_of)
    return run_scenarios(spec, own, dyad=(a, b), since=since, until=period_end(period_of(as_of)))


def scenario_start(verdicts: Sequence[Verdict], as_of: date) -> date:
    """First day of the latest deterioration episode within `SCENARIO_LOOKBACK` months of `as_of`
    (consecutive deteriorated months, or ones only a month apart, form one episode); else the first
    day of the month `SCENARIO_DEFAULT` months back."""
    earliest = period_of(months_before(as_of, SCENARIO_LOOKBACK))
    bad = [v.month for v in verdicts if v.verdict == "deteriorated" and earliest <= v.month <= period_of(as_of)]
    if not bad:
        return period_start(period_of(months_before(as_of, SCENARIO_DEFAULT - 1)))
    start = bad[-1]
    for month in reversed(bad[:-1]):
        if _months_apart(month, start) > 2:
            break
        start = month
    return period_start(start)


def _months_apart(first: str, second: str) -> int:
    """Whole months from `first` to `second` ("2025-06" to "2025-08" is 2)."""
    (y1, m1), (y2, m2) = (map(int, first.split("-")), map(int, second.split("-")))
    return (y2 - y1) * 12 + (m2 - m1)
