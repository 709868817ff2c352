"""Store -> every analysis of one dyad -> brief: names in, text out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from dyadwatch.actors import find_party, load_actor_dictionary
from dyadwatch.analysis import DyadAnalysis, DyadOptions, analyse_dyad
from dyadwatch.analysis.backtest import Backtest, backtest
from dyadwatch.analysis.forecast import Forecast, forecast_next
from dyadwatch.analysis.network import months_before
from dyadwatch.analysis.panel import dyad_periods
from dyadwatch.analysis.periods import period_end, period_of
from dyadwatch.analysis.scenario_file import ScenarioFile, load_scenarios, template_path
from dyadwatch.analysis.scenarios import ScenarioRun, run_scenarios
from dyadwatch.config import Settings
from dyadwatch.errors import ScenarioError
from dyadwatch.pipeline.incidents import load_incidents
from dyadwatch.report import build_brief
from dyadwatch.report.brief import SentenceOf
from dyadwatch.store import Store
from dyadwatch.types import Incident

DEFAULT_SCENARIOS = "interpretation-and-trajectory"
"""Bundled scenario template the brief runs when no file is given."""


@dataclass(frozen=True)
class DyadRequest:
    """Who and what to analyse, as typed by a user."""

    a: str
    """First side: code or name ("AZE", "Azerbaijan")."""
    b: str
    """Second side."""
    modalities: tuple[str, ...] = ("asserted",)
    """Modalities counted as having happened."""
    as_of: date | None = None
    """Day the analysis speaks for (default: the dyad's latest incident)."""
    since: date | None = None
    """Ignore incidents before this day."""
    scenario_file: str | None = None
    """Scenario YAML; None runs the bundled template."""


def resolve_dyad(a: str, b: str, *, settings: Settings) -> tuple[tuple[str, str], tuple[str, str]]:
    """((code a, code b), (name a, name b)) for two typed parties; ActorError if one does not resolve."""
    dictionary = load_actor_dictionary(settings.actors_file)
    (code_a, name_a), (code_b, name_b) = find_party(a, dictionary), find_party(b, dictionary)
    return (code_a, code_b), (name_a, name_b)


def load_scenario_file(path: str | None) -> ScenarioFile:
    """The scenario file at `path`, or the bundled template; ScenarioError if it is malformed."""
    return load_scenarios(Path(path) if path else template_path(DEFAULT_SCENARIOS))


def analyse_from_store(
    store: Store, request: DyadRequest, *, settings: Settings
) -> tuple[DyadAnalysis, tuple[str, str]]:
    """Read the dyad's incidents (and, for the third-party view, everyone's recent ones) and analyse."""
    (a, b), names = resolve_dyad(request.a, request.b, settings=settings)
    own = load_incidents(store, dyad=(a, b))
    as_of = request.as_of or max((i.date for i in own if i.date), default=None)
    options = DyadOptions(as_of=as_of, since=request.since, modalities=tuple(request.modalities))
    others: Sequence[Incident] = ()
    if as_of is not None:
        window = months_before(as_of, 2 * options.network_months)
        others = [i for i in load_incidents(store, since=window, until=as_of) if i.dyad not in ((a, b), (b, a))]
    spec = load_scenario_file(request.scenario_file)
    return analyse_dyad([*own, *others], a, b, scenarios=spec, options=options), names


def sentence_lookup(store: Store) -> SentenceOf:
    """A cached function giving the sentence of an incident's representative mention."""

    @lru_cache(maxsize=4096)
    def text(article_id: str, index: int) -> str:
        sentence = store.sentence(article_id, index)
        return sentence.text if sentence else ""

    return lambda incident: text(incident.event.article_id, incident.event.sentence_index)


def brief_for(
    store: Store,
    a: str,
    b: str,
    *,
    settings: Settings,
    modalities: Sequence[str] = ("asserted",),
    n_latest: int = 10,
    as_of: date | None = None,
    scenario_file: str | None = None,
) -> str:
    """The text brief for a dyad: names or codes in, brief out."""
    request = DyadRequest(a, b, tuple(modalities), as_of=as_of, scenario_file=scenario_file)
    analysis, names = analyse_from_store(store, request, settings=settings)
    return build_brief(analysis, names=names, sentence_of=sentence_lookup(store), n_latest=n_latest)


def run_scenario_file(
    store: Store,
    path: str | None,
    *,
    settings: Settings,
    dyad: tuple[str, str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> ScenarioRun:
    """Run a scenario file (or the bundled template) over the store's incidents.

    `dyad` (codes or names) binds roles A and B; without it the file's own `dyad:` is used.
    Incidents of every dyad are read, so signposts about third parties can match.
    """
    spec = load_scenario_file(path)
    pair = resolve_dyad(*dyad, settings=settings)[0] if dyad else spec.dyad
    if pair is None:
        raise ScenarioError(f"{spec.source}: give --dyad A-B (the file has no dyad: to bind roles A and B)")
    return run_scenarios(spec, load_incidents(store, until=until), dyad=pair, since=since, until=until)


def forecast_for(
    store: Store, a: str, b: str, *, settings: Settings, as_of: date | None = None, with_backtest: bool = False,
    modalities: Sequence[str] = ("asserted",),
) -> tuple[Forecast, Backtest | None, tuple[str, str]]:
    """Next month's forecast for the dyad as of `as_of` (default: its latest incident), with the
    rolling-origin backtest over its history when asked."""
    (code_a, code_b), names = resolve_dyad(a, b, settings=settings)
    own = load_incidents(store, dyad=(code_a, code_b), until=as_of)
    last = as_of or max((i.date for i in own if i.date), default=None)
    until = period_end(period_of(last)) if last else None
    panel = dyad_periods(own, code_a, code_b, grain="month", modalities=modalities, until=until)
    track = backtest(panel) if with_backtest else None
    return forecast_next(panel), track, names
