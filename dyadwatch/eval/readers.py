"""Read gold files in the four known formats, detected by content (and extension as a hint).

* "plover-json": the PLOVER GSR JSON array (`PLOVER_GSR_CAMEO.txt`). The DOCUMENT record is skipped.
* "codebook-tsv": the joined codebook TSV (header with `cameo_code_icews_example`, `source_actors`).
* "petr-xml" / "petr-unittest": PETRARCH validation XML (see `dyadwatch.eval.petr_xml`).
* "penta-tsv": ConfliBERT "sentence<TAB>label" lines, label 0-4; no actor labels.

Actors: a list of source and a list of target actors is expanded to their cross product. With
"SRC/TAR" markup (reciprocal) all the listed actors are expanded to every ordered pair A->B, B->A.
Codes are kept as written, slips included (Tokyo as "JAP", a bare "IGO"); a target that is a plain
string instead of an actor list (an upstream slip, e.g. "diplomatic") is treated as no target.
Actor texts: PLOVER JSON (`actorText` of each source/target item) and the codebook TSV ("text=CODE/SEC"
entries) also give the words naming each actor; they fill `GoldSentence.actors` (whitespace collapsed,
empty texts dropped, each (text, code, sector) once). PETR XML and penta TSV have none.
Anything else raises `GoldFormatError` naming the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from dyadwatch.errors import GoldFormatError
from dyadwatch.eval.gold import (
    GoldActor,
    GoldEvent,
    GoldSentence,
    GoldSet,
    cameo_root,
    clean_key,
    clean_sector,
    current_plover,
)
from dyadwatch.eval.petr_xml import looks_like_petr, read_petr_xml

Party = tuple[str | None, str | None]
"""(actor key, sector) of one listed actor."""

_PENTA_LINE = re.compile(r"^.+\t[0-4]\s*$")
_CODEBOOK_COLUMNS = {"id", "text", "source_actors", "target_actors", "cameo_code_icews_example"}


def read_gold(path: str | Path) -> GoldSet:
    """Read a gold file of any known format; raise `GoldFormatError` when the format is unknown."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read gold file ({exc})") from exc
    fmt = detect_format(text, suffix=path.suffix.lower())
    if fmt is None:
        raise GoldFormatError(
            f"{path}: unknown gold format (expected PLOVER JSON, codebook TSV, PETR XML or penta TSV)"
        )
    if fmt in ("petr-xml", "petr-unittest"):
        sentences, fmt = read_petr_xml(text)
    elif fmt == "plover-json":
        sentences = _read_plover_json(text, path)
    elif fmt == "codebook-tsv":
        sentences = _read_codebook_tsv(text)
    else:
        sentences = _read_penta_tsv(text)
    return GoldSet(name=path.stem, format=fmt, path=str(path), sentences=tuple(sentences))


def detect_format(text: str, *, suffix: str = "") -> str | None:
    """Name of the gold format of `text`, or None when it is none of the known ones."""
    head = text.lstrip()[:4096]
    if head.startswith("[") or suffix == ".json":
        return "plover-json" if '"event"' in head else None
    if head.startswith("<"):
        return "petr-xml" if looks_like_petr(text) else None
    first_line = head.split("\n", 1)[0].rstrip("\r")
    if _CODEBOOK_COLUMNS <= set(first_line.split("\t")):
        return "codebook-tsv"
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and all(_PENTA_LINE.match(line) for line in lines):
        return "penta-tsv"
    return None


def expand(
    sources: Sequence[Party], targets: Sequence[Party], *, reciprocal: bool, **event: str | None
) -> list[GoldEvent]:
    """Gold events for listed actors: cross product, or every ordered pair when reciprocal.

    `event` gives root, cameo and plover. One-sided records give events with a None key.
    """
    if reciprocal:
        parties = [*sources, *targets]
        if len(parties) >= 2:
            pairs = [(a, b) for i, a in enumerate(parties) for j, b in enumerate(parties) if i != j]
            return [_event(a, b, **event) for a, b in pairs]
    none: Party = (None, None)
    return [_event(s, t, **event) for s in (sources or [none]) for t in (targets or [none])]


def _event(src: Party, tgt: Party, **event: str | None) -> GoldEvent:
    return GoldEvent(
        source=src[0], target=tgt[0], source_sector=src[1], target_sector=tgt[1],
        root=event.get("root"), cameo=event.get("cameo"), plover=event.get("plover"),
    )


def unique_ids(ids: Iterable[str]) -> list[str]:
    """Make repeated ids unique: the second "X" becomes "X#2", the third "X#3"."""
    seen: dict[str, int] = {}
    out = []
    for raw in ids:
        seen[raw] = seen.get(raw, 0) + 1
        out.append(raw if seen[raw] == 1 else f"{raw}#{seen[raw]}")
    return out


