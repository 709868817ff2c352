"""Backtest benchmark: Brier skill of the monthly crisis forecast against persistence and climatology,
on the imported event-data history in ../shared/data/history/.

Usage (from the repo root):

    .venv/bin/python benchmarks/backtest.py [--shared PATH] [--min-incidents 10] [--store duckdb|memory]
                                            [--bootstrap 2000] [--json out.json] [--quiet]

The shared files are short (ICEWS18: 10 months, GDELT1: 18 months, the ICEWS 2018 sample: one month),
far too short for the rolling-origin backtest the forecast was designed for (12 months of a dyad's own
history before the first origin). So the protocol is:

1. Each file is imported with `import_history` into a fresh store (a temporary DuckDB file by default)
   and timed, clustering included; `load_incidents` then reads every incident back (also timed).
2. Dyads: unordered pairs of two different actors (states and IGOs) with at least `--min-incidents`
   counted (asserted, dated) incidents in the file's window. Each gets a month-grain panel bounded by
   the window (`since`/`until`), so every dyad has the same months and a quiet month counts as calm.
   Selecting on the whole window's count is a mild look-ahead; it favours model and baselines alike.
3. Runs, each a `backtest` per dyad, all rows pooled for scoring:
   - *own*: the dyad's own months only; the first origin is `k` and the forecast's `min_train` is
     lowered to `k` as well (ICEWS18: k = 4, so 6 origins per dyad, May-October 2018);
   - *pooled*: `pool=` every other selected dyad's panel (the pool only uses months whose target lies
     before the origin's target month, so there is no look-ahead) with the default options
     (own plus pooled months >= 12); GDELT1 with k = 12 (6 origins, 2012-06..11) and k = 6 (12 origins).
4. Scores over the pooled rows (`brier_scores`, `count_scores`, `calibration_table`): Brier of the model,
   climatology (the dyad's own smoothed frequency so far), persistence (0.6/0.05) and zero; the skill
   scores against climatology and persistence with a 95% bootstrap interval over dyads (rows of one
   dyad resampled together; months are shared across dyads, so the interval is if anything too
   narrow); the same split into onset (previous month calm) and continuation targets; 80% range
   coverage and the MAE of the hostile-act count forecast.
5. The ICEWS 2018 sample covers one month (June 2018): it is imported and timed, never backtested.
6. `analyse_dyad(incidents, "AZE", "RUS")` is timed on all the imported ICEWS18 incidents.

There is no weekly variant: the forecast code is monthly only. The run takes about a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from time import perf_counter
from typing import TypeVar

import numpy as np

from dyadwatch import __version__
from dyadwatch.analysis import analyse_dyad
from dyadwatch.analysis.backtest import (
    BacktestRow,
    backtest,
    brier_scores,
    calibration_table,
    count_scores,
)
from dyadwatch.analysis.forecast import DEFAULT_OPTIONS, FALLBACK, ForecastOptions
from dyadwatch.analysis.panel import DyadPeriods, dyad_periods
from dyadwatch.config import Settings, load_settings
from dyadwatch.pipeline.history import import_history
from dyadwatch.pipeline.incidents import load_incidents
from dyadwatch.store import open_store
from dyadwatch.types import Incident

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "history"
FOCUS = ("AZE", "RUS")
"""The dyad whose forecasts are listed month by month, and whose `analyse_dyad` is timed."""
ANALYSE_REPEATS = 3
"""`analyse_dyad` is timed this many times and the median is reported."""
SEED = 0
"""Seed of the bootstrap over dyads."""
BUSY = 5
"""Months with at least this many hostile acts also get their own range coverage."""

T = TypeVar("T")


@dataclass(frozen=True)
class Run:
    """One way of backtesting every dyad of a data set."""

    label: str
    """Short name in the tables."""
    first_origin: int
    """`backtest(min_train=...)`: months of own history before the first forecast."""
    pooled: bool
    """Whether the other selected dyads' panels are passed as `pool=`."""
    options: ForecastOptions = DEFAULT_OPTIONS
    """Forecast options (own runs lower `min_train` to the first origin)."""


@dataclass(frozen=True)
class Dataset:
    """One shared history file and how it is backtested."""

    name: str
    """Short name in the tables."""
    kind: str
    """`import_history` kind: "icews" or "gdelt"."""
    file: str
    """File name inside the shared history folder."""
    since: date
    """First day of the window the file covers."""
    until: date
    """Last day of the window."""
    runs: tuple[Run, ...] = ()
    """Backtests to run (none: import only)."""


