"""Analyses: pure functions over `Iterable[Event]`, no I/O, results as frozen dataclasses."""

from dyadwatch.analysis.series import DyadSeries, MonthStats, MonthVerdict, dyad_series

__all__ = ["DyadSeries", "MonthStats", "MonthVerdict", "dyad_series"]
