"""One imported row -> one synthetic article with one sentence and one event (the common part).

Each format module turns a row into an `ImportRow` (who, what, when, where from) or a `BadRow`
(why not). `build_coded` renders the row as a short line of text, e.g.

    Police (Russia) [RUSCOP] → Citizen (Azerbaijan) [AZECVL]: Arrest, detain, or charge with legal action [CAMEO 173]

and returns a `CodedArticle` whose one `Sentence` covers the line and whose one `Event` points
into it: the source and target mentions are the two names, the trigger is the event name. Offsets
are built while the line is assembled, so they always slice back to their text. Ids are content
hashes of the import kind and the row's own id, so importing a file twice never duplicates anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dyadwatch.history.resolve import ActorResolver, present
from dyadwatch.ontology import CameoCode, Ontology
from dyadwatch.types import Actor, Article, CodedArticle, Event, Mention, Sentence, Trigger, content_id

ARROW = " → "


@dataclass(frozen=True)
class ImportContext:
    """What every row parser needs: the file, the actor resolver and the ontology."""

    path: Path
    """The file being imported (for "path:line" references)."""
    resolver: ActorResolver
    """Country, IGO and sector look-ups."""
    ontology: Ontology
    """CAMEO codes with names, weights and PLOVER equivalents."""

    def where(self, line: int) -> str:
        """"path:line" of a row."""
        return f"{self.path}:{line}"

    def code(self, text: str) -> CameoCode | None:
        """Our record for a CAMEO code as the row writes it, or None if unknown."""
        return self.ontology.codes.get(present(text))


def iso_day(text: str) -> date | None:
    """Date from "2018-06-01" (a time after the date is ignored), or None."""
    value = present(text)
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def compact_day(text: str) -> date | None:
    """Date from "20180601" (GDELT's SQLDATE), or None."""
    value = present(text)
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


@dataclass(frozen=True)
class Party:
    """One side of an imported event: the name as the row gives it, and the actor it resolved to."""

    name: str
    """Name shown in the rendered text ("Citizen (Azerbaijan)", "RUSSIA")."""
    actor: Actor
    """Resolved actor (country or IGO, sector, how="icews"/"gdelt"/"polecat")."""


@dataclass(frozen=True)
class ImportRow:
    """A row that can be imported: everything the synthetic article and event need."""

    kind: str
    """Import kind for ids: "icews", "icews18", "gdelt" or "polecat"."""
    fmt: str
    """Exact format for provenance: "icews", "icews18", "gdelt1", "gdelt2" or "polecat"."""
    row_id: str
    """The row's own id (ICEWS Event ID and date, GLOBALEVENTID, POLECAT Event ID, ...)."""
    where: str
    """"path:line" of the row."""
    day: date
    """Event date."""
    source: Party
    """Who acted."""
    target: Party
    """Who was acted upon."""
    code: CameoCode
    """CAMEO code of the event, from our ontology."""
    outlet: str
    """Publisher, source domain, or the dataset's name."""
    url: str | None = None
    """Source article URL, when the row has one (GDELT)."""
    tag: str = ""
    """Bracketed note ending the text; default "CAMEO <code>" (POLECAT records its PLOVER -> CAMEO choice)."""
    plover: tuple[str, str, str] | None = None
    """(type, mode, context) from the row itself (POLECAT); None = from the CAMEO code."""


@dataclass(frozen=True)
class BadRow:
    """A row that cannot be imported, with the actor keys found so far (for the country filter)."""

    where: str
    """"path:line" of the row."""
    reason: str
    """One line saying why."""
    keys: tuple[str, ...] = ()
    """Keys (ISO3 or IGO code) of the actors that did resolve."""


def _render(row: ImportRow) -> tuple[str, tuple[int, int], tuple[int, int], tuple[int, int]]:
    """The text line and the (start, end) spans of source name, target name and event name."""
    name = row.code.name
    pieces = (
        (row.source.name, True),
        (f" [{row.source.actor.code}]{ARROW}", False),
        (row.target.name, True),
        (f" [{row.target.actor.code}]: ", False),
        (name.capitalize() if name.isupper() else name, True),  # roots are in capitals in the table
        (f" [{row.tag or 'CAMEO ' + row.code.code}]", False),
    )
    spans: list[tuple[int, int]] = []
    offset = 0
    for piece, is_span in pieces:
        if is_span:
            spans.append((offset, offset + len(piece)))
        offset += len(piece)
    return "".join(p for p, _ in pieces), spans[0], spans[1], spans[2]


def _mention(text: str, span: tuple[int, int], actor: Actor) -> Mention:
    return Mention(text=text[span[0] : span[1]], start=span[0], end=span[1], actor=actor)


def build_coded(row: ImportRow, *, versions: str) -> CodedArticle:
    """The synthetic article (one sentence, one event) for an importable row."""
    text, src, tgt, trig = _render(row)
    article_id = content_id(row.kind, row.row_id, prefix="a")
    article = Article(
        id=article_id, text=text, title=text, url=row.url, published=row.day, outlet=row.outlet,
        source=row.where, language="en",
    )
    plover, mode, context = row.plover or (row.code.plover, row.code.plover_mode, row.code.plover_context)
    event = Event(
        id=content_id(row.kind, row.row_id, prefix="e"),
        article_id=article_id,
        sentence_index=0,
        source=_mention(text, src, row.source.actor),
        target=_mention(text, tgt, row.target.actor),
        trigger=Trigger(text=text[trig[0] : trig[1]], start=trig[0], end=trig[1]),
        cameo=row.code.code,
        cameo_root=row.code.root,
        plover=plover,
        goldstein=row.code.goldstein,
        quad=row.code.quad,
        modality="asserted",
        date=row.day,
        versions=versions,
        plover_mode=mode,
        plover_context=context,
        date_precision="day",
    )
    sentence = Sentence(article_id=article_id, index=0, start=0, end=len(text), text=text)
    return CodedArticle(article=article, sentences=(sentence,), events=(event,), parsed_sentences=0)


def row_problem(
    where: str,
    source: tuple[str, Actor | None],
    target: tuple[str, Actor | None],
    *,
    day: date | None,
    day_text: str,
    code: CameoCode | None,
    code_text: str,
    code_kind: str = "CAMEO code",
) -> BadRow | None:
    """Why a row cannot be imported (actors first, then date, then code), or None if it can.

    `source` and `target` are (label, actor) pairs; the label names the actor in the reason.
    `code_kind` names what `code_text` is ("PLOVER event type" for POLECAT)."""
    keys = tuple(actor.key for _, actor in (source, target) if actor is not None)
    for role, (label, actor) in (("source", source), ("target", target)):
        if actor is None:
            reason = f"{role} actor {label} has no country or IGO code" if label else f"no {role} actor"
            return BadRow(where, reason, keys)
    if day is None:
        value = present(day_text)
        return BadRow(where, f"bad date {value!r}" if value else "no event date", keys)
    if code is None:
        value = present(code_text)
        return BadRow(where, f"unknown {code_kind} {value!r}" if value else f"no {code_kind}", keys)
    return None
