"""Pause Python's cyclic garbage collector while building large acyclic structures.

Loading a national dataset allocates millions of small objects that hold no
reference cycles; each collection would walk all of them again, and a whole
analysis would spend a third of its time there.

The library only pauses the collector and restores its state: it never freezes
objects or changes the collector for the rest of the process. A program that
owns its process (the ``engagemap`` command) may call :func:`gc.freeze` itself
once a dataset is loaded.

>>> import gc
>>> with paused_gc():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc():
    """Disable the cyclic collector inside the block; restore its state after.

    Nothing else about the collector changes: no object is frozen, so cycles
    a caller makes later are collected as usual.

    >>> import gc
    >>> frozen = gc.get_freeze_count()
    >>> with paused_gc():
    ...     cycle = []; cycle.append(cycle)
    >>> gc.get_freeze_count() == frozen
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
