"""Redaction rules on real sentences from published postmortems (and the issue that measured them).

Each family: sentences a reviewer removes (must be found, in prose and in code) and real sentences
that must stay quiet. The InternalHost rule is built from the project's configured domains.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from afterword import cli
from afterword.settings import load_settings
from afterword.style import checker_for
from afterword.style.credentials import find_credentials
from afterword.style.domains import Domains, domains_config, render_internal_host_rule
from afterword.style.rulefiles import generated_rules
from afterword.problems import ContentError

ROOT = Path(__file__).resolve().parent.parent

MKDOCS = """site_name: Acme status
extra:
  afterword:
    company: Acme
    domains:
      public_hosts: [status.acme.com, app.acme.com, api.acme.com, acme.com]
      company: [acme.com, acmecloud.net]
      internal_hosts: [fritz, nietzsche]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "styleguide", tmp_path / "styleguide")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (tmp_path / "incidents").mkdir()
    (tmp_path / "postmortems").mkdir()
    return tmp_path


@pytest.fixture
def checker(project: Path):
    return checker_for(load_settings(project / "mkdocs.yml"))


def found(checker, text: str, rule: str) -> list[str]:
    problems = checker.check_text(text + "\n", "incidents/2025/x.md")
    return [p.match or "<hidden>" for p in problems if p.rule == rule]


# (rule, text that must be found) — real sentences and snippets.
MUST_FIND = [
    # Credentials: a real 40-hex token in a published diff; keys in prose and code.
    ("Afterword.Credentials", '```diff\n-    access_token="0d6a8f5e3b1c9d7e2f4a6b8c0d1e3f5a7b9c2d4e"\n```'),
    ("Afterword.Credentials", "The leaked `STRIPE_SECRET_KEY=sk_live_51HxQ2bL9fj3kd8s7aPq` was rotated."),
    ("Afterword.Credentials", "`curl -H 'Authorization: Bearer 7f3a9c2e1b5d4f6a8c0e'`"),
    ("Afterword.Credentials", "It connected with postgres://app:hunter22@db.example.net/prod."),
    ("Afterword.Credentials", "The config had `password: Pr0duction!2023`."),
    # Capacity.
    ("Afterword.Capacity", "The proxy handled a peak of 100,000 concurrent connections before failing."),
    ("Afterword.Capacity", "The database reached roughly 51TB (90% of disk capacity)."),
    ("Afterword.Capacity", "We run a Postgres cluster made up of two machines."),
    ("Afterword.Capacity", "The pool was exhausted at 960 connections."),
    ("Afterword.Capacity", "```\nmax_connections=500\n```"),
    # Hosts: generic shapes everywhere, and any non-public host under the company's domains.
    ("Afterword.InternalHost", "Writes to `pg-main.iad1.acmecloud.net` timed out."),
    ("Afterword.InternalHost", "The primary, pgmain01, stopped accepting writes."),
    ("Afterword.InternalHost", "Traffic shifted to api07.iad1."),
    ("Afterword.InternalHost", "The replica usw2-db7 fell behind."),
    ("Afterword.InternalHost", "We failed over to db1.cluster.acme.com at 14:02."),
    ("Afterword.InternalHost", "```\nredis.payments.svc:6379 refused connections\n```"),
    ("Afterword.InternalHost", "Migrating the database from `freud` -> `nietzsche` should be a priority."),
    ("Afterword.InternalHost", "We are maxing out the streaming service on **Fritz**."),
    ("Afterword.InternalHost", "The broken avatars came from a misconfigured file on `cdn-fremont-1`."),
    ("Afterword.InternalHost", "Over time this led to increased use of I/O resources by the k8s-prow-build cluster."),
    # More capacity, from the real-text corpus.
    ("Afterword.Capacity", "Reduced the number of streaming processes on `fritz` from 16 to 12."),
    ("Afterword.Capacity", "Node entered NotReady state. Requests: CPU at 78% and memory at 82%."),
    ("Afterword.Capacity", "Prow jobs are run in a 100-node cluster. Each node has eight CPUs."),
    ("Afterword.Capacity", "Alerts scheduled for `>90%` filesystem storage on database nodes."),
    ("Afterword.Capacity", "We needed to 7x the capacity of our public endpoint."),
    ("Afterword.Capacity", "The API allows 5,000 requests per hour; we served 2.5 million requests that day."),
    # Paths, in code too.
    ("Afterword.FilePath", "The job read `/home/postgres/.aws/credentials` at start."),
    ("Afterword.FilePath", "```sh\nrm -rf /opt/app/releases/current\n```"),
    ("Afterword.Channel", "Huddle begins in #security on Slack."),
    ("Afterword.Channel", "After informing #sig-testing and #sig-testing-ops, we rolled back."),
    # Internal links, including chat permalinks.
    ("Afterword.InternalURL", "Discussion: https://acme.zulipchat.com/#narrow/stream/12-ops/topic/outage"),
    ("Afterword.InternalURL", "See https://discord.com/channels/7012/9934 for the thread."),
    ("Afterword.InternalURL", "[the thread](https://acme.slack.com/archives/C02/p1700)"),
    ("Afterword.InternalURL", "`https://grafana.internal/d/db` showed it."),
    ("Afterword.TicketID", "```\ngit commit -m 'Fix OPS-1432: retry webhooks'\n```"),
    # Minimising where it minimises the impact.
    ("Afterword.Minimising", "It affected just a few customers."),
    ("Afterword.Minimising", "Card payments failed only briefly."),
    ("Afterword.Minimising", "Simply restart the app to fix it."),
]

