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


def _modifier_and_role(text: str, dictionary: ActorDictionary) -> tuple[str, tuple[str, ...]] | None:
    """("Azerbaijani", ("nationals",)) for "Azerbaijani nationals"; None if the text is not alias + role noun."""
    words = text.replace("'s ", " ").split()
    for i in range(len(words) - 1, 0, -1):
        alias, role = " ".join(words[:i]), [w.lower() for w in words[i:]]
        phrases = tuple(" ".join(role[k:]) for k in range(len(role)))
        if dictionary.sector_of(phrases) and (dictionary.lookup(alias) or dictionary.surnames.get(alias_key(alias))):
            return alias, phrases
    return None


def _argument(text: str, dictionary: ActorDictionary) -> tuple[Argument, str]:
    """The argument the coder would build for a stand-alone name or phrase, and the alias in it."""
    split = _modifier_and_role(text, dictionary)
    if split:
        alias, phrases = split
        hit = AliasHit(Span(alias, 0, len(alias)), is_head=False, owns_phrase=False, sector_phrases=phrases)
        head = text.split()[-1]
        return Argument(Span(text, 0, len(text)), Span(head, len(text) - len(head), len(text)), head.lower(),
                        aliases=(hit,)), alias
    titles, name = _split_title(text, dictionary)
    offset = len(text) - len(name)
    hit = AliasHit(Span(name, offset, offset + len(name)), is_head=True, owns_phrase=True, titles=titles)
    head = name.split()[-1] if name.split() else name
    return Argument(Span(text, 0, len(text)), Span(head, 0, len(head)), head.lower(), aliases=(hit,)), name


def lookup_name(text: str, dictionary: ActorDictionary, *, on: date | None = None) -> Lookup:
    """Resolve a name as the coder would (with no article context) and list the rows behind it."""
    arg, name = _argument(text.strip(), dictionary)
    hit = arg.aliases[0]
    found = ArticleResolver(dictionary, on=on, mentions=[hit.span]).resolve(arg)
    key = alias_key(name)
    rows = [*dictionary.entries.get(key, ()), *dictionary.surnames.get(key, ())]
    if found:
        actor = found[0].actor
        return Lookup(text, on, actor.code, actor.how, tuple(_row(e, on) for e in rows))
    why = "no dictionary row for this name" if not rows else "no row applies on that date without more context"
    return Lookup(text, on, None, why, tuple(_row(e, on) for e in rows))
