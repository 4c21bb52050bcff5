"""Markdown to safe HTML (and to plain text): the one path every published page, feed and API takes.

Writers type Markdown, and Markdown passes raw HTML through, so nothing rendered here is trusted
until ``sanitize_html`` has run it through nh3 with an explicit allow-list. Keep every caller on
these functions: a second renderer would be a second place for a script to slip through.
"""

from __future__ import annotations

import functools
import html
import re
import threading
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3

# Extensions that only add structure; none of them lets a writer inject behaviour.
MARKDOWN_EXTENSIONS = ("tables", "fenced_code", "sane_lists", "def_list")

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "s", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
}
# Removed together with their content, not just unwrapped: their text is never meant for readers.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
EXTERNAL_REL = "noopener noreferrer"

# nh3 serialises attributes canonically (double quotes, '"' escaped), so this grammar is exact.
_ANCHOR = re.compile(r'<a((?:\s+[\w:-]+="[^"]*")*)>')
_HREF = re.compile(r'\shref="([^"]*)"')


@functools.lru_cache(maxsize=1 << 16)  # feeds and the API render the same update bodies
def markdown_to_html(text: str, base_url: str | None = None, site_host: str | None = None) -> str:
    """Render Markdown as written by a person into sanitised HTML.

    ``base_url`` makes relative links absolute (feeds are read away from the site); ``site_host``
    tells which absolute links are the site's own, so only the others get ``rel="noopener noreferrer"``.
    """
    if is_plain_text(text or ""):
        return plain_paragraphs_html(text)
    converter = _converter()
    rendered = converter.reset().convert(text or "")
    return sanitize_html(rendered, base_url=base_url, site_host=site_host)


# Anything Markdown (or HTML) could give a meaning to: emphasis, code, links, HTML, entities,
# escapes, headings, lists, quotes, definitions (':' at a line start), code blocks, tables, rules,
# hard line breaks, URLs. A ':' elsewhere means nothing to Markdown: times such as "by 23:50 UTC",
# in most update bodies, stay on the fast path; so does '!' (an image needs '![', and '[' is here).
_MARKUP = re.compile(r"[\\`*_\[\]<>&#|~=]|://|^\s*(?:[-+>:]|\d+[.)])|^ {4}|^\t| {2}$", re.MULTILINE)


@functools.lru_cache(maxsize=1 << 16)  # the API, feed summaries and entries ask about the same bodies
def is_plain_text(text: str) -> bool:
    """Sentences and paragraphs only: no markup, and no whitespace Markdown would interpret
    (tabs and non-breaking spaces are not printable; spaces at a line's edges are excluded too)."""
    if _MARKUP.search(text) or not text.replace("\n", "").isprintable():
        return False
    return all(line == line.strip(" ") for line in text.split("\n"))


def plain_paragraphs_html(text: str) -> str:
    """The fast path for text with no markup at all — most incident updates: exactly what
    Python-Markdown and the sanitiser would produce for it, without running either."""
    paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text.strip("\n")) if p.strip()]
    return "\n".join(f"<p>{p.strip()}</p>" for p in paragraphs)


_local = threading.local()


def _converter() -> markdown.Markdown:
    """One Markdown instance per thread: building one loads every extension, a cost per call otherwise."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
    return converter


def sanitize_html(
    fragment: str,
    base_url: str | None = None,
    site_host: str | None = None,
    *,
    tags: frozenset[str] | set[str] = ALLOWED_TAGS,
    attributes: dict[str, set[str]] | None = None,
    generic_attributes: set[str] | None = None,
) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes of an HTML fragment.

    Scripts, styles, frames, event handlers and ``javascript:`` URLs never survive. Links leaving
    the site (another host than ``site_host``; any absolute link when it is None) get ``rel``.
    The keyword-only allow-lists widen it for a profile such as whole pages (``site/sanitize.py``).
    """
    allowed = _attribute_allow_list(attributes or ALLOWED_ATTRIBUTES, generic_attributes)
    cleaned = _cleaner(frozenset(tags), allowed, base_url).clean(fragment or "")
    return _ANCHOR.sub(lambda match: _with_rel(match, site_host), cleaned)


@functools.lru_cache(maxsize=16)  # a few profiles (pages, feeds per base address), thousands of fragments
def _cleaner(tags: frozenset[str], attributes: tuple[tuple[str, frozenset[str]], ...], base_url: str | None) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in attributes},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # added below, to external links only
        strip_comments=True,
        url_relative=("rewrite_with_base", base_url) if base_url else "pass_through",
    )


def _attribute_allow_list(per_tag: dict[str, set[str]], generic: set[str] | None) -> tuple[tuple[str, frozenset[str]], ...]:
    allowed = {tag: frozenset(names) for tag, names in per_tag.items()}
    if generic:
        allowed["*"] = frozenset(generic)  # ammonia's key for attributes allowed on every tag
    return tuple(sorted(allowed.items()))


def _with_rel(match: re.Match, site_host: str | None) -> str:
    attributes = match.group(1)
    href = _HREF.search(attributes)
    if href and _is_external(html.unescape(href.group(1)), site_host):
        attributes += f' rel="{EXTERNAL_REL}"'
    return f"<a{attributes}>"


def _is_external(href: str, site_host: str | None) -> bool:
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    return site_host is None or (parts.hostname or "").lower() != site_host.lower()


def markdown_to_text(text: str, base_url: str | None = None) -> str:
    """Markdown as plain text, for consumers that show no HTML (Statuspage API bodies, chat).

    Paragraphs stay separated by a blank line, list items start with '- ', and a link keeps its
    address in brackets when the text does not already show it (made absolute with ``base_url``).
    """
    if is_plain_text(text or ""):
        # What the extractor makes of plain paragraphs, without rendering and re-parsing them.
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text) if p.strip())
    extractor = _TextExtractor()
    extractor.feed(markdown_to_html(text, base_url=base_url))
    extractor.close()
    return extractor.text()


def html_to_text(fragment: str) -> str:
    """The readable text of a (sanitised) HTML fragment, laid out as ``markdown_to_text`` does."""
    extractor = _TextExtractor()
    extractor.feed(sanitize_html(fragment))
    extractor.close()
    return extractor.text()


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "blockquote", "pre", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
    LINES = {"br", "tr", "li", "dt", "dd"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href_stack: list[tuple[str | None, int]] = []
        self.in_pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag in self.LINES:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag == "a":
            self.href_stack.append((dict(attrs).get("href"), len(self.parts)))
        if tag == "pre":
            self.in_pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        if tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)
        if tag == "a" and self.href_stack:
            href, start = self.href_stack.pop()
            shown = "".join(self.parts[start:]).strip()
            if href and href not in shown and not href.startswith("#"):
                self.parts.append(f" ({href.removeprefix('mailto:')})")

    def handle_data(self, data: str) -> None:
        self.parts.append(data if self.in_pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        raw = "".join(self.parts)
        lines = [line.strip() for line in raw.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
