"""Tests for `dyadwatch.analysis.scenarios`: loading, the update arithmetic, attribution, diagnosticity
and the bundled template on a small synthetic crisis."""

from __future__ import annotations

import json
import math
import random
from dataclasses import replace
from datetime import date

import pytest

from dyadwatch.analysis import scenarios, signposts
from dyadwatch.analysis.scenarios import (
    FORGETTING,
    P_MAX,
    P_MIN,
    WEAK,
    ScenarioFile,
    ScenarioRun,
    diagnosticity,
    load_scenarios,
    most_diagnostic,
    run_scenarios,
    template_path,
)
from dyadwatch.analysis.signposts import QUERY_KEYS
from dyadwatch.errors import ScenarioError
from dyadwatch.types import Incident
from tests.analysis.factory import make_incident

ARRESTS = "{id: arrests, title: B arrests A's people, query: {source: B, target: A, cameo: ['173']}, p_fire: %s}"


def board(*signposts: str, tempering: float = 1.0, forgetting: float = 0.0, extra: str = "",
          hypotheses: str = "[{id: H1, title: routine}, {id: H2, title: campaign}]") -> ScenarioFile:
    """A one-set scenario file with the given signpost lines."""
    lines = "\n".join(f"  - {s}" for s in signposts)
    text = (f"name: test board\ntempering: {tempering}\nforgetting: {forgetting}\n{extra}\n"
            f"sets:\n  - id: q\n    title: what is it\n    hypotheses: {hypotheses}\nsignposts:\n{lines}\n")
    return load_scenarios(text, name="board.yaml")


def arrest(day: date, **kwargs) -> Incident:
    return make_incident("RUS", "AZE", day, "173", trigger="detained", **kwargs)


def logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def probs(run: ScenarioRun, set_id: str = "q") -> list[dict[str, float]]:
    return [dict(s.after) for s in run.steps if s.set_id == set_id]


JUNE, JULY, AUG = date(2025, 6, 10), date(2025, 7, 10), date(2025, 8, 10)


# --- the update arithmetic ------------------------------------------------------------------------------


def test_equal_likelihoods_leave_probabilities_unchanged() -> None:
    hypotheses = "[{id: H1, title: a, prior: 0.7}, {id: H2, title: b, prior: 0.3}]"
    spec = board(ARRESTS % "{H1: 0.3, H2: 0.3}", tempering=0.5, forgetting=0.05, hypotheses=hypotheses)
    run = run_scenarios(spec, [arrest(JUNE), arrest(AUG)], dyad=("AZE", "RUS"))
    assert [c.status for c in run.checks] == ["fired", "absent", "fired"]
    for step in probs(run):
        assert step["H1"] == pytest.approx(0.7, abs=1e-12) and step["H2"] == pytest.approx(0.3, abs=1e-12)


def test_one_diagnostic_signpost_moves_the_log_odds_by_exactly_w_log_ratio() -> None:
    spec = board(ARRESTS % "{H1: 0.1, H2: 0.6}", tempering=0.5)
    run = run_scenarios(spec, [arrest(JUNE)], dyad=("AZE", "RUS"), until=JULY)
    june, july = probs(run)
    assert logit(june["H2"]) - logit(0.5) == pytest.approx(0.5 * math.log(0.6 / 0.1), abs=1e-12)
    # July: nothing matched, and silence is evidence too, against the campaign
    assert logit(july["H2"]) - logit(june["H2"]) == pytest.approx(0.5 * math.log(0.4 / 0.9), abs=1e-12)
    assert july["H2"] < june["H2"]


def test_absent_and_fired_terms_add_up_across_signposts() -> None:
    release = "{id: release, query: {source: B, target: A, cameo: ['0841']}, p_fire: {H1: 0.3, H2: 0.05}}"
    spec = board(ARRESTS % "{H1: 0.1, H2: 0.6}", release, tempering=0.5)
    (june,) = probs(run_scenarios(spec, [arrest(JUNE)], dyad=("AZE", "RUS")))
    expected = 0.5 * (math.log(0.6 / 0.1) + math.log(0.95 / 0.7))
    assert logit(june["H2"]) - logit(0.5) == pytest.approx(expected, abs=1e-12)


