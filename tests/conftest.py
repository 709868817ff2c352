"""Shared fixtures. Tests that need the real spaCy pipeline use `coder` (make test installs it, so
they run everywhere); tests that need ../shared/data use `shared_data` and skip where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
DEMO_CORPUS = ROOT / "examples" / "aze-rus"


@pytest.fixture(scope="session")
def settings():
    from dyadwatch.config import load_settings

    return load_settings(environ={})


@pytest.fixture(scope="session")
def coder(settings):
    from dyadwatch.pipeline import build_coder

    return build_coder(settings)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} not present (CI has it; the project does not ship it)")
    return SHARED_DATA
