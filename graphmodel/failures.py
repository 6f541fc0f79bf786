"""Single points of failure: what a partnership loses if one body, seat or person goes.

A node ``d`` is a point of failure of partnership ``B`` when removing it
leaves some organisations of ``B``'s reach with no path to ``B`` (FORMAT.md
section 5). Those organisations are exactly the ones ``d`` *dominates* in the
reach graph reversed and rooted at ``B``: every path from them to ``B``
passes through ``d``. So one dominator tree per partnership answers for every
candidate at once:

- ``cuts_organisations`` of ``d`` is the weighted count of the organisations
  in ``d``'s dominator subtree (``d`` itself not counted);
- a community is cut by ``d`` when ``d`` dominates every organisation of the
  reach that serves it, i.e. when ``d`` is an ancestor of the lowest common
  ancestor of those servers in the tree.

Organisations and people are never the target of a reach edge, so they are
leaves of the reversed graph: the tree is computed on networks, seats and
partnerships only (Cooper, Harvey and Kennedy's iterative algorithm), and an
organisation hangs under the common ancestor of the bodies it reaches
directly. Reach follows :mod:`graphmodel.traverse` exactly: the same edge
kinds, inactive organisations left out.

>>> from graphmodel.model import Dataset
>>> from graphmodel.graph import build_graph
>>> g = build_graph(Dataset(
...     organisations=[{"id": "a", "name": "A", "sector": "vcs", "count": 5, "serves": ["older"]},
...                    {"id": "b", "name": "B", "sector": "vcs", "serves": ["youth"]}],
...     communities=[{"id": "older", "name": "Older people"}, {"id": "youth", "name": "Young people"}],
...     networks=[{"id": "forum", "name": "Forum", "led_by": "vcs"}],
...     partnerships=[{"id": "board", "name": "Board", "level": "board"}],
...     memberships=[{"member": "a", "network": "forum"}, {"member": "b", "network": "forum"}],
...     seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "selected_by": "forum", "holder": "b"}],
... ))
>>> [(p.id, p.cuts_organisations, p.cuts_communities) for p in resilience(g, "board").points]
[('s1', 6, ['older', 'youth']), ('forum', 5, ['older'])]
>>> cut_sets(g, "board")["forum"]
['a']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .adjacency import in_edges, node_data, out_edges
from .gcpause import paused_gc
from .traverse import require
from .vocabulary import REACH_KINDS, takes_part

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = ["Point", "Resilience", "resilience", "resilience_all", "cut_sets"]

_LEAF_TYPES = ("organisation", "person")


@dataclass
class Point:
    """One single point of failure of a partnership."""

    id: str
    name: str
    type: str
    cuts_organisations: int
    cuts_communities: list[str]

    def as_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "cuts_organisations": self.cuts_organisations,
                "cuts_communities": self.cuts_communities, "name": self.name}


@dataclass
class Resilience:
    """The single points of failure of one partnership, worst first."""

    partnership: str
    name: str
    reach_total: int
    points: list[Point] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"partnership": self.partnership, "name": self.name, "reach_total": self.reach_total,
                "points": [p.as_dict() for p in self.points]}


class _Index:
    """The reach graph as integer adjacency lists, built once per graph.

    Inner nodes (networks, seats, partnerships, and any organisation or person
    that something reaches through) get numbers; leaves (usable organisations
    and people with no reach edge into them) are folded into the inner nodes
    they reach: a leaf reaching one node adds its weight and communities to
    it, a leaf reaching several goes into a group resolved per partnership.
    """

    def __init__(self, graph: AnyGraph, keep_leaves: bool = False):
        with paused_gc():
            self._build(graph, keep_leaves)

    def _build(self, graph: AnyGraph, keep_leaves: bool) -> None:
        from .representation import CommunityBits

        nodes, pred, succ = node_data(graph), in_edges(graph), out_edges(graph)
        self.graph = graph
        self.bits = CommunityBits(graph)
        reach_kinds = REACH_KINDS

        def usable(n: str) -> bool:
            return takes_part(nodes[n])

        ids: list[str] = []
        number: dict[str, int] = {}
        leaves: list[str] = []
        for n, a in nodes.items():
            t = a["type"]
            if t == "community" or not takes_part(a):
                continue
            if t in _LEAF_TYPES:
                into = pred[n]
                if not into or not any(not reach_kinds.isdisjoint(keys) and usable(p) for p, keys in into.items()):
                    leaves.append(n)
                    continue
            number[n] = len(ids)
            ids.append(n)
        self.ids, self.number = ids, number
        size = len(ids)
        self.preds: list[list[int]] = [[] for _ in range(size)]   # inner reach predecessors
        self.succs: list[list[int]] = [[] for _ in range(size)]   # reach successors (always inner)
        for i, n in enumerate(ids):
            targets = self.succs[i]
            for s, keys in succ[n].items():
                j = number.get(s)
                if j is not None and not reach_kinds.isdisjoint(keys):
                    targets.append(j)
                    self.preds[j].append(i)
        # an inner organisation counts for itself, under its immediate dominator
        self.own_weight = [0] * size
        self.own_mask = [0] * size
        for i, n in enumerate(ids):
            a = nodes[n]
            if a["type"] == "organisation":
                self.own_weight[i] = a["count"]
                self.own_mask[i] = self.bits.mask(a["serves"])
        single_weight = self.single_weight = [0] * size
        single_mask = self.single_mask = [0] * size
        single_leaves: list[list[str] | None] = [None] * size
        self.single_leaves = single_leaves
        multi: list[list[int] | None] = [None] * size
        self.multi = multi
        groups: list[list] = []  # [targets, weight, mask, members]
        self.groups = groups
        group_of: dict[tuple[int, ...], list] = {}
        masks: dict[tuple, int] = {}
        mask_of = self.bits.mask
        for n in leaves:
            a = nodes[n]
            targets = [number[s] for s, keys in succ[n].items() if s in number and not reach_kinds.isdisjoint(keys)]
            if not targets:
                continue
            weight, mask = 0, 0
            if a["type"] == "organisation":
                weight = a["count"]
                serves = a["serves"]
                if serves:
                    mask = masks.get(serves)
                    if mask is None:
                        mask = masks[serves] = mask_of(serves)
            if len(targets) == 1:
                u = targets[0]
                single_weight[u] += weight
                single_mask[u] |= mask
                if keep_leaves:
                    found = single_leaves[u]
                    if found is None:
                        single_leaves[u] = [n]
                    else:
                        found.append(n)
                continue
            key = tuple(sorted(targets))
            group = group_of.get(key)
            if group is None:
                gid = len(groups)
                group = group_of[key] = [key, 0, 0, []]
                groups.append(group)
                for u in key:
                    if multi[u] is None:
                        multi[u] = [gid]
                    else:
                        multi[u].append(gid)
            group[1] += weight
            group[2] |= mask
            if keep_leaves:
                group[3].append(n)
        self.stamp = [-1] * size
        self.order_of = [0] * size
        self.idom = [0] * size
        self.runs = 0

    def tree(self, root: int) -> list[int]:
        """Fill ``idom`` and ``order_of`` for the nodes that reach ``root``; return them in reverse postorder."""
        self.runs += 1
        run = self.runs
        stamp, preds, succs = self.stamp, self.preds, self.succs
        # iterative depth-first search over the reversed graph, for a postorder
        stamp[root] = run
        post: list[int] = []
        stack = [(root, iter(preds[root]))]
        while stack:
            node, it = stack[-1]
            for p in it:
                if stamp[p] != run:
                    stamp[p] = run
                    stack.append((p, iter(preds[p])))
                    break
            else:
                stack.pop()
                post.append(node)
        order = post[::-1]
        order_of, idom = self.order_of, self.idom
        for k, v in enumerate(order):
            order_of[v] = k
        idom[root] = root
        # Cooper-Harvey-Kennedy; in an acyclic reach graph the first pass is exact
        done = bytearray(len(order))
        done[0] = 1
        changed = True
        first = True
        while changed:
            changed = False
            for k in range(1, len(order)):
                v = order[k]
                new = -1
                for s in succs[v]:
                    if stamp[s] != run or not done[order_of[s]]:
                        continue
                    if new < 0:
                        new = s
                        continue
                    a, b = s, new
                    while a != b:
                        while order_of[a] > order_of[b]:
                            a = idom[a]
                        while order_of[b] > order_of[a]:
                            b = idom[b]
                    new = a
                if first:
                    done[k] = 1
                    idom[v] = new
                    if any(stamp[s] == run and order_of[s] > k for s in succs[v]):
                        changed = True  # a back edge: iterate to the fixed point
                elif idom[v] != new:
                    idom[v] = new
                    changed = True
            first = False
        return order

    def lca(self, a: int, b: int) -> int:
        order_of, idom = self.order_of, self.idom
        while a != b:
            while order_of[a] > order_of[b]:
                a = idom[a]
            while order_of[b] > order_of[a]:
                b = idom[b]
        return a

    def attach(self, order: list[int]) -> tuple[list[int], list[int], list[int], list[int]]:
        """Weights and community masks hung on the tree: ``(weight, mask, groups, groups' nodes)``,
        indexed by position in ``order``, and the multi-target groups present with their attachment nodes."""
        order_of, stamp, run, idom = self.order_of, self.stamp, self.runs, self.idom
        size = len(order)
        weight = [0] * size
        mask = [0] * size
        seen: set[int] = set()
        single_weight, single_mask, multi = self.single_weight, self.single_mask, self.multi
        own_weight, own_mask = self.own_weight, self.own_mask
        for k, v in enumerate(order):
            weight[k] += single_weight[v]
            mask[k] |= single_mask[v]
            if own_weight[v] or own_mask[v]:
                if k:
                    p = order_of[idom[v]]
                    weight[p] += own_weight[v]
                    mask[p] |= own_mask[v]
            groups = multi[v]
            if groups is not None:
                seen.update(groups)
        present, at = [], []
        for gid in seen:
            targets, w, m, _ = self.groups[gid]
            where = -1
            for t in targets:
                if stamp[t] == run:
                    where = t if where < 0 else self.lca(where, t)
            k = order_of[where]
            weight[k] += w
            mask[k] |= m
            present.append(gid)
            at.append(where)
        return weight, mask, present, at


def _label(attrs: dict, node: str) -> str:
    """A point's display name: seats have none, and people's names are personal data (left out)."""
    if attrs["type"] in ("seat", "person"):
        return node
    return attrs.get("name") or node


def _index(graph: AnyGraph, index: _Index | None) -> _Index:
    return index if index is not None and index.graph is graph else _Index(graph)


def _analyse(graph: AnyGraph, index: _Index, partnership: str, top: int | None) -> Resilience:
    nodes = node_data(graph)
    root = index.number[partnership]
    order = index.tree(root)
    order_of, idom, ids = index.order_of, index.idom, index.ids
    weight, mask, _, _ = index.attach(order)
    # subtree sums, children after their dominator in reverse postorder
    subtree = list(weight)
    for k in range(len(order) - 1, 0, -1):
        subtree[order_of[idom[order[k]]]] += subtree[k]
    # each community is cut by the ancestors of the lowest common ancestor of its servers
    lowest: dict[int, int] = {}
    for k, m in enumerate(mask):
        while m:
            low = m & -m
            m ^= low
            v = order[k]
            lowest[low] = v if low not in lowest else index.lca(lowest[low], v)
    cut_communities: dict[int, int] = {}
    for low, v in lowest.items():
        while v != root:
            cut_communities[v] = cut_communities.get(v, 0) | low
            v = idom[v]
    points = []
    for k in range(1, len(order)):
        cuts = subtree[k]  # an inner node's own weight hangs under its dominator, not under itself
        if cuts > 0:
            v = order[k]
            n = ids[v]
            points.append(Point(n, _label(nodes[n], n), nodes[n]["type"], cuts,
                                index.bits.names(cut_communities.get(v, 0))))
    points.sort(key=lambda p: (-p.cuts_organisations, p.id))
    if top is not None:
        points = points[:top]
    return Resilience(partnership, nodes[partnership]["name"], subtree[0], points)


def resilience(graph: AnyGraph, partnership: str, *, top: int | None = None,
               _index_cache: _Index | None = None) -> Resilience:
    """The single points of failure of ``partnership``, worst first.

    Parameters
    ----------
    graph : the engagement graph (:func:`graphmodel.build_graph`).
    partnership : a partnership id.
    top : keep only the first ``top`` points (default: all).

    Returns
    -------
    Resilience
        ``points``: each network, organisation, seat, person or feeding
        partnership whose removal would leave organisations of the reach with
        no path to ``partnership``; ``cuts_organisations`` weighs them by
        ``count`` (the removed node itself not counted), ``cuts_communities``
        lists the communities then served by no organisation left in the
        reach. Only points that cut at least one organisation (by weight),
        sorted by ``cuts_organisations`` (largest first), then id.
        ``reach_total`` is the weighted size of the whole reach.

    Raises
    ------
    NotFound
        when ``partnership`` is not the id of a partnership.

    Examples
    --------
    A chain: one network carries everyone.

    >>> from graphmodel.model import Dataset
    >>> from graphmodel.graph import build_graph
    >>> g = build_graph(Dataset(
    ...     organisations=[{"id": "a", "name": "A", "sector": "vcs"}, {"id": "b", "name": "B", "sector": "vcs"}],
    ...     networks=[{"id": "n", "name": "N", "led_by": "vcs"}],
    ...     partnerships=[{"id": "p", "name": "P", "level": "board"}],
    ...     memberships=[{"member": "a", "network": "n"}, {"member": "b", "network": "n"}],
    ...     seats=[{"id": "s", "partnership": "p", "sector": "vcs", "selected_by": "n"}]))
    >>> [(p.id, p.type, p.cuts_organisations) for p in resilience(g, "p").points]
    [('n', 'network', 2), ('s', 'seat', 2)]
    """
    require(graph, partnership, "partnership")
    return _analyse(graph, _index(graph, _index_cache), partnership, top)


def resilience_all(graph: AnyGraph, partnerships: Iterable[str] | None = None, *,
                   top: int | None = None) -> list[Resilience]:
    """:func:`resilience` of several partnerships (default: every one, by id), sharing one index.

    >>> from graphmodel.model import Dataset
    >>> from graphmodel.graph import build_graph
    >>> g = build_graph(Dataset(partnerships=[{"id": "p", "name": "P", "level": "board"}]))
    >>> [r.as_dict() for r in resilience_all(g)]
    [{'partnership': 'p', 'name': 'P', 'reach_total': 0, 'points': []}]
    """
    if partnerships is None:
        partnerships = sorted(n for n, a in node_data(graph).items() if a["type"] == "partnership")
    else:
        partnerships = list(partnerships)
        for p in partnerships:
            require(graph, p, "partnership")
    index = _Index(graph)
    with paused_gc():  # millions of small acyclic objects: see graphmodel.gcpause
        return [_analyse(graph, index, p, top) for p in partnerships]


def cut_sets(graph: AnyGraph, partnership: str) -> dict[str, list[str]]:
    """For the map's "what if this went?": each node of the reach whose removal would cut
    anything off from ``partnership``, with the ids of every node (networks, seats,
    partnerships, organisations, people) that would then have no path left, sorted.

    Nodes that cut nothing are left out. See the module's example.
    """
    require(graph, partnership, "partnership")
    index = _Index(graph, keep_leaves=True)
    root = index.number[partnership]
    order = index.tree(root)
    order_of, idom, ids = index.order_of, index.idom, index.ids
    _, _, groups, at = index.attach(order)
    hanging: dict[int, list[str]] = {}
    for k in range(1, len(order)):
        v = order[k]
        hanging.setdefault(idom[v], []).append(ids[v])
        if index.single_leaves[v]:
            hanging.setdefault(v, []).extend(index.single_leaves[v])
    for gid, where in zip(groups, at):
        hanging.setdefault(where, []).extend(index.groups[gid][3])
    below: dict[int, set[str]] = {}
    for k in range(len(order) - 1, 0, -1):
        v = order[k]
        found = below.setdefault(v, set())
        found.update(hanging.get(v, ()))
        if found:
            below.setdefault(idom[v], set()).update(found)
    return {ids[v]: sorted(found) for v, found in sorted(below.items(), key=lambda kv: ids[kv[0]])
            if v != root and found}
