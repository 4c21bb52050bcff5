"""Vale's own fixture suite (../shared/vale-fixtures) run through `afterword vale`.

Each scenario in `features/*.feature` names a fixture folder and arguments; upstream runs
`vale --output=line --sort --normalize --relative --no-global <args>` there and compares the
output with the scenario's triple-quoted block. Afterword lints Markdown only, so each scenario
is compared on its Markdown projection: the `.md` files it lints and the expected lines for
them. Scenarios with no Markdown input, or that need features this engine does not have, are
strict expected failures with the reason -- never silent skips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from afterword import cli
from afterword.vale.candidates import TokenCandidates

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "vale-fixtures"
FLAGS = ["vale", "--output=line", "--sort", "--normalize", "--relative", "--no-global"]
MARKDOWN = re.compile(r"^[^:]+\.md:")

# step pattern -> (folder under fixtures/, arguments); `{0}` is the step's quoted value.
STEPS = [
    (re.compile(r'^I test "(.*)"$'), "{0}", ["."]),
    (re.compile(r'^I lint "(.*)"$'), "formats", None),
    (re.compile(r'^I test comments for "(.*)"$'), "comments", None),
    (re.compile(r'^I test patterns for "(.*)"$'), "patterns", None),
    (re.compile(r'^I test scope "(.*)"$'), "scopes/{0}", ["."]),
    (re.compile(r'^I apply style "(.*)"$'), "styles/{0}", ["."]),
    (re.compile(r'^I use Vocab "(.*)"$'), "vocab/{0}", ["."]),
    (re.compile(r'^I lint with config "(.*)"$'), "formats", "config"),
]

# Markdown scenarios that need rule types out of scope by design (spelling, sequence, script,
# readability: clear load errors here), and why. Strict: one that starts passing fails the suite
# until it is taken off this list.
KNOWN_FAILURES: dict[str, str] = {
    'checks: Script': 'uses a `script` rule (Tengo runtime not implemented): load error by design',
    'checks: Sequence': 'uses `sequence` rules (part-of-speech tagging not implemented): load error by design',
    'checks: Spelling': 'uses Vale.Spelling (Hunspell not implemented): load error by design',
    'misc: Spelling': 'uses `spelling` rules (Hunspell not implemented): load error by design',
    'misc: v3.0 Spelling': 'uses Vale.Spelling (Hunspell not implemented): load error by design',
    'misc: Duplicate matches': 'enables Vale.Spelling (Hunspell not implemented): load error by design',
    'config: External config (direct)': 'the style enables `spelling` rules (demo.Filters, demo.Spellcheck): load error by design',
    'config: External config': 'the style enables `spelling` rules (demo.Filters, demo.Spellcheck): load error by design',
    'styles: Lint against demo': 'style demo holds `spelling`, `readability` and `script` rules: load error by design',
    'misc: infostrings': 'expected output is Vale.Spelling only (Hunspell not implemented)',
    'misc: Multi-word vocab phrases (#1035)': 'expects a Vale.Spelling alert (Hunspell not implemented)',
    'comments: Markdown': 'the style enables `spelling` rules (demo.Filters): load error by design',
    'comments: Inline vale off with inline markup (#1001)': 'the style enables `spelling` rules (demo.Filters): load error by design',
}


@dataclass
class Scenario:
    id: str
    step: str
    expected: list[str] | None  # None: the scenario checks something other than exact output
    folder: str | None = None
    args: list[str] | None = None
    out_of_scope: str = ""


def _parse(feature: Path) -> list[Scenario]:
    scenarios, name, step, lines = [], None, None, feature.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        text = lines[i].strip()
        if text.startswith("#"):
            i += 1
            continue
        if text.startswith("Scenario:"):
            name, step = text[len("Scenario:") :].strip(), None
        elif text.startswith(("When ", "And I ", "Given ")) and step is None and not text.startswith("Given a file"):
            step = text.split(" ", 1)[1]
        elif text.startswith("Then") and name:
            expected = None
            if text.startswith("Then the output should contain exactly:") and lines[i + 1].strip() == '"""':
                i += 2
                block = []
                while lines[i].strip() != '"""':
                    block.append(lines[i].strip())
                    i += 1
                expected = [b for b in block if b]
            elif "should not contain anything" in text:
                expected = []
            scenarios.append(Scenario(f"{feature.stem}: {name}", step or "", expected))
            name = None
        i += 1
    return scenarios


