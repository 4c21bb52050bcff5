"""Credentials in published text fail the build, at their exact line, without being echoed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword import secrets
from afterword.loader import load_history
from afterword.secrets import RULE, find_secrets
from afterword.settings import load_settings

from project_paths import LUMEN as ROOT  # the example site (tests/fixtures/lumen), not the repository root

# Fake credentials in the shapes real ones take. Assembled from parts so that this file itself does
# not trip repository secret scanners; AKIAIOSFODNN7EXAMPLE is AWS's own documentation example.
CREDENTIALS = {
    "AWS access key id": ("AKIA" + "IOSFODNN7EXAMPLE", "AWSKeyDetector"),
    "GitHub token": ("ghp_" + "x7Kq9Lm2Np4Rs6Tv8Wy0Za1Bc3De5Fg7Hj9K", "GitHubTokenDetector"),
    "Slack bot token": ("xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "SlackDetector"),
    "Slack webhook": ("https://hooks.slack.com/services/" + "T0A1B2C3D/B4E5F6G7H/" + "q8R9s0T1u2V3w4X5y6Z7a8B9", "SlackDetector"),
    "private key header": ("-----BEGIN RSA " + "PRIVATE KEY-----", "PrivateKeyDetector"),
    "password in a URL": ("https://admin:" + "Tr0ub4dor-and-3@db.internal.example/", "BasicAuthDetector"),
    "Stripe live key": ("sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "StripeDetector"),
    "JSON web token": (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0." + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "JwtTokenDetector",
    ),
    "random base64 string": ("9fK2pQ7xZ4mW8rT1vB6nY3hJ5sL0dC", "Base64HighEntropyString"),
    "random hex string": ("3f9a8c7b6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a", "HexHighEntropyString"),
}

INCIDENT = """---
title: Card payments failing
impact: major
components: [payments]
---

## Investigating · 2026-03-02 09:50 UTC

We're sorry: some card payments are failing.
We are looking into it.

## Resolved · 2026-03-02 10:15 UTC

Card payments work again.
"""

POSTMORTEM = """---
title: Card payments failed for 25 minutes
incident: card
published: 2026-03-03 09:00 UTC
summary: >
  Card payments failed for 25 minutes.
  We are changing how we release payment changes.
follow_ups:
  - title: Test payment changes before release
    status: planned
timeline:
  - at: 2026-03-02 09:41 UTC
    text: Impact began
---

## What happened

