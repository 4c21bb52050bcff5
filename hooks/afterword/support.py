"""The support contact (``extra.afterword.support``): where an all-clear, the footer and the
Subscribe page send customers who still need help.

    support:
      url: https://acme.example/support      # a page customers can open (http or https)
      email: support@acme.example            # a role address, never a person's
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
URL_PATTERN = re.compile(r"^https?://[^\s/]+(?:/\S*)?$")
KEYS = ("url", "email")


@dataclass(frozen=True)
class Support:
    url: str | None = None
    email: str | None = None

    def phrase(self) -> str:
        """How an update names the support team, in Markdown: a link when there is a page."""
        if self.url:
            return f"[our support team]({self.url})"
        if self.email:
            return f"our support team at {self.email}"
        return "our support team"


def support_contact(settings) -> Support:
    """The configured contact, leaving out a malformed value (``support_problems`` reports it)."""
    return read_support(settings)[0]


def support_problems(settings) -> list[Problem]:
    """``[afterword.config]`` errors for a malformed contact, at its line in mkdocs.yml."""
    return read_support(settings)[1]


def read_support(settings) -> tuple[Support, list[Problem]]:
    raw = settings.sections.get("support")
    if raw is None:
        return Support(), []
    problems: list[Problem] = []

    def fail(key: str, message: str) -> None:
        path, line, column = _position(settings.config_path, key)
        problems.append(Problem(path, line, column, "afterword.config", f"extra.afterword.support{'.' + key if key else ''}: {message}"))

    if not isinstance(raw, dict):
        fail("", "write a mapping with 'url' and/or 'email', e.g. 'url: https://example.com/support'")
        return Support(), problems
    for key in sorted(set(raw) - set(KEYS)):
        fail(key, f"unknown key '{key}': write 'url' and/or 'email'")
    url, email = raw.get("url"), raw.get("email")
    if url is not None and not (isinstance(url, str) and URL_PATTERN.match(url)):
        fail("url", f"'{url}' is not a web address: write it like https://example.com/support")
        url = None
    if email is not None and not (isinstance(email, str) and EMAIL_PATTERN.match(email)):
        fail("email", f"'{email}' is not an e-mail address: write it like support@example.com")
        email = None
    return Support(url or None, email or None), problems


def _position(config_path: Path | None, key: str) -> tuple[str, int, int]:
    """Where ``support:`` (or its ``key``) is written in mkdocs.yml; line 1 if it cannot be found."""
    if config_path is None or not config_path.is_file():
        return "mkdocs.yml", 1, 1
    lines = config_path.read_text(encoding="utf-8-sig").split("\n")
    found = (1, 1)
    for index, line in enumerate(lines):
        if re.match(r"\s+support:", line):
            found = (index + 1, len(line) - len(line.lstrip()) + 1)
            for offset, child in enumerate(lines[index + 1 : index + 6], start=index + 2):
                if key and re.match(rf"\s+{re.escape(key)}:", child):
                    found = (offset, len(child) - len(child.lstrip()) + 1)
                    break
            break
    return config_path.name, *found
