"""Tests for `dyadwatch.analysis.incidents`: one event reported N times counts once."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.analysis.incidents import cluster_events, incidents_from_assignments
from tests.analysis.factory import make_event

D = date(2025, 6, 30)


def test_same_code_same_dyad_close_dates_is_one_incident_with_its_outlets() -> None:
    events = [
        make_event("AZE", "RUS", D, "173", trigger="arrested", article_id="a1"),
        make_event("AZE", "RUS", date(2025, 7, 1), "173", trigger="detained", article_id="a2"),
        make_event("AZE", "RUS", date(2025, 7, 2), "173", trigger="held", article_id="a3"),
    ]
    (incident,) = cluster_events(events, outlets={"a1": "Caspian Ledger", "a2": "Volga Wire"})
    assert incident.n_mentions == 3
    assert incident.outlets == ("Caspian Ledger", "Volga Wire", "a3")
    assert incident.event.article_id == "a1"
    assert incident.date == D


def test_direction_modality_distance_and_code_family_split_incidents() -> None:
    events = [
        make_event("AZE", "RUS", D, "173"),
        make_event("RUS", "AZE", D, "173"),  # other direction
        make_event("AZE", "RUS", D, "173", modality="denied"),  # a denial is another claim
        make_event("AZE", "RUS", date(2025, 7, 9), "173"),  # nine days later
        make_event("AZE", "RUS", D, "042", trigger="visited"),  # unrelated code
    ]
    assert len(cluster_events(events)) == 5


def test_compatible_codes_need_agreeing_text() -> None:
    a = make_event("RUS", "AZE", D, "172", trigger="stormed", article_id="a1")
    b = make_event("RUS", "AZE", D, "173", trigger="detained", article_id="a2")
    assert len(cluster_events([a, b])) == 2
    sentences = {
        ("a1", 0): "Russian police stormed the Sputnik Azerbaijan office in Baku on Monday.",
        ("a2", 0): "Police detained staff at the Sputnik Azerbaijan office in Baku, Monday.",
    }
    assert len(cluster_events([a, b], sentences=sentences)) == 1


def test_daily_protests_do_not_chain_into_one_incident() -> None:
    events = [make_event("AZE", "RUS", date(2025, 6, day), "141", trigger="protested") for day in range(1, 15)]
    incidents = cluster_events(events)
    assert len(incidents) == 5  # windows of three days: 1-3, 4-6, 7-9, 10-12, 13-14
    assert sum(i.n_mentions for i in incidents) == 14


def test_undated_events_stand_alone_and_every_event_lands_once() -> None:
    events = [make_event("AZE", "RUS", None, "173"), make_event("AZE", "RUS", None, "173")]
    incidents = cluster_events(events)
    assert len(incidents) == 2
    assert sorted(m for i in incidents for m in i.mentions) == sorted(e.id for e in events)


def test_stored_assignments_rebuild_the_same_incidents() -> None:
    events = [make_event("AZE", "RUS", date(2025, 6, d), "173") for d in (1, 2, 20)]
    incidents = cluster_events(events)
    assignments = {m: i.id for i in incidents for m in i.mentions}
    assert incidents_from_assignments(events, assignments) == incidents


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_input_order_does_not_change_the_incidents(rng: random.Random) -> None:
    base = [
        make_event("AZE", "RUS", date(2025, 6, 1 + i % 9), ("173", "172", "111")[i % 3], trigger=f"t{i % 2}")
        for i in range(20)
    ]
    shuffled = list(base)
    rng.shuffle(shuffled)
    assert cluster_events(shuffled) == cluster_events(base)


def test_dyad_periods_lays_out_both_directions_and_excludes_with_reasons() -> None:
    from dyadwatch.analysis.panel import dyad_periods
    from tests.analysis.factory import make_incident

    incidents = [
        make_incident("AZE", "RUS", date(2025, 1, 5), "111"),
        make_incident("RUS", "AZE", date(2025, 3, 5), "042"),
        make_incident("RUS", "AZE", date(2025, 3, 6), "173", modality="denied"),
        make_incident("RUS", "AZE", None, "173"),
        make_incident("RUS", "GEO", date(2025, 3, 6), "173"),
    ]
    panel = dyad_periods(incidents, "AZE", "RUS")
    assert panel.periods == ("2025-01", "2025-02", "2025-03")
    assert [len(x) for x in panel.a_to_b] == [1, 0, 0]
    assert [len(x) for x in panel.b_to_a] == [0, 0, 1]
    assert dict(panel.excluded) == {"denied": 1, "undated": 1}
    weekly = dyad_periods(incidents, "AZE", "RUS", grain="week", until=date(2025, 3, 31))
    assert weekly.periods[0] == "2025-W01" and weekly.periods[-1] == "2025-W14"


def test_the_representative_is_the_most_precisely_dated_mention() -> None:
    vague = make_event("AZE", "RUS", date(2025, 6, 1), "173", date_precision="month", article_id="a1")
    exact = make_event("AZE", "RUS", date(2025, 6, 30), "173", article_id="a2")
    (incident,) = cluster_events([vague, exact])
    assert incident.event is exact and incident.date == date(2025, 6, 30)
    assert incident.n_mentions == 2


def test_imported_rows_cluster_only_on_identical_codes() -> None:
    from dataclasses import replace

    a = replace(make_event("AZE", "RUS", D, "114", article_id="a1"), versions="import=icews")
    b = replace(make_event("AZE", "RUS", D, "111", article_id="a2"), versions="import=icews")
    c = replace(make_event("AZE", "RUS", D, "114", article_id="a3"), versions="import=icews")
    text = {("a1", 0): "Azerbaijan (GOV) → Russia (GOV): complain", ("a2", 0): "Azerbaijan (GOV) → Russia: criticise"}
    d = replace(make_event("AZE", "RUS", date(2025, 7, 1), "114", article_id="a4"), versions="import=icews")
    incidents = cluster_events([a, b, c, d], sentences=text)
    assert sorted(i.n_mentions for i in incidents) == [1, 1, 2]  # a+c; b (other code); d (next day)
