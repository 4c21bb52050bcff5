"""The ``afterword`` command. Each subcommand lives in its own module under ``afterword.commands``.

A command module defines ``register(subparsers)``, which adds its parser and sets ``handler`` to a
function taking the parsed arguments and returning an exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .problems import ContentError

# Subcommand name -> module under afterword.commands, in the order --help lists them.
COMMANDS = {
    "validate": "validate",
    "lint": "lint",
    "check": "check",
    "vale": "vale",
    "rules": "rules",
    "report": "report",
    "new": "new",
    "import": "importer",
    "demo": "demo",
    "check-approvals": "approvals",
    "verify-publish": "verify_publish",
    "check-setup": "setup",
    "preview": "preview",
    "notify": "notify",
    "due": "due",
    "init": "init",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command`` only that command's module is imported (a quick start for writers)."""
    parser = argparse.ArgumentParser(
        prog="afterword",
        description="Publish a customer-facing incident history and postmortems from git.",
    )
    parser.add_argument("--version", action="version", version=f"afterword {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = [command] if command in COMMANDS else list(COMMANDS)
    for name in names:
        module_name = COMMANDS[name]
        try:
            module = importlib.import_module(f"afterword.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"afterword.commands.{module_name}":
                continue  # a command not built yet in this checkout
            raise
        module.register(subparsers)
    return parser


def _command_of(argv: list[str]) -> str | None:
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(_command_of(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except ContentError as exc:
        print(f"afterword: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
