"""Noun lexicon (data/nouns.tsv) and its loader: hermetic (only the bundled data files)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from types import MappingProxyType

import pytest

from dyadwatch.errors import DataFileError
from dyadwatch.ontology import Ontology, load_ontology
from dyadwatch.ontology.tables import DATA_DIR, NounPattern, noun_forms

ONTO = load_ontology()


def test_nouns_loaded_and_every_code_exists():
    rows = [p for patterns in ONTO.nouns.values() for p in patterns]
    assert len(rows) >= 150
    roots = set()
    for lemma, patterns in ONTO.nouns.items():
        assert lemma == lemma.lower()
        for p in patterns:
            assert isinstance(p, NounPattern)
            assert p.noun == lemma
            assert p.code in ONTO.codes, p
            assert all(m == m.lower() for m in p.modifiers)
            roots.add(p.code[:2])
        specs = [p.specificity for p in patterns]
        assert specs == sorted(specs, reverse=True)  # most specific first
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_noun_pattern_is_frozen():
    p = ONTO.match_noun("arrest", modifiers=())
    assert p == NounPattern("arrest", frozenset(), "173")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.code = "190"  # type: ignore[misc]


def test_spelling_variants_present():
    for a, b in [
        ("mobilisation", "mobilization"),
        ("demobilisation", "demobilization"),
        ("nationalisation", "nationalization"),
        ("normalisation", "normalization"),
        ("manoeuvre", "maneuver"),
        ("enquiry", "inquiry"),
    ]:
        assert ONTO.nouns[a][-1].code == ONTO.nouns[b][-1].code


@pytest.mark.parametrize(
    ("lemma", "modifiers", "code"),
    [
        ("arrest", (), "173"),
        ("detention", (), "173"),
        ("raid", (), "1711"),  # police raids, as the verb
        ("raid", ("air",), "195"),
        ("talk", (), "046"),
        ("talk", ("peace",), "046"),  # unlisted modifier -> generic row
        ("talk", ("telephone",), "041"),
        ("call", ("phone",), "041"),
        ("strike", (), "190"),
        ("strike", ("air",), "195"),
        ("strike", ("hunger",), "142"),
        ("strike", ("general",), "143"),
        ("airstrike", (), "195"),
        ("attack", ("cyber",), "170"),
        ("cyberattack", (), "170"),
        ("expulsion", (), "174"),
        ("expulsion", ("diplomat",), "161"),  # as expel + diplomat in verbs.tsv
        ("aid", (), "070"),
        ("aid", ("military",), "072"),
        ("aid", ("humanitarian",), "073"),
        ("exercise", ("military",), "150"),
        ("exercise", ("joint",), "062"),
        ("summon", (), "114"),  # spaCy lemma of "summons"
        ("crackdown", (), "175"),
        ("shelling", (), "194"),
        ("bombing", (), "183"),
        ("bombing", ("suicide",), "1831"),
        ("invasion", (), "192"),
        ("ceasefire", (), "0871"),
        ("violation", ("ceasefire",), "196"),
        ("sanction", (), "163"),
        ("apology", (), "055"),
        ("veto", (), "129"),
        ("Arrest", (), "173"),  # case-insensitive
        ("STRIKE", ("Air",), "195"),
    ],
)
def test_match_noun(lemma, modifiers, code):
    pattern = ONTO.match_noun(lemma, modifiers=modifiers)
    assert pattern is not None and pattern.code == code


def test_match_noun_specificity():
    # a modifier row outranks the generic row, whatever other modifiers are present
    assert ONTO.match_noun("strike", modifiers={"israeli", "air", "fresh"}).code == "195"
    # a noun without a generic row matches only with one of its modifiers
    assert ONTO.match_noun("recall", modifiers=()) is None
    assert ONTO.match_noun("recall", modifiers=("product",)) is None
    assert ONTO.match_noun("recall", modifiers=("ambassador",)).code == "161"
    assert ONTO.match_noun("law", modifiers=()) is None
    assert ONTO.match_noun("law", modifiers=("martial",)).code == "1724"
    assert ONTO.match_noun("xyzzy", modifiers=()) is None


def test_match_noun_in_memory_ordering():
    generic = NounPattern("strike", frozenset(), "190")
    air = NounPattern("strike", frozenset({"air"}), "195")
    labour = NounPattern("strike", frozenset({"general", "air"}), "143")
    onto = Ontology("t", {}, {}, frozenset(), nouns={"strike": (air, labour, generic)})
    assert onto.match_noun("strike", modifiers=["air"]) is air  # file order among equals
    assert onto.match_noun("strike", modifiers=["general"]) is labour
    assert onto.match_noun("strike", modifiers=[]) is generic
    assert air.applies({"air"}) and not air.applies(()) and generic.applies(())


def test_ontology_constructor_without_nouns():
    onto = Ontology("t", MappingProxyType({}), MappingProxyType({}), frozenset())
    assert dict(onto.nouns) == {}
    assert onto.match_noun("arrest", modifiers=()) is None


@pytest.mark.parametrize(
    "form",
    [
        "arrests",
        "arrest",
        "detentions",
        "talks",
        "talk",
        "sanctions",
        "airstrikes",
        "strikes",
        "summons",
        "summonses",
        "vetoes",
        "embargoes",
        "embargos",
        "ultimatums",
        "ultimata",
        "hostilities",
        "inquiries",
        "enquiries",
        "clashes",
        "crackdowns",
        "mobilisations",
        "mobilizations",
        "ceasefires",
        # verb forms are still there
        "shot",
        "summoned",
        "met",
        "banned",
    ],
)
def test_trigger_forms_include_nouns(form):
    assert form in ONTO.trigger_forms


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("arrest", {"arrest", "arrests"}),
        ("talk", {"talk", "talks"}),
        ("clash", {"clashes"}),
        ("inquiry", {"inquiries"}),
        ("crisis", {"crises"}),
        ("veto", {"vetoes"}),
        ("embargo", {"embargoes", "embargos"}),
        ("ultimatum", {"ultimatums", "ultimata"}),
        ("summons", {"summonses"}),
        ("delay", {"delays"}),
        ("aircraft", {"aircraft"}),
    ],
)
def test_noun_forms(lemma, forms):
    assert forms <= noun_forms(lemma)
    assert lemma in noun_forms(lemma)


def test_noun_forms_no_bad_plurals():
    assert "delaies" not in noun_forms("delay")
    assert "crisises" not in noun_forms("crisis")


def test_version_bumped_for_nouns_then_for_light_verbs_and_intents():
    assert int(ONTO.version) >= 3


# --- malformed files ----------------------------------------------------------------------------


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_copy_loads_nouns(tmp_path):
    onto = load_ontology(_copy_data(tmp_path))
    assert onto is not ONTO
    assert dict(onto.nouns) == dict(ONTO.nouns)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("frobnication\t\t999\t", "unknown CAMEO code '999'"),
        ("frobnication\t\t190", None),  # 3 fields: trailing empty note is fine
        ("frobnication\t190", "expected 4 tab-separated fields"),
        ("frobnication\tair\t190\tx\textra", "expected 4 tab-separated fields"),
        ("strike\tair\t190\t", "already defined"),
        ("arrest\t\t172\t", "already defined"),
        ("Bad Noun\t\t190\t", "malformed"),
        ("frobnication\tbad modifier\t190\t", "malformed"),
    ],
)
def test_malformed_nouns(tmp_path, line, message):
    data = _copy_data(tmp_path)
    lineno = _append(data / "nouns.tsv", line)
    if message is None:
        assert load_ontology(data).match_noun("frobnication", modifiers=()).code == "190"
        return
    with pytest.raises(DataFileError, match=rf"nouns\.tsv:{lineno}: .*{message}"):
        load_ontology(data)


def test_bad_nouns_header(tmp_path):
    data = _copy_data(tmp_path)
    (data / "nouns.tsv").write_text("noun\tcode\narrest\t173\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"nouns\.tsv:1: bad header"):
        load_ontology(data)


def test_missing_nouns_file(tmp_path):
    data = _copy_data(tmp_path)
    (data / "nouns.tsv").unlink()
    with pytest.raises(DataFileError, match=r"nouns\.tsv"):
        load_ontology(data)


def test_empty_nouns_file(tmp_path):
    data = _copy_data(tmp_path)
    (data / "nouns.tsv").write_text("noun\tmodifier\tcode\tnote\n# nothing\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no noun patterns"):
        load_ontology(data)
