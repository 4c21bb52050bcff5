"""Lint many documents: a loaded history (the MkDocs build) or files and folders (the CLI)."""

from __future__ import annotations

import functools
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..cpus import usable_cpus
from ..loader import History, load_history, read_content_file, relative_path
from ..model import Incident, Postmortem
from ..problems import ContentError, Problem, sort_problems
from ..settings import Settings
from .cache import FindingsCache, document_key
from .cache import enabled as cache_enabled
from .domains import ConfigError, config_name
from .fingerprint import style_fingerprint
from .rulefiles import STYLE, stale_problems

if TYPE_CHECKING:
    from ..workshare import WorkShare  # only a build shares work (and imports multiprocessing)
    from .checker import StyleChecker

DEFAULT_FOLDERS = ("incidents", "postmortems")
# Before a build forks (prepare_style_check): the stored findings, opened once for both processes.
_PREPARED: dict[tuple[str, str], FindingsCache] = {}
# ... and each loaded document's text and findings key (by its path), read and hashed once for both.
_PREPARED_KEYS: dict[str, tuple[str, str]] = {}


class _Unusable(Exception):
    """The style guide or a setting it reads cannot be used: ``problem`` says where and why."""

    def __init__(self, problem: Problem):
        self.problem = problem


def _checker(settings: Settings) -> "StyleChecker":
    from .checker import checker_for

    try:
        return checker_for(settings)
    except ConfigError as exc:
        raise _Unusable(exc.problem()) from None
    except ContentError as exc:
        raise _Unusable(Problem(config_name(settings), 1, 1, exc.rule, exc.message)) from None


def lint_history(history: History, settings: Settings, share: WorkShare | None = None) -> list[Problem]:
    """Style findings for every document the loader kept, published or withheld. A bad setting or
    style guide is one error at its place (the build stops with it, never with a traceback).

    Runs during a build, beside the process rendering pages: it uses the other usable CPUs (none
    on 2 CPUs, 3 on a 4-CPU runner) and leaves that one CPU to the pages. With a ``share`` it
    checks only the documents it claims; ``lint_share`` checks the others in the page process.
    The style guide is compiled only if some document's findings are not stored."""
    checker = partial(_checker, settings)
    try:
        if share is not None:
            return _lint_claimed(checker, history, settings, share)
        documents = [*history.incidents, *history.postmortems]
        files = [settings.root / document.path for document in documents]
        problems: list[Problem] = []
        for findings in remembered_check_files(checker, settings, files, documents, cpus=usable_cpus() - 1):
            problems.extend(findings)
        return sort_problems(problems)
    except _Unusable as exc:
        return [exc.problem]


def lint_share(history: History, settings: Settings, share: WorkShare) -> list[Problem]:
    """The page process's part of a shared style check: the documents the worker has not claimed.
    A bad style guide is left to the worker to report (once)."""
    try:
        return _lint_claimed(partial(_checker, settings), history, settings, share)
    except _Unusable:
        return []


def prepare_style_check(history: History, settings: Settings) -> None:
    """Before a build forks its worker: open the stored findings once for both processes, and
    compile the style guide (inherited by both) only when some document's findings are not stored."""
    forget_prepared()
    cache = _open_cache(settings)
    if cache is not None:
        _PREPARED[(str(settings.root), cache.folder.name)] = cache
        documents = [*history.incidents, *history.postmortems]
        texts, keys = _read_keys(settings, [settings.root / d.path for d in documents], documents)
        _PREPARED_KEYS.update({d.path: (text, key) for d, text, key in zip(documents, texts, keys) if key is not None})
        if all(key is not None and cache.holds(key) for key in keys):
            return  # a warm build: nothing to compile
    try:
        _checker(settings)
    except _Unusable:
        pass  # the worker's lint_history reports it, with its place


def forget_prepared() -> None:
    """After the fork's work is done: a later build in this process opens the findings afresh."""
    _PREPARED.clear()
    _PREPARED_KEYS.clear()


def _lint_claimed(checker: Callable[[], "StyleChecker"], history: History, settings: Settings, share: WorkShare) -> list[Problem]:
    documents = [*history.incidents, *history.postmortems]
    cache = _open_cache(settings)
    problems: list[Problem] = []
    checker = functools.cache(checker)  # asked for once a chunk; finding it walks the style guide's files
    for claimed in share.claims(len(documents)):
        chosen = [documents[index] for index in claimed]
        for findings in remembered_check_files(checker, settings, [settings.root / d.path for d in chosen], chosen, 1, cache):
            problems.extend(findings)
    if cache is not None:
        cache.save(whole_run=False)  # the other process checked the rest
    return problems


def remembered_check_files(checker: Callable[[], "StyleChecker"], settings: Settings, files: list[Path], documents: list,
                           cpus: int | None = None, cache: FindingsCache | None = None) -> list[list[Problem]]:
    """``check_files``, with each document's findings remembered between runs by content (cache.py).
    ``checker`` gives the checker, called only when some document's findings are not stored.
    With a ``cache`` given, the caller saves it; otherwise one is opened and saved here."""
    from .parallel import check_files

    owned = cache is None
    cache = cache or _open_cache(settings)
    if cache is None:
        return check_files(checker(), files, documents, cpus=cpus)
    texts, keys = _read_keys(settings, files, documents)
    results: list[list[Problem] | None] = [None] * len(files)
    for index, key in enumerate(keys):
        found = cache.lookup(key) if key is not None else None
        if found is not None:
            results[index] = list(found)
    todo = [index for index, found in enumerate(results) if found is None]
    if todo:
        checked = check_files(checker(), [files[i] for i in todo], [documents[i] for i in todo], cpus=cpus, texts=[texts[i] for i in todo])
        for index, found in zip(todo, checked):
            results[index] = found
            if keys[index] is not None:
                cache.store(keys[index], found)
    if owned:
        cache.save()
    return results


def _read_keys(settings: Settings, files: list[Path], documents: list) -> tuple[list[str | None], list[str | None]]:
    """Each file's text and findings key (None: unreadable, checked as usual, the schema check reports it)."""
    texts: list[str | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    for index, file in enumerate(files):
        document = documents[index]
        prepared = _PREPARED_KEYS.get(document.path) if document is not None else None
        if prepared is not None:  # read before this build forked
            texts[index], keys[index] = prepared
            continue
        try:
            texts[index] = read_content_file(file)
        except (ContentError, OSError):
            continue
        path = document.path if document is not None else relative_path(file, settings.root)  # loaded: no resolving
        keys[index] = document_key(path, texts[index], document)
    return texts, keys


def _open_cache(settings: Settings) -> FindingsCache | None:
    if not cache_enabled():
        return None
    try:
        fingerprint = style_fingerprint(settings)
        if not fingerprint:
            return None
        prepared = _PREPARED.pop((str(settings.root), fingerprint), None)
        return prepared if prepared is not None else FindingsCache.open(settings.root, fingerprint)
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
    from .checker import checker_for

    history = history or load_history(settings)
    checker = checker_for(settings)
    files = target_files(settings, paths)
    wanted = {relative_path(f, settings.root) for f in files}
    documents: dict[str, Incident | Postmortem] = {d.path: d for d in [*history.incidents, *history.postmortems]}
    problems = [p for p in history.problems if p.path in wanted or p.rule == "afterword.config"]
    file_documents = [documents.get(relative_path(file, settings.root)) for file in files]
    for findings in remembered_check_files(lambda: checker, settings, files, file_documents):
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


