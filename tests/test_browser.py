"""The built example site in a real browser: Debian's Chromium driven by Playwright.

Search, the open-incident banner, walking the history, feed discovery, screenshots, axe-core
accessibility checks, and reading with JavaScript disabled. Nothing is downloaded: Chromium is the
system one and axe-core ships inside axe-playwright-python.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from pathlib import Path

import pytest

from project_paths import REPO
from trust_support import ROOT, example_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
INCIDENT = "incidents/2025-08-14-card-payments-failing/"
POSTMORTEM = "postmortems/2025-08-14-card-payments-failing/"
OPEN_INCIDENT_TITLE = "Bank sync delayed for some banks"  # the one incident open at the example's "now"

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -r requirements.in)")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output readable
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The example site served on an ephemeral port of 127.0.0.1, stopped at teardown."""
    site = example_site(tmp_path_factory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.third_party_requests = requests  # checked by test_nothing_is_fetched_from_another_host
    yield page
    context.close()


def test_only_one_postmortem_mentions_reconciliation():
    """The search test below relies on this: the word is in exactly one postmortem."""
    result = subprocess.run(["grep", "-ril", "reconciliation", str(ROOT / "postmortems")], capture_output=True, text=True)
    assert [Path(line).name for line in result.stdout.split()] == ["2026-03-bank-sync.md"]


def test_search_finds_the_postmortem_and_opens_it(page):
    page.goto("")
    page.wait_for_load_state("networkidle")  # Material's search worker has loaded the index
    search = page.locator("input.md-search__input")  # in the header at desktop widths
    search.click()
    search.press_sequentially("reconciliation")  # key events, as a reader types: Material listens to them
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=30000)
    # The list is redrawn after each key; wait (bounded) until it answers the whole word, then read
    # it in one go, so a redraw cannot happen between counting the results and reading them.
    try:
        page.wait_for_function(
            "() => { const links = [...document.querySelectorAll('.md-search-result__item a')];"
            " return links.length > 0 && links.every(a => a.getAttribute('href').includes('postmortems/2026-03-bank-sync/')); }",
            timeout=30000,
        )
    except sync_api.TimeoutError:
        pass  # the assertion below shows what search found instead
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all("postmortems/2026-03-bank-sync/" in href for href in hrefs), hrefs
    results.first.click()
    page.wait_for_url("**/postmortems/2026-03-bank-sync/**")
    assert "reconciliation" in page.locator("article").inner_text().lower()


def test_the_open_incident_banner_is_readable_and_links_to_it(page):
    page.goto("history/")
    banner = page.locator(".aw-banner")
    assert banner.is_visible()
    assert OPEN_INCIDENT_TITLE in banner.inner_text()
    banner.get_by_role("link", name=OPEN_INCIDENT_TITLE).click()
    page.wait_for_url("**/incidents/2026-11-23-bank-sync-delayed/")
    assert page.locator("h1").inner_text() == OPEN_INCIDENT_TITLE


def test_walk_the_history_to_an_incident_and_its_postmortem(page):
    page.goto("")
    page.locator(".md-tabs").get_by_role("link", name="History").click()
    page.wait_for_url("**/history/")
    page.locator("article").get_by_role("link", name="Card payments failing").first.click()
    page.wait_for_url(f"**/{INCIDENT}")
    page.locator("article a[href*='postmortems/2025-08-14-card-payments-failing']").first.click()
    page.wait_for_url(f"**/{POSTMORTEM}")
    assert "What happened" in page.locator("article").inner_text()


def test_feed_links_are_discoverable_and_resolve(page, base_url):
    page.goto("")
    links = page.locator("link[rel=alternate]")
    found = {links.nth(i).get_attribute("type"): links.nth(i).get_attribute("href") for i in range(links.count())}
    assert {"application/rss+xml", "application/atom+xml", "application/feed+json"} <= set(found)
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        response = page.request.get(page.evaluate("href => new URL(href, document.baseURI).href", href))
        assert response.status == 200, href
        body = response.text().lstrip()
        assert body.startswith("<?xml") if "xml" in links.nth(i).get_attribute("type") else body.startswith("{"), href


def test_nothing_is_fetched_from_another_host(page, base_url):
    for path in ("", "history/", INCIDENT, POSTMORTEM):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    foreign = [url for url in page.third_party_requests if not url.startswith((base_url, "data:", "blob:"))]
    assert foreign == []


@pytest.mark.parametrize("name, path", [("home", ""), ("incident", INCIDENT), ("postmortem", POSTMORTEM)])
def test_full_page_screenshots(page, name, path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000  # a real rendering, not a blank page
    # Nothing wider than the viewport: the layout does not overflow sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


@pytest.mark.parametrize("path", ["", "history/", INCIDENT, POSTMORTEM])
def test_no_serious_or_critical_accessibility_violations(page, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    results = axe_module.Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical") and not _theme_exception(v)]
    report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in serious)
    assert serious == [], report


# Violations inside Material's own markup that Afterword cannot fix without copying a theme partial.
# Each is limited to the exact rule and element. aria-dialog-name is an axe best practice (not a
# WCAG criterion): partials/search.html gives <div class="md-search" role="dialog"> no name.
THEME_EXCEPTIONS = {"aria-dialog-name": [[".md-search"]]}


def _theme_exception(violation: dict) -> bool:
    allowed = THEME_EXCEPTIONS.get(violation["id"])
    return allowed is not None and all(node["target"] in allowed for node in violation["nodes"])


@pytest.fixture
def reader(browser, base_url):
    """A reader with JavaScript turned off."""
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10000)
    yield page
    context.close()


def test_the_history_reads_without_javascript(reader):
    reader.goto("history/")
    article = reader.locator("article").inner_text()
    assert "Card payments failing" in article and "2025" in article
    reader.locator("article").get_by_role("link", name="Card payments failing").first.click()
    reader.wait_for_url(f"**/{INCIDENT}")
    incident = reader.locator("article").inner_text()
    assert "Resolved" in incident and "Updates" in incident
    reader.locator("article a[href*='postmortems/2025-08-14-card-payments-failing']").first.click()
    reader.wait_for_url(f"**/{POSTMORTEM}")
    postmortem = reader.locator("article").inner_text()
    assert "What happened" in postmortem and "Summary" in postmortem
    assert reader.evaluate("1 + 1") == 2  # evaluate runs in the utility world; page scripts do not


OPEN_INCIDENT = "incidents/2026-11-23-bank-sync-delayed/"  # started 08:00 UTC; the site is built as of 10:00


def test_an_open_incidents_duration_counts_in_the_browser_from_its_start(browser, base_url):
    """Issue 15.2: "… so far" is computed from the timestamps where JavaScript runs."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.clock.set_fixed_time("2026-11-23T12:30:00Z")  # the reader's clock, 2½ hours after the build
    page.goto(OPEN_INCIDENT)
    duration = page.locator(".aw-since").first
    duration.wait_for()
    page.wait_for_function("document.querySelector('.aw-since').textContent.startsWith('4 hours')")
    assert duration.inner_text() == "4 hours 30 minutes so far"
    context.close()


def test_without_javascript_the_duration_is_the_build_times(reader):
    reader.goto(OPEN_INCIDENT)
    assert reader.locator(".aw-since").first.inner_text() == "2 hours so far"
