"""A table kept as columns: the loader's form for tables whose rows become edges.

Memberships can run to a million rows; they become edges, never nodes, so
they are kept as one list per column rather than a dict per row.

>>> t = Columns({"member": ["a", "b"], "network": ["n", "n"]})
>>> len(t), list(t.rows())
(2, [{'member': 'a', 'network': 'n'}, {'member': 'b', 'network': 'n'}])
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["Columns", "as_columns", "column", "rows"]


class Columns(dict):
    """Column name -> list of values, all lists the same length."""

    def __len__(self) -> int:  # the number of rows, as for a list of row dicts
        return len(next(iter(self.values()), ()))

    def rows(self) -> Iterator[dict[str, Any]]:
        names = list(self)
        for values in zip(*self.values()):
            yield dict(zip(names, values))


def column(table, name: str) -> list:
    """One column of a table given as :class:`Columns` or as a list of row dicts."""
    if isinstance(table, Columns):
        return table[name]
    return [row[name] for row in table]


def rows(table) -> Iterator[dict[str, Any]]:
    """The rows of a table given as :class:`Columns` or as a list of row dicts."""
    return table.rows() if isinstance(table, Columns) else iter(table)


def as_columns(table) -> Columns:
    """A table as :class:`Columns`: the table itself when it is one, else its row dicts turned
    into columns (the one form in which the checks read an edge table).

    >>> as_columns([{"member": "a", "network": "n"}])
    {'member': ['a'], 'network': ['n']}
    """
    if isinstance(table, Columns):
        return table
    table = list(table)
    return Columns({name: [row[name] for row in table] for name in (table[0] if table else ())})
