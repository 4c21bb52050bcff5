"""Lint many documents: a loaded history (the MkDocs build) or files and folders (the CLI)."""

from __future__ import annotations

from pathlib import Path

from ..cpus import usable_cpus
from ..loader import History, load_history, read_content_file
from ..model import Incident, Postmortem
from ..problems import ContentError, Problem, sort_problems
from ..settings import Settings
from ..workshare import WorkShare
from .cache import FindingsCache, document_key
from .cache import enabled as cache_enabled
from .checker import StyleChecker, checker_for
from .domains import ConfigError, config_name
from .parallel import check_files
from .rulefiles import STYLE, stale_problems

DEFAULT_FOLDERS = ("incidents", "postmortems")


def lint_history(history: History, settings: Settings, share: WorkShare | None = None) -> list[Problem]:
    """Style findings for every document the loader kept, published or withheld. A bad setting or
    style guide is one error at its place (the build stops with it, never with a traceback).

    Runs during a build, beside the process rendering pages: it uses the other usable CPUs (none
    on 2 CPUs, 3 on a 4-CPU runner) and leaves that one CPU to the pages. With a ``share`` it
    checks only the documents it claims; ``lint_share`` checks the others in the page process."""
    try:
        checker = checker_for(settings)
    except ConfigError as exc:
        return [exc.problem()]
    except ContentError as exc:
        return [Problem(config_name(settings), 1, 1, exc.rule, exc.message)]
    if share is not None:
        return _lint_claimed(checker, history, settings, share)
    documents = [*history.incidents, *history.postmortems]
    files = [settings.root / document.path for document in documents]
    problems: list[Problem] = []
    for findings in remembered_check_files(checker, settings, files, documents, cpus=usable_cpus() - 1):
        problems.extend(findings)
    return sort_problems(problems)


def lint_share(history: History, settings: Settings, share: WorkShare) -> list[Problem]:
    """The page process's part of a shared style check: the documents the worker has not claimed.
    A bad style guide is left to the worker to report (once)."""
    try:
        checker = checker_for(settings)
    except (ConfigError, ContentError):
        return []
    return _lint_claimed(checker, history, settings, share)


def _lint_claimed(checker: StyleChecker, history: History, settings: Settings, share: WorkShare) -> list[Problem]:
    documents = [*history.incidents, *history.postmortems]
    cache = _open_cache(checker, settings)
    problems: list[Problem] = []
    for claimed in share.claims(len(documents)):
        chosen = [documents[index] for index in claimed]
        for findings in remembered_check_files(checker, settings, [settings.root / d.path for d in chosen], chosen, 1, cache):
            problems.extend(findings)
    if cache is not None:
        cache.save(whole_run=False)  # the other process checked the rest
    return problems


def remembered_check_files(checker: StyleChecker, settings: Settings, files: list[Path], documents: list,
                           cpus: int | None = None, cache: FindingsCache | None = None) -> list[list[Problem]]:
    """``check_files``, with each document's findings remembered between runs by content (cache.py).
    With a ``cache`` given, the caller saves it; otherwise one is opened and saved here."""
    owned = cache is None
    cache = cache or _open_cache(checker, settings)
    if cache is None:
        return check_files(checker, files, documents, cpus=cpus)
    results: list[list[Problem] | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    texts: list[str | None] = [None] * len(files)
    for index, file in enumerate(files):
        try:
            texts[index] = read_content_file(file)
        except (ContentError, OSError):
            continue  # checked as usual below (the schema check reports the file)
        keys[index] = document_key(_relative(file, settings.root), texts[index], documents[index])
        found = cache.lookup(keys[index])
        if found is not None:
            results[index] = list(found)
    todo = [index for index, found in enumerate(results) if found is None]
    checked = check_files(checker, [files[i] for i in todo], [documents[i] for i in todo], cpus=cpus, texts=[texts[i] for i in todo])
    for index, found in zip(todo, checked):
        results[index] = found
        if keys[index] is not None:
            cache.store(keys[index], found)
    if owned:
        cache.save()
    return results


def _open_cache(checker: StyleChecker, settings: Settings) -> FindingsCache | None:
    if not cache_enabled():
        return None
    try:
        fingerprint = checker.fingerprint()
        return FindingsCache.open(settings.root, fingerprint) if fingerprint else None
    except (OSError, RuntimeError):  # an unreadable style guide file (reported by the checker), no home folder
        return None


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
    problems = [p for p in history.problems if p.path in wanted or p.rule == "afterword.config"]
    file_documents = [documents.get(_relative(file, settings.root)) for file in files]
    for findings in remembered_check_files(checker, settings, files, file_documents):
        problems.extend(findings)
    if timeline:
        for document in file_documents:
            if document is not None:
                problems.extend(timeline_problems(document, settings))
    if checker.config.styles_path is not None:
        problems.extend(stale_problems(settings, checker.config.styles_path / STYLE))
    return sort_problems(problems)


def timeline_problems(document: Incident | Postmortem, settings: Settings) -> list[Problem]:
    """The timeline checks of afterword.timeline (cadence, promises, first update, all-clear…)."""
    from ..buildtime import build_time
    from ..timeline import check_incident, check_postmortem

    if isinstance(document, Incident):
        return check_incident(document, settings, build_time())  # the build's clock (AFTERWORD_NOW)
    return check_postmortem(document, settings)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
