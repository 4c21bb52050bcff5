"""The plain-text fast path of the renderer gives exactly what Markdown + the sanitiser give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from afterword import render

PROSE = st.text(alphabet=st.sampled_from(list("abcdefghij ABCDEF 0123456789 .,;'\"()%?-+/\n\t\u00e9\u00a0")), max_size=200)


def full_path(text: str) -> str:
    return render.sanitize_html(render._converter().reset().convert(text))


@settings(max_examples=400, deadline=None)
@given(PROSE)
def test_fast_path_output_equals_the_full_renderer(text):
    if not render.is_plain_text(text):
        return  # not plain text: the full renderer handles it
    assert render.plain_paragraphs_html(text) == full_path(text)


def test_markup_takes_the_full_path():
    for text in ["*bold*", "a <b>tag</b>", "[link](https://x.example)", "# heading", "- item", "1. item", "> quote", "    code", "a &amp; b", "line  \nbreak", "https://x.example"]:
        assert render._MARKUP.search(text), text
        assert render.markdown_to_html(text) == full_path(text)
