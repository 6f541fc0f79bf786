"""What each column of each table holds, read off the pydantic models: the one statement of its rules.

A :class:`ColumnSpec` gives a column's kind (text, list, bool, number, date,
enum...), whether it is required, its default and its constraints (the id
pattern, bounds). Everything comes from the model's field, so the fast
column-by-column validation in :mod:`graphmodel.cells` applies exactly the
model's rules (a test checks that the two agree on every example and on a
corpus of bad cells).

>>> spec = COLUMNS["partnerships"]["min_vcs_share"]
>>> spec.kind, spec.required, spec.ge, spec.le
('float', False, 0, 1)
>>> COLUMNS["seats"]["represents"].kind, COLUMNS["seats"]["represents"].pattern.pattern
('list', '^[a-z0-9][a-z0-9._-]{0,99}$')
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from .model import TABLES, Required

__all__ = ["ColumnSpec", "COLUMNS"]


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


def _spec(name: str, info) -> ColumnSpec:
    annotation, metadata = _unwrap(info.annotation)
    metadata += list(info.metadata)
    enum = None
    if typing.get_origin(annotation) is tuple:
        item, item_metadata = _unwrap(typing.get_args(annotation)[0])
        kind = "required" if item is Required else "list"
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


#: table -> column name -> spec, in the order of FORMAT.md.
COLUMNS: dict[str, dict[str, ColumnSpec]] = {
    table: {name: _spec(name, info) for name, info in model.model_fields.items()}
    for table, model in TABLES.items()
}
