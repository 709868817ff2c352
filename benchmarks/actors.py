"""Actor resolution speed: how many actor mentions per second the actor layer resolves.

Run: .venv/bin/python benchmarks/actors.py [--n 200000]

Measures, on the bundled dictionary with no spaCy involved:
1. plain dated lookups (`ActorDictionary.lookup`) of random aliases (states, capitals, people);
2. full argument resolution (`ArticleResolver.resolve`): alias hits with role nouns and titles,
   surnames, and the article context, as the coder does it.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date

from dyadwatch.actors import ArticleResolver, load_actor_dictionary
from dyadwatch.types import AliasHit, Argument, Span


def _arguments(aliases: list[str], n: int, rng: random.Random) -> list[Argument]:
    out = []
    for _ in range(n):
        alias = rng.choice(aliases)
        modifier = rng.random() < 0.5
        hit = AliasHit(Span(alias, 0, len(alias)), is_head=not modifier, owns_phrase=not modifier,
                       sector_phrases=("foreign ministry", "ministry") if modifier else (),
                       titles=() if modifier else ("president",))
        head = "ministry" if modifier else alias.split()[-1]
        out.append(Argument(phrase=Span(alias, 0, len(alias)), head=Span(head, 0, len(head)),
                            head_lemma=head.lower(), aliases=(hit,)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    args = parser.parse_args()
    rng = random.Random(0)
    start = time.perf_counter()
    dictionary = load_actor_dictionary()
    load_s = time.perf_counter() - start
    aliases = dictionary.aliases()
    days = [date(2000 + rng.randrange(26), rng.randrange(1, 13), 1) for _ in range(1000)]
    queries = [(rng.choice(aliases), rng.choice(days)) for _ in range(args.n)]
    start = time.perf_counter()
    hits = sum(1 for text, on in queries if dictionary.lookup(text, on=on) is not None)
    lookup_s = time.perf_counter() - start
    arguments = _arguments(aliases, args.n // 4, rng)
    resolver = ArticleResolver(dictionary, on=date(2025, 6, 30), mentions=[])
    start = time.perf_counter()
    resolved = sum(1 for arg in arguments if resolver.resolve(arg))
    resolve_s = time.perf_counter() - start
    print(f"dictionary: {len(aliases):,} aliases, loaded in {load_s:.2f} s")
    print(f"lookups:    {args.n:,} in {lookup_s:.2f} s = {args.n / lookup_s:,.0f}/s ({hits:,} valid on their date)")
    print(f"resolution: {len(arguments):,} arguments in {resolve_s:.2f} s = {len(arguments) / resolve_s:,.0f}/s "
          f"({resolved:,} resolved)")


if __name__ == "__main__":
    main()
