"""In-document switches: `<!-- vale off -->`, `<!-- vale on -->`, `<!-- vale Style.Rule = NO -->`,
`<!-- vale Style.Rule = YES -->`, `<!-- vale Style = NO -->` and `<!-- vale Style.Rule["match"] = NO -->`.

Each switch takes effect from its position in the file onwards, so an alert is kept or dropped by
the state at the alert's own position.
"""

from __future__ import annotations

import bisect
import re

_SETTING = re.compile(r"""([\w-]+(?:\.[\w-]+)?(?:\[["'][^"']*["']\])?)\s*=\s*(YES|NO)""", re.I)


class CommentState:
    def __init__(self, comments: list[tuple[int, str]]):
        self.positions: list[int] = []
        self.states: list[tuple[bool, frozenset[str]]] = []
        off, disabled = False, set()
        for where, body in sorted(comments):
            words = body.split(None, 1)
            if not words or words[0] != "vale":
                continue
            rest = words[1].strip() if len(words) > 1 else ""
            if rest == "off":
                off = True
            elif rest == "on":
                off = False
            else:
                for name, value in _SETTING.findall(rest):
                    name = name.replace("'", '"')
                    if value.upper() == "NO":
                        disabled.add(name)
                    else:
                        disabled.discard(name)
            self.positions.append(where)
            self.states.append((off, frozenset(disabled)))

    def allows(self, where: int, check: str, match: str) -> bool:
        index = bisect.bisect_right(self.positions, where) - 1
        if index < 0:
            return True
        off, disabled = self.states[index]
        if off:
            return False
        style = check.split(".")[0]
        return check not in disabled and style not in disabled and f'{check}["{match}"]' not in disabled
