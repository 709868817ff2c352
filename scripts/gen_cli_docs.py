"""Write docs/cli.md from the CLI's own --help texts (tests/test_docs.py checks it is current).

Run: .venv/bin/python scripts/gen_cli_docs.py
"""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from dyadwatch.cli import main

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def render() -> str:
    """The CLI reference as Markdown."""
    runner = CliRunner()
    parts = ["# CLI reference\n", "Generated from `--help` by `scripts/gen_cli_docs.py`; do not edit by hand.\n"]
    sections = [("dyadwatch", [])]
    for name in sorted(main.commands):
        sections.append((f"dyadwatch {name}", [name]))
        command = main.commands[name]
        if isinstance(command, click.Group):
            sections += [(f"dyadwatch {name} {sub}", [name, sub]) for sub in sorted(command.commands)]
    for title, args in sections:
        result = runner.invoke(main, [*args, "--help"], prog_name="dyadwatch", terminal_width=100)
        parts.append(f"## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    click.echo(f"wrote {OUT}")
