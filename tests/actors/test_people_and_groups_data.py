"""The bundled people and group files: well-formed, dated sensibly, unambiguous, and covering the
regions the actor issue asks for."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from dyadwatch.actors.dictionary import DATA_DIR, alias_key, read_actor_file

PEOPLE = sorted((DATA_DIR / "people").glob("*.tsv"))
GROUPS = DATA_DIR / "groups.tsv"
ROLES = {
    "head_of_state", "head_of_government", "deputy_head_of_government", "foreign_minister", "defence_minister",
    "interior_minister", "mfa_spokesperson", "presidential_spokesperson", "security_chief", "security_adviser",
    "speaker", "military_chief", "opposition_leader", "igo_head",
}
SECTORS = {"GOV", "MIL", "SPY", "LEG", "OPP", "JUD", "COP", "REB", "PTY", "NGO", "MED", "BUS", "CRM", "REL", "LAB"}
REGIONS = {
    "G20": "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA",
    "former USSR": "RUS UKR BLR MDA GEO ARM AZE KAZ UZB TKM KGZ TJK EST LVA LTU",
    "MENA": "DZA BHR EGY IRN IRQ ISR JOR KWT LBN LBY MAR OMN PSE QAT SAU SYR TUN TUR ARE YEM",
    "South Asia": "AFG BGD BTN IND MDV NPL PAK LKA",
    "ASEAN": "BRN KHM IDN LAO MYS MMR PHL SGP THA VNM",
}


@pytest.fixture(scope="module")
def people():
    return [e for path in PEOPLE for e in read_actor_file(path)]


def _overlap(a, b) -> bool:
    starts_before_b_ends = (a.valid_from or date.min) <= (b.valid_to or date.max)
    return starts_before_b_ends and (b.valid_from or date.min) <= (a.valid_to or date.max)


def test_people_rows_are_well_formed(people):
    assert len(PEOPLE) >= 3 and len(people) > 3000
    for e in people:
        assert e.kind == "person" and e.role in ROLES, e
        assert e.sector is None or e.sector in SECTORS, e
        assert (e.code.startswith("IGO") and e.sector is None) or len(e.code) == 3, e
        assert e.valid_from is None or e.valid_to is None or e.valid_from <= e.valid_to, e


def test_no_alias_names_two_people_at_once(people):
    by_alias = defaultdict(list)
    for e in people:
        by_alias[alias_key(e.alias)].append(e)
    for alias, entries in by_alias.items():
        for i, a in enumerate(entries):
            for b in entries[i + 1 :]:
                if a.name != b.name or a.code != b.code:
                    assert not _overlap(a, b), (alias, a, b)


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_every_state_of_the_region_has_a_head_of_state_or_government_since_2000(people, region):
    heads = {e.code for e in people if e.role in ("head_of_state", "head_of_government")}
    missing = set(REGIONS[region].split()) - heads
    assert not missing, f"{region}: no head of state/government for {sorted(missing)}"


def test_dated_examples(people):
    def periods(name):
        return [(e.sector, e.valid_from, e.valid_to) for e in people if e.alias == name]

    assert ("GOV", date(2020, 7, 16), None) in periods("Jeyhun Bayramov")
    assert any(s == "OPP" for s, _, _ in periods("Nikol Pashinyan"))
    assert any(s == "GOV" for s, _, _ in periods("Maria Zakharova"))


def test_groups_file_is_well_formed():
    groups = read_actor_file(GROUPS)
    assert len(groups) > 500
    for e in groups:
        assert e.kind == "institution" and e.sector in SECTORS, e
        assert len(e.code) == 3 or e.code.startswith("IGO"), e
    sectors = {e.sector for e in groups}
    assert {"REB", "PTY", "NGO", "BUS"} <= sectors


def test_files_live_in_the_package():
    assert all(Path(p).is_relative_to(DATA_DIR) for p in PEOPLE)


def test_sub_saharan_heads_of_state_are_dated(people):
    def periods(name):
        return [(e.code, e.role, e.valid_from, e.valid_to) for e in people if e.alias == name]

    assert ("ZWE", "head_of_state", date(1987, 12, 31), date(2017, 11, 21)) in periods("Robert Mugabe")
    assert ("ZWE", "head_of_government", date(1980, 4, 18), date(1987, 12, 30)) in periods("Robert Mugabe")
    assert ("UGA", "head_of_state", date(1986, 1, 29), None) in periods("Yoweri Museveni")
    assert len(periods("Olusegun Obasanjo")) == 2
