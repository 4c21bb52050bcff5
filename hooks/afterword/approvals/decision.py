"""The gate's verdict: for the pull request's head commit, has every required role approved?

A role is satisfied when at least ``min_approvals`` of its eligible members approved the head
commit and none of its members still requests changes. Eligible means independent of the change:
never the pull request's author, nor anyone who authored or committed one of its commits (for a
pull request opened by a bot, that excludes the humans whose commits it carries). With
``distinct: true`` one person's approval counts for one role only. Team membership comes from the
caller (recorded JSON or the live API); a team that could not be read is left out, so the role is
judged on the members that are known (its user list) and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .payloads import ChangedFile, Commit, Dismissal, PullRequest, Review
from .policy import Policy, Role
from .standing import standings
from .triggers import Trigger, required_roles

# GitHub commits web edits, merges and squashes as "web-flow": it stands for GitHub, not a person.
GITHUB_COMMITTERS = {"web-flow", ""}


@dataclass
class RoleResult:
    role: Role
    reasons: list[str]  # the changed files that require this role
    members: set[str]  # lower-cased logins that can approve (author and committers excluded)
    approvers: list[str] = field(default_factory=list)  # approved the head commit, counted for this role
    stale: list[str] = field(default_factory=list)  # approved an older commit only
    blockers: list[str] = field(default_factory=list)  # still request changes
    counted_elsewhere: list[str] = field(default_factory=list)  # approved, but counted for another role (distinct)
    unreadable_teams: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)  # members who wrote or committed the change

    @property
    def missing_approvals(self) -> int:
        return max(0, self.role.min_approvals - len(self.approvers))

    @property
    def satisfied(self) -> bool:
        return self.missing_approvals == 0 and not self.blockers

    def candidates(self, member_logins: Mapping[str, set[str] | None], ineligible: set[str]) -> str:
        """Who could approve, for the report: teams with their known members, then named users."""
        parts = []
        for team in self.role.teams:
            logins = member_logins.get(team.lower())
            if logins is None:
                parts.append(f"team {team} (members unknown)")
            else:
                shown = sorted(login for login in logins if login not in ineligible)
                parts.append(f"team {team} ({', '.join('@' + l for l in shown) or 'no members'})")
        users = [u for u in self.role.users if u.lower() not in ineligible]
        if users:
            parts.append("users " + ", ".join("@" + u for u in users))
        return "; ".join(parts) or "nobody independent of the change"


@dataclass
class Decision:
    pull: PullRequest
    files: list[ChangedFile]
    results: list[RoleResult]  # required roles only, in policy order
    members: Mapping[str, set[str] | None]
    ineligible: set[str] = field(default_factory=set)  # lower-cased: author, commit authors and committers

    @property
    def passed(self) -> bool:
        return all(result.satisfied for result in self.results)

    @property
    def missing_roles(self) -> list[str]:
        return [result.role.name for result in self.results if not result.satisfied]


def ineligible_logins(pull: PullRequest, commits: list[Commit]) -> set[str]:
    people = {pull.author.lower()} | {c.author.lower() for c in commits} | {c.committer.lower() for c in commits}
    return people - GITHUB_COMMITTERS


def evaluate(
    policy: Policy,
    pull: PullRequest,
    reviews: list[Review],
    files: list[ChangedFile],
    members: Mapping[str, set[str] | None],
    root: Path,
    triggers: dict[str, Trigger] | None = None,
    commits: list[Commit] | None = None,
    dismissals: dict[int, Dismissal] | None = None,
) -> Decision:
    """Judge a pull request. ``members`` maps lower-cased 'org/team-slug' to logins, or None if unreadable.

    ``triggers`` (from ``required_roles``) may be passed when the caller computed them already,
    e.g. to read the members of required teams only.
    """
    if triggers is None:
        triggers = required_roles(policy, files, root)
    ineligible = ineligible_logins(pull, commits or [])
    by_login = standings(reviews, pull.author, dismissals)
    results = []
    for role in policy.roles:
        trigger = triggers.get(role.name)
        if trigger is None:
            continue
        everyone = {u.lower() for u in role.users}
        unreadable = []
        for team in role.teams:
            logins = members.get(team.lower())
            if logins is None:
                unreadable.append(team)
            else:
                everyone |= logins
        eligible = everyone - ineligible
        result = RoleResult(role, trigger.reasons, eligible, unreadable_teams=unreadable, excluded=sorted(everyone & ineligible))
        for key, standing in sorted(by_login.items()):
            if key not in everyone:
                continue
            if standing.blocks(eligible):  # anyone of the role can block; only an independent member can dismiss
                result.blockers.append(standing.login)
            elif key not in eligible:
                continue
            elif standing.approves(pull.head_sha):
                result.approvers.append(standing.login)
            elif standing.state == "APPROVED":
                result.stale.append(standing.login)
        results.append(result)
    if policy.distinct:
        _count_each_person_once(results)
    return Decision(pull, files, results, members, ineligible)


def _count_each_person_once(results: list[RoleResult]) -> None:
    """Give each approver to one role at most, filling as many roles' approvals as possible (bipartite matching)."""
    slots = [(index, n) for index, result in enumerate(results) for n in range(result.role.min_approvals)]
    holder: dict[int, str] = {}  # slot number -> approver

    def place(person: str, seen: set[int]) -> bool:
        for number, (index, _) in enumerate(slots):
            if number in seen or person not in results[index].approvers:
                continue
            seen.add(number)
            if number not in holder or place(holder[number], seen):
                holder[number] = person
                return True
        return False

    for person in sorted({p for r in results for p in r.approvers}):
        place(person, set())
    for index, result in enumerate(results):
        counted = sorted({person for number, person in holder.items() if slots[number][0] == index})
        result.counted_elsewhere = [p for p in result.approvers if p not in counted]
        result.approvers = counted
