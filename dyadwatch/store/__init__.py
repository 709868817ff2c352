"""STORE stage: where coded articles, sentences, events and discards are kept.

``open_store(":memory:")`` gives a `MemoryStore`; ``open_store("runs/x.duckdb")`` or
``open_store("duckdb:runs/x.duckdb")`` gives a `DuckDBStore` (folder and file created, schema migrated).
Both satisfy the `Store` protocol, write idempotently (content-hash ids) and work as context managers::

    with open_store("data/dyadwatch.duckdb") as store:
        result = store.write_coded(coded)
        events = store.events(dyad=("AZE", "RUS"), since=date(2024, 1, 1))
"""

from __future__ import annotations

import os

from dyadwatch.errors import StoreError
from dyadwatch.store.base import Store, WriteResult
from dyadwatch.store.duckdb_store import DuckDBStore
from dyadwatch.store.memory import MemoryStore
from dyadwatch.store.migrations import MIGRATIONS

__all__ = ["MIGRATIONS", "DuckDBStore", "MemoryStore", "Store", "WriteResult", "open_store"]

_PREFIX = "duckdb:"


def open_store(path: str | os.PathLike[str], *, read_only: bool = False) -> Store:
    """Open a store: ``":memory:"`` -> `MemoryStore`; ``"duckdb:<path>"`` or a file path -> `DuckDBStore`.

    ``"duckdb::memory:"`` gives an in-memory DuckDB database. ``~`` is expanded. Raises StoreError
    (one line naming the path and what to do) if the store cannot be opened or migrated.
    """
    text = os.fspath(path)
    if text == ":memory:":
        return MemoryStore(read_only=read_only)
    if text.startswith(_PREFIX):
        text = text[len(_PREFIX) :]
        if text.startswith("//"):
            text = text[2:]
    if not text.strip():
        raise StoreError(f"store path {os.fspath(path)!r} is empty; give a file path or ':memory:'")
    if text == ":memory:":
        return DuckDBStore(":memory:", read_only=read_only)
    return DuckDBStore(os.path.expanduser(text), read_only=read_only)
