"""What each column of each table holds: the rules of the pydantic models, given to the loader without pydantic.

The models (:mod:`graphmodel.model`) are the one statement of each column's rules. A
:class:`ColumnSpec` gives a column's kind (text, list, bool, number, date, enum...), whether it is
required, its default and its constraints (the id pattern, bounds), so the fast column-by-column
validation in :mod:`graphmodel.cells` applies exactly the model's rules (a test checks that the two
agree on every example and on a corpus of bad cells).

Reading a dataset should not pay for importing pydantic, so the specs come from
:mod:`graphmodel.column_table`, a module *generated* from the models by this one
(``python -m graphmodel.column_specs`` rewrites it) and committed;
``tests/test_column_table.py`` regenerates it and requires it byte for byte, so a model changed
without regenerating turns the suite red.

>>> spec = COLUMNS["partnerships"]["min_vcs_share"]
>>> spec.kind, spec.required, spec.ge, spec.le
('float', False, 0, 1)
>>> COLUMNS["seats"]["represents"].kind, COLUMNS["seats"]["represents"].pattern.pattern
('list', '^[a-z0-9][a-z0-9._-]{0,99}$')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any

from .column_table import COLUMN_TABLE, REQUIRED_ITEM_TABLE

__all__ = ["ColumnSpec", "COLUMNS", "REQUIRED_ITEM", "specs_from_models", "column_table_source"]


@dataclass(frozen=True)
class ColumnSpec:
    """What a column holds, read off the model: kind, whether required, and constraints.

    ``pattern`` applies to the value (or to each item of a list); ``ge`` and
    ``le`` bound numbers. Everything comes from the pydantic field, so the
    model stays the one place where a column is defined.
    """

    name: str
    kind: str  # text, list, required, bool, int, float, date, enum
    required: bool
    enum: type[Enum] | None = None
    description: str = ""
    pattern: re.Pattern | None = None
    ge: float | None = None
    le: float | None = None
    default: Any = None
    finite: bool = False  # a number that may not be NaN or infinite


def _specs(columns: dict[str, dict[str, Any]]) -> dict[str, ColumnSpec]:
    """Specs of a generated table's entries (each pattern compiled)."""
    return {name: ColumnSpec(name, **{**found, **({"pattern": re.compile(found["pattern"])} if "pattern" in found
                                                  else {})})
            for name, found in columns.items()}


#: table -> column name -> spec, in the order of FORMAT.md.
COLUMNS: dict[str, dict[str, ColumnSpec]] = {table: _specs(columns) for table, columns in COLUMN_TABLE.items()}
#: the fields of one ``required`` item (:class:`graphmodel.model.Required`), as specs.
REQUIRED_ITEM: dict[str, ColumnSpec] = _specs(REQUIRED_ITEM_TABLE)


# ---------------------------------------------------------------- reading the models (the generator)

def _constraints(metadata) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for m in metadata:
        if getattr(m, "pattern", None):
            found["pattern"] = re.compile(m.pattern)
        if getattr(m, "ge", None) is not None:
            found["ge"] = m.ge
        if getattr(m, "le", None) is not None:
            found["le"] = m.le
        if getattr(m, "allow_inf_nan", None) is False:
            found["finite"] = True
    return found


def _unwrap(annotation) -> tuple[Any, list]:
    """Strip Optional[...] and Annotated[...], returning the bare type and its metadata."""
    import typing

    metadata: list = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Union:
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata += extra
        else:
            return annotation, metadata


def _spec(name: str, info, required_model: type) -> ColumnSpec:
    import typing
    from datetime import date

    annotation, metadata = _unwrap(info.annotation)
    metadata += list(info.metadata)
    enum = None
    if typing.get_origin(annotation) is tuple:
        item, item_metadata = _unwrap(typing.get_args(annotation)[0])
        kind = "required" if item is required_model else "list"
        metadata += item_metadata
    elif isinstance(annotation, type) and issubclass(annotation, Enum):
        kind, enum = "enum", annotation
    elif annotation in (bool, int, float, date):
        kind = annotation.__name__
    else:
        kind = "text"
    default = None if info.is_required() else info.default
    return ColumnSpec(name, kind, info.is_required(), enum, info.description or "", default=default,
                      **_constraints(metadata))


def specs_from_models() -> tuple[dict[str, dict[str, ColumnSpec]], dict[str, ColumnSpec]]:
    """The specs read off the pydantic models (imports them): every table's columns, and a
    ``required`` item's fields. :data:`COLUMNS` and :data:`REQUIRED_ITEM` equal these."""
    from .model import TABLES, Required

    columns = {table: {name: _spec(name, info, Required) for name, info in model.model_fields.items()}
               for table, model in TABLES.items()}
    return columns, {name: _spec(name, info, Required) for name, info in Required.model_fields.items()}


def _source(value: Any) -> str:
    """A spec's value as Python source, naming the vocabulary's enums and constants."""
    from . import vocabulary

    if isinstance(value, type) and issubclass(value, Enum):
        return value.__name__
    if isinstance(value, Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, re.Pattern):
        return "ID_PATTERN" if value.pattern == vocabulary.ID_PATTERN else repr(value.pattern)
    if type(value) is int and value == vocabulary.MAX_WHOLE:
        return "MAX_WHOLE"
    return repr(value)


def _entries(specs: dict[str, ColumnSpec], indent: str) -> list[str]:
    lines = []
    for name, spec in specs.items():
        given = [f"{f.name}={_source(getattr(spec, f.name))}" for f in fields(ColumnSpec)
                 if f.name in ("kind", "required")
                 or (f.name != "name" and getattr(spec, f.name) != f.default)]
        lines.append(f"{indent}{name!r}: dict({', '.join(given)}),")
    return lines


def column_table_source() -> str:
    """The text of :mod:`graphmodel.column_table`, generated from the models."""
    columns, item = specs_from_models()
    used = sorted({s.enum.__name__ for specs in [*columns.values(), item] for s in specs.values() if s.enum}
                  | {type(s.default).__name__ for specs in [*columns.values(), item] for s in specs.values()
                     if isinstance(s.default, Enum)})
    lines = [
        '"""Each column\'s rules, as read off the pydantic models of graphmodel/model.py: GENERATED, do not edit.',
        "",
        "Regenerate after changing a model with ``python -m graphmodel.column_specs``;",
        "tests/test_column_table.py fails until this file is what the models give, byte for byte.",
        "graphmodel.column_specs makes its ``COLUMNS`` of it, so reading a dataset needs no pydantic.",
        '"""',
        "",
        f"from .vocabulary import ID_PATTERN, MAX_WHOLE, {', '.join(used)}",
        "",
        "#: table -> column -> the ColumnSpec's fields that differ from its defaults, in the order of FORMAT.md",
        "COLUMN_TABLE = {",
    ]
    for table, specs in columns.items():
        lines += [f"    {table!r}: {{", *_entries(specs, " " * 8), "    },"]
    lines += ["}", "", "#: the fields of one ``required`` item (graphmodel.model.Required)",
              "REQUIRED_ITEM_TABLE = {", *_entries(item, " " * 4), "}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    from pathlib import Path

    from .files import atomic_file

    with atomic_file(Path(__file__).with_name("column_table.py")) as handle:
        handle.write(column_table_source())
