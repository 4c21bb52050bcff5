"""Notifications end to end, against real local receivers (HTTP and SMTP on 127.0.0.1).

An incident is published, then three updates and a resolution, across four builds; after each
build `notify` runs. Every channel gets exactly one message per update, none for withheld content,
and a feedparser-based reader of the updates feed announces every update.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest

from afterword.cli import main
from afterword.notify import Deliverer, State, Transport, load_state, notify_config, reminders, send_reminders
from afterword.notify.http import DeliveryError
from afterword.problems import ContentError
from afterword.publish import write_feeds

from notify_support import HttpReceiver, SmtpReceiver
from publish_helpers import load, write_incident

CHAT = ("slack", "teams", "discord", "hook")
TITLE = "Bank sync delayed"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def notify_section(smtp_port: int) -> dict:
    return {
        "channels": {
            "slack": {"type": "slack", "url_env": "AW_TEST_SLACK"},
            "teams": {"type": "teams", "url_env": "AW_TEST_TEAMS"},
            "discord": {"type": "discord", "url_env": "AW_TEST_DISCORD"},
            "hook": {"type": "webhook", "url_env": "AW_TEST_HOOK"},
            "mail": {"type": "email", "to": ["status@lists.lumen.example"], "from": "Lumen status <status@lumen.example>",
                     "smtp_host": "127.0.0.1", "smtp_port": smtp_port, "security": "none",
                     "unsubscribe": "mailto:unsubscribe@lists.lumen.example"},
            "team": {"type": "slack", "url_env": "AW_TEST_TEAM", "audience": "team"},
        },
        "due": {"channel": "team", "within_minutes": 15},
        "retries": 2,
        "timeout_seconds": 5,
    }


@pytest.fixture
def receivers(monkeypatch):
    with HttpReceiver() as http, SmtpReceiver() as smtp:
        for name in (*CHAT, "team"):
            monkeypatch.setenv(f"AW_TEST_{name.upper()}", f"{http.url}/{name}")
        yield http, smtp


def without_notify(text: str) -> str:
    """The scratch mkdocs.yml without the example's own notify section, so a test can add its own."""
    lines, out, skipping = text.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith("    notify:"):
            skipping = True
            continue
        if skipping and (line.startswith("      ") or not line.strip()):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def fast() -> Transport:
    return Transport(retries=2, timeout=5, backoff=0.01)


def run_notify(root: Path, now: datetime, smtp_port: int, transport: Transport | None = None):
    history, settings = load(root, notify=notify_section(smtp_port))
    config = notify_config(settings)
    state = load_state(root / "notify-state.json", None, fast(), baseline_ids=set())
    return Deliverer(history, settings, config, now, transport or fast(), log=lambda _: None).run(state), state


def withheld(root: Path) -> None:
    write_incident(root, "2025-06-02-draft", [("Investigating", "2025-06-02 09:00 UTC", "DRAFTMARKER payouts.")], draft=True)
    write_incident(root, "2025-06-02-sec", [("Investigating", "2025-06-02 09:10 UTC", "SECRETMARKER access.")],
                   security=True)


BUILDS = [  # (now, updates in the file, titles that became public)
    ("2025-06-02 10:05", [("Investigating", "2025-06-02 10:00 UTC", "Bank sync is delayed. Next update by 10:30 UTC.")],
     ["Investigating"]),
    ("2025-06-02 10:35", [("Identified", "2025-06-02 10:30 UTC", "A supplier change slowed imports."),
                          ("Monitoring", "2025-06-02 11:10 UTC", "Written ahead: not public until 11:10.")],
     ["Identified"]),
    ("2025-06-02 11:15", [("Monitoring", "2025-06-02 11:12 UTC", "Imports are catching up.")],
     ["Monitoring", "Monitoring"]),
    ("2025-06-02 12:05", [("Resolved", "2025-06-02 12:00 UTC", "All accounts are in sync.")], ["Resolved"]),
]


