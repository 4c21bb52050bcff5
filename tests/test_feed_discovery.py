"""Feed discovery in a real `mkdocs build`: right links on 404.html, component pages advertise their
own feeds, and no feed folder leaves Material's sitemap request (one per rel=alternate) a 404."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from publish_helpers import write_incident


def test_feed_links_on_404_and_component_pages(scratch_project):
    write_incident(scratch_project, "2025-06-01-api", [("Investigating", "2025-06-01 10:00 UTC", "Some API calls fail. We are on it.")],
                   components=("api",))
    out = scratch_project / "site"
    env = {**os.environ, "AFTERWORD_NOW": "2025-06-01 10:20 UTC"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(scratch_project / "mkdocs.yml"),
                             "-d", str(out)], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]

    def alternates(page: str) -> list[str]:
        return re.findall(r'<link rel="alternate" type="[^"]+" title="[^"]*" href="([^"]+)"', (out / page).read_text())

    not_found = alternates("404.html")
    assert "/feeds/updates.rss" in not_found and not any(href.startswith("//") for href in not_found)
    banner = re.findall(r'class="aw-banner".*?href="([^"]+)"', (out / "404.html").read_text(), re.S)
    assert banner and not banner[0].startswith("//")
    component = alternates("components/api/index.html")
    assert component[:2] == ["../../feeds/updates/api.rss", "../../feeds/updates/api.atom"]
    assert "../../feeds/components/api.rss" in component and "../../feeds/updates.rss" in component
    assert not any("components/" in href for href in alternates("index.html"))
    # Material's language selector fetches sitemap.xml beside every alternate link: it exists.
    for href in set(alternates("components/api/index.html")):
        folder = (out / "components" / "api" / href).resolve().parent
        assert (folder / "sitemap.xml").is_file(), folder
    assert (out / "feeds" / "maintenance.ics").is_file()
