"""Publishing for machines: feeds, the Statuspage-compatible JSON API and status badges.

The MkDocs hook calls these from ``on_post_build``; each returns the files it wrote.
"""

from .feeds import feed_links, write_feeds

__all__ = ["feed_links", "write_feeds"]