DATASETS = (
    Dataset("ICEWS18 AZE|RUS", "icews", "icews18_AZE_RUS_events_2018-01_2018-10.tsv", date(2018, 1, 1),
            date(2018, 10, 31), (Run("own k=4", 4, False, ForecastOptions(min_train=4)),
                                 Run("pooled k=4", 4, True))),
    Dataset("GDELT1 georgia AZE|RUS", "gdelt", "gdelt1_georgia-geolocated_2011-06_2012-11_AZE_or_RUS_actor_rows.csv",
            date(2011, 6, 1), date(2012, 11, 30), (Run("own k=12", 12, False), Run("pooled k=12", 12, True),
                                                   Run("pooled k=6", 6, True))),
    Dataset("ICEWS 2018 sample", "icews", "icews_events.2018.sample.tab", date(2018, 6, 1), date(2018, 6, 30)),
)


@dataclass(frozen=True)
class Imported:
    """One file imported into a fresh store, and its incidents read back."""

    dataset: Dataset
    """What was imported."""
    rows: int
    """Rows read (stored + duplicates + discarded)."""
    stored: int
    """Rows stored as events."""
    discarded: int
    """Rows discarded (mostly actors with no country or IGO code)."""
    import_s: float
    """`import_history` wall time, clustering included."""
    load_s: float
    """`load_incidents` wall time (every incident of the store)."""
    incidents: tuple[Incident, ...] = field(repr=False)
    """Every incident of the store."""

    @property
    def rows_per_s(self) -> float:
        """Rows imported per second."""
        return self.rows / self.import_s if self.import_s else 0.0


@dataclass(frozen=True)
class RunResult:
    """Every dyad of a data set backtested one way."""

    dataset: str
    """Data set name."""
    run: Run
    """How."""
    rows: tuple[tuple[tuple[str, str], BacktestRow], ...]
    """(dyad, row) for every origin of every dyad."""
    n_dyads: int
    """Dyads backtested."""
    seconds: float
    """Wall time of all the backtests."""


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = perf_counter()
    result = fn()
    return result, perf_counter() - start


def import_file(dataset: Dataset, folder: Path, settings: Settings, store_kind: str, tmp: str) -> Imported:
    """Import one shared file into a fresh store and read its incidents back, timing both."""
    target = ":memory:" if store_kind == "memory" else os.path.join(tmp, f"{Path(dataset.file).stem}.duckdb")
    path = str(folder / dataset.file)
    with open_store(target) as store:
        summary, import_s = timed(lambda: import_history(dataset.kind, [path], store=store, settings=settings))
        incidents, load_s = timed(lambda: load_incidents(store))
    rows = summary.stored + summary.duplicates + len(summary.discarded)
    return Imported(dataset, rows, summary.stored, len(summary.discarded), import_s, load_s, incidents)


def select_dyads(incidents: Sequence[Incident], *, min_incidents: int) -> list[tuple[str, str]]:
    """Unordered pairs of two different actors with at least `min_incidents` asserted, dated incidents."""
    counts = Counter(
        tuple(sorted(i.dyad)) for i in incidents
        if i.dyad[0] != i.dyad[1] and i.event.modality == "asserted" and i.date is not None
    )
    return sorted(d for d, n in counts.items() if n >= min_incidents)


def build_panels(incidents: Sequence[Incident], dyads: Sequence[tuple[str, str]], since: date,
                 until: date) -> dict[tuple[str, str], DyadPeriods]:
    """Month-grain panels over the whole window, one per dyad."""
    by_dyad: dict[tuple[str, str], list[Incident]] = {d: [] for d in dyads}
    for incident in incidents:
        key = tuple(sorted(incident.dyad))
        if key in by_dyad:
            by_dyad[key].append(incident)
    return {d: dyad_periods(by_dyad[d], *d, grain="month", since=since, until=until) for d in dyads}


def run_backtests(name: str, run: Run, panels: dict[tuple[str, str], DyadPeriods]) -> RunResult:
    """Backtest every panel one way and gather the rows, tagged with their dyad."""
    start = perf_counter()
    rows = []
    for dyad, panel in panels.items():
        pool = tuple(p for d, p in panels.items() if d != dyad) if run.pooled else ()
        result = backtest(panel, options=run.options, min_train=run.first_origin, pool=pool)
        rows.extend((dyad, row) for row in result.rows)
    return RunResult(name, run, tuple(rows), len(panels), perf_counter() - start)


