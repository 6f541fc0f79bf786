"""The columnar core's form of a dataset (graphmodel.arrow_tables) holds exactly the graph's values."""

from pathlib import Path

import pytest

from graphmodel.arrow_tables import arrow_schema, from_rows, to_rows
from graphmodel.graph import graph_from_rows
from graphmodel.load import _read

EXAMPLES = sorted(p for p in (Path(__file__).parent.parent / "examples").iterdir() if p.is_dir())


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_round_trip_through_arrow_gives_the_same_graph(example):
    rows = _read(example).rows
    tables = from_rows(rows)
    for name, table in tables.items():
        assert table.schema == arrow_schema(name)
    g1 = graph_from_rows("x", rows)
    g2 = graph_from_rows("x", to_rows(tables))
    assert dict(g1.nodes(data=True)) == dict(g2.nodes(data=True))
    assert sorted(g1.edges(keys=True, data=True), key=repr) == sorted(g2.edges(keys=True, data=True), key=repr)
    assert g1.graph == g2.graph


def test_values_are_the_graphs_plain_values():
    tables = from_rows(_read(EXAMPLES[0].parent / "gloucester").rows)
    required = [r for r in tables["partnerships"].column("required").to_pylist() if r]
    assert required and all(isinstance(item, str) and ":" in item for r in required for item in r)
    assert set(tables["organisations"].column("sector").to_pylist()) <= {"vcs", "statutory", "private"}
