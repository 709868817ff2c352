"""Tests for `dyadwatch.report.brief`: every section renders from a hand-built DyadAnalysis."""

from __future__ import annotations

from datetime import date

from dyadwatch.analysis import DyadOptions, analyse_dyad
from dyadwatch.analysis.scenario_file import load_scenarios, template_path
from dyadwatch.report import build_brief
from dyadwatch.report.text import trim
from tests.analysis.factory import make_incident

A, R = "AZE", "RUS"
SECTIONS = ["Status", "Events by month", "Trajectory", "Third parties", "Scenarios", "Forecast", "Latest events"]


def _year() -> list:
    calm = [(A, R, "040"), (R, A, "051"), (A, R, "043")]
    crisis = [(R, A, "182"), (R, A, "180"), (A, R, "161"), (A, R, "161"), (A, R, "114")]
    thaw = [(R, A, "040"), (A, R, "057"), (A, R, "0841"), (R, A, "036"), (R, A, "055")]
    plan = [calm] * 5 + [crisis] + [calm, calm] + [thaw]
    incidents = [
        make_incident(s, t, date(2025, 1 + m, 2 + k), c, article_id=f"m{m}k{k}")
        for m, codes in enumerate(plan) for k, (s, t, c) in enumerate(codes)
    ]
    incidents.append(make_incident(A, R, date(2025, 6, 20), "173", modality="denied"))
    incidents.append(make_incident(A, "ISR", date(2025, 8, 3), "057"))
    return incidents


def _brief(incidents: list, **kwargs) -> str:
    analysis = analyse_dyad(incidents, A, R, scenarios=load_scenarios(template_path()), options=DyadOptions())
    return build_brief(analysis, names=("Azerbaijan", "Russia"), sentence_of=lambda i: f"sentence of {i.id}", **kwargs)


def test_every_section_in_order_with_header_counts_and_left_out() -> None:
    brief = _brief(_year())
    positions = [brief.index(f"\n{title}\n" + "-" * len(title)) for title in SECTIONS]
    assert positions == sorted(positions)
    header = brief.splitlines()[0]
    assert header.startswith("Azerbaijan (AZE) – Russia (RUS): 31 incidents from 31 reports, 2025-01 to 2025-09")
    assert "(as of 2025-09-" in header
    assert "left out: 1 denied" in brief


def test_month_table_marks_the_crisis_and_the_thaw() -> None:
    brief = _brief(_year())
    rows = {line.split(" |")[0]: line for line in brief.splitlines() if line[:8].count("-") == 1 and " | " in line}
    assert rows["2025-06"].endswith("▼ deteriorated")
    assert rows["2025-09"].endswith("▲ improved")
    assert rows["2025-02"].endswith("= unchanged")


def test_turning_points_quote_drivers_with_outlets_and_sentences() -> None:
    trajectory = _brief(_year()).split("\nTrajectory\n", 1)[1].split("\nThird parties\n", 1)[0]
    assert "2025-06 ▼ deteriorated: highest rung 6 (force)" in trajectory
    assert "RUS → AZE 182 ASSAULT" in trajectory and "1 report, 1 outlet" in trajectory
    assert "“sentence of i" in trajectory
    assert "Regimes of monthly hostile incidents (PELT):" in trajectory
    assert "Reciprocity: " in trajectory


def test_scenarios_and_forecast_sections_have_their_numbers() -> None:
    brief = _brief(_year())
    scenarios = brief.split("\nScenarios\n", 1)[1].split("\nForecast\n", 1)[0]
    assert "A=AZE, B=RUS" in scenarios and "H1 0." in scenarios and "S2 0." in scenarios
    forecast = brief.split("\nForecast\n", 1)[1].split("\nLatest events\n", 1)[0]
    assert "P(crisis in 2025-10) = 0." in forecast and "80% range" in forecast
    assert "track record: too little history" in forecast  # 9 months is below the 12-month minimum


def test_latest_events_are_newest_first_and_counted_only() -> None:
    latest = _brief(_year(), n_latest=3).split("\nLatest events\n", 1)[1].splitlines()[1:]
    dated = [line[:10] for line in latest if line[:4] == "2025"]
    assert len(dated) == 3 and dated == sorted(dated, reverse=True)
    assert not any("[denied]" in line for line in latest)


def test_empty_dyad_still_renders() -> None:
    brief = _brief([make_incident("GEO", "ARM", date(2025, 1, 1), "040")])
    assert brief.startswith("Azerbaijan (AZE) – Russia (RUS): 0 incidents from 0 reports")
    assert "no history to forecast from" in brief


def test_trim_cuts_long_sentences_at_a_word() -> None:
    text = "word " * 60
    assert len(trim(text, 40)) <= 40 and trim(text, 40).endswith("…")
    assert trim("a\nb  c") == "a b c"
