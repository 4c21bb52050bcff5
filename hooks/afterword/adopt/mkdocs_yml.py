"""Edit mkdocs.yml as text: set top-level scalars and keys under ``extra.afterword``.

Text, not a YAML round trip, so every comment, MkDocs-only tag and key another module owns stays
exactly as written; only the keys `afterword init` sets change. The result is read back to prove it.
"""

from __future__ import annotations

import json
import re

import yaml

from ..problems import ContentError
from ..settings import _TolerantLoader


def set_top_level(text: str, key: str, value: str) -> str:
    line = f"{key}: {json.dumps(value, ensure_ascii=False)}"
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.MULTILINE)
    if pattern.search(text):
        return pattern.sub(lambda _: line, text, count=1)
    return f"{line}\n{text}"


def set_afterword_key(text: str, key: str, value) -> str:
    """Replace (or add, or with ``None`` remove) ``key`` and its block under ``extra.afterword``."""
    lines = text.split("\n")
    section, indent = _afterword_section(lines)
    child = indent + 2
    start = next((i for i in range(*section) if re.match(rf"^ {{{child}}}{re.escape(key)}:(\s|$)", lines[i])), None)
    if start is None:
        end = section[1]
        while end > section[0] and not lines[end - 1].strip():
            end -= 1
        start = end
    else:
        end = start + 1
        while end < section[1] and (not lines[end].strip() or _depth(lines[end]) > child or (_depth(lines[end]) == child and lines[end].lstrip().startswith("- "))):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        if value is None:  # a removed key takes the comment written just above it along
            while start > section[0] and _depth(lines[start - 1]) == child and lines[start - 1].lstrip().startswith("#"):
                start -= 1
    block = [] if value is None else [" " * child + line for line in _dump(key, value)]
    result = "\n".join(lines[:start] + block + lines[end:])
    written = ((read_config_text(result).get("extra") or {}).get("afterword") or {}).get(key)
    if written != value:
        raise ContentError(f"mkdocs.yml: could not set extra.afterword.{key}: edit it by hand")  # pragma: no cover - layout guard
    return result


def _dump(key: str, value) -> list[str]:
    if isinstance(value, (dict, list)) and value:
        body = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False)
        return [f"{key}:"] + ["  " + line for line in body.rstrip("\n").split("\n")]
    return [f"{key}: {json.dumps(value, ensure_ascii=False)}"]


def _afterword_section(lines: list[str]) -> tuple[tuple[int, int], int]:
    """(first line, end) of the lines under ``extra: afterword:``, and that key's indentation."""
    in_extra = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _depth(line) == 0:
            in_extra = stripped.startswith("extra:")
        elif in_extra and re.match(r"afterword:\s*(#.*)?$", stripped):
            indent = _depth(line)
            end = index + 1
            while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#") or _depth(lines[end]) > indent):
                end += 1
            return (index + 1, end), indent
    raise ContentError("mkdocs.yml: no 'afterword:' under 'extra:': add the two lines 'extra:' and '  afterword:'")


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip())


def read_config_text(text: str) -> dict:
    data = yaml.load(text, Loader=_TolerantLoader)  # noqa: S506 - a SafeLoader subclass
    return data if isinstance(data, dict) else {}
