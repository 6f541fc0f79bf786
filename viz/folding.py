"""Folding: the plain member organisations of a large network drawn as one "N organisations" node.

Organisations that hold or select a seat, feed a body directly, take part in reporting back or
consultation, or stand for several (``count`` > 1) always stay visible.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from graphmodel.adjacency import in_edges, out_edges

if TYPE_CHECKING:
    from graphmodel.adjacency import AnyGraph

__all__ = ["fold", "DEFAULT_AGGREGATE"]

#: Networks with more member organisations than this fold them into one node, by default.
DEFAULT_AGGREGATE = 12


def fold(graph: AnyGraph, nodes: dict, edges: list, limit: int) -> None:
    """Fold plain member organisations of large networks into one node per network."""
    members: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e["kind"] == "member_of" and nodes.get(e["from"], {}).get("type") == "organisation":
            members[e["to"]].append(e["from"])
    roles = {"selects", "holds", "feeds_into"}
    busy = {o for orgs in members.values() for o in orgs
            if any(not roles.isdisjoint(keys) for keys in out_edges(graph)[o].values())
            or any(not {"reports_back", "consults", "affiliated_with"}.isdisjoint(keys)
                   for keys in in_edges(graph)[o].values())}
    folded: dict[str, str] = {}
    for network in sorted(members):
        orgs = members[network]
        if len(orgs) <= limit:
            continue
        plain = [o for o in orgs if o not in busy and nodes[o]["count"] == 1 and o not in folded]
        if len(plain) < 2:
            continue
        bundle = f"{network}__members"
        sectors = sorted({nodes[o]["sector"] for o in plain})
        nodes[bundle] = {"id": bundle, "type": "aggregate", "label": f"{len(plain)} organisations",
                         "count": len(plain), "sector": sectors[0] if len(sectors) == 1 else "mixed",
                         "serves": sorted({c for o in plain for c in nodes[o]["serves"]}),
                         "members": sorted(nodes[o]["label"] for o in plain), "member_ids": sorted(plain),
                         "details": [["members of", nodes[network]["label"]], ["organisations", str(len(plain))]]}
        for o in plain:
            folded[o] = bundle
    linked = {e["from"] for e in edges} | {e["to"] for e in edges}
    alone = [o for o, n in sorted(nodes.items()) if n["type"] == "organisation" and o not in linked
             and n["count"] == 1 and o not in folded]
    if len(alone) > limit:
        bundle = "unconnected__organisations"
        nodes[bundle] = {"id": bundle, "type": "aggregate", "label": f"{len(alone)} organisations in no network",
                         "count": len(alone), "sector": "mixed",
                         "serves": sorted({c for o in alone for c in nodes[o]["serves"]}),
                         "members": sorted(nodes[o]["label"] for o in alone), "member_ids": alone,
                         "details": [["organisations", str(len(alone))],
                                     ["connected to", "nothing: no network, seat or link"]]}
        folded.update(dict.fromkeys(alone, bundle))
    if not folded:
        return
    merged: dict[tuple, dict] = {}
    for e in edges:
        u, v = folded.get(e["from"], e["from"]), folded.get(e["to"], e["to"])
        key = (u, v, e["kind"])
        if (u != e["from"] or v != e["to"]) and key in merged:
            continue
        merged.setdefault(key if (u != e["from"] or v != e["to"]) else (id(e),), {**e, "from": u, "to": v})
    edges[:] = list(merged.values())
    for o in folded:
        del nodes[o]
