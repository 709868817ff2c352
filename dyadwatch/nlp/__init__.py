"""NLP stage: article -> sentences -> prefilter -> full parse -> event candidates.

spaCy objects never leave this package: callers get `Sentence` and `Candidate` records.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Span as SpacySpan

from dyadwatch.nlp.extract import argument_for_span, extract_candidates
from dyadwatch.nlp.gazetteer import Gazetteer
from dyadwatch.nlp.model import build_nlp, resolve_model_name
from dyadwatch.types import Argument, Article, Candidate, Sentence, Span

__all__ = ["HEADLINE", "Extractor", "ArticleParse", "build_nlp", "resolve_model_name"]

HEADLINE = -1
"""Sentence index of an article's headline; its offsets index `Article.title`."""

COREFERRING_WORDS = frozenset({"he", "she", "both", "two", "countries", "sides", "states", "governments", "nations"})
"""Words that can refer back to an actor named earlier; the pipeline adds every role noun and title."""

_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", re.S)


@dataclass(frozen=True)
class ArticleParse:
    """What the NLP stage produced for one article."""

    article: Article
    """The article."""
    sentences: tuple[Sentence, ...]
    """All sentences, in order."""
    candidates: tuple[Candidate, ...]
    """Event candidates from the sentences that passed the prefilter."""
    parsed: int
    """How many sentences passed the prefilter and were fully parsed."""
    mentions: tuple[Span, ...] = ()
    """Every dictionary alias in the article, in text order (parsed or not): the context that
    coreference and surname resolution read."""


class Extractor:
    """Splits articles into sentences, prefilters them cheaply and fully parses only the candidates.

    A sentence is parsed when it holds two actor aliases, or a lexicon trigger form with one alias (in
    it or earlier in the article) and a word that can refer back to an actor ("he", "the ministry",
    "both sides"): every event needs two actors, so nothing else can yield one.
    """

    def __init__(
        self,
        nlp: Language,
        *,
        aliases: Iterable[str],
        trigger_forms: Collection[str],
        trigger_lemmas: Collection[str],
        noun_lemmas: Collection[str] = (),
        coref_words: Collection[str] = (),
        batch_size: int = 64,
        prefilter: bool = True,
    ) -> None:
        self.nlp = nlp
        self.gazetteer = Gazetteer(nlp, aliases)
        self.trigger_forms = frozenset(f.lower() for f in trigger_forms)
        self.trigger_lemmas = frozenset(trigger_lemmas)
        self.noun_lemmas = frozenset(noun_lemmas)
        self.role_nouns = frozenset(w.lower() for w in coref_words)
        self.coref_words = COREFERRING_WORDS | self.role_nouns
        self.batch_size = batch_size
        self.prefilter = prefilter
        self._sentencizer = Sentencizer()

    def split(self, article: Article) -> tuple[list[tuple[Sentence, bool]], list[Span]]:
        """Sentences of the article, each with whether it passes the prefilter, and all alias spans."""
        out: list[tuple[Sentence, bool]] = []
        mentions: list[Span] = []
        if article.title.strip():
            out.append(self._headline(article))
        for match in _PARAGRAPH.finditer(article.text):
            doc = self._sentencizer(self.nlp.make_doc(match.group()))
            for sent in doc.sents:
                text = sent.text.strip()
                if not text:
                    continue
                start = match.start() + sent.start_char
                hits = self.gazetteer.spans(sent)
                keep = self._may_hold_event(sent, len(hits), bool(mentions))
                mentions.extend(Span(h.text, match.start() + h.start_char, match.start() + h.end_char) for h in hits)
                index = sum(1 for sentence, _ in out if sentence.index >= 0)
                out.append((Sentence(article.id, index, start, start + len(text), text), keep))
        return out, mentions

    def _headline(self, article: Article) -> tuple[Sentence, bool]:
        """The headline as sentence -1, whose offsets index `Article.title` (not `Article.text`)."""
        title = article.title.strip()
        start = article.title.index(title)
        doc = self.nlp.make_doc(title)
        keep = self._may_hold_event(doc[:], len(self.gazetteer.spans(doc)), False)
        return Sentence(article.id, HEADLINE, start, start + len(title), title), keep

    def _may_hold_event(self, sent: SpacySpan, hits: int, earlier: bool) -> bool:
        """An event needs two actors: two aliases, or an alias (here or earlier in the article) and a
        word that refers back to one, next to a lexicon trigger form."""
        if not self.prefilter or hits >= 2:
            return True
        if not (hits or earlier) or not any(t.lower_ in self.coref_words for t in sent):
            return False
        return any(t.lower_ in self.trigger_forms for t in sent)

    def arguments_for(
        self, text: str, spans: Sequence[tuple[int, int]]
    ) -> tuple[list[Argument | None], list[Span]]:
        """Parse one text and build the argument at each character span (for scoring the actor layer),
        with every alias in the text as context."""
        doc = self.nlp(text)
        hits = self.gazetteer.spans(doc)
        alias_at = {i: (h.start, h.end) for h in hits for i in range(h.start, h.end)}
        mentions = [Span(h.text, h.start_char, h.end_char) for h in hits]
        found = [argument_for_span(doc, s, e, alias_at, role_nouns=self.role_nouns) for s, e in spans]
        return found, mentions

    def parse(self, articles: Sequence[Article]) -> list[ArticleParse]:
        """Run the whole stage over a batch of articles (the full parse is batched across them)."""
        split_and_mentions = [self.split(a) for a in articles]
        split = [sents for sents, _ in split_and_mentions]
        todo = [(ai, s) for ai, sents in enumerate(split) for s, keep in sents if keep]
        found: list[list[Candidate]] = [[] for _ in articles]
        docs = self.nlp.pipe((s.text for _, s in todo), batch_size=self.batch_size)
        for (ai, sentence), doc in zip(todo, docs, strict=True):
            spans = [(sp.start, sp.end) for sp in self.gazetteer.spans(doc)]
            found[ai].extend(
                extract_candidates(
                    doc,
                    article_id=sentence.article_id,
                    sentence_index=sentence.index,
                    offset=sentence.start,
                    alias_spans=spans,
                    trigger_lemmas=self.trigger_lemmas,
                    noun_lemmas=self.noun_lemmas,
                    published=articles[ai].published,
                    role_nouns=self.role_nouns,
                )
            )
        counts = [sum(1 for _, keep in sents if keep) for sents in split]
        return [
            ArticleParse(a, tuple(s for s, _ in sents), tuple(found[i]), counts[i], tuple(mentions))
            for i, (a, (sents, mentions)) in enumerate(zip(articles, split_and_mentions, strict=True))
        ]
