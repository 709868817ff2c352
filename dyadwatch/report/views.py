"""A `DyadAnalysis` as a `DyadView`: the plain data every panel of the report and the dashboard shows.

`dyad_view` is the one place where analysis records become display data, so the HTML report, the
Markdown report and the web dashboard show the same numbers in the same words (the brief's wording,
from `dyadwatch.report.sections`). It is pure: sentences and links come from the two callables the
caller passes (`sentence_of`, `link_for`), so the view never reads a store.

Window. `since`/`until` bound what is *shown*, not what is analysed: the timeline, the events table
and the index series keep the incidents and months inside [since, until] (the analysis itself, with
its baselines and regimes, still sees the whole history). When the analysis has an as-of day the
window ends, at the latest, with the last day of the as-of month, so a report "as of July" does not
show October. Undated incidents appear in the events table only when no window was given.

Links. Every `href` passes `safe_href`: a site path ("/events/i12ab") or an http(s) URL survives;
anything else (``javascript:``, ``data:``, protocol-relative ``//host``, control characters) becomes
None, so no renderer can turn an article's URL into script.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date

from dyadwatch.analysis.dyad import DyadAnalysis
from dyadwatch.analysis.ladder import rung_of
from dyadwatch.analysis.panel import UNDATED
from dyadwatch.analysis.periods import period_end, period_of, period_start
from dyadwatch.ontology import load_ontology
from dyadwatch.report.brief import VERDICT_MARKS, SentenceOf
from dyadwatch.report.sections import STATUS_HEADER, status_notes, status_rows
from dyadwatch.report.text import actor_text, num, plural, trim
from dyadwatch.report.view_panels import forecast_view, network_view, reciprocity_view, scenario_board
from dyadwatch.report.view_records import (
    DyadView,
    IncidentRef,
    IndexSeries,
    Regime,
    StatusCard,
    StatusRow,
    TurningPoint,
)
from dyadwatch.types import MODALITIES, Incident

__all__ = ["EVENTS_LIMIT", "TIMELINE_LIMIT", "DyadView", "LinkFor", "dyad_view", "incident_refs", "safe_href"]

EVENTS_LIMIT = 200
"""The events table lists at most this many incidents, the newest."""
TIMELINE_LIMIT = 2000
"""The timeline plots at most this many incidents, the newest."""
SENTENCE_CHARS = 320
"""Sentences are trimmed to this many characters."""

LinkFor = Callable[[Incident], "str | None"]
"""Gives the href of an incident: "/events/<id>" on the web, the article URL in the offline report."""

_SAFE_HREF = re.compile(r"(?:https?://[^\s\\]+|/(?![/\\])[^\s\\]*)", re.IGNORECASE)


def safe_href(url: str | None) -> str | None:
    """`url` when it is an http(s) URL or a site path ("/events/x"); None for anything else."""
    if not isinstance(url, str) or any(ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    return url if _SAFE_HREF.fullmatch(url) else None


def dyad_view(
    analysis: DyadAnalysis,
    *,
    names: tuple[str, str],
    sentence_of: SentenceOf,
    link_for: LinkFor,
    since: date | None = None,
    until: date | None = None,
) -> DyadView:
    """Everything the panels show about `analysis`, with the timeline and events limited to [since, until]."""
    if since and until and since > until:
        raise ValueError(f"since: {since} comes after until {until}")
    ref = incident_refs(analysis.a, analysis.b, sentence_of=sentence_of, link_for=link_for)
    shown = _shown_until(analysis, until)
    timeline = [i for i in analysis.incidents if _counted(analysis, i) and _within(i.date, since, shown)]
    undated = since is None and until is None
    events = [i for i in analysis.incidents if (undated and i.date is None) or _within(i.date, since, shown)]
    events.sort(key=lambda i: (i.date is not None, i.date or date.min, i.id), reverse=True)
    return DyadView(
        a=analysis.a, b=analysis.b, names=tuple(names), as_of=analysis.as_of.isoformat() if analysis.as_of else "",
        since=since.isoformat() if since else "", until=shown.isoformat() if shown else "", windowed=not undated,
        headline=_headline(analysis), left_out=_left_out(analysis.monthly.excluded),
        status=_status_card(analysis, ref),
        timeline=tuple(ref(i) for i in timeline[-TIMELINE_LIMIT:]), timeline_total=len(timeline),
        index=_index_series(analysis, ref, since, shown),
        reciprocity=reciprocity_view(analysis.reciprocity),
        network=network_view(analysis.third_parties, ref),
        scenarios=scenario_board(analysis.scenarios, ref),
        forecast=forecast_view(analysis.forecast, analysis.backtest),
        events=tuple(ref(i) for i in events[:EVENTS_LIMIT]), events_total=len(events),
    )


def incident_refs(
    a: str, b: str, *, sentence_of: SentenceOf, link_for: LinkFor
) -> Callable[[Incident], IncidentRef]:
    """A function giving the `IncidentRef` of an incident of dyad (a, b) or of anyone (cached by id)."""
    cache: dict[str, IncidentRef] = {}
    codes = load_ontology().codes

    def ref(incident: Incident) -> IncidentRef:
        if incident.id not in cache:
            event = incident.event
            code = codes.get(event.cameo)
            direction = {(a, b): "a_to_b", (b, a): "b_to_a"}.get(incident.dyad, "other")
            cache[incident.id] = IncidentRef(
                id=incident.id, date=event.date.isoformat() if event.date else "", direction=direction,
                source=actor_text(event.source.actor), target=actor_text(event.target.actor),
                cameo=event.cameo, cameo_name=code.name if code else "", plover=event.plover or "",
                quad=event.quad, goldstein=float(event.goldstein), rung=rung_of(event.cameo),
                modality=event.modality, trigger=event.trigger.text, n_mentions=incident.n_mentions,
                outlets=tuple(incident.outlets), sentence=trim(sentence_of(incident) or "", SENTENCE_CHARS),
                href=safe_href(link_for(incident)),
            )
        return cache[incident.id]

    return ref


def _shown_until(analysis: DyadAnalysis, until: date | None) -> date | None:
    """The window's last day: `until`, but no later than the end of the as-of month."""
    if analysis.as_of is None:
        return until
    end = period_end(period_of(analysis.as_of))
    return min(until, end) if until else end


