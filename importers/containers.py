"""Readers of the four dataset containers: CSV folder, .xlsx, .json, .yaml.

Each reader yields :class:`RawTable` objects. A table's ``blocks`` yields
:class:`RowBlock` objects (up to :data:`BLOCK_ROWS` rows as found, with the
row number of the first) or, when the file cannot be read further, one
:class:`~graphmodel.exceptions.Problem` saying where and why. Blocks keep the
per-row work of reading small, so a million-row table reads quickly and in
bounded memory. Whole-file
failures (a workbook that is not a workbook, JSON that does not parse) raise
:class:`~graphmodel.exceptions.DatasetError` with one clear sentence.

>>> container_kind("hackney.xlsx")
'Excel workbook'
>>> dataset_name("data/hackney.yaml")
'hackney'
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Union

from graphmodel.exceptions import DatasetError, Problem
from graphmodel.formulas import restore

__all__ = ["RowBlock", "RawTable", "container_kind", "dataset_name", "read_tables", "MAX_COLUMNS", "MAX_CELL_CHARS",
           "cell_limit", "limited_rows",
           "BLOCK_ROWS", "MAX_DEPTH", "MAX_DIGITS", "MAX_LINE_BYTES", "MAX_XLSX_BYTES", "open_regular"]

#: Rows read and validated together.
BLOCK_ROWS = 50_000
#: A CSV cell longer than this is refused with a clear message rather than held in memory.
MAX_CELL_CHARS = 1_000_000
#: A row wider than this is refused.
MAX_COLUMNS = 1_000
#: JSON and YAML nested deeper than this are refused (a dataset needs 4 levels).
MAX_DEPTH = 100
#: A whole number written with more digits than this is kept as text (the loader then refuses it
#: with its location) rather than parsed: Python refuses to parse 4,300+ digits, and no count needs 20.
MAX_DIGITS = 100
#: A CSV line longer than this many bytes is refused without being held whole in memory.
MAX_LINE_BYTES = 64 * 1024 * 1024
#: A workbook whose parts unpack to more than this is refused (a national dataset is a few hundred MB).
MAX_XLSX_BYTES = 4 * 1024 ** 3
#: A workbook part that unpacks to more than this many times its packed size, and to more than
#: :data:`_BOMB_FLOOR` bytes, is a zip bomb (real sheets pack 5 to 30 times).
_BOMB_RATIO = 200
_BOMB_FLOOR = 50 * 1024 * 1024
#: Sheets of a workbook that are documentation, not tables (see ``engagemap template``).
DOC_SHEETS = {"about", "example", "examples", "readme", "notes", "instructions", "help"}


@dataclass
class RowBlock:
    """Consecutive rows as read; ``first`` is the spreadsheet row (or item) number of the first.

    Rows are lists of cells aligned with the table's header (CSV, XLSX) or
    dicts keyed by column name (JSON, YAML).
    """

    first: int
    rows: list


@dataclass
class RawTable:
    """One table as read from a container.

    ``header`` is the header row as written (CSV, XLSX); for JSON/YAML it is
    ``None`` and rows are dicts.
    """

    name: str
    source: str
    header: list[Any] | None
    blocks: Iterator[Union[RowBlock, Problem]]
    row_label: str = "row"
    extra: dict = field(default_factory=dict)


def dataset_name(path: str | os.PathLike) -> str:
    """The dataset's name: its folder name or file name without extension."""
    p = Path(path)
    p = p.resolve()
    return (p.name if p.is_dir() else p.stem) or "dataset"


def container_kind(path: str | os.PathLike) -> str:
    """Say which container ``path`` is, by what it is (folder) or its extension."""
    p = Path(path)
    if p.is_dir():
        return "csv folder"
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "Excel workbook"
    if suffix == ".json":
        return "JSON file"
    if suffix in (".yaml", ".yml"):
        return "YAML file"
    raise DatasetError([Problem(
        str(path), None, None, None,
        "not a dataset: give a folder of CSV files, an .xlsx workbook, or a .json or .yaml file",
    )])


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


def read_tables(path: str | os.PathLike) -> Iterator[RawTable]:
    """Yield the raw tables of the dataset at ``path``, whichever container it is."""
    p = Path(path)
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        raise DatasetError([Problem(str(path), None, None, None, "no such file or folder")]) from None
    except OSError as err:
        raise DatasetError([Problem(str(path), None, None, None, f"cannot read it ({err.strerror})")]) from None
    what = _not_regular(mode)
    if what is not None:
        raise DatasetError([Problem(str(path), None, None, None,
                                    f"this is {what}, not a dataset; give a folder of CSV files, an .xlsx workbook, "
                                    f"or a .json or .yaml file")])
    kind = container_kind(p)
    if kind == "csv folder":
        return _read_csv_folder(p)
    if kind == "Excel workbook":
        return _read_xlsx(p)
    return _read_mapping(p, kind)


