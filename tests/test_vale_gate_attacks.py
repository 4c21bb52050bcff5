"""Attacks on the RE2 gate (afterword/vale/gate.py): rules and texts where linting with the gate
(WARM_UP=1) could differ from linting with the literal scan alone and from linting with no
filtering at all. Each recorded payload below was a missed finding before its fix; the
differential fuzzer at the end keeps looking."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from afterword.vale import Linter, load_config
from afterword.vale import literals as literals_module
from afterword.vale.gate import relaxed


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
    "fuzzy braces": ({"R": _existence(["(?:servers){e<=1}", "(?<=\\b(?:in|into) )q+"])}, "We added serverz.\n", ""),
}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_recorded_payloads_give_the_same_alerts_three_ways(name, tmp_path, monkeypatch):
    rules, text, ini_extra = PAYLOADS[name]
    gated, literal_only, unfiltered = _three_ways(tmp_path, monkeypatch, rules, text, ini_extra)
    assert unfiltered, name  # the payload does find something
    assert gated == unfiltered, name
    assert literal_only == unfiltered, name
