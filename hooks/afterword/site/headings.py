"""An incident page's Markdown part (``# Title`` and its HTML blocks) without converting it again.

After prerender.py set the HTML blocks aside, an incident page's Markdown is one line, its title,
yet each page still paid a whole Python-Markdown pass (every extension's processors) for it. A
title of plain words (letters, digits, spaces and a little punctuation that no Markdown construct
starts with) comes out of that pass the same way every time: as the converter renders a marker
word, with the marker's id replaced by the title's slug and the marker by the title. So the
converter renders the marker once per number of HTML blocks, and each page is filled in.

Nothing is assumed about the configuration: only with Markdown extensions known to leave plain
words alone (``abbr`` or ``pymdownx.magiclink``, for example, would turn some into markup), and the
first pages, and the first page with each punctuation mark, are converted both ways; one
difference and every later title is converted by Markdown.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import markdown

PROOFS = 3  # pages converted both ways before the filled-in heading is trusted
TEMPLATES = 64  # one per number of HTML blocks (about one per update) on a page
MARKER = "afterwordtitlemarker"  # any slug function leaves it as it is; a title holding it is converted
# Extensions whose constructs all start with characters a plain title cannot hold (`#`, `[`, `{`,
# `:` at the start of a line, fences, `|`, `!!!`, `???`), or that only touch other blocks.
INERT_EXTENSIONS = frozenset({
    "toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "def_list", "footnotes", "sane_lists",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.highlight",
})
_PUNCTUATION = " ,:;?!'’()/.-"
# Words and single spaces, none first or last (Markdown strips them); nothing HTML escapes.
_PLAIN_TITLE = re.compile(r"(?! )(?!.*  )(?!.* \Z)(?:[^\W_]|[" + re.escape(_PUNCTUATION) + r"])+\Z")


class TitleHeadings:
    def __init__(self, extensions: list):
        """``extensions``: MkDocs' ``markdown_extensions``, which the converter was made with."""
        self.usable = all(isinstance(name, str) and name in INERT_EXTENSIONS for name in extensions)
        self.proven = 0
        self.proven_marks: set[str] = set()
        self._templates: dict[tuple[str, ...], tuple[str, list, str | None]] = {}

    def convert(self, converter: markdown.Markdown, title_extractor: Any, parts: list[str], only_placeholders: bool) -> tuple[str, list, str | None]:
        """HTML, toc tokens and extracted title of ``parts`` (``# Title`` then the rest of the
        page: ``only_placeholders`` if it is only the HTML blocks' placeholders), as ``converter``
        gives them."""
        title = _plain_title(parts) if self.usable and only_placeholders else None
        if title is None:
            return _convert(converter, title_extractor, parts)  # an admonition makes a page unlike others
        rest = tuple(parts[1:])  # the same on every page with as many HTML blocks
        template = self._templates.get(rest)
        if template is None:
            if len(self._templates) >= TEMPLATES:
                return _convert(converter, title_extractor, parts)
            template = self._templates[rest] = _convert(converter, title_extractor, [f"# {MARKER}", *rest])
        slug = _slug(converter, title)
        if slug == "":
            return _convert(converter, title_extractor, parts)  # Markdown makes up an id ("_1")
        filled = _fill(template, title, slug)
        marks = set(title) & set(_PUNCTUATION)
        if self.proven < PROOFS or not marks <= self.proven_marks:
            converted = _convert(converter, title_extractor, parts)
            if converted != filled:
                self.usable = False
                return converted
            self.proven += 1
            self.proven_marks |= marks
        return filled


def _plain_title(parts: list[str]) -> str | None:
    if not parts or not parts[0].startswith("# ") or "\n" in parts[0]:
        return None
    title = parts[0][2:]
    if not _PLAIN_TITLE.match(title) or MARKER in title.lower():
        return None
    return title


def _convert(converter: markdown.Markdown, title_extractor: Any, parts: list[str]) -> tuple[str, list, str | None]:
    converter.reset()
    title_extractor.title = None
    content = converter.convert("\n\n".join(parts))
    return content, getattr(converter, "toc_tokens", []), title_extractor.title


def _slug(converter: markdown.Markdown, title: str) -> str | None:
    toc = converter.treeprocessors["toc"] if "toc" in converter.treeprocessors else None
    return toc.slugify(title, toc.sep) if toc is not None else None


def _fill(template: tuple[str, list, str | None], title: str, slug: str | None) -> tuple[str, list, str | None]:
    content, tokens, extracted = template
    if slug is not None:
        for attribute in ('id="', 'href="#'):
            content = content.replace(f'{attribute}{MARKER}"', f'{attribute}{slug}"')
    tokens = copy.deepcopy(tokens)
    for token in _walk(tokens):
        token["id"] = slug if token["id"] == MARKER else token["id"]
        token["name"] = token["name"].replace(MARKER, title)
        token["html"] = token["html"].replace(MARKER, title)
    return content.replace(MARKER, title), tokens, extracted.replace(MARKER, title) if extracted else extracted


def _walk(tokens: list):
    for token in tokens:
        yield token
        yield from _walk(token.get("children", []))