def _fail(source: str, message: str) -> DatasetError:
    return DatasetError([Problem(source, None, None, None, message)])


# ---------------------------------------------------------------- CSV folder

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


# ---------------------------------------------------------------- XLSX

def _check_unpacked_sizes(handle: io.BufferedReader, name: str) -> None:
    """Refuse a workbook whose parts would unpack to an absurd size (a zip bomb). The sizes a zip
    file declares bound what :mod:`zipfile` will unpack, so they can be trusted here."""
    try:
        with zipfile.ZipFile(handle) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # openpyxl says why it cannot open it
    total = sum(p.file_size for p in parts)
    bomb = next((p for p in parts if p.file_size > _BOMB_FLOOR and p.file_size > _BOMB_RATIO * max(p.compress_size, 1)),
                None)
    if total > MAX_XLSX_BYTES or bomb is not None:
        part = f" ({bomb.filename}: {bomb.compress_size:,} bytes unpacking to {bomb.file_size:,})" if bomb else ""
        raise _fail(name, f"this workbook would unpack to {total:,} bytes{part}, far more than any dataset needs; "
                          f"it looks like a zip bomb and was not read")


def _read_xlsx(path: Path) -> Iterator[RawTable]:
    handle = open_regular(path, path.name)
    try:
        if not zipfile.is_zipfile(handle):
            raise _fail(path.name, "this is not an Excel workbook (.xlsx), though its name says so; "
                                   "open it in Excel and save it as 'Excel Workbook (.xlsx)'")
        handle.seek(0)
        _check_unpacked_sizes(handle, path.name)
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    from openpyxl import load_workbook

    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        handle.close()
        raise _fail(path.name, f"this workbook cannot be opened ({type(err).__name__}: {err})") from None
    try:
        for sheet in book.worksheets:
            name = str(sheet.title).strip().lower()
            if name in DOC_SHEETS:
                continue
            source = f"{path.name}, sheet {sheet.title!r}"
            try:
                if hasattr(sheet, "reset_dimensions"):
                    sheet.reset_dimensions()  # read to the sheet's real end, whatever its <dimension> says
                rows = sheet.iter_rows(values_only=True)
                header = list(next(rows, None) or [])
            except Exception as err:
                raise _fail(source, f"the sheet cannot be read ({type(err).__name__}: {err})") from None
            if len(_trim(header)) > MAX_COLUMNS:
                raise _fail(source, _too_wide_header(len(_trim(header))))
            yield RawTable(name=name, source=source, header=_trim(header), blocks=_xlsx_blocks(rows, source))
    finally:
        book.close()
        handle.close()


def _trim(cells: list[Any]) -> list[Any]:
    """Drop trailing empty cells (worksheets often carry formatted blank columns)."""
    end = len(cells)
    while end and (cells[end - 1] is None or (isinstance(cells[end - 1], str) and not cells[end - 1].strip())):
        end -= 1
    return list(cells[:end])


class _CellTooLong(ValueError):
    pass


def _xlsx_row(cells) -> list:
    row = _trim(list(cells))
    if len(row) <= MAX_COLUMNS and any(isinstance(c, str) and len(c) > MAX_CELL_CHARS for c in row):
        raise _CellTooLong()
    return row


def _xlsx_failure(err: Exception) -> str:
    if isinstance(err, _CellTooLong):
        return (f"a cell in this row is longer than {MAX_CELL_CHARS:,} characters, which is more than any table "
                f"cell needs, so the rest of the sheet was not read")
    return f"the sheet cannot be read from here on ({type(err).__name__}: {err})"


def _xlsx_blocks(rows, source: str) -> Iterator[Union[RowBlock, Problem]]:
    return _blocks((_xlsx_row(cells) for cells in rows), source, _xlsx_failure)


# ---------------------------------------------------------------- JSON / YAML

