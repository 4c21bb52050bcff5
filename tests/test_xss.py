"""Unsafe content never reaches a reader: known XSS payloads in every writer-controlled field, built
for real, and every output file (pages, search index, feeds, API) scanned with an HTML parser.
Also: external links get rel="noopener", and no page loads anything from another host."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from afterword.secrets import scan_text
from project_paths import REPO
from trust_support import ROOT, copy_site_sources, example_site, run_build

PAYLOADS_FILE = REPO / "tests" / "data" / "xss_payloads.txt"
SITE_URL = "https://status.lumen.example/"
SITE_HOST = urlsplit(SITE_URL).hostname

# The theme's own scripts, listed explicitly. External ones: same-site files under assets/ only.
ALLOWED_SCRIPT_SOURCES = re.compile(r"^(?:/|(?:\.\./)*)assets/(?:javascripts/bundle\.[0-9a-f]{8}\.min\.js|localtime\.js)$")
# Inline ones: Material's bootstrap snippets (local-storage helpers, palette restore, tab anchors)
# and its JSON configuration, recognised by how they begin.
ALLOWED_INLINE_SCRIPTS = (
    "__md_scope=new URL(",
    'var palette=__md_get("__palette")',
    "var target=document.getElementById(location.hash.slice(1))",
)
# Always unsafe in a page body. (The theme's own search <form>, <input>s and <meta> tags are fine;
# what would make them unsafe, script URLs and handlers, is checked on every element.)
DANGEROUS_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "lowsrc", "dynsrc", "srcset", "codebase", "cite"}
_SAFE_DATA = re.compile(r"^data:image/(?:png|gif|jpe?g|webp|svg\+xml)[;,]")


def payloads() -> list[str]:
    lines = PAYLOADS_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Source:"), "the payload list says where it comes from"
    return [line for line in lines if line.strip() and not line.startswith("#")]


def _normalised_url(value: str) -> str:
    """A URL as a browser's URL parser reads its scheme: entities decoded, leading and trailing
    control characters and spaces trimmed, tabs and newlines removed anywhere (WHATWG URL)."""
    url = re.sub(r"[\t\n\r]", "", unescape(value)).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    return url.lower().lstrip("`'\"")  # old IE read backticks as quotes


@dataclass
class Finding:
    where: str
    what: str


class UnsafeMarkupScanner(HTMLParser):
    """Collects every element, attribute or URL in a document that could run code."""

    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.findings: list[Finding] = []
        self._script: dict | None = None
        self._style: str | None = None

    def flag(self, what: str) -> None:
        self.findings.append(Finding(self.where, what))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self._script = {"attrs": attributes, "text": ""}
        elif tag in DANGEROUS_ELEMENTS:
            self.flag(f"<{tag}> element")
        elif tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.flag("<meta http-equiv=refresh>")
        elif tag == "style":
            self._style = ""
        for name, value in attrs:
            if name.startswith("on"):
                self.flag(f"<{tag} {name}=…> event handler")
            if value is None:
                continue
            refresh = tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh"
            if name in URL_ATTRIBUTES or (refresh and name == "content"):
                url = _normalised_url(value)
                for candidate in url.replace("url=", " ").split() if tag == "meta" else [url]:
                    if candidate.startswith(("javascript:", "vbscript:", "livescript:")) or (candidate.startswith("data:") and not _SAFE_DATA.match(candidate)):
                        self.flag(f"<{tag} {name}={value[:40]!r}> script or data URL")
                if name == "srcset" and "javascript:" in url:
                    self.flag(f"<{tag} srcset> script URL")
            if name == "style" and re.search(r"javascript:|expression\(|url\(", _normalised_url(value)):
                self.flag(f"<{tag} style={value[:40]!r}> active style")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data
        if self._style is not None:
            self._style += data

    def handle_endtag(self, tag):
        if tag == "style" and self._style is not None:
            if re.search(r"javascript:|expression\(|@import|behavior:", _normalised_url(self._style)):
                self.flag(f"<style>{self._style[:40]!r}")
            self._style = None
        if tag == "script" and self._script is not None:
            self._check_script(self._script["attrs"], self._script["text"])
            self._script = None

    def _check_script(self, attributes: dict, text: str) -> None:
        source = attributes.get("src")
        if source is not None:
            if not ALLOWED_SCRIPT_SOURCES.match(source) or text.strip():
                self.flag(f"<script src={source!r}>")
        elif attributes.get("type") == "application/json" and attributes.get("id") == "__config":
            json.loads(text)  # data, not code: it must stay valid JSON
        elif not text.startswith(ALLOWED_INLINE_SCRIPTS) or "XSS" in text:
            self.flag(f"inline <script>{text[:40]!r}")


def scan_fragment(markup: str, where: str) -> list[Finding]:
    scanner = UnsafeMarkupScanner(where)
    scanner.feed(markup)
    if scanner._style is not None:  # Python's parser keeps an unclosed <style>'s text back: take it
        scanner._style += scanner.rawdata
    scanner.close()
    if scanner._script is not None:  # an unclosed script still runs
        scanner.flag("unclosed <script>")
    if scanner._style is not None and "<" in scanner._style:
        # Python's parser reads an unclosed <style> as raw text; inside <math>/<svg> a browser
        # parses it as markup (mutation XSS), so its content is scanned as markup too.
        scanner.findings += scan_fragment(scanner._style, where)
    # A tag the parser gave up on (unclosed at the end) is still a tag to a forgiving browser.
    for match in _RAW_FRAME.finditer(markup):
        scanner.flag(f"raw {match.group(0)!r}")
    return scanner.findings


_RAW_FRAME = re.compile(r"<\s*(?:iframe|frame|object|embed|applet)\b", re.IGNORECASE)


# Fields whose contract is plain text (Statuspage API v2 names and bodies; JSON Feed title,
# summary, content_text). A writer's literal text such as "<b>" is correct there and is the
# consumer's to escape; every other string in a JSON file is scanned as HTML (the search index's
# title and text, JSON Feed content_html), as are all feed XML texts but Atom type="text" ones.
PLAIN_TEXT_JSON_KEYS = {"name", "body", "content_text", "summary", "title", "description"}
HTML_JSON_FILES = ("search/search_index.json",)  # Material renders every string here as HTML


def _json_fields(value, key: str = ""):
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for child_key, item in value.items():
            yield from _json_fields(item, child_key)
    elif isinstance(value, list):
        for item in value:
            yield from _json_fields(item, key)


def scan_output_file(path: Path, site: Path) -> list[Finding]:
    """Every output file parsed as what it is, and every string in it that a consumer renders as
    HTML parsed as HTML."""
    where = path.relative_to(site).as_posix()
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        return scan_fragment(text, where)
    if path.suffix == ".json":
        every_string_is_html = where in HTML_JSON_FILES
        return [f for key, s in _json_fields(json.loads(text)) if every_string_is_html or key not in PLAIN_TEXT_JSON_KEYS for f in scan_fragment(s, f"{where} ({key})")]
    if path.suffix in (".xml", ".rss", ".atom", ".svg"):
        root = ET.fromstring(text)
        findings = []
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            for value in element.attrib.values():
                findings += scan_fragment(value, f"{where} ({tag}@)")
            atom_text = element.tag.startswith("{http://www.w3.org/2005/Atom}") and element.get("type", "text") == "text"
            rss_text = path.suffix == ".rss" and tag == "title"  # plain text (RSS Best Practices Profile)
            if element.text and not (atom_text or rss_text):  # RSS <description> is read as HTML
                findings += scan_fragment(element.text, f"{where} ({tag})")
        if path.suffix == ".svg":  # an SVG is a document a browser runs scripts in
            findings += scan_fragment(text, where)
        return findings
    return []


def output_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml", ".rss", ".atom", ".svg") and "assets" not in p.relative_to(site).parts)


# --- the payload site ---------------------------------------------------------------------------

# Plain-text fields (titles, summaries, follow-ups, timeline entries) are escaped in every output,
# so both tags and attribute break-outs (quotes, handlers, script URLs) must stay inert text.
TITLE_PAYLOAD = "Card payments failing <script>alert('XSS')</script><img src=x onerror=alert('XSS')> \" onmouseover=\"alert('XSS')\" ' onfocus='alert(1)' &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
SUMMARY_PAYLOAD = "Card payments failed. \"><svg onload=alert('XSS')> ' onload=\"alert('XSS')\" JavaScript:alert(1) stays text."
EXTERNAL_LINK = "https://status.provider.example/"


def _front(data: dict) -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n"


def _published_as_is(payload: str) -> str:
    """A payload line, with the markers that let it through the *other* checks, which would
    rightly stop it before the sanitiser is reached: base64 blobs look like keys to the secret scan."""
    if next(scan_text(payload), None) is not None:
        return f"{payload} <!-- pragma: allowlist secret -->"
    return payload


def payload_project(target: Path) -> Path:
    project = copy_site_sources(target)
    items = [_published_as_is(p) for p in payloads()]
    size = -(-len(items) // 3)
    thirds = [items[size * 2:], items[size:size * 2], items[:size]]  # the newest update, shown first, gets the first payloads
    # Open at build time, so its title is in the banner on every page.
    incident = _front({"title": TITLE_PAYLOAD, "impact": "major", "components": ["payments"], "started": "2026-11-23 08:41 UTC"})
    for (status, time), chunk in zip([("Investigating", "08:50"), ("Identified", "09:05"), ("Monitoring", "09:45")], thirds):
        words = f"We are sorry for the disruption. Card payments are failing for some customers. See [our provider's status]({EXTERNAL_LINK}). We will post the next update by 10:30 UTC.\n\n"
        incident += f"\n## {status} · 2026-11-23 {time} UTC\n\n" + words + _style_off("\n\n".join(chunk))
    (project / "incidents" / "2026").mkdir(parents=True)
    (project / "incidents" / "2026" / "xss.md").write_text(incident, encoding="utf-8")
    postmortem = _front({
        "title": TITLE_PAYLOAD.replace("failing", "failed"),
        "incident": "xss",
        "published": "2026-11-23 09:55 UTC",
        "summary": SUMMARY_PAYLOAD,
        "follow_ups": [{"title": "Test releases \" onclick=\"alert('XSS')\" <img src=x onerror=alert('XSS')>", "status": "planned"}],
        "timeline": [{"at": "2026-11-23 08:41 UTC", "text": "Impact began ' onmouseover='alert(1)' <script>alert('XSS')</script>"}],
    })
    postmortem += "\n## What happened\n\n" + _style_off("\n\n".join(items))
    postmortem += "\n## Impact on customers\n\nCard payments failed for 25 minutes. No customer data was lost. We are sorry for the disruption this caused.\n\n## What we are changing\n\nWe test releases first.\n"
    # Markup makes any text read as hard: the hard reading-grade limit is off for this project only.
    (project / "styleguide" / "styles" / "Afterword" / "ReadingGradeLimit.yml").unlink()
    (project / "postmortems" / "xss.md").write_text(postmortem, encoding="utf-8")
    return project


def _style_off(markdown: str) -> str:
    """Payloads are not prose: the style guide (Vale comments) would rightly reject their spelling."""
    return f"<!-- vale off -->\n\n{markdown}\n\n<!-- vale on -->\n"


@pytest.fixture(scope="module")
def payload_build(tmp_path_factory) -> tuple[Path, str]:
    base = tmp_path_factory.mktemp("xss")
    project = payload_project(base / "project")
    out = base / "site"
    result = run_build(project, out)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert (out / "incidents" / "xss" / "index.html").is_file() and (out / "postmortems" / "xss" / "index.html").is_file()
    return out, result.stdout + result.stderr


@pytest.fixture(scope="module")
def payload_site(payload_build) -> Path:
    return payload_build[0]


@pytest.fixture(scope="module")
def payload_build_output(payload_build) -> str:
    return payload_build[1]


def test_the_payload_list_is_large_and_sourced():
    assert len(payloads()) >= 25


def test_the_scanner_catches_every_payload_when_nothing_sanitises():
    """The scanner is the test's eyes: unsanitised, every HTML payload must be caught."""
    missed = [p for p in payloads() if p.startswith("<") and not p.startswith("<javascript:") and not scan_fragment(p, "raw")]
    assert missed == []


