"""Where the tests find things: the repository (engine, workflows, test data) and the example site.

The example site is a fixture under tests/fixtures/lumen/, not the content at the repository root:
`afterword init` replaces the root content with an adopter's own, and the suite must still pass.
Its hooks/afterword_hooks.py is a symlink to the repository's adapter.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LUMEN = REPO / "tests" / "fixtures" / "lumen"
