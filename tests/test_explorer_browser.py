"""The explorer in a real browser: headless Chromium (Debian's `chromium`) driven by
Playwright against `kg serve` on a free localhost port. Screenshots of every page go to
$KG_SCREENSHOTS (default build/screenshots), for people to look at.

Skips, saying why, only where no Chromium is installed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from serve_fixture import build_explorer_store, running_server

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)"
)
SCREENSHOTS = Path(
    os.environ.get("KG_SCREENSHOTS", Path(__file__).parent.parent / "build" / "screenshots")
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_explorer_store(tmp_path_factory.mktemp("browser") / "store")
    with running_server(store) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def console_errors() -> list[str]:
    return []


@pytest.fixture
def page(browser, console_errors):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors = console_errors
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    yield opened
    context.close()
    assert not errors, f"the page reported errors: {errors}"


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_search_then_entity_page_with_highlighted_evidence(page, server):
    page.goto(server)
    shot(page, "01-home")
    page.get_by_label("Name").fill("rahmat")
    page.get_by_role("button", name="Search").last.click()
    page.wait_for_url("**/search?**")
    shot(page, "02-search")
    page.get_by_role("link", name="Rahmat Sudirja").first.click()
    page.wait_for_url("**/entity?**")
    assert page.get_by_role("heading", level=1).inner_text() == "Rahmat Sudirja"
    marks = page.locator("blockquote.evidence mark")
    assert marks.count() >= 2
    assert {text.lower() for text in marks.all_inner_texts()} == {"rahmat sudirja"}
    assert page.get_by_role("link", name="Pj Bupati Ogan Ilir Minta ASN").first.is_visible()
    shot(page, "03-entity-person")
    page.get_by_role("link", name="Penjabat Bupati Ogan Ilir").first.click()
    page.wait_for_url("**/entity?**")
    holders = page.locator("table.holders tbody tr td:first-child").all_inner_texts()
    assert holders.index("Rahmat Sudirja") < holders.index("Yusran Hadiwijaya")
    shot(page, "04-entity-office")


def test_search_by_press_abbreviation_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "search?q=pilbup+ogan")
    assert page.get_by_role("link", name="Pemilihan Bupati Ogan Ilir 2024").is_visible()
    page.get_by_role("link", name="Pemilihan Bupati Ogan Ilir 2024").click()
    assert "Election dates" in page.content()
    context.close()


def test_named_query_runs_from_the_ask_page(page, server):
    page.goto(server + "ask")
    page.get_by_role("link", name="holds-office").click()
    page.get_by_label("jurisdiction").fill("Kabupaten Ogan Ilir")
    page.get_by_role("button", name="Run query").click()
    page.wait_for_selector("table.results-table")
    header = page.locator("table.results-table thead th").all_inner_texts()
    assert "personName" in header
    column = header.index("personName") + 1
    names = page.locator(f"table.results-table tbody td:nth-child({column})").all_inner_texts()
    assert set(names) == {"Dewi Anggraini", "Rahmat Sudirja", "Yusran Hadiwijaya"}
    shot(page, "05-ask")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("person,personName")


def test_network_view_draws_the_neighbourhood(page, server):
    page.goto(server + "search?q=yusran")
    page.get_by_role("link", name="Yusran Hadiwijaya").first.click()
    page.get_by_role("link", name="Network (2 hops)").click()
    page.wait_for_selector("svg.network")
    labels = page.locator("svg.network text").all_text_contents()
    assert "Yusran Hadiwijaya" in labels and "Penjabat Bupati Ogan Ilir" in labels
    assert "Rahmat Sudirja" in labels
    shot(page, "06-network")
    page.locator("svg.network a", has_text="Rahmat Sudirja").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Rahmat Sudirja"


def test_keyboard_reaches_search(page, server):
    page.goto(server + "ask")
    page.keyboard.press("/")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "top-q"
    page.keyboard.type("dewi")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?**")
    assert page.get_by_role("link", name="Dewi Anggraini").is_visible()


def test_hostile_input_is_echoed_escaped(page, server, console_errors):
    page.goto(server + "search?q=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E")
    assert page.evaluate("window.pwned") is None
    assert "<script>window.pwned=1</script>" in page.locator("main").inner_text()
    response = page.goto(server + "entity?iri=..%2F..%2Fetc%2Fpasswd")
    assert response is not None and response.status == 404
    shot(page, "07-error")
    console_errors.remove(
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    )
