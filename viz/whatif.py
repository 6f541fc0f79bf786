""""What if this went?" for the board in focus: what the page greys out, and the words it says.

Built from :func:`graphmodel.cut_sets` and :func:`graphmodel.resilience`; the page carries it only for
what cuts something off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphmodel.failures import cut_sets, resilience

from .words import name_of

if TYPE_CHECKING:
    from graphmodel.adjacency import AnyGraph

__all__ = ["what_if"]


def what_if(graph: AnyGraph, focus: str, nodes: list[dict], edges: list[dict]) -> dict[str, list]:
    """For each node or seat whose loss cuts something off from ``focus`` (:func:`graphmodel.cut_sets`),
    what the page greys out (node and link indexes) and the words (:func:`graphmodel.resilience`'s numbers).

    A folded "N organisations" node greys out when every organisation in it is cut; a "reps" link when
    each of its seats is cut or gone, or its selector is; any other link when either end is.
    """
    cuts = cut_sets(graph, focus)
    if not cuts:
        return {}
    points = {p.id: p for p in resilience(graph, focus).points}
    index = {n["id"]: i for i, n in enumerate(nodes)}
    bundles = [(i, set(n["member_ids"])) for i, n in enumerate(nodes) if n.get("member_ids")]
    # the links at each node index: a link greys out when its "from" end does, or its "to" end (not "reps")
    touching: dict[int, list[int]] = {}
    seated = []  # each "reps" link's seats: it greys out when each of them is cut or gone
    for k, e in enumerate(edges):
        ends = (e["from"],) if e["kind"] == "reps" else (e["from"], e["to"])
        for i in {index[end] for end in ends if end in index}:
            touching.setdefault(i, []).append(k)
        if e["kind"] == "reps":
            seated.append((k, [s["id"] for s in e["seats"]]))
    out = {}
    for gone, cut in cuts.items():
        lost = set(cut) | {gone}
        shown = {index[c] for c in cut if c in index}
        shown |= {i for i, members in bundles if members <= lost}
        off = shown | ({index[gone]} if gone in index else set())
        greyed = {k for i in off for k in touching.get(i, ())}
        greyed.update(k for k, seats in seated if all(s in lost for s in seats))
        links = sorted(greyed)
        point = points.get(gone)
        out[gone] = [point.cuts_organisations if point else 0,
                     [name_of(graph, c) for c in point.cuts_communities] if point else [], sorted(shown), links]
    return out