def bootstrap_skill(result: RunResult, *, draws: int, seed: int = SEED) -> dict[str, list[float] | None]:
    """95% percentile intervals of the two skill scores, resampling whole dyads with replacement."""
    by_dyad: dict[tuple[str, str], list[BacktestRow]] = {}
    for dyad, row in result.rows:
        by_dyad.setdefault(dyad, []).append(row)
    sums = np.array([
        [sum((getattr_p(r, which) - r.crisis) ** 2 for r in rows) for which in ("model", "climatology", "persistence")]
        for _, rows in sorted(by_dyad.items())
    ]).reshape(-1, 3)
    if not draws or not len(sums):
        return {"climatology": None, "persistence": None}
    picks = np.random.default_rng(seed).integers(0, len(sums), size=(draws, len(sums)))
    totals = sums[picks].sum(axis=1)
    out: dict[str, list[float] | None] = {}
    for j, name in ((1, "climatology"), (2, "persistence")):
        ok = totals[:, j] > 0
        skill = 1.0 - totals[ok, 0] / totals[ok, j]
        out[name] = [float(x) for x in np.percentile(skill, [2.5, 97.5])] if ok.any() else None
    return out


def getattr_p(row: BacktestRow, which: str) -> float:
    """The model's or a baseline's crisis probability of one row."""
    return row.forecast.p_crisis if which == "model" else getattr(row.forecast.baselines, which)


def score(result: RunResult, *, draws: int) -> dict[str, object]:
    """Every figure of one run, as plain data (for the table and the JSON)."""
    rows = [r for _, r in result.rows]
    subsets = {"all": rows, "onset": [r for r in rows if r.onset], "continuation": [r for r in rows if not r.onset]}
    return {
        "dataset": result.dataset,
        "run": result.run.label,
        "first_origin": result.run.first_origin,
        "pooled": result.run.pooled,
        "forecast_min_train": result.run.options.min_train,
        "n_dyads": result.n_dyads,
        "n_dyads_with_crisis_target": len({d for d, r in result.rows if r.crisis}),
        "target_months": sorted({r.period for r in rows}),
        "n_fallback": sum(r.forecast.model == FALLBACK for r in rows),
        "seconds": round(result.seconds, 2),
        "brier": {name: _brier(subset) for name, subset in subsets.items()},
        "skill_ci95": bootstrap_skill(result, draws=draws),
        "counts": {**vars(count_scores(rows)), **_ranges(rows)},
        "calibration": [vars(b) for b in calibration_table([r.forecast.p_crisis for r in rows],
                                                            [r.crisis for r in rows])],
        "focus": [_focus_row(r) for d, r in result.rows if d == tuple(sorted(FOCUS))],
    }


def _brier(rows: Sequence[BacktestRow]) -> dict[str, object]:
    figures = vars(brier_scores(rows))
    figures["base_rate"] = figures["n_crisis"] / figures["n"] if figures["n"] else None
    figures["mean_p_model"] = statistics.fmean(r.forecast.p_crisis for r in rows) if rows else None
    figures["mean_p_climatology"] = statistics.fmean(r.forecast.baselines.climatology for r in rows) if rows else None
    return figures


def _ranges(rows: Sequence[BacktestRow]) -> dict[str, float | None]:
    """Median width of the hostile-count ranges, the share of them whose lower end is 0, and the
    coverage over busy months only (most dyad-months hold 0 or 1 hostile acts, which flatters coverage)."""
    if not rows:
        return {"median_width": None, "share_from_zero": None, "n_busy": 0, "coverage_busy": None}
    ranges = [r.forecast.hostile.interval for r in rows]
    busy = [r.covered for r in rows if r.hostile >= BUSY]
    return {"median_width": statistics.median(high - low for low, high in ranges),
            "share_from_zero": sum(low == 0 for low, _ in ranges) / len(ranges),
            "n_busy": len(busy), "coverage_busy": sum(busy) / len(busy) if busy else None}


def _focus_row(row: BacktestRow) -> dict[str, object]:
    base = row.forecast.baselines
    return {"period": row.period, "p_model": row.forecast.p_crisis, "climatology": base.climatology,
            "persistence": base.persistence, "crisis": row.crisis, "hostile": row.hostile,
            "hostile_range": list(row.forecast.hostile.interval), "model": row.forecast.model}


