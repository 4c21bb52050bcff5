"""The JSON API against real Statuspage API v2 responses: same keys, value types and value sets."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import pytest

from afterword.problems import ContentError
from afterword.publish import write_api

from publish_helpers import SITE, load, read_tree, write_incident, write_postmortem

DATA = Path(__file__).parent / "data" / "statuspage"
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
ENDPOINTS = [
    "summary.json", "status.json", "components.json", "incidents.json", "incidents/unresolved.json",
    "scheduled-maintenances.json", "scheduled-maintenances/upcoming.json", "scheduled-maintenances/active.json",
]
# Statuspage's documented value sets.
INDICATORS = {"none", "minor", "major", "critical", "maintenance"}
INCIDENT_STATUSES = {"investigating", "identified", "monitoring", "resolved", "postmortem"}
MAINTENANCE_STATUSES = {"scheduled", "in_progress", "verifying", "completed"}
IMPACTS = {"none", "minor", "major", "critical", "maintenance"}
COMPONENT_STATUSES = {"operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"}
STATUSPAGE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
# Keys Afterword adds on purpose, by object kind: a group component lists its members, as on Statuspage.
EXTRA_KEYS = {"component": {"components"}}
# githubstatus.com has no component groups, so its group_id is always null; Statuspage documents it as
# the group component's id for members of a group.
EXTRA_TYPES = {("component", "group_id"): {"str"}}
KIND_OF_KEY = {
    "page": "page", "status": "status", "components": "component", "incidents": "incident", "incident": "incident",
    "scheduled_maintenances": "maintenance", "incident_updates": "update", "affected_components": "affected",
}


def walk(value, kind: str = "response"):
    """Yield (kind, object) for every object of a Statuspage response, named by the key holding it."""
    if isinstance(value, list):
        for item in value:
            yield from walk(item, kind)
        return
    if not isinstance(value, dict):
        return
    if kind == "incident" and value.get("impact") == "maintenance":
        kind = "maintenance"  # Statuspage's scheduled-maintenance shape, wherever it appears
    yield kind, value
    for key, child in value.items():
        if key in KIND_OF_KEY and isinstance(child, (dict, list)):
            yield from walk(child, KIND_OF_KEY[key])


def type_kind(kind: str) -> str:
    """Statuspage's scheduled maintenances are incidents: their shared keys have the same types."""
    return "incident" if kind == "maintenance" else kind


class Shapes:
    """Per object kind: keys every reference object has, keys some have, and the types of each key."""

    def __init__(self):
        self.always: dict[str, set[str]] = {}
        self.sometimes: dict[str, set[str]] = defaultdict(set)
        self.types: dict[tuple[str, str], set[str]] = defaultdict(set)

    def learn(self, document) -> None:
        for kind, obj in walk(document):
            if kind == "response":
                kind = "response:" + ",".join(sorted(obj))
            keys = set(obj)
            self.always[kind] = self.always.get(kind, keys) & keys
            self.sometimes[kind] |= keys
            for key, value in obj.items():
                self.types[(type_kind(kind), key)].add(type(value).__name__)

    def check(self, document, where: str) -> int:
        checked = 0
        for kind, obj in walk(document):
            if kind == "response":
                continue
            keys = set(obj)
            extra = EXTRA_KEYS.get(kind, set()) if obj.get("group") else set()
            assert self.always[kind] <= keys, f"{where}: {kind} lacks {sorted(self.always[kind] - keys)}"
            assert keys <= self.sometimes[kind] | extra, f"{where}: {kind} has unknown {sorted(keys - self.sometimes[kind] - extra)}"
            for key, value in obj.items():
                if key in extra:
                    continue
                allowed = self.types[(type_kind(kind), key)] | EXTRA_TYPES.get((kind, key), set())
                assert type(value).__name__ in allowed, f"{where}: {kind}.{key} is {type(value).__name__}, Statuspage has {allowed}"
            checked += 1
        return checked


def reference_documents(shared: Path | None) -> list[dict]:
    paths = sorted(DATA.glob("*.json"))
    if shared is not None:
        peers = shared / "peers" / "statuspage-githubstatus"
        paths += sorted((peers / "summary").glob("*.json")) + sorted((peers / "incidents").glob("*.json"))
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


