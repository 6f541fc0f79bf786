"""Valid tables as Apache Arrow columns: the columnar core's form of a dataset.

A dataset in this form is a ``dict`` of table name -> ``pyarrow.Table``, one
per table of FORMAT.md, every column of :data:`graphmodel.column_specs.COLUMNS`
present in that order, typed by its kind:

========  ==========================================================
kind      Arrow type (and value)
========  ==========================================================
text      ``string`` (``null`` for an empty optional cell)
enum      ``string``: the enum's value, as the graph's attributes hold it
list      ``list<string>`` (an empty list, never ``null``)
required  ``list<string>``: each item in its canonical form ``bme:1@group``
bool      ``bool``; ``int`` ``int64``; ``float`` ``float64``; ``date`` ``date32``
========  ==========================================================

Defaults are filled as the loader fills them, so a table here holds exactly
the values the graph's node and edge attributes hold. :func:`from_rows` makes
this form from the loader's valid rows and :func:`to_rows` goes back, so the
graph (or a part of it) can be built from columns with
:func:`graphmodel.graph.graph_from_rows`.

pyarrow is imported inside the functions: ``import graphmodel`` stays fast.

>>> from graphmodel.load import _read
>>> import pathlib
>>> rows = _read(pathlib.Path(__file__).parent.parent / "examples" / "hackney").rows
>>> tables = from_rows(rows)
>>> tables["organisations"].schema.field("serves").type
ListType(list<item: string>)
>>> back = to_rows(tables)
>>> back["organisations"][0]["sector"] == rows["organisations"][0]["sector"]
True
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from .column_specs import COLUMNS, ColumnSpec
from .columns import Columns, column
from .required_items import RequiredItem
from .vocabulary import ENTITY_TABLES

__all__ = ["arrow_type", "arrow_schema", "from_rows", "to_rows"]


def arrow_type(spec: ColumnSpec):
    """The Arrow type that holds a column of this kind."""
    import pyarrow as pa

    return {
        "text": pa.string(), "enum": pa.string(), "list": pa.list_(pa.string()),
        "required": pa.list_(pa.string()), "bool": pa.bool_(), "int": pa.int64(),
        "float": pa.float64(), "date": pa.date32(),
    }[spec.kind]


def arrow_schema(table: str):
    """The schema of one table: every column of FORMAT.md, in order."""
    import pyarrow as pa

    return pa.schema([pa.field(name, arrow_type(spec)) for name, spec in COLUMNS[table].items()])


def _plain_value(spec: ColumnSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "enum":
        return value.value if isinstance(value, Enum) else value
    if spec.kind == "required":
        return [str(item) for item in value]
    if spec.kind == "list":
        return list(value)
    return value


def from_rows(rows: dict[str, Any]) -> dict[str, Any]:
    """The loader's valid rows (list of dicts or :class:`Columns` by table) as Arrow tables."""
    import pyarrow as pa

    out = {}
    for table, specs in COLUMNS.items():
        found = rows.get(table, ())
        arrays = []
        for name, spec in specs.items():
            values = column(found, name) if len(found) else []
            if spec.kind in ("enum", "required", "list"):
                values = [_plain_value(spec, v) for v in values]
            arrays.append(pa.array(values, type=arrow_type(spec)))
        out[table] = pa.Table.from_arrays(arrays, schema=arrow_schema(table))
    return out


def _model_value(spec: ColumnSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "enum":
        return spec.enum(value)
    if spec.kind == "required":
        return tuple(RequiredItem.from_text(item) for item in value)
    if spec.kind == "list":
        return tuple(value)
    return value


def to_rows(tables: dict[str, Any]) -> dict[str, Any]:
    """Arrow tables back in the loader's form: entity tables as lists of row dicts,
    the others as :class:`Columns`, values as the loader holds them (enums, tuples)."""
    out: dict[str, Any] = {}
    for table, specs in COLUMNS.items():
        data = tables[table]
        converted = {}
        for name, spec in specs.items():
            values = data.column(name).to_pylist()
            if spec.kind in ("enum", "required", "list"):
                values = [_model_value(spec, v) for v in values]
            converted[name] = values
        if table in ENTITY_TABLES:
            names = list(converted)
            out[table] = [dict(zip(names, values)) for values in zip(*converted.values())]
        else:
            out[table] = Columns(converted)
    return out
