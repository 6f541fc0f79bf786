"""Representation gaps and composition problems of partnerships.

One pass serves every partnership: communities are bits of an integer, and
the communities represented at, and served upstream of, each body are
propagated once along the graph in topological order.

>>> from graphmodel.model import Dataset
>>> from graphmodel.graph import build_graph
>>> g = build_graph(Dataset(
...     organisations=[{"id": "tra", "name": "TRA", "sector": "vcs", "serves": ["tenants"]}],
...     communities=[{"id": "tenants", "name": "Tenants"}, {"id": "older", "name": "Older people"}],
...     partnerships=[{"id": "board", "name": "Board", "level": "board", "min_vcs_share": 0.5}],
...     seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "holder": "tra"},
...            {"id": "s2", "partnership": "board", "sector": "statutory"},
...            {"id": "s3", "partnership": "board", "sector": "statutory"}],
... ))
>>> board = gaps(g).partnerships[0]
>>> board.unrepresented, board.unreached, board.vacant_seats
(['older', 'tenants'], ['older'], ['s2', 's3'])
>>> [b.rule for b in board.breaches]
['min_vcs_share']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .adjacency import node_data, out_edges
from .composition import _Evidence, _filled, _overloaded, _Places, _required_counts, _unconnected
from .gap_results import (Breach, CommunityBits, Gaps, PartnershipGaps, _at_group,  # noqa: F401 (the library's names)
                          _breaches, _share, months_before)  # _share also for neo4j_analyses
from .graph import NODE_TYPES, REACH_KINDS
from .traverse import kind_sources, kind_targets, require
from .vocabulary import is_active, is_deputy

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = ["Breach", "PartnershipGaps", "Gaps", "CommunityBits", "gaps", "months_before"]


def nodes_by_type(graph: AnyGraph) -> dict[str, list[str]]:
    """Node ids by ``type``, in one pass over the graph."""
    found: dict[str, list[str]] = {t: [] for t in NODE_TYPES.values()}
    for node, attrs in node_data(graph).items():
        found[attrs["type"]].append(node)
    return found


def _topological(graph: AnyGraph, nodes: list[str], edges: Callable[[str], Iterable[str]]) -> list[str]:
    """Kahn's algorithm over ``nodes`` with ``edges(node)`` giving successors among them."""
    indegree = dict.fromkeys(nodes, 0)
    succ = {n: [s for s in edges(n) if s in indegree] for n in nodes}
    for n in nodes:
        for s in succ[n]:
            indegree[s] += 1
    order = [n for n in nodes if indegree[n] == 0]
    for n in order:
        for s in succ[n]:
            indegree[s] -= 1
            if indegree[s] == 0:
                order.append(s)
    return order


def _served_upstream(graph: AnyGraph, bits: CommunityBits, by_type: dict[str, list[str]]) -> dict[str, int]:
    """For every network, seat and partnership, the communities served by the
    organisations and networks with a reach path to it (a network's own included).

    Only reach edges carry what an organisation serves: a ``funds`` link does not.
    """
    node_attrs, succ = node_data(graph), out_edges(graph)
    served: dict[str, int] = {n: bits.mask(node_attrs[n]["serves"]) for n in by_type["network"]}
    served.update(dict.fromkeys(by_type["seat"], 0))
    served.update(dict.fromkeys(by_type["partnership"], 0))
    inner = by_type["network"] + by_type["seat"] + by_type["partnership"]
    masks: dict[tuple, int] = {}
    organisations = [(n, a["serves"]) for n in by_type["organisation"]
                     for a in (node_attrs[n],) if a["serves"] and is_active(a)]
    only_funds = {"funds"}  # from an organisation, every other kind of edge to these is a reach edge
    for node, serves in organisations:
        own = masks.get(serves)
        if own is None:
            own = masks[serves] = bits.mask(serves)
        for target, keys in succ[node].items():
            if target in served and keys.keys() != only_funds:
                served[target] |= own

    following = {n: [s for s, keys in succ[n].items() if s in served and not REACH_KINDS.isdisjoint(keys)]
                 for n in inner}
    order = _topological(graph, inner, following.__getitem__)
    for node in order:
        mask = served[node]
        if mask:
            for target in following[node]:
                served[target] |= mask
    if len(order) < len(inner):  # a partnership selecting a seat on a body that feeds into it: a cycle
        done = set(order)
        pending = [n for n in inner if n not in done]
        while pending:
            node = pending.pop()
            mask = served[node]
            for target in following[node]:
                if served[target] | mask != served[target]:
                    served[target] |= mask
                    pending.append(target)
    return served


