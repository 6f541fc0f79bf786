"""The four dataset containers (CSV folder, .xlsx, .json, .yaml): which one a path is, and its
raw tables, read by the container's reader (:mod:`.csv_reader`, :mod:`.xlsx_reader`,
:mod:`.mapping_reader`) as the located raw rows of :mod:`.raw_rows`.

Whole-file failures (a workbook that is not a workbook, JSON that does not parse) raise
:class:`~graphmodel.exceptions.DatasetError` with one clear sentence.

>>> container_kind("hackney.xlsx")
'Excel workbook'
>>> dataset_name("data/hackney.yaml")
'hackney'
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from graphmodel.exceptions import DatasetError, Problem

from .csv_reader import MAX_LINE_BYTES, _read_csv_folder, cell_limit, limited_rows
from .mapping_reader import MAX_DEPTH, MAX_DIGITS, _read_mapping
from .raw_rows import BLOCK_ROWS, MAX_CELL_CHARS, MAX_COLUMNS, RawTable, RowBlock, _not_regular, open_regular
from .xlsx_reader import MAX_XLSX_BYTES, _read_xlsx

__all__ = ["RowBlock", "RawTable", "container_kind", "dataset_name", "read_tables", "MAX_COLUMNS", "MAX_CELL_CHARS",
           "cell_limit", "limited_rows",
           "BLOCK_ROWS", "MAX_DEPTH", "MAX_DIGITS", "MAX_LINE_BYTES", "MAX_XLSX_BYTES", "open_regular"]


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
