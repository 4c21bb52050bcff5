"""The RE2 gate (afterword/vale/gate.py) leaves out only tokens that cannot match: each relaxed
construct matches at least what Python's `re` and `regex` match, character by character over every
character the gate is used on; relaxed patterns match wherever their originals do; and linting
with the gate gives exactly the alerts of linting without it (house style on the real-text
corpus, the example content)."""

from __future__ import annotations

import re
import unicodedata

import pytest
import re2
import regex

from afterword.vale import Linter, load_config
from afterword.vale import gate as gate_module
from afterword.vale.candidates import TokenCandidates
from afterword.vale.gate import CHECKED_RANGES, RegexGate, is_checked, relaxed, unchecked_characters

from project_paths import LUMEN, REPO as ROOT
CHECKED = "".join(chr(c) for start, end in CHECKED_RANGES for c in range(start, end + 1)
                  if chr(c) not in unchecked_characters() and not 0xD800 <= c <= 0xDFFF)


def _python_engines(source: str):
    engines = [regex.compile(source, regex.V0), regex.compile(source, regex.V1)]
    try:
        engines.append(re.compile(source))
    except re.error:
        pass
    return engines


def _matched(pattern, text: str) -> set[str]:
    return {m.group(0) for m in pattern.finditer(text)}


def _assert_covers(source: str) -> None:
    loose = re2.compile(relaxed(source))
    allowed = _matched(loose, CHECKED)
    for engine in _python_engines(source):
        missed = _matched(engine, CHECKED) - allowed
        assert not missed, (source, sorted(missed)[:10])


CLASSES = [r"\d", r"\w", r"\s", r"\D", r"\W", r"\S", r"[^\w]", r"[^\d\s]", r"[^a-z]", r"[a-z]", r"[A-Z]",
           r"[\w.-]", r"[^\w.]", r"[à-ÿ]", r"[^é]", r".", r"[^\n]", r"[^\s\d,]"]


@pytest.mark.parametrize("flags", ["", "(?i)", "(?s)", "(?is)"])
@pytest.mark.parametrize("source", CLASSES)
def test_relaxed_classes_cover_pythons_on_every_checked_character(source, flags):
    _assert_covers(flags + source)


def test_relaxed_literals_cover_pythons_case_folding_on_every_checked_character():
    """Every checked character as a literal, case-sensitive and not: whatever Python's engines
    match among the checked characters, RE2's relaxed literal matches."""
    missed = []
    for char in CHECKED:
        if char == "\n":
            continue
        for source in (re.escape(char), "(?i)" + re.escape(char), f"(?i:{re.escape(char)})"):
            if relaxed(source) is None:  # ı (`re` folds it with i and I), unassigned: never gated
                assert char == "\u0131" or unicodedata.category(char) == "Cn", source
                continue
            allowed = _matched(re2.compile(relaxed(source)), CHECKED)
            for engine in _python_engines(source):
                if _matched(engine, CHECKED) - allowed:
                    missed.append((source, sorted(_matched(engine, CHECKED) - allowed)))
    assert not missed, missed[:10]


def test_full_case_folding_is_never_gated():
    """`regex` (V1) folds ß to "ss": "(?i)strasse" matches "Straße" and "(?i)ß" matches "SS".
    Texts with a character that folds to several are unchecked, and no pattern holding one
    (as a literal or in a range) is relaxed."""
    assert regex.compile("(?i)strasse", regex.V1).search("Straße")
    for start, end in CHECKED_RANGES:
        for char in map(chr, range(start, end + 1)):
            if len(char.casefold()) > 1:
                assert not is_checked(f"a {char} b"), char
    assert relaxed("(?i)ß") is None and relaxed("(?i)gro\\xdfe") is None
    assert relaxed("[À-ÿ]+") is None and relaxed("[à-ÿ]+") is not None  # ß is U+00DF
    assert relaxed("\\ufb01le") is None  # ﬁ: "fi"


def test_unchecked_text_and_unrelaxable_patterns_are_not_gated():
    assert is_checked("Plain text — with “quotes”, 10 GB, → and 🚀.")
    assert not is_checked("İstanbul")  # Python's engines fold İ with i, RE2 does not
    assert not is_checked("中文")
    assert relaxed(r"(?<=\b(?:of|to) )\btwo$").endswith("two")  # lookbehind, boundary, anchor dropped
    assert relaxed(r"\p{Lu}x") is None  # regex-module syntax: not relaxed, so never left out
    assert relaxed(r"(a)\1") == "(?:a)(?s:.*)"


