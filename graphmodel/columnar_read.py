"""The columnar core's reader: a large, clean CSV folder read and validated column by column.

:func:`read_fast` reads each table of a CSV folder with pyarrow's CSV reader
(every cell as text), then runs every rule of the plain loader
(:mod:`graphmodel.load`) as whole-column kernels: each cell parsed by its
column's kind, required cells, duplicate ids, references, ranges, seat
rules, reports and cycles. Its answer is only ever "certainly clean": the
tables of :mod:`graphmodel.arrow_tables`, exactly those
``from_rows(_read(path).rows)`` gives, with no warnings. Whenever anything
is not certainly clean (a cell not in a canonical form the kernels can
vouch for, a check that flags a row, a condition that would make the plain
loader warn, a file the plain reader would read differently) it returns
``None`` and the caller reads the dataset with the plain loader, whose
located problems and warnings are then the ones reported. Conservative is
deliberate: a false "clean" would be a bug, a needless fallback only costs time.

How the cells are known to be the plain reader's cells: in a file with no
NUL, no carriage return other than in CRLF, no line of 1 MB or more and no
header cell that names nothing, where every ``"`` belongs to a quoted cell of
the standard form (the whole cell ``"..."``, a ``"`` inside doubled), pyarrow
splits the cells exactly as Python's csv module does; a row of the wrong width
makes pyarrow fail. Any other file (a stray quote, a cell starting with the
formula guard ``'``, odd line ends) is read by the plain CSV reader itself
(:mod:`graphmodel.importers.csv_reader`) and its cells checked the same way.

Low-cardinality columns (enums, yes/no, dates, numbers, ``;`` lists) are
parsed by the plain :func:`graphmodel.cells.parse_cell` on each distinct
value; high-cardinality text (ids, names, notes) by regular-expression
kernels (the id pattern; no surrounding white space, so the plain loader's
strip changes nothing).

pyarrow is imported inside the functions, so ``import graphmodel`` stays fast.

>>> import pathlib
>>> tables, warnings = read_fast(pathlib.Path(__file__).parent.parent / "examples" / "hackney")
>>> tables["organisations"].num_rows > 0, warnings
(True, [])
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from .arrow_tables import _plain_value, arrow_schema, arrow_type
from .cells import CellError, normal_column, parse_cell
from .column_specs import COLUMNS, ColumnSpec
from .columnar_bytes import all_ids, any_padded
from .columnar_checks import NotClean, _any, _Checks, _referenced, _require, max_length
from .exceptions import DatasetError
from .model import TABLES
from .vocabulary import ID_PATTERN

__all__ = ["read_fast", "NotClean", "last_reason"]

#: Every character Python's ``str.strip()`` removes (``str.isspace``), as an RE2 class: a text cell
#: that neither starts nor ends with one is left unchanged by the plain loader's strip.
_SPACES = r"\t-\r\x1c-\x20\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_SPACE = f"[{_SPACES}]"
_PADDED = f"^{_SPACE}|{_SPACE}$"
#: A ``;`` list cell the plain loader's split and strip leave as it is: items neither empty nor padded.
_ITEM = f"[^;{_SPACES}](?:[^;]*[^;{_SPACES}])?"
_LIST = f"^{_ITEM}(?:;{_ITEM})*$"
_BOM = b"\xef\xbb\xbf"


#: A number column with more distinct values than this is read by kernels (when plainly written).
MANY_NUMBERS = 20_000
_WHOLE = r"^-?[0-9]{1,15}$"
_DECIMAL = r"^-?[0-9]{1,15}(?:\.[0-9]{1,15})?$"


#: why the last call of :func:`read_fast` fell back (``None`` when it did not), for tests and debugging
last_reason: str | None = None


def read_fast(path: str | os.PathLike, *, progress: Callable[[str], None] | None = None,
              as_of: date | None = None, numbers: dict | None = None):
    """The dataset at ``path`` as Arrow tables, when it is a CSV folder that is certainly valid and
    without warnings; ``None`` otherwise (then read it with the plain loader).

    With ``numbers`` (a dict), the node numbers the checks gave every reference are put in it when
    the dataset is read here: ``(table, column)`` -> a numpy array, for each column of
    :data:`graphmodel.vocabulary.REFERENCES` and the links' ``source`` and ``target``, one number per
    row (per item of a list column), the node numbers of :func:`graphmodel.arrays.node_index` (a
    number past the nodes for an empty cell): what :func:`graphmodel.arrays.edge_arrays` takes as
    its ``numbers``, so the ids are not looked up twice.

    Returns
    -------
    tuple of (dict, list) or None
        ``(tables, [])`` as :func:`graphmodel.load.read_columns` returns them, or ``None``.
    """
    global last_reason
    reader = _Reader(progress)
    try:
        tables = reader.read(Path(path), as_of)
    except NotClean as err:
        last_reason = str(err)
    else:
        last_reason = None
        if numbers is not None:
            numbers.update((key, codes) for key, codes in reader.codes.items() if key != ("partnerships", "required"))
        return tables, []
    import pyarrow as pa

    pa.default_memory_pool().release_unused()  # the plain loader comes next: give back what the columns held
    return None


class _Reader:
    def __init__(self, progress):
        self.progress = progress
        self.strings: dict[str, dict[str, Any]] = {}  # table -> column -> chunked string array as read
        self.required_items: list = []  # every Required item of partnerships.required, distinct values
        self.codes: dict = {}  # (table, column) -> the references' node numbers, once checked

    # ------------------------------------------------------------ reading

    def read(self, folder: Path, as_of: date | None) -> dict[str, Any]:
        from concurrent.futures import ThreadPoolExecutor

        _require(folder.is_dir(), "not a folder")
        files = sorted(f for f in folder.iterdir() if f.suffix.lower() == ".csv")
        names: list[str] = []
        for f in files:
            name = f.stem.strip().lower()
            _require(name in TABLES, f"{f.name}: not a table (the plain loader warns)")
            _require(name not in names, f"{f.name}: the table is given twice")
            names.append(name)
        _require("organisations" in names, "the organisations table is missing")
        parsed = {}
        # the next file is read (pyarrow's reader, which lets go of the interpreter) while this one is parsed
        with ThreadPoolExecutor(max_workers=1) as pool:
            reading = [pool.submit(self.read_file, f, name) for f, name in zip(files, names)]
            try:
                for f, name, found in zip(files, names, reading):
                    self.strings[name] = found.result()
                    if self.progress:
                        count = len(next(iter(self.strings[name].values()), ()))
                        self.progress(f"read {f.name}: {count:,} rows")
                    parsed[name] = self.parse_table(name)
            finally:
                for future in reading:
                    future.cancel()
        tables = {t: parsed[t] if t in parsed else self.parse_table(t) for t in TABLES}
        if self.progress:
            self.progress("checking references and cycles")
        checks = _Checks(tables, self)
        checks.run(as_of)
        self.codes = checks.codes
        return tables

    def read_file(self, path: Path, table: str) -> dict[str, Any]:
        """The columns of one CSV file as chunked string arrays (cells as the plain reader gives them)."""
        from graphmodel.importers.csv_reader import _CHUNK, _sniff_delimiter
        from graphmodel.importers.raw_rows import MAX_CELL_CHARS, MAX_COLUMNS, open_regular

        try:
            with open_regular(path, path.name) as handle:
                data = handle.read()
        except (DatasetError, OSError) as err:
            raise NotClean(f"{path.name}: cannot be read ({err})") from None
        sniffed = data[:_CHUNK].split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
        delimiter = _sniff_delimiter(sniffed)
        end = data.find(b"\n")
        first = data if end < 0 else data[:end + 1]
        simple = (b"\x00" not in data and not _has_long_line(data, _CHUNK) and first.count(b'"') % 2 == 0
                  and (b"\r" not in data or data.count(b"\r") == data.count(b"\r\n")))
        quoting = simple and b'"' in data
        if quoting:
            quoting = _plainly_quoted(data, delimiter.encode())
            simple = quoting is not None
        if simple:
            try:
                header = next(csv.reader([first.decode("utf-8-sig")], delimiter=delimiter), [])
            except (UnicodeDecodeError, csv.Error):
                simple = False
        if simple:
            positions = self.header(table, header, path.name)
            simple = len(header) <= MAX_COLUMNS and all(normal_column(c) for c in header)
        if simple:
            columns = self.arrow_columns(data, header, positions, delimiter, quoting)
            simple = columns is not None
        if not simple:
            return self.plain_columns(path, table)
        if max((max_length(values) for values in columns.values()), default=0) > MAX_CELL_CHARS:
            return self.plain_columns(path, table)  # the plain reader refuses it, at its row
        return columns

    def header(self, table: str, header: list, source: str) -> dict[str, int]:
        """Each known column's position; anything the plain loader would report or warn about falls back."""
        specs = COLUMNS[table]
        positions: dict[str, int] = {}
        for i, cell in enumerate(header):
            column = normal_column(cell)
            if not column:
                continue
            _require(column not in positions, f"{source}: the column {column!r} appears twice")
            _require(column in specs, f"{source}: unknown column {column!r}")
            positions[column] = i
        for column, spec in specs.items():
            _require(not spec.required or column in positions, f"{source}: the required column {column!r} is missing")
        return positions

    def arrow_columns(self, data: bytes, header: list, positions: dict[str, int], delimiter: str, quoting):
        """The known columns read by pyarrow, or ``None`` when pyarrow cannot read the file as the plain reader
        does (a bad byte, a row of the wrong width, a cell with the formula guard ``'``)."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pcsv

        names = [f"c{i}" for i in range(len(header))]
        wanted = {column: names[i] for column, i in positions.items()}
        try:
            read = pcsv.read_csv(
                pa.BufferReader(data),
                read_options=pcsv.ReadOptions(column_names=names, skip_rows=1, block_size=8 << 20),
                parse_options=pcsv.ParseOptions(delimiter=delimiter, quote_char='"' if quoting else False,
                                                double_quote=bool(quoting), escape_char=False,
                                                newlines_in_values=quoting == "multiline",
                                                ignore_empty_lines=False),
                convert_options=pcsv.ConvertOptions(column_types={n: pa.string() for n in wanted.values()},
                                                    include_columns=list(wanted.values()), strings_can_be_null=False,
                                                    quoted_strings_can_be_null=False, check_utf8=True))
        except (pa.ArrowInvalid, pa.ArrowException):
            return None
        columns = {column: read.column(name) for column, name in wanted.items()}
        if b"'" in data:
            for values in columns.values():
                if _any(pc.starts_with(values, "'")):
                    return None  # the plain reader takes the formula guard off: let it read this file
        return columns

    def plain_columns(self, path: Path, table: str) -> dict[str, Any]:
        """The known columns of a file the plain CSV reader reads (quoted cells, the formula guard...)."""
        import pyarrow as pa

        from graphmodel.importers.csv_reader import _read_csv_file
        from graphmodel.importers.raw_rows import RowBlock

        try:
            raw = _read_csv_file(path)
        except DatasetError as err:
            raise NotClean(f"{path.name}: {err}") from None
        positions = self.header(table, raw.header, path.name)
        width = len(raw.header)
        rows: list[list] = []
        for block in raw.blocks:
            _require(isinstance(block, RowBlock), f"{path.name}: {block}")
            _require(all(len(r) == width for r in block.rows), f"{path.name}: a row is not as wide as the header")
            rows.extend(block.rows)
        return {column: pa.chunked_array([pa.array([r[i] for r in rows], pa.string())], pa.string())
                for column, i in positions.items()}

    # ------------------------------------------------------------ cells

    def parse_table(self, table: str):
        """One table as its Arrow form: every cell parsed by its column's kind, defaults filled."""
        import pyarrow as pa

        found = self.strings.get(table)
        if found is None:
            return arrow_schema(table).empty_table()
        count = len(next(iter(found.values())))
        arrays = []
        for name, spec in COLUMNS[table].items():
            values = found.get(name)
            if values is None:
                default = _plain_value(spec, spec.default)
                arrays.append(pa.nulls(count, arrow_type(spec)) if default is None or not count
                              else pa.repeat(pa.scalar(default, arrow_type(spec)), count))
            elif spec.kind == "text":
                arrays.append(self.text(table, spec, values))
            elif spec.kind == "list":
                arrays.append(self.listed(table, spec, values))
            else:
                numbers = self.numbers(table, spec, values) if spec.kind in ("int", "float") else None
                arrays.append(numbers if numbers is not None else self.distinct(table, spec, values))
        return pa.Table.from_arrays(arrays, schema=arrow_schema(table))

    def text(self, table: str, spec: ColumnSpec, values):
        """Text by kernels: the id pattern, or no surrounding white space; empty cells become null."""
        import pyarrow as pa
        import pyarrow.compute as pc

        where = f"{table}.{spec.name}"
        empty = pc.equal(values, "")
        has_empty = _any(empty)
        _require(not (spec.required and has_empty), f"{where}: a required cell is empty")
        if spec.pattern is not None and _referenced(table, spec.name):
            pass  # every value must be an id, which _Checks makes sure of (and ids match the pattern)
        elif spec.pattern is not None and spec.pattern.pattern == ID_PATTERN:
            _require(all_ids(values), f"{where}: a value is not a valid id")
        elif spec.pattern is not None:
            matched = pc.match_substring_regex(values, spec.pattern.pattern)
            _require(pc.all(pc.or_(matched, empty) if has_empty else matched).as_py() in (True, None),
                     f"{where}: a value is not a valid id")
        else:  # an empty cell never matches
            _require(not any_padded(values, _PADDED), f"{where}: a value has white space around it")
        if not has_empty:
            return values
        out = pc.if_else(empty, pa.scalar(None, pa.string()), values)
        if spec.default is not None:
            out = pc.fill_null(out, pa.scalar(spec.default, pa.string()))
        return out

    def listed(self, table: str, spec: ColumnSpec, values):
        """A ``;`` list by kernels when every cell is in canonical form (else :meth:`distinct`)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if spec.required or spec.default != () or (spec.pattern is not None and not _referenced(table, spec.name)):
            return self.distinct(table, spec, values)
        empty = pc.equal(values, "")
        split = pc.split_pattern(pc.if_else(empty, pa.scalar(None, pa.string()), values), ";")
        # canonical (each cell matching _LIST) exactly when no item is empty or padded
        items = pc.list_flatten(split)
        if len(items) and (pc.min(pc.binary_length(items)).as_py() == 0 or any_padded(items, _PADDED)):
            return self.distinct(table, spec, values)
        # a null (empty cell) spans no items: as a list without validity it is the default, []
        return pa.chunked_array([pa.ListArray.from_arrays(c.offsets, c.values) for c in split.chunks],
                                arrow_type(spec))

    def numbers(self, table: str, spec: ColumnSpec, values):
        """A column of many distinct numbers, all plainly written (``-12``, ``3.25``: no sign ``+``,
        thousands commas, exponent or ``%``), by kernels; ``None`` to leave it to :meth:`distinct`.
        Such text reads as the same number in pyarrow's cast as in Python's ``int`` and ``float``
        (both round a decimal correctly); the bounds of :func:`graphmodel.cells.parse_cell` follow."""
        import pyarrow as pa
        import pyarrow.compute as pc

        from .vocabulary import MAX_WHOLE

        if pc.count_distinct(values).as_py() <= MANY_NUMBERS:
            return None
        where = f"{table}.{spec.name}"
        empty = pc.equal(values, "")
        has_empty = _any(empty)
        _require(not (spec.required and has_empty), f"{where}: a required cell is empty")
        whole = spec.kind == "int"
        matched = pc.match_substring_regex(values, _WHOLE if whole else _DECIMAL)
        if pc.all(pc.or_(matched, empty) if has_empty else matched).as_py() is False:
            return None
        kind = arrow_type(spec)
        out = pc.cast(pc.if_else(empty, pa.scalar(None, pa.string()), values) if has_empty else values, kind)
        low, high = (v.as_py() for v in pc.min_max(out).values())
        if low is not None:
            _require(not whole or max(-low, high) <= MAX_WHOLE, f"{where}: a number is too large")
            if spec.ge == 0 and spec.le == 1:
                _require(0 <= low and high <= 1, f"{where}: a share out of range")
            _require(spec.ge is None or low >= spec.ge, f"{where}: a number below {spec.ge}")
            _require(spec.le is None or high <= spec.le, f"{where}: a number above {spec.le}")
        if spec.default is not None and has_empty:
            out = pc.fill_null(out, pa.scalar(spec.default, kind))
        return out

    def distinct(self, table: str, spec: ColumnSpec, values):
        """Any other kind: each distinct cell parsed once by the plain :func:`parse_cell`."""
        import pyarrow as pa
        import pyarrow.compute as pc

        where = f"{table}.{spec.name}"
        # one hash pass: the distinct cells (in the order met) and the place of each cell among them
        encoded = pc.dictionary_encode(values)
        chunks = encoded.chunks
        shared = all(c.dictionary.equals(chunks[-1].dictionary) for c in chunks[:-1])
        unique = chunks[-1].dictionary if chunks and shared else pc.unique(values)
        parsed = []
        for cell in unique.to_pylist():
            try:
                value = parse_cell(spec, cell)
            except CellError as err:
                raise NotClean(f"{where}: {cell!r}: {err}") from None
            if value is None:
                _require(not spec.required, f"{where}: a required cell is empty")
                value = spec.default
            if spec.kind == "required" and value:
                self.required_items.extend(value)
            parsed.append(_plain_value(spec, value))
        dictionary = pa.array(parsed, arrow_type(spec))
        if chunks and shared:
            return pa.chunked_array([pc.take(dictionary, c.indices) for c in chunks], arrow_type(spec))
        return pc.take(dictionary, pc.index_in(values, value_set=unique))


def _has_long_line(data: bytes, limit: int) -> bool:
    """Whether a line is ``limit`` bytes or longer (its line end included): the plain reader reads a
    line of 1 MB or more in pieces, with rules of its own.

    A line that long holds a whole aligned block of a quarter of ``limit`` bytes without a line end,
    so when every such block has one (one ``find`` a block, the common case) no line is; otherwise
    the lines are measured.

    >>> _has_long_line(b"ab\\ncd\\n" * 10, 4), _has_long_line(b"abcd\\n", 4), _has_long_line(b"abc\\n", 5)
    (False, True, False)
    """
    import numpy as np

    if len(data) < limit:
        return False
    step = max(1, limit // 4)
    if all(data.find(b"\n", start, start + step) >= 0 for start in range(0, len(data) - step + 1, step)):
        return False
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("\n"))
    return int(np.diff(ends, prepend=-1, append=len(data) - 1).max()) >= limit


def _plainly_quoted(data: bytes, delimiter: bytes) -> str | None:
    """How the ``"`` of a CSV file quote: ``"quoted"`` when each quoted cell is one whole cell in the
    standard form (``"..."``, a ``"`` inside doubled), which pyarrow's reader and Python's csv module read
    alike; ``"multiline"`` when such a cell holds a line end; ``None`` for any other use of ``"`` (a quote
    inside an unquoted cell, text after a closing quote, a quote never closed), left to the plain reader."""
    import re

    ends = (delimiter, b"\r", b"\n")
    inside = 0
    multiline = False
    for match in re.finditer(rb'"(?:[^"]|"")*"', data):
        start, end = match.span()
        if (start and data[start - 1:start] not in ends) or (end < len(data) and data[end:end + 1] not in ends):
            return None
        inside += match.group().count(b'"')
        multiline = multiline or b"\n" in match.group() or b"\r" in match.group()
    if inside != data.count(b'"'):
        return None
    return "multiline" if multiline else "quoted"
