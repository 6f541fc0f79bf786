"""One row shape (issue 13): every reader yields lists of cells aligned with a header; the JSON and YAML
readers and the importers turn objects into a keyed header (keys as first seen) with MISSING where an
object lacks a key. The same rows given through each container give the same problems, and what
only objects can say (a key absent from every row, a key given twice) is reported as before."""

from __future__ import annotations

import json

import pytest

from graphmodel.importers.raw_rows import MISSING, keyed_rows
from graphmodel.load import read_dataset

from tests.helpers import CONTAINERS, write_dataset

#: the same rows for every container: every row gives every column (as a header row would)
TABLES = {
    "organisations": [
        {"id": "hcvs", "name": "Hackney CVS", "sector": "vcs", "active": "yes"},
        {"id": "Bad Id", "name": "Council", "sector": "council", "active": "maybe"},
        {"id": "", "name": "", "sector": "", "active": ""},
        {"id": "nhs", "name": "", "sector": "statutory", "active": "no"},
    ],
    "partnerships": [
        {"id": "hwb", "name": "Health board", "level": "borough", "size_min": "3", "size_max": "2"},
        {"id": "hwb", "name": "Again", "level": "city", "size_min": "x", "size_max": ""},
    ],
    "seats": [
        {"id": "s1", "partnership": "hwb", "holder": "hcvs", "sector": "vcs", "role": "member",
         "method": "elected"},
        {"id": "s2", "partnership": "nope", "holder": "ghost", "sector": "vcs", "role": "chair",
         "method": "picked"},
    ],
}


def _said(problems, keyed: bool):
    """Each problem without its file: (row as an item number, column, value, message)."""
    return [(p.row if keyed or p.row is None else p.row - 1, p.column, p.value, p.message) for p in problems]


def test_the_same_rows_give_the_same_problems_through_every_container(tmp_path):
    found = {}
    for container in CONTAINERS:
        result = read_dataset(write_dataset(tmp_path, TABLES, container, name=container))
        keyed = container in ("json", "yaml")
        found[container] = (_said(result.problems, keyed), _said(result.warnings, keyed))
    assert found["csv"] == found["xlsx"] == found["json"] == found["yaml"]
    problems = found["csv"][0]
    assert problems[:4] == [
        (2, "id", "Bad Id", "not a valid id: ids are 1 to 100 characters of lowercase letters, digits, '-', '_' "
                            "and '.', starting with a letter or digit"),
        (2, "sector", "council", "not one of the allowed values: vcs, statutory, private"),
        (2, "active", "maybe", "not a yes/no value (use yes/no, true/false, y/n or 1/0)"),
        (4, "name", None, "this column is required, but the cell is empty")]
    assert len(problems) == 8, problems


def _problems(tmp_path, data) -> list[str]:
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = read_dataset(path)
    return [str(p) for p in result.problems]


def test_a_key_no_object_gives_is_reported_row_by_row_after_the_columns(tmp_path):
    where = "d.json, table 'partnerships', item"
    assert _problems(tmp_path, {"organisations": [], "partnerships": [{"id": "p", "name": "P"}, {"id": "q"}]}) == [
        f"{where} 2, column name: this column is required, but the cell is empty",
        f"{where} 1, column level: this column is required, but the cell is empty",
        f"{where} 2, column level: this column is required, but the cell is empty",
    ]
    # a null is a value given (an empty cell), not a missing key: column by column
    assert _problems(tmp_path, {"organisations": [], "partnerships": [
        {"id": "p", "name": "P", "level": None}, {"id": "q", "name": None, "level": None}]}) == [
        f"{where} 2, column name: this column is required, but the cell is empty",
        f"{where} 1, column level: this column is required, but the cell is empty",
        f"{where} 2, column level: this column is required, but the cell is empty",
    ]
    assert _problems(tmp_path, {"organisations": [], "partnerships": [
        {"id": "p", "level": None, "name": None}, {"id": "q"}]}) == [
        f"{where} 1, column name: this column is required, but the cell is empty",
        f"{where} 2, column name: this column is required, but the cell is empty",
        f"{where} 1, column level: this column is required, but the cell is empty",
        f"{where} 2, column level: this column is required, but the cell is empty",
    ]


def test_the_later_of_two_keys_for_one_column_holds_its_value(tmp_path):
    where = "d.json, table 'organisations', item"
    assert _problems(tmp_path, {"organisations": [
        {"id": "a", "name": "A", "sector": "vcs"},
        {" id ": "b", "id": "", "Name": "B", "name": "x", "sector": "vcs"},
        {"Sector": "vcs", "id": "c", "name": "C", "sector": "bad"},
        {"sector": "bad", "id": "d", "name": "D", "Sector": "vcs"},
    ]}) == [
        f"{where} 2, column id: the column 'id' is given twice",
        f"{where} 2, column name: the column 'name' is given twice",
        f"{where} 3, column sector: the column 'sector' is given twice",
        f"{where} 4, column sector: the column 'sector' is given twice",
        f"{where} 3, column sector, value 'bad': not one of the allowed values: vcs, statutory, private",
        f"{where} 2, column id: this column is required, but the cell is empty",
    ]


def test_keyed_rows_mark_a_missing_key_apart_from_null():
    header, rows = keyed_rows([{"a": None}, {"b": 1}])
    assert header == ["a", "b"] and rows == [[None, MISSING], [MISSING, 1]]
    assert MISSING is not None and repr(MISSING) == "MISSING"
    header, rows = keyed_rows([{"x": 1, "X": 2}, {"X": 3, "x": 4}, {"X": 5, "x": 6}], str.lower)
    assert header == ["x", "X", "x"] and rows == [[1, 2, MISSING], [MISSING, 3, 4], [MISSING, 5, 6]]


@pytest.mark.parametrize("data", [{"organisations": [{"id": "a", "name": "A", "sector": "vcs", "zz": 1},
                                                     {"id": "b", "name": "B", "sector": "vcs", "Zz": 2, "yy": 3}]}])
def test_an_unknown_key_is_warned_once_where_first_given(tmp_path, data):
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [(w.row, w.column) for w in read_dataset(path).warnings] == [(1, "zz"), (2, "yy")]
