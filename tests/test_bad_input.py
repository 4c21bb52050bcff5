"""Bad input: a clear `path:line` error, quickly, nothing published, and no file lost.

The corpus is tests/data/bad/ (see its README); pathological files too big to commit are generated.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from afterword.loader import load_history
from afterword.settings import Settings, load_settings
from trust_support import BAD_CORPUS, ROOT, copy_site_sources, corpus_files, example_site, run_build

# Corpus file -> (rule, line) of the problem it must give. Files not listed here fail the test,
# so a new corpus file needs an expectation.
EXPECTED = {
    "incidents/2026/alias-bomb.md": ("afterword.yaml", 6),
    "incidents/2026/deeply-nested-block.md": ("afterword.yaml", 18),
    "incidents/2026/deeply-nested.md": ("afterword.yaml", 5),
    "incidents/2026/empty.md": ("afterword.frontmatter", 1),
    "incidents/2026/file name with spaces.md": ("afterword.id", 1),
    "incidents/2026/front-matter-is-a-list.md": ("afterword.yaml", 2),
    "incidents/2026/front-matter-not-closed.md": ("afterword.frontmatter", 1),
    "incidents/2026/impossible-date.md": ("afterword.timestamp", 5),
    "incidents/2026/incident-café-ünïcode.md": ("afterword.id", 1),
    "incidents/2026/invalid-utf8.md": ("afterword.encoding", 2),
    "incidents/2026/malformed-yaml.md": ("afterword.yaml", 5),
    "incidents/2026/no-updates.md": ("afterword.update-heading", 7),
    "incidents/2026/notes.txt": ("afterword.file", 1),
    "incidents/2026/nul-bytes.md": ("afterword.encoding", 1),
    "incidents/2026/only-whitespace.md": ("afterword.frontmatter", 1),
    "incidents/2026/python-tag.md": ("afterword.yaml", 2),
    "incidents/2026/tab-indented-yaml.md": ("afterword.yaml", 5),
    "incidents/2026/timestamp-without-zone.md": ("afterword.timestamp", 8),
    "incidents/2026/unknown-component.md": ("afterword.component", 4),
    "incidents/2026/unknown-impact.md": ("afterword.schema", 3),
    "incidents/2026/unknown-status.md": ("afterword.status", 8),
    "incidents/2026/wrong-type-components.md": ("afterword.schema", 4),
    "incidents/2026/wrong-type-draft.md": ("afterword.schema", 4),
    "incidents/2026/wrong-type-title.md": ("afterword.schema", 2),
    "postmortems/missing-incident.md": ("afterword.postmortem-incident", 3),
    "postmortems/wrong-types.md": ("afterword.timestamp", 4),
}
ACCEPTED = ["incidents/2026/accepted-bom.md", "incidents/2026/accepted-crlf.md", "incidents/2026/accepted-bom-crlf.md"]
DUPLICATES = ["incidents/2025/duplicate-id.md", "incidents/2026/duplicate-id.md"]
SKIPPED_BY_DESIGN = {"incidents/2026/notes.txt"}  # not Markdown: a warning, counted as skipped

GOOD = (BAD_CORPUS / "incidents/2025/duplicate-id.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def base_settings() -> Settings:
    return load_settings(ROOT / "mkdocs.yml")


def load(root: Path, settings: Settings):
    # No time limit here (a wall-clock assertion fails on a loaded machine): pathological input that
    # made loading super-linear would hang the suite instead, and `make bench` measures speed.
    return load_history(dataclasses.replace(settings, root=root))


def place(root: Path, relpath: str, source: Path | None = None, data: bytes | None = None) -> None:
    target = root / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    if source is not None:
        shutil.copyfile(source, target)
    else:
        target.write_bytes(data or b"")


def test_every_corpus_file_has_an_expectation():
    listed = set(EXPECTED) | set(ACCEPTED) | set(DUPLICATES)
    assert {p.as_posix() for p in corpus_files()} == listed


@pytest.mark.parametrize("relpath", sorted(EXPECTED))
def test_each_broken_file_gives_a_positioned_error_quickly(tmp_path, base_settings, relpath):
    place(tmp_path, relpath, BAD_CORPUS / relpath)
    history = load(tmp_path, base_settings)
    rule, line = EXPECTED[relpath]
    mine = [p for p in history.problems if p.path == relpath]
    assert any(p.rule == rule and p.line == line for p in mine), [p.format() for p in mine]
    for problem in mine:
        assert problem.format().startswith(f"{relpath}:{problem.line}:{problem.column}: [{problem.rule}] ")
        assert problem.line >= 1 and problem.column >= 1
        assert "Traceback" not in problem.message and "Error(" not in problem.message
        assert len(problem.message) > 20  # says what to do, not just "invalid"
    outcome = "skipped" if relpath in SKIPPED_BY_DESIGN else "error"
    assert history.accounting()[outcome] == 1 and history.accounting()["files"] == 1
    assert history.incidents == [] and history.postmortems == []


def test_duplicate_ids_name_both_files(tmp_path, base_settings):
    for relpath in DUPLICATES:
        place(tmp_path, relpath, BAD_CORPUS / relpath)
    history = load(tmp_path, base_settings)
    assert [p.format() for p in history.errors] == [
        "incidents/2026/duplicate-id.md:1:1: [afterword.duplicate-id] incident id 'duplicate-id' is already used by incidents/2025/duplicate-id.md: rename one of the files"
    ]
    assert history.accounting() == {"published": 1, "draft": 0, "security": 0, "error": 1, "skipped": 0, "files": 2}


@pytest.mark.parametrize("relpath", ACCEPTED)
def test_bom_and_crlf_are_accepted_and_load_like_the_plain_file(tmp_path, base_settings, relpath):
    place(tmp_path, "incidents/2026/plain.md", BAD_CORPUS / DUPLICATES[0])
    place(tmp_path, relpath, BAD_CORPUS / relpath)
    history = load(tmp_path, base_settings)
    assert history.problems == []
    plain, accepted = history.incident("plain"), history.incident(Path(relpath).stem)
    assert accepted.title == plain.title == "Card payments failing"
    assert [(u.status, u.at, u.body, u.line) for u in accepted.updates] == [(u.status, u.at, u.body, u.line) for u in plain.updates]
    assert "\r" not in accepted.updates[0].body and not accepted.title.startswith("\ufeff")


# Generated here, not committed: too big, or pathological only at a size that is pointless to store.
GENERATED = {
    "ten megabytes": (lambda: GOOD.encode() + b"x" * (10 * 1024 * 1024), "afterword.file", 1),
    "flow nesting deep enough to crash libyaml's composer": (
        lambda: ("---\ntitle: Deep\nimpact: minor\ncomponents: [payments]\ninternal: " + "[" * 30000 + "]" * 30000 + "\n---\n\n## Resolved · 2026-03-02 10:15 UTC\n\nFixed.\n").encode(),
        "afterword.yaml", 5,
    ),
    "block sequences nested on one line": (
        lambda: ("---\ntitle: Deep\nimpact: minor\ncomponents: [payments]\ninternal:\n  " + "- " * 20000 + "x\n---\n\n## Resolved · 2026-03-02 10:15 UTC\n\nFixed.\n").encode(),
        "afterword.yaml", 6,
    ),
    "front matter over 64 KB": (lambda: ("---\ntitle: " + "a" * 70000 + "\n---\n").encode(), "afterword.frontmatter", 2),
    "a heading with a huge run of spaces": (
        lambda: GOOD.replace("## Investigating · 2026-03-02 09:50 UTC", "## Investigating" + " " * 500000 + "x").encode(),
        "afterword.update-heading", 8,
    ),
    "a status followed by a huge run of spaces": (
        lambda: GOOD.replace("## Investigating · 2026-03-02 09:50 UTC", "## Investigating" + " " * 500000 + "· 2026-03-02 09:50").encode(),
        "afterword.timestamp", 8,
    ),
    "thirty thousand broken headings (linear: one problem each)": (
        lambda: (GOOD.split("## Investigating")[0] + "## x\n" * 30000).encode(), "afterword.update-heading", 8,
    ),
}


@pytest.mark.parametrize("kind", list(GENERATED))
def test_pathological_generated_files_fail_fast_with_a_position(tmp_path, base_settings, kind):
    make, rule, line = GENERATED[kind]
    relpath = "incidents/2026/generated.md"
    place(tmp_path, relpath, data=make())
    history = load(tmp_path, base_settings)
    assert any(p.rule == rule and p.line == line for p in history.errors), [p.format()[:200] for p in history.errors[:3]]
    assert history.accounting()["error"] == 1


def test_a_strict_build_over_the_whole_corpus_names_every_file_and_publishes_nothing(tmp_path):
    project = copy_site_sources(tmp_path / "project")
    for relpath in corpus_files():
        place(project, relpath.as_posix(), BAD_CORPUS / relpath)
    place(project, "incidents/2026/ten-megabytes.md", data=GOOD.encode() + b"x" * (10 * 1024 * 1024))
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("a previous build")
    result = run_build(project, out)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    for relpath in [*EXPECTED, DUPLICATES[1], "incidents/2026/ten-megabytes.md"]:
        assert re.search(rf"(?m)^.*{re.escape(relpath)}:\d+:\d+: \[", output), f"{relpath} is not named in the build output"
    assert f"already used by {DUPLICATES[0]}" in output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) >= len(EXPECTED) - len(SKIPPED_BY_DESIGN)
    for relpath in ACCEPTED:  # style and timeline warnings are fine; an error would be a bug
        assert not any(f"{relpath}:" in line for line in errors), f"{relpath} is accepted by design but was reported as an error"
    assert list(out.iterdir()) == [], "a failed build must leave nothing to publish"


def _files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for folder in ("incidents", "postmortems") for p in (root / folder).rglob("*") if p.is_file())


def test_accounting_of_the_example_content_matches_its_files_and_built_pages(tmp_path_factory):
    history = load_history(load_settings(ROOT / "mkdocs.yml"))
    counts = history.accounting()
    assert sorted(history.outcomes) == _files_under(ROOT)
    assert counts["files"] == len(_files_under(ROOT))
    assert counts["published"] + counts["draft"] + counts["security"] + counts["error"] + counts["skipped"] == counts["files"]
    assert counts["error"] == 0 and counts["draft"] >= 1 and counts["security"] >= 1
    site = example_site(tmp_path_factory)
    incident_pages = [p for p in (site / "incidents").glob("*/index.html")]
    postmortem_pages = [p for p in (site / "postmortems").glob("*/index.html")]
    assert len(incident_pages) == len(history.published_incidents)
    assert len(postmortem_pages) == len(history.published_postmortems)
    assert len(incident_pages) + len(postmortem_pages) == counts["published"]


def test_accounting_of_a_thousand_generated_incidents_with_every_outcome(tmp_path):
    demo = pytest.importorskip("afterword.demo", reason="the demo generator (afterword.demo) is not installed")
    root = tmp_path / "demo"
    demo.write_site(demo.generate(1000, 40, seed=11, withheld=False), root, project=ROOT)  # outcomes made below
    incidents = sorted((root / "incidents").rglob("*.md"))
    assert len(incidents) == 1000
    # Turn some generated incidents into every other outcome, each kind from a distinct file.
    linked = {line.split(":", 1)[1].strip() for p in (root / "postmortems").glob("*.md") for line in p.read_text().splitlines() if line.startswith("incident:")}
    free = [p for p in incidents if p.stem not in linked]
    drafts, secret, broken = free[:7], free[7:12], free[12:21]
    for path in drafts:
        path.write_text(path.read_text().replace("\n---\n", "\ndraft: true\n---\n", 1))
    for path in secret:
        path.write_text(path.read_text().replace("\n---\n", "\nsecurity: true\n---\n", 1))
    for path in broken:
        path.write_text(path.read_text().replace("impact:", "impact: severe\nold_impact:", 1))
    for index in range(3):
        (root / "incidents" / f"notes-{index}.txt").write_text("not an incident")
    history = load_history(load_settings(root / "mkdocs.yml"))
    counts = history.accounting()
    assert counts == {
        "published": 1000 - 21 + 40, "draft": 7, "security": 5, "error": 9, "skipped": 3, "files": 1043,
    }, counts
    assert sorted(history.outcomes) == _files_under(root)
    assert len(history.published_incidents) == 1000 - 21 and len(history.published_postmortems) == 40
