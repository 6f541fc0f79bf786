"""The fast column-by-column validation (``graphmodel.cells``, rules read off the models by
``graphmodel.column_specs``) and pydantic's validation of the models agree: on every example
dataset, on a corpus of good and bad cells for every column of every table, and on the fuzz corpus.

A cell in canonical form (what pydantic itself reads: ``2024-01-31``, ``vcs``, ``12``) is accepted
by the fast path exactly when pydantic accepts it, with the same value. The fast path also reads a
few spreadsheet forms pydantic does not (``1,900``, ``30%``, ``VCS``, ``Ex-officio``, ``;`` lists);
whatever it makes of those, pydantic accepts unchanged. An empty cell is no value: the field's default,
or an error when the column is required.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Annotated, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from graphmodel import load_dataset
from graphmodel.cells import CellError, parse_cell
from graphmodel.column_specs import COLUMNS
from graphmodel.model import TABLES, Dataset, Required

EXAMPLES = sorted(p for p in (Path(__file__).resolve().parent.parent / "examples").iterdir() if p.is_dir())
COLUMN_LIST = [(table, column) for table, specs in COLUMNS.items() for column in specs]

ID_CELLS = ["a", "hcvs", "a.b_c-d", "0", "9z", "x" * 100, "x" * 101, "A", "Hcvs", "-a", ".a", "_a", "a b", "é",
            "a/b", "a\nb", "a:b"]
REQUIRED_CELLS = ["bme:1", "bme:12", "bme:2@community reps", "bme:0", "bme", "BME:1", "bme:x", ":1", "bme:-1",
                  "bme:1@", "bme:1.5", "b me:1"]
NUMBER_CELLS = [0, 1, 5, -1, 0.0, 0.3, 1.0, 1.5, -0.1, 2, "0", "12", "-3", "0.3", "1", "1.5", "x", "1e3", "0.0", "nan",
                "inf", "-inf", "1e400", float("inf"), 10**12, 10**12 + 1, str(10**12), str(10**12 + 1)]
BOOL_CELLS = [True, False, "yes", "no", "true", "false", "y", "n", "1", "0", "YES", "True", "maybe", "2", "none"]
DATE_CELLS = [datetime.date(2024, 1, 31), "2024-01-31", "2024-02-29", "2023-02-29", "2024-02-30", "2024-13-01",
              "2024-1-31", "31/01/2024", "x", "20240131"]
TEXT_CELLS = ["Hackney CVS", "x", "a;b", "=1+1", "é", "x" * 300]


def _adapter(table: str, column: str) -> TypeAdapter:
    info = TABLES[table].model_fields[column]
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return TypeAdapter(annotation)


def _pydantic(table: str, column: str, value: Any) -> tuple[bool, Any]:
    """(accepted, value) by the model's own field; ``None`` is an empty cell (the default, if any)."""
    info = TABLES[table].model_fields[column]
    if value is None:
        return (False, None) if info.is_required() else (True, info.default)
    try:
        return True, _adapter(table, column).validate_python(value)
    except ValidationError:
        return False, None


def _fast(table: str, column: str, cell: Any) -> tuple[bool, Any]:
    """(accepted, value) by the loader's fast path: parse the cell, then the empty-cell rule."""
    spec = COLUMNS[table][column]
    try:
        value = parse_cell(spec, cell)
    except CellError:
        return False, None
    if value is None:
        return (False, None) if spec.required else (True, spec.default)
    if spec.kind == "required":  # items as read (RequiredItem) become models as load_dataset makes them
        value = tuple(Required.model_construct(community=i.community, seats=i.seats, group=i.group) for i in value)
    return True, value


