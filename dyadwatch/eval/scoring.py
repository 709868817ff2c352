"""Score a coder against a gold set.

Scoring rules
-------------
* Dyad scoring (precision/recall/F1) compares, per sentence, the multiset of gold
  (source key, target key, CAMEO root) tuples with the predicted ones; tp is the size of the
  multiset intersection, summed over sentences. Every predicted event counts, so an event whose
  source or target key is empty is a false positive.
* Where gold has no CAMEO code (PLOVER GSR JSON, some codebook rows) the event slot of the tuple is
  its PLOVER type (compared with `Event.plover`); with neither, the dyad alone must match. A gold
  key written as a bare "IGO" (no organisation given) matches any predicted IGO key. Gold events of
  all kinds are matched greedily, most specific first (exact keys before wildcard ones).
* Reciprocal gold ("SRC/TAR" with actors A, B) has already been expanded to A->B and B->A.
* Only sentences with actor labels are dyad-scored. A sentence is skipped (gold and predictions)
  when any of its gold events lacks a source or target key (one-actor events such as a
  resignation, unknown actors "---"): there is no dyad to compare. Sentences with no gold event
  are scored: everything predicted there is a false positive.
* cameo_full: the same P/R/F1 with the full CAMEO code instead of the root, over the scored
  sentences whose gold events all carry a full code; None if there are none.
* plover_accuracy: per scored sentence and dyad, pairs are formed between gold events that have a
  PLOVER type and predicted events on the same (source, target) (bare "IGO" as above);
  n = min(#gold, #pred) per dyad and correct = multiset intersection of the two PLOVER type lists.
* penta_macro_f1: over sentences whose gold gives a penta class. The predicted class is that of the
  most conflictual predicted event (the higher class wins); no event (or no CAMEO root) -> class 0,
  i.e. "no event" is read as "nothing more than a statement". Macro-F1 is the mean F1 over the
  classes present in gold. CAMEO root -> penta: 0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16,
  4 = 14, 15, 17-20.
* actor_country_accuracy: over gold events of scored sentences whose event slot (root or PLOVER)
  was predicted in the sentence (at most as many as predicted), the share also matched on both
  actor keys. actor_sector_accuracy: over actor slots of matched events where gold gives a sector,
  the share where `Actor.sector` agrees.
* Mention scores (only with an `ActorCoder`, only for sets whose sentences carry `GoldActor`s): each
  gold actor with a code is located in its sentence by its text: first occurrence, case-sensitive;
  failing that, case-insensitive; failing that, it is skipped and counted in `mention_skipped`.
  The actor coder is called once for the whole set with the spans of the located actors (sentences
  without any are not sent) and answers, per span, (actor key, sector) or None. mention_coverage is
  the share of located actors resolved to anything; mention_country_accuracy the share whose key
  equals the gold code (unresolved counts as wrong; bare gold "IGO" matches any "IGO..." key);
  mention_sector_accuracy, over located actors with a gold sector and a correct key, the share with
  the same sector (first three letters, upper-cased). Gold actors without a code ("---") are not
  scored. An id missing from the coder's answer means nothing resolved for that sentence.
Zero denominators give None ("not measured"), never 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dyadwatch.eval.gold import GoldActor, GoldSentence, GoldSet, clean_sector, penta_of_root
from dyadwatch.eval.matching import key_matches, match_events, slot_of
from dyadwatch.types import Event

Coder = Callable[[Sequence[tuple[str, str, date | None]]], Mapping[str, Sequence[Event]]]
"""Codes (id, text, date) items; returns the events found per id (missing id = no events)."""

Span = tuple[int, int]
"""Character span [start, end) in the sentence text."""

ActorCoder = Callable[
    [Sequence[tuple[str, str, date | None, tuple[tuple[int, int], ...]]]],
    Mapping[str, Sequence[tuple[str, str | None] | None]],
]
"""Resolves actor spans: items are (sentence id, text, date, spans); returns per id, for each span in
order, (actor key, sector) or None when the span resolves to nothing (missing id = nothing resolved)."""


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from counts."""

    tp: int
    """True positives."""
    n_gold: int
    """Gold items scored."""
    n_pred: int
    """Predicted items scored."""

    @property
    def precision(self) -> float | None:
        """tp / n_pred, None when nothing was predicted."""
        return self.tp / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        """tp / n_gold, None when there is no gold."""
        return self.tp / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        """2·tp / (n_gold + n_pred): the harmonic mean of P and R, 0.0 when either side is empty."""
        total = self.n_pred + self.n_gold
        return 2 * self.tp / total if total else None


