"""Two checks of the columnar reader made on the bytes of string columns, without a regular expression.

Each looks at the first and last byte of every cell (and, for ids, every byte) through a table of
256 answers, from the Arrow buffers as numpy arrays: a few milliseconds for a national column where
the regular-expression kernel takes tens. They give exactly the kernels' answer:

- :func:`any_padded`: whether a cell starts or ends with white space (``str.isspace``). An ASCII
  byte is decided at once; a cell starting or ending with a byte of a multi-byte character (which
  may be a non-ASCII space) is handed to the regular expression, alone with the others in doubt.
- :func:`all_ids`: whether every non-empty cell matches :data:`graphmodel.vocabulary.ID_PATTERN`
  (1 to 100 bytes of ``a-z 0-9 . _ -``, the first a letter or digit); ASCII only, so bytes are
  characters.

numpy and pyarrow are imported inside the functions (this module is for the columnar routes).

>>> import pyarrow as pa
>>> padded = r"^\\s|\\s$"
>>> any_padded(pa.chunked_array([["a b", "c"]]), padded), any_padded(pa.chunked_array([["a ", "c"]]), padded)
(False, True)
>>> all_ids(pa.chunked_array([["a-1", "", "b.c"]])), all_ids(pa.chunked_array([["a-1", "-b"]]))
(True, False)
"""

from __future__ import annotations

from typing import Any

__all__ = ["any_padded", "all_ids"]

_ASCII_SPACES = bytes(range(9, 14)) + bytes(range(0x1C, 0x21))
_ID_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789._-"
_ID_FIRST = b"abcdefghijklmnopqrstuvwxyz0123456789"
_MAX_ID = 100


def _table(members: bytes, high: bool = False):
    import numpy as np

    table = np.zeros(256, dtype=bool)
    table[np.frombuffer(members, dtype=np.uint8)] = True
    if high:
        table[0x80:] = True
    return table


def _parts(chunk) -> tuple[Any, Any] | None:
    """A string chunk's offsets (one more than its cells) and data bytes as numpy arrays; ``None``
    when it holds a null (the callers then use the kernels)."""
    import numpy as np

    if chunk.null_count:
        return None
    _, offsets, data = chunk.buffers()
    offsets = np.frombuffer(offsets, dtype=np.int32)[chunk.offset:chunk.offset + len(chunk) + 1]
    data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
    return offsets, data


def any_padded(values, pattern: str) -> bool:
    """Whether a cell of ``values`` (a chunked string array) matches ``pattern``, the regular
    expression of a cell starting or ending with white space, deciding ASCII ends by bytes."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    doubt = _table(_ASCII_SPACES, high=True)
    doubtful = []
    for chunk in values.chunks:
        parts = _parts(chunk)
        if parts is None:
            doubtful.append(chunk)
            continue
        offsets, data = parts
        filled = np.flatnonzero(offsets[1:] > offsets[:-1])
        flagged = doubt[data[offsets[filled]]] | doubt[data[offsets[filled + 1] - 1]]
        if flagged.any():
            doubtful.append(chunk.take(pa.array(filled[flagged])))
    if not doubtful:
        return False
    return bool(pc.any(pc.match_substring_regex(pa.chunked_array(doubtful, pa.string()), pattern)).as_py())


def all_ids(values) -> bool:
    """Whether every non-empty cell of ``values`` (a chunked string array) is an id
    (:data:`graphmodel.vocabulary.ID_PATTERN`)."""
    import pyarrow.compute as pc

    from .vocabulary import ID_PATTERN

    allowed, first = _table(_ID_BYTES), _table(_ID_FIRST)
    for chunk in values.chunks:
        parts = _parts(chunk)
        if parts is None:
            matched = pc.match_substring_regex(chunk, ID_PATTERN)
            if pc.all(pc.or_kleene(matched, pc.equal(chunk, ""))).as_py() is False:
                return False
            continue
        offsets, data = parts
        lengths = offsets[1:] - offsets[:-1]
        if (lengths > _MAX_ID).any() or not allowed[data[offsets[0]:offsets[-1]]].all():
            return False
        if not first[data[offsets[:-1][lengths > 0]]].all():
            return False
    return True
