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
import os
import re
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from importers import RawRow, RawTable, dataset_name, read_tables

from .checks import dataset_problems
from .exceptions import DatasetError, Problem
from .model import ENTITY_TABLES, TABLES, Dataset, Required

__all__ = ["load_dataset", "read_dataset", "LoadResult", "COLUMNS", "ColumnSpec", "parse_cell"]


# ---------------------------------------------------------------- columns

@dataclass(frozen=True)
class ColumnSpec:
    """What a column holds, read off the model: its kind and whether it is required."""

    name: str
    kind: str  # text, id, list, required, bool, int, float, date, enum
    required: bool
    enum: type[Enum] | None = None
    description: str = ""


def _spec(name: str, info) -> ColumnSpec:
    annotation = info.annotation
    if typing.get_origin(annotation) is typing.Union:
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    enum = None
    if typing.get_origin(annotation) is tuple:
        kind = "required" if typing.get_args(annotation)[0] is Required else "list"
    elif isinstance(annotation, type) and issubclass(annotation, Enum):
        kind, enum = "enum", annotation
    elif annotation is bool:
        kind = "bool"
    elif annotation is int:
        kind = "int"
    elif annotation is float:
        kind = "float"
    elif annotation is date:
        kind = "date"
    else:
        kind = "text"
    return ColumnSpec(name, kind, info.is_required(), enum, info.description or "")


#: table -> column name -> spec, in the order of FORMAT.md.
COLUMNS: dict[str, dict[str, ColumnSpec]] = {
    table: {name: _spec(name, info) for name, info in model.model_fields.items()}
    for table, model in TABLES.items()
}


# ---------------------------------------------------------------- cells

class CellError(ValueError):
    """A cell that cannot be read as its column's type."""


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
        text = _text(item) or ""
        community, sep, count = text.partition(":")
        community, count = community.strip(), count.strip()
        if not sep or not community or not re.fullmatch(r"\d+", count) or int(count) < 1:
            raise CellError(f"{text!r} is not in the form community_id:N (for example bme:1)")
        out.append({"community": community, "seats": int(count)})
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


