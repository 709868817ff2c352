"""A deterministic synthetic news corpus for throughput benchmarks.

`synthetic_articles(n, seed=...)` returns `Article` records holding exactly `n` sentences in
total, grouped into articles of 15-30 sentences. Roughly 60% of sentences are filler with no
actor and no event (weather, markets without states, sports, quotes, local news), about 8% name
one state without an event verb (background), and the rest are inter-state event sentences built
from templates: real state names, adjectives and capitals from the bundled actor dictionary,
leaders from the bundled people list or "the <adjective> president", event verbs (summoned,
expelled, arrested, met, signed, criticised, apologised to, raided, released, threatened, ...),
role nouns (foreign ministry, police, parliament, state news agency, nationals) and dates.

The sentences avoid abbreviations and inner full stops so spaCy's sentencizer splits them where
the generator does. Nothing here is real news; the templates are written for this benchmark.

Run it directly to print a sample: `python benchmarks/synthetic.py 40`.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import dyadwatch.actors
from dyadwatch.types import Article, content_id

DATA = Path(dyadwatch.actors.__file__).parent / "data"

COUNTRIES: tuple[str, ...] = (
    "AZE", "RUS", "TUR", "ARM", "GEO", "IRN", "KAZ", "UZB", "TKM", "KGZ",
    "TJK", "UKR", "BLR", "POL", "DEU", "FRA", "GBR", "ITA", "ESP", "NLD",
    "BEL", "SWE", "NOR", "FIN", "AUT", "CHE", "HUN", "ROU", "BGR", "SRB",
    "GRC", "CZE", "LTU", "LVA", "EST", "MDA", "USA", "CAN", "MEX", "BRA",
    "ARG", "COL", "VEN", "CUB", "CHN", "JPN", "KOR", "IND", "PAK", "AFG",
    "IRQ", "SYR", "ISR", "EGY", "SAU", "QAT", "LBN", "NGA", "ETH", "KEN",
)
"""The 60 states the generator draws from (ISO 3166-1 alpha-3)."""

FILLER_SHARE = 0.60
BACKGROUND_SHARE = 0.08
"""Sentence mix: filler (no actor, no event), background (one state, no event), the rest events."""

MIN_ARTICLE, MAX_ARTICLE = 15, 30
"""Sentences per article."""


@dataclass(frozen=True)
class State:
    code: str
    name: str
    adjective: str
    capital: str
    leaders: tuple[str, ...]
    """Named leaders (current heads of state/government and foreign ministers from people/*.tsv) or
    generic role phrases built on the adjective."""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_states() -> list[State]:
    """Name, adjective, current capital and leaders of each state in `COUNTRIES`."""
    by_code: dict[str, dict[str, list[dict[str, str]]]] = {}
    for row in _rows(DATA / "actors.tsv"):
        by_code.setdefault(row["code"], {}).setdefault(row["kind"], []).append(row)
    people: dict[str, list[str]] = {}
    senior = ("head_of_state", "head_of_government", "foreign_minister")
    for row in (r for path in sorted((DATA / "people").glob("*.tsv")) for r in _rows(path)):
        full = row["name"]
        current = not row["valid_to"] and row.get("role") in senior
        if current and " " in full and full == row["alias"] and full not in people.get(row["code"], []):
            people.setdefault(row["code"], []).append(full)
    states = []
    for code in COUNTRIES:
        kinds = by_code[code]
        names = kinds["name"]
        canonical = names[0]["name"]
        name = next((r["alias"] for r in names if r["alias"] == canonical), names[0]["alias"])
        adjective = kinds["adjective"][0]["alias"]
        capital = next(r["alias"] for r in kinds["capital"] if not r["valid_to"])
        generic = (f"the {adjective} head of state", f"the {adjective} leader", f"the {adjective} foreign minister")
        named = tuple(people.get(code, ()))
        states.append(State(code, name, adjective, capital, named + generic))
    return states


# --- slot fillers -------------------------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "a dozen")


def _when(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.35:
        return f"on {rng.choice(WEEKDAYS)}"
    if kind < 0.6:
        return f"on {rng.randint(1, 28)} {rng.choice(MONTHS)}"
    if kind < 0.75:
        return rng.choice(("earlier this week", "last week", "late on Friday", "on Tuesday evening"))
    return ""


GRIEVANCES = ("the detention of its citizens", "remarks made by a senior official", "the closure of a cultural centre",
              "the treatment of migrant workers", "a series of hostile broadcasts", "the harassment of its diplomats",
              "the deaths of two men in police custody", "the violation of its airspace")
CRIMES = ("drug trafficking", "cybercrime", "espionage", "smuggling", "fraud", "money laundering")
TOPICS = ("energy transit", "border demarcation", "trade", "grain exports", "visa rules", "transport corridors",
          "a prisoner exchange", "water sharing", "nuclear safety", "fishing rights")
INCIDENTS = ("the downing of a passenger jet", "the tragic incident in its airspace", "the shelling of a convoy",
             "the mistreatment of a detained journalist", "the deaths of the two brothers")
COMMODITIES = ("gas", "oil", "electricity", "grain", "fertiliser")
TARGETS = ("energy infrastructure", "a fuel depot", "a railway junction", "a military airfield", "a power station")
SEAS = ("the Caspian Sea", "the Black Sea", "the Red Sea", "international waters")
ACCUSATIONS = ("interfering in its internal affairs", "spreading disinformation", "violating the ceasefire",
               "harbouring fugitives", "sabotaging the talks")
PROCESSES = ("the peace talks", "the grain deal", "the prisoner swap", "the evacuation of civilians",
             "the ceasefire negotiations")
DISASTERS = ("the earthquake", "severe flooding", "the wildfires", "the landslide")


def _n(rng: random.Random) -> str:
    return rng.choice(NUMBER_WORDS)


# --- templates ----------------------------------------------------------------------------------
# Slots: {A}/{B} state names, {Aadj}/{Badj} adjectives, {Acap}/{Bcap} capitals, {Alead}/{Blead}
# leaders, {C} a third state, {when} a date phrase (may be empty), {n} a number word, and the
# topic slots filled from the lists above.

EVENT_TEMPLATES: tuple[str, ...] = (
    "The {Aadj} foreign ministry summoned the {Badj} ambassador {when} to protest against {grievance}.",
    "{A} expelled {n} {Badj} diplomats {when}, accusing them of activities incompatible with their status.",
    "Police in {Acap} arrested {n} {Badj} nationals {when} on suspicion of {crime}.",
    "{Alead} met {Blead} in {venue} {when} to discuss {topic}.",
    "{A} and {B} signed an agreement on {topic} in {venue} {when}.",
    "The {Aadj} parliament criticised {B} over {grievance} in a resolution adopted {when}.",
    "{Alead} apologised to {Blead} for {incident} during a telephone call {when}.",
    "{Aadj} security officers raided the {Acap} office of the {Badj} state news agency {when}.",
    "{A} released {n} {Badj} citizens who had been held since {month}.",
    "{A} threatened to cut {commodity} supplies to {B} if the dispute was not settled by the end of {month}.",
    "{Alead} sharply criticised {B} for what officials in {Acap} called {grievance}.",
    "{n_cap} {Badj} diplomats were expelled by {A} {when} after a spying scandal.",
    "{A} recalled its ambassador from {Bcap} for consultations {when}.",
    "{Aadj} officials denied that they had detained any {Badj} journalists.",
    "{A} did not sign the joint statement drafted by {B}.",
    "The {Aadj} interior ministry said {n} {Badj} nationals had been deported {when}.",
    "{Alead} welcomed a {Badj} delegation in {Acap} {when}.",
    "{A} accused {B} of {accusation}.",
    "{A} condemned the {Badj} strikes on {target} {when}.",
    "{Aadj} border guards seized a {Badj} cargo ship in {sea} {when}.",
    "{Alead} praised {B} for its role in {process}.",
    "The {Aadj} defence ministry said {Badj} drones had attacked {target} overnight.",
    "{A} imposed sanctions on {n} {Badj} officials {when}.",
    "{Alead} will visit {Bcap} next month, the {Aadj} foreign ministry said.",
    "{A} and {B} agreed to resume talks on {topic} after their foreign ministers met in {venue}.",
    "{Aadj} police detained a {Badj} journalist and confiscated his equipment {when}.",
    "{A} urged {B} to release the detained sailors without delay.",
    "Protesters gathered outside the {Badj} embassy in {Acap} {when}, chanting slogans against {Blead}.",
    "{A} sent humanitarian aid to {B} after {disaster}.",
    "{A} hosted talks between {B} and {C} {when}.",
    "The {Aadj} state news agency reported that {Alead} had phoned {Blead} to discuss {topic}.",
    "{Aadj} prosecutors charged {n} {Badj} nationals with {crime} {when}.",
    "{A} cancelled a planned visit by {Blead}, citing {grievance}.",
    "{Alead} warned {B} that it would retaliate against any further provocation.",
    "{A} closed its airspace to {Badj} aircraft {when}.",
    "{A} reopened its embassy in {Bcap} after a break of several years.",
)

BACKGROUND_TEMPLATES: tuple[str, ...] = (
    "{A}'s economy grew {pct} percent in the {quarter} quarter, official data showed.",
    "The {Aadj} currency weakened to a record low against the dollar in {month}.",
    "Inflation in {A} eased to {pct} percent in {month}.",
    "Property prices in {Acap} have doubled over the past decade.",
    "The {Aadj} team reached the semi-finals of the tournament for the first time.",
    "Elections in {A} are due in {month} next year.",
    "Tourism to {Acap} has recovered to levels last seen a decade ago.",
)

FILLER_TEMPLATES: tuple[str, ...] = (
    "Heavy rain is expected across the region on {weekday}, forecasters said.",
    "Temperatures climbed to {temp} degrees, the highest reading this month.",
    "Strong winds brought down power lines in several villages overnight.",
    "Snow closed two mountain passes for most of the day.",
    "Forecasters expect a dry and sunny weekend after a week of storms.",
    "Shares in the largest retailer rose {pct} percent in early trading.",
    "Fuel prices at the pump have risen for the third week in a row.",
    "Analysts expect interest rates to stay on hold until the autumn.",
    "The company said quarterly revenue fell to {big} million dollars.",
    "Wheat futures slipped as traders weighed a larger than expected harvest.",
    "Unemployment was little changed at {pct} percent, the statistics office said.",
    "The home side won {s1}-{s2} after a late penalty.",
    "The striker scored twice in the second half to seal the victory.",
    "The club signed a {age}-year-old midfielder on a three-year contract.",
    "Tickets for the final sold out within an hour.",
    "The marathon drew more than {small} thousand runners despite the heat.",
    "\"We are doing everything we can,\" a spokeswoman told reporters.",
    "\"It has been a difficult year for everyone,\" the mayor said.",
    "\"Nobody expected this,\" said one resident who asked not to be named.",
    "\"We will keep working until the job is done,\" the coach said after the match.",
    "The museum will reopen to visitors after a two-year renovation.",
    "Traffic was heavy on the main highway into the city on {weekday} evening.",
    "The festival runs until the end of the month.",
    "Organisers said the concert had raised money for a local hospital.",
    "Local residents said the new bridge had cut their commute by half.",
    "The report runs to more than {big} pages.",
    "Officials said the investigation was continuing.",
    "More details are expected later in the day.",
    "The airline said flights would resume once the runway had been repaired.",
    "Hospital staff treated {small} people for minor injuries.",
    "The bakery on the corner has been run by the same family for four generations.",
    "Commuters faced delays after a signal failure on the morning train.",
    "The university announced a new scholarship for engineering students.",
    "Water supplies were restored to most homes by the evening.",
    "The exhibition features more than {big} photographs from private collections.",
    "Farmers said the late frost had damaged much of the apricot crop.",
    "The cinema chain reported its busiest weekend since the start of the year.",
    "Critics praised the new novel for its spare and careful prose.",
)

QUARTERS = ("first", "second", "third", "fourth")


class _Slots(dict):
    """Template slots, filled lazily so each sentence draws only what it uses."""

    def __init__(self, rng: random.Random, a: State, b: State, c: State, venue: str) -> None:
        super().__init__()
        self.rng, self.a, self.b, self.c, self.venue = rng, a, b, c, venue

    def __missing__(self, key: str) -> str:
        rng, a, b = self.rng, self.a, self.b
        value = {
            "A": lambda: a.name, "B": lambda: b.name, "C": lambda: self.c.name,
            "Aadj": lambda: a.adjective, "Badj": lambda: b.adjective,
            "Acap": lambda: a.capital, "Bcap": lambda: b.capital,
            "Alead": lambda: rng.choice(a.leaders), "Blead": lambda: rng.choice(b.leaders),
            "venue": lambda: self.venue, "when": lambda: _when(rng), "n": lambda: _n(rng),
            "n_cap": lambda: _n(rng).capitalize(), "month": lambda: rng.choice(MONTHS),
            "weekday": lambda: rng.choice(WEEKDAYS), "grievance": lambda: rng.choice(GRIEVANCES),
            "crime": lambda: rng.choice(CRIMES), "topic": lambda: rng.choice(TOPICS),
            "incident": lambda: rng.choice(INCIDENTS), "commodity": lambda: rng.choice(COMMODITIES),
            "target": lambda: rng.choice(TARGETS), "sea": lambda: rng.choice(SEAS),
            "accusation": lambda: rng.choice(ACCUSATIONS), "process": lambda: rng.choice(PROCESSES),
            "disaster": lambda: rng.choice(DISASTERS), "quarter": lambda: rng.choice(QUARTERS),
            "pct": lambda: f"{rng.randint(1, 9)}.{rng.randint(0, 9)}", "temp": lambda: str(rng.randint(18, 41)),
            "big": lambda: str(rng.randint(120, 980)), "small": lambda: str(rng.randint(2, 40)),
            "s1": lambda: str(rng.randint(2, 4)), "s2": lambda: str(rng.randint(0, 1)),
            "age": lambda: str(rng.randint(19, 24)),
        }[key]()
        self[key] = value
        return value


_AN = re.compile(r"\ba (?=[AEIOU](?!krain))")
"""'a' before a vowel-initial adjective ("an Austrian"), but "a Ukrainian"."""


def _sentence(template: str, slots: _Slots) -> str:
    text = " ".join(template.format_map(slots).split())  # an empty {when} leaves a double space
    text = _AN.sub("an ", text.replace(" ,", ",").replace(" .", "."))
    return text[0].upper() + text[1:]


def _article_sizes(n_sentences: int, rng: random.Random) -> list[int]:
    sizes: list[int] = []
    remaining = n_sentences
    while remaining > MAX_ARTICLE:
        size = rng.randint(MIN_ARTICLE, min(MAX_ARTICLE, remaining - MIN_ARTICLE))
        sizes.append(size)
        remaining -= size
    if remaining:
        sizes.append(remaining)
    return sizes


def _article(size: int, rng: random.Random, states: list[State], start: date) -> Article:
    a, b = rng.sample(states, 2)
    sentences: list[str] = []
    for i in range(size):
        roll = rng.random()
        if i == 0 or roll >= FILLER_SHARE + BACKGROUND_SHARE:
            # events mostly concern the article's dyad, in either direction, sometimes a third state
            pair = (a, b) if rng.random() < 0.5 else (b, a)
            if rng.random() < 0.25:
                pair = (pair[0], rng.choice([s for s in states if s not in pair]))
            others = [s for s in states if s not in pair]
            venue = rng.choice((pair[0].capital, pair[1].capital, rng.choice(others).capital))
            slots = _Slots(rng, pair[0], pair[1], rng.choice(others), venue)
            sentences.append(_sentence(rng.choice(EVENT_TEMPLATES), slots))
        elif roll < FILLER_SHARE:
            sentences.append(_sentence(rng.choice(FILLER_TEMPLATES), _Slots(rng, a, b, a, a.capital)))
        else:
            subject = rng.choice((a, b))
            sentences.append(_sentence(rng.choice(BACKGROUND_TEMPLATES), _Slots(rng, subject, b, a, a.capital)))
    paragraphs: list[str] = []
    i = 0
    while i < len(sentences):
        step = rng.randint(1, 4)
        paragraphs.append(" ".join(sentences[i : i + step]))
        i += step
    text = "\n\n".join(paragraphs)
    published = start + timedelta(days=rng.randint(0, 729))
    return Article(
        id=content_id(text, prefix="a"),
        text=text,
        title=f"{a.name} and {b.name}: {rng.choice(TOPICS)}",
        published=published,
        outlet="Synthetic Wire",
        source="synthetic",
    )


def synthetic_articles(n_sentences: int, *, seed: int = 0) -> list[Article]:
    """Articles holding exactly `n_sentences` sentences in all (15-30 each), same output for a seed."""
    if n_sentences < 1:
        return []
    rng = random.Random(seed)
    states = load_states()
    start = date(2024, 1, 1)
    return [_article(size, rng, states, start) for size in _article_sizes(n_sentences, rng)]


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    for article in synthetic_articles(count):
        print(f"# {article.title} ({article.published})\n{article.text}\n")
