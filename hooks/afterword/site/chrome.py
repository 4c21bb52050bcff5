"""The theme's page around incident pages, rendered once and filled in for each of them.

Material renders the same header, navigation and footer around every incident page: incident
pages are not in the navigation and all sit at the same depth, so their HTML differs only by a few
per-page values (content, title, description, canonical address, the skip link's anchor). Jinja
costs milliseconds a page; filling those values into a page rendered once costs microseconds.

Nothing is assumed: the first incident page is rendered by Jinja and cut at its values; the next
two are rendered by Jinja too and must equal the filled-in version byte for byte. A page whose
value also stands in the shared part (an open incident's title is in the banner on every page)
cuts wrongly, so a failed proof cuts again at the page that failed, a few times at most; after
that every page is rendered by Jinja as usual (a template override or plugin that puts anything
else per page in the theme makes them differ). Pages with another template, table of contents or missing value are
always rendered by Jinja.
"""

from __future__ import annotations

import logging
from types import MethodType
from typing import Any

log = logging.getLogger("mkdocs.plugins.afterword")

_MARK = "\x00{}\x00"
PROOFS = 2  # pages compared with Jinja's own output before filling in is trusted
CUTS = 3  # pages the shared page may be cut from before the theme is taken to differ per page


class Chrome:
    def __init__(self, src_uris: set[str]):
        self.src_uris = src_uris
        self.parts: list[str] | None = None  # literal, slot index, literal, slot index, ... literal
        self.proven = 0
        self.cuts = 0
        self.failed = False

    def wrap(self, env: Any) -> Any:
        """Make ``env.get_template('main.html')`` return a template that fills pages in when it can."""
        original = env.get_template

        def get_template(env_self, name, *args, **kwargs):
            template = original(name, *args, **kwargs)
            return _Template(template, self) if name == "main.html" else template

        env.get_template = MethodType(get_template, env)
        return env

    def render(self, template: Any, context: dict) -> str:
        page = context.get("page")
        values = _values(page) if page is not None and page.file.src_uri in self.src_uris else None
        if values is None or self.failed:
            return template.render(context)
        if self.parts is None:
            return self._cut_at(template.render(context), values)
        filled = _fill(self.parts, values)
        if self.proven < PROOFS:
            output = template.render(context)
            if filled != output:
                log.debug(f"afterword: the theme renders {page.file.src_uri} differently from the shared page")
                return self._cut_at(output, values)
            self.proven += 1
        return filled

    def _cut_at(self, output: str, values: list[str]) -> str:
        """Start again from this page's output: cut it, and prove the cut on the next pages."""
        self.cuts += 1
        self.parts = _cut(output, values) if self.cuts <= CUTS else None
        self.proven = 0
        self.failed = self.parts is None
        if self.failed:
            log.debug("afterword: the theme differs per incident page; rendering each by Jinja")
        return output


class _Template:
    def __init__(self, template: Any, chrome: Chrome):
        self._template, self._chrome = template, chrome

    def render(self, context: dict) -> str:
        return self._chrome.render(self._template, context)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


def _values(page: Any) -> list[str] | None:
    toc = list(page.toc or [])
    description = (page.meta or {}).get("description")
    values = [page.content, page.canonical_url, description, page.title, toc[0].id if len(toc) == 1 and not toc[0].children else None]
    if not all(isinstance(v, str) and v for v in values):
        return None
    return values


def _cut(output: str, values: list[str]) -> list | None:
    """``output`` split at every occurrence of the page's values, content first (it holds the rest)."""
    content, canonical, description, title, anchor = values
    if "\x00" in output or output.count(content) != 1:
        return None
    text = output.replace(content, _MARK.format(0))
    for index, (value, form) in enumerate(((canonical, 'href="{}"'), (description, 'content="{}"'), (title, "{}"), (anchor, 'href="#{}"')), start=1):
        needle = form.format(value)
        if "\x00" in value or needle not in text:
            return None
        text = text.replace(needle, form.format(_MARK.format(index)))
    pieces = text.split("\x00")
    try:
        return [piece if n % 2 == 0 else int(piece) for n, piece in enumerate(pieces)]
    except ValueError:  # a value that looked like a slot's mark: not this page's shape
        return None


def _fill(parts: list, values: list[str]) -> str:
    return "".join(part if isinstance(part, str) else values[part] for part in parts)
