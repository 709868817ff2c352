"""The records of a `DyadView`: one frozen record per panel, holding only plain data.

Strings, numbers, booleans, None and tuples of them (or of these records): no `Incident`, no store
object, nothing that needs the analysis layer to read. `dyadwatch.report.tables.plain(view)` turns
a whole view into JSON. Every incident shown anywhere is an `IncidentRef`, whose `href` has already
been checked (`dyadwatch.report.views.safe_href`): it is a site path ("/events/i12ab") or an
http(s) URL, or None.
"""

from __future__ import annotations

from dataclasses import dataclass

from dyadwatch.analysis.changes import Regime
from dyadwatch.analysis.reciprocity import Response
from dyadwatch.analysis.scenarios import ChecklistRow


@dataclass(frozen=True)
class IncidentRef:
    """One incident as a panel shows it: what happened, who reported it, its sentence and its link."""

    id: str
    """Incident id ("i12ab...")."""
    date: str
    """ISO day of the representative mention; "" when undated."""
    direction: str
    """"a_to_b", "b_to_a", or "other" for an incident of a third party."""
    source: str
    """Source actor, key and sector ("RUS COP")."""
    target: str
    """Target actor, key and sector ("AZE MED")."""
    cameo: str
    """CAMEO code ("1711")."""
    cameo_name: str
    """Name of the CAMEO code ("Confiscate property"); "" when unknown."""
    plover: str
    """PLOVER event type ("COERCE"); "" when none."""
    quad: int
    """Quad class 1-4 (verbal/material cooperation, verbal/material conflict)."""
    goldstein: float
    """Goldstein weight, -10..10."""
    rung: int
    """Escalation-ladder rung 0-6."""
    modality: str
    """"asserted", "negated", "denied", "alleged", "hypothetical" or "future"."""
    trigger: str
    """Trigger word(s) of the representative mention."""
    n_mentions: int
    """Mentions (reports) of the incident."""
    outlets: tuple[str, ...]
    """Outlets that reported it, sorted."""
    sentence: str
    """Sentence of the representative mention, whitespace collapsed and trimmed; "" when unknown."""
    href: str | None
    """Where the incident links to: a site path or an http(s) URL; None when there is no safe link."""


@dataclass(frozen=True)
class StatusRow:
    """One row of the status table: the latest month of one direction (or both), as display strings."""

    label: str
    """"AZE→RUS", "RUS→AZE" or "both"."""
    cells: tuple[str, ...]
    """Incidents, quad 1/2/3/4, NCI, shrunk Goldstein mean, rung, hostile, hostile z, NCI percentile."""


@dataclass(frozen=True)
class TurningPoint:
    """A month judged deteriorated or improved, with its drivers."""

    month: str
    """Calendar month ("2025-06")."""
    verdict: str
    """"deteriorated" or "improved"."""
    arrow: str
    """"▼" or "▲"."""
    reason: str
    """The verdict's one-line rationale."""
    drivers: tuple[IncidentRef, ...]
    """The incidents that drove it."""


@dataclass(frozen=True)
class StatusCard:
    """Where the dyad stands in its latest month."""

    month: str
    """Latest month of the panel; "" when the dyad has no counted incident."""
    verdict: str
    """"deteriorated", "improved", "unchanged", "no events", or "" without a month."""
    arrow: str
    """"▲", "▼", "=" or "·" ("" without a month)."""
    reason: str
    """Why the verdict was given."""
    drivers: tuple[IncidentRef, ...]
    """The incidents behind the verdict (empty for "unchanged" and "no events")."""
    columns: tuple[str, ...]
    """Headers of `rows` (after the label column)."""
    rows: tuple[StatusRow, ...]
    """The latest month a→b, b→a and both."""
    notes: tuple[str, ...]
    """The weekly change level and, if raised, the rung alert."""


