"""Reports: a `DyadAnalysis` -> plain-text brief (and tables for the CLI)."""

from dyadwatch.report.brief import build_brief

__all__ = ["build_brief"]
