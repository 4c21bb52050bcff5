"""Files of headings and plain paragraphs are split without markdown-it (vale/plainmarkdown.py):
the blocks, metrics and comments are exactly markdown-it's, and anything else is left to it."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from afterword.vale import markdown
from afterword.vale.markdown import front_matter_end
from afterword.vale.plainmarkdown import parse_plain
from project_paths import LUMEN, REPO


def _full(source: str):
    """markdown-it's reading of ``source``, the fast path turned off."""
    original = markdown.parse_plain
    markdown.parse_plain = lambda source, start: None
    try:
        return markdown.parse_markdown(source)
    finally:
        markdown.parse_plain = original


def _shape(parsed) -> tuple:
    # Offsets as the source index of each character (the fast path leaves contiguous ones implicit).
    blocks = [(b.text, b.scope, [b.source_index(i) for i in range(len(b.text) + 1)], b.base, b.parent,
               sorted(b.within), b.metrics) for b in parsed.blocks]
    return blocks, parsed.comments, parsed.metrics, parsed.lines.starts, parsed.lines.length, parsed.source


def _assert_same_when_plain(source: str) -> bool:
    plain = parse_plain(source, front_matter_end(source))
    if plain is None:
        return False
    assert _shape(plain) == _shape(_full(source)), source
    return True


def test_real_and_example_documents_split_the_same():
    paths = [*sorted((REPO / "tests/data/realworld/docs").glob("*.md")), *sorted((LUMEN / "incidents").rglob("*.md")),
             *sorted((LUMEN / "postmortems").rglob("*.md"))]
    plain = sum(_assert_same_when_plain(p.read_text(encoding="utf-8")) for p in paths)
    assert plain >= 5  # the example's incident files are plain


def test_a_demo_history_splits_the_same(tmp_path):
    from afterword.cli import main

    assert main(["demo", "--incidents", "150", "--postmortems", "10", "--seed", "3", "--project", str(LUMEN), str(tmp_path / "d")]) == 0
    tmp_path = tmp_path / "d"
    paths = sorted((tmp_path / "incidents").rglob("*.md")) + sorted((tmp_path / "postmortems").rglob("*.md"))
    plain = sum(_assert_same_when_plain(p.read_text(encoding="utf-8")) for p in paths)
    assert plain > len(paths) // 2


def test_github_history_splits_the_same(shared_dir, tmp_path):
    """GitHub's 1,282 real incidents as `afterword demo --from-statuspage` writes them: most are plain."""
    from afterword.cli import main

    source = shared_dir / "peers" / "statuspage-githubstatus" / "incidents"
    assert main(["demo", "--from-statuspage", str(source), "--postmortems", "0", "--project", str(LUMEN), str(tmp_path / "gh")]) == 0
    paths = sorted((tmp_path / "gh" / "incidents").rglob("*.md"))
    plain = sum(_assert_same_when_plain(p.read_text(encoding="utf-8")) for p in paths)
    assert plain > len(paths) * 9 // 10


