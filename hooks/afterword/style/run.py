"""Lint many documents: a loaded history (the MkDocs build) or files and folders (the CLI)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from ..cpus import usable_cpus
from ..loader import History, load_history
from ..model import Incident, Postmortem
from ..problems import Problem, sort_problems
from ..settings import Settings
from .checker import checker_for
from .parallel import check_files

DEFAULT_FOLDERS = ("incidents", "postmortems")


def lint_history(history: History, settings: Settings) -> list[Problem]:
    """Style findings for every document the loader kept, published or withheld.

    Runs during a build, beside the process rendering pages: it uses the other usable CPUs (none
    on 2 CPUs, 3 on a 4-CPU runner) and leaves that one CPU to the pages."""
    checker = checker_for(settings)
    documents = [*history.incidents, *history.postmortems]
    files = [settings.root / document.path for document in documents]
    problems: list[Problem] = []
    for findings in check_files(checker, files, documents, cpus=usable_cpus() - 1):
        problems.extend(findings)
    return sort_problems(problems)


def target_files(settings: Settings, paths: list[str] | None) -> list[Path]:
    """Markdown files named or found under the named folders (default: incidents/ and postmortems/)."""
    roots = [Path(p) for p in paths] if paths else [settings.root / folder for folder in DEFAULT_FOLDERS]
    files: list[Path] = []
    for root in roots:
        if root.is_dir():
            files.extend(sorted(p for p in root.rglob("*.md") if p.is_file() and not p.name.startswith(".")))
        elif root.is_file() or not paths:
            files.append(root)
        else:
            raise FileNotFoundError(str(root))
    return [f for f in files if f.exists()]


def lint_paths(settings: Settings, paths: list[str] | None = None, timeline: bool = False,
               history: History | None = None) -> list[Problem]:
    """Schema problems, style findings (and with ``timeline`` the timeline checks) for ``paths``."""
    history = history or load_history(settings)
    checker = checker_for(settings)
    files = target_files(settings, paths)
    wanted = {_relative(f, settings.root) for f in files}
    documents: dict[str, Incident | Postmortem] = {d.path: d for d in [*history.incidents, *history.postmortems]}
    problems = [p for p in history.problems if p.path in wanted]
    file_documents = [documents.get(_relative(file, settings.root)) for file in files]
    for findings in check_files(checker, files, file_documents):
        problems.extend(findings)
    if timeline:
        for document in file_documents:
            if document is not None:
                problems.extend(timeline_problems(document, settings))
    return sort_problems(problems)


def timeline_problems(document: Incident | Postmortem, settings: Settings) -> list[Problem]:
    """The timeline checks of afterword.timeline (cadence, promises, first update, all-clear…)."""
    from ..timeline import check_incident, check_postmortem

    if isinstance(document, Incident):
        return check_incident(document, settings, datetime.now(timezone.utc))
    return check_postmortem(document, settings)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
