"""`afterword vale`: lint Markdown files with a Vale configuration, printing what `vale` prints.

    afterword vale [--config FILE] [--output line|JSON] [--sort] [--normalize] [--relative]
                   [--no-global] [--minAlertLevel LEVEL] FILES-OR-FOLDERS...

Exit status as Vale: 0 clean (or only warnings/suggestions), 1 when an error-level alert is
found, 2 when the configuration or a rule cannot be loaded.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..vale import Alert, Linter, ValeConfigError, find_config, load_config

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
_SKIPPED_FOLDERS = {".git", "node_modules", "__pycache__", ".venv"}


def register(subparsers) -> None:
    parser = subparsers.add_parser("vale", help="lint Markdown with a Vale configuration (.vale.ini and styles)")
    parser.add_argument("files", nargs="*", metavar="FILE", help="Markdown files or folders (default: .)")
    parser.add_argument("--config", help="the .vale.ini to use (default: .vale.ini or _vale.ini here or in a parent folder)")
    parser.add_argument("--output", default="line", help="line (path:line:col:Check:Message) or JSON (Vale's JSON)")
    parser.add_argument("--sort", action="store_true", help="sort files by path and alerts by position")
    parser.add_argument("--normalize", action="store_true", help="print paths with forward slashes")
    parser.add_argument("--relative", action="store_true", help="print paths relative to the current folder")
    parser.add_argument("--no-global", dest="no_global", action="store_true", help="ignore a global configuration (accepted for Vale compatibility)")
    parser.add_argument("--minAlertLevel", "--min-alert-level", dest="min_alert_level", help="suggestion, warning or error")
    parser.add_argument("--ext", help="read standard input or unknown files as this extension (only .md is supported)")
    parser.set_defaults(handler=run)


def markdown_files(targets: list[str], formats: dict[str, str]) -> list[str]:
    """Expand folders to their Markdown files; `[formats]` may map another extension to md."""
    extra = {"." + ext for ext, fmt in formats.items() if fmt in ("md", "markdown")}
    suffixes = MARKDOWN_SUFFIXES | extra
    found: list[str] = []
    for target in targets:
        if os.path.isdir(target):
            for folder, subfolders, names in os.walk(target):
                subfolders[:] = sorted(d for d in subfolders if d not in _SKIPPED_FOLDERS)
                for name in sorted(names):
                    if Path(name).suffix.lower() in suffixes:
                        found.append(os.path.join(folder, name))
        else:
            found.append(target)
    return found


def display_path(path: str, relative: bool, normalize: bool) -> str:
    shown = os.path.relpath(path) if relative else path
    if shown.startswith("./"):
        shown = shown[2:]
    return shown.replace(os.sep, "/") if normalize else shown


def lint_paths(linter: Linter, files: list[str], relative: bool, normalize: bool) -> dict[str, list[Alert]]:
    results: dict[str, list[Alert]] = {}
    for file in files:
        shown = display_path(file, relative, normalize)
        alerts = linter.lint_file(Path(file), shown)
        if alerts:
            results[shown] = alerts
    return results


def render(results: dict[str, list[Alert]], output: str, sort: bool) -> str:
    paths = sorted(results) if sort else list(results)
    ordered = {p: (sorted(results[p], key=lambda a: (a.line, a.column, a.check)) if sort else results[p]) for p in paths}
    if output.lower() == "json":
        return json.dumps({p: [a.as_vale_json() for a in alerts] for p, alerts in ordered.items()}, indent=2)
    return "\n".join(a.format_line() for alerts in ordered.values() for a in alerts)


def run(args) -> int:
    if args.output.lower() not in ("line", "json"):
        print(f"afterword vale: --output must be 'line' or 'JSON', not '{args.output}'", file=sys.stderr)
        return 2
    config_path = Path(args.config) if args.config else find_config(Path.cwd())
    if config_path is None:
        print("afterword vale: .vale.ini not found in this folder or its parents; pass --config FILE", file=sys.stderr)
        return 2
    try:
        config = load_config(config_path, args.min_alert_level)
        linter = Linter(config)
    except ValeConfigError as exc:
        print(f"afterword vale: {exc.message}", file=sys.stderr)
        return 2
    for warning in config.warnings:
        print(f"afterword vale: warning: {warning}", file=sys.stderr)
    files = markdown_files(args.files or ["."], config.formats)
    try:
        results = lint_paths(linter, files, args.relative, args.normalize)
    except OSError as exc:
        print(f"afterword vale: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    text = render(results, args.output, args.sort)
    if text:
        print(text)
    return 1 if any(a.severity == "error" for alerts in results.values() for a in alerts) else 0
