"""Third parties: a signed network of relations, structural balance around a dyad, and who moved.

Edges (analysis-methods.md §5.3). The incidents of both directions x -> y and y -> x dated in the
window (until - months, until] are pooled for every unordered pair {x, y}, their quad classes
counted (VK = 1, MK = 2, VC = 3, MC = 4) and scored with the net cooperation index of §1.2::

    NCI = ((VK + MK) - (VC + MC) + w * (MK - MC)) / (n + w * (MK + MC) + k),   w = 1, k = 2

A pair with n >= n_min is an edge: sign +1 when NCI >= threshold, -1 when NCI <= -threshold, and 0
("contested": plenty of contact, no clear direction, like RUS-ISR) in between. Thinner pairs are
no edge at all. Only incidents whose modality is in `modalities` count; self-loops (RUS -> RUS) never.
By default only states are nodes: actors with an IGO code (Actor.igo set, or a key starting with
"IGO" or "IMG") are left out unless `include_igos=True`.

Balance (§5.1). A triangle of three signed (non-contested) edges is balanced when the product of
its signs is positive (Heider; Cartwright & Harary); the *triangle index* is the share of balanced
triangles. The *walk index* is tr e^A / tr e^|A| = sum exp(eig(A)) / sum exp(eig(|A|)) (Estrada
2019; signnet's "walk"), A the +-1 adjacency matrix of the signed edges over the actors that have
one: closed walks of every length, short ones weighing most. Both are 1.0 exactly when the actors
split into two camps, friends inside, enemies across. Eigenvalues and a log-sum-exp give the same
number as the traces of scipy.linalg.expm without overflow on dense networks.

The focal dyad (§5.4). Every third party C with signed edges to both a and b, when a-b is signed,
closes a triad; unbalanced triads are *pressure points*: balance expects one of their edges to flip.
Triads with exactly one edge missing or contested are "open": balance implies that edge's sign.

Third-party moves. For each third party C with counted incidents with a or b, the pooled NCI of
C-a and C-b in the recent window (until - months, until] is compared with the window before it
(until - 2 * months, until - months]; the largest absolute change ranks the mover. An empty window
has NCI 0 (k shrinks it), so a relation that appears or vanishes counts as a move. Everything is a
pure function of its input; results do not depend on the order of the incidents.
"""

from __future__ import annotations

import calendar
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType

import numpy as np
from scipy.special import logsumexp

from dyadwatch.analysis.status import net_cooperation
from dyadwatch.types import MODALITIES, Actor, Incident

TRANSNATIONAL_PREFIXES = ("IGO", "IMG")
"""Key prefixes of actors that belong to no state (as in dyadwatch.actors): IGOs and militant groups."""
MOVE_EVIDENCE = 10
"""A third party's move ranks at full weight from this many incidents with the side that moved."""
MAX_DRIVERS = 3
"""How many driver incidents a third-party move names at most."""
UNDATED, SELF_LOOP, IGO, NO_ACTOR = "undated", "self-loop", "igo", "no-actor"
"""Keys of `SignedNetwork.excluded` besides modalities."""


@dataclass(frozen=True)
class Edge:
    """The relation of two actors over the window, both directions pooled (undirected)."""

    a: str
    """The alphabetically first actor key."""
    b: str
    """The other actor key."""
    n: int
    """Counted incidents between them, both directions."""
    quad: tuple[int, int, int, int]
    """Incident counts for quad classes 1, 2, 3 and 4 (VK, MK, VC, MC)."""
    nci: float
    """Net cooperation index of the pooled incidents, in [-1, 1]."""
    sign: int
    """+1 friendly, -1 hostile, 0 contested (n >= n_min but |nci| < threshold)."""
    incidents: tuple[str, ...]
    """Ids of the counted incidents, in date order (ties on id), to trace the edge to sentences."""

    @property
    def kind(self) -> str:
        """"friendly", "hostile" or "contested"."""
        return {1: "friendly", -1: "hostile", 0: "contested"}[self.sign]