def test_forgetting_bounds_probabilities_away_from_zero_and_one() -> None:
    incidents = [arrest(date(2023 + m // 12, m % 12 + 1, 5)) for m in range(48)]
    strict = board(ARRESTS % "{H1: 0.02, H2: 0.98}", tempering=0.5, forgetting=0.0)
    forgetful = board(ARRESTS % "{H1: 0.02, H2: 0.98}", tempering=0.5, forgetting=0.05)
    assert probs(run_scenarios(strict, incidents, dyad=("AZE", "RUS")))[-1]["H1"] < 1e-10
    low = min(p["H1"] for p in probs(run_scenarios(forgetful, incidents, dyad=("AZE", "RUS"))))
    # the floor is the fixed point of: pull 5% back toward 0.5, then one period's evidence (ratio 49 ** 0.5)
    floor = 0.5
    for _ in range(500):
        mixed = 0.95 * floor + 0.05 * 0.5
        floor = mixed / (mixed + 7.0 * (1.0 - mixed))
    assert low == pytest.approx(floor, rel=1e-6)
    assert low > 0.004


def test_forgetting_pulls_toward_the_prior_when_nothing_is_evaluated() -> None:
    falls = "{id: quiet, query: {falls_by: 0.5}, p_fire: {H1: 0.8, H2: 0.2}}"
    spec = board(ARRESTS % "{H1: 0.1, H2: 0.6}", falls, forgetting=0.5)
    run = run_scenarios(spec, [arrest(JUNE)], dyad=("AZE", "RUS"))
    (step,) = run.steps
    assert [c.status for c in run.checks] == ["fired", "n/a"]  # no baseline before the first period
    assert {a.cause for a in step.attributions} == {FORGETTING, "arrests"}


def test_coder_error_correction_and_clamp() -> None:
    quiet = "{id: quiet, query: {max_count: 0}, p_fire: {H1: 0.5, H2: 0.1}}"
    falls = "{id: falls, query: {falls_by: 0.5}, p_fire: {H1: 0.5, H2: 0.1}}"
    extreme = "{id: extreme, query: {cameo: ['18']}, p_fire: {H1: 0.999, H2: 0.001}, coder: {recall: 1}}"
    spec = board(ARRESTS % "{H1: 0.5, H2: 0.1}", quiet, falls, extreme,
                 extra="coder: {recall: 0.8, false_positive: 0.02}")
    arrests, quiet_, falls_, extreme_ = spec.signposts
    assert arrests.likelihood("H1") == pytest.approx(0.8 * 0.5 + 0.02 * 0.5)
    assert arrests.likelihood("H2") == pytest.approx(0.8 * 0.1 + 0.02 * 0.9)
    assert quiet_.likelihood("H2") == pytest.approx(0.1 * 0.98 + 0.9 * 0.2)  # missed events look like quiet
    assert falls_.likelihood("H2") == pytest.approx(0.1)  # relative: a steady coder error cancels
    assert extreme_.coder.false_positive == 0.02  # an override keeps the file's other value
    assert extreme_.likelihood("H1") == P_MAX and extreme_.likelihood("H2") == pytest.approx(0.02 + 0.001 * 0.98)
    assert board(ARRESTS % "{H1: 0.001, H2: 0.5}").signposts[0].likelihood("H1") == P_MIN


def test_three_hypotheses_stay_normalised_and_move_by_their_likelihoods() -> None:
    hypotheses = "[{id: H1, title: a}, {id: H2, title: b}, {id: H3, title: c}]"
    spec = board(ARRESTS % "{H1: 0.1, H2: 0.4, H3: 0.4}", hypotheses=hypotheses, tempering=0.5, forgetting=0.05)
    (june,) = probs(run_scenarios(spec, [arrest(JUNE)], dyad=("AZE", "RUS")))
    assert sum(june.values()) == pytest.approx(1.0)
    assert june["H2"] == pytest.approx(june["H3"])
    assert math.log(june["H2"] / june["H1"]) == pytest.approx(0.5 * math.log(4.0))


# --- attribution -----------------------------------------------------------------------------------------


def crisis_board() -> ScenarioFile:
    call = "{id: call, query: {source: A, target: B, both_directions: true, cameo: ['04']}, p_fire: {H1: 0.5, H2: 0.2}}"
    sanction = "{id: sanction, query: {source: A, target: B, cameo: ['16']}, p_fire: {H1: 0.1, H2: 0.3}}"
    return board(ARRESTS % "{H1: 0.1, H2: 0.6}", call, sanction, tempering=0.5, forgetting=0.05)


def crisis_incidents() -> list[Incident]:
    return [
        arrest(date(2025, 6, 3)), arrest(date(2025, 6, 20)),
        make_incident("AZE", "RUS", date(2025, 6, 25), "163", trigger="sanctioned"),
        make_incident("AZE", "RUS", date(2025, 7, 2), "041", trigger="phoned"),
        make_incident("AZE", "RUS", date(2025, 8, 2), "042", trigger="visited"),
    ]


def test_attributions_add_up_to_each_change() -> None:
    run = run_scenarios(crisis_board(), crisis_incidents(), dyad=("AZE", "RUS"))
    for step in run.steps:
        for hypothesis in ("H1", "H2"):
            parts = [a.points for a in step.attributions if a.hypothesis == hypothesis]
            assert math.fsum(parts) == pytest.approx(step.after[hypothesis] - step.before[hypothesis], abs=1e-9)
    row = next(r for r in run.history() if r.period == "2025-07" and r.hypothesis == "H2")
    assert row.change == pytest.approx(row.probability - probs(run)[0]["H2"])


def test_attributions_name_the_matched_incidents() -> None:
    incidents = crisis_incidents()
    run = run_scenarios(crisis_board(), incidents, dyad=("AZE", "RUS"))
    top = run.attributions("2025-06", set_id="q")[0]
    assert (top.cause, top.status) == ("arrests", "fired")
    assert top.points > 0.05 or top.points < -0.05
    assert {i.id for i in top.incidents} == {incidents[0].id, incidents[1].id}
    h2 = next(a for a in run.attributions("2025-06") if a.hypothesis == "H2" and a.cause == "arrests")
    text = h2.describe()
    assert text.startswith(f"+{h2.points * 100:.1f} pts to H2: 'arrests' fired on 2 incidents: 2025-06-03 RUS->AZE 173")
    assert "'detained'" in text
    absent = next(a for a in run.attributions("2025-07") if a.cause == "arrests" and a.hypothesis == "H2")
    assert absent.describe().endswith("'arrests' absent (no matching incident)") and absent.points < 0
    forget = next(a for a in run.attributions("2025-07") if a.cause == FORGETTING and a.hypothesis == "H2")
    assert forget.describe().endswith("forgetting toward the prior") and forget.points < 0  # H2 was above its prior


def test_attributions_filter_sort_and_reject_unknown_periods() -> None:
    run = run_scenarios(crisis_board(), crisis_incidents(), dyad=("AZE", "RUS"))
    rows = run.attributions("2025-06", min_points=0.02)
    assert rows and all(abs(a.points) >= 0.02 for a in rows)
    assert [abs(a.points) for a in rows] == sorted((abs(a.points) for a in rows), reverse=True)
    with pytest.raises(ValueError, match="period: '2024-01'"):
        run.attributions("2024-01")


def test_attribution_does_not_depend_on_signpost_order() -> None:
    spec = crisis_board()
    flipped = replace(spec, signposts=spec.signposts[::-1])
    one = run_scenarios(spec, crisis_incidents(), dyad=("AZE", "RUS"))
    two = run_scenarios(flipped, crisis_incidents(), dyad=("AZE", "RUS"))
    points = lambda run: {(a.period, a.hypothesis, a.cause): round(a.points, 12) for s in run.steps  # noqa: E731
                          for a in s.attributions}
    assert points(one) == points(two)
    assert one.final()["q"]["H2"] == pytest.approx(two.final()["q"]["H2"], abs=1e-12)


# --- running: periods, roles, outputs ---------------------------------------------------------------------


def test_run_outputs_are_tables_and_json() -> None:
    run = run_scenarios(crisis_board(), crisis_incidents(), dyad=("AZE", "RUS"))
    assert run.periods == ("2025-06", "2025-07", "2025-08")
    assert dict(run.roles) == {"A": "AZE", "B": "RUS"}
    assert [(r.signpost, r.statuses) for r in run.checklist()] == [
        ("arrests", ("fired", "absent", "absent")), ("call", ("absent", "fired", "fired")),
        ("sanction", ("fired", "absent", "absent")),
    ]
    assert len(run.history()) == 6 and len(run.history("q")) == 6
    assert run.final()["q"]["H2"] == run.history()[-1].probability
    data = json.loads(json.dumps(run.as_dict()))
    assert data["final"]["q"]["H1"] == pytest.approx(run.final()["q"]["H1"])
    assert data["checks"][0]["incidents"] == [i.id for i in run.checks[0].incidents]


def test_result_does_not_depend_on_input_order() -> None:
    incidents = crisis_incidents() + [arrest(date(2025, 6, 3)), make_incident("AZE", "ISR", JULY, "042")]
    shuffled = incidents[:]
    random.Random(7).shuffle(shuffled)
    one = run_scenarios(crisis_board(), incidents, dyad=("AZE", "RUS")).as_dict()
    assert one == run_scenarios(crisis_board(), shuffled, dyad=("AZE", "RUS")).as_dict()


def test_since_until_history_and_undated() -> None:
    incidents = [arrest(date(2025, 5, 20)), arrest(date(2025, 9, 1)), arrest(None)]
    spec = board("{id: arrests, query: {source: B, target: A, cameo: ['173'], window: 2}, p_fire: {H1: 0.1, H2: 0.6}}")
    run = run_scenarios(spec, incidents, dyad=("AZE", "RUS"), since=date(2025, 6, 1), until=date(2025, 8, 31))
    assert run.periods == ("2025-06", "2025-07", "2025-08")  # May is history only; September is cut
    assert [c.status for c in run.checks] == ["fired", "absent", "absent"]  # May's arrest is in June's window
    assert run.undated == 1
    assert run_scenarios(spec, [], dyad=("AZE", "RUS")).periods == ()
    assert run_scenarios(spec, [], dyad=("AZE", "RUS")).final()["q"] == {"H1": 0.5, "H2": 0.5}
    with pytest.raises(ValueError, match="since"):
        run_scenarios(spec, incidents, dyad=("AZE", "RUS"), since=AUG, until=JUNE)


def test_periods_before_the_first_data_carry_no_evidence() -> None:
    spec = board(ARRESTS % "{H1: 0.1, H2: 0.6}", forgetting=0.05)
    run = run_scenarios(spec, [arrest(AUG)], dyad=("AZE", "RUS"), since=JUNE)
    assert run.periods == ("2025-06", "2025-07", "2025-08")
    assert [c.status for c in run.checks] == ["n/a", "n/a", "fired"]
    assert probs(run)[1] == {"H1": 0.5, "H2": 0.5}


def test_roles_come_from_the_argument_or_the_file() -> None:
    spec = board(ARRESTS % "{H1: 0.1, H2: 0.6}")
    with pytest.raises(ScenarioError, match=r"^board\.yaml: the signposts name roles A and B but no dyad"):
        run_scenarios(spec, [arrest(JUNE)])
    with pytest.raises(ValueError, match="dyad"):
        run_scenarios(spec, [arrest(JUNE)], dyad=("AZE", "AZE"))
    with_default = board(ARRESTS % "{H1: 0.1, H2: 0.6}", extra="dyad: [AZE, RUS]")
    assert run_scenarios(with_default, [arrest(JUNE)]).checks[0].fired
    assert not run_scenarios(with_default, [arrest(JUNE)], dyad=("RUS", "AZE")).checks[0].fired
    literal = board("{id: x, query: {source: RUS, target: AZE}, p_fire: {H1: 0.1, H2: 0.6}}")
    assert run_scenarios(literal, [arrest(JUNE)]).checks[0].fired


# --- loading ----------------------------------------------------------------------------------------------


GOOD = """name: ok
sets:
  - id: q
    hypotheses: [{id: H1, title: a}, {id: H2, title: b}]
signposts:
  - {id: first, query: {source: B, target: A}, p_fire: {H1: 0.2, H2: 0.4}}
  - {id: release, query: {source: B, target: A, cameo: ['0841']}, p_fire: {H1: 0.3, H2: 0.1}}
"""


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("name: ok", "name: ok\ntempring: 0.5", "s.yaml: unknown key 'tempring' (did you mean 'tempering'?)"),
        ("{H1: 0.3, H2: 0.1}", "{H1: 0.3}", "s.yaml: signposts[1] 'release'.p_fire: names part of set 'q' but not H2"),
        ("{H1: 0.3, H2: 0.1}", "{H1: 0.3, H2: 1.5}",
         "s.yaml: signposts[1] 'release'.p_fire.H2: expected a number in (0, 1), got 1.5"),
        ("{H1: 0.3, H2: 0.1}", "{H1: 0.3, H2: 0}", "signposts[1] 'release'.p_fire.H2: expected a number in (0, 1)"),
        ("{H1: 0.3, H2: 0.1}", "{H1: 0.3, H2: 0.1, H9: 0.2}", "signposts[1] 'release'.p_fire: unknown hypothesis 'H9'"),
        ("source: B, target: A, cameo", "source: C, target: A, cameo",
         "s.yaml: signposts[1] 'release'.query.source: unknown role or actor key 'C'"),
        ("cameo: ['0841']", "cameo: ['0841'], windw: 2", "signposts[1] 'release'.query: unknown key 'windw'"),
        ("id: release,", "id: release, weight: 2,", "signposts[1] 'release': unknown key 'weight'"),
        ("id: first", "id: release", "s.yaml: signpost id 'release' is used twice"),
        ("{id: H2, title: b}", "{id: H1, title: b}", "s.yaml: hypothesis id 'H1' is used twice"),
        ("[{id: H1, title: a}, {id: H2, title: b}]", "[{id: H1, title: a}]",
         "s.yaml: sets[0] 'q'.hypotheses: a set needs at least two hypotheses"),
        ("{id: H1, title: a}", "{id: H1, title: a, prior: 0.4}", "sets[0] 'q'.hypotheses: give a prior for every"),
        ("{id: H1, title: a}", "{id: H1, title: a, prior: -1}", "sets[0] 'q'.hypotheses[0] 'H1'.prior: expected"),
        ("{id: H1, title: a}", "{id: 1, title: a}", "sets[0] 'q'.hypotheses[0].id: expected text, got 1"),
        ("{id: H1, title: a}", "{id: H 1, title: a}", "'H 1' is not a valid id"),
        ("name: ok", "name: ok\nperiod: day", "s.yaml: period: expected one of month, week, got 'day'"),
        ("name: ok", "name: ok\ntempering: 0", "s.yaml: tempering: expected a number in (0, 1]"),
        ("name: ok", "name: ok\nforgetting: 1", "s.yaml: forgetting: expected a number in [0, 1)"),
        ("name: ok", "name: ok\ncoder: {recall: 0.1, false_positive: 0.2}", "s.yaml: coder: false_positive must be"),
        ("name: ok", "name: ok\ndyad: [AZE]", "s.yaml: dyad: expected two actor keys"),
        ("name: ok\n", "", "s.yaml: missing key 'name'"),
        ("sets:", "sets: []\nunused:", "s.yaml: unknown key 'unused'"),
        ("[{id: H1, title: a}, {id: H2, title: b}]", "[{id: H1, title: a}, {id: H2, title: b}]\n  - id: r\n"
         "    hypotheses: [{id: R1}, {id: R2}]", "s.yaml: sets[1] 'r': no signpost gives p_fire for it"),
        ("hypotheses: [", "hypotheses: [[", "s.yaml: not valid YAML: line 5, column 1: expected ',' or ']'"),
        ("name: ok", "- name: ok", "s.yaml: not valid YAML"),
        ("{id: first, query", "{id: first, id: again, query",
         "s.yaml: not valid YAML: line 6, column 17: key 'id' given twice"),
    ],
)
def test_loading_errors_are_one_line_and_name_the_item(old: str, new: str, fragment: str) -> None:
    assert old in GOOD
    with pytest.raises(ScenarioError) as info:
        load_scenarios(GOOD.replace(old, new, 1), name="s.yaml")
    message = str(info.value)
    assert fragment in message, message
    assert "\n" not in message


def test_the_documented_format_names_every_query_key() -> None:
    for module in (scenarios, signposts):
        missing = [k for k in QUERY_KEYS if f"`{k}`" not in (module.__doc__ or "")]
        assert not missing, (module.__name__, missing)


def test_the_top_level_must_be_a_mapping() -> None:
    with pytest.raises(ScenarioError, match=r"^s\.yaml: expected a mapping of keys, got \['a', 'b'\]"):
        load_scenarios("- a\n- b\n", name="s.yaml")


def test_loads_from_a_path_and_names_the_file_in_errors(tmp_path) -> None:
    good = tmp_path / "board.yaml"
    good.write_text(GOOD, encoding="utf-8")
    spec = load_scenarios(good)
    assert (spec.name, spec.source, spec.period) == ("ok", str(good), "month")
    assert (spec.tempering, spec.forgetting, spec.dyad) == (0.5, 0.05, None)
    assert [h.prior for h in spec.sets[0].hypotheses] == [0.5, 0.5]
    assert load_scenarios(str(good)).signposts == spec.signposts
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("0.4}", "4}"), encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"bad\.yaml: signposts\[0\] 'first'\.p_fire\.H2"):
        load_scenarios(bad)
    with pytest.raises(ScenarioError, match=r"missing\.yaml: cannot read"):
        load_scenarios(tmp_path / "missing.yaml")


