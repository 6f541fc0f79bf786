"""Planning for representation: whom to connect, and who should fill the reserved places.

:func:`plan` is greedy and deterministic. A candidate is a network or an
active organisation outside the partnership's reach; connecting it (a seat,
or a ``feeds_into`` link) brings it and everything that reaches it into the
reach. Each round picks the best candidate for the goal:

- ``goal="communities"`` (default): the most people (``population``, where
  communities give one) in communities that are neither represented nor
  reached yet, then the most such communities, then the most organisations
  (weighted by ``count``);
- ``goal="organisations"``: the most organisations, then people, then communities;

then a network before an organisation, then the smallest id. Constraints:
``sector="vcs"`` keeps only VCS candidates (organisations of the VCS,
VCS-led networks); ``budget`` with ``cost_per_network`` stops when the next
pick would cost more than is left.

:func:`reserved_places` (in :mod:`graphmodel.reservations`, re-exported here)
proposes who should fill the places reserved for communities.

>>> from graphmodel.model import Dataset
>>> from graphmodel.graph import build_graph
>>> g = build_graph(Dataset(
...     organisations=[{"id": "a", "name": "A", "sector": "vcs", "count": 5, "serves": ["older"]}],
...     communities=[{"id": "older", "name": "Older people"}],
...     networks=[{"id": "forum", "name": "Forum", "led_by": "vcs"}],
...     partnerships=[{"id": "board", "name": "Board", "level": "board"}],
...     memberships=[{"member": "a", "network": "forum"}],
... ))
>>> [p.explanation for p in plan(g, "board", add=2).picks]
['connecting forum (Forum) adds community older and 5 organisations']
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from .adjacency import node_data
from .representation import gaps
from .reservations import Candidate, Reservation, ReservedPlace, reserved_places
from .traverse import reach_predecessors, require, upstream, usable

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = ["Pick", "Plan", "plan", "Candidate", "ReservedPlace", "Reservation", "reserved_places"]

GOALS = ("communities", "organisations")


@dataclass
class Pick:
    """One chosen candidate and what connecting it adds."""

    rank: int
    id: str
    name: str
    type: str
    adds_communities: list[str]
    adds_organisations: int
    adds_organisation_ids: list[str]
    explanation: str
    adds_population: int = 0
    cost: float | None = None


@dataclass
class Plan:
    partnership: str
    add: int | None
    candidates: str
    before: dict
    after: dict
    picks: list[Pick]
    goal: str = "communities"
    sector: str | None = None
    budget: float | None = None
    cost_per_network: float | None = None
    spent: float = 0
    stopped: str = "add"
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _explain(node_id: str, name: str, communities: list[str], organisations: int, people: int = 0) -> str:
    parts = []
    if communities:
        label = "community" if len(communities) == 1 else "communities"
        people_note = f" ({_number(people)} people)" if people else ""
        parts.append(f"{label} {', '.join(communities)}{people_note}")
    parts.append(f"{organisations} organisation{'s' if organisations != 1 else ''}")
    return f"connecting {node_id} ({name}) adds " + " and ".join(parts)


def plan(graph: AnyGraph, partnership: str, *, add: int | None = 5, candidates: str = "any",
         goal: str = "communities", sector: str | None = None, budget: float | None = None,
         cost_per_network: float | None = None) -> Plan:
    """Choose networks or organisations whose connection to ``partnership`` would add the most.

    Parameters
    ----------
    graph : the engagement graph.
    partnership : a partnership id.
    add : at most this many picks (``None``: as many as the budget allows, or every useful one).
    candidates : ``"networks"``, ``"organisations"`` or ``"any"``.
    goal : ``"communities"`` (unrepresented communities first, weighted by ``population`` where
        given) or ``"organisations"`` (the most organisations, weighted by ``count``).
    sector : ``"vcs"`` for VCS candidates only (VCS organisations, VCS-led networks), or ``None``.
    budget, cost_per_network : each pick costs ``cost_per_network``; picking stops when the budget
        would be exceeded. Give both or neither.

    Returns
    -------
    Plan
        ``picks`` in order, each with what it adds and a one-sentence explanation;
        ``stopped`` says why picking ended: ``"add"`` (the number asked for), ``"budget"``
        (the budget is spent while candidates that would add something remain),
        ``"no candidates"`` (none of the allowed kind outside the reach) or ``"nothing to add"``;
        ``note`` says it in a sentence.

    Raises
    ------
    ValueError
        for an unknown ``candidates``, ``goal`` or ``sector``, or a budget without a cost.

    Examples
    --------
    >>> from graphmodel.model import Dataset
    >>> from graphmodel.graph import build_graph
    >>> g = build_graph(Dataset(
    ...     organisations=[{"id": "a", "name": "A", "sector": "vcs", "serves": ["refugees"]},
    ...                    {"id": "b", "name": "B", "sector": "vcs", "count": 9, "serves": ["older"]}],
    ...     communities=[{"id": "refugees", "name": "Refugees", "population": 4000},
    ...                  {"id": "older", "name": "Older people", "population": 900}],
    ...     networks=[{"id": "rf", "name": "Refugee Forum", "led_by": "vcs"},
    ...               {"id": "op", "name": "Older People's Forum", "led_by": "vcs"}],
    ...     partnerships=[{"id": "board", "name": "Board", "level": "board"}],
    ...     memberships=[{"member": "a", "network": "rf"}, {"member": "b", "network": "op"}]))
    >>> r = plan(g, "board", candidates="networks", budget=15000, cost_per_network=10000)
    >>> [p.id for p in r.picks], r.stopped, r.spent
    (['rf'], 'budget', 10000.0)
    >>> [p.id for p in plan(g, "board", candidates="networks", goal="organisations").picks]
    ['op', 'rf']
    """
    require(graph, partnership, "partnership")
    if candidates not in ("networks", "organisations", "any"):
        raise ValueError(f"candidates must be networks, organisations or any, not {candidates!r}")
    if goal not in GOALS:
        raise ValueError(f"goal must be communities or organisations, not {goal!r}")
    if sector not in (None, "vcs"):
        raise ValueError(f"sector must be vcs (or not given), not {sector!r}")
    if (budget is None) != (cost_per_network is None):
        raise ValueError("give both a budget and a cost per network, or neither")
    if budget is not None and (budget < 0 or cost_per_network < 0):
        raise ValueError("the budget and the cost per network cannot be negative")
    reached = set(upstream(graph, partnership))
    current = gaps(graph, partnership).partnerships[0]
    open_communities = set(current.unreached)
    nodes = node_data(graph)

    def weight(ids) -> int:
        return sum(nodes[i]["count"] for i in ids if nodes[i]["type"] == "organisation")

    def population(communities) -> int:
        return sum(nodes[c].get("population") or 0 for c in communities)

    def allowed(n: str) -> bool:
        if sector is None:
            return True
        attrs = nodes[n]
        return attrs.get("sector") == "vcs" if attrs["type"] == "organisation" else attrs.get("led_by") == "vcs"

    before = {"organisations": weight(reached), "unreached": sorted(open_communities)}
    types = {"networks": ("network",), "organisations": ("organisation",), "any": ("network", "organisation")}
    pool = sorted(n for n, a in nodes.items()
                  if a["type"] in types[candidates] and n not in reached and usable(graph, n) and allowed(n))
    limit = add if add is not None else math.inf
    if budget is not None and cost_per_network > 0:
        limit = min(limit, int(budget // cost_per_network + 1e-9))

    def gain(new) -> tuple[int, set[str], int]:
        served = {s for n in new for s in nodes[n].get("serves", ())} & open_communities
        return population(served), served, weight(new)

    def key(c: str, people: int, n_served: int, orgs: int) -> tuple:
        if goal == "communities":
            return (-people, -n_served, -orgs, nodes[c]["type"] != "network", c)
        return (-orgs, -people, -n_served, nodes[c]["type"] != "network", c)

    # Lazy greedy. What a candidate adds (its upstream outside the reach) only shrinks as the reach
    # grows, and every part of a key (people, communities, organisations) is a sum of non-negative
    # terms, so a key computed earlier, or from an upper bound, is never worse than the candidate's
    # true key now. The heap holds such optimistic keys; the top is re-evaluated exactly and taken
    # once its true key is still the smallest: the same pick, tie-breaks included, as evaluating
    # every candidate every round, without building one upstream set per candidate.
    heap = [(key(c, *bound), c) for c, bound in _upper_bounds(graph, pool, reached, open_communities).items()
            if any(bound)]
    heapq.heapify(heap)
    fresh: dict[str, tuple] = {}
    dead: set[str] = set()

    def best_candidate():
        while heap:
            stale, c = heap[0]
            if c in reached:
                heapq.heappop(heap)
                continue
            if c in fresh:
                return fresh[c]
            # ``dead`` holds nodes whose upstream outside the reach adds nothing (and never will):
            # passing over them leaves the gain as it is and walks each such node once in all.
            found = _outside(graph, c, reached, dead)
            people, served, orgs = gain(found)
            if not (served or orgs):
                dead.update(found)
                heapq.heappop(heap)
                continue
            true = key(c, people, len(served), orgs)
            fresh[c] = (true, c, served)
            if true == stale:
                return fresh[c]
            heapq.heapreplace(heap, (true, c))
        return None

    nothing_to_pick = not pool
    picks: list[Pick] = []
    spent = 0.0
    stopped = "add"
    while True:
        best = best_candidate()
        if best is None:
            stopped = "no candidates" if nothing_to_pick and not picks else "nothing to add"
            break
        if len(picks) >= limit:
            stopped = "budget" if budget is not None and limit < (add if add is not None else math.inf) else "add"
            break
        _, c, served = best
        new = _outside(graph, c, reached)
        new_orgs = sorted(n for n in new if nodes[n]["type"] == "organisation")
        communities = sorted(served)
        people = population(communities)
        text = _explain(c, nodes[c]["name"], communities, weight(new_orgs), people)
        cost = None
        if budget is not None:
            cost = float(cost_per_network)
            spent += cost
            text += f" for {_number(cost)} ({_number(spent)} of {_number(budget)} spent)"
        picks.append(Pick(len(picks) + 1, c, nodes[c]["name"], nodes[c]["type"], communities, weight(new_orgs),
                          new_orgs, text, people, cost))
        reached |= new
        open_communities -= served
        fresh.clear()
    kinds = {"networks": "network", "organisations": "organisation", "any": "network or organisation"}[candidates]
    label = ("VCS " if sector == "vcs" else "") + kinds
    notes = {
        "add": f"{len(picks)} pick{'s' if len(picks) != 1 else ''}, as asked.",
        "budget": f"The budget is spent after {len(picks)} pick{'s' if len(picks) != 1 else ''} "
                  f"({_number(spent)} of {_number(budget or 0)}); other candidates would still add voice.",
        "no candidates": f"No {label} outside the reach of {partnership} could be connected.",
        "nothing to add": f"No other {label} outside the reach would add a community or an organisation.",
    }
    after = {"organisations": weight(reached), "unreached": sorted(open_communities)}
    return Plan(partnership, add, candidates, before, after, picks, goal, sector, budget, cost_per_network, spent,
                stopped, notes[stopped])


def _outside(graph: AnyGraph, node: str, reached: set[str], skip: set[str] = frozenset()) -> set[str]:
    """``node`` and everything with a reach path to it, less ``reached`` (closed upstream) and
    what is only reached through ``skip``."""
    found = {node}
    stack = [node]
    while stack:
        for pred in reach_predecessors(graph, stack.pop()):
            if pred not in found and pred not in reached and pred not in skip:
                found.add(pred)
                stack.append(pred)
    return found


def _upper_bounds(graph: AnyGraph, pool: list[str], reached: set[str],
                  open_communities: set[str]) -> dict[str, tuple[int, int, int]]:
    """For each candidate of ``pool``, (people, communities, organisations) at least what it would add.

    One pass over the graph outside ``reached``: strongly connected parts in topological order,
    each adding its own gain to the sum of its predecessors' (exact on chains and trees, an
    over-count where routes rejoin), capped at the totals outside the reach.
    """
    nodes = node_data(graph)
    region: dict[str, set[str]] = {n: set() for n in pool}  # node -> its successors in the region
    todo = list(pool)
    while todo:
        node = todo.pop()
        for pred in reach_predecessors(graph, node):
            if pred not in reached:
                if pred not in region:
                    region[pred] = set()
                    todo.append(pred)
                region[pred].add(node)
    parts = strong_parts(region)
    part_of = {n: i for i, members in enumerate(parts) for n in members}
    preds: list[set[int]] = [set() for _ in parts]
    for node, targets in region.items():
        for target in targets:
            if part_of[node] != part_of[target]:
                preds[part_of[target]].add(part_of[node])
    served_all = {s for n in region for s in nodes[n].get("serves", ())} & open_communities
    caps = (sum(nodes[c].get("population") or 0 for c in served_all), len(served_all),
            sum(nodes[n]["count"] for n in region if nodes[n]["type"] == "organisation"))
    bounds: list[tuple[int, ...]] = []
    for i, members in enumerate(parts):  # topological order: every predecessor's bound is known
        served = {s for n in members for s in nodes[n].get("serves", ())} & open_communities
        total = [sum(nodes[c].get("population") or 0 for c in served), len(served),
                 sum(nodes[n]["count"] for n in members if nodes[n]["type"] == "organisation")]
        for pred in preds[i]:
            total = [a + b for a, b in zip(total, bounds[pred])]
        bounds.append(tuple(min(a, cap) for a, cap in zip(total, caps)))
    return {c: bounds[part_of[c]] for c in pool}


def strong_parts(successors: dict[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected parts of the graph ``successors`` (node -> the nodes it has an edge
    into, every one of them a key too), in topological order: a part comes before every part it
    has an edge into. Tarjan's algorithm, walked with a stack of its own (no recursion).

    >>> strong_parts({"a": ["b"], "b": ["a", "c"], "c": [], "d": ["c"]})
    [['d'], ['b', 'a'], ['c']]
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    parts: list[list[str]] = []
    for root in successors:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors[root]))]
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(successors[target])))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        part.append(member)
                        if member == node:
                            break
                    parts.append(part)
    parts.reverse()  # Tarjan's algorithm finds a part after every part it reaches
    return parts
