"""The web page in a real headless Chromium (Debian's chromium, driven by Playwright's Python
binding with executable_path, so Playwright downloads no browser): run a saved query in the
YASGUI editor and see its result table, run a saved query's form, open an entity page.
Screenshots go to the test's tmp_path.

Set-up installs what this needs (see the README's test command): `pip install playwright`,
`sh kg/server/static/install.sh --browser` (YASGUI from npm, and chromium with apt-get).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg import vocab
from kg.loader import load_paths
from kg.server import pages
from kg.server.launch import running_server
from kg.store import open_store

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)) and not shutil.which(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium, or sh kg/server/static/install.sh --browser)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "store"
    with open_store(path, create=True) as store:
        assert load_paths(store, [vocab.PROJECT_ROOT / "seeds"], progress=False).ok
    with running_server(path, "--timeout", "10") as server:
        yield server.url


@pytest.fixture()
def page(tmp_path):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        pg = context.new_page()
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.set_default_timeout(20_000)
        yield pg
        browser.close()
        assert not errors, f"JavaScript errors: {errors}"


def test_yasgui_runs_a_saved_query(page, server_url, tmp_path: Path):
    assert pages.yasgui_installed(), "YASGUI is not installed: run sh kg/server/static/install.sh (set-up)"
    page.goto(server_url)
    page.wait_for_selector(".yasqe .CodeMirror")
    tabs = page.locator(".tabsList .tab").all_inner_texts()
    assert any("cq01_commitments" in t for t in tabs) and any("cq02_firm_facilities" in t for t in tabs)
    editor_text = page.evaluate("window.kgYasgui.getTab().getYasqe().getValue()")
    assert "PREFIX ai:" in editor_text and "SELECT" in editor_text
    page.click(".yasqe_queryButton")
    rows = page.locator(".yasr table.dataTable tbody tr")
    rows.first.wait_for()
    assert rows.count() >= 5
    assert "investment_commitment" in page.locator(".yasr table.dataTable").inner_text()
    page.screenshot(path=str(tmp_path / "yasgui.png"), full_page=False)
    assert (tmp_path / "yasgui.png").stat().st_size > 10_000


def test_saved_query_form_and_entity_page(page, server_url, tmp_path: Path):
    page.goto(server_url + "queries/cq02_firm_facilities")
    page.fill("#p-firm", "Anthropic")
    page.click("#run")
    page.wait_for_selector("div.results table tbody tr")
    assert "firm=Anthropic" in page.url
    page.screenshot(path=str(tmp_path / "saved-query.png"), full_page=True)
    # open an entity from the table: the firm's own page
    page.click("div.results table a[href='/id/org/anthropic']")
    page.wait_for_url("**/id/org/anthropic")
    assert page.locator("h1").inner_text() == "Anthropic"
    assert "أنثروبيك" in page.locator("ul.labels").inner_text()
    quotes = page.locator("table.figures blockquote.quote")
    assert quotes.count() >= 5 and "Milliarden" in page.locator("table.figures").inner_text()
    page.screenshot(path=str(tmp_path / "entity.png"), full_page=True)
    assert (tmp_path / "entity.png").stat().st_size > 10_000
