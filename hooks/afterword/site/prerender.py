"""Incident pages without a full Markdown pass: MkDocs' output for them, at a fraction of the cost.

An incident page is generated as a title, an admonition or two and blocks of finished HTML
(``markdown="0"`` divs and single-line tags). Python-Markdown passes those blocks through
unchanged, yet parses every tag of them twice (MkDocs' anchor scan, then md_in_html) and builds a
new ``Markdown()`` per page: most of a build's Markdown time. Here the HTML blocks are set aside,
only the few Markdown lines go through one converter kept for the whole build (same extensions and
settings as MkDocs'; a plain title is filled into a converted marker, headings.py), and the blocks
are put back where Markdown would have left them.

Nothing is assumed: the first page of every shape (which Markdown constructs it uses) is rendered
both ways, and if content, table of contents, anchors or title differ in any way, every page of
that shape is rendered by MkDocs as usual. So do pages holding anything unexpected: Markdown other
than a heading or an admonition.

Anchors in the HTML blocks (the updates' ``id``s) come from the generator, which wrote them, rather
than from another HTML parse of the page. MkDocs' own scan still runs on the first pages and on the
first page of every shape; if it ever finds other anchors than the generator's, it runs on every
page from then on.
"""

from __future__ import annotations

import logging
import re
from types import MethodType
from typing import Any

import markdown
from mkdocs.structure.pages import Page, _ExtractTitleTreeprocessor, _HTMLHandler
from mkdocs.structure.toc import get_toc

from .chrome import Chrome
from .headings import TitleHeadings
from .search_entries import SearchEntries

log = logging.getLogger("mkdocs.plugins.afterword")

_PLACEHOLDER = "AFTERWORDRAWBLOCK{}END"
_ONE_LINE_BLOCK = re.compile(r"<(p|h2)[\s>].*</\1>$")
_MARKDOWN_KINDS = (("# ", "heading"), ("!!! ", "admonition"))
ANCHOR_PROOFS = 3  # pages whose anchors are also scanned before the generator's are trusted


class FastPages:
    """Renders the pages named in ``src_uris`` without the full Markdown pass, for each shape of page
    whose first one came out identical both ways."""

    def __init__(self, config: Any, src_uris: set[str], anchors: dict[str, frozenset[str]] | None = None):
        self.config = config
        self.src_uris = src_uris
        self.verdicts: dict[tuple[str, ...], bool] = {}  # page shape -> proven identical
        self.anchors = anchors or {}  # src_uri -> the ids the generator wrote into its HTML blocks
        self.anchors_proven = 0
        self.anchors_differ = False
        self._converter: markdown.Markdown | None = None
        self._title = _ExtractTitleTreeprocessor()
        self.headings: TitleHeadings | None = None

    @classmethod
    def for_incident_pages(cls, config: Any, pages: list) -> "FastPages":
        incidents = [p for p in pages if p.src_uri.startswith("incidents/")]
        return cls(config, {p.src_uri for p in incidents}, {p.src_uri: p.anchors for p in incidents if p.anchors is not None})

    def wrap_env(self, env: Any) -> Any:
        """The theme's page around these pages rendered once and filled in (chrome.py)."""
        return Chrome(self.src_uris).wrap(env)

    def wrap_search(self, plugins: Any) -> None:
        """Material's search entries for these pages without another HTML parse (search_entries.py)."""
        SearchEntries(self.src_uris).attach(plugins)

    def prepare(self, page: Page) -> Page:
        """Before MkDocs reads ``page``: swap in the fast render for a page this module can do."""
        if page.file.src_uri in self.src_uris:
            page.render = MethodType(_fast_render(self), page)
        return page

    def converter(self) -> markdown.Markdown:
        if self._converter is None:
            self._converter = markdown.Markdown(
                extensions=self.config["markdown_extensions"], extension_configs=self.config["mdx_configs"] or {},
            )
            self._title._register(self._converter)
            self.headings = TitleHeadings(self.config["markdown_extensions"])
        return self._converter

    def render(self, page: Page, chunks: list[tuple[str, str]], new_shape: bool = False) -> None:
        """page.content, toc, title and anchors, as Page.render would set them."""
        parts, blocks = [], []
        for kind, text in chunks:
            if kind == "raw":
                parts.append(_PLACEHOLDER.format(len(blocks)))
                blocks.append(text)
            else:
                parts.append(text)
        converter = self.converter()
        only_placeholders = all(kind == "raw" for kind, _ in chunks[1:])
        html, toc_tokens, title = self.headings.convert(converter, self._title, parts, only_placeholders)
        for n, text in enumerate(blocks):
            # Markdown ends a paragraph with one newline and a passed-through HTML block with two.
            paragraph = f"<p>{_PLACEHOLDER.format(n)}</p>"
            html = html.replace(paragraph + "\n", text + "\n\n", 1) if paragraph + "\n" in html else html.replace(paragraph, text, 1)
        page.content = html
        page.toc = get_toc(toc_tokens)
        page._title_from_render = title
        page.present_anchor_ids = {anchor.id for anchor in _walk(page.toc)} | self.block_anchors(page, new_shape)
        if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}

    def block_anchors(self, page: Page, new_shape: bool) -> set[str]:
        """The anchors of the page's HTML blocks: the generator's, or MkDocs' scan where not proven."""
        text = page.markdown or ""
        known = self.anchors.get(page.file.src_uri)
        if known is None or self.anchors_differ:
            return _html_anchors(text)
        if new_shape or self.anchors_proven < ANCHOR_PROOFS:
            scanned = _html_anchors(text)
            if scanned != known:
                self.anchors_differ = True
                log.debug(f"afterword: {page.file.src_uri} holds other anchors than generated; scanning every page for them")
                return scanned
            self.anchors_proven += 1
        return set(known)


