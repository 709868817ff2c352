"""`DuckDBStore`: the on-disk store. Bulk writes go through Arrow tables, every filter is a parameter."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from dyadwatch.errors import StoreError
from dyadwatch.store import records as rec
from dyadwatch.store.base import (
    ContextStore,
    EventQuery,
    WriteResult,
    make_query,
    outlet_name,
    unique_articles,
    unique_by,
    unique_discards,
)
from dyadwatch.store.migrations import MIGRATIONS, Migration, apply_migrations, pending_migrations
from dyadwatch.types import Article, CodedArticle, Discarded, Event, Incident, Sentence

_ORDER = "ORDER BY event_date ASC NULLS LAST, article_id, sentence_index, trigger_start, id"


class DuckDBStore(ContextStore):
    """A store in one DuckDB file (or ``":memory:"``), migrated to the latest schema on open."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        migrations: Sequence[Migration] = MIGRATIONS,
    ) -> None:
        """Open (creating parent folder and file unless `read_only`) and apply pending migrations."""
        self.path = str(path)
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = _connect(self.path, read_only=read_only)
        try:
            if read_only:
                _require_migrated(self._con, self.path, migrations)
            else:
                apply_migrations(self._con, migrations=migrations, path=self.path)
        except BaseException:
            self.close()
            raise

    # ----------------------------------------------------------------- plumbing

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection; StoreError once closed."""
        if self._con is None:
            raise StoreError(f"store {self.path} is closed; open it again")
        return self._con

    def _writable(self) -> duckdb.DuckDBPyConnection:
        """The connection, or StoreError if the store is read-only."""
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only; open it without read_only to write")
        return self.con

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn DuckDB and Arrow errors raised inside the block into one-line StoreErrors."""
        try:
            yield
        except (duckdb.Error, pa.ArrowException, UnicodeError) as e:
            raise StoreError(f"cannot {action} store {self.path}: {_first_line(e)}") from e

    @contextmanager
    def _transaction(self, action: str, tables: dict[str, pa.Table]) -> Iterator[duckdb.DuckDBPyConnection]:
        """Register Arrow tables and run the block in one transaction (rolled back on any error)."""
        con = self._writable()
        with self._errors(action):
            for name, table in tables.items():
                con.register(name, table)
            try:
                con.execute("BEGIN TRANSACTION")
                try:
                    yield con
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            finally:
                for name in tables:
                    con.unregister(name)

    # ----------------------------------------------------------------- writes

    def write_coded(self, coded: Sequence[CodedArticle]) -> WriteResult:
        """Store new articles with their sentences and events in one transaction."""
        batch = list(coded)
        unique = unique_articles(batch)
        if not unique:
            self._writable()
            return WriteResult(0, len(batch), 0, 0)
        ids = pa.table({"id": pa.array([c.article.id for c in unique], type=pa.string())})
        with self._transaction("write to", {"incoming_ids": ids}) as con:
            known = {
                row[0]
                for row in con.execute(
                    "SELECT a.id FROM articles a JOIN incoming_ids i ON a.id = i.id"
                ).fetchall()
            }
            fresh = [c for c in unique if c.article.id not in known]
            articles = self._insert(con, "articles", rec.articles_table([c.article for c in fresh]))
            sentences = unique_by((s for c in fresh for s in c.sentences), lambda s: (s.article_id, s.index))
            events = unique_by((e for c in fresh for e in c.events), lambda e: e.id)
            n_sentences = self._insert(con, "sentences", rec.sentences_table(sentences))
            n_events = self._insert(con, "events", rec.events_table(events))
        return WriteResult(articles, len(batch) - articles, n_sentences, n_events)

    @staticmethod
    def _insert(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> int:
        """Bulk-insert an Arrow table (skipping rows whose key exists); return the rows added."""
        if data.num_rows == 0:
            return 0
        columns = ", ".join(data.schema.names)
        con.register("incoming_rows", data)
        try:
            row = con.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming_rows ON CONFLICT DO NOTHING"
            ).fetchall()
        finally:
            con.unregister("incoming_rows")
        return int(row[0][0]) if row else 0

    def write_discards(self, discards: Sequence[Discarded]) -> int:
        """Store discards not stored yet; return how many were new."""
        unique = unique_discards(discards)
        if not unique:
            self._writable()
            return 0
        with self._transaction("write discards to", {}) as con:
            return self._insert(con, "discards", rec.discards_table(unique))

    def write_incidents(self, incidents: Sequence[Incident]) -> int:
        """Record each member event's incident, replacing earlier assignments of those events."""
        table = rec.incidents_table(unique_by(incidents, lambda i: i.id))
        if table.num_rows == 0:
            self._writable()
            return 0
        with self._transaction("write incidents to", {"incoming_incidents": table}) as con:
            con.execute("DELETE FROM incidents WHERE event_id IN (SELECT event_id FROM incoming_incidents)")
            con.execute(
                "INSERT INTO incidents SELECT event_id, incident_id, n_mentions, outlets FROM incoming_incidents "
                "ON CONFLICT DO NOTHING"
            )
        return table.num_rows

    # ----------------------------------------------------------------- reads

    def _by_ids(self, sql: str, ids: Iterable[str] | None, column: str) -> list[tuple]:
        """Rows of `sql` (which selects FROM a table aliased t), limited to `ids` when given."""
        con = self.con
        with self._errors("read"):
            if ids is None:
                return con.execute(sql).fetchall()
            wanted = pa.table({"id": pa.array(sorted({str(i) for i in ids}), type=pa.string())})
            con.register("wanted_ids", wanted)
            try:
                return con.execute(f"{sql} JOIN wanted_ids w ON t.{column} = w.id").fetchall()
            finally:
                con.unregister("wanted_ids")

    def incident_assignments(self, event_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Event id -> incident id."""
        rows = self._by_ids("SELECT t.event_id, t.incident_id FROM incidents t", event_ids, "event_id")
        return dict(rows)

    def outlets(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Article id -> outlet (or URL host)."""
        rows = self._by_ids("SELECT t.id, t.outlet, t.url FROM articles t", article_ids, "id")
        names = {aid: outlet_name(outlet, url) for aid, outlet, url in rows}
        return {aid: name for aid, name in names.items() if name}

    def sentence_texts(self, article_ids: Iterable[str]) -> dict[tuple[str, int], str]:
        """(article id, index) -> sentence text."""
        rows = self._by_ids("SELECT t.article_id, t.idx, t.text FROM sentences t", article_ids, "article_id")
        return {(aid, int(idx)): text for aid, idx, text in rows}

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored."""
        wanted = sorted({str(i) for i in ids})
        if not wanted:
            self.con  # noqa: B018 - raises if closed
            return set()
        con = self.con
        with self._errors("read"):
            con.register("wanted_ids", pa.table({"id": pa.array(wanted, type=pa.string())}))
            try:
                rows = con.execute("SELECT a.id FROM articles a JOIN wanted_ids w ON a.id = w.id").fetchall()
            finally:
                con.unregister("wanted_ids")
        return {row[0] for row in rows}

    def events(
        self,
        *,
        dyad: tuple[str, str] | None = None,
        both_directions: bool = True,
        since: date | None = None,
        until: date | None = None,
        modalities: Collection[str] | None = None,
    ) -> list[Event]:
        """Stored events matching the filters, ordered by date, article, sentence, trigger start."""
        query = make_query(
            dyad=dyad, both_directions=both_directions, since=since, until=until, modalities=modalities
        )
        if query.modalities is not None and not query.modalities:
            self.con  # noqa: B018 - raises if closed
            return []
        where, params = _where(query)
        sql = f"SELECT {rec.EVENT_COLUMNS} FROM events {where} {_ORDER}"
        with self._errors("read"):
            rows = self.con.execute(sql, params).fetchall()
        return [rec.event_from_row(row) for row in rows]

    def article(self, article_id: str) -> Article | None:
        """The stored article, or None."""
        row = self._one(f"SELECT {rec.ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id])
        return None if row is None else rec.article_from_row(row)

    def sentence(self, article_id: str, index: int) -> Sentence | None:
        """The stored sentence, or None."""
        sql = f"SELECT {rec.SENTENCE_COLUMNS} FROM sentences WHERE article_id = ? AND idx = ?"
        row = self._one(sql, [article_id, int(index)])
        return None if row is None else rec.sentence_from_row(row)

    def _one(self, sql: str, params: list[object]) -> tuple | None:
        """First row of a parameterised query, or None."""
        with self._errors("read"):
            rows = self.con.execute(sql, params).fetchall()
        return rows[0] if rows else None

    def discards(self) -> list[Discarded]:
        """Every stored discard, ordered by stage, item id, reason."""
        with self._errors("read"):
            rows = self.con.execute(
                f"SELECT {rec.DISCARD_COLUMNS} FROM discards ORDER BY stage, item_id, reason"
            ).fetchall()
        return [rec.discard_from_row(row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Row counts per table."""
        sql = (
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences), "
            "(SELECT count(*) FROM events), (SELECT count(*) FROM discards), "
            "(SELECT count(DISTINCT incident_id) FROM incidents)"
        )
        row = self._one(sql, [])
        assert row is not None
        return dict(zip(("articles", "sentences", "events", "discards", "incidents"), map(int, row), strict=True))

    def close(self) -> None:
        """Close the connection (idempotent)."""
        con, self._con = self._con, None
        if con is not None:
            try:
                con.close()
            except duckdb.Error as e:
                raise StoreError(f"cannot close store {self.path}: {_first_line(e)}") from e