@pytest.mark.parametrize("engine", ["re", "regex"])
def test_relaxed_patterns_match_wherever_the_originals_match(engine):
    """Random patterns with anchors, boundaries, lookarounds, classes, flags, groups, repeats and
    backreferences, on random texts of checked characters."""
    from hypothesis import HealthCheck, given, settings, strategies as st

    atoms = st.sampled_from(["a", "B", "é", "7", "٣"[:0] or "x", " ", r"\d", r"\w", r"\s", r"\W", r"[^a-z]", r"[a-c]",
                             r"[^\d\s]", ".", r"\b", r"\B", "^", "$", r"(?=a)", r"(?!b)", r"(?<=\s)", r"(?<!x)", "—", "’"])
    quantified = st.tuples(atoms, st.sampled_from(["", "+", "*", "?", "{2}", "{1,3}", "+?"])).map("".join)
    sequence = st.lists(quantified, min_size=1, max_size=5).map("".join)
    grouped = st.one_of(sequence, st.lists(sequence, min_size=2, max_size=3).map(lambda p: "(?:" + "|".join(p) + ")"),
                        sequence.map(lambda s: f"(?i:{s})"), sequence.map(lambda s: f"({s})\\1"),
                        st.tuples(sequence, sequence).map(lambda t: f"(?i){t[0]}(?-i:{t[1]})"))
    texts = st.lists(st.sampled_from(["a", "A", "b", "B", "x", "é", "É", "7", "0", " ", "\n", ".", "—", "’", "_", "ü"]),
                     max_size=16).map("".join)
    compile_python = (lambda s: re.compile(s)) if engine == "re" else (lambda s: regex.compile(s, regex.V1))

    @settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
    @given(grouped, texts)
    def covers(source, text):
        try:
            original = compile_python(source)
        except (re.error, regex.error):
            return
        loose = relaxed(source)
        if loose is None or original.search(text) is None:
            return
        assert re2.search(loose, text) is not None, (source, loose, text)

    covers()


def _house_linter(warm_up: int = TokenCandidates.WARM_UP) -> Linter:
    linter = Linter(load_config(LUMEN / "styleguide" / ".vale.ini"))
    linter.context.candidates.WARM_UP = warm_up
    return linter


def _texts() -> list[tuple[str, str]]:
    corpus = sorted((ROOT / "tests/data/realworld/docs").glob("*.md"))
    assert len(corpus) > 50
    examples = sorted((LUMEN / "incidents").rglob("*.md")) + sorted((LUMEN / "postmortems").rglob("*.md"))
    texts = [(f"postmortems/{p.name}", p.read_text(encoding="utf-8")) for p in corpus]
    return texts + [(str(p.relative_to(LUMEN)), p.read_text(encoding="utf-8")) for p in examples]


def _alerts(linter: Linter, texts) -> list[str]:
    return [a.format_line() + f":{a.span}:{a.match}" for path, text in texts for a in linter.lint_text(text, path)]


def test_house_style_finds_the_same_with_and_without_the_gate(monkeypatch):
    """On the 54 real published postmortems and the example content: same alerts with the gate
    from the first block on and with the literal scan alone; and the gate answered for most
    blocks and left tokens out (it is not silently off)."""
    texts = _texts()
    answers = []
    present = RegexGate.present

    def counting(self, text):
        found = present(self, text)
        answers.append(found is not None and sum(map(len, found.values())) < len(self._owners))
        return found

    monkeypatch.setattr(RegexGate, "present", counting)
    with_gate = _alerts(_house_linter(warm_up=1), texts)
    without = _alerts(_house_linter(warm_up=10**9), texts)
    assert with_gate == without
    assert len(with_gate) > 100
    assert sum(answers) > len(answers) * 0.8


def test_a_gate_that_gives_up_leaves_the_choice_to_the_literal_scan(monkeypatch):
    """RE2 reports "no match" when its DFA runs out of memory: the always-matching pattern is then
    missing, the gate has no answer, and the literal scan decides."""
    linter = _house_linter(warm_up=1)
    gate = linter.context.candidates.gate
    assert gate.present("We added 12 database servers.")

    class GivesUp:
        def Match(self, text):
            return None

    monkeypatch.setattr(gate, "_set", GivesUp())
    assert gate.present("We added 12 database servers.") is None
    assert [a.check for a in linter.lint_text("We added 12 database servers.\n", "incidents/x.md")
            if a.check == "Afterword.Capacity"] == ["Afterword.Capacity"]


def test_text_with_unchecked_characters_is_left_to_the_literal_scan():
    linter = _house_linter(warm_up=1)
    assert linter.context.candidates.gate.present("Straße in İzmir") is None
    text = "We added 12 database servers in İzmir.\n"
    assert "Afterword.Capacity" in [a.check for a in linter.lint_text(text, "incidents/x.md")]


def test_one_file_does_not_wait_for_the_set_to_be_built():
    linter = _house_linter()
    linter.lint_text(sorted((LUMEN / "postmortems").glob("*.md"))[0].read_text(encoding="utf-8"), "postmortems/a.md")
    assert linter.context.candidates.gate._set is None  # `afterword check FILE`
    assert gate_module._MAX_MEM >= 32 << 20
