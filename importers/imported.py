"""What an importer made of an outside file, validated and written with input locations.

An importer fills an :class:`Imported`: rows for the dataset tables, each with
the place in ITS input it came from (file, sheet, row or item, and a label such
as a grant id), warnings, and a tally of what every input record became.
:func:`validated` then puts the rows through the one validation step every
reader's rows go through (:func:`graphmodel.load.validate_tables`: each cell
read by its column, then the checks across rows and tables); a row that fails
is left out and reported at its input location, never as "links, item 561";
rows that only referred to it go the same way. :func:`write_imported` writes the
result as a CSV dataset folder, atomically, keeping optional columns the
current model does not know yet (they are written, and read back with a
warning until the model has them).

>>> imp = Imported("x.json")
>>> at = Origin("x.json, organizations", 3, "item")
>>> _ = imp.add("organisations", {"id": "a", "name": "A", "sector": "vcs"}, at)
>>> _ = imp.add("organisations", {"id": "b", "name": "", "sector": "vcs"}, Origin("x.json, organizations", 4, "item"))
>>> ds = validated(imp)
>>> [o.id for o in ds.organisations]
['a']
>>> print(imp.warnings[0])
x.json, organizations, item 4, column name: this column is required, but the cell is empty; left out
"""

from __future__ import annotations

import csv
import functools
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphmodel.exceptions import DatasetError, Problem
from graphmodel.gcpause import paused_gc

__all__ = ["Origin", "Imported", "Ids", "to_id", "validated", "write_imported", "read_text"]


_NOT_ID = re.compile(r"[^a-z0-9._-]+")


@functools.lru_cache(maxsize=1 << 16)
def _to_id(text: str) -> str:
    text = _NOT_ID.sub("-", text.strip().lower()).strip("-._")
    return (text or "x")[:100]


def to_id(value: Any) -> str:
    """An engagemap id made from any outside identifier (lowercase, other characters as ``-``).

    >>> to_id("ocd-organization/ABC 123")
    'ocd-organization-abc-123'
    """
    return _to_id(str(value))


@dataclass(frozen=True)
class Origin:
    """Where in the input a row came from: ``source`` (file, sheet or list), ``row`` and what
    a row is called there (``row`` or ``item``), and ``label`` (e.g. ``grant 360G-1``)."""

    source: str
    row: int | None = None
    row_label: str = "row"
    label: str = ""

    def problem(self, column: str | None, value: Any, message: str, severity: str = "warning") -> Problem:
        text = f"{self.label}: {message}" if self.label else message
        return Problem(self.source, self.row, column, value, text, row_label=self.row_label, severity=severity)

    def __str__(self) -> str:
        where = self.source + (f", {self.row_label} {self.row}" if self.row is not None else "")
        return where + (f" ({self.label})" if self.label else "")


