"""Reading one cell, or one column of cells, as the value its model field holds.

A cell comes as a reader found it: text from CSV, typed values from a
workbook, JSON or YAML. :func:`parse_cell` converts it by its column's
:class:`~graphmodel.column_specs.ColumnSpec` (``;`` lists, yes/no booleans,
ISO dates, whole numbers with thousands commas, shares as ``30%``, enum
values in any case) and applies the field's constraints;
:func:`parse_column` reads a whole column of a block of rows, parsing each
distinct value once.

>>> from graphmodel.column_specs import COLUMNS
>>> values, errors = parse_column(COLUMNS["organisations"]["sector"], ("vcs", "VCS", "charity"))
>>> values, [(i, str(e)) for i, e in errors]
([<OrgSector.vcs: 'vcs'>, <OrgSector.vcs: 'vcs'>, None], [(2, 'not one of the allowed values: vcs, statutory, private')])
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from enum import Enum
from typing import Any

from .column_specs import COLUMNS, REQUIRED_ITEM, ColumnSpec  # noqa: F401 (COLUMNS: the doctests use it)
from .required_items import RequiredItem, parse_required
from .vocabulary import MAX_WHOLE
from .vocabulary import ID_RULE as _ID_RULE

__all__ = ["CellError", "parse_cell", "parse_column", "normal_column", "shown"]


class CellError(ValueError):
    """A cell that cannot be read as its column's type (``value``: the part at fault)."""

    def __init__(self, message: str, value: Any = None):
        super().__init__(message)
        self.value = value


