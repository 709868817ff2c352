"""Fast alias matching on spaCy Docs: the prefilter and the argument finder both use it.

Aliases arrive as plain strings (the actor dictionary lives downstream, in `actors/`; the
pipeline hands its aliases in). Aliases written all in capitals ("UN", "FSB") match
case-sensitively, everything else case-insensitively, always on token boundaries.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


class Gazetteer:
    """Phrase matchers over a set of aliases, sharing the pipeline's vocab."""

    def __init__(self, nlp: Language, aliases: Iterable[str]) -> None:
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact: list[Doc] = []
        lower: list[Doc] = []
        for alias in sorted(set(a.strip() for a in aliases if a.strip())):
            (exact if _is_acronym(alias) else lower).append(nlp.make_doc(alias))
        for start in range(0, len(exact), 1000):
            self._exact.add("ALIAS", exact[start : start + 1000])
        for start in range(0, len(lower), 1000):
            self._lower.add("ALIAS", lower[start : start + 1000])

    def spans(self, doc: Doc | Span) -> list[Span]:
        """Longest non-overlapping alias matches, in text order, as spans of the underlying Doc (a
        matcher run on a sentence Span reports Doc positions, so indices are never sentence-relative)."""
        found = [*self._exact(doc, as_spans=True), *self._lower(doc, as_spans=True)]
        return sorted(filter_spans(found), key=lambda span: span.start)

    def count(self, doc: Doc | Span) -> int:
        """How many (possibly overlapping) alias matches a span holds; cheap, for the prefilter."""
        return len(self._exact(doc)) + len(self._lower(doc))
