"""Which part of the network a focused map keeps: one partnership's, or one community's routes to power.

>>> from graphmodel import Dataset, build_graph
>>> g = build_graph(Dataset(partnerships=[{"id": "b", "name": "B", "level": "board"}]))
>>> scope(g, None, None) is None, sorted(scope(g, "b", None))
(True, ['b'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphmodel.adjacency import node_data
from graphmodel.reaching import feeds
from graphmodel.traverse import community_tree, downstream, feeding_partnerships, kind_sources, kind_targets, \
    narrower, require, upstream

if TYPE_CHECKING:
    from graphmodel.adjacency import AnyGraph

__all__ = ["scope"]


def scope(graph: AnyGraph, partnership: str | None, community: str | None) -> set[str] | None:
    """The nodes a focused map keeps, or ``None`` for the whole network."""
    if partnership is None and community is None:
        return None
    keep: set[str] = set()
    if partnership is not None:
        require(graph, partnership, "partnership")
        keep |= set(upstream(graph, partnership))
        for p in feeding_partnerships(graph, partnership):
            for seat in kind_sources(graph, p, "sits_on"):
                keep |= set(kind_targets(graph, seat, "reports_back"))
                keep |= set(kind_targets(graph, seat, "represents"))
        # every community: the map shows which of them the partnership leaves unrepresented
        keep |= {n for n, a in node_data(graph).items() if a["type"] == "community"}
    if community is not None:
        require(graph, community, "community")
        group = narrower(community_tree(graph)[1], community)
        sources = {u for c in group for u in kind_sources(graph, c, "serves")}
        routes: set[str] = set(group)
        for source in sources:
            routes.add(source)
            for fed in feeds(graph, source) if node_data(graph)[source]["type"] == "organisation" else []:
                routes |= set(fed.route)
            if node_data(graph)[source]["type"] == "network":
                routes |= _downstream_nodes(graph, source)
        keep = routes if partnership is None else keep & routes | group
    return keep


def _downstream_nodes(graph: AnyGraph, node: str) -> set[str]:
    return set(downstream(graph, node)[0])
