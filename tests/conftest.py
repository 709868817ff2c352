"""Shared fixtures. Tests that need the real spaCy pipeline use `coder` (make test installs it, so
they run everywhere); tests that need ../shared/data use `shared_data` and skip where it is absent."""

from __future__ import annotations

import os
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


CHROMIUM = os.environ.get("DYADWATCH_CHROMIUM", "/usr/bin/chromium")
"""Debian's chromium (apt-get install chromium); never a browser fetched by `playwright install`."""


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The browser for the `browser` tests: they skip where it is missing, except in CI, where they fail."""
    if not Path(CHROMIUM).is_file():
        message = f"{CHROMIUM} not found: apt-get install chromium (or set DYADWATCH_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {message}")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for every browser test of the session (Playwright's sync API allows one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path)
        yield launched
        launched.close()
