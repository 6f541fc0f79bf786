"""The reader of a CSV folder: one table per ``.csv`` file, its delimiter sniffed, each line
bounded, the formula quoting of the writers taken off again.

>>> _sniff_delimiter("id;name;sector")
';'
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any, Union

from graphmodel.exceptions import Problem
from graphmodel.formulas import restore

from .raw_rows import (BLOCK_ROWS, MAX_CELL_CHARS, MAX_COLUMNS, RawTable, RowBlock, _blocks, _fail, _too_wide_header,
                       open_regular)

__all__ = ['cell_limit', 'limited_rows', 'MAX_LINE_BYTES']

#: A CSV line longer than this many bytes is refused without being held whole in memory.
MAX_LINE_BYTES = 64 * 1024 * 1024


@contextmanager
def cell_limit(limit: int = MAX_CELL_CHARS):
    """Let the csv module read cells of up to ``limit`` characters inside the block only.

    :func:`csv.field_size_limit` is process-wide, so it is set around each read and the
    caller's value restored after, never changed for the rest of the process.

    >>> before = csv.field_size_limit()
    >>> with cell_limit(10):
    ...     next(csv.reader(["x" * 10]))[0] == "x" * 10
    True
    >>> csv.field_size_limit() == before
    True
    """
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def limited_rows(reader: Iterable[Any], limit: int = MAX_CELL_CHARS) -> Iterator[Any]:
    """The rows of a lazy csv ``reader``, each batch of :data:`BLOCK_ROWS` read within :func:`cell_limit`.

    Between batches (while the caller works on the rows) the process-wide limit is the caller's
    own. A read error is raised after the rows read before it.

    >>> before = csv.field_size_limit(5)
    >>> list(limited_rows(csv.reader(["a,bbbbbbbbbb", "c"]), limit=20))
    [['a', 'bbbbbbbbbb'], ['c']]
    >>> csv.field_size_limit(before)
    5
    """
    rows = iter(reader)
    while True:
        batch: list[Any] = []
        error: Exception | None = None
        with cell_limit(limit):
            try:
                for cells in rows:
                    batch.append(cells)
                    if len(batch) >= BLOCK_ROWS:
                        break
            except Exception as err:  # handed on after the rows before it
                error = err
        yield from batch
        if error is not None:
            raise error
        if len(batch) < BLOCK_ROWS:
            return


def _read_csv_folder(folder: Path) -> Iterator[RawTable]:
    files = sorted(f for f in folder.iterdir() if f.suffix.lower() == ".csv")
    if not files:
        raise _fail(str(folder), "this folder holds no .csv files; a dataset folder needs at least "
                                 "organisations.csv (one .csv file per table)")
    for f in files:
        yield _read_csv_file(f)


def _sniff_delimiter(first_line: str) -> str:
    """Excel in some locales writes ';' or tab separated 'CSV'; accept both."""
    if "," in first_line:
        return ","
    for candidate in (";", "\t"):
        if candidate in first_line:
            return candidate
    return ","


class _LineTooLong(ValueError):
    """A CSV line past :data:`MAX_LINE_BYTES`, or a long line with more than :data:`MAX_COLUMNS` separators."""


_LONE_CR = re.compile("(?<=\r)(?=[^\n])")
_CHUNK = 1024 * 1024


def _lines(handle: io.BufferedReader, delimiter: bytes = b",") -> Iterator[str]:
    """The file's lines, decoded one at a time (so a bad byte is found on its own line), each
    bounded: a line longer than 1 MB is read in pieces and refused once it holds more than
    :data:`MAX_COLUMNS` separators or passes :data:`MAX_LINE_BYTES`, before it is all in memory."""
    first = True
    while True:
        line = handle.readline(_CHUNK)
        if not line:
            return
        if not line.endswith(b"\n") and len(line) >= _CHUNK:
            pieces, separators, size = [line], line.count(delimiter), len(line)
            while not pieces[-1].endswith(b"\n"):
                piece = handle.readline(_CHUNK)
                if not piece:
                    break
                pieces.append(piece)
                separators += piece.count(delimiter)
                size += len(piece)
                if separators > MAX_COLUMNS:
                    raise _LineTooLong(f"this row has more than {MAX_COLUMNS} cells; at most {MAX_COLUMNS} are "
                                       f"allowed, so the rest of the file was not read")
                if size > MAX_LINE_BYTES:
                    raise _LineTooLong(f"this row is longer than {MAX_LINE_BYTES // 1024 ** 2} MB, more than any "
                                       f"table needs, so the rest of the file was not read")
            line = b"".join(pieces)
        text = line.decode("utf-8-sig" if first else "utf-8")
        first = False
        if "\r" in text[:-2]:  # old Mac line ends (a lone CR) inside: the csv module wants one line each
            yield from _LONE_CR.split(text)
        else:
            yield text


def _read_csv_file(path: Path) -> RawTable:
    source = path.name
    binary = open_regular(path, source)
    try:
        start = binary.peek(_CHUNK)[:_CHUNK].split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
        delimiter = _sniff_delimiter(start)
        handle = _Closing(_lines(binary, delimiter.encode()), binary)
        reader = csv.reader(handle, delimiter=delimiter, strict=False)
        with cell_limit():
            header = next(reader, None)
    except UnicodeDecodeError:
        binary.close()
        raise _fail(source, "the file is not UTF-8 text; in Excel save it as 'CSV UTF-8 (Comma delimited)'") from None
    except csv.Error as err:
        binary.close()
        message = _csv_failure(err) or f"row 1 cannot be read as CSV ({err})"
        raise _fail(source, message.replace("this row", "the header row")) from None
    except (_LineTooLong, OSError) as err:
        binary.close()
        raise _fail(source, (_csv_failure(err) or str(err)).replace("this row", "the header row")) from None
    if header is not None and len(header) > MAX_COLUMNS:
        binary.close()
        raise _fail(source, _too_wide_header(len(header)))
    return RawTable(
        name=path.stem.strip().lower(),
        source=source,
        header=header or [],
        blocks=_csv_blocks(limited_rows(reader), handle, source),
    )


class _Closing:
    """An iterator of lines that closes its file when closed."""

    def __init__(self, lines: Iterator[str], handle: io.BufferedReader):
        self.lines, self.handle = lines, handle

    def __iter__(self):
        return self

    def __next__(self) -> str:
        return next(self.lines)

    def close(self) -> None:
        self.handle.close()


def _csv_failure(err: Exception) -> str | None:
    if isinstance(err, _LineTooLong):
        return str(err)
    if isinstance(err, OSError):
        return f"the file could not be read from this row on ({err.strerror or err}), so the rest was not read"
    if isinstance(err, UnicodeDecodeError):
        return ("this row is not UTF-8 text, so the rest of the file was not read; in Excel save the file as "
                "'CSV UTF-8 (Comma delimited)'")
    if isinstance(err, csv.Error) and "field larger than field limit" in str(err):
        return (f"a cell in this row is longer than {MAX_CELL_CHARS:,} characters, which is more than any table "
                f"cell needs, so the rest of the file was not read")
    if isinstance(err, csv.Error):
        return f"this row cannot be read as CSV ({err}), so the rest of the file was not read"
    return None


def _csv_blocks(reader, handle: io.TextIOBase, source: str) -> Iterator[Union[RowBlock, Problem]]:
    try:
        for block in _blocks(reader, source, _csv_failure):
            yield _unquoted(block) if isinstance(block, RowBlock) else block
    finally:
        handle.close()


def _unquoted(block: RowBlock) -> RowBlock:
    """The block with the ``'`` that neutralised formula-like cells taken off again
    (:func:`graphmodel.formulas.restore`): a CSV-only matter, so the CSV reader's.

    A block with no cell starting with ``'`` (nearly all) is found with one join, in C.
    """
    joined = "\x00".join(chain.from_iterable(block.rows))  # a CSV cell is always text
    if not joined.startswith("'") and "\x00'" not in joined:
        return block
    return RowBlock(block.first, [[restore(cell) for cell in cells] for cells in block.rows])
