"""History import on hand-made fixtures (tests/data/history/): every format, bad rows, bad files."""

from __future__ import annotations

import gzip
import zipfile
from datetime import date
from pathlib import Path

import pytest

from dyadwatch.errors import HistoryError
from dyadwatch.history import HISTORY_KINDS, detect_kind, read_history
from dyadwatch.store import open_store
from dyadwatch.types import CodedArticle, Discarded

DATA = Path(__file__).resolve().parents[1] / "data" / "history"


def records(kind: str, name: str, **options) -> list[CodedArticle | Discarded]:
    return list(read_history(kind, DATA / name, **options))


def coded(kind: str, name: str, **options) -> list[CodedArticle]:
    return [r for r in records(kind, name, **options) if isinstance(r, CodedArticle)]


def discards(kind: str, name: str, **options) -> dict[int, str]:
    """line number -> reason"""
    found = [r for r in records(kind, name, **options) if isinstance(r, Discarded)]
    return {int(d.item_id.rsplit(":", 1)[1]): d.reason for d in found}


ALL_FILES = [
    ("icews", "icews_events.tab"),
    ("icews", "icews_noheader.tab"),
    ("icews", "icews18_extract.tsv"),
    ("gdelt", "gdelt1_daily.tsv"),
    ("gdelt", "gdelt1_backfile.tsv"),
    ("gdelt", "gdelt1_header.csv"),
    ("gdelt", "gdelt2.export.CSV"),
    ("polecat", "polecat.tsv"),
]


# --- ICEWS ----------------------------------------------------------------------------------------


def test_icews_row_becomes_article_sentence_and_event():
    first = coded("icews", "icews_events.tab")[0]
    article, event = first.article, first.events[0]
    assert article.text == (
        "Police (Russia) [RUSCOP] → Citizen (Azerbaijan) [AZECVL]: "
        "Arrest, detain, or charge with legal action [CAMEO 173]"
    )
    assert article.published == date(2019, 3, 4) and article.outlet == "Caspian Ledger"
    assert article.source == f"{DATA / 'icews_events.tab'}:2" and article.language == "en"
    assert [(s.index, s.start, s.end) for s in first.sentences] == [(0, 0, len(article.text))]
    assert event.dyad == ("RUS", "AZE")
    assert (event.source.actor.sector, event.target.actor.sector) == ("COP", "CVL")
    assert event.source.actor.how == "icews" and event.source.actor.name == "Police (Russia)"
    assert (event.cameo, event.cameo_root, event.plover, event.plover_mode) == ("173", "17", "COERCE", "arrest")
    assert (event.goldstein, event.quad, event.modality) == (-5.0, 4, "asserted")
    assert event.date == date(2019, 3, 4) and event.date_precision == "day"
    assert event.versions.startswith("import=icews;")


def test_icews_actors_resolve_by_country_column_dictionary_and_igo_names():
    events = {c.article.text.split(" [", 1)[0]: c.events[0] for c in coded("icews", "icews_events.tab")}
    assert events["Foreign Affairs (Azerbaijan)"].source.actor.code == "AZEGOV"
    assert events["Foreign Affairs (Azerbaijan)"].target.actor.code == "RUS"  # "Russian Federation"
    eu = events["European Union"]
    assert (eu.source.actor.country, eu.source.actor.igo) == (None, "IGOEU")
    assert eu.target.actor.code == "ARMMIL"  # "Military,Government": the more specific role wins
    assert events["Ilham Aliyev"].target.actor.code == "RUSGOV"
    moldova = events["Ministry (Moldova)"]  # alias table: "Moldova, Republic of", "Occupied Palestinian Territory"
    assert moldova.dyad == ("MDA", "PSE")


def test_icews_domestic_rows_are_kept():
    police = [c.events[0] for c in coded("icews", "icews_events.tab") if c.events[0].cameo == "190"]
    assert [e.dyad for e in police] == [("RUS", "RUS")]
    assert police[0].target.actor.sector == "OPP"


def test_icews_bad_rows_are_discarded_with_reasons():
    found = discards("icews", "icews_events.tab")
    assert found == {
        7: "source actor 'Caucasus' has no country or IGO code",
        8: "unknown CAMEO code '999'",
        9: "bad date '2019-02-30'",
        10: "row has 6 columns, expected 20",
    }
    one = next(r for r in records("icews", "icews_events.tab") if isinstance(r, Discarded))
    assert one.stage == "import" and one.source == str(DATA / "icews_events.tab")