def test_priors_are_normalised() -> None:
    spec = load_scenarios(GOOD.replace("{id: H1, title: a}, {id: H2, title: b}",
                                       "{id: H1, title: a, prior: 3}, {id: H2, title: b, prior: 1}"))
    assert [h.prior for h in spec.sets[0].hypotheses] == [0.75, 0.25]
    assert spec.source == "<scenario text>"


# --- diagnosticity ----------------------------------------------------------------------------------------


def test_diagnosticity_when_fired_and_when_absent() -> None:
    spec = board(ARRESTS % "{H1: 0.1, H2: 0.6}", "{id: quiet, query: {max_count: 0}, p_fire: {H1: 0.6, H2: 0.5}}")
    arrests, quiet = diagnosticity(spec)
    assert (arrests.set_id, arrests.signpost, arrests.first, arrests.second) == ("q", "arrests", "H1", "H2")
    assert arrests.when_fired == pytest.approx(math.log(6.0))
    assert arrests.when_absent == pytest.approx(math.log(0.9 / 0.4))
    assert arrests.favours == "H2" and not arrests.weak
    assert quiet.when_fired == pytest.approx(math.log(1.2)) and quiet.weak and quiet.favours == "H1"
    assert most_diagnostic(spec, top=1) == (arrests,)
    with pytest.raises(ValueError, match="top"):
        most_diagnostic(spec, top=0)


