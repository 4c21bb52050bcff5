"""Preview mode (`afterword preview`, or `mkdocs serve`): a writer sees an edit within seconds.

Two things make a rebuild fast however long the history is:
- style findings are cached per file, keyed by its modification time and size and by the style
  guide and mkdocs.yml they were found with, for as long as the server runs (an edited rule or
  vocabulary recompiles the rules and so drops every cached finding);
- only the most recently edited incidents and postmortems (``extra.afterword.preview.pages``,
  default 50) get full pages. Every list — home, history, components, feeds — still shows the
  whole history. `mkdocs build` always builds every page.

And two things keep the preview honest: content folders created after the server started are
watched as soon as they appear, and a build with errors still serves the site, with every finding
listed at the top of each page (``problems_context``), until the errors are fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .loader import History
from .problems import Problem
from .settings import Settings

DEFAULT_PAGES = 50


@dataclass
class FindingsCache:
    """Style findings per file path, valid while the file's (mtime_ns, size) is unchanged and the
    rules that found them (``rules``: the compiled style guide and mkdocs.yml's stamp) are the same."""

    entries: dict[str, tuple[tuple[int, int], list[Problem]]] = field(default_factory=dict)
    rules: object = None

    def use_rules(self, rules: object) -> None:
        if rules != self.rules:
            self.entries.clear()
            self.rules = rules

    def lookup(self, path: Path) -> tuple[tuple[int, int], list[Problem] | None]:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self.entries.get(str(path))
        return stamp, (cached[1] if cached and cached[0] == stamp else None)

    def store(self, path: Path, stamp: tuple[int, int], problems: list[Problem]) -> None:
        self.entries[str(path)] = (stamp, problems)


@dataclass
class Watcher:
    """The preview server's watch list, which outlives a rebuild (MkDocs reloads the hooks)."""

    server: object = None  # anything with watch(path): MkDocs' LiveReloadServer
    watched: set[str] = field(default_factory=set)

    def start(self, server: object, settings: Settings) -> None:
        """Create the content folders if missing (a file's change is seen only in a watched folder,
        and a folder is watched only once it exists), then watch them."""
        self.server, self.watched = server, set()
        for folder in (settings.incidents_dir, settings.postmortems_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self.update(settings)

    def update(self, settings: Settings) -> None:
        """Watch the content folders and the style guide, including any that appeared since."""
        if self.server is None:
            return
        for folder in (settings.incidents_dir, settings.postmortems_dir, settings.styleguide_dir):
            if folder.is_dir() and str(folder) not in self.watched:
                self.server.watch(str(folder))
                self.watched.add(str(folder))


# Live as long as the `mkdocs serve` process: MkDocs reloads the hooks on every rebuild, not these.
FINDINGS = FindingsCache()
WATCHER = Watcher()


def problems_context(problems: list[Problem]) -> list[dict]:
    """What the theme lists at the top of every preview page while the build has errors."""
    return [problem.as_dict() for problem in problems if problem.is_error]


def lint_history_cached(history: History, settings: Settings) -> list[Problem]:
    from .style import checker_for

    checker = checker_for(settings)
    config = settings.config_path
    FINDINGS.use_rules((id(checker), config.stat().st_mtime_ns if config and config.is_file() else 0))
    problems: list[Problem] = []
    for document in [*history.incidents, *history.postmortems]:
        path = settings.root / document.path
        stamp, found = FINDINGS.lookup(path)
        if found is None:
            found = checker.check_file(path, document)
            FINDINGS.store(path, stamp, found)
        problems.extend(found)
    return problems


def focus_ids(history: History, settings: Settings) -> set[str] | None:
    """Ids of the documents that get full pages in preview: the most recently edited ones.

    None means every document (the history is small enough). A focused incident brings its
    postmortems along, and a focused postmortem its incidents, so links between them work.
    """
    limit = int(settings.section("preview").get("pages", DEFAULT_PAGES))
    documents = [*history.incidents, *history.postmortems]
    if len(documents) <= limit:
        return None
    documents.sort(key=lambda d: (settings.root / d.path).stat().st_mtime_ns, reverse=True)
    focus: set[str] = set()
    for document in documents[:limit]:
        focus.add(document.id)
        related = getattr(document, "postmortems", None) or getattr(document, "incidents", [])
        focus.update(item.id for item in related)
    return focus
