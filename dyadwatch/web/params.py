"""Every value a request carries, checked before it is used: path segments and query parameters.

Query strings are parsed by hand, not by FastAPI's typed parameters, so every rule is in one place
and every failure is an `HTTPException` the app turns into its one error shape:

- 404 for a path segment that names nothing (a malformed dyad or incident id cannot name anything);
- 422 for a bad query parameter: unknown name, given twice, too long, control characters, a date
  that is not YYYY-MM-DD, since after until, a CAMEO code that is not 1-4 digits, a modality not in
  `dyadwatch.types.MODALITIES`, a page that is not a whole number from 1 to `MAX_PAGE`.

Empty values count as not given (an HTML form sends its empty fields).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from fastapi import HTTPException

from dyadwatch.types import MODALITIES, Incident

DYAD_KEY = re.compile(r"[A-Z]{3}[A-Z0-9]{0,6}")
"""An actor key in a URL: ISO3 state code or IGO key ("AZE", "IGOUNO")."""
RECORD_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
"""An incident or event id in a URL (content hashes such as "i3f2af99e77fd6fa2b0ca")."""
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
"""A day in a query string."""
CAMEO = re.compile(r"\d{1,4}")
"""A CAMEO code prefix ("1", "17", "173", "1711")."""
PAGE = re.compile(r"\d{1,6}")
"""A page number before its range check."""
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
"""Characters no text parameter may hold."""
MAX_TEXT = 200
"""Longest text parameter (search words, outlet name), in characters."""
MAX_PAGE = 10_000
"""Highest page number accepted."""

QueryParams = Mapping[str, Sequence[str]]
"""Parameter name -> every value given for it (`multi_items` grouped by name)."""


def unprocessable(message: str) -> HTTPException:
    """A 422 for a bad parameter."""
    return HTTPException(status_code=422, detail=message)


def not_found(message: str) -> HTTPException:
    """A 404 for something that does not exist."""
    return HTTPException(status_code=404, detail=message)


def parse_dyad(text: str, *, status: int = 404) -> tuple[str, str]:
    """("AZE", "RUS") from "AZE-RUS"; HTTPException(`status`) when it is not two keys joined by "-"."""
    parts = text.split("-")
    if len(parts) != 2 or not all(DYAD_KEY.fullmatch(p) for p in parts) or parts[0] == parts[1]:
        raise HTTPException(
            status_code=status,
            detail=f"{_shown(text)} is not a dyad: want two different upper-case codes joined by '-', e.g. AZE-RUS",
        )
    return parts[0], parts[1]


def parse_record_id(text: str, *, what: str) -> str:
    """An incident or event id; 404 when it cannot be one."""
    if not RECORD_ID.fullmatch(text):
        raise not_found(f"no {what} {_shown(text)}")
    return text


@dataclass(frozen=True)
class EventFilters:
    """Which incidents a dyad page's timeline and events table (or a search) show."""

    since: date | None = None
    """First day, inclusive."""
    until: date | None = None
    """Last day, inclusive."""
    cameo: str | None = None
    """CAMEO code prefix of the representative mention ("17" for every coercion)."""
    modality: str | None = None
    """Modality of the representative mention."""
    outlet: str | None = None
    """Only incidents this outlet reported."""

    def matches(self, incident: Incident) -> bool:
        """Whether `incident` passes every filter given."""
        event = incident.event
        if (self.since or self.until) and event.date is None:
            return False
        if self.since and event.date < self.since:  # type: ignore[operator]
            return False
        if self.until and event.date > self.until:  # type: ignore[operator]
            return False
        if self.cameo and not event.cameo.startswith(self.cameo):
            return False
        if self.modality and event.modality != self.modality:
            return False
        return not self.outlet or self.outlet in incident.outlets

    def echo(self) -> dict[str, str | None]:
        """The filters as given, for JSON twins and for refilling the form."""
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "cameo": self.cameo, "modality": self.modality, "outlet": self.outlet,
        }