def test_icews_without_header_reads_by_position():
    plain = coded("icews", "icews_noheader.tab")
    with_header = coded("icews", "icews_events.tab")[:2]
    assert [c.events[0].id for c in plain] == [c.events[0].id for c in with_header]
    assert plain[0].article.source.endswith("icews_noheader.tab:1")


def test_icews18_extract_resolves_names_and_keeps_repeated_rows_apart():
    rows = coded("icews", "icews18_extract.tsv")
    texts = [c.article.text for c in rows]
    assert texts[0] == texts[1] == "Azerbaijan [AZE] → Turkey [TUR]: Consult [CAMEO 040]"
    assert rows[0].article.id != rows[1].article.id  # two identical rows are two events
    by_source = {c.events[0].source.actor.name: c.events[0] for c in rows}
    assert by_source["Military (Russia)"].source.actor.code == "RUSMIL"
    assert by_source["Ilham Aliyev"].target.actor.code == "USAGOV"  # Donald Trump, in office on 2019-05-02
    assert by_source["Heydar Aliyev"].source.actor.code == "AZE"  # out of office: country, no role
    assert by_source["Citizen (Armenia)"].dyad == ("ARM", "ARM")
    assert rows[0].events[0].versions.startswith("import=icews18;")
    unspecified = "source actor 'Unspecified Actor' has no country or IGO code"
    assert discards("icews", "icews18_extract.tsv") == {7: unspecified}


# --- GDELT ----------------------------------------------------------------------------------------


def test_gdelt1_daily_file():
    reader = read_history("gdelt", DATA / "gdelt1_daily.tsv")
    rows = list(reader)
    assert reader.counts.fmt == "gdelt1"
    first = next(r for r in rows if isinstance(r, CodedArticle))
    event = first.events[0]
    assert first.article.url == "https://www.caspian-ledger.example/news/1"
    assert first.article.outlet == "caspian-ledger.example"
    assert event.dyad == ("RUS", "AZE") and event.source.actor.code == "RUSGOV" and event.cameo == "036"
    assert event.versions.startswith("import=gdelt1;") and event.source.actor.how == "gdelt"
    un = [r.events[0] for r in rows if isinstance(r, CodedArticle) and r.events[0].source.actor.igo]
    assert [e.source.actor.igo for e in un] == ["IGOUNO"]


def test_gdelt_bad_rows_are_discarded_with_reasons():
    assert discards("gdelt", "gdelt1_daily.tsv") == {
        4: "source actor 'EUROPE' (EUR is a region) has no country or IGO code",
        5: "no target actor",
        6: "bad date '20141312'",
        7: "row has 30 columns, expected 58",
    }


def test_gdelt1_backfile_has_57_columns():
    reader = read_history("gdelt", DATA / "gdelt1_backfile.tsv")
    rows = list(reader)
    assert reader.counts.fmt == "gdelt1" and reader.counts.imported == 2
    assert all(r.article.url is None and r.article.outlet == "GDELT" for r in rows)


def test_gdelt2_export():
    reader = read_history("gdelt", DATA / "gdelt2.export.CSV")
    rows = list(reader)
    assert reader.counts.fmt == "gdelt2"
    events = [r.events[0] for r in rows]
    assert [e.cameo for e in events] == ["1831", "1011", "173"]
    assert events[0].versions.startswith("import=gdelt2;")
    assert rows[1].article.outlet == "BBC Monitoring" and rows[1].article.url is None  # not a URL
    assert events[2].dyad == ("RUS", "RUS") and events[2].target.actor.sector == "MED"


def test_gdelt_with_header_row_and_extra_column():
    rows = coded("gdelt", "gdelt1_header.csv")
    daily = coded("gdelt", "gdelt1_daily.tsv")
    assert [r.events[0].id for r in rows[:3]] == [r.events[0].id for r in daily[:3]]
    assert rows[3].events[0].source.actor.name == "BAKU, AZERBAIJAN"  # quoted comma in a CSV cell


# --- POLECAT --------------------------------------------------------------------------------------


