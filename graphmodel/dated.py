"""A graph as it stood on a date: the memberships in force then.

A membership row may carry ``since`` and ``until`` (FORMAT.md). On a given day a
membership that had not begun (``since`` after the day) or had ended (``until``
before it) is no route for anyone's voice, so every analysis of the command line
reads the graph through :func:`in_force` with its ``--as-of`` day (default today).
Seats are not dropped: a seat held past its ``term_end`` still counts, as the gaps
analysis counts it (and lists it under ``expired_seats``).

>>> from datetime import date
>>> from graphmodel.model import Dataset
>>> from graphmodel.graph import build_graph
>>> g = build_graph(Dataset(
...     organisations=[{"id": "a", "name": "A", "sector": "vcs"}],
...     networks=[{"id": "n", "name": "N", "led_by": "vcs"}],
...     memberships=[{"member": "a", "network": "n", "until": "2020-12-31"}]))
>>> g.has_edge("a", "n", "member_of"), in_force(g, date(2020, 12, 31)).has_edge("a", "n", "member_of")
(True, True)
>>> in_force(g, date(2021, 1, 1)).has_edge("a", "n", "member_of")
False
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .adjacency import out_edges

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = ["in_force", "out_of_force"]


def out_of_force(graph: AnyGraph, as_of: date) -> list[tuple[str, str]]:
    """The (member, network) pairs whose membership had not begun or had ended on ``as_of``, sorted."""
    found = []
    for member, targets in out_edges(graph).items():
        for network, keys in targets.items():
            data = keys.get("member_of")
            if data is None or len(data) == 1:  # only "kind": no dates
                continue
            since, until = data.get("since"), data.get("until")
            if (since is not None and since > as_of) or (until is not None and until < as_of):
                found.append((member, network))
    return sorted(found)


def in_force(graph: AnyGraph, as_of: date) -> AnyGraph:
    """``graph`` itself when every membership is in force on ``as_of``; else a copy without the others."""
    gone = out_of_force(graph, as_of)
    if not gone:
        return graph
    current = graph.copy()
    current.remove_edges_from((member, network, "member_of") for member, network in gone)
    return current
