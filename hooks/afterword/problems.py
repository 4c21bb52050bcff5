"""Problems found in content: one shape for schema errors, style findings and timeline checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

ERROR = "error"
WARNING = "warning"
SUGGESTION = "suggestion"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding a writer can act on: where, which rule, what to write instead."""

    path: str
    line: int
    column: int
    rule: str
    message: str
    severity: str = ERROR
    match: str = field(default="", compare=False)

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: [{self.rule}] {self.message}"

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "match": self.match,
        }

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class ContentError(ValueError):
    """The documented error type of every parser: a message plus a position inside the input.

    ``line`` and ``column`` are 1-based and relative to the text the parser was given; callers
    shift them to file positions.
    """

    def __init__(self, message: str, line: int = 1, column: int = 1, rule: str = "afterword.schema"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.rule = rule

    def at(self, path: str, line_offset: int = 0) -> Problem:
        return Problem(path, self.line + line_offset, self.column, self.rule, self.message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.rule))


def count_errors(problems: Iterable[Problem]) -> int:
    return sum(1 for p in problems if p.is_error)
