"""Temporal expressions in news text -> calendar dates, read against the publication date.

Pure string/date logic (no spaCy, no dateparser): `find_date_expressions` scans a sentence for the
spans of date expressions, `resolve_date` turns one expression into an `EventDate`.

Conventions (each has unit tests in tests/nlp/test_dates.py):
- the representative day is the first day of the named period: the Monday for a week, the 1st for a
  month, 1 January for a year, 1 January of the decade's first year for a decade; a day is itself;
- qualifiers ("early", "late", "at the end of", "in the first half of", "as early as") keep the
  period's precision and first day ("late June" -> 1 June, month), with ONE exception: "mid-YEAR"
  (and "the middle of YEAR") -> 1 July of that year, year precision; "the early 2000s" -> 2000-01-01,
  decade;
- weekdays: "on Monday" is the most recent Monday on or before publication (published on a Monday,
  it is that day); "last Monday" is strictly before publication; "next Monday" strictly after;
- a month without a year is the most recent such month not after the publication month (a later
  month means the previous year); "last March" is strictly before the publication month; a day and
  month without a year follow the same month rule ("on June 30" published 29 June -> this year);
- seasons are meteorological (spring = 1 March, summer = 1 June, autumn/fall = 1 September,
  winter = 1 December); "winter of 2023" is the winter starting in December 2023;
- "overnight" / "tonight" / "this morning" are the publication day; "last night" the day before;
- "the weekend" is the most recent Saturday on or before publication (day precision);
- future expressions ("next week", "tomorrow") resolve too: the caller decides what to do with them;
- vague expressions ("recently", "soon", "for years", "a few days ago") give None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["PRECISIONS", "EventDate", "resolve_date", "find_date_expressions"]

PRECISIONS = ("day", "week", "month", "season", "year", "decade")

_FULL_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
MONTHS = {name: i + 1 for i, name in enumerate(_FULL_MONTHS)} | {
    name[:3]: i + 1 for i, name in enumerate(_FULL_MONTHS)} | {"sept": 9}
"""Month names and abbreviations (lower case) -> month number."""
WEEKDAYS = {name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday",
                                              "saturday", "sunday"))}
"""Weekday names (lower case) -> `date.weekday()` number."""
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
"""Season names -> the month the (meteorological) season starts in."""
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
"""Number words accepted in "N days ago"."""
YEAR_RANGE = range(1800, 2100)
"""Four-digit numbers outside this range are never read as years."""

_RELATIVE_DAYS = {"today": 0, "tonight": 0, "overnight": 0, "this morning": 0, "this afternoon": 0,
                  "this evening": 0, "yesterday": -1, "last night": -1, "day before yesterday": -2,
                  "tomorrow": 1, "day after tomorrow": 2}

_LEAD = (r"as\s+(?:early|late|recently|far\s+back)\s+as|as\s+of|since|until|till|from|during|before|after|by|on|"
         r"in|at|around|about|roughly|nearly|almost|throughout|through|over|between|toward|towards|"
         r"(?:the\s+)?(?:very\s+)?(?:end|start|beginning|middle|close|turn|(?:first|second)\s+half|"
         r"(?:first|second|third|fourth|last)\s+quarter)\s+of|early|late|mid|earlier|later")
"""Prepositions and qualifiers that may precede a date expression (lower case, regex)."""
_YEAR_LEAD = (r"as\s+(?:early|late|recently|far\s+back)\s+as|as\s+of|since|until|till|from|during|before|after|"
              r"by|in|throughout|through|between|(?:the\s+)?(?:very\s+)?(?:end|start|beginning|middle|close|turn|"
              r"(?:first|second)\s+half|(?:first|second|third|fourth|last)\s+quarter)\s+of|early|late|mid")
"""The words after which a bare four-digit number is read as a year."""

_STRIP_LEAD = re.compile(rf"^(?:(?P<mid>mid|middle\s+of|the\s+middle\s+of)|{_LEAD}|the|some|very)(?:\s+|-)")
_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")


@dataclass(frozen=True)
class EventDate:
    """When an event happened, as precisely as the text says."""

    day: date
    """Representative day: the day itself, the Monday of a week, otherwise the first day of the period."""
    precision: str
    """One of PRECISIONS."""
    text: str
    """The expression it was read from ("last week")."""


Found = tuple[date, str] | None
"""A parser's answer: (representative day, precision), or None when the expression is not its form."""


