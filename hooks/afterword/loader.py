"""Load and validate every incident and postmortem, reporting all problems in one pass.

Every file under incidents/ and postmortems/ ends up in exactly one bucket of ``History.outcomes``:
published, withheld (draft or security), error, or skipped (not Markdown). Nothing is dropped silently.
"""

from __future__ import annotations

import difflib
from functools import cached_property
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .frontmatter import FrontMatter, split_document
from .model import (
    FOLLOW_UP_STATUSES,
    IMPACTS,
    FollowUp,
    Incident,
    Postmortem,
    TimelineEntry,
)
from .problems import ERROR, WARNING, ContentError, Problem, sort_problems
from .settings import Settings
from .timestamps import format_utc, parse_timestamp
from .updates import parse_updates

MAX_FILE_BYTES = 1024 * 1024
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_MARKUP = re.compile(r"</?[A-Za-z!?][^<>]{0,40}>?")  # an HTML tag, comment or declaration opening

INCIDENT_KEYS = {
    "id", "title", "impact", "components", "started", "ended", "security", "disclosed", "draft", "internal",
    "scheduled_for", "scheduled_until",
}
POSTMORTEM_KEYS = {"id", "title", "incident", "published", "summary", "follow_ups", "timeline", "draft", "internal"}

RESERVED_POSTMORTEM_IDS = {"years"}  # postmortems/years/<year>/ lists each year's postmortems

# Outcomes of a file, for the accounting that proves nothing was lost.
PUBLISHED, DRAFT, SECURITY, FAILED, SKIPPED = "published", "draft", "security", "error", "skipped"


@dataclass
class History:
    settings: Settings
    incidents: list[Incident] = field(default_factory=list)  # every valid incident, withheld ones too
    postmortems: list[Postmortem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)  # path -> outcome
    _by_id: dict[str, Incident] = field(default_factory=dict, repr=False)  # filled by load_history

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    # Cached: read by nearly every page and status figure, and a history never changes once loaded.
    @cached_property
    def published_incidents(self) -> list[Incident]:
        """Published incidents, newest first."""
        return sorted((i for i in self.incidents if i.is_published), key=lambda i: (i.start, i.id), reverse=True)

    @cached_property
    def published_postmortems(self) -> list[Postmortem]:
        return sorted((p for p in self.postmortems if p.is_published), key=lambda p: (p.published, p.id), reverse=True)

    @property
    def withheld(self) -> list[Incident | Postmortem]:
        return [d for d in [*self.incidents, *self.postmortems] if not d.is_published]

    def incident(self, incident_id: str) -> Incident | None:
        return self._by_id.get(incident_id)

    def accounting(self) -> dict[str, int]:
        counts = {PUBLISHED: 0, DRAFT: 0, SECURITY: 0, FAILED: 0, SKIPPED: 0}
        for outcome in self.outcomes.values():
            counts[outcome] += 1
        counts["files"] = len(self.outcomes)
        return counts