# --- the bundled template ---------------------------------------------------------------------------------


def test_template_cameo_codes_exist_and_every_set_is_covered() -> None:
    spec = load_scenarios(template_path())
    assert [s.id for s in spec.sets] == ["interpretation", "trajectory"]
    assert [h.id for s in spec.sets for h in s.hypotheses] == ["H1", "H2", "S1", "S2"]
    assert {"ISR", "IRN"} <= {k for s in spec.signposts for k in s.query.source + s.query.target}
    with pytest.raises(ValueError, match="no bundled scenario template 'nope'"):
        template_path("nope")


def test_template_says_silence_is_weak_evidence_between_s1_and_s2() -> None:
    spec = load_scenarios(template_path())
    falls = next(r for r in diagnosticity(spec) if r.signpost == "overt_volume_falls")
    assert falls.weak and falls.favours == "S1"
    strongest = {r.signpost for r in most_diagnostic(spec, top=3) if r.set_id == "trajectory"}
    assert "release_of_detainees" in strongest
    # a month in which nothing at all is coded barely moves the trajectory
    run = run_scenarios(spec, [make_incident("AZE", "RUS", JUNE, "042")], dyad=("AZE", "RUS"), until=JULY)
    july = next(s for s in run.steps if s.period == "2025-07" and s.set_id == "trajectory")
    moved = abs(logit(july.after["S2"]) - logit(july.before["S2"]))
    assert moved < WEAK / 2, moved
    # the template's header states what a month with nothing coded does (relative signposts aside)
    for set_id, first, second, stated in (("interpretation", "H1", "H2", -0.4), ("trajectory", "S1", "S2", -0.2)):
        quiet = spec.tempering * math.fsum(math.log((1 - s.likelihood(second)) / (1 - s.likelihood(first)))
                                           for s in spec.signposts_for(set_id) if s.query.kind != "falls")
        assert quiet == pytest.approx(stated, abs=0.05), set_id


