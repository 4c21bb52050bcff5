"""The README and guide/ say only what the tool does: every ```sh example runs, every link resolves.

Each `afterword …` line (also `.venv/bin/afterword …`) of a ```sh block runs in a temp copy of the
example site (tests/fixtures/lumen/), in the order the page gives them, with the venv's afterword,
AFTERWORD_NOW fixed and EDITOR=true; it must exit 0, or N when the line ends with
`# exit status N`. A page may set its own clock with `<!-- example: AFTERWORD_NOW="…" -->`.
A block preceded by `<!-- example: skip (reason) -->` is not run, nor are
```console and ```text blocks. Relative links, anchors included, must resolve.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from project_paths import LUMEN, REPO

DOCS = [REPO / "README.md", *sorted((REPO / "guide").glob("*.md"))]
NOW = "2026-01-20 12:15 UTC"  # the examples' "now": the day of their API incident
CLOCK = re.compile(r'<!--\s*example:\s*AFTERWORD_NOW="([^"]+)"\s*-->')
SKIP = re.compile(r"<!--\s*example:\s*skip\s*\((?P<reason>[^)]+)\)\s*-->")
STATUS = re.compile(r"#\s*exit status (\d+)\s*$")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def _blocks(text: str):
    """(language, first line number, lines, skip reason) for every fenced block."""
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        opening = re.match(r"^(`{3,})(\S*)", lines[index])
        if not opening:
            index += 1
            continue
        fence, language, start = opening.group(1), opening.group(2), index
        end = next((j for j in range(index + 1, len(lines)) if lines[j].startswith(fence) and not lines[j].strip("`")), len(lines))
        before = next((lines[j] for j in range(start - 1, -1, -1) if lines[j].strip()), "")
        skip = SKIP.search(before)
        yield language, start + 1, lines[start + 1 : end], skip.group("reason") if skip else None
        index = end + 1


def _commands(lines: list[str]) -> list[tuple[str, int]]:
    """The afterword lines of a block (continuations joined), each with its expected exit status."""
    joined, current = [], ""
    for line in lines:
        current += line.rstrip()[:-1] + " " if line.rstrip().endswith("\\") else line
        if not line.rstrip().endswith("\\"):
            joined.append(current.strip())
            current = ""
    found = []
    for command in joined:
        command = re.sub(r"^\.venv/bin/afterword\b", "afterword", command)
        if command.startswith("afterword "):
            status = STATUS.search(command)
            found.append((command, int(status.group(1)) if status else 0))
    return found


def _outside_fences(text: str) -> list[str]:
    kept, fenced = [], False
    for line in text.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            kept.append(line)
    return kept


def _outside_code(text: str) -> str:
    """The text without fenced blocks and inline code, where links are links."""
    return "\n".join(re.sub(r"`[^`]*`", "", line) for line in _outside_fences(text))


def _anchors(path: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered."""
    seen: dict[str, int] = {}
    anchors = set()
    for line in _outside_fences(path.read_text(encoding="utf-8")):
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not heading:
            continue
        slug = re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def _doc_id(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_the_guide_exists():
    assert (REPO / "guide" / "index.md").is_file()
    assert len((REPO / "README.md").read_text(encoding="utf-8").split("\n")) <= 260


@pytest.mark.parametrize("doc", DOCS, ids=_doc_id)
def test_every_sh_example_runs(doc, tmp_path):
    text = doc.read_text(encoding="utf-8")
    clock = CLOCK.search(text)
    commands = []
    for language, line, lines, skip in _blocks(text):
        if language == "sh" and not skip:
            commands += [(command, status, line) for command, status in _commands(lines)]
    if not commands:
        pytest.skip(f"{_doc_id(doc)} has no ```sh examples")
    project = tmp_path / "project"
    shutil.copytree(LUMEN, project)
    env = {k: v for k, v in os.environ.items() if k != "VISUAL"}
    env.update(AFTERWORD_NOW=clock.group(1) if clock else NOW, EDITOR="true", PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    for command, expected, line in commands:
        result = subprocess.run(["bash", "-c", command], cwd=project, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == expected, (
            f"{_doc_id(doc)}, the block at line {line}: `{command}` exited {result.returncode}, not {expected}\n{result.stderr[-2000:]}"
        )


@pytest.mark.parametrize("doc", DOCS, ids=_doc_id)
def test_every_relative_link_resolves(doc):
    broken = []
    for target in LINK.findall(_outside_code(doc.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            continue  # http:, https:, mailto:
        path_part, _, anchor = target.partition("#")
        resolved = (doc.parent / path_part).resolve() if path_part else doc
        if not resolved.exists():
            broken.append(f"{target}: no such file")
            continue
        if anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            broken.append(f"{target}: no heading with the anchor '#{anchor}' in {_doc_id(resolved)}")
    assert not broken, f"{_doc_id(doc)}: " + "; ".join(broken)


def test_every_skip_gives_a_reason():
    for doc in DOCS:
        for line in doc.read_text(encoding="utf-8").split("\n"):
            if "example: skip" in line:
                assert SKIP.search(line), f"{_doc_id(doc)}: write <!-- example: skip (why) -->, not {line!r}"