def test_polecat_maps_plover_to_a_representative_cameo_code_and_keeps_its_own_plover():
    rows = {c.events[0].id: c for c in coded("polecat", "polecat.tsv")}
    assault = next(c for c in rows.values() if c.events[0].plover == "ASSAULT")
    event = assault.events[0]
    assert event.cameo == "193" and event.plover_mode == "firearms" and event.plover_context == "military"
    assert "[PLOVER ASSAULT/firearms → CAMEO 193 by type and mode]" in assault.article.text
    assert event.dyad == ("AZE", "ARM") and event.source.actor.code == "AZEMIL" and event.quad == 4
    assert event.versions.startswith("import=polecat;") and event.source.actor.how == "polecat"


def test_polecat_type_without_mode_old_names_and_igo_recipient():
    events = [c.events[0] for c in coded("polecat", "polecat.tsv")]
    requests = [e for e in events if e.plover == "REQUEST"]
    assert [e.cameo for e in requests] == ["10", "10"]  # REQUEST and the old name DEMAND
    assert requests[1].target.actor.igo == "IGOUNO"
    accuse = next(e for e in events if e.plover == "ACCUSE")  # "accuse" in lower case, mode allege
    assert accuse.cameo.startswith("11") and accuse.plover_context == "human_rights;military"
    assert accuse.source.actor.sector == "GOV"  # "Government" spelled out


def test_polecat_bad_rows_are_discarded_and_stray_tabs_tolerated():
    assert discards("polecat", "polecat.tsv") == {
        5: "unknown PLOVER event type 'FROLIC'",
        7: "source actor 'Somebody' has no country or IGO code",
    }
    assert len(coded("polecat", "polecat.tsv")) == 4  # the row with two stray cells is imported


# --- every format ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "name"), ALL_FILES)
def test_offsets_slice_back_to_their_text(kind, name):
    rows = coded(kind, name)
    assert rows
    for item in rows:
        text = item.article.text
        (sentence,) = item.sentences
        (event,) = item.events
        assert text[sentence.start : sentence.end] == sentence.text == text
        for span in (event.source, event.target, event.trigger):
            assert text[span.start : span.end] == span.text and span.text
        assert event.source.text == event.source.actor.name
        assert event.article_id == item.article.id and event.sentence_index == 0
        assert item.article.title == text and item.article.published == event.date


@pytest.mark.parametrize(("kind", "name"), ALL_FILES)
def test_ids_are_stable_across_runs_and_unique(kind, name):
    first = [(c.article.id, c.events[0].id) for c in coded(kind, name)]
    again = [(c.article.id, c.events[0].id) for c in coded(kind, name)]
    assert first == again
    assert len({a for a, _ in first}) == len(first) and len({e for _, e in first}) == len(first)
    assert all(a.startswith("a") and e.startswith("e") for a, e in first)


@pytest.mark.parametrize(("kind", "name"), ALL_FILES)
def test_detect_kind(kind, name):
    assert detect_kind(DATA / name) == kind


def test_detect_kind_of_other_files():
    assert detect_kind(DATA / "not_events.txt") is None
    assert detect_kind(DATA / "gdelt_bad_width.tsv") is None
    with pytest.raises(HistoryError, match="missing.tab"):
        detect_kind(DATA / "missing.tab")


def test_country_filter_skips_rows_without_counting_them_as_discards():
    reader = read_history("icews", DATA / "icews_events.tab", countries={"aze"})
    rows = list(reader)
    kept = [r.events[0].dyad for r in rows if isinstance(r, CodedArticle)]
    assert kept and all("AZE" in dyad for dyad in kept)
    assert len(kept) == 4
    # bad rows outside the filter (Caucasus -> Georgia, Georgia -> Armenia, the short Armenia row) are
    # skipped like the good ones; the bad-date row Turkey -> Azerbaijan involves AZE and is discarded
    assert [r.reason for r in rows if isinstance(r, Discarded)] == ["bad date '2019-02-30'"]
    counts = reader.counts
    assert (counts.rows, counts.imported, counts.discarded, counts.skipped) == (11, 4, 1, 6)


def test_counts_without_filter():
    reader = read_history("icews", DATA / "icews_events.tab")
    list(reader)
    assert (reader.counts.rows, reader.counts.imported, reader.counts.discarded, reader.counts.skipped) == (11, 7, 4, 0)


