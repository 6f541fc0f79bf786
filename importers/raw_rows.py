"""The located raw rows every reader yields, and the limits every reader keeps.

A reader (a container's or an importer's) yields :class:`RawTable` objects. A table's ``blocks``
yields :class:`RowBlock` objects (up to :data:`BLOCK_ROWS` rows as found, with the row number of the
first) or, when the input cannot be read further, one :class:`~graphmodel.exceptions.Problem` saying
where and why; :mod:`graphmodel.load` turns them into a validated dataset in one step.

Every reader yields rows of one shape: lists of cells aligned with the table's ``header``. A container
with a header row (CSV, XLSX) gives it as written; one whose rows are objects (JSON, YAML, an
importer's rows) is ``keyed``: :func:`keyed_rows` makes its header the keys in the order first seen
and marks a key a row lacks with :data:`MISSING` (which is not ``None``, a value written as null).

>>> keyed_rows([{"id": "a", "name": None}, {"id": "b", "sector": "vcs"}])
(['id', 'name', 'sector'], [['a', None, MISSING], ['b', MISSING, 'vcs']])

>>> [b.first for b in _blocks(iter([["a"], ["b"]]), "x.csv", lambda err: None)]
[2]
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Union

from graphmodel.exceptions import DatasetError, Problem

__all__ = ['RowBlock', 'RawTable', 'MISSING', 'keyed_rows', 'BLOCK_ROWS', 'MAX_CELL_CHARS', 'MAX_COLUMNS', 'open_regular']

#: Rows read and validated together.
BLOCK_ROWS = 50_000
#: A CSV cell longer than this is refused with a clear message rather than held in memory.
MAX_CELL_CHARS = 1_000_000
#: A row wider than this is refused.
MAX_COLUMNS = 1_000


class _Missing:
    """The type of :data:`MISSING`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        return "MISSING"


#: The cell of a keyed row that lacks the key (a key given as null is ``None``).
MISSING = _Missing()


def keyed_rows(items: list[dict], column: Callable[[str], str] | None = None) -> tuple[list[str], list[list]]:
    """Objects as a header (their keys in the order first seen) and rows aligned with it,
    :data:`MISSING` where an object lacks a key.

    Where two keys of one object name the same column (``column`` tells which: ``Sector`` and
    ``sector``), the one written later in that object is the one at the later header position
    (the header gains a second place for a key where needed), so that "the later key holds the
    value" reads the same from the rows as from the objects.

    >>> keyed_rows([{"id": 1, "ID": 2}, {"ID": 3, "id": 4}], str.lower)
    (['id', 'ID', 'id'], [[1, 2, MISSING], [MISSING, 3, 4]])
    """
    header = list(dict.fromkeys(key for item in items for key in item))
    get = dict.get
    rows = [[get(item, key, MISSING) for key in header] for item in items]
    if column is not None:
        _later_keys_last(header, items, rows, column)
    return header, rows


def _later_keys_last(header: list[str], items: list[dict], rows: list[list], column: Callable[[str], str]) -> None:
    groups: dict[str, list[str]] = {}
    for key in header:
        groups.setdefault(column(key), []).append(key)
    clashing = {key: name for name, keys in groups.items() if len(keys) > 1 for key in keys}
    if not clashing:
        return
    places: dict[str, list[int]] = {key: [i] for i, key in enumerate(header)}
    width = len(header)
    for item, cells in zip(items, rows):
        given: dict[str, list[str]] = {}
        for key in item:
            if key in clashing:
                given.setdefault(clashing[key], []).append(key)
        for keys in given.values():
            if len(keys) < 2:
                continue
            last, before = keys[-1], max(places[k][0] for k in keys[:-1])
            if places[last][0] > before:
                continue
            later = next((p for p in places[last] if p > before), None)
            if later is None:
                later = len(header)
                header.append(last)
                places[last].append(later)
            cells.extend([MISSING] * (len(header) - len(cells)))
            cells[later], cells[places[last][0]] = cells[places[last][0]], MISSING
    if len(header) > width:
        for cells in rows:
            cells.extend([MISSING] * (len(header) - len(cells)))


@dataclass
class RowBlock:
    """Consecutive rows as read; ``first`` is the spreadsheet row (or item) number of the first.

    Rows are lists of cells aligned with the table's header; in a keyed table
    a row lacking a key has :data:`MISSING` there.
    """

    first: int
    rows: list


@dataclass
class RawTable:
    """One table as read from a container.

    ``header`` is the header row as written (CSV, XLSX), row 1 of the table; a
    ``keyed`` table (JSON, YAML, an importer's rows) has no header row: its
    header is the keys of its objects (see :func:`keyed_rows`), and a key is
    checked where a row first gives it.
    """

    name: str
    source: str
    header: list[Any]
    blocks: Iterator[Union[RowBlock, Problem]]
    row_label: str = "row"
    extra: dict = field(default_factory=dict)
    keyed: bool = False


def _not_regular(mode: int) -> str | None:
    """What a file that is not a regular file (nor a folder) is, for a message."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "not a regular file"


def open_regular(path: str | os.PathLike, source: str) -> io.BufferedReader:
    """Open ``path`` for reading in binary, only if it is a regular file (never a FIFO, which would
    wait for ever, nor a device such as /dev/zero, which never ends)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise _fail(source, "this is a folder, but a file is wanted here") from None
    except OSError as err:
        raise _fail(source, f"cannot open the file ({err.strerror})") from None
    mode = os.fstat(fd).st_mode
    what = _not_regular(mode) or ("a folder" if stat.S_ISDIR(mode) else None)
    if what is not None:
        os.close(fd)
        raise _fail(source, f"this is {what}, not a regular file; give a file saved on disk")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _fail(source: str, message: str) -> DatasetError:
    return DatasetError([Problem(source, None, None, None, message)])


def _blocks(rows: Iterator[list], source: str, failure: Callable[[Exception], str | None]) \
        -> Iterator[Union[RowBlock, Problem]]:
    """Group rows into blocks; a read error (``failure`` gives its message, or ``None`` to let it
    through) ends the table with the rows read so far and one problem at the failing row."""
    number = 2  # the row number of the next record; the header is row 1
    block: list[list] = []
    try:
        for cells in rows:
            block.append(cells)
            if len(block) >= BLOCK_ROWS:
                yield from _checked(RowBlock(number, block), source)
                number += len(block)
                block = []
        if block:
            yield from _checked(RowBlock(number, block), source)
    except Exception as err:
        message = failure(err)
        if message is None:
            raise
        yield from _checked(RowBlock(number, block), source)
        yield Problem(source, number + len(block), None, None, message)


def _too_wide_header(width: int) -> str:
    return f"the header row has {width} cells; at most {MAX_COLUMNS} columns are allowed, so the table was not read"


def _checked(block: RowBlock, source: str) -> Iterator[Union[RowBlock, Problem]]:
    """The block, unless a row is wider than :data:`MAX_COLUMNS` (then the rows before it and a problem)."""
    if not block.rows:
        return
    if max(map(len, block.rows)) <= MAX_COLUMNS:
        yield block
        return
    wide = next(i for i, r in enumerate(block.rows) if len(r) > MAX_COLUMNS)
    if wide:
        yield RowBlock(block.first, block.rows[:wide])
    yield Problem(source, block.first + wide, None, None,
                  f"this row has {len(block.rows[wide])} cells; at most {MAX_COLUMNS} are allowed, so the rest "
                  f"was not read")
