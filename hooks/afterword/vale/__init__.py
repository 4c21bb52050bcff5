"""A Vale-compatible prose linter for Markdown: reads `.vale.ini`, styles and vocabularies.

Vale itself cannot be installed where Afterword runs, so this package implements Vale's rule
format (https://vale.sh/docs/topics/styles) for Markdown input. Usage::

    from pathlib import Path
    from afterword.vale import load_config, Linter, Alert, ValeConfigError

    config = load_config(Path("styleguide/.vale.ini"))   # ValeConfigError: message names the file
    linter = Linter(config)                                # compiles every rule once
    alerts = linter.lint_text(text, path="postmortems/x.md")
    problems = [alert.to_problem() for alert in alerts]

`lint_text` picks the rules from the ini's glob sections using ``path`` (relative paths such as
``postmortems/x.md`` match ``[postmortems/*.md]`` and ``[*.md]``). Alerts carry 1-based ``line``
and ``column`` in the original text (front matter counted), ``check`` ("Style.Rule"),
``message``, ``severity`` ("suggestion" | "warning" | "error"), ``match``, ``span`` (first and
last column of the match on its line), ``link`` and ``action`` (Vale's {"name", "params"} or None).

Supported rule types: existence, substitution, occurrence, repetition, consistency, conditional,
capitalization, metric. A rule of another type (spelling, sequence, script, readability) is a
load error naming its file unless the ini turns that rule off (`Style.Rule = NO`).
`config.warnings` lists what the configuration asks for that this engine skips (Vale.Spelling
via `BasedOnStyles = Vale`); the `afterword vale` command prints them.
"""

from __future__ import annotations

from .config import ValeConfig, find_config, load_config
from .errors import ValeConfigError

__all__ = ["Alert", "Linter", "ValeConfig", "ValeConfigError", "find_config", "load_config"]


def __getattr__(name: str):
    # The linter (Markdown parser, regex engines) is imported when first asked for: reading a
    # configuration (a build's stored-findings fingerprint) does not need it.
    if name in ("Alert", "Linter"):
        from . import linter

        return getattr(linter, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
