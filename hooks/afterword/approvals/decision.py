"""The gate's verdict: for the pull request's head commit, has every required role approved?

A role is satisfied when at least ``min_approvals`` of its members approved the head commit and
none of its members still requests changes. Team membership comes from the caller (recorded JSON
or the live API); a team that could not be read is left out, so the role is judged on the
members that are known (its user list) and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .payloads import ChangedFile, PullRequest, Review
from .policy import Policy, Role
from .standing import standings
from .triggers import Trigger, required_roles


@dataclass
class RoleResult:
    role: Role
    reasons: list[str]  # the changed files that require this role
    members: set[str]  # lower-cased logins that can approve (author excluded)
    approvers: list[str] = field(default_factory=list)  # approved the head commit
    stale: list[str] = field(default_factory=list)  # approved an older commit only
    blockers: list[str] = field(default_factory=list)  # still request changes
    unreadable_teams: list[str] = field(default_factory=list)

    @property
    def missing_approvals(self) -> int:
        return max(0, self.role.min_approvals - len(self.approvers))

    @property
    def satisfied(self) -> bool:
        return self.missing_approvals == 0 and not self.blockers

    def candidates(self, member_logins: Mapping[str, set[str] | None], author: str) -> str:
        """Who could approve, for the report: teams with their known members, then named users."""
        parts = []
        for team in self.role.teams:
            logins = member_logins.get(team.lower())
            if logins is None:
                parts.append(f"team {team} (members unknown)")
            else:
                shown = sorted(login for login in logins if login != author.lower())
                parts.append(f"team {team} ({', '.join('@' + l for l in shown) or 'no members'})")
        users = [u for u in self.role.users if u.lower() != author.lower()]
        if users:
            parts.append("users " + ", ".join("@" + u for u in users))
        return "; ".join(parts) or "nobody but the author"


@dataclass
class Decision:
    pull: PullRequest
    files: list[ChangedFile]
    results: list[RoleResult]  # required roles only, in policy order
    members: Mapping[str, set[str] | None]

    @property
    def passed(self) -> bool:
        return all(result.satisfied for result in self.results)

    @property
    def missing_roles(self) -> list[str]:
        return [result.role.name for result in self.results if not result.satisfied]


def evaluate(
    policy: Policy,
    pull: PullRequest,
    reviews: list[Review],
    files: list[ChangedFile],
    members: Mapping[str, set[str] | None],
    root: Path,
    triggers: dict[str, Trigger] | None = None,
) -> Decision:
    """Judge a pull request. ``members`` maps lower-cased 'org/team-slug' to logins, or None if unreadable.

    ``triggers`` (from ``required_roles``) may be passed when the caller computed them already,
    e.g. to read the members of required teams only.
    """
    if triggers is None:
        triggers = required_roles(policy, files, root)
    by_login = standings(reviews, pull.author)
    results = []
    for role in policy.roles:
        trigger = triggers.get(role.name)
        if trigger is None:
            continue
        role_members = {u.lower() for u in role.users}
        unreadable = []
        for team in role.teams:
            logins = members.get(team.lower())
            if logins is None:
                unreadable.append(team)
            else:
                role_members |= logins
        role_members.discard(pull.author.lower())
        result = RoleResult(role, trigger.reasons, role_members, unreadable_teams=unreadable)
        for key, standing in sorted(by_login.items()):
            if key not in role_members:
                continue
            if standing.blocks:
                result.blockers.append(standing.login)
            elif standing.approves(pull.head_sha):
                result.approvers.append(standing.login)
            else:
                result.stale.append(standing.login)
        results.append(result)
    return Decision(pull, files, results, members)