# Real sentences that must stay quiet for the named rule.
MUST_PASS = [
    ("Afterword.InternalHost", "The API returned errors from localhost when tested."),
    ("Afterword.InternalHost", "Visit status.acme.com or app.acme.com; write to support@acme.com."),
    ("Afterword.InternalHost", "We upgraded to TLS1.2 and utf8-encoded the payloads in us-east-1."),
    ("Afterword.TicketID", "The advisory is PYSEC-2024-48, also RUSTSEC-2023-0044, GHSA-xxxx-yyyy, CAPEC-123 and CWE-79."),
    ("Afterword.Channel", "We explain it in the [analysis](#analysis) below."),
    ("Afterword.Minimising", "This is not just a database problem."),
    ("Afterword.Minimising", "We are not ready to close this just yet."),
    ("Afterword.Minimising", "We had just been through a migration."),
    ("Afterword.Credentials", "We asked everyone to reset their password: reset it from the settings page."),
    ("Afterword.Credentials", "The API token expired after 2 hours."),
    ("Afterword.Credentials", "The `client_secret` rotation of 2023-01-01 and the api_key in token v2.10.1 are unrelated."),
    ("Afterword.Credentials", "The action used `${{ secrets.NPM_TOKEN }}` and password: REDACTED."),
    ("Afterword.Capacity", "Some customers waited two hours for one in five requests to succeed."),
    ("Afterword.FilePath", "See https://example.com/etc/passwd-docs for background."),
    ("Afterword.FilePath", "```sh\n#!/bin/bash\necho done\n```"),
    ("Afterword.FilePath", "Found in [mastodon/streaming/index.js](https://github.com/mastodon/mastodon/blob/main/streaming/index.js)"),
    ("Afterword.Capacity", "At 23:04 the node running the only Boskos pod was drained to be replaced with a 1.13 node."),
    ("Afterword.Capacity", "KIAM was upgraded from 3.5 to 3.6 and rolled back from 10 to 11 UTC."),
    ("Afterword.Capacity", "The 415 spurious pods created during the outage were later cleaned up."),
    ("Afterword.Capacity", "About ~0.2% of repositories were affected."),
    ("Afterword.TicketID", "All times in PDT (UTC-7), see post-mortem PM2019-009."),
    ("Afterword.TicketID", "See https://security.snyk.io/vuln/SNYK-JS-NODEIPC-2426370 for the advisory."),
    ("Afterword.InternalHost", "At 8:36 AM the kubernetes-dev mailing list is notified; reported on Slack by @chenk008."),
    ("Afterword.Channel", "Posts came without #hashtags! They post a cat on #caturday."),
]