@dataclass(frozen=True)
class EvalReport:
    """Scores of one coder on one gold set (see the module docstring for the rules)."""

    name: str
    """Gold set name."""
    format: str
    """Gold set format (e.g. "petr-unittest" marks fictional actors)."""
    n_sentences: int
    """Sentences in the gold set."""
    n_scored: int
    """Sentences used for dyad scoring."""
    n_gold: int
    """Gold events in scored sentences."""
    n_pred: int
    """Predicted events in scored sentences."""
    tp: int
    """Matched (source, target, root) tuples."""
    precision: float | None
    """tp / n_pred (None when not measured)."""
    recall: float | None
    """tp / n_gold."""
    f1: float | None
    """Harmonic mean of precision and recall."""
    cameo_full: PRF | None
    """P/R/F1 at full CAMEO code, None when gold has no full codes."""
    plover_accuracy: float | None
    """Share of dyad-matched pairs whose PLOVER type agrees."""
    plover_n: int
    """Pairs behind `plover_accuracy`."""
    penta_macro_f1: float | None
    """Macro-F1 of the sentence penta class over classes present in gold."""
    penta_n: int
    """Sentences behind `penta_macro_f1`."""
    actor_country_accuracy: float | None = None
    """Share of type-matched gold events whose two actor keys also match."""
    actor_sector_accuracy: float | None = None
    """Share of gold sectors of matched events that the coder got right."""
    mention_n: int | None = None
    """Gold actor mentions located in their sentence and sent to the actor coder (None: not measured)."""
    mention_skipped: int | None = None
    """Gold actor mentions whose text was not found in the sentence (None: not measured)."""
    mention_coverage: float | None = None
    """Share of located gold actor mentions the actor coder resolved to anything."""
    mention_country_accuracy: float | None = None
    """Share of located gold actor mentions resolved to the gold key (unresolved counts as wrong)."""
    mention_sector_accuracy: float | None = None
    """Over mentions with a gold sector and the right key: share resolved to the gold sector."""

    @property
    def cameo_f1(self) -> float | None:
        """F1 at full CAMEO code (shortcut for floors and tables)."""
        return self.cameo_full.f1 if self.cameo_full else None


def evaluate(gold: GoldSet, coder: Coder, *, actor_coder: ActorCoder | None = None) -> EvalReport:
    """Run `coder` over every sentence of `gold` and score it; with `actor_coder`, score the actor
    mentions of the set too (the `mention_*` fields; left None when the set has no actor texts)."""
    predicted = coder([(s.id, s.text, s.date) for s in gold.sentences])
    pairs = [(s, list(predicted.get(s.id, ()))) for s in gold.sentences]
    scored = [(s, p) for s, p in pairs if _dyad_scorable(s)]
    dyad = _dyad_counts(scored, full=False)
    full_scope = [(s, p) for s, p in scored if all(e.cameo for e in s.events)]
    has_full = any(e.cameo for s, _ in scored for e in s.events)
    plover_ok, plover_n = _plover_counts(scored)
    penta, penta_n = _penta_macro_f1([(s.penta, p) for s, p in pairs if s.penta is not None])
    return EvalReport(
        name=gold.name, format=gold.format, n_sentences=len(gold.sentences), n_scored=len(scored),
        n_gold=dyad.n_gold, n_pred=dyad.n_pred, tp=dyad.tp,
        precision=dyad.precision, recall=dyad.recall, f1=dyad.f1,
        cameo_full=_dyad_counts(full_scope, full=True) if has_full and full_scope else None,
        plover_accuracy=plover_ok / plover_n if plover_n else None, plover_n=plover_n,
        penta_macro_f1=penta, penta_n=penta_n,
        actor_country_accuracy=_actor_country(scored), actor_sector_accuracy=_actor_sector(scored),
        **(_mention_scores(gold, actor_coder) if actor_coder is not None else {}),
    )


def locate(text: str, needle: str) -> Span | None:
    """Span of the first occurrence of `needle` in `text`: case-sensitive, else case-insensitive, else None."""
    if not needle:
        return None
    start = text.find(needle)
    if start < 0:
        # compare window by window, so the offsets stay those of `text` even where lower() changes lengths
        low, width = needle.lower(), len(needle)
        start = next((i for i in range(len(text) - width + 1) if text[i : i + width].lower() == low), -1)
    return None if start < 0 else (start, start + len(needle))


