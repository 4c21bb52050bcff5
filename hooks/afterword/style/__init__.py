"""Afterword's house style: blameless, redacted, plain, apologetic and well-structured writing.

Entry points:

- ``lint_history(history, settings) -> list[Problem]``: style findings for every published or
  withheld document of a loaded history (the MkDocs build fails ``--strict`` on error-level ones);
- ``checker_for(settings).check_text(text, path, document=None)``: one document;
- ``lint_paths(settings, paths) -> list[Problem]``: schema and style findings for files and folders
  (what ``afterword lint`` and ``afterword check`` run).
"""

__all__ = ["StyleChecker", "checker_for", "lint_history", "lint_paths"]


def __getattr__(name: str):
    # Imported when first asked for: a build whose findings are all stored never loads the checker.
    if name in ("StyleChecker", "checker_for"):
        from . import checker

        return getattr(checker, name)
    if name in ("lint_history", "lint_paths"):
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
