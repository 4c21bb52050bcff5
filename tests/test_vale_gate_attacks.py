"""Attacks on the RE2 gate (afterword/vale/gate.py): rules and texts where linting with the gate
(WARM_UP=1) could differ from linting with the literal scan alone and from linting with no
filtering at all. Each recorded payload below was a missed finding before its fix; the
differential fuzzer at the end keeps looking."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from afterword.vale import Linter, load_config
from afterword.vale import literals as literals_module
from afterword.vale.gate import relaxed
from project_paths import LUMEN


def _style(tmp_path: Path, rules: dict[str, str], ini_extra: str = "") -> Path:
    styles = tmp_path / "styles" / "House"
    styles.mkdir(parents=True, exist_ok=True)
    for name, body in rules.items():
        (styles / f"{name}.yml").write_text(body, encoding="utf-8")
    ini = tmp_path / ".vale.ini"
    ini.write_text(f"StylesPath = styles\nMinAlertLevel = suggestion\n{ini_extra}\n[*.md]\nBasedOnStyles = House\n",
                   encoding="utf-8")
    return ini


def _alerts(ini: Path, text: str, warm_up: int) -> list[str]:
    linter = Linter(load_config(ini))
    linter.context.candidates.WARM_UP = warm_up
    return [f"{a.line}:{a.column}:{a.check}:{a.match}" for a in linter.lint_text(text, "doc.md")]


def _unfiltered(ini: Path, text: str, monkeypatch) -> list[str]:
    with monkeypatch.context() as patch:
        patch.setattr(literals_module.Alternation, "pattern_for", lambda self, block: (self.full, None))
        return _alerts(ini, text, 10**9)


def _three_ways(tmp_path, monkeypatch, rules, text, ini_extra=""):
    ini = _style(tmp_path, rules, ini_extra)
    return _alerts(ini, text, 1), _alerts(ini, text, 10**9), _unfiltered(ini, text, monkeypatch)


def _existence(tokens: list[str], ignorecase: bool = False, extra: str = "") -> str:
    listed = "".join(f"  - '{t}'\n" for t in (token.replace("'", "''") for token in tokens))
    return f"extends: existence\nmessage: \"'%s'\"\nlevel: error\nignorecase: {str(ignorecase).lower()}\n{extra}tokens:\n{listed}"


# (rules, text, ini_extra): each was a finding the gate (and sometimes the literal scan) left out.
PAYLOADS = {
    # Python's `re` folds dotless ı with i and I (re._casefix); RE2 does not.
    "dotless i": ({"R": _existence(["[ıj]"], ignorecase=True)}, "I saw it.\n", ""),
    # ... also inside a range whose ends Python knows.
    "newer unicode range": ({"R": _existence(["[\ua7d0-\ua7f5]+", "(?<=\\b(?:in|into) )q+"], ignorecase=True)},
                            "Use ƛ here.\n", ""),
    # ... and the literal scan, which compares case-folded text, must not tell ı, i and İ apart.
    "dotless i literal": ({"R": _existence(["ı", "İt"], ignorecase=True)}, "I saw it.\n", ""),
    # `regex` knows newer Unicode than RE2: U+A7DC is the capital of ƛ (Unicode 16).
    "newer unicode": ({"R": _existence(["\ua7dc+", "(?<=\\b(?:in|into) )q+"], ignorecase=True)}, "Use ƛ here.\n", ""),
    # Tokens are joined as text: `a)b(?:c` and `d` make `(?:a)b(?:c|d)`, which matches "abd";
    # the token alone, `(?:a)b(?:c)`, does not.
    "unbalanced token": ({"R": _existence(["a)b(?:c", "d"])}, "See abd now.\n", ""),
    # A template repeating the alternation matches tokens side by side that no token matches alone.
    "template repeat": ({"R": _existence(["ab", "cd"])}, "See abcd now.\n", "WordTemplate = \\b(?:%s){2}\\b"),
    # A rule `re` cannot compile (variable-width lookbehind) runs with `regex`, which reads
    # `{e<=1}` as "at most one error"; `re` (and so the relaxation) reads it as literal text.
    # ... and folds "ß" to "ss" (V1): a token run alone must run with `regex` too, not `re`.
    "full case folding": ({"R": _existence(["class", "(?<=\\b(?:in|into) )q+"], ignorecase=True)}, "A claß here.\n", ""),
    # A verbose template reads "foo bar" as "foobar": its literal is not "foo bar".
    "verbose template": ({"R": _existence(["foo bar", "zzz"])}, "See foobar now.\n", "WordTemplate = (?x)\\b(?:%s)\\b"),
    # `regex` applies a flag set inside the alternation to the tokens after it (V1: to the end of
    # the group): "def" matches "DEF" only in the whole rule.
    "inline flags leak": ({"R": _existence(["(?i)abc", "def"])}, "See DEF now.\n", ""),
    # ... and reads `[a[b]c]` as a nested set (a, b or c), `re` as `[a[b]` then "c]".
    "nested set": ({"R": _existence(["[a[b]c]x", "(?<=\\b(?:in|into) )q+"])}, "See bx now.\n", ""),
    "fuzzy braces": ({"R": _existence(["(?:servers){e<=1}", "(?<=\\b(?:in|into) )q+"])}, "We added serverz.\n", ""),
}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_recorded_payloads_give_the_same_alerts_three_ways(name, tmp_path, monkeypatch):
    rules, text, ini_extra = PAYLOADS[name]
    gated, literal_only, unfiltered = _three_ways(tmp_path, monkeypatch, rules, text, ini_extra)
    assert unfiltered, name  # the payload does find something
    assert gated == unfiltered, name
    assert literal_only == unfiltered, name


# --- Differential fuzzer: random rules and texts, linted three ways -------------------------------

ATOMS = [
    "a", "b", "s", "k", "i", "I", "x", "ab", "servers", "class", " ", "-", "#", "{", "}", "\\.", "é", "É", "ı", "İ",
    "K", "ſ", "ß", "ẞ", "ƛ", "\ua7dc", "ǅ", "µ", "ω", "—", "’", "\\d", "\\w", "\\s", "\\W", "\\S", "\\D", ".", "[a-z]",
    "[^a-z]", "[Z-a]", "[^\\w]", "[^\\s\\d]", "[ıj]", "[à-ÿ]", "\\b", "\\B", "^", "$", "\\A", "\\Z", "(?=a)", "(?!b)",
    "(?<=\\s)", "(?<!x)", "(?<=\\b(?:in|into) )", "(a)\\1", "(?P<n>b)(?P=n)", "(a)?(?(1)b|c)", "(?>ab|a)", "a++",
    "(?i:s)", "(?-i:k)", "(?s:.)", "(?a:\\w)", "(?x: a b # c\n)", "\\N{LATIN SMALL LETTER A}", "\\x41", "\\101",
    "\\u0131", "[[:alpha:]]", "\\p{Lu}", "[[a-z]--[aeiou]]", "x{e<=1}", "(?:ab){e<=1}", "a{1, 2}", ")", "(?:", "|",
    "\\u2028", "\\t", "\\n", "\\r", "[a[b]c]", "(?i)", "(?x)",
]
QUANTIFIERS = ["", "", "", "+", "*", "?", "{2}", "{1,3}", "+?", "{0}", "{2,}"]
TEXT_CHARS = list("abksixIKABSX -#{}.,\n\t0179_") + [
    "é", "É", "ı", "İ", "K", "ſ", "ß", "ẞ", "ƛ", "\ua7dc", "ǅ", "ǆ", "µ", "μ", "Ω", "ω", "—", "’", "\r\n", "\u2028",
    "\u200b", "\ufeff", "\u180e", "\u00a0", "\u0301", "\u200d", "٣", "中", "servers", "class", "claß", "into ",
    "\x00", "\ud800", "[", "]",
]
TEMPLATES = ["", "", "WordTemplate = \\b(?:%s){2}\\b", "WordTemplate = (?<![\\w-])(?:%s)(?![\\w-])", "WordTemplate = (?:%s)x",
             "WordTemplate = (?x)\\b(?:%s)\\b"]


def _rule(kind: str, tokens: list[str], ignorecase: bool, nonword: bool) -> str:
    quoted = [token.replace("'", "''").replace("\n", "\\n") for token in tokens]
    flags = f"ignorecase: {str(ignorecase).lower()}\nnonword: {str(nonword).lower()}\n"
    if kind == "existence":
        listed = "".join(f"  - \"{t.replace(chr(92), chr(92) * 2)}\"\n" for t in quoted)
        return f"extends: existence\nmessage: \"'%s'\"\nlevel: error\n{flags}tokens:\n{listed}"
    listed = "".join(f"  \"{t.replace(chr(92), chr(92) * 2)}\": swapped{i}\n" for i, t in enumerate(quoted))
    return f"extends: substitution\nmessage: \"'%s' for '%s'\"\nlevel: error\n{flags}swap:\n{listed}"


STATS = {"linted": 0, "found": 0}


def _differential(examples: int) -> None:
    import tempfile

    from hypothesis import HealthCheck, given, settings, strategies as st

    from afterword.vale import ValeConfigError

    token = st.lists(st.tuples(st.sampled_from(ATOMS), st.sampled_from(QUANTIFIERS)).map("".join),
                     min_size=1, max_size=4).map("".join)
    rules = st.tuples(st.sampled_from(["existence", "substitution"]), st.lists(token, min_size=1, max_size=4),
                      st.booleans(), st.booleans(), st.sampled_from(TEMPLATES))
    texts = st.lists(st.sampled_from(TEXT_CHARS), min_size=1, max_size=24).map("".join)
    folder = Path(tempfile.mkdtemp(prefix="gate-attacks-"))

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
    @given(rules, texts)
    def same_three_ways(rule, text):
        kind, tokens, ignorecase, nonword, template = rule
        ini = _style(folder, {"R": _rule(kind, tokens, ignorecase, nonword)}, template)
        try:
            Linter(load_config(ini))
        except ValeConfigError:
            return
        document = text + "\n"
        original = literals_module.Alternation.pattern_for
        literals_module.Alternation.pattern_for = lambda self, block: (self.full, None)
        try:
            unfiltered = _alerts(ini, document, 10**9)
        except MemoryError:  # `regex` gives up on some fuzzy patterns (`\b+?x{e<=1}`): nothing to compare
            return
        finally:
            literals_module.Alternation.pattern_for = original
        results = [_alerts(ini, document, warm_up) for warm_up in (1, 10**9)]
        STATS["linted"] += 1
        STATS["found"] += bool(unfiltered)
        assert results[0] == unfiltered, ("gate", rule, text, results[0], unfiltered)
        assert results[1] == unfiltered, ("literal scan", rule, text, results[1], unfiltered)

    same_three_ways()


def test_fuzzed_rules_and_texts_give_the_same_alerts_three_ways():
    _differential(300)


@pytest.mark.skipif(not os.environ.get("AFTERWORD_GATE_FUZZ"), reason="long run: AFTERWORD_GATE_FUZZ=N examples")
def test_fuzzed_rules_and_texts_long_run():
    _differential(int(os.environ["AFTERWORD_GATE_FUZZ"]))


# --- Every pattern character, every range near a cased character ---------------------------------

def _checked_text() -> str:
    from afterword.vale.gate import CHECKED_RANGES, unchecked_characters
    return "".join(chr(c) for start, end in CHECKED_RANGES for c in range(start, end + 1)
                   if chr(c) not in unchecked_characters() and not 0xD800 <= c <= 0xDFFF)


def _python_ignorecase(source: str, text: str) -> set[str]:
    import regex
    return (set(re.findall(source, text)) | set(regex.findall(source, text, regex.V0))
            | set(regex.findall(source, text, regex.V1)))


def _characters_missed(codes) -> list[str]:
    import re2
    checked, missed = _checked_text(), []
    for code in codes:
        source = "(?i)" + re.escape(chr(code))
        loose = relaxed(source)
        if loose is not None and _python_ignorecase(source, checked) - set(re2.findall(loose, checked)):
            missed.append(f"U+{code:04X}")
    return missed


def _cased_codes() -> list[int]:
    """Code points with a case partner in Python's or `regex`'s Unicode, and `re`'s extra folds."""
    import regex
    from re import _casefix
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    codes = set(map(ord, regex.findall(r"[\p{Cased}\p{CWCM}\p{CWCF}\p{Lt}]", every)))
    codes |= {ord(c) for c in every if c.lower() != c or c.upper() != c or c.casefold() != c}
    for key, values in _casefix._EXTRA_CASES.items():
        codes.add(key)
        codes.update(values)
    return sorted(codes)


