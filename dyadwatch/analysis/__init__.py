"""Analyses: pure functions over incidents (clustered events), no I/O, results as frozen dataclasses.

`analyse_dyad` runs them all for one dyad; the modules can also be used one by one:
incidents (clustering), panel (incidents by period), status, verdicts, changes, reciprocity,
network (third parties), scenarios, forecast and backtest.
"""

from dyadwatch.analysis.dyad import DyadAnalysis, DyadOptions, analyse_dyad
from dyadwatch.analysis.incidents import ClusterOptions, cluster_events

__all__ = ["ClusterOptions", "DyadAnalysis", "DyadOptions", "analyse_dyad", "cluster_events"]