def _int(value: Any) -> int:
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
    if isinstance(value, bool):
        raise CellError("not a number")
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
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
    """Turn one cell, as a reader found it, into the value its column holds.

    Returns ``None`` for an empty cell; raises :class:`CellError` when the
    cell cannot be read.

    >>> parse_cell(COLUMNS["organisations"]["serves"], " bme ; older-people;")
    ['bme', 'older-people']
    >>> parse_cell(COLUMNS["organisations"]["count"], "1,900")
    1900
    >>> parse_cell(COLUMNS["partnerships"]["min_vcs_share"], "30%")
    0.3
    >>> parse_cell(COLUMNS["seats"]["method"], "Ex-officio")
    'ex_officio'
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = spec.kind
    if kind == "list":
        return _items(value) or None
    if kind == "required":
        return _required_items(value) or None
    if kind == "bool":
        return _bool(value)
    if kind == "int":
        return _int(value)
    if kind == "float":
        return _float(value)
    if kind == "date":
        return _date(value)
    if kind == "enum":
        return _enum(value, spec.enum)
    return _text(value)


# ---------------------------------------------------------------- messages

_ID_RULE = ("not a valid id: ids are 1 to 100 characters of lowercase letters, digits, '-', '_' and '.', "
            "starting with a letter or digit")


def _pydantic_message(error: dict[str, Any], column: str) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "this column is required, but the cell is empty"
    if kind == "string_pattern_mismatch":
        return _ID_RULE
    if kind == "string_too_short":
        return "this column is required, but the cell is empty"
    if column == "min_vcs_share" and kind in ("greater_than_equal", "less_than_equal"):
        return "must be between 0 and 1 (a share of the seats: 0.3 means 30%)"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    return error["msg"]


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


@dataclass
class _Located:
    source: str
    number: int
    label: str

    def __str__(self) -> str:
        return f"{self.source}, {self.label} {self.number}"


class _Loader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.rows: dict[str, list[BaseModel]] = {t: [] for t in TABLES}
        self.where: dict[str, list[_Located]] = {t: [] for t in TABLES}
        self.seen_tables: dict[str, str] = {}
        self.broken_ids: dict[str, str] = {}

    def error(self, source, row, column, value, message, label="row"):
        self.problems.append(Problem(source, row, column, value, message, row_label=label))

    def warn(self, source, row, column, value, message, label="row"):
        self.warnings.append(Problem(source, row, column, value, message, row_label=label, severity="warning"))

    def table(self, raw: RawTable) -> None:
        if raw.name not in TABLES:
            close = difflib.get_close_matches(raw.name, list(TABLES), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; the tables are {', '.join(TABLES)}"
            self.warn(raw.source, None, None, None, f"unknown table {raw.name!r} was ignored{hint}")
            _drain(raw.rows)
            return
        if raw.name in self.seen_tables:
            self.error(raw.source, None, None, None,
                       f"table {raw.name!r} is given twice (also as {self.seen_tables[raw.name]})")
            _drain(raw.rows)
            return
        self.seen_tables[raw.name] = raw.source
        specs = COLUMNS[raw.name]
        positions = self.header(raw, specs) if raw.header is not None else None
        if positions is None and raw.header is not None:
            _drain(raw.rows)
            return
        warned_columns: set[str] = set()
        for row in raw.rows:
            if isinstance(row, Problem):
                self.problems.append(row)
                continue
            if positions is not None:
                cells = self.cells_from_list(raw, row, positions)
            else:
                cells = self.cells_from_dict(raw, row, specs, warned_columns)
            if cells is not None:
                self.row(raw, row.number, cells, specs)

    def header(self, raw: RawTable, specs: dict[str, ColumnSpec]) -> dict[str, int] | None:
        """Map each known column to its position; ``None`` when the header is unusable."""
        positions: dict[str, int] = {}
        usable = True
        for i, cell in enumerate(raw.header):
            column = _normal_column(cell)
            if not column:
                continue
            if column in positions:
                self.error(raw.source, 1, column, None,
                           f"the column {column!r} appears twice in the header (columns "
                           f"{positions[column] + 1} and {i + 1})")
                usable = False
                continue
            positions[column] = i
            if column not in specs:
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

    def cells_from_list(self, raw: RawTable, row: RawRow, positions: dict[str, int]) -> dict[str, Any] | None:
        values = row.cells
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            return None  # blank rows are skipped, as a spreadsheet user expects
        width = len(raw.header)
        for extra in range(width, len(values)):
            if values[extra] is not None and str(values[extra]).strip():
                self.warn(raw.source, row.number, f"#{extra + 1}", values[extra],
                          "a value beyond the last column with a header was ignored")
                break
        return {column: values[i] for column, i in positions.items() if i < len(values)}

    def cells_from_dict(self, raw: RawTable, row: RawRow, specs, warned: set[str]) -> dict[str, Any] | None:
        cells: dict[str, Any] = {}
        for key, value in row.cells.items():
            column = _normal_column(key)
            if column in cells:
                self.error(raw.source, row.number, column, None, f"the column {column!r} is given twice",
                           raw.row_label)
            cells[column] = value
            if column not in specs and column not in warned:
                warned.add(column)
                self.unknown_column(raw, row.number, column, specs)
        return cells

    def row(self, raw: RawTable, number: int, cells: dict[str, Any], specs: dict[str, ColumnSpec]) -> None:
        values: dict[str, Any] = {}
        failed: set[str] = set()
        for column, spec in specs.items():
            if column not in cells:
                continue
            try:
                value = parse_cell(spec, cells[column])
            except CellError as err:
                self.error(raw.source, number, column, _shown(cells[column]), str(err), raw.row_label)
                failed.add(column)
                continue
            if value is not None:
                values[column] = value
        model = TABLES[raw.name]
        ok = not failed
        try:
            row = model.model_validate(values)
        except ValidationError as err:
            for e in err.errors():
                loc = e["loc"]
                column = str(loc[0]) if loc else None
                if column in failed:
                    continue  # already reported as unreadable
                value = values.get(column) if column else None
                if isinstance(value, list) and len(loc) > 1 and isinstance(loc[1], int):
                    value = value[loc[1]]
                if isinstance(value, dict):
                    value = str(Required.model_construct(**value)) if "community" in value else value
                self.error(raw.source, number, column, _shown(value), _pydantic_message(e, column or ""),
                           raw.row_label)
            ok = False
        if not ok:
            if raw.name in ENTITY_TABLES and isinstance(values.get("id"), str):
                self.broken_ids.setdefault(values["id"], raw.name)
            return
        self.rows[raw.name].append(row)
        self.where[raw.name].append(_Located(raw.source, number, raw.row_label))

    def finish(self, name: str) -> Dataset:
        dataset = Dataset.model_construct(name=name, **{t: tuple(rows) for t, rows in self.rows.items()})
        known = set(self.broken_ids)
        for f in dataset_problems(dataset, where=lambda t, i: str(self.where[t][i])):
            if f.column and f.value in known and "is not the id of any" in f.message:
                continue  # the row that defines it already has an error of its own
            at = self.where[f.table][f.index]
            problem = Problem(at.source, at.number, f.column, f.value, f.message, row_label=at.label,
                              severity=f.severity)
            (self.problems if f.severity == "error" else self.warnings).append(problem)
        return dataset


def _shown(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 200:
        return value[:197] + "..."
    return value


def _drain(rows) -> None:
    for _ in rows:
        pass


def read_dataset(path: str | os.PathLike, *, name: str | None = None) -> LoadResult:
    """Read and validate the dataset at ``path``, returning problems instead of raising.

    File-level failures (no such path, a workbook that is not one) are
    returned as problems too.
    """
    loader = _Loader()
    try:
        for raw in read_tables(path):
            loader.table(raw)
    except DatasetError as err:
        loader.problems.extend(err.problems)
        return LoadResult(None, loader.problems, loader.warnings)
    if "organisations" not in loader.seen_tables:
        loader.error(str(path), None, None, None, "the organisations table is missing; it is the one table "
                                                  "every dataset needs (it may hold no rows)")
    dataset = loader.finish(name or dataset_name(path))
    if loader.problems:
        return LoadResult(None, loader.problems, loader.warnings)
    return LoadResult(dataset, [], loader.warnings)


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