def _alternatives(names: Iterable[str]) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


_MON, _WD, _SEASON = _alternatives(MONTHS), _alternatives(WEEKDAYS), _alternatives(SEASONS)
_NUM = _alternatives(NUMBERS) + r"|\d{1,3}"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_start(year: int, month: int, shift: int = 0) -> date:
    index = year * 12 + month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def _recent_month_year(month: int, published: date, *, strict: bool = False) -> int:
    """Year of the most recent `month` not after (or, if strict, before) the publication month."""
    if month < published.month or (month == published.month and not strict):
        return published.year
    return published.year - 1


def _weekday_on_or_before(weekday: int, day: date) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _year(text: str) -> int | None:
    year = int(text)
    return year if year in YEAR_RANGE else None


def _safe_date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _relative_day(core: str, published: date) -> Found:
    offset = _RELATIVE_DAYS.get(core)
    return None if offset is None else (published + timedelta(days=offset), "day")


def _iso(core: str, published: date) -> Found:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", core)
    day = _safe_date(_year(m[1]), int(m[2]), int(m[3])) if m else None
    return (day, "day") if day else None


def _day_and_month(core: str, published: date) -> Found:
    m = re.fullmatch(rf"(?:(?:{_WD}) )?(\d{{1,2}}) (?:of )?({_MON})(?: (\d{{4}}))?", core)
    n = re.fullmatch(rf"(?:(?:{_WD}) )?({_MON}) (\d{{1,2}})(?: (\d{{4}}))?", core)
    if m:
        day_text, month, year_text = m[1], MONTHS[m[2]], m[3]
    elif n:
        day_text, month, year_text = n[2], MONTHS[n[1]], n[3]
    else:
        return None
    year = _year(year_text) if year_text else _recent_month_year(month, published)
    day = _safe_date(year, month, int(day_text))
    return (day, "day") if day else None


def _month(core: str, published: date) -> Found:
    m = re.fullmatch(rf"(?:(last|this|next) )?({_MON})(?: (?:of )?(\d{{4}}|this year|last year|next year))?", core)
    if not m:
        return None
    modifier, month, year_text = m[1], MONTHS[m[2]], m[3] or ""
    year: int | None
    if year_text[:1].isdigit():
        year = _year(year_text)
    elif year_text:
        year = published.year + {"this": 0, "last": -1, "next": 1}[year_text.split()[0]]
    elif modifier == "this":
        year = published.year
    elif modifier == "next":
        year = published.year if month > published.month else published.year + 1
    else:
        year = _recent_month_year(month, published, strict=modifier == "last")
    return None if year is None else (date(year, month, 1), "month")


def _season(core: str, published: date) -> Found:
    m = re.fullmatch(rf"(?:(last|this|next) )?({_SEASON})(?: (?:of )?(\d{{4}}))?", core)
    if not m:
        return None
    month = SEASONS[m[2]]
    if m[3]:
        year = _year(m[3])
        return None if year is None else (date(year, month, 1), "season")
    starts = [date(year, month, 1) for year in range(published.year - 2, published.year + 2)]
    if m[1] == "last":
        start = max(s for s in starts if _month_start(s.year, s.month, 3) <= published)
    elif m[1] == "next":
        start = min(s for s in starts if s > published)
    elif m[1] == "this":
        current = [s for s in starts if s <= published < _month_start(s.year, s.month, 3)]
        start = current[0] if current else date(published.year, month, 1)
    else:
        start = max(s for s in starts if s <= published)
    return start, "season"


def _year_or_decade(core: str, published: date) -> Found:
    if re.fullmatch(r"\d{4}", core):
        year = _year(core)
        return None if year is None else (date(year, 1, 1), "year")
    m = re.fullmatch(r"(\d{3}0)s|'?(\d0)s", core)
    if not m:
        return None
    if m[1]:
        decade = _year(m[1])
    else:
        decade = int(m[2]) + (1900 if int(m[2]) >= 30 else 2000)
    return None if decade is None else (date(decade, 1, 1), "decade")


