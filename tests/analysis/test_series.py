"""Tests for `dyadwatch.analysis.series`: arithmetic, gap filling, exclusions, verdicts, order."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.analysis.series import dyad_series
from dyadwatch.types import Actor, Event, Mention, Trigger

_ids = itertools.count()


def make_event(
    source: str,
    target: str,
    day: date | None,
    goldstein: float,
    quad: int,
    *,
    modality: str = "asserted",
    cameo: str = "010",
    source_sector: str | None = None,
    target_sector: str | None = None,
    trigger: str = "said",
    event_id: str | None = None,
) -> Event:
    """A hand-built event between two state actors."""
    return Event(
        id=event_id or f"e{next(_ids)}",
        article_id="a1",
        sentence_index=0,
        source=Mention(source, 0, len(source), Actor(country=source, sector=source_sector)),
        target=Mention(target, 10, 10 + len(target), Actor(country=target, sector=target_sector)),
        trigger=Trigger(trigger, 5, 5 + len(trigger)),
        cameo=cameo,
        cameo_root=cameo[:2],
        plover="CONSULT",
        goldstein=goldstein,
        quad=quad,
        modality=modality,
        date=day,
    )


def test_counts_quads_sums_and_means_in_both_directions() -> None:
    events = [
        make_event("AZE", "RUS", date(2025, 1, 3), 1.0, 1),
        make_event("AZE", "RUS", date(2025, 1, 9), -2.0, 3),
        make_event("AZE", "RUS", date(2025, 1, 20), -10.0, 4),
        make_event("RUS", "AZE", date(2025, 1, 5), 7.0, 2),
    ]
    series = dyad_series(events, "AZE", "RUS")
    assert series.months == ("2025-01",)
    (ab,), (ba,) = series.a_to_b, series.b_to_a
    assert (ab.source, ab.target, ab.count, ab.quad) == ("AZE", "RUS", 3, (1, 0, 1, 1))
    assert ab.goldstein_sum == pytest.approx(-11.0)
    assert ab.goldstein_mean == pytest.approx(-11.0 / 3)
    assert (ba.source, ba.target, ba.count, ba.quad) == ("RUS", "AZE", 1, (0, 1, 0, 0))
    assert (ba.goldstein_sum, ba.goldstein_mean) == (7.0, 7.0)
    assert series.verdicts[0].score == pytest.approx(-4.0 / 4)


def test_gaps_are_filled_across_a_year_boundary() -> None:
    events = [
        make_event("RUS", "AZE", date(2025, 2, 1), 1.0, 1),
        make_event("AZE", "RUS", date(2024, 11, 30), 1.0, 1),
    ]
    series = dyad_series(events, "AZE", "RUS")
    assert series.months == ("2024-11", "2024-12", "2025-01", "2025-02")
    assert [s.count for s in series.a_to_b] == [1, 0, 0, 0]
    assert [s.count for s in series.b_to_a] == [0, 0, 0, 1]
    gap = series.a_to_b[1]
    assert (gap.month, gap.quad, gap.goldstein_sum, gap.goldstein_mean) == (
        "2024-12",
        (0, 0, 0, 0),
        0.0,
        None,
    )
    assert [v.verdict for v in series.verdicts][1:3] == ["no events", "no events"]
    assert series.verdicts[1].baseline is None and series.verdicts[1].drivers == ()


def test_other_dyads_are_ignored_and_not_counted_as_excluded() -> None:
    events = [
        make_event("AZE", "ARM", date(2025, 1, 1), -10.0, 4),
        make_event("TUR", "RUS", date(2025, 1, 1), -10.0, 4, modality="negated"),
        make_event("AZE", "RUS", date(2025, 1, 1), 1.0, 1),
    ]
    series = dyad_series(events, "AZE", "RUS")
    assert series.a_to_b[0].count == 1 and series.b_to_a[0].count == 0
    assert dict(series.excluded) == {}


def test_exclusions_by_modality_and_undated() -> None:
    events = [
        make_event("AZE", "RUS", date(2025, 3, 1), 1.0, 1),
        make_event("AZE", "RUS", date(2025, 3, 1), -5.0, 4, modality="negated"),
        make_event("RUS", "AZE", date(2025, 3, 2), -5.0, 4, modality="negated"),
        make_event("RUS", "AZE", date(2025, 3, 2), 4.0, 2, modality="future"),
        make_event("RUS", "AZE", None, 4.0, 2),
        make_event("RUS", "AZE", None, 4.0, 2, modality="alleged"),
    ]
    series = dyad_series(events, "AZE", "RUS")
    assert dict(series.excluded) == {"negated": 2, "future": 1, "undated": 1, "alleged": 1}
    assert series.a_to_b[0].count == 1 and series.b_to_a[0].count == 0

    wider = dyad_series(events, "AZE", "RUS", modalities={"asserted", "negated", "alleged"})
    assert dict(wider.excluded) == {"future": 1, "undated": 2}
    assert wider.a_to_b[0].count == 2 and wider.b_to_a[0].count == 1


def test_no_events_gives_an_empty_series() -> None:
    series = dyad_series([make_event("AZE", "RUS", None, 1.0, 1)], "AZE", "RUS")
    assert series.months == () and series.a_to_b == () and series.verdicts == ()
    assert dict(series.excluded) == {"undated": 1}


def test_same_actor_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="two different actors"):
        dyad_series([], "AZE", "AZE")


def _crafted_history() -> list[Event]:
    """Calm January, a raid in March, an agreement in May (April empty)."""
    return [
        make_event("AZE", "RUS", date(2025, 1, 10), 1.0, 1, event_id="jan1"),
        make_event("RUS", "AZE", date(2025, 1, 12), -1.0, 3, event_id="jan2"),
        make_event("AZE", "RUS", date(2025, 2, 10), 1.0, 1, event_id="feb1"),
        make_event("RUS", "AZE", date(2025, 3, 27), -9.0, 4, event_id="raid", cameo="180"),
        make_event("RUS", "AZE", date(2025, 3, 28), -5.0, 4, event_id="arrest", cameo="173"),
        make_event("AZE", "RUS", date(2025, 3, 29), -2.0, 3, event_id="protest", cameo="111"),
        make_event("AZE", "RUS", date(2025, 3, 30), 1.0, 1, event_id="talk"),
        make_event("AZE", "RUS", date(2025, 5, 2), 8.0, 2, event_id="deal", cameo="057"),
        make_event("RUS", "AZE", date(2025, 5, 3), 5.0, 1, event_id="praise", cameo="051"),
        make_event("RUS", "AZE", date(2025, 5, 4), 6.0, 2, event_id="aid", cameo="070"),
    ]


def test_verdicts_detect_a_deterioration_and_an_improvement_with_drivers() -> None:
    series = dyad_series(_crafted_history(), "AZE", "RUS")
    assert series.months == ("2025-01", "2025-02", "2025-03", "2025-04", "2025-05")
    verdicts = {v.month: v for v in series.verdicts}
    assert [v.verdict for v in series.verdicts] == [
        "unchanged",
        "unchanged",
        "deteriorated",
        "no events",
        "improved",
    ]
    assert verdicts["2025-01"].baseline == 0.0 and verdicts["2025-01"].score == 0.0
    assert verdicts["2025-02"].baseline == 0.0 and verdicts["2025-02"].score == 1.0
    march = verdicts["2025-03"]
    assert march.baseline == pytest.approx(1.0 / 3)
    assert march.score == pytest.approx(-15.0 / 4)
    assert [e.id for e in march.drivers] == ["raid", "arrest"]
    may = verdicts["2025-05"]
    assert may.baseline == pytest.approx(-14.0 / 7)
    assert may.score == pytest.approx(19.0 / 3)
    assert [e.id for e in may.drivers] == ["deal", "aid"]


def test_drop_without_severe_event_or_low_mean_is_unchanged() -> None:
    events = [
        make_event("AZE", "RUS", date(2025, 1, 1), 3.0, 1),
        make_event("AZE", "RUS", date(2025, 2, 1), 1.0, 1),
        make_event("AZE", "RUS", date(2025, 2, 2), -1.0, 3),
    ]
    (jan, feb) = dyad_series(events, "AZE", "RUS").verdicts
    # January rises 3.0 above the 0.0 baseline with a cooperative event of exactly 3: improved.
    assert jan.verdict == "improved" and jan.score == 3.0
    # February is 3.0 below, but has no conflict event <= -4 and a mean above -2.
    assert feb.verdict == "unchanged" and feb.drivers == ()


def test_low_mean_alone_is_enough_for_a_deterioration() -> None:
    events = [make_event("AZE", "RUS", date(2025, 1, d), -3.0, 3) for d in (1, 2)]
    (jan,) = dyad_series(events, "AZE", "RUS").verdicts
    assert jan.verdict == "deteriorated" and jan.score == -3.0 and len(jan.drivers) == 2


def test_rise_without_a_cooperative_event_of_three_is_unchanged() -> None:
    events = [make_event("AZE", "RUS", date(2025, 1, 1), 2.8, 1) for _ in range(3)]
    (jan,) = dyad_series(events, "AZE", "RUS").verdicts
    assert jan.verdict == "unchanged"


_days = st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 12, 31))
_event_specs = st.tuples(
    st.sampled_from([("AZE", "RUS"), ("RUS", "AZE"), ("AZE", "ARM")]),
    st.one_of(st.none(), _days),
    st.sampled_from([-10.0, -9.5, -7.0, -5.0, -4.4, -2.0, -0.1, 0.0, 1.0, 1.9, 3.0, 3.4, 7.0, 8.3, 10.0]),
    st.integers(min_value=1, max_value=4),
    st.sampled_from(["asserted", "asserted", "asserted", "negated", "future"]),
)


@settings(max_examples=150, deadline=None)
@given(specs=st.lists(_event_specs, max_size=30), data=st.data())
def test_shuffling_events_does_not_change_the_series(specs: list[tuple], data: st.DataObject) -> None:
    events = [
        make_event(src, tgt, day, g, q, modality=m, event_id=f"p{i}")
        for i, ((src, tgt), day, g, q, m) in enumerate(specs)
    ]
    shuffled = data.draw(st.permutations(events))
    modalities = {"asserted", "negated"}
    assert dyad_series(shuffled, "AZE", "RUS") == dyad_series(events, "AZE", "RUS")
    assert dyad_series(shuffled, "AZE", "RUS", modalities=modalities) == dyad_series(
        events, "AZE", "RUS", modalities=modalities
    )


def test_a_surge_of_hostile_acts_deteriorates_an_already_sour_relationship() -> None:
    sour = [make_event("AZE", "RUS", date(2025, 1, d), -5.0, 4) for d in (1, 2)]
    surge = [make_event("RUS", "AZE", date(2025, 2, d), -5.0, 4) for d in range(1, 7)]
    same = [make_event("RUS", "AZE", date(2025, 3, d), -5.0, 4) for d in (1, 2)]
    jan, feb, mar = dyad_series(sour + surge + same, "AZE", "RUS").verdicts
    assert jan.verdict == "deteriorated"  # first month: -5 vs baseline 0
    assert feb.score == jan.score == -5.0  # same mean: only the volume moved (30 >= 2 x 10 + 10)
    assert feb.verdict == "deteriorated" and len(feb.drivers) == 2
    assert mar.verdict == "unchanged"  # 10 < 2 x mean(10, 30) + 10
