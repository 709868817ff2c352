"""Analysis results as plain data: JSON records and flat CSV rows, for the CLI and later the web.

`plain` turns any analysis record into JSON-ready data: dataclasses become dicts, dates ISO strings,
mappings dicts, tuples lists, non-finite floats None; an `Incident` becomes a short summary (with
the ids needed to trace it to its sentences) and an `Event` its id, so nothing is repeated at length.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from dyadwatch.analysis.backtest import Backtest
from dyadwatch.analysis.dyad import DyadAnalysis
from dyadwatch.analysis.forecast import Forecast
from dyadwatch.analysis.scenarios import ScenarioRun
from dyadwatch.analysis.status import DyadStatus
from dyadwatch.types import Event, Incident


def incident_record(incident: Incident) -> dict[str, Any]:
    """The fields an analyst needs to read an incident and find its sentence."""
    event = incident.event
    return {
        "id": incident.id, "date": event.date.isoformat() if event.date else None,
        "source": event.source.actor.code, "target": event.target.actor.code,
        "cameo": event.cameo, "plover": event.plover, "goldstein": event.goldstein, "quad": event.quad,
        "modality": event.modality, "trigger": event.trigger.text, "n_mentions": incident.n_mentions,
        "outlets": list(incident.outlets), "event_id": event.id, "article_id": event.article_id,
        "sentence_index": event.sentence_index, "mentions": list(incident.mentions),
    }


def plain(value: Any) -> Any:
    """JSON-ready data for any analysis record (see the module docstring)."""
    if isinstance(value, Incident):
        return incident_record(value)
    if isinstance(value, Event):
        return value.id
    if isinstance(value, ScenarioRun):
        return value.as_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [plain(v) for v in items]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return plain(value.item())
    return value


def analysis_record(analysis: DyadAnalysis) -> dict[str, Any]:
    """The whole analysis as one JSON object (incidents listed once, panels left out)."""
    return {
        "a": analysis.a, "b": analysis.b, "as_of": plain(analysis.as_of), "modalities": list(analysis.modalities),
        "status": plain(analysis.status), "weekly_status": plain(analysis.weekly_status),
        "verdicts": plain(analysis.verdicts), "changes": plain(analysis.changes),
        "reciprocity": plain(analysis.reciprocity), "third_parties": plain(analysis.third_parties),
        "scenarios": plain(analysis.scenarios), "forecast": plain(analysis.forecast),
        "backtest": plain(analysis.backtest), "incidents": [incident_record(i) for i in analysis.incidents],
        "excluded": dict(analysis.monthly.excluded),
    }


STATUS_COLUMNS = ("period", "direction", "n", "mentions", "vk", "mk", "vc", "mc", "goldstein_sum",
                  "goldstein_mean", "goldstein_shrunk", "nci", "rung", "hostile")
"""Columns of `status_rows`."""


def status_rows(status: DyadStatus) -> list[dict[str, Any]]:
    """One flat row per period and direction (a→b, b→a, both)."""
    rows = []
    for figures in (*status.a_to_b, *status.b_to_a, *status.both):
        row = plain(figures)
        row.update(zip(("vk", "mk", "vc", "mc"), row.pop("quad"), strict=True))
        rows.append({c: row[c] for c in STATUS_COLUMNS})
    return sorted(rows, key=lambda r: (r["period"], r["direction"]))


FORECAST_COLUMNS = ("period", "p_crisis", "climatology", "persistence", "zero", "crisis", "hostile",
                    "hostile_mean", "hostile_low", "hostile_high", "model")
"""Columns of `forecast_rows`."""


def forecast_rows(forecast: Forecast, track: Backtest | None) -> list[dict[str, Any]]:
    """The backtest's rows (outcome known) followed by the forecast for next month (outcome blank)."""
    rows = [_forecast_row(r.forecast, crisis=r.crisis, hostile=r.hostile) for r in (track.rows if track else ())]
    if forecast.period is not None:
        rows.append(_forecast_row(forecast, crisis=None, hostile=None))
    return rows


def _forecast_row(forecast: Forecast, *, crisis: bool | None, hostile: int | None) -> dict[str, Any]:
    """One row of `forecast_rows`."""
    base = forecast.baselines
    return {
        "period": forecast.period, "p_crisis": forecast.p_crisis, "climatology": base.climatology,
        "persistence": base.persistence, "zero": base.zero, "crisis": crisis, "hostile": hostile,
        "hostile_mean": forecast.hostile.mean, "hostile_low": forecast.hostile.interval[0],
        "hostile_high": forecast.hostile.interval[1], "model": forecast.model,
    }
