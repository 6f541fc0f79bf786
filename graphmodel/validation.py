"""The one validation step: located raw rows in, valid rows and located problems out.

Every reader (the four containers, every importer) yields :class:`~graphmodel.importers.RawTable`
objects; :class:`_Loader` reads each block column by column (each distinct cell parsed once by its
column's spec), keeps every row's problems with file or sheet, row, column and value, and then runs
the checks across rows and tables (:mod:`graphmodel.checks`) on the valid rows. :mod:`graphmodel.load`
drives it for a dataset; :func:`validate_tables` for an importer's rows.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

from graphmodel.importers import RawTable, RowBlock
from graphmodel.importers.raw_rows import BLOCK_ROWS, MISSING

from .cells import normal_column, parse_column, shown
from .checks import Finding, table_problems
from .column_specs import COLUMNS, ColumnSpec
from .columns import Columns
from .exceptions import Problem
from .keyed import column_keys, keyed_columns
from .vocabulary import ENTITY_TABLES, TABLE_NAMES

__all__ = ["validate_tables"]


#: The columns of the people table whose values may be quoted in a message (the rest are personal data).
_PUBLIC_PEOPLE_COLUMNS = ("id", "organisation")
#: rows validated together; bounds the memory that one table's raw cells hold
CHUNK_ROWS = 50_000


class _Loader:
    """Validates tables column by column: each distinct cell value of a column is
    parsed once, every row's problems are collected, valid rows become models."""

    def __init__(self, progress: Callable[[str], None] | None = None,
                 place: Callable[[str, int], str] | None = None) -> None:
        self.progress = progress
        self.place = place  # names a row in a message that points at a second place (default: file and row)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.rows: dict[str, Any] = {t: [] if t in ENTITY_TABLES else Columns({n: [] for n in COLUMNS[t]})
                                     for t in TABLE_NAMES}
        self.sources: dict[str, tuple[str, str]] = {}
        self.numbers: dict[str, list[int]] = {t: [] for t in TABLE_NAMES}
        self.broken_ids: dict[str, str] = {}
        self.warned_columns: dict[str, set[str]] = {}

    def error(self, source, row, column, value, message, label="row"):
        self.problems.append(Problem(source, row, column, value, message, row_label=label))

    def warn(self, source, row, column, value, message, label="row"):
        self.warnings.append(Problem(source, row, column, value, message, row_label=label, severity="warning"))

    def table(self, raw: RawTable) -> None:
        if raw.name not in TABLE_NAMES:
            close = difflib.get_close_matches(raw.name, list(TABLE_NAMES), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; the tables are {', '.join(TABLE_NAMES)}"
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
        if raw.keyed:
            shape = column_keys(raw.header)
            validate = self.keyed_block
        else:
            shape = self.header(raw, specs)
            validate = self.list_block
            if shape is None:
                _drain(raw.blocks)
                return
        for block in raw.blocks:
            if isinstance(block, Problem):
                self.problems.append(block)
                continue
            validate(raw, specs, shape, block)
            if self.progress and (block.first > 2 or len(block.rows) >= BLOCK_ROWS):
                self.progress(f"read {raw.source}: {block.first + len(block.rows) - 2:,} rows")

    def header(self, raw: RawTable, specs: dict[str, ColumnSpec]) -> dict[str, int] | None:
        """Map each known column to its position; ``None`` when the header is unusable."""
        positions: dict[str, int] = {}
        seen: dict[str, int] = {}
        usable = True
        for i, cell in enumerate(raw.header):
            column = normal_column(cell)
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
        self.chunk(raw, specs, picked, numbers, rows)

    def fit(self, raw: RawTable, number: int, cells: list, width: int) -> list:
        """One row cut or padded to the header's width (a warning if a cut cell held something)."""
        n = len(cells)
        if n > width:
            extra = next((i for i in range(width, n) if cells[i] is not None and str(cells[i]).strip()), None)
            if extra is not None:
                self.warn(raw.source, number, f"#{extra + 1}", None if raw.name == "people" else shown(cells[extra]),
                          "a value beyond the last column with a header was ignored")
            return list(cells[:width])
        return list(cells) + [None] * (width - n)

    def keyed_block(self, raw: RawTable, specs, keys: dict[str, list[int]], block: RowBlock) -> None:
        """Rows of objects (JSON, YAML, an importer's): their keys checked (:mod:`graphmodel.keyed`),
        then validated by column."""
        columns, rows = keyed_columns(self, raw, specs, keys, block)
        self.chunk(raw, specs, columns, list(range(block.first, block.first + len(rows))), rows)

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
            out, errors = parse_column(spec, values)
            unreadable = bad_cells[column] = set()
            private = raw.name == "people" and column not in _PUBLIC_PEOPLE_COLUMNS
            for i, err in errors:
                value = None if private else err.value if err.value is not None else values[i]
                self.error(raw.source, numbers[i], column, shown(value), str(err), label)
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
            if self.place is not None:
                return self.place(table, self.numbers[table][index])
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


def _is_blank(cells) -> bool:
    return all(c is None or c is MISSING or (isinstance(c, str) and not c.strip()) for c in cells)



def _drain(rows) -> None:
    for _ in rows:
        pass


def validate_tables(tables: Iterable[RawTable], *, place: Callable[[str, int], str] | None = None) -> _Loader:
    """The validation step for raw tables that do not come from a dataset container: an importer's
    rows (see :func:`graphmodel.importers.imported.validated`), each cell read and checked as a
    container's would be, then the checks across rows and tables.

    Returns the loader: its ``problems`` and ``warnings`` (located by each table's ``source`` and
    the row numbers of its blocks), and, per table, the valid ``rows`` and their ``numbers``.
    ``place(table, number)`` names a row where a message points at a second one (a duplicate id).

    Examples
    --------
    >>> from graphmodel.importers.raw_rows import keyed_rows
    >>> rows = [{"id": "a", "name": "A", "sector": "vcs"}, {"id": "b", "name": "B", "sector": "charity"}]
    >>> header, cells = keyed_rows(rows)
    >>> loader = validate_tables([RawTable("organisations", "grants.csv", header, iter([RowBlock(2, cells)]), keyed=True)])
    >>> [str(p) for p in loader.problems], loader.numbers["organisations"]
    (["grants.csv, row 3, column sector, value 'charity': not one of the allowed values: vcs, statutory, private"], [2])
    """
    loader = _Loader(place=place)
    for raw in tables:
        loader.table(raw)
    loader.finish()
    return loader
