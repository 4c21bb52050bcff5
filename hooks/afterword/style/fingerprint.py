"""What the stored findings of a style guide are filed under (cache.py), worked out without
compiling it: a build whose every document's findings are stored never compiles the rules."""

from __future__ import annotations

from pathlib import Path

from ..frontmatter import split_document
from ..problems import ContentError
from ..settings import Settings
from ..vale.config import load_config
from ..vale.errors import ValeConfigError
from .demote import imported_globs
from .structure import structure_config

DEFAULT_CONFIG = Path("styleguide") / ".vale.ini"


def style_fingerprint(settings: Settings) -> str | None:
    """The fingerprint the checker (checker.py) would have; None when the style guide or a setting
    it reads cannot be used (the checker then reports why) or cannot be told apart from the project."""
    from .domains import ConfigError

    style = settings.section("style")
    try:
        config = load_config(settings.root / str(style.get("config") or DEFAULT_CONFIG))
        structure = structure_config(settings, template_summary(settings))
    except (ValeConfigError, ConfigError, ContentError, OSError):
        return None
    return fingerprint_of(settings, config, structure, imported_globs(style))


def fingerprint_of(settings: Settings, config, structure, imported) -> str | None:
    """The fingerprint of a style guide's ``config`` (its files, people.txt), mkdocs.yml and the
    checker's other inputs; None when StylesPath holds the project (its files would be in it)."""
    from .cache import fingerprint

    styles = config.styles_path
    if styles is not None and settings.root.resolve().is_relative_to(styles.resolve()):
        return None
    people = config.path.parent / "people.txt"
    sources = [p for p in (styles, config.path, people) if p is not None and p.exists()]
    return fingerprint(sources, settings.config_path, repr((structure, imported)))


def template_summary(settings: Settings) -> str:
    """The postmortem template's summary: guidance for the writer, never a summary to publish."""
    from ..authoring.errors import AuthoringError
    from ..authoring.templates import load_template

    try:
        text = load_template(settings, "postmortem").text
        summary = split_document(text).front_matter.data.get("summary")
    except (AuthoringError, ContentError, OSError, AttributeError):
        return ""
    return summary if isinstance(summary, str) and "{" not in summary else ""
