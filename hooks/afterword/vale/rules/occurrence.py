"""`extends: occurrence`: too many (`max`) or too few (`min`) matches of `token` in a scope."""

from __future__ import annotations

import re

from ..text import Block
from .base import Match, as_bool, check_keys, compile_pattern, format_message

KEYS = {"token", "max", "min", "ignorecase"}
_CODE_LIKE = re.compile(r"^[`*_\[\]()<>{}/\\=#.|-]+$")


def build(definition: dict, rule, context) -> None:
    check_keys(definition, KEYS, rule.path)
    pattern = compile_pattern(("(?i)" if as_bool(definition.get("ignorecase")) else "") + f"(?:{definition.get('token', '')})", rule.path)
    most = int(definition.get("max") or 0)
    least = int(definition.get("min") or 0)
    message = rule.message

    def run(block: Block) -> list[Match]:
        hits = list(pattern.finditer(block.text))
        count = len(hits)
        if not ((most > 0 and count > most) or (least > 0 and count < least)):
            return []
        text = format_message(message, count)
        if count == 0:
            # Nothing to point at: the whole document breaks the rule, reported at its start.
            return [Match(0, 0, text, "", document=True)]
        for hit in hits:
            if hit.group(0).strip() and not _CODE_LIKE.match(hit.group(0)):
                return [Match(hit.start(), hit.end(), text, hit.group(0))]
        return []

    rule.run = run
