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

import calendar
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import networkx as nx

from .adjacency import in_edges, node_data, out_edges
from .graph import NODE_TYPES, REACH_KINDS
from .model import parse_required, same_group
from .traverse import community_tree, kind_sources, kind_targets, require, usable
from .vocabulary import is_active, is_deputy, is_filled

__all__ = ["Breach", "PartnershipGaps", "Gaps", "CommunityBits", "gaps", "months_before"]


@dataclass
class Breach:
    """A rule the partnership agreed and does not meet."""

    rule: str
    detail: str


@dataclass
class PartnershipGaps:
    """The gaps and composition of one partnership."""

    id: str
    name: str
    level: str
    seats: int
    filled: int
    vcs_seats: int
    vcs_share: float
    represented: list[str]
    represented_via: dict[str, str]
    unrepresented: list[str]
    unreached: list[str]
    breaches: list[Breach]
    vacant_seats: list[str]
    expired_seats: list[str]
    seats_without_reporting_back: list[str]
    voting_seats: int = 0
    vcs_voting_seats: int = 0
    vcs_voting_share: float = 0.0
    non_voting_seats: list[str] = field(default_factory=list)
    deputy_seats: list[str] = field(default_factory=list)
    reserved_vacant: list[dict] = field(default_factory=list)
    expiring_seats: list[str] = field(default_factory=list)
    stale_reporting: list[dict] = field(default_factory=list)
    never_reported: list[str] = field(default_factory=list)
    required_at_group: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data["breaches"] = [{"rule": b.rule, "detail": b.detail} for b in self.breaches]
        data["stale_reporting"] = [{"seat": r["seat"], "last_reported": r["last_reported"].isoformat()}
                                   for r in self.stale_reporting]
        return data


@dataclass
class Gaps:
    """Gaps of the chosen partnerships, and problems across the whole dataset."""

    as_of: date
    max_seats: int
    partnerships: list[PartnershipGaps]
    no_vcs_seats: list[str]
    overloaded_holders: list[dict]
    unconnected_organisations: list[str] = field(default_factory=list)
    expiring_within: int = 90
    stale_after: int = 6

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "max_seats": self.max_seats,
            "expiring_within": self.expiring_within,
            "stale_after": self.stale_after,
            "partnerships": [p.as_dict() for p in self.partnerships],
            "no_vcs_seats": self.no_vcs_seats,
            "overloaded_holders": self.overloaded_holders,
            "unconnected_organisations": self.unconnected_organisations,
        }


