"""Unit tests of afterword.vale: load errors, positions with front matter, each rule type, comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.vale import Linter, ValeConfigError, load_config


def make_style(tmp_path: Path, rules: dict[str, str], ini_extra: str = "", vocab: dict[str, str] | None = None) -> Linter:
    styles = tmp_path / "styles"
    (styles / "House").mkdir(parents=True)
    for name, body in rules.items():
        (styles / "House" / f"{name}.yml").write_text(body, encoding="utf-8")
    for filename, text in (vocab or {}).items():
        folder = styles / "config" / "vocabularies" / "Base"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / filename).write_text(text, encoding="utf-8")
    ini = tmp_path / ".vale.ini"
    ini.write_text(f"StylesPath = styles\nMinAlertLevel = suggestion\n{ini_extra}\n[*.md]\nBasedOnStyles = House\n", encoding="utf-8")
    return Linter(load_config(ini))


def lines(linter: Linter, text: str, path: str = "doc.md") -> list[str]:
    return [f"{a.line}:{a.column}:{a.check}:{a.message}" for a in linter.lint_text(text, path=path)]


EXISTENCE = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\nignorecase: true\ntokens:\n  - simply\n"


def test_unsupported_rule_type_is_a_load_error_naming_the_file(tmp_path):
    with pytest.raises(ValeConfigError) as error:
        make_style(tmp_path, {"Spell": "extends: spelling\nmessage: \"'%s'?\"\n"})
    assert str(tmp_path / "styles" / "House" / "Spell.yml") in error.value.message
    assert "spelling" in error.value.message


def test_bad_regex_and_bad_yaml_name_the_rule_file(tmp_path):
    with pytest.raises(ValeConfigError, match=r"Bad\.yml: invalid regular expression"):
        make_style(tmp_path / "a", {"Bad": "extends: existence\nmessage: x\ntokens:\n  - '(unclosed'\n"})
    with pytest.raises(ValeConfigError, match=r"Broken\.yml:\d+: invalid YAML"):
        make_style(tmp_path / "b", {"Broken": "extends: existence\nmessage: [unclosed\n"})


def test_positions_count_front_matter_and_markup(tmp_path):
    linter = make_style(tmp_path, {"Simply": EXISTENCE})
    text = "---\ntitle: Simply a title\n---\n\n# Heading\n\nIt is **simply** done and `simply` code.\n"
    # The front-matter title is linted as its own field (Vale's lintMetadata), in place.
    assert lines(linter, text) == ["2:8:House.Simply:Avoid 'Simply'.", "7:9:House.Simply:Avoid 'simply'."]
    alert = linter.lint_text(text, path="doc.md")[-1]
    assert alert.span == (9, 14) and alert.severity == "error" and alert.match == "simply"
    assert alert.to_problem().rule == "House.Simply"


def test_front_matter_string_fields_are_their_own_scopes(tmp_path):
    only_title = "extends: existence\nmessage: \"Title: '%s'.\"\nscope: text.frontmatter.title\ntokens:\n  - Simply\n"
    linter = make_style(tmp_path, {"Simply": EXISTENCE, "Title": only_title}, ini_extra="IgnoredScopes = code, tt, frontmatter.author.md")
    text = (
        "---\ntitle: \"Simply done\"\ndescription: |\n  Two lines,\n  simply.\nauthor: simply me\n"
        "tags: [simply]\nweight: 8\ninternal:\n  note: simply\n---\n\nBody.\n"
    )
    assert lines(linter, text) == [
        "2:9:House.Simply:Avoid 'Simply'.",  # inside the quotes
        "2:9:House.Title:Title: 'Simply'.",
        "5:3:House.Simply:Avoid 'simply'.",  # a block scalar's own line
    ]  # author: ignored scope; tags, weight and nested mappings: not strings at the top level


def test_substitution_with_capitalize_and_replace_action(tmp_path):
    rule = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\ncapitalize: true\naction:\n  name: replace\nswap:\n  utilize: use\n"
    linter = make_style(tmp_path, {"Use": rule})
    assert lines(linter, "Utilize it. We utilize it.\n") == ["1:1:House.Use:Use 'Use' instead of 'Utilize'.", "1:16:House.Use:Use 'use' instead of 'utilize'."]


def test_occurrence_repetition_consistency_conditional(tmp_path):
    linter = make_style(tmp_path, {
        "Long": "extends: occurrence\nmessage: 'Too many commas (%s).'\nscope: sentence\nmax: 2\ntoken: ','\n",
        "Rep": "extends: repetition\nmessage: \"'%s' is repeated!\"\nignorecase: true\nalpha: true\ntokens:\n  - '[^\\s]+'\n",
        "Spell": "extends: consistency\nmessage: \"Inconsistent spelling of '%s'.\"\nignorecase: true\neither:\n  colour: color\n",
        "Acro": "extends: conditional\nmessage: \"'%s' has no definition.\"\nfirst: '\\b([A-Z]{3,5})\\b'\nsecond: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\n",
    })
    text = "A, b, c, d here.\n\nThe the end.\n\nThe colour and the color.\n\nWorld Health Organization (WHO) and WHO and NASA.\n"
    assert lines(linter, text) == [
        "1:2:House.Long:Too many commas (3).",
        "3:1:House.Rep:'the' is repeated!",
        "5:20:House.Spell:Inconsistent spelling of 'color'.",
        "7:45:House.Acro:'NASA' has no definition.",
    ]


def test_capitalization_and_metric(tmp_path):
    linter = make_style(tmp_path, {
        "Head": "extends: capitalization\nmessage: \"'%s' should be sentence-cased\"\nscope: heading\nmatch: $sentence\n",
        "Count": "extends: metric\nmessage: 'Has %s H2s.'\nformula: heading.h2\ncondition: '> 1'\n",
    })
    text = "# Good heading here\n\n## Bad Heading Here Now\n\n## Another one\n"
    assert lines(linter, text) == ["3:4:House.Head:'Bad Heading Here Now' should be sentence-cased", "1:1:House.Count:Has 2.00 H2s."]


def test_scopes_and_code_is_ignored(tmp_path):
    rule = EXISTENCE.replace("level: error", "level: error\nscope: heading")
    linter = make_style(tmp_path, {"Simply": rule})
    text = "# Simply\n\nsimply\n\n```\nsimply\n```\n"
    assert lines(linter, text) == ["1:3:House.Simply:Avoid 'Simply'."]


def test_vale_comments_switch_rules_off_and_on(tmp_path):
    linter = make_style(tmp_path, {"Simply": EXISTENCE})
    text = "simply one\n\n<!-- vale off -->\n\nsimply two\n\n<!-- vale on -->\n\n<!-- vale House.Simply = NO -->\n\nsimply three\n\n<!-- vale House.Simply = YES -->\n\nsimply four\n"
    assert [a.line for a in linter.lint_text(text, path="doc.md")] == [1, 15]


def test_ini_overrides_globs_and_levels(tmp_path):
    linter = make_style(tmp_path, {"Simply": EXISTENCE}, ini_extra="[drafts/*.md]\nHouse.Simply = NO\n[postmortems/*.md]\nHouse.Simply = warning\n")
    # Sections apply in file order; the later [*.md] section does not turn the rule back on.
    assert linter.lint_text("simply\n", path="drafts/a.md") == []
    assert linter.lint_text("simply\n", path="postmortems/a.md")[0].severity == "warning"
    assert linter.lint_text("simply\n", path="notes.txt") == []


def test_vocabulary_accept_and_reject(tmp_path):
    linter = make_style(tmp_path, {}, ini_extra="Vocab = Base", vocab={"accept.txt": "Kubernetes\n", "reject.txt": "whitelist\n"})
    linter.config.sections[0].based_on_styles = ["House", "Vale"]
    linter = Linter(linter.config)
    found = lines(linter, "We run kubernetes with a whitelist.\n")
    assert found == ["1:8:Vale.Terms:Use 'Kubernetes' instead of 'kubernetes'.", "1:26:Vale.Avoid:Avoid using 'whitelist'."]


def test_rules_are_compiled_once(tmp_path, monkeypatch):
    linter = make_style(tmp_path, {"Simply": EXISTENCE})
    monkeypatch.setattr(Path, "read_text", lambda *a, **k: pytest.fail("a rule file was read again"))
    for _ in range(3):
        assert linter.lint_text("simply\n", path="a.md")


def test_literal_prefilter_keeps_every_match_of_the_full_alternation(tmp_path):
    """Tokens are narrowed to those whose required text occurs; results equal the full regex."""
    from afterword.vale.literals import required_literals

    assert required_literals("a lot(?:s)?") == ["a lot"]
    assert required_literals(r"(?:foo|bar)bazz\b") == ["bazz"]
    assert required_literals(r"[Cc]lich(?:e|é)") == ["clich"]
    assert required_literals(r"\w+ly") == ["ly"]
    assert required_literals(r"\d+") == ["0"]  # any digit, read as "0"
    assert required_literals(r"\b\d{2,4}g\b") == ["00g"]
    assert required_literals(r"\s+") is None
    rule = "extends: existence\nmessage: \"'%s'\"\nignorecase: true\ntokens:\n  - a lot\n  - at the end of the day\n  - '\\w+ly'\n  - '\\d{3}'\n"
    linter = make_style(tmp_path, {"Many": rule})
    text = "A LOT of it, sadly, at the End of the Day: 404.\n\nNothing here.\n"
    assert [a.match for a in linter.lint_text(text, path="a.md")] == ["A LOT", "sadly", "at the End of the Day", "404"]


def test_bare_urls_are_masked_and_alt_text_is_its_own_scope(tmp_path):
    term = "extends: substitution\nmessage: \"Use '%s' instead of '%s'\"\nswap:\n  term: Term\n"
    alt = "extends: existence\nmessage: \"alt '%s'\"\nscope: alt\ntokens:\n  - pancake\n"
    linter = make_style(tmp_path, {"Term": term, "Alt": alt})
    text = "See https://abc.com/term here.\n\n![pancake stack](/a.png) and term.\n"
    assert lines(linter, text) == ["3:3:House.Alt:alt 'pancake'", "3:30:House.Term:Use 'Term' instead of 'term'"]


def test_inline_markup_reads_as_vales_html_text(tmp_path):
    """`**bold**text` reads `bold text`; a match across markup is reported at the line start."""
    rule = "extends: repetition\nmessage: \"'%s' is repeated!\"\nignorecase: true\nalpha: true\ntokens:\n  - '[^\\s.!?]+'\n"
    spacing = "extends: existence\nmessage: \"'%s'\"\nnonword: true\ntokens:\n  - '[a-z][.?!,][A-Z]'\n"
    linter = make_style(tmp_path, {"Rep": rule, "Space": spacing})
    text = "We use _use_ markup.\n\n1. First step.\n   - Nested **item** here.\n"
    assert lines(linter, text) == ["1:1:House.Rep:'use' is repeated!"]


def test_multi_line_blockquote_matches_are_placed_by_search_as_vale_does(tmp_path):
    # Vale's assignLoc puts a match of a blockquote/list/heading/cell on the block's last line at
    # the first occurrence there, then de-duplicates by line, column and rule (misc: Vocab).
    linter = make_style(tmp_path, {"Simply": EXISTENCE})
    quote = "> I simply said.\n> It is simply so.\n"
    assert lines(linter, quote) == ["2:9:House.Simply:Avoid 'simply'."]
    # Text not on the last line keeps its own position; paragraphs are placed exactly.
    assert lines(linter, "- I simply said\n  no more.\n") == ["1:5:House.Simply:Avoid 'simply'."]
    assert lines(linter, "I simply said.\nIt is simply so.\n") == ["1:3:House.Simply:Avoid 'simply'.", "2:7:House.Simply:Avoid 'simply'."]


def test_raw_html_tables_are_scoped_like_markdown_tables(tmp_path):
    # Vale renders Markdown to HTML and walks it: raw <caption>, <th>, <td> are table scopes.
    caption = EXISTENCE.replace("level: error", "level: error\nscope: table.caption")
    cell = EXISTENCE.replace("level: error", "level: error\nscope: table.cell").replace("Avoid", "Cell")
    linter = make_style(tmp_path, {"Caption": caption, "Cell": cell})
    text = ("Intro simply.\n\n<table>\n  <caption>Just simply</caption>\n  <tr><th>simply</th></tr>\n"
            "  <tr><td>A &amp; <b>simply</b> b</td><td><pre>simply</pre></td></tr>\n</table>\n")
    assert lines(linter, text) == ["4:17:House.Caption:Avoid 'simply'.", "6:22:House.Cell:Cell 'simply'."]


TOKEN_BY_TOKEN_CASES = [
    # overlapping tokens, an earlier token winning a tie, a lookbehind only the regex module reads
    [r"a b", r"a b c", r"b c d", r"(?<=\b(?:of|to) )two\s\w+", r"\d+\s?(?:gb|tb)", r"\d+"],
    [r"(?<=\b(?:with|across) )(?:two|three)\s(?:[a-z-]+\s){0,2}servers", r"\d+(?:,\d{3})*\s(?:[a-z-]+\s){0,2}servers",
     r"from \d+ to \d+", r"servers"],
]
FRAGMENTS = ["a", "b", "c", "d", " ", "of ", "to ", "with ", "across ", "two ", "three ", "servers", "10", ",000",
             " gb", "GB", "from 2 ", "to 9", "\n", ".", "old "]


@pytest.mark.parametrize("tokens", TOKEN_BY_TOKEN_CASES)
@pytest.mark.parametrize("word", [True, False])
def test_token_by_token_finds_what_the_alternation_finds(tokens, word):
    """A rule needing the regex module runs one regex per token; its matches equal the alternation's."""
    import regex
    from hypothesis import given, settings, strategies as st

    from afterword.vale.literals import TokenByToken
    from afterword.vale.rules.base import make_regexp

    def compiled(chosen):
        return regex.compile(make_regexp("", True, word, "|".join(chosen)), regex.V1)

    full = compiled(tokens)
    singles = TokenByToken([compiled([t]) for t in tokens], full)

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
    def same(text):
        assert [m.span() for m in singles.finditer(text)] == [m.span() for m in full.finditer(text)]

    same()


