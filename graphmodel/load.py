"""The one step that turns located raw rows into a validated :class:`Dataset`.

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

import difflib
import math
import os
import re
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from graphmodel.importers import RawTable, RowBlock, dataset_name, read_tables
from graphmodel.importers.containers import BLOCK_ROWS

from .checks import Finding, reports_after, table_problems
from .columns import Columns, rows
from .exceptions import DatasetError, Problem
from .gcpause import paused_gc
from .writers import restore
from .model import ENTITY_TABLES, ID_PATTERN, TABLES, Dataset, Required, parse_required

__all__ = ["load_dataset", "read_dataset", "read_graph", "LoadResult", "COLUMNS", "ColumnSpec", "parse_cell"]


# ---------------------------------------------------------------- columns

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


def _constraints(metadata) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for m in metadata:
        if getattr(m, "pattern", None):
            found["pattern"] = re.compile(m.pattern)
        if getattr(m, "ge", None) is not None:
            found["ge"] = m.ge
        if getattr(m, "le", None) is not None:
            found["le"] = m.le
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


# ---------------------------------------------------------------- cells

class CellError(ValueError):
    """A cell that cannot be read as its column's type (``value``: the part at fault)."""

    def __init__(self, message: str, value: Any = None):
        super().__init__(message)
        self.value = value


ID_RE = re.compile(ID_PATTERN)
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


def _required_items(value: Any) -> list[dict[str, Any]]:
    out = []
    raw = value if isinstance(value, (list, tuple)) else _items(value)
    for item in raw:
        if isinstance(item, dict):
            out.append(item)
            continue
        try:
            out.append(parse_required(_text(item) or ""))
        except ValueError as err:
            raise CellError(str(err)) from None
    return out


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


#: Whole numbers in a dataset (counts, populations, sizes) are at most this.
MAX_WHOLE = 10 ** 12


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
    number = _number(value)
    if not math.isfinite(number):
        raise CellError("not a finite number (NaN and infinity are not amounts)")
    return number


def _number(value: Any) -> float:
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

    Returns ``None`` for an empty cell; raises :class:`CellError` when the
    cell cannot be read or breaks a constraint of the field.

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
        items = _required_items(value)
        for item in items:
            if not isinstance(item.get("community"), str) or not ID_RE.fullmatch(item["community"]):
                raise CellError(_ID_RULE, item.get("community"))
        return tuple(Required.model_validate(i) for i in items) or None
    if kind == "bool":
        return _bool(value)
    if kind == "enum":
        return spec.enum[_enum(value, spec.enum)]
    if kind == "date":
        return _date(value)
    if kind in ("int", "float"):
        number = _int(value) if kind == "int" else _float(value)
        if spec.name in ("min_vcs_share", "min_vcs_voting_share") and not 0 <= number <= 1:
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


# ---------------------------------------------------------------- messages

_ID_RULE = ("not a valid id: ids are 1 to 100 characters of lowercase letters, digits, '-', '_' and '.', "
            "starting with a letter or digit")


def _normal_column(header: Any) -> str:
    text = "" if header is None else str(header)
    return re.sub(r"[\s-]+", "_", text.strip().lower())


# ---------------------------------------------------------------- loading

@dataclass
class LoadResult:
    """What :func:`read_dataset` found: the dataset (when valid), errors and warnings."""

    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


_MISSING = object()
#: The columns of the people table whose values may be quoted in a message (the rest are personal data).
_PUBLIC_PEOPLE_COLUMNS = ("id", "organisation")
#: rows validated together; bounds the memory that one table's raw cells hold
CHUNK_ROWS = 50_000


def _models(model: type[BaseModel], rows: list[dict[str, Any]]) -> tuple[BaseModel, ...]:
    """Wrap rows already checked against the model's fields, as ``model_construct`` does
    but without its per-field work (loading a national dataset makes a million of them)."""
    new, setattr_ = model.__new__, object.__setattr__
    fields_set = set(model.model_fields)  # shared: frozen models never change it
    out = []
    append = out.append
    for values in rows:
        row = new(model)
        setattr_(row, "__dict__", values)
        setattr_(row, "__pydantic_fields_set__", fields_set)
        setattr_(row, "__pydantic_extra__", None)
        setattr_(row, "__pydantic_private__", None)
        append(row)
    return tuple(out)