@dataclass(frozen=True)
class SignedNetwork:
    """Signed, undirected network of the relations seen in one window, with its balance."""

    since: date
    """Exclusive start of the window: `until` minus `months` calendar months."""
    until: date
    """Inclusive end of the window."""
    n_min: int
    """Fewest incidents a pair needs to be an edge."""
    threshold: float
    """Smallest |NCI| of a signed edge; below it the edge is contested."""
    nodes: tuple[str, ...]
    """Every actor with at least one counted incident in the window, sorted."""
    edges: tuple[Edge, ...]
    """Signed and contested edges, sorted by (a, b)."""
    thin: int
    """Pairs with counted incidents but fewer than `n_min`: no edge."""
    triangles: int
    """Triangles of three signed edges."""
    balanced: int
    """How many of them are balanced."""
    triangle_index: float | None
    """balanced / triangles; None without triangles."""
    walk_index: float | None
    """tr e^A / tr e^|A| over the signed edges; None without signed edges."""
    excluded: Mapping[str, int]
    """Incidents dated in the window (or undated) left out: modality -> count, "undated",
    "self-loop", "igo" (when IGOs are not nodes) and "no-actor" (an empty actor key)."""

    def edge(self, x: str, y: str) -> Edge | None:
        """The edge between `x` and `y` (either order), or None."""
        key = _pair(x, y)
        return next((e for e in self.edges if (e.a, e.b) == key), None)

    def ego(self, x: str) -> tuple[Edge, ...]:
        """Every edge touching `x`, sorted."""
        return tuple(e for e in self.edges if x in (e.a, e.b))


@dataclass(frozen=True)
class Triad:
    """A triangle a-b-C around the focal dyad: closed (three signed edges) or open (one missing)."""

    a: str
    """First focal actor, as asked."""
    b: str
    """Second focal actor, as asked."""
    third: str
    """The third party C."""
    sign_ab: int | None
    """Sign of a-b: +1 or -1; in an open triad also 0 (contested) or None (no edge)."""
    sign_ac: int | None
    """Sign of a-C, same convention."""
    sign_bc: int | None
    """Sign of b-C, same convention."""
    balanced: bool | None
    """True when the product of the three signs is positive, False for a pressure point, None when open."""
    note: str
    """One line for an analyst, e.g. "unbalanced: expect AZE–RUS to normalise, ... or RUS–ISR to cool"
    or "open: AZE–IRN has no edge; balance expects it hostile"."""

    @property
    def implied(self) -> int | None:
        """For an open triad, the sign balance expects of its missing edge (product of the other two)."""
        signs = [s for s in (self.sign_ab, self.sign_ac, self.sign_bc) if s]
        return math.prod(signs) if len(signs) == 2 else None


@dataclass(frozen=True)
class ThirdPartyMove:
    """How a third party's relations with each side changed from the earlier window to the recent one."""

    third: str
    """The third party C."""
    nci_a_now: float
    """NCI of C-a in the recent window."""
    nci_a_before: float
    """NCI of C-a in the window before."""
    n_a_now: int
    """Counted incidents C-a in the recent window."""
    n_a_before: int
    """Counted incidents C-a in the window before."""
    nci_b_now: float
    """NCI of C-b in the recent window."""
    nci_b_before: float
    """NCI of C-b in the window before."""
    n_b_now: int
    """Counted incidents C-b in the recent window."""
    n_b_before: int
    """Counted incidents C-b in the window before."""
    shift: float
    """The larger of |nci_a_now - nci_a_before| and |nci_b_now - nci_b_before|."""
    side: str
    """The focal actor whose relation with C moved most (a on ties)."""
    direction: str
    """"warmer", "cooler" or "steady": how C's relation with `side` moved."""
    incidents: tuple[str, ...]
    """Ids of every counted incident between C and a or b in both windows, in date order."""
    drivers: tuple[Incident, ...]
    """Up to three recent incidents with `side` that pushed the move: the most cooperative when
    warmer, the most hostile (by Goldstein) when cooler; empty when steady."""
    note: str
    """One line, e.g. "ISR warmer with AZE: NCI +0.00 -> +0.71 (n 0 -> 5)"."""


