"""Who reviews what: the one place `afterword init` writes the review set-up for an organisation.

The shipped files name the placeholder organisation ``acme`` and one team per role, spelled like
the role (``acme/marketing``, ``@acme/legal``…). Replacing those names in the text, rather than
generating the files, keeps whatever schema and comments the files have.
"""

from __future__ import annotations

import re

REVIEW_FILES = ("styleguide/reviewers.yml", ".github/CODEOWNERS", ".github/pull_request_template.md")
PLACEHOLDER_ORG = "acme"


def review_files(sources: dict[str, str], org: str, teams: dict[str, str], old_org: str = PLACEHOLDER_ORG, old_teams: dict[str, str] | None = None) -> dict[str, str]:
    """``sources`` (path -> text, as shipped or as last written for ``old_org``) with every
    ``old_org/old_team`` replaced by ``org/team`` for each role in ``teams``."""
    old_teams = old_teams or {role: role for role in teams}
    replacements = {f"{old_org}/{old_teams.get(role, role)}": f"{org}/{team}" for role, team in teams.items()}
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(old) for old in sorted(replacements, key=len, reverse=True)) + r")(?![\w-])")
    return {path: pattern.sub(lambda m: replacements[m.group(1)], text) for path, text in sources.items()}
