"""Publish only what was approved: is every commit that reached the default branch since the last
deployment the merge of a pull request whose head passed the gate?

The gate's verdict is the check run "Required approvals" posted by the gate's GitHub App on the
pull request's head (incident updates are such pull requests too, merged by auto-merge with no
approval when the gate needs none). A commit that is not such a merge (a direct push while an admin
had the ruleset off) is not refused outright: publish.yml then asks a maintainer to approve the
deployment (the break-glass environment publish-direct-push). A history that was rewritten since the last deployment always
needs that approval; a first deployment needs its tip to be an approved merge.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

from .github import GitHubClient, check_repo

CHECK_NAME = "Required approvals"
MAX_COMMITS = 100  # commits on the default branch since the last deployment that are checked one by one


@dataclass
class PublishVerdict:
    approved: bool
    lines: list[str] = field(default_factory=list)


NEVER_DEPLOYED = ""  # last_deployed_sha: no deployment at all (a first deployment)


def last_deployed_sha(client: GitHubClient, repo: str, environment: str) -> str | None:
    """The commit of the latest deployment to ``environment`` whose latest status is success;
    NEVER_DEPLOYED when there is no deployment at all, None when there are some but none succeeded
    among the newest 30 (anyone with write access can add a status to a deployment: that must not
    turn the next run into a first deployment, which checks the tip only)."""
    env = urllib.parse.quote(environment)
    deployments, _ = client.get(f"/repos/{repo}/deployments?environment={env}&per_page=30")
    deployments = deployments if isinstance(deployments, list) else []
    for deployment in deployments:
        statuses, _ = client.get(f"/repos/{repo}/deployments/{int(deployment['id'])}/statuses?per_page=1")
        if isinstance(statuses, list) and statuses and statuses[0].get("state") == "success":
            return str(deployment.get("sha") or "") or None
    return None if deployments else NEVER_DEPLOYED


def first_parent_chain(client: GitHubClient, repo: str, since: str, tip: str) -> list[str] | None:
    """The commits from ``tip`` back along first parents to ``since`` (excluded), or None if ``tip`` does not descend from it."""
    if since == tip:
        return []
    compare, _ = client.get(f"/repos/{repo}/compare/{since}...{tip}")
    if not isinstance(compare, dict) or compare.get("status") not in ("ahead",) or int(compare.get("total_commits") or 0) > MAX_COMMITS:
        return None
    parents = {c["sha"]: [p["sha"] for p in c.get("parents", [])] for c in compare.get("commits", []) if isinstance(c, dict)}
    chain, sha = [], tip
    while sha != since:
        if sha not in parents or len(chain) > MAX_COMMITS:
            return None
        chain.append(sha)
        sha = parents[sha][0] if parents[sha] else since
    return chain


def gated_merge(client: GitHubClient, repo: str, sha: str, app_id: int, default_branch: str) -> str | None:
    """Why ``sha`` is an approved merge (None when it is not one)."""
    pulls, _ = client.get(f"/repos/{repo}/commits/{sha}/pulls")
    for pull in pulls if isinstance(pulls, list) else []:
        if not (isinstance(pull, dict) and pull.get("merged_at") and pull.get("merge_commit_sha") == sha):
            continue
        if (pull.get("base") or {}).get("ref") != default_branch:
            continue
        head = str((pull.get("head") or {}).get("sha") or "")
        name = urllib.parse.quote(CHECK_NAME)
        runs, _ = client.get(f"/repos/{repo}/commits/{head}/check-runs?check_name={name}&app_id={int(app_id)}&filter=latest")
        for run in (runs or {}).get("check_runs", []) if isinstance(runs, dict) else []:
            if (run.get("app") or {}).get("id") == app_id and run.get("status") == "completed" and run.get("conclusion") == "success":
                return f"{sha[:12]}: merge of pull request #{pull.get('number')}, whose head {head[:12]} passed '{CHECK_NAME}'"
    return None


def verify_publish(client: GitHubClient, repo: str, tip: str, app_id: int, environment: str = "github-pages") -> PublishVerdict:
    repo = check_repo(repo)
    repository, _ = client.get(f"/repos/{repo}")
    default_branch = str((repository or {}).get("default_branch") or "")
    since = last_deployed_sha(client, repo, environment)
    if since is None:
        return PublishVerdict(False, [f"none of the latest deployments to '{environment}' succeeded, so what is live is unknown: a maintainer must approve"])
    # The first deployment publishes the branch as it is: its tip must be an approved merge.
    chain = first_parent_chain(client, repo, since, tip) if since != NEVER_DEPLOYED else [tip]
    if chain is None:
        return PublishVerdict(False, [f"{tip[:12]} does not simply follow the last deployed commit {(since or '')[:12]} "
                                      f"(history rewritten, or more than {MAX_COMMITS} commits): a maintainer must approve"])
    if not chain:
        return PublishVerdict(True, [f"{tip[:12]} is the commit already deployed"])
    lines, approved = [], True
    for sha in chain:
        reason = gated_merge(client, repo, sha, app_id, default_branch)
        if reason is None:
            approved = False
            lines.append(f"{sha[:12]}: not the merge of a pull request whose head passed '{CHECK_NAME}' (a direct push): a maintainer must approve")
        else:
            lines.append(reason)
    return PublishVerdict(approved, lines)
