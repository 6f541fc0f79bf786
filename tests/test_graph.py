"""The engagement graph built from a small hand-built dataset."""

from collections import Counter

from helpers import small_network, write_dataset

from graphmodel import EDGE_KINDS, build_graph, load_dataset


def test_node_types_and_counts(tmp_path):
    g = build_graph(load_dataset(write_dataset(tmp_path, small_network())))
    types = Counter(t for _, t in g.nodes(data="type"))
    assert types == {"organisation": 5, "network": 2, "partnership": 2, "community": 4, "seat": 3, "person": 1}
    assert g.nodes["many"]["count"] == 120
    assert g.nodes["gone"]["active"] is False
    assert g.nodes["board"]["required"] == ("older:1",)
    assert g.nodes["board"]["level"] == "board"  # enums become their plain strings


def test_edge_kinds_and_counts(tmp_path):
    g = build_graph(load_dataset(write_dataset(tmp_path, small_network())))
    kinds = Counter(k for _, _, k in g.edges(keys=True))
    assert kinds == {
        "member_of": 3, "selects": 3, "holds": 3, "sits_on": 3, "feeds_into": 2, "reports_back": 1,
        "consults": 1, "serves": 3, "represents": 1, "part_of": 1, "affiliated_with": 1,
    }
    assert g.has_edge("tra", "forum", "member_of")
    assert g.edges["tra", "forum", "member_of"]["role"] == "steering group"
    assert g.has_edge("p1", "s-board-vcs", "holds") and g.has_edge("cvs", "s-board-vcs", "holds")
    assert g.has_edge("health", "board", "feeds_into") and g.has_edge("forum", "health", "feeds_into")
    assert g.edges["s-board-vcs", "net", "reports_back"]["channel"] == "newsletter"
    assert g.has_edge("older-lgbt", "older", "part_of")


def test_every_edge_joins_the_node_types_its_kind_allows(examples_dir):
    for name in ("hackney", "islington", "gloucester"):
        g = build_graph(load_dataset(examples_dir / name))
        for u, v, kind in g.edges(keys=True):
            sources, targets = EDGE_KINDS[kind]
            assert g.nodes[u]["type"] in sources and g.nodes[v]["type"] in targets, (name, u, v, kind)
