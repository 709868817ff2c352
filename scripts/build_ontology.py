#!/usr/bin/env python3
"""Generate dyadwatch/ontology/data/cameo.tsv from the reference tables in ../shared/data/reference.

Only facts are taken from the reference files: CAMEO codes, short names, Goldstein weights and the
CAMEO->PLOVER mapping. Descriptions, usage notes and examples are never read into the output.

Usage:  python scripts/build_ontology.py [--reference DIR] [--out FILE]

Decisions (also in dyadwatch/ontology/data/README.md):

* Goldstein: the ICEWS column of cameo_codes_icews.csv. Compared with GDELT's
  CAMEO.goldsteinscale.txt, five codes disagree:
      016 Deny responsibility                  ICEWS -5.0   GDELT -2.0
      022 Appeal for diplomatic cooperation    ICEWS  3.4   GDELT  3.2
      164 Halt negotiations                    ICEWS -6.5   GDELT -7.0
      165 Halt mediation                       ICEWS -7.0   GDELT -6.5
      1213 Reject judicial cooperation         ICEWS -4.0   GDELT (absent)
  We use ICEWS throughout.
* Quad class: verified on 7,485 GDELT 1.0 rows (EventRootCode vs QuadClass, no exception):
  1 = roots 01-05, 2 = 06-09, 3 = 10-14, 4 = 15-20. (Investigate is material cooperation and
  protest is verbal conflict in GDELT; we follow GDELT.)
* Penta class: 0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16, 4 = 14, 15, 17-20.
* PLOVER: CAMEO2PLOVER-2021.txt already uses the current names (CONCEDE, RETREAT, REQUEST,
  ACCUSE, ASSAULT); old names are mapped just in case (see OLD_PLOVER). Codes absent from the
  table inherit from the parent code. The table has no rows for roots 01 and 02: 02x (appeals)
  take REQUEST with the mode/context of the parallel 10x (demand) code; 01x (statements) have
  no PLOVER type (empty).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from dyadwatch.ontology.tables import penta_for_root, quad_for_root  # one definition of the classes

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO.parent / "shared" / "data" / "reference"
DEFAULT_OUT = REPO / "dyadwatch" / "ontology" / "data" / "cameo.tsv"
HEADER = ("code", "name", "goldstein", "quad", "penta", "plover", "plover_mode", "plover_context")

PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT".split()
)
OLD_PLOVER = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "YIELD": "CONCEDE",
}
MAPPING_LINE = re.compile(r"^(\d{2,4})\s*:\s*(.*)$")


def read_icews(path: Path) -> list[tuple[str, str, float]]:
    """(code, short name, ICEWS Goldstein) for every CAMEO code, in file order."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["name"].strip()
            name = name[:1].upper() + name[1:]
            rows.append((row["code"].strip(), name, float(row["goldstein"])))
    return rows


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    """code -> (PLOVER type, mode, context) from CAMEO2PLOVER-2021.txt; first row for a code wins."""
    out: dict[str, tuple[str, str, str]] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = MAPPING_LINE.match(raw.split("#", 1)[0].strip())
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")] + ["", ""]
        name = OLD_PLOVER.get(parts[0].upper(), parts[0].upper())
        if name not in PLOVER_TYPES:
            sys.exit(f"{path}:{lineno}: unknown PLOVER type {parts[0]!r}")
        context = ";".join(c.strip() for c in parts[2].split(";") if c.strip())
        entry = (name, parts[1].replace(" ", ""), context)
        code = m.group(1)
        if code in out and out[code] != entry:
            print(f"note: {code} mapped twice ({out[code][0]} / {name}); keeping the first", file=sys.stderr)
            continue
        out[code] = entry
    return out


def plover_for(code: str, mapping: dict[str, tuple[str, str, str]]) -> tuple[str, str, str]:
    """PLOVER triple for a code: its own row, else its parent's, else (02x) the parallel 10x code."""
    for prefix in (code, code[:3], code[:2]):
        if len(prefix) >= 2 and prefix in mapping:
            return mapping[prefix]
    if code.startswith("02"):
        _, mode, context = plover_for("10" + code[2:], mapping)
        return ("REQUEST", mode, context)
    return ("", "", "")


def build(reference: Path) -> list[tuple[str, ...]]:
    """All rows of cameo.tsv (without header)."""
    codes = read_icews(reference / "cameo_codes_icews.csv")
    mapping = read_plover(reference / "CAMEO2PLOVER-2021.txt")
    known = {c for c, _, _ in codes}
    for extra in sorted(set(mapping) - known):
        print(f"note: mapping has {extra}, which is not a CAMEO code in the ICEWS table", file=sys.stderr)
    rows = []
    for code, name, goldstein in codes:
        root = code[:2]
        plover, mode, context = plover_for(code, mapping)
        rows.append(
            (
                code,
                name,
                f"{goldstein:g}",
                str(quad_for_root(root)),
                str(penta_for_root(root)),
                plover,
                mode,
                context,
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rows = build(args.reference)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(HEADER) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} codes to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
