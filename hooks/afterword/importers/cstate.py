"""Read cState issue files (Hugo Markdown, ``content/issues/*.md``) and turn each into a DraftIncident.

cState keeps one issue per file: front matter ``title``, ``date``, ``resolved``, ``resolvedWhen``,
``severity`` (down | disrupted | notice), ``affected`` (system names), ``informational``, ``pin``,
``section: issue``; the body holds updates written as ``*Label* - text {{< track "time" >}}``,
newest first by convention, often split by ``---`` lines. Text before the first label is an update
too. How labels, missing times and the resolved flag become Afterword updates is documented in
guide/importing.md ("cState mapping") and in the functions below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from pathlib import Path

from ..frontmatter import split_document
from ..loader import read_content_file
from ..problems import ContentError, Problem
from .components import ComponentCatalog
from .document import DraftIncident, DraftUpdate, safe_id
from .markdown import NO_TEXT, demote_headings
from .statuspage import STATUS_MAP, SourceReport

SOURCE = "cstate"
SEVERITY_IMPACT = {"down": "critical", "disrupted": "major", "notice": "minor"}
# cState labels (lowercased) -> Statuspage-style status; 'update' and unknown labels continue the
# status before them. Post-mortems are written after the fact, so they are final.
LABEL_STATUS = {
    "investigating": "investigating", "just began": "in_progress", "began": "in_progress", "started": "in_progress",
    "automated system alert": "investigating", "identified": "identified", "monitoring": "monitoring",
    "resolved": "resolved", "fixed": "resolved", "completed": "completed", "done": "resolved",
    "post-mortem": "postmortem", "postmortem": "postmortem", "post mortem": "postmortem",
    "scheduled": "scheduled", "in progress": "in_progress", "verifying": "verifying",
}
GENERIC_LABELS = {None, "update"}
STATUS_RANK = {"scheduled": 0, "investigating": 1, "in_progress": 1, "identified": 2, "monitoring": 3, "verifying": 3, "resolved": 4, "completed": 4}
RESOLVED_TEXT = {"incident": "This issue has been resolved.", "maintenance": "This maintenance has been completed."}
_MAINTENANCE = re.compile(r"\bmaintenance\b", re.IGNORECASE)
_LABEL = re.compile(r"^\*{1,2}(?P<label>[A-Za-z][A-Za-z -]{0,39}?)\*{1,2}(?:[ \t]*[-—–:][ \t]*|[ \t]*$)(?P<rest>.*)$")
_TRACK = re.compile(r"\{\{[<%]\s*track\s+\"(?P<when>[^\"]+)\"\s*[>%]\}\}")
_SEPARATOR = re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,})[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass
class _Block:
    label: str | None  # as written, e.g. 'Investigating', or None for text before the first label
    text: str
    at: datetime | None  # from its track shortcode
    position: int  # in the file, top = 0


def source_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md") if p.is_file()) if folder.is_dir() else [folder]


def import_cstate(paths: list[Path], catalog: ComponentCatalog, zone: tzinfo = timezone.utc) -> SourceReport:
    """Every cState issue in the given files and folders; other pages (no 'date') are skipped with a note."""
    report = SourceReport()
    seen: dict[str, str] = {}
    for path in [f for p in paths for f in source_files(p)]:
        try:
            incident = convert_file(path, catalog, zone)
        except ContentError as exc:
            report.problems.append(exc.at(str(path)))
            continue
        if incident is None:
            report.problems.append(Problem(str(path), 1, 1, "afterword.import", "not a cState issue (no 'date', or 'section' is not 'issue'): skipped", "warning"))
            continue
        if incident.id in seen:
            report.problems.append(Problem(str(path), 1, 1, "afterword.import", f"issue id '{incident.id}' is also used by {seen[incident.id]}: skipped"))
            continue
        seen[incident.id] = str(path)
        report.incidents.append(incident)
        report.source_updates += len(incident.updates)
    report.incidents.sort(key=lambda i: i.id)
    return report


def convert_file(path: Path, catalog: ComponentCatalog, zone: tzinfo = timezone.utc) -> DraftIncident | None:
    source = split_document(read_content_file(path))
    # Hugo reads front matter keys case-insensitively ('Title:' in cState's own archetype).
    front = {str(k).lower(): v for k, v in source.front_matter.data.items()}
    section = front.get("section")
    if not front.get("date") or (section is not None and str(section).lower() != "issue"):
        return None
    date = _time(front["date"], zone, "date")
    resolved_when = _time(front.get("resolvedwhen"), zone, "resolvedWhen") if front.get("resolvedwhen") else None
    informational = front.get("informational") is True
    resolved = front.get("resolved") is True
    title = str(front.get("title") or "").strip() or path.stem
    maintenance = bool(_MAINTENANCE.search(title) or _MAINTENANCE.search(path.stem))
    if maintenance:
        impact = "maintenance"
    elif informational:
        impact = "none"
    else:
        impact = SEVERITY_IMPACT.get(str(front.get("severity") or "").strip().lower(), "minor")
    kind = "maintenance" if maintenance else "incident"
    blocks = _blocks(source.body, zone)
    updates = _updates(blocks, kind, date, resolved or informational, resolved_when, informational)
    affected = front.get("affected") or []
    if isinstance(affected, str):
        affected = [affected]
    components: list[str] = []
    for name in affected:
        component_id = catalog.resolve(str(name).strip())
        if component_id and component_id not in components:
            components.append(component_id)
    scheduled_until = resolved_when if maintenance and resolved_when and resolved_when > date else None
    return DraftIncident(
        id=safe_id(path.stem),
        title=title,
        impact=impact,
        components=components or [catalog.fallback()],
        updates=updates,
        started=None if maintenance else date,
        scheduled_for=date if maintenance else None,
        scheduled_until=scheduled_until,
        imported=SOURCE,
        source=str(path),
    )


def _blocks(body: str, zone: tzinfo) -> list[_Block]:
    """Split the body at '*Label* -' lines (outside code fences); '---' lines between updates are dropped."""
    blocks: list[_Block] = []
    label: str | None = None
    lines: list[str] = []
    fence: str | None = None

    def close() -> None:
        text = "\n".join(lines)
        times = [_time(m["when"], zone, "track") for m in _TRACK.finditer(text)]
        text = _TRACK.sub("", text)
        kept = [line.rstrip() for line in text.split("\n")]
        while kept and (not kept[0].strip() or _SEPARATOR.match(kept[0])):
            kept.pop(0)
        while kept and (not kept[-1].strip() or _SEPARATOR.match(kept[-1])):
            kept.pop()
        if kept or label is not None:
            blocks.append(_Block(label, "\n".join(kept), times[0] if times else None, len(blocks)))

    for line in body.split("\n"):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            fence = marker[0] * len(marker) if fence is None else (None if marker.startswith(fence) else fence)
        match = _LABEL.match(line) if fence is None and not fence_match else None
        if match and len(match["label"].split()) <= 4:
            close()
            label, lines = match["label"].strip(), [match["rest"]]
            continue
        lines.append(line)
    close()
    return blocks


def _updates(blocks: list[_Block], kind: str, date: datetime, resolved: bool, resolved_when: datetime | None, informational: bool) -> list[DraftUpdate]:
    """Give every block a time and an Afterword status, oldest first, ending final when cState says resolved."""
    if not blocks:
        blocks = [_Block(None, "", None, 0)]
    timed = [b.at for b in blocks if b.at is not None]
    chronological = list(blocks) if len(timed) >= 2 and timed[0] < timed[-1] else list(reversed(blocks))
    mapping = STATUS_MAP[kind]
    first_status = "scheduled" if kind == "maintenance" else "investigating"
    updates: list[DraftUpdate] = []
    previous_at = date
    for order, block in enumerate(chronological):
        at = block.at or previous_at  # an untimed update happened no earlier than the one before it
        key = block.label.lower() if block.label else None
        source_status = LABEL_STATUS.get(key or "")
        status = mapping.get(source_status or "") or (updates[-1].status if updates else first_status)
        text = block.text.strip()
        if block.label and key not in GENERIC_LABELS and block.label.lower().replace("-", " ") != status.replace("_", " "):
            text = f"**{block.label}:** {text}" if text else f"**{block.label}**"
        updates.append(DraftUpdate(status, at, demote_headings(text) or NO_TEXT, order))
        previous_at = at
    updates.sort(key=lambda u: (u.at, STATUS_RANK[u.status], u.source_order))  # same time: the usual progression
    final = "completed" if kind == "maintenance" else "resolved"
    if resolved and updates[-1].status != final:
        last = chronological[-1]
        generic_last = (last.label.lower() if last.label else None) in GENERIC_LABELS
        if informational or (generic_last and len(blocks) > 1):
            updates[-1].status = final
            if last.at is None and resolved_when and resolved_when > updates[-1].at:
                updates[-1].at = resolved_when
        else:
            end = max(resolved_when or updates[-1].at, updates[-1].at)
            updates.append(DraftUpdate(final, end, RESOLVED_TEXT[kind], len(updates)))
    for order, update in enumerate(updates):
        update.source_order = order
    return updates


def _time(value, zone: tzinfo, key: str) -> datetime:
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ContentError(f"'{key}: {text}' is not a date and time cState understands (write it like '2024-02-24 10:35:00')", rule="afterword.import") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(timezone.utc)
