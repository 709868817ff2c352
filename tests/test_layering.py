"""The import graph of `dyadwatch` flows one way (hermetic: parses source with `ast`, imports nothing).

Stage order: base (types, errors, config, the package root) < ingest < nlp < actors < ontology < history <
store < analysis < report < eval. A module may import its own stage and any earlier one, never a
later one. `pipeline` and `cli` sit on top and may import anything; no stage imports them. `web`
(if present) may import store, analysis, report, base and `pipeline` (never `cli`). spaCy is imported
only in `nlp/`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dyadwatch"

BASE = "base"
TOP = "top"
STAGES = ("ingest", "nlp", "actors", "ontology", "history", "store", "analysis", "report", "eval")
RANK = {BASE: 0, **{stage: i + 1 for i, stage in enumerate(STAGES)}}
BASE_MODULES = frozenset({"types", "errors", "config"})
TOP_MODULES = frozenset({"pipeline", "cli"})
WEB_MAY_IMPORT = frozenset({BASE, "store", "analysis", "report", "web"})


@dataclass(frozen=True)
class Import:
    module: str
    """Dotted name of the importing module ("dyadwatch.actors.resolve")."""
    target: str
    """Dotted name of what it imports ("dyadwatch.types", "spacy.tokens")."""
    path: Path
    lineno: int

    def __str__(self) -> str:
        return f"{self.path.relative_to(PACKAGE.parent)}:{self.lineno}: {self.module} imports {self.target}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _exists(dotted: str) -> bool:
    rel = Path(*dotted.split("."))
    root = PACKAGE.parent
    return (root / rel).with_suffix(".py").is_file() or (root / rel / "__init__.py").is_file()


def _imports_of(path: Path) -> list[Import]:
    """Every import in the file, at any depth (inside functions, `if TYPE_CHECKING:` blocks, ...)."""
    return _imports_in(path.read_text(encoding="utf-8"), _module_name(path), _is_package(path), path)


def _imports_in(source: str, module: str, is_package: bool, path: Path) -> list[Import]:
    package = module if is_package else module.rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, path, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                # "from dyadwatch import store" imports the subpackage dyadwatch.store
                sub = f"{base}.{alias.name}"
                target = sub if alias.name != "*" and _exists(sub) else base
                found.append(Import(module, target, path, node.lineno))
        elif isinstance(node, ast.Call):
            # importlib.import_module("x") / __import__("x") with a literal name
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
                if isinstance(node.args[0].value, str):
                    found.append(Import(module, node.args[0].value, path, node.lineno))
    return found


def _stage(dotted: str) -> str:
    """Stage of a dyadwatch module ("dyadwatch.actors.resolve" -> "actors")."""
    parts = dotted.split(".")
    assert parts[0] == "dyadwatch", dotted
    if len(parts) == 1 or parts[1] in BASE_MODULES:
        return BASE
    if parts[1] in TOP_MODULES:
        return TOP
    return parts[1]


FILES = sorted(PACKAGE.rglob("*.py"))
IMPORTS = [imp for path in FILES for imp in _imports_of(path)]
INTERNAL = [imp for imp in IMPORTS if imp.target == "dyadwatch" or imp.target.startswith("dyadwatch.")]


def _violation(imp: Import) -> str | None:
    """Why this internal import breaks the layering, or None if it is allowed."""
    src, dst = _stage(imp.module), _stage(imp.target)
    if src == TOP:
        return None
    if src == "web" and (imp.target == "dyadwatch.pipeline" or imp.target.startswith("dyadwatch.pipeline.")):
        return None  # the dashboard reads through the pipeline's store -> analysis chain, like the CLI
    if dst == TOP:
        return f"{src} must not import {imp.target} (pipeline/cli sit on top)"
    if src == "web":
        return None if dst in WEB_MAY_IMPORT else f"web may import only store/analysis/report/base, not {dst}"
    if dst == "web":
        return f"{src} must not import web"
    if RANK[dst] > RANK[src]:
        return f"{src} (stage {RANK[src]}) must not import later stage {dst} (stage {RANK[dst]})"
    return None


# --- the walker itself --------------------------------------------------------------------------


def test_walker_finds_files_and_imports():
    names = {_module_name(p) for p in FILES}
    assert {"dyadwatch", "dyadwatch.types", "dyadwatch.actors.resolve", "dyadwatch.ontology.code"} <= names
    pairs = {(i.module, i.target) for i in INTERNAL}
    assert ("dyadwatch.actors.resolve", "dyadwatch.actors.dictionary") in pairs
    assert ("dyadwatch.ontology.code", "dyadwatch.types") in pairs


def _targets(source: str, module: str = "dyadwatch.actors.resolve", is_package: bool = False) -> list[str]:
    return [i.target for i in _imports_in(source, module, is_package, PACKAGE / "actors" / "resolve.py")]


def test_walker_sees_imports_inside_functions():
    src = (
        "def f():\n"
        "    from dyadwatch.store import open_store\n"
        "    if True:\n"
        "        import dyadwatch.report.brief\n"
        "class C:\n"
        "    def m(self):\n"
        "        import spacy\n"
    )
    assert _targets(src) == ["dyadwatch.store", "dyadwatch.report.brief", "spacy"]
    # and in the real code: cli imports pipeline only inside its command functions
    assert any(i.module == "dyadwatch.cli" and i.target == "dyadwatch.pipeline" for i in INTERNAL)


def test_walker_resolves_package_relative_and_dynamic_imports():
    assert _targets("from dyadwatch import store, __version__") == ["dyadwatch.store", "dyadwatch"]
    assert _targets("from . import dictionary") == ["dyadwatch.actors.dictionary"]
    assert _targets("from .dictionary import ActorEntry") == ["dyadwatch.actors.dictionary"]
    assert _targets("from ..store import Store") == ["dyadwatch.store"]
    assert _targets("from .store import Store", module="dyadwatch", is_package=True) == ["dyadwatch.store"]
    assert _targets("from .resolve import x", module="dyadwatch.actors", is_package=True) == [
        "dyadwatch.actors.resolve"
    ]
    assert _targets("import importlib\nimportlib.import_module('dyadwatch.eval')") == ["importlib", "dyadwatch.eval"]


def test_rules_classify_imports():
    def why(module: str, target: str) -> str | None:
        return _violation(Import(module, target, PACKAGE / "x.py", 1))

    assert why("dyadwatch.actors.resolve", "dyadwatch.store") is not None
    assert why("dyadwatch.actors.resolve", "dyadwatch.nlp.extract") is None
    assert why("dyadwatch.actors.resolve", "dyadwatch.actors.dictionary") is None
    assert why("dyadwatch.nlp.gazetteer", "dyadwatch.actors") is not None
    assert why("dyadwatch.types", "dyadwatch.ingest") is not None
    assert why("dyadwatch.eval.scoring", "dyadwatch.report") is None
    assert why("dyadwatch.eval.scoring", "dyadwatch.pipeline") is not None
    assert why("dyadwatch.report.brief", "dyadwatch.cli") is not None
    assert why("dyadwatch.pipeline", "dyadwatch.eval") is None
    assert why("dyadwatch.cli", "dyadwatch.pipeline") is None
    assert why("dyadwatch.web.app", "dyadwatch.store") is None
    assert why("dyadwatch.web.app", "dyadwatch.types") is None
    assert why("dyadwatch.web.app", "dyadwatch.nlp") is not None
    assert why("dyadwatch.web.app", "dyadwatch.eval") is not None
    assert why("dyadwatch.report.brief", "dyadwatch.web") is not None
    assert _stage("dyadwatch") == BASE
    assert _stage("dyadwatch.config") == BASE
    assert _stage("dyadwatch.eval.scoring") == "eval"
    assert _stage("dyadwatch.pipeline") == TOP


# --- the rules ----------------------------------------------------------------------------------


def test_every_package_has_a_stage():
    known = set(STAGES) | BASE_MODULES | TOP_MODULES | {"web"}
    unknown = sorted(
        p.name if p.is_dir() else p.stem
        for p in PACKAGE.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and p.stem != "__init__")
        if (p.name if p.is_dir() else p.stem) not in known
    )
    assert unknown == [], f"give these modules a stage in tests/test_layering.py: {unknown}"


def test_imports_point_at_real_modules():
    missing = [str(i) for i in INTERNAL if not _exists(i.target)]
    assert missing == []


def test_one_way_data_flow():
    bad = [f"{imp}: {why}" for imp in INTERNAL if (why := _violation(imp))]
    assert bad == [], "layering violations:\n" + "\n".join(bad)


def test_no_stage_imports_pipeline_or_cli():
    bad = [str(i) for i in INTERNAL if _stage(i.module) != TOP and _stage(i.target) == TOP and _violation(i)]
    assert bad == []
    assert _violation(Import("dyadwatch.web.app", "dyadwatch.cli", PACKAGE / "web" / "app.py", 1)) is not None


def test_base_modules_import_only_base():
    bad = [str(i) for i in INTERNAL if _stage(i.module) == BASE and _stage(i.target) != BASE]
    assert bad == []


def test_spacy_only_inside_nlp():
    nlp = PACKAGE / "nlp"
    bad = [
        str(i) for i in IMPORTS if (i.target == "spacy" or i.target.startswith("spacy.")) and nlp not in i.path.parents
    ]
    assert bad == [], "spaCy imported outside dyadwatch/nlp/:\n" + "\n".join(bad)
    # sanity: the walker does see the spaCy imports that belong in nlp/
    assert any(i.target.startswith("spacy") for i in IMPORTS if nlp in i.path.parents)


def test_no_third_party_nlp_stack_outside_nlp():
    # spaCy's own packages (thinc, the model packages) must not leak either
    nlp = PACKAGE / "nlp"
    leaky = ("thinc", "en_core_web_sm")
    bad = [str(i) for i in IMPORTS if i.target.split(".")[0] in leaky and nlp not in i.path.parents]
    assert bad == []
