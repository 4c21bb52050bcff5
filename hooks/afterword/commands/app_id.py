"""`--app-id`, as `check-setup` and `verify-publish` read it: the gate's GitHub App, by number."""

from __future__ import annotations

from ..approvals.report import plain
from ..problems import ContentError


def app_id(value: object) -> int:
    """The App's numeric id; anything else is an error saying where to find it (printed safely:
    in a workflow the value comes from a repository variable)."""
    if not str(value).isdigit():
        raise ContentError(f"--app-id must be the GitHub App's numeric id (App settings → General → App ID; in the "
                           f"workflows, the repository variable AFTERWORD_APP_ID), got '{plain(str(value))}'")
    return int(value)
