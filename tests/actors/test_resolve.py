"""Argument -> Mention resolution and the dictionary loader: hermetic (no spaCy, no ../shared).

Sentences use fictional states (Arnor, Gondor, Rohan) with a tiny hand-built dictionary; only the
`find_party` / user-file tests read the bundled data files.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyadwatch.actors.dictionary import (
    ACTOR_COLUMNS,
    DATA_DIR,
    ActorDictionary,
    ActorEntry,
    alias_key,
    find_party,
    load_actor_dictionary,
    read_actor_file,
)
from dyadwatch.actors.resolve import resolve_argument
from dyadwatch.errors import ActorError, DataFileError
from dyadwatch.types import AliasHit, Argument, Span

# --- a tiny fictional dictionary ----------------------------------------------------------------

ENTRIES = [
    ActorEntry("Arnor", "ARN", None, "name", name="Arnor"),
    ActorEntry("Arnorian", "ARN", None, "adjective", name="Arnor"),
    ActorEntry("Arnorians", "ARN", None, "demonym", name="Arnor"),
    ActorEntry("Fornost", "ARN", "GOV", "capital", name="Arnor"),
    ActorEntry("Gondor", "GDR", None, "name", name="Gondor"),
    ActorEntry("Minas Tirith", "GDR", "GOV", "capital", name="Gondor"),
    ActorEntry("Citadel", "GDR", "GOV", "seat", name="Gondor"),
    ActorEntry("GondorPress", "GDR", "MED", "institution", name="Gondor Press Agency"),
    ActorEntry("Rohan", "ROH", None, "name", name="Rohan"),
    ActorEntry("Theoden", "ROH", "GOV", "person", date(2001, 1, 1), date(2005, 12, 31), "King Theoden"),
    ActorEntry("Council of Elrond", "IGOXXX", None, "igo", name="Council of Elrond"),
]
SECTORS = {
    "ministry": "GOV",
    "foreign ministry": "GOV",
    "officers": "MIL",
    "police officers": "COP",
    "residents": "CVL",
    "office": "BUS",
}


def _index(entries):
    index: dict[str, list[ActorEntry]] = {}
    for e in entries:
        index.setdefault(alias_key(e.alias), []).append(e)
    return {k: tuple(v) for k, v in index.items()}


DICT = ActorDictionary(entries=_index(ENTRIES), sectors=SECTORS)


def _span(text: str, sub: str) -> Span:
    start = text.index(sub)
    return Span(sub, start, start + len(sub))


def _arg(text: str, head: str, *hits: tuple[str, bool, bool, tuple[str, ...]]) -> Argument:
    """Argument over `text`; each hit is (alias, is_head, owns_phrase, sector_phrases), nearest first."""
    return Argument(
        phrase=Span(text, 0, len(text)),
        head=_span(text, head),
        head_lemma=head.lower(),
        aliases=tuple(AliasHit(_span(text, a), h, o, tuple(s)) for a, h, o, s in hits),
    )


def _resolve(arg: Argument, on: date | None = None):
    return resolve_argument(arg, dictionary=DICT, on=on)


# --- rule 1: head alias wins; capital as head is its government ---------------------------------


def test_head_alias_wins_over_nearer_modifier():
    # "the Rohan-backed Gondor": the heading alias wins even when listed after another alias
    text = "the Rohan-backed Gondor"
    arg = _arg(text, "Gondor", ("Rohan", False, False, ("backed",)), ("Gondor", True, True, ()))
    m = _resolve(arg)
    assert m.actor.country == "GDR"
    assert (m.text, m.start, m.end) == (text, 0, len(text))


def test_capital_as_head_is_government_metonymy():
    # "Minas Tirith protested"
    m = _resolve(_arg("Minas Tirith", "Tirith", ("Minas Tirith", True, True, ())))
    assert m.actor.country == "GDR"
    assert m.actor.sector == "GOV"
    assert m.actor.how == "capital-as-actor"
    assert m.actor.code == "GDRGOV"
    assert m.actor.name == "Gondor"


def test_seat_as_head_is_government():
    m = _resolve(_arg("the Citadel", "Citadel", ("Citadel", True, True, ())))
    assert (m.actor.code, m.actor.how) == ("GDRGOV", "seat-as-actor")


# --- rule 2: a capital modifying a noun is a place ----------------------------------------------


def test_capital_modifier_is_place_and_loses_to_institution():
    text = "the Minas Tirith office of GondorPress"
    arg = _arg(text, "office", ("Minas Tirith", False, False, ("office",)), ("GondorPress", False, True, ()))
    m = _resolve(arg)
    assert m.actor.name == "Gondor Press Agency"
    assert m.actor.code == "GDRMED"
    assert m.actor.how == "institution"


def test_capital_modifier_loses_to_other_country():
    text = "the Fornost office of GondorPress"
    arg = _arg(text, "office", ("Fornost", False, False, ("office",)), ("GondorPress", False, True, ()))
    assert _resolve(arg).actor.country == "GDR"


def test_capital_modifier_alone_gives_country_with_role_noun_sector():
    # "Minas Tirith residents"
    m = _resolve(_arg("Minas Tirith residents", "residents", ("Minas Tirith", False, False, ("residents",))))
    assert m.actor.code == "GDRCVL"
    assert m.actor.how == "capital+role-noun"


# --- rule 3: sectors ----------------------------------------------------------------------------


def test_role_noun_of_modified_noun_gives_sector():
    # "Arnor's foreign ministry"
    m = _resolve(
        _arg("Arnor's foreign ministry", "ministry", ("Arnor", False, False, ("foreign ministry", "ministry")))
    )
    assert m.actor.code == "ARNGOV"
    assert m.actor.how == "name+role-noun"


def test_longest_role_noun_phrase_wins():
    # "Arnorian police officers": "police officers" (COP) before "officers" (MIL)
    arg = _arg("Arnorian police officers", "officers", ("Arnorian", False, False, ("police officers", "officers")))
    m = _resolve(arg)
    assert m.actor.code == "ARNCOP"
    assert m.actor.how == "adjective+role-noun"


def test_demonym_owning_phrase_is_civilian():
    m = _resolve(_arg("Arnorians", "Arnorians", ("Arnorians", True, True, ())))
    assert (m.actor.code, m.actor.how) == ("ARNCVL", "demonym")


def test_country_name_alone_has_no_sector():
    m = _resolve(_arg("Arnor", "Arnor", ("Arnor", True, True, ())))
    assert m.actor.country == "ARN"
    assert m.actor.sector is None
    assert m.actor.code == "ARN"
    assert m.actor.how == "name"


def test_country_modifier_with_unknown_role_noun_has_no_sector():
    m = _resolve(_arg("Arnor hobbits", "hobbits", ("Arnor", False, False, ("hobbits",))))
    assert m.actor.code == "ARN"
    assert m.actor.sector is None


def test_institution_keeps_its_own_sector():
    m = _resolve(_arg("GondorPress", "GondorPress", ("GondorPress", True, True, ())))
    assert (m.actor.code, m.actor.how) == ("GDRMED", "institution")


def test_institution_modifier_without_role_noun_keeps_its_sector():
    m = _resolve(_arg("GondorPress hobbits", "hobbits", ("GondorPress", False, False, ("hobbits",))))
    assert m.actor.code == "GDRMED"


# --- dates, IGOs, misses ------------------------------------------------------------------------


def test_person_entry_is_date_bounded():
    arg = _arg("Theoden", "Theoden", ("Theoden", True, True, ()))
    inside = resolve_argument(arg, dictionary=DICT, on=date(2003, 1, 1))
    assert inside is not None
    assert inside.actor.code == "ROHGOV"
    assert inside.actor.how == "person: Theoden [listed]"
    assert inside.actor.name == "King Theoden"
    assert resolve_argument(arg, dictionary=DICT, on=date(2010, 1, 1)) is None
    assert resolve_argument(arg, dictionary=DICT, on=date(2000, 12, 31)) is None
    # bounds are inclusive
    assert resolve_argument(arg, dictionary=DICT, on=date(2005, 12, 31)) is not None
    # an unknown date matches every entry
    assert resolve_argument(arg, dictionary=DICT, on=None) is not None


def test_alias_that_changes_meaning_over_time():
    entries = [
        ActorEntry("Dunland", "DUN", None, "name", None, date(2000, 12, 31), "Old Dunland"),
        ActorEntry("Dunland", "DNL", None, "name", date(2001, 1, 1), None, "New Dunland"),
    ]
    d = ActorDictionary(entries=_index(entries), sectors={})
    arg = _arg("Dunland", "Dunland", ("Dunland", True, True, ()))
    assert resolve_argument(arg, dictionary=d, on=date(1999, 5, 1)).actor.country == "DUN"
    assert resolve_argument(arg, dictionary=d, on=date(2003, 5, 1)).actor.country == "DNL"


def test_expired_head_falls_back_to_other_alias():
    arg = _arg("Theoden of Rohan", "Theoden", ("Theoden", True, True, ()), ("Rohan", False, True, ()))
    assert resolve_argument(arg, dictionary=DICT, on=date(2010, 1, 1)).actor.code == "ROH"


def test_igo_entry():
    m = _resolve(_arg("the Council of Elrond", "Council", ("Council of Elrond", True, True, ())))
    assert m.actor.country is None
    assert m.actor.igo == "IGOXXX"
    assert m.actor.code == "IGOXXX"
    assert m.actor.key == "IGOXXX"


def test_unknown_alias_gives_none():
    assert _resolve(_arg("Mordor", "Mordor", ("Mordor", True, True, ()))) is None
    assert _resolve(_arg("the orcs", "orcs")) is None


def test_alias_lookup_is_case_insensitive_except_acronyms():
    assert _resolve(_arg("arnor", "arnor", ("arnor", True, True, ()))).actor.country == "ARN"
    assert DICT.lookup("gondor").code == "GDR"
    d = ActorDictionary(entries=_index([ActorEntry("US", "USA", None, "name")]), sectors={})
    assert d.lookup("US") is not None
    assert d.lookup("us") is None


# --- find_party against the bundled dictionary --------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> ActorDictionary:
    return load_actor_dictionary()


@pytest.mark.parametrize("text", ["AZE", "aze", "Azerbaijan", "azerbaijan", "  Azerbaijan "])
def test_find_party(bundled, text):
    assert find_party(text, bundled) == ("AZE", "Azerbaijan")


def test_find_party_from_capital_or_demonym(bundled):
    assert find_party("Baku", bundled) == ("AZE", "Azerbaijan")
    assert find_party("Azerbaijanis", bundled)[0] == "AZE"


@pytest.mark.parametrize("text", ["Mordor", "XYZ", ""])
def test_find_party_unknown_raises(bundled, text):
    with pytest.raises(ActorError):
        find_party(text, bundled)


# --- user file merged over the bundled one ------------------------------------------------------


def _write(path: Path, rows: list[str], header: str | None = None) -> Path:
    header = header if header is not None else "\t".join(ACTOR_COLUMNS)
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_user_file_header_matches_bundled():
    first = (DATA_DIR / "actors.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert tuple(first.split("\t")) == ACTOR_COLUMNS


def test_user_file_merges_over_bundled(tmp_path, bundled):
    user = _write(
        tmp_path / "user.tsv",
        [
            "Baku\tGDR\tGOV\tcapital\t\t\tGondor",  # replaces the bundled "Baku" row(s)
            "Gondor\tGDR\t\tname\t\t\tGondor",
            "Arnorian Guard\tARN\tMIL\tinstitution\t2001-01-01\t\tArnorian Guard",
        ],
    )
    merged = load_actor_dictionary(str(user))
    assert merged.version.endswith("+user")
    assert merged.version == bundled.version + "+user"
    assert [e.code for e in merged.entries[alias_key("Baku")]] == ["GDR"]
    assert merged.lookup("Baku").code == "GDR"
    assert merged.lookup("Gondor").code == "GDR"
    assert merged.lookup("Arnorian Guard", on=date(2000, 1, 1)) is None
    assert merged.lookup("Arnorian Guard", on=date(2002, 1, 1)).sector == "MIL"
    # bundled aliases not named in the user file are untouched
    assert merged.lookup("Azerbaijan").code == "AZE"
    assert find_party("Gondor", merged) == ("GDR", "Gondor")
    assert find_party("GDR", merged) == ("GDR", "Gondor")
    # the bundled dictionary itself is unchanged
    assert bundled.lookup("Baku").code == "AZE"
    assert not bundled.version.endswith("+user")


def test_resolve_with_user_dictionary(tmp_path):
    user = _write(tmp_path / "user.tsv", ["Rohan\tROH\t\tname\t\t\tRohan", "Edoras\tROH\tGOV\tcapital\t\t\tRohan"])
    d = load_actor_dictionary(str(user))
    m = resolve_argument(_arg("Edoras", "Edoras", ("Edoras", True, True, ())), dictionary=d, on=date(2020, 1, 1))
    assert (m.actor.code, m.actor.how) == ("ROHGOV", "capital-as-actor")


@pytest.mark.parametrize(
    ("rows", "line", "what"),
    [
        (["Gondor\tGDR\t\tname\t\t\tGondor", "Rohan\tROH\t\tkingdom\t\t\tRohan"], 3, "kind"),
        (["Rohan\tROH\t\tname\t2001-13-01\t\tRohan"], 2, "date"),
        (["Rohan\tROH\t\tname\t\t01/02/2003\tRohan"], 2, "date"),
        (["\tROH\t\tname\t\t\tRohan"], 2, "required"),
        (["Rohan\t\t\tname\t\t\tRohan"], 2, "required"),
    ],
)
def test_malformed_user_file_names_file_and_line(tmp_path, rows, line, what):
    user = _write(tmp_path / f"bad-{what}.tsv", rows)
    with pytest.raises(DataFileError) as exc:
        load_actor_dictionary(str(user))
    msg = str(exc.value)
    assert f"{user}:{line}:" in msg
    assert what in msg


def test_wrong_header_raises_naming_file(tmp_path):
    user = _write(tmp_path / "bad-header.tsv", ["Rohan\tROH\t\tname\t\t\tRohan"], header="alias\tcountry\tsector")
    with pytest.raises(DataFileError) as exc:
        load_actor_dictionary(str(user))
    assert str(user) in str(exc.value)
    assert "header" in str(exc.value)


def test_wrong_header_names_line_one(tmp_path):
    user = _write(tmp_path / "bad-header-line.tsv", ["Rohan\tROH\t\tname\t\t\tRohan"], header="alias\tcountry")
    with pytest.raises(DataFileError, match=r":1:"):
        read_actor_file(user)


def test_missing_user_file_raises(tmp_path):
    with pytest.raises(DataFileError) as exc:
        load_actor_dictionary(str(tmp_path / "absent.tsv"))
    assert "absent.tsv" in str(exc.value)


# --- ethnic groups placed in another country -----------------------------------------------------


def test_ethnic_group_in_another_country_is_its_civilians():
    text = "ethnic Arnorians in northern Gondor"
    arg = _arg(text, "Arnorians", ("Arnorians", True, True, ()), ("Gondor", False, True, ()))
    m = _resolve(arg)
    assert (m.actor.country, m.actor.sector) == ("GDR", "CVL")
    assert m.actor.how.startswith("ethnic group in")


def test_demonym_without_ethnic_or_without_a_foreign_place_keeps_its_own_country():
    plain = "Arnorians in northern Gondor"
    m = _resolve(_arg(plain, "Arnorians", ("Arnorians", True, True, ()), ("Gondor", False, True, ())))
    assert (m.actor.country, m.actor.sector) == ("ARN", "CVL")
    alone = "ethnic Arnorians"
    m = _resolve(_arg(alone, "Arnorians", ("Arnorians", True, True, ())))
    assert (m.actor.country, m.actor.sector) == ("ARN", "CVL")
