"""Incident pages indexed for search without another HTML parse give Material's own entries, byte
for byte, and any difference sends every page back to Material's parser."""

from __future__ import annotations

from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin as material_search

from afterword.site import prerender, search_entries
from afterword.site.sanitize import sanitize_page_html
from test_prerender import _build, _files

# Update bodies with every construct the search parser treats specially: kept tags, code blocks
# (whitespace kept), entities, headings, raw HTML the sanitiser reshapes, empty paragraphs.
BODIES = [
    "We are looking into errors in the API & the web app. We will post the next update by 12:40 UTC.",
    "Steps we took:\n\n- restarted the *workers*\n- cleared the `queue <main>`\n\n1. one\n2. two",
    "```text\nline one\n\n    indented   line\n```\n\nAfter the block: a < b > c, \"quoted\", 'single' &amp; done.",
    "| Region | State |\n| --- | --- |\n| EU | fine |\n\n### A heading in an update\n\nText under it, H<sub>2</sub>O and x<sup>2</sup>.",
    "<p></p>\n\n<div><div>nested <b>bold</b> <iframe src=\"https://x.example\"></iframe></div></div>\n\n<!-- a comment -->\n\nSee [the docs](https://docs.lumen.example/a?b=1&c=2) or <https://lumen.example>.",
    "Line one  \nline two after a hard break, a\u00a0non-breaking space and an emoji \u2705.\n\n<p data-search-exclude>hidden from search</p>\n\nShown.",
]


def _incident(n: int, title: str, bodies: list[str]) -> str:
    updates = []
    for minute, (status, body) in enumerate(zip(["Resolved", "Monitoring", "Identified", "Investigating"] * 2, bodies)):
        updates.append(f"## {status} · 2025-06-{n:02d} 12:{50 - minute * 5:02d} UTC\n\n{body}\n")
    return f"---\ntitle: '{title}'\nimpact: minor\ncomponents: [api]\n---\n\n" + "\n".join(updates)


def _scratch_site(project):
    for n, bodies in enumerate([BODIES[:3], BODIES[3:], [BODIES[0]], BODIES[::-1], [BODIES[4], BODIES[0]]], start=1):
        title = ["Errors in API & <web> \"quoted\"", "Slow *PDFs* [x]", "Outage", "Every construct", "Raw HTML"][n - 1]
        (project / "incidents" / f"2025-06-{n:02d}-page.md").write_text(_incident(n, title.replace("'", "''"), bodies))
    config = project / "mkdocs.yml"
    # A search separator of its own and permalinks on headings (Material indexes the h1 around them).
    text = config.read_text().replace("  - search\n", "  - search:\n      separator: '[\\s\\-\\.]+'\n", 1).replace("permalink: false", "permalink: true", 1)
    assert "separator" in text and "permalink: true" in text
    config.write_text(text)
    return project


def _spy(monkeypatch) -> tuple[list, list]:
    """(the SearchEntries of each build, what drive() returned for each page it was given)"""
    searches, driven = [], []
    real_attach, real_drive = search_entries.SearchEntries.attach, search_entries.drive
    monkeypatch.setattr(search_entries.SearchEntries, "attach", lambda self, plugins: searches.append(self) or real_attach(self, plugins))
    monkeypatch.setattr(search_entries, "drive", lambda *args: driven.append(real_drive(*args)) or driven[-1])
    return searches, driven


def test_scratch_project_indexes_identically_both_ways(scratch_project, tmp_path, monkeypatch):
    project = _scratch_site(scratch_project)
    searches, driven = _spy(monkeypatch)
    monkeypatch.setattr(prerender, "ANCHOR_PROOFS", 10**6)
    _build(project, tmp_path / "fast", True, monkeypatch)
    assert len(driven) == 5 and all(tags is not None for tags in driven)  # every page indexed without html.parser
    assert {"pre", "code", "ul", "ol", "li", "table", "sub", "sup"} <= set().union(*driven)
    assert not searches[-1].differ and searches[-1].proven >= search_entries.PROOFS
    _build(project, tmp_path / "slow", False, monkeypatch)
    fast, slow = _files(tmp_path / "fast"), _files(tmp_path / "slow")
    assert fast.keys() == slow.keys()
    assert [name for name in fast if fast[name] != slow[name]] == []
    assert b'"separator":"[\\\\s\\\\-\\\\.]+"' in fast["search/search_index.json"]


def test_entries_that_differ_send_every_page_to_material(scratch_project, tmp_path, monkeypatch):
    """Another parser (a newer Material, its insiders edition, a plugin) that reads the HTML differently."""
    project = _scratch_site(scratch_project)
    real_feed = material_search.Parser.feed
    monkeypatch.setattr(material_search.Parser, "feed", lambda self, data: real_feed(self, data.replace("<p>", "<p>Changed ")))
    searches, driven = _spy(monkeypatch)
    _build(project, tmp_path / "fast", True, monkeypatch)
    assert searches[-1].differ and len(driven) == 1  # the first page differed: no page after it was driven
    _build(project, tmp_path / "slow", False, monkeypatch)
    index = (tmp_path / "fast" / "search" / "search_index.json").read_bytes()
    assert b"Changed " in index and index == (tmp_path / "slow" / "search" / "search_index.json").read_bytes()


