"""Score event modality and event dates on dyadwatch's own labelled sentences.

The bundled set (`data/modality.jsonl`) holds news-style sentences written for this project, one
JSON object a line: {"id", "text", "published": "YYYY-MM-DD", "events": [{"source", "target",
"trigger", "modality", "date", "precision"}]}. Source and target are ISO3 keys, the trigger is the
word(s) of the text that carry the event, the modality is one of `MODALITIES`.

Labelling conventions
---------------------
* Modality is that of the event itself, not of the report about it: in "Russia denied that Russian
  police had tortured Azerbaijani detainees" the torture is `denied`; in "Azerbaijan accused Russia
  of torturing ..." the accusation is `asserted` and the torture `alleged`; in "threatened to close"
  the threat is `asserted` and the closure `hypothetical`; "refused to X", "failed to X", "did
  not X", "has not X", "never X" make X `negated`.
* The date is the one the text gives for that event (not for the report): "said on Tuesday that
  police had raided homes last week" dates the raid last week. Null means the text gives none, and
  then the publication date is the event's date.
* Dates are resolved against the publication date: a bare weekday is the nearest such day before
  it (after it for future and planned events); "yesterday"/"tomorrow" are a day off. A date of
  precision week is the Monday of that week ("last week", "this week", "two weeks ago");
  month, year and decade precision use the first day of the period ("in the early 2000s" ->
  2000-01-01, decade); season precision uses the first day of its first month (spring 03-01,
  summer 06-01, autumn 09-01, winter 12-01; "mid-2024" is read as summer 2024).

Scoring rules
-------------
* The coder is called once with (id, text, published) for every sentence.
* A gold event is matched by a predicted event of the same sentence with the same (source key,
  target key) whose trigger text overlaps the gold trigger (case-insensitive substring either
  way). Matching is one-to-one: first every exact (case-insensitive) trigger match, then the
  remaining overlaps, gold in file order, predictions in coder order. Unmatched gold events count
  in `n_gold` only; predicted events that match nothing are not scored here.
* The confusion table counts (gold modality, predicted modality) over matched events; accuracy is
  its diagonal share; per modality, P/R/F1 are computed over matched events as in `scoring.PRF`.
* Date accuracy: over matched events, the share whose predicted `Event.date` equals the gold date;
  a null gold date and a null predicted date both stand for the publication date.
* Precision accuracy: over matched events with a gold precision whose predicted event carries a
  `date_precision` attribute, the share that agree ("" or None, i.e. no date read, counts as wrong).
  Events whose text gives no date (gold precision null) are not scored for precision.
Zero denominators give None ("not measured"), never 0.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dyadwatch.eval.scoring import PRF, Coder
from dyadwatch.types import MODALITIES, Event

DEFAULT_PATH = Path(__file__).parent / "data" / "modality.jsonl"
"""The bundled labelled set."""

PRECISIONS: tuple[str, ...] = ("day", "week", "month", "season", "year", "decade")
"""Allowed date precisions, finest first."""

_MISSING = object()


@dataclass(frozen=True)
class LabelledEvent:
    """One gold event of a labelled sentence."""

    source: str
    """ISO3 key of the actor who acts."""
    target: str
    """ISO3 key of the actor acted upon."""
    trigger: str
    """Word(s) of the sentence that carry the event."""
    modality: str
    """One of `MODALITIES`."""
    date: date | None
    """Event date the text gives; None means the publication date."""
    precision: str | None
    """One of `PRECISIONS` when the text gives a date, else None."""


@dataclass(frozen=True)
class LabelledSentence:
    """One labelled sentence."""

    id: str
    """Unique id within the set."""
    text: str
    """The sentence."""
    published: date
    """Publication date the relative dates are resolved against."""
    events: tuple[LabelledEvent, ...]
    """Gold events."""


def _parse_date(value: object, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{where}: bad date {value!r}") from exc


def read_labelled(path: Path | None = None) -> list[LabelledSentence]:
    """Read a labelled modality set (default: the bundled one); raises ValueError on a malformed line."""
    path = DEFAULT_PATH if path is None else Path(path)
    out: list[LabelledSentence] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
                published = _parse_date(row["published"], where)
                events = []
                for ev in row.get("events", []):
                    modality = ev["modality"]
                    if modality not in MODALITIES:
                        raise ValueError(f"{where}: unknown modality {modality!r}")
                    precision = ev.get("precision")
                    if precision is not None and precision not in PRECISIONS:
                        raise ValueError(f"{where}: unknown precision {precision!r}")
                    events.append(LabelledEvent(
                        source=str(ev["source"]), target=str(ev["target"]), trigger=str(ev["trigger"]),
                        modality=modality, date=_parse_date(ev.get("date"), where), precision=precision,
                    ))
                if published is None:
                    raise ValueError(f"{where}: missing publication date")
                out.append(LabelledSentence(str(row["id"]), str(row["text"]), published, tuple(events)))
            except (KeyError, TypeError, json.JSONDecodeError) as exc:
                raise ValueError(f"{where}: malformed line ({exc})") from exc
    return out


@dataclass(frozen=True)
class ModalityReport:
    """Modality and date scores of one coder on a labelled set (rules in the module docstring)."""

    n_gold: int
    """Gold events in the set."""
    n_matched: int
    """Gold events matched by a predicted event."""
    confusion: Mapping[tuple[str, str], int]
    """(gold modality, predicted modality) -> count over matched events."""
    accuracy: float | None
    """Share of matched events with the gold modality."""
    per_modality: Mapping[str, tuple[float | None, float | None, float | None]]
    """Modality -> (precision, recall, F1) over matched events."""
    date_n: int
    """Matched events behind `date_accuracy`."""
    date_accuracy: float | None
    """Share of matched events whose predicted date equals the gold date."""
    precision_accuracy: float | None
    """Share of matched, dated events whose predicted date precision agrees (None if the coder gives none)."""
    precision_n: int = 0
    """Events behind `precision_accuracy`."""


def _overlaps(gold: str, pred: str) -> bool:
    g, p = gold.strip().lower(), pred.strip().lower()
    return bool(g) and bool(p) and (g in p or p in g)


def match_sentence(gold: Sequence[LabelledEvent], predicted: Sequence[Event]) -> list[tuple[LabelledEvent, Event]]:
    """Pair gold events with predicted events of one sentence (one-to-one, exact triggers first)."""
    used: set[int] = set()
    pairs: dict[int, Event] = {}
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in pairs:
                continue
            for pi, p in enumerate(predicted):
                if pi in used or p.dyad != (g.source, g.target):
                    continue
                hit = (p.trigger.text.strip().lower() == g.trigger.strip().lower()) if exact else _overlaps(
                    g.trigger, p.trigger.text)
                if hit:
                    pairs[gi] = p
                    used.add(pi)
                    break
    return [(gold[gi], pairs[gi]) for gi in sorted(pairs)]


def evaluate_modality(labelled: Sequence[LabelledSentence], coder: Coder) -> ModalityReport:
    """Run the coder once over the labelled sentences and score modality and dates."""
    answers = coder([(s.id, s.text, s.published) for s in labelled])
    confusion: Counter[tuple[str, str]] = Counter()
    n_gold = n_matched = date_ok = prec_n = prec_ok = 0
    for sentence in labelled:
        n_gold += len(sentence.events)
        for gold, pred in match_sentence(sentence.events, list(answers.get(sentence.id, ()))):
            n_matched += 1
            confusion[(gold.modality, pred.modality)] += 1
            if (gold.date or sentence.published) == (pred.date or sentence.published):
                date_ok += 1
            pred_precision = getattr(pred, "date_precision", _MISSING)
            if gold.precision is not None and pred_precision is not _MISSING:
                prec_n += 1
                prec_ok += pred_precision == gold.precision
    per_modality: dict[str, tuple[float | None, float | None, float | None]] = {}
    for m in MODALITIES:
        prf = PRF(
            tp=confusion[(m, m)],
            n_gold=sum(c for (g, _), c in confusion.items() if g == m),
            n_pred=sum(c for (_, p), c in confusion.items() if p == m),
        )
        per_modality[m] = (prf.precision, prf.recall, prf.f1)
    correct = sum(c for (g, p), c in confusion.items() if g == p)
    return ModalityReport(
        n_gold=n_gold,
        n_matched=n_matched,
        confusion=dict(confusion),
        accuracy=correct / n_matched if n_matched else None,
        per_modality=per_modality,
        date_n=n_matched,
        date_accuracy=date_ok / n_matched if n_matched else None,
        precision_accuracy=prec_ok / prec_n if prec_n else None,
        precision_n=prec_n,
    )


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_modality_report(report: ModalityReport) -> str:
    """A plain-text report: confusion table (rows gold, columns predicted), accuracy, P/R/F1, dates."""
    columns = list(MODALITIES) + sorted({p for _, p in report.confusion} - set(MODALITIES))
    width = max(len(c) for c in [*columns, "gold \\ predicted"]) + 2
    lines = [
        f"matched {report.n_matched} of {report.n_gold} gold events",
        "",
        "gold \\ predicted".ljust(width) + "".join(c.rjust(width) for c in columns),
    ]
    for g in MODALITIES:
        lines.append(g.ljust(width) + "".join(str(report.confusion.get((g, p), 0)).rjust(width) for p in columns))
    lines += ["", f"modality accuracy: {_fmt(report.accuracy)}", "",
              "modality".ljust(width) + "P".rjust(8) + "R".rjust(8) + "F1".rjust(8)]
    for m in MODALITIES:
        p, r, f = report.per_modality.get(m, (None, None, None))
        lines.append(m.ljust(width) + _fmt(p).rjust(8) + _fmt(r).rjust(8) + _fmt(f).rjust(8))
    lines += ["", f"date accuracy: {_fmt(report.date_accuracy)} (n={report.date_n})",
              f"date precision accuracy: {_fmt(report.precision_accuracy)} (n={report.precision_n})"]
    return "\n".join(lines)
