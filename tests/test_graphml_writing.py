"""GraphML written straight from the graph's dicts (graphmodel.graphml_writing) reads back, with
networkx, as what networkx's own writer gave for the same graph: the same nodes, edges, keys,
attribute values and attribute types, people's names and notes left out unless asked."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date

import networkx as nx
import pytest
from click.testing import CliRunner
from helpers import small_network, write_dataset

from graphmodel.cli import cli
from graphmodel.exporting import _scalar_graph, export_graph
from graphmodel.graphml_writing import write_graphml
from graphmodel.load import read_graph
from graphmodel.synthetic import write_synthetic

EXAMPLES = ["devon", "gloucester", "hackney", "herefordshire", "islington", "lambeth", "manchester"]
NS = "{http://graphml.graphdrawing.org/xmlns}"


def networkx_way(graph, include_people: bool) -> bytes:
    """What ``export --to graphml`` wrote before: networkx's writer on the scalar copy of the graph."""
    out = io.BytesIO()
    nx.write_graphml(_scalar_graph(graph, include_people), out)
    return out.getvalue()


def our_way(graph, include_people: bool) -> bytes:
    out = io.StringIO()
    write_graphml(graph, out, include_people=include_people)
    return out.getvalue().encode("utf-8")


def read_back(document: bytes):
    """Everything networkx reads of a GraphML document, each value with its type, in order, and the
    keys it declares as (for, name, type)."""
    g = nx.read_graphml(io.BytesIO(document), force_multigraph=True)
    typed = lambda d: [(k, type(v).__name__, v) for k, v in d.items()]  # noqa: E731
    keys = sorted((k.get("for"), k.get("attr.name"), k.get("attr.type"))
                  for k in ET.fromstring(document).iter(f"{NS}key"))
    return ([(n, typed(d)) for n, d in g.nodes(data=True)],
            [(u, v, k, typed(d)) for u, v, k, d in g.edges(keys=True, data=True)],
            typed(g.graph), keys)


def assert_same(graph, include_people: bool):
    old, new = networkx_way(graph, include_people), our_way(graph, include_people)
    assert read_back(new) == read_back(old)
    return new


@pytest.mark.parametrize("people", [False, True])
@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_reads_back_as_networkx_wrote_it(examples_dir, example, people):
    graph, _ = read_graph(examples_dir / example)
    written = assert_same(graph, people)
    assert len(read_back(written)[0]) == len(graph)


def test_the_synthetic_borough_reads_back_as_networkx_wrote_it(tmp_path):
    folder = write_synthetic(tmp_path / "borough", 1, 1)
    graph, _ = read_graph(folder)
    for people in (False, True):
        written = assert_same(graph, people)
        nodes, edges, _, keys = read_back(written)
        assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
        assert ("node", "count", "long") in keys and ("node", "active", "boolean") in keys


def hand_built() -> nx.MultiDiGraph:
    """Every kind of value a graph's attributes hold, mixed types under one name, text XML must escape."""
    g = nx.MultiDiGraph(name="Ward & <co>\x01")
    g.add_node("a", type="organisation", name="Ünïcödé — 名前 \U0001F600", count=3, active=True,
               share=0.25, serves=("x", "y"), identifiers=(), notes=None, since=date(2024, 1, 2),
               mixed=1, text='quotes " \' and & < > ]]> tab\tnew\nline', empty="", control="a\x00b\x0bc\ufffe")
    g.add_node("b", type="organisation", mixed="one", count=7, active=False, share=1.0, serves=[])
    g.add_node("c", type="network", mixed=True, big=2 ** 70, tiny=1e-300, required=("older:1", "x:2@group"))
    g.add_node('odd "id" & <more>', type="community")
    g.add_node("p", type="person", name="Ada Example", notes="private", organisation="a")
    g.add_edge("a", "b", key="member_of", kind="member_of", role=None, since=date(2020, 1, 1))
    g.add_edge("a", "b", key="funds", kind="funds", amount=1500.5, mixed=3)
    g.add_edge("b", "c", key="consults", kind="consults", mixed="x", reports=(), channel="\x1b[31m")
    g.add_edge("c", 'odd "id" & <more>', key="serves")
    g.add_edge("p", "a", key="affiliated_with", kind="affiliated_with")
    g.add_edge("c", "elsewhere", key=7, kind="feeds_into")  # an edge's end that was never given data
    return g


