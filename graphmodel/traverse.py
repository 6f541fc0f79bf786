"""Walking the engagement graph: the few traversals every analysis shares.

Edges run towards decision-making, so "who can reach B" walks edges
backwards from B. Inactive organisations take no part: they are never
walked through nor reported.

>>> from graphmodel.model import Dataset, Organisation, Network, Partnership, Membership, Seat
>>> from graphmodel.graph import build_graph
>>> g = build_graph(Dataset(
...     organisations=[Organisation(id="tra", name="TRA", sector="vcs")],
...     networks=[Network(id="net", name="Net", led_by="vcs")],
...     partnerships=[Partnership(id="board", name="Board", level="board")],
...     memberships=[Membership(member="tra", network="net")],
...     seats=[Seat(id="s1", partnership="board", sector="vcs", selected_by="net")],
... ))
>>> upstream(g, "board")
{'board': 0, 's1': 1, 'net': 2, 'tra': 3}
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .adjacency import in_edges, node_data, out_edges
from .exceptions import NotFound
from .vocabulary import REACH_KINDS, takes_part

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = [
    "require",
    "usable",
    "reach_predecessors",
    "reach_successors",
    "upstream",
    "downstream",
    "shortest_routes",
    "feeding_partnerships",
    "seats_on",
    "kind_targets",
    "kind_sources",
    "community_tree",
    "narrower",
    "related",
]


def require(graph: AnyGraph, node_id: str, node_type: str) -> dict:
    """The attributes of node ``node_id``; raise :class:`NotFound` unless it is a ``node_type``."""
    nodes = node_data(graph)
    attrs = nodes.get(node_id)
    if attrs is None:
        pool = [n for n, a in nodes.items() if a["type"] == node_type]
        close = difflib.get_close_matches(node_id, pool, n=1) if len(pool) <= 20000 else []
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise NotFound(f"there is no {node_type} with id {node_id!r} in the dataset{hint}")
    if attrs["type"] != node_type:
        raise NotFound(f"{node_id!r} is a {attrs['type']}, not a {node_type}")
    return attrs


def usable(graph: AnyGraph, node: str) -> bool:
    """False for an inactive organisation, which takes no part in analyses."""
    return takes_part(node_data(graph)[node])


def reach_predecessors(graph: AnyGraph, node: str) -> Iterator[str]:
    """Nodes with a reach edge (member_of, selects, holds, sits_on, feeds_into) into ``node``."""
    for pred, keys in in_edges(graph)[node].items():
        if not REACH_KINDS.isdisjoint(keys) and usable(graph, pred):
            yield pred


def reach_successors(graph: AnyGraph, node: str) -> Iterator[str]:
    """Nodes that ``node`` has a reach edge into."""
    for succ, keys in out_edges(graph)[node].items():
        if not REACH_KINDS.isdisjoint(keys):
            yield succ


def upstream(graph: AnyGraph, target: str) -> dict[str, int]:
    """Every node with a reach path to ``target``, with its shortest distance (target at 0).

    Breadth-first, in sorted order at each step, so the result is deterministic.
    """
    dist = {target: 0}
    queue = deque([target])
    while queue:
        node = queue.popleft()
        for pred in sorted(reach_predecessors(graph, node)):
            if pred not in dist:
                dist[pred] = dist[node] + 1
                queue.append(pred)
    return dist


def downstream(graph: AnyGraph, source: str) -> tuple[dict[str, int], dict[str, str]]:
    """Every node ``source`` reaches, with distances and a parent for one shortest route."""
    dist = {source: 0}
    parent: dict[str, str] = {}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for succ in sorted(reach_successors(graph, node)):
            if succ not in dist:
                dist[succ] = dist[node] + 1
                parent[succ] = node
                queue.append(succ)
    return dist, parent


def shortest_routes(graph: AnyGraph, source: str, dist_to_target: dict[str, int],
                    limit: int = 20) -> list[list[str]]:
    """All shortest routes (up to ``limit``) from ``source`` to the target of ``dist_to_target``.

    ``dist_to_target`` is :func:`upstream` of the target; routes follow nodes
    whose distance drops by one at each step, in sorted order.
    """
    if source not in dist_to_target:
        return []
    routes: list[list[str]] = []
    path = [source]
    # depth-first in sorted order, without recursion: one iterator of next steps per node on the path
    pending = [iter(_closer(graph, source, dist_to_target))]
    while pending and len(routes) < limit:
        if dist_to_target[path[-1]] == 0:
            routes.append(list(path))
            path.pop()
            pending.pop()
            continue
        step = next(pending[-1], None)
        if step is None:
            path.pop()
            pending.pop()
            continue
        path.append(step)
        pending.append(iter(_closer(graph, step, dist_to_target)))
    return routes


def _closer(graph: AnyGraph, node: str, dist_to_target: dict[str, int]) -> list[str]:
    """The successors of ``node`` one step nearer the target, sorted."""
    wanted = dist_to_target[node] - 1
    return [s for s in sorted(reach_successors(graph, node)) if dist_to_target.get(s) == wanted]


def kind_targets(graph: AnyGraph, node: str, kind: str) -> list[str]:
    """Targets of ``node``'s edges of one kind, sorted."""
    return sorted(v for v, keys in out_edges(graph)[node].items() if kind in keys)