def time_analysis(incidents: Sequence[Incident]) -> dict[str, object]:
    """Median wall time of `analyse_dyad` for the focus dyad over every imported incident."""
    runs = [timed(lambda: analyse_dyad(incidents, *FOCUS, scenarios=None)) for _ in range(ANALYSE_REPEATS)]
    analysis = runs[0][0]
    return {"dyad": "-".join(FOCUS), "incidents_in": len(incidents), "dyad_incidents": len(analysis.incidents),
            "months": len(analysis.monthly.periods), "seconds": statistics.median(t for _, t in runs)}


def backtest_dataset(imported: Imported, *, min_incidents: int, draws: int) -> list[dict[str, object]]:
    """Select the dyads of one imported file, build their panels, run and score every run."""
    data = imported.dataset
    dyads = select_dyads(imported.incidents, min_incidents=min_incidents)
    panels = build_panels(imported.incidents, dyads, data.since, data.until)
    return [score(run_backtests(data.name, run, panels), draws=draws) for run in data.runs]


def run(args: argparse.Namespace) -> dict[str, object]:
    settings = load_settings()
    log = print if not args.quiet else (lambda *a, **k: None)
    imports, results, analysis = [], [], None
    with tempfile.TemporaryDirectory(prefix="dyadwatch-backtest-") as tmp:
        for data in DATASETS:
            if not (args.shared / data.file).is_file():
                log(f"{data.name}: {data.file} not in {args.shared}, skipped")
                continue
            imported = import_file(data, args.shared, settings, args.store, tmp)
            imports.append(imported)
            log(f"{data.name}: {imported.rows} rows imported in {imported.import_s:.2f} s, "
                f"{len(imported.incidents)} incidents")
            if data.runs:
                results.extend(backtest_dataset(imported, min_incidents=args.min_incidents, draws=args.bootstrap))
                log("  backtests: " + ", ".join(f"{r['run']} {r['seconds']:.1f} s" for r in results
                                                 if r["dataset"] == data.name))
            if analysis is None and data.kind == "icews" and data.runs:
                analysis = time_analysis(imported.incidents)
    return {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpu_count": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version()},
        "versions": {"dyadwatch": __version__},
        "settings": {"shared": str(args.shared), "store": args.store, "min_incidents": args.min_incidents,
                     "bootstrap": args.bootstrap, "seed": SEED},
        "imports": [_import_dict(i) for i in imports],
        "backtests": results,
        "analyse_dyad": analysis,
    }


def _import_dict(imported: Imported) -> dict[str, object]:
    return {"dataset": imported.dataset.name, "file": imported.dataset.file, "rows": imported.rows,
            "stored": imported.stored, "discarded": imported.discarded, "incidents": len(imported.incidents),
            "import_s": round(imported.import_s, 3), "rows_per_s": round(imported.rows_per_s, 1),
            "load_incidents_s": round(imported.load_s, 3)}


def _f(x: object, digits: int = 3) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x:.{digits}f}"


def _ci(ci: list[float] | None) -> str:
    return f"[{ci[0]:+.2f}, {ci[1]:+.2f}]" if ci else "-"


def _table(head: Sequence[str], lines: Sequence[Sequence[object]], left: int = 2) -> list[str]:
    cells = [[str(c) for c in line] for line in lines]
    widths = [max(len(x) for x in col) for col in zip(head, *cells, strict=True)]

    def fmt(row: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths,
                                                                                                 strict=True)))

    return [fmt(head), fmt(["-" * w for w in widths]), *(fmt(c) for c in cells)]


def _brier_lines(results: Sequence[dict[str, object]]) -> list[str]:
    head = ("data set / run", "subset", "dyads", "origins", "crises", "base rate", "mean p", "mean clim",
            "BS model", "BS clim",
            "BS persist", "BS zero", "BSS clim", "95% CI", "BSS persist", "95% CI", "fallback")
    lines = []
    for r in results:
        for subset, b in r["brier"].items():
            first = subset == "all"
            lines.append([
                f"{r['dataset']} / {r['run']}" if first else "", subset, r["n_dyads"] if first else "", b["n"],
                b["n_crisis"], _f(b["base_rate"]), _f(b["mean_p_model"]), _f(b["mean_p_climatology"]),
                _f(b["model"], 4), _f(b["climatology"], 4),
                _f(b["persistence"], 4), _f(b["zero"], 4), _f(b["skill_climatology"]),
                _ci(r["skill_ci95"]["climatology"]) if first else "", _f(b["skill_persistence"]),
                _ci(r["skill_ci95"]["persistence"]) if first else "", r["n_fallback"] if first else "",
            ])
    return _table(head, lines)


