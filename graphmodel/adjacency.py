"""The one adapter between engagemap's fast walks and networkx's storage of a graph.

networkx keeps a :class:`networkx.MultiDiGraph` as plain dicts: node -> attribute dict,
and for each node its successors (and predecessors) -> edge key -> attribute dict. The
public views (``graph.nodes``, ``graph.succ``, ``graph.pred``) wrap those dicts in view
objects, which costs a national dataset's analyses several seconds. The analyses read
the dicts through the three functions here and nowhere else, and never write through
them (edge and node attribute dicts are the graph's own, as the public API hands out).

The dicts are networkx's documented data structure (the "dict-of-dict-of-dict" of its
reference, "Graph types"), held in attributes with a leading underscore. When a
networkx release stores them differently the functions build the same dicts from the
public API instead (slower, same answers), so engagemap keeps working;
``tests/test_adjacency.py`` checks both ways agree, and ``.ci/run`` runs that check
against the oldest and the newest networkx that ``pyproject.toml`` allows.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", type="organisation")
>>> g.add_edge("a", "b", key="member_of")
'member_of'
>>> node_data(g)["a"]
{'type': 'organisation'}
>>> out_edges(g)["a"]
{'b': {'member_of': {}}}
>>> in_edges(g)["b"]
{'a': {'member_of': {}}}
>>> agrees_with_public_api(g)
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["node_data", "out_edges", "in_edges", "agrees_with_public_api"]

NodeData = dict[Any, dict[str, Any]]
Adjacency = dict[Any, dict[Any, dict[Any, dict[str, Any]]]]


def _stored(graph: nx.MultiDiGraph, name: str) -> Any:
    value = getattr(graph, name, None)
    return value if isinstance(value, dict) else None


def node_data(graph: nx.MultiDiGraph) -> NodeData:
    """Node -> its attribute dict (read only), like ``dict(graph.nodes(data=True))``."""
    stored = _stored(graph, "_node")
    return stored if stored is not None else dict(graph.nodes(data=True))


def out_edges(graph: nx.MultiDiGraph) -> Adjacency:
    """Node -> successor -> edge key -> edge attributes (read only), like ``graph.succ``."""
    stored = _stored(graph, "_succ")
    return stored if stored is not None else _from_view(graph.succ)


def in_edges(graph: nx.MultiDiGraph) -> Adjacency:
    """Node -> predecessor -> edge key -> edge attributes (read only), like ``graph.pred``."""
    stored = _stored(graph, "_pred")
    return stored if stored is not None else _from_view(graph.pred)


def _from_view(view) -> Adjacency:
    return {u: {v: dict(keys.items()) for v, keys in nbrs.items()} for u, nbrs in view.items()}


def public_api(graph: nx.MultiDiGraph) -> tuple[NodeData, Adjacency, Adjacency]:
    """The three structures built from networkx's public API only (the slow way)."""
    return dict(graph.nodes(data=True)), _from_view(graph.succ), _from_view(graph.pred)


def agrees_with_public_api(graph: nx.MultiDiGraph) -> bool:
    """True when the three functions give exactly what the public API gives for ``graph``."""
    nodes, succ, pred = public_api(graph)
    return node_data(graph) == nodes and out_edges(graph) == succ and in_edges(graph) == pred
