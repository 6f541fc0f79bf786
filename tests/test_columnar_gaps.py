"""The columnar route of ``gaps`` (graphmodel.arrays, graphmodel.columnar_gaps) gives exactly what
representation.gaps gives on the whole graph."""

from datetime import date
from pathlib import Path

import pytest

from graphmodel.arrays import KIND, KINDS, csr, edge_arrays, node_index
from graphmodel.dated import in_force
from graphmodel.load import read_columns, read_graph

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())


def graph_triples(graph) -> list[tuple[str, str, str]]:
    return sorted((u, v, k) for u, v, k in graph.edges(keys=True))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_edge_arrays_are_the_graphs_edges(example):
    tables, _ = read_columns(example)
    graph, _ = read_graph(example)
    index = node_index(tables)
    assert index.ids == list(graph.nodes)
    edges = edge_arrays(tables, index)
    assert edges.triples(index) == graph_triples(graph)
    assert edges.unique().triples(index) == graph_triples(graph)
    assert len(edges.unique()) == graph.number_of_edges()
