"""Results remembered by key within a run, forgotten all at once when there are too many.

Histories repeat themselves (the same sentence, paragraph or set of rule tokens again and again),
so the style check works each one out once; clearing when full keeps memory bounded however long
the history is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Generic, Hashable, TypeVar

T = TypeVar("T")
_MISSING = object()
_NONZERO_DIGIT = re.compile("[1-9]")
ASCII_DIGIT = re.compile("[0-9]")


class BoundedMemo(Generic[T]):
    def __init__(self, size: int = 1 << 16):
        self.size = size
        self._results: dict[Hashable, T] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The result remembered for ``key``, or ``compute()`` remembered now (None included)."""
        found = self._results.get(key, _MISSING)
        if found is _MISSING:
            if len(self._results) >= self.size:
                self._results.clear()
            found = self._results[key] = compute()
        return found


@lru_cache(maxsize=1024)  # the blocks of a document: each check of a block asks for its key
def digits_as_zero(text: str) -> str:
    """``text`` with every ASCII digit written 0: the memo key of a result that reads digits only
    as digits (``\\d``, ``\\w``, ``[0-9]``, never ``5`` itself). Updates differ mostly in times and
    dates ("next update by 05:20 UTC"), so such keys repeat where the texts do not. The key has
    the text's length: offsets found in one text are offsets in every text with that key."""
    return _NONZERO_DIGIT.sub("0", text)
