"""The accuracy gate: the coder on the shared dev sets must stay at or above the pinned floors.

Floors live in tests/eval/floors.json and record what the coder reached when they were set; they
may be raised, never lowered to make a run pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.pipeline import DEFAULT_GOLD, run_evaluation

FLOORS = Path(__file__).with_name("floors.json")

pytestmark = [pytest.mark.shared, pytest.mark.model]


def test_dev_sets_meet_their_floors(shared_data, settings):
    paths = [str(shared_data / "gold-dev" / p) for p in DEFAULT_GOLD]
    table, failures = run_evaluation(paths, settings=settings, floors_file=str(FLOORS))
    print(table)
    assert failures == [], "\n".join(failures)


def test_every_default_set_has_floors():
    import json

    floors = json.loads(FLOORS.read_text())
    assert {Path(p).stem for p in DEFAULT_GOLD} <= set(floors)
