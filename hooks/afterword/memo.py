"""Results remembered by key within a run, forgotten all at once when there are too many.

Histories repeat themselves (the same sentence, paragraph or set of rule tokens again and again),
so the style check works each one out once; clearing when full keeps memory bounded however long
the history is.
"""

from __future__ import annotations

from typing import Callable, Generic, Hashable, TypeVar

T = TypeVar("T")
_MISSING = object()


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
