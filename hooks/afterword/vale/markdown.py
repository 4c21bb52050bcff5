"""Split a Markdown file into the text blocks Vale lints, keeping exact source positions.

markdown-it-py parses the file; its block tokens carry line maps, and each inline fragment is
found again in the source, so every character a rule sees knows where it came from. The block
structure follows Vale's HTML walk (`internal/lint/ast.go`): text is collected until a block-level
closing tag; its scope comes from the first of `li`, `blockquote`, `th`, `td`, `h1`-`h6` opened
since the previous block (else plain `text`). Code blocks are skipped, inline code is masked with
`*`, link and image targets are not text, and YAML front matter is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .htmlblock import VOID_TAGS, html_events
from .plainmarkdown import parse_plain
from .text import Block, LineIndex

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--\s*(.*?)\s*-->", re.S)
# goldmark's Linkify (GFM): a scheme, a host with a dot, then path characters; trailing
# punctuation is not part of the link.
_BARE_URL = re.compile(r"(?<![\w/])(?:https?|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::\d+)?(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'^{}\[\]`]*)?(?<![?!.,:*_~'])")
# Text inside an element with one of these classes is masked (skipClasses in lint/ast.go).
_SKIP_CLASSES = frozenset({"problematic", "pre", "code"})
# Inline tags whose text is masked (IgnoredScopes; Vale's default).
_IGNORED_SCOPES = frozenset({"code", "tt", "kbd"})
_TOKEN_TAGS = {"em_open": "em", "strong_open": "strong", "s_open": "del", "link_open": "a"}
_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_DISPLAY_MATH = re.compile(r"\A\s*\$\$.*\$\$\s*\Z", re.S)

_BLOCK_TAGS = {
    "blockquote": "blockquote",
    "bullet_list": "ul",
    "ordered_list": "ol",
    "list_item": "li",
    "paragraph": "p",
    "table": "table",
    "thead": "thead",
    "tbody": "tbody",
    "tr": "tr",
    "th": "th",
    "td": "td",
}
_TAG_SCOPES = {"th": "text.table.header", "td": "text.table.cell", "caption": "text.table.caption", "li": "text.list",
               "blockquote": "text.blockquote", "figcaption": "text.figure.caption"}
# Elements whose text Vale never lints (skipTags in lint/ast.go).
_SKIP_TAGS = frozenset({"script", "style", "pre", "figure", "noscript", "iframe"})
_HEADING = re.compile(r"h[1-6]\Z")


@dataclass
class ParsedMarkdown:
    source: str
    blocks: list[Block]  # prose blocks in document order
    comments: list[tuple[int, str]]  # (source index, comment text) for `<!-- vale ... -->`
    metrics: dict[str, int] = field(default_factory=dict)
    lines: LineIndex | None = None


def front_matter_end(text: str) -> int:
    """Index just past YAML/TOML front matter, or 0 when there is none."""
    found = _FRONT_MATTER.match(text)
    return found.end() if found else 0


class _Locator:
    """Finds successive inline fragments in the source, moving forward only."""

    def __init__(self, source: str):
        self.source = source
        self.cursor = 0
        self.limit = len(source)

    def start_region(self, start: int, end: int) -> None:
        self.cursor = max(self.cursor, start)
        self.limit = max(end, self.cursor)

    def find(self, fragment: str) -> list[int]:
        if not fragment:
            return []
        where = self.source.find(fragment, self.cursor, self.limit)
        if where != -1:
            self.cursor = where + len(fragment)
            return list(range(where, self.cursor))
        offsets = []
        for char in fragment:  # escapes, entities, or prefixes (`> `) between the characters
            where = self.source.find(char, self.cursor, self.limit)
            if where == -1 or char.isspace() and where - self.cursor > 8:
                offsets.append(min(self.cursor, len(self.source) - 1) if self.source else 0)
                continue
            offsets.append(where)
            self.cursor = where + 1
        return offsets

    def skip_link_tail(self) -> None:
        """Step over `](target "title")` or `][ref]` so later text is not found inside a URL."""
        self.skip_past("]")
        source, i = self.source, self.cursor
        if i < self.limit and source[i] in "([":
            closer = ")" if source[i] == "(" else "]"
            depth = 0
            while i < self.limit:
                if source[i] == "\\":
                    i += 2
                    continue
                if source[i] == source[self.cursor]:
                    depth += 1
                elif source[i] == closer:
                    depth -= 1
                    if depth == 0:
                        self.cursor = i + 1
                        return
                i += 1

    def skip_past(self, fragment: str) -> int:
        where = self.source.find(fragment, self.cursor, self.limit)
        if where == -1:
            return self.cursor
        self.cursor = where + len(fragment)
        return where


def parse_markdown(source: str, token_ignores: list | None = None, ignored_classes: frozenset[str] = _SKIP_CLASSES,
                   ignored_scopes: frozenset[str] = _IGNORED_SCOPES) -> ParsedMarkdown:
    skip_to = front_matter_end(source)
    plain = parse_plain(source, skip_to)  # headings and plain paragraphs only: no markdown-it needed
    if plain is not None:
        return plain
    # Blank the front matter (keeping newlines) so line maps and offsets stay those of the file.
    parse_text = re.sub(r"[^\n]", " ", source[:skip_to]) + source[skip_to:]
    lines = LineIndex(source)
    tokens = _parser().parse(parse_text)
    locator = _Locator(source)
    blocks: list[Block] = []
    comments: list[tuple[int, str]] = []
    metrics: dict[str, int] = {}
    history: list[str] = []
    open_tags: list[str] = []  # every container open around the current text (for SkippedScopes)
    chars: list[str] = []
    offsets: list[int] = []

    def flush() -> None:
        text = "".join(chars)
        if text.strip():
            scope = "text"
            for tag in history:
                if tag in _TAG_SCOPES:
                    scope = _TAG_SCOPES[tag]
                    break
                if _HEADING.match(tag):
                    scope = "text.heading." + tag
                    break
            start = 0
            if scope != "text":
                start = len(text) - len(text.lstrip(" "))
            if not _DISPLAY_MATH.match(text):
                metrics[scope[5:] if scope.startswith("text.") else scope] = metrics.get(scope[5:], 0) + 1
                block = Block(text[start:], scope + ".md", offsets[start:], offsets[start] if offsets[start:] else 0)
                block.within = frozenset(open_tags)
                blocks.append(block)
        history.clear()
        chars.clear()
        offsets.clear()

    inline = False  # Vale's walk: was the last start tag an inline one?
    for token in tokens:
        kind = token.type
        if token.map:
            locator.start_region(lines.line_start(token.map[0]), lines.line_start(token.map[1]) if token.map[1] < len(lines.starts) else len(source))
        if kind.endswith("_open") and kind[:-5] in _BLOCK_TAGS:
            if not token.hidden:
                history.append(_BLOCK_TAGS[kind[:-5]])
                open_tags.append(_BLOCK_TAGS[kind[:-5]])
                inline = False
            if kind == "list_item_open" and "".join(chars).strip():
                # A nested list's text follows its parent item's text after a space (isNestedList).
                chars.append(" ")
                offsets.append(offsets[-1] if offsets else 0)
        elif kind == "heading_open":
            history.append(token.tag)
            inline = False
        elif kind.endswith("_close") and (kind[:-6] in _BLOCK_TAGS or kind == "heading_close"):
            if not token.hidden:
                flush()
                if kind[:-6] in _BLOCK_TAGS and open_tags:
                    open_tags.pop()
        elif kind in ("fence", "code_block"):
            metrics["pre"] = metrics.get("pre", 0) + 1
            flush()
        elif kind == "html_block":
            _read_html_block(token, source, lines, history, open_tags, chars, offsets, flush, ignored_classes, ignored_scopes)
            for found in _COMMENT.finditer(token.content):
                where = locator.skip_past(found.group(0))
                comments.append((where, found.group(1)))
            flush()
        elif kind == "inline":
            inline = _collect_inline(token.children or [], locator, chars, offsets, comments, blocks, inline, ignored_classes, ignored_scopes)
    flush()
    return ParsedMarkdown(source, blocks, comments, metrics, lines)


@lru_cache(maxsize=1)
def _parser():
    """markdown-it, imported on first use: a plain incident file never needs it (plainmarkdown.py)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def parsed_markdown(source: str, ignored_classes: frozenset[str] = _SKIP_CLASSES,
                    ignored_scopes: frozenset[str] = _IGNORED_SCOPES) -> ParsedMarkdown:
    """``parse_markdown``, once per text and settings: the Vale rules, the name detector and the
    reading-grade hints all read the same document. The result is shared, so callers must not
    change its blocks' text, scope or offsets."""
    return _parsed(source, ignored_classes, ignored_scopes)