# Characters Markdown or Vale's trimming (str.strip) could treat apart: ASCII, Latin-1 and IPA, every
# whitespace, control and format character of the BMP, lone surrogates, private use, astral ones.
_CHARACTERS = [*map(chr, range(0x250)),
               *(c for c in map(chr, range(0x250, 0x10000)) if c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp")),
               "\ud800", "\udfff", "\ue000", "\ufffd", "\uffff", "\u0301", "\u20dd", "\U0001f600", "\U0001d400", "\U000e0001", "\U0010ffff"]
_PLACES = ["{c}", "{c}{c}{c}", "a{c}b", "a{c}\nb", "a\n{c}b", "{c}\nb", "a\n{c}", "## {c}", "## a{c}b", "#{c}a", "##{c}",
           "a\n\n{c}", "---\nx: 1\n---\n{c}a", "---{c}\nx: 1\n---\na"]


def test_every_unusual_character_splits_the_same_or_is_left_to_markdown_it():
    # Offline, every code point but surrogates in ten such places split the same (11 million documents taken).
    plain = sum(_assert_same_when_plain(place.format(c=c)) for c in _CHARACTERS for place in _PLACES)
    assert plain > len(_CHARACTERS) * 3


# Lines near every rule of CommonMark's block grammar (ATX and setext headings, lists, breaks,
# tables, front matter), all documents of up to two of them after each kind of front matter.
_LINES = ["", "a", "## a", "# a b", "###### a", "####### a", "#", "##", "#a", "## a #", "## a#b", "a #", "1 a", "1. a", "2) a",
          "a.", "=", "==", "a=b", ":---", "|a|", "!a", "'a'", "(a)", "a:b", "www.x.com", "a@b.c", "é", "\u200b", "## \u200b",
          "## 1.", "## -", "## =", "- a", "+ a", "-", "---", "***", "> a", "a)", "12", ")", "a-", "a+", "{a}", "%", "C# and F#"]
_FRONT = ["", "---\na: 1\n---\n", "---\na: 1\n...\n", "+++\na = 1\n+++\n", "---\n\n---\n", "\ufeff---\na: 1\n---\n",
          "---\na: 1\n---", "---  \na\n---\t\n", "---\na\n---\n\n", "---\na: 1\n"]


def test_all_small_documents_split_the_same_or_are_left_to_markdown_it():
    # Offline, every document of up to three lines of a similar list split the same (1.3 million taken).
    plain = 0
    for front, count, end in itertools.product(_FRONT, (0, 1, 2), ("", "\n")):
        plain += sum(_assert_same_when_plain(front + "\n".join(lines) + end) for lines in itertools.product(_LINES, repeat=count))
    assert plain > 5000


# Whole lines near each block rule, joined by newlines; and single characters (mostly ones the fast
# path takes, a few it refuses), so that lines of any kind and length come up.
_RANDOM_LINES = [
    "", "## Resolved · 2026-01-02 10:00 UTC", "# Title", "###### Six", "####### Seven", "#hash", "## ", "##  two",
    "## Ends with #", "We are looking into it.", "Payments: 12 failed.", "1. one", "2) two", "- item", "+ plus",
    "---", "===", "> quote", "    code", "\tTab", "Trailing ", "a *b* c", "see https://x.example/a", "x & y",
    "a\u00a0b", "Zoë noticed", "“Quoted” — dash…", "2019-03-10 was a Sunday.", "Done!", "?", ":", "@handle", "% 5",
]
_RANDOM_CHARACTERS = [*"aZé1 0.)(!\"%',-/:;=?@^{}+#\n", "##", "\n\n", "## ", "\u200b", "\u00ad", "ß", "\U0001f600",
               "\t", "\u00a0", "\\", "*", "<", "&", "\r", "\u2028", "\x85", "\x0c", "\ufeff", "://", "|"]


@pytest.mark.parametrize("pieces, joiner, size, fronts", [
    (_RANDOM_LINES, "\n", 12, ["", "---\ntitle: T\n---\n", "---\ntitle: T\n---\n\n"]),
    (_RANDOM_CHARACTERS, "", 40, ["", "---\ntitle: T\n---\n", "+++\ntitle = 'T'\n+++\n"]),
], ids=["lines", "characters"])
def test_random_documents_split_the_same_or_are_left_to_markdown_it(pieces, joiner, size, fronts):
    from hypothesis import HealthCheck, given, settings, strategies as st

    plain = []

    @settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.sampled_from(fronts), st.lists(st.sampled_from(pieces), max_size=size))
    def same(head, body):
        plain.append(_assert_same_when_plain(head + joiner.join(body)))

    same()
    assert sum(plain) > 50  # the fast path was taken, not only refused


@pytest.mark.parametrize("body", [
    "", "\n\n\n", "## Heading at the end of the file", "#### h4\nA paragraph right under it\n# h1", "a\n\n\n\nb",
    "Zero\u200bwidth and soft\u00adhyphen", "\u200b", "## \u200b", ":---\n:-:", "2019-03-10 was a Sunday.\n12:00 UTC",
    "Lone \ud800 surrogate", "\U0001f600 astral", "İstanbul ß ﬁ", "a = b\nc + d\n(1) 2)",
])
def test_corner_cases_the_fast_path_takes_split_the_same(body):
    for head in ("", "---\ntitle: T\n---\n", "\ufeff---\ntitle: T\n---\n", "---\ntitle: T\n...\n"):
        for end in ("", "\n"):
            assert _assert_same_when_plain(head + body + end) or not (head + body).strip("\n")


@pytest.mark.parametrize("body", ["Some *emphasis*.", "A [link](https://x).", "- a list", "> quoted", "    code",
                                  "Line with two spaces  \nbreak", "Tab\there", "Setext\n===", "#no-space", "x &amp; y",
                                  "Setext\n   ---", "Setext\n==", "a\n1) b", "a\n+ b", "## a #", "#\ta", "#", "######", "####### seven",
                                  "x &#35; y", "a\\\nb", "a\r\nb", "a\u2028b", "a\x85b", "a\x0cb", "a\x0bb", "a\x1cb", "a\u3000",
                                  "a\u00a0b", "\ufeffa", "a\x00b", "see https://x.example", "$$x$$", "a | b", "a\n "])
def test_anything_else_is_left_to_markdown_it(body):
    assert parse_plain("---\ntitle: T\n---\n" + body + "\n", front_matter_end("---\ntitle: T\n---\n")) is None
