"""The leak check: after the site is written, no withheld text may appear in any file under it.

Withheld means drafts, undisclosed security incidents and every value of an ``internal`` field.
Each secret is searched in the forms it takes once published: raw, HTML-escaped and JSON-escaped.

Exact: a withheld string that a published source also contains (a draft postmortem titled like its
published incident, an internal note quoting a public update) is accounted for by that source, so
it is not a secret and blocks nothing. Linear: every output file is searched once for all secrets
together by one RE2 set (a DFA), so the cost grows with the bytes written, not bytes × secrets.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import re2

from .loader import History
from .model import Incident, Postmortem

MIN_NEEDLE = 8  # shorter values ("yes", "ops") would match ordinary words
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MAX_MEM = 256 << 20  # room for the DFA of thousands of needles; RE2 stays linear within it


class LeakCheckError(RuntimeError):
    """The check could not run: the build must fail closed, never publish unchecked."""


@dataclass(frozen=True)
class Secret:
    text: str
    source: str  # e.g. "incidents/2026/x.md: draft title"


@dataclass(frozen=True)
class Leak:
    file: str
    secret: Secret

    def format(self) -> str:
        return f"{self.secret.source} appears in {self.file}: {self.secret.text[:60]!r}"


def collect_secrets(history: History) -> list[Secret]:
    """Every withheld string no published source accounts for (updates not yet due included)."""
    secrets: list[Secret] = []
    for document in history.withheld:
        reason = document.withheld_reason
        secrets.append(Secret(document.title, f"{document.path}: {reason} title"))
        for passage in _passages(document):
            secrets.append(Secret(passage, f"{document.path}: {reason} text"))
    for document in [*history.incidents, *history.postmortems]:
        for key, value in _flatten(document.internal, "internal"):
            secrets.append(Secret(value, f"{document.path}: {key}"))
    for incident in history.published_incidents:
        for update in incident.later:  # see afterword.future
            secrets.extend(Secret(p, f"{incident.path}:{update.line}: future update") for p in _sentences(update.body))
    unique = {s.text: s for s in secrets if len(s.text.strip()) >= MIN_NEEDLE}
    accounted = _found_in(list(unique), "\n\0\n".join(_public_sources(history)))
    return [secret for text, secret in unique.items() if text not in accounted]


def _public_sources(history: History) -> Iterator[str]:
    """The source text of everything published: the words the site may legitimately contain."""
    settings = history.settings
    yield from (settings.site_name, settings.company)
    for component in settings.components:
        yield from (component.id, component.name, component.description)
    for incident in history.published_incidents:
        yield incident.title
        yield from (_normal(u.body) for u in incident.updates)
    for postmortem in history.published_postmortems:
        yield from (postmortem.title, _normal(postmortem.summary), _normal(postmortem.body))
        yield from (f.title for f in postmortem.follow_ups)
        yield from (t.text for t in postmortem.timeline)


def _found_in(needles: list[str], text: str) -> set[str]:
    """The needles that occur in text (overlapping ones included), in one pass."""
    matcher = _matcher(needles)
    return {needles[i] for i in matcher.Match(text) or ()} if matcher else set()


def _matcher(needles: list[str]) -> Any:
    options = re2.Options()
    options.literal, options.max_mem = True, _MAX_MEM
    if not needles:
        return None
    matcher = re2.Set.SearchSet(options)  # Match() returns None, not [], when nothing matches
    try:
        for needle in needles:
            matcher.Add(needle)
        matcher.Compile()
    except re2.error as exc:
        raise LeakCheckError(f"the leak check could not prepare its search for {len(needles)} withheld strings: {exc}") from None
    # RE2 reports a DFA that cannot fit in max_mem as "no match": prove it matches, or fail closed.
    if 0 not in (matcher.Match(needles[0]) or ()):
        raise LeakCheckError(f"the leak check could not search for {len(needles)} withheld strings within {_MAX_MEM >> 20} MB")
    return matcher


def _normal(text: str) -> str:
    return " ".join(text.split())


def _passages(document: Incident | Postmortem) -> Iterator[str]:
    """Distinctive sentences of a withheld document: enough to catch it, few enough to search fast."""
    bodies = [u.body for u in document.updates] if isinstance(document, Incident) else [document.summary, document.body]
    for body in bodies:
        yield from _sentences(body)


def _sentences(body: str) -> Iterator[str]:
    for sentence in _SENTENCE_END.split(_normal(body)):
        if len(sentence) >= 24 and not sentence.startswith(("#", "<!--")):
            yield sentence


def _flatten(value: Any, prefix: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(item, f"{prefix}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _flatten(item, f"{prefix}[{index}]")
    elif value is not None and not isinstance(value, bool):
        yield prefix, str(value).strip()


def _forms(text: str) -> set[str]:
    return {text, html.escape(text, quote=True), html.escape(text, quote=False), json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}


def scan_site(site_dir: Path, secrets: Iterable[Secret]) -> list[Leak]:
    """Every (file, secret) pair where a secret appears in a published file."""
    needles: dict[str, Secret] = {}
    for secret in secrets:
        for form in _forms(secret.text):
            needles.setdefault(form, secret)
    forms = list(needles)
    matcher = _matcher(forms)
    if matcher is None:
        return []
    leaks: list[Leak] = []
    for relative in _site_files(site_dir):
        try:
            with open(os.path.join(site_dir, relative), "rb") as file:
                raw = file.read()
            if relative.endswith(".gz"):
                raw = gzip.decompress(raw)
        except (OSError, EOFError, gzip.BadGzipFile):
            continue
        # RE2 searches UTF-8 bytes: ASCII bytes already are the UTF-8 of their text, with no round trip through str.
        text = raw if raw.isascii() else raw.decode("utf-8", errors="ignore")
        found = {needles[forms[i]] for i in matcher.Match(text) or ()}
        leaks.extend(Leak(relative, s) for s in sorted(found, key=lambda s: s.text))
    return leaks


def _site_files(site_dir: Path) -> list[str]:
    """Every file under ``site_dir`` as a '/'-separated relative path, in the order of sorted Paths
    (part by part), as ``sorted(p for p in site_dir.rglob("*") if p.is_file())`` lists them, at a
    fraction of pathlib's cost for thousands of pages. Links to files count; linked folders are not entered."""
    found = []
    for folder, _, names in os.walk(site_dir):
        relative = os.path.relpath(folder, site_dir)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found += [prefix + name for name in names if os.path.isfile(os.path.join(folder, name))]
    return sorted(found, key=lambda relative: relative.split("/"))