@lru_cache(maxsize=64)
def _parsed(source: str, ignored_classes: frozenset[str], ignored_scopes: frozenset[str]) -> ParsedMarkdown:
    return parse_markdown(source, None, ignored_classes, ignored_scopes)


def _read_html_block(token, source: str, lines: LineIndex, history: list[str], open_tags: list[str], chars: list[str],
                     offsets: list[int], flush, ignored_classes: frozenset[str], ignored_scopes: frozenset[str]) -> None:
    """Lint the text of a raw HTML block as Vale's HTML walk does (`th`, `td`, `caption`, ...).

    Text between block-level tags is one block whose scope comes from the tags opened since the
    previous block; inline tags add a leading space to the text after them; text inside
    `script`, `style`, `pre`, ... or an element with an ignored class is not linted.
    """
    content = token.content
    base = lines.line_start(token.map[0]) if token.map else 0
    verbatim = source[base : base + len(content)] == content
    locator = None if verbatim else _Locator(source)
    if locator is not None:  # indented or quoted HTML: find each text in the block's lines
        locator.start_region(base, lines.line_start(token.map[1]) if token.map and token.map[1] < len(lines.starts) else len(source))
    depth = len(open_tags)
    skipping: list[str] = []  # open elements whose text is not linted
    inline = masked = False
    for event in html_events(content):
        if event.kind == "start":
            classes = set(event.attrs.get("class", "").split())
            if event.tag in _SKIP_TAGS or classes & ignored_classes and event.tag not in _INLINE_HTML_TAGS:
                skipping.append(event.tag)
            elif skipping:
                continue
            elif event.tag not in VOID_TAGS:
                history.append(event.tag)
                open_tags.append(event.tag)
            inline = event.tag in _INLINE_HTML_TAGS
            masked = event.tag in ignored_scopes or bool(classes & ignored_classes)
        elif event.kind == "end":
            if skipping:
                if event.tag == skipping[-1]:
                    skipping.pop()
                continue
            if event.tag not in _INLINE_HTML_TAGS:
                flush()
                if event.tag in open_tags[depth:]:
                    del open_tags[len(open_tags) - 1 - open_tags[::-1].index(event.tag):]
        elif not skipping:
            node = _TextNode()
            found = [base + i for i in event.offsets] if locator is None else locator.find(event.text)
            node.add(event.text, found)
            node.masked = masked
            masked = False  # only the text right after an ignored tag (clean in lint/ast.go)
            _emit(node, inline, chars, offsets)
    flush()
    del open_tags[depth:]


