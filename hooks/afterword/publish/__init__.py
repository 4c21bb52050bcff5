"""Publishing for machines: feeds, the Statuspage-compatible JSON API and status badges.

The MkDocs hook calls these from ``on_post_build``; each returns the files it wrote:

    write_feeds(history, settings, site_dir, now)   -> feeds/*.rss|atom|json (incidents, updates, …)
    write_calendars(history, settings, site_dir, now) -> feeds/maintenance.ics, feeds/maintenance/<id>.ics
    write_api(history, settings, site_dir, now)     -> api/v2/**.json
    write_badges(history, settings, site_dir, now)  -> badge.svg, badges/<id>.svg

``feed_links(settings)`` lists the feeds for ``<link rel="alternate">`` tags and the Subscribe page.
"""

from .api import write_api
from .badges import write_badges
from .calendar import calendar_path, write_calendars
from .feeds import feed_links, write_feeds

__all__ = ["calendar_path", "feed_links", "write_api", "write_badges", "write_calendars", "write_feeds"]