def test_no_output_file_contains_anything_that_runs(payload_site):
    files = output_files(payload_site)
    kinds = {p.suffix for p in files}
    assert {".html", ".json", ".xml"} <= kinds and any("feeds" in p.parts for p in files) and any("api" in p.parts for p in files)
    assert any("search_index.json" == p.name for p in files)
    findings = [f for path in files for f in scan_output_file(path, payload_site) if not _rss_description(f)]
    assert findings == [], "\n".join(f"{f.where}: {f.what}" for f in findings[:40])


def _rss_description(finding: Finding) -> bool:
    return finding.where.endswith(".rss (description)")


def test_rss_descriptions_carry_no_markup(payload_site):
    findings = [f for path in output_files(payload_site) if path.suffix == ".rss" for f in scan_output_file(path, payload_site) if _rss_description(f)]
    assert findings == [], "\n".join(f"{f.where}: {f.what}" for f in findings[:10])


def test_payload_text_was_published_as_text_not_dropped_wholesale(payload_site):
    """The sanitiser keeps what readers should see: text and link texts before the payloads that
    (like an unclosed <iframe or <script) swallow what follows them, in a browser as in nh3."""
    page = (payload_site / "postmortems" / "xss" / "index.html").read_text()
    assert "xxs link" in page and "Card payments failed." in page
    incident = (payload_site / "incidents" / "xss" / "index.html").read_text()
    assert "Card payments are failing for some customers." in incident
    assert "Card payments failing" in incident
    banner = (payload_site / "index.html").read_text()
    assert 'class="aw-banner"' in banner and "Card payments failing &lt;script&gt;" in banner  # escaped text