def kind_sources(graph: AnyGraph, node: str, kind: str) -> list[str]:
    """Sources of edges of one kind into ``node``, sorted."""
    return sorted(u for u, keys in in_edges(graph)[node].items() if kind in keys)


def seats_on(graph: AnyGraph, partnership: str) -> list[str]:
    """The seats that sit on ``partnership``, sorted by id."""
    return kind_sources(graph, partnership, "sits_on")


def feeding_partnerships(graph: AnyGraph, partnership: str) -> list[str]:
    """``partnership`` and every partnership that feeds into it, directly or through others."""
    seen = {partnership}
    stack = [partnership]
    while stack:
        node = stack.pop()
        for pred in kind_sources(graph, node, "feeds_into"):
            if node_data(graph)[pred]["type"] == "partnership" and pred not in seen:
                seen.add(pred)
                stack.append(pred)
    return sorted(seen)


def community_tree(graph: AnyGraph, communities: list[str] | None = None) \
        -> tuple[dict[str, str | None], dict[str, list[str]]]:
    """Each community's wider community and its narrower ones, read from the ``part_of`` fields
    (a community's predecessors include every group that serves it, too many to scan).

    >>> from graphmodel.model import Dataset
    >>> from graphmodel.graph import build_graph
    >>> g = build_graph(Dataset(communities=[{"id": "bme", "name": "BME"},
    ...                                      {"id": "tk", "name": "TK", "part_of": "bme"}]))
    >>> community_tree(g)
    ({'bme': None, 'tk': 'bme'}, {'bme': ['tk'], 'tk': []})
    """
    if communities is None:
        communities = [n for n, a in node_data(graph).items() if a["type"] == "community"]
    parent = {c: node_data(graph)[c]["part_of"] for c in sorted(communities)}
    children: dict[str, list[str]] = {c: [] for c in parent}
    for c, wider in parent.items():
        if wider is not None:
            children[wider].append(c)
    return parent, children


def narrower(children: dict[str, list[str]], community: str) -> set[str]:
    """``community`` and every community part of it, directly or through others."""
    found = {community}
    stack = [community]
    while stack:
        for child in children[stack.pop()]:
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def related(parent: dict[str, str | None], children: dict[str, list[str]], community: str) -> set[str]:
    """``community`` with every wider community it is part of and every narrower one part of it."""
    found = narrower(children, community)
    wider = parent[community]
    while wider is not None:
        found.add(wider)
        wider = parent[wider]
    return found