def test_no_relaxed_pattern_character_folds_apart_from_pythons_on_checked_text():
    """`(?i)c` for every character with a case partner anywhere (~4,800): RE2's relaxed regex
    matches every checked character that `re`, `regex` V0 or V1 match. (Was: ı, U+A7DC.)"""
    assert _characters_missed(_cased_codes()) == []


def test_relaxed_ranges_near_cased_characters_cover_pythons():
    """`(?i)[lo-hi]` with lo a few code points before a cased character, of several widths."""
    import random

    import re2
    checked, cased, missed = _checked_text(), _cased_codes(), []
    pick = random.Random(7)
    for _ in range(600):
        low = max(pick.choice(cased) - pick.randint(0, 40), 0)
        high = min(low + pick.choice([0, 1, 5, 30, 200, 3000]), 0x10FFFF)
        if low <= 0xDFFF and high >= 0xD800:
            continue
        source = f"(?i)[\\U{low:08x}-\\U{high:08x}]"
        loose = relaxed(source)
        if loose is not None and _python_ignorecase(source, checked) - set(re2.findall(loose, checked)):
            missed.append(source)
    assert missed == []


@pytest.mark.skipif(not os.environ.get("AFTERWORD_GATE_FUZZ"), reason="long run (~5 min): every code point")
def test_no_relaxed_pattern_character_folds_apart_among_all_code_points():
    assert _characters_missed(c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF) == []


