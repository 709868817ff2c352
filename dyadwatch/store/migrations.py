"""Named schema migrations for the DuckDB store.

`MIGRATIONS` is an ordered tuple of ``(name, sql)``. A migration, once released, is never edited:
a schema change is a new entry appended at the end. `apply_migrations` records each applied name in
``schema_migrations`` and applies only the ones not recorded yet, each in its own transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from dyadwatch.errors import StoreError

Migration = tuple[str, str]
"""A migration: (unique name such as "0001_initial", SQL script of one or more statements)."""

_INITIAL = """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    text VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    url VARCHAR,
    published DATE,
    outlet VARCHAR,
    author VARCHAR,
    source VARCHAR NOT NULL,
    language VARCHAR NOT NULL
);
CREATE TABLE sentences (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    event_date DATE,
    source_text VARCHAR NOT NULL,
    source_start INTEGER NOT NULL,
    source_end INTEGER NOT NULL,
    source_country VARCHAR,
    source_sector VARCHAR,
    source_igo VARCHAR,
    source_name VARCHAR NOT NULL,
    source_how VARCHAR NOT NULL,
    source_key VARCHAR NOT NULL,
    target_text VARCHAR NOT NULL,
    target_start INTEGER NOT NULL,
    target_end INTEGER NOT NULL,
    target_country VARCHAR,
    target_sector VARCHAR,
    target_igo VARCHAR,
    target_name VARCHAR NOT NULL,
    target_how VARCHAR NOT NULL,
    target_key VARCHAR NOT NULL,
    trigger_text VARCHAR NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    cameo VARCHAR NOT NULL,
    cameo_root VARCHAR NOT NULL,
    plover VARCHAR NOT NULL,
    goldstein DOUBLE NOT NULL,
    quad INTEGER NOT NULL,
    modality VARCHAR NOT NULL,
    versions VARCHAR NOT NULL
);
CREATE INDEX events_dyad ON events (source_key, target_key);
CREATE INDEX events_date ON events (event_date);
CREATE INDEX events_article ON events (article_id);
CREATE TABLE discards (
    stage VARCHAR NOT NULL,
    item_id VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    PRIMARY KEY (stage, item_id, reason)
);
"""

_EVENT_DETAIL = """
ALTER TABLE events ADD COLUMN plover_mode VARCHAR DEFAULT '';
ALTER TABLE events ADD COLUMN plover_context VARCHAR DEFAULT '';
ALTER TABLE events ADD COLUMN date_precision VARCHAR DEFAULT '';
ALTER TABLE events ADD COLUMN date_text VARCHAR DEFAULT '';
ALTER TABLE events ADD COLUMN historical BOOLEAN DEFAULT false;
ALTER TABLE events ADD COLUMN reported_by_text VARCHAR;
ALTER TABLE events ADD COLUMN reported_by_start INTEGER;
ALTER TABLE events ADD COLUMN reported_by_end INTEGER;
ALTER TABLE events ADD COLUMN reported_by_country VARCHAR;
ALTER TABLE events ADD COLUMN reported_by_sector VARCHAR;
ALTER TABLE events ADD COLUMN reported_by_igo VARCHAR;
ALTER TABLE events ADD COLUMN reported_by_name VARCHAR;
ALTER TABLE events ADD COLUMN reported_by_how VARCHAR;
ALTER TABLE events ADD COLUMN reported_by_key VARCHAR;
"""

_INCIDENTS = """
CREATE TABLE incidents (
    event_id VARCHAR PRIMARY KEY,
    incident_id VARCHAR NOT NULL,
    n_mentions INTEGER NOT NULL,
    outlets VARCHAR NOT NULL
);
CREATE INDEX incidents_incident ON incidents (incident_id);
"""

MIGRATIONS: tuple[Migration, ...] = (
    ("0001_initial", _INITIAL),
    ("0002_event_detail", _EVENT_DETAIL),
    ("0003_incidents", _INCIDENTS),
)
"""Every migration, oldest first. Append only."""

_LEDGER = "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names recorded in ``schema_migrations`` (empty if the ledger table does not exist yet)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", ["schema_migrations"]
    ).fetchall()
    if not exists[0][0]:
        return []
    return [row[0] for row in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]


def pending_migrations(
    con: duckdb.DuckDBPyConnection, *, migrations: Sequence[Migration] = MIGRATIONS, path: str = ""
) -> list[Migration]:
    """Migrations not applied yet; StoreError if the database holds migrations this code does not know."""
    names = [name for name, _ in migrations]
    if len(set(names)) != len(names):
        raise StoreError(f"store {path}: duplicate migration names in {names}")
    applied = set(applied_migrations(con))
    unknown = sorted(applied - set(names))
    if unknown:
        raise StoreError(
            f"store {path} was written by a newer dyadwatch (unknown migrations {', '.join(unknown)}); "
            "upgrade dyadwatch or use another store path"
        )
    return [(name, sql) for name, sql in migrations if name not in applied]


def apply_migrations(
    con: duckdb.DuckDBPyConnection, *, migrations: Sequence[Migration] = MIGRATIONS, path: str = ""
) -> list[str]:
    """Apply the pending migrations in order, each in its own transaction; return the names applied."""
    try:
        con.execute(_LEDGER)
    except duckdb.Error as e:
        raise StoreError(f"cannot create the migration ledger in store {path}: {_first_line(e)}") from e
    done: list[str] = []
    for name, sql in pending_migrations(con, migrations=migrations, path=path):
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, current_timestamp::TIMESTAMP)", [name])
            con.execute("COMMIT")
        except duckdb.Error as e:
            _rollback(con)
            raise StoreError(f"migration {name} failed on store {path}: {_first_line(e)}") from e
        done.append(name)
    return done


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, ignoring the error raised when none is open."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


def _first_line(error: BaseException) -> str:
    """First line of an exception message (DuckDB messages can span several lines)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
