"""DuckDB-specific behaviour: migrations, reopening, read-only mode, error mapping, bulk speed."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from store_strategies import split_sentences

from dyadwatch.errors import StoreError
from dyadwatch.store import MIGRATIONS, DuckDBStore, MemoryStore, Store, WriteResult, open_store
from dyadwatch.types import Actor, Article, CodedArticle, Discarded, Event, Mention, Trigger, content_id


def coded(n: int, events_per_article: int = 2, *, start: int = 0) -> list[CodedArticle]:
    """`n` small articles, each with one sentence and a few AZE<->RUS / UN events."""
    aze, rus, un = (
        Actor("AZE", "GOV", None, "Azerbaijan", "country-name"),
        Actor("RUS"),
        Actor(None, igo="IGOUNO"),
    )
    out = []
    for i in range(start, start + n):
        text = f"Azerbaijan criticised Russia at the UN, report {i}. Ünïcödé ✓"
        art = Article(
            content_id(text, prefix="a"), text, title=f"t{i}", published=date(2024, 1, 1) + timedelta(i % 400)
        )
        events = tuple(
            Event(
                content_id(art.id, str(k), prefix="e"),
                art.id,
                0,
                Mention("Azerbaijan", 0, 10, aze),
                Mention("Russia", 22, 28, rus if k % 3 else un),
                Trigger("criticised", 11, 21),
                "111",
                "11",
                "ACCUSE",
                -2.0,
                3,
                modality=("asserted", "alleged")[k % 2],
                date=art.published,
                versions="ontology=1;actors=1",
            )
            for k in range(events_per_article)
        )
        out.append(CodedArticle(art, split_sentences(art, [48]), events))
    return out


def ledger(path: Path) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT name, applied_at FROM schema_migrations ORDER BY name").fetchall()
    finally:
        con.close()


def test_migrations_recorded_and_not_reapplied(tmp_path: Path) -> None:
    path = tmp_path / "db" / "store.duckdb"
    with DuckDBStore(path) as store:
        store.write_coded(coded(3))
    first = ledger(path)
    names = ["0001_initial", "0002_event_detail", "0003_incidents"]
    assert [name for name, _ in first] == [name for name, _ in MIGRATIONS] == names
    with DuckDBStore(path) as store:
        assert store.counts()["articles"] == 3
    assert ledger(path) == first


def test_appended_migration_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    DuckDBStore(path).close()
    extended = (*MIGRATIONS, ("9001_notes", "CREATE TABLE notes (id VARCHAR PRIMARY KEY, body VARCHAR);"))
    for _ in range(2):
        with DuckDBStore(path, migrations=extended) as store:
            store.con.execute("INSERT INTO notes VALUES (?, ?) ON CONFLICT DO NOTHING", ["n1", "x"])
    names = [name for name, _ in ledger(path)]
    assert names == [name for name, _ in MIGRATIONS] + ["9001_notes"]
    with pytest.raises(StoreError, match="newer dyadwatch"):
        DuckDBStore(path)


def test_failed_migration_rolls_back(tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    bad = (*MIGRATIONS, ("9002_bad", "CREATE TABLE half (x INT); SELECT * FROM no_such_table;"))
    with pytest.raises(StoreError, match="9002_bad"):
        DuckDBStore(path, migrations=bad)
    assert [name for name, _ in ledger(path)] == [name for name, _ in MIGRATIONS]
    con = duckdb.connect(str(path), read_only=True)
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    con.close()
    assert "half" not in tables


def test_reopen_keeps_data_and_read_only(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "deeper" / "store.duckdb"
    batch = coded(5)
    with open_store(f"duckdb:{path}") as store:
        assert isinstance(store, DuckDBStore)
        assert store.write_coded(batch) == WriteResult(5, 0, 10, 10)
        store.write_discards([Discarded("ingest", "x.html", "empty text", "x.html")])
        events = store.events()
    with open_store(str(path), read_only=True) as store:
        assert store.counts() == {"articles": 5, "sentences": 10, "events": 10, "discards": 1, "incidents": 0}
        assert store.events() == events
        assert store.article(batch[0].article.id) == batch[0].article
        with pytest.raises(StoreError, match="read-only"):
            store.write_coded(coded(1, start=99))
        with pytest.raises(StoreError, match="read-only"):
            store.write_discards([])


def test_open_store_dispatch_and_context_manager(tmp_path: Path) -> None:
    memory = open_store(":memory:")
    assert isinstance(memory, MemoryStore) and isinstance(memory, Store)
    with open_store("duckdb::memory:") as duck:
        assert isinstance(duck, DuckDBStore) and isinstance(duck, Store)
        duck.write_coded(coded(1))
    with pytest.raises(StoreError, match="closed"):
        duck.counts()
    duck.close()
    with memory:
        memory.write_coded(coded(1))
    with pytest.raises(StoreError, match="closed"):
        memory.events()
    with pytest.raises(StoreError, match="read-only"):
        open_store(":memory:", read_only=True).write_coded([])
    with pytest.raises(StoreError, match="empty"):
        open_store("")


def test_read_only_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.duckdb"
    with pytest.raises(StoreError, match="does not exist") as info:
        open_store(path, read_only=True)
    assert str(path) in str(info.value)
    assert not path.exists()


def test_corrupt_file_and_folder(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a duckdb file\n" * 500)
    with pytest.raises(StoreError) as info:
        open_store(bad)
    message = str(info.value)
    assert str(bad) in message and "\n" not in message
    with pytest.raises(StoreError, match="folder"):
        open_store(tmp_path)


HOLD_LOCK = (
    "import duckdb, sys, time\nc = duckdb.connect(sys.argv[1])\nprint('ready', flush=True)\ntime.sleep(60)\n"
)


def test_locked_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    DuckDBStore(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            HOLD_LOCK,
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="locked") as info:
            open_store(path)
        assert str(path) in str(info.value) and "\n" not in str(info.value)
    finally:
        holder.kill()
        holder.wait()


def test_filters_are_parameters_not_sql(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        store.write_coded(coded(3, events_per_article=3))
        evil = "RUS' OR '1'='1"
        assert store.events(dyad=("AZE", evil)) == []
        assert store.events(modalities=[evil, "'); DROP TABLE events; --"]) == []
        assert store.article("x' OR '1'='1") is None
        assert store.known_article_ids(["' OR 1=1 --"]) == set()
        assert store.counts()["events"] == 9
        assert {e.dyad for e in store.events(dyad=("AZE", "IGOUNO"))} == {("AZE", "IGOUNO")}
        with pytest.raises(StoreError, match="pair"):
            store.events(dyad="AZERUS")  # type: ignore[arg-type]


@pytest.mark.slow
def test_bulk_write_50k_events_under_10s(tmp_path: Path) -> None:
    batch = coded(5_000, events_per_article=10)
    with open_store(tmp_path / "bulk.duckdb") as store:
        started = time.perf_counter()
        result = store.write_coded(batch)
        elapsed = time.perf_counter() - started
        assert result == WriteResult(5_000, 0, 10_000, 50_000)
        assert elapsed < 10, f"bulk write took {elapsed:.1f}s"
        again = time.perf_counter()
        assert store.write_coded(batch).duplicates == 5_000
        assert time.perf_counter() - again < 10
        events = store.events(dyad=("AZE", "RUS"), since=date(2024, 3, 1))
        assert events and all(e.dyad == ("AZE", "RUS") and e.date >= date(2024, 3, 1) for e in events)


def test_a_store_made_before_0002_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    DuckDBStore(path, migrations=MIGRATIONS[:1]).close()
    with DuckDBStore(path) as store:
        store.write_coded(coded(2))
        assert store.counts()["events"] == len(store.events())
    assert [name for name, _ in ledger(path)] == [name for name, _ in MIGRATIONS]