def synthetic_crisis() -> list[Incident]:
    """B (RUS) coerces A's (AZE) nationals, A sanctions B; then a leader call and a release."""
    may = [make_incident("AZE", "RUS", date(2025, 5, d), "042") for d in (5, 20)]
    june = [
        make_incident("RUS", "AZE", date(2025, 6, 27), "173", target_sector="CVL", trigger="detained"),
        make_incident("RUS", "AZE", date(2025, 6, 28), "173", target_sector="BUS", trigger="arrested"),
        make_incident("RUS", "AZE", date(2025, 6, 29), "174", target_sector="CVL", trigger="deported"),
        make_incident("AZE", "RUS", date(2025, 6, 30), "163", trigger="sanctioned"),
    ]
    july = [
        make_incident("RUS", "AZE", date(2025, 7, 3), "173", target_sector="MED", trigger="detained"),
        make_incident("AZE", "RUS", date(2025, 7, 4), "166", trigger="closed"),
    ]
    october = [
        make_incident("AZE", "RUS", date(2025, 10, 9), "041", trigger="phoned"),
        make_incident("RUS", "AZE", date(2025, 10, 12), "0841", target_sector="MED", trigger="released"),
    ]
    return may + june + july + october


def test_template_runs_on_a_synthetic_crisis() -> None:
    spec = load_scenarios(template_path())
    run = run_scenarios(spec, synthetic_crisis(), dyad=("AZE", "RUS"))
    assert run.periods == ("2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10")
    at = {(r.period, r.hypothesis): r.probability for r in run.history()}
    assert at["2025-06", "H2"] > at["2025-05", "H2"] + 0.2
    assert at["2025-06", "S2"] > at["2025-05", "S2"] + 0.2
    assert at["2025-07", "H2"] > 0.6 and at["2025-07", "S2"] > 0.6
    assert at["2025-10", "S1"] > at["2025-09", "S1"] + 0.15
    october = run.attributions("2025-10", set_id="trajectory")
    causes = {a.cause for a in october if a.hypothesis == "S1" and a.points > 0.03}
    assert {"release_of_detainees", "official_contact"} <= causes
    june = {a.cause for a in run.attributions("2025-06", set_id="interpretation") if a.hypothesis == "H2"
            and a.points > 0.03}
    assert {"coercion_of_nationals", "deportations", "retaliation_by_a"} <= june
    falls = next(c for c in run.checks if c.period == "2025-09" and c.signpost == "overt_volume_falls")
    assert falls.fired and falls.expected == pytest.approx(2.0)