class _Loader:
    """Validates tables column by column: each distinct cell value of a column is
    parsed once, every row's problems are collected, valid rows become models."""

    def __init__(self, progress: Callable[[str], None] | None = None) -> None:
        self.progress = progress
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.rows: dict[str, Any] = {t: [] if t in ENTITY_TABLES else Columns({n: [] for n in COLUMNS[t]})
                                     for t in TABLES}
        self.sources: dict[str, tuple[str, str]] = {}
        self.numbers: dict[str, list[int]] = {t: [] for t in TABLES}
        self.broken_ids: dict[str, str] = {}
        self.warned_columns: dict[str, set[str]] = {}

    def error(self, source, row, column, value, message, label="row"):
        self.problems.append(Problem(source, row, column, value, message, row_label=label))

    def warn(self, source, row, column, value, message, label="row"):
        self.warnings.append(Problem(source, row, column, value, message, row_label=label, severity="warning"))

    def table(self, raw: RawTable) -> None:
        if raw.name not in TABLES:
            close = difflib.get_close_matches(raw.name, list(TABLES), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; the tables are {', '.join(TABLES)}"
            self.warn(raw.source, None, None, None, f"unknown table {raw.name!r} was ignored{hint}")
            _drain(raw.blocks)
            return
        if raw.name in self.sources:
            self.error(raw.source, None, None, None,
                       f"table {raw.name!r} is given twice (also as {self.sources[raw.name][0]})")
            _drain(raw.blocks)
            return
        self.sources[raw.name] = (raw.source, raw.row_label)
        specs = COLUMNS[raw.name]
        if raw.header is not None:
            positions = self.header(raw, specs)
            if positions is None:
                _drain(raw.blocks)
                return
        else:
            positions = None
        for block in raw.blocks:
            if isinstance(block, Problem):
                self.problems.append(block)
                continue
            if positions is not None:
                self.list_block(raw, specs, positions, block)
            else:
                self.dict_block(raw, specs, block)
            if self.progress and (block.first > 2 or len(block.rows) >= BLOCK_ROWS):
                self.progress(f"read {raw.source}: {block.first + len(block.rows) - 2:,} rows")

    def header(self, raw: RawTable, specs: dict[str, ColumnSpec]) -> dict[str, int] | None:
        """Map each known column to its position; ``None`` when the header is unusable."""
        positions: dict[str, int] = {}
        seen: dict[str, int] = {}
        usable = True
        for i, cell in enumerate(raw.header):
            column = _normal_column(cell)
            if not column:
                continue
            if column in seen:
                self.error(raw.source, 1, column, None,
                           f"the column {column!r} appears twice in the header (columns "
                           f"{seen[column] + 1} and {i + 1})")
                usable = False
                continue
            seen[column] = i
            if column in specs:
                positions[column] = i
            else:
                self.unknown_column(raw, 1, column, specs)
        for column, spec in specs.items():
            if spec.required and column not in positions:
                self.error(raw.source, 1, column, None, f"the required column {column!r} is missing from the header")
                usable = False
        return positions if usable else None

    def unknown_column(self, raw: RawTable, number: int, column: str, specs) -> None:
        close = difflib.get_close_matches(column, list(specs), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f"; the columns are {', '.join(specs)}"
        self.warn(raw.source, number, column, None, f"unknown column {column!r} was ignored{hint}", raw.row_label)

    def list_block(self, raw: RawTable, specs, positions: dict[str, int], block: RowBlock) -> None:
        """Spreadsheet rows: warn about cells past the header, then validate by column."""
        width = len(raw.header)
        rows = block.rows
        if set(map(len, rows)) != {width}:
            rows = [self.fit(raw, block.first + offset, cells, width) for offset, cells in enumerate(rows)]
        columns = list(zip(*rows))
        numbers = list(range(block.first, block.first + len(rows)))
        picked = {c: columns[i] for c, i in positions.items()}
        if raw.quoted_formulas:
            picked = {c: _restored(values) for c, values in picked.items()}
        self.chunk(raw, specs, picked, numbers, rows)

    def fit(self, raw: RawTable, number: int, cells: list, width: int) -> list:
        """One row cut or padded to the header's width (a warning if a cut cell held something)."""
        n = len(cells)
        if n > width:
            extra = next((i for i in range(width, n) if cells[i] is not None and str(cells[i]).strip()), None)
            if extra is not None:
                self.warn(raw.source, number, f"#{extra + 1}", None if raw.name == "people" else _shown(cells[extra]),
                          "a value beyond the last column with a header was ignored")
            return list(cells[:width])
        return list(cells) + [None] * (width - n)

    def dict_block(self, raw: RawTable, specs, block: RowBlock) -> None:
        """JSON/YAML rows: normalise keys, warn about unknown ones, then validate by column."""
        rows = []
        for offset, row in enumerate(block.rows):
            cells: dict[str, Any] = {}
            for key, value in row.items():
                column = _normal_column(key)
                if column in cells:
                    self.error(raw.source, block.first + offset, column, None,
                               f"the column {column!r} is given twice", raw.row_label)
                cells[column] = value
                if column not in specs and column not in self.warned_columns.setdefault(raw.name, set()):
                    self.warned_columns[raw.name].add(column)
                    self.unknown_column(raw, block.first + offset, column, specs)
            rows.append(cells)
        present = {c for row in rows for c in row if c in specs}
        columns = {c: [row.get(c) for row in rows] for c in specs if c in present}
        self.chunk(raw, specs, columns, list(range(block.first, block.first + len(rows))),
                   [list(row.values()) for row in rows])

    def chunk(self, raw: RawTable, specs, columns: dict[str, Any], numbers: list[int], cells: list) -> None:
        """Validate a block of rows column by column and keep the valid ones as models.

        ``cells`` are the rows as read, to tell a blank row (skipped, as a
        spreadsheet user expects) from one with a required value missing.
        """
        label = raw.row_label
        count = len(numbers)
        failed = [False] * count
        blank = [False] * count
        parsed: dict[str, list] = {}
        bad_cells: dict[str, set[int]] = {}
        for column, values in columns.items():
            spec = specs[column]
            out, errors = _parse_column(spec, values)
            unreadable = bad_cells[column] = set()
            private = raw.name == "people" and column not in _PUBLIC_PEOPLE_COLUMNS
            for i, err in errors:
                shown = None if private else err.value if err.value is not None else values[i]
                self.error(raw.source, numbers[i], column, _shown(shown), str(err), label)
                failed[i] = True
                unreadable.add(i)
            parsed[column] = out
        names = list(specs)
        field_values = []
        for name in names:
            spec = specs[name]
            values = parsed.get(name)
            if values is None:
                if spec.required:
                    continue  # reported with the header (CSV/XLSX) or below, row by row (JSON/YAML)
                field_values.append([spec.default] * count)
                continue
            if spec.required:
                for i in [i for i, v in enumerate(values) if v is None]:
                    if blank[i] or _is_blank(cells[i]):
                        blank[i] = failed[i] = True
                    elif i not in bad_cells[name]:
                        self.error(raw.source, numbers[i], name, None,
                                   "this column is required, but the cell is empty", label)
                        failed[i] = True
            elif spec.default is not None:
                default = spec.default
                values = [default if v is None else v for v in values]
            field_values.append(values)
        missing_required = [n for n in names if specs[n].required and n not in parsed]
        if missing_required:  # JSON/YAML rows without a required key
            for i in range(count):
                if _is_blank(cells[i]):
                    continue
                for name in missing_required:
                    self.error(raw.source, numbers[i], name, None, "this column is required, but the cell is empty",
                               label)
            failed = [True] * count
        entity = raw.name in ENTITY_TABLES
        ids = parsed.get("id")
        if any(failed):
            for i in [i for i, bad in enumerate(failed) if bad]:
                if entity and ids is not None and isinstance(ids[i], str) and not blank[i]:
                    self.broken_ids.setdefault(ids[i], raw.name)
            if all(failed):
                return
            field_values = [[v for v, bad in zip(values, failed) if not bad] for values in field_values]
            numbers = [n for n, bad in zip(numbers, failed) if not bad]
        if entity:  # each row will be a node: one dict per row, later the node's attributes
            self.rows[raw.name].extend([dict(zip(names, values)) for values in zip(*field_values)])
        else:  # the rows will be edges: keep the columns
            table = self.rows[raw.name]
            for name, values in zip(names, field_values):
                table[name].extend(values)
        self.numbers[raw.name].extend(numbers)

    def finish(self) -> None:
        """Check references, ranges and cycles across the valid rows."""

        def where(table: str, index: int) -> str:
            source, label = self.sources[table]
            return f"{source}, {label} {self.numbers[table][index]}"

        known = set(self.broken_ids)
        for f in table_problems(self.rows, where=where):
            if f.column and f.value in known and "is not the id of any" in f.message:
                continue  # the row that defines it already has an error of its own
            self.located(f)

    def located(self, f: Finding) -> None:
        """Keep a finding about a valid row as an error or warning naming its file and row."""
        source, label = self.sources[f.table]
        problem = Problem(source, self.numbers[f.table][f.index], f.column, f.value, f.message,
                          row_label=label, severity=f.severity)
        (self.problems if f.severity == "error" else self.warnings).append(problem)


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


def _restored(values: tuple) -> tuple:
    """A CSV column with the ``'`` that neutralised formula-like cells taken off again.

    A column with no cell starting with ``'`` (nearly all) is found with one join, in C.
    """
    try:
        joined = "\x00".join(values)
    except TypeError:  # a short row padded with None
        return tuple(restore(v) if v.__class__ is str else v for v in values)
    if not joined.startswith("'") and "\x00'" not in joined:
        return values
    return tuple(restore(v) for v in values)


def _is_blank(cells) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _parse_column(spec: ColumnSpec, values: tuple) -> tuple[list, list[tuple[int, CellError]]]:
    """Parse one column of a block of rows: (parsed values, [(row index, error)]).

    Plain text is stripped inline; every other cell value is parsed once
    per block and remembered, as most columns repeat a few values.
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


def _shown(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 200:
        return value[:197] + "..."
    return value


def _drain(rows) -> None:
    for _ in rows:
        pass


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
    with paused_gc():
        tables = {t: _models(model, list(rows(loader.rows[t]))) for t, model in TABLES.items()}
        dataset = Dataset.model_construct(name=name or dataset_name(path), **tables)
    return LoadResult(dataset, [], loader.warnings)


def read_graph(path: str | os.PathLike, *, name: str | None = None,
               progress: Callable[[str], None] | None = None, as_of: date | None = None):
    """Read and validate the dataset at ``path`` straight into its graph.

    Returns ``(graph, warnings)``; raises :class:`DatasetError` like
    :func:`load_dataset`. ``progress``, if given, is called with a short
    message after each block of a large table and at each long step. The graph equals ``build_graph(load_dataset(path))``
    but no model objects are made on the way, which is what the command
    line uses for large datasets. With ``as_of``, each report dated after it is a warning.
    """
    from .graph import graph_from_rows

    loader = _read(path, progress, as_of)
    if loader.problems:
        raise DatasetError(loader.problems, loader.warnings)
    if progress and sum(map(len, loader.rows.values())) >= BLOCK_ROWS:
        progress("building the graph")
    return graph_from_rows(name or dataset_name(path), loader.rows, reuse=True), loader.warnings


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
