"""The plain-text fast path of the renderer gives exactly what Markdown + the sanitiser give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from afterword import render

PROSE = st.text(alphabet=st.sampled_from(list("abcdefghij ABCDEF 0123456789 .,;:'\"()%?!-+/\n\t\u00e9\u00a0")), max_size=200)
# What update bodies look like: sentences with clock times, which must stay on the fast path.
SENTENCE = st.sampled_from([
    "We are looking into it.", "We will post the next update by", "Card payments work again.", "Fixed!", "!!!", "! note",
    "Retry at", "Contact support.", "Note:", "ETA", "(UTC)",
])
TIME = st.builds(lambda h, m, zone: f"{h:02d}:{m:02d}{zone}", st.integers(0, 23), st.integers(0, 59), st.sampled_from(["", " UTC", " UTC.", "."]))
BODY = st.lists(st.one_of(SENTENCE, TIME, st.sampled_from([" ", "\n", "\n\n", ": ", " :"])), max_size=12).map("".join)


def full_path(text: str, base_url: str | None = None) -> str:
    return render.sanitize_html(render._converter().reset().convert(text), base_url=base_url)


@settings(max_examples=400, deadline=None)
@given(st.one_of(PROSE, BODY))
def test_fast_path_output_equals_the_full_renderer(text):
    if not render.is_plain_text(text):
        return  # not plain text: the full renderer handles it
    assert render.plain_paragraphs_html(text) == full_path(text)
    assert render.plain_paragraphs_html(text) == full_path(text, base_url="https://status.example/")  # feeds


def test_times_take_the_fast_path():
    for text in ["We will post the next update by 23:50 UTC.", "Since 09:15 UTC, errors are back to normal.\n\nNext update: 10:00 UTC."]:
        assert render.is_plain_text(text), text


def test_markup_takes_the_full_path():
    for text in ["*bold*", "a <b>tag</b>", "[link](https://x.example)", "# heading", "- item", "1. item", "> quote", "    code",
                 "a &amp; b", "line  \nbreak", "https://x.example", "term\n: definition", "term\n   : definition"]:
        assert render._MARKUP.search(text), text
        assert render.markdown_to_html(text) == full_path(text)


def full_text(text: str, base_url: str | None = None) -> str:
    extractor = render._TextExtractor()
    extractor.feed(full_path(text, base_url))
    extractor.close()
    return extractor.text()


@settings(max_examples=400, deadline=None)
@given(st.one_of(PROSE, BODY))
def test_plain_text_output_equals_the_extractor(text):
    """The API's and feeds' plain text of a plain body, without rendering and re-parsing it."""
    if not render.is_plain_text(text):
        return
    assert render.markdown_to_text(text) == full_text(text)
    assert render.markdown_to_text(text, base_url="https://status.example/") == full_text(text, "https://status.example/")
