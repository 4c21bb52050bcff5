"""Files of headings and plain paragraphs are split without markdown-it (vale/plainmarkdown.py):
the blocks, metrics and comments are exactly markdown-it's, and anything else is left to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.vale import markdown
from afterword.vale.markdown import front_matter_end
from afterword.vale.plainmarkdown import parse_plain

ROOT = Path(__file__).resolve().parents[1]


def _full(source: str):
    """markdown-it's reading of ``source``, the fast path turned off."""
    original = markdown.parse_plain
    markdown.parse_plain = lambda source, start: None
    try:
        return markdown.parse_markdown(source)
    finally:
        markdown.parse_plain = original


def _shape(parsed) -> tuple:
    blocks = [(b.text, b.scope, [b.source_index(i) for i in range(len(b.text))], b.base, b.parent, sorted(b.within))
              for b in parsed.blocks]
    return blocks, parsed.comments, parsed.metrics, parsed.lines.starts


def _assert_same_when_plain(source: str) -> bool:
    plain = parse_plain(source, front_matter_end(source))
    if plain is None:
        return False
    assert _shape(plain) == _shape(_full(source)), source
    return True


def test_real_and_example_documents_split_the_same():
    paths = [*sorted((ROOT / "tests/data/realworld/docs").glob("*.md")), *sorted((ROOT / "incidents").rglob("*.md")),
             *sorted((ROOT / "postmortems").rglob("*.md"))]
    plain = sum(_assert_same_when_plain(p.read_text(encoding="utf-8")) for p in paths)
    assert plain >= 5  # the example's incident files are plain


def test_a_demo_history_splits_the_same(tmp_path):
    from afterword.cli import main
    from project_paths import LUMEN

    assert main(["demo", "--incidents", "150", "--postmortems", "10", "--seed", "3", "--project", str(LUMEN), str(tmp_path / "d")]) == 0
    tmp_path = tmp_path / "d"
    paths = sorted((tmp_path / "incidents").rglob("*.md")) + sorted((tmp_path / "postmortems").rglob("*.md"))
    plain = sum(_assert_same_when_plain(p.read_text(encoding="utf-8")) for p in paths)
    assert plain > len(paths) // 2


def test_random_documents_split_the_same_or_are_left_to_markdown_it():
    from hypothesis import HealthCheck, given, settings, strategies as st

    lines = st.sampled_from([
        "", "## Resolved · 2026-01-02 10:00 UTC", "# Title", "###### Six", "####### Seven", "#hash", "## ", "##  two",
        "## Ends with #", "We are looking into it.", "Payments: 12 failed.", "1. one", "2) two", "- item", "+ plus",
        "---", "===", "> quote", "    code", "\tTab", "Trailing ", "a *b* c", "see https://x.example/a", "x & y",
        "a\u00a0b", "Zoë noticed", "“Quoted” — dash…", "2019-03-10 was a Sunday.", "Done!", "?", ":", "@handle", "% 5",
    ])
    front = st.sampled_from(["", "---\ntitle: T\n---\n", "---\ntitle: T\n---\n\n"])

    plain = []

    @settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(front, st.lists(lines, max_size=12))
    def same(head, body):
        plain.append(_assert_same_when_plain(head + "\n".join(body)))

    same()
    assert sum(plain) > 50  # the fast path was taken, not only refused


@pytest.mark.parametrize("body", ["Some *emphasis*.", "A [link](https://x).", "- a list", "> quoted", "    code",
                                  "Line with two spaces  \nbreak", "Tab\there", "Setext\n===", "#no-space", "x &amp; y"])
def test_anything_else_is_left_to_markdown_it(body):
    assert parse_plain("---\ntitle: T\n---\n" + body + "\n", front_matter_end("---\ntitle: T\n---\n"))is None
