"""Throughput benchmark: how many sentences per second dyadwatch codes, and what the prefilter costs.

Usage (from the repo root):

    .venv/bin/python benchmarks/throughput.py [--sentences 20000] [--seed 0] [--json out.json]
                                             [--recall-sentences N] [--demo examples/aze-rus]

Measured in one run, after loading the model once and warming every path up once:

1. the demo corpus end to end (files read by `read_sources`, then coded: text in, events out);
2. a synthetic corpus (`benchmarks/synthetic.py`) coded with the prefilter, and the share of
   sentences that passed it and were fully parsed;
3. spaCy's own full pipeline (`nlp.pipe(texts, batch_size=64)`, all components) over the same
   sentence texts, so the speed-up of parsing only prefiltered sentences is visible;
4. the prefilter's recall cost: the same corpora coded with `prefilter=False`, comparing events.

See benchmarks/README.md for what each figure means and the figures measured on the dev machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from time import perf_counter
from typing import TypeVar

import spacy
from synthetic import synthetic_articles

from dyadwatch import __version__
from dyadwatch.config import load_settings
from dyadwatch.ingest import read_sources
from dyadwatch.nlp import resolve_model_name
from dyadwatch.pipeline import ARTICLE_BATCH, Coder, build_coder
from dyadwatch.types import Article, CodedArticle, Event

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "aze-rus"
DEMO_REPEATS = 3
"""The demo corpus is small, so it is timed this many times and the median is reported."""
SPACY_BATCH = 64

T = TypeVar("T")


@dataclass
class Row:
    """One line of the results table."""

    corpus: str
    system: str
    articles: int
    sentences: int
    parsed: int
    events: int
    ingest_s: float
    code_s: float

    @property
    def seconds(self) -> float:
        return self.ingest_s + self.code_s

    @property
    def sentences_per_s(self) -> float:
        return self.sentences / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out.update(
            seconds=round(self.seconds, 3),
            sentences_per_s=round(self.sentences_per_s, 1),
            parsed_fraction=round(self.parsed / self.sentences, 4) if self.sentences else 0.0,
            ingest_s=round(self.ingest_s, 3),
            code_s=round(self.code_s, 3),
        )
        return out


def code_all(coder: Coder, articles: Sequence[Article]) -> list[CodedArticle]:
    """Code articles in the batches `run_pipeline` uses (no store: the figure is NLP + coding)."""
    out: list[CodedArticle] = []
    for start in range(0, len(articles), ARTICLE_BATCH):
        out.extend(coder.code_articles(articles[start : start + ARTICLE_BATCH]))
    return out


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = perf_counter()
    result = fn()
    return result, perf_counter() - start


def summarise(corpus: str, system: str, coded: Sequence[CodedArticle], ingest_s: float, code_s: float) -> Row:
    return Row(
        corpus=corpus,
        system=system,
        articles=len(coded),
        sentences=sum(len(c.sentences) for c in coded),
        parsed=sum(c.parsed_sentences for c in coded),
        events=sum(len(c.events) for c in coded),
        ingest_s=ingest_s,
        code_s=code_s,
    )


def event_keys(coded: Sequence[CodedArticle]) -> dict[tuple[str, str], Event]:
    """Events by (content id, modality); the id hashes article, sentence, spans and CAMEO code."""
    return {(e.id, e.modality): e for c in coded for e in c.events}


def recall(corpus: str, with_pf: Sequence[CodedArticle], without_pf: Sequence[CodedArticle]) -> dict[str, object]:
    """Events found with vs without the prefilter; recall = shared / found without it."""
    kept, full = event_keys(with_pf), event_keys(without_pf)
    shared = kept.keys() & full.keys()
    sentences = {(c.article.id, s.index): s.text for c in without_pf for s in c.sentences}
    missed = [full[k] for k in sorted(full.keys() - kept.keys())]
    return {
        "corpus": corpus,
        "sentences": len(sentences),
        "events_with_prefilter": len(kept),
        "events_without_prefilter": len(full),
        "shared": len(shared),
        "only_with_prefilter": len(kept.keys() - full.keys()),
        "recall": round(len(shared) / len(full), 4) if full else 1.0,
        "missed_examples": [
            {
                "cameo": e.cameo,
                "dyad": "-".join(e.dyad),
                "trigger": e.trigger.text,
                "modality": e.modality,
                "sentence": sentences.get((e.article_id, e.sentence_index), ""),
            }
            for e in missed[:8]
        ],
    }


def run(args: argparse.Namespace) -> dict[str, object]:
    settings = load_settings()
    log = print if not args.quiet else (lambda *a, **k: None)

    coder, load_s = timed(lambda: build_coder(settings))
    coder_full, load_full_s = timed(lambda: build_coder(settings, prefilter=False))  # spaCy pipeline is cached
    nlp = spacy.load(resolve_model_name(settings.spacy_model))  # the full pipeline, every component
    log(f"loaded {nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')} in {load_s:.2f} s")

    # warm-up: one pass over a small synthetic corpus through every timed path
    warm = synthetic_articles(300, seed=args.seed + 1)
    _, warm_s = timed(lambda: (code_all(coder, warm), code_all(coder_full, warm),
                               sum(1 for _ in nlp.pipe([a.text for a in warm[:2]], batch_size=SPACY_BATCH))))
    log(f"warm-up done in {warm_s:.1f} s")

    rows: list[Row] = []
    recalls: list[dict[str, object]] = []

    # 1. demo corpus, end to end: files in, events out
    demo_runs = []
    for _ in range(DEMO_REPEATS):
        items, ingest_s = timed(lambda: list(read_sources([str(args.demo)], settings=settings)))
        articles = [i for i in items if isinstance(i, Article)]
        coded_demo, code_s = timed(lambda articles=articles: code_all(coder, articles))
        demo_runs.append((ingest_s + code_s, ingest_s, code_s))
    _, ingest_s, code_s = sorted(demo_runs)[len(demo_runs) // 2]
    rows.append(summarise("demo", "dyadwatch", coded_demo, ingest_s, code_s))
    demo_discarded = len(items) - len(articles)
    full_runs = [timed(lambda: code_all(coder_full, articles)) for _ in range(DEMO_REPEATS)]
    coded_demo_full = full_runs[0][0]
    rows.append(summarise("demo", "dyadwatch, no prefilter", coded_demo_full, 0.0,
                          statistics.median(t for _, t in full_runs)))
    recalls.append(recall("demo", coded_demo, coded_demo_full))
    log(f"demo: {len(articles)} articles ({demo_discarded} discarded at ingest)")

    # 2. synthetic corpus with the prefilter
    synth, gen_s = timed(lambda: synthetic_articles(args.sentences, seed=args.seed))
    log(f"synthetic: {len(synth)} articles generated in {gen_s:.2f} s")
    coded_synth, code_s = timed(lambda: code_all(coder, synth))
    rows.append(summarise("synthetic", "dyadwatch", coded_synth, 0.0, code_s))
    log(f"synthetic coded with prefilter in {code_s:.1f} s")

    # 3. spaCy's full pipeline over the same sentence texts
    texts = [s.text for c in coded_synth for s in c.sentences]
    n_docs, spacy_s = timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=SPACY_BATCH)))
    rows.append(Row("synthetic", "spaCy nlp.pipe (all components)", len(synth), n_docs, n_docs, 0, 0.0, spacy_s))
    log(f"spaCy full pipeline over {n_docs} sentences in {spacy_s:.1f} s")

    # 4. recall cost of the prefilter on the synthetic corpus (or the first articles of it)
    subset = synth
    if args.recall_sentences and args.recall_sentences < args.sentences:
        subset, total = [], 0
        for article, coded in zip(synth, coded_synth, strict=True):
            if total >= args.recall_sentences:
                break
            subset.append(article)
            total += len(coded.sentences)
    coded_full, full_s = timed(lambda: code_all(coder_full, subset))
    corpus = "synthetic" if subset is synth else "synthetic subset"
    rows.append(summarise(corpus, "dyadwatch, no prefilter", coded_full, 0.0, full_s))
    recalls.append(recall(corpus, coded_synth[: len(subset)], coded_full))
    log(f"{corpus} coded without prefilter in {full_s:.1f} s")

    dyad = next(r for r in rows if r.corpus == "synthetic" and r.system == "dyadwatch")
    spacy_row = next(r for r in rows if r.system.startswith("spaCy"))
    return {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(),
        },
        "versions": {
            "dyadwatch": __version__,
            "spacy": spacy.__version__,
            "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
            "data": coder.versions,
        },
        "settings": {"batch_size": settings.batch_size, "article_batch": ARTICLE_BATCH, "spacy_batch": SPACY_BATCH,
                     "sentences": args.sentences, "seed": args.seed, "recall_sentences": args.recall_sentences,
                     "demo_repeats": DEMO_REPEATS},
        "load_s": round(load_s, 3),
        "load_no_prefilter_s": round(load_full_s, 3),
        "warmup_s": round(warm_s, 3),
        "synthetic_generation_s": round(gen_s, 3),
        "rows": [r.as_dict() for r in rows],
        "speedup_vs_spacy": round(dyad.sentences_per_s / spacy_row.sentences_per_s, 2),
        "recall": recalls,
    }


def format_report(result: dict[str, object]) -> str:
    head = ("corpus", "system", "articles", "sentences", "parsed", "events", "ingest s", "code s", "sent/s")
    lines = [
        [r["corpus"], r["system"], r["articles"], r["sentences"],
         f"{r['parsed'] / r['sentences']:.1%}" if r["sentences"] else "-",
         "-" if str(r["system"]).startswith("spaCy") else r["events"],
         f"{r['ingest_s']:.2f}" if r["ingest_s"] else "-", f"{r['code_s']:.2f}", f"{r['sentences_per_s']:.0f}"]
        for r in result["rows"]
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines, strict=True)]

    def fmt(cells: Sequence[object]) -> str:
        return "  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths,
                                                                                                     strict=True)))

    out = [fmt(head), fmt(["-" * w for w in widths]), *(fmt(line) for line in lines), ""]
    out.append(f"model load: {result['load_s']:.2f} s (not in the figures above); "
               f"speed-up over spaCy's full pipeline: {result['speedup_vs_spacy']:.2f}x")
    out.append("")
    out.append("prefilter recall (events with prefilter also found without / events without):")
    for rec in result["recall"]:
        out.append(f"  {rec['corpus']:<17} {rec['events_with_prefilter']:>6} with, {rec['events_without_prefilter']:>6}"
                   f" without, {rec['shared']:>6} shared -> recall {rec['recall']:.4f}"
                   f" ({rec['only_with_prefilter']} only with prefilter)")
        for ex in rec["missed_examples"][:3]:
            out.append(f"      missed {ex['cameo']} {ex['dyad']} [{ex['trigger']}]: {ex['sentence'][:100]}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=20_000, help="synthetic corpus size (default 20000)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic corpus seed (default 0)")
    parser.add_argument("--recall-sentences", type=int, default=0, metavar="N",
                        help="code only the first ~N synthetic sentences without the prefilter (default: all)")
    parser.add_argument("--demo", type=Path, default=DEMO, help="demo corpus folder (default examples/aze-rus)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--quiet", action="store_true", help="print only the final table")
    args = parser.parse_args(argv)
    (result, total_s) = timed(lambda: run(args))
    result["total_s"] = round(total_s, 1)
    print()
    print(format_report(result))
    print(f"\ntotal benchmark time: {total_s:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
