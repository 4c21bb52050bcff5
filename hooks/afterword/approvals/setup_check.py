"""Is the repository set up so that the approval gate cannot be bypassed? Read through the API.

Each finding says what is wrong and where to fix it; guide/publishing.md is the same checklist in
prose. Reads (an admin's token: Administration, Environments, Secrets and Variables: read; or
recorded payloads): ``/repos/{r}``, ``…/actions/permissions/workflow``, ``…/actions/secrets``,
``…/actions/variables/AFTERWORD_APP_ID``, ``…/environments/approval-gate/secrets``, ``…/rules/branches/{default}``,
``…/rulesets/{id}``, ``…/environments/{name}``, ``…/environments/{name}/deployment-branch-policies``,
``…/codeowners/errors``, ``…/contents/{.github/,,docs/}CODEOWNERS``.

The fast path for incident updates (guide/incident-updates.md) is part of the set-up: a pull request
that only touches ordinary incidents must be able to merge on the gate's verdict alone, so GitHub's
own review rules may not demand a human approval for it (0 required approvals, no last-push
approval, no code owner for incidents/) and auto-merge must be allowed.
"""

from __future__ import annotations

import base64
import binascii
import urllib.parse
from dataclasses import dataclass, field

from .github import GitHubClient, GitHubError, check_repo
from .policy import path_spec
from .published import CHECK_NAME

GATE_ENVIRONMENT = "approval-gate"
PAGES_ENVIRONMENT = "github-pages"
DIRECT_PUSH_ENVIRONMENT = "publish-direct-push"
CODEOWNERS_PATHS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")  # GitHub uses the first one found
INCIDENT_PROBE = "incidents/2026/an-incident.md"  # any ordinary incident file


@dataclass
class Finding:
    ok: bool
    text: str


@dataclass
class SetupReport:
    findings: list[Finding] = field(default_factory=list)

    def check(self, ok: bool, good: str, bad: str) -> None:
        self.findings.append(Finding(bool(ok), good if ok else bad))

    @property
    def missing(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok]


def check_setup(client: GitHubClient, repo: str, app_id: int) -> SetupReport:
    repo = check_repo(repo)
    report = SetupReport()
    repository, _ = client.get(f"/repos/{repo}")
    default = str(repository.get("default_branch") or "main")
    report.check(repository.get("private") is True or repository.get("visibility") == "internal",
                 "the repository is private (undisclosed security incidents are drafted in it)",
                 "the repository is public: drafts of undisclosed security incidents would be public before security approves. "
                 "Settings → General → Danger Zone → Change visibility → private")

    workflow, _ = client.get(f"/repos/{repo}/actions/permissions/workflow")
    report.check(workflow.get("default_workflow_permissions") == "read", "workflows get a read-only GITHUB_TOKEN by default",
                 "Settings → Actions → General → Workflow permissions: choose 'Read repository contents and packages permissions'")
    report.check(workflow.get("can_approve_pull_request_reviews") is False, "GitHub Actions cannot approve pull requests",
                 "Settings → Actions → General: untick 'Allow GitHub Actions to create and approve pull requests'")
    report.check(repository.get("allow_auto_merge") is True, "auto-merge is allowed (an incident update merges as soon as its checks pass)",
                 "Settings → General → Pull Requests: tick 'Allow auto-merge' (incident updates merge themselves once the gate "
                 "and the build pass; see guide/incident-updates.md)")

    _check_secrets(client, repo, app_id, report)
    _check_rules(client, repo, default, app_id, report)
    _check_environment(client, repo, GATE_ENVIRONMENT, default, report, "holds the App's private key (secret AFTERWORD_APP_PRIVATE_KEY)")
    _check_environment(client, repo, PAGES_ENVIRONMENT, default, report, "deploys the site")
    # Optional (notify.yml, update-due.yml); when it exists, a branch's own workflow must not read its secrets.
    _check_environment(client, repo, "notifications", default, report, "holds the notification channels' secrets", optional=True)
    _check_direct_push(client, repo, report)

    _check_codeowners_leave_incidents(client, repo, report)
    try:
        errors, _ = client.get(f"/repos/{repo}/codeowners/errors")
        problems = errors.get("errors", []) if isinstance(errors, dict) else []
        report.check(not problems, "CODEOWNERS has no errors",
                     f"CODEOWNERS has {len(problems)} error(s), e.g. line {problems[0].get('line') if problems else '?'}: "
                     f"{problems[0].get('message', '') if problems else ''} (an owner GitHub cannot resolve requests nobody)")
    except GitHubError as exc:
        if exc.status != 404:
            raise
        report.check(False, "", "no CODEOWNERS file: copy .github/CODEOWNERS and replace 'acme' with your organisation")
    return report


