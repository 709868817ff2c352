"""The dashboard in a real browser: Debian's Chromium driven by Playwright over the demo corpus.

The store is the demo corpus (examples/aze-rus, coded by the real pipeline) plus one hand-written
article that tries to run script from its title and body. The app runs in uvicorn on a free loopback
port in a background thread. Screenshots go to test-artifacts/screenshots/ (ignored by git).

Chromium is Debian's (`apt-get install chromium`), never one downloaded by `playwright install`;
DYADWATCH_CHROMIUM points elsewhere. Without it the tests skip, except in CI (CI set), where they fail.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dyadwatch.pipeline import run_pipeline
from dyadwatch.pipeline.incidents import cluster_store
from dyadwatch.store import open_store
from tests.conftest import DEMO_CORPUS, ROOT
from tests.web.builders import AZE, RUS, Spec, coded_article

pytestmark = [pytest.mark.browser, pytest.mark.model]

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PWN_SCRIPT = "<script>window.__pwned = 1</script>"
PWN_IMG = '<img src=x onerror="window.__pwned = 2">'
RENDERED = "#timeline [data-rendered=true], #timeline[data-rendered=true]"
"""The timeline's plot once dyadwatch.js has drawn it (the plot div sits inside section#timeline)."""


def injected_article():
    """A hand-written article whose title and body try to run script, with an AZE-RUS event."""
    return coded_article(
        "a-injected-pwn",
        [f"Readers of this page saw {PWN_IMG} and {PWN_SCRIPT} in the copy.",
         f"Azerbaijan criticised Russia over the {PWN_SCRIPT} affair on Tuesday."],
        day=date(2025, 10, 21), title=f"{PWN_IMG} Azerbaijan criticises Russia {PWN_SCRIPT}",
        outlet=f"Injected {PWN_IMG} Gazette", url="javascript:window.__pwned=3",
        events=[Spec(1, ("Azerbaijan", AZE), ("Russia", RUS), "criticised", "111")],
    )


@pytest.fixture(scope="session")
def demo_web_store(tmp_path_factory, settings, coder) -> Path:
    path = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    with open_store(str(path)) as store:
        run_pipeline([str(DEMO_CORPUS)], store=store, settings=settings, coder=coder)
        store.write_coded([injected_article()])
        cluster_store(store, dyads=[("AZE", "RUS")])
    return path


@pytest.fixture(scope="session")
def base_url(demo_web_store, settings) -> Iterator[str]:
    import uvicorn

    from dyadwatch.web import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(str(demo_web_store), settings=settings), log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)
    sock.close()


class Watched:
    """A page with its console errors, page errors and dialogs recorded."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture()
def watched(browser) -> Iterator[Watched]:
    tab = Watched(browser)
    yield tab
    tab.page.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_dyad_page_draws_the_timeline_and_the_scenario_board(watched, base_url):
    page = watched.page
    page.goto(f"{base_url}/dyads/AZE-RUS")
    page.wait_for_selector(RENDERED, timeout=15_000)
    sides = page.evaluate("""() => {
        const plot = document.querySelector('#timeline .dw-plot') || document.querySelector('#timeline');
        const out = {above: 0, below: 0, links: 0};
        for (const trace of plot.data) {
            for (const y of trace.y || []) { if (y > 0) out.above += 1; if (y < 0) out.below += 1; }
            for (const c of trace.customdata || []) { if (String(c).startsWith('/events/')) out.links += 1; }
        }
        return out;
    }""")
    assert sides["above"] >= 5 and sides["below"] >= 5, sides  # AZE->RUS above the axis, RUS->AZE below
    assert sides["links"] == sides["above"] + sides["below"]
    rows = page.locator("#scenario-table tbody tr")
    assert rows.count() >= 4
    probabilities = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert all(any(ch.isdigit() for ch in row) for row in probabilities), probabilities
    page.wait_for_selector("#scenario-board [data-rendered=true]", timeout=10_000)
    assert page.locator("#scenario-board svg.main-svg").count() >= 1  # Plotly drew the probability history
    screenshot(page, "dyad-AZE-RUS.png")
    assert watched.errors == [] and watched.dialogs == []


def test_click_through_to_an_event_with_its_sentence_highlighted(watched, base_url):
    page = watched.page
    page.goto(f"{base_url}/dyads/AZE-RUS")
    page.wait_for_selector(RENDERED, timeout=15_000)
    link = page.locator("#events a.event-link").first
    href = link.get_attribute("href")
    assert href and href.startswith("/events/")
    link.click()
    page.wait_for_url(f"{base_url}{href}")
    sentence = page.locator("#article .sentence")
    assert sentence.count() == 1 and sentence.is_visible()
    assert len(sentence.inner_text().strip()) > 20
    trigger = sentence.locator("mark.trigger")
    assert trigger.count() == 1 and trigger.is_visible() and trigger.inner_text() in sentence.inner_text()
    assert sentence.locator("mark.source").count() == 1 and sentence.locator("mark.target").count() == 1
    assert page.locator("#mentions tbody tr").count() >= 1
    screenshot(page, "event.png")
    assert watched.errors == [] and watched.dialogs == []


def test_injected_script_in_an_article_does_not_run(watched, base_url):
    page = watched.page
    found = page.request.get(f"{base_url}/search.json?q=criticised+__pwned").json()
    assert found["total"] == 1
    page.goto(f"{base_url}{found['results'][0]['href']}")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#article-body script, #article-title img, #article-body img").count() == 0
    assert PWN_SCRIPT in page.locator("#article-body").inner_text()
    assert PWN_IMG in page.locator("#article-title").inner_text()
    assert page.locator("#article-body .sentence mark.trigger").inner_text() == "criticised"
    assert page.locator("a[href^='javascript']").count() == 0
    screenshot(page, "injected.png")
    page.goto(f"{base_url}/dyads/AZE-RUS")  # the sentence is in the events table and a hover text there
    page.wait_for_selector(RENDERED, timeout=15_000)
    assert PWN_SCRIPT in page.locator("#events").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert watched.dialogs == [] and watched.errors == []
