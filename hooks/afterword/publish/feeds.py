"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 for all incidents, postmortems and each component.

Feeds are byte-identical across rebuilds of unchanged content: no build time anywhere (the feed's
own 'updated' is its newest entry's), a fixed generator and a total order on entries.
"""

from __future__ import annotations

import html

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from feedgen.feed import FeedGenerator

from .. import urls
from ..loader import History
from ..model import Incident
from ..settings import Settings
from ..timestamps import iso_utc
from .entries import EntryBuilder, FeedEntry, incident_updated, sort_entries
from .site import EPOCH, json_bytes, max_entries, write_bytes

KINDS = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}
KIND_LABELS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "Afterword"
GENERATOR_URI = "https://github.com/afterword-status/afterword"
POSTMORTEMS_INDEX = urls.postmortems_path()  # the Postmortems page in the nav
LANGUAGE = "en"


@dataclass(frozen=True)
class Feed:
    name: str  # 'incidents', 'postmortems' or 'components/<id>', as urls.feed_path takes it
    title: str
    description: str
    home_path: str  # the site page the feed mirrors
    entries: list[FeedEntry]


def build_feeds(history: History, settings: Settings) -> list[Feed]:
    """Every feed of the site with its (bounded, ordered) entries.

    Incidents are ranked first and only the ones inside some feed's bound are rendered: a long
    history costs the same to publish as a short one.
    """
    builder = EntryBuilder(history, settings)
    limit = max_entries(settings)
    ranked = sorted(
        history.published_incidents,
        key=lambda i: (-incident_updated(i).timestamp(), builder.link(urls.incident_path(i))),
    )
    rendered: dict[str, FeedEntry] = {}

    def newest(incidents: list[Incident]) -> list[FeedEntry]:
        for incident in incidents[:limit]:
            if incident.id not in rendered:
                rendered[incident.id] = builder.incident(incident)
        return [rendered[i.id] for i in incidents[:limit]]

    postmortems = [builder.postmortem(p) for p in history.published_postmortems[:limit]]
    site = settings.site_name
    feeds = [
        Feed("incidents", f"{site}: incidents",
             f"Every incident and maintenance of {settings.company}, each with its full update trail.",
             urls.history_path(), newest(ranked)),
        Feed("postmortems", f"{site}: postmortems",
             f"Postmortems of {settings.company}: what happened, the impact on customers and what we are changing.",
             POSTMORTEMS_INDEX, postmortems),
    ]
    for component in settings.components:
        feeds.append(Feed(
            f"components/{component.id}", f"{site}: {component.name}",
            f"Incidents and maintenance affecting {component.name}.",
            urls.component_path(component.id),
            newest([i for i in ranked if component.id in i.components]),
        ))
    return [Feed(f.name, f.title, f.description, f.home_path, sort_entries(f.entries)) for f in feeds]


def write_feeds(history: History, settings: Settings, site_dir: Path) -> list[Path]:
    """Write every feed in all three formats under ``site_dir``; returns the files written.

    Raises ContentError when ``site_url`` is missing: feeds are read away from the site and need
    absolute links.
    """
    base = EntryBuilder(history, settings).base
    fallback = _newest_change(history)
    written: list[Path] = []
    for feed in build_feeds(history, settings):
        for kind, render in (("rss", _rss), ("atom", _atom), ("json", _json_feed)):
            data = render(feed, settings, base, fallback)
            written.append(write_bytes(site_dir / urls.feed_path(feed.name, kind), data))
    return written


def feed_links(settings: Settings, component_id: str | None = None) -> list[dict[str, str]]:
    """Feeds for ``<link rel="alternate">`` tags and the Subscribe page, with site-relative hrefs.

    Without ``component_id``: the incidents and postmortems feeds; with it: that component's feeds.
    """
    if component_id is not None:
        component = settings.component(component_id)
        groups = [(f"components/{component_id}", component.name if component else component_id)]
    else:
        groups = [("incidents", "Incidents"), ("postmortems", "Postmortems")]
    return [
        {"title": f"{settings.site_name}: {label} ({KIND_LABELS[kind]})", "href": urls.feed_path(name, kind), "type": mime}
        for name, label in groups
        for kind, mime in KINDS.items()
    ]


def _newest_change(history: History) -> datetime:
    """For an empty feed's 'updated': the newest published change anywhere, never the build time."""
    times = [incident_updated(i) for i in history.published_incidents]
    times += [p.published for p in history.published_postmortems]
    return max(times, default=EPOCH)


def _generator(feed: Feed, settings: Settings, base: str, fallback: datetime, kind: str) -> FeedGenerator:
    generator = FeedGenerator()
    # The self link first: feedgen gives RSS's <link> the last link set, which must be the page.
    generator.link(href=urls.absolute(base, urls.feed_path(feed.name, kind)), rel="self")
    generator.id(urls.absolute(base, urls.feed_path(feed.name, "atom")))
    generator.title(feed.title)
    generator.description(feed.description)
    generator.subtitle(feed.description)
    generator.link(href=urls.absolute(base, feed.home_path), rel="alternate")
    generator.author({"name": settings.company})
    generator.language(LANGUAGE)
    generator.generator(GENERATOR, uri=GENERATOR_URI)
    generator.updated(feed.entries[0].updated if feed.entries else fallback)
    for entry in feed.entries:
        item = generator.add_entry(order="append")
        item.id(entry.id)
        item.guid(entry.id, permalink=True)
        item.title(entry.title)
        item.link(href=entry.url, rel="alternate")
        item.published(entry.published)
        item.updated(entry.updated)
        # A plain-text summary, escaped: RSS readers render <description> as HTML, so a writer's
        # literal "<svg onload=…>" must arrive as text.
        item.summary(html.escape(entry.summary, quote=False), type="html")
        item.content(entry.content_html, type="html")
        for tag in entry.tags:
            item.category(term=tag)
    return generator


def _rss(feed: Feed, settings: Settings, base: str, fallback: datetime) -> bytes:
    generator = _generator(feed, settings, base, fallback, "rss")
    return generator.rss_str(pretty=True)


def _atom(feed: Feed, settings: Settings, base: str, fallback: datetime) -> bytes:
    generator = _generator(feed, settings, base, fallback, "atom")
    return generator.atom_str(pretty=True)


def _json_feed(feed: Feed, settings: Settings, base: str, fallback: datetime) -> bytes:
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": urls.absolute(base, feed.home_path),
        "feed_url": urls.absolute(base, urls.feed_path(feed.name, "json")),
        "description": feed.description,
        "language": LANGUAGE,
        "authors": [{"name": settings.company}],
        "_afterword": {"updated": iso_utc(feed.entries[0].updated if feed.entries else fallback)},
        "items": [
            {
                "id": entry.id,
                "url": entry.url,
                "title": entry.title,
                "content_html": entry.content_html,
                "summary": entry.summary,
                "date_published": iso_utc(entry.published),
                "date_modified": iso_utc(entry.updated),
                "tags": list(entry.tags),
                "_afterword": entry.extension,
            }
            for entry in feed.entries
        ],
    }
    return json_bytes(document)
