"""Tests for `dyadwatch.analysis.network`: edges, balance indices, triads, third-party moves, report."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import expm

from dyadwatch.analysis.incidents import cluster_events
from dyadwatch.analysis.network import (
    Edge,
    months_before,
    net_cooperation,
    open_triads_for,
    signed_network,
    third_party_moves,
    third_party_report,
    triads_for,
    walk_index,
)
from dyadwatch.types import Actor, Mention
from tests.analysis.factory import make_event, make_incident

UNTIL = date(2025, 8, 31)
RECENT = date(2025, 6, 10)
"""A day inside the recent six-month window (2025-02-28, 2025-08-31]."""
EARLIER = date(2024, 12, 10)
"""A day inside the window before it (2024-08-31, 2025-02-28]."""
FRIENDLY, HOSTILE = "057", "111"
"""Sign formal agreement (quad 1) and criticize (quad 3): three of either give NCI +-0.6."""

WORKED_SIGNS = {
    ("AZE", "RUS"): -1, ("AZE", "ISR"): 1, ("ISR", "IRN"): -1,
    ("RUS", "IRN"): 1, ("AZE", "IRN"): -1, ("RUS", "ISR"): 1,
}
"""The assumed signs of analysis-methods.md §5.4."""


def relation(x: str, y: str, sign: int, *, day: date = RECENT, n: int = 3) -> list:
    """`n` incidents giving the pair the sign asked for, alternating direction."""
    cameo = FRIENDLY if sign > 0 else HOSTILE
    return [make_incident(*((x, y) if i % 2 == 0 else (y, x)), day, cameo) for i in range(n)]


def network_of(signs: dict[tuple[str, str], int], **kwargs):
    incidents = [i for (x, y), s in signs.items() for i in relation(x, y, s)]
    return signed_network(incidents, until=UNTIL, **kwargs)


def by_series(matrix: np.ndarray, terms: int = 40) -> float:
    """tr e^M from its power series, independent of expm and eigenvalues."""
    total, power = 0.0, np.eye(len(matrix))
    for k in range(terms):
        total += np.trace(power) / math.factorial(k)
        power = power @ matrix
    return total


def adjacency(signs: dict[tuple[str, str], int]) -> np.ndarray:
    nodes = sorted({x for pair in signs for x in pair})
    matrix = np.zeros((len(nodes), len(nodes)))
    for (x, y), s in signs.items():
        matrix[nodes.index(x), nodes.index(y)] = matrix[nodes.index(y), nodes.index(x)] = s
    return matrix


# --- the worked example of §5.4 ---------------------------------------------------------------


def test_worked_example_triads_of_the_focal_dyad() -> None:
    network = network_of(WORKED_SIGNS)
    triads = {t.third: t for t in triads_for(network, "AZE", "RUS")}
    assert set(triads) == {"IRN", "ISR"}
    isr, irn = triads["ISR"], triads["IRN"]
    assert (isr.sign_ab, isr.sign_ac, isr.sign_bc, isr.balanced) == (-1, 1, 1, False)
    assert "AZE–RUS to normalise" in isr.note and "RUS–ISR to cool" in isr.note
    assert isr.note.startswith("unbalanced")
    assert (irn.sign_ab, irn.sign_ac, irn.sign_bc, irn.balanced) == (-1, -1, 1, True)
    assert irn.note == "balanced: IRN sides with RUS against AZE"
    (aze_isr_irn,) = [t for t in triads_for(network, "AZE", "ISR") if t.third == "IRN"]
    assert aze_isr_irn.balanced is True


def test_worked_example_balance_indices() -> None:
    # The design note quotes triangle 0.75 and walk 0.49 for these signs. Neither is reachable: in a
    # complete four-node graph every edge lies in two triangles, so the product of the four triangle
    # signs is +1 and an even number of them is unbalanced -- here AZE-RUS-ISR *and* RUS-ISR-IRN
    # (Russia friendly with two enemies). Triangle index 2/4; walk index tr e^A / tr e^|A| = 0.592.
    network = network_of(WORKED_SIGNS)
    assert (network.triangles, network.balanced, network.triangle_index) == (4, 2, 0.5)
    matrix = adjacency(WORKED_SIGNS)
    expected = by_series(matrix) / by_series(np.abs(matrix))
    assert network.walk_index == pytest.approx(expected, rel=1e-9)
    assert network.walk_index == pytest.approx(0.5923, abs=1e-4)
    assert network.walk_index == pytest.approx(np.trace(expm(matrix)) / np.trace(expm(np.abs(matrix))), rel=1e-9)


def test_two_camps_are_perfectly_balanced() -> None:
    camps = (("ARM", "FRA", "IND"), ("AZE", "PAK", "TUR"))
    signs = {}
    for x, y in itertools.combinations(sorted(camps[0] + camps[1]), 2):
        signs[(x, y)] = 1 if (x in camps[0]) == (y in camps[0]) else -1
    network = network_of(signs)
    assert network.triangles == 20
    assert network.triangle_index == 1.0
    assert network.walk_index == pytest.approx(1.0, abs=1e-12)
    assert all(t.balanced for t in triads_for(network, "ARM", "AZE"))


def test_breaking_one_camp_edge_lowers_both_indices() -> None:
    camps = (("ARM", "FRA", "IND"), ("AZE", "PAK", "TUR"))
    signs = {
        (x, y): 1 if (x in camps[0]) == (y in camps[0]) else -1
        for x, y in itertools.combinations(sorted(camps[0] + camps[1]), 2)
    }
    signs[("AZE", "PAK")] = -1
    network = network_of(signs)
    assert network.triangle_index == pytest.approx(16 / 20)
    assert network.walk_index < 0.99
    pressure = [t.third for t in triads_for(network, "AZE", "PAK") if not t.balanced]
    assert pressure == ["ARM", "FRA", "IND", "TUR"]


def test_walk_index_matches_expm_on_a_mixed_network() -> None:
    rng = random.Random(7)
    nodes = [f"S{i:02d}" for i in range(9)]
    signs = {pair: rng.choice((-1, 1)) for pair in itertools.combinations(nodes, 2) if rng.random() < 0.6}
    edges = [Edge(x, y, 3, (3, 0, 0, 0), 0.6 * s, s, ()) for (x, y), s in signs.items()]
    matrix = adjacency(signs)
    assert walk_index(edges) == pytest.approx(np.trace(expm(matrix)) / np.trace(expm(np.abs(matrix))), rel=1e-9)


def test_walk_index_does_not_overflow_on_a_dense_network() -> None:
    nodes = [f"N{i:03d}" for i in range(760)]  # largest eigenvalue 759: e^759 overflows a float
    edges = [Edge(x, y, 3, (3, 0, 0, 0), 0.6, 1, ()) for x, y in itertools.combinations(nodes, 2)]
    assert walk_index(edges) == pytest.approx(1.0)
    assert walk_index([]) is None


# --- edge rules --------------------------------------------------------------------------------


def test_net_cooperation_formula() -> None:
    assert net_cooperation((1, 0, 0, 0)) == pytest.approx(1 / 3)
    assert net_cooperation((0, 1, 0, 0)) == pytest.approx(2 / 4)  # material counts double
    assert net_cooperation((0, 0, 0, 1)) == pytest.approx(-2 / 4)
    assert net_cooperation((2, 1, 1, 2)) == pytest.approx(-1 / 11)
    assert net_cooperation((0, 0, 0, 0)) == 0.0


def test_edge_pools_both_directions_and_sorts_its_ends() -> None:
    incidents = [
        make_incident("GEO", "ARM", RECENT, "040"),
        make_incident("ARM", "GEO", RECENT, "061"),
        make_incident("GEO", "ARM", RECENT, "173"),
        make_incident("ARM", "GEO", RECENT, "062"),
    ]
    network = signed_network(incidents, until=UNTIL)
    (edge,) = network.edges
    assert (edge.a, edge.b, edge.n, edge.quad) == ("ARM", "GEO", 4, (1, 2, 0, 1))
    assert edge.nci == pytest.approx((3 - 1 + 1) / (4 + 3 + 2))
    assert (edge.sign, edge.kind) == (1, "friendly")
    assert set(edge.incidents) == {i.id for i in incidents}
    assert network.edge("GEO", "ARM") is edge and network.ego("GEO") == (edge,)


def test_pairs_below_n_min_are_no_edge() -> None:
    incidents = relation("ARM", "GEO", 1, n=2) + relation("AZE", "TUR", 1, n=3)
    network = signed_network(incidents, until=UNTIL)
    assert [(e.a, e.b) for e in network.edges] == [("AZE", "TUR")]
    assert network.thin == 1
    assert network.nodes == ("ARM", "AZE", "GEO", "TUR")
    assert len(signed_network(incidents, until=UNTIL, n_min=2).edges) == 2


def test_threshold_boundary_and_contested_edges() -> None:
    def pair(cooperative: int, hostile: int) -> Edge:
        incidents = [make_incident("ISR", "RUS", RECENT, "040") for _ in range(cooperative)]
        incidents += [make_incident("RUS", "ISR", RECENT, "111") for _ in range(hostile)]
        (edge,) = signed_network(incidents, until=UNTIL).edges
        return edge

    assert pair(22, 16).nci == 0.15 and pair(22, 16).sign == 1  # 6 / 40: exactly on the threshold
    assert pair(16, 22).nci == -0.15 and pair(16, 22).sign == -1
    contested = pair(21, 16)  # 5 / 39
    assert (contested.sign, contested.kind) == (0, "contested")
    incidents = [make_incident("ISR", "RUS", RECENT, "040") for _ in range(21)]
    incidents += [make_incident("RUS", "ISR", RECENT, "111") for _ in range(16)]
    assert signed_network(incidents, until=UNTIL, threshold=0.1).edges[0].sign == 1


def test_contested_edges_close_no_triangle_and_leave_open_triads() -> None:
    incidents = relation("AZE", "ISR", 1) + relation("RUS", "ISR", 1)
    incidents += [make_incident("AZE", "RUS", RECENT, "040"), make_incident("RUS", "AZE", RECENT, "111")]
    incidents += [make_incident("AZE", "RUS", RECENT, "040")]  # NCI (2 - 1) / (3 + 2) = 0.2 < 0.25
    network = signed_network(incidents, until=UNTIL, threshold=0.25)
    assert network.edge("AZE", "RUS").sign == 0
    assert (network.triangles, network.triangle_index) == (0, None)
    assert triads_for(network, "AZE", "RUS") == ()
    (open_triad,) = open_triads_for(network, "AZE", "RUS")
    assert (open_triad.third, open_triad.sign_ab, open_triad.implied, open_triad.balanced) == ("ISR", 0, 1, None)
    assert open_triad.note == "open: AZE–RUS is contested; balance expects it friendly"
    assert network.walk_index == pytest.approx(1.0)  # a signed path, no cycle: nothing unbalanced


def test_walk_index_ignores_actors_without_a_signed_edge() -> None:
    triangle = {("AZE", "ISR"): 1, ("AZE", "RUS"): -1, ("ISR", "RUS"): 1}
    incidents = [i for (x, y), s in triangle.items() for i in relation(x, y, s)]
    alone = signed_network(incidents, until=UNTIL)
    incidents += [make_incident("GEO", "RUS", RECENT, "040") for _ in range(3)]
    incidents += [make_incident("RUS", "GEO", RECENT, "111") for _ in range(3)]  # contested GEO-RUS
    incidents += relation("ARM", "FRA", 1, n=2)  # thin: no edge
    padded = signed_network(incidents, until=UNTIL)
    assert padded.edge("GEO", "RUS").sign == 0 and "ARM" in padded.nodes
    assert alone.walk_index == pytest.approx(by_series(adjacency(triangle)) / by_series(np.abs(adjacency(triangle))))
    assert padded.walk_index == alone.walk_index


def test_open_triad_with_a_missing_edge() -> None:
    network = network_of({("AZE", "RUS"): -1, ("AZE", "TUR"): 1})
    (open_triad,) = open_triads_for(network, "AZE", "RUS")
    assert (open_triad.third, open_triad.sign_bc, open_triad.implied) == ("TUR", None, -1)
    assert open_triad.note == "open: RUS–TUR has no edge; balance expects it hostile"


# --- window, modalities, actors ----------------------------------------------------------------


def test_months_before_clamps_to_month_end() -> None:
    assert months_before(date(2025, 8, 31), 6) == date(2025, 2, 28)
    assert months_before(date(2024, 8, 31), 6) == date(2024, 2, 29)
    assert months_before(date(2025, 1, 15), 1) == date(2024, 12, 15)
    assert months_before(date(2025, 8, 31), 12) == date(2024, 8, 31)


@pytest.mark.parametrize(
    ("day", "counted"),
    [(date(2025, 2, 28), False), (date(2025, 3, 1), True), (date(2025, 8, 31), True), (date(2025, 9, 1), False)],
)
def test_window_is_open_at_the_start_and_closed_at_the_end(day: date, counted: bool) -> None:
    incidents = relation("AZE", "TUR", 1, n=2) + [make_incident("AZE", "TUR", day, FRIENDLY)]
    network = signed_network(incidents, until=UNTIL)
    assert network.since == date(2025, 2, 28)
    assert bool(network.edges) is counted


def test_modalities_undated_and_self_loops_are_left_out_and_counted() -> None:
    incidents = relation("AZE", "TUR", 1, n=2)
    incidents += [make_incident("AZE", "TUR", RECENT, FRIENDLY, modality="alleged") for _ in range(2)]
    incidents += [make_incident("AZE", "TUR", None, FRIENDLY), make_incident("RUS", "RUS", RECENT, "173")]
    incidents += [make_incident("AZE", "TUR", EARLIER, FRIENDLY, modality="alleged")]  # outside: not tallied
    unknown = make_event("AZE", "TUR", RECENT, FRIENDLY)
    incidents += cluster_events([replace(unknown, target=Mention("them", 10, 14, Actor(country=None)))])
    network = signed_network(incidents, until=UNTIL)
    assert network.edges == () and network.thin == 1
    assert dict(network.excluded) == {"alleged": 2, "no-actor": 1, "self-loop": 1, "undated": 1}
    assert "RUS" not in network.nodes
    wider = signed_network(incidents, until=UNTIL, modalities=("asserted", "alleged"))
    assert wider.edges[0].n == 4


def test_igos_are_left_out_unless_asked_for() -> None:
    incidents = relation("AZE", "RUS", -1) + relation("IGOUNO", "RUS", -1) + relation("IGOUNO", "AZE", 1)
    incidents += relation("IMG", "AZE", -1)
    states = signed_network(incidents, until=UNTIL)
    assert states.nodes == ("AZE", "RUS")
    assert states.excluded["igo"] == 9
    everyone = signed_network(incidents, until=UNTIL, include_igos=True)
    assert everyone.nodes == ("AZE", "IGOUNO", "IMG", "RUS")
    (triad,) = triads_for(everyone, "AZE", "RUS")
    assert (triad.third, triad.balanced) == ("IGOUNO", True)
    assert [m.third for m in third_party_moves(incidents, "AZE", "RUS", until=UNTIL)] == []
    with pytest.raises(ValueError, match="include_igos"):
        third_party_report(incidents, "AZE", "IGOUNO", until=UNTIL)
    report = third_party_report(incidents, "AZE", "IGOUNO", until=UNTIL, include_igos=True)
    assert report.edge is not None and report.edge.sign == 1


# --- third-party moves -------------------------------------------------------------------------


def movers() -> list:
    incidents = relation("AZE", "RUS", -1)  # the focal dyad itself: never a third party
    incidents += [make_incident("TUR", "AZE", RECENT, "062") for _ in range(3)]  # new friend of AZE
    incidents += relation("IRN", "RUS", 1, day=EARLIER)  # IRN and RUS fall out
    incidents += [
        make_incident("RUS", "IRN", RECENT, "138"),
        make_incident("IRN", "RUS", RECENT, "111"),
        make_incident("RUS", "IRN", RECENT, "173"),
        make_incident("IRN", "RUS", RECENT, "160"),
        make_incident("IRN", "RUS", RECENT, "040"),
    ]
    incidents += [make_incident("GEO", "AZE", EARLIER, "040"), make_incident("AZE", "GEO", RECENT, "040")]
    incidents += [make_incident("KAZ", "AZE", date(2024, 8, 31), "190")]  # just before the earlier window
    return incidents


def test_third_parties_are_ranked_by_their_largest_shift() -> None:
    moves = third_party_moves(movers(), "AZE", "RUS", until=UNTIL)
    assert [m.third for m in moves] == ["IRN", "TUR", "GEO"]
    irn, tur, geo = moves
    assert (irn.side, irn.direction, irn.n_b_before, irn.n_b_now, irn.n_a_now) == ("RUS", "cooler", 3, 5, 0)
    assert irn.nci_b_before == pytest.approx(0.6)
    assert irn.nci_b_now == pytest.approx(net_cooperation((1, 0, 2, 2)))
    assert irn.shift == pytest.approx(0.6 - net_cooperation((1, 0, 2, 2)))
    assert [d.event.cameo for d in irn.drivers] == ["138", "173", "160"]
    assert len(irn.incidents) == 8
    assert (tur.side, tur.direction, tur.nci_a_before, tur.n_a_before) == ("AZE", "warmer", 0.0, 0)
    assert tur.shift == pytest.approx(0.75)
    assert tur.note == "TUR warmer with AZE: NCI +0.00 -> +0.75 (n 0 -> 3)"
    assert (geo.shift, geo.direction, geo.drivers) == (0.0, "steady", ())


def test_report_bundles_ego_edges_triads_and_top_moves() -> None:
    incidents = [i for (x, y), s in WORKED_SIGNS.items() for i in relation(x, y, s)]
    incidents += relation("ISR", "AZE", -1, day=EARLIER) + relation("ISR", "IRN", -1, day=EARLIER)
    report = third_party_report(incidents, "AZE", "RUS", until=UNTIL, top=1)
    assert report.edge is not None and report.edge.sign == -1
    assert {(e.a, e.b) for e in report.ego_edges} == {
        ("AZE", "RUS"), ("AZE", "ISR"), ("AZE", "IRN"), ("IRN", "RUS"), ("ISR", "RUS")
    }
    assert [t.third for t in report.pressure_points] == ["ISR"]
    assert [t.third for t in report.triads] == ["IRN", "ISR"]
    assert [m.third for m in report.moves] == ["ISR"]
    assert report.moves[0].shift == pytest.approx(1.2)
    assert report.triangle_index == 0.5
    assert report.summary == (
        "AZE–RUS hostile (NCI -0.60, n=3) in (2025-02-28, 2025-08-31]; "
        "1 of 2 triads unbalanced (pressure points: ISR); network balance: triangle 0.50, walk 0.59; "
        "most moved: ISR (warmer with AZE, 1.20)"
    )


def test_report_of_a_thin_dyad() -> None:
    report = third_party_report(relation("AZE", "TUR", 1), "AZE", "RUS", until=UNTIL)
    assert report.edge is None and report.triads == () and report.open_triads == ()
    assert report.summary.startswith("AZE–RUS too thin for an edge") and "no closed triads" in report.summary


# --- order and arguments -----------------------------------------------------------------------


ORDERED = [i for (x, y), s in WORKED_SIGNS.items() for i in relation(x, y, s)] + movers()


@settings(max_examples=15, deadline=None)
@given(st.permutations(ORDERED))
def test_results_do_not_depend_on_input_order(shuffled: list) -> None:
    assert signed_network(shuffled, until=UNTIL) == signed_network(ORDERED, until=UNTIL)
    expected = third_party_report(ORDERED, "AZE", "RUS", until=UNTIL)
    assert third_party_report(shuffled, "AZE", "RUS", until=UNTIL) == expected


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"months": 0}, "months"),
        ({"n_min": 0}, "n_min"),
        ({"threshold": 1.5}, "threshold"),
        ({"modalities": "asserted"}, "modalities"),
        ({"modalities": ("rumoured",)}, "modalities"),
        ({"until": "2025-08-31"}, "until"),
    ],
)
def test_bad_network_arguments_raise(kwargs: dict, argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        signed_network([], **{"until": UNTIL, **kwargs})


def test_bad_dyad_arguments_raise() -> None:
    network = signed_network([], until=UNTIL)
    with pytest.raises(ValueError, match="two different"):
        triads_for(network, "AZE", "AZE")
    with pytest.raises(ValueError, match="two different"):
        third_party_moves([], "RUS", "RUS", until=UNTIL)
    with pytest.raises(ValueError, match="top"):
        third_party_report([], "AZE", "RUS", until=UNTIL, top=-1)


def test_a_thin_move_ranks_below_a_well_reported_one() -> None:
    from dyadwatch.analysis.network import third_party_moves
    from tests.analysis.factory import make_incident as inc

    until = date(2025, 12, 31)
    thin = [inc("LUX", "RUS", date(2025, 3, 2), "111"), inc("LUX", "RUS", date(2025, 3, 3), "111"),
            inc("LUX", "RUS", date(2025, 9, 2), "042"), inc("RUS", "LUX", date(2025, 9, 3), "043")]
    busy = [inc("CAN", "RUS", date(2025, 3, d), "111") for d in range(1, 9)]
    busy += [inc("CAN", "RUS", date(2025, 9, d), c) for d, c in ((1, "040"), (2, "057"), (3, "111"), (4, "112"))]
    moves = third_party_moves(thin + busy, "AZE", "RUS", until=until)
    by_name = {m.third: m for m in moves}
    assert by_name["LUX"].shift > by_name["CAN"].shift  # the thin move is larger ...
    assert [m.third for m in moves] == ["CAN", "LUX"]  # ... but rests on 4 incidents, so it ranks lower
