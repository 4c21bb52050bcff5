"""How the gate's verdict is shown: plain lines, GitHub workflow commands and a job-summary table.

File names, titles and logins come from the pull request: untrusted text. Control characters are
shown escaped (a file name with a newline cannot start a line of its own), and the command wraps
the plain lines in ``::stop-commands::`` so nothing in them is read as a workflow command. In the
job summary and the check run (Markdown), their punctuation is escaped: a file name cannot add a
link, an image or a fake verdict there.
"""

from __future__ import annotations

import re

from .decision import Decision, RoleResult

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
_MARKDOWN = re.compile(r"([\\`*_\[\]()<>!#|~&{}])")


def plain(text: str) -> str:
    """Untrusted text on one line: control characters (newlines included) shown as \\xNN escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _logins(logins: list[str]) -> str:
    return ", ".join("@" + plain(login) for login in logins) or "—"


def role_line(decision: Decision, result: RoleResult) -> str:
    role = result.role
    if result.satisfied:
        return f"✓ {role.name}: approved by {_logins(result.approvers)}"
    parts = []
    if result.blockers:
        parts.append(f"{_logins(result.blockers)} requested changes (needs their approval, or a dismissal by another {role.name} member)")
    if result.missing_approvals:
        parts.append(f"needs {result.missing_approvals} more approval{'s' if result.missing_approvals > 1 else ''} on {plain(decision.pull.head_sha[:12])}")
    if result.stale:
        parts.append(f"{_logins(result.stale)} approved an older commit (approve again)")
    if result.counted_elsewhere:
        parts.append(f"{_logins(result.counted_elsewhere)} approved but counted for another role (each person counts once)")
    if result.excluded:
        parts.append(f"{_logins(result.excluded)} wrote or committed this change and cannot approve it")
    parts.append(f"could approve: {plain(result.candidates(decision.members, decision.ineligible))}")
    return f"✗ {role.name}: " + "; ".join(parts)


def text_lines(decision: Decision, policy_path: str) -> list[str]:
    pull = decision.pull
    lines = [f"Pull request #{pull.number} by @{plain(pull.author) or '?'}, head {plain(pull.head_sha[:12])}"]
    if not decision.results:
        lines.append(f"No review needed: none of the {len(decision.files)} changed files is guarded by {policy_path}.")
        return lines
    for result in decision.results:
        lines.append(role_line(decision, result))
        lines.append(f"    required by: {plain(', '.join(result.reasons[:5]))}{' …' if len(result.reasons) > 5 else ''}")
    if decision.passed:
        lines.append("Every required role has approved.")
    else:
        lines.append(f"Missing approvals from: {', '.join(decision.missing_roles)}")
    return lines


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_commands(decision: Decision, notes: list[str]) -> list[str]:
    """``::error``/``::warning`` lines that GitHub Actions turns into annotations on the run."""
    lines = [f"::warning title=Approval gate::{_escape_data(note)}" for note in notes]
    for result in decision.results:
        if not result.satisfied:
            title = _escape_property(f"Missing approval: {result.role.name}")
            lines.append(f"::error title={title}::{_escape_data(role_line(decision, result))}")
    return lines


def markdown_text(text: str) -> str:
    """Untrusted text shown literally in Markdown (one line; every character that could start a link, image, tag or code is escaped)."""
    return _MARKDOWN.sub(r"\\\1", plain(text))


_cell = markdown_text


def markdown_summary(decision: Decision, policy_path: str, notes: list[str]) -> str:
    pull = decision.pull
    out = [f"## Approval gate: pull request #{pull.number}", ""]
    if not decision.results:
        out += [f"No review needed: none of the {len(decision.files)} changed files is guarded by `{policy_path}`.", ""]
        return "\n".join(out)
    verdict = "✅ every required role has approved" if decision.passed else f"❌ missing: {', '.join(decision.missing_roles)}"
    out += [f"Head commit `{plain(pull.head_sha[:12])}` by @{plain(pull.author)}: {verdict}.", ""]
    for note in notes:
        out += [f"> ⚠️ {_cell(note)}", ""]
    for result in decision.results:
        mark = "✅" if result.satisfied else "❌"
        out += [
            f"### {mark} {result.role.name}",
            "",
            "| | |",
            "| --- | --- |",
            f"| Needs | {result.role.min_approvals} approval(s) on the head commit |",
            f"| Approved | {_cell(_logins(result.approvers))} |",
            f"| Approved an older commit | {_cell(_logins(result.stale))} |",
            f"| Requests changes | {_cell(_logins(result.blockers))} |",
            f"| Could approve | {_cell(result.candidates(decision.members, decision.ineligible))} |",
            f"| Required by | {_cell(', '.join(result.reasons[:10]))} |",
            "",
        ]
    return "\n".join(out)
