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
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Union

from graphmodel.exceptions import DatasetError, Problem
from graphmodel.formulas import restore

__all__ = ["RowBlock", "RawTable", "container_kind", "dataset_name", "read_tables", "MAX_COLUMNS", "MAX_CELL_CHARS",
           "BLOCK_ROWS"]

#: Rows read and validated together.
BLOCK_ROWS = 50_000
#: A CSV cell longer than this is refused with a clear message rather than held in memory.
MAX_CELL_CHARS = 1_000_000
csv.field_size_limit(MAX_CELL_CHARS)
#: A row wider than this is refused.
MAX_COLUMNS = 1_000
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


def read_tables(path: str | os.PathLike) -> Iterator[RawTable]:
    """Yield the raw tables of the dataset at ``path``, whichever container it is."""
    p = Path(path)
    if not p.exists():
        raise DatasetError([Problem(str(path), None, None, None, "no such file or folder")])
    kind = container_kind(p)
    if kind == "csv folder":
        return _read_csv_folder(p)
    if kind == "Excel workbook":
        return _read_xlsx(p)
    return _read_mapping(p, kind)


def _fail(source: str, message: str) -> DatasetError:
    return DatasetError([Problem(source, None, None, None, message)])


# ---------------------------------------------------------------- CSV folder

def _read_csv_folder(folder: Path) -> Iterator[RawTable]:
    files = sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.lower() == ".csv")
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


def _read_csv_file(path: Path) -> RawTable:
    source = path.name
    try:
        handle = open(path, "r", encoding="utf-8-sig", newline="", errors="strict")
    except OSError as err:
        raise _fail(source, f"cannot open the file ({err.strerror})") from None
    try:
        first = handle.readline()
        handle.seek(0)
        reader = csv.reader(handle, delimiter=_sniff_delimiter(first), strict=False)
        header = next(reader, None)
    except UnicodeDecodeError:
        handle.close()
        raise _fail(source, "the file is not UTF-8 text; in Excel save it as 'CSV UTF-8 (Comma delimited)'") from None
    except csv.Error as err:
        handle.close()
        raise _fail(source, f"row 1 cannot be read as CSV ({err})") from None
    return RawTable(
        name=path.stem.strip().lower(),
        source=source,
        header=header or [],
        blocks=_csv_blocks(reader, handle, source),
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


def _csv_failure(err: Exception) -> str | None:
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

def _read_xlsx(path: Path) -> Iterator[RawTable]:
    if not zipfile.is_zipfile(path):
        raise _fail(path.name, "this is not an Excel workbook (.xlsx), though its name says so; "
                               "open it in Excel and save it as 'Excel Workbook (.xlsx)'")
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        raise _fail(path.name, f"this workbook cannot be opened ({type(err).__name__}: {err})") from None
    try:
        for sheet in book.worksheets:
            name = str(sheet.title).strip().lower()
            if name in DOC_SHEETS:
                continue
            source = f"{path.name}, sheet {sheet.title!r}"
            rows = sheet.iter_rows(values_only=True)
            try:
                header = list(next(rows, None) or [])
            except Exception as err:
                raise _fail(source, f"the sheet cannot be read ({type(err).__name__}: {err})") from None
            yield RawTable(name=name, source=source, header=_trim(header), blocks=_xlsx_blocks(rows, source))
    finally:
        book.close()


def _trim(cells: list[Any]) -> list[Any]:
    """Drop trailing empty cells (worksheets often carry formatted blank columns)."""
    end = len(cells)
    while end and (cells[end - 1] is None or (isinstance(cells[end - 1], str) and not cells[end - 1].strip())):
        end -= 1
    return list(cells[:end])


def _xlsx_blocks(rows, source: str) -> Iterator[Union[RowBlock, Problem]]:
    return _blocks((_trim(list(cells)) for cells in rows), source,
                   lambda err: f"the sheet cannot be read from here on ({type(err).__name__}: {err})")


# ---------------------------------------------------------------- JSON / YAML

def _read_mapping(path: Path, kind: str) -> Iterator[RawTable]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(path.name, f"this {kind} is not UTF-8 text") from None
    except OSError as err:
        raise _fail(path.name, f"cannot open the file ({err.strerror})") from None
    if kind == "JSON file":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise _fail(path.name, f"this is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") \
                from None
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
            raise _fail(path.name, f"this is not valid YAML ({where}{getattr(err, 'problem', None) or err})") \
                from None
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
