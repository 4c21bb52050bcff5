"""The Vale rule files Afterword generates: InternalHost.yml from the config's domains, and
Credentials.yml from the patterns the build's secrets check shares. ``afterword rules`` writes them;
``afterword lint`` warns when a copy in the style guide is out of date (editors would lint with it)."""

from __future__ import annotations

from pathlib import Path

from ..problems import WARNING, Problem
from .credentials import render_credentials_rule
from .domains import domains_config, render_internal_host_rule

STYLE = "Afterword"
RULE = "afterword.rules"


def styles_folder(settings, config_path: Path) -> Path:
    """<StylesPath>/Afterword of the style guide ``config_path`` (.vale.ini) names."""
    from ..vale import load_config

    config = load_config(config_path)
    return (config.styles_path or config_path.parent / "styles") / STYLE


def generated_rules(settings) -> dict[str, str]:
    """Rule file name -> its generated text for this project's settings."""
    return {
        "InternalHost.yml": render_internal_host_rule(domains_config(settings)),
        "Credentials.yml": render_credentials_rule(),
    }


def stale_rule_files(settings, folder: Path) -> list[Path]:
    """The generated rule files in ``folder`` whose text differs from what the settings make."""
    stale = []
    for name, text in generated_rules(settings).items():
        path = folder / name
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            stale.append(path)
    return stale


def write_rule_files(settings, folder: Path) -> list[Path]:
    written = []
    for path in stale_rule_files(settings, folder):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generated_rules(settings)[path.name], encoding="utf-8")
        written.append(path)
    return written


def stale_problems(settings, folder: Path) -> list[Problem]:
    problems = []
    for path in stale_rule_files(settings, folder):
        if not path.exists():
            continue  # a style guide without the rule does not use it
        try:
            shown = path.resolve().relative_to(Path(settings.root).resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
        problems.append(Problem(
            shown, 1, 1, RULE,
            "this rule file is generated from mkdocs.yml (extra.afterword.domains) and the built-in credential "
            "patterns, and it is out of date: run 'afterword rules' so editors lint with the same rule as the build",
            WARNING,
        ))
    return problems
