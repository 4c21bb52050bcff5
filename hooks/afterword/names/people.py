"""The people a team knows about: git authors, CODEOWNERS entries and styleguide/people.txt.

Their names are never allowed in customer-facing text, whether or not a name list knows them.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")
_BOT = re.compile(r"(?i)\bbot\b|\[bot\]|dependabot|renovate|github-actions|actions-user|maintainers?|noreply|automation|\bci\b")
# A CODEOWNERS owner: @user, @org/team (a team, not a person: skipped) or an e-mail address.
_OWNER = re.compile(r"(?<![\w.+-])@([A-Za-z0-9][A-Za-z0-9_-]*)(/[A-Za-z0-9_.-]+)?|([\w.+-]+)@[\w-]+(?:\.[\w-]+)+")
# Mailbox names that are roles, not people.
_ROLE_MAILBOXES = {"admin", "info", "support", "contact", "team", "hello", "help", "ops", "dev", "root", "git",
                   "build", "deploy", "security", "billing", "status", "mail", "office", "jobs", "sales"}
CODEOWNERS_PLACES = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")


@dataclass
class KnownPeople:
    full_names: set[tuple[str, ...]] = field(default_factory=set)  # lowercased words, e.g. ("dana", "whitfield")
    given_names: set[str] = field(default_factory=set)  # lowercased first names of known people
    family_names: set[str] = field(default_factory=set)
    handles: set[str] = field(default_factory=set)  # lowercased, without '@'

    def add_name(self, name: str) -> None:
        words = name.split()
        if not words or _BOT.search(name) or not all(_WORD.match(w) for w in words):
            if len(words) == 1 and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]+", name) and not _BOT.search(name):
                self.handles.add(name.lower())
            return
        lowered = tuple(w.lower() for w in words)
        if len(lowered) == 1:
            self.given_names.add(lowered[0])
            return
        self.full_names.add(lowered)
        self.given_names.add(lowered[0])
        self.family_names.add(lowered[-1])

    def knows(self, words: list[str]) -> bool:
        lowered = tuple(w.lower() for w in words)
        if len(lowered) > 1 and any(lowered == full[: len(lowered)] or lowered == full[-len(lowered):] for full in self.full_names):
            return True
        return len(lowered) == 1 and (lowered[0] in self.given_names or lowered[0] in self.family_names)


def read_people_file(path: Path, people: KnownPeople) -> None:
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            people.add_name(entry.lstrip("@"))


def read_codeowners(root: Path, people: KnownPeople) -> None:
    for place in CODEOWNERS_PLACES:
        path = root / place
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            entry = line.split("#", 1)[0]
            for found in _OWNER.finditer(entry):
                if found.group(2):
                    continue  # @org/team
                handle = found.group(1) or found.group(3)
                if handle and not _BOT.search(handle) and handle.lower() not in _ROLE_MAILBOXES:
                    people.handles.add(handle.lower())


def read_git_authors(root: Path, people: KnownPeople) -> None:
    """Authors of every commit; quietly nothing when this is not a git checkout or git is missing."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%an%x09%ae"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return
    if result.returncode != 0:
        return
    for line in set(result.stdout.splitlines()):
        name, _, email = line.partition("\t")
        people.add_name(name.strip())
        local = email.split("@", 1)[0]
        if local and "noreply" not in email and not _BOT.search(local) and local.lower() not in _ROLE_MAILBOXES:
            people.handles.add(local.split("+")[-1].lower())


def known_people(root: Path, people_file: Path | None = None) -> KnownPeople:
    people = KnownPeople()
    read_git_authors(root, people)
    read_codeowners(root, people)
    read_people_file(people_file or root / "styleguide" / "people.txt", people)
    return people
