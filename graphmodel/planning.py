"""The coverage planner: where would connecting a network add the most voice?

Greedy and deterministic. A candidate is a network or an active organisation
outside the partnership's reach; connecting it (a seat, or a ``feeds_into``
link) brings it and everything that reaches it into the reach. Each round
picks the candidate that adds the most communities that are neither
represented nor reached yet, then the most organisations (weighted by
``count``), then a network before an organisation, then the smallest id.

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

from dataclasses import asdict, dataclass

import networkx as nx

from .representation import gaps
from .traverse import require, upstream, usable

__all__ = ["Pick", "Plan", "plan"]


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


@dataclass
class Plan:
    partnership: str
    add: int
    candidates: str
    before: dict
    after: dict
    picks: list[Pick]

    def as_dict(self) -> dict:
        return asdict(self)


def _explain(node_id: str, name: str, communities: list[str], organisations: int) -> str:
    parts = []
    if communities:
        label = "community" if len(communities) == 1 else "communities"
        parts.append(f"{label} {', '.join(communities)}")
    parts.append(f"{organisations} organisation{'s' if organisations != 1 else ''}")
    return f"connecting {node_id} ({name}) adds " + " and ".join(parts)


def plan(graph: nx.MultiDiGraph, partnership: str, *, add: int = 5, candidates: str = "any") -> Plan:
    """Choose up to ``add`` networks or organisations whose connection to
    ``partnership`` would add the most.

    ``candidates`` is ``"networks"``, ``"organisations"`` or ``"any"``.
    Candidates that would add nothing are never picked, so fewer than
    ``add`` picks may come back.
    """
    require(graph, partnership, "partnership")
    if candidates not in ("networks", "organisations", "any"):
        raise ValueError(f"candidates must be networks, organisations or any, not {candidates!r}")
    reached = set(upstream(graph, partnership))
    current = gaps(graph, partnership).partnerships[0]
    open_communities = set(current.unreached)
    nodes = graph.nodes

    def weight(ids) -> int:
        return sum(nodes[i]["count"] for i in ids if nodes[i]["type"] == "organisation")

    before = {"organisations": weight(reached), "unreached": sorted(open_communities)}
    types = {"networks": ("network",), "organisations": ("organisation",), "any": ("network", "organisation")}
    pool = sorted(n for n, t in graph.nodes(data="type")
                  if t in types[candidates] and n not in reached and usable(graph, n))
    upstream_of = {c: set(upstream(graph, c)) for c in pool}

    picks: list[Pick] = []
    while len(picks) < add:
        best = None
        for c in pool:
            new = upstream_of[c] - reached
            if not new:
                continue
            served = {s for n in new for s in nodes[n].get("serves", ())} & open_communities
            orgs = weight(new)
            key = (-len(served), -orgs, nodes[c]["type"] != "network", c)
            if (served or orgs) and (best is None or key < best[0]):
                best = (key, c, new, served)
        if best is None:
            break
        _, c, new, served = best
        new_orgs = sorted(n for n in new if nodes[n]["type"] == "organisation")
        communities = sorted(served)
        picks.append(Pick(len(picks) + 1, c, nodes[c]["name"], nodes[c]["type"], communities, weight(new_orgs),
                          new_orgs, _explain(c, nodes[c]["name"], communities, weight(new_orgs))))
        reached |= new
        open_communities -= served
        pool.remove(c)
    after = {"organisations": weight(reached), "unreached": sorted(open_communities)}
    return Plan(partnership, add, candidates, before, after, picks)
