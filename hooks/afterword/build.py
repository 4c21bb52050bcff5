"""One site build, independent of the generator that drives it.

A generator adapter (the MkDocs hooks, or another tool's) calls, in order:
``load(defer_checks=True)`` → report ``problems``; stop if ``failed`` → add ``pages()`` →
``start_background(site_dir)`` → pass each rendered page body through ``finish_page_html()`` → after the site is
written, ``complete(site_dir)`` → report what it returns; stop if ``failed``.
If anything fails, ``discard(site_dir)`` removes the half-written site so it is never published.

Why a background worker: the generator renders pages on one core. The style guide, timeline and
secrets checks, feeds, API and badges need only the loaded history, so a forked worker does them on the other core meanwhile;
their verdict is still in before the build succeeds, and a failing verdict discards the site.
It is forked after the pages are generated, so it inherits what they worked out that it needs
too (each update's promise of a next update, its body rendered) instead of doing it again.
"""

from __future__ import annotations

import multiprocessing
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from .buildtime import BuildFailed, build_time  # noqa: F401 - BuildFailed: part of this module's interface
from .cpus import usable_cpus
from .future import withhold_future_updates
from .leaks import LeakCheckError, collect_secrets, scan_site
from .loader import History, load_history
from .problems import ERROR, ContentError, Problem, sort_problems
from .support import support_problems
from .workshare import WorkShare
from .settings import Settings
from .site import GeneratedPage, generate_pages
from .site.sanitize import sanitize_page_html
from .preview import focus_ids
from .search_index import compact_search_index
from .status import ongoing, upcoming_maintenance
from .symlinks import find_symlinks
from .urls import incident_path


