"""Resolution inside one article: surnames, titles and coreference.

`ArticleResolver` reads every alias the NLP stage found in the article (parsed sentences or not) and
resolves arguments in text order, remembering what it resolved. On top of the context-free rules in
`resolve.py` it adds:

- surnames: "Bayramov" resolves to Jeyhun Bayramov when the full name came earlier in the article,
  when a matching title stands before it ("Foreign Minister Bayramov"), or when no other listed
  person valid on the article's date has that surname (and it is not a very common one);
- "he"/"she": the person named most recently before the pronoun;
- "the ministry", "the agency", "the president": the actor last named with that role noun or title;
- "the two countries", "both sides", "both governments", "the two leaders": the two states of the
  actors most recently resolved in an event's roles (so "Putin met Aliyev in Dushanbe, the Tajik
  capital. The two sides ..." means Russia and Azerbaijan, not the host), else the two states named
  most recently; such a subject acts on itself in both directions (the coder pairs them).
Every actor records how it was resolved in `Actor.how`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from dyadwatch.actors.dictionary import SURNAME_STOPLIST, ActorDictionary, ActorEntry, alias_key
from dyadwatch.actors.resolve import resolve_argument
from dyadwatch.types import Actor, AliasHit, Argument, Mention, Span

TITLE_MATCHES: dict[str, frozenset[str]] = {
    "head_of_state": frozenset({"head_of_state"}),
    "head_of_government": frozenset({"head_of_government"}),
    "deputy_head_of_government": frozenset({"deputy_head_of_government"}),
    "mfa_spokesperson": frozenset({"mfa_spokesperson", "presidential_spokesperson"}),
    "presidential_spokesperson": frozenset({"mfa_spokesperson", "presidential_spokesperson"}),
    "security_chief": frozenset({"security_chief", "military_chief", "igo_head"}),
}
"""Title role -> person roles it fits; a title not listed fits only its own role."""

PAIR_NOUNS = frozenset(
    {"country", "side", "state", "government", "nation", "neighbour", "neighbor", "capital", "leader", "president",
     "minister", "delegation", "ministry"}
)
PERSON_PRONOUNS = frozenset({"he", "she"})
COUNTRY_KINDS = frozenset({"name", "adjective", "demonym", "capital", "seat"})


def title_fits(title_role: str | None, person_role: str) -> bool:
    """True if a title ("Foreign Minister") fits the role a person held on the date."""
    if title_role is None:
        return False
    return person_role in TITLE_MATCHES.get(title_role, frozenset({title_role}))


class ArticleResolver:
    """Resolves the arguments of one article in text order, with the article as context."""

    def __init__(self, dictionary: ActorDictionary, *, on: date | None, mentions: Sequence[Span]) -> None:
        self.dictionary = dictionary
        self.on = on
        self._people: list[tuple[int, ActorEntry]] = []
        self._countries: list[tuple[int, str, str]] = []
        self._by_noun: dict[str, tuple[int, Actor]] = {}
        self._acting: list[tuple[int, str, str]] = []
        """(start, country, name) of every argument resolved by name (not by coreference), in order."""
        for span in mentions:
            entry = dictionary.lookup(span.text, on=on)
            if entry is None:
                continue
            if entry.kind == "person":
                self._people.append((span.start, entry))
            elif entry.kind in COUNTRY_KINDS:
                self._countries.append((span.start, entry.code, entry.name))

    def resolve(self, arg: Argument) -> list[Mention]:
        """The actor(s) an argument names: one, two (for "both sides") or none."""
        mention = resolve_argument(arg, dictionary=self.dictionary, on=self.on, lookup=self._lookup)
        found = [mention] if mention else self._corefer(arg)
        for m in found:
            self._remember(arg, m)
        return found

    def _lookup(self, hit: AliasHit) -> ActorEntry | None:
        entry = self.dictionary.lookup(hit.span.text, on=self.on)
        if entry is not None:
            return entry
        return self._surname(hit)

    def _surname(self, hit: AliasHit) -> ActorEntry | None:
        if not hit.owns_phrase and self.dictionary.sector_of(hit.sector_phrases) is None:
            return None  # "Michel" in "Michel Suleiman" is a first name, not Charles Michel
        candidates = self.dictionary.surname_candidates(hit.span.text, on=self.on)
        earlier = {e.name for start, e in self._people if start < hit.span.start}
        for entry in candidates:
            if entry.name in earlier:
                return replace(entry, alias=f"{entry.alias} (full name earlier)")
        title_role = self.dictionary.role_of_title(hit.titles)
        fitting = [e for e in candidates if title_fits(title_role, e.role)]
        if len(fitting) == 1:
            return replace(fitting[0], alias=f"{fitting[0].alias} (title)")
        if len(candidates) == 1 and alias_key(hit.span.text) not in SURNAME_STOPLIST:
            return replace(candidates[0], alias=f"{candidates[0].alias} (unique surname)")
        return None

    def _corefer(self, arg: Argument) -> list[Mention]:
        start = arg.phrase.start
        det = arg.determiner.split()
        if arg.head.text.lower() in PERSON_PRONOUNS:  # "he"/"she" only: objects ("him") too often mean someone unlisted
            people = [e for s, e in sorted(self._people, key=lambda p: p[0]) if s < start]
            if not people:
                return []
            how = f"coreference: {arg.head.text} -> {people[-1].name}"
            return [self._mention(arg, people[-1].actor(sector=people[-1].sector, how=how))]
        if arg.head_lemma in PAIR_NOUNS and ("both" in det or "two" in det):
            return self._pair(arg)
        if "the" in det or "this" in det:
            return self._definite(arg)
        return []

    def _pair(self, arg: Argument) -> list[Mention]:
        codes = _latest_two(self._acting, arg.phrase.start) or _latest_two(self._countries, arg.phrase.start)
        if not codes:
            return []
        return [self._mention(arg, Actor(country=c, sector="GOV", name=n, how=f"coreference: {arg.phrase.text}"))
                for c, n in codes]

    def _definite(self, arg: Argument) -> list[Mention]:
        noun = arg.head.text.lower()
        role = self.dictionary.role_of_title([noun, arg.head_lemma])
        candidates: list[tuple[int, Actor]] = []
        if role:
            candidates += [(s, e.actor(sector=e.sector, how="")) for s, e in self._people if title_fits(role, e.role)]
        for key in (noun, arg.head_lemma):
            if key in self._by_noun:
                candidates.append(self._by_noun[key])
        candidates = [c for c in candidates if c[0] < arg.phrase.start]
        if not candidates:
            return []
        _, actor = max(candidates, key=lambda c: c[0])
        return [self._mention(arg, replace(actor, how=f"coreference: the {noun}"))]

    def _mention(self, arg: Argument, actor: Actor) -> Mention:
        return Mention(text=arg.phrase.text, start=arg.phrase.start, end=arg.phrase.end, actor=actor)

    def _remember(self, arg: Argument, mention: Mention) -> None:
        actor = mention.actor
        if actor.country and not actor.how.startswith("coreference"):
            self._acting.append((arg.phrase.start, actor.country, _country_name(self.dictionary, actor)))
        nouns = {arg.head_lemma, arg.head.text.lower()}
        for hit in arg.aliases:
            nouns.update(hit.sector_phrases)
            nouns.update(hit.titles)
        for noun in nouns:
            if noun and noun not in PERSON_PRONOUNS:
                self._by_noun[noun] = (arg.phrase.start, mention.actor)
        if mention.actor.how.startswith("person") or "surname" in mention.actor.how:
            entry = self.dictionary.lookup(mention.actor.name, on=self.on)
            if entry is not None:
                self._people.append((arg.phrase.start, entry))


def _latest_two(named: Sequence[tuple[int, str, str]], before: int) -> list[tuple[str, str]]:
    """The last two distinct (country, name) pairs named before a position, or [] if fewer."""
    recent: dict[str, str] = {}
    for start, code, name in named:
        if start < before:
            recent.pop(code, None)
            recent[code] = name
    codes = list(recent.items())[-2:]
    return codes if len(codes) == 2 else []


def _country_name(dictionary: ActorDictionary, actor: Actor) -> str:
    """The state's own name for an actor ("Russia" for Vladimir Putin), as the pair rule reports it."""
    entry = dictionary.by_code.get(actor.country or "")
    return entry.name if entry is not None and entry.name else actor.name
