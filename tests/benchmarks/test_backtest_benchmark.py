"""benchmarks/backtest.py on the shared GDELT1 file (the fast part of it), and its exit without data."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("dyadwatch_bench_backtest", ROOT / "benchmarks" / "backtest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_without_the_shared_folder_it_says_so_in_one_line_and_exits_0(bench, tmp_path, capsys):
    assert bench.main(["--shared", str(tmp_path / "absent")]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "skipped" in out[0] and "absent" in out[0]


@pytest.fixture(scope="module")
def gdelt1(bench, shared_data, settings, tmp_path_factory):
    data = next(d for d in bench.DATASETS if d.kind == "gdelt")
    imported = bench.import_file(data, shared_data / "history", settings, "memory", str(tmp_path_factory.mktemp("s")))
    dyads = bench.select_dyads(imported.incidents, min_incidents=10)
    panels = bench.build_panels(imported.incidents, dyads, data.since, data.until)
    runs = {r.label: r for r in data.runs}
    results = {label: bench.run_backtests(data.name, runs[label], panels) for label in ("own k=12", "pooled k=6")}
    return imported, panels, {label: bench.score(r, draws=200) for label, r in results.items()}


@pytest.mark.shared
def test_gdelt1_imports_every_row_and_every_panel_spans_the_18_months(gdelt1):
    imported, panels, _ = gdelt1
    assert imported.rows == 7485 and imported.stored + imported.discarded == imported.rows
    assert imported.rows_per_s > 0
    assert len(panels) >= 10
    assert {len(p.periods) for p in panels.values()} == {18}
    assert {p.periods[0] for p in panels.values()} == {"2011-06"}


@pytest.mark.shared
def test_gdelt1_backtest_scores_are_finite_and_beat_saying_never(gdelt1):
    _, panels, scores = gdelt1
    own, pooled = scores["own k=12"], scores["pooled k=6"]
    assert own["brier"]["all"]["n"] == 6 * len(panels)  # origins 12..17 of 18 months
    assert pooled["brier"]["all"]["n"] == 12 * len(panels)
    assert pooled["n_fallback"] == 0  # the pool always supplies >= 12 training months
    for result in (own, pooled):
        brier = result["brier"]["all"]
        assert 0 < brier["n_crisis"] < brier["n"]
        assert math.isfinite(brier["model"]) and brier["model"] < brier["zero"]
        assert brier["skill_climatology"] is not None and brier["skill_climatology"] > -0.5
        low, high = result["skill_ci95"]["climatology"]
        assert low <= brier["skill_climatology"] <= high
        subsets = result["brier"]
        assert subsets["onset"]["n"] + subsets["continuation"]["n"] == brier["n"]
        assert sum(b["n"] for b in result["calibration"]) == brier["n"]
        assert 0 < result["counts"]["coverage"] <= 1


@pytest.mark.shared
def test_the_report_shows_every_run(bench, gdelt1):
    imported, _, scores = gdelt1
    result = {"imports": [bench._import_dict(imported)], "backtests": list(scores.values()), "analyse_dyad": None}
    text = bench.format_report(result)
    assert "GDELT1 georgia AZE|RUS / own k=12" in text and "GDELT1 georgia AZE|RUS / pooled k=6" in text
    assert "7485" in text and "BSS persist" in text
