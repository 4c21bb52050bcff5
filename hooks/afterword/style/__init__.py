"""Afterword's house style: blameless, redacted, plain, apologetic and well-structured writing.

Entry points:

- ``lint_history(history, settings) -> list[Problem]``: style findings for every published or
  withheld document of a loaded history (the MkDocs build fails ``--strict`` on error-level ones);
- ``checker_for(settings).check_text(text, path, document=None)``: one document;
- ``lint_paths(settings, paths) -> list[Problem]``: schema and style findings for files and folders
  (what ``afterword lint`` and ``afterword check`` run).
"""

from .checker import StyleChecker, checker_for
from .run import lint_history, lint_paths

__all__ = ["StyleChecker", "checker_for", "lint_history", "lint_paths"]
