"""Tests for `dyadwatch.analysis.signposts`: query parsing, matching and per-period observation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dyadwatch.analysis.signposts import (
    ABSENT,
    FALLS,
    FIRED,
    NOT_EVALUATED,
    PRESENT,
    QUIET,
    RISES,
    matches,
    observe,
    parse_query,
)
from dyadwatch.errors import ScenarioError
from dyadwatch.types import Incident
from tests.analysis.factory import make_incident

ROLES = {"A": "AZE", "B": "RUS"}
FLIPPED = {"A": "RUS", "B": "AZE"}
DAY = date(2025, 7, 1)


def q(**raw):
    return parse_query(raw, "f.yaml: signposts[0] 'x'.query")


def with_outlets(incident: Incident, *outlets: str) -> Incident:
    return replace(incident, outlets=tuple(sorted(outlets)))


# --- parsing ------------------------------------------------------------------------------------------


def test_defaults_and_kinds() -> None:
    query = q()
    assert (query.source, query.target, query.modality, query.window, query.min_count) == ((), (), ("asserted",), 1, 1)
    assert query.kind == PRESENT
    assert q(max_count=0).kind == QUIET
    assert q(falls_by=0.5).kind == FALLS
    assert q(rises_by=1.0, baseline=6).kind == RISES
    assert q(source="A", target=["B", "ISR"]).roles == {"A", "B"}
    assert q(source="any").source == ()


def test_scalars_are_read_as_one_item_lists() -> None:
    query = q(cameo="173", plover="coerce", mode="Arrest", quad=4)
    assert (query.cameo, query.plover, query.mode, query.quad) == (("173",), ("COERCE",), ("arrest",), (4,))


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ({"cameoo": ["173"]}, "unknown key 'cameoo' (did you mean 'cameo'?)"),
        ({"absent": True}, "max_count: 0"),
        ({"source": "C"}, "query.source: unknown role or actor key 'C'"),
        ({"target": ["A", "russia"]}, "query.target[1]: unknown role or actor key 'russia'"),
        ({"cameo": [173]}, "query.cameo[0]: CAMEO codes must be quoted"),
        ({"cameo": ["999"]}, "query.cameo[0]: '999' is not a CAMEO code"),
        ({"cameo": ["1"]}, "'1' is not a CAMEO code"),
        ({"plover": ["PUNISH"]}, "query.plover[0]: unknown PLOVER type 'PUNISH'"),
        ({"mode": ["abduction"]}, "unknown PLOVER mode 'abduction'"),
        ({"quad": [5]}, "query.quad[0]: expected a whole number from 1 to 4, got 5"),
        ({"rung_min": 7}, "query.rung_min"),
        ({"modality": ["rumoured"]}, "unknown modality 'rumoured'"),
        ({"target_sector": ["civilians"]}, "is not a sector code"),
        ({"min_count": 0}, "query.min_count: expected a whole number 1 or more, got 0"),
        ({"window": True}, "query.window"),
        ({"falls_by": 1.5}, "query.falls_by: expected a number in (0, 1), got 1.5"),
        ({"max_count": 0, "falls_by": 0.5}, "max_count and falls_by exclude each other"),
        ({"max_count": 2, "min_sources": 2}, "min_sources has no meaning with max_count"),
        ({"baseline": 3}, "baseline is used only with falls_by or rises_by"),
        ({"both_directions": "yes please"}, "expected true or false"),
        ({"cameo": []}, "empty list"),
    ],
)
def test_bad_queries_give_one_line_errors_naming_the_key(raw: dict, fragment: str) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_query(raw, "f.yaml: signposts[0] 'x'.query")
    message = str(info.value)
    assert fragment in message
    assert message.startswith("f.yaml: signposts[0] 'x'.query")
    assert "\n" not in message


def test_a_query_must_be_a_mapping() -> None:
    with pytest.raises(ScenarioError, match=r"expected a mapping of keys, got \['173'\]"):
        parse_query(["173"], "f.yaml: signposts[0] 'x'.query")


# --- matching -----------------------------------------------------------------------------------------


def test_roles_bind_either_way_round() -> None:
    query = q(source="B", target="A", cameo=["173"])
    arrest = make_incident("RUS", "AZE", DAY, "173")
    assert matches(query, arrest, ROLES)
    assert not matches(query, arrest, FLIPPED)
    assert matches(query, make_incident("AZE", "RUS", DAY, "173"), FLIPPED)


def test_literal_third_party_keys_and_any() -> None:
    query = q(source="A", target=["ISR", "IGOUNO"])
    assert matches(query, make_incident("AZE", "ISR", DAY, "042"), ROLES)
    assert not matches(query, make_incident("AZE", "IRN", DAY, "042"), ROLES)
    assert matches(q(source="any", target="A"), make_incident("IRN", "AZE", DAY), ROLES)


def test_both_directions_mirrors_actors_and_their_sectors() -> None:
    one_way = q(source="A", target="B", source_sector=["GOV"])
    both = q(source="A", target="B", source_sector=["GOV"], both_directions=True)
    call = make_incident("RUS", "AZE", DAY, "041", target_sector="GOV")
    assert not matches(one_way, call, ROLES)
    assert matches(both, call, ROLES)
    assert not matches(both, make_incident("RUS", "AZE", DAY, "041", source_sector="GOV"), ROLES)


def test_sectors_filter_and_a_missing_sector_does_not_match() -> None:
    query = q(target_sector=["CVL", "MED"])
    assert matches(query, make_incident("RUS", "AZE", DAY, "173", target_sector="MED"), ROLES)
    assert not matches(query, make_incident("RUS", "AZE", DAY, "173", target_sector="GOV"), ROLES)
    assert not matches(query, make_incident("RUS", "AZE", DAY, "173"), ROLES)


def test_cameo_prefixes_plover_mode_quad_and_rung() -> None:
    deport = make_incident("RUS", "AZE", DAY, "174")
    assert matches(q(cameo=["17"]), deport, ROLES)
    assert matches(q(cameo=["174"]), deport, ROLES)
    assert not matches(q(cameo=["173"]), deport, ROLES)
    assert not matches(q(cameo=["04"]), make_incident("RUS", "AZE", DAY, "0841"), ROLES)
    assert matches(q(cameo=["0841"]), make_incident("RUS", "AZE", DAY, "0841"), ROLES)
    assert matches(q(plover=["COERCE"], mode=["deport"]), deport, ROLES)
    assert not matches(q(mode=["arrest"]), deport, ROLES)
    assert matches(q(quad=[4]), deport, ROLES) and not matches(q(quad=[1, 2]), deport, ROLES)
    assert matches(q(rung_min=4), deport, ROLES)
    assert not matches(q(rung_min=5), deport, ROLES)


def test_only_asserted_counts_unless_asked() -> None:
    alleged = make_incident("RUS", "AZE", DAY, "173", modality="alleged")
    assert not matches(q(), alleged, ROLES)
    assert matches(q(modality=["asserted", "alleged"]), alleged, ROLES)


# --- observing ----------------------------------------------------------------------------------------


def arrests(n: int, day: date = DAY) -> list[Incident]:
    return [make_incident("RUS", "AZE", day, "173") for _ in range(n)]


def test_min_count() -> None:
    query = q(min_count=2)
    assert observe(query, [arrests(1)], 0, data_start=0).status == ABSENT
    seen = observe(query, [arrests(2)], 0, data_start=0)
    assert (seen.status, seen.count, len(seen.incidents)) == (FIRED, 2, 2)


def test_min_sources_counts_distinct_outlets_across_incidents() -> None:
    query = q(min_sources=3)
    first, second = arrests(2)
    same = [with_outlets(first, "Ledger", "Wire"), with_outlets(second, "Wire")]
    assert observe(query, [same], 0, data_start=0).outlets == 2
    assert observe(query, [same], 0, data_start=0).status == ABSENT
    spread = [with_outlets(first, "Ledger", "Wire"), with_outlets(second, "Courier")]
    assert observe(query, [spread], 0, data_start=0).status == FIRED


def test_window_looks_back_including_the_current_period() -> None:
    matched = [arrests(1), [], [], []]
    assert observe(q(window=2), matched, 1, data_start=0).status == FIRED
    assert observe(q(window=2), matched, 2, data_start=0).status == ABSENT
    assert observe(q(), matched, 1, data_start=0).status == ABSENT
    assert observe(q(window=3, min_count=2), [arrests(1), [], arrests(1)], 2, data_start=0).count == 2


def test_max_count_fires_on_quiet() -> None:
    assert observe(q(max_count=0), [[]], 0, data_start=0).status == FIRED
    assert observe(q(max_count=0), [arrests(1)], 0, data_start=0).status == ABSENT
    assert observe(q(max_count=2), [arrests(2)], 0, data_start=0).status == FIRED


def test_falls_by_compares_with_the_baseline_and_needs_history() -> None:
    query = q(falls_by=0.5, baseline=2)
    matched = [arrests(4), arrests(6), arrests(2), arrests(3)]
    assert observe(query, matched, 1, data_start=0).status == NOT_EVALUATED  # baseline reaches before the data
    seen = observe(query, matched, 2, data_start=0)
    assert (seen.status, seen.expected) == (FIRED, 5.0)  # 2 <= 0.5 * 5
    assert observe(query, matched, 3, data_start=0).status == ABSENT  # 3 > 0.5 * 4
    assert observe(query, [[], [], []], 2, data_start=0).status == NOT_EVALUATED  # nothing to fall from
    assert observe(query, matched, 2, data_start=1).status == NOT_EVALUATED


def test_rises_by_needs_the_rise_and_the_floor() -> None:
    query = q(rises_by=1.0, baseline=2, min_count=3)
    assert observe(query, [arrests(1), arrests(1), arrests(4)], 2, data_start=0).status == FIRED
    assert observe(query, [arrests(2), arrests(2), arrests(3)], 2, data_start=0).status == ABSENT
    assert observe(query, [[], [], arrests(2)], 2, data_start=0).status == ABSENT  # under min_count
    assert observe(query, [[], [], arrests(3)], 2, data_start=0).status == FIRED