def _count_lines(results: Sequence[dict[str, object]]) -> list[str]:
    head = ("data set / run", "80% range coverage", f"busy (>= {BUSY}): n", "coverage", "median width", "from 0",
            "MAE model", "MAE persist", "MAE clim", "MAE zero", "seconds")
    lines = [[f"{r['dataset']} / {r['run']}", _f(r["counts"]["coverage"]), r["counts"]["n_busy"],
              _f(r["counts"]["coverage_busy"]), _f(r["counts"]["median_width"], 1),
              _f(r["counts"]["share_from_zero"], 2), _f(r["counts"]["mae"], 2),
              _f(r["counts"]["mae_persistence"], 2), _f(r["counts"]["mae_climatology"], 2),
              _f(r["counts"]["mae_zero"], 2), _f(r["seconds"], 1)] for r in results]
    return _table(head, lines, left=1)


def _calibration_lines(results: Sequence[dict[str, object]]) -> list[str]:
    bins = [f"[{b['low']:.1f},{b['high']:.1f}{']' if b['high'] == 1.0 else ')'}" for b in results[0]["calibration"]]
    lines = [[f"{r['dataset']} / {r['run']}",
              *(f"{b['n']}: {_f(b['mean_predicted'], 2)}/{_f(b['observed'], 2)}" for b in r["calibration"])]
             for r in results]
    return _table(("reliability (n: mean p / observed)", *bins), lines, left=1)


def _focus_lines(results: Sequence[dict[str, object]]) -> list[str]:
    out = []
    for r in results:
        if not r["focus"]:
            continue
        cells = ", ".join(f"{f['period']} p={f['p_model']:.2f} (clim {f['climatology']:.2f}, pers "
                          f"{f['persistence']:.2f}) -> {'CRISIS' if f['crisis'] else 'calm'}" for f in r["focus"])
        out.append(f"  {r['dataset']} / {r['run']}: {cells}")
    return out


def format_report(result: dict[str, object]) -> str:
    imports = [[i["dataset"], i["rows"], i["stored"], i["discarded"], i["incidents"], f"{i['import_s']:.2f}",
                f"{i['rows_per_s']:.0f}", f"{i['load_incidents_s']:.2f}"] for i in result["imports"]]
    out = _table(("data set", "rows", "stored", "discarded", "incidents", "import s", "rows/s", "load s"),
                 imports, left=1)
    results = result["backtests"]
    out += ["", "crisis month = any incident at ladder rung >= 3, either direction; Brier over all origins of all"
            " dyads; BSS = 1 - BS/BS_ref (> 0: model better); CI = 95% bootstrap over dyads", ""]
    out += _brier_lines(results) + [""] + _count_lines(results) + [""] + _calibration_lines(results)
    out += ["", f"{'-'.join(FOCUS)} month by month:", *_focus_lines(results)]
    if result["analyse_dyad"]:
        a = result["analyse_dyad"]
        out += ["", f"analyse_dyad({a['dyad']}) over {a['incidents_in']} incidents ({a['dyad_incidents']} of the"
                f" dyad, {a['months']} months): {a['seconds']:.2f} s (median of {ANALYSE_REPEATS})"]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED,
                        help="folder of the shared history files (default ../shared/data/history)")
    parser.add_argument("--min-incidents", type=int, default=10, metavar="N",
                        help="backtest dyads with at least N asserted incidents in the window (default 10)")
    parser.add_argument("--store", choices=("duckdb", "memory"), default="duckdb",
                        help="import into a temporary DuckDB file (default) or the in-memory store")
    parser.add_argument("--bootstrap", type=int, default=2000, metavar="N",
                        help="bootstrap draws for the skill-score intervals (default 2000; 0: none)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--quiet", action="store_true", help="print only the final tables")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"backtest benchmark skipped: {args.shared} not found (give the shared history folder with --shared)")
        return 0
    result, total_s = timed(lambda: run(args))
    result["total_s"] = round(total_s, 1)
    print()
    print(format_report(result))
    print(f"\ntotal benchmark time: {total_s:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
