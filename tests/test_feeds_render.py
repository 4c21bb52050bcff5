"""The shared Markdown renderer and HTML sanitiser (afterword.render) every page, feed and API uses."""

from __future__ import annotations

import pytest

from afterword.render import html_to_text, markdown_to_html, markdown_to_text, sanitize_html

HOST = "status.lumen.example"
BASE = f"https://{HOST}/incidents/x/"


def test_markdown_renders_common_structure():
    html = markdown_to_html("Some **bold** and `code`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx < y\n```")
    for fragment in ("<strong>bold</strong>", "<code>code</code>", "<li>one</li>", "<table>", "<td>2</td>", "x &lt; y"):
        assert fragment in html


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "<iframe src=https://e.example></iframe>",
    "<style>body{display:none}</style>",
    "<svg><script>alert(1)</script></svg>",
    '<p onclick="alert(1)" style="color:red">x</p>',
    "<object data=x></object><embed src=x>",
    '<form action="https://e.example"><input name=a></form>',
])
def test_behaviour_never_survives(hostile):
    outputs = [markdown_to_html(hostile)]
    if hostile.startswith("<"):  # Markdown link syntax is plain text to the HTML sanitiser
        outputs.append(sanitize_html(hostile))
    for html in outputs:
        lowered = html.lower()
        for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<style", "style=", "<object",
                    "<embed", "<form", "<input", "<svg", "alert(1)</"):
            assert bad not in lowered, (hostile, html)


def test_script_and_style_text_is_dropped_not_shown():
    assert markdown_to_text("Hi <script>alert(1)</script><style>p{}</style> there") == "Hi there"


def test_only_external_links_get_rel():
    html = markdown_to_html(f"[out](https://other.example/a) [in](https://{HOST}/b) [rel](/c)", base_url=BASE, site_host=HOST)
    assert '<a href="https://other.example/a" rel="noopener noreferrer">out</a>' in html
    assert f'<a href="https://{HOST}/b">in</a>' in html
    assert f'<a href="https://{HOST}/c">rel</a>' in html  # made absolute against base_url
    # Without a site host every absolute link counts as external.
    assert 'rel="noopener noreferrer"' in sanitize_html(f'<a href="https://{HOST}/b">in</a>')
    assert "rel=" not in sanitize_html('<a href="/b" rel="opener">in</a>')  # a writer's own rel is dropped


def test_attribute_values_with_angle_brackets_keep_their_rel():
    html = sanitize_html('<a href="https://e.example/?q=a>b" title="x>y">t</a>')
    assert html.endswith('rel="noopener noreferrer">t</a>')


def test_plain_text_keeps_paragraphs_lists_and_link_addresses():
    text = markdown_to_text("First **para**.\n\nSecond with [a link](/x/) and <https://e.example/>.\n\n- one\n- two", base_url=BASE)
    assert text == f"First para.\n\nSecond with a link (https://{HOST}/x/) and https://e.example/.\n\n- one\n- two"
    assert html_to_text("<p>A &amp; B</p><p>C</p>") == "A & B\n\nC"
