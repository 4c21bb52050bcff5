"""Blame of people and of suppliers, and the company's own names, read from a team's configuration.

Each test builds its own project settings (no Lumen content): company Acme, own names, suppliers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.problems import ContentError
from afterword.settings import Settings, load_settings
from afterword.style.checker import StyleChecker

ROOT = Path(__file__).resolve().parent.parent
STYLE = ROOT / "styleguide" / ".vale.ini"
BLAMELESS = {"Afterword.PersonName", "Afterword.PersonHandle", "Afterword.EmailAddress", "Afterword.Blame",
             "Afterword.VendorBlame", "Afterword.Exclamation"}


@pytest.fixture(scope="module")
def checker(tmp_path_factory) -> StyleChecker:
    root = tmp_path_factory.mktemp("acme")  # no git history: no known people beyond the text
    settings = Settings(root=root, company="Acme", site_name="Acme Status",
                        sections={"names": ["Acme", "Acme Pay", "Val Town", "AcmeStatus"], "suppliers": ["Stripe", "AWS"]})
    return StyleChecker(settings, STYLE)


def findings(checker: StyleChecker, body: str) -> list[tuple[str, str, str]]:
    text = "---\ntitle: Card payments failing\n---\n\n" + body + "\n"
    return [(p.rule, p.severity, p.match) for p in checker.check_text(text, "incidents/2025/x.md") if p.rule in BLAMELESS]


@pytest.mark.parametrize("sentence, match", [
    ("An Acme engineer accidentally committed the key to a public repository.", "An Acme engineer accidentally"),
    ("The developer misjudged the size of the change.", "The developer misjudged"),
    ("In an act of laziness, the check was skipped.", "act of laziness"),
    ("It was the fault of a simple oversight.", "the fault of a simple oversight"),
    ("The engineer on call should have caught the alert.", "The engineer on call should have"),
    ("This should have been caught in review.", "should have been caught"),
    ("The change was never tested before it shipped.", "was never tested"),
    ("An accidental execution of a command deleted the nodes.", "accidental"),
    ("Someone on the team pushed the wrong tag.", "Someone on the team pushed the wrong"),
])
def test_blame_of_people_is_an_error(checker, sentence, match):
    assert ("Afterword.Blame", "error", match) in findings(checker, sentence)


@pytest.mark.parametrize("sentence", [
    "While it can be attributed to human error, it is incorrect to focus on the individual.",
    "This was not anyone's fault.",
    "We forgot to renew the certificate, and we have automated it now.",
    "Our on-call engineer restarted the payment service.",
    "We chose settings that avoid not accidentally exposing data.",
    "The new rule blocked some requests by mistake.",
])
def test_owning_or_rejecting_blame_is_fine(checker, sentence):
    assert [f for f in findings(checker, sentence) if f[0] == "Afterword.Blame"] == []


@pytest.mark.parametrize("sentence, severity", [
    ("Payments failed due to Stripe.", "error"),
    ("Stripe's API was down for an hour.", "error"),
    ("AWS deployed a change that broke our load balancers.", "error"),
    ("esm.sh deployed breaking changes that caused our builds to fail.", "warning"),
    ("A Cloudflare update to their firewall rules caused requests to be blocked.", "warning"),
    ("Our reports to Google were rejected, which led to the outage.", "warning"),
    ("The root cause was a Grafana Agent pod using too much memory.", "warning"),
    ("The problem came through no fault of our own.", "warning"),
    ("GitHub Actions was degraded, which delayed our releases.", "warning"),
    ("We are still waiting for a fix from Stripe.", "error"),
    ("We await a serious response from Stripe on this matter.", "error"),
    ("Our partner Luxconnect claims each splice will take ten minutes.", "warning"),
    ("A vulnerability was committed into the npm package called node-ipc.", "warning"),
])
def test_supplier_blame_is_an_error_for_configured_suppliers_and_a_warning_otherwise(checker, sentence, severity):
    assert [s for rule, s, _ in findings(checker, sentence) if rule == "Afterword.VendorBlame"] == [severity]


@pytest.mark.parametrize("sentence", [
    "A bug in our app exposed by a GitHub outage stopped deploys.",
    "Some API requests failed because of a change we made.",
    "Corrective action was delayed due to Terraform state lock.",
    "Erigon released a new version on Tuesday.",
    "We're failing to serve some requests.",
    "The intended Traefik change caused the pipeline to fail.",
])
def test_owning_the_failure_or_naming_no_cause_is_fine(checker, sentence):
    assert [f for f in findings(checker, sentence) if f[0] == "Afterword.VendorBlame"] == []


def test_own_names_are_never_people(checker):
    assert findings(checker, "Val Town and Acme Pay work again. Hello Acme!") == [
        ("Afterword.Exclamation", "warning", "!")]
    assert findings(checker, "Follow @AcmeStatus and https://twitter.com/AcmeStatus for updates.") == []


def test_role_mailboxes_are_not_people(checker):
    assert findings(checker, "Write to admin@acme.example or security@acme.example.") == []
    assert findings(checker, "Write to jane.doe@acme.example.") == [("Afterword.EmailAddress", "error", "jane.doe@acme.example")]


def test_quoted_messages_keep_names_but_not_exclamations(checker):
    assert findings(checker, "> Priya Sharma wrote: the site is down again! Fix it!") == [
        ("Afterword.PersonName", "error", "Priya Sharma")]


def test_malformed_names_or_suppliers_are_config_errors(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nextra:\n  afterword:\n    company: X\n    suppliers: Stripe\n")
    settings = load_settings(tmp_path / "mkdocs.yml")
    with pytest.raises(ContentError) as caught:
        settings.suppliers
    assert caught.value.rule == "afterword.config" and caught.value.line == 5
    assert "mkdocs.yml:5:1: extra.afterword.suppliers must be a list of names" in caught.value.message


def test_party_names_read_as_any_text_leave_the_required_literals_as_they_are():
    import re

    from afterword.style import blame, blame_words
    from afterword.vale.literals import required_literals

    patterns = (blame_words.REJECTS_BLAME, *blame._BLAMING_PATTERNS, blame_words.OWNS_FAILURE, blame_words.SHIFTS_BLAME,
                blame_words.PROVIDER_FAILED, *blame.BlameChecker._PARTY_PATTERNS)
    assert required_literals(blame_words.PARTY) is None  # what makes it safe to read PARTY as any text
    for pattern in patterns:
        flags = "(?x)" if pattern.flags & re.VERBOSE else ""
        assert required_literals(flags + blame._without_party(pattern.pattern)) == required_literals(flags + pattern.pattern)
