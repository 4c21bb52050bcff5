"""Which roles a change needs, and why: by the paths it touches and by security front matter.

Security is a property of the content, not of its path, so the changed files are read from the
checkout of the pull request's head commit (``root``). An incident is a security incident when
its front matter says ``security: true``; a postmortem touches the incidents it names. When a
file cannot be read or parsed the security role is required anyway: a gate fails closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..frontmatter import split_document
from ..loader import read_content_file
from ..problems import ContentError
from .payloads import ChangedFile
from .policy import Policy, Role

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass
class Trigger:
    role: Role
    reasons: list[str] = field(default_factory=list)  # e.g. "postmortems/x.md (postmortems/**)"


def required_roles(policy: Policy, files: list[ChangedFile], root: Path) -> dict[str, Trigger]:
    triggers: dict[str, Trigger] = {}

    def need(role: Role, reason: str) -> None:
        triggers.setdefault(role.name, Trigger(role)).reasons.append(reason)

    for role in policy.roles:
        for changed in files:
            for path in changed.paths:
                if role.guards(path):
                    need(role, path)
                    break
    security_roles = [r for r in policy.roles if r.security_incidents]
    if security_roles:
        for changed in files:
            reason = security_reason(changed, root)
            if reason:
                for role in security_roles:
                    need(role, reason)
    return triggers


def security_reason(changed: ChangedFile, root: Path) -> str | None:
    """Why this change touches a security incident, or None when it does not."""
    path = changed.filename
    kind = path.split("/", 1)[0]
    if kind not in ("incidents", "postmortems") or not path.endswith(".md") or changed.status == "removed":
        return None
    file = root / path
    if not file.is_file():
        return f"{path} (not found under {root}: run from a checkout of the head commit or pass --root)"
    try:
        data = split_document(read_content_file(file)).front_matter.data
    except ContentError as exc:
        return f"{path} (its front matter cannot be read at line {exc.line}: {exc.message})"
    if kind == "incidents":
        return f"{path} (security: true)" if data.get("security") is True else None
    incident_ids = data.get("incident")
    incident_ids = [incident_ids] if isinstance(incident_ids, str) else incident_ids or []
    for incident_id in incident_ids:
        if not isinstance(incident_id, str) or not _ID.match(incident_id):
            continue  # not an incident id (the loader reports it); never a glob pattern
        for incident_file in sorted((root / "incidents").glob(f"*/{incident_id}.md")):
            try:
                incident = split_document(read_content_file(incident_file)).front_matter.data
            except ContentError:
                return f"{path} (its incident {incident_id} cannot be read)"
            if incident.get("security") is True:
                return f"{path} (postmortem of security incident {incident_id})"
    return None
