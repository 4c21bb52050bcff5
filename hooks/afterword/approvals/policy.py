"""The review policy in ``styleguide/reviewers.yml``: which roles must approve which changes.

A role names who may approve (GitHub teams ``org/team-slug`` and/or user logins), the paths it
guards (gitignore-style globs, the same syntax as CODEOWNERS) and how many approvals it needs.
A role with ``security_incidents: true`` is required by content, not by path: for any change that
touches an incident whose front matter says ``security: true``. ``distinct: true`` (the default)
means one person's approval counts for one role only: marketing AND legal are two people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from ..frontmatter import FrontMatter, parse_front_matter
from ..problems import ContentError

DEFAULT_POLICY = Path("styleguide") / "reviewers.yml"
POLICY_KEYS = {"roles", "distinct"}
ROLE_KEYS = {"description", "teams", "users", "paths", "security_incidents", "min_approvals"}
_TEAM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?$")


def path_spec(globs: list[str]) -> pathspec.PathSpec:
    # pathspec 1.x renamed the gitignore factory; older releases (mkdocs allows >=0.11) only know 'gitwildmatch'.
    try:
        return pathspec.PathSpec.from_lines("gitignore", globs)
    except (KeyError, LookupError):  # pragma: no cover - depends on the installed pathspec
        return pathspec.PathSpec.from_lines("gitwildmatch", globs)


@dataclass
class Role:
    name: str
    teams: list[str] = field(default_factory=list)  # "org/team-slug"
    users: list[str] = field(default_factory=list)  # logins
    paths: list[str] = field(default_factory=list)  # globs this role guards
    security_incidents: bool = False
    min_approvals: int = 1
    description: str = ""

    def __post_init__(self) -> None:
        self._spec = path_spec(self.paths)

    def guards(self, path: str) -> bool:
        return bool(self.paths) and self._spec.match_file(path)


@dataclass
class Policy:
    roles: list[Role]
    path: str = str(DEFAULT_POLICY)
    distinct: bool = True  # one approval counts for one role only

    def role(self, name: str) -> Role | None:
        return next((r for r in self.roles if r.name == name), None)

    @property
    def teams(self) -> list[str]:
        return sorted({team for role in self.roles for team in role.teams})


def load_policy(path: str | Path = DEFAULT_POLICY) -> Policy:
    """Read and check the policy file; ContentError (with path:line) on anything a writer must fix."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ContentError(f"{path}: no such file (the review policy; see guide/publishing.md)") from None
    try:
        front = parse_front_matter(text)
    except ContentError as exc:
        raise ContentError(f"{path}:{exc.line}:{exc.column}: {exc.message}", exc.line, exc.column, "afterword.approvals") from None
    return parse_policy(front, str(path))


def parse_policy(front: FrontMatter, path: str) -> Policy:
    def fail(message: str, *key: object) -> ContentError:
        line, column = front.position_of(*key)
        return ContentError(f"{path}:{line}:{column}: {message}", line, column, "afterword.approvals")

    unknown_keys = sorted(set(map(str, front.data)) - POLICY_KEYS)
    if unknown_keys:
        raise fail(f"unknown key '{unknown_keys[0]}' (allowed: {', '.join(sorted(POLICY_KEYS))})", unknown_keys[0])
    distinct = front.data.get("distinct", True)
    if not isinstance(distinct, bool):
        raise fail("'distinct' must be true (one approval counts for one role only) or false", "distinct")
    raw_roles = front.data.get("roles")
    if not isinstance(raw_roles, dict) or not raw_roles:
        raise fail("'roles' must map each role name (marketing, legal, …) to its teams, users and paths", "roles")
    roles = []
    for name, raw in raw_roles.items():
        if not isinstance(raw, dict):
            raise fail(f"role '{name}' must be a mapping with teams, users, paths and min_approvals", "roles", name)
        unknown = sorted(set(map(str, raw)) - ROLE_KEYS)
        if unknown:
            raise fail(f"role '{name}': unknown key '{unknown[0]}' (allowed: {', '.join(sorted(ROLE_KEYS))})", "roles", name, unknown[0])
        teams = _names(raw, "teams", name, fail)
        for index, team in enumerate(teams):
            if not _TEAM.match(team):
                raise fail(f"role '{name}': team '{team}' must be written 'org/team-slug', e.g. 'acme/legal'", "roles", name, "teams", index)
        users = [u.lstrip("@") for u in _names(raw, "users", name, fail)]
        for index, user in enumerate(users):
            if not _LOGIN.match(user):
                raise fail(f"role '{name}': '{user}' is not a GitHub login", "roles", name, "users", index)
        paths = _names(raw, "paths", name, fail)
        security = raw.get("security_incidents", False)
        if not isinstance(security, bool):
            raise fail(f"role '{name}': 'security_incidents' must be true or false", "roles", name, "security_incidents")
        minimum = raw.get("min_approvals", 1)
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
            raise fail(f"role '{name}': 'min_approvals' must be a whole number of at least 1", "roles", name, "min_approvals")
        if not teams and not users:
            raise fail(f"role '{name}' needs at least one team ('org/team-slug') or user who can approve", "roles", name)
        if not paths and not security:
            raise fail(f"role '{name}' guards nothing: give it 'paths' or 'security_incidents: true'", "roles", name)
        roles.append(Role(str(name), teams, users, paths, security, minimum, str(raw.get("description") or "")))
    return Policy(roles, path, distinct)


def _names(raw: dict, key: str, role: str, fail) -> list[str]:
    value = raw.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"role '{role}': '{key}' must be a list of names", "roles", role, key)
    return [v.strip() for v in value]
