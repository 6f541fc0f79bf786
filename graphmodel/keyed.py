"""A keyed table's rows (objects: JSON, YAML, an importer's) read into columns for the one validation step.

Rows of every reader have one shape: lists aligned with the table's header
(:mod:`graphmodel.importers.raw_rows`). What only objects can say is checked here: a key given
twice in one object (once normalised: ``Sector`` and ``sector``) is an error at that row, a key
the table does not know is a warning where it is first given (an object has no header row), and
a column no object of a block gives is left out, so that :class:`graphmodel.validation._Loader` reports a
required one row by row. A key an object lacks (:data:`~graphmodel.importers.raw_rows.MISSING`)
reads as an empty cell.

>>> column_keys(["id", " ID", "name"])
{'id': [0, 1], 'name': [2]}
"""

from __future__ import annotations

from graphmodel.importers.raw_rows import MISSING, RawTable, RowBlock

from .cells import normal_column

__all__ = ["column_keys", "keyed_columns"]


def column_keys(header: list[str]) -> dict[str, list[int]]:
    """A keyed table's columns (its keys normalised) and the positions of the keys naming each."""
    keys: dict[str, list[int]] = {}
    for i, key in enumerate(header):
        keys.setdefault(normal_column(key), []).append(i)
    return keys


def keyed_columns(loader, raw: RawTable, specs, keys: dict[str, list[int]], block: RowBlock) \
        -> tuple[dict[str, list], list[list]]:
    """The block's values by column (the columns of ``specs`` some row gives, in their order) and its
    rows as checked, each problem told to ``loader`` (a :class:`graphmodel.validation._Loader`).

    ``keys`` is :func:`column_keys` of the header; where a row gives a column under two keys, the
    later one holds its value (:func:`~graphmodel.importers.raw_rows.keyed_rows` puts the key
    written later at the later place)."""
    rows = block.rows
    first = block.first
    warned = loader.warned_columns.setdefault(raw.name, set())
    unknown = []
    for column, places in keys.items():
        if column not in specs and column not in warned:
            found = next(((i, given) for i, cells in enumerate(rows)
                          for given in [[p for p in places if cells[p] is not MISSING]] if given), None)
            if found is not None:
                unknown.append((found[0], found[1][0], column))
    for offset, _, column in sorted(unknown):
        warned.add(column)
        loader.unknown_column(raw, first + offset, column, specs)
    if any(len(places) > 1 for places in keys.values()):  # a column under two keys (`Sector`, `sector`)
        rows = [_one_value_each(loader, raw, first + offset, cells, keys) for offset, cells in enumerate(rows)]
        keys = {column: places[-1:] for column, places in keys.items()}
    columns = {}
    for column in specs:
        if column in keys:
            place = keys[column][0]
            values = [cells[place] for cells in rows]
            if any(v is not MISSING for v in values):
                columns[column] = [None if v is MISSING else v for v in values]
    return columns, rows


def _one_value_each(loader, raw: RawTable, number: int, cells: list, keys: dict[str, list[int]]) -> list:
    """A keyed row with each column's value at its last key (an error for each key repeating one)."""
    cells = list(cells)
    repeats = []
    for column, places in keys.items():
        given = [p for p in places if cells[p] is not MISSING]
        repeats.extend((p, column) for p in given[1:])
        if given:
            cells[places[-1]] = cells[given[-1]]
            for p in places[:-1]:
                cells[p] = MISSING
    for _, column in sorted(repeats):
        loader.error(raw.source, number, column, None, f"the column {column!r} is given twice", raw.row_label)
    return cells
