"""Preview mode (`afterword preview`, or `mkdocs serve`): a writer sees an edit within seconds.

Two things make a rebuild fast however long the history is:
- style findings are cached per file, keyed by its modification time and size, for as long as the
  server runs (rules are compiled once per process anyway);
- only the most recently edited incidents and postmortems (``extra.afterword.preview.pages``,
  default 50) get full pages. Every list — home, history, components, feeds — still shows the
  whole history. `mkdocs build` always builds every page.
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
    """Style findings per file path, valid while the file's (mtime_ns, size) is unchanged."""

    entries: dict[str, tuple[tuple[int, int], list[Problem]]] = field(default_factory=dict)

    def lookup(self, path: Path) -> tuple[tuple[int, int], list[Problem] | None]:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self.entries.get(str(path))
        return stamp, (cached[1] if cached and cached[0] == stamp else None)

    def store(self, path: Path, stamp: tuple[int, int], problems: list[Problem]) -> None:
        self.entries[str(path)] = (stamp, problems)


# Lives as long as the `mkdocs serve` process: MkDocs reloads the hooks on every rebuild, not this.
FINDINGS = FindingsCache()


def lint_history_cached(history: History, settings: Settings) -> list[Problem]:
    from .style import checker_for

    checker = checker_for(settings)
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
