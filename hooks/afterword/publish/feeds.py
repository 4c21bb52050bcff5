"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 for all incidents, postmortems, updates and each component.

Two kinds of incident feed: ``incidents`` (one entry per incident, revised as it changes) and
``updates`` (one entry per public update, so every reader announces every update).
Feeds are byte-identical across rebuilds of unchanged content: no build time anywhere (the feed's
own 'updated' is its newest entry's), a fixed generator and a total order on entries.
"""

from __future__ import annotations

import html

from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from feedgen.entry import FeedEntry as FeedGeneratorEntry
from feedgen.feed import FeedGenerator

from .. import urls
from ..loader import History
from ..model import Incident
from ..settings import Settings
from ..timestamps import iso_utc
from .entries import EntryBuilder, FeedEntry, incident_updated, sort_entries
from .site import EPOCH, json_bytes, max_entries, write_bytes
from .updates import public_updates

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
    name: str  # 'incidents', 'postmortems', 'updates', 'components/<id>' or 'updates/<id>' (urls.feed_path)
    title: str
    description: str
    home_path: str  # the site page the feed mirrors
    entries: list[FeedEntry]


def build_feeds(history: History, settings: Settings, now: datetime | None = None) -> list[Feed]:
    """Every feed of the site with its (bounded, ordered) entries. ``now`` keeps updates dated
    later out of the updates feeds (None: every update).

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
    updates = list(reversed(public_updates(history, now or datetime.max.replace(tzinfo=timezone.utc))))
    update_entries: dict[str, FeedEntry] = {}

    def newest_updates(component_id: str | None) -> list[FeedEntry]:
        # The newest ``limit`` of them: stop looking once that many are found.
        chosen = list(islice((u for u in updates if component_id is None or component_id in u.incident.components), limit))
        for public in chosen:
            if public.id not in update_entries:
                update_entries[public.id] = builder.update(public)
        return [update_entries[u.id] for u in chosen]

    site = settings.site_name
    feeds = [
        Feed("incidents", f"{site}: incidents",
             f"Every incident and maintenance of {settings.company}, each with its full update trail.",
             urls.history_path(), newest(ranked)),
        Feed("postmortems", f"{site}: postmortems",
             f"Postmortems of {settings.company}: what happened, the impact on customers and what we are changing.",
             POSTMORTEMS_INDEX, postmortems),
        Feed("updates", f"{site}: updates",
             f"Every update on incidents and maintenance of {settings.company}, one entry per update.",
             urls.history_path(), newest_updates(None)),
    ]
    for component in settings.components:
        feeds.append(Feed(
            f"components/{component.id}", f"{site}: {component.name}",
            f"Incidents and maintenance affecting {component.name}.",
            urls.component_path(component.id),
            newest([i for i in ranked if component.id in i.components]),
        ))
        feeds.append(Feed(
            f"updates/{component.id}", f"{site}: {component.name} updates",
            f"Every update on incidents and maintenance affecting {component.name}, one entry per update.",
            urls.component_path(component.id), newest_updates(component.id),
        ))
    return [Feed(f.name, f.title, f.description, f.home_path, sort_entries(f.entries)) for f in feeds]


# Material for MkDocs' language selector (setupAlternate in its bundle) fetches 'sitemap.xml' next to
# every <link rel="alternate"> on a page, feeds included: without a file there, each page view
# costs one 404 per feed folder. An empty sitemap answers those requests (cacheable, harmless: it
# maps no page to an alternate version).
EMPTY_SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def write_feeds(history: History, settings: Settings, site_dir: Path, now: datetime | None = None,
                reuse: dict | None = None) -> list[Path]:
    """Write every feed in all three formats under ``site_dir``; returns the files written.

    ``reuse`` (the preview's, for one mkdocs.yml): each feed's bytes from earlier builds, kept and
    reused while the feed (entries, dates, links) is the same, as rendering depends on nothing else.

    Raises ContentError when ``site_url`` is missing: feeds are read away from the site and need
    absolute links.
    """
    base = EntryBuilder(history, settings).base
    fallback = _newest_change(history)
    author = _author(settings, base)
    written: list[Path] = []
    items: dict[tuple[int, str], FeedGeneratorEntry] = {}  # feedgen's entries, shared by the feeds that list them
    renderers = (("rss", partial(_rss, items=items)), ("atom", partial(_atom, items=items)), ("json", _json_feed))
    for feed in build_feeds(history, settings, now):
        for kind, render in renderers:
            inputs = (feed, base, fallback, author)
            kept = reuse.get((feed.name, kind)) if reuse is not None else None
            if kept is not None and kept[0] == inputs:
                data = kept[1]
            else:
                data = render(feed, settings, base, fallback, author)
                if reuse is not None:
                    reuse[(feed.name, kind)] = (inputs, data)
            written.append(write_bytes(site_dir / urls.feed_path(feed.name, kind), data))
    for folder in sorted({path.parent for path in written}):
        write_bytes(folder / "sitemap.xml", EMPTY_SITEMAP)
    return written


def _author(settings: Settings, base: str) -> dict[str, str]:
    """RSS's <author> must be an e-mail address ('noreply@host (Name)'); mail tools such as
    rss2email send from it, so it is a no-reply address on the site's own host."""
    return {"name": settings.company, "email": f"noreply@{urlsplit(base).hostname}"}


def feed_links(settings: Settings, component_id: str | None = None) -> list[dict[str, str]]:
    """Feeds for ``<link rel="alternate">`` tags and the Subscribe page, with site-relative hrefs.

    Without ``component_id``: the updates, incidents and postmortems feeds; with it: that
    component's updates and incidents feeds.
    """
    if component_id is not None:
        component = settings.component(component_id)
        name = component.name if component else component_id
        groups = [(f"updates/{component_id}", f"{name} updates"), (f"components/{component_id}", name)]
    else:
        groups = [("updates", "Updates"), ("incidents", "Incidents"), ("postmortems", "Postmortems")]
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


def _generator(feed: Feed, settings: Settings, base: str, fallback: datetime, kind: str,
               author: dict[str, str], items: dict[tuple[int, str], FeedGeneratorEntry]) -> FeedGenerator:
    generator = FeedGenerator()
    # The self link first: feedgen gives RSS's <link> the last link set, which must be the page.
    generator.link(href=urls.absolute(base, urls.feed_path(feed.name, kind)), rel="self")
    generator.id(urls.absolute(base, urls.feed_path(feed.name, "atom")))
    generator.title(feed.title)
    generator.description(feed.description)
    generator.subtitle(feed.description)
    generator.link(href=urls.absolute(base, feed.home_path), rel="alternate")
    generator.author(author)
    generator.language(LANGUAGE)
    generator.generator(GENERATOR, uri=GENERATOR_URI)
    generator.updated(feed.entries[0].updated if feed.entries else fallback)
    for entry in feed.entries:
        # An incident is in the incidents feed and in each of its components': its feedgen entry is
        # made once per format (feedgen keeps no link from an entry to its feed; each feed serialises it).
        key = (id(entry), kind)  # the entries outlive every feed written with them (write_feeds)
        if key not in items:
            items[key] = _feedgen_entry(entry, kind, author)
        generator.add_entry(items[key], order="append")
    return generator


def _feedgen_entry(entry: FeedEntry, kind: str, author: dict[str, str]) -> FeedGeneratorEntry:
    item = FeedGeneratorEntry()
    item.id(entry.id)
    item.guid(entry.id, permalink=True)
    item.title(entry.title)
    item.link(href=entry.url, rel="alternate")
    # RSS has one date per item, and readers sort by it: the latest change, not the first.
    item.published(entry.updated if kind == "rss" else entry.published)
    item.updated(entry.updated)
    item.author(author)
    # A plain-text summary, escaped: RSS readers render <description> as HTML, so a writer's
    # literal "<svg onload=…>" must arrive as text.
    item.summary(html.escape(entry.summary, quote=False), type="html")
    item.content(entry.content_html, type="html")
    if entry.tags:  # one call: feedgen rebuilds its RSS categories from all the entry's on each call
        item.category([{"term": tag} for tag in entry.tags])
    return item


def _rss(feed: Feed, settings: Settings, base: str, fallback: datetime, author: dict[str, str],
         items: dict[tuple[int, str], FeedGeneratorEntry]) -> bytes:
    generator = _generator(feed, settings, base, fallback, "rss", author, items)
    return generator.rss_str(pretty=True)


def _atom(feed: Feed, settings: Settings, base: str, fallback: datetime, author: dict[str, str],
          items: dict[tuple[int, str], FeedGeneratorEntry]) -> bytes:
    generator = _generator(feed, settings, base, fallback, "atom", author, items)
    return generator.atom_str(pretty=True)


def _json_feed(feed: Feed, settings: Settings, base: str, fallback: datetime, author: dict[str, str]) -> bytes:
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": urls.absolute(base, feed.home_path),
        "feed_url": urls.absolute(base, urls.feed_path(feed.name, "json")),
        "description": feed.description,
        "language": LANGUAGE,
        "authors": [{"name": author["name"]}],
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
