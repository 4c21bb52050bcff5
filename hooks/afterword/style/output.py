"""Findings for people and machines: text lines, JSON, and GitHub Actions workflow commands."""

from __future__ import annotations

import json
import os
from typing import TextIO

from ..problems import ERROR, SUGGESTION, WARNING, Problem, sort_problems

# GitHub's workflow command levels for Afterword's severities.
GITHUB_COMMANDS = {ERROR: "error", WARNING: "warning", SUGGESTION: "notice"}


def format_text(problems: list[Problem]) -> str:
    lines = []
    for problem in sort_problems(problems):
        suffix = "" if problem.severity == ERROR else f" ({problem.severity})"
        lines.append(problem.format() + suffix)
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    keys = ("path", "line", "column", "rule", "severity", "message", "match")
    return json.dumps([{key: p.as_dict()[key] for key in keys} for p in sort_problems(problems)], indent=2, ensure_ascii=False)


def escape_data(value: str) -> str:
    """A workflow command's message: '%', CR and LF are escaped (GitHub's toolkit, command.ts)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A workflow command's property value: also ':' and ',' which separate properties."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: list[Problem]) -> str:
    lines = []
    for p in sort_problems(problems):
        command = GITHUB_COMMANDS.get(p.severity, "warning")
        properties = f"file={escape_property(p.path)},line={p.line},col={p.column},title={escape_property(p.rule)}"
        lines.append(f"::{command} {properties}::{escape_data(p.message)}")
    return "\n".join(lines)


def summary_table(problems: list[Problem]) -> str:
    """A Markdown table of every finding for the job summary page."""
    problems = sort_problems(problems)
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = sum(1 for p in problems if p.severity == WARNING)
    head = f"### Afterword lint: {errors} errors, {warnings} warnings, {len(problems) - errors - warnings} suggestions\n"
    if not problems:
        return head + "\nNo findings.\n"
    rows = ["", "| Severity | File | Line | Rule | Message |", "| --- | --- | --- | --- | --- |"]
    for p in problems:
        cells = [p.severity, f"`{p.path}`", f"{p.line}:{p.column}", p.rule, p.message]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return head + "\n".join(rows) + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def write_github(problems: list[Problem], out: TextIO) -> None:
    """Workflow commands to ``out``; the summary table to $GITHUB_STEP_SUMMARY, else to ``out``."""
    commands = format_github(problems)
    if commands:
        print(commands, file=out)
    table = summary_table(problems)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as handle:
            handle.write(table)
    else:
        print(table, file=out)
