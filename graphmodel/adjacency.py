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

Because the analyses read nothing else, they also run on an :class:`EngagementGraph`: the
same dicts without networkx, which the command line builds so that a command that only
analyses never imports networkx (a seventh of a second, half a borough command's time).
:func:`as_networkx` turns one into the :class:`networkx.MultiDiGraph` the library hands out.

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
>>> light = EngagementGraph("net")
>>> light.add_node("a", type="organisation"); light.add_node("b")
>>> light.add_edge("a", "b", "member_of", kind="member_of")
>>> out_edges(light)["a"], in_edges(light)["b"]
({'b': {'member_of': {'kind': 'member_of'}}}, {'a': {'member_of': {'kind': 'member_of'}}})
>>> sorted(as_networkx(light).edges(keys=True))
[('a', 'b', 'member_of')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Union

if TYPE_CHECKING:
    import networkx as nx

    #: what every analysis takes: the library's networkx graph or the command line's EngagementGraph
    AnyGraph = Union[nx.MultiDiGraph, "EngagementGraph"]

__all__ = ["node_data", "out_edges", "in_edges", "agrees_with_public_api", "EngagementGraph", "as_networkx"]

NodeData = dict[Any, dict[str, Any]]
Adjacency = dict[Any, dict[Any, dict[Any, dict[str, Any]]]]


class EngagementGraph:
    """A directed multigraph held in networkx's own dicts (``_node``, ``_succ``, ``_pred`` and the
    ``graph`` attribute dict, laid out exactly as :class:`networkx.MultiDiGraph` lays them out) with
    only the methods engagemap's own code calls, each doing what the MultiDiGraph method of that
    name does; everything else reads it through :func:`node_data`, :func:`out_edges` and
    :func:`in_edges`. It exists so the command line's analyses never import networkx."""

    __slots__ = ("graph", "_node", "_succ", "_pred")

    def __init__(self, name: str = ""):
        self.graph: dict[str, Any] = {"name": name}
        self._node: NodeData = {}
        self._succ: Adjacency = {}
        self._pred: Adjacency = {}

    def __contains__(self, node) -> bool:
        return node in self._node

    def __iter__(self):
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)

    def __repr__(self) -> str:
        return f"EngagementGraph({self.graph.get('name', '')!r}: {len(self._node)} nodes)"

    def add_node(self, node, **attrs) -> None:
        if node not in self._node:
            self._node[node] = {}
            self._succ[node] = {}
            self._pred[node] = {}
        self._node[node].update(attrs)

    def add_edge(self, u, v, key, **attrs) -> None:
        for node in (u, v):
            if node not in self._node:
                self.add_node(node)
        keys = self._succ[u].get(v)
        if keys is None:
            keys = self._succ[u][v] = self._pred[v][u] = {}
        keys.setdefault(key, {}).update(attrs)

    def remove_edges_from(self, edges: Iterable[tuple]) -> None:
        """Remove each ``(u, v, key)`` edge there is (as MultiDiGraph.remove_edges_from does)."""
        for u, v, key in edges:
            keys = self._succ.get(u, {}).get(v)
            if keys is not None and key in keys:
                del keys[key]
                if not keys:
                    del self._succ[u][v]
                    del self._pred[v][u]

    def copy(self) -> "EngagementGraph":
        """A copy as MultiDiGraph.copy makes one: new attribute dicts holding the same values,
        each node's predecessors rebuilt in the order of the edges."""
        out = EngagementGraph()
        out.graph = dict(self.graph)
        out._node = {n: dict(attrs) for n, attrs in self._node.items()}
        out._succ = {n: {} for n in self._node}
        out._pred = {n: {} for n in self._node}
        for u, targets in self._succ.items():
            for v, keys in targets.items():
                out._succ[u][v] = out._pred[v][u] = {key: dict(data) for key, data in keys.items()}
        return out


def as_networkx(graph: AnyGraph) -> nx.MultiDiGraph:
    """``graph`` as a :class:`networkx.MultiDiGraph` (an EngagementGraph's dicts handed over, not
    copied: do not use the EngagementGraph afterwards); a MultiDiGraph is returned as it is."""
    import networkx as nx

    if isinstance(graph, nx.MultiDiGraph):
        return graph
    out = nx.MultiDiGraph()
    out.graph.update(graph.graph)
    stored = [_stored(out, name) for name in ("_node", "_succ", "_pred")]
    if all(d is not None for d in stored):
        for mine, theirs in zip(stored, (graph._node, graph._succ, graph._pred)):
            mine.update(theirs)
    else:  # a networkx that stores its graph otherwise: through the public API
        out.add_nodes_from(graph._node.items())
        out.add_edges_from((u, v, key, data) for u, targets in graph._succ.items()
                           for v, keys in targets.items() for key, data in keys.items())
    return out


def _stored(graph: AnyGraph, name: str) -> Any:
    value = getattr(graph, name, None)
    return value if isinstance(value, dict) else None


def node_data(graph: AnyGraph) -> NodeData:
    """Node -> its attribute dict (read only), like ``dict(graph.nodes(data=True))``."""
    stored = _stored(graph, "_node")
    return stored if stored is not None else dict(graph.nodes(data=True))


def out_edges(graph: AnyGraph) -> Adjacency:
    """Node -> successor -> edge key -> edge attributes (read only), like ``graph.succ``."""
    stored = _stored(graph, "_succ")
    return stored if stored is not None else _from_view(graph.succ)


def in_edges(graph: AnyGraph) -> Adjacency:
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
