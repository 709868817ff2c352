"""Core records. Every record is frozen; every span keeps character offsets into `Article.text`.

Data flows one way: Article -> Sentence -> Mention -> Event -> store -> analyses -> report.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

MODALITIES: tuple[str, ...] = ("asserted", "negated", "denied", "alleged", "hypothetical", "future")
"""Every event carries one of these; analyses count only `asserted` unless asked otherwise."""


def content_id(*parts: str, prefix: str = "") -> str:
    """Stable id: a short SHA-256 over the parts (so re-ingesting never duplicates rows)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return f"{prefix}{digest}"


@dataclass(frozen=True)
class Article:
    """One news article, after extraction from HTML/feed/text."""

    id: str
    """Content hash of the normalised body text (`content_id(text, prefix="a")`)."""
    text: str
    """Body text; every offset in sentences, mentions and events points into this string."""
    title: str = ""
    """Headline, if known."""
    url: str | None = None
    """Canonical or source URL, if known."""
    published: date | None = None
    """Publication date, if known (event dates default to it)."""
    outlet: str | None = None
    """Publisher or site name (e.g. "Caspian Ledger")."""
    author: str | None = None
    """Byline, if known."""
    source: str = ""
    """Where it came from: file path, feed URL or URL (for provenance and error messages)."""
    language: str = "en"
    """ISO 639-1 language code detected for the body."""


@dataclass(frozen=True)
class Discarded:
    """An item a stage could not use: counted, stored and summarised, never raised."""

    stage: str
    """Stage that gave up: "ingest", "fetch", "nlp", ..."""
    item_id: str
    """The item's id or, before it has one, its path/URL/line reference."""
    reason: str
    """One line saying why (e.g. "not English (detected: de)", "empty text")."""
    source: str = ""
    """Path, URL or feed the item came from."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article."""

    article_id: str
    """Id of the article it belongs to."""
    index: int
    """0-based position in the article."""
    start: int
    """Character offset of its first character in `Article.text`."""
    end: int
    """Character offset one past its last character in `Article.text`."""
    text: str
    """`Article.text[start:end]`."""


@dataclass(frozen=True)
class Actor:
    """Who an actor is: a state or IGO, optionally narrowed to a sector."""

    country: str | None
    """ISO 3166-1 alpha-3 code of the state (None for an IGO)."""
    sector: str | None = None
    """CAMEO/ICEWS sector code: GOV, MIL, COP, SPY, JUD, LEG, MED, BUS, CVL, ... (None if unknown)."""
    igo: str | None = None
    """Code of an actor that belongs to no state: an IGO ("IGOUNO", "IGOEU") or, as in CAMEO, an
    international militarized group ("IMG"); None for states and their sectors."""
    name: str = ""
    """Canonical name of the entity matched ("Russia", "United Nations")."""
    how: str = ""
    """How it was resolved: "country-name", "demonym", "capital", "seat", "institution", "igo",
    "sector-noun", ... so an analyst can see why a mention got its code."""

    @property
    def code(self) -> str:
        """Country or IGO code followed by the sector, e.g. "RUSGOV", "AZE", "IGOUNO"."""
        return (self.igo or self.country or "") + (self.sector or "")

    @property
    def key(self) -> str:
        """Code used for dyads: the ISO3 for states, the IGO code for organisations."""
        return self.igo or self.country or ""


@dataclass(frozen=True)
class Mention:
    """A span of text that names an actor."""

    text: str
    """`Article.text[start:end]`."""
    start: int
    """Character offset into `Article.text`."""
    end: int
    """Character offset one past the end."""
    actor: Actor
    """Resolved actor."""


@dataclass(frozen=True)
class Trigger:
    """The word or phrase that signals the event."""

    text: str
    """`Article.text[start:end]`."""
    start: int
    """Character offset into `Article.text`."""
    end: int
    """Character offset one past the end."""


