"""Docs cannot drift: the CLI reference is generated from --help, and every command and setting
is documented in the README."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

from dyadwatch.cli import main
from dyadwatch.config import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == _generator().render(), "run: .venv/bin/python scripts/gen_cli_docs.py"


def test_every_command_is_in_the_readme():
    for name in main.commands:
        assert f"`dyadwatch {name}" in README, name


def test_every_setting_is_in_the_readme():
    for field in dataclasses.fields(Settings):
        assert f"| `{field.name}` |" in README, field.name


def test_readme_opens_with_input_and_output_and_the_two_commands():
    head = README[: README.index("## Commands")]
    assert "## Input -> output" in head and "make demo" in head and "make test" in head