@pytest.mark.parametrize("people", [False, True])
def test_hand_built_values_read_back_as_networkx_wrote_them(people):
    graph = hand_built()
    nodes, edges, data, keys = read_back(assert_same(graph, people))
    found = dict(nodes)
    assert ("mixed", "int", 1) in found["a"] and ("mixed", "str", "one") in found["b"]
    assert ("mixed", "bool", True) in found["c"] and ("share", "float", 1.0) in found["b"]
    assert ("since", "str", "2024-01-02") in found["a"] and ("serves", "str", "x;y") in found["a"]
    assert ("control", "str", "a\\x00b\\x0bc\\ufffe") in found["a"]
    assert not any(k == "identifiers" for k, _, _ in found["a"])  # an empty list left out of a node
    assert (("name", "str", "Ada Example") in found["p"]) is people
    assert ("name", "str", "Ward & <co>\\x01") in data
    assert ("node", "mixed", "long") in keys and ("node", "mixed", "string") in keys \
        and ("node", "mixed", "boolean") in keys and ("edge", "mixed", "long") in keys
    assert ("c", "elsewhere", 7, [("kind", "str", "feeds_into")]) in edges


class DictGraph:
    """A graph that is only the dicts graphmodel.adjacency reads (as the analyses' own graph is):
    no nodes(), edges() or anything else networkx offers."""

    def __init__(self, graph: nx.MultiDiGraph, *, drop=()):
        self.graph = dict(graph.graph)
        self._node = {n: d for n, d in graph._node.items() if n not in drop}
        self._succ, self._pred = graph._succ, graph._pred


def test_a_graph_of_plain_dicts_is_written_as_its_networkx_form():
    graph = hand_built()
    assert our_way(DictGraph(graph), True) == our_way(graph, True)
    # an edge's end with no node of its own is written as networkx would add it: after the nodes, no data
    partial = DictGraph(graph, drop=("b", "elsewhere"))
    rebuilt = nx.MultiDiGraph(**graph.graph)
    rebuilt.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if n not in ("b", "elsewhere"))
    rebuilt.add_edges_from(graph.edges(keys=True, data=True))
    assert read_back(our_way(partial, False)) == read_back(networkx_way(rebuilt, False))
    assert [n for n, _ in read_back(our_way(partial, False))[0]][-2:] == ["b", "elsewhere"]


def test_export_graph_writes_graphml_as_before_and_leaves_the_graph_alone(tmp_path):
    graph = hand_built()
    before = ({n: dict(d) for n, d in graph.nodes(data=True)}, list(graph.edges(keys=True, data=True)))
    export_graph(graph, "graphml", tmp_path / "g.graphml")
    assert read_back((tmp_path / "g.graphml").read_bytes()) == read_back(networkx_way(graph, False))
    assert ({n: dict(d) for n, d in graph.nodes(data=True)}, list(graph.edges(keys=True, data=True))) == before


def test_the_command_leaves_people_s_names_out_unless_asked(tmp_path):
    dataset = write_dataset(tmp_path, small_network())
    for option, named in (([], False), (["--include-people"], True)):
        target = tmp_path / "net.graphml"
        done = CliRunner().invoke(cli, ["export", str(dataset), "--to", "graphml", "-o", str(target), *option])
        assert done.exit_code == 0, done.output
        nodes = dict(read_back(target.read_bytes())[0])
        assert (("name", "str", "Ada Example") in nodes["p1"]) is named
        graph, _ = read_graph(dataset)
        assert read_back(target.read_bytes()) == read_back(networkx_way(graph, named))