@pytest.fixture
def history_dir(scratch_project: Path) -> Path:
    root = scratch_project
    write_incident(root, "2025-05-01-api", [
        ("Investigating", "2025-05-01 10:00 UTC", "Requests **fail**. See [the guide](/guides/)."),
        ("Monitoring", "2025-05-01 10:30 UTC", "A fix is live.\n\n- retries work\n- no data lost"),
        ("Resolved", "2025-05-01 11:00 UTC", "Fixed."),
    ], title="API errors", impact="major", components=("api", "webhooks"))
    write_postmortem(root, "2025-05-api", "2025-05-01-api", "2025-05-03 09:00 UTC")
    write_incident(root, "2025-06-01-payments", [("Identified", "2025-06-01 11:00 UTC", "Card payments fail.")],
                   title="Card payments down", impact="critical", components=("payments",))
    write_incident(root, "2025-06-01-email", [("Investigating", "2025-06-01 11:30 UTC", "Emails are slow.")],
                   title="Emails slow", impact="minor", components=("email", "payments"))
    write_incident(root, "2025-06-01-upgrade", [
        ("Scheduled", "2025-05-20 09:00 UTC", "We will upgrade reports."),
        ("In progress", "2025-06-01 11:45 UTC", "The upgrade has started."),
    ], title="Reports upgrade", impact="maintenance", components=("reports",),
        scheduled_for="2025-06-01 11:45 UTC", scheduled_until="2025-06-01 13:00 UTC")
    write_incident(root, "2025-06-10-bank", [("Scheduled", "2025-05-25 09:00 UTC", "We will upgrade bank sync.")],
                   title="Bank sync upgrade", impact="maintenance", components=("bank-sync",),
                   scheduled_for="2025-06-10 02:00 UTC", scheduled_until="2025-06-10 03:00 UTC")
    write_incident(root, "2025-06-01-draft", [("Investigating", "2025-06-01 11:00 UTC", "DRAFTMARKER")],
                   title="DRAFTMARKER", impact="critical", components=("web-app",), draft=True)
    write_incident(root, "2025-06-01-sec", [("Investigating", "2025-06-01 11:00 UTC", "SECRETMARKER")],
                   title="SECRETMARKER", impact="critical", components=("web-app",), security=True,
                   internal={"ticket": "INTERNALMARKER"})
    return root


@pytest.fixture
def api(history_dir: Path) -> dict[str, dict]:
    history, settings = load(history_dir)
    out = history_dir / "site"
    written = write_api(history, settings, out, NOW)
    return {p.relative_to(out / "api" / "v2").as_posix(): json.loads(p.read_text(encoding="utf-8")) for p in written}


def test_every_endpoint_is_written(api):
    assert set(ENDPOINTS) <= set(api)
    per_incident = {k for k in api if k.startswith("incidents/") and k != "incidents/unresolved.json"}
    assert per_incident == {f"incidents/{i}.json" for i in (
        "2025-05-01-api", "2025-06-01-payments", "2025-06-01-email", "2025-06-01-upgrade", "2025-06-10-bank")}
    assert set(api["incidents/2025-05-01-api.json"]) == {"page", "incident"}


def test_shapes_match_bundled_statuspage_responses(api):
    shapes = Shapes()
    for document in reference_documents(None):
        shapes.learn(document)
    assert sum(shapes.check(body, path) for path, body in api.items()) > 50


def test_shapes_match_all_shared_statuspage_responses(api, shared_dir):
    shapes = Shapes()
    documents = reference_documents(shared_dir)
    assert len(documents) > 1000
    for document in documents:
        shapes.learn(document)
    for path, body in api.items():
        shapes.check(body, path)
    # The response envelopes are Statuspage's, key for key.
    envelopes = {k.removeprefix("response:") for k in shapes.always if k.startswith("response:")}
    for path in ("summary.json", "status.json", "incidents/2025-05-01-api.json"):
        assert ",".join(sorted(api[path])) in envelopes, path


