"""Material's search entries for incident pages, without Python's HTML parser going over each page.

Material's search plugin feeds every page's HTML to an ``html.parser`` subclass. On an incident
page most of that work is wasted: the pure-Python tokenizer costs as much as Material's handling of
the tags, and most tags sit in blocks the search skips anyway (the facts, each update's header:
``data-search-exclude``). Here one regular expression cuts the page into tags and text, accepting
only the canonical HTML the page sanitiser writes (lower-case names, double-quoted attributes, no
comments), and Material's own parser handles each of them exactly as ``html.parser`` would hand
them over; a block Material skips is jumped over whole, once it is known to be balanced and to hold
no heading and no tag named like one being skipped. Material's code still decides what goes into every entry (sections,
kept tags, whitespace, exclusions): only the tokenizer is replaced.

Nothing is assumed: the first pages, and the first page holding a tag not seen before, are indexed
both ways; if the entries ever differ (another Material version, a plugin), Material indexes every
page itself from then on. So it does a page with front matter for search, or whose HTML the
expression does not accept.
"""

from __future__ import annotations

import functools
import html
import logging
import re
import sys
from typing import Any

log = logging.getLogger("mkdocs.plugins.afterword")

PROOFS = 3  # pages indexed both ways before this module's entries are trusted
_TOKEN = re.compile(r'<([a-z][a-z0-9]*)((?: [a-z][-a-z0-9_:.]*(?:="[^"<>]*")?)*)>|</([a-z][a-z0-9]*)>|([^<]+)')
_ATTRIBUTE = re.compile(r' ([a-z][-a-z0-9_:.]*)(="[^"<>]*")?')
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)")
_HEADING = re.compile(r"h[1-6]")
# Elements whose content html.parser reads as raw text (in one Python version or another).
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext", "noscript"})


class SearchEntries:
    def __init__(self, src_uris: set[str]):
        self.src_uris = src_uris
        self.proven = 0
        self.tags_proven: set[str] = set()
        self.differ = False

    def attach(self, plugins: Any) -> None:
        """Index the pages named in ``src_uris`` through this module, if the site uses Material's search."""
        for plugin in plugins.values():
            index = getattr(plugin, "search_index", None)
            module = sys.modules.get(type(index).__module__)
            if index is None or not type(plugin).__module__.startswith("material.") or not _usable(module, index):
                continue
            original = index.add_entry_from_context
            index.add_entry_from_context = lambda page, index=index, original=original, module=module: self.add(index, original, module, page)

    def add(self, index: Any, original: Any, module: Any, page: Any) -> None:
        if self.differ or page.file.src_uri not in self.src_uris or "search" in (page.meta or {}):
            return original(page)
        parser = module.Parser()
        tags = drive(parser, page.content, frozenset(module.void))
        if tags is None:
            return original(page)
        entries = index.entries
        start = len(entries)
        prove = self.proven < PROOFS or not tags <= self.tags_proven
        if prove:
            original(page)
            expected = entries[start:]
            del entries[start:]
        for section in parser.data:
            if not section.is_excluded():
                index.create_entry_for_section(section, page.toc, page.url, page)
        if prove:
            if entries[start:] != expected:
                entries[start:] = expected
                self.differ = True
                log.debug(f"afterword: search entries for {page.file.src_uri} differ from Material's; Material indexes every page")
                return None
            self.proven += 1
            self.tags_proven |= tags
        return None


def _usable(module: Any, index: Any) -> bool:
    """Material's search as this module knows it: its parser, void tags, and a list of entries."""
    parser_class = getattr(module, "Parser", None)
    if parser_class is None or not isinstance(getattr(module, "void", None), set) or not isinstance(getattr(index, "entries", None), list):
        return False
    parser = parser_class()
    return all(hasattr(parser, name) for name in ("handle_starttag", "handle_endtag", "handle_data", "data", "context", "section")) and isinstance(getattr(parser, "skip", None), set)


def drive(parser: Any, text: str, void: frozenset[str]) -> set[str] | None:
    """Feed ``text`` to ``parser`` tag by tag as html.parser would; the names of the tags it was
    handed, or None (parser state undefined) for HTML outside the canonical form."""
    tags: set[str] = set()
    position, end = 0, len(text)
    match, unescape = _TOKEN.match, html.unescape
    while position < end:
        token = match(text, position)
        if token is None:
            return None
        name, attributes, closing, data = token.groups()
        position = token.end()
        if data is not None:
            parser.handle_data(unescape(data) if "&" in data else data)
        elif closing is not None:
            parser.handle_endtag(closing)
        else:
            if name in _RAW_TEXT:
                return None
            tags.add(name)
            skipped = len(parser.skip)
            parser.handle_starttag(name, _attributes(attributes) if attributes else [])
            if len(parser.skip) > skipped and name not in void and not _HEADING.fullmatch(name):
                position = _skip(parser, text, position, name, void)
    return tags


@functools.lru_cache(maxsize=4096)  # the generator's attributes repeat on every page
def _attributes(text: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((name, None if value is None else html.unescape(value[2:-1])) for name, value in (m.groups() for m in _ATTRIBUTE.finditer(text)))


def _skip(parser: Any, text: str, start: int, name: str, void: frozenset[str]) -> int:
    """Past the end of the skipped element opened just before ``start``, its end tag handled; or
    ``start`` (read on, tag by tag) if its content could change the parser's state."""
    section = parser.section
    if section is None or section.depth > len(parser.context):
        return start  # the parser is between sections: inner end tags could move it
    stop = text.find(f"</{name}>", start)
    if stop < 0:
        return start
    found = tuple(_TAG.findall(text, start, stop))
    skipped = frozenset(getattr(element, "tag", element) for element in parser.skip)
    if text.count("<", start, stop) != len(found) or not _inert(found, skipped, void):
        return start  # a comment, declaration or stray '<' (html.parser reads those differently), or a tag that counts
    parser.handle_endtag(name)
    return stop + len(name) + 3


@functools.lru_cache(maxsize=4096)  # the generator's skipped blocks hold the same few tags on every page
def _inert(tags: tuple[tuple[str, str], ...], skipped: frozenset[str], void: frozenset[str]) -> bool:
    """Whether these tags, inside a skipped element, leave the parser as they found it. Not so for
    a tag named like any element being skipped: Material's skip list compares elements by name."""
    stack: list[str] = []
    for is_end, tag in tags:
        if tag in skipped or tag in _RAW_TEXT or _HEADING.fullmatch(tag):
            return False
        if is_end:
            if not stack or stack.pop() != tag:
                return False
        elif tag not in void:
            stack.append(tag)
    return not stack
