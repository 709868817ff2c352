"""Hand-built coded articles for the web tests: real character offsets, hostile text included."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dyadwatch.ontology import load_ontology
from dyadwatch.types import Actor, Article, CodedArticle, Event, Mention, Sentence, Trigger, content_id

HEADLINE = -1
"""Sentence index of a headline (offsets into the title), as in dyadwatch.nlp."""

SCRIPT = "<script>alert(1)</script>"
"""Script an article smuggles into its body."""
IMG = "<img src=x onerror=alert(1)>"
"""Image with an onerror handler an article smuggles into its title."""


@dataclass(frozen=True)
class Spec:
    """One event to code in a sentence: the texts must occur in it (first occurrence is used)."""

    sentence: int
    source: tuple[str, Actor]
    target: tuple[str, Actor]
    trigger: str
    cameo: str
    modality: str = "asserted"
    day: date | None = None


def state(code: str, sector: str | None = None, name: str = "") -> Actor:
    """A state actor."""
    return Actor(code, sector, name=name or code)


def _span(text: str, needle: str, start: int) -> tuple[int, int]:
    at = text.index(needle, start)
    return at, at + len(needle)


def coded_article(
    aid: str,
    sentences: Sequence[str],
    *,
    day: date,
    title: str = "",
    url: str | None = None,
    outlet: str | None = None,
    events: Sequence[Spec] = (),
) -> CodedArticle:
    """A coded article whose body is `sentences` joined by spaces; headline events index the title."""
    text = " ".join(sentences)
    records, at = [], 0
    for index, sentence in enumerate(sentences):
        records.append(Sentence(aid, index, at, at + len(sentence), sentence))
        at += len(sentence) + 1
    if title:
        records.insert(0, Sentence(aid, HEADLINE, 0, len(title), title))
    by_index = {s.index: s for s in records}
    coded = [_event(aid, title if spec.sentence == HEADLINE else text, by_index[spec.sentence], spec, day)
             for spec in events]
    article = Article(id=aid, text=text, title=title, url=url, published=day, outlet=outlet)
    return CodedArticle(article, tuple(records), tuple(coded))


def _event(aid: str, text: str, sentence: Sentence, spec: Spec, day: date) -> Event:
    code = load_ontology().codes[spec.cameo]
    spans = [_span(text, needle, sentence.start) for needle in (spec.source[0], spec.target[0], spec.trigger)]
    (s0, s1), (t0, t1), (g0, g1) = spans
    ident = content_id(aid, str(sentence.index), *(f"{a}:{b}" for a, b in spans), spec.cameo, prefix="e")
    return Event(
        ident, aid, sentence.index,
        Mention(text[s0:s1], s0, s1, spec.source[1]), Mention(text[t0:t1], t0, t1, spec.target[1]),
        Trigger(text[g0:g1], g0, g1), spec.cameo, code.root, code.plover, code.goldstein, code.quad,
        modality=spec.modality, date=spec.day or day, date_precision="day",
    )


AZE, RUS, ARM = state("AZE", name="Azerbaijan"), state("RUS", name="Russia"), state("ARM", name="Armenia")
AZE_COP = state("AZE", "COP", "Azerbaijan")
RUS_MED = state("RUS", "MED", "Sputnik")


def corpus() -> list[CodedArticle]:
    """Five articles: a raid reported by two outlets, a hostile article, an earlier thaw, a third dyad."""
    raid = Spec(0, ("Azerbaijani police", AZE_COP), ("Sputnik office", RUS_MED), "raided", "1711")
    return [
        coded_article(
            "a-raid-1", ["Azerbaijani police raided the Sputnik office in Baku on Monday.",
                         "Russia condemned the raid."],
            day=date(2025, 6, 30), title="Police raid Sputnik office", outlet="Caspian Ledger",
            url="https://caspian.example/raid",
            events=[raid, Spec(1, ("Russia", RUS), ("raid", AZE), "condemned", "111")],
        ),
        coded_article(
            "a-raid-2", ["Reports say Azerbaijani police raided the Sputnik office in Baku."],
            day=date(2025, 6, 30), title="Raid in Baku", outlet="Volga Courier", events=[raid],
        ),
        coded_article(
            "a-evil", [f"Readers saw {SCRIPT} in the page.",
                       f"Russia accused Azerbaijan of spying {SCRIPT}, officials alleged.",
                       "Link: javascript:alert(1)"],
            day=date(2025, 7, 2), title=f"{IMG} Russia warns Azerbaijan", outlet="<i>Evil</i> Times",
            url="javascript:alert(1)",
            events=[Spec(1, ("Russia", RUS), ("Azerbaijan", AZE), "accused", "112", modality="alleged"),
                    Spec(HEADLINE, ("Russia", RUS), ("Azerbaijan", AZE), "warns", "130")],
        ),
        coded_article(
            "a-thaw", ["Russia and Azerbaijan signed a transit agreement.",
                       "Aliyev praised Putin for the deal."],
            day=date(2025, 1, 15), title="Transit deal", outlet="Caspian Ledger", url="http://caspian.example/deal",
            events=[Spec(0, ("Russia", RUS), ("Azerbaijan", AZE), "signed", "057"),
                    Spec(1, ("Aliyev", state("AZE", "GOV", "Ilham Aliyev")), ("Putin", state("RUS", "GOV")),
                         "praised", "051")],
        ),
        coded_article(
            "a-arm", ["Armenia met Azerbaijan in Almaty."],
            day=date(2025, 5, 5), title="Talks in Almaty", outlet="Steppe Observer",
            events=[Spec(0, ("Armenia", ARM), ("Azerbaijan", AZE), "met", "040")],
        ),
    ]