class _Fields:
    """Typed access to front matter keys; collects problems at the key's own line."""

    def __init__(self, front: FrontMatter, path: str, problems: list[Problem]):
        self.front, self.data, self.path, self.problems = front, front.data, path, problems

    def problem(self, key_path: tuple, message: str, rule: str = "afterword.schema", severity: str = ERROR) -> None:
        line, column = self.front.position_of(*key_path)
        self.problems.append(Problem(self.path, line, column, rule, message, severity))

    def unknown_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(sorted(allowed))})"
                self.problem((key,), f"unknown key '{key}'{hint}")

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem((), f"'{key}' is required")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.problem((key,), f"'{key}' must be text, got {_kind(value)}")
            return None
        return value.strip()

    def plain_text(self, key_path: tuple, value: str | None) -> None:
        """Titles, summaries, follow-ups and timeline entries are plain text in every output (page
        headings, feed titles, API names): every output escapes them, so a tag is shown as typed.
        That is rarely what the writer meant, and a careless consumer might render it: say so."""
        tag = _MARKUP.search(value or "")
        if tag:
            self.problem(key_path, f"'{key_path[0]}' is plain text, so '{tag.group(0)}' is shown as typed, not as markup: remove the HTML, or write the words without '<' and '>'", rule="afterword.plain-text", severity=WARNING)

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem((key,), f"'{key}' must be true or false, got {_kind(value)}")
            return False
        return value

    def choice(self, key: str, choices: tuple[str, ...], required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is None:
            return None
        if value.lower() not in choices:
            close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
            hint = f": did you mean '{close[0]}'?" if close else ""
            self.problem((key,), f"'{key}' must be one of {', '.join(choices)}, got '{value}'{hint}")
            return None
        return value.lower()

    def time(self, key: str, required: bool = False):
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem((), f"'{key}' is required (a timestamp like '2025-03-04 14:30 UTC')")
            return None
        try:
            return parse_timestamp(value)
        except ContentError as exc:
            self.problem((key,), exc.message, exc.rule)
            return None

    def string_list(self, key: str, required: bool = False) -> list[str] | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem((), f"'{key}' is required (a list like [api, console])")
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem((key,), f"'{key}' must be a list of names like [api, console], got {_kind(value)}")
            return None
        return [v.strip() for v in value]


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    return f"'{value}'" if isinstance(value, str) else type(value).__name__


def relative_path(path: Path, root: Path) -> str:
    """``path`` as written relative to the project ``root`` (POSIX), or as given when outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_content_file(path: Path) -> str:
    """Read a file as text: at most MAX_FILE_BYTES, UTF-8 (a BOM is dropped), newlines normalised."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ContentError(f"the file is {size / 1024 / 1024:.1f} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB limit: is it really one incident?", rule="afterword.file")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError("the file is not valid UTF-8: save it as UTF-8 in your editor", line, column, rule="afterword.encoding") from None
    if "\x00" in text:
        raise ContentError("the file contains NUL bytes: is it a binary file?", rule="afterword.encoding")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def document_id(data: dict, path: Path) -> str:
    """The id a document is known by: front matter ``id:`` or else the file's stem (the approval gate uses this too)."""
    doc_id = data.get("id", path.stem)
    return str(doc_id).strip() if doc_id is not None else path.stem


def _document_id(fields: _Fields, path: Path) -> str | None:
    doc_id = document_id(fields.data, path)
    if not _ID.match(doc_id):
        ascii_id = unicodedata.normalize("NFKD", doc_id).encode("ascii", "ignore").decode()  # 'café' -> 'cafe'
        suggestion = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_id).strip("-._").lower() or "incident-id"
        where = ("id",) if "id" in fields.data else ()
        fields.problem(where, f"'{doc_id}' cannot be used in a web address: rename the file to '{suggestion}.md' (letters, digits, '-', '_', '.')", rule="afterword.id")
        return None
    return doc_id


