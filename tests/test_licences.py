"""Afterword is MIT: every runtime dependency must carry a permissive licence (read from package metadata).

A company forks Afterword and ships it; a copyleft runtime dependency would change the licence of
what it ships. Runtime dependencies are those of pyproject.toml's ``[project] dependencies``, followed
through installed metadata (``Requires-Dist``). Test-only tools (requirements.in, "# tests" and after)
are listed separately: they never ship.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
# SPDX identifiers (and their common spellings in older metadata) compatible with shipping under MIT.
PERMISSIVE = {
    "mit", "mit-0", "bsd", "bsd-2-clause", "bsd-3-clause", "0bsd", "freebsd", "apache-2.0", "apache", "isc",
    "psf-2.0", "psf", "python-2.0", "cnri-python", "mpl-2.0", "unlicense", "zlib",
}
CLASSIFIERS = re.compile(r"License :: OSI Approved :: (MIT|BSD|Apache Software|ISC|Python Software Foundation|Mozilla Public License 2\.0)")
# Dual-licensed packages whose authors let users choose a permissive licence (quoted from their metadata).
CHOSEN = {"feedgen": "BSD-2-Clause ('licensed under the terms of both, the FreeBSD license and the LGPLv3+. Choose the one …')"}


def runtime_dependencies() -> dict[str, metadata.Distribution]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [Requirement(r).name for r in project["dependencies"]]
    found: dict[str, metadata.Distribution] = {}
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in found:
            continue
        found[key] = distribution = metadata.distribution(name)
        for line in distribution.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return found


def is_permissive(meta) -> bool:
    expression = meta.get("License-Expression")
    if expression:
        # "A OR B": one permissive choice is enough; "A AND B": every part must be permissive.
        return any(all(part.strip("() ").lower() in PERMISSIVE for part in alternative.split(" AND "))
                   for alternative in expression.split(" OR "))
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return all(CLASSIFIERS.match(c) for c in classifiers)
    text = (meta.get("License") or "").strip().lower()
    return bool(re.fullmatch(r"(the )?(mit|bsd|isc|apache|apache software|apache-2\.0|bsd-[23]-clause|psf)( license)?", text))


def test_afterword_itself_is_mit():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"] == "MIT"


def test_every_runtime_dependency_is_permissively_licensed():
    dependencies = runtime_dependencies()
    assert "names" in dependencies and "mkdocs" in dependencies
    offending = {
        name: (d.metadata.get("License-Expression") or d.metadata.get("License") or "")[:60]
        for name, d in dependencies.items() if name not in CHOSEN and not is_permissive(d.metadata)
    }
    assert offending == {}, f"runtime dependencies without an MIT-compatible licence: {offending}"


def test_the_licence_check_rejects_copyleft():
    class Meta(dict):
        def get_all(self, key):
            return self.get(key + "s")

    assert not is_permissive(Meta({"License": "GPLv3"}))
    assert not is_permissive(Meta({"Classifiers": ["License :: OSI Approved :: GNU General Public License v3 (GPLv3)"]}))
    assert not is_permissive(Meta({"License-Expression": "MIT AND GPL-3.0-only"}))
    assert is_permissive(Meta({"License-Expression": "Apache-2.0 OR BSD-2-Clause"}))


# Test and benchmark tools (requirements.in, from "# tests" on): never imported by afterword at run time.
TEST_ONLY = ["pytest", "hypothesis", "feedparser", "properdocs", "check-jsonschema", "playwright",
             "axe-playwright-python", "proselint"]


@pytest.mark.parametrize("name", TEST_ONLY)
def test_test_only_tools_are_not_runtime_dependencies(name):
    assert name not in runtime_dependencies()
