"""Pair gold events with predicted events of one sentence (the rules are in `dyadwatch.eval.scoring`)."""

from __future__ import annotations

from collections.abc import Sequence

from dyadwatch.eval.gold import GoldEvent
from dyadwatch.types import Event

Slot = tuple[str, str] | None
"""What a gold event says happened: ("root", "11"), ("cameo", "112"), ("plover", "ACCUSE") or None."""

BARE_IGO = "IGO"
"""Gold key for an unnamed international organisation; matches any predicted "IGO..." key."""


def slot_of(gold: GoldEvent, *, full: bool = False) -> Slot:
    """The event slot a prediction must fill: full code or root when known, else the PLOVER type."""
    if full and gold.cameo:
        return ("cameo", gold.cameo)
    if gold.root:
        return ("root", gold.root)
    if gold.plover:
        return ("plover", gold.plover)
    return None


def key_matches(gold_key: str | None, pred_key: str) -> bool:
    """True when a predicted actor key fills a gold actor key (empty predicted keys never do)."""
    if not gold_key or not pred_key:
        return False
    if gold_key == BARE_IGO:
        return pred_key.startswith(BARE_IGO)
    return gold_key == pred_key


def slot_matches(slot: Slot, pred: Event) -> bool:
    """True when `pred` has the event type the slot asks for."""
    if slot is None:
        return True
    kind, value = slot
    have = {"cameo": pred.cameo, "root": pred.cameo_root, "plover": pred.plover}[kind]
    return (have or "").strip().upper() == value.upper()


def match_events(
    gold: Sequence[GoldEvent], preds: Sequence[Event], *, full: bool = False
) -> list[tuple[GoldEvent, Event]]:
    """One-to-one (gold, predicted) pairs matched on source key, target key and event slot.

    Greedy, most specific gold first; with exact keys and slots this is the multiset intersection.
    """
    order = sorted(gold, key=lambda g: (BARE_IGO in (g.source, g.target), slot_of(g, full=full) is None))
    used: set[int] = set()
    pairs: list[tuple[GoldEvent, Event]] = []
    for g in order:
        slot = slot_of(g, full=full)
        for i, p in enumerate(preds):
            if i in used or not slot_matches(slot, p):
                continue
            if key_matches(g.source, p.source.actor.key) and key_matches(g.target, p.target.actor.key):
                used.add(i)
                pairs.append((g, p))
                break
    return pairs
