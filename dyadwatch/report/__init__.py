"""Reports: analysis results -> plain-text brief (later: Markdown, HTML, figures)."""

from dyadwatch.report.brief import build_brief

__all__ = ["build_brief"]