def _relative_period(core: str, published: date) -> Found:
    m = re.fullmatch(r"(?:(this|last|next) )?(week|month|year|weekend|decade)", core)
    if not m or (m[1] is None and m[2] != "weekend"):
        return None
    shift = {"this": 0, None: 0, "last": -1, "next": 1}[m[1]]
    if m[2] == "week":
        return _monday(published) + timedelta(weeks=shift), "week"
    if m[2] == "month":
        return _month_start(published.year, published.month, shift), "month"
    if m[2] == "year":
        return date(published.year + shift, 1, 1), "year"
    if m[2] == "decade":
        return date(published.year // 10 * 10 + 10 * shift, 1, 1), "decade"
    if shift == 0:
        return _weekday_on_or_before(5, published), "day"
    if shift < 0:
        return _monday(published) - timedelta(days=2), "day"
    return _monday(published) + timedelta(days=5 if published.weekday() < 5 else 12), "day"


def _ago(core: str, published: date) -> Found:
    m = re.fullmatch(rf"({_NUM}) (day|week|fortnight|month|year|decade)s? ago", core)
    if not m:
        return None
    n = NUMBERS.get(m[1]) or int(m[1])
    if m[2] == "day":
        return published - timedelta(days=n), "day"
    if m[2] in ("week", "fortnight"):
        return _monday(published - timedelta(weeks=n * (2 if m[2] == "fortnight" else 1))), "week"
    if m[2] == "month":
        return _month_start(published.year, published.month, -n), "month"
    if m[2] == "year":
        return date(published.year - n, 1, 1), "year"
    return date((published.year - 10 * n) // 10 * 10, 1, 1), "decade"


def _weekday(core: str, published: date) -> Found:
    m = re.fullmatch(rf"(?:(last|this|next|past) )?({_WD})", core)
    if not m:
        return None
    weekday = WEEKDAYS[m[2]]
    if m[1] in ("last", "past"):
        return _weekday_on_or_before(weekday, published - timedelta(days=1)), "day"
    if m[1] == "next":
        return published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1), "day"
    return _weekday_on_or_before(weekday, published), "day"


_PARSERS: tuple[Callable[[str, date], Found], ...] = (
    _relative_day, _iso, _day_and_month, _month, _season, _year_or_decade, _relative_period, _ago, _weekday)


def _normalise(expression: str) -> tuple[str, bool]:
    """Lower-case core of the expression without leading prepositions/qualifiers; True if "mid" was among them."""
    text = expression.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[,.;:!?()\"]", " ", text)
    text = _ORDINAL.sub(r"\1", " ".join(text.split()))
    mid = False
    while (m := _STRIP_LEAD.match(text)) is not None:
        mid = mid or m["mid"] is not None
        text = text[m.end():]
    if text not in _RELATIVE_DAYS:
        text = _TIME_OF_DAY.sub("", text)
    return text, mid


def resolve_date(expression: str, *, published: date) -> EventDate | None:
    """Read one temporal expression ("last week", "in February 2025") against the publication date."""
    core, mid = _normalise(expression)
    if not core:
        return None
    for parser in _PARSERS:
        found = parser(core, published)
        if found is not None:
            day, precision = found
            if mid and precision == "year":
                day = day.replace(month=7)
            return EventDate(day=day, precision=precision, text=expression.strip())
    return None


# --- scanning sentences -------------------------------------------------------------------------

_F_SEP = r"(?:\s+|-)"
_F_LEADS = rf"(?:(?i:{_LEAD}){_F_SEP})*"
_F_LEAD1 = rf"(?:(?i:{_LEAD}){_F_SEP})+"
_F_MONTH_FULL = "(?:" + "|".join(name.capitalize() for name in _FULL_MONTHS) + ")(?![A-Za-z])"
_F_MONTH = rf"(?:{_F_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?![A-Za-z]))"
_F_WD = "(?:" + "|".join(name.capitalize() for name in WEEKDAYS) + ")(?![A-Za-z])"
_F_DAY = r"(?<![\w-])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
_F_UNITS = (r"%|(?i:per\s?cent|percent|people|persons|troops|soldiers|votes|dollars|euros|pounds|residents|"
            r"civilians|tonnes|tons|km|kilometres|kilometers|miles|metres|meters|men|women|children|homes|"
            r"houses|cases|deaths)\b")
_F_PLURAL = r"\s+(?!(?:was|has|is|as|its|this|his|us|across|unless|whereas|always|perhaps)\b)[a-z]+s\b"
"""A following lower-case plural ("in 2000 trucks") means the number is a count, not a year."""
_F_YEAR = rf"(?<![\d,.])(?:18|19|20)\d\d(?![\w%]|[.,]\d|-\d)(?!\s*(?:{_F_UNITS}))(?!{_F_PLURAL})"
_F_TOD = r"(?:\s+(?i:morning|afternoon|evening|night)\b)?"
_F_MOD = r"(?i:last|this|next)\s+"
_F_START = r"(?<![\w'-])"

_FIND = tuple(re.compile(_F_START + pattern) for pattern in (
    rf"{_F_LEADS}\d{{4}}-\d\d-\d\d(?![\w-])",
    rf"{_F_LEADS}(?:{_F_WD},?\s+)?(?:(?i:the)\s+)?{_F_DAY}\s+(?:(?i:of)\s+)?{_F_MONTH}(?:,?\s+{_F_YEAR})?{_F_TOD}",
    rf"{_F_LEADS}(?:{_F_WD},?\s+)?{_F_MONTH}\s+{_F_DAY}(?:,?\s+{_F_YEAR})?{_F_TOD}",
    rf"{_F_LEADS}(?:{_F_MOD})?{_F_MONTH},?\s+(?:(?i:of)\s+)?(?:{_F_YEAR}|(?i:this|last|next)\s+year\b)",
    rf"(?:{_F_LEAD1}|{_F_LEADS}{_F_MOD}){_F_MONTH_FULL}",
    rf"{_F_LEADS}(?:(?i:the|last|this|next)\s+)?(?i:{_SEASON})\s+(?:(?i:of)\s+)?{_F_YEAR}",
    rf"(?:{_F_LEAD1}(?:(?i:the)\s+)?|{_F_LEADS}{_F_MOD})(?i:{_SEASON})\b",
    rf"{_F_LEADS}(?i:{_YEAR_LEAD}){_F_SEP}{_F_YEAR}",
    rf"{_F_LEADS}(?:(?i:the)\s+)?(?:(?i:early|mid|late){_F_SEP})?(?:(?:18|19|20)\d0s|'\d0s)(?!\w)",
    rf"{_F_LEADS}(?i:(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tonight|tomorrow|"
    rf"(?<!an\s)(?<!the\s)overnight|last\s+night|this\s+(?:morning|afternoon|evening)|"
    rf"(?:this|last|next)\s+(?:week|month|year|weekend|decade)|the\s+weekend)(?![\w-]){_F_TOD}",
    rf"{_F_LEADS}(?i:(?:{_NUM})\s+(?:days?|weeks?|fortnights?|months?|years?|decades?)\s+ago)\b",
    rf"{_F_LEADS}(?:(?i:last|this|next|past)\s+)?{_F_WD}{_F_TOD}",
))

_PROBE = date(2000, 12, 31)
"""Reference date used only to check that a candidate span resolves (2000 is a leap year: 29 Feb resolves)."""


def find_date_expressions(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, text) spans of the date expressions in a sentence, in order, leading preposition included.

    Overlapping candidates keep the longest; every returned span resolves with `resolve_date`.
    """
    candidates = {
        (m.start(), m.end()) for pattern in _FIND for m in pattern.finditer(sentence)
        if resolve_date(m.group(), published=_PROBE) is not None
    }
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(candidates, key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
    return [(start, end, sentence[start:end]) for start, end in sorted(chosen)]
