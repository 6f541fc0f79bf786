"""Write a dataset back into the CSV container (one file per table), atomically.

>>> import tempfile, pathlib
>>> from graphmodel.model import Dataset
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> _ = write_csv_folder(Dataset(organisations=[{"id": "a", "name": "A", "sector": "vcs",
...                                               "serves": ["x", "y"]}],
...                              communities=[{"id": "x", "name": "X"}, {"id": "y", "name": "Y"}]), folder)
>>> (folder / "organisations.csv").read_text().splitlines()[1]
'a,A,vcs,,x;y,1,,yes,'
"""

from __future__ import annotations

import csv
import os
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .column_specs import COLUMNS
from .files import atomic_folder
from .formulas import FORMULA_STARTS, neutralise, restore

if TYPE_CHECKING:
    from .model import Dataset

__all__ = ["write_csv_folder", "cell_text", "neutralise", "restore", "FORMULA_STARTS"]


def cell_text(value: Any) -> str:
    """One value as a spreadsheet cell: lists joined by ';', yes/no, ISO dates, empty for none."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return ";".join(cell_text(v) for v in value)
    return str(value)


def write_csv_folder(dataset: Dataset, folder: str | os.PathLike, *, force: bool = False) -> Path:
    """Every table of ``dataset`` as ``<table>.csv`` in ``folder``, put in place on success by
    :func:`graphmodel.files.atomic_folder` (which refuses a folder engagemap did not write,
    unless ``force``)."""
    with atomic_folder(folder, force=force) as tmp:
        for table, specs in COLUMNS.items():
            columns = list(specs)
            with open(tmp / f"{table}.csv", "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\r\n")  # RFC 4180: a lone \r in a cell is then quoted
                writer.writerow(columns)
                for row in dataset.rows(table):
                    writer.writerow([neutralise(cell_text(getattr(row, c))) for c in columns])
    return Path(folder)
