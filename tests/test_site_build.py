"""The example site, built for real with `mkdocs build --strict` (and with ProperDocs)."""

from __future__ import annotations

import json
from html import escape as html_escape
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from project_paths import LUMEN as ROOT  # the example site (tests/fixtures/lumen), not the repository root
NOW = "2026-11-23 10:00 UTC"


def run_build(project: Path, out: Path, tool: str = "mkdocs") -> subprocess.CompletedProcess:
    env = {**os.environ, "AFTERWORD_NOW": NOW}
    command = [sys.executable, "-m", tool, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example") / "site"
    result = run_build(ROOT, out)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


def front_matter_of(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig")
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def source_documents():
    for path in sorted((ROOT / "incidents").rglob("*.md")) + sorted((ROOT / "postmortems").glob("*.md")):
        yield path, front_matter_of(path)


def published_files(site: Path):
    return [p for p in site.rglob("*") if p.is_file()]


def test_every_published_incident_has_a_page_and_withheld_ones_do_not(example_site):
    for path, meta in source_documents():
        if path.parent.parent.name != "incidents":
            continue
        page = example_site / "incidents" / path.stem / "index.html"
        withheld = meta.get("draft") or (meta.get("security") and not meta.get("disclosed"))
        assert page.exists() != bool(withheld), path


def test_home_page_shows_current_state_components_and_open_incident(example_site):
    home = (example_site / "index.html").read_text()
    assert "Minor Service Outage" in home  # one minor incident is open in the example content
    assert home.count('class="aw-bar"') == 7  # one 90-day bar per component
    assert home.count("aw-bar__day ") == 7 * 90
    assert "Ongoing incidents" in home and "Upcoming maintenance" in home


def test_open_incident_is_announced_on_every_page(example_site):
    for page in ["index.html", "history/index.html", "subscribe/index.html", "postmortems/index.html"]:
        html = (example_site / page).read_text()
        assert 'class="aw-banner"' in html and "Bank sync delayed for some banks" in html, page


def test_incident_page_shows_timeline_impact_components_duration_and_postmortem(example_site):
    html = (example_site / "incidents" / "2025-08-14-card-payments-failing" / "index.html").read_text()
    heads = re.findall(r'aw-update__head"[^>]*><span class="aw-status aw-status--(\w+)">\w+</span> <time class="aw-time" datetime="([^"]+)"', html)
    assert len(heads) >= 2
    assert [t for _, t in heads] == sorted((t for _, t in heads), reverse=True), "updates newest first"
    assert heads[0][0] == "resolved"
    assert "aw-impact--critical" in html or "aw-impact--major" in html
    assert "Duration" in html and 'href="../../components/payments/"' in html
    assert 'href="../../postmortems/' in html


def test_postmortem_page_has_summary_first_timeline_body_and_follow_ups(example_site):
    html = (example_site / "postmortems" / "2025-08-14-card-payments-failing" / "index.html").read_text()
    html = html[html.index("<article"):]  # the page body, not the table of contents beside it
    summary = html.index("Summary")
    assert summary < html.index("What happened") < html.index('<ol class="aw-timeline"')
    assert html.count('class="aw-timeline__item"') >= 4
    assert "What we committed to" in html and "aw-follow-up--" in html


def test_history_is_grouped_by_month_newest_first_with_year_pages(example_site):
    html = (example_site / "history" / "index.html").read_text()
    months = re.findall(r'<h2 id="[^"]*">(\w+ \d{4})', html)
    assert months[:2] == ["December 2026", "November 2026"]
    assert (example_site / "history" / "2025" / "index.html").exists()
    assert (example_site / "history" / "2026" / "index.html").exists()
    assert 'href="../components/payments/"' in html


def test_component_pages_list_incidents_and_uptime(example_site):
    html = (example_site / "components" / "payments" / "index.html").read_text()
    assert "Uptime by month" in html and "% uptime over the last 90 days" in html
    assert "Card payments failing" in html or "card payments" in html.lower()


def test_incidents_are_not_in_the_navigation(example_site):
    html = (example_site / "index.html").read_text()
    start = re.search(r'<nav class="md-nav md-nav--primary[^"]*"', html).start()
    nav = html[start:html.index("</nav>", start)]
    assert "Status" in nav and "History" in nav
    assert "incidents/" not in nav


def test_search_finds_incidents_and_postmortems_by_their_words(example_site):
    index = json.loads((example_site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"] if "reconciliation ledger" in doc["text"].lower()}
    # Only the postmortem: lists (commitments, history, components) are not indexed, and no incident mentions it.
    assert {loc.split("#")[0] for loc in locations} == {"postmortems/2026-03-bank-sync/"}
    assert any(doc["location"].startswith("incidents/") for doc in index["docs"])


def test_feeds_are_linked_from_every_page(example_site):
    for page in ["index.html", "history/index.html", "incidents/2025-08-14-card-payments-failing/index.html"]:
        html = (example_site / page).read_text()
        assert re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]*href="[./]*/?feeds/incidents.rss"', html), page
        assert 'type="application/atom+xml"' in html and 'type="application/feed+json"' in html


def test_no_third_party_requests_and_external_links_are_safe(example_site):
    for page in example_site.rglob("*.html"):
        html = page.read_text()
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            if "<link" in html and re.search(rf'<(?:link|script|img)[^>]+(?:src|href)="{re.escape(url)}"', html):
                assert url.startswith("https://status.lumen.example/"), (page, url)


def test_nothing_withheld_appears_in_any_published_file(example_site):
    """Draft and undisclosed security titles, their text, and every internal value: in no file at all."""
    needles = []
    for path, meta in source_documents():
        withheld = meta.get("draft") or (meta.get("security") and not meta.get("disclosed"))
        if withheld:
            needles.append(meta["title"])
        stack = [meta.get("internal")]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
            elif isinstance(value, str) and len(value) >= 6:
                needles.append(value)
    assert len(needles) >= 5
    for file in published_files(example_site):
        data = file.read_bytes()
        if file.suffix == ".gz":
            import gzip

            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="ignore")
        for needle in needles:
            assert needle not in text, f"{needle!r} leaked into {file.relative_to(example_site)}"


def test_validation_problems_fail_the_build_and_publish_nothing(scratch_project, tmp_path):
    sample = sorted((ROOT / "incidents" / "2025").glob("*.md"))[0].read_text()
    folder = scratch_project / "incidents" / "2026"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text(re.sub(r"(## \w+ · \d{4}-\d\d-\d\d \d\d:\d\d) UTC", r"\1", sample, count=1))
    (folder / "b.md").write_text(sample.replace("components: [", "components: [nonexistent, ", 1))
    (folder / "c.md").write_text(sample)
    (scratch_project / "incidents" / "c.md").write_text(sample)
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old")
    result = run_build(scratch_project, out)
    assert result.returncode != 0
    assert re.search(r"incidents/2026/a\.md:\d+:\d+: \[afterword\.timestamp\]", result.stderr)
    assert re.search(r"incidents/2026/b\.md:\d+:\d+: \[afterword\.component\]", result.stderr)
    assert re.search(r"incidents/c\.md:1:1: \[afterword\.duplicate-id\]", result.stderr)
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []


def test_the_same_site_builds_with_properdocs(tmp_path):
    pytest.importorskip("properdocs")
    result = run_build(ROOT, tmp_path / "site", tool="properdocs")
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "incidents" / "2025-08-14-card-payments-failing" / "index.html").exists()
    assert (tmp_path / "site" / "feeds" / "incidents.atom").exists()


def test_postmortems_have_a_page_per_year(example_site):
    html = (example_site / "postmortems" / "index.html").read_text()
    assert 'href="../postmortems/years/2025/"' in html and 'href="../postmortems/years/2026/"' in html
    year = (example_site / "postmortems" / "years" / "2026" / "index.html").read_text()
    assert "Postmortems published in 2026" in year and 'href="../../../postmortems/2026-01-20-api-errors/"' in year


def test_commitments_list_open_ones_and_have_a_page_per_year(example_site):
    html = (example_site / "commitments" / "index.html").read_text()
    assert "In progress" in html and "Planned" in html and "Done in the last year" in html
    # Every follow-up of every published postmortem is listed on the page of its postmortem's year.
    for path, meta in source_documents():
        if path.parent.name != "postmortems" or meta.get("draft"):
            continue
        year = str(meta["published"])[:4]
        page = (example_site / "commitments" / "years" / year / "index.html").read_text()
        assert f"What we committed to in {year}" in page
        for follow_up in meta.get("follow_ups", []):
            assert html_escape(follow_up["title"], quote=False) in page, (year, follow_up["title"])
