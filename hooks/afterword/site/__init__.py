"""The site's pages, generated as Markdown from the history; the theme turns them into HTML.

Each module writes one kind of page. ``generate_pages`` is the single entry point.
"""

from __future__ import annotations

from datetime import datetime

from ..loader import History
from .components import component_pages
from .history import history_pages
from .home import home_page
from .incident import incident_pages
from .page import GeneratedPage
from .postmortems import commitments_pages, postmortem_pages
from .subscribe import subscribe_page


def generate_pages(history: History, now: datetime, focus: set[str] | None = None) -> list[GeneratedPage]:
    """Every page; with ``focus`` (preview), full pages only for those incident and postmortem ids."""
    pages = [home_page(history, now)]
    pages += history_pages(history, now)
    pages += incident_pages(history, now, focus)
    pages += postmortem_pages(history, now, focus)
    pages += component_pages(history, now)
    pages += commitments_pages(history, now)
    pages.append(subscribe_page(history.settings))
    return pages


__all__ = ["GeneratedPage", "generate_pages"]
