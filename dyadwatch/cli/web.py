"""`dyadwatch serve`: the read-only web dashboard over the store."""

from __future__ import annotations
