"""`afterword rules`: regenerate the Vale rule files made from the config (InternalHost.yml from
extra.afterword.domains, Credentials.yml from the patterns the build's secrets check uses)."""

from __future__ import annotations

from pathlib import Path

from ..problems import ContentError
from ..settings import load_settings
from ..style.checker import DEFAULT_CONFIG
from ..vale import ValeConfigError
from ..style.rulefiles import stale_rule_files, styles_folder, write_rule_files


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="regenerate the style guide's rule files made from mkdocs.yml (internal hosts, credentials)",
        description="Write styleguide/styles/Afterword/InternalHost.yml from extra.afterword.domains and Credentials.yml "
        "from the built-in credential patterns, so editors running Vale lint with the rules the build uses. "
        "With --check, write nothing and exit 1 when a file is out of date.",
    )
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="only report out-of-date files (exit status 1)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    settings = load_settings(args.config)
    style = settings.section("style")
    try:
        folder = styles_folder(settings, settings.root / str(style.get("config") or DEFAULT_CONFIG))
    except ValeConfigError as exc:
        raise ContentError(f"the style guide cannot be used: {exc}", rule="afterword.style-config") from None
    if args.check:
        stale = stale_rule_files(settings, folder)
        for path in stale:
            print(f"{_shown(path, settings.root)}: out of date; run 'afterword rules'")
        return 1 if stale else 0
    for path in write_rule_files(settings, folder):
        print(f"wrote {_shown(path, settings.root)}")
    return 0


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
