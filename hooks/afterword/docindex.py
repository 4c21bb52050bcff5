"""An index of the content files, so a check of one file loads only what its verdict depends on.

A file's findings depend on a few other files: an incident on the incidents sharing its id (the
first one wins) and on the postmortems naming it (whether it owes one); a postmortem on the
incidents it names and on the postmortems sharing its id. The index records, per file, its id,
whether it loads without errors and which incidents a postmortem names; ``neighbourhood`` follows
those links and ``load_history(settings, only=...)`` loads just that set, in the full load's order,
so the findings for the file are the same as after loading everything.

The index lives in ``.afterword-cache/index.json`` under the project. Each use compares every
content file's size and modification time with it and re-reads only the files that changed; it is
written again once ``_REWRITE_AFTER`` files differ from it (a few edited files are simply read
again on the next run), and rebuilt whenever mkdocs.yml or the loader changes. A missing or
unreadable index is just rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .loader import History, load_history, load_incident, load_postmortem
from .problems import ContentError
from .settings import Settings

INDEX_FILE = Path(".afterword-cache") / "index.json"
FORMAT = 1
# The loader's verdict on a file depends on these modules: a change to any of them rebuilds the index.
_LOADER_MODULES = ("loader.py", "frontmatter.py", "updates.py", "timestamps.py", "model.py", "settings.py")
INCIDENT, POSTMORTEM = "incident", "postmortem"
# A writer's check after an edit: reading the few changed files again next time is cheaper than
# writing the whole index (25 ms at 10,000 files); once this many differ, it is written.
_REWRITE_AFTER = 16


@dataclass
class Entry:
    stamp: list[int]  # [mtime_ns, size]
    kind: str  # incident, postmortem, or "other" (not Markdown: skipped by the loader)
    ok: bool  # loads without errors on its own
    id: str | None = None
    incidents: tuple[str, ...] = ()  # a postmortem's incident ids


def load_for_file(settings: Settings, path: Path) -> History | None:
    """The part of the history the checks of ``path`` need, or None if the whole must be loaded."""
    try:
        relpath = path.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        return load_history(settings, only=set())  # outside the project: no other file matters
    entries = refresh(settings)
    if relpath not in entries:
        return load_history(settings, only=set())  # not content: nothing else matters
    files = neighbourhood(entries, relpath)
    return None if files is None else load_history(settings, only=files)


def neighbourhood(entries: dict[str, Entry], relpath: str) -> set[str] | None:
    """The files whose loading decides ``relpath``'s findings; None when that is the whole history
    (a postmortem naming an incident that does not exist: the message suggests the closest id)."""
    incidents_by_id: dict[str, list[str]] = {}
    postmortems_by_id: dict[str, list[str]] = {}
    naming: dict[str, list[str]] = {}  # incident id -> postmortems naming it
    for path, entry in entries.items():
        if not entry.ok:
            continue
        if entry.kind == INCIDENT:
            incidents_by_id.setdefault(entry.id, []).append(path)
        elif entry.kind == POSTMORTEM:
            postmortems_by_id.setdefault(entry.id, []).append(path)
            for incident_id in entry.incidents:
                naming.setdefault(incident_id, []).append(path)
    target = entries[relpath]
    wanted, queue = {relpath}, [relpath]
    if target.ok and target.kind == INCIDENT:
        queue += naming.get(target.id, [])  # whether it has a published postmortem
    while queue:
        entry = entries[queue.pop()]
        if not entry.ok:
            continue
        if entry.kind == INCIDENT:
            linked = incidents_by_id[entry.id]  # the first file with this id is the incident
        else:
            linked = list(postmortems_by_id[entry.id])
            for incident_id in entry.incidents:
                if incident_id not in incidents_by_id:
                    if entry is target:
                        return None
                    continue  # that postmortem fails to link: it is simply not this file's neighbour
                linked += incidents_by_id[incident_id]
        for path in linked:
            if path not in wanted:
                wanted.add(path)
                queue.append(path)
    return wanted


def refresh(settings: Settings) -> dict[str, Entry]:
    """Every content file's entry, re-reading the files changed since the index was written."""
    index_path = settings.root / INDEX_FILE
    key = _key(settings)
    cached = _read(index_path, key)
    entries: dict[str, Entry] = {}
    changed = 0
    prefix = len(os.path.join(str(settings.root), ""))  # paths below are the root's joined with more
    for kind, folder in ((INCIDENT, settings.incidents_dir), (POSTMORTEM, settings.postmortems_dir)):
        for path, status in _walk(str(folder)):
            relpath = path[prefix:].replace(os.sep, "/")
            stamp = [status.st_mtime_ns, status.st_size]
            entry = cached.get(relpath)
            if entry is None or entry.stamp != stamp or entry.kind not in (kind, "other"):
                entry = _summarise(Path(path), relpath, kind, settings, stamp)
                changed += 1
            entries[relpath] = entry
    differ = changed + sum(1 for relpath in cached if relpath not in entries)  # edited, added, removed
    if differ >= _REWRITE_AFTER or (differ and len(entries) < 10 * _REWRITE_AFTER):
        _write(index_path, key, entries)
    return entries


def _walk(folder: str):
    """(path, stat) of the files the loader reads under ``folder`` (loader.content_files, symlinks included
    so the loader can refuse them), one stat each."""
    try:
        with os.scandir(folder) as scan:
            found = list(scan)
    except OSError:
        return
    for entry in found:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path)
            elif (entry.is_file() or entry.is_symlink()) and not entry.name.startswith("."):
                yield entry.path, entry.stat(follow_symlinks=False)
        except OSError:
            continue


def _summarise(path: Path, relpath: str, kind: str, settings: Settings, stamp: list[int]) -> Entry:
    if path.suffix.lower() != ".md":
        return Entry(stamp, "other", False)
    try:
        if kind == INCIDENT:
            incident = load_incident(path, relpath, settings, [])
            return Entry(stamp, kind, incident is not None, incident.id if incident else None)
        postmortem = load_postmortem(path, relpath, [])
        if postmortem is None:
            return Entry(stamp, kind, False)
        return Entry(stamp, kind, True, postmortem.id, tuple(postmortem.incident_ids))
    except (ContentError, OSError):
        return Entry(stamp, kind, False)


def _key(settings: Settings) -> str:
    digest = hashlib.sha256(f"{FORMAT} {__version__}".encode())
    try:
        digest.update(settings.config_path.read_bytes())
    except (AttributeError, OSError):
        digest.update(str(settings.root).encode())
    digest.update(" ".join(c.id for c in settings.components).encode())  # what the loader checks against
    package = Path(__file__).parent
    for name in _LOADER_MODULES:
        try:
            status = (package / name).stat()
            digest.update(f"{name} {status.st_mtime_ns} {status.st_size}".encode())
        except OSError:
            pass
    return digest.hexdigest()


def _read(index_path: Path, key: str) -> dict[str, Entry]:
    try:
        data = json.loads(index_path.read_text(encoding="utf-8"))
        if data.get("key") != key:
            return {}
        return {path: Entry(list(e[0]), e[1], bool(e[2]), e[3], tuple(e[4])) for path, e in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return {}


def _write(index_path: Path, key: str, entries: dict[str, Entry]) -> None:
    data = {"key": key, "files": {path: [e.stamp, e.kind, e.ok, e.id, list(e.incidents)] for path, e in entries.items()}}
    try:
        index_path.parent.mkdir(parents=True, exist_ok=True)
        partial = index_path.with_name(f"{index_path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, index_path)  # readers see the old index or the new one, never half
    except OSError:
        pass  # a read-only checkout: the next check rebuilds what it needs