def _resolve(scenario: Scenario) -> Scenario:
    if scenario.expected is None:
        scenario.out_of_scope = "checks output only partially ('should contain' / 'should not contain'), not line for line"
        return scenario
    for pattern, folder, args in STEPS:
        found = pattern.match(scenario.step)
        if not found:
            continue
        value = found.group(1)
        scenario.folder = folder.format(value)
        if args == "config":
            scenario.args = [f"--config={value}", "test.md"]
        else:
            scenario.args = args or value.split()
        break
    else:
        scenario.out_of_scope = f"step '{scenario.step}' needs a Vale feature outside Markdown linting (globs, stdin, --ext, filters, packages, scratch configs)"
        return scenario
    where = FIXTURES / "fixtures" / scenario.folder
    inputs = [a for a in scenario.args if not a.startswith("--")]
    has_markdown = any(
        (where / a).is_dir() and any(p.suffix == ".md" for p in (where / a).rglob("*.md")) or a.endswith(".md") for a in inputs
    )
    if not has_markdown:
        scenario.out_of_scope = "no Markdown input (other formats need external tools upstream)"
    return scenario


def _scenarios() -> list[Scenario]:
    if not (FIXTURES / "features").is_dir():
        return []
    found = []
    for feature in sorted((FIXTURES / "features").glob("*.feature")):
        found.extend(_resolve(s) for s in _parse(feature))
    return found


SCENARIOS = _scenarios()
RESULTS: dict[str, bool] = {}


def _params():
    for scenario in SCENARIOS:
        marks = []
        if scenario.out_of_scope:
            marks.append(pytest.mark.xfail(reason=f"out of scope: {scenario.out_of_scope}", strict=True, run=False))
        elif scenario.id in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(reason=KNOWN_FAILURES[scenario.id], strict=True))
        yield pytest.param(scenario, id=scenario.id, marks=marks)


@pytest.mark.parametrize("scenario", list(_params()))
def test_scenario(scenario: Scenario, shared_dir, monkeypatch, capsys) -> None:
    if scenario.out_of_scope:
        pytest.fail(scenario.out_of_scope)
    monkeypatch.chdir(FIXTURES / "fixtures" / scenario.folder)
    # The RE2 gate (vale/gate.py) from the first file on, so Vale's own expectations check it too.
    monkeypatch.setattr(TokenCandidates, "WARM_UP", 1)
    status = cli.main(FLAGS + scenario.args)
    captured = capsys.readouterr()
    produced = [line for line in captured.out.splitlines() if MARKDOWN.match(line)]
    expected = [line for line in scenario.expected or [] if MARKDOWN.match(line)]
    RESULTS[scenario.id] = produced == expected and status in (0, 1)
    assert status in (0, 1), captured.err
    assert produced == expected


def test_conformance_summary(shared_dir) -> None:
    """Prints the pass count; runs last in this file, after every scenario."""
    markdown = [s for s in SCENARIOS if not s.out_of_scope]
    in_scope = [s for s in markdown if s.id not in KNOWN_FAILURES]
    passed = sum(1 for s in in_scope if RESULTS.get(s.id))
    line = (
        f"vale conformance: {passed}/{len(in_scope)} in-scope Markdown scenarios pass; out of scope: "
        f"{len(markdown) - len(in_scope)} Markdown scenarios needing unsupported rule types, "
        f"{len(SCENARIOS) - len(markdown)} for other formats or partial checks"
    )
    print("\n" + line)
    assert in_scope, "no scenario was found in ../shared/vale-fixtures/features"
    assert RESULTS, "run the whole file: the scenarios record their results for this summary"
