"""Modules imported at their first use, not at an import statement that may never lead to one."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types


class _Deferred(types.ModuleType):
    """Stands in for a module in ``sys.modules`` until one of its attributes is read; then imports
    the module and forwards every attribute to it. (The standard library's LazyLoader is of no use
    here: on Python 3.11 the next ``import`` statement reads the module's ``__spec__``, which runs it.)"""

    def __getattr__(self, attribute: str):  # called only for attributes the stand-in does not have
        real = self.__dict__.get("_deferred_real")
        if real is None:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            real = self._deferred_real = importlib.import_module(self.__name__)
        return getattr(real, attribute)


def defer_import(name: str) -> None:
    """From now on, ``import name`` costs nothing until the module is used. Nothing changes when it
    is imported already or cannot be found (a later real import then reports what is wrong)."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    stand_in = _Deferred(name)
    stand_in.__spec__ = spec  # what `import` statements read before returning sys.modules[name]
    sys.modules[name] = stand_in
