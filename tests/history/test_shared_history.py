"""The importers on the real files in ../shared/data/history/ (skipped where that folder is absent)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from dyadwatch.history import read_history
from dyadwatch.types import CodedArticle, Discarded

pytestmark = pytest.mark.shared

ICEWS18 = "icews18_AZE_RUS_events_2018-01_2018-10.tsv"
ICEWS_SAMPLE = "icews_events.2018.sample.tab"
GDELT1 = "gdelt1_georgia-geolocated_2011-06_2012-11_AZE_or_RUS_actor_rows.csv"


def _read(kind: str, path: Path) -> tuple[list[CodedArticle], list[Discarded], int]:
    reader = read_history(kind, path)
    rows = list(reader)
    good = [r for r in rows if isinstance(r, CodedArticle)]
    return good, [r for r in rows if isinstance(r, Discarded)], reader.counts.rows


@pytest.fixture(scope="module")
def icews18(shared_data):
    return _read("icews", shared_data / "history" / ICEWS18)


def test_most_icews18_aze_rus_rows_import(icews18):
    good, bad, rows = icews18
    assert rows == 38581 and len(good) + len(bad) == rows
    assert len(good) / rows >= 0.85  # 87.6% when written; the rest name people or places we do not know
    # no row fails for its date or code: only unresolvable actors are discarded
    assert all("actor" in d.reason for d in bad)


def test_icews18_rows_between_aze_and_rus_all_import(icews18, shared_data):
    with (shared_data / "history" / ICEWS18).open(encoding="utf-8", newline="") as fh:
        direct = sum(
            1 for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            if {r["source_country_heuristic"], r["target_country_heuristic"]} == {"AZE", "RUS"}
        )
    good, _, _ = icews18
    dyads = Counter(frozenset(c.events[0].dyad) for c in good)
    assert direct == 265
    assert dyads[frozenset({"AZE", "RUS"})] >= direct  # names resolve a few more (Heydar Aliyev, LUKoil)


def test_icews18_country_names_map_to_iso3(icews18):
    good, _, _ = icews18
    names = {(e.source.actor.name, e.source.actor.code) for c in good for e in c.events}
    assert ("Azerbaijan", "AZE") in names and ("Russia", "RUS") in names
    assert ("Vladimir Putin", "RUSGOV") in names
    assert ("Police (Russia)", "RUSCOP") in names


def test_icews_sample_imports_with_sectors(shared_data):
    good, bad, rows = _read("icews", shared_data / "history" / ICEWS_SAMPLE)
    assert rows == 3705
    assert len(good) / rows >= 0.95
    events = [c.events[0] for c in good]
    with (shared_data / "history" / ICEWS_SAMPLE).open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    from_russia = [
        c.events[0].source.actor.country for c in good
        if table[int(c.article.source.rsplit(":", 1)[1]) - 2]["Source Country"] == "Russian Federation"
    ]
    assert len(from_russia) > 100 and set(from_russia) == {"RUS"}
    assert sum(e.source.actor.sector is not None for e in events) / len(events) >= 0.7
    assert all(c.article.outlet for c in good)
    assert all("actor" in d.reason for d in bad)


def test_gdelt1_rows_parse_and_every_row_with_two_states_imports(shared_data):
    path = shared_data / "history" / GDELT1
    good, bad, rows = _read("gdelt", path)
    assert rows == 7485 and {c.events[0].versions.split(";")[0] for c in good} == {"import=gdelt1"}
    assert not [d for d in bad if "actor" not in d.reason]  # dates, codes and widths all parse
    with path.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    by_id = {c.events[0].id: c.events[0] for c in good}
    assert len(by_id) == len(good)
    lines = {int(c.article.source.rsplit(":", 1)[1]) for c in good}
    both = [i for i, r in enumerate(table, start=2) if r["Actor1CountryCode"] in ("RUS", "AZE", "USA", "ARM", "GEO")
            and r["Actor2CountryCode"] in ("RUS", "AZE", "USA", "ARM", "GEO")]
    assert both and set(both) <= lines
    for c in good:
        row = table[int(c.article.source.rsplit(":", 1)[1]) - 2]
        event = c.events[0]
        assert event.cameo == row["EventCode"] and event.date.strftime("%Y%m%d") == row["SQLDATE"]
        if event.source.actor.country:
            assert event.source.actor.country == row["Actor1CountryCode"]
