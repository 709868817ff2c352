"""Actors stage: the dated dictionary, argument -> actor resolution, and in-article context."""

from dyadwatch.actors.context import ArticleResolver
from dyadwatch.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    alias_key,
    find_party,
    load_actor_dictionary,
)
from dyadwatch.actors.resolve import resolve_argument, via_pronoun

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "ArticleResolver",
    "alias_key",
    "find_party",
    "load_actor_dictionary",
    "resolve_argument",
    "via_pronoun",
]