def load_incident(path: Path, relpath: str, settings: Settings, problems: list[Problem]) -> Incident | None:
    text = read_content_file(path)
    source = split_document(text)
    fields = _Fields(source.front_matter, relpath, problems)
    before = len(problems)
    fields.unknown_keys(INCIDENT_KEYS)
    doc_id = _document_id(fields, path)
    title = fields.text("title", required=True)
    fields.plain_text(("title",), title)
    impact = fields.choice("impact", IMPACTS, required=True)
    components = fields.string_list("components", required=True)
    if components is not None:
        if not components:
            fields.problem(("components",), "'components' needs at least one component id")
        for index, component_id in enumerate(components):
            if settings.component(component_id) is None:
                known = ", ".join(c.id for c in settings.components) or "none defined"
                by_name = {c.name.casefold(): c.id for c in settings.components}  # a name written instead of its id
                close = [by_name[component_id.casefold()]] if component_id.casefold() in by_name else \
                    difflib.get_close_matches(component_id, [c.id for c in settings.components], n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                fields.problem(("components", index), f"unknown component '{component_id}': {hint}known components: {known} (extra.afterword.components in mkdocs.yml)", rule="afterword.component")
    started = fields.time("started")
    ended = fields.time("ended")
    security = fields.flag("security")
    disclosed = fields.flag("disclosed")
    draft = fields.flag("draft")
    scheduled_for = fields.time("scheduled_for")
    scheduled_until = fields.time("scheduled_until")
    if impact == "maintenance" and scheduled_for is None and "scheduled_for" not in fields.data:
        fields.problem((), "a maintenance needs 'scheduled_for' (and 'scheduled_until'): when the work starts")
    if impact and impact != "maintenance":
        for key in ("scheduled_for", "scheduled_until"):
            if key in fields.data:
                fields.problem((key,), f"'{key}' is only for maintenance (impact: maintenance)")
    if scheduled_for and scheduled_until and scheduled_until <= scheduled_for:
        fields.problem(("scheduled_until",), "'scheduled_until' must be after 'scheduled_for'")
    if disclosed and not security:
        fields.problem(("disclosed",), "'disclosed' only applies to security incidents (security: true)", severity=WARNING)
    updates, update_problems = parse_updates(source.body, source.body_start_line, impact == "maintenance")
    problems.extend(Problem(relpath, e.line, e.column, e.rule, e.message) for e in update_problems)
    _check_same_time_updates(updates, relpath, problems)
    _check_ended(fields, ended, started, updates, impact)
    if any(p.is_error for p in problems[before:]) or doc_id is None or not updates:
        return None
    return Incident(
        id=doc_id, path=relpath, title=title or "", impact=impact or "none", components=components or [],
        updates=updates, started=started, ended=ended, security=security, disclosed=disclosed, draft=draft,
        internal=fields.data.get("internal"), scheduled_for=scheduled_for, scheduled_until=scheduled_until,
        front_matter=source.front_matter,
    )


def _check_ended(fields: _Fields, ended, started, updates, impact) -> None:
    """'ended' lies between the start of impact and the final update that announced it."""
    if ended is None:
        return
    if impact == "maintenance":
        fields.problem(("ended",), "'ended' is for incidents: a maintenance ends at 'scheduled_until' or its Completed update")
        return
    start = started or (updates[0].at if updates else None)
    if start is not None and ended < start:
        fields.problem(("ended",), f"'ended' ({format_utc(ended)}) is before the impact began ({format_utc(start)}): check both times")
    final = updates[-1] if updates else None
    if final is not None and ended > final.at:
        fields.problem(("ended",), f"'ended' ({format_utc(ended)}) is after the last update ({format_utc(final.at)}): impact cannot end after we said it was over")


def _check_same_time_updates(updates, relpath: str, problems: list[Problem]) -> None:
    for previous, current in zip(updates, updates[1:]):
        if previous.at == current.at and previous.status != current.status:
            problems.append(Problem(relpath, current.line, 1, "afterword.timeline", f"two updates at the same time with different statuses ({previous.label} at line {previous.line}, {current.label}): which came first?"))


def load_postmortem(path: Path, relpath: str, problems: list[Problem]) -> Postmortem | None:
    text = read_content_file(path)
    source = split_document(text)
    fields = _Fields(source.front_matter, relpath, problems)
    before = len(problems)
    fields.unknown_keys(POSTMORTEM_KEYS)
    doc_id = _document_id(fields, path)
    title = fields.text("title", required=True)
    incident_ids = fields.string_list("incident", required=True)
    published = fields.time("published", required=True)
    summary = fields.text("summary", required=True)
    fields.plain_text(("title",), title)
    fields.plain_text(("summary",), summary)
    draft = fields.flag("draft")
    follow_ups = _follow_ups(fields)
    timeline = _timeline_entries(fields)
    if not source.body.strip():
        problems.append(Problem(relpath, source.body_start_line, 1, "afterword.schema", "the postmortem has no body: write what happened, the impact on customers and what we are changing"))
    if any(p.is_error for p in problems[before:]) or doc_id is None:
        return None
    return Postmortem(
        id=doc_id, path=relpath, title=title or "", incident_ids=incident_ids or [], published=published,
        summary=summary or "", body=source.body, body_start_line=source.body_start_line,
        follow_ups=follow_ups, timeline=timeline, draft=draft, internal=fields.data.get("internal"),
        front_matter=source.front_matter,
    )


def _follow_ups(fields: _Fields) -> list[FollowUp]:
    raw = fields.data.get("follow_ups")
    if raw is None:
        return []
    if not isinstance(raw, list):
        fields.problem(("follow_ups",), "'follow_ups' must be a list of {title, status}")
        return []
    result = []
    for index, item in enumerate(raw):
        line = fields.front.line_of("follow_ups", index)
        if not isinstance(item, dict) or not isinstance(item.get("title"), str) or not item["title"].strip():
            fields.problem(("follow_ups", index), "each follow-up needs a 'title' (what we will change) and a 'status'")
            continue
        extra = set(item) - {"title", "status"}
        if extra:
            fields.problem(("follow_ups", index, sorted(extra)[0]), f"unknown follow-up key '{sorted(extra)[0]}' (allowed: title, status)")
        status = str(item.get("status", "planned")).strip().lower().replace(" ", "_").replace("-", "_")
        if status not in FOLLOW_UP_STATUSES:
            fields.problem(("follow_ups", index, "status"), f"follow-up status must be one of {', '.join(FOLLOW_UP_STATUSES)}, got '{item.get('status')}'")
            continue
        fields.plain_text(("follow_ups", index, "title"), item["title"])
        result.append(FollowUp(item["title"].strip(), status, line))
    return result


def _timeline_entries(fields: _Fields) -> list[TimelineEntry]:
    raw = fields.data.get("timeline")
    if raw is None:
        return []
    if not isinstance(raw, list):
        fields.problem(("timeline",), "'timeline' must be a list of {at, text}")
        return []
    entries = []
    for index, item in enumerate(raw):
        line = fields.front.line_of("timeline", index)
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or "at" not in item:
            fields.problem(("timeline", index), "each timeline entry needs 'at' (a timestamp) and 'text'")
            continue
        try:
            at = parse_timestamp(item["at"])
        except ContentError as exc:
            fields.problem(("timeline", index, "at"), exc.message, exc.rule)
            continue
        fields.plain_text(("timeline", index, "text"), item["text"])
        entries.append(TimelineEntry(at, item["text"].strip(), line))
    return sorted(entries, key=lambda e: e.at)


def content_files(folder: Path) -> list[Path]:
    """Every file the loader considers under ``folder`` (any depth), symlinks included so they can be refused."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if (p.is_file() or p.is_symlink()) and not p.name.startswith("."))


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() == ".md"


def _files_to_load(folder: Path, root: Path, only: set[str] | None) -> list[Path]:
    if only is None:
        return content_files(folder)
    return sorted(path for path in (root / relpath for relpath in only) if folder in path.parents)  # the same order


def load_history(settings: Settings, on_file: Callable[[str], None] | None = None, only: set[str] | None = None) -> History:
    """Load every incident and postmortem under settings.root; never raises for bad content.

    ``only``: just these files (paths relative to the root), e.g. those one file's checks need (docindex.py).
    """
    history = History(settings)
    root = settings.root
    by_id = history._by_id
    for path in _files_to_load(settings.incidents_dir, root, only):
        relpath = path.relative_to(root).as_posix()
        incident = _load_one(path, relpath, history, lambda p, r, probs: load_incident(p, r, settings, probs))
        if incident is None:
            continue
        if incident.id in by_id:
            first = by_id[incident.id]
            history.problems.append(Problem(relpath, 1, 1, "afterword.duplicate-id", f"incident id '{incident.id}' is already used by {first.path}: rename one of the files"))
            history.outcomes[relpath] = FAILED
            continue
        by_id[incident.id] = incident
        history.incidents.append(incident)
        history.outcomes[relpath] = _outcome(incident.withheld_reason)
    postmortem_ids: dict[str, str] = {}
    for path in _files_to_load(settings.postmortems_dir, root, only):
        relpath = path.relative_to(root).as_posix()
        postmortem = _load_one(path, relpath, history, load_postmortem)
        if postmortem is None:
            continue
        if postmortem.id in RESERVED_POSTMORTEM_IDS:
            history.problems.append(Problem(relpath, 1, 1, "afterword.id", f"'{postmortem.id}' is reserved for the site's own pages (postmortems/{postmortem.id}/): rename the file"))
            history.outcomes[relpath] = FAILED
            continue
        if postmortem.id in postmortem_ids:
            history.problems.append(Problem(relpath, 1, 1, "afterword.duplicate-id", f"postmortem id '{postmortem.id}' is already used by {postmortem_ids[postmortem.id]}: rename one of the files"))
            history.outcomes[relpath] = FAILED
            continue
        if not _link_incidents(postmortem, by_id, history):
            history.outcomes[relpath] = FAILED
            continue
        postmortem_ids[postmortem.id] = relpath
        history.postmortems.append(postmortem)
        history.outcomes[relpath] = _outcome(postmortem.withheld_reason)
    from .timeline.config import checks_config_problems  # (the timeline package imports this module)

    history.problems = sort_problems([*history.problems, *checks_config_problems(settings)])
    return history


def _load_one(path: Path, relpath: str, history: History, load: Callable):
    if path.is_symlink():
        # A link publishes whatever it points at, which nobody reviewed under this path.
        history.problems.append(Problem(relpath, 1, 1, "afterword.symlink", "a symbolic link is not published: replace it with the file itself (git mv the target here)"))
        history.outcomes[relpath] = FAILED
        return None
    if not is_markdown(path):
        history.problems.append(Problem(relpath, 1, 1, "afterword.file", "not a Markdown file (.md): it is not published; move it out of this folder", WARNING))
        history.outcomes[relpath] = SKIPPED
        return None
    before = len(history.problems)
    try:
        document = load(path, relpath, history.problems)
    except ContentError as exc:
        history.problems.append(exc.at(relpath))
        document = None
    except OSError as exc:
        history.problems.append(Problem(relpath, 1, 1, "afterword.file", f"cannot read the file: {exc.strerror or exc}"))
        document = None
    if document is None:
        if not any(p.is_error for p in history.problems[before:]):  # pragma: no cover - loaders report why
            history.problems.append(Problem(relpath, 1, 1, "afterword.schema", "the file could not be loaded"))
        history.outcomes[relpath] = FAILED
    return document


def _link_incidents(postmortem: Postmortem, by_id: dict[str, Incident], history: History) -> bool:
    ok = True
    for index, incident_id in enumerate(postmortem.incident_ids):
        incident = by_id.get(incident_id)
        line, column = postmortem.front_matter.position_of("incident", index) if len(postmortem.incident_ids) > 1 else postmortem.front_matter.position_of("incident")
        if incident is None:
            close = difflib.get_close_matches(incident_id, list(by_id), n=1)
            hint = f": did you mean '{close[0]}'?" if close else ": check the incident's file name under incidents/"
            history.problems.append(Problem(postmortem.path, line, column, "afterword.postmortem-incident", f"no incident with id '{incident_id}'{hint}"))
            ok = False
            continue
        if not incident.is_published and not postmortem.draft:
            history.problems.append(Problem(postmortem.path, line, column, "afterword.postmortem-incident", f"incident '{incident_id}' is not published ({incident.withheld_reason}): mark this postmortem 'draft: true' too, or publish the incident"))
            ok = False
            continue
        postmortem.incidents.append(incident)
    if ok:
        for incident in postmortem.incidents:
            incident.postmortems.append(postmortem)
    return ok


def _outcome(reason: str | None) -> str:
    return {None: PUBLISHED, "draft": DRAFT, "security": SECURITY}[reason]
