"""The one error the authoring commands raise: a refusal, with the loader's problems when it has them."""

from __future__ import annotations

from ..problems import ContentError, Problem


class AuthoringError(ContentError):
    """Nothing was written. ``problems`` holds the loader's findings when the draft was invalid."""

    def __init__(self, message: str, problems: list[Problem] | None = None, rule: str = "afterword.new"):
        super().__init__(message, rule=rule)
        self.problems = list(problems or [])