class _Refused(ValueError):
    """Something in a JSON or YAML file that is refused while parsing (``at``: an offset or line)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def _big_int(text: str):
    return int(text) if len(text) <= MAX_DIGITS else text


def _duplicates_refused(pairs: list[tuple[str, Any]]) -> dict:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise _Refused(f"the key {key!r} appears twice in one object; the first would be lost")
    return found


def _line_of_second(text: str, key: str) -> int | None:
    """The line of the second ``"key":`` in ``text`` (where a duplicate key is)."""
    hits = [m.start() for m in re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)]
    return text.count("\n", 0, hits[1]) + 1 if len(hits) > 1 else None


def _parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text, parse_int=_big_int, object_pairs_hook=_duplicates_refused)
    except json.JSONDecodeError as err:
        raise _fail(name, f"this is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None
    except RecursionError:
        raise _fail(name, f"this JSON is nested too deeply to be a dataset (a dataset needs 4 levels)") from None
    except _Refused as err:
        key = re.search(r"'(.*)' appears twice", str(err))
        line = _line_of_second(text, key.group(1)) if key else None
        raise _fail(name, (f"line {line}: " if line else "") + str(err)) from None


def _yaml_loader():
    """PyYAML's safe loader, refusing aliases (a few hundred bytes of nested aliases expand to
    gigabytes), nesting deeper than :data:`MAX_DEPTH` and duplicate keys, each before building
    anything from them; whole numbers past :data:`MAX_DIGITS` digits are kept as text."""
    import yaml

    class Loader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise _Refused(f"the alias *{event.anchor} refers to another part of the file; aliases are not "
                               f"accepted in a dataset (write the values out)", event.start_mark.line + 1)
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _Refused(f"the file is nested more than {MAX_DEPTH} levels deep, far more than a dataset "
                               f"needs (4)", self.peek_event().start_mark.line + 1)
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen: set = set()
                for key_node, _ in node.value:
                    key = getattr(key_node, "value", None)
                    if isinstance(key, str):
                        if key in seen:
                            raise _Refused(f"the key {key!r} appears twice in one mapping; the first would be lost",
                                           key_node.start_mark.line + 1)
                        seen.add(key)
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_int(self, node):
            digits = self.construct_scalar(node)
            if len(digits.replace("_", "")) > MAX_DIGITS:
                return digits
            return super().construct_yaml_int(node)

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    return Loader


def _parse_yaml(text: str, name: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_yaml_loader())  # noqa: S506 - a SafeLoader, made stricter
    except _Refused as err:
        raise _fail(name, (f"line {err.line}: " if err.line else "") + str(err)) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise _fail(name, f"this is not valid YAML ({where}{getattr(err, 'problem', None) or err})") from None
    except RecursionError:
        raise _fail(name, "this YAML is nested too deeply to be a dataset (a dataset needs 4 levels)") from None


def _read_mapping(path: Path, kind: str) -> Iterator[RawTable]:
    with open_regular(path, path.name) as handle:
        try:
            raw = handle.read()
        except OSError as err:
            raise _fail(path.name, f"the file could not be read ({err.strerror or err})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise _fail(path.name, f"this {kind} is not UTF-8 text (line {line} holds a byte that is not)") from None
    del raw
    data = _parse_json(text, path.name) if kind == "JSON file" else _parse_yaml(text, path.name)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _fail(path.name, f"the top level of this {kind} must map table names (organisations, seats, ...) "
                               f"to lists of rows, but it is a {type(data).__name__}")
    return _mapping_tables(path.name, data)


def _mapping_tables(filename: str, data: dict) -> Iterator[RawTable]:
    for key, value in data.items():
        name = str(key).strip().lower()
        source = f"{filename}, table {str(key)!r}"
        yield RawTable(name=name, source=source, header=None, blocks=_mapping_blocks(source, value), row_label="item")


def _mapping_blocks(source: str, value: Any) -> Iterator[Union[RowBlock, Problem]]:
    if value is None:
        return
    if not isinstance(value, list):
        yield Problem(source, None, None, None,
                      f"a table must be a list of rows (objects), but this is a {type(value).__name__}",
                      row_label="item")
        return
    first, block = 1, []
    for number, item in enumerate(value, start=1):
        if isinstance(item, dict):
            if not block:
                first = number
            block.append({str(k): v for k, v in item.items()})
            if len(block) >= BLOCK_ROWS:
                yield RowBlock(first, block)
                block = []
        else:
            if block:
                yield RowBlock(first, block)
                block = []
            yield Problem(source, number, None, None,
                          f"each row must be an object with column names as keys, but this is a "
                          f"{type(item).__name__}", row_label="item")
    if block:
        yield RowBlock(first, block)
