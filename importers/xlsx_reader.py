"""The reader of an ``.xlsx`` workbook: one table per sheet (documentation sheets skipped), zip
bombs and over-long cells refused.

>>> _trim(["a", None, " "])
['a']
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Union

from graphmodel.exceptions import Problem

from .raw_rows import MAX_CELL_CHARS, MAX_COLUMNS, RawTable, RowBlock, _blocks, _fail, _too_wide_header, open_regular

__all__ = ['MAX_XLSX_BYTES', 'DOC_SHEETS']

#: A workbook whose parts unpack to more than this is refused (a national dataset is a few hundred MB).
MAX_XLSX_BYTES = 4 * 1024 ** 3
#: A workbook part that unpacks to more than this many times its packed size, and to more than
#: :data:`_BOMB_FLOOR` bytes, is a zip bomb (real sheets pack 5 to 30 times).
_BOMB_RATIO = 200
_BOMB_FLOOR = 50 * 1024 * 1024
#: Sheets of a workbook that are documentation, not tables (see ``engagemap template``).
DOC_SHEETS = {"about", "example", "examples", "readme", "notes", "instructions", "help"}


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
