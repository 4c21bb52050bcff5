"""Vale's section globs (`[*.md]`, `[*.{md,py}]`, `[postmortems/*.md]`, `[!*.py]`), compiled once.

Vale matches a section against the file's path as given on the command line; `*` also crosses
folders unless the pattern names one, so `*.md` matches `docs/a.md`.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _translate(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "*":
            if pattern.startswith("**", i):
                out.append(".*")
                i += 2
                if pattern.startswith("/", i):
                    out.append("(?:/)?")
                    i += 1
                continue
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{":
            end = pattern.find("}", i)
            if end == -1:
                out.append(re.escape(char))
            else:
                options = pattern[i + 1 : end].split(",")
                out.append("(?:" + "|".join(_translate(option) for option in options) + ")")
                i = end + 1
                continue
        elif char == "[":
            end = pattern.find("]", i)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body + "]")
                i = end + 1
                continue
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


class Glob:
    """One section pattern; ``matches(path)`` takes a path with forward slashes."""

    def __init__(self, pattern: str):
        self.pattern = pattern.strip()
        body = self.pattern
        self.negated = body.startswith("!")
        if self.negated:
            body = body[1:]
        regex = _translate(body)
        self._full = re.compile(regex + r"\Z")
        # A pattern without a folder also matches the file's name in any folder.
        self._name_only = "/" not in body

    def matches(self, path: str) -> bool:
        path = path.replace("\\", "/")
        while path.startswith("./"):
            path = path[2:]
        hit = bool(self._full.match(path)) or (self._name_only and bool(self._full.match(path.rsplit("/", 1)[-1])))
        return hit != self.negated


@lru_cache(maxsize=512)
def compile_glob(pattern: str) -> Glob:
    return Glob(pattern)
