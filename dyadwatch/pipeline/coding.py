"""The only place that chains stages: sources -> articles -> sentences -> candidates -> events -> store."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from dyadwatch.actors import ActorDictionary, ArticleResolver, load_actor_dictionary
from dyadwatch.config import Settings
from dyadwatch.errors import ConfigError, SourceError
from dyadwatch.eval import check_floors, evaluate, format_reports, read_gold
from dyadwatch.eval.modality import ModalityReport, evaluate_modality, format_modality_report, read_labelled
from dyadwatch.ingest import read_sources
from dyadwatch.nlp import HEADLINE, Extractor, build_nlp
from dyadwatch.ontology import Ontology, load_ontology
from dyadwatch.ontology.code import code_candidate
from dyadwatch.pipeline.incidents import cluster_store
from dyadwatch.store import Store
from dyadwatch.types import Article, CodedArticle, Discarded, Event, IngestSummary

ARTICLE_BATCH = 32
"""Articles coded and written per store transaction."""


@dataclass(frozen=True)
class Coder:
    """Everything needed to turn articles into events, loaded once and reused."""

    extractor: Extractor
    """Sentence splitting, prefilter and full parse (spaCy)."""
    dictionary: ActorDictionary
    """Actor aliases and role nouns."""
    ontology: Ontology
    """CAMEO/PLOVER tables and the verb lexicon."""

    @property
    def versions(self) -> str:
        """Data versions stamped on every event."""
        return f"ontology={self.ontology.version};actors={self.dictionary.version}"

    def code_articles(self, articles: Sequence[Article]) -> list[CodedArticle]:
        """Code a batch of articles (the full parse is batched across them)."""
        out = []
        for parse in self.extractor.parse(articles):
            on = parse.article.published
            body = ArticleResolver(self.dictionary, on=on, mentions=parse.mentions)
            headline = ArticleResolver(self.dictionary, on=on, mentions=[])
            events: list[Event] = []
            for cand in parse.candidates:
                resolver = headline if cand.sentence_index == HEADLINE else body
                found = code_candidate(
                    cand, ontology=self.ontology, resolve=resolver.resolve, on=on, versions=self.versions
                )
                events.extend(found)
            kept = tuple(_unique(_headline_news_only(events)))
            out.append(CodedArticle(parse.article, parse.sentences, kept, parse.parsed))
        return out


def _headline_news_only(events: list[Event]) -> list[Event]:
    """Headline events the body repeats (same dyad and CAMEO root) are dropped: one event, not two."""
    body = {(e.dyad, e.cameo_root) for e in events if e.sentence_index != HEADLINE}
    return [e for e in events if e.sentence_index != HEADLINE or (e.dyad, e.cameo_root) not in body]


def _unique(events: Iterable[Event]) -> Iterator[Event]:
    seen: set[str] = set()
    for event in events:
        if event.id not in seen:
            seen.add(event.id)
            yield event


def build_coder(settings: Settings, *, prefilter: bool = True) -> Coder:
    """Load the spaCy pipeline, the actor dictionary and the ontology named in settings."""
    dictionary = load_actor_dictionary(settings.actors_file)
    ontology = load_ontology()
    extractor = Extractor(
        build_nlp(settings.spacy_model),
        aliases=dictionary.aliases(),
        trigger_forms=ontology.trigger_forms,
        trigger_lemmas=frozenset(ontology.verbs),
        noun_lemmas=frozenset(ontology.nouns),
        coref_words={phrase.split()[-1] for phrase in (*dictionary.sectors, *dictionary.titles)},
        batch_size=settings.batch_size,
        prefilter=prefilter,
    )
    return Coder(extractor=extractor, dictionary=dictionary, ontology=ontology)


def code_texts(
    items: Iterable[tuple[str, str, date | None]], *, coder: Coder
) -> dict[str, list[Event]]:
    """Code (id, text, date) items without storing them; events per item id, in text order.

    The Article id is the item's own id so offsets and ids stay tied to the caller's documents.
    """
    articles = [Article(id=item_id, text=text, published=on) for item_id, text, on in items]
    result: dict[str, list[Event]] = {a.id: [] for a in articles}
    for start in range(0, len(articles), ARTICLE_BATCH):
        for coded in coder.code_articles(articles[start : start + ARTICLE_BATCH]):
            result[coded.article.id].extend(coded.events)
    return result


def code_actor_spans(
    items: Iterable[tuple[str, str, date | None, Sequence[tuple[int, int]]]], *, coder: Coder
) -> dict[str, list[tuple[str, str | None] | None]]:
    """Which actor each character span of each text denotes, in context: (key, sector) or None."""
    out: dict[str, list[tuple[str, str | None] | None]] = {}
    for item_id, text, on, spans in items:
        args, mentions = coder.extractor.arguments_for(text, spans)
        resolver = ArticleResolver(coder.dictionary, on=on, mentions=mentions)
        found = [resolver.resolve(arg) if arg is not None else [] for arg in args]
        out[item_id] = [(m[0].actor.key, m[0].actor.sector) if m else None for m in found]
    return out


def _batches(items: Iterable[Article | Discarded], size: int) -> Iterator[list[Article | Discarded]]:
    batch: list[Article | Discarded] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_pipeline(
    sources: Iterable[str],
    *,
    store: Store,
    settings: Settings,
    coder: Coder | None = None,
    on_item: Callable[[Article | Discarded], None] | None = None,
) -> IngestSummary:
    """Ingest sources into the store: new articles are coded and written, duplicates skipped,
    unusable items recorded as Discarded. One bad item never stops the run."""
    coder = coder or build_coder(settings)
    stored = duplicates = n_events = n_sentences = 0
    discarded: list[Discarded] = []
    seen: set[str] = set()
    touched: set[tuple[str, str]] = set()
    for batch in _batches(read_sources(sources, settings=settings), ARTICLE_BATCH):
        articles: list[Article] = []
        for item in batch:
            if on_item:
                on_item(item)
            if isinstance(item, Discarded):
                discarded.append(item)
            elif item.id in seen:
                duplicates += 1
            else:
                seen.add(item.id)
                articles.append(item)
        known = store.known_article_ids(a.id for a in articles)
        duplicates += len(known)
        fresh = [a for a in articles if a.id not in known]
        if fresh:
            coded = coder.code_articles(fresh)
            touched.update(e.dyad for c in coded for e in c.events)
            result = store.write_coded(coded)
            stored += result.articles
            n_events += result.events
            n_sentences += result.sentences
    store.write_discards(discarded)
    cluster_store(store, dyads=touched)
    return IngestSummary(stored, duplicates, n_events, n_sentences, tuple(discarded))


DEFAULT_GOLD = (
    "plover/PLOVER_GSR_CAMEO.txt",
    "dev_codebook_examples_joined.tsv",
    "universalpetrarch/PETR2_GSR_validation.xml",
    "conflibert/cameo_class_test.tsv",
)
"""Dev sets scored when `dyadwatch eval` is given no files (relative to settings.gold_dir)."""


SCORED_MODALITIES = frozenset({"asserted", "alleged"})
"""Modalities `dyadwatch eval` scores: CAMEO gold codes what is reported to have happened; an
event we read as negated, denied, hypothetical or future has no counterpart there."""


def _reported_events(items: Sequence[tuple[str, str, date | None]], *, coder: Coder) -> dict[str, list[Event]]:
    found = code_texts(items, coder=coder)
    return {k: [e for e in v if e.modality in SCORED_MODALITIES] for k, v in found.items()}


def run_evaluation(
    gold_paths: Sequence[str], *, settings: Settings, floors_file: str | None = None
) -> tuple[str, list[str]]:
    """Score the coder on gold files; returns the report table and any floor failures."""
    paths = list(gold_paths) or [
        str(Path(settings.gold_dir) / p) for p in DEFAULT_GOLD if (Path(settings.gold_dir) / p).exists()
    ]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise SourceError(f"gold file not found: {missing[0]} (set gold_dir or pass files)")
    coder = build_coder(settings)
    events, actors = partial(_reported_events, coder=coder), partial(code_actor_spans, coder=coder)
    events_all = partial(code_texts, coder=coder)
    reports = [evaluate(read_gold(p), events, actor_coder=actors) for p in paths]
    modality = evaluate_modality(read_labelled(), events_all)
    failures: list[str] = []
    if floors_file:
        try:
            floors = json.loads(Path(floors_file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ConfigError(f"floors file {floors_file}: {e}") from e
        failures = check_floors(reports, {k: v for k, v in floors.items() if k != OWN_SET})
        failures += _modality_failures(modality, floors.get(OWN_SET, {}))
    text = format_reports(reports) + "\n\nOwn modality and date set (dyadwatch/eval/data/modality.jsonl)\n"
    return text + format_modality_report(modality), failures


OWN_SET = "own_modality_set"
"""Key in the floors file for the bundled modality/date set."""


def _modality_failures(report: ModalityReport, floors: dict[str, float]) -> list[str]:
    failures = []
    for metric, floor in floors.items():
        value = getattr(report, metric)
        if value is None or value < floor:
            failures.append(f"{OWN_SET}: {metric} {value if value is None else round(value, 3)} below floor {floor}")
    return failures
