"""The history mapping tables and the actor look-ups built on them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dyadwatch.actors import load_actor_dictionary
from dyadwatch.errors import DataFileError
from dyadwatch.history.polecat import mode_key, plover_index
from dyadwatch.history.resolve import ActorResolver, present, split_agent
from dyadwatch.history.tables import DATA_DIR, SECTOR_ORDER, load_history_tables
from dyadwatch.ontology import PLOVER_TYPES, load_ontology

OUR_SECTORS = Path(__file__).resolve().parents[2] / "dyadwatch" / "actors" / "data" / "sectors.tsv"


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_actor_dictionary(), load_history_tables())


def test_sector_order_uses_only_our_sector_codes():
    ours = {line.split("\t")[1] for line in OUR_SECTORS.read_text(encoding="utf-8").splitlines()[1:] if line}
    assert set(SECTOR_ORDER) <= ours
    assert len(SECTOR_ORDER) == len(set(SECTOR_ORDER))


def test_tables_are_consistent_with_the_ontology_and_dictionary():
    tables = load_history_tables()
    ontology = load_ontology()
    assert set(tables.plover_cameo) == PLOVER_TYPES
    for plover, code in tables.plover_cameo.items():
        assert ontology.codes[code].plover == plover, code
    assert all(code.startswith("IGO") for code in tables.known_groups.values())
    assert all(len(v) == 3 and v.isupper() for v in tables.country_aliases.values())
    assert all(v == "" or (len(v) == 3 and v.isupper()) for v in tables.cameo_countries.values())
    dictionary = load_actor_dictionary()
    # the aliases only add what the dictionary lacks, and never contradict it
    for name, code in tables.country_aliases.items():
        entry = dictionary.lookup(name)
        assert entry is None or entry.code == code, name


def test_a_bad_sector_code_in_a_table_is_rejected(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    path = copy / "icews_agents.tsv"
    path.write_text(path.read_text(encoding="utf-8").replace("Citizen\tCVL", "Citizen\tCIV"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"icews_agents\.tsv: unknown sector codes CIV"):
        load_history_tables(str(copy))


def test_a_table_without_its_header_is_rejected(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    (copy / "known_groups.tsv").write_text("UNO\tIGOUNO\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"known_groups\.tsv:1: header"):
        load_history_tables(str(copy))


def test_present_and_split_agent():
    assert present(" NA ") == present("null") == present(None) == ""
    assert present(" Baku ") == "Baku"
    assert split_agent("Citizen (Ukraine)") == ("Citizen", "Ukraine")
    assert split_agent("Secretariat (Organization of American States)") == (
        "Secretariat", "Organization of American States")
    assert split_agent("Azerbaijan") == ("Azerbaijan", "")


def test_countries_from_names_codes_and_regions(resolver):
    assert resolver.country("Russian Federation") == "RUS"
    assert resolver.country("Azerbaijan") == "AZE"
    assert resolver.country("the former Yugoslav Republic of Macedonia") == "MKD"
    assert resolver.country("Hong Kong") == "HKG"
    assert resolver.country("RUS") == "RUS"
    assert resolver.country("KSV") == "XKX"
    assert resolver.country("EUR") is None and resolver.is_region("EUR")
    assert resolver.country("XYZ") is None and not resolver.is_region("XYZ")
    assert resolver.country("Russian") is None  # an adjective is no country column value
    assert resolver.country("NA") is None


def test_sector_lists_pick_the_most_specific_role(resolver):
    assert resolver.sector_of_tags(["Military", "Government"]) == "MIL"
    assert resolver.sector_of_tags(["Executive", "Foreign Ministry", "Government"]) == "GOV"
    assert resolver.sector_of_tags(["Parties", "Opposition Major Party (Out Of Government)"]) == "OPP"
    assert resolver.sector_of_tags(["General Population / Civilian / Social", "Social"]) == "CVL"
    assert resolver.sector_of_tags(["Ideological", "Center Right", "NA"]) is None


def test_generic_agents_and_type_codes(resolver):
    assert resolver.sector_of_agent("Police") == "COP"
    assert resolver.sector_of_agent("Foreign Affairs") == "GOV"
    assert resolver.sector_of_agent("Ministry of Tourism") == "GOV"  # via our role nouns
    assert resolver.sector_of_agent("Green Party") == "PTY"
    assert resolver.sector_of_code("SEP") == "REB"
    assert resolver.sector_of_code("Government") == "GOV"
    assert resolver.sector_of_code("UAF") is None and resolver.sector_of_code("") is None


def test_names_are_looked_up_with_spelling_variants_and_dates(resolver):
    from datetime import date

    assert resolver.entry("John R. Bolton", on=date(2018, 6, 1)).code == "USA"
    assert resolver.entry("Barack Obama", on=date(2018, 6, 1)) is None  # out of office
    assert resolver.former("Barack Obama").code == "USA"
    assert resolver.igo("European Union") == "IGOEU"
    assert resolver.igo("Azerbaijan") is None


def test_plover_index_prefers_the_types_own_root():
    ontology = load_ontology()
    index = plover_index(ontology, load_history_tables().plover_cameo)
    assert index[("ASSAULT", "")].code == "18"
    assert index[("ASSAULT", mode_key("firearms"))].code == "193"
    assert index[("REQUEST", mode_key("assist"))].code == "101"  # not the 021 appeal
    assert index[("COERCE", mode_key("arrest"))].code == "173"
    assert mode_key("heavy weapons") == mode_key("heavy-weapons")
    for (plover, _), info in index.items():
        assert info.plover == plover


def test_remembered_lookups_stay_bounded(monkeypatch):
    from dyadwatch.history import resolve

    monkeypatch.setattr(resolve, "CACHE_LIMIT", 2)
    cache: dict = {}
    calls: list[int] = []
    for key in (1, 2, 1, 3, 1):
        assert resolve.remember(cache, key, lambda k=key: calls.append(k) or k * 10) == key * 10
    assert calls == [1, 2, 3, 1]  # 1 was remembered once, then forgotten when the cache filled
    assert len(cache) <= 2
