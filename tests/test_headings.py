"""An incident page's title heading filled into a converted marker equals Markdown's conversion."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import _ExtractTitleTreeprocessor

from afterword.site import headings
from afterword.site.headings import TitleHeadings

EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "def_list", "pymdownx.details", "pymdownx.superfences"]
BLOCKS = ["AFTERWORDRAWBLOCK0END", "AFTERWORDRAWBLOCK1END"]


def _converter(extensions=EXTENSIONS, configs=None):
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs or {})
    title = _ExtractTitleTreeprocessor()
    title._register(converter)
    return converter, title


def _both_ways(title: str, extensions=EXTENSIONS, configs=None):
    converter, extractor = _converter(extensions, configs)
    fast = TitleHeadings(extensions)
    fast.proven, fast.proven_marks = headings.PROOFS, set(headings._PUNCTUATION)  # no proof: the fill itself is compared
    parts = [f"# {title}", *BLOCKS]
    filled = fast.convert(converter, extractor, parts, True)
    converted = headings._convert(converter, extractor, parts)
    return filled, converted


TITLE_CHARACTERS = st.sampled_from(list("aZé9Ωж ") + list(headings._PUNCTUATION))


@settings(max_examples=300, deadline=None)
@given(st.text(TITLE_CHARACTERS, min_size=1, max_size=30))
def test_a_filled_in_heading_equals_markdowns(title):
    filled, converted = _both_ways(title)
    assert filled == converted


@pytest.mark.parametrize("configs", [{"toc": {"permalink": True}}, {"toc": {"anchorlink": True, "baselevel": 2}}, {}])
def test_toc_settings_are_kept(configs):
    filled, converted = _both_ways("Invoice emails down (EU), again: sorry!", configs=configs)
    assert filled == converted and "invoice-emails-down-eu-again-sorry" in filled[0]


def test_titles_markdown_would_change_are_converted():
    converter, extractor = _converter()
    fast = TitleHeadings(EXTENSIONS)
    for title in ["*Errors* in API", "A & B", "Sign-in <b>", "Logs `x`", "afterwordtitlemarker down", "  spaced", "a_b"]:
        assert headings._plain_title([f"# {title}"]) is None
    assert fast.convert(converter, extractor, ["# *Errors* in API"], True)[0] == '<h1 id="errors-in-api"><em>Errors</em> in API</h1>'


def test_an_extension_that_may_touch_words_turns_it_off():
    assert not TitleHeadings([*EXTENSIONS, "abbr"]).usable
    assert not TitleHeadings([*EXTENSIONS, object()]).usable


def test_a_difference_in_a_proof_turns_it_off(monkeypatch):
    converter, extractor = _converter()
    fast = TitleHeadings(EXTENSIONS)
    monkeypatch.setattr(headings, "_slug", lambda converter, title: "not-the-slug")
    out = fast.convert(converter, extractor, ["# Outage", *BLOCKS], True)
    assert out == headings._convert(converter, extractor, ["# Outage", *BLOCKS]) and not fast.usable


def test_a_page_with_more_than_html_blocks_is_converted(monkeypatch):
    converter, extractor = _converter()
    fast = TitleHeadings(EXTENSIONS)
    monkeypatch.setattr(headings, "_fill", lambda *args: pytest.fail("filled in"))
    parts = ["# Outage", BLOCKS[0], '!!! note ""\n    Retry *now*.']
    assert fast.convert(converter, extractor, parts, False) == headings._convert(converter, extractor, parts)
