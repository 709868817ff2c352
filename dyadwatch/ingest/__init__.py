"""Ingest stage: read files, folders, feeds and URLs into `Article` records.

Bad items never raise: they come out as `Discarded` records with a one-line reason.
"""

from __future__ import annotations

from dyadwatch.ingest.sources import read_sources

__all__ = ["read_sources"]
