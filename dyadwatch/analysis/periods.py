"""Calendar periods used by every analysis: months ("2025-06") and ISO weeks ("2025-W26").

Pure helpers with no state. A period key sorts in time order as a string within one grain.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

GRAINS = ("month", "week")
"""The grains analyses accept."""


def period_of(day: date, grain: str = "month") -> str:
    """The key of the period holding `day`: "YYYY-MM" for months, "YYYY-Www" (ISO week) for weeks."""
    if grain == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    raise ValueError(f"unknown grain {grain!r}; expected one of {', '.join(GRAINS)}")


def period_start(key: str) -> date:
    """First day of the period `key` (a month's 1st, an ISO week's Monday)."""
    if "-W" in key:
        year, week = key.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    year, month = key.split("-")
    return date(int(year), int(month), 1)


def period_end(key: str) -> date:
    """Last day of the period `key`."""
    return period_start(next_period(key)) - timedelta(days=1)


def next_period(key: str) -> str:
    """The period after `key`, in the same grain."""
    if "-W" in key:
        return period_of(period_start(key) + timedelta(days=7), "week")
    year, month = (int(x) for x in key.split("-"))
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return f"{year:04d}-{month:02d}"


def periods_between(first: str, last: str) -> tuple[str, ...]:
    """Every period from `first` to `last` inclusive (empty if `last` comes before `first`)."""
    keys: list[str] = []
    key = first
    while key <= last:
        keys.append(key)
        key = next_period(key)
    return tuple(keys)


def period_range(days: Iterable[date | None], grain: str = "month") -> tuple[str, ...]:
    """Every period from the earliest to the latest of `days` (None ignored); empty without days."""
    present = [d for d in days if d is not None]
    if not present:
        return ()
    return periods_between(period_of(min(present), grain), period_of(max(present), grain))
