"""Front-matter fields as their own scopes, as Vale lints them (internal/lint/metadata.go).

Vale lints every top-level *string* field of YAML front matter on its own, before the body:
the value is one block of scope ``text.frontmatter.<key>.md`` (not split into sentences, not
part of the summary), placed where its scalar is in the file (core.FrontMatterValues). Lists,
mappings, numbers, dates and booleans are not linted; nor are fields whose scope matches
``IgnoredScopes`` (e.g. ``frontmatter.title.md``). TOML (``+++``) front matter is not read.
"""

from __future__ import annotations

import yaml

from .markdown import _Locator, front_matter_end
from .text import Block, LineIndex

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STRING_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


def front_matter_blocks(source: str) -> list[Block]:
    """One block per top-level string field of the YAML front matter, in document order."""
    if not source.startswith("---"):
        return []
    end = front_matter_end(source)
    if not end:
        return []
    first = source.find("\n") + 1
    closing = source.rfind("\n", 0, end - 1) + 1  # start of the closing `---` line
    lines = LineIndex(source[:end])  # the front matter's lines are the file's first ones
    blocks = []
    try:
        for key, node in _top_level_strings(source[first:closing]):
            if node.value.strip():
                blocks.append(_block(source, lines, key, node, closing))
    except yaml.YAMLError:
        return []  # Vale stops with an error here; `afterword validate` reports broken YAML
    return blocks


def _block(source: str, lines: LineIndex, key: str, node: yaml.ScalarEvent, closing: int) -> Block:
    # Marks count lines of the composed text, which starts one line into the file.
    start = lines.line_start(node.start_mark.line + 1) + node.start_mark.column
    if node.style in ('"', "'"):
        start += 1
    elif node.style in ("|", ">"):
        start = lines.line_start(node.start_mark.line + 2)  # content starts after the indicator line
    stop = lines.line_start(node.end_mark.line + 1) + node.end_mark.column
    locator = _Locator(source)
    locator.start_region(start, max(min(stop, closing), start))
    text = node.value
    offsets = locator.find(text)
    return Block(text, f"text.frontmatter.{key}.md", offsets, offsets[0] if offsets else start, parent=f"text.frontmatter.{key}.md")


def _top_level_strings(text: str):
    """(key, scalar event) for each top-level field whose value is a string.

    Reads parser events rather than composing the document: only top-level values need their
    type resolved, which keeps front matter with long lists cheap to read.
    """
    depth, expecting_key, key = 0, True, None
    for event in yaml.parse(text, Loader=_Loader):
        starts = isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
        if depth == 0 and starts and not isinstance(event, yaml.MappingStartEvent):
            return  # a list, not a mapping: no fields
        if depth == 1 and (starts or isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent))):
            if expecting_key:
                key = event.value if isinstance(event, yaml.ScalarEvent) else None
            elif isinstance(event, yaml.ScalarEvent) and key is not None:
                tag = event.tag if event.tag not in (None, "!") else _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
                if tag == _STRING_TAG:
                    yield str(key), event
            expecting_key = not expecting_key
        if starts:
            depth += 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