def test_capacity_rule_token_by_token_on_real_postmortems():
    """The house style's Capacity rule (regex module) gives the same alerts token by token, on the
    real-text corpus (54 published postmortems)."""
    import yaml
    import regex

    from afterword.vale.literals import TokenByToken
    from afterword.vale.rules.base import make_regexp

    root = Path(__file__).resolve().parents[1]
    tokens = yaml.safe_load((root / "styleguide/styles/Afterword/Capacity.yml").read_text(encoding="utf-8"))["tokens"]
    full = regex.compile(make_regexp("", True, False, "|".join(tokens)), regex.V1)
    singles = TokenByToken([regex.compile(make_regexp("", True, False, t), regex.V1) for t in tokens], full)
    texts = sorted((root / "tests/data/realworld").rglob("*.md"))
    assert len(texts) > 50
    found = 0
    for path in texts:
        text = path.read_text(encoding="utf-8")
        expected = [m.span() for m in full.finditer(text)]
        assert [m.span() for m in singles.finditer(text)] == expected, path.name
        found += len(expected)
    assert found > 20


def test_required_literals_are_in_every_match():
    """Sound filtering: whatever a pattern matches contains one of its required literals (compared
    case-folded, digits as "0"), for patterns built from literals, digit classes, repeats, groups
    and alternatives."""
    import re

    from hypothesis import given, settings, strategies as st

    from afterword.vale.literals import fold, required_literals

    atoms = st.sampled_from(["a", "B", "x", "7", r"\d", "[0-9]", "[Tt]", r"\.", " ", r"\s", r"\w", "[13]"])
    quantified = st.tuples(atoms, st.sampled_from(["", "+", "*", "?", "{2}", "{1,3}", "{2,}"])).map("".join)
    sequence = st.lists(quantified, min_size=1, max_size=5).map("".join)
    pattern = st.one_of(sequence, st.lists(sequence, min_size=2, max_size=3).map(lambda p: "(?:" + "|".join(p) + ")"),
                        st.tuples(sequence, sequence, sequence).map(lambda t: f"{t[0]}(?:{t[1]})?{t[2]}"))
    texts = st.lists(st.sampled_from(["a", "b", "B", "x", "X", "7", "3", "0", ".", " ", "t", "T", "1", "٣"]), max_size=14).map("".join)

    @settings(max_examples=1500, deadline=None)
    @given(pattern, texts)
    def sound(source, text):
        literals = required_literals(source)
        if literals is not None and re.search(source, text):
            assert any(literal in fold(text) for literal in literals), (source, text, literals)

    sound()


def test_a_rule_the_regex_engine_cannot_run_fails_the_file_with_a_finding_not_a_traceback(tmp_path):
    """`regex` raises MemoryError on some fuzzy patterns (`\\b+?x{e<=1}`): the file gets an error
    naming the rule file, and the other rules still run."""
    fuzzy = "extends: existence\nmessage: \"'%s'\"\nlevel: warning\ntokens:\n  - '\\b+?x{e<=1}'\n"
    linter = make_style(tmp_path, {"Fuzzy": fuzzy, "Simple": EXISTENCE})
    alerts = linter.lint_text("It simply works, ab cd.\n", "doc.md")
    assert [(a.line, a.column, a.check) for a in alerts if a.check == "House.Simple"] == [(1, 4, "House.Simple")]
    fuzzy_alerts = [a for a in alerts if a.check == "House.Fuzzy"]
    assert len(fuzzy_alerts) == 1 and fuzzy_alerts[0].severity == "error" and (fuzzy_alerts[0].line, fuzzy_alerts[0].column) == (1, 1)
    assert "ran out of memory" in fuzzy_alerts[0].message and "Fuzzy.yml" in fuzzy_alerts[0].message