_TRUE = {"yes", "true", "y", "1"}
_FALSE = {"no", "false", "n", "0"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise CellError(f"expected a single value, found a {type(value).__name__}")


def _items(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        items = [_text(v) for v in value]
    else:
        text = _text(value)
        items = [t.strip() for t in text.split(";")] if text else []
    return [i for i in items if i]


def _required(item: Any) -> RequiredItem:
    """One ``required`` item (``bme:1@group`` text, or a mapping from JSON/YAML) read by its model's rules:
    :class:`~graphmodel.model.Required` is the one statement of them; its errors become cell errors.

    The text form is read by :func:`~graphmodel.required_items.parse_required` and the item's fields'
    patterns (:data:`~graphmodel.column_specs.REQUIRED_ITEM`), as ``Required`` reads it, without
    importing pydantic; a mapping (or a model) is validated by ``Required`` itself.

    >>> _required("bme:2@community reps")
    RequiredItem(community='bme', seats=2, group='community reps')
    >>> _required("bme")
    Traceback (most recent call last):
    ...
    graphmodel.cells.CellError: 'bme' is not in the form community_id:N or community_id:N@group (for example bme:1 or bme:1@community reps)
    """
    if item.__class__ is RequiredItem:
        return item
    if isinstance(item, str) or not (isinstance(item, dict) or hasattr(item, "model_dump")):
        try:
            parsed = parse_required(_text(item) or "")
        except ValueError as err:  # the text form's own message
            raise CellError(str(err)) from None
        for name, spec in REQUIRED_ITEM.items():
            if spec.pattern is not None and name in parsed and not spec.pattern.fullmatch(parsed[name]):
                raise CellError(_ID_RULE, parsed[name])
        return RequiredItem(**parsed)
    from pydantic import ValidationError

    from .model import Required

    try:
        found = Required.model_validate(item)
    except ValidationError as err:
        first = err.errors()[0]
        if first["loc"] == ("community",):
            raise CellError(_ID_RULE, None if first["type"] == "missing" else first["input"]) from None
        where = ".".join(map(str, first["loc"]))
        raise CellError(f"{where}: {first['msg']}" if where else first["msg"]) from None
    return RequiredItem(found.community, found.seats, found.group)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("not a yes/no value (use yes/no, true/false, y/n or 1/0)")


def _bounded(number: int) -> int:
    if abs(number) > MAX_WHOLE:
        raise CellError(f"is too large: whole numbers in a dataset are at most {MAX_WHOLE:,}")
    return number


def _int(value: Any) -> int:
    return _bounded(_whole(value))


def _whole(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError("not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError("not a whole number")
    text = str(value).strip()
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if len(text) > 30:  # far past MAX_WHOLE, and Python will not parse 4,300 digits
        if re.fullmatch(r"[+-]?\d+", text):
            raise CellError(f"is too large: whole numbers in a dataset are at most {MAX_WHOLE:,}", text[:20] + "...")
        raise CellError("not a whole number", text[:20] + "...")
    try:
        return int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            raise CellError("not a whole number") from None
        if number.is_integer():
            return int(number)
        raise CellError("not a whole number") from None


def _float(value: Any) -> float:
    """A number (NaN and infinity included: whether a column allows them is the model's ``allow_inf_nan``)."""
    if isinstance(value, bool):
        raise CellError("not a number")
    if isinstance(value, int):
        if abs(value) > MAX_WHOLE:
            raise CellError(f"is too large: numbers in a dataset are at most {MAX_WHOLE:,}")
        return float(value)
    if isinstance(value, float):
        return value
    text = str(value).strip()
    if len(text) > 40:
        raise CellError("not a number", text[:20] + "...")
    scale = 1.0
    if text.endswith("%"):
        text, scale = text[:-1].strip(), 100.0
    try:
        return float(text) / scale
    except ValueError:
        raise CellError("not a number") from None


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if _DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CellError("not a real date (the form is YYYY-MM-DD)") from None
    raise CellError("not a date in the form YYYY-MM-DD")


def _enum(value: Any, enum: type[Enum]) -> str:
    text = _text(value)
    key = re.sub(r"[\s-]+", "_", text.lower()) if text else text
    if key in enum.__members__:
        return key
    allowed = ", ".join(enum.__members__)
    raise CellError(f"not one of the allowed values: {allowed}")


def parse_cell(spec: ColumnSpec, value: Any) -> Any:
    """Turn one cell, as a reader found it, into the value its model field holds.

    Parameters
    ----------
    spec : ColumnSpec
        The column's spec (:data:`graphmodel.column_specs.COLUMNS`).
    value : Any
        The cell as read: text (CSV), or a typed value (workbook, JSON, YAML).

    Returns
    -------
    Any
        The field's value, or ``None`` for an empty cell.

    Raises
    ------
    CellError
        when the cell cannot be read or breaks a constraint of the field.

    Examples
    --------
    >>> parse_cell(COLUMNS["organisations"]["serves"], " bme ; older-people;")
    ('bme', 'older-people')
    >>> parse_cell(COLUMNS["organisations"]["count"], "1,900")
    1900
    >>> parse_cell(COLUMNS["partnerships"]["min_vcs_share"], "30%")
    0.3
    >>> parse_cell(COLUMNS["seats"]["method"], "Ex-officio")
    <Method.ex_officio: 'ex_officio'>
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = spec.kind
    if kind == "list":
        items = _items(value)
        if spec.pattern is not None:
            for item in items:
                if not spec.pattern.fullmatch(item):
                    raise CellError(_ID_RULE, item)
        return tuple(items) or None
    if kind == "required":
        items = value if isinstance(value, (list, tuple)) else _items(value)
        return tuple(_required(item) for item in items) or None
    if kind == "bool":
        return _bool(value)
    if kind == "enum":
        return spec.enum[_enum(value, spec.enum)]
    if kind == "date":
        return _date(value)
    if kind in ("int", "float"):
        number = _int(value) if kind == "int" else _float(value)
        if spec.finite and not math.isfinite(number):
            raise CellError("not a finite number (NaN and infinity are not amounts)")
        if spec.ge == 0 and spec.le == 1 and not 0 <= number <= 1:  # a share: min_vcs_share, ...
            raise CellError("must be between 0 and 1 (a share of the seats: 0.3 means 30%)")
        if spec.ge is not None and number < spec.ge:
            raise CellError(f"must be at least {spec.ge}")
        if spec.le is not None and number > spec.le:
            raise CellError(f"must be at most {spec.le}")
        return number
    text = _text(value)
    if spec.pattern is not None and text is not None and not spec.pattern.fullmatch(text):
        raise CellError(_ID_RULE)
    return text


def normal_column(header: Any) -> str:
    """A header cell as a column name: case, surrounding spaces, and spaces or hyphens for ``_`` ignored.

    >>> normal_column(" Led by"), normal_column("Min-VCS share"), normal_column(None)
    ('led_by', 'min_vcs_share', '')
    """
    text = "" if header is None else str(header)
    return re.sub(r"[\s-]+", "_", text.strip().lower())


_MISSING = object()
_JOINED: dict[str, re.Pattern] = {}


def _all_match(pattern: re.Pattern, values: list) -> bool:
    """Whether every non-empty value matches an anchored one-line ``pattern``, checked in one
    regular-expression pass over the values joined by newlines."""
    joined = _JOINED.get(pattern.pattern)
    if joined is None:
        body = pattern.pattern.removeprefix("^").removesuffix("$")
        joined = _JOINED[pattern.pattern] = re.compile(f"(?:{body}\n)*")
    present = [v for v in values if v is not None]
    text = "\n".join(present) + "\n"
    # a newline inside a value would pass as two ids: the count of newlines tells it apart
    return text.count("\n") == len(present) and joined.fullmatch(text) is not None


def parse_column(spec: ColumnSpec, values: tuple) -> tuple[list, list[tuple[int, CellError]]]:
    """Parse one column of a block of rows.

    Plain text is stripped inline; every other cell value is parsed once
    per block and remembered, as most columns repeat a few values.

    Parameters
    ----------
    spec : ColumnSpec
        The column's spec (:data:`graphmodel.column_specs.COLUMNS`).
    values : tuple
        The column's cells, as the reader found them.

    Returns
    -------
    tuple of (list, list of (int, CellError))
        The parsed values (``None`` for an empty or unreadable cell) and, for each unreadable
        cell, its index and the error.

    Examples
    --------
    >>> values, errors = parse_column(COLUMNS["organisations"]["count"], ("1,900", "", "many"))
    >>> values, [(i, str(e)) for i, e in errors]
    ([1900, None, None], [(2, 'not a whole number')])
    """
    errors: list[tuple[int, CellError]] = []
    if spec.kind == "text":
        try:
            out = [v.strip() or None for v in values]
        except AttributeError:  # typed cells from a workbook or JSON
            out = [_parse_or_error(spec, v) if v is not None else None for v in values]
            for i, v in enumerate(out):
                if v.__class__ is CellError:
                    errors.append((i, v))
                    out[i] = None
            return out, errors
        if spec.pattern is not None and not _all_match(spec.pattern, out):
            for i, v in enumerate(out):
                if v is not None and not spec.pattern.fullmatch(v):
                    errors.append((i, CellError(_ID_RULE)))
                    out[i] = None
        return out, errors
    cache: dict[Any, Any] = {None: None, "": None}
    try:
        out = [cache.get(v, _MISSING) for v in values]
    except TypeError:  # a list or dict from JSON/YAML cannot be remembered
        out = [_parse_or_error(spec, v) for v in values]
        failed = True
    else:
        failed = False
        if _MISSING in out:  # identity is tested first, so this is a fast scan
            for i in [i for i, v in enumerate(out) if v is _MISSING]:
                value = values[i]
                result = cache.get(value, _MISSING)
                if result is _MISSING:
                    result = cache[value] = _parse_or_error(spec, value)
                    failed = failed or result.__class__ is CellError
                out[i] = result
    if failed:
        for i in [i for i, v in enumerate(out) if v.__class__ is CellError]:
            errors.append((i, out[i]))
            out[i] = None
    return out, errors


def _parse_or_error(spec: ColumnSpec, value: Any) -> Any:
    try:
        return parse_cell(spec, value)
    except CellError as err:
        return err


def shown(value: Any) -> Any:
    """A cell's value as a message quotes it: text past 200 characters cut, with ``...``.

    >>> len(shown("x" * 500)), shown(7)
    (200, 7)
    """
    if isinstance(value, str) and len(value) > 200:
        return value[:197] + "..."
    return value