@dataclass
class Imported:
    """The tables an importer made, with where each row came from and what was counted."""

    source: str
    tables: dict[str, list[dict]] = field(default_factory=dict)
    origins: dict[str, list[Origin]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    read_line: str = ""

    def add(self, table: str, row: dict, origin: Origin) -> dict:
        self.tables.setdefault(table, []).append(row)
        self.origins.setdefault(table, []).append(origin)
        return row

    def warn(self, origin: Origin, column: str | None, value: Any, message: str) -> None:
        self.warnings.append(origin.problem(column, value, message))

    def rows(self, table: str) -> list[dict]:
        return self.tables.get(table, [])

    def sort(self, table: str, column: str = "id") -> None:
        """Order a table's rows (and their origins) by ``column``."""
        pairs = sorted(zip(self.rows(table), self.origins.get(table, [])), key=lambda p: p[0][column])
        self.tables[table] = [r for r, _ in pairs]
        self.origins[table] = [o for _, o in pairs]


class Ids:
    """One namespace of ids (as in the dataset): each outside id becomes a unique engagemap id;
    two items whose ids clash after normalising are told apart with a warning naming both."""

    def __init__(self, imported: Imported):
        self.imported = imported
        self.used: dict[str, tuple[Origin, str]] = {}

    def claim(self, raw: Any, origin: Origin) -> str:
        base = to_id(raw)
        new, n = base, 2
        while new in self.used:
            suffix = f"-{n}"
            new, n = base[:100 - len(suffix)] + suffix, n + 1
        if new != base:
            first, first_raw = self.used[base]
            self.imported.warn(origin, "id", raw, f"the id becomes {base!r}, as does {first_raw!r} at {first}; "
                                                  f"this one is written as {new!r}")
        self.used[new] = (origin, str(raw))
        return new


def _raw_tables(imp: Imported, keep: dict[str, list[int]]):
    """The importer's rows still in (``keep``: indexes into each table) as the located raw rows every
    reader yields: one table per dataset table, row ``n`` being ``keep[table][n]``. Columns the model
    does not know yet are not part of validation (they are written, see :func:`write_imported`)."""
    from graphmodel.model import TABLES

    from .raw_rows import RawTable, RowBlock, keyed_rows

    for table, model in TABLES.items():
        known = model.model_fields
        rows = imp.rows(table)
        header, cells = keyed_rows([{k: v for k, v in rows[i].items() if k in known and v is not None}
                                    for i in keep[table]])
        yield RawTable(name=table, source=table, header=header, blocks=iter([RowBlock(0, cells)] if cells else []),
                       row_label="item", keyed=True)


@paused_gc()  # many small acyclic objects (cells, rows, models): see graphmodel.gcpause
def validated(imp: Imported, name: str = "imported"):
    """The imported tables as a valid :class:`~graphmodel.model.Dataset`.

    The rows go through the one validation step every reader's rows go through
    (:func:`graphmodel.load.validate_tables`: each cell read by its column, then
    the checks across rows and tables). A row with a problem is left out, each
    problem reported at the row's input location (file, sheet, row or item,
    grant id) in ``imp.warnings``, and counted in ``imp.counts``; rows that
    referred only to rows left out follow. Raises :class:`DatasetError` only
    when the checks left out every organisation and partnership there was.
    """
    from graphmodel.columns import rows as table_rows
    from graphmodel.load import _models, validate_tables
    from graphmodel.model import TABLES, Dataset

    had_rows = any(imp.rows(t) for t in ("organisations", "partnerships"))
    keep = {t: list(range(len(imp.rows(t)))) for t in TABLES}

    def origin(table: str, number: int) -> Origin:
        return imp.origins[table][keep[table][number]]

    while True:  # each round leaves out at least one row, so this ends
        loader = validate_tables(_raw_tables(imp, keep), place=lambda t, n: str(origin(t, n)))
        bad: dict[str, set[int]] = {}
        for p in loader.problems:
            if p.row is None:  # not about one row: nothing an importer makes can cause it
                raise DatasetError([Problem(imp.source, None, None, None, p.message)], imp.warnings)
            imp.warnings.append(origin(p.source, p.row).problem(p.column, p.value, p.message + "; left out"))
            if p.row not in bad.setdefault(p.source, set()):
                imp.counts[f"left out ({p.source})"] += 1
            bad[p.source].add(p.row)
        if not any(bad.values()):
            break
        keep = {t: [i for n, i in enumerate(keep[t]) if n not in bad.get(t, ())] for t in TABLES}
    for p in loader.warnings:
        imp.warnings.append(origin(p.source, p.row).problem(p.column, p.value, p.message))
    for table in TABLES:  # a row neither kept nor reported would be dropped silently: never
        valid = set(loader.numbers[table])
        for n in range(len(keep[table])):
            if n not in valid:
                imp.warnings.append(origin(table, n).problem(None, None, "the row is empty; left out"))
                imp.counts[f"left out ({table})"] += 1
        keep[table] = [keep[table][n] for n in loader.numbers[table]]
    ds = Dataset.model_construct(name=name, **{t: _models(t, list(table_rows(loader.rows[t]))) for t in TABLES})
    imp.origins = {t: [imp.origins[t][i] for i in keep[t]] for t in TABLES if keep[t]}
    imp.tables = {t: [imp.tables[t][i] for i in keep[t]] for t in TABLES if keep[t]}
    if had_rows and not ds.organisations and not ds.partnerships:
        raise DatasetError([Problem(imp.source, None, None, None, "nothing usable is left to import")],
                           imp.warnings)
    return ds


def write_imported(imp: Imported, dataset, folder: str | os.PathLike, *, force: bool = False) -> Path:
    """Write ``dataset`` as a CSV dataset folder (atomically), with any optional columns the
    importer added that the model does not have yet (e.g. a seat's ``role``)."""
    from graphmodel.files import atomic_folder
    from graphmodel.model import TABLES
    from graphmodel.writers import cell_text, neutralise

    with atomic_folder(folder, force=force) as tmp:
        for table, model in TABLES.items():
            columns = list(model.model_fields)
            raw = imp.tables.get(table, [])
            extra = list(dict.fromkeys(k for row in raw for k in row if k not in model.model_fields))
            with open(tmp / f"{table}.csv", "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\r\n")
                writer.writerow(columns + extra)
                for item, row in zip(dataset.rows(table), raw or [{}] * len(dataset.rows(table))):
                    writer.writerow([neutralise(cell_text(getattr(item, c))) for c in columns]
                                    + [neutralise(cell_text(row.get(c))) for c in extra])
    return Path(folder)


def read_text(path: Path, data: bytes | None = None) -> tuple[str, str | None]:
    """The text of a file: UTF-8 (with or without a byte-order mark), else Windows-1252 with a
    note saying so (what Excel saves as "CSV"). Returns ``(text, note)``.

    Raises :class:`DatasetError` with advice when the bytes are neither (e.g. UTF-16).
    """
    if data is None:
        data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DatasetError([Problem(path.name, None, None, None, "the file is UTF-16 text; save it as "
                                    "'CSV UTF-8 (Comma delimited)' in Excel, or as UTF-8 in your editor")])
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise DatasetError([Problem(path.name, line, None, None, "the file is neither UTF-8 nor Windows-1252 "
                                        "text; save it as 'CSV UTF-8 (Comma delimited)' in Excel")]) from None
        if "\x00" in text:
            raise DatasetError([Problem(path.name, None, None, None, "the file holds binary data, not text; "
                                        "save it as 'CSV UTF-8 (Comma delimited)' in Excel")])
        return text, (f"{path.name} is not UTF-8 (first at line {line}); it was read as Windows-1252, "
                      "as Excel saves 'CSV' files")
