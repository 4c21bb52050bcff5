"""The first update of a major or critical incident apologises: customers hear it when it matters.

The words that count as an apology are those of the ``Afterword.Apology`` rule in the style guide,
so a team that changes one changes both."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..model import Incident
from ..problems import ERROR, Problem

RULE = "Afterword.FirstUpdateApology"
IMPACTS = ("major", "critical")
DEFAULT_TOKEN = r"\b(?:sorry|apologi[sz](?:e|es|ed|ing)|apology|apologies)\b"


def apology_pattern(styles_path: Path | None) -> re.Pattern:
    token = DEFAULT_TOKEN
    rule = styles_path / "Afterword" / "Apology.yml" if styles_path else None
    if rule and rule.is_file():
        try:
            token = str((yaml.safe_load(rule.read_text(encoding="utf-8")) or {}).get("token") or DEFAULT_TOKEN)
        except yaml.YAMLError:
            pass  # the Vale loader reports a broken rule file with its path
    return re.compile(token, re.I)


def check_first_update_apology(incident: Incident, pattern: re.Pattern) -> list[Problem]:
    if incident.impact not in IMPACTS or not incident.updates:
        return []
    first = incident.first_update
    if pattern.search(first.body):
        return []
    when = first.at.strftime("%Y-%m-%d %H:%M UTC")
    return [Problem(
        incident.path, first.line, 1, RULE,
        f"the first update of a {incident.impact} incident must apologise: add a sentence such as "
        f"'We are sorry for the disruption.' to the '{first.label}' update of {when}",
        ERROR, "",
    )]
