"""Actors stage: the dated dictionary and argument -> actor resolution."""

from dyadwatch.actors.dictionary import ActorDictionary, ActorEntry, alias_key, find_party, load_actor_dictionary
from dyadwatch.actors.resolve import resolve_argument

__all__ = ["ActorDictionary", "ActorEntry", "alias_key", "find_party", "load_actor_dictionary", "resolve_argument"]