class SiteBuild:
    def __init__(self, settings: Settings, now: datetime | None = None, preview: bool = False):
        self.settings = settings
        self.now = now or build_time()
        self.preview = preview  # `mkdocs serve`: cached findings, full pages for recent edits only
        self.history: History | None = None
        self.problems: list[Problem] = []
        self._pages: list[GeneratedPage] | None = None
        self._checks_deferred = False
        self._worker: tuple[ProcessPoolExecutor, Future] | None = None
        self._share: WorkShare | None = None  # the style check, shared by the worker and this process

    def load(self, defer_checks: bool = False) -> list[Problem]:
        """Load and validate all content, then (unless deferred to ``start_background``/``complete``)
        the style guide, timeline and secrets checks. Returns every problem found so far."""
        from .notify.config import config_problems

        self.history = load_history(self.settings)
        problems = [*support_problems(self.settings), *self.history.problems, *withhold_future_updates(self.history, self.now), *config_problems(self.settings)]
        self._checks_deferred = defer_checks
        if not defer_checks:
            problems += self._content_checks(self.history)
        self.problems = sort_problems(problems)
        return self.problems

    def _content_checks(self, history: History) -> list[Problem]:
        """Checks that only report findings: they need the history, never the rendered site."""
        return [*self._style_check(history), *self._history_checks(history)]

    def _style_check(self, history: History, share: WorkShare | None = None) -> list[Problem]:
        from .preview import lint_history_cached
        from .style import lint_history

        if self.preview:
            return lint_history_cached(history, self.settings)
        return lint_history(history, self.settings, share)

    def _style_share(self) -> list[Problem]:
        from .style.run import lint_share

        return lint_share(self.history, self.settings, self._share)

    def _history_checks(self, history: History) -> list[Problem]:
        from .preview import SECRETS
        from .secrets import find_secrets
        from .timeline import check_history

        secrets = SECRETS.find_secrets if self.preview else find_secrets
        return [*check_history(history, self.now), *secrets(history)]

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

    def watch(self, server=None) -> None:
        """Preview: watch the content and the style guide (with a server: from now on, on every
        rebuild: also folders that did not exist when the server started)."""
        from .preview import WATCHER

        if server is not None:
            WATCHER.start(server, self.settings)
        else:
            WATCHER.update(self.settings)

    def template_context(self) -> dict:
        """What the theme needs on every page: the banner of open incidents and the feed links."""
        from .publish import feed_links

        history = self.history
        banner = [
            {"title": i.title, "path": incident_path(i), "impact": i.impact, "status": i.latest_update.label}
            for i in ongoing(history, self.now)
        ] if history else []
        upcoming = [{"title": i.title, "path": incident_path(i)} for i in upcoming_maintenance(history, self.now)] if history else []
        context = {
            "open_incidents": banner, "upcoming_maintenance": upcoming, "feeds": feed_links(self.settings),
            # Component pages advertise their own feeds (overrides/main.html picks them by page URL).
            "component_feeds": {c.id: feed_links(self.settings, c.id) for c in self.settings.components},
        }
        if self.preview:
            from .preview import problems_context

            context["preview_problems"] = problems_context(self.problems)
        return context

    @property
    def stops_on_errors(self) -> bool:
        """A real build publishes nothing with an error; a preview shows the site and the errors."""
        return not self.preview

    def prepare_page(self, page, config, files):
        """Preview: a page whose Markdown, files and mkdocs.yml are unchanged reuses its last render."""
        if not self.preview:
            return page
        from .preview import RENDERS

        return RENDERS.prepare(page, config, files)

    def prepare_env(self, env, config):
        """Preview: the theme's templates are compiled once for the whole session, not once per
        rebuild, and a page whose indexed parts are unchanged reuses its search entries."""
        if self.preview:
            from .preview import SEARCH, TEMPLATES

            env.bytecode_cache = TEMPLATES
            SEARCH.wrap(config)
        return env

    def set_aside_previous_site(self, site_dir: Path) -> None:
        """Preview, before MkDocs empties the served folder: move the last build's files out of the way at once."""
        if self.preview:
            from .preview import PREVIOUS_SITES

            PREVIOUS_SITES.set_aside(site_dir)

    @staticmethod
    def stop_preview() -> None:
        """When the preview server stops: finish deleting earlier builds' files."""
        from .preview import PREVIOUS_SITES

        PREVIOUS_SITES.wait()

    def finish_page_html(self, html: str) -> str:
        """Every page body passes the sanitiser: writers' raw HTML can never run in a reader's browser."""
        return sanitize_page_html(html, site_host=urlsplit(self.settings.site_url or "").hostname)

    def start_background(self, site_dir: Path) -> None:
        """Start the deferred checks and the machine outputs (feeds, API, badges) on the other core."""
        if not self._checks_deferred or self._worker is not None:
            return
        from .cpus import usable_cpus

        if usable_cpus() < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return  # complete() does the same work in this process
        global _FORKED
        _FORKED = self  # the forked worker inherits this build, history included, without pickling it
        if usable_cpus() == 2 and self._checks_deferred:
            # On 2 CPUs this process joins the style check once its pages are written (workshare.py).
            # The stored findings are read, and the rules compiled if needed, once, here, for both.
            from .style.run import prepare_style_check

            self._share = WorkShare()
            prepare_style_check(self.history, self.settings)
        executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self._worker = (executor, executor.submit(_background_work, str(site_dir)))

    def complete(self, site_dir: Path) -> list[Problem]:
        """After the generator wrote the site: the deferred findings, feeds, API, badges, leak check.

        Returns the findings that were deferred (now also in ``problems``). Raises BuildFailed when
        the outputs cannot be written or withheld content leaked into the site.
        """
        if self._worker is not None:
            executor, future = self._worker
            self._worker = None
            try:
                mine = self._style_share() if self._share is not None else []
                late = [*future.result(), *mine]
            finally:
                from .style.run import forget_prepared

                executor.shutdown()
                forget_prepared()  # the findings opened for the fork; a later build opens its own
        else:
            late = self._deferred_work(site_dir)
        self.problems = sort_problems([*self.problems, *late])
        if not self.failed:
            compact_search_index(site_dir / "search" / "search_index.json")
            self._check_leaks(site_dir)
            refuse_symlinks([site_dir], "the built site")
        return late

    def stop_background(self) -> None:
        """Wait for a running worker (it cannot be interrupted safely) so nothing writes after a discard."""
        if self._worker is not None:
            from .style.run import forget_prepared

            executor, _ = self._worker
            self._worker = None
            executor.shutdown(wait=True, cancel_futures=True)
            forget_prepared()

    def _deferred_work(self, site_dir: Path) -> list[Problem]:
        if not self._checks_deferred:
            late = []
        elif self._share is None:
            late = self._content_checks(self.history)
        else:
            late = self._history_checks(self.history)
        if not any(p.is_error for p in late):
            self._write_outputs(site_dir)
        if self._checks_deferred and self._share is not None:
            # Shared with the page process, so last: it joins when its pages are done. Outputs were
            # written first; if this finds an error, the whole site is discarded anyway.
            late += self._style_check(self.history, self._share)
        return late

    def _write_outputs(self, site_dir: Path) -> list[Path]:
        from .publish import write_api, write_badges, write_calendars, write_feeds

        if not self.settings.site_url:
            raise BuildFailed("site_url is not set in mkdocs.yml: feeds and the API need absolute links (e.g. site_url: https://status.example.com/)")
        reuse = None
        if self.preview:
            from .preview import FEEDS

            reuse = FEEDS.for_settings(self.settings)
        written = write_feeds(self.history, self.settings, site_dir, self.now, reuse)
        if not self.preview:  # the API is for machines: not needed to preview writing
            written += write_calendars(self.history, self.settings, site_dir, self.now)
            written += write_api(self.history, self.settings, site_dir, self.now)
            written += write_badges(self.history, self.settings, site_dir, self.now)
        return written

    def _check_leaks(self, site_dir: Path) -> None:
        try:
            leaks = scan_site(site_dir, collect_secrets(self.history))
        except LeakCheckError as exc:
            raise BuildFailed(f"{exc}, so nothing is published") from None
        if leaks:
            details = "\n  ".join(leak.format() for leak in leaks[:20])
            raise BuildFailed(f"withheld content found in the built site, so nothing is published:\n  {details}")

    @staticmethod
    def discard(site_dir: Path) -> None:
        """Remove a failed build's output, so a half-built site is never deployed."""
        if site_dir.is_dir():
            for child in site_dir.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)


def refuse_symlinks(folders: list[Path], what: str) -> None:
    """BuildFailed when any of ``folders`` holds a symbolic link (the docs, the theme overrides, the site)."""
    links = [link for folder in folders if folder.exists() or folder.is_symlink() for link in find_symlinks(folder)]
    if links:
        shown = "\n  ".join(str(link) for link in links[:20])
        raise BuildFailed(f"{what} contains symbolic links, which are never published (replace each with the file itself):\n  {shown}")


_FORKED: SiteBuild | None = None


def _background_work(site_dir: str) -> list[Problem]:
    """Runs in the forked worker: the build it needs was inherited, only the findings go back."""
    assert _FORKED is not None
    return _FORKED._deferred_work(Path(site_dir))
