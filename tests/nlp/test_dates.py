"""Date expressions resolved against fixed publication dates (hermetic: no clock, no model)."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.nlp.dates import PRECISIONS, EventDate, find_date_expressions, resolve_date

SUN = date(2025, 6, 29)
"""Publication date: Sunday 29 June 2025."""
WED = date(2024, 12, 25)
"""Publication date: Wednesday 25 December 2024."""


def resolved(expression: str, published: date = SUN) -> tuple[date, str]:
    found = resolve_date(expression, published=published)
    assert found is not None, expression
    assert found.precision in PRECISIONS
    return found.day, found.precision


@pytest.mark.parametrize(
    ("expression", "day", "precision"),
    [
        # days
        ("today", date(2025, 6, 29), "day"),
        ("yesterday", date(2025, 6, 28), "day"),
        ("the day before yesterday", date(2025, 6, 27), "day"),
        ("tomorrow", date(2025, 6, 30), "day"),
        ("overnight", date(2025, 6, 29), "day"),
        ("last night", date(2025, 6, 28), "day"),
        ("this morning", date(2025, 6, 29), "day"),
        ("yesterday evening", date(2025, 6, 28), "day"),
        ("three days ago", date(2025, 6, 26), "day"),
        ("3 days ago", date(2025, 6, 26), "day"),
        # explicit dates
        ("on 25 December", date(2024, 12, 25), "day"),
        ("on Dec. 25", date(2024, 12, 25), "day"),
        ("December 25, 2024", date(2024, 12, 25), "day"),
        ("25 December 2024", date(2024, 12, 25), "day"),
        ("on the 25th of December", date(2024, 12, 25), "day"),
        ("2024-12-25", date(2024, 12, 25), "day"),
        ("on Monday, June 23", date(2025, 6, 23), "day"),
        ("on June 30", date(2025, 6, 30), "day"),
        ("on July 4", date(2024, 7, 4), "day"),
        # weekdays
        ("on Monday", date(2025, 6, 23), "day"),
        ("on Saturday", date(2025, 6, 28), "day"),
        ("on Sunday", date(2025, 6, 29), "day"),
        ("on Friday evening", date(2025, 6, 27), "day"),
        ("on Thursday night", date(2025, 6, 26), "day"),
        ("late on Tuesday", date(2025, 6, 24), "day"),
        ("last Tuesday", date(2025, 6, 24), "day"),
        ("last Sunday", date(2025, 6, 22), "day"),
        ("next Tuesday", date(2025, 7, 1), "day"),
        # weeks
        ("this week", date(2025, 6, 23), "week"),
        ("earlier this week", date(2025, 6, 23), "week"),
        ("last week", date(2025, 6, 16), "week"),
        ("next week", date(2025, 6, 30), "week"),
        ("two weeks ago", date(2025, 6, 9), "week"),
        ("over the weekend", date(2025, 6, 28), "day"),
        ("last weekend", date(2025, 6, 21), "day"),
        # months
        ("this month", date(2025, 6, 1), "month"),
        ("earlier this month", date(2025, 6, 1), "month"),
        ("last month", date(2025, 5, 1), "month"),
        ("next month", date(2025, 7, 1), "month"),
        ("a month ago", date(2025, 5, 1), "month"),
        ("in February 2025", date(2025, 2, 1), "month"),
        ("as early as February", date(2025, 2, 1), "month"),
        ("in March", date(2025, 3, 1), "month"),
        ("in June", date(2025, 6, 1), "month"),
        ("in September", date(2024, 9, 1), "month"),
        ("last March", date(2025, 3, 1), "month"),
        ("last June", date(2024, 6, 1), "month"),
        ("next March", date(2026, 3, 1), "month"),
        ("in May last year", date(2024, 5, 1), "month"),
        ("in June of 2023", date(2023, 6, 1), "month"),
        ("late June", date(2025, 6, 1), "month"),
        ("in early May", date(2025, 5, 1), "month"),
        ("mid-June", date(2025, 6, 1), "month"),
        ("at the end of June", date(2025, 6, 1), "month"),
        # seasons
        ("in the spring of 2023", date(2023, 3, 1), "season"),
        ("this summer", date(2025, 6, 1), "season"),
        ("last summer", date(2024, 6, 1), "season"),
        ("last winter", date(2024, 12, 1), "season"),
        ("in the autumn", date(2024, 9, 1), "season"),
        ("next autumn", date(2025, 9, 1), "season"),
        ("winter 2022", date(2022, 12, 1), "season"),
        # years
        ("in 2019", date(2019, 1, 1), "year"),
        ("since 2014", date(2014, 1, 1), "year"),
        ("this year", date(2025, 1, 1), "year"),
        ("earlier this year", date(2025, 1, 1), "year"),
        ("last year", date(2024, 1, 1), "year"),
        ("late last year", date(2024, 1, 1), "year"),
        ("two years ago", date(2023, 1, 1), "year"),
        ("early 2025", date(2025, 1, 1), "year"),
        ("in late 2024", date(2024, 1, 1), "year"),
        ("mid-2024", date(2024, 7, 1), "year"),
        ("in the middle of last year", date(2024, 7, 1), "year"),
        ("in the first half of 2024", date(2024, 1, 1), "year"),
        ("at the end of 2023", date(2023, 1, 1), "year"),
        # decades
        ("in the early 2000s", date(2000, 1, 1), "decade"),
        ("the 2000s", date(2000, 1, 1), "decade"),
        ("the late 1990s", date(1990, 1, 1), "decade"),
        ("the mid-1990s", date(1990, 1, 1), "decade"),
        ("in the '80s", date(1980, 1, 1), "decade"),
        ("a decade ago", date(2010, 1, 1), "decade"),
    ],
)
def test_resolves_against_sunday_publication(expression: str, day: date, precision: str) -> None:
    assert resolved(expression) == (day, precision)


@pytest.mark.parametrize(
    ("expression", "day", "precision"),
    [
        ("on Wednesday", date(2024, 12, 25), "day"),  # same weekday as publication: that day
        ("last Wednesday", date(2024, 12, 18), "day"),
        ("on Thursday", date(2024, 12, 19), "day"),
        ("on Tuesday", date(2024, 12, 24), "day"),
        ("next Wednesday", date(2025, 1, 1), "day"),
        ("this week", date(2024, 12, 23), "week"),
        ("the weekend", date(2024, 12, 21), "day"),
        ("next weekend", date(2024, 12, 28), "day"),
        ("on 25 December", date(2024, 12, 25), "day"),
        ("in December", date(2024, 12, 1), "month"),
        ("in January", date(2024, 1, 1), "month"),
        ("next month", date(2025, 1, 1), "month"),
        ("this winter", date(2024, 12, 1), "season"),
        ("last winter", date(2023, 12, 1), "season"),
        ("this spring", date(2024, 3, 1), "season"),
        ("next year", date(2025, 1, 1), "year"),
        ("three months ago", date(2024, 9, 1), "month"),
    ],
)
def test_resolves_against_wednesday_publication(expression: str, day: date, precision: str) -> None:
    assert resolved(expression, WED) == (day, precision)


def test_month_without_year_is_most_recent_not_after_publication_month() -> None:
    assert resolved("in March", date(2025, 2, 10)) == (date(2024, 3, 1), "month")
    assert resolved("in February", date(2025, 2, 10)) == (date(2025, 2, 1), "month")
    assert resolved("in January", date(2025, 2, 10)) == (date(2025, 1, 1), "month")


def test_winter_in_january_is_the_winter_that_began_in_december() -> None:
    assert resolved("this winter", date(2025, 1, 15)) == (date(2024, 12, 1), "season")
    assert resolved("in the winter", date(2025, 1, 15)) == (date(2024, 12, 1), "season")


def test_result_keeps_the_expression_text() -> None:
    assert resolve_date(" last week ", published=SUN) == EventDate(date(2025, 6, 16), "week", "last week")


@pytest.mark.parametrize(
    "expression",
    ["recently", "soon", "for years", "a few days ago", "in recent weeks", "38 people", "2 billion",
     "Su-25", "resolution 2334", "in 3000", "on 31 February", "", "the previous day", "the week"],
)
def test_non_dates_and_vague_expressions_give_none(expression: str) -> None:
    assert resolve_date(expression, published=SUN) is None


def texts(sentence: str) -> list[str]:
    spans = find_date_expressions(sentence)
    for start, end, text in spans:
        assert sentence[start:end] == text
    assert [s for s, _, _ in spans] == sorted(s for s, _, _ in spans)
    return [text for _, _, text in spans]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police detained 38 people on Monday in the capital.", ["on Monday"]),
        ("Troops shelled the town on Friday evening, killing 67 passengers.", ["on Friday evening"]),
        ("The Su-25 jet was shot down last week, the ministry said.", ["last week"]),
        ("UN resolution 2334 was adopted in December 2016.", ["in December 2016"]),
        ("The deal, worth 2 billion dollars, was signed on 25 December.", ["on 25 December"]),
        ("Talks began on Dec. 25 and resumed on Monday, June 23.", ["on Dec. 25", "on Monday, June 23"]),
        ("Relations soured in the early 2000s and again in mid-2024.", ["in the early 2000s", "in mid-2024"]),
        ("The sanctions, in force since 2014, were extended at the end of June.",
         ["since 2014", "at the end of June"]),
        ("As early as February the envoy warned that talks may fail.", ["As early as February"]),
        ("Rebels attacked overnight and two days ago shelled a border post.", ["overnight", "two days ago"]),
        ("The 2024 election was held on 2024-11-05.", ["on 2024-11-05"]),
        ("Prices may fall, the minister said yesterday.", ["yesterday"]),
        ("He served in the army from 1990 until 1995.", ["from 1990", "until 1995"]),
        ("They imposed an overnight curfew.", []),
        ("A total of 2000 people and 1500 troops were moved in 2000 trucks.", []),
        ("It happened in the spring of 2023, not last summer.", ["in the spring of 2023", "last summer"]),
        ("Fighting continued through the fall of 2022.", ["through the fall of 2022"]),
        ("Officials met late on Thursday night.", ["late on Thursday night"]),
    ],
)
def test_find_date_expressions(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


def test_every_found_span_resolves() -> None:
    sentence = "Since 2019, and as recently as last Tuesday, shelling resumed; on 25 December 2024 it stopped."
    found = texts(sentence)
    assert found == ["Since 2019", "as recently as last Tuesday", "on 25 December 2024"]
    assert [resolve_date(text, published=SUN) for text in found] == [
        EventDate(date(2019, 1, 1), "year", "Since 2019"),
        EventDate(date(2025, 6, 24), "day", "as recently as last Tuesday"),
        EventDate(date(2024, 12, 25), "day", "on 25 December 2024"),
    ]