@pytest.mark.parametrize("rule, text", MUST_FIND)
def test_redaction_rule_finds_real_text(checker, rule, text):
    assert found(checker, text, rule), f"{rule} missed: {text}"


@pytest.mark.parametrize("rule, text", MUST_PASS)
def test_redaction_rule_leaves_real_text_alone(checker, rule, text):
    assert found(checker, text, rule) == []


def test_credentials_never_echoed(checker):
    problems = checker.check_text('`access_token="0d6a8f5e3b1c9d7e2f4a6b8c0d1e3f5a7b9c2d4e"`\n', "incidents/2025/x.md")
    hits = [p for p in problems if p.rule == "Afterword.Credentials"]
    assert hits and all("0d6a" not in p.message and not p.match for p in hits)


def test_build_secrets_pass_agrees_with_the_vale_rule():
    """Every credential case above is found by the patterns afterword.secrets runs in the build."""
    from afterword.secrets import scan_text

    for rule, text in MUST_FIND:
        if rule == "Afterword.Credentials":
            assert find_credentials(text)
            assert next(scan_text(text), None) is not None, text


def test_domains_are_read_and_checked(project):
    settings = load_settings(project / "mkdocs.yml")
    assert domains_config(settings) == Domains(("status.acme.com", "app.acme.com", "api.acme.com", "acme.com"), ("acme.com", "acmecloud.net"),
                                               ("fritz", "nietzsche"))
    (project / "mkdocs.yml").write_text(MKDOCS.replace("[acme.com, acmecloud.net]", "[https://acme.com/x]"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        domains_config(load_settings(project / "mkdocs.yml"))
    assert "mkdocs.yml:7:1: [afterword.config]" in error.value.message and "not a host name" in error.value.message


def test_rules_command_regenerates_and_lint_warns_when_stale(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert cli.main(["rules", "--check"]) == 1  # the copied files hold the example's domains
    assert cli.main(["lint"]) == 0
    assert "[afterword.rules]" in capsys.readouterr().out
    assert cli.main(["rules"]) == 0
    text = (project / "styleguide/styles/Afterword/InternalHost.yml").read_text(encoding="utf-8")
    assert "acmecloud" in text and yaml.safe_load(text)["extends"] == "existence"
    assert cli.main(["rules", "--check"]) == 0
    capsys.readouterr()
    assert cli.main(["lint"]) == 0 and "[afterword.rules]" not in capsys.readouterr().out


def test_example_rule_files_are_in_sync_with_the_example_config():
    """The repository's own copies are what `afterword rules` writes for its mkdocs.yml."""
    settings = load_settings(ROOT / "mkdocs.yml")
    for name, text in generated_rules(settings).items():
        assert (ROOT / "styleguide/styles/Afterword" / name).read_text(encoding="utf-8") == text, f"run 'afterword rules' ({name})"


def test_rule_without_company_domains_still_catches_generic_shapes():
    text = render_internal_host_rule(Domains())
    assert "(none configured)" in text and "svc" in text


def test_bad_domains_or_structure_config_is_one_error_at_its_line(project):
    from afterword.loader import load_history
    from afterword.style import lint_history

    (project / "mkdocs.yml").write_text(MKDOCS.replace("      company: [acme.com, acmecloud.net]\n", "      company: [https://acme.com/x]\n")
                                        + "    structure: {later: [x]}\n", encoding="utf-8")
    settings = load_settings(project / "mkdocs.yml")
    [problem] = lint_history(load_history(settings), settings)
    assert problem.format().startswith("mkdocs.yml:7:1: [afterword.config] extra.afterword.domains.company: 'https://acme.com/x'")
    (project / "mkdocs.yml").write_text(MKDOCS + "    structure: {later: [x]}\n", encoding="utf-8")
    settings = load_settings(project / "mkdocs.yml")
    [problem] = lint_history(load_history(settings), settings)
    assert problem.format() == "mkdocs.yml:9:1: [afterword.config] extra.afterword.structure.later is not a section (sections: what_happened, impact, changes)"