def _mask_bare_urls(text: str) -> str:
    """GFM turns bare URLs into links whose text is the URL; Vale masks such text (lint/ast.go)."""
    if "://" not in text:
        return text
    return _BARE_URL.sub(lambda m: "*" * len(m.group(0)), text)


def _alt_block(image, locator: _Locator) -> Block | None:
    """An image's alt text, linted on its own as scope `text.attr.alt` (lintTags in lint/ast.go)."""
    alt = "".join(c.content for c in (image.children or []) if c.type in ("text", "code_inline"))
    start = locator.skip_past("![")
    if not alt.strip():
        return None
    offsets = locator.find(alt)
    return Block(alt, "text.attr.alt", offsets, offsets[0] if offsets else start)


# Inline HTML tags (Vale's inlineTags) and the Markdown tokens that render as them.
_INLINE_OPENERS = {"em_open", "strong_open", "link_open", "s_open", "code_inline", "image", "hardbreak"}
_INLINE_HTML_TAGS = {"b", "big", "i", "small", "abbr", "acronym", "cite", "dfn", "em", "kbd", "strong", "a", "br", "img", "span", "sub", "sup", "code", "tt", "del"}
_STARTERS = set(".?!,:;)]}—–")  # text starting with these is not padded (clean in lint/ast.go)
_TIGHT = set("([{—–")  # nor text right after these (endsWithTightBoundary)
_HTML_START_TAG = re.compile(r"<([A-Za-z][\w-]*)")


