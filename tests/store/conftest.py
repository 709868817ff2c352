"""Shared fixtures for the store tests."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dyadwatch.store import DuckDBStore, MemoryStore, Store

_counter = itertools.count()


@pytest.fixture
def make_stores(tmp_path: Path) -> Iterator[Callable[[], tuple[Store, Store]]]:
    """Factory for a fresh (MemoryStore, DuckDBStore-on-a-file) pair; every store is closed afterwards."""
    opened: list[Store] = []

    def make() -> tuple[Store, Store]:
        pair = (MemoryStore(), DuckDBStore(tmp_path / f"s{next(_counter)}" / "store.duckdb"))
        opened.extend(pair)
        return pair

    yield make
    for store in opened:
        store.close()
