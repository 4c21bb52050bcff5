"""Style findings remembered between runs, by content, in the user's cache folder.

Given one engine, style guide and configuration, a document's findings depend on its path and text
alone, and between two builds almost every document is unchanged. So each document's findings are
stored under a hash of its path and text, inside a folder named by a *fingerprint* of everything
else they depend on: the `afterword` package's files, the style guide's files, mkdocs.yml, the
postmortem template's summary, Python's and the text libraries' versions. Change any of them and
the fingerprint changes: nothing stored before is used.

The cache holds findings, never code, and only the style check reads it: the secrets check and
the leak check always run in full. It lives outside the checkout (``$AFTERWORD_CACHE_DIR``, else
``$XDG_CACHE_HOME/afterword``, else ``~/.cache/afterword``; then ``lint/<project>/<fingerprint>``),
so a pull request cannot bring forged findings along with its files. An unreadable or malformed
cache file is ignored (its documents are checked again). ``AFTERWORD_CACHE=off`` turns it off.

Several processes fill it at once (the build's worker and its page process each check a share of
the documents), so each writes its own file, atomically; the next run reads them all. Past a few
files they are folded: into one by a run over the whole history (which also drops what it did not
use), else the small ones into one beside the largest.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from ..problems import Problem

_LIBRARIES = ("regex", "markdown-it-py", "PyYAML", "google-re2")
_FILES_BEFORE_FOLDING = 8


def enabled() -> bool:
    return os.environ.get("AFTERWORD_CACHE", "").lower() not in ("off", "0", "no", "false")


def project_folder(root: Path) -> Path:
    """Where one project's findings are kept: one folder per checkout, outside it."""
    base = os.environ.get("AFTERWORD_CACHE_DIR") or (Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "afterword")
    project = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Path(base) / "lint" / project


def document_key(path: str, text: str, document: object) -> str:
    """The checker reads the file's path, its text and the document the loader made of that text;
    only whether there is one, and of which kind, is not in the text (a duplicate id leaves none)."""
    kind = type(document).__name__ if document is not None else "-"
    return hashlib.sha256(f"{kind}\0{path}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


class FindingsCache:
    """The findings stored under one fingerprint; ``lookup`` and ``store`` by document key."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.known: dict[str, list[Problem]] = {}
        self.new: dict[str, list[Problem]] = {}
        self.used: set[str] = set()
        self._files: dict[Path, list[str]] = {}  # each file read, with the keys it holds

    @classmethod
    def open(cls, root: Path, fingerprint: str) -> "FindingsCache":
        cache = cls(project_folder(root) / fingerprint)
        if cache.folder.is_dir() and not cache.folder.is_symlink():
            for file in sorted(cache.folder.glob("*.json")):
                entries = _read(file)
                if entries is not None:
                    cache.known.update(entries)
                    cache._files[file] = list(entries)
        return cache

    def lookup(self, key: str) -> list[Problem] | None:
        found = self.known.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def holds(self, key: str) -> bool:
        return key in self.known

    def store(self, key: str, problems: list[Problem]) -> None:
        self.new[key] = problems

    def save(self, whole_run: bool = True) -> None:
        """Write this run's new findings; fold many files into one; drop other fingerprints' folders.
        ``whole_run=False``: this process saw only part of the documents (a shared build), so what
        it did not use may still be current. A cache that cannot be written is no error: the next
        run checks those documents again."""
        if not self.new and len(self._files) < _FILES_BEFORE_FOLDING:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(self.folder.parent / ".lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)  # the worker and the page process may save at once
                if len(self._files) >= _FILES_BEFORE_FOLDING:
                    folded = list(self._files)
                    if whole_run and len(self.used) >= len(self.known) // 2:
                        # A run over the whole history: what it did not use are documents since
                        # edited or removed.
                        kept = {key: self.known[key] for key in self.used}
                    else:
                        # `afterword check FILE` and the like keep everything, and fold only the
                        # small files (earlier runs' few findings): rewriting the largest, a whole
                        # history's, would cost more than the check itself.
                        folded.remove(max(folded, key=lambda file: len(self._files[file])))
                        kept = {key: self.known[key] for file in folded for key in self._files[file]}
                    _write(self.folder, {**kept, **self.new})
                    for file in folded:
                        file.unlink(missing_ok=True)
                else:
                    _write(self.folder, self.new)
                for other in self.folder.parent.iterdir():
                    if other.is_dir() and other.name != self.folder.name:
                        shutil.rmtree(other, ignore_errors=True)
        except (OSError, ValueError):  # a full or read-only disk, or text JSON cannot encode
            pass


def installed_versions(names: tuple[str, ...]) -> dict[str, str]:
    """Each installed distribution's version, from the ``name-version.dist-info`` folder pip writes
    (the first on ``sys.path`` wins, as for imports). importlib.metadata says the same, but importing
    it costs ``afterword check FILE`` a tenth of its time."""
    wanted = {_normalised(name): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:  # a zip file, a folder that is gone
            continue
        for item in listing:
            name, _, version = item.removesuffix(".dist-info").partition("-")
            library = wanted.get(_normalised(name)) if item.endswith(".dist-info") else None
            if library is not None and library not in found:
                found[library] = version
    return found


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def fingerprint(sources: list[Path], config_path: Path | None, extra: str) -> str:
    """A hash of everything but the document that a finding depends on (see the module's doc):
    ``sources`` are the style guide's files and folders."""
    digest = hashlib.sha256()
    digest.update(f"python {sys.version}\n".encode())
    versions = installed_versions(_LIBRARIES)
    for library in _LIBRARIES:
        digest.update(f"{library} {versions.get(library, '-')}\n".encode())
    for label, source in (("package", Path(__file__).resolve().parents[1]), *((f"style{n}", s) for n, s in enumerate(sources))):
        files = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for file in files:
            digest.update(f"{label}/{file.relative_to(source).as_posix() if file != source else file.name}\0".encode())
            digest.update(file.read_bytes())
    if config_path is not None and config_path.is_file():
        digest.update(b"mkdocs.yml\0" + config_path.read_bytes())
    digest.update(extra.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _row(problem: Problem) -> list:
    return [problem.path, problem.line, problem.column, problem.rule, problem.message, problem.severity, problem.match]


def _write(folder: Path, entries: dict[str, list[Problem]]) -> None:
    payload = {"version": 1, "entries": {key: [_row(p) for p in problems] for key, problems in entries.items()}}
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".new-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(payload, out, ensure_ascii=False, separators=(",", ":"))
    os.replace(temporary, folder / f"{os.getpid()}-{Path(temporary).stem.removeprefix('.new-')}.json")


def _read(file: Path) -> dict[str, list[Problem]] | None:
    """The entries of one cache file, or None when it is not exactly what ``_write`` writes."""
    try:
        payload = json.loads(file.read_text(encoding="utf-8"))
        if payload.get("version") != 1 or not isinstance(payload.get("entries"), dict):
            return None
        entries = {}
        for key, rows in payload["entries"].items():
            problems = []
            for path, line, column, rule, message, severity, match in rows:
                if not (isinstance(line, int) and isinstance(column, int) and all(isinstance(v, str) for v in (path, rule, message, severity, match))):
                    return None
                problems.append(Problem(path, line, column, rule, message, severity, match))
            entries[key] = problems
        return entries
    except (OSError, ValueError, TypeError, AttributeError):
        return None
