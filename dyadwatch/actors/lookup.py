"""`dyadwatch actors lookup`: how a name resolves on a date, and why.

The answer comes from the same `ArticleResolver` the coder uses (with no article around the name),
followed by every dictionary row that could apply, so an analyst can see which one won.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dyadwatch.actors.context import ArticleResolver
from dyadwatch.actors.dictionary import ActorDictionary, ActorEntry, alias_key
from dyadwatch.types import AliasHit, Argument, Span


@dataclass(frozen=True)
class Lookup:
    """The result of looking up one name."""

    text: str
    """The name as given."""
    on: date | None
    """The date it was resolved for (None = any date)."""
    code: str | None
    """Resolved actor code ("AZEGOV"), or None."""
    how: str
    """How it resolved, or why it did not."""
    rows: tuple[str, ...]
    """Every dictionary row that could apply, with its validity on the date."""


def _split_title(text: str, dictionary: ActorDictionary) -> tuple[tuple[str, ...], str]:
    words = text.split()
    for i in range(len(words) - 1, 0, -1):
        title = " ".join(words[:i]).lower()
        if title in dictionary.titles or title in dictionary.sectors:
            return tuple(" ".join(words[k:i]).lower() for k in range(i)), " ".join(words[i:])
    return (), text


def _row(entry: ActorEntry, on: date | None) -> str:
    span = f"{entry.valid_from or '…'} – {entry.valid_to or '…'}"
    status = "applies" if entry.valid_on(on) else "not valid on that date"
    role = f", {entry.role}" if entry.role else ""
    kind = "surname of " + entry.name if entry.derived else entry.kind
    return f"{entry.alias!r}: {entry.code} {entry.sector or '-'} ({kind}{role}) {span}: {status}"


def lookup_name(text: str, dictionary: ActorDictionary, *, on: date | None = None) -> Lookup:
    """Resolve a name as the coder would (with no article context) and list the rows behind it."""
    titles, name = _split_title(text.strip(), dictionary)
    offset = len(text.strip()) - len(name)
    hit = AliasHit(Span(name, offset, offset + len(name)), is_head=True, owns_phrase=True, titles=titles)
    head = name.split()[-1] if name.split() else name
    arg = Argument(phrase=Span(text.strip(), 0, len(text.strip())), head=Span(head, 0, len(head)),
                   head_lemma=head.lower(), aliases=(hit,))
    found = ArticleResolver(dictionary, on=on, mentions=[hit.span]).resolve(arg)
    key = alias_key(name)
    rows = [*dictionary.entries.get(key, ()), *dictionary.surnames.get(key, ())]
    if found:
        actor = found[0].actor
        return Lookup(text, on, actor.code, actor.how, tuple(_row(e, on) for e in rows))
    why = "no dictionary row for this name" if not rows else "no row applies on that date without more context"
    return Lookup(text, on, None, why, tuple(_row(e, on) for e in rows))