@pytest.mark.parametrize("html", [
    '<h1 id="t">Title &amp; <code>x</code><a class="headerlink" href="#t" title="Permanent link">¶</a></h1>\n<p>a</p>',
    '<h1 id="t">T</h1>\n<div data-search-exclude=""><p>hidden</p></div>\n<p>shown</p>\n\n<p> </p>\n<p></p>',
    '<p>before</p><div data-search-exclude=""><div>inner</div>after inner</div><p>end</p>',  # Material's skip compares tags by name
    '<p>a</p><div data-search-exclude=""><h2 id="x">heading</h2>text</div><p>b</p>',
    '<h1 id="t">T</h1><pre><code>a\n\n   b  </code></pre>\n<p>x\ny &lt;z&gt; &quot;q&quot; &nbsp;</p><br><img src="a.png" alt="&amp;">',
    '<ul>\n<li>one</li>\n<li><p>two</p>\n</li>\n</ul>\n<table><tbody><tr><td class="linenodiv">1</td><td>code</td></tr></tbody></table>',
    '<div><h2 id="a">A</h2><p>x</p></div><p>after the nested heading</p><h3 id="b">B</h3><p data-search-exclude="">y</p>z',
])
def test_drive_gives_what_html_parser_gives(html):
    assert _sections(html, fast=True) == _sections(html, fast=False)


@pytest.mark.parametrize("html", [
    "<p>a <!-- comment --> b</p>", "<p class='single'>a</p>", "<P>upper</P>", "<p>a < b</p>",
    "<script>var a = '<p>';</script>", "<br/>", '<p title="a>b">x</p>',
])
def test_drive_refuses_what_it_cannot_read_like_html_parser(html):
    assert search_entries.drive(material_search.Parser(), html, frozenset(material_search.void)) is None


def test_generated_anchors_that_differ_from_the_scan_are_dropped_for_every_page():
    pages = prerender.FastPages(None, {"incidents/a.md", "incidents/b.md"}, {"incidents/a.md": frozenset({"update-1"}), "incidents/b.md": frozenset({"update-2"})})
    page = SimpleNamespace(file=SimpleNamespace(src_uri="incidents/b.md"), markdown='<div id="update-2">\n</div>\n')
    assert pages.block_anchors(page, False) == {"update-2"} and pages.anchors_proven == 1
    page.file.src_uri, page.markdown = "incidents/a.md", '<div id="update-1">\n<p id="other">x</p>\n</div>\n'
    assert pages.block_anchors(page, False) == {"update-1", "other"} and pages.anchors_differ  # the scan found more
    page.file.src_uri, page.markdown = "incidents/b.md", '<div id="update-2">\n<a name="late">x</a>\n</div>\n'
    assert pages.block_anchors(page, False) == {"update-2", "late"} and pages.anchors_proven == 1  # scanned from now on


def _sections(html: str, fast: bool) -> list:
    parser = material_search.Parser()
    if fast:
        assert search_entries.drive(parser, html, frozenset(material_search.void)) is not None
    else:
        HTMLParser.feed(parser, html)
        parser.close()
    return _read(parser)


def _read(parser) -> list:
    return [(repr(section), section.title, section.text, section.is_excluded()) for section in parser.data]


# Random HTML as the page sanitiser writes it: what drive() reads must come out as html.parser's.
TEXT = st.lists(st.sampled_from(list("ab \n\t.&<>\"'\u00a0\u00e9") + ["&amp;", "&lt;", "&quot;", "&nbsp;", "\n\n"]), max_size=8).map("".join)
ATTRIBUTES = st.lists(st.sampled_from(['id="x"', 'id="y"', 'class="linenodiv"', 'class="headerlink"', "data-search-exclude", 'href="?a=1&amp;b=2"', 'title="&lt;q&gt;"', "open"]), max_size=3, unique=True)
TAGS = ["p", "div", "span", "a", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "strong", "sub", "sup", "details", "table", "tr", "td", "br", "img", "hr", "script"]


def _tree(depth: int = 3):
    leaf = TEXT
    if depth == 0:
        return leaf
    child = _tree(depth - 1)
    element = st.builds(lambda tag, attributes, children: f"<{' '.join([tag, *attributes])}>{''.join(children)}</{tag}>", st.sampled_from(TAGS), ATTRIBUTES, st.lists(child, max_size=4))
    return st.one_of(leaf, element)


@settings(max_examples=300, deadline=None)
@given(st.lists(_tree(), min_size=1, max_size=5).map("".join))
def test_drive_reads_sanitised_html_as_html_parser_does(raw):
    for html in (sanitize_page_html(raw), raw):
        parser = material_search.Parser()
        try:
            fast = _read(parser) if search_entries.drive(parser, html, frozenset(material_search.void)) is not None else None
        except ValueError as error:  # Material's own parser fails on some nestings, html.parser fed or not
            fast = repr(error)
        if fast is not None:
            try:
                slow = _sections(html, fast=False)
            except ValueError as error:
                slow = repr(error)
            assert fast == slow, html
