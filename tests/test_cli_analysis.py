"""Analysis commands end to end without the NLP model: import an ICEWS-format history, then brief,
status, scenarios and forecast in every format, and the one-line errors."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from dyadwatch.cli import main

HEADER = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\t"
          "Target Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\t"
          "Province\tCountry\tLatitude\tLongitude")
COUNTRY = {"AZE": "Azerbaijan", "RUS": "Russian Federation", "ISR": "Israel"}
CALM = [("AZE", "RUS", "040"), ("RUS", "AZE", "051"), ("AZE", "ISR", "057")]
CRISIS = [("RUS", "AZE", "173"), ("RUS", "AZE", "180"), ("AZE", "RUS", "161"), ("AZE", "RUS", "114"),
          ("AZE", "RUS", "111"), ("RUS", "AZE", "112")]
THAW = [("RUS", "AZE", "040"), ("AZE", "RUS", "057"), ("AZE", "RUS", "0841"), ("RUS", "AZE", "055")]


def _history(path) -> None:
    """18 months of ICEWS rows: calm, a crisis in month 13-14, a thaw in month 16, then calm."""
    plan = [CALM] * 12 + [CRISIS, CRISIS, CALM, THAW, CALM, CALM]
    lines, n = [HEADER], 0
    for month, rows in enumerate(plan):
        start = date(2024 + month // 12, month % 12 + 1, 3)
        for k, (src, tgt, code) in enumerate(rows):
            n += 1
            day = (start + timedelta(days=2 * k)).isoformat()
            lines.append("\t".join([
                str(7000000 + n), day, COUNTRY[src], "Government", COUNTRY[src], "event", code, "0",
                COUNTRY[tgt], "Government", COUNTRY[tgt], str(800000 + n), "1", "Caspian Ledger", "Baku", "NA",
                "Baku", "Azerbaijan", "40.4", "49.9",
            ]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli_analysis")
    source, path = folder / "history.tab", folder / "s.duckdb"
    _history(source)
    result = CliRunner().invoke(main, ["--store", str(path), "import", "icews", str(source)])
    assert result.exit_code == 0, result.output
    assert "stored 61 row(s)" in result.output and "0 discarded" in result.output
    again = CliRunner().invoke(main, ["--store", str(path), "import", "icews", str(source)])
    assert "stored 0 row(s)" in again.output and "61 duplicate(s)" in again.output  # re-import adds nothing
    return path


def run(store, *args):
    return CliRunner().invoke(main, ["--store", str(store), *args])


def test_brief_text_has_every_section_and_the_turning_points(store):
    result = run(store, "brief", "Azerbaijan", "Russia")
    assert result.exit_code == 0, result.output
    for title in ("Status", "Events by month", "Trajectory", "Third parties", "Scenarios", "Forecast"):
        assert f"\n{title}\n" in result.output
    assert "2025-01 ▼ deteriorated" in result.output
    assert "2025-04 ▲ improved" in result.output
    assert "track record: " in result.output and "monthly forecasts" in result.output


def test_brief_json_is_one_object_with_the_analyses(store):
    result = run(store, "brief", "AZE", "RUS", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["a"], data["b"], data["as_of"]) == ("AZE", "RUS", "2025-06-05")
    verdicts = {v["month"]: v["verdict"] for v in data["verdicts"]}
    assert verdicts["2025-01"] == "deteriorated" and verdicts["2025-04"] == "improved"
    assert data["forecast"]["period"] == "2025-07" and 0 <= data["forecast"]["p_crisis"] <= 1
    assert data["backtest"]["n_origins"] == 6
    assert data["incidents"][0]["outlets"] == ["Caspian Ledger"]


def test_status_formats(store):
    table = run(store, "status", "AZE", "RUS")
    assert table.exit_code == 0 and table.output.splitlines()[0].startswith("period")
    rows = list(csv.DictReader(io.StringIO(run(store, "status", "AZE", "RUS", "--format", "csv").output)))
    january = {r["direction"]: r for r in rows if r["period"] == "2025-01"}
    assert int(january["RUS->AZE"]["mc"]) == 2 and int(january["both"]["n"]) == 6
    weekly = json.loads(run(store, "status", "AZE", "RUS", "--grain", "week", "--format", "json").output)
    assert weekly["rows"][0]["period"].startswith("2024-W")


def test_forecast_with_backtest_in_every_format(store):
    text = run(store, "forecast", "AZE", "RUS", "--backtest")
    assert "P(crisis in 2025-07)" in text.output and "Brier skill vs climatology" in text.output
    table = run(store, "forecast", "AZE", "RUS", "--backtest", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(table)))
    assert len(rows) == 7 and rows[-1]["period"] == "2025-07" and rows[-1]["crisis"] == ""
    data = json.loads(run(store, "forecast", "AZE", "RUS", "--format", "json").output)
    assert data["backtest"] is None and data["forecast"]["hostile"]["interval"][0] >= 0


def test_scenarios_run_and_template(store, tmp_path):
    text = run(store, "scenarios", "run", "--dyad", "AZE-RUS", "--since", "2025-01-01")
    assert text.exit_code == 0, text.output
    assert "Signposts" in text.output and "pts to" in text.output
    table = run(store, "scenarios", "run", "--dyad", "AZE-RUS", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(table)))
    assert {r["hypothesis"] for r in rows} == {"H1", "H2", "S1", "S2"}
    template = run(store, "scenarios", "template").output
    own = tmp_path / "mine.yaml"
    own.write_text(template, encoding="utf-8")
    data = json.loads(run(store, "scenarios", "run", str(own), "--dyad", "AZE-RUS", "--format", "json").output)
    assert data["roles"] == {"A": "AZE", "B": "RUS"}


def test_bad_inputs_are_one_line_errors(store, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\nsets: []\nsignposts: []\nbogus: 1\n", encoding="utf-8")
    for args in (("brief", "AZE", "Atlantis"), ("scenarios", "run", str(broken), "--dyad", "AZE-RUS"),
                 ("forecast", "AZE", "Narnia")):
        result = run(store, *args)
        assert result.exit_code != 0, args
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and ("error" in lines[0].lower()), (args, result.output)
    usage = run(store, "scenarios", "run", "--dyad", "AZE")  # a malformed option is click's usage error
    assert usage.exit_code == 2 and usage.output.splitlines()[-1].startswith("Error: Invalid value: 'AZE'")


def test_import_bad_file_is_discarded_and_the_rest_goes_on(store, tmp_path):
    bad = tmp_path / "bad.tab"
    bad.write_text("not\tan\ticews\tfile\n", encoding="utf-8")
    good = tmp_path / "good.tab"
    _history(good)
    result = run(store, "import", "icews", str(bad), str(good))
    assert result.exit_code == 0, result.output
    assert "1 discarded" in result.output and f"discarded {bad}" in result.output