class FeedReader:
    """What feed readers do: remember entry ids, announce the new ones."""

    def __init__(self):
        self.seen: set[str] = set()

    def poll(self, path: Path) -> list[str]:
        if path.suffix == ".json":  # feedparser 6.0 has no JSON Feed parser: read it as JSON Feed readers do
            found = [feedparser.FeedParserDict(id=i["id"], title=i["title"]) for i in json.loads(path.read_text())["items"]]
        else:
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, parsed.get("bozo_exception")
            found = parsed.entries
        new = [e for e in found if e.id not in self.seen]
        self.seen |= {e.id for e in new}
        return sorted(e.title for e in new)


def test_four_builds_one_message_per_update_per_channel(scratch_project, receivers):
    http, smtp = receivers
    withheld(scratch_project)
    trail: list = []
    readers = {kind: FeedReader() for kind in ("rss", "atom", "json")}
    expected_titles: list[str] = []
    for now, added, became_public in BUILDS:
        trail += added
        write_incident(scratch_project, "2025-06-02-bank", trail, title=TITLE, impact="major", components=("api",),
                       internal={"ticket": "INTERNALMARKER"})
        history, settings = load(scratch_project)
        write_feeds(history, settings, scratch_project / "site", utc(now))
        outcome, _ = run_notify(scratch_project, utc(now), smtp.port)
        assert not outcome.failed
        new_titles = sorted(f"{status}: {TITLE}" for status in became_public)
        expected_titles += [f"{status}: {TITLE}" for status in became_public]
        for kind, reader in readers.items():
            assert reader.poll(scratch_project / "site" / "feeds" / f"updates.{kind}") == new_titles, (now, kind)
        assert len(outcome.sent) == 5 * len(became_public)
        sent_so_far = json.dumps([b for _, _, b in http.requests]) + "".join(m.as_string() for m in smtp.messages)
        assert ("Written ahead" in sent_so_far) == (utc(now) >= utc("2025-06-02 11:10"))  # future-dated: not before its time

    assert [b["text"].split(":", 2)[0] + ":" + b["text"].split(":", 2)[1] for b in http.bodies("/slack")] == expected_titles
    assert [b["attachments"][0]["content"]["body"][0]["text"] for b in http.bodies("/teams")] == expected_titles
    assert [b["embeds"][0]["title"] for b in http.bodies("/discord")] == expected_titles
    hooks = http.bodies("/hook")
    assert [h["incident"]["incident_updates"][0]["status"] for h in hooks] == [
        "investigating", "identified", "monitoring", "monitoring", "resolved"]
    assert all(set(h) == {"meta", "page", "incident"} and h["incident"]["name"] == TITLE for h in hooks)
    assert [len(h["incident"]["incident_updates"]) for h in hooks] == [1, 2, 3, 4, 5]  # as of each update
    assert http.bodies("/team") == []  # the team channel never gets customer updates
    assert [m["Subject"].split("] ", 1)[1] for m in smtp.messages] == expected_titles

    everything = json.dumps([b for _, _, b in http.requests]) + "".join(m.as_string() for m in smtp.messages)
    for marker in ("DRAFTMARKER", "SECRETMARKER", "INTERNALMARKER"):
        assert marker not in everything

    # E-mail: plain text and HTML, List-Unsubscribe, one thread per incident.
    ids = [m["Message-ID"] for m in smtp.messages]
    assert len(set(ids)) == 5
    assert smtp.messages[0]["In-Reply-To"] is None
    for index, mail in enumerate(smtp.messages[1:], start=1):
        assert mail["In-Reply-To"] == ids[index - 1]
        assert mail["References"].split()[0] == ids[0]
    for mail in smtp.messages:
        assert mail["List-Unsubscribe"] == "<mailto:unsubscribe@lists.lumen.example>"
        assert {part.get_content_type() for part in mail.iter_parts()} == {"text/plain", "text/html"}

    # A re-run sends nothing twice.
    before = (len(http.requests), len(smtp.messages))
    outcome, _ = run_notify(scratch_project, utc("2025-06-02 13:00"), smtp.port)
    assert outcome.sent == [] and (len(http.requests), len(smtp.messages)) == before


class Crash(BaseException):
    """The runner dies (not an error a channel could catch)."""


class CrashingTransport(Transport):
    def __init__(self, after: int):
        super().__init__(retries=0, timeout=5, backoff=0.01)
        self.left = after

    def post_json(self, url, body, headers=None):
        if self.left == 0:
            raise Crash()
        self.left -= 1
        return super().post_json(url, body, headers)


