"""The blameless rules measured on the real-text corpus (tests/data/realworld, see `make eval`).

Floors, not targets: they stop a change from quietly undoing what the rules find in real writing.
The figures themselves are printed (pytest -s) and quoted in guide/house-style.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "data" / "realworld"
FLOORS = {"name": 0.85, "blame": 0.6, "supplier": 0.5}
BLAMELESS_FAMILIES = ("name", "blame", "supplier", "email")
MAX_ERROR_FP_PER_1000_WORDS = 0.5


@pytest.fixture(scope="module")
def figures() -> dict:
    if not (CORPUS / "labels").is_dir():
        pytest.skip("the real-text corpus is not in this checkout")
    from afterword.evaluate.__main__ import evaluate_corpus
    from afterword.evaluate.lint import ScratchProject

    project = ScratchProject(Path(__file__).resolve().parent.parent / "styleguide")
    try:
        return evaluate_corpus(CORPUS, project)
    finally:
        project.close()


def test_recall_on_real_postmortems(figures):
    families = figures["families"]
    print(f"\nblameless rules on {figures['documents']} real postmortems ({figures['words']:,} words): " + ", ".join(
        f"{f} recall {families[f]['recall']} precision {families[f]['precision']}" for f in FLOORS))
    for family, floor in FLOORS.items():
        assert families[family]["recall"] >= floor, family


def test_few_error_false_positives_from_the_blameless_rules(figures):
    false_positives = sum(figures["families"][f]["error_false_positives"] for f in BLAMELESS_FAMILIES)
    assert 1000 * false_positives / figures["words"] <= MAX_ERROR_FP_PER_1000_WORDS