@dataclass(frozen=True)
class ThirdPartyReport:
    """The third-party picture of one dyad: its ego network, triads, balance and the movers."""

    a: str
    """First focal actor."""
    b: str
    """Second focal actor."""
    since: date
    """Exclusive start of the recent window."""
    until: date
    """Inclusive end of the recent window."""
    edge: Edge | None
    """The a-b edge itself, or None when the pair is too thin."""
    ego_edges: tuple[Edge, ...]
    """Every edge touching a or b (the a-b edge included), sorted."""
    triads: tuple[Triad, ...]
    """Closed triads around a-b, by third party."""
    open_triads: tuple[Triad, ...]
    """Triads with one edge missing or contested, by third party."""
    pressure_points: tuple[Triad, ...]
    """The unbalanced triads."""
    triangle_index: float | None
    """Triangle index of the whole network."""
    walk_index: float | None
    """Walk index of the whole network."""
    moves: tuple[ThirdPartyMove, ...]
    """The `top` third parties whose relations with either side moved most."""
    summary: str
    """One line for a brief."""


def months_before(day: date, months: int) -> date:
    """`day` moved back `months` calendar months, clamped to the month's end (Aug 31 - 6 -> Feb 28)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def signed_network(
    incidents: Iterable[Incident], *, until: date, months: int = 6, n_min: int = 3, threshold: float = 0.15,
    modalities: Collection[str] = ("asserted",), include_igos: bool = False,
) -> SignedNetwork:
    """The signed network of every pair of actors over the window (until - months, until]."""
    _check_window(until, months, modalities)
    if not isinstance(n_min, int) or n_min < 1:
        raise ValueError(f"n_min must be a positive integer, got {n_min!r}")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must lie in [0, 1], got {threshold!r}")
    since = months_before(until, months)
    pairs: dict[tuple[str, str], list[Incident]] = defaultdict(list)
    excluded: Counter[str] = Counter()
    for incident in incidents:
        if incident.date is not None and not since < incident.date <= until:
            continue
        reason = _reason(incident, modalities, include_igos)
        if reason:
            excluded[reason] += 1
        else:
            pairs[_pair(*incident.dyad)].append(incident)
    edges = tuple(_edge(pair, pairs[pair], threshold) for pair in sorted(pairs) if len(pairs[pair]) >= n_min)
    triangles, balanced = _triangles(edges)
    return SignedNetwork(
        since=since, until=until, n_min=n_min, threshold=threshold,
        nodes=tuple(sorted({x for pair in pairs for x in pair})),
        edges=edges, thin=len(pairs) - len(edges), triangles=triangles, balanced=balanced,
        triangle_index=balanced / triangles if triangles else None,
        walk_index=walk_index(edges),
        excluded=MappingProxyType(dict(sorted(excluded.items()))),
    )


def walk_index(edges: Iterable[Edge]) -> float | None:
    """tr e^A / tr e^|A| over the signed edges (contested ones ignored); None without signed edges."""
    signed = [e for e in edges if e.sign]
    if not signed:
        return None
    nodes = sorted({x for e in signed for x in (e.a, e.b)})
    index = {x: i for i, x in enumerate(nodes)}
    matrix = np.zeros((len(nodes), len(nodes)))
    for e in signed:
        matrix[index[e.a], index[e.b]] = matrix[index[e.b], index[e.a]] = e.sign
    signed_eig = np.linalg.eigvalsh(matrix)
    unsigned_eig = np.linalg.eigvalsh(np.abs(matrix))
    return float(np.exp(logsumexp(signed_eig) - logsumexp(unsigned_eig)))


def triads_for(network: SignedNetwork, a: str, b: str) -> tuple[Triad, ...]:
    """Closed triads a-b-C for every third party C with signed edges to both, when a-b is signed."""
    _check_dyad(a, b)
    signs = {(e.a, e.b): e.sign for e in network.edges}  # contested: 0, no edge: missing
    ab = signs.get(_pair(a, b))
    if not ab:
        return ()
    triads = []
    for c in network.nodes:
        ac, bc = signs.get(_pair(a, c)), signs.get(_pair(b, c))
        if ac and bc:  # never a or b: there are no self-loop edges
            triads.append(Triad(a, b, c, ab, ac, bc, ab * ac * bc > 0, _triad_note(a, b, c, ab, ac, bc)))
    return tuple(triads)


def open_triads_for(network: SignedNetwork, a: str, b: str) -> tuple[Triad, ...]:
    """Open triads a-b-C: exactly two signed edges, the third missing or contested (balance implies its sign)."""
    _check_dyad(a, b)
    signs = {(e.a, e.b): e.sign for e in network.edges}  # contested: 0, no edge: missing
    found = []
    for c in network.nodes:
        named = {(a, b): signs.get(_pair(a, b)), (a, c): signs.get(_pair(a, c)), (b, c): signs.get(_pair(b, c))}
        gaps = [pair for pair, sign in named.items() if not sign]
        if c in (a, b) or len(gaps) != 1:
            continue
        implied = math.prod(sign for sign in named.values() if sign)
        state = "is contested" if named[gaps[0]] == 0 else "has no edge"
        note = f"open: {'–'.join(gaps[0])} {state}; balance expects it {_KIND[implied]}"
        found.append(Triad(a, b, c, *named.values(), balanced=None, note=note))
    return tuple(found)


def third_party_moves(
    incidents: Iterable[Incident], a: str, b: str, *, until: date, months: int = 6,
    modalities: Collection[str] = ("asserted",), include_igos: bool = False,
) -> tuple[ThirdPartyMove, ...]:
    """Third parties of a and b ranked by how much their relation with either side moved, largest first
    (the NCI shift, weighted down when fewer than `MOVE_EVIDENCE` incidents support it).

    The recent window is (until - months, until], the earlier one (until - 2 months, until - months].
    """
    _check_dyad(a, b, include_igos)
    _check_window(until, months, modalities)
    recent, earlier = months_before(until, months), months_before(until, 2 * months)
    found: dict[str, dict[tuple[str, bool], list[Incident]]] = defaultdict(lambda: defaultdict(list))
    for incident in incidents:
        if incident.date is None or not earlier < incident.date <= until:
            continue
        source, target = incident.dyad
        side = a if a in (source, target) else b if b in (source, target) else None
        third = target if source == side else source
        if side and third not in (a, b) and not _reason(incident, modalities, include_igos):
            found[third][(side, incident.date > recent)].append(incident)
    moves = [_move(third, found[third], a, b) for third in found]

    def score(move: ThirdPartyMove) -> float:
        """The shift, discounted when it rests on fewer than `MOVE_EVIDENCE` incidents on the side that
        moved (both windows), so three visits by a small state do not outrank a well-reported turn."""
        n = len(found[move.third][(move.side, True)]) + len(found[move.third][(move.side, False)])
        return move.shift * min(1.0, n / MOVE_EVIDENCE)

    return tuple(sorted(moves, key=lambda m: (-score(m), -m.shift, m.third)))


def third_party_report(
    incidents: Iterable[Incident], a: str, b: str, *, until: date, months: int = 6, top: int = 5,
    n_min: int = 3, threshold: float = 0.15, modalities: Collection[str] = ("asserted",), include_igos: bool = False,
) -> ThirdPartyReport:
    """The third-party picture of dyad a-b: ego edges, triads, balance indices and the top movers."""
    _check_dyad(a, b, include_igos)
    if not isinstance(top, int) or top < 0:
        raise ValueError(f"top must be a non-negative integer, got {top!r}")
    incidents = tuple(incidents)
    network = signed_network(incidents, until=until, months=months, n_min=n_min, threshold=threshold,
                             modalities=modalities, include_igos=include_igos)
    triads = triads_for(network, a, b)
    moves = third_party_moves(incidents, a, b, until=until, months=months, modalities=modalities,
                              include_igos=include_igos)[:top]
    report = ThirdPartyReport(
        a=a, b=b, since=network.since, until=until, edge=network.edge(a, b),
        ego_edges=tuple(e for e in network.edges if {a, b} & {e.a, e.b}),
        triads=triads, open_triads=open_triads_for(network, a, b),
        pressure_points=tuple(t for t in triads if not t.balanced),
        triangle_index=network.triangle_index, walk_index=network.walk_index, moves=moves, summary="",
    )
    return replace(report, summary=_summary(report))


_KIND = {1: "friendly", -1: "hostile"}
_FLIP = {1: "cool", -1: "normalise"}


def _check_window(until: date, months: int, modalities: Collection[str]) -> None:
    """Raise ValueError for a bad window or modality list."""
    if not isinstance(until, date):
        raise ValueError(f"until must be a date, got {until!r}")
    if not isinstance(months, int) or months < 1:
        raise ValueError(f"months must be a positive integer, got {months!r}")
    if isinstance(modalities, str) or not modalities or not set(modalities) <= set(MODALITIES):
        raise ValueError(f"modalities must be a non-empty collection of {', '.join(MODALITIES)}; got {modalities!r}")


def _check_dyad(a: str, b: str, include_igos: bool = True) -> None:
    """Raise ValueError unless a and b are two different non-empty keys (states unless IGOs are nodes)."""
    if not a or not b or a == b:
        raise ValueError(f"a dyad needs two different actor keys, got a={a!r}, b={b!r}")
    if not include_igos and (_transnational(a) or _transnational(b)):
        raise ValueError(f"{a}–{b} has an IGO side; pass include_igos=True to make IGOs nodes")


def _transnational(key: str) -> bool:
    """True for IGO and militant-group keys ("IGOUNO", "IMG...")."""
    return key.startswith(TRANSNATIONAL_PREFIXES)


def _reason(incident: Incident, modalities: Collection[str], include_igos: bool) -> str | None:
    """Why a dated-in-window incident does not count, or None when it does."""
    source, target = incident.event.source.actor, incident.event.target.actor
    if incident.event.modality not in modalities:
        return incident.event.modality
    if incident.date is None:
        return UNDATED
    if not source.key or not target.key:
        return NO_ACTOR
    if source.key == target.key:
        return SELF_LOOP
    if not include_igos and (_is_igo(source) or _is_igo(target)):
        return IGO
    return None


def _is_igo(actor: Actor) -> bool:
    """True for an actor that belongs to no state."""
    return actor.igo is not None or _transnational(actor.key)


def _pair(x: str, y: str) -> tuple[str, str]:
    """The unordered pair as a sorted tuple."""
    return (x, y) if x <= y else (y, x)


def _order(incident: Incident) -> tuple[date, str]:
    """Date, then id."""
    return (incident.date or date.min, incident.id)


def _quads(incidents: Iterable[Incident]) -> tuple[int, int, int, int]:
    """(VK, MK, VC, MC) counts of the incidents."""
    counts = Counter(i.event.quad for i in incidents)
    return (counts[1], counts[2], counts[3], counts[4])


def _edge(pair: tuple[str, str], incidents: Sequence[Incident], threshold: float) -> Edge:
    """The edge of one pair with enough incidents."""
    quad = _quads(incidents)
    nci = net_cooperation(quad)
    sign = 1 if nci >= threshold else -1 if nci <= -threshold else 0
    ids = tuple(i.id for i in sorted(incidents, key=_order))
    return Edge(a=pair[0], b=pair[1], n=len(incidents), quad=quad, nci=nci, sign=sign, incidents=ids)


def _triangles(edges: Sequence[Edge]) -> tuple[int, int]:
    """(triangles of signed edges, balanced ones)."""
    sign = {(e.a, e.b): e.sign for e in edges if e.sign}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for x, y in sign:
        neighbours[x].add(y)
    total = balanced = 0
    for (x, y), s in sign.items():
        for z in neighbours[x] & neighbours[y]:
            total += 1
            balanced += s * sign[(x, z)] * sign[(y, z)] > 0
    return total, balanced


def _triad_note(a: str, b: str, c: str, ab: int, ac: int, bc: int) -> str:
    """One line saying what the triad means."""
    if ab * ac * bc < 0:
        flips = [f"{a}–{b} to {_FLIP[ab]}", f"{a}–{c} to {_FLIP[ac]}", f"{b}–{c} to {_FLIP[bc]}"]
        return f"unbalanced: expect {flips[0]}, {flips[1]} or {flips[2]}"
    if ab > 0:
        return f"balanced: {a}, {b} and {c} all friendly" if ac > 0 else f"balanced: {a} and {b} share a rival in {c}"
    return f"balanced: {c} sides with {a} against {b}" if ac > 0 else f"balanced: {c} sides with {b} against {a}"


def _move(third: str, found: Mapping[tuple[str, bool], list[Incident]], a: str, b: str) -> ThirdPartyMove:
    """The move of one third party, from its incidents keyed by (side, recent?)."""
    nci = {key: net_cooperation(_quads(found.get(key, ()))) for key in itertools.product((a, b), (True, False))}
    n = {key: len(found.get(key, ())) for key in nci}
    change = {side: nci[(side, True)] - nci[(side, False)] for side in (a, b)}
    side = a if abs(change[a]) >= abs(change[b]) else b
    direction = "warmer" if change[side] > 0 else "cooler" if change[side] < 0 else "steady"
    every = sorted((i for group in found.values() for i in group), key=_order)
    note = (
        f"{third} {direction} with {side}: NCI {nci[(side, False)]:+.2f} -> {nci[(side, True)]:+.2f} "
        f"(n {n[(side, False)]} -> {n[(side, True)]})"
    )
    return ThirdPartyMove(
        third=third,
        nci_a_now=nci[(a, True)], nci_a_before=nci[(a, False)], n_a_now=n[(a, True)], n_a_before=n[(a, False)],
        nci_b_now=nci[(b, True)], nci_b_before=nci[(b, False)], n_b_now=n[(b, True)], n_b_before=n[(b, False)],
        shift=abs(change[side]), side=side, direction=direction,
        incidents=tuple(i.id for i in every),
        drivers=_drivers(found.get((side, True), ()), direction), note=note,
    )


def _drivers(recent: Iterable[Incident], direction: str) -> tuple[Incident, ...]:
    """The recent incidents that pushed a move the way it went, strongest first."""
    quads, sign = {"warmer": ((1, 2), -1), "cooler": ((3, 4), 1)}.get(direction, ((), 1))
    pushing = sorted((i for i in recent if i.event.quad in quads), key=lambda i: (sign * i.event.goldstein, _order(i)))
    return tuple(pushing[:MAX_DRIVERS])


def _summary(report: ThirdPartyReport) -> str:
    """One line for a brief: the focal edge, its triads, the network's balance and the top mover."""
    edge = report.edge
    state = f"{edge.kind} (NCI {edge.nci:+.2f}, n={edge.n})" if edge else "too thin for an edge"
    parts = [f"{report.a}–{report.b} {state} in ({report.since}, {report.until}]"]
    if report.triads:
        points = ", ".join(t.third for t in report.pressure_points) or "none"
        unbalanced = len(report.pressure_points)
        parts.append(f"{unbalanced} of {len(report.triads)} triads unbalanced (pressure points: {points})")
    else:
        parts.append("no closed triads")
    if report.triangle_index is not None and report.walk_index is not None:
        parts.append(f"network balance: triangle {report.triangle_index:.2f}, walk {report.walk_index:.2f}")
    moved = [m for m in report.moves if m.shift > 0]
    if moved:
        top = moved[0]
        parts.append(f"most moved: {top.third} ({top.direction} with {top.side}, {top.shift:.2f})")
    return "; ".join(parts)