def _squash(text: str) -> str:
    return " ".join(text.split())


def _json_parties(value: object) -> list[Party]:
    return [(a.code, a.sector) for a in _json_actors(value)]


def _json_actors(value: object) -> list[GoldActor]:
    """The listed actors of a PLOVER `source`/`target` value (a plain string is a slip: none)."""
    if not isinstance(value, list):
        return []
    return [
        GoldActor(
            text=_squash(str(a.get("actorText") or "")),
            code=clean_key(str(a.get("code", ""))),
            sector=clean_sector(a.get("sector")),
        )
        for a in value
        if isinstance(a, dict)
    ]


def unique_actors(actors: Iterable[GoldActor]) -> tuple[GoldActor, ...]:
    """Actors with a text, each (text, code, sector) once, first appearance kept."""
    return tuple(dict.fromkeys(a for a in actors if a.text))


def _iso_date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _read_plover_json(text: str, path: Path) -> list[GoldSentence]:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise GoldFormatError(f"{path}: expected a JSON array of PLOVER records")
    records = [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]
    ids = unique_ids(str(r.get("id", i)) for i, r in enumerate(records))
    return [_plover_sentence(rid, r) for rid, r in zip(ids, records, strict=True)]


def _plover_sentence(rid: str, record: dict) -> GoldSentence:
    info = record.get("textInfo")
    markup = str(info.get("markup", "")) if isinstance(info, dict) else ""
    events = expand(
        _json_parties(record.get("source")), _json_parties(record.get("target")),
        reciprocal="SRC/TAR" in markup, root=None, cameo=None, plover=current_plover(record.get("event")),
    )
    return GoldSentence(
        id=rid, text=_squash(str(record["text"])), date=_iso_date(record.get("date")),
        events=tuple(events), penta=None, has_actor_labels=True,
        actors=unique_actors([*_json_actors(record.get("source")), *_json_actors(record.get("target"))]),
    )


def _tsv_parties(value: str) -> list[Party]:
    """Parse "Hungarian=HUN/GOV ; Romanian=ROU/GOV"; entries without "=" (slips) are dropped."""
    return [(a.code, a.sector) for a in _tsv_actors(value)]


def _tsv_actors(value: str) -> list[GoldActor]:
    """The actors of a "text=KEY/SEC ; ..." cell, in order; entries without "=" (slips) are dropped."""
    actors: list[GoldActor] = []
    for item in value.split(";"):
        if "=" not in item:
            continue
        text, code = item.rsplit("=", 1)
        key, _, sector = code.strip().partition("/")
        actors.append(GoldActor(text=_squash(text), code=clean_key(key), sector=clean_sector(sector)))
    return actors


def _read_codebook_tsv(text: str) -> list[GoldSentence]:
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    ids = unique_ids(row.get("id") or str(i) for i, row in enumerate(rows))
    return [_codebook_sentence(rid, row) for rid, row in zip(ids, rows, strict=True)]


def _codebook_sentence(rid: str, row: dict[str, str]) -> GoldSentence:
    """One TSV row. PLOVER type: `plover_event` renamed; if empty, `plv_gold_root` when unambiguous."""
    cameo = (row.get("cameo_code_icews_example") or "").strip() or None
    fallback = (row.get("plv_gold_root") or "").strip()
    plover = current_plover(row.get("plover_event"))
    if plover is None and "|" not in fallback:
        plover = current_plover(fallback)
    sources = _tsv_parties(row.get("source_actors") or "")
    targets = _tsv_parties(row.get("target_actors") or "")
    labelled = bool(sources or targets)
    event = {"root": cameo_root(cameo), "cameo": cameo, "plover": plover}
    if labelled:
        events = expand(sources, targets, reciprocal="SRC/TAR" in (row.get("markup") or ""), **event)
    else:
        events = [_event((None, None), (None, None), **event)] if cameo or plover else []
    penta = (row.get("penta_conflibert") or "").strip()
    return GoldSentence(
        id=rid, text=_squash(row.get("text") or ""), date=None, events=tuple(events),
        penta=int(penta) if penta.isdigit() else None, has_actor_labels=labelled,
        actors=unique_actors(
            [*_tsv_actors(row.get("source_actors") or ""), *_tsv_actors(row.get("target_actors") or "")]
        ),
    )


def _read_penta_tsv(text: str) -> list[GoldSentence]:
    lines = [line for line in text.splitlines() if line.strip()]
    return [
        GoldSentence(
            id=f"line{n}", text=_squash(sentence), date=None, events=(), penta=int(label),
            has_actor_labels=False,
        )
        for n, (sentence, label) in enumerate((line.rsplit("\t", 1) for line in lines), start=1)
    ]
