"""The leak check: after the site is written, no withheld text may appear in any file under it.

Withheld means drafts, undisclosed security incidents and every value of an ``internal`` field.
Each secret is searched in the forms it takes once published: raw, HTML-escaped and JSON-escaped.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .loader import History
from .model import Incident, Postmortem

MIN_NEEDLE = 8  # shorter values ("yes", "ops") would match ordinary words
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


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
    secrets: list[Secret] = []
    for document in history.withheld:
        reason = document.withheld_reason
        secrets.append(Secret(document.title, f"{document.path}: {reason} title"))
        for passage in _passages(document):
            secrets.append(Secret(passage, f"{document.path}: {reason} text"))
    for document in [*history.incidents, *history.postmortems]:
        for key, value in _flatten(document.internal, "internal"):
            secrets.append(Secret(value, f"{document.path}: {key}"))
    unique = {s.text: s for s in secrets if len(s.text.strip()) >= MIN_NEEDLE}
    return list(unique.values())


def _passages(document: Incident | Postmortem) -> Iterator[str]:
    """Distinctive sentences of a withheld document: enough to catch it, few enough to search fast."""
    bodies = [u.body for u in document.updates] if isinstance(document, Incident) else [document.summary, document.body]
    for body in bodies:
        for sentence in _SENTENCE_END.split(" ".join(body.split())):
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
    return {text, html.escape(text, quote=True), html.escape(text, quote=False), json.dumps(text)[1:-1]}


def scan_site(site_dir: Path, secrets: Iterable[Secret]) -> list[Leak]:
    """Every (file, secret) pair where a secret appears in a published file."""
    needles: dict[str, Secret] = {}
    for secret in secrets:
        for form in _forms(secret.text):
            needles.setdefault(form, secret)
    if not needles:
        return []
    # One alternation, longest first, so a file is read and searched once.
    pattern = re.compile("|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)))
    leaks: list[Leak] = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        try:
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
        except (OSError, EOFError, gzip.BadGzipFile):
            continue
        text = raw.decode("utf-8", errors="ignore")
        seen: set[str] = set()
        for match in pattern.finditer(text):
            secret = needles[match.group(0)]
            if secret.text not in seen:
                seen.add(secret.text)
                leaks.append(Leak(path.relative_to(site_dir).as_posix(), secret))
    return leaks
