"""Read PETRARCH-style validation XML (PETR2 GSR, UD-PETRARCH and PETRARCH-2 unit-test records).

These files are not well-formed XML: they carry '#' banner lines inside the root element, and
`<Sentence .../>` is often written self-closing with its `<EventCoding>`, `<Text>` and `<Parse>` as
following siblings up to a stray `</Sentence>`. So no XML parser is used (and nothing is ever
resolved or fetched): comments and '#' lines are removed, the text is cut at each `<Sentence` start
tag, and each record is scanned for its `<EventCoding .../>` tags and its `<Text>` element (when
`<Text>` is empty, as in one PETR2 GSR record, the text is rebuilt from a CoNLL-U `<Parse>`).

Per record: each `<EventCoding sourcecode= targetcode= eventcode=>` is one gold event; a record
whose codings are only `noevents="True"` or `error="..."` (or that has none) holds zero events.
Records marked `evaluate="false"` are skipped, as the files ask. Actor codes are split with
`split_petr_code` ("IGOUNOMIL" -> IGOUNO/MIL, "---REB" -> unknown/REB). A file whose
`<Actorfile>` does not name the Phoenix dictionaries uses fictional test actors: "petr-unittest".
"""

from __future__ import annotations

import html
import re

from dyadwatch.eval.gold import GoldEvent, GoldSentence, cameo_root, split_petr_code
from dyadwatch.history.records import compact_day

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HASH_LINE = re.compile(r"^[ \t]*#.*$", re.M)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>")
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?')\]]|'s|n't)")
_ACTORFILE = re.compile(r"<Actorfile>(.*?)</Actorfile>", re.S)


def looks_like_petr(text: str) -> bool:
    """True when `text` looks like PETRARCH validation XML (has `<Sentence` records and codings)."""
    body = _clean(text)
    return bool(_SENTENCE.search(body)) and ("<Text>" in body or "<EventCoding" in body)


def read_petr_xml(text: str) -> tuple[list[GoldSentence], str]:
    """Sentences of a PETR XML file and its format name ("petr-xml" or "petr-unittest")."""
    body = _clean(text)
    starts = list(_SENTENCE.finditer(body))
    sentences: list[GoldSentence] = []
    seen: dict[str, int] = {}
    for n, match in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(body)
        attrs = _attrs(match.group(1))
        if attrs.get("evaluate", "true").lower() == "false":
            continue
        rid = attrs.get("id") or f"record{n + 1}"
        seen[rid] = seen.get(rid, 0) + 1
        rid = rid if seen[rid] == 1 else f"{rid}#{seen[rid]}"
        sentences.append(_record(rid, attrs, body[match.end() : end]))
    actorfile = _ACTORFILE.search(body)
    real = actorfile is None or "phoenix" in actorfile.group(1).lower()
    return sentences, "petr-xml" if real else "petr-unittest"


def _clean(text: str) -> str:
    return _HASH_LINE.sub("", _COMMENT.sub("", text))


def _attrs(raw: str) -> dict[str, str]:
    return {
        m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
        for m in _ATTR.finditer(raw)
    }


def _record(rid: str, attrs: dict[str, str], chunk: str) -> GoldSentence:
    events = []
    for coding in _CODING.finditer(chunk):
        event = _event(_attrs(coding.group(1)))
        if event is not None:
            events.append(event)
    text_match = _TEXT.search(chunk)
    text = " ".join(html.unescape(text_match.group(1)).split()) if text_match else ""
    if not text:
        text = _text_from_conllu(chunk)
    return GoldSentence(
        id=rid, text=text, date=compact_day(attrs.get("date", "")), events=tuple(events),
        penta=None, has_actor_labels=True,
    )


def _text_from_conllu(chunk: str) -> str:
    """Rebuild a sentence from the FORM column of a CoNLL-U `<Parse>` (for records with empty `<Text>`)."""
    parse = _PARSE.search(chunk)
    if not parse:
        return ""
    rows = [line.split("\t") for line in parse.group(1).splitlines()]
    forms = [row[1] for row in rows if len(row) > 2 and row[0].strip().isdigit()]
    return _NO_SPACE_BEFORE.sub(r"\1", html.unescape(" ".join(forms)))


def _event(attrs: dict[str, str]) -> GoldEvent | None:
    code = attrs.get("eventcode", "").strip()
    if not code or "noevents" in attrs or "error" in attrs:
        return None
    source, source_sector = split_petr_code(attrs.get("sourcecode", ""))
    target, target_sector = split_petr_code(attrs.get("targetcode", ""))
    return GoldEvent(
        source=source, target=target, source_sector=source_sector, target_sector=target_sector,
        root=cameo_root(code), cameo=code, plover=None,
    )
