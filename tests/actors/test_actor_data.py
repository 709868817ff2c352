"""Sanity checks for the bundled actor dictionary data files."""

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "dyadwatch" / "actors" / "data"
ACTORS = DATA / "actors.tsv"
SECTORS = DATA / "sectors.tsv"

ACTOR_HEADER = ["alias", "code", "sector", "kind", "valid_from", "valid_to", "name"]
SECTOR_HEADER = ["noun", "sector", "note"]
ALLOWED_SECTORS = {
    "GOV", "MIL", "COP", "SPY", "JUD", "LEG", "MED", "BUS", "CVL", "OPP", "REB",
    "PTY", "NGO", "REF", "CRM", "LAB", "EDU", "HLH", "REL", "ELI", "AGR",
}
ALLOWED_KINDS = {"name", "adjective", "demonym", "capital", "seat", "institution", "igo", "place"}

UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()
EXPECTED_STATES = set(UN_MEMBERS) | {"XKX", "TWN", "PSE"}


def _read(path):
    with path.open(encoding="utf-8", newline="") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip()]
    return header, rows


@pytest.fixture(scope="module")
def actors():
    header, rows = _read(ACTORS)
    assert header == ACTOR_HEADER
    return [dict(zip(ACTOR_HEADER, r, strict=False)) for r in rows]


@pytest.fixture(scope="module")
def sectors():
    header, rows = _read(SECTORS)
    assert header == SECTOR_HEADER
    return [dict(zip(SECTOR_HEADER, r, strict=False)) for r in rows]


def _date(s):
    return dt.date.fromisoformat(s) if s else None


def test_un_member_list_is_complete():
    assert len(UN_MEMBERS) == 193 == len(set(UN_MEMBERS))
    assert len(EXPECTED_STATES) == 196


def test_headers():
    assert _read(ACTORS)[0] == ACTOR_HEADER
    assert _read(SECTORS)[0] == SECTOR_HEADER


def test_actor_rows_well_formed():
    _, rows = _read(ACTORS)
    for r in rows:
        assert len(r) == len(ACTOR_HEADER), r
        row = dict(zip(ACTOR_HEADER, r, strict=False))
        assert row["alias"].strip() and row["alias"] == row["alias"].strip(), r
        assert row["code"], r
        assert row["name"].strip(), r
        code = row["code"]
        assert re.fullmatch(r"[A-Z]{3}", code) or re.fullmatch(r"IGO[A-Z]+", code), r
        if row["sector"]:
            assert row["sector"] in ALLOWED_SECTORS, r
        assert row["kind"] in ALLOWED_KINDS, r
        vf, vt = _date(row["valid_from"]), _date(row["valid_to"])
        if vf and vt:
            assert vf <= vt, r


def test_kind_conventions(actors):
    for row in actors:
        if row["kind"] in ("name", "adjective", "demonym", "place"):
            assert row["sector"] == "", row
        if row["kind"] in ("capital", "seat", "institution"):
            assert row["sector"], row
        if row["kind"] == "igo":
            assert row["code"].startswith("IGO"), row
        else:
            assert not row["code"].startswith("IGO"), row


def test_no_duplicate_rows(actors):
    seen = set()
    for row in actors:
        key = (row["alias"], row["code"], row["valid_from"])
        assert key not in seen, key
        seen.add(key)


def test_no_alias_maps_to_two_codes_at_once(actors):
    by_alias = defaultdict(list)
    for row in actors:
        by_alias[row["alias"]].append(row)
    lo, hi = dt.date.min, dt.date.max
    for alias, rows in by_alias.items():
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if a["code"] == b["code"]:
                    continue
                a0, a1 = _date(a["valid_from"]) or lo, _date(a["valid_to"]) or hi
                b0, b1 = _date(b["valid_from"]) or lo, _date(b["valid_to"]) or hi
                assert a1 <= b0 or b1 <= a0, (alias, a["code"], b["code"])


def test_every_state_has_a_name_row(actors):
    named = {r["code"] for r in actors if r["kind"] == "name"}
    missing = EXPECTED_STATES - named
    assert not missing, sorted(missing)
    assert "VAT" in named


@pytest.mark.parametrize("code", ["AZE", "RUS"])
def test_focus_states_fully_covered(actors, code):
    kinds = {r["kind"] for r in actors if r["code"] == code}
    assert {"name", "adjective", "demonym", "capital"} <= kinds


@pytest.mark.parametrize(
    "alias,code,sector",
    [
        ("Azeri", "AZE", ""),
        ("Azerbaijani", "AZE", ""),
        ("Baku", "AZE", "GOV"),
        ("Moscow", "RUS", "GOV"),
        ("Kremlin", "RUS", "GOV"),
        ("FSB", "RUS", "SPY"),
        ("Sputnik", "RUS", "MED"),
        ("Milli Majlis", "AZE", "LEG"),
        ("State Duma", "RUS", "LEG"),
        ("AZAL", "AZE", "BUS"),
        ("United Nations", "IGOUNO", ""),
        ("NATO", "IGONAT", ""),
    ],
)
def test_key_aliases(actors, alias, code, sector):
    matches = [r for r in actors if r["alias"] == alias]
    assert matches, alias
    assert {(r["code"], r["sector"]) for r in matches} == {(code, sector)}


def test_dated_aliases(actors):
    rows = {(r["alias"], r["code"]): r for r in actors}
    assert rows[("Eswatini", "SWZ")]["valid_from"] == "2018-04-19"
    assert rows[("Swaziland", "SWZ")]["valid_to"] == "2018-04-19"
    assert rows[("North Macedonia", "MKD")]["valid_from"] == "2019-02-12"
    assert rows[("South Sudan", "SSD")]["valid_from"] == "2011-07-09"


def test_sector_rows(sectors):
    nouns = set()
    for row in sectors:
        assert row["noun"] and row["noun"] == row["noun"].lower(), row
        assert row["noun"] not in nouns, row["noun"]
        nouns.add(row["noun"])
        assert row["sector"] in ALLOWED_SECTORS, row
    assert len(sectors) >= 150


@pytest.mark.parametrize(
    "noun,sector",
    [
        ("foreign ministry", "GOV"),
        ("police", "COP"),
        ("parliament", "LEG"),
        ("state news agency", "MED"),
        ("nationals", "CVL"),
    ],
)
def test_key_sector_nouns(sectors, noun, sector):
    table = {r["noun"]: r["sector"] for r in sectors}
    assert table.get(noun) == sector
