"""The tokens of a raw HTML block in Markdown, with the position of every text character.

Vale renders Markdown to HTML (raw HTML passes through) and walks the result with an HTML
tokenizer (`internal/lint/ast.go`), so a `<table>` written as HTML is scoped like a Markdown
table: `th`, `td` and `caption` text are `table.header`, `table.cell` and `table.caption`.
The standard library's `html.parser` reads the block; character references are decoded and
kept pointing at their `&...;` in the source, as the walker sees decoded text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

# Elements without an end tag: they never stay open.
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class HtmlEvent:
    kind: str  # "start" | "end" | "text"
    tag: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    text: str = ""
    offsets: list[int] = field(default_factory=list)  # index in the block's content, per character


class _Reader(HTMLParser):
    def __init__(self, content: str):
        super().__init__(convert_charrefs=False)
        self.events: list[HtmlEvent] = []
        self.line_starts = [0]
        for i, char in enumerate(content):
            if char == "\n":
                self.line_starts.append(i + 1)
        self._text: HtmlEvent | None = None

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _add_text(self, text: str, offsets: list[int]) -> None:
        if self._text is None:
            self._text = HtmlEvent("text")
            self.events.append(self._text)
        self._text.text += text
        self._text.offsets.extend(offsets)

    def _end_text(self) -> None:
        self._text = None

    def handle_data(self, data: str) -> None:
        start = self._here()
        self._add_text(data, list(range(start, start + len(data))))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def _reference(self, raw: str) -> None:
        start = self._here()
        text = unescape(raw)
        self._add_text(text, [start] * len(text))

    def handle_starttag(self, tag: str, attrs) -> None:
        self._end_text()
        self.events.append(HtmlEvent("start", tag, {k: v or "" for k, v in attrs}))
        if tag in VOID_TAGS:
            self.events.append(HtmlEvent("end", tag))

    def handle_startendtag(self, tag: str, attrs) -> None:
        self._end_text()
        self.events.append(HtmlEvent("start", tag, {k: v or "" for k, v in attrs}))
        self.events.append(HtmlEvent("end", tag))

    def handle_endtag(self, tag: str) -> None:
        self._end_text()
        self.events.append(HtmlEvent("end", tag))

    def handle_comment(self, data: str) -> None:  # `<!-- vale ... -->` is read by the caller
        self._end_text()


def html_events(content: str) -> list[HtmlEvent]:
    """Start tags, end tags and text nodes of ``content``, in order."""
    reader = _Reader(content)
    reader.feed(content)
    reader.close()
    return reader.events