def test_reference_values_are_within_the_documented_sets(shared_dir):
    """Guards the value sets below against reality: every value Statuspage sent is in them."""
    check_value_sets(reference_documents(shared_dir))


def test_values_are_within_statuspage_value_sets(api):
    check_value_sets(api.values())


def check_value_sets(documents) -> None:
    for document in documents:
        for kind, obj in walk(document):
            for key, value in obj.items():
                if (key.endswith("_at") or key in ("scheduled_for", "scheduled_until")) and value is not None:
                    assert STATUSPAGE_TIME.match(value), (kind, key, value)
            if kind == "status":
                assert obj["indicator"] in INDICATORS
            elif kind in ("incident", "maintenance"):
                assert obj["impact"] in IMPACTS
                assert obj["status"] in (MAINTENANCE_STATUSES if obj["impact"] == "maintenance" or kind == "maintenance" else INCIDENT_STATUSES)
            elif kind == "update":
                assert obj["status"] in INCIDENT_STATUSES | MAINTENANCE_STATUSES
            elif kind == "component":
                assert obj["status"] in COMPONENT_STATUSES
            elif kind == "affected":
                assert {obj["old_status"], obj["new_status"]} <= COMPONENT_STATUSES


def statuses(api) -> dict[str, str]:
    return {c["id"]: c["status"] for c in api["components.json"]["components"]}


def test_component_status_is_the_worst_open_impact(api):
    status = statuses(api)
    assert status["payments"] == "major_outage"  # critical (and a minor one) open
    assert status["email"] == "degraded_performance"  # minor open
    assert status["reports"] == "under_maintenance"  # maintenance in progress
    assert status["api"] == status["webhooks"] == "operational"  # resolved
    assert status["bank-sync"] == "operational"  # maintenance only scheduled
    assert status["web-app"] == "operational"  # the open incidents there are withheld
    assert status["group-payments"] == "major_outage"  # a group is its worst member
    members = [c for c in api["components.json"]["components"] if c["group_id"] == "group-payments"]
    assert {c["id"] for c in members} == {"payments", "bank-sync"}
    assert api["status.json"]["status"] == {"indicator": "critical", "description": "Major System Outage"}
    assert api["summary.json"]["status"] == api["status.json"]["status"]


def test_maintenance_only_gives_the_maintenance_indicator(scratch_project):
    write_incident(scratch_project, "2025-06-01-upgrade", [
        ("Scheduled", "2025-05-20 09:00 UTC", "Planned."), ("In progress", "2025-06-01 11:45 UTC", "Started."),
    ], impact="maintenance", components=("reports",), scheduled_for="2025-06-01 11:45 UTC")
    history, settings = load(scratch_project)
    write_api(history, settings, scratch_project / "site", NOW)
    status = json.loads((scratch_project / "site/api/v2/status.json").read_text())["status"]
    assert status == {"indicator": "maintenance", "description": "Service Under Maintenance"}
    write_api(history, settings, scratch_project / "later", datetime(2025, 5, 21, tzinfo=timezone.utc))
    assert json.loads((scratch_project / "later/api/v2/status.json").read_text())["status"]["indicator"] == "none"


def test_incident_lists(api):
    ids = lambda items: [i["id"] for i in items]  # noqa: E731
    assert ids(api["incidents/unresolved.json"]["incidents"]) == ["2025-06-01-email", "2025-06-01-payments"]
    assert ids(api["summary.json"]["incidents"]) == ids(api["incidents/unresolved.json"]["incidents"])
    assert set(ids(api["incidents.json"]["incidents"])) == {"2025-05-01-api", "2025-06-01-payments", "2025-06-01-email"}
    assert ids(api["scheduled-maintenances/active.json"]["scheduled_maintenances"]) == ["2025-06-01-upgrade"]
    assert ids(api["scheduled-maintenances/upcoming.json"]["scheduled_maintenances"]) == ["2025-06-10-bank"]
    assert set(ids(api["scheduled-maintenances.json"]["scheduled_maintenances"])) == {"2025-06-01-upgrade", "2025-06-10-bank"}
    assert set(ids(api["summary.json"]["scheduled_maintenances"])) == {"2025-06-01-upgrade", "2025-06-10-bank"}
    upcoming = api["scheduled-maintenances/upcoming.json"]["scheduled_maintenances"][0]
    assert upcoming["scheduled_for"] == "2025-06-10T02:00:00.000Z" and upcoming["status"] == "scheduled"


