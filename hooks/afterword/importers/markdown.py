"""Turn another tool's update text (HTML or plain text) into Markdown that fits inside one update.

An Afterword update body may not contain '#' or '##' headings: '##' starts the next update, and a
page-level heading inside an update breaks the page outline. Such headings are demoted to '###'.
"""

from __future__ import annotations

import re

from markdownify import markdownify

from ..fences import FENCE, lines_with_fences

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_HIGH_HEADING = re.compile(r"^( {0,3})#{1,2}(?=[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# Old Statuspage exports carry the four characters '\r\n' literally inside the text.
_LITERAL_NEWLINE = re.compile(r"(?:\\r)?\\n")

NO_TEXT = "_No text was published with this update._"


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


def to_markdown(text: str | None) -> str:
    """Markdown for one update: HTML is converted, plain text kept, headings demoted."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = _LITERAL_NEWLINE.sub("<br>", text)
        text = markdownify(text, heading_style="ATX", bullets="-")
    else:
        text = _LITERAL_NEWLINE.sub("\n", text)
    text = demote_headings(text)
    text = "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text or NO_TEXT


def demote_headings(text: str) -> str:
    """Make '#' and '##' headings (ATX or setext) level 3, leaving code fences alone."""
    result: list[str] = []
    for _, line, fenced in lines_with_fences(text):
        if fenced:
            result.append(line)
            continue
        if _HIGH_HEADING.match(line):
            result.append(_HIGH_HEADING.sub(r"\1###", line, count=1))
            continue
        if _SETEXT_UNDERLINE.match(line) and result and result[-1].strip() and not FENCE.match(result[-1]):
            # 'Title' over '---' or '===' is a heading: make it an ATX level-3 heading instead.
            if not result[-1].lstrip().startswith(("-", "*", "+", ">", "|")) and not result[-1].lstrip().startswith("#"):
                result[-1] = "### " + result[-1].strip()
                continue
        result.append(line)
    return "\n".join(result)
