"""Ontology tables and loader: hermetic (only the bundled data files)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dyadwatch.errors import DataFileError
from dyadwatch.ontology import (
    PLOVER_TYPES,
    inflect,
    load_ontology,
    penta_for_root,
    quad_for_root,
)
from dyadwatch.ontology.tables import DATA_DIR

ONTO = load_ontology()


def test_version_and_counts():
    assert ONTO.version == "3"
    assert len(ONTO.codes) == 312
    assert sum(len(c) == 2 for c in ONTO.codes) == 20
    assert sum(len(c) == 3 for c in ONTO.codes) == 147
    assert sum(len(c) == 4 for c in ONTO.codes) == 145
    assert {f"{n:02d}" for n in range(1, 21)} <= set(ONTO.codes)
    assert sum(len(p) for p in ONTO.verbs.values()) >= 350


def test_default_load_is_cached():
    assert load_ontology() is ONTO
    assert load_ontology(DATA_DIR) is ONTO


@pytest.mark.parametrize(
    ("roots", "quad"), [(range(1, 6), 1), (range(6, 10), 2), (range(10, 15), 3), (range(15, 21), 4)]
)
def test_quad_rule_verified_on_gdelt(roots, quad):
    for n in roots:
        assert quad_for_root(f"{n:02d}") == quad


def test_quad_penta_consistent_with_root():
    penta = {0: {1, 2}, 1: {3, 4, 5}, 2: {6, 7, 8}, 3: {9, 10, 11, 12, 13, 16}, 4: {14, 15, 17, 18, 19, 20}}
    for code, rec in ONTO.codes.items():
        assert rec.root == code[:2]
        assert rec.quad == quad_for_root(rec.root)
        assert int(rec.root) in penta[rec.penta]
        assert rec.penta == penta_for_root(rec.root)
        assert -10 <= rec.goldstein <= 10


def test_plover_names_current():
    assert len(PLOVER_TYPES) == 16
    for rec in ONTO.codes.values():
        if rec.root == "01":
            assert rec.plover == ""
        else:
            assert rec.plover in PLOVER_TYPES, rec


def test_spot_checks():
    assert ONTO.info("114").quad == 3
    assert ONTO.info("114").plover == "ACCUSE"
    assert ONTO.info("173").plover == "COERCE"
    assert ONTO.info("173").goldstein == -5.0  # ICEWS value
    assert ONTO.info("016").goldstein == -5.0  # ICEWS, not GDELT's -2
    assert ONTO.info("0841").plover == "RETREAT"  # as CAMEO2PLOVER-2021 says
    assert ONTO.info("0841").plover_mode == "release"
    assert ONTO.info("080").plover == "CONCEDE"
    assert ONTO.info("090").plover == "ACCUSE"
    assert ONTO.info("100").plover == "REQUEST"
    assert ONTO.info("0231").plover == "REQUEST"  # 02x by analogy with 10x
    assert ONTO.info("195").quad == 4
    assert ONTO.info("195").plover == "ASSAULT"
    assert ONTO.info("196").plover_context == "legal;military"
    assert ONTO.info("0841").name == "Return, release person(s)"


def test_info_unknown_code():
    with pytest.raises(KeyError, match="unknown CAMEO code '999'"):
        ONTO.info("999")


def test_every_lexicon_code_exists_and_all_roots_covered():
    roots = set()
    for lemma, patterns in ONTO.verbs.items():
        assert lemma == lemma.lower()
        for p in patterns:
            assert p.code in ONTO.codes
            roots.add(p.code[:2])
        specs = [p.specificity for p in patterns]
        assert specs == sorted(specs, reverse=True)
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_spelling_variants_present():
    for a, b in [
        ("criticise", "criticize"),
        ("apologise", "apologize"),
        ("mobilise", "mobilize"),
        ("normalise", "normalize"),
        ("recognise", "recognize"),
    ]:
        assert a in ONTO.verbs and b in ONTO.verbs
        assert ONTO.verbs[a][-1].code == ONTO.verbs[b][-1].code


@pytest.mark.parametrize(
    ("lemma", "particle", "obj", "code"),
    [
        ("summon", None, "ambassador", "114"),
        ("shoot", "down", "plane", "195"),
        ("shoot", None, None, "193"),
        ("meet", None, None, "040"),
        ("accuse", None, None, "112"),
        ("criticise", None, None, "111"),
        ("apologize", None, None, "055"),
        ("cut", "off", "tie", "161"),
        ("cut", "off", "gas", "163"),
        ("call", "off", "talks", "164"),
        ("call", None, None, "020"),
        ("cancel", None, "visit", "161"),
        ("close", None, "office", "172"),
        ("close", None, "embassy", "161"),
        ("release", None, "prisoner", "0841"),
        ("arrest", None, None, "173"),
        ("sign", None, "agreement", "057"),
        ("strike", None, "deal", "057"),
        ("strike", None, None, "190"),
        ("expel", None, "diplomat", "161"),
        ("expel", None, None, "174"),
        ("Summon", None, "Ambassador", "114"),
    ],
)
def test_match(lemma, particle, obj, code):
    pattern = ONTO.match(lemma, particle=particle, object_lemma=obj)
    assert pattern is not None and pattern.code == code


def test_match_none():
    assert ONTO.match("close", particle=None, object_lemma="gap") is None
    assert ONTO.match("recall", particle=None, object_lemma=None) is None
    assert ONTO.match("xyzzy", particle=None, object_lemma=None) is None


def test_preps():
    assert "with" in ONTO.match("meet", particle=None, object_lemma=None).preps
    assert ONTO.match("apologise", particle=None, object_lemma=None).preps == ("to",)


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("shoot", {"shoot", "shoots", "shot", "shooting"}),
        ("ban", {"bans", "banned", "banning"}),
        ("apologise", {"apologises", "apologised", "apologising"}),
        ("cancel", {"cancelled", "canceled", "cancelling", "canceling", "cancels"}),
        ("meet", {"met", "meeting"}),
        ("take", {"took", "taken", "taking"}),
        ("deny", {"denies", "denied", "denying"}),
        ("agree", {"agreed", "agreeing"}),
        ("patrol", {"patrolled", "patrolling"}),
        ("visit", {"visited", "visiting"}),
        ("flee", {"fled", "fleeing"}),
        ("seize", {"seized", "seizing", "seizes"}),
        ("veto", {"vetoes", "vetoed"}),
    ],
)
def test_inflect(lemma, forms):
    assert forms <= inflect(lemma)


def test_inflect_no_bad_doubling():
    assert "visitted" not in inflect("visit")
    assert "threatenned" not in inflect("threaten")


def test_trigger_forms():
    for form in ("shot", "summoned", "criticised", "criticized", "met", "banned"):
        assert form in ONTO.trigger_forms


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_copy_loads(tmp_path):
    onto = load_ontology(_copy_data(tmp_path))
    assert onto is not ONTO and len(onto.codes) == 312


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("frobnicate\t\t\t\t999\t", "unknown CAMEO code '999'"),
        ("frobnicate\t\t\t\t190", None),  # 5 fields: trailing empty note is fine
        ("frobnicate\t190", "expected 6 tab-separated fields"),
        ("summon\t\tambassador\t\t111\t", "already defined"),
        ("Bad Verb\t\t\t\t190\t", "malformed"),
    ],
)
def test_malformed_verbs(tmp_path, line, message):
    data = _copy_data(tmp_path)
    lineno = _append(data / "verbs.tsv", line)
    if message is None:
        assert load_ontology(data).match("frobnicate", particle=None, object_lemma=None).code == "190"
        return
    with pytest.raises(DataFileError, match=rf"verbs\.tsv:{lineno}: .*{message}"):
        load_ontology(data)


def test_bad_quad(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "cameo.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    idx = next(i for i, line in enumerate(lines) if line.startswith("173\t"))
    fields = lines[idx].split("\t")
    fields[3] = "1"
    lines[idx] = "\t".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"cameo\.tsv:{idx + 1}: bad quad 1"):
        load_ontology(data)


def test_bad_header(tmp_path):
    data = _copy_data(tmp_path)
    (data / "cameo.tsv").write_text("code\tname\n01\tX\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"cameo\.tsv:1: bad header"):
        load_ontology(data)


def test_unknown_plover(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "cameo.tsv"
    text = path.read_text(encoding="utf-8").replace("\tCOERCE\tarrest\t", "\tDETAIN\tarrest\t")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown PLOVER type 'DETAIN'"):
        load_ontology(data)


def test_missing_version(tmp_path):
    data = _copy_data(tmp_path)
    (data / "VERSION").unlink()
    with pytest.raises(DataFileError, match="VERSION"):
        load_ontology(data)


REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "reference"


@pytest.mark.shared
@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/data/reference not present")
def test_committed_cameo_tsv_matches_a_fresh_build(tmp_path):
    import runpy

    script = runpy.run_path(str(Path(__file__).resolve().parents[2] / "scripts" / "build_ontology.py"))
    out = tmp_path / "cameo.tsv"
    assert script["main"](["--reference", str(REFERENCE), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (DATA_DIR / "cameo.tsv").read_text(encoding="utf-8")