def _where(query: EventQuery) -> tuple[str, list[object]]:
    """WHERE clause (fixed SQL text) and its parameters for an `EventQuery`."""
    clauses: list[str] = []
    params: list[object] = []
    if query.dyad is not None:
        a, b = query.dyad
        if query.both_directions:
            clauses.append("((source_key = ? AND target_key = ?) OR (source_key = ? AND target_key = ?))")
            params += [a, b, b, a]
        else:
            clauses.append("source_key = ? AND target_key = ?")
            params += [a, b]
    if query.since is not None:
        clauses.append("event_date >= ?")
        params.append(query.since)
    if query.until is not None:
        clauses.append("event_date <= ?")
        params.append(query.until)
    if query.modalities is not None:
        clauses.append("list_contains(?::VARCHAR[], modality)")
        params.append(sorted(query.modalities))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _connect(path: str, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB database, mapping every failure to a one-line StoreError naming the path."""
    if path != ":memory:":
        file = Path(path)
        if file.is_dir():
            raise StoreError(
                f"store {path} is a folder; give a file path such as {file / 'dyadwatch.duckdb'}"
            )
        if read_only and not file.exists():
            raise StoreError(f"store {path} does not exist; run an ingest first or check the path")
        if not read_only:
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(
                    f"cannot create the folder for store {path}: {e.strerror}; check permissions"
                ) from e
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as e:
        raise StoreError(_open_message(path, e)) from e


def _open_message(path: str, error: duckdb.Error) -> str:
    """One line explaining why `path` could not be opened and what to do."""
    text = str(error).lower()
    if "lock" in text or "conflicting" in text:
        return f"store {path} is locked by another process (another dyadwatch run?); wait for it or close it"
    if "different configuration" in text:
        return f"store {path} is already open in this process in another mode; close it first"
    if "not a valid duckdb" in text or "corrupt" in text or "checksum" in text or "magic" in text:
        return f"store {path} is not a valid DuckDB database (corrupt?); move it aside or use another path"
    if "version" in text or "storage" in text:
        return f"store {path} was written by an incompatible DuckDB version; use another path or migrate it"
    if "permission" in text:
        return f"cannot open store {path}: permission denied; check file and folder permissions"
    return f"cannot open store {path}: {_first_line(error)}"


def _require_migrated(con: duckdb.DuckDBPyConnection, path: str, migrations: Sequence[Migration]) -> None:
    """In read-only mode nothing can be migrated: fail if the schema is behind."""
    try:
        pending = pending_migrations(con, migrations=migrations, path=path)
    except duckdb.Error as e:
        raise StoreError(f"cannot read the schema of store {path}: {_first_line(e)}") from e
    if pending:
        names = ", ".join(name for name, _ in pending)
        raise StoreError(
            f"store {path} needs migrations ({names}); open it once without read-only to upgrade"
        )


def _first_line(error: BaseException) -> str:
    """First line of an exception message."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