@dataclass(frozen=True)
class SearchQuery:
    """A search over incidents."""

    q: str = ""
    """Words that must all occur (case-insensitively) in the trigger, sentence or actor names."""
    dyad: tuple[str, str] | None = None
    """Only incidents between these two keys, either direction."""
    filters: EventFilters = EventFilters()
    """Dates, code prefix and modality."""
    page: int = 1
    """1-based page of results."""

    def echo(self) -> dict[str, object]:
        """The query as given, for JSON twins and for refilling the form."""
        found = {k: v for k, v in self.filters.echo().items() if k != "outlet"}
        return {"q": self.q, "dyad": "-".join(self.dyad) if self.dyad else None, **found, "page": self.page}

    def link(self, page: int, *, suffix: str = "") -> str:
        """The URL of another page of the same search."""
        values = {k: v for k, v in {**self.echo(), "page": page}.items() if v not in (None, "")}
        return f"/search{suffix}?" + urlencode(values)


FILTER_NAMES = ("since", "until", "cameo", "modality", "outlet")
"""Query parameters of a dyad page."""
SEARCH_NAMES = ("q", "dyad", "since", "until", "cameo", "modality", "page")
"""Query parameters of the search."""


def parse_filters(params: QueryParams) -> EventFilters:
    """The dyad-page filters of a query string (422 on any bad value)."""
    values = parse_singles(params, FILTER_NAMES)
    since, until = _day(values, "since"), _day(values, "until")
    if since and until and since > until:
        raise unprocessable(f"since ({since}) is after until ({until}); swap them")
    cameo = values.get("cameo")
    if cameo is not None and not CAMEO.fullmatch(cameo):
        raise unprocessable(f"cameo {_shown(cameo)} is not a CAMEO code prefix: give 1 to 4 digits, e.g. 17 or 173")
    modality = values.get("modality")
    if modality is not None and modality not in MODALITIES:
        raise unprocessable(f"modality {_shown(modality)} is not one of: {', '.join(MODALITIES)}")
    return EventFilters(since, until, cameo, modality, values.get("outlet"))


def parse_search(params: QueryParams) -> SearchQuery:
    """The search parameters of a query string (422 on any bad value)."""
    values = parse_singles(params, SEARCH_NAMES)
    filters = parse_filters({k: [v] for k, v in values.items() if k in FILTER_NAMES})
    dyad = parse_dyad(values["dyad"].upper(), status=422) if "dyad" in values else None
    page = values.get("page", "1")
    if not PAGE.fullmatch(page) or not 1 <= int(page) <= MAX_PAGE:
        raise unprocessable(f"page {_shown(page)} is not a page number: give a whole number from 1 to {MAX_PAGE}")
    return SearchQuery(q=values.get("q", ""), dyad=dyad, filters=filters, page=int(page))


def parse_singles(params: QueryParams, allowed: Collection[str]) -> dict[str, str]:
    """Name -> its one non-empty value (stripped); 422 for unknown, repeated, overlong or control-character values."""
    out: dict[str, str] = {}
    for name, given in params.items():
        if name not in allowed:
            known = f"allowed: {', '.join(allowed)}" if allowed else "this page takes no parameters"
            raise unprocessable(f"unknown parameter {_shown(name)}; {known}")
        if len(given) > 1:
            raise unprocessable(f"parameter {name!r} was given {len(given)} times; give it once")
        value = given[0].strip() if given else ""
        if len(value) > MAX_TEXT:
            raise unprocessable(f"parameter {name!r} is {len(value)} characters long; at most {MAX_TEXT} are allowed")
        if CONTROL.search(value):
            raise unprocessable(f"parameter {name!r} holds control characters")
        if value:
            out[name] = value
    return out


def _day(values: Mapping[str, str], name: str) -> date | None:
    """A YYYY-MM-DD parameter, or None when not given."""
    text = values.get(name)
    if text is None:
        return None
    try:
        if not DAY.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise unprocessable(f"{name} {_shown(text)} is not a day: give YYYY-MM-DD, e.g. 2025-06-30") from None


def _shown(text: str) -> str:
    """A user-supplied value quoted for an error message, cut to 60 characters."""
    return repr(text if len(text) <= 60 else text[:59] + "…")