@pytest.mark.skipif(not os.environ.get("AFTERWORD_GATE_FUZZ"), reason="long run (~15 s): GitHub's real incident updates")
def test_house_style_on_githubs_real_updates_gives_the_same_alerts_three_ways(monkeypatch, shared_dir):
    """GitHub's 2,801 real incident updates (in documents of 50), as incidents and as postmortems."""
    import json

    folder = shared_dir / "peers" / "statuspage-githubstatus" / "incidents"
    bodies = [update["body"] for path in sorted(folder.glob("*.json"))
              for update in json.loads(path.read_text(encoding="utf-8"))["incident"].get("incident_updates", [])
              if update.get("body")]
    texts = ["\n\n".join(bodies[i:i + 50]) for i in range(0, len(bodies), 50)]
    ini = LUMEN / "styleguide" / ".vale.ini"

    def alerts(warm_up: int) -> list[str]:
        linter = Linter(load_config(ini))
        linter.context.candidates.WARM_UP = warm_up
        return [f"{path}:{a.line}:{a.column}:{a.check}:{a.match}" for i, text in enumerate(texts)
                for path in (f"incidents/{i}.md", f"postmortems/{i}.md") for a in linter.lint_text(text, path)]

    gated, literal_only = alerts(1), alerts(10**9)
    with monkeypatch.context() as patch:
        patch.setattr(literals_module.Alternation, "pattern_for", lambda self, block: (self.full, None))
        unfiltered = alerts(10**9)
    assert len(unfiltered) > 1000
    assert gated == unfiltered and literal_only == unfiltered
