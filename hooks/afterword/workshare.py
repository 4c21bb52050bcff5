"""Hand out a list's items in chunks to whichever process asks first.

On 2 CPUs a build's forked worker checks the house style while the main process renders pages;
the renderer usually finishes first and would then sit waiting. With a ``WorkShare`` created
before the fork, both take the next chunk of documents from one shared counter until none are
left, so neither waits while the other still has work queued.
"""

from __future__ import annotations

import multiprocessing
from typing import Iterator


class WorkShare:
    def __init__(self, chunk: int = 16):
        self.chunk = chunk
        self._next = multiprocessing.get_context("fork").Value("q", 0)  # shared memory, with a lock

    def claims(self, total: int) -> Iterator[range]:
        """Ranges of indices in ``range(total)`` no other process was given, until none are left."""
        while True:
            with self._next.get_lock():
                start = self._next.value
                self._next.value = start + self.chunk
            if start >= total:
                return
            yield range(start, min(start + self.chunk, total))