def _canonical(table: str, column: str) -> list[tuple[Any, Any]]:
    """(cell as the fast path reads it, the same value as pydantic reads it) for one column."""
    spec = COLUMNS[table][column]
    if spec.kind == "list":
        items = ID_CELLS if spec.pattern is not None else TEXT_CELLS[:2] + ["x y"]
        pairs = [(i, (i,)) for i in items if ";" not in i] + [("a;b", ("a", "b")), ("a;B", ("a", "B"))]
        return pairs + [("", None)]
    if spec.kind == "required":
        return [(c, (c,)) for c in REQUIRED_CELLS] + [("bme:1;older:2", ("bme:1", "older:2")), ("", None)]
    if spec.kind == "enum":
        return [(m.value, m.value) for m in spec.enum] + [(c, c) for c in ("charity", "x", "vcs2")] + [("", None)]
    if spec.kind == "bool":
        return [(c, c) for c in BOOL_CELLS] + [("", None)]
    if spec.kind in ("int", "float"):
        numbers = [c for c in NUMBER_CELLS if spec.kind == "float" or c != "1e3"]  # 1e3: a spreadsheet form
        return [(c, c) for c in numbers] + [("", None)]
    if spec.kind == "date":
        return [(c, c) for c in DATE_CELLS] + [("", None)]
    cells = ID_CELLS if spec.pattern is not None else TEXT_CELLS
    return [(c, c) for c in cells] + [("", None)]


@pytest.mark.parametrize("table, column", COLUMN_LIST, ids=[f"{t}.{c}" for t, c in COLUMN_LIST])
def test_canonical_cells_accepted_and_rejected_alike(table, column):
    disagree = []
    for cell, value in _canonical(table, column):
        fast, slow = _fast(table, column, cell), _pydantic(table, column, value)
        if fast != slow:
            disagree.append((cell, "fast", fast, "pydantic", slow))
    assert disagree == []


def test_the_corpus_has_both_verdicts_for_every_constrained_column():
    """The comparison above is not vacuous: each column with a rule sees a cell of each verdict."""
    for table, column in COLUMN_LIST:
        spec = COLUMNS[table][column]
        verdicts = {_fast(table, column, cell)[0] for cell, _ in _canonical(table, column)}
        if spec.kind not in ("text", "list") or spec.pattern is not None or spec.required:
            assert verdicts == {True, False}, (table, column)


LENIENT = {
    "int": ["1,900", "12.0", " 7 ", 3.0, "1e3"],
    "float": ["30%", " 0.5 ", "1,5", "100%"],
    "enum": ["VCS", "Ex-officio", "co opted", "Board"],
    "bool": ["Yes", " n ", 1, 0],
    "list": [" bme ; older-people;", ["a", "b"], "a;;b"],
    "required": ["bme:1 ; older:2@ Community reps", [{"community": "bme", "seats": 1}]],
    "date": [datetime.datetime(2024, 1, 31), " 2024-01-31 "],
    "text": [" padded ", 12, 1.5, True],
}


@pytest.mark.parametrize("table, column", COLUMN_LIST, ids=[f"{t}.{c}" for t, c in COLUMN_LIST])
def test_what_the_fast_path_reads_in_spreadsheet_forms_pydantic_accepts(table, column):
    for cell in LENIENT[COLUMNS[table][column].kind]:
        accepted, value = _fast(table, column, cell)
        if accepted and value is not None:
            assert _pydantic(table, column, value) == (True, value), cell


cells = st.one_of(
    st.sampled_from(["", " ", "vcs", "VCS", "board", "yes", "no", "1,900", "30%", "2024-01-31", "2024-02-30",
                     "a;b", "bme:1", "bme", "hcvs", "Hackney CVS", "\u202eevil", "\u2028", "x" * 300, "=1+1",
                     "'=1", "\x00", "-1", "1.5", "1e400", "nan", "inf", "-0"]),
    st.text(max_size=20), st.integers(-5, 10**12), st.floats(allow_nan=False), st.booleans(),
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(column=st.sampled_from(COLUMN_LIST), cell=cells)
def test_the_fast_path_never_accepts_what_the_model_refuses(column, cell):
    table, name = column
    accepted, value = _fast(table, name, cell)
    if accepted and value is not None:
        assert _pydantic(table, name, value) == (True, value)


@pytest.mark.parametrize("folder", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_loads_the_same_through_pydantic(folder):
    fast = load_dataset(folder)
    slow = Dataset.model_validate(json.loads(fast.model_dump_json(by_alias=True)))
    for table in TABLES:
        assert [r.model_dump() for r in slow.rows(table)] == [r.model_dump() for r in fast.rows(table)], table
    assert sum(len(fast.rows(t)) for t in TABLES) > 20