def _within(day: date | None, since: date | None, until: date | None) -> bool:
    """Whether `day` is a date inside [since, until] (open bounds when None)."""
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def _counted(analysis: DyadAnalysis, incident: Incident) -> bool:
    """Whether the analysis counts the incident (a dated one of a counted modality)."""
    return incident.date is not None and incident.event.modality in analysis.modalities


def _headline(analysis: DyadAnalysis) -> str:
    """Counted incidents and reports, the months covered and the as-of day."""
    counted = [i for month in analysis.monthly.a_to_b + analysis.monthly.b_to_a for i in month]
    text = f"{plural(len(counted), 'incident')} from {plural(sum(i.n_mentions for i in counted), 'report')}"
    periods = analysis.monthly.periods
    if periods:
        text += f", {periods[0]} to {periods[-1]}"
    return text + (f" (as of {analysis.as_of.isoformat()})" if analysis.as_of else "")


def _left_out(excluded: Mapping[str, int]) -> str:
    """E.g. "3 negated, 1 future, 2 undated" (modalities in their usual order); "none"."""
    order = {key: i for i, key in enumerate((*MODALITIES, UNDATED))}
    keys = sorted((k for k, n in excluded.items() if n), key=lambda k: (order.get(k, len(order)), k))
    return ", ".join(f"{excluded[k]} {k}" for k in keys) or "none"


def _status_card(analysis: DyadAnalysis, ref: Callable[[Incident], IncidentRef]) -> StatusCard:
    """The latest month: verdict, arrow, reason, drivers and the status table (as in the brief)."""
    if not analysis.status.periods or not analysis.verdicts:
        return StatusCard("", "", "", "no counted incidents", (), STATUS_HEADER, (), ())
    verdict = analysis.verdicts[-1]
    return StatusCard(
        month=analysis.status.periods[-1], verdict=verdict.verdict, arrow=VERDICT_MARKS.get(verdict.verdict, "?"),
        reason=verdict.reason, drivers=tuple(ref(i) for i in verdict.drivers), columns=STATUS_HEADER,
        rows=tuple(StatusRow(label, cells) for label, cells in status_rows(analysis)),
        notes=tuple(status_notes(analysis)),
    )


def _index_series(
    analysis: DyadAnalysis, ref: Callable[[Incident], IncidentRef], since: date | None, until: date | None
) -> IndexSeries:
    """Monthly NCI each way, regimes and the alarm, for the months that overlap the window."""
    status, changes = analysis.status, analysis.changes
    keep = [n for n, p in enumerate(status.periods)
            if (since is None or period_end(p) >= since) and (until is None or period_start(p) <= until)]
    months = [status.periods[n] for n in keep]
    first, last = (months[0], months[-1]) if months else ("", "")
    probability = dict(zip(changes.periods, changes.probabilities, strict=True))
    regimes = tuple(Regime(max(r.start, first), min(r.end, last), float(r.mean), r.level)
                    for r in changes.regimes if months and r.end >= first and r.start <= last)
    turning = tuple(TurningPoint(v.month, v.verdict, VERDICT_MARKS[v.verdict], v.reason,
                                 tuple(ref(i) for i in v.drivers))
                    for v in analysis.verdicts if v.verdict in ("deteriorated", "improved") and v.month in months)
    return IndexSeries(
        periods=tuple(months),
        nci_a_to_b=tuple(float(status.a_to_b[n].nci) for n in keep),
        nci_b_to_a=tuple(float(status.b_to_a[n].nci) for n in keep),
        nci_both=tuple(float(status.both[n].nci) for n in keep),
        incidents=tuple(status.both[n].n for n in keep), hostile=tuple(status.both[n].hostile for n in keep),
        verdicts=tuple(analysis.verdicts[n].verdict for n in keep),
        change_probability=tuple(_finite(probability.get(p)) for p in months),
        regimes=regimes, breakpoints=tuple(p for p in changes.breakpoints if p in months),
        lines=tuple(_change_lines(analysis)), turning_points=turning,
    )


def _change_lines(analysis: DyadAnalysis) -> list[str]:
    """The regimes and the online alarm in words (the brief's wording)."""
    changes = analysis.changes
    lines = [f"{r.start} to {r.end}: {num(r.mean)} hostile incidents a month ({r.level})" for r in changes.regimes]
    if changes.note:
        lines.append(changes.note)
    alarm = f"yes, from {changes.change_period}" if changes.recent_change else "no"
    lines.append(f"Something changed in the last 3 months (BOCPD P(run ≤ 2) > 0.5): {alarm}")
    return lines


def _finite(value: float | None) -> float | None:
    """A float, or None for None and non-finite values."""
    return float(value) if value is not None and math.isfinite(value) else None
