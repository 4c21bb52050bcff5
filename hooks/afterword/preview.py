"""Preview mode (`afterword preview`, or `mkdocs serve`): a writer sees an edit within seconds.

What makes a rebuild fast however long the history is: work whose inputs did not change since
the last rebuild is reused, for as long as the server runs —
- style findings per file, keyed by its modification time and size and by the style guide and
  mkdocs.yml they were found with (an edited rule or vocabulary drops every cached finding);
- the secrets check's verdict per document, keyed by the document's published text;
- each page's HTML body, keyed by the page's Markdown and address, mkdocs.yml, and the files its
  links resolved to (MkDocs renders it again only when one of them changed);
- each page's search entries, and the theme's compiled templates;
- each feed's bytes, keyed by the feed's entries, dates and links.
The last build's files are moved aside at once and deleted on another thread. Only the most
recently edited incidents and postmortems (``extra.afterword.preview.pages``, default 50) get full
pages; every list — home, history, components, feeds — still shows the whole history.
`mkdocs build` always builds every page and uses none of these caches.

And two things keep the preview honest: content folders created after the server started are
watched as soon as they appear, and a build with errors still serves the site, with every finding
listed at the top of each page (``problems_context``), until the errors are fixed.
"""

from __future__ import annotations

import copy
import logging
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.bccache

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


@dataclass
class SecretsVerdicts:
    """Whether each document's published text is free of credential-like strings, by that text."""

    clean: dict[tuple[str, ...], bool] = field(default_factory=dict)

    def find_secrets(self, history: History) -> list[Problem]:
        """The secrets check with a verdict per document instead of one pass over every text.

        When every document is clean on its own, nothing is reported (the check's own exact scan
        would report nothing either, bar a string spanning two documents); as soon as one is not,
        the check runs as in a build, so what is reported is exactly what a build reports.
        """
        from .secrets import find_secrets, published_texts, scan_text

        verdicts: dict[tuple[str, ...], bool] = {}
        for document in [*history.published_incidents, *history.published_postmortems]:
            texts = tuple(published_texts(document))
            verdict = self.clean.get(texts)
            if verdict is None:
                verdict = next(scan_text("\n\n".join(texts)), None) is None
            verdicts[texts] = verdict
        self.clean = verdicts  # only the current texts: the cache never outgrows the history
        return [] if all(verdicts.values()) else find_secrets(history)


# Markdown extensions that read other files: a page's Markdown alone no longer says what it renders to.
_READS_FILES = ("snippets", "include")


@dataclass
class RenderCache:
    """Each page's rendered body (what MkDocs' ``Page.render`` sets), reused while the page's
    Markdown and address, mkdocs.yml, and every file its links were resolved to are unchanged.

    A render that logged anything (a broken link, say) is not kept, so its message is logged again
    on every rebuild, as a full build would."""

    entries: dict[str, tuple] = field(default_factory=dict)  # src_uri -> (inputs, lookups, render)
    config_text: bytes | None = None
    config: object = None  # the build whose mkdocs.yml was last compared

    def prepare(self, page, config, files):
        """Before MkDocs reads ``page``: make its render reuse the last one when nothing it depends on changed."""
        if any(any(word in str(name) for word in _READS_FILES) for name in config["markdown_extensions"]):
            return page
        if config is not self.config:  # once per build: a new mkdocs.yml renders every page again
            self.config, config_text = config, _config_text(config)
            if config_text != self.config_text:
                self.entries, self.config_text = {}, config_text
        render, entries = page.render, self.entries

        def cached_render(config, files):
            uri = page.file.src_uri
            inputs = (page.markdown, page.file.url, page.file.inclusion)
            entry = entries.get(uri)
            if entry and entry[0] == inputs and all(_resolve(files, path) == found for path, found in entry[1].items()):
                page.content, page.toc, page._title_from_render, page.present_anchor_ids, links = entry[2]
                # Links to other pages' anchors point at this build's files (their anchors are checked after the build).
                if links is not None:
                    page.links_to_anchors = {files.get_file_from_path(target): anchors for target, anchors in links.items()}
                return
            lookups: dict[str, object] = {}
            lookup = files.get_file_from_path

            def recording_lookup(path):
                lookups[path] = _resolve(files, path, lookup)
                return lookup(path)

            files.get_file_from_path = recording_lookup
            try:
                with _LogRecords() as records:
                    render(config, files)
            finally:
                del files.get_file_from_path
            entries.pop(uri, None)
            if not records:
                links = page.links_to_anchors
                links = None if links is None else {file.src_uri: anchors for file, anchors in links.items()}
                entries[uri] = (inputs, lookups, (page.content, page.toc, page._title_from_render, page.present_anchor_ids, links))

        page.render = cached_render
        return page


