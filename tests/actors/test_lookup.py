"""`dyadwatch actors lookup`: the library function on the bundled dictionary, and the command."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from dyadwatch.actors import load_actor_dictionary
from dyadwatch.actors.lookup import lookup_name
from dyadwatch.cli import main

DICT = load_actor_dictionary()


@pytest.mark.parametrize(
    ("text", "on", "code", "how"),
    [
        ("Zakharova", date(2025, 6, 30), "RUSGOV", "mfa_spokesperson"),
        ("Maria Zakharova", date(2025, 6, 30), "RUSGOV", "person: Maria Zakharova"),
        ("Foreign Minister Bayramov", date(2025, 6, 30), "AZEGOV", "foreign_minister"),
        ("Baku", date(2025, 6, 30), "AZEGOV", "capital-as-actor"),
        ("Kremlin", date(2025, 6, 30), "RUSGOV", "seat-as-actor"),
        ("Baku residents", date(2025, 6, 30), "AZECVL", "capital+role-noun"),
        ("Azerbaijani nationals", date(2025, 6, 30), "AZECVL", "adjective+role-noun"),
        ("Azerbaijan's foreign ministry", date(2025, 6, 30), "AZEGOV", "name+role-noun"),
        ("Sputnik journalists", date(2025, 6, 30), "RUSMED", "institution+role-noun"),
        ("Taliban", date(2020, 1, 1), "AFGREB", "institution"),
        ("Taliban", date(2022, 1, 1), "AFGGOV", "institution"),
        ("Nikol Pashinyan", date(2017, 1, 1), "ARMOPP", "opposition_leader"),
        ("Nikol Pashinyan", date(2019, 1, 1), "ARMGOV", "head_of_government"),
    ],
)
def test_lookup_resolves_as_the_coder_does(text, on, code, how):
    result = lookup_name(text, DICT, on=on)
    assert result.code == code and how in result.how, result
    assert result.rows


def test_person_before_office_does_not_resolve_and_rows_say_why():
    result = lookup_name("Jeyhun Bayramov", DICT, on=date(2015, 1, 1))
    assert result.code is None
    assert any("not valid on that date" in row for row in result.rows)


def test_unknown_name():
    result = lookup_name("Narnia", DICT, on=None)
    assert result.code is None and result.how == "no dictionary row for this name" and result.rows == ()


def test_command_prints_resolution_and_rows():
    out = CliRunner().invoke(main, ["actors", "lookup", "Zakharova", "--on", "2025-06-30"])
    assert out.exit_code == 0
    first, *rows = out.output.splitlines()
    assert first.startswith("Zakharova on 2025-06-30: RUSGOV") and rows and "applies" in " ".join(rows)


def test_user_dictionary_extends_lookup(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text(
        "alias\tcode\tsector\tkind\tvalid_from\tvalid_to\tname\trole\n"
        "Ivan Analystov\tRUS\tGOV\tperson\t2024-01-01\t\tIvan Analystov\tforeign_minister\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(main, ["--actors", str(user), "actors", "lookup", "Ivan Analystov", "--on", "2025-01-01"])
    assert out.exit_code == 0 and "RUSGOV" in out.output