def test_a_crash_half_way_resends_nothing_already_sent(scratch_project, receivers):
    http, smtp = receivers
    write_incident(scratch_project, "2025-06-02-bank", [status for _, added, _ in BUILDS for status in added][:3],
                   title=TITLE, components=("api",))
    run_notify(scratch_project, utc("2025-06-02 09:00"), smtp.port)  # the baseline: nothing public yet
    with pytest.raises(Crash):
        run_notify(scratch_project, utc("2025-06-02 12:00"), smtp.port, CrashingTransport(after=4))
    assert len(http.requests) == 4
    outcome, _ = run_notify(scratch_project, utc("2025-06-02 12:00"), smtp.port)
    per_channel = {name: [b for p, _, b in http.requests if p == f"/{name}"] for name in CHAT}
    assert {name: len(bodies) for name, bodies in per_channel.items()} == {name: 3 for name in CHAT}
    assert len(smtp.messages) == 3
    keys = [h["X-Afterword-Delivery"] for _, h, _ in http.requests]
    assert len(keys) == len(set(keys))


def test_a_failing_channel_never_blocks_the_others_and_catches_up_later(scratch_project, receivers):
    http, smtp = receivers
    run_notify(scratch_project, utc("2025-06-02 09:00"), smtp.port)
    write_incident(scratch_project, "2025-06-02-bank", BUILDS[0][1], title=TITLE, components=("api",))
    http.failures["/discord"] = [500, 500, 500]  # every attempt of this run
    http.failures["/slack"] = [503]  # one retry, then accepted
    http.failures["/teams"] = [429]  # rate limited: waits Retry-After, then accepted
    outcome, _ = run_notify(scratch_project, utc("2025-06-02 10:05"), smtp.port)
    assert set(outcome.failed) == {"discord"} and "HTTP 500" in outcome.failed["discord"]
    assert len(http.bodies("/slack")) == 1 and len(http.bodies("/teams")) == 1 and len(smtp.messages) == 1
    outcome, _ = run_notify(scratch_project, utc("2025-06-02 10:06"), smtp.port)
    assert outcome.sent == [("discord", outcome.sent[0][1])] and len(http.bodies("/discord")) == 1


def test_no_record_anywhere_fails_unless_baseline(tmp_path):
    with pytest.raises(ContentError, match="--baseline"):
        load_state(tmp_path / "state.json", None, fast(), baseline_ids=None)
    state = load_state(tmp_path / "state.json", None, fast(), baseline_ids={"a", "b"})
    assert state.seen == {"a", "b"}


def test_record_is_read_from_the_live_site_when_absent_locally(tmp_path, receivers):
    http, _ = receivers
    http.files["/notify-state.json"] = json.dumps({"version": 1, "seen": ["x"], "delivered": {"slack": {"x": ""}}}).encode()
    state = load_state(tmp_path / "state.json", f"{http.url}/notify-state.json", fast(), baseline_ids=None)
    assert state.sent("slack", "x") and not state.sent("slack", "y")
    state.record("slack", "y", "now")
    assert json.loads((tmp_path / "state.json").read_text())["delivered"]["slack"] == {"x": "", "y": "now"}


def test_due_reminder_once_per_owed_update(scratch_project, receivers):
    http, smtp = receivers
    write_incident(scratch_project, "2025-06-02-bank", BUILDS[0][1], title=TITLE, components=("api",))
    history, settings = load(scratch_project, notify=notify_section(smtp.port))
    config = notify_config(settings)
    state = State(path=scratch_project / "due.json")
    assert reminders(history, settings, config, utc("2025-06-02 10:10")) == []  # 20 minutes left: not yet
    found = reminders(history, settings, config, utc("2025-06-02 10:22"))
    assert [r.text for r in found] == [f"{TITLE}: you promised an update by 10:30 UTC — 8 minutes left"]
    for _ in range(2):
        send_reminders(found, config.channel("team"), state, fast(), utc("2025-06-02 10:22"), dry_run=False, log=lambda _: None)
    assert http.bodies("/team") == [{"text": found[0].text}]
    assert http.bodies("/slack") == []