class CommunityBits:
    """Communities as bits of an int, with ``part_of`` coverage.

    Bit ``i`` stands for community ``ids[i]``. :meth:`expand` adds to a mask every community
    that is part of one in it, directly or through others. Every operation is linear in the
    number of communities (a 100,000-long ``part_of`` chain included): no per-community mask is
    kept, and the hierarchy is walked once per distinct mask, parents first.

    >>> from graphmodel.model import Dataset
    >>> from graphmodel.graph import build_graph
    >>> g = build_graph(Dataset(communities=[{"id": "bme", "name": "BME"},
    ...                                      {"id": "tk", "name": "TK", "part_of": "bme"}]))
    >>> bits = CommunityBits(g)
    >>> bits.names(bits.expand(bits.mask(["bme"]))), bits.via(bits.mask(["bme"]), bits.all)
    (['bme', 'tk'], {'tk': 'bme'})
    """

    def __init__(self, graph: nx.MultiDiGraph, communities: list[str] | None = None):
        if communities is None:
            communities = [n for n, a in node_data(graph).items() if a["type"] == "community"]
        self.ids = sorted(communities)
        self.index = {c: i for i, c in enumerate(self.ids)}
        self.all = (1 << len(self.ids)) - 1
        self.parent, children = community_tree(graph, self.ids)
        self.parent_index = [-1 if self.parent[c] is None else self.index[self.parent[c]] for c in self.ids]
        self.nested = any(p >= 0 for p in self.parent_index)
        order = [i for i, p in enumerate(self.parent_index) if p < 0]  # parents before their parts
        for i in order:
            order.extend(self.index[child] for child in children[self.ids[i]])
        self.order = [i for i in order if self.parent_index[i] >= 0]
        self._expanded: dict[int, int] = {}

    def bit(self, community: str) -> int:
        return 1 << self.index[community]

    def mask(self, communities: Iterable[str], covered: bool = False) -> int:
        m = 0
        for c in communities:
            m |= 1 << self.index[c]
        return self.expand(m) if covered else m

    @staticmethod
    def indices(mask: int) -> list[int]:
        """The positions of the set bits of ``mask``, in order (linear, found by ``str.find``)."""
        text = bin(mask)[:1:-1]
        found, i = [], text.find("1")
        while i >= 0:
            found.append(i)
            i = text.find("1", i + 1)
        return found

    def names(self, mask: int) -> list[str]:
        ids = self.ids
        return [ids[i] for i in self.indices(mask)]

    def _flags(self, mask: int) -> bytearray:
        flags = bytearray(len(self.ids))
        for i in self.indices(mask):
            flags[i] = 1
        return flags

    def expand(self, mask: int) -> int:
        """``mask`` with every community part of one in it, directly or through others."""
        if not self.nested or not mask:
            return mask
        found = self._expanded.get(mask)
        if found is None:
            flags, parent = self._flags(mask), self.parent_index
            for i in self.order:
                if flags[parent[i]]:
                    flags[i] = 1
            text = flags.translate(_DIGITS)[::-1]
            found = self._expanded[mask] = int(text, 2) if text else 0
        return found

    def via(self, direct: int, covered: int) -> dict[str, str]:
        """For each community covered only through a wider one, the nearest wider one named."""
        indirect = self.indices(covered & ~direct)
        if not indirect:
            return {}
        flags, parent = self._flags(direct), self.parent_index
        nearest = [-1] * len(self.ids)
        for i in self.order:
            p = parent[i]
            nearest[i] = p if flags[p] else nearest[p]
        return {self.ids[i]: self.ids[nearest[i]] for i in indirect if nearest[i] >= 0}