def _check_secrets(client: GitHubClient, repo: str, app_id: int, report: SetupReport) -> None:
    secrets, _ = client.get(f"/repos/{repo}/actions/secrets")
    exposed = sorted({s.get("name") for s in (secrets or {}).get("secrets", [])} & {"AFTERWORD_APP_PRIVATE_KEY", "AFTERWORD_ORG_TOKEN"})
    report.check(not exposed, "the App's key is not a repository secret (every writer's workflow can read those)",
                 f"repository secret(s) {', '.join(exposed)} can be read by any writer's workflow: delete them under Settings → Secrets and "
                 f"variables → Actions, and keep only AFTERWORD_APP_PRIVATE_KEY as a secret of the '{GATE_ENVIRONMENT}' environment")
    try:
        held, _ = client.get(f"/repos/{repo}/environments/{GATE_ENVIRONMENT}/secrets")
        names = {s.get("name") for s in (held or {}).get("secrets", [])}
    except GitHubError as exc:
        if exc.status != 404:
            raise
        names = set()
    report.check("AFTERWORD_APP_PRIVATE_KEY" in names, f"the App's private key is a secret of the '{GATE_ENVIRONMENT}' environment",
                 f"Settings → Environments → {GATE_ENVIRONMENT} → Environment secrets → add AFTERWORD_APP_PRIVATE_KEY (the App's private key)")
    try:
        variable, _ = client.get(f"/repos/{repo}/actions/variables/AFTERWORD_APP_ID")
        value = str((variable or {}).get("value") or "").strip()
    except GitHubError as exc:
        if exc.status != 404:
            raise
        value = ""
    report.check(value == str(app_id), f"the repository variable AFTERWORD_APP_ID is {app_id}",
                 f"Settings → Secrets and variables → Actions → Variables: set AFTERWORD_APP_ID to {app_id} (it is '{value or 'unset'}')")