def test_markup_in_plain_text_fields_is_a_warning_at_its_line(payload_build_output):
    """Tags in titles, summaries, follow-ups and timeline entries are shown as typed (escaped, as the
    scan above proves); the writer is told where, since that is rarely what they meant."""
    found = set(re.findall(r"(\S+\.md:\d+):\d+: \[afterword\.plain-text\]", payload_build_output))
    # incident title; postmortem title, summary, follow-up item, timeline item
    assert found == {"incidents/2026/xss.md:2", "postmortems/xss.md:2", "postmortems/xss.md:6", "postmortems/xss.md:9", "postmortems/xss.md:13"}


def test_one_updates_broken_html_does_not_hide_the_other_updates(tmp_path):
    project = payload_project(tmp_path / "project")
    incident = project / "incidents" / "2026" / "xss.md"
    text = incident.read_text()
    head = text[: text.index("\n## ")]
    head += "\n## Investigating · 2026-11-23 08:50 UTC\n\nWe are sorry for the disruption. The older update stays readable.\n"
    head += "\n## Identified · 2026-11-23 09:05 UTC\n\nWe found the cause. We will post the next update by 10:30 UTC.\n\n<iframe src=https://example.org/ <\n"
    incident.write_text(head)
    out = tmp_path / "site"
    assert run_build(project, out).returncode == 0
    assert "The older update stays readable." in (out / "incidents" / "xss" / "index.html").read_text()


