"""Reach: which organisations can get their voice to a partnership, and how far away.

>>> from graphmodel.model import Dataset, Organisation, Network, Partnership, Membership, Seat
>>> from graphmodel.graph import build_graph
>>> g = build_graph(Dataset(
...     organisations=[Organisation(id="tra", name="TRA", sector="vcs", count=40, serves=["tenants"]),
...                    Organisation(id="old", name="Closed", sector="vcs", active=False)],
...     communities=[{"id": "tenants", "name": "Tenants"}],
...     networks=[Network(id="net", name="Net", led_by="vcs")],
...     partnerships=[Partnership(id="board", name="Board", level="board")],
...     memberships=[Membership(member="tra", network="net"), Membership(member="old", network="net")],
...     seats=[Seat(id="s1", partnership="board", sector="vcs", selected_by="net")],
... ))
>>> r = reach(g, "board")
>>> [(o.id, o.distance, o.count) for o in r.organisations], r.total, r.communities
([('tra', 3, 40)], 40, ['tenants'])
>>> [f.partnership for f in feeds(g, "tra")], feeds(g, "tra")[0].route
(['board'], ['tra', 'net', 's1', 'board'])
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .adjacency import node_data
from .traverse import downstream, require, shortest_routes, upstream
from .vocabulary import is_active

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = ["ReachedOrganisation", "Reach", "Fed", "reach", "routes", "feeds", "MAX_ROUTE"]


@dataclass
class ReachedOrganisation:
    """An organisation in a partnership's reach."""

    id: str
    name: str
    sector: str
    distance: int
    count: int


@dataclass
class Reach:
    """The reach of one partnership (FORMAT.md section 3)."""

    partnership: str
    organisations: list[ReachedOrganisation]
    total: int
    by_sector: dict[str, int]
    communities: list[str]
    networks: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "partnership": self.partnership,
            "organisations": [
                {"id": o.id, "distance": o.distance, "count": o.count, "name": o.name, "sector": o.sector}
                for o in self.organisations
            ],
            "total": self.total,
            "by_sector": self.by_sector,
            "communities": self.communities,
            "networks": self.networks,
        }


def reach(graph: AnyGraph, partnership: str, *, as_of: date | None = None) -> Reach:
    """The active organisations with a path to ``partnership``, nearest first.

    Paths follow ``member_of``, ``selects``, ``holds``, ``sits_on`` and
    ``feeds_into`` edges; the distance is the number of edges on the shortest
    one. ``total`` and ``by_sector`` weigh each organisation by its ``count``;
    ``communities`` are those served by the reached organisations.
    ``as_of`` is accepted for a uniform signature: reach does not depend on dates.

    Raises
    ------
    NotFound
        when ``partnership`` is not the id of a partnership.
    """
    require(graph, partnership, "partnership")
    dist = upstream(graph, partnership)
    organisations: list[ReachedOrganisation] = []
    networks: list[dict] = []
    by_sector: Counter[str] = Counter()
    communities: set[str] = set()
    nodes = node_data(graph)
    for node, distance in dist.items():
        attrs = nodes[node]
        if attrs["type"] == "organisation":
            organisations.append(ReachedOrganisation(node, attrs["name"], attrs["sector"], distance, attrs["count"]))
            by_sector[attrs["sector"]] += attrs["count"]
            communities.update(attrs["serves"])
        elif attrs["type"] == "network":
            networks.append({"id": node, "distance": distance, "name": attrs["name"]})
    organisations.sort(key=lambda o: (o.distance, o.id))
    networks.sort(key=lambda n: (n["distance"], n["id"]))
    return Reach(
        partnership=partnership,
        organisations=organisations,
        total=sum(by_sector.values()),
        by_sector=dict(sorted(by_sector.items())),
        communities=sorted(communities),
        networks=networks,
    )


def routes(graph: AnyGraph, organisation: str, partnership: str, *, limit: int = 20) -> list[list[str]]:
    """The shortest routes (lists of ids) from ``organisation`` to ``partnership``.

    An empty list when the organisation does not reach it (or is inactive).
    """
    require(graph, organisation, "organisation")
    require(graph, partnership, "partnership")
    if not is_active(node_data(graph)[organisation]):
        return []
    return shortest_routes(graph, organisation, upstream(graph, partnership), limit=limit)


@dataclass
class Fed:
    """A partnership an organisation reaches, with one shortest route."""

    partnership: str
    name: str
    level: str
    distance: int
    route: list[str]

    def as_dict(self) -> dict:
        return asdict(self)


#: Routes longer than this many ids are shown by their ends (see :func:`feeds`).
MAX_ROUTE = 41
_END = (MAX_ROUTE - 1) // 2


def feeds(graph: AnyGraph, organisation: str) -> list[Fed]:
    """Every partnership ``organisation`` reaches, nearest first, each with one shortest route.

    An inactive organisation reaches nothing. A route of more than :data:`MAX_ROUTE` ids is
    given by its first and last 20 ids with ``"..."`` between them, so that a very long chain
    of partnerships costs time linear in its length, not in its square.
    """
    attrs = require(graph, organisation, "organisation")
    if not is_active(attrs):
        return []
    dist, parent = downstream(graph, organisation)
    anchor: dict[str, str] = {}  # the id at position _END - 1 of the route to each far node
    found = []
    nodes = node_data(graph)
    for node, distance in dist.items():  # breadth-first order: a node's parent comes before it
        if distance == _END - 1:
            anchor[node] = node
        elif distance >= _END:
            anchor[node] = anchor[parent[node]]
        if nodes[node]["type"] != "partnership":
            continue
        if distance < MAX_ROUTE:
            route = _back(parent, node, organisation, distance + 1)
        else:
            route = _back(parent, anchor[node], organisation, _END) + ["..."] + _back(parent, node, organisation, _END)
        found.append(Fed(node, nodes[node]["name"], nodes[node]["level"], distance, route))
    found.sort(key=lambda f: (f.distance, f.partnership))
    return found


def _back(parent: dict[str, str], node: str, origin: str, count: int) -> list[str]:
    """The last ``count`` ids of the route from ``origin`` to ``node``, in route order."""
    route = [node]
    while len(route) < count and route[-1] != origin:
        route.append(parent[route[-1]])
    return route[::-1]
