"""The style check of many files on every CPU this process may use: same findings, same order.

Workers are forked, so they inherit the compiled style guide and the loaded documents instead of
building them again; each returns the findings of its share of files, put back in input order.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..cpus import usable_cpus
from ..model import Incident, Postmortem
from ..problems import Problem

if TYPE_CHECKING:
    from .checker import StyleChecker

MIN_FILES_PER_WORKER = 50  # below this, starting a process costs more than it saves

_JOB: tuple["StyleChecker", Sequence[Path], Sequence[Incident | Postmortem | None], Sequence[str | None]] | None = None


def check_files(checker: "StyleChecker", files: Sequence[Path], documents: Sequence[Incident | Postmortem | None],
                cpus: int | None = None, texts: Sequence[str | None] | None = None) -> list[list[Problem]]:
    """``checker.check_file(files[i], documents[i], texts[i])`` for every i, on up to ``cpus`` CPUs
    (default: every usable one), as many as help. ``texts``: files already read (None: read here)."""
    texts = texts if texts is not None else [None] * len(files)
    workers = min(usable_cpus() if cpus is None else cpus, len(files) // MIN_FILES_PER_WORKER)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [checker.check_file(file, document, text) for file, document, text in zip(files, documents, texts)]
    global _JOB
    _JOB = (checker, files, documents, texts)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # Small chunks, so a worker that meets long postmortems does not finish last alone.
            return pool.map(_check_one, range(len(files)), chunksize=max(1, len(files) // (workers * 16)))
    finally:
        _JOB = None


def _check_one(index: int) -> list[Problem]:
    checker, files, documents, texts = _JOB
    return checker.check_file(files[index], documents[index], texts[index])
