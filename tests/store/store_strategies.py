"""Hypothesis strategies for valid store records (unicode text, None fields, IGO actors)."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from dyadwatch.types import (
    MODALITIES,
    Actor,
    Article,
    CodedArticle,
    Discarded,
    Event,
    Mention,
    Sentence,
    Trigger,
    content_id,
)

KEYS = ("AZE", "RUS", "ARM", "TUR")
IGOS = ("IGOUNO", "IGOEU")

texts = st.text(min_size=0, max_size=40)
"""Any unicode (no surrogates), including NUL, emoji, RTL scripts and combining marks."""
optional_texts = st.none() | texts
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
optional_dates = st.none() | dates

states = st.builds(
    Actor,
    country=st.sampled_from(KEYS),
    sector=st.none() | st.sampled_from(("GOV", "MIL", "COP", "BUS")),
    igo=st.none(),
    name=texts,
    how=st.sampled_from(("country-name", "demonym", "capital", "")),
)
igos = st.builds(
    Actor, country=st.none(), sector=st.none(), igo=st.sampled_from(IGOS), name=texts, how=st.just("igo")
)
actors = states | igos


@st.composite
def spans(draw: st.DrawFn, text: str) -> tuple[int, int]:
    """A (start, end) span inside `text`."""
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return start, end


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """An article whose id is the content hash of its text."""
    text = draw(st.text(min_size=1, max_size=120))
    return Article(
        id=content_id(text, prefix="a"),
        text=text,
        title=draw(texts),
        url=draw(st.none() | texts.map(lambda t: "https://example.org/" + t)),
        published=draw(optional_dates),
        outlet=draw(optional_texts),
        author=draw(optional_texts),
        source=draw(texts),
        language=draw(st.sampled_from(("en", "de", "ru"))),
    )


def split_sentences(article: Article, cuts: list[int]) -> tuple[Sentence, ...]:
    """Sentences covering the article text, cut at the given offsets."""
    bounds = sorted({0, len(article.text), *(c for c in cuts if 0 < c < len(article.text))})
    return tuple(
        Sentence(article.id, i, a, b, article.text[a:b])
        for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))
    )


@st.composite
def events_for(draw: st.DrawFn, article: Article, sentence: Sentence) -> Event:
    """One event inside `sentence`."""
    text = article.text
    (s0, s1), (t0, t1), (g0, g1) = draw(spans(text)), draw(spans(text)), draw(spans(text))
    cameo = draw(st.sampled_from(("010", "036", "114", "0841", "173", "190")))
    return Event(
        id=content_id(article.id, str(sentence.index), f"{s0}:{s1}", f"{t0}:{t1}", f"{g0}:{g1}", cameo),
        article_id=article.id,
        sentence_index=sentence.index,
        source=Mention(text[s0:s1], s0, s1, draw(actors)),
        target=Mention(text[t0:t1], t0, t1, draw(actors)),
        trigger=Trigger(text[g0:g1], g0, g1),
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=draw(st.sampled_from(("CONSULT", "AGREE", "ACCUSE", "ASSAULT"))),
        goldstein=draw(st.floats(-10, 10, allow_nan=False)),
        quad=draw(st.integers(1, 4)),
        modality=draw(st.sampled_from(MODALITIES)),
        date=draw(st.one_of(st.just(article.published), optional_dates)),
        versions=draw(st.sampled_from(("", "ontology=1;actors=1"))),
        plover_mode=draw(st.sampled_from(("", "release", "expel"))),
        plover_context=draw(st.sampled_from(("", "diplomatic"))),
        date_precision=draw(st.sampled_from(("", "day", "month", "decade"))),
        date_text=draw(st.sampled_from(("", "last week", "in the early 2000s"))),
        historical=draw(st.booleans()),
        reported_by=draw(st.none() | st.builds(lambda a: Mention(text[g0:g1], g0, g1, a), actors)),
    )


@st.composite
def coded_articles(draw: st.DrawFn, max_events: int = 4) -> CodedArticle:
    """An article with sentences covering its text and a few events."""
    article = draw(articles())
    sentences = split_sentences(article, draw(st.lists(st.integers(0, len(article.text)), max_size=4)))
    events = draw(
        st.lists(st.sampled_from(sentences).flatmap(lambda s: events_for(article, s)), max_size=max_events)
    )
    return CodedArticle(article, sentences, tuple(events), parsed_sentences=len(sentences))


batches = st.lists(coded_articles(), max_size=6)
discards = st.builds(
    Discarded,
    stage=st.sampled_from(("ingest", "fetch", "nlp")),
    item_id=st.sampled_from(("a", "b", "x/y.html", "ü")) | texts,
    reason=st.sampled_from(("empty text", "not English (detected: de)")) | texts,
    source=texts,
)
