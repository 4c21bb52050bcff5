"""Reading grade on real postmortem layouts: headings, list items, table cells and timeline entries
are sentences of their own, code is not prose, and the finding names the hardest sentences."""

from __future__ import annotations

import shutil
from pathlib import Path

from afterword.settings import load_settings
from afterword.style import checker_for
from afterword.style.readability import hardest_sentences
from afterword.vale.rules.metric import count_sentences

ROOT = Path(__file__).resolve().parent.parent

# A real layout: headings and a timeline list without full stops (wording from published postmortems).
REAL = """## Timeline

- 14:02 UTC deploy of the new registry frontend
- 14:09 UTC first reports of failed installs
- 14:31 UTC rollback complete

## Impact

| Service | Status |
|---|---|
| Package installs | failing |

Installs failed for 29 minutes. No data was lost.
"""


def test_blocks_without_full_stops_are_sentences_of_their_own():
    # Summary text joins blocks with blank lines, as the linter does.
    summary = "Timeline\n\n14:02 UTC deploy of the new registry frontend\n\n14:09 UTC first reports of failed installs\n\n"
    assert count_sentences(summary) == 3


def grade_of(text: str, tmp_path: Path) -> list:
    shutil.copytree(ROOT / "styleguide", tmp_path / "styleguide")
    (tmp_path / "mkdocs.yml").write_text("site_name: Acme\n", encoding="utf-8")
    checker = checker_for(load_settings(tmp_path / "mkdocs.yml"))
    return [p for p in checker.check_text(text, "incidents/2025/x.md") if p.rule.startswith("Afterword.ReadingGrade")]


def test_real_layout_is_not_inflated(tmp_path):
    assert grade_of(REAL, tmp_path) == []


def test_code_is_not_prose(tmp_path):
    code = "```\n" + "ERROR: could not serialize access due to concurrent update transaction_isolation_configuration\n" * 5 + "```\n"
    assert grade_of("Installs failed for a while. We fixed it.\n\n" + code, tmp_path) == []


def test_finding_names_the_three_hardest_sentences_by_line(tmp_path):
    text = ("We fixed it.\n\n"
            "Intermittent synchronisation failures affected organisations utilising consolidated invoicing functionality.\n\n"
            "Customers could pay.\n\n"
            "Administrative notifications regarding authentication irregularities were unavailable.\n\n"
            "Our engineers investigated the misbehaving component thoroughly and systematically.\n")
    [finding] = [p for p in grade_of(text, tmp_path) if p.rule == "Afterword.ReadingGradeLimit"]
    assert "Hardest sentences: line 7 (grade 38), line 3 (grade 36), line 9 (grade 23)." in finding.message
    assert [line for line, _ in hardest_sentences(text)] == [7, 3, 9]
