"""Finding one incident's file without loading the history, checking a draft with the real loader,
and writing atomically (a temporary file in the same folder, then a rename) so a crash or a full
disk never leaves half an incident behind."""

from __future__ import annotations

import difflib
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Callable

from ..loader import load_incident, load_postmortem, read_content_file, relative_path
from ..problems import ContentError, Problem, sort_problems
from .errors import AuthoringError

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_SLUG = 60


def slugify(title: str) -> str:
    """'API requests failing!' -> 'api-requests-failing': the same rule as the loader's id suggestion."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def check_id(document_id: str) -> str:
    if not _ID.match(document_id):
        raise AuthoringError(f"'{document_id}' cannot be used as an id in a web address: use letters, digits, '-', '_' and '.'", rule="afterword.id")
    return document_id


def find_incident_file(settings, reference: str) -> Path:
    """The file of incident ``reference``: an id (looked up as incidents/*/<id>.md) or a path."""
    candidate = Path(reference)
    if reference.endswith(".md") and candidate.is_file():
        return candidate.resolve()
    if reference.endswith(".md") and (settings.root / candidate).is_file():
        return (settings.root / candidate).resolve()
    incident_id = check_id(Path(reference).stem if reference.endswith(".md") else reference)
    folder = settings.incidents_dir
    found = sorted(folder.glob(f"*/{incident_id}.md")) or sorted(folder.rglob(f"{incident_id}.md"))
    if len(found) == 1:
        return found[0].resolve()
    if len(found) > 1:
        listed = ", ".join(relative_path(p, settings.root) for p in found)
        raise AuthoringError(f"incident id '{incident_id}' is used by more than one file ({listed}): pass the path instead", rule="afterword.duplicate-id")
    known = [p.stem for p in folder.rglob("*.md")] if folder.is_dir() else []
    close = difflib.get_close_matches(incident_id, known, n=1)
    hint = f": did you mean '{close[0]}'?" if close else ": check the file name under incidents/"
    raise AuthoringError(f"no incident with id '{incident_id}'{hint}", rule="afterword.not-found")


def load_incident_file(path: Path, settings, raw: bytes | None = None):
    """The one incident in ``path``, loaded by the real loader; AuthoringError with its problems if it is broken."""
    raw = path.read_bytes() if raw is None else raw
    try:
        read_content_file(path)  # size, encoding and NUL checks, with the loader's messages
        raw.decode("utf-8")
    except ContentError as exc:
        raise AuthoringError(f"{relative_path(path, settings.root)}: {exc.message}", [exc.at(relative_path(path, settings.root))]) from None
    except UnicodeDecodeError:  # pragma: no cover - read_content_file reports it first
        raise AuthoringError("the file is not valid UTF-8") from None
    incident, problems = check_incident_bytes(raw, path, settings)
    if incident is None or any(p.is_error for p in problems):
        raise AuthoringError(f"{relative_path(path, settings.root)} has problems already: fix them first, then add the update", problems)
    return incident


def incident_id_taken(settings, incident_id: str) -> Path | None:
    folder = settings.incidents_dir
    found = sorted(folder.rglob(f"{incident_id}.md")) if folder.is_dir() else []
    return found[0] if found else None


def _check_with(loader: Callable, data: bytes, target: Path, relpath: str):
    # The loader takes the id from the file name, so the probe copy keeps the target's name.
    with tempfile.TemporaryDirectory(prefix="afterword-new-") as folder:
        probe = Path(folder) / target.name
        probe.write_bytes(data)
        problems: list[Problem] = []
        try:
            document = loader(probe, relpath, problems)
        except ContentError as exc:
            problems.append(exc.at(relpath))
            document = None
    return document, sort_problems(problems)


def check_incident_bytes(data: bytes, target: Path, settings):
    """(Incident or None, problems): ``data`` loaded by the real loader as if it were ``target``."""
    relpath = relative_path(target, settings.root)
    return _check_with(lambda p, r, probs: load_incident(p, r, settings, probs), data, target, relpath)


def check_postmortem_bytes(data: bytes, target: Path, settings):
    return _check_with(load_postmortem, data, target, relative_path(target, settings.root))


def write_new(target: Path, data: bytes) -> None:
    """Create ``target`` with ``data``; refuse if it exists, even if it appeared a moment ago."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_copy(target, data, mode=0o644)
    try:
        try:
            os.link(temporary, target)  # fails if target exists: no check-then-write race
        except FileExistsError:
            raise AuthoringError(f"{target} already exists: Afterword never overwrites a file; pick another --id or edit it", rule="afterword.exists") from None
        except OSError:  # a file system without hard links
            if target.exists():
                raise AuthoringError(f"{target} already exists: Afterword never overwrites a file; pick another --id or edit it", rule="afterword.exists") from None
            os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()


def replace_file(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one rename, keeping its permissions."""
    temporary = _temporary_copy(target, data, mode=target.stat().st_mode & 0o7777)
    try:
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()


def _temporary_copy(target: Path, data: bytes, mode: int) -> Path:
    # A dot name: the loader and the linters skip it if a crash ever leaves one behind.
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, mode)
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)
