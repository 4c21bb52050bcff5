"""The one error type of the Vale engine: a configuration or rule that cannot be loaded."""

from __future__ import annotations


class ValeConfigError(Exception):
    """A `.vale.ini`, vocabulary or rule file that cannot be used.

    ``message`` always starts with the file at fault (``path: what is wrong``), so a writer can
    open it straight away.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