A change stopped card payments.
"""


def write(project: Path, relpath: str, text: str) -> None:
    path = project / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def findings(project: Path):
    history = load_history(load_settings(project / "mkdocs.yml"))
    assert history.errors == [], [p.format() for p in history.errors]
    return find_secrets(history)


@pytest.mark.parametrize("kind", list(CREDENTIALS))
def test_each_kind_of_credential_in_an_update_is_an_error_at_its_position(scratch_project, kind):
    secret, detector = CREDENTIALS[kind]
    write(scratch_project, "incidents/2026/card.md", INCIDENT.replace("We are looking into it.", f"We are looking into it: {secret} failed."))
    found = findings(scratch_project)
    assert len(found) == 1, [p.format() for p in found]
    problem = found[0]
    assert (problem.path, problem.line, problem.rule, problem.severity) == ("incidents/2026/card.md", 10, RULE, "error")
    assert 25 <= problem.column < 25 + len(secret)  # at the credential (a detector may point inside it)
    assert detector in problem.message
    assert "rotate" in problem.message and "Never paste" in problem.message
    assert secret not in problem.format() and secret[4:20] not in problem.format(), "the secret must not be echoed"


@pytest.mark.parametrize(
    "where, old, line",
    [
        ("title", "title: Card payments failed for 25 minutes", 2),
        ("summary (folded, second line)", "  We are changing how we release payment changes.", 7),
        ("follow-up title", "  - title: Test payment changes before release", 9),
        ("timeline text", "    text: Impact began", 13),
        ("body", "A change stopped card payments.", 18),
    ],
)
def test_every_published_part_of_a_postmortem_is_scanned(scratch_project, where, old, line):
    write(scratch_project, "incidents/2026/card.md", INCIDENT)
    write(scratch_project, "postmortems/card.md", POSTMORTEM.replace(old, f"{old} {CREDENTIALS['GitHub token'][0]}"))
    found = findings(scratch_project)
    assert [(p.path, p.line) for p in found] == [("postmortems/card.md", line)], where


def test_incident_title_is_scanned(scratch_project):
    write(scratch_project, "incidents/2026/card.md", INCIDENT.replace("title: Card payments failing", f"title: Card payments failing {CREDENTIALS['Slack bot token'][0]}"))
    assert [(p.line, p.column) for p in findings(scratch_project)] == [(2, 30)]


def test_several_credentials_are_all_reported(scratch_project):
    body = "\n".join(f"Line {name}: {secret}" for name, (secret, _) in CREDENTIALS.items())
    write(scratch_project, "incidents/2026/card.md", INCIDENT.replace("Card payments work again.", body))
    found = findings(scratch_project)
    assert sorted(p.line for p in found) == list(range(14, 14 + len(CREDENTIALS)))


def test_withheld_text_internal_fields_and_comments_are_not_published_so_not_scanned(scratch_project):
    secret = CREDENTIALS["AWS access key id"][0]
    write(scratch_project, "incidents/2026/draft.md", INCIDENT.replace("impact: major", "impact: major\ndraft: true").replace("We are looking into it.", secret))
    write(scratch_project, "incidents/2026/card.md", INCIDENT.replace("impact: major", f"impact: major\ninternal:\n  runbook: {secret}").replace("We are looking into it.", f"<!-- {secret} -->"))
    assert findings(scratch_project) == []


def test_the_allowlist_marker_accepts_a_line(scratch_project):
    line = f"Reference {CREDENTIALS['random hex string'][0]} is a build number. <!-- pragma: allowlist secret -->"
    write(scratch_project, "incidents/2026/card.md", INCIDENT.replace("We are looking into it.", line))
    assert findings(scratch_project) == []


def test_ordinary_incident_prose_is_not_a_secret(scratch_project):
    prose = (
        "See https://status.lumen.example/incidents/2025-08-14-card-payments-failing/ and "
        "the reconciliation-ledger-service-queue. Request 123e4567-e89b-12d3-a456-426614174000 failed; "
        "version 2026.11.15 and build 20261123 are fine, as is [the guide](https://docs.example.com/api/v2/rate-limits#retry-after)."
    )
    write(scratch_project, "incidents/2026/card.md", INCIDENT.replace("We are looking into it.", prose))
    assert findings(scratch_project) == []


def test_example_content_has_no_findings(project_root):
    history = load_history(load_settings(project_root / "mkdocs.yml"))
    assert find_secrets(history) == []


def test_a_thousand_generated_incidents_have_no_false_positives(tmp_path):
    demo = pytest.importorskip("afterword.demo")
    demo.write_site(demo.generate(1000, 50, seed=7), tmp_path / "demo", project=ROOT)
    history = load_history(load_settings(tmp_path / "demo" / "mkdocs.yml"))
    assert len(history.published_incidents) >= 900
    assert find_secrets(history) == []


def test_a_credential_fails_the_strict_build_and_publishes_nothing(tmp_path):
    from trust_support import copy_site_sources, run_build

    project = copy_site_sources(tmp_path / "project")
    secret = CREDENTIALS["AWS access key id"][0]
    source = (ROOT / "incidents" / "2025" / "2025-08-14-card-payments-failing.md").read_text(encoding="utf-8")
    lines = source.split("\n")
    body_line = next(n for n, line in enumerate(lines) if line.startswith("## ")) + 2  # first line of text under it
    lines[body_line] = f"{lines[body_line]} The key {secret} was exposed."
    (project / "incidents" / "2025").mkdir(parents=True)
    (project / "incidents" / "2025" / "card.md").write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "site"
    result = run_build(project, out)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"incidents/2025/card.md:{body_line + 1}:" in output and f"[{RULE}]" in output
    assert secret not in output, "the build log must not repeat the credential"
    assert not out.exists() or list(out.iterdir()) == []


# Pieces of every detector's formats (some cut short, re-cased or with other digits), to mix with prose.
SECRET_PIECES = [
    "AKIAIOSFODNN7EXAMPLE", "akia", "A3T", "aws_secret='", "aws key = \"wJalrXUtnFEMI/K7MDENG\"", "AKCp8jQ8" + "a" * 10, "AP6xxxxxxxxxxxxxx", " AP",
    "AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==", "https://user:p4ss@host",
    "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs", "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", "gho_", "glpat-" + "x" * 20,
    "GR1348941" + "y" * 20, "glcbt-ab_" + "z" * 20, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "0123456789abcdef0123456789abcdef-us12", "//registry.npmjs.org/:_authToken=npm_abc", "sk-abcdefghijT3BlbkFJabcdefghij", "sk-proj-",
    "-----BEGIN RSA PRIVATE KEY-----", "BEGIN OPENSSH PRIVATE KEY", "PuTTY-User-Key-File-2",
    "pypi-AgEIcHlwaS5vcmcCJDU3OTM5NDM3LWVlMGYtNDUwNy1hNmY0LTg0ZTM0ZjMwZDcyMwACJXsicGVybWlzc2lvbnMiOiAidXNlciIsICJ2ZXJzaW9uIjogMX0AAAYg",
    "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", "xoxb-34532454-e039d02840a0b9379c", "xoxp-", "hooks.slack.com/services/T",
    "sq0csp-" + "a" * 43, "sk_live_" + "b" * 24, "rk_live_", "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "12345678:",
    "ACdeadbeefdeadbeefdeadbeefdeadbeef", "SKdeadbeefdeadbeefdeadbeefdeadbeef",
]
TEXTS = st.lists(st.one_of(st.sampled_from(SECRET_PIECES), st.text(alphabet="aAkKsSpP0123456789:=-_./ \n\"'", max_size=8),
                           st.sampled_from(SECRET_PIECES).map(str.swapcase)), max_size=6).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_a_detector_left_out_by_its_literals_finds_nothing(text):
    """The literal filter in scan_text never drops a finding: a detector it leaves out finds nothing."""
    from afterword.vale.literals import fold

    folded = fold(text)
    for plugin in secrets._plugins()[0]:
        if not secrets._may_match(plugin, folded):
            assert list(plugin.analyze_string(text)) == [], type(plugin).__name__


def test_the_literal_filter_leaves_out_detectors_on_prose():
    from afterword.vale.literals import fold

    prose = fold("We are looking into errors in the API. We will post the next update by 10:30 UTC.")
    kept = [type(p).__name__ for p in secrets._plugins()[0] if secrets._may_match(p, prose)]
    assert "AWSKeyDetector" not in kept and "TelegramBotTokenDetector" not in kept and len(kept) < 10
