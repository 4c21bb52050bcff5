"""The example site the tests use (tests/fixtures/lumen/) is the example shipped at the root.

Until `afterword init` replaces the root content, the two must match byte for byte, so a change to
the shipped example is tested. After adoption the root is the adopter's own and this check skips.
To copy the root example into the fixture: `make sync-example`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from project_paths import LUMEN, REPO

SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "incidents", "postmortems", "styleguide", ".github/CODEOWNERS", ".github/pull_request_template.md")


def _files(base: Path) -> dict[str, bytes]:
    found = {}
    for part in SITE_PARTS:
        path = base / part
        for file in [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()):
            found[file.relative_to(base).as_posix()] = file.read_bytes()
    return found


def test_the_fixture_is_the_shipped_example():
    if "company: Lumen\n" not in (REPO / "mkdocs.yml").read_text(encoding="utf-8"):
        pytest.skip("the repository has been adopted: its root content is no longer the Lumen example")
    root, fixture = _files(REPO), _files(LUMEN)
    differing = sorted(name for name in root.keys() | fixture.keys() if root.get(name) != fixture.get(name))
    assert not differing, f"tests/fixtures/lumen/ differs from the root example in {differing}: run `make sync-example`"
