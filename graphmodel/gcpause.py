"""Pause Python's cyclic garbage collector while building large acyclic structures.

Loading a national dataset allocates millions of small objects that hold no
reference cycles; each collection would walk all of them again, and a whole
analysis would spend a third of its time there.

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

    What the block built is then moved out of the collector's sight
    (:func:`gc.freeze`), so later collections do not walk it again and again;
    it is still freed by reference counting when no longer used.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