class _TextNode:
    """Consecutive text (and soft breaks) between two tags: one HTML text node in Vale's walk."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.masked = False

    def add(self, text: str, offsets: list[int]) -> None:
        self.chars.append(text)
        self.offsets.extend(offsets)


def _emit(node: _TextNode, inline: bool, chars: list[str], offsets: list[int]) -> None:
    """Vale trims each text node and puts a space before one that follows an inline tag."""
    text = "".join(node.chars)
    node_offsets = node.offsets
    if len(node_offsets) != len(text):  # never expected; keep positions usable
        node_offsets = (node_offsets + [node_offsets[-1] if node_offsets else 0] * len(text))[: len(text)]
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    if left >= right:
        return
    text, node_offsets = text[left:right], node_offsets[left:right]
    if node.masked:
        text = "".join("\n" if c == "\n" else "*" for c in text)
    if inline and (node.masked or text[0] not in _STARTERS):
        previous = chars[-1][-1:] if chars and chars[-1] else ""
        if previous not in _TIGHT:
            chars.append(" ")
            offsets.append(node_offsets[0])
    chars.append(text)
    offsets.extend(node_offsets)


def _collect_inline(children, locator: _Locator, chars: list[str], offsets: list[int], comments: list, blocks: list, inline: bool = False,
                    ignored_classes: frozenset[str] = _SKIP_CLASSES, ignored_scopes: frozenset[str] = _IGNORED_SCOPES) -> bool:
    """Append the text of one inline run, as Vale's HTML walk sees it; returns the `inline` state.

    Text is gathered into text nodes (what lies between two tags), each trimmed; after an
    inline tag (emphasis, link, code, image, line break, inline HTML) every following node of
    the block gets a leading space, so `**bold**text` reads `bold text` as it does in Vale.
    """
    node = _TextNode()
    autolink = False

    def close_node() -> None:
        nonlocal node
        _emit(node, inline, chars, offsets)
        node = _TextNode()

    for child in children:
        kind = child.type
        if kind == "text":
            found = locator.find(child.content)
            node.add(child.content if autolink else _mask_bare_urls(child.content), found)
            node.masked = node.masked or autolink
        elif kind == "softbreak":
            where = locator.skip_past("\n")
            node.add("\n", [where])
        elif kind == "code_inline":
            close_node()
            inline = True
            found = locator.find(child.content)
            node.add(child.content, found)
            node.masked = "code" in ignored_scopes  # an ignored scope: masked with `*`
            close_node()
        elif kind == "link_open":
            close_node()
            inline = True
            autolink = child.markup == "autolink"
            node.masked = "a" in ignored_scopes
        elif kind == "link_close":
            close_node()
            if not autolink:
                locator.skip_link_tail()
            else:
                locator.skip_past(">")
            autolink = False
        elif kind == "image":
            close_node()
            inline = True
            alt = _alt_block(child, locator)
            if alt is not None:
                blocks.append(alt)
            locator.skip_link_tail()
        elif kind == "html_inline":
            close_node()
            found = _COMMENT.match(child.content)
            where = locator.skip_past(child.content)
            if found:
                comments.append((where, found.group(1)))
            else:
                tag = _HTML_START_TAG.match(child.content)
                if tag:
                    inline = tag.group(1).lower() in _INLINE_HTML_TAGS
                    classes = _CLASS_ATTR.search(child.content)
                    if classes and set("".join(c or "" for c in classes.groups()).split(" ")) & ignored_classes:
                        node.masked = True  # the element's text (Vale's parentClass check)
        elif kind in _INLINE_OPENERS:
            close_node()
            inline = True
            # The first text after an ignored tag (IgnoredScopes = strong, ...) is masked.
            node.masked = _TOKEN_TAGS.get(kind, "") in ignored_scopes
            if kind == "hardbreak":
                locator.skip_past("\n")
        else:  # closing tags end a text node but leave the `inline` state as it is
            close_node()
    close_node()
    return inline
