"""The updates feeds: one entry per public update, titled with its status, stable ids, per component."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import feedparser

from afterword.publish import write_feeds

from publish_helpers import SITE, load, read_tree, write_incident

NOW = datetime(2025, 6, 2, 12, 0, tzinfo=timezone.utc)


def entries(feeds, name):
    parsed = feedparser.parse((feeds / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed.entries


def build(root, now=NOW, out="site"):
    history, settings = load(root)
    write_feeds(history, settings, root / out, now)
    return root / out / "feeds"


def test_one_entry_per_update_titled_with_its_status(scratch_project):
    write_incident(scratch_project, "2025-06-02-bank", [
        ("Investigating", "2025-06-02 10:00 UTC", "Bank sync is **slow**."),
        ("Resolved", "2025-06-02 11:00 UTC", "Fixed."),
        ("Monitoring", "2025-06-02 10:30 UTC", "Catching up."),
    ], title="Bank sync delayed", components=("api",))
    write_incident(scratch_project, "2025-06-01-web", [("Investigating", "2025-06-01 09:00 UTC", "Slow pages.")],
                   title="Slow pages", components=("web-app",))
    feeds = build(scratch_project)
    for kind in ("rss", "atom"):
        found = entries(feeds, f"updates.{kind}")
        assert [e.title for e in found] == ["Resolved: Bank sync delayed", "Monitoring: Bank sync delayed",
                                            "Investigating: Bank sync delayed", "Investigating: Slow pages"]
        assert all(e.id.startswith(SITE + "incidents/") and "#update-" in e.id and e.link == e.id for e in found)
        if kind == "rss":  # RSS requires an e-mail form; (feedparser's own split misreads TLDs over 4 letters)
            assert found[0].author == "noreply@status.lumen.example (Lumen)"
        else:
            assert found[0].author_detail.name == "Lumen" and found[0].author_detail.email == "noreply@status.lumen.example"
    assert [e.title for e in entries(feeds, "updates/api.atom")] == [
        "Resolved: Bank sync delayed", "Monitoring: Bank sync delayed", "Investigating: Bank sync delayed"]
    assert [e.title for e in entries(feeds, "updates/web-app.rss")] == ["Investigating: Slow pages"]
    item = json.loads((feeds / "updates.json").read_text())["items"][-1]
    assert item["_afterword"]["kind"] == "incident_update" and item["_afterword"]["incident"] == "2025-06-01-web"
    assert "<strong>slow</strong>" in json.loads((feeds / "updates.json").read_text())["items"][2]["content_html"]


def test_ids_survive_edits_and_new_updates_and_rebuilds_are_identical(scratch_project):
    first = [("Investigating", "2025-06-02 10:00 UTC", "Slow.")]
    write_incident(scratch_project, "2025-06-02-bank", first, title="Bank sync delayed")
    before = {e.title: e.id for e in entries(build(scratch_project, out="a"), "updates.atom")}
    write_incident(scratch_project, "2025-06-02-bank", [("Investigating", "2025-06-02 10:00 UTC", "Slow, edited."),
                                                        ("Resolved", "2025-06-02 11:00 UTC", "Fixed.")], title="Bank sync delayed")
    after = {e.title: e.id for e in entries(build(scratch_project, out="b"), "updates.atom")}
    assert after["Investigating: Bank sync delayed"] == before["Investigating: Bank sync delayed"]
    assert len(set(after.values())) == 2
    assert read_tree(build(scratch_project, out="b")) == read_tree(build(scratch_project, out="c"))


def test_withheld_and_future_updates_are_not_entries(scratch_project):
    write_incident(scratch_project, "2025-06-02-bank", [
        ("Investigating", "2025-06-02 10:00 UTC", "Slow."),
        ("Resolved", "2025-06-02 13:00 UTC", "Written ahead."),
    ], title="Bank sync delayed")
    write_incident(scratch_project, "2025-06-02-draft", [("Investigating", "2025-06-02 10:00 UTC", "DRAFTMARKER")], draft=True)
    write_incident(scratch_project, "2025-06-02-sec", [("Investigating", "2025-06-02 10:00 UTC", "SECRETMARKER")], security=True)
    feeds = build(scratch_project)
    assert [e.title for e in entries(feeds, "updates.atom")] == ["Investigating: Bank sync delayed"]
    text = "".join(p.read_text() for p in [*feeds.glob("updates.*"), *(feeds / "updates").iterdir()])
    assert "Written ahead" not in text and "DRAFTMARKER" not in text and "SECRETMARKER" not in text
