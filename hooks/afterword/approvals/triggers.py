"""Which roles a change needs, and why: by the paths it touches and by what the content says.

Content is read as data from two trees: the pull request's head (``root``) and the default
branch (``base_root``). Incidents are found exactly as the loader finds them (any depth under
``incidents/``, ``.md`` in any case, id from ``id:`` or the file stem), so a security incident
needs the security role whether the change adds, edits, downgrades (``security: true`` → false),
renames or deletes it, and a postmortem of one needs it too. An incident shown on a postmortem
(its title and updates appear in the postmortem's timeline) needs that postmortem's roles.
Where the content is and what else the build reads come from each tree's mkdocs.yml
(``layout``): a file under ``content_dir`` is judged as its content-relative path too, and a file
mkdocs.yml points at needs the roles that guard mkdocs.yml. Unreadable content requires the
security role anyway, and a symbolic link stops the gate: a gate fails closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..frontmatter import split_document
from ..loader import content_files, document_id, is_markdown, read_content_file
from ..problems import ContentError
from ..symlinks import find_symlinks
from .layout import CONFIG, Layout, read_layout
from .payloads import ChangedFile
from .policy import Policy, Role

INCIDENTS, POSTMORTEMS = "incidents", "postmortems"


class GateError(ContentError):
    """The gate cannot reach a verdict it could trust: exit 2, never a pass."""

    def __init__(self, message: str):
        super().__init__(message, rule="afterword.approvals")


@dataclass
class Trigger:
    role: Role
    reasons: list[str] = field(default_factory=list)  # e.g. "postmortems/x.md (postmortems/**)"


@dataclass
class _Document:
    path: str  # relative to the tree, posix
    data: dict | None  # front matter; None when it cannot be read
    error: str = ""
    kind: str = POSTMORTEMS  # INCIDENTS or POSTMORTEMS

    @property
    def incident_ids(self) -> list[str]:
        ids = (self.data or {}).get("incident")
        ids = [ids] if isinstance(ids, str) else ids if isinstance(ids, list) else []
        return [str(i).strip() for i in ids if isinstance(i, (str, int))]


class Tree:
    """The incidents and postmortems of one checkout, read as the loader reads them (never executed)."""

    def __init__(self, root: Path, label: str):
        self.root, self.label = root, label
        self.layout: Layout = read_layout(root, label)
        self.content = root / self.layout.content if self.layout.content else root
        self.documents: dict[str, _Document] = {}
        self.incidents_by_id: dict[str, list[_Document]] = {}
        self.postmortems: list[_Document] = []
        for kind in (INCIDENTS, POSTMORTEMS):
            for path in content_files(self.content / kind):
                if path.is_symlink() or not is_markdown(path):
                    continue  # symlinks stop the gate (symlinks_in); other files are never published
                relpath = path.relative_to(root).as_posix()  # as GitHub lists it
                document = self._read(path, relpath)
                document.kind = kind
                self.documents[relpath] = document
                if kind == INCIDENTS:
                    key = document_id(document.data or {}, path)
                    self.incidents_by_id.setdefault(key, []).append(document)
                else:
                    self.postmortems.append(document)

    @staticmethod
    def _read(path: Path, relpath: str) -> _Document:
        try:
            return _Document(relpath, split_document(read_content_file(path)).front_matter.data)
        except ContentError as exc:
            return _Document(relpath, None, f"its front matter cannot be read at line {exc.line}: {exc.message}")
        except OSError as exc:
            return _Document(relpath, None, f"it cannot be read: {exc.strerror or exc}")

    def incident_id_of(self, relpath: str) -> str | None:
        document = self.documents.get(relpath)
        return document_id(document.data or {}, Path(relpath)) if document is not None else None


    def kind_of(self, path: str) -> str | None:
        """INCIDENTS or POSTMORTEMS when the loader would read ``path`` (repo-relative) in this tree."""
        relative = self.layout.content_path(path)
        for kind in (INCIDENTS, POSTMORTEMS):
            if relative is not None and relative.startswith(f"{kind}/") and is_markdown(Path(path)):
                return kind
        return None


def symlinks_in(trees: list[Tree]) -> list[str]:
    return [f"{tree.label}: {link.relative_to(tree.root).as_posix()}" for tree in trees for kind in (INCIDENTS, POSTMORTEMS)
            if (tree.content / kind).exists() or (tree.content / kind).is_symlink() for link in find_symlinks(tree.content / kind)]


def _guards(role: Role, path: str, trees: list[Tree]) -> bool:
    """Under a content_dir, content/postmortems/x.md is judged as postmortems/x.md too."""
    return role.guards(path) or any(role.guards(r) for r in {tree.layout.content_path(path) for tree in trees} - {None, path})


def required_roles(policy: Policy, files: list[ChangedFile], root: Path, base_root: Path | None = None) -> dict[str, Trigger]:
    trees = [Tree(root, "head")] + ([Tree(base_root, "base")] if base_root is not None else [])
    links = symlinks_in(trees)
    if links:
        raise GateError(f"symbolic links under incidents/ or postmortems/ are never published and the gate cannot judge what they point at: {', '.join(links[:10])}")
    triggers: dict[str, Trigger] = {}

    def need(role: Role, reason: str) -> None:
        trigger = triggers.setdefault(role.name, Trigger(role))
        if reason not in trigger.reasons:
            trigger.reasons.append(reason)

    changed_paths = [path for changed in files for path in changed.paths]
    for role in policy.roles:
        for path in changed_paths:
            if _guards(role, path, trees):
                need(role, path)
                break
    config_roles = [r for r in policy.roles if r.guards(CONFIG)]
    for path in changed_paths:
        for tree in trees:
            key = tree.layout.input_of(path)
            if key is not None:
                for role in config_roles:
                    need(role, f"{path} (read by the build: {key} in {CONFIG} of {tree.label})")
    security_roles = [r for r in policy.roles if r.security_incidents]
    for path in changed_paths:
        if not any(tree.kind_of(path) for tree in trees):
            continue  # not content, or never published (not .md)
        found = False
        for tree in trees:
            document = tree.documents.get(path)
            if document is None:
                continue
            found = True
            reason = security_reason(document, tree, trees)
            if reason:
                for role in security_roles:
                    need(role, reason)
            if document.kind == INCIDENTS:
                for postmortem in _postmortems_showing(tree.incident_id_of(path), trees):
                    for role in policy.roles:
                        if _guards(role, postmortem, trees):
                            need(role, f"{path} (shown on {postmortem})")
        if not found and any(c.status != "removed" and c.filename == path for c in files):
            for role in security_roles:
                need(role, f"{path} (not found in the head checkout {root}: run from a checkout of the head commit or pass --root)")
    return triggers


def security_reason(document: _Document, tree: Tree, trees: list[Tree]) -> str | None:
    """Why this document touches a security incident (in this tree), or None when it does not."""
    where = f"{document.path} in {tree.label}"
    if document.data is None:
        return f"{where} ({document.error})"
    if document.kind == INCIDENTS:
        return f"{document.path} (security: true in {tree.label})" if document.data.get("security") is True else None
    for incident_id in document.incident_ids:
        for other in trees:  # the incident as it is on either side
            for incident in other.incidents_by_id.get(incident_id, []):
                if incident.data is None:
                    return f"{where} (its incident {incident_id} cannot be read: {incident.error})"
                if incident.data.get("security") is True:
                    return f"{document.path} (postmortem of security incident {incident_id}, security: true in {other.label})"
    return None


def _postmortems_showing(incident_id: str | None, trees: list[Tree]) -> list[str]:
    if not incident_id:
        return []
    return sorted({pm.path for tree in trees for pm in tree.postmortems if incident_id in pm.incident_ids})