def _mention_scores(gold: GoldSet, actor_coder: ActorCoder) -> dict[str, float | int | None]:
    if not any(s.actors for s in gold.sentences):
        return {}
    located: list[tuple[GoldSentence, list[tuple[GoldActor, Span]]]] = []
    skipped = 0
    for sentence in gold.sentences:
        found = []
        for actor in sentence.actors:
            if actor.code is None:
                continue
            span = locate(sentence.text, actor.text)
            if span is None:
                skipped += 1
            else:
                found.append((actor, span))
        if found:
            located.append((sentence, found))
    items = [(s.id, s.text, s.date, tuple(span for _, span in found)) for s, found in located]
    answers = actor_coder(items) if items else {}
    n = resolved = country = sector_n = sector_ok = 0
    for sentence, found in located:
        answer = list(answers.get(sentence.id, ()))
        if answer and len(answer) != len(found):
            raise ValueError(
                f"actor coder answered {len(answer)} spans for {sentence.id!r}, expected {len(found)}"
            )
        answer = answer or [None] * len(found)
        for (actor, _), pred in zip(found, answer, strict=True):
            n += 1
            if pred is None:
                continue
            resolved += 1
            if not key_matches(actor.code, pred[0]):
                continue
            country += 1
            if actor.sector:
                sector_n += 1
                sector_ok += clean_sector(pred[1]) == actor.sector
    return {
        "mention_n": n, "mention_skipped": skipped,
        "mention_coverage": resolved / n if n else None,
        "mention_country_accuracy": country / n if n else None,
        "mention_sector_accuracy": sector_ok / sector_n if sector_n else None,
    }


def _dyad_scorable(sentence: GoldSentence) -> bool:
    return sentence.has_actor_labels and all(e.source and e.target for e in sentence.events)


def _dyad_counts(scored: Sequence[tuple[GoldSentence, list[Event]]], *, full: bool) -> PRF:
    tp = n_gold = n_pred = 0
    for sentence, preds in scored:
        tp += len(match_events(sentence.events, preds, full=full))
        n_gold += len(sentence.events)
        n_pred += len(preds)
    return PRF(tp=tp, n_gold=n_gold, n_pred=n_pred)


def _plover_counts(scored: Sequence[tuple[GoldSentence, list[Event]]]) -> tuple[int, int]:
    correct = n = 0
    for sentence, preds in scored:
        gold_by_dyad: dict[tuple[str | None, str | None], Counter[str]] = {}
        for e in sentence.events:
            if e.plover:
                gold_by_dyad.setdefault((e.source, e.target), Counter())[e.plover] += 1
        for (src, tgt), gold_types in gold_by_dyad.items():
            pred_types = Counter(
                p.plover for p in preds if key_matches(src, p.dyad[0]) and key_matches(tgt, p.dyad[1])
            )
            n += min(gold_types.total(), pred_types.total())
            correct += (gold_types & pred_types).total()
    return correct, n


def sentence_penta(events: Sequence[Event]) -> int:
    """Penta class of a sentence from its predicted events: the most conflictual wins, none -> 0."""
    classes = [penta_of_root(e.cameo_root) for e in events]
    return max((c for c in classes if c is not None), default=0)


def _penta_macro_f1(items: Sequence[tuple[int | None, Sequence[Event]]]) -> tuple[float | None, int]:
    pairs = [(gold, sentence_penta(preds)) for gold, preds in items if gold is not None]
    if not pairs:
        return None, 0
    return macro_f1(pairs), len(pairs)


def macro_f1(pairs: Sequence[tuple[int, int]]) -> float:
    """Mean per-class F1 of (gold, predicted) label pairs over the classes present in gold."""
    scores = []
    for label in sorted({g for g, _ in pairs}):
        tp = sum(1 for g, p in pairs if g == label and p == label)
        n_gold = sum(1 for g, _ in pairs if g == label)
        n_pred = sum(1 for _, p in pairs if p == label)
        scores.append(2 * tp / (n_gold + n_pred))
    return sum(scores) / len(scores)


def _actor_country(scored: Sequence[tuple[GoldSentence, list[Event]]]) -> float | None:
    typed = matched = 0
    for sentence, preds in scored:
        gold_slots = Counter(slot_of(e) for e in sentence.events)
        pred_slots = Counter(s for p in preds for s in _pred_slots(p, gold_slots))
        typed += sum(min(n, pred_slots[slot]) for slot, n in gold_slots.items())
        matched += len(match_events(sentence.events, preds, full=False))
    return min(matched, typed) / typed if typed else None


def _pred_slots(pred: Event, wanted: Counter) -> list[object]:
    """The gold slot kinds `pred` fills: its root and its PLOVER type (or the empty slot)."""
    candidates = [("root", pred.cameo_root), ("plover", pred.plover), None]
    for slot in candidates:
        if slot in wanted:
            return [slot]
    return []


def _actor_sector(scored: Sequence[tuple[GoldSentence, list[Event]]]) -> float | None:
    right = total = 0
    for sentence, preds in scored:
        for g, p in match_events(sentence.events, preds, full=False):
            for gold_sector, actor in ((g.source_sector, p.source.actor), (g.target_sector, p.target.actor)):
                if gold_sector:
                    total += 1
                    right += (actor.sector or "").upper() == gold_sector
    return right / total if total else None


__all__ = ["ActorCoder", "Coder", "EvalReport", "PRF", "evaluate", "locate", "macro_f1", "sentence_penta"]