def _check_rules(client: GitHubClient, repo: str, default: str, app_id: int, report: SetupReport) -> None:
    rules, _ = client.get(f"/repos/{repo}/rules/branches/{urllib.parse.quote(default, safe='')}")
    rules = rules if isinstance(rules, list) else []
    by_type: dict[str, list[dict]] = {}
    for rule in rules:
        by_type.setdefault(str(rule.get("type")), []).append(rule)
    where = f"Settings → Rules → Rulesets → the ruleset for '{default}'"
    report.check(bool(rules), f"rulesets apply to '{default}'", f"no ruleset applies to '{default}': {where} → New branch ruleset, target the default branch, enforcement Active")
    checks = [c for rule in by_type.get("required_status_checks", []) for c in rule.get("parameters", {}).get("required_status_checks", [])]
    gate = [c for c in checks if c.get("context") == CHECK_NAME]
    report.check(bool(gate), f"'{CHECK_NAME}' is a required check", f"{where} → Require status checks to pass → add '{CHECK_NAME}'")
    if gate:
        report.check(all(c.get("integration_id") == app_id for c in gate), f"'{CHECK_NAME}' is required from the gate's App only (id {app_id})",
                     f"'{CHECK_NAME}' is required from any source, so any writer can post it with their own token: "
                     f"{where} → the check's source → choose the gate's GitHub App (id {app_id})")
    strict = any(rule.get("parameters", {}).get("strict_required_status_checks_policy") for rule in by_type.get("required_status_checks", []))
    report.check(strict, "branches must be up to date before merging", f"{where} → Require status checks to pass → tick 'Require branches to be up to date before merging'")
    reviews = [rule.get("parameters", {}) for rule in by_type.get("pull_request", [])]
    report.check(bool(reviews), "changes reach the default branch through pull requests only", f"{where} → tick 'Require a pull request before merging'")
    if reviews:
        # The gate judges who must approve; GitHub's own count would hold every incident update for a human.
        report.check(all(r.get("required_approving_review_count", 0) == 0 for r in reviews),
                     "GitHub requires no approval count of its own (the gate decides, so incident updates merge in minutes)",
                     f"{where} → Require a pull request → Required approvals: 0. The gate ('{CHECK_NAME}') requires the roles "
                     "styleguide/reviewers.yml names; a count here holds every incident update until a human approves it")
        report.check(any(r.get("dismiss_stale_reviews_on_push") for r in reviews), "a push dismisses stale approvals",
                     f"{where} → Require a pull request → tick 'Dismiss stale pull request approvals when new commits are pushed'")
        report.check(not any(r.get("require_last_push_approval") for r in reviews),
                     "GitHub does not require its own approval of the last push (the gate counts no approval from anyone who pushed)",
                     f"{where} → Require a pull request → untick 'Require approval of the most recent reviewable push': it demands an "
                     "approval on every pull request, incident updates included; the gate already ignores approvals from anyone who pushed")
        report.check(any(r.get("require_code_owner_review") for r in reviews), "code owners must review",
                     f"{where} → Require a pull request → tick 'Require review from Code Owners'")
        holding = [team for r in reviews for team in r.get("required_reviewers") or []
                   if int(team.get("minimum_approvals") or 0) > 0 and path_spec(team.get("file_patterns") or []).match_file(INCIDENT_PROBE)]
        report.check(not holding, "GitHub's required reviewers leave incidents/ to the gate",
                     f"{where} → Require a pull request → Required reviewers: {len(holding)} team(s) must approve files under incidents/ "
                     f"(e.g. {INCIDENT_PROBE}), so every incident update waits for them: limit their file patterns to postmortems/** "
                     "and the maintainers' paths (the gate still holds security incidents and incidents shown on a postmortem)")
        methods = [set(r.get("allowed_merge_methods") or ["merge", "squash", "rebase"]) for r in reviews]
        report.check(any("rebase" not in m for m in methods), "pull requests merge as one commit (merge or squash)",
                     f"{where} → Require a pull request → Allowed merge methods: Merge and Squash only (publish.yml recognises "
                     "an approved pull request by its merge commit; rebased commits would each wait for a maintainer)")
    report.check("deletion" in by_type, "the default branch cannot be deleted", f"{where} → tick 'Restrict deletions'")
    report.check("non_fast_forward" in by_type, "force pushes are blocked", f"{where} → tick 'Block force pushes'")
    report.check("merge_queue" not in by_type, "no merge queue (the gate does not judge merge groups)",
                 f"{where} → untick 'Require merge queue': the gate posts its check on pull requests only")
    for ruleset_id in sorted({int(rule["ruleset_id"]) for rule in rules if isinstance(rule.get("ruleset_id"), int)}):
        ruleset, _ = client.get(f"/repos/{repo}/rulesets/{ruleset_id}")
        name = ruleset.get("name", ruleset_id)
        report.check(not ruleset.get("bypass_actors"), f"ruleset '{name}' has an empty bypass list",
                     f"ruleset '{name}' lets {len(ruleset.get('bypass_actors') or [])} actor(s) bypass it: remove them under Bypass list "
                     "(incident updates go through small pull requests with auto-merge; guide/incident-updates.md)")