def test_reading_streams_row_by_row():
    reader = read_history("icews", DATA / "icews_events.tab")
    assert isinstance(next(reader), CodedArticle)
    assert reader.counts.rows == 1
    reader.close()


def test_compressed_files(tmp_path):
    raw = (DATA / "gdelt2.export.CSV").read_bytes()
    gz = tmp_path / "20230916.export.CSV.gz"
    gz.write_bytes(gzip.compress(raw))
    packed = tmp_path / "20230916.export.CSV.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("20230916.export.CSV", raw)
    plain = [c.events[0].id for c in coded("gdelt", "gdelt2.export.CSV")]
    assert [c.events[0].id for c in read_history("gdelt", gz)] == plain
    assert [c.events[0].id for c in read_history("gdelt", packed)] == plain


def test_unreadable_files_raise_history_error_naming_the_file(tmp_path):
    with pytest.raises(HistoryError, match=r"missing\.tab: cannot read"):
        read_history("icews", DATA / "missing.tab")
    with pytest.raises(HistoryError, match=r"not_events\.txt: not an ICEWS event file"):
        read_history("icews", DATA / "not_events.txt")
    with pytest.raises(HistoryError, match=r"gdelt_bad_width\.tsv: not a GDELT events file .*40 columns"):
        read_history("gdelt", DATA / "gdelt_bad_width.tsv")
    with pytest.raises(HistoryError, match=r"icews_events\.tab: not a POLECAT file"):
        read_history("polecat", DATA / "icews_events.tab")
    empty = tmp_path / "empty.tab"
    empty.write_text("")
    with pytest.raises(HistoryError, match=r"empty\.tab: empty"):
        read_history("icews", empty)
    broken = tmp_path / "broken.gz"
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(HistoryError, match=r"broken\.gz") as info:
        read_history("gdelt", broken)
    assert "\n" not in str(info.value)


def test_bad_arguments_raise_value_error():
    assert HISTORY_KINDS == ("icews", "gdelt", "polecat")
    with pytest.raises(ValueError, match="kind"):
        read_history("acled", DATA / "icews_events.tab")
    with pytest.raises(ValueError, match="countries"):
        read_history("icews", DATA / "icews_events.tab", countries=set())
    with pytest.raises(ValueError, match="countries"):
        read_history("icews", DATA / "icews_events.tab", countries="AZE")


def test_store_writes_imports_unchanged_and_reimport_adds_nothing():
    store = open_store(":memory:")
    ids: set[str] = set()
    for kind, name in ALL_FILES:
        batch = records(kind, name)
        good = [r for r in batch if isinstance(r, CodedArticle)]
        result = store.write_coded(good)
        assert result.events == result.sentences == result.articles
        assert result.articles == len({c.article.id for c in good} - ids)
        ids |= {c.article.id for c in good}
        store.write_discards([r for r in batch if isinstance(r, Discarded)])
    counts = store.counts()
    assert counts["articles"] == counts["events"] == len(ids)
    # the header-less ICEWS file and the GDELT CSV repeat rows of other fixtures: same ids, not stored twice
    assert len(ids) < sum(len(coded(kind, name)) for kind, name in ALL_FILES)
    for kind, name in ALL_FILES:
        batch = records(kind, name)
        again = store.write_coded([r for r in batch if isinstance(r, CodedArticle)])
        assert (again.articles, again.events) == (0, 0)
        assert store.write_discards([r for r in batch if isinstance(r, Discarded)]) == 0
    assert store.counts() == counts
    aze_rus = store.events(dyad=("AZE", "RUS"))
    assert {e.versions.split(";")[0] for e in aze_rus} >= {"import=icews", "import=gdelt1", "import=gdelt2"}


def test_duckdb_store_round_trips_imported_events(tmp_path):
    good = [r for kind, name in ALL_FILES[:1] + ALL_FILES[5:] for r in coded(kind, name)]
    with open_store(tmp_path / "history.duckdb") as store:
        store.write_coded(good)
        stored = {e.id: e for e in store.events()}
        article = store.article(good[0].article.id)
    assert stored == {c.events[0].id: c.events[0] for c in good}
    assert article == good[0].article
