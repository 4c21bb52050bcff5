"""The page profile of the sanitiser: what a rendered page body may keep.

Pages carry the theme's own structure (admonitions, code highlighting, heading anchors, the status
markup in ``page.py``), so they keep ``class``/``id``/ARIA attributes and a few more tags than a
feed entry does. Everything else — scripts, event handlers, frames, ``javascript:`` URLs — goes,
exactly as in ``afterword.render``.
"""

from __future__ import annotations

from ..render import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html

PAGE_TAGS = ALLOWED_TAGS | {"details", "summary", "nav", "section", "figure", "figcaption", "caption", "colgroup", "col", "mark", "q", "cite", "u"}
PAGE_GENERIC_ATTRIBUTES = {"class", "id", "title", "role", "lang", "dir", "aria-label", "aria-current", "aria-hidden", "aria-describedby", "tabindex", "data-search-exclude"}
PAGE_ATTRIBUTES = {
    **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    "details": {"open"},
    "time": {"datetime", "data-local"},
    "col": {"span"},
    "colgroup": {"span"},
}


def sanitize_page_html(html: str, site_host: str | None = None) -> str:
    return sanitize_html(html, site_host=site_host, tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES, generic_attributes=PAGE_GENERIC_ATTRIBUTES)