def _config_text(config) -> bytes:
    config_file = Path(config.config_file_path) if config.config_file_path else None
    return config_file.read_bytes() if config_file and config_file.is_file() else b""


def _resolve(files, path: str, lookup=None):
    """What a link to ``path`` resolves to: the file's address and inclusion, or None."""
    file = (lookup or files.get_file_from_path)(path)
    return None if file is None else (file.url, file.inclusion)


class _LogRecords(logging.Handler):
    """Collects what MkDocs (and Markdown) log while it is installed."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append(record)

    def __enter__(self) -> list[logging.LogRecord]:
        for name in ("mkdocs", "MARKDOWN"):
            logging.getLogger(name).addHandler(self)
        return self.records

    def __exit__(self, *exc) -> None:
        for name in ("mkdocs", "MARKDOWN"):
            logging.getLogger(name).removeHandler(self)


@dataclass
class SearchEntries:
    """Material's search entries for each page, reused while what its indexer reads of the page
    (address, title, body, table of contents, front matter) and mkdocs.yml are unchanged."""

    entries: dict[str, tuple] = field(default_factory=dict)  # page url -> (inputs, entries)
    config_text: bytes | None = None

    def wrap(self, config) -> None:
        """Make this build's search plugin index a page again only when it changed."""
        plugin = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(plugin, "search_index", None)
        add = getattr(index, "add_entry_from_context", None)
        if add is None or not isinstance(getattr(index, "entries", None), list):
            return  # not Material's search plugin as this knows it: index every page as usual
        config_text = _config_text(config)
        if config_text != self.config_text:
            self.entries, self.config_text = {}, config_text
        cache = self.entries

        def add_entry_from_context(page):
            inputs = (page.title, page.content, _toc_key(page.toc), repr(page.meta))
            cached = cache.get(page.url)
            if cached is not None and cached[0] == inputs:
                index.entries.extend(copy.deepcopy(cached[1]))
                return
            before = len(index.entries)
            add(page)
            cache[page.url] = (inputs, copy.deepcopy(index.entries[before:]))

        index.add_entry_from_context = add_entry_from_context


def _toc_key(toc) -> list:
    return [(item.title, item.id, item.url, item.level, _toc_key(item.children)) for item in toc or []]


@dataclass
class FeedBytes:
    """Each feed's bytes for the current mkdocs.yml (feeds.write_feeds renders only the feeds that changed)."""

    rendered: dict = field(default_factory=dict)
    config_text: bytes | None = None

    def for_settings(self, settings: Settings) -> dict:
        config = settings.config_path
        config_text = config.read_bytes() if config and config.is_file() else b""
        if config_text != self.config_text:
            self.rendered, self.config_text = {}, config_text
        return self.rendered

class TemplateCode(jinja2.BytecodeCache):
    """The theme's compiled templates, kept between rebuilds (MkDocs makes a new Jinja environment
    for each). Jinja checks each entry against its template's source, so an edited override is
    compiled again."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


@dataclass
class PreviousSites:
    """MkDocs empties the served folder before each rebuild, one file at a time. Moving the last
    build's files aside instead (a rename) and deleting them on another thread takes that off the
    time between saving and seeing the page."""

    threads: list[threading.Thread] = field(default_factory=list)

    def set_aside(self, site_dir: Path) -> None:
        entries = [entry for entry in site_dir.iterdir() if not entry.name.startswith(".")] if site_dir.is_dir() else []
        if not entries:
            return
        try:
            aside = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}-previous-", dir=site_dir.parent))
        except OSError:
            return  # MkDocs deletes the files as usual
        for entry in entries:
            try:
                entry.rename(aside / entry.name)
            except OSError:
                pass  # what could not be moved, MkDocs deletes as usual
        thread = threading.Thread(target=shutil.rmtree, args=(aside, True), daemon=True)
        thread.start()
        self.threads = [*(t for t in self.threads if t.is_alive()), thread]

    def wait(self) -> None:
        """When the server stops: finish deleting, so nothing is left in the temporary folder."""
        for thread in self.threads:
            thread.join()
        self.threads = []


# Live as long as the `mkdocs serve` process, like FINDINGS.
SECRETS = SecretsVerdicts()
RENDERS = RenderCache()
SEARCH = SearchEntries()
FEEDS = FeedBytes()
TEMPLATES = TemplateCode()
PREVIOUS_SITES = PreviousSites()