def test_single_incident_document(api):
    incident = api["incidents/2025-05-01-api.json"]["incident"]
    assert incident["status"] == "postmortem"  # resolved, with a published postmortem
    assert incident["impact"] == "major"
    assert incident["created_at"] == "2025-05-01T10:00:00.000Z"
    assert incident["monitoring_at"] == "2025-05-01T10:30:00.000Z"
    assert incident["resolved_at"] == "2025-05-01T11:00:00.000Z"
    assert incident["updated_at"] == "2025-05-03T09:00:00.000Z"  # the postmortem's publication
    assert incident["shortlink"] == SITE + "incidents/2025-05-01-api/"
    assert [c["id"] for c in incident["components"]] == ["api", "webhooks"]
    updates = incident["incident_updates"]
    assert [u["status"] for u in updates] == ["resolved", "monitoring", "investigating"]  # newest first
    assert all(u["incident_id"] == "2025-05-01-api" for u in updates)
    assert len({u["id"] for u in updates}) == 3
    # Plain text, as Statuspage sends: no Markdown, no tags; links keep their absolute address.
    assert updates[2]["body"] == f"Requests fail. See the guide ({SITE}guides/)."
    assert updates[1]["body"] == "A fix is live.\n\n- retries work\n- no data lost"
    first = updates[2]["affected_components"][0]
    assert first == {"code": "api", "name": "Public API", "old_status": "operational", "new_status": "partial_outage"}
    assert updates[0]["affected_components"][0]["new_status"] == "operational"
    assert api["incidents/2025-05-01-api.json"]["page"]["url"] == SITE.rstrip("/")


def test_withheld_incidents_reach_no_endpoint(history_dir, api):
    blob = b"".join(read_tree(history_dir / "site").values())
    for marker in (b"DRAFTMARKER", b"SECRETMARKER", b"INTERNALMARKER", b"2025-06-01-draft", b"2025-06-01-sec"):
        assert marker not in blob, marker


def test_rebuild_is_byte_identical_and_ids_are_stable(history_dir):
    history, settings = load(history_dir)
    write_api(history, settings, history_dir / "one", NOW)
    history, settings = load(history_dir)
    write_api(history, settings, history_dir / "two", NOW)
    assert read_tree(history_dir / "one") == read_tree(history_dir / "two")


def test_an_added_update_keeps_earlier_update_ids(history_dir):
    def update_ids(out: str) -> list[str]:
        history, settings = load(history_dir)
        write_api(history, settings, history_dir / out, NOW)
        doc = json.loads((history_dir / out / "api/v2/incidents/2025-06-01-email.json").read_text())
        return [u["id"] for u in doc["incident"]["incident_updates"]]

    before = update_ids("before")
    write_incident(history_dir, "2025-06-01-email", [
        ("Investigating", "2025-06-01 11:30 UTC", "Emails are slow."),
        ("Identified", "2025-06-01 11:50 UTC", "Found it."),
    ], title="Emails slow", impact="minor", components=("email", "payments"))
    after = update_ids("after")
    assert len(after) == 2 and after[1:] == before


def test_missing_site_url_is_a_clear_error(history_dir):
    history, settings = load(history_dir)
    settings.site_url = ""
    with pytest.raises(ContentError, match="site_url is not set in mkdocs.yml"):
        write_api(history, settings, history_dir / "site", NOW)


def test_an_incident_id_clashing_with_an_endpoint_is_a_clear_error(scratch_project):
    write_incident(scratch_project, "unresolved", [("Investigating", "2025-06-01 11:00 UTC", "Slow.")])
    history, settings = load(scratch_project)
    with pytest.raises(ContentError, match=r"incidents/2025/unresolved.md: the incident id 'unresolved' clashes with the API file api/v2/incidents/unresolved.json: rename the file"):
        write_api(history, settings, scratch_project / "site", NOW)