def _check_codeowners_leave_incidents(client: GitHubClient, repo: str, report: SetupReport) -> None:
    """'Require review from Code Owners' holds every incident update for a human when CODEOWNERS owns incidents/."""
    for location in CODEOWNERS_PATHS:
        try:
            answer, _ = client.get(f"/repos/{repo}/contents/{location}")
        except GitHubError as exc:
            if exc.status != 404:
                raise
            continue
        try:
            text = base64.b64decode(str((answer or {}).get("content") or "")).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            text = ""
        owners = _owners(text, INCIDENT_PROBE)
        report.check(not owners, f"{location} gives incidents/ no code owner (the gate decides who reviews an incident update)",
                     f"{location} makes {' '.join(owners)} code owner(s) of incidents/ (e.g. {INCIDENT_PROBE}), so with 'Require review "
                     "from Code Owners' every incident update waits for them: remove that line or add '/incidents/' with no owner "
                     "after it (security incidents and incidents shown on a postmortem are still held by the gate)")
        return


def _owners(codeowners: str, path: str) -> list[str]:
    """The owners CODEOWNERS gives ``path``: the last matching line wins; a line without owners leaves it unowned."""
    found: list[str] = []
    for line in codeowners.splitlines():
        parts = line.split("#", 1)[0].split()
        if parts and path_spec([parts[0]]).match_file(path):
            found = parts[1:]
    return found


def _check_environment(client: GitHubClient, repo: str, name: str, default: str, report: SetupReport, purpose: str, optional: bool = False) -> None:
    where = f"Settings → Environments → {name}"
    try:
        environment, _ = client.get(f"/repos/{repo}/environments/{urllib.parse.quote(name)}")
    except GitHubError as exc:
        if exc.status != 404:
            raise
        if optional:
            return
        report.check(False, "", f"no environment '{name}' (it {purpose}): {where} → create it, Deployment branches: Selected branches → '{default}' only")
        return
    policy = environment.get("deployment_branch_policy") or {}
    ok = False
    if policy.get("custom_branch_policies"):
        branches, _ = client.get(f"/repos/{repo}/environments/{urllib.parse.quote(name)}/deployment-branch-policies")
        names = [(b.get("name"), b.get("type", "branch")) for b in (branches or {}).get("branch_policies", [])]
        ok = names == [(default, "branch")]
    report.check(ok, f"environment '{name}' is limited to '{default}'",
                 f"environment '{name}' ({purpose}) can be used from other branches: {where} → Deployment branches and tags → "
                 f"Selected branches and tags → only '{default}' (a pull request's own workflow must never reach it)")


def _check_direct_push(client: GitHubClient, repo: str, report: SetupReport) -> None:
    where = f"Settings → Environments → {DIRECT_PUSH_ENVIRONMENT}"
    try:
        environment, _ = client.get(f"/repos/{repo}/environments/{DIRECT_PUSH_ENVIRONMENT}")
    except GitHubError as exc:
        if exc.status != 404:
            raise
        environment = {}
    reviewers = [rule for rule in environment.get("protection_rules", []) if rule.get("type") == "required_reviewers" and rule.get("reviewers")]
    report.check(bool(reviewers), f"a maintainer must approve publishing a commit the gate did not pass ({DIRECT_PUSH_ENVIRONMENT}, break-glass)",
                 f"{where} → create it → Required reviewers: the maintainers team, tick 'Prevent self-review'")
    if reviewers:
        report.check(all(rule.get("prevent_self_review") for rule in reviewers), f"{DIRECT_PUSH_ENVIRONMENT}: nobody approves their own push",
                     f"{where} → tick 'Prevent self-review'")
        report.check(environment.get("can_admins_bypass") is False, f"{DIRECT_PUSH_ENVIRONMENT}: administrators cannot skip the approval",
                     f"{where} → untick 'Allow administrators to bypass configured protection rules'")