@dataclass(frozen=True)
class IndexSeries:
    """Monthly net cooperation each way, regimes and the online change alarm."""

    periods: tuple[str, ...]
    """Months in the view's window, oldest first."""
    nci_a_to_b: tuple[float, ...]
    """NCI of a→b per month (0.0 for an empty month)."""
    nci_b_to_a: tuple[float, ...]
    """NCI of b→a per month."""
    nci_both: tuple[float, ...]
    """NCI of both directions pooled per month."""
    incidents: tuple[int, ...]
    """Counted incidents per month, both directions."""
    hostile: tuple[int, ...]
    """Hostile incidents (quad 3 and 4) per month, both directions."""
    verdicts: tuple[str, ...]
    """Verdict of each month."""
    change_probability: tuple[float | None, ...]
    """BOCPD P(run length ≤ 2) per month; None during the burn-in."""
    regimes: tuple[Regime, ...]
    """PELT regimes of monthly hostile incidents overlapping the window."""
    breakpoints: tuple[str, ...]
    """Months where a regime starts, inside the window."""
    lines: tuple[str, ...]
    """The regimes and the alarm, in words (as in the brief)."""
    turning_points: tuple[TurningPoint, ...]
    """Deteriorated and improved months in the window, oldest first."""


@dataclass(frozen=True)
class ReciprocityView:
    """Tit-for-tat both ways, pressure and the escalation spiral."""

    summary: str
    """The analysis' one-line summary."""
    responses: tuple[Response, ...]
    """b answering a, then a answering b."""
    pressure: tuple[float, float]
    """Decayed Goldstein sums a→b and b→a (negative: hostile pressure)."""
    spiral: str
    """Spiral label ("not self-sustaining", ...) or why there is none."""
    spectral_radius: float | None
    """Spiral index ρ of the Hawkes fit; None without a fit."""
    interval: tuple[float, float] | None
    """Bootstrap 5-95% interval of ρ; None without one."""
    n_events: tuple[int, int]
    """Hostile events a→b and b→a in the Hawkes window (0, 0 without a fit)."""


@dataclass(frozen=True)
class EdgeView:
    """One signed edge of the third-party network."""

    a: str
    """One actor key."""
    b: str
    """The other actor key."""
    sign: int
    """+1 friendly, -1 hostile, 0 contested."""
    kind: str
    """"friendly", "hostile" or "contested"."""
    nci: float
    """Net cooperation index of the pair."""
    n: int
    """Incidents between them in the window."""


@dataclass(frozen=True)
class TriadView:
    """A triad a–b–third (closed or open)."""

    third: str
    """The third party."""
    signs: str
    """Signs of a–b, a–third, b–third ("+/−/+"; "?" for a missing edge)."""
    balanced: bool | None
    """Balanced or not; None for an open triad."""
    note: str
    """What it means, in words."""


@dataclass(frozen=True)
class MoveView:
    """A third party whose relation with one side moved."""

    third: str
    """The third party."""
    side: str
    """The side it moved with."""
    direction: str
    """"warmer", "cooler" or "steady"."""
    shift: float
    """Absolute NCI change."""
    note: str
    """The move in words."""
    drivers: tuple[IncidentRef, ...]
    """Recent incidents that pushed it."""


@dataclass(frozen=True)
class NetworkView:
    """The signed network around the dyad."""

    available: bool
    """False when the analysis has no third-party report (no dated incident)."""
    summary: str
    """One line: the focal edge, its triads, balance and the top mover."""
    window: str
    """"2025-04-28 to 2025-10-28" ("" when unavailable)."""
    nodes: tuple[str, ...]
    """a, b, then every third party on an edge or among the movers, sorted."""
    edges: tuple[EdgeView, ...]
    """Edges touching a or b."""
    triads: tuple[TriadView, ...]
    """Closed triads around a–b."""
    open_triads: tuple[TriadView, ...]
    """Triads with one edge missing or contested."""
    moves: tuple[MoveView, ...]
    """Top movers, largest shift first."""
    triangle_index: float | None
    """Share of balanced triangles in the whole network."""
    walk_index: float | None
    """Walk balance index of the whole network."""


@dataclass(frozen=True)
class HypothesisView:
    """One hypothesis and its probability path."""

    id: str
    """Hypothesis id ("S1")."""
    title: str
    """Its title."""
    prior: float
    """Prior probability."""
    probability: float
    """Probability at the end of the run."""
    change: float
    """Change over the last period."""
    history: tuple[float, ...]
    """Probability after each period of the board, aligned with `ScenarioBoard.periods`."""


@dataclass(frozen=True)
class MovedBy:
    """One cause's share of a hypothesis' change in one period."""

    period: str
    """Period key."""
    hypothesis: str
    """Hypothesis id."""
    cause: str
    """Signpost id, or "(forgetting)"."""
    status: str
    """"fired", "absent", or "" for forgetting."""
    points: float
    """Share of the change (0.08 = +8 points)."""
    text: str
    """"+8.1 pts to S1: 'release_of_detainees' fired on 1 incident"."""
    incidents: tuple[IncidentRef, ...]
    """The incidents the signpost matched."""


