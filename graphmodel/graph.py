"""The engagement network as one networkx ``MultiDiGraph``.

Edges run towards decision-making (FORMAT.md section 3). Each node carries
its row's fields plus ``type`` (one of :data:`NODE_TYPES`); each edge carries
``kind`` (one of :data:`EDGE_KINDS`) and is keyed by it, so one pair of nodes
has at most one edge of each kind.

>>> from graphmodel.model import Dataset, Organisation, Network, Membership
>>> ds = Dataset(
...     organisations=[Organisation(id="tra", name="Tenants", sector="vcs")],
...     networks=[Network(id="cen", name="CEN", led_by="vcs")],
...     memberships=[Membership(member="tra", network="cen")],
... )
>>> g = build_graph(ds)
>>> g.nodes["cen"]["type"], list(g.edges(keys=True))
('network', [('tra', 'cen', 'member_of')])
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import networkx as nx
from pydantic import BaseModel

from .model import ENTITY_TABLES, Dataset, LinkKind

__all__ = ["NODE_TYPES", "EDGE_KINDS", "REACH_KINDS", "build_graph", "node_attributes"]

#: Node ``type`` values, by table.
NODE_TYPES: dict[str, str] = dict(ENTITY_TABLES)

#: Edge ``kind`` values with (source node types, target node types).
EDGE_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "member_of": (("organisation", "network"), ("network",)),
    "selects": (("network", "organisation"), ("seat",)),
    "holds": (("organisation", "person"), ("seat",)),
    "sits_on": (("seat",), ("partnership",)),
    "feeds_into": (("partnership", "network", "organisation"), ("partnership",)),
    "reports_back": (("seat",), ("network", "organisation")),
    "consults": (("partnership",), ("network", "organisation")),
    "serves": (("organisation", "network"), ("community",)),
    "represents": (("seat",), ("community",)),
    "part_of": (("community",), ("community",)),
    "affiliated_with": (("person",), ("organisation",)),
}

#: The edge kinds a voice travels along to reach a partnership (FORMAT.md section 3).
REACH_KINDS = frozenset({"member_of", "selects", "holds", "sits_on", "feeds_into"})


def node_attributes(row: BaseModel, node_type: str) -> dict[str, Any]:
    """A row's fields as plain values (enums as their strings), plus ``type``."""
    attrs = {k: (v.value if isinstance(v, Enum) else v) for k, v in row.__dict__.items()}
    if "required" in attrs:
        attrs["required"] = tuple(str(r) for r in attrs["required"])
    attrs["type"] = node_type
    return attrs


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Turn a valid dataset into the engagement graph.

    Parameters
    ----------
    dataset : Dataset
        A validated dataset (see :func:`graphmodel.load_dataset`).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by id with ``type`` and their fields; edges keyed by kind.
    """
    graph = nx.MultiDiGraph(name=dataset.name)
    for table, node_type in NODE_TYPES.items():
        graph.add_nodes_from((row.id, node_attributes(row, node_type)) for row in dataset.rows(table))

    def edges(kind: str, pairs, **attrs):
        graph.add_edges_from((u, v, kind, {"kind": kind, **attrs}) for u, v in pairs)

    for org in dataset.organisations:
        edges("serves", ((org.id, c) for c in org.serves))
    for net in dataset.networks:
        edges("serves", ((net.id, c) for c in net.serves))
    for part in dataset.partnerships:
        edges("feeds_into", ((part.id, p) for p in part.feeds_into))
    for com in dataset.communities:
        if com.part_of:
            edges("part_of", [(com.id, com.part_of)])
    for m in dataset.memberships:
        edges("member_of", [(m.member, m.network)], role=m.role, since=m.since, until=m.until)
    for seat in dataset.seats:
        edges("sits_on", [(seat.id, seat.partnership)])
        edges("represents", ((seat.id, c) for c in seat.represents))
        if seat.selected_by:
            edges("selects", [(seat.selected_by, seat.id)], method=seat.method.value if seat.method else None)
        if seat.holder:
            edges("holds", [(seat.holder, seat.id)])
        if seat.person:
            edges("holds", [(seat.person, seat.id)])
    for person in dataset.people:
        if person.organisation:
            edges("affiliated_with", [(person.id, person.organisation)])
    for link in dataset.links:
        kind = link.kind.value if isinstance(link.kind, LinkKind) else link.kind
        edges(kind, [(link.source, link.target)], channel=link.channel, frequency=link.frequency, notes=link.notes)
    return graph
