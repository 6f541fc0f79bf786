"""Reading a dataset: its tables through the one validation step (:mod:`graphmodel.validation`) into a :class:`Dataset`.

Whatever the container, :func:`load_dataset` reads its tables with
:func:`importers.read_tables`, converts each cell by its column's type
(``;`` lists, yes/no booleans, ISO dates, whole numbers), validates each row
against its pydantic model, then checks references and cycles across tables.
Every problem found is kept, with file or sheet, row, column and value; if
there are any, :class:`~graphmodel.exceptions.DatasetError` lists them all.

>>> import json, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "tiny.json").write_text(json.dumps({"organisations": [
...     {"id": "hcvs", "name": "Hackney CVS", "sector": "VCS"}]}))
>>> load_dataset(folder / "tiny.json").organisations[0].sector.value
'vcs'
>>> _ = (folder / "bad.json").write_text(json.dumps({"organisations": [
...     {"id": "hcvs", "name": "Hackney CVS", "sector": "charity"}]}))
>>> try:
...     load_dataset(folder / "bad.json")
... except DatasetError as err:
...     print(err.problems[0])
bad.json, table 'organisations', item 1, column sector, value 'charity': not one of the allowed values: vcs, statutory, private
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from graphmodel.importers import dataset_name, read_tables
from graphmodel.importers.raw_rows import BLOCK_ROWS

from .cells import parse_cell
from .checks import reports_after
from .column_specs import COLUMNS, ColumnSpec
from .columns import rows
from .exceptions import DatasetError, Problem
from .gcpause import paused_gc
from .validation import _Loader, validate_tables
from .vocabulary import TABLE_NAMES

if TYPE_CHECKING:  # reading a dataset into its graph or columns needs no pydantic: only load_dataset does
    from pydantic import BaseModel

    from .model import Dataset

__all__ = ["load_dataset", "read_dataset", "read_graph", "read_rows", "read_columns", "check_dataset", "is_large",
           "validate_tables", "LoadResult", "COLUMNS", "ColumnSpec", "parse_cell"]


@dataclass
class LoadResult:
    """What :func:`read_dataset` found: the dataset (when valid), errors and warnings."""

    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: rows by table, when valid (also when :func:`check_dataset` made no models)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.problems


def _models(table: str, rows: list[dict[str, Any]]) -> tuple[BaseModel, ...]:
    """Wrap rows of ``table`` already checked against its model's fields, as ``model_construct`` does
    but without its per-field work (loading a national dataset makes a million of them).
    The rows' ``required`` items (:class:`~graphmodel.required_items.RequiredItem`) become
    :class:`~graphmodel.model.Required` models, in place."""
    from .model import TABLES, Required

    model = TABLES[table]
    items = [name for name, spec in COLUMNS[table].items() if spec.kind == "required"]
    new, setattr_ = model.__new__, object.__setattr__
    fields_set = set(model.model_fields)  # shared: frozen models never change it
    out = []
    append = out.append
    for values in rows:
        for name in items:
            if values[name]:
                values[name] = tuple(Required.model_construct(community=i.community, seats=i.seats, group=i.group)
                                     for i in values[name])
        row = new(model)
        setattr_(row, "__dict__", values)
        setattr_(row, "__pydantic_fields_set__", fields_set)
        setattr_(row, "__pydantic_extra__", None)
        setattr_(row, "__pydantic_private__", None)
        append(row)
    return tuple(out)


def _read(path: str | os.PathLike, progress: Callable[[str], None] | None = None,
          as_of: date | None = None) -> _Loader:
    loader = _Loader(progress)
    with paused_gc():
        try:
            for raw in read_tables(path):
                loader.table(raw)
        except DatasetError as err:
            loader.problems.extend(err.problems)
            return loader
        if "organisations" not in loader.sources:
            loader.error(str(path), None, None, None, "the organisations table is missing; it is the one table "
                                                      "every dataset needs (it may hold no rows)")
        if progress and sum(map(len, loader.rows.values())) >= BLOCK_ROWS:
            progress("checking references and cycles")
        loader.finish()
        if as_of is not None and "reports" in loader.sources:
            for f in reports_after(loader.rows["reports"], as_of):
                loader.located(f)
    return loader


def read_dataset(path: str | os.PathLike, *, name: str | None = None,
                 progress: Callable[[str], None] | None = None, as_of: date | None = None) -> LoadResult:
    """Read and validate the dataset at ``path``, returning problems instead of raising.

    File-level failures (no such path, a workbook that is not one) are
    returned as problems too. ``progress`` is told of each block of a large table.
    With ``as_of``, each report dated after it is a warning.
    """
    loader = _read(path, progress, as_of)
    if loader.problems:
        return LoadResult(None, loader.problems, loader.warnings)
    from .model import TABLES, Dataset

    with paused_gc():
        tables = {t: _models(t, list(rows(loader.rows[t]))) for t in TABLES}
        dataset = Dataset.model_construct(name=name or dataset_name(path), **tables)
    return LoadResult(dataset, [], loader.warnings, {t: len(found) for t, found in tables.items()})


def check_dataset(path: str | os.PathLike, *, progress: Callable[[str], None] | None = None,
                  as_of: date | None = None) -> LoadResult:
    """Validate the dataset at ``path`` as :func:`read_dataset` does (the same problems and warnings),
    without keeping it: the result's ``dataset`` is ``None`` and ``counts`` holds its rows by table.

    A CSV folder that :func:`is_large` is first tried by the columnar reader
    (:mod:`graphmodel.columnar_read`), which vouches only for a dataset with no problem and
    no warning; anything else is read by the plain loader, whose messages are the ones given.
    """
    if is_large(path):
        from .columnar_read import read_fast

        found = read_fast(path, progress=progress, as_of=as_of)
        if found is not None:
            tables, warnings = found
            return LoadResult(None, [], warnings, {t: table.num_rows for t, table in tables.items()})
    loader = _read(path, progress, as_of)  # as read_dataset, without making the models
    if loader.problems:
        return LoadResult(None, loader.problems, loader.warnings)
    return LoadResult(None, [], loader.warnings, {t: len(loader.rows[t]) for t in TABLE_NAMES})


def read_graph(path: str | os.PathLike, *, name: str | None = None,
               progress: Callable[[str], None] | None = None, as_of: date | None = None, networkx: bool = True):
    """Read and validate the dataset at ``path`` straight into its graph.

    Returns ``(graph, warnings)``; raises :class:`DatasetError` like
    :func:`load_dataset`. ``progress``, if given, is called with a short
    message after each block of a large table and at each long step. The graph equals ``build_graph(load_dataset(path))``
    but no model objects are made on the way, which is what the command
    line uses for large datasets. With ``as_of``, each report dated after it is a warning. With
    ``networkx=False`` the graph is an :class:`~graphmodel.adjacency.EngagementGraph` (the same dicts,
    no networkx imported), which every analysis takes.
    """
    from .graph import graph_from_rows

    loader = _read(path, progress, as_of)
    if loader.problems:
        raise DatasetError(loader.problems, loader.warnings)
    if progress and sum(map(len, loader.rows.values())) >= BLOCK_ROWS:
        progress("building the graph")
    return graph_from_rows(name or dataset_name(path), loader.rows, reuse=True, networkx=networkx), loader.warnings


def read_rows(path: str | os.PathLike, *, progress: Callable[[str], None] | None = None):
    """Read and validate the dataset at ``path`` into its valid rows, without making models.

    Returns ``(name, rows, warnings)``: ``rows`` maps each table to its rows as dicts of column ->
    value, as the loader holds them (what :func:`load_dataset` wraps in models; ``required`` items as
    :class:`~graphmodel.required_items.RequiredItem`). Raises :class:`DatasetError` like
    :func:`load_dataset`.
    """
    loader = _read(path, progress)
    if loader.problems:
        raise DatasetError(loader.problems, loader.warnings)
    return dataset_name(path), {t: list(rows(loader.rows[t])) for t in TABLE_NAMES}, loader.warnings


def load_dataset(path: str | os.PathLike, *, name: str | None = None) -> Dataset:
    """Read and validate the dataset at ``path`` (folder, .xlsx, .json or .yaml).

    Raises
    ------
    DatasetError
        listing every problem found, each with file or sheet, row, column and value.
    """
    result = read_dataset(path, name=name)
    if result.problems:
        raise DatasetError(result.problems, result.warnings)
    return result.dataset


#: a folder of CSV files at least this big is read by the columnar core (issue 17)
LARGE_BYTES = 8_000_000


def is_large(path: str | os.PathLike) -> bool:
    """Whether the commands that can should take the columnar route for ``path``: a folder of CSV
    files of :data:`LARGE_BYTES` or more (below it, starting pyarrow costs more than it saves)."""
    folder = os.fspath(path)
    if not os.path.isdir(folder):
        return False
    try:
        return sum(e.stat().st_size for e in os.scandir(folder)
                   if e.name.lower().endswith(".csv") and e.is_file()) >= LARGE_BYTES
    except OSError:
        return False


def read_columns(path: str | os.PathLike, *, progress: Callable[[str], None] | None = None,
                 as_of: date | None = None, fast: bool | None = None, numbers: dict | None = None):
    """Read and validate the dataset at ``path`` into Arrow columns (:mod:`graphmodel.arrow_tables`).

    Returns ``(tables, warnings)``; raises :class:`DatasetError` exactly as
    :func:`load_dataset` does (the same problems and warnings, in the same order).
    A CSV folder that :func:`is_large` (or any, with ``fast=True``; never, with ``fast=False``) is
    first tried by the columnar reader (:mod:`graphmodel.columnar_read`), which vouches only for a
    dataset with no problem and no warning; anything else is read by the plain loader.
    With ``numbers`` (a dict), the columnar reader puts in it the node numbers of every reference
    (see :func:`graphmodel.columnar_read.read_fast`), to be passed on to
    :func:`graphmodel.arrays.edge_arrays`; it stays empty when the plain loader read the dataset.
    """
    if fast if fast is not None else is_large(path):
        from .columnar_read import read_fast

        found = read_fast(path, progress=progress, as_of=as_of, numbers=numbers)
        if found is not None:
            return found

    from .arrow_tables import from_rows

    loader = _read(path, progress, as_of)
    if loader.problems:
        raise DatasetError(loader.problems, loader.warnings)
    return from_rows(loader.rows), loader.warnings
