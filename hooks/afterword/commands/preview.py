"""`afterword preview`: serve the site with live reload while you write (`mkdocs serve` in preview mode)."""

from __future__ import annotations

import os
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "preview",
        help="serve the site with live reload while you write",
        description="Runs `mkdocs serve`. Edits to incidents/, postmortems/ and styleguide/ rebuild within seconds, and "
        "a build with errors lists them at the top of every page until they are fixed. A rebuild reuses what the edit "
        "did not change (style findings, each page's render, search entries and feeds; an edit to the style guide or "
        "mkdocs.yml drops what depends on them), and in a long history only the most recently edited incidents "
        "and postmortems (extra.afterword.preview.pages, default 50) get full pages.",
    )
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from mkdocs.__main__ import cli

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        cli.main(["serve", "-f", args.config, "--dev-addr", args.dev_addr], prog_name="mkdocs", standalone_mode=False)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 0
    except Exception as exc:  # mkdocs reports its own errors; keep the exit status meaningful
        print(f"afterword preview: {exc}", file=sys.stderr)
        return 1
    return 0
