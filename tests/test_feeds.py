"""RSS, Atom and JSON Feed output: parsed with feedparser (and json), never compared as strings."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest

from afterword.problems import ContentError
from afterword.publish import feed_links, write_feeds
from afterword.settings import load_settings

from publish_helpers import SITE, load, read_tree, write_incident, write_postmortem

EMAIL_OUTAGE = [
    ("Investigating", "2025-03-04 12:15 UTC", "Invoice emails are **not being sent**. See [the guide](/guides/email/)."),
    ("Identified", "2025-03-04 12:40 UTC", "A certificate expired. Details on [the vendor page](https://vendor.example/notice)."),
    ("Resolved", "2025-03-04 13:30 UTC", "Emails are flowing again."),
]


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def parse_xml(path: Path):
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return parsed


def parse_json(path: Path) -> dict:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    return document


def as_utc(struct) -> datetime:
    return datetime(*struct[:6], tzinfo=timezone.utc)


@pytest.fixture
def site(scratch_project: Path) -> Path:
    write_incident(scratch_project, "2025-03-04-email", EMAIL_OUTAGE, title="Invoice emails not sent", impact="major",
                   components=("email", "webhooks"))
    write_incident(scratch_project, "2025-02-01-api", [
        ("Investigating", "2025-02-01 09:00 UTC", "API errors."),
        ("Resolved", "2025-02-01 10:00 UTC", "Fixed."),
    ], title="API errors", components=("api",))
    write_postmortem(scratch_project, "2025-03-email", "2025-03-04-email", "2025-03-10 09:00 UTC",
                     title="Why invoice emails stopped", summary="A certificate expired; we now renew them automatically.")
    return scratch_project


def build(root: Path, out: Path | None = None, **sections) -> Path:
    history, settings = load(root, **sections)
    out = out or root / "site"
    write_feeds(history, settings, out)
    return out / "feeds"


def test_every_feed_is_written_and_parses(site):
    history, settings = load(site)
    written = write_feeds(history, settings, site / "site")
    names = {p.relative_to(site / "site").as_posix() for p in written}
    expected_feeds = ["incidents", "postmortems", "updates", *(f"{kind}/{c.id}" for c in settings.components for kind in ("components", "updates"))]
    assert names == {f"feeds/{name}.{kind}" for name in expected_feeds for kind in ("rss", "atom", "json")}
    for path in written:
        parse_json(path) if path.suffix == ".json" else parse_xml(path)


def test_entry_id_dates_and_link_in_every_format(site):
    feeds = build(site)
    url = SITE + "incidents/2025-03-04-email/"
    first, latest, postmortem = utc("2025-03-04 12:15"), utc("2025-03-04 13:30"), utc("2025-03-10 09:00")
    atom = parse_xml(feeds / "incidents.atom")
    entry = next(e for e in atom.entries if e.id == url)
    assert entry.link == url
    assert as_utc(entry.published_parsed) == first
    # A postmortem published later is the entry's latest change.
    assert as_utc(entry.updated_parsed) == max(latest, postmortem)
    assert atom.feed.id == SITE + "feeds/incidents.atom"
    assert as_utc(atom.feed.updated_parsed) == postmortem  # the newest entry's time, never the build's

    rss = parse_xml(feeds / "incidents.rss")
    item = next(e for e in rss.entries if e.id == url)
    # RSS has one date per item and readers sort by it: the latest change moves it.
    assert item.link == url and as_utc(item.published_parsed) == max(latest, postmortem)
    assert item.author == "noreply@status.lumen.example (Lumen)"
    assert rss.feed.link == SITE + "history/"
    assert "Mon, 10 Mar 2025 09:00:00" in (feeds / "incidents.rss").read_text()  # lastBuildDate

    document = parse_json(feeds / "incidents.json")
    item = next(i for i in document["items"] if i["id"] == url)
    assert item["url"] == url
    assert item["date_published"] == "2025-03-04T12:15:00Z"
    assert item["date_modified"] == "2025-03-10T09:00:00Z"
    assert {"Major", "Resolved", "Invoice email delivery", "Webhooks"} <= set(item["tags"])
    assert item["_afterword"]["postmortem_urls"] == [SITE + "postmortems/2025-03-email/"]
    assert item["_afterword"]["api_url"] == SITE + "api/v2/incidents/2025-03-04-email.json"


def test_content_holds_the_whole_trail_newest_first_with_rendered_markdown(site):
    feeds = build(site)
    atom = parse_xml(feeds / "incidents.atom")
    content = next(e for e in atom.entries if e.id.endswith("/2025-03-04-email/")).content[0].value
    positions = [content.index(f"{label} · ") for label in ("Resolved", "Identified", "Investigating")]
    assert positions == sorted(positions)
    assert "<strong>not being sent</strong>" in content
    # Relative links become absolute; only links leaving the site get rel="noopener noreferrer".
    assert f'<a href="{SITE}guides/email/">the guide</a>' in content
    assert '<a href="https://vendor.example/notice" rel="noopener noreferrer">' in content
    assert f'href="{SITE}postmortems/2025-03-email/"' in content
    assert f'href="{SITE}incidents/2025-03-04-email/"' in content


def test_postmortems_feed_has_one_entry_per_postmortem(site):
    feeds = build(site)
    for kind in ("rss", "atom"):
        entries = parse_xml(feeds / f"postmortems.{kind}").entries
        assert [e.id for e in entries] == [SITE + "postmortems/2025-03-email/"]
        assert entries[0].title == "Why invoice emails stopped"
        assert SITE + "incidents/2025-03-04-email/" in entries[0].content[0].value
    item = parse_json(feeds / "postmortems.json")["items"][0]
    assert item["date_published"] == item["date_modified"] == "2025-03-10T09:00:00Z"
    assert item["_afterword"]["incidents"] == ["2025-03-04-email"]


def test_component_feeds_hold_only_their_incidents(site):
    feeds = build(site)
    assert [e.id for e in parse_xml(feeds / "components/api.atom").entries] == [SITE + "incidents/2025-02-01-api/"]
    assert [e.id for e in parse_xml(feeds / "components/webhooks.rss").entries] == [SITE + "incidents/2025-03-04-email/"]
    empty = parse_xml(feeds / "components/reports.atom")
    assert empty.entries == []
    # An empty feed is still dated by content: the site's newest change.
    assert as_utc(empty.feed.updated_parsed) == utc("2025-03-10 09:00")


def test_entries_are_ordered_by_latest_change_and_bounded(scratch_project):
    for day in range(1, 8):
        write_incident(scratch_project, f"2025-05-0{day}-x", [("Investigating", f"2025-05-0{day} 10:00 UTC", "Slow.")])
    # An old incident with a recent update counts as recent.
    write_incident(scratch_project, "2025-01-01-old", [
        ("Investigating", "2025-01-01 10:00 UTC", "Slow."), ("Resolved", "2025-05-09 10:00 UTC", "Fixed."),
    ])
    feeds = build(scratch_project, feeds={"max_entries": 3})
    expected = [SITE + f"incidents/{i}/" for i in ("2025-01-01-old", "2025-05-07-x", "2025-05-06-x")]
    assert [e.id for e in parse_xml(feeds / "incidents.atom").entries] == expected
    assert [e.id for e in parse_xml(feeds / "incidents.rss").entries] == expected
    assert [i["id"] for i in parse_json(feeds / "incidents.json")["items"]] == expected
    # The default bound keeps all eight.
    assert len(parse_xml(build(scratch_project, scratch_project / "all").joinpath("incidents.atom")).entries) == 8


def test_bad_bound_is_a_clear_error(site):
    with pytest.raises(ContentError, match="max_entries must be a whole number"):
        build(site, feeds={"max_entries": "many"})


def test_rebuild_of_unchanged_content_is_byte_identical(site):
    first = read_tree(build(site, site / "one"))
    second = read_tree(build(site, site / "two"))
    assert first and first == second


def test_added_update_changes_updated_but_not_the_id(scratch_project):
    updates = [("Investigating", "2025-04-01 10:00 UTC", "Slow.")]
    write_incident(scratch_project, "2025-04-01-slow", updates)
    before = parse_xml(build(scratch_project, scratch_project / "before") / "incidents.atom").entries[0]
    write_incident(scratch_project, "2025-04-01-slow", updates + [("Resolved", "2025-04-01 11:00 UTC", "Fixed.")])
    after = parse_xml(build(scratch_project, scratch_project / "after") / "incidents.atom").entries[0]
    assert after.id == before.id == SITE + "incidents/2025-04-01-slow/"
    assert as_utc(before.updated_parsed) == utc("2025-04-01 10:00")
    assert as_utc(after.updated_parsed) == utc("2025-04-01 11:00")
    assert after.published == before.published


def test_withheld_content_and_internal_values_reach_no_feed(site):
    write_incident(site, "2025-03-05-draft", [("Investigating", "2025-03-05 10:00 UTC", "DRAFTMARKER text.")],
                   title="Draft DRAFTMARKER", draft=True)
    write_incident(site, "2025-03-06-sec", [("Investigating", "2025-03-06 10:00 UTC", "SECRETMARKER text.")],
                   title="Security SECRETMARKER", security=True)
    write_incident(site, "2025-03-07-public", [("Investigating", "2025-03-07 10:00 UTC", "Public text.")],
                   internal={"ticket": "INTERNALMARKER-42", "notes": "INTERNALMARKER"})
    write_postmortem(site, "2025-03-draft-pm", "2025-03-04-email", "2025-03-11 09:00 UTC", title="PMDRAFTMARKER",
                     draft=True, internal={"owner": "INTERNALMARKER"})
    feeds = build(site)
    blob = b"".join(read_tree(feeds).values())
    assert b"Public text." in blob
    for marker in (b"DRAFTMARKER", b"SECRETMARKER", b"INTERNALMARKER", b"2025-03-05-draft", b"2025-03-06-sec"):
        assert marker not in blob, marker


def test_script_event_handlers_and_javascript_urls_never_reach_a_feed(scratch_project):
    hostile = (
        "Hello <script>alert('x')</script> world <img src=x onerror=alert(1)> "
        "[click](javascript:alert(1)) <a href=\"JaVaScRiPt:alert(2)\">b</a> <iframe src=\"https://e.example\"></iframe> "
        "<svg onload=alert(3)></svg> <p style=\"x\" onclick=\"alert(4)\">para</p>"
    )
    write_incident(scratch_project, "2025-04-02-xss", [("Investigating", "2025-04-02 10:00 UTC", hostile)],
                   title="<script>alert('title')</script> & co")
    feeds = build(scratch_project)
    for path in feeds.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            texts = [i["content_html"] for i in parse_json(path)["items"]]
        else:
            texts = [e.content[0].value for e in feedparser.parse(path.read_bytes()).entries]
        for text in [raw, *texts]:
            lowered = text.lower()
            for bad in ("<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<svg"):
                assert bad not in lowered, (path, bad)
    atom = parse_xml(feeds / "incidents.atom")
    assert atom.entries[0].title == "<script>alert('title')</script> & co"  # escaped, so shown as text
    assert "Hello" in atom.entries[0].content[0].value and "para" in atom.entries[0].content[0].value


def test_missing_site_url_fails_the_build_clearly(site):
    history, settings = load(site)
    settings.site_url = None
    with pytest.raises(ContentError, match=r"^site_url is not set in mkdocs.yml: feeds need absolute links"):
        write_feeds(history, settings, site / "site")
    assert not (site / "site" / "feeds").exists()


def test_feed_links_are_site_relative_with_types(project_root):
    settings = load_settings(project_root / "mkdocs.yml")
    links = feed_links(settings)
    assert [link["href"] for link in links] == [
        f"feeds/{name}.{kind}" for name in ("updates", "incidents", "postmortems") for kind in ("rss", "atom", "json")
    ]
    assert {link["type"] for link in links} == {"application/rss+xml", "application/atom+xml", "application/feed+json"}
    assert all(link["title"].startswith(settings.site_name) for link in links)
    component = feed_links(settings, component_id="api")
    assert [link["href"] for link in component] == [
        f"feeds/{name}.{k}" for name in ("updates/api", "components/api") for k in ("rss", "atom", "json")
    ]
    assert "Public API" in component[0]["title"]