@dataclass(frozen=True)
class ScenarioSetView:
    """One question and its competing hypotheses."""

    id: str
    """Set id."""
    title: str
    """The question."""
    hypotheses: tuple[HypothesisView, ...]
    """Its hypotheses, in file order."""
    moved: tuple[MovedBy, ...]
    """Gains of the latest periods that moved the set, newest period first, largest first."""


@dataclass(frozen=True)
class ScenarioBoard:
    """Competing hypotheses updated period by period, and what moved them."""

    available: bool
    """False when no scenario file was run."""
    name: str
    """Name of the scenario file."""
    roles: str
    """"A=AZE, B=RUS"."""
    periods: tuple[str, ...]
    """Periods run, oldest first."""
    sets: tuple[ScenarioSetView, ...]
    """The sets, in file order."""
    checklist: tuple[ChecklistRow, ...]
    """Signpost x period statuses."""
    diagnostic: tuple[str, ...]
    """The most diagnostic signposts, in words."""


@dataclass(frozen=True)
class TrackRow:
    """One backtest origin, or (outcome None) next month's forecast."""

    period: str
    """Target month."""
    p_crisis: float
    """Forecast probability of a crisis month."""
    climatology: float
    """Climatology baseline."""
    persistence: float
    """Persistence baseline."""
    crisis: bool | None
    """Whether it was a crisis month; None for the forecast ahead."""
    hostile: int | None
    """Hostile incidents observed; None for the forecast ahead."""
    low: int
    """Lower end of the forecast hostile range."""
    high: int
    """Upper end of the forecast hostile range."""


@dataclass(frozen=True)
class CalibrationRow:
    """One bin of the reliability table."""

    bin: str
    """"0.1–0.3"."""
    n: int
    """Forecasts in the bin."""
    mean_predicted: float | None
    """Their mean probability."""
    observed: float | None
    """Share that were crisis months."""


@dataclass(frozen=True)
class ForecastView:
    """Next month's crisis probability and hostile range, and the forecast's track record."""

    period: str
    """Month forecast ("" when there is no history)."""
    p_crisis: float | None
    """P(crisis month); None without history."""
    lines: tuple[str, ...]
    """The forecast and its baselines in words (as in the brief)."""
    track_lines: tuple[str, ...]
    """Brier scores and skill in words, or why there is no track record."""
    track: tuple[TrackRow, ...]
    """Backtest origins, then next month's forecast."""
    calibration: tuple[CalibrationRow, ...]
    """Reliability table of the backtest (empty without one)."""


@dataclass(frozen=True)
class DyadView:
    """Everything the report and the dashboard show about one dyad, as plain data."""

    a: str
    """Key of the first side."""
    b: str
    """Key of the second side."""
    names: tuple[str, str]
    """Display names of a and b."""
    as_of: str
    """ISO day the analysis speaks for ("" when none)."""
    since: str
    """First day of the view's window ("" for no bound)."""
    until: str
    """Last day of the view's window ("" for no bound; the end of the as-of month when not given)."""
    windowed: bool
    """True when the caller bounded the window (gave since or until)."""
    headline: str
    """"75 incidents from 132 reports, 2024-08 to 2025-10 (as of 2025-10-28)"."""
    left_out: str
    """Incidents not counted and why ("1 negated, 9 alleged" or "none")."""
    status: StatusCard
    """The status card."""
    timeline: tuple[IncidentRef, ...]
    """Counted, dated incidents in the window, oldest first (at most `TIMELINE_LIMIT`, the newest)."""
    timeline_total: int
    """Counted, dated incidents in the window before the limit."""
    index: IndexSeries
    """Monthly index series, regimes and alarm."""
    reciprocity: ReciprocityView
    """Reciprocity panel."""
    network: NetworkView
    """Third-party panel."""
    scenarios: ScenarioBoard
    """Scenario board."""
    forecast: ForecastView
    """Forecast panel."""
    events: tuple[IncidentRef, ...]
    """Incidents of every modality in the window, newest first (at most `EVENTS_LIMIT`)."""
    events_total: int
    """Incidents in the window before the limit."""
