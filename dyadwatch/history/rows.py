"""Streaming rows out of an event-data file: plain, .gz or single-member .zip; tab- or comma-separated.

The delimiter is read off the first line (a tab anywhere in it means tab-separated, as in the raw
ICEWS, GDELT and POLECAT files; otherwise commas, as in CSV re-exports). Tab files are read without
quote handling (the raw exports do not quote, and a stray `"` must not swallow lines); comma files
with it. Rows are yielded one at a time with their line number, so a file of any size streams.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from dyadwatch.errors import HistoryError

Row = tuple[int, list[str] | str]
"""(line number, fields) or (line number, message) for a line the csv module could not split."""


def _zip_member(archive: zipfile.ZipFile, path: Path) -> str:
    names = [info.filename for info in archive.infolist() if not info.is_dir()]
    if len(names) != 1:
        raise HistoryError(f"{path}: the zip holds {len(names)} files; unpack it and import one file at a time")
    return names[0]


@contextmanager
def open_text(path: Path) -> Iterator[TextIO]:
    """The file as text (UTF-8, BOM dropped, undecodable bytes replaced); HistoryError if unreadable."""
    try:
        if path.suffix.lower() == ".gz":
            handle: TextIO = gzip.open(path, "rt", encoding="utf-8-sig", errors="replace", newline="")
        elif path.suffix.lower() == ".zip":
            archive = zipfile.ZipFile(path)
            raw = archive.open(_zip_member(archive, path))
            handle = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        else:
            handle = path.open(encoding="utf-8-sig", errors="replace", newline="")
    except (OSError, zipfile.BadZipFile) as e:
        why = getattr(e, "strerror", None) or str(e)
        raise HistoryError(f"{path}: cannot read ({why})") from e
    with handle:
        yield handle


def read_rows(path: Path) -> Iterator[Row]:
    """Every non-blank row of the file with its line number, the header row included."""
    with open_text(path) as handle:
        try:
            first = handle.readline()
        except (OSError, EOFError) as e:
            raise HistoryError(f"{path}: cannot read ({e})") from e
        tabbed = "\t" in first
        reader = csv.reader(
            itertools.chain([first], handle),
            delimiter="\t" if tabbed else ",",
            quoting=csv.QUOTE_NONE if tabbed else csv.QUOTE_MINIMAL,
        )
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield reader.line_num, f"unreadable line ({e})"
                continue
            except (OSError, EOFError) as e:
                raise HistoryError(f"{path}:{reader.line_num}: cannot read further ({e})") from e
            if fields and any(cell.strip() for cell in fields):
                yield reader.line_num, fields


def first_row(path: Path) -> list[str] | None:
    """Fields of the first non-blank row, or None for an empty file (HistoryError if unreadable)."""
    rows = read_rows(path)
    try:
        for _, fields in rows:
            return fields if isinstance(fields, list) else None
        return None
    finally:
        rows.close()