def test_the_example_site_is_clean_too(tmp_path_factory):
    site = example_site(tmp_path_factory)
    findings = [f for path in output_files(site) for f in scan_output_file(path, site)]
    assert findings == [], "\n".join(f"{f.where}: {f.what}" for f in findings[:40])


# --- links and third-party requests ------------------------------------------------------------

class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors: list[dict] = []
        self.loads: list[tuple[str, str]] = []  # (tag.attribute, url) fetched when the page is viewed
        self.inline_styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.anchors.append(attributes)
        if tag == "link" and attributes.get("href") and not {"alternate", "canonical"} & set((attributes.get("rel") or "").split()):
            self.loads.append(("link.href", attributes["href"]))
        for name in ("src", "srcset", "poster", "data"):
            if attributes.get(name) and tag != "a":
                self.loads.append((f"{tag}.{name}", attributes[name]))
        if attributes.get("style"):
            self.inline_styles.append(attributes["style"])
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._in_style:
            self.inline_styles.append(data)

    def handle_endtag(self, tag):
        self._in_style = False


_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)


def css_urls(css: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in _CSS_URL.finditer(css)]


def is_same_site(url: str, page_url: str) -> bool:
    if url.startswith(("data:", "#")) or url == "":
        return True
    absolute = urljoin(page_url, url)
    return urlsplit(absolute).hostname == SITE_HOST


def _page_url(site: Path, page: Path) -> str:
    return urljoin(SITE_URL, page.relative_to(site).as_posix())


def external_anchors(site: Path) -> list[tuple[str, str, str]]:
    """(page, href, rel) of every <a href="http…"> to another host."""
    external = []
    for page in site.rglob("*.html"):
        collector = LinkCollector()
        collector.feed(page.read_text())
        for anchor in collector.anchors:
            href = anchor["href"]
            if urlsplit(href).scheme in ("http", "https") and not is_same_site(href, _page_url(site, page)):
                external.append((page.relative_to(site).as_posix(), href, anchor.get("rel") or ""))
    return external


def test_external_links_get_rel_noopener(tmp_path_factory, payload_site):
    # The example content may have no external link at all; the payload site has several.
    external = external_anchors(example_site(tmp_path_factory)) + external_anchors(payload_site)
    assert any(href == EXTERNAL_LINK for _, href, _ in external)
    missing = [(page, href) for page, href, rel in external if "noopener" not in rel.split()]
    assert missing == [], missing[:20]


def test_no_page_loads_anything_from_another_host(tmp_path_factory):
    site = example_site(tmp_path_factory)
    loads: list[tuple[str, str, str]] = []
    for page in site.rglob("*.html"):
        collector = LinkCollector()
        collector.feed(page.read_text())
        page_url = _page_url(site, page)
        loads += [(page.relative_to(site).as_posix(), what, url) for what, url in collector.loads]
        loads += [(page.relative_to(site).as_posix(), "style url()", url) for style in collector.inline_styles for url in css_urls(style)]
    for css in site.rglob("*.css"):
        css_url = _page_url(site, css)
        loads += [(css.relative_to(site).as_posix(), "css url()", urljoin(css_url, url)) for url in css_urls(css.read_text(errors="replace"))]
    assert any(what == "script.src" for _, what, _ in loads) and any(what == "css url()" for _, what, _ in loads)
    third_party = [(where, what, url) for where, what, url in loads if not is_same_site(url, urljoin(SITE_URL, where))]
    assert third_party == [], third_party[:20]
