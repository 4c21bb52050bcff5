"""Imported history is not blocked by its past: style errors in imported documents become warnings.

A document is imported when its path matches a glob in ``extra.afterword.style.imported`` of
mkdocs.yml (default ``incidents/imported/**`` and ``postmortems/imported/**``), or when its front
matter says so in the never-published ``internal`` mapping: ``internal: {imported_from: statuspage}``
(what an importer writes) or ``internal: {imported: true}``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

from ..problems import ERROR, WARNING, Problem
from ..vale.globs import compile_glob

DEFAULT_GLOBS = ("incidents/imported/**", "postmortems/imported/**")


def imported_globs(style_settings: dict[str, Any]) -> tuple[str, ...]:
    value = style_settings.get("imported")
    if value is None:
        return DEFAULT_GLOBS
    return tuple([value] if isinstance(value, str) else [str(v) for v in value])


def is_imported(path: str, internal: Any, globs: Iterable[str]) -> bool:
    if isinstance(internal, dict) and (internal.get("imported") is True or internal.get("imported_from")):
        return True
    return any(compile_glob(pattern).matches(path) for pattern in globs)


def demote(problems: list[Problem]) -> list[Problem]:
    return [
        replace(p, severity=WARNING, message=f"{p.message} (imported: a warning, not an error)") if p.severity == ERROR else p
        for p in problems
    ]
