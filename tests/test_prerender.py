"""Incident pages rendered without the full Markdown pass, in a theme page rendered once and
filled in, and indexed for search without another HTML parse, are byte-identical to what MkDocs,
Markdown, Jinja and Material's search produce for them."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from afterword.demo import generate, write_site
from afterword.site import chrome, prerender, search_entries

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-23 10:00 UTC"

# Update bodies and titles that give Markdown something to do: the fast path must still agree.
TRICKY = """---
title: 'Errors in API \\\\ {n} "quoted" & [x] *y* #'
impact: minor
components: [{component}]
---

## Resolved · 2025-06-0{n} 12:40 UTC

Fixed. Steps we took:

- restarted the workers
- cleared the queue

```text
line one

line three
```

| Region | State |
| --- | --- |
| EU | fine |

<div><div>nested <iframe src="https://x.example"></iframe></div></div>

If you still see errors, contact our support team.

## Investigating · 2025-06-0{n} 12:10 UTC

We are looking into errors in the API. We will post the next update by 12:40 UTC.
"""


def _build(project: Path, out: Path, fast: bool, monkeypatch) -> None:
    with monkeypatch.context() as patch:
        patch.setenv("AFTERWORD_NOW", NOW)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.chdir(project)
        if not fast:
            patch.setattr(prerender.FastPages, "prepare", lambda self, page: page)
            patch.setattr(prerender.FastPages, "wrap_env", lambda self, env: env)
            patch.setattr(prerender.FastPages, "wrap_search", lambda self, plugins: None)
        for name in [n for n in sys.modules if n.startswith("afterword_hooks")]:
            patch.delitem(sys.modules, name)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(out), strict=True))


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _demo(tmp_path: Path) -> Path:
    project = tmp_path / "demo"
    site = write_site(generate(60, 6, seed=9), project)
    component = site.components[0].id
    for n in range(1, 4):
        path = project / "incidents" / "2025" / f"2025-06-0{n}-tricky.md"
        path.write_text(TRICKY.replace("{n}", str(n)).replace("{component}", component))
    return project


def _project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "site", "tests", "bench-results", ".afterword-cache", "*.egg-info", "__pycache__"))
    return project


@pytest.mark.parametrize("make_project", [_demo, _project_copy], ids=["demo", "this-project"])
def test_fast_incident_pages_are_byte_identical(make_project, tmp_path, monkeypatch):
    project = make_project(tmp_path)
    used, filled, indexed, fast_pages, searches = [], [], [], [], []
    real, real_fill, real_drive = prerender.FastPages.render, chrome._fill, search_entries.drive
    real_anchors, real_attach = prerender.FastPages.block_anchors, search_entries.SearchEntries.attach
    monkeypatch.setattr(prerender.FastPages, "render", lambda self, page, chunks, **kw: used.append(page.file.src_uri) or real(self, page, chunks, **kw))
    monkeypatch.setattr(chrome, "_fill", lambda parts, values: filled.append(1) or real_fill(parts, values))
    monkeypatch.setattr(search_entries, "drive", lambda *args: indexed.append(1) or real_drive(*args))
    monkeypatch.setattr(prerender.FastPages, "block_anchors", lambda self, *args: fast_pages.append(self) or real_anchors(self, *args))
    monkeypatch.setattr(search_entries.SearchEntries, "attach", lambda self, plugins: searches.append(self) or real_attach(self, plugins))
    monkeypatch.setattr(prerender, "ANCHOR_PROOFS", 10**6)  # every page's generated anchors checked against MkDocs' scan
    _build(project, tmp_path / "fast", True, monkeypatch)
    assert len(filled) >= len(used) - 1  # every incident page but the first had the theme filled in
    assert len(used) >= len(list((project / "incidents").rglob("*.md"))) // 2  # the fast path was taken
    assert not fast_pages[-1].anchors_differ and fast_pages[-1].anchors_proven == len(used)
    assert len(indexed) >= len(used) and not searches[-1].differ and searches[-1].proven >= search_entries.PROOFS
    if make_project is _demo:
        assert sum("tricky" in uri for uri in used) == 3
    _build(project, tmp_path / "slow", False, monkeypatch)
    fast, slow = _files(tmp_path / "fast"), _files(tmp_path / "slow")
    assert fast.keys() == slow.keys()
    assert [name for name in fast if fast[name] != slow[name]] == []


def test_unexpected_markdown_is_left_to_mkdocs():
    assert prerender.split_chunks("# Title\n\n<div markdown=\"0\">\n<p>a</p>\n\n</div>\n") == [("heading", "# Title"), ("raw", '<div markdown="0">\n<p>a</p>\n\n</div>')]
    assert prerender.split_chunks("# Title\n\nSome *prose*.\n") is None
    assert prerender.split_chunks('# Title\n\n<p id="x">a</p>\n') == [("heading", "# Title"), ("raw", '<p id="x">a</p>')]  # its anchor is recorded as MkDocs does
    assert prerender.split_chunks('# Title\n\n<div markdown="0">\n<div>\n</div>\n') is None  # not closed
    assert prerender.split_chunks("# AFTERWORDRAWBLOCK0END\n") is None  # would be taken for a placeholder


def test_a_theme_that_puts_more_on_each_page_is_rendered_by_jinja():
    pages = chrome.Chrome({"incidents/a.md", "incidents/b.md"})
    template = _Template("<title>{title}</title><a href=\"#{anchor}\"></a><link href=\"{canonical}\"><meta content=\"{description}\">{content}<p>{extra}</p>")
    names = ("a", "b") * chrome.CUTS
    outputs = [pages.render(template, {"page": _Page(name)}) for name in names]
    assert outputs == [template.render({"page": _Page(name)}) for name in names]
    assert pages.failed  # 'extra' differs between pages: every cut fails its proof, the shared page is never used


def test_a_page_whose_title_is_in_the_banner_is_cut_again():
    pages = chrome.Chrome({f"incidents/{name}.md" for name in "abcde"})
    # Page a is open: its title is in the banner on every page, so a cut at a is wrong for the others.
    template = _Template("<p>Open: Title a</p><title>{title}</title><a href=\"#{anchor}\"></a><link href=\"{canonical}\"><meta content=\"{description}\">{content}")
    names = "abcde"
    outputs = [pages.render(template, {"page": _Page(name)}) for name in names]
    assert outputs == [template.render({"page": _Page(name)}) for name in names]
    assert not pages.failed and pages.cuts == 2


class _Template:
    def __init__(self, text):
        self.text = text

    def render(self, context):
        page = context["page"]
        return self.text.format(title=page.title, anchor=page.toc[0].id, canonical=page.canonical_url, description=page.meta["description"], content=page.content, extra=page.file.src_uri)


class _Page:
    def __init__(self, name):
        self.file = type("F", (), {"src_uri": f"incidents/{name}.md"})()
        self.toc = [type("T", (), {"id": f"anchor-{name}", "children": []})()]
        self.content, self.canonical_url, self.title = f"<h1>{name}</h1>", f"https://x.example/{name}/", f"Title {name}"
        self.meta = {"description": f"About {name}"}