_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def nodes_by_type(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Node ids by ``type``, in one pass over the graph."""
    found: dict[str, list[str]] = {t: [] for t in NODE_TYPES.values()}
    for node, attrs in node_data(graph).items():
        found[attrs["type"]].append(node)
    return found


def _topological(graph: nx.MultiDiGraph, nodes: list[str], edges: Callable[[str], Iterable[str]]) -> list[str]:
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


def _served_upstream(graph: nx.MultiDiGraph, bits: CommunityBits, by_type: dict[str, list[str]]) -> dict[str, int]:
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


def _share(value: float) -> str:
    return f"{value * 100:.0f}%" if abs(value * 100 - round(value * 100)) < 1e-9 else f"{value * 100:.1f}%"


def gaps(graph: nx.MultiDiGraph, partnership: str | None = None, *, as_of: date | None = None,
         max_seats: int = 3, expiring_within: int = 90, stale_after: int = 6,
         served: dict[str, int] | None = None, unconnected: list[str] | None = None) -> Gaps:
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
    served, unconnected : the two whole-dataset passes, when the caller made them already (the
        columnar route, :mod:`graphmodel.columnar_gaps`, which then passes a graph without the mass
        of organisations and memberships): each partnership's communities served upstream as a mask
        (bit ``i``: the ``i``-th community id in sorted order, as :class:`CommunityBits`), and the
        unconnected organisations, sorted.

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
            (deps if _deputy(nodes[s]) else places).append(s)
        own_direct[p] = bits.mask(c for s in places if _filled(graph, s) for c in nodes[s]["represents"])

    # propagate along feeds_into between partnerships
    def feeds(p):
        return (t for t in kind_targets(graph, p, "feeds_into") if nodes[t]["type"] == "partnership")

    represented_up = dict(own_direct)
    for p in _topological(graph, all_partnerships, feeds):
        for t in feeds(p):
            represented_up[t] |= represented_up[p]

    chosen = [partnership] if partnership is not None else all_partnerships
    if served is None:
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
            required_at_group=[{"rule": rule, "group": group, "seats": found}
                               for rule, _, _, group, found in counted if group is not None],
        ))
    return Gaps(
        as_of=as_of,
        max_seats=max_seats,
        partnerships=results,
        no_vcs_seats=[p for p in all_partnerships
                      if not any(nodes[s]["sector"] == "vcs" for s in seat_lists[p])],
        overloaded_holders=_overloaded(graph, [s for p in all_partnerships for s in seat_lists[p]], max_seats),
        unconnected_organisations=_unconnected(graph, by_type) if unconnected is None else unconnected,
        expiring_within=expiring_within,
        stale_after=stale_after,
    )


class _Places:
    """The composition of one partnership, read in one pass over its places (and its deputies'
    terms): counts and the lists of ``gaps``, each in seat order."""

    def __init__(self, graph: nx.MultiDiGraph, seats: list[str], deputies: list[str], as_of: date, soon: date):
        nodes, succ = node_data(graph), out_edges(graph)
        self.filled = self.vcs = self.voting = self.vcs_voting = 0
        self.vacant: list[str] = []
        self.non_voting: list[str] = []
        self.reserved_vacant: list[dict] = []
        self.expiring: list[str] = []
        self.expired: list[str] = []
        self.no_report_back: list[str] = []
        for s in seats:
            a = nodes[s]
            filled = is_filled(a)
            vcs = a["sector"] == "vcs"
            if filled:
                self.filled += 1
            else:
                self.vacant.append(s)
                if a.get("reserved_for"):
                    self.reserved_vacant.append({"seat": s, "reserved_for": list(a["reserved_for"])})
            self.vcs += vcs
            if _voting(a):
                self.voting += 1
                self.vcs_voting += vcs
            else:
                self.non_voting.append(s)
            end = a["term_end"]
            if end is not None:
                if end < as_of:
                    self.expired.append(s)
                elif filled and end <= soon:
                    self.expiring.append(s)
            if not any("reports_back" in keys and usable(graph, t) for t, keys in succ[s].items()):
                self.no_report_back.append(s)
        if deputies:
            self.expired += [s for s in deputies if nodes[s]["term_end"] is not None and nodes[s]["term_end"] < as_of]
            self.expired.sort()


def _filled(graph: nx.MultiDiGraph, seat: str) -> bool:
    return is_filled(graph.nodes[seat])


def _deputy(attrs: dict) -> bool:
    """A deputy (a ``deputy_of``, or the role ``deputy``) is not a place."""
    return is_deputy(attrs)


def _voting(attrs: dict) -> bool:
    """A place with a vote: ``voting`` yes and not an observer."""
    return bool(attrs.get("voting", True)) and attrs.get("role") != "observer"


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day when it has no such day).

    >>> months_before(date(2026, 8, 31), 6), months_before(date(2026, 3, 15), 14)
    (datetime.date(2026, 2, 28), datetime.date(2025, 1, 15))
    """
    month = day.year * 12 + day.month - 1 - months
    year, month = divmod(month, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


class _Evidence:
    """The reports of a dataset as of one date: stale and never-used routes."""

    def __init__(self, graph: nx.MultiDiGraph, as_of: date, stale_after: int):
        self.graph = graph
        self.reports: dict[str, list[tuple]] = graph.graph.get("reports") or {}
        self.judged = bool(graph.graph.get("has_reports"))
        self.as_of = as_of
        self.cutoff = months_before(as_of, stale_after)

    def last(self, sender: str) -> date | None:
        """The newest report of ``sender`` dated on or before ``as_of``."""
        for when, _, _ in reversed(self.reports.get(sender, ())):
            if when <= self.as_of:
                return when
        return None

    def stale(self, seats: list[str]) -> list[dict]:
        if not self.judged:
            return []
        found = []
        for s in seats:
            last = self.last(s)
            if last is not None and last < self.cutoff:
                found.append({"seat": s, "last_reported": last})
        return found

    def never(self, seats: list[str]) -> list[str]:
        if not self.judged:
            return []
        return [s for s in seats if self.last(s) is None
                and any(usable(self.graph, t) for t in kind_targets(self.graph, s, "reports_back"))]



def _required_counts(graph, attrs, seats, bits: CommunityBits) -> list[tuple[str, str, int, str | None, list[str]]]:
    """Each ``required`` rule as (text, community, seats needed, group, the filled places counted)."""
    out = []
    for rule in attrs["required"]:
        parsed = parse_required(rule)
        community, needed, group = parsed["community"], parsed["seats"], parsed.get("group")
        mask = bits.bit(community)
        holding = [s for s in seats if _filled(graph, s)
                   and (group is None or same_group(graph.nodes[s].get("group"), group))
                   and bits.expand(bits.mask(graph.nodes[s]["represents"])) & mask]
        out.append((rule, community, needed, group, holding))
    return out


def _breaches(attrs, seats, vcs_seats, share, voting, vcs_voting, counted) -> list[Breach]:
    out = []
    minimum = attrs["min_vcs_share"]
    if minimum is not None and share < minimum - 1e-12:
        out.append(Breach("min_vcs_share",
                          f"{vcs_seats} of {len(seats)} seats ({_share(share)}) are VCS seats; "
                          f"the agreed minimum is {_share(minimum)}"))
    minimum = attrs.get("min_vcs_voting_share")
    voting_share = vcs_voting / voting if voting else 0.0
    if minimum is not None and voting_share < minimum - 1e-12:
        out.append(Breach("min_vcs_voting_share",
                          f"{vcs_voting} of {voting} voting seats ({_share(voting_share)}) are VCS seats; "
                          f"the agreed minimum is {_share(minimum)}"))
    for _, community, needed, group, holding in counted:
        if len(holding) < needed:
            among = f" of the group {group!r}" if group is not None else ""
            out.append(Breach("required",
                              f"{community} must hold at least {needed} filled "
                              f"seat{'s' if needed != 1 else ''}{among}; it holds {len(holding)}"))
    if attrs["size_min"] is not None and len(seats) < attrs["size_min"]:
        out.append(Breach("size_min", f"{len(seats)} seats; the agreed minimum is {attrs['size_min']}"))
    if attrs["size_max"] is not None and len(seats) > attrs["size_max"]:
        out.append(Breach("size_max", f"{len(seats)} seats; the agreed maximum is {attrs['size_max']}"))
    return out


def _overloaded(graph: nx.MultiDiGraph, seats: list[str], max_seats: int) -> list[dict]:
    held: Counter[str] = Counter()
    for seat in seats:
        attrs = node_data(graph)[seat]
        if attrs["holder"] is not None:
            held[attrs["holder"]] += 1
        if attrs["person"] is not None:
            held[attrs["person"]] += 1
    over = [{"id": h, "type": node_data(graph)[h]["type"], "seats": n} for h, n in held.items() if n > max_seats]
    return sorted(over, key=lambda h: (-h["seats"], h["id"]))


def _unconnected(graph: nx.MultiDiGraph, by_type: dict[str, list[str]]) -> list[str]:
    """Active organisations with no edge but ``serves`` (to a community) or a person's affiliation."""
    communities, people = set(by_type["community"]), set(by_type["person"])
    succ, pred, attrs = out_edges(graph), in_edges(graph), node_data(graph)
    return sorted(n for n in by_type["organisation"]
                  if is_active(attrs[n]) and succ[n].keys() <= communities and pred[n].keys() <= people)
