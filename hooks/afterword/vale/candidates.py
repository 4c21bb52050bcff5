"""Which tokens of which rule can match a block's text, before any of the rules' regexes run.

Two filters, both sound (a token they leave out cannot match, so leaving it out changes no
finding): the RE2 gate (gate.py), which answers for every relaxable token in one linear pass over
texts of checked characters; and the required-literal scan (literals.py), for the other texts and
the tokens the gate cannot take. The gate is prepared after ``WARM_UP`` texts, so that a single
file (`afterword check FILE`) is not made to wait for the set to be built.
"""

from __future__ import annotations

from .gate import RegexGate
from .literals import LiteralScanner


class TokenCandidates:
    WARM_UP = 200

    def __init__(self) -> None:
        self.scanner = LiteralScanner()
        self.gate = RegexGate()
        self._unfiltered: dict[int, set[int]] = {}  # owner -> tokens with no required literal
        self._texts = 0

    def register(self, owner: int, index: int, literals: list[str] | None, source: str | None,
                 regex_engine: bool = False) -> None:
        """Token ``index`` of ``owner`` (an alternation): its required literals (None: unknown),
        the Python regex of the token alone with the rest of the rule around it (None: not to be
        gated) and whether the rule runs with `regex` rather than `re`."""
        if literals is None:
            self._unfiltered.setdefault(owner, set()).add(index)
        else:
            self.scanner.register(owner, index, literals)
        self.gate.register(owner, index, source, regex_engine)

    def candidates(self, text: str) -> dict[int, set[int]]:
        """owner -> indices of its tokens that may match in ``text``."""
        self._texts += 1
        if self._texts >= self.WARM_UP:
            found = self.gate.present(text)
            if found is not None:
                if self.gate.ungated:
                    self._add_by_literals(found, text, self.gate.ungated)
                return found
        found = self.scanner.candidates(text)
        for owner, indices in self._unfiltered.items():
            found.setdefault(owner, set()).update(indices)
        return found

    def _add_by_literals(self, found: dict[int, set[int]], text: str, tokens: dict[int, set[int]]) -> None:
        by_literal = self.scanner.candidates(text)
        for owner, indices in tokens.items():
            keep = indices & (self._unfiltered.get(owner, set()) | by_literal.get(owner, set()))
            if keep:
                found.setdefault(owner, set()).update(keep)
