"""One site build, independent of the generator that drives it.

A generator adapter (the MkDocs hooks, or another tool's) calls, in order:
``SiteBuild.load()`` → report ``problems``; stop if ``failed`` → add ``pages()`` → pass each rendered
page body through ``finish_page_html()`` → ``write_outputs(site_dir)`` after the site is written.
If anything fails, ``discard(site_dir)`` removes the half-written site so it is never published.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from .leaks import collect_secrets, scan_site
from .loader import History, load_history
from .problems import ERROR, ContentError, Problem, sort_problems
from .settings import Settings
from .site import GeneratedPage, generate_pages
from .site.sanitize import sanitize_page_html
from .preview import focus_ids
from .status import ongoing, upcoming_maintenance
from .timestamps import parse_timestamp
from .urls import incident_path


class BuildFailed(Exception):
    """The build must stop; the message says why and what to do."""


def build_time() -> datetime:
    """Now, or the frozen time in AFTERWORD_NOW (for reproducible builds and tests)."""
    frozen = os.environ.get("AFTERWORD_NOW")
    if frozen:
        try:
            return parse_timestamp(frozen)
        except ContentError as exc:
            raise BuildFailed(f"AFTERWORD_NOW: {exc.message}") from None
    return datetime.now(timezone.utc)


class SiteBuild:
    def __init__(self, settings: Settings, now: datetime | None = None, preview: bool = False):
        self.settings = settings
        self.now = now or build_time()
        self.preview = preview  # `mkdocs serve`: cached findings, full pages for recent edits only
        self.history: History | None = None
        self.problems: list[Problem] = []
        self._pages: list[GeneratedPage] | None = None

    def load(self) -> list[Problem]:
        """Load, validate and style-check all content; returns every problem, errors and warnings."""
        self.history = load_history(self.settings)
        problems = list(self.history.problems)
        problems += self._quality_checks(self.history)
        self.problems = sort_problems(problems)
        return self.problems

    def _quality_checks(self, history: History) -> list[Problem]:
        """Style guide and timeline checks, run over content that loaded cleanly."""
        from .preview import lint_history_cached
        from .secrets import find_secrets
        from .style import lint_history
        from .timeline import check_history

        lint = lint_history_cached if self.preview else lint_history
        return [*lint(history, self.settings), *check_history(history, self.now), *find_secrets(history)]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def failure_message(self) -> str:
        count = len(self.errors)
        return f"{count} problem{'s' if count != 1 else ''} in the incident history must be fixed before the site can be published (listed above)"

    def pages(self) -> list[GeneratedPage]:
        if self.history is None:
            raise RuntimeError("load() first")
        if self._pages is None:
            focus = focus_ids(self.history, self.settings) if self.preview else None
            self._pages = generate_pages(self.history, self.now, focus)
        return self._pages

    def watched_paths(self) -> list[Path]:
        """What a preview server watches besides the docs: the content and the style guide."""
        folders = (self.settings.incidents_dir, self.settings.postmortems_dir, self.settings.styleguide_dir)
        return [folder for folder in folders if folder.is_dir()]

    def template_context(self) -> dict:
        """What the theme needs on every page: the banner of open incidents and the feed links."""
        from .publish import feed_links

        history = self.history
        banner = [
            {"title": i.title, "path": incident_path(i), "impact": i.impact, "status": i.latest_update.label}
            for i in ongoing(history, self.now)
        ] if history else []
        upcoming = [{"title": i.title, "path": incident_path(i)} for i in upcoming_maintenance(history, self.now)] if history else []
        return {"open_incidents": banner, "upcoming_maintenance": upcoming, "feeds": feed_links(self.settings)}

    def finish_page_html(self, html: str) -> str:
        """Every page body passes the sanitiser: writers' raw HTML can never run in a reader's browser."""
        return sanitize_page_html(html, site_host=urlsplit(self.settings.site_url or "").hostname)

    def write_outputs(self, site_dir: Path) -> list[Path]:
        """Feeds, the JSON API and badges, then the leak check over everything written."""
        from .publish import write_api, write_badges, write_feeds

        if not self.settings.site_url:
            raise BuildFailed("site_url is not set in mkdocs.yml: feeds and the API need absolute links (e.g. site_url: https://status.example.com/)")
        written = write_feeds(self.history, self.settings, site_dir)
        if not self.preview:  # the API is for machines: not needed to preview writing
            written += write_api(self.history, self.settings, site_dir, self.now)
            written += write_badges(self.history, self.settings, site_dir, self.now)
        leaks = scan_site(site_dir, collect_secrets(self.history))
        if leaks:
            details = "\n  ".join(leak.format() for leak in leaks[:20])
            raise BuildFailed(f"withheld content found in the built site, so nothing is published:\n  {details}")
        return written

    @staticmethod
    def discard(site_dir: Path) -> None:
        """Remove a failed build's output, so a half-built site is never deployed."""
        if site_dir.is_dir():
            for child in site_dir.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
