"""Write rendered files into a project without ever overwriting a hand-edited file silently.

A target that already holds the same bytes is left alone (so a second import changes nothing); one
that holds different bytes is a conflict, reported and skipped unless ``force`` is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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


def write_file(root: Path, relpath: str, text: str, report: WriteReport, force: bool = False) -> None:
    target = root / relpath
    data = text.encode("utf-8")
    if target.exists():
        if target.read_bytes() == data:
            report.unchanged.append(relpath)
            return
        if not force:
            report.conflicts.append(relpath)
            return
        report.overwritten.append(relpath)
    else:
        report.written.append(relpath)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def write_incidents(incidents: list[DraftIncident], root: Path, force: bool = False) -> WriteReport:
    report = WriteReport()
    for incident in incidents:
        write_file(root, incident.relpath, render_incident(incident), report, force)
    return report
