"""The approval gate: has every role that must review a change approved its head commit?

Policy in ``styleguide/reviewers.yml`` (``policy``); GitHub REST payloads (``payloads``), read
from recorded files or the live API (``github``); reviewer standings (``standing``); the roles a
change needs, read from the base and head trees (``triggers``, with where mkdocs.yml puts the
content and what else it makes the build read: ``layout``); the verdict (``decision``) and its
presentation (``report``). Around it: is what is about to be published approved (``published``,
``afterword verify-publish``) and is the repository set up so the gate cannot be bypassed
(``setup_check``, ``afterword check-setup``). The gate's command is ``afterword check-approvals``.
Checklist for admins: guide/publishing.md.
"""

from .decision import Decision, RoleResult, evaluate
from .github import GitHubClient, GitHubError, fetch_pull_request, fetch_team_members
from .payloads import (
    ChangedFile,
    Commit,
    Dismissal,
    PullRequest,
    Review,
    read_commits,
    read_dismissals,
    read_files,
    read_members,
    read_pull_request,
    read_reviews,
)
from .policy import DEFAULT_POLICY, Policy, Role, load_policy
from .triggers import Trigger, required_roles

__all__ = [
    "DEFAULT_POLICY", "ChangedFile", "Commit", "Decision", "Dismissal", "GitHubClient", "GitHubError", "Policy", "PullRequest", "Review",
    "Role", "RoleResult", "Trigger", "evaluate", "fetch_pull_request", "fetch_team_members", "load_policy", "read_commits", "read_dismissals", "read_files",
    "read_members", "read_pull_request", "read_reviews", "required_roles",
]
