"""Split a content file into YAML front matter and Markdown body, keeping source positions.

The YAML is read safely and defensively: no Python tags, no aliases (a "billion laughs" file
composes cheaply but explodes when anything walks it), bounded depth, no implicit timestamps
(Afterword parses times itself so every time gets the same zone rules and error messages).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import ContentError

MAX_DEPTH = 12
MAX_FRONT_MATTER_BYTES = 64 * 1024
SAFE_NESTING_BOUND = 1000  # libyaml's composer recursed 10,000 levels fine and crashed at 30,000

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader without the implicit timestamp resolver."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

# The tags plain YAML resolves to; '!!python/...' shares the prefix, so the prefix is not enough.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map"))

Position = tuple  # a path of keys and list indexes, e.g. ("follow_ups", 0, "status")


@dataclass
class FrontMatter:
    data: dict[str, Any]
    # 1-based file line and column of every key and list item, by its path.
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    start_line: int = 1  # line of the opening '---'
    end_line: int = 1  # line of the closing '---'

    def line_of(self, *path: object) -> int:
        return self.position_of(*path)[0]

    def position_of(self, *path: object) -> tuple[int, int]:
        key = tuple(path)
        while key:
            if key in self.positions:
                return self.positions[key]
            key = key[:-1]
        return (self.start_line, 1)


@dataclass
class SourceText:
    """A content file split into parts; line numbers are 1-based and count from the file's top."""

    front_matter: FrontMatter
    body: str
    body_start_line: int  # file line of the body's first line


# Read-only results: the loader, the style check and each preview rebuild split the same files again.
@functools.lru_cache(maxsize=4096)
def split_document(text: str) -> SourceText:
    """Split ``text`` (already decoded, newlines normalised) or raise ContentError. The result is
    shared by every caller with the same text: read it, never change it."""
    if not text.strip():
        raise ContentError("the file is empty: it needs front matter between '---' lines and at least one update", rule="afterword.frontmatter")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise ContentError("the file must start with front matter: a line '---', the YAML keys, and a closing '---'", rule="afterword.frontmatter")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            closing = index
            break
    else:
        raise ContentError("the front matter is not closed: add a line '---' after the last key", 1, 1, rule="afterword.frontmatter")
    yaml_text = "\n".join(lines[1:closing])
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise ContentError(f"the front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KB: move long text into the body", 2, 1, rule="afterword.frontmatter")
    front = parse_front_matter(yaml_text, first_line=2)
    front.start_line, front.end_line = 1, closing + 1
    body = "\n".join(lines[closing + 1 :])
    return SourceText(front, body, closing + 2)


def _check_depth(yaml_text: str, first_line: int) -> None:
    """Reject deep nesting from the event stream, before composing.

    libyaml's parser keeps explicit stacks, but the composer recurses once per level in C: some
    ten thousand '[' crash the interpreter (a segfault, not a RecursionError). Events are cheap.
    """
    # Every level of nesting needs a new line or one of these characters; ordinary front matter
    # has far fewer than the composer can take, so it skips the extra pass.
    if sum(yaml_text.count(c) for c in "\n[{-?") < SAFE_NESTING_BOUND:
        return
    depth = 0
    for event in yaml.parse(yaml_text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:  # +1: the front matter mapping itself
                mark = event.start_mark
                raise ContentError(f"the front matter is nested more than {MAX_DEPTH} levels deep", mark.line + first_line, mark.column + 1, rule="afterword.yaml")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def parse_front_matter(yaml_text: str, first_line: int = 1) -> FrontMatter:
    try:
        _check_depth(yaml_text, first_line)
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        column = (mark.column + 1) if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise ContentError(f"the front matter is not valid YAML: {problem}", line, column, rule="afterword.yaml") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"the front matter is not valid YAML: {exc}", first_line, 1, rule="afterword.yaml") from None
    except RecursionError:
        raise ContentError("the front matter is nested too deeply", first_line, 1, rule="afterword.yaml") from None
    if node is None:
        return FrontMatter({}, {})
    if not isinstance(node, yaml.MappingNode):
        raise ContentError("the front matter must be a list of 'key: value' lines", node.start_mark.line + first_line, 1, rule="afterword.yaml")
    positions: dict[tuple, tuple[int, int]] = {}
    _check_node(node, (), 0, set(), positions, first_line)
    # Construct from the node already composed and checked, rather than parsing twice.
    loader = _Loader("")
    try:
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        raise ContentError(f"the front matter has a value YAML cannot read: {exc.problem}", line, 1, rule="afterword.yaml") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):  # pragma: no cover - mapping node guarantees a dict
        raise ContentError("the front matter must be a mapping", first_line, 1, rule="afterword.yaml")
    return FrontMatter(data, positions)


def _check_node(node: yaml.Node, path: tuple, depth: int, seen: set[int], positions: dict, first_line: int) -> None:
    line = node.start_mark.line + first_line
    if depth > MAX_DEPTH:
        raise ContentError(f"the front matter is nested more than {MAX_DEPTH} levels deep", line, node.start_mark.column + 1, rule="afterword.yaml")
    if id(node) in seen:
        raise ContentError("YAML anchors and aliases (&name / *name) are not allowed in front matter: write the value out", line, node.start_mark.column + 1, rule="afterword.yaml")
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise ContentError(f"YAML tags such as '{shown}' are not allowed in front matter: write a plain value", line, node.start_mark.column + 1, rule="afterword.yaml")
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError("front matter keys must be plain words", key_node.start_mark.line + first_line, key_node.start_mark.column + 1, rule="afterword.yaml")
            key_path = path + (key_node.value,)
            positions.setdefault(key_path, (key_node.start_mark.line + first_line, key_node.start_mark.column + 1))
            _check_node(value_node, key_path, depth + 1, seen, positions, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            item_path = path + (index,)
            positions.setdefault(item_path, (item.start_mark.line + first_line, item.start_mark.column + 1))
            _check_node(item, item_path, depth + 1, seen, positions, first_line)