def gaps(graph: AnyGraph, partnership: str | None = None, *, as_of: date | None = None,
         max_seats: int = 3, expiring_within: int = 90, stale_after: int = 6) -> Gaps:
    """Representation gaps and composition problems, for one partnership or all.

    Parameters
    ----------
    graph : the engagement graph (:func:`graphmodel.build_graph`).
    partnership : one partnership id, or ``None`` for every partnership.
    as_of : the date for term and reporting checks (default today): a seat whose
        ``term_end`` is before it has an expired term; reports dated after it are not counted.
    max_seats : holders (organisations or people) with more filled places than
        this, across the dataset, are listed as overloaded.
    expiring_within : a filled place whose ``term_end`` falls within this many
        days after ``as_of`` is expiring.
    stale_after : a seat whose newest report is older than this many months
        before ``as_of`` is stale (only when the dataset has reports).

    Returns
    -------
    Gaps
        per partnership: places (deputies left out), filled, VCS places and
        share, voting places and the VCS share of them, represented (with
        ``part_of`` coverage), unrepresented and unreached communities,
        breaches of ``min_vcs_share``, ``min_vcs_voting_share``, ``required``
        (``@GROUP`` included), ``size_min`` and ``size_max``, vacant, expired
        and expiring seats, vacant reserved places, seats without reporting
        back, stale and never-used reporting; across the dataset: partnerships
        with no VCS place, overloaded holders, active organisations connected
        to nothing.

    Examples
    --------
    >>> from graphmodel.model import Dataset
    >>> from graphmodel.graph import build_graph
    >>> g = build_graph(Dataset(
    ...     partnerships=[{"id": "b", "name": "B", "level": "board", "size_max": 1}],
    ...     seats=[{"id": "s1", "partnership": "b", "sector": "vcs", "role": "observer"},
    ...            {"id": "s2", "partnership": "b", "sector": "statutory", "deputy_of": "s1"}]))
    >>> p = gaps(g).partnerships[0]
    >>> p.seats, p.vcs_share, p.voting_seats, p.non_voting_seats, p.deputy_seats, p.breaches
    (1, 1.0, 0, ['s1'], ['s2'], [])
    """
    as_of = as_of or date.today()
    if partnership is not None:
        require(graph, partnership, "partnership")
    by_type = nodes_by_type(graph)
    bits = CommunityBits(graph, by_type["community"])
    nodes = node_data(graph)
    all_partnerships = sorted(by_type["partnership"])

    # places (deputies apart) of each partnership, and the communities its filled places represent
    own_direct: dict[str, int] = {}
    seat_lists: dict[str, list[str]] = {}
    deputies: dict[str, list[str]] = {}
    for p in all_partnerships:
        places, deps = seat_lists[p], deputies[p] = [], []
        for s in kind_sources(graph, p, "sits_on"):
            (deps if is_deputy(nodes[s]) else places).append(s)
        own_direct[p] = bits.mask(c for s in places if _filled(graph, s) for c in nodes[s]["represents"])

    # propagate along feeds_into between partnerships
    def feeds(p):
        return (t for t in kind_targets(graph, p, "feeds_into") if nodes[t]["type"] == "partnership")

    represented_up = dict(own_direct)
    for p in _topological(graph, all_partnerships, feeds):
        for t in feeds(p):
            represented_up[t] |= represented_up[p]

    chosen = [partnership] if partnership is not None else all_partnerships
    served = _served_upstream(graph, bits, by_type) if chosen else {}
    evidence = _Evidence(graph, as_of, stale_after)
    soon = as_of + timedelta(days=expiring_within)
    results = []
    for p in chosen:
        attrs = nodes[p]
        seats = seat_lists[p]
        direct = represented_up[p]
        covered = bits.expand(direct)
        c = _Places(graph, seats, deputies[p], as_of, soon)
        share = c.vcs / len(seats) if seats else 0.0
        unrepresented = bits.all & ~covered
        counted = _required_counts(graph, attrs, seats, bits)
        everyone = sorted(seats + deputies[p]) if deputies[p] else seats
        results.append(PartnershipGaps(
            id=p,
            name=attrs["name"],
            level=attrs["level"],
            seats=len(seats),
            filled=c.filled,
            vcs_seats=c.vcs,
            vcs_share=share,
            represented=bits.names(covered),
            represented_via=bits.via(direct, covered),
            unrepresented=bits.names(unrepresented),
            unreached=bits.names(unrepresented & ~served.get(p, 0)),
            breaches=_breaches(attrs, seats, c.vcs, share, c.voting, c.vcs_voting, counted),
            vacant_seats=c.vacant,
            expired_seats=c.expired,
            seats_without_reporting_back=c.no_report_back,
            voting_seats=c.voting,
            vcs_voting_seats=c.vcs_voting,
            vcs_voting_share=c.vcs_voting / c.voting if c.voting else 0.0,
            non_voting_seats=c.non_voting,
            deputy_seats=deputies[p],
            reserved_vacant=c.reserved_vacant,
            expiring_seats=c.expiring,
            stale_reporting=evidence.stale(everyone),
            never_reported=evidence.never(everyone),
            required_at_group=_at_group(counted),
        ))
    return Gaps(
        as_of=as_of,
        max_seats=max_seats,
        partnerships=results,
        no_vcs_seats=[p for p in all_partnerships
                      if not any(nodes[s]["sector"] == "vcs" for s in seat_lists[p])],
        overloaded_holders=_overloaded(graph, [s for p in all_partnerships for s in seat_lists[p]], max_seats),
        unconnected_organisations=_unconnected(graph, by_type),
        expiring_within=expiring_within,
        stale_after=stale_after,
    )