@dataclass(frozen=True)
class Event:
    """One coded event: who did what to whom, how surely, traceable to its sentence."""

    id: str
    """Content hash of (article id, sentence index, source span, target span, trigger span, cameo)."""
    article_id: str
    """Article the event was read from."""
    sentence_index: int
    """Index of the sentence in the article."""
    source: Mention
    """Who acted."""
    target: Mention
    """Who was acted upon."""
    trigger: Trigger
    """The verb or noun that carries the event."""
    cameo: str
    """Full CAMEO code ("114", "0841", "173")."""
    cameo_root: str
    """Two-digit CAMEO root ("11")."""
    plover: str
    """PLOVER event type (current names: AGREE ... ASSAULT)."""
    goldstein: float
    """Goldstein weight of the CAMEO code (-10 .. +10)."""
    quad: int
    """Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    modality: str = "asserted"
    """One of `MODALITIES`."""
    date: date | None = None
    """Event date (the article's publication date unless the text says otherwise)."""
    versions: str = ""
    """Versions of the ontology and actor data that coded it, e.g. "ontology=1;actors=1"."""
    plover_mode: str = ""
    """PLOVER mode of the CAMEO code ("release", "expel"), from the published mapping ("" if none)."""
    plover_context: str = ""
    """PLOVER context of the CAMEO code ("diplomatic", "economic", ...) ("" if none)."""
    date_precision: str = ""
    """Precision of `date`: day, week, month, season, year or decade ("" when there is no date)."""
    date_text: str = ""
    """The expression the date was read from ("last week"); "" when it is the publication date."""
    historical: bool = False
    """True when the event happened more than a month before the article was published."""
    reported_by: Mention | None = None
    """Who reports or claims it ("Zakharova said ...", "according to TASS"), if the text says."""

    @property
    def dyad(self) -> tuple[str, str]:
        """(source key, target key), e.g. ("AZE", "RUS")."""
        return (self.source.actor.key, self.target.actor.key)


@dataclass(frozen=True)
class Incident:
    """One real-world event: every stored mention that reports it, from one or many articles.

    Analyses count incidents, not mentions, so a story reported by seven outlets counts once (with
    seven mentions) and a wire story reprinted a hundred times does not look like a war.
    """

    id: str
    """Content hash of the sorted member event ids (`content_id(*ids, prefix="i")`)."""
    event: Event
    """The representative mention: the earliest of the most precisely dated reports (a "late June"
    background mention does not represent a raid that another outlet dates to the day)."""
    mentions: tuple[str, ...]
    """Ids of every member event, sorted; the representative's id is among them."""
    articles: tuple[str, ...]
    """Distinct article ids the mentions were read from, sorted."""
    outlets: tuple[str, ...]
    """Distinct outlets that reported it (the article id where the outlet is unknown), sorted."""

    @property
    def n_mentions(self) -> int:
        """How many mentions report it."""
        return len(self.mentions)

    @property
    def date(self) -> date | None:
        """Date of the representative mention."""
        return self.event.date

    @property
    def dyad(self) -> tuple[str, str]:
        """(source key, target key) of the representative mention."""
        return self.event.dyad


@dataclass(frozen=True)
class CodedArticle:
    """The result of running the NLP and coding stages over one article."""

    article: Article
    """The article."""
    sentences: tuple[Sentence, ...] = ()
    """All its sentences (also those that held no event)."""
    events: tuple[Event, ...] = ()
    """Coded events, in text order."""
    parsed_sentences: int = 0
    """How many sentences passed the prefilter and were fully parsed."""


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest run did."""

    stored: int = 0
    """New articles written to the store."""
    duplicates: int = 0
    """Articles already in the store (same content hash) or repeated within the run."""
    events: int = 0
    """Events written for the new articles."""
    sentences: int = 0
    """Sentences in the new articles."""
    discarded: tuple[Discarded, ...] = field(default_factory=tuple)
    """Items dropped, with reasons."""


@dataclass(frozen=True)
class Span:
    """A plain character span into `Article.text` (no spaCy objects leave `nlp/`)."""

    text: str
    """`Article.text[start:end]`."""
    start: int
    """Character offset into `Article.text`."""
    end: int
    """Character offset one past the end."""


@dataclass(frozen=True)
class AliasHit:
    """A dictionary alias found inside an argument phrase."""

    span: Span
    """Where the alias is."""
    is_head: bool
    """True when the alias heads the whole argument ("Baku protested", "the Kremlin")."""
    owns_phrase: bool
    """True when the alias heads its own noun phrase inside the argument ("the office of Sputnik")
    rather than modifying a noun ("Sputnik journalists", "Baku residents")."""
    sector_phrases: tuple[str, ...] = ()
    """Lower-cased role-noun phrases of the noun the alias belongs to, longest first
    ("foreign ministry", "ministry" for "Azerbaijan's foreign ministry")."""
    titles: tuple[str, ...] = ()
    """Lower-cased words before an alias that heads its phrase, longest first ("foreign minister",
    "minister" for "Foreign Minister Jeyhun Bayramov"): titles of people, role nouns of bodies."""
    possessive: bool = False
    """True for a possessive ("Baku's expulsion of ..."): an actor even when it is a capital."""


@dataclass(frozen=True)
class Argument:
    """A noun phrase filling a grammatical role of an event verb, before actor resolution."""

    phrase: Span
    """The whole noun phrase (head plus its modifiers)."""
    head: Span
    """The head noun of the phrase."""
    head_lemma: str
    """Lower-cased lemma of the head ("ministry", "baku", "he")."""
    determiner: str = ""
    """Lower-cased determiner or number before the head ("the", "both", "two"), for coreference."""
    aliases: tuple[AliasHit, ...] = ()
    """Dictionary alias matches inside the phrase, nearest to the head first."""


@dataclass(frozen=True)
class Candidate:
    """A possible event: a trigger verb with its arguments, before coding. Produced by `nlp/`."""

    article_id: str
    """Article the sentence belongs to."""
    sentence_index: int
    """Index of the sentence in the article."""
    trigger: Trigger
    """The verb (with its particle, if any)."""
    lemma: str
    """Lower-cased verb lemma ("summon")."""
    particle: str | None
    """Phrasal particle ("down" in "shot down"), if any."""
    object_lemma: str | None
    """Lemma of the direct object's head ("ambassador"), if any; lets the lexicon pick a sub-code."""
    subjects: tuple[Argument, ...]
    """Logical subjects (the agent of a passive; coordinated subjects expanded)."""
    objects: tuple[Argument, ...]
    """Direct objects (the subject of a passive; coordinated objects expanded)."""
    prep_objects: tuple[tuple[str, Argument], ...] = ()
    """(preposition, argument) pairs attached to the verb or its object: ("to", Moscow), ("with", Lavrov)."""
    complement_objects: tuple[Argument, ...] = ()
    """Objects inside the clause the verb governs ("agreed to free [Gondorians]"): targets of
    intent, appeal, demand and threat verbs, which name their target there."""
    modality: str = "asserted"
    """Modality read from the grammar around the verb (one of `MODALITIES`)."""
    reporter: Argument | None = None
    """Who reports or claims it: the speaker of the governing clause, or an "according to" source."""
    kind: str = "verb"
    """"verb" for verbal triggers, "noun" for nominal ones ("the arrest of ...")."""
    modifiers: tuple[str, ...] = ()
    """Lemmas of the trigger's compound/adjective modifiers ("air" in "air strike"), for noun patterns."""
    event_date: date | None = None
    """Date the text gives for this event (None = none given; the publication date applies)."""
    date_precision: str = ""
    """Precision of `event_date` (day, week, month, season, year, decade)."""
    date_text: str = ""
    """The temporal expression `event_date` was read from."""
