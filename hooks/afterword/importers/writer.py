"""Write rendered files into a project without ever overwriting a hand-edited file silently.

A target that already holds the same bytes is left alone (so a second import changes nothing); one
that holds different bytes is a conflict, reported and skipped unless ``force`` is set.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .document import DraftIncident, render_incident


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)  # new files
    overwritten: list[str] = field(default_factory=list)  # different files replaced because of --force
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # different files left alone

    def summary(self) -> str:
        return (
            f"{len(self.written)} written, {len(self.overwritten)} overwritten, "
            f"{len(self.unchanged)} unchanged, {len(self.conflicts)} skipped (changed by hand)"
        )


# File creation dominates a large write (thousands of small files); a few threads overlap the waits.
WRITER_THREADS = 4


def _write_one(root: Path, relpath: str, text: str, force: bool) -> str:
    target = root / relpath
    data = text.encode("utf-8")
    outcome = "written"
    if target.exists():
        if target.read_bytes() == data:
            return "unchanged"
        if not force:
            return "conflicts"
        outcome = "overwritten"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return outcome


def write_files(root: Path, files: Iterable[tuple[str, str]], force: bool = False, report: WriteReport | None = None) -> WriteReport:
    """Write (relpath, text) pairs under root; the report lists paths in the order given."""
    report = report or WriteReport()
    files = list(files)
    with ThreadPoolExecutor(WRITER_THREADS) as pool:
        outcomes = list(pool.map(lambda item: _write_one(root, item[0], item[1], force), files))
    for (relpath, _), outcome in zip(files, outcomes):
        getattr(report, outcome).append(relpath)
    return report


def write_file(root: Path, relpath: str, text: str, report: WriteReport, force: bool = False) -> None:
    getattr(report, _write_one(root, relpath, text, force)).append(relpath)


def write_incidents(incidents: list[DraftIncident], root: Path, force: bool = False) -> WriteReport:
    return write_files(root, ((i.relpath, render_incident(i)) for i in incidents), force)
