"""Each house-style rule fires on a bad sentence and stays quiet on its good rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.settings import load_settings
from afterword.style import checker_for

INCIDENT = "---\ntitle: {title}\nimpact: {impact}\ncomponents: [api]\n---\n\n## Investigating · 2025-03-04 12:15 UTC\n\n{body}\n"
POSTMORTEM = (
    "---\ntitle: API errors\nincident: x\npublished: 2025-03-05 12:00 UTC\nsummary: {summary}\n---\n\n"
    "## What happened\n\nA change to our API made some requests fail.\n\n"
    "## Impact on customers\n\nSome API requests failed for 30 minutes. No data was lost.\n\n"
    "## What we are changing\n\nWe now test every change on a copy of real traffic first.\n{extra}"
)
APOLOGY = "We are sorry for the trouble this caused."

# (rule, bad sentence, good rewrite) — one case per rule of the house style.
CASES = [
    ("Afterword.PersonName", "Dana Whitfield restarted the payment service.", "Our on-call engineer restarted the payment service."),
    ("Afterword.PersonHandle", "Thanks to @jdoe for the quick fix.", "Thanks to our on-call engineer for the quick fix."),
    ("Afterword.EmailAddress", "Write to jane.doe@lumen.example with questions.", "Write to support@lumen.example with questions."),
    ("Afterword.Blame", "The outage was caused by human error.", "A configuration change was applied without an automated check."),
    ("Afterword.VendorBlame", "Payments failed due to Stripe.", "Payments failed because a network link to our payment provider broke."),
    ("Afterword.IPAddress", "Traffic to 10.20.4.17 was dropped.", "Traffic to one of our servers was dropped."),
    ("Afterword.InternalHost", "The database db-prod-03 ran out of space.", "One of our database servers ran out of space."),
    ("Afterword.InternalURL", "See https://grafana.corp/d/api for the graph.", "The error rate rose sharply at 12:05 UTC."),
    ("Afterword.Channel", "Follow along in #inc-42 for updates.", "Follow this page for updates."),
    ("Afterword.TicketID", "The fix is tracked in JIRA-123.", "We are tracking the fix and will post when it is live."),
    ("Afterword.FilePath", "A bad value in /etc/payments/gateway.conf stopped payments.", "A bad value in a configuration file stopped payments."),
    ("Afterword.Credentials", "The key AKIAIOSFODNN7EXAMPLE was exposed.", "An access key was exposed, and we have replaced it."),
    ("Afterword.Capacity", "Our 12 database servers were saturated.", "Part of our database capacity was saturated."),
    ("Afterword.Jargon", "A foreign key constraint blocked new invoices.", "A problem with the database blocked new invoices."),
    ("Afterword.Inclusive", "We moved the whitelist to the new system.", "We moved the allowlist to the new system."),
    ("Afterword.Minimising", "This was just a minor blip for most customers.", "Some customers could not send invoices for 40 minutes."),
    ("Afterword.Exclamation", "Payments are working again!", "Payments are working again."),
    ("Afterword.Brand", "Invoices sent from lumen were delayed.", "Invoices sent from Lumen were delayed."),
    (
        "Afterword.ReadingGrade",
        "Customers attempting synchronisation experienced intermittent failures. Our engineers identified the misbehaving component quickly.",
        "Some bank transfers did not match invoices. We found the cause and fixed it.",
    ),
    (
        "Afterword.ReadingGradeLimit",
        "Intermittent authentication failures, originating from an incorrectly propagated configuration modification affecting "
        "numerous organisational accounts simultaneously, prevented successful verification of customer identities.",
        "Some customers could not sign in. A settings change we made was wrong. We undid it.",
    ),
]


@pytest.fixture(scope="module")
def checker(project_root: Path):
    return checker_for(load_settings(project_root / "mkdocs.yml"))


def rules_found(checker, text: str, path: str) -> set[str]:
    return {p.rule for p in checker.check_text(text, path)}


@pytest.mark.parametrize("rule, bad, good", CASES, ids=[case[0] for case in CASES])
def test_rule_fires_on_bad_and_not_on_good(checker, rule, bad, good):
    path = "incidents/2025/test.md"
    assert rule in rules_found(checker, INCIDENT.format(title="API errors", impact="minor", body=bad), path)
    assert rule not in rules_found(checker, INCIDENT.format(title="API errors", impact="minor", body=good), path)


def test_every_rule_file_has_a_case(project_root: Path):
    rules = {f"Afterword.{p.stem}" for p in (project_root / "styleguide" / "styles" / "Afterword").glob("*.yml")}
    covered = {case[0] for case in CASES} | {"Afterword.Apology"}
    assert rules - covered == set(), "add a (bad, good) case for each new rule"


def test_rules_also_read_published_front_matter(checker):
    problems = checker.check_text(INCIDENT.format(title="Errors on db-prod-03", impact="minor", body="Some requests failed."), "incidents/2025/t.md")
    [host] = [p for p in problems if p.rule == "Afterword.InternalHost"]
    assert (host.line, host.column, host.match) == (2, 18, "db-prod-03")


def test_internal_front_matter_is_never_linted(checker):
    body = "Some requests to the API failed. We found the cause and fixed it. All requests work now."
    text = INCIDENT.format(title="API errors", impact="minor", body=body).replace(
        "components: [api]\n", "components: [api]\ninternal:\n  notes: 'Dana Whitfield restarted db-prod-03 (10.1.2.3), see #inc-42'\n"
    )
    assert checker.check_text(text, "incidents/2025/t.md") == []


def test_postmortem_needs_an_apology(checker):
    path = "postmortems/t.md"
    assert "Afterword.Apology" in rules_found(checker, POSTMORTEM.format(summary="Some API requests failed.", extra=""), path)
    good = POSTMORTEM.format(summary="Some API requests failed.", extra=f"\n## Our apology\n\n{APOLOGY}\n")
    assert rules_found(checker, good, path) == set()


def test_incident_updates_need_no_apology_rule(checker):
    # The Apology rule is for postmortems only (.vale.ini section); incidents have FirstUpdateApology.
    assert "Afterword.Apology" not in rules_found(checker, INCIDENT.format(title="API errors", impact="minor", body="Some requests failed."), "incidents/2025/t.md")
