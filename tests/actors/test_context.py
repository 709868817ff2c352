"""In-article resolution: surnames, titles, dates, coreference. Fictional states and people, a fixture
dictionary in tests/data/actors_fixture, hand-built arguments (no model)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dyadwatch.actors import ArticleResolver, load_actor_dictionary
from dyadwatch.actors.resolve import PRONOUN_COREFERENCE
from dyadwatch.types import AliasHit, Argument, Span

FIXTURE = str(Path(__file__).resolve().parents[1] / "data" / "actors_fixture")
DICT = load_actor_dictionary(None, FIXTURE)
ON = date(2015, 3, 1)


def span(text: str, at: int) -> Span:
    return Span(text, at, at + len(text))


def named(text: str, at: int, *, titles: tuple[str, ...] = (), phrase: str | None = None) -> Argument:
    """An argument whose head is the alias itself (optionally preceded by a title)."""
    whole = phrase or text
    start = at - (len(whole) - len(text))
    hit = AliasHit(span(text, at), is_head=True, owns_phrase=True, titles=titles)
    return Argument(phrase=span(whole, start), head=span(text.split()[-1], at + len(text) - len(text.split()[-1])),
                    head_lemma=text.split()[-1].lower(), aliases=(hit,))


def plain(text: str, at: int, *, head: str, determiner: str = "", lemma: str | None = None) -> Argument:
    """An argument with no alias: a pronoun or a definite noun phrase."""
    return Argument(phrase=span(text, at), head=span(head, at + text.index(head)),
                    head_lemma=lemma or head.lower(), determiner=determiner)


def resolver(*mentions: Span, on: date | None = ON) -> ArticleResolver:
    return ArticleResolver(DICT, on=on, mentions=list(mentions))


def codes(found) -> list[str]:
    return [m.actor.code for m in found]


def test_full_name_resolves_with_its_role_in_how():
    [m] = resolver(span("Faramir Hurin", 0)).resolve(named("Faramir Hurin", 0))
    assert m.actor.code == "GDRGOV" and "foreign_minister" in m.actor.how


def test_unique_surname_resolves_and_says_so():
    [m] = resolver().resolve(named("Elessar", 10))
    assert m.actor.code == "GDRGOV" and "unique surname" in m.actor.how


def test_shared_surname_needs_support():
    assert resolver().resolve(named("Hurin", 10)) == []


def test_shared_surname_resolved_by_the_full_name_earlier_in_the_article():
    found = resolver(span("Boromir Hurin", 0), span("Hurin", 80)).resolve(named("Hurin", 80))
    assert codes(found) == ["GDRMIL"] and "full name earlier" in found[0].actor.how


def test_full_name_later_in_the_article_does_not_count():
    assert resolver(span("Hurin", 0), span("Boromir Hurin", 80)).resolve(named("Hurin", 0)) == []


def test_shared_surname_resolved_by_a_fitting_title():
    found = resolver().resolve(named("Hurin", 20, titles=("foreign minister", "minister"),
                                     phrase="Foreign Minister Hurin"))
    assert codes(found) == ["GDRGOV"] and "title" in found[0].actor.how
    general = resolver().resolve(named("Hurin", 8, titles=("general",), phrase="General Hurin"))
    assert codes(general) == ["GDRMIL"]


def test_common_surname_is_not_trusted_alone_but_is_with_the_full_name():
    assert resolver().resolve(named("Kim", 5)) == []
    assert codes(resolver(span("Arvedui Kim", 0)).resolve(named("Kim", 40))) == ["ARNGOV"]


def test_the_same_person_by_date_opposition_then_government_then_nobody():
    arg = named("Aragorn Elessar", 0)
    assert codes(resolver(on=date(2005, 1, 1)).resolve(arg)) == ["GDROPP"]
    assert codes(resolver(on=date(2012, 1, 1)).resolve(arg)) == ["GDRGOV"]
    assert resolver(on=date(1999, 1, 1)).resolve(arg) == []


def test_person_before_taking_office_is_not_resolved_by_surname_either():
    assert resolver(on=date(2011, 1, 1)).resolve(named("Eadig", 0)) == []
    assert codes(resolver(on=date(2013, 1, 1)).resolve(named("Eadig", 0))) == ["ROHGOV"]


def test_he_is_the_person_named_last_before_the_pronoun():
    r = resolver(span("Faramir Hurin", 0), span("Eomer Eadig", 40), span("Arvedui Kim", 200))
    [m] = r.resolve(plain("He", 100, head="He"))
    assert m.actor.code == "ROHGOV" and m.actor.how == "coreference: He -> Eomer Eadig"
    assert resolver().resolve(plain("She", 5, head="She")) == []


def test_the_ministry_is_the_ministry_named_before():
    r = resolver(span("Arnor", 0))
    ministry = Argument(
        phrase=span("Arnor's foreign ministry", 0), head=span("ministry", 16), head_lemma="ministry",
        aliases=(AliasHit(span("Arnor", 0), is_head=False, owns_phrase=False,
                          sector_phrases=("foreign ministry", "ministry")),),
    )
    assert codes(r.resolve(ministry)) == ["ARNGOV"]
    [m] = r.resolve(plain("the ministry", 90, head="ministry", determiner="the"))
    assert m.actor.code == "ARNGOV" and m.actor.how == "coreference: the ministry"


def test_the_president_is_the_head_of_state_named_before():
    r = resolver(span("Eomer Eadig", 0), span("Faramir Hurin", 30))
    assert codes(r.resolve(plain("the president", 90, head="president", determiner="the"))) == ["ROHGOV"]


def test_the_two_countries_are_the_two_states_named_last():
    r = resolver(span("Rohan", 0), span("Arnor", 10), span("Gondorian", 20), span("Arnor", 30))
    found = r.resolve(plain("the two countries", 60, head="countries", determiner="the two", lemma="country"))
    assert sorted(codes(found)) == ["ARNGOV", "GDRGOV"]
    both = plain("both sides", 60, head="sides", determiner="both", lemma="side")
    assert r.resolve(both)
    assert resolver(span("Rohan", 0)).resolve(both) == []


def test_undefined_definite_phrase_stays_unresolved():
    assert resolver(span("Arnor", 0)).resolve(plain("the agency", 50, head="agency", determiner="the")) == []


def test_a_surname_inside_a_longer_unknown_name_is_not_that_person():
    # "Elessar" as the first word of "Elessar Telcontar", someone the dictionary does not know
    hit = AliasHit(span("Elessar", 10), is_head=False, owns_phrase=False, sector_phrases=("telcontar",))
    arg = Argument(phrase=span("Elessar Telcontar", 10), head=span("Telcontar", 18), head_lemma="telcontar",
                   aliases=(hit,))
    assert resolver().resolve(arg) == []
    spokesman = AliasHit(span("Elessar", 10), is_head=False, owns_phrase=False, sector_phrases=("spokesman",))
    arg = Argument(phrase=span("Elessar spokesman", 10), head=span("spokesman", 18), head_lemma="spokesman",
                   aliases=(spokesman,))
    assert codes(resolver().resolve(arg)) == ["GDRGOV"]


def test_object_pronouns_are_not_guessed():
    r = resolver(span("Eomer Eadig", 0))
    assert r.resolve(plain("him", 100, head="him", lemma="he")) == []


# --- pronouns linked by the NLP stage: the antecedent's alias lies outside the phrase -------------


def test_him_takes_only_a_listed_person_and_says_it_is_coreference():
    # "Aragorn Elessar telephoned Faramir Hurin from Minas Tirith and thanked him"
    r = resolver(span("Aragorn Elessar", 0), span("Faramir Hurin", 27), span("Minas Tirith", 46))
    place = AliasHit(span("Minas Tirith", 46), is_head=False, owns_phrase=True)
    person = AliasHit(span("Faramir Hurin", 27), is_head=False, owns_phrase=True)
    him = Argument(phrase=span("him", 74), head=span("him", 74), head_lemma="he", aliases=(place, person))
    [m] = r.resolve(him)
    assert m.actor.name == "Faramir Hurin" and m.actor.how.startswith(PRONOUN_COREFERENCE)
    assert (m.text, m.start) == ("him", 74)


def test_its_takes_no_person():
    r = resolver(span("Faramir Hurin", 0), span("Gondor", 30))
    person = AliasHit(span("Faramir Hurin", 0), is_head=False, owns_phrase=False, possessive=True,
                      sector_phrases=("ministry",))
    its = Argument(phrase=span("its ministry", 60), head=span("ministry", 64), head_lemma="ministry", aliases=(person,))
    assert r.resolve(its) == []
    state = AliasHit(span("Gondor", 30), is_head=False, owns_phrase=False, possessive=True,
                     sector_phrases=("ministry",))
    [m] = r.resolve(Argument(phrase=its.phrase, head=its.head, head_lemma="ministry", aliases=(state,)))
    assert m.actor.code == "GDRGOV" and "its ministry -> Gondor" in m.actor.how


def test_the_two_sides_are_the_states_that_last_acted_not_the_host():
    # "Aragorn Elessar met Arvedui Kim in Rohan. The two sides discussed trade."
    r = resolver(span("Aragorn Elessar", 0), span("Arvedui Kim", 20), span("Rohan", 35))
    assert codes(r.resolve(named("Aragorn Elessar", 0))) == ["GDRGOV"]
    assert codes(r.resolve(named("Arvedui Kim", 20))) == ["ARNGOV"]
    found = r.resolve(plain("The two sides", 42, head="sides", determiner="the two", lemma="side"))
    assert sorted(codes(found)) == ["ARNGOV", "GDRGOV"]
    assert {m.actor.name for m in found} == {"Arnor", "Gondor"}
    leaders = r.resolve(plain("the two leaders", 80, head="leaders", determiner="the two", lemma="leader"))
    assert sorted(codes(leaders)) == ["ARNGOV", "GDRGOV"]
