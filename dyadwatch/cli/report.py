"""`dyadwatch report`: the self-contained HTML (or Markdown) report on one dyad."""

from __future__ import annotations