def _html_anchors(text: str) -> set[str]:
    """The ids (and ``<a name>``s) MkDocs' raw-HTML scan records for a page's Markdown."""
    scan = _HTMLHandler()
    scan.feed(text)
    scan.close()
    return scan.present_anchor_ids


def _walk(toc):
    for item in toc:
        yield item
        yield from _walk(item.children)


def _fast_render(pages: FastPages):
    original = Page.render

    def render(page: Page, config: Any, files: Any) -> None:
        chunks = split_chunks(page.markdown or "")
        if chunks is None:
            return original(page, config, files)
        shape = tuple(kind for kind, _ in chunks if kind != "raw")
        verdict = pages.verdicts.get(shape)
        if verdict is False:
            return original(page, config, files)
        pages.render(page, chunks, new_shape=verdict is None)
        if verdict is None:
            fast = (page.content, _toc_key(page.toc), page.present_anchor_ids, page._title_from_render)
            original(page, config, files)
            slow = (page.content, _toc_key(page.toc), page.present_anchor_ids, page._title_from_render)
            pages.verdicts[shape] = fast == slow
            if fast != slow:
                log.debug(f"afterword: {page.file.src_uri} renders differently without Markdown; pages like it use Markdown")
        return None

    return render


def _toc_key(toc) -> list:
    return [(item.title, item.id, item.level, _toc_key(item.children)) for item in toc]


def split_chunks(body: str) -> list[tuple[str, str]] | None:
    """The page as ('raw', html) and ('heading'/'admonition', markdown) chunks, or None if it holds
    anything else (then MkDocs renders it). Chunks are separated by blank lines; a ``markdown="0"``
    div runs to its closing tag, blank lines inside included."""
    if _PLACEHOLDER[:17] in body:
        return None  # text that looks like this module's placeholders: let Markdown do it all
    lines = body.split("\n")
    chunks: list[tuple[str, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        start = index
        if line.startswith("<div") and 'markdown="0"' in line:
            depth = 0
            while index < len(lines):
                depth += lines[index].count("<div") - lines[index].count("</div>")
                index += 1
                if depth <= 0:
                    break
            if depth != 0 or (index < len(lines) and lines[index].strip()):
                return None  # not closed, or text runs on after it: let Markdown decide
            kind = "raw"
        else:
            while index < len(lines) and lines[index].strip():
                index += 1
            if index == start + 1 and _ONE_LINE_BLOCK.match(line):
                kind = "raw"
            else:
                kind = next((name for prefix, name in _MARKDOWN_KINDS if line.startswith(prefix)), None)
                if kind is None:
                    return None
        text = "\n".join(lines[start:index])
        if kind == "raw" and _PLACEHOLDER[:12] in text:
            return None  # our own placeholder in the text: leave the page to MkDocs
        chunks.append((kind, text))
    return chunks