def test_due_without_promise_uses_the_cadence(scratch_project, receivers):
    _, smtp = receivers
    write_incident(scratch_project, "2025-06-02-bank", [("Investigating", "2025-06-02 10:00 UTC", "Looking into it.")],
                   title=TITLE, components=("api",))
    history, settings = load(scratch_project, notify=notify_section(smtp.port))
    texts = [r.text for r in reminders(history, settings, notify_config(settings), utc("2025-06-02 10:50"))]
    assert texts == [f"{TITLE}: an update is due every 60 minutes, next by 11:00 UTC — 10 minutes left"]


def test_dry_run_prints_and_sends_nothing(scratch_project, receivers, capsys):
    http, smtp = receivers
    config = scratch_project / "mkdocs.yml"
    text = without_notify(config.read_text()).replace("  afterword:\n", "  afterword:\n    notify: " + json.dumps(notify_section(smtp.port)) + "\n", 1)
    config.write_text(text)
    write_incident(scratch_project, "2025-06-02-bank", BUILDS[0][1], title=TITLE, components=("api",))
    state = scratch_project / "state.json"
    state.write_text(json.dumps({"version": 1, "seen": [], "delivered": {}}))
    code = main(["notify", "--config", str(config), "--state", str(state), "--state-url", f"{http.url}/notify-state.json",
                 "--now", "2025-06-02 10:05 UTC", "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0 and f"would send to slack: Investigating: {TITLE}" in out and "5 message(s) would be sent" in out
    assert http.requests == [] and smtp.messages == []
    assert json.loads(state.read_text())["delivered"] == {}


@pytest.mark.parametrize("channel, expected", [
    ({"type": "slack", "url_env": "https://hooks.slack.com/services/T/B/X"}, "channels.slack.url_env: must be the NAME"),
    ({"type": "slack", "url": "https://hooks.slack.com/services/T/B/X"}, "secrets never go in mkdocs.yml"),
    ({"type": "slak", "url_env": "X"}, "channels.slack.type: must be one of"),
    ({"type": "slack", "url_env": "X", "audiense": "team"}, "did you mean 'audience'"),
])
def test_config_mistakes_point_at_mkdocs_yml(scratch_project, channel, expected):
    config = scratch_project / "mkdocs.yml"
    text = without_notify(config.read_text()).replace("  afterword:\n", "  afterword:\n    notify:\n      channels:\n        slack: " + json.dumps(channel) + "\n", 1)
    config.write_text(text)
    line = text.splitlines().index("    notify:") + 1
    from afterword.settings import load_settings

    with pytest.raises(ContentError) as error:
        notify_config(load_settings(config))
    message = error.value.message
    assert expected in message and message.startswith("mkdocs.yml:") and "[afterword.config]" in message
    assert int(message.split(":")[1]) >= line + 2


def test_config_mistake_fails_the_build_with_its_position(scratch_project):
    from afterword.build import SiteBuild
    from afterword.settings import load_settings

    config = scratch_project / "mkdocs.yml"
    config.write_text(without_notify(config.read_text()).replace("  afterword:\n", "  afterword:\n    notify:\n      channel: {}\n", 1))
    build = SiteBuild(load_settings(config), now=utc("2025-06-02 10:00"))
    problems = [p.format() for p in build.load()]
    assert any(p.startswith("mkdocs.yml:") and "[afterword.config]" in p and "did you mean 'channels'" in p for p in problems)
    assert build.failed


def test_subscribe_page_lists_configured_channels(scratch_project):
    from afterword.site.subscribe import subscribe_page

    section = notify_section(25)
    section["channels"]["mail"]["subscribe_url"] = "https://lists.lumen.example/subscribe"
    section["channels"]["slack"]["join_url"] = "https://lumen.example/slack"
    _, settings = load(scratch_project, notify=section)
    page = subscribe_page(settings).markdown
    assert "`status@lists.lumen.example`" in page and "https://lists.lumen.example/subscribe" in page
    assert "`https://lumen.example/slack`" in page and "AW_TEST" not in page and "team" not in page.split("## Feeds")[0].lower().replace("teams", "")
    assert "feeds/updates.rss" in page and "feeds/maintenance.ics" in page


def test_local_and_live_records_merge(tmp_path, receivers):
    http, _ = receivers
    http.files["/notify-state.json"] = json.dumps({"version": 1, "seen": ["a"], "delivered": {"slack": {"a": "", "b": "t1"}}}).encode()
    (tmp_path / "state.json").write_text(json.dumps({"version": 1, "seen": ["c"], "delivered": {"slack": {"c": "t2"}, "teams": {"b": "t3"}}}))
    state = load_state(tmp_path / "state.json", f"{http.url}/notify-state.json", fast(), baseline_ids=None)
    assert state.seen == {"a", "c"}
    assert all(state.sent("slack", u) for u in "abc") and state.sent("teams", "b") and not state.sent("teams", "a")
    # An unreachable live copy is not needed when a local record exists; with neither, the run stops.
    state = load_state(tmp_path / "state.json", "http://127.0.0.1:9/notify-state.json", Transport(retries=0, timeout=2), None)
    assert state.sent("slack", "c")
    with pytest.raises(DeliveryError):
        load_state(tmp_path / "none.json", "http://127.0.0.1:9/notify-state.json", Transport(retries=0, timeout=2), None)


def test_old_updates_becoming_public_are_recorded_not_announced(scratch_project, receivers):
    http, smtp = receivers
    run_notify(scratch_project, utc("2025-06-02 09:00"), smtp.port)
    # A security incident from last year is disclosed today, and today's incident starts.
    write_incident(scratch_project, "2024-05-01-sec", [("Investigating", "2024-05-01 10:00 UTC", "Old."),
                                                       ("Resolved", "2024-05-01 12:00 UTC", "Old, fixed.")],
                   security=True, disclosed=True)
    write_incident(scratch_project, "2025-06-02-bank", BUILDS[0][1], title=TITLE, components=("api",))
    outcome, state = run_notify(scratch_project, utc("2025-06-02 10:05"), smtp.port)
    assert len(outcome.stale) == 2 * 5 and len(outcome.sent) == 5
    assert [b["embeds"][0]["title"] for b in http.bodies("/discord")] == [f"Investigating: {TITLE}"]
    assert run_notify(scratch_project, utc("2025-06-02 10:06"), smtp.port)[0].stale == []


def test_the_guide_configuration_example_is_valid(scratch_project):
    guide = (Path(__file__).resolve().parent.parent / "guide" / "notifications.md").read_text()
    block = guide.split("### Configuration", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    import yaml

    section = yaml.safe_load(block)["extra"]["afterword"]["notify"]
    _, settings = load(scratch_project, notify=section)
    config = notify_config(settings)
    assert [c.name for c in config.customer_channels] == ["slack", "teams", "discord", "partners", "status-list"]
    assert config.due_channel == "team" and config.channel("team").audience == "team"


def test_the_command_sends_records_and_fails_closed(scratch_project, receivers, capsys):
    http, smtp = receivers
    config = scratch_project / "mkdocs.yml"
    config.write_text(without_notify(config.read_text()).replace(
        "  afterword:\n", "  afterword:\n    notify: " + json.dumps(notify_section(smtp.port)) + "\n", 1))
    write_incident(scratch_project, "2025-06-02-bank", BUILDS[0][1], title=TITLE, components=("api",))
    state = scratch_project / "notify-state.json"
    live = ["--state-url", f"{http.url}/notify-state.json"]
    common = ["notify", "--config", str(config), "--state", str(state), *live]
    assert main([*common, "--now", "2025-06-02 09:00 UTC"]) == 2  # no record anywhere: stops
    assert "--baseline" in capsys.readouterr().err
    assert main([*common, "--now", "2025-06-02 09:00 UTC", "--baseline"]) == 0
    assert main([*common, "--now", "2025-06-02 10:05 UTC"]) == 0
    assert "5 message(s) sent" in capsys.readouterr().out
    http.files["/notify-state.json"] = state.read_bytes()  # as the workflow publishes it
    state.unlink()  # a fresh runner: the live copy is the record
    assert main([*common, "--now", "2025-06-02 10:06 UTC"]) == 0
    assert "0 message(s) sent" in capsys.readouterr().out
    assert len(http.requests) == 4 and len(smtp.messages) == 1
