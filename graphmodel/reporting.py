"""Reporting back: who hears from a seat's holder, and who feeds in but hears nothing.

>>> from graphmodel.model import Dataset
>>> from graphmodel.graph import build_graph
>>> g = build_graph(Dataset(
...     organisations=[{"id": "tra", "name": "TRA", "sector": "vcs", "count": 3}],
...     networks=[{"id": "net", "name": "Net", "led_by": "vcs"}, {"id": "sub", "name": "Sub", "led_by": "vcs"}],
...     partnerships=[{"id": "board", "name": "Board", "level": "board"}],
...     memberships=[{"member": "sub", "network": "net"}, {"member": "tra", "network": "sub"}],
...     seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "selected_by": "net"}],
...     links=[{"source": "s1", "target": "net", "kind": "reports_back"}],
... ))
>>> a = audience(g, "s1")
>>> a.reports_back_to, [(m.id, m.distance) for m in a.audience], a.total
(['net'], [('net', 1), ('tra', 3)], 3)
"""

from __future__ import annotations

from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .adjacency import node_data, out_edges
from .reaching import reach
from .gap_results import months_before
from .traverse import (community_tree, feeding_partnerships, kind_sources, kind_targets, related, require,
                       seats_on, usable)

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = ["AudienceMember", "Audience", "Evidence", "Hearing", "HearingOrganisation", "audience", "evidence", "hearing",
           "route_states"]


@dataclass
class AudienceMember:
    id: str
    type: str
    distance: int


@dataclass
class Audience:
    """The reporting-back audience of one seat (FORMAT.md section 3)."""

    seat: str
    partnership: str
    reports_back_to: list[str]
    audience: list[AudienceMember]
    total: int
    networks: list[dict]
    represents: list[str]
    unserved_communities: list[str]
    warnings: list[str] = field(default_factory=list)
    evidence: "Evidence | None" = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["audience"] = [{"id": m.id, "distance": m.distance, "type": m.type} for m in self.audience]
        data["evidence"] = self.evidence.as_dict() if self.evidence is not None else None
        return data


def _members_by_distance(graph: AnyGraph, bodies: list[str],
                         only: set[str] | None = None) -> dict[str, int]:
    """The bodies at distance 1 and everything that is a member of them, through member networks;
    a partnership among them passes on to the bodies it ``reports_back`` to, one step further.
    With ``only``, the organisations met on the way (which pass nothing on) other than those are
    left out."""
    dist = {b: 1 for b in bodies}
    queue = deque(bodies)
    nodes = node_data(graph)
    while queue:
        body = queue.popleft()
        kind = nodes[body]["type"]
        if kind == "network":
            onward = kind_sources(graph, body, "member_of")
        elif kind == "partnership":
            onward = kind_targets(graph, body, "reports_back")
        else:
            continue
        for node in onward:
            if only is not None and node not in only and nodes[node]["type"] == "organisation":
                continue
            if node not in dist and usable(graph, node):
                dist[node] = dist[body] + 1
                queue.append(node)
    return dist


@dataclass
class Evidence:
    """Whether a seat's route back was used: its reports dated on or before ``as_of``."""

    reports: int
    last_reported: date | None
    last_channel: str | None
    last_to: str | None
    in_last_year: int
    stale: bool
    never_reported: bool

    def as_dict(self) -> dict:
        data = asdict(self)
        data["last_reported"] = self.last_reported.isoformat() if self.last_reported else None
        return data


def evidence(graph: AnyGraph, sender: str, *, as_of: date | None = None, stale_after: int = 6) -> Evidence:
    """The reports of ``sender`` (a seat or partnership) as of a date: how many, the newest
    (date, channel, to whom), how many in the year up to ``as_of``, and whether the route is
    stale or never used (both false when the dataset has no reports at all).

    >>> from graphmodel.model import Dataset
    >>> from graphmodel.graph import build_graph
    >>> g = build_graph(Dataset(
    ...     networks=[{"id": "net", "name": "Net", "led_by": "vcs"}],
    ...     partnerships=[{"id": "b", "name": "B", "level": "board"}],
    ...     seats=[{"id": "s1", "partnership": "b", "sector": "vcs"}],
    ...     links=[{"source": "s1", "target": "net", "kind": "reports_back"}],
    ...     reports=[{"from": "s1", "to": "net", "date": "2025-01-10", "channel": "email"},
    ...              {"from": "s1", "to": "net", "date": "2025-09-01", "channel": "meeting"}]))
    >>> e = evidence(g, "s1", as_of=date(2026, 3, 2))
    >>> e.reports, e.last_reported.isoformat(), e.last_channel, e.in_last_year, e.stale
    (2, '2025-09-01', 'meeting', 1, True)
    """
    as_of = as_of or date.today()
    year_ago = months_before(as_of, 12)
    found = [r for r in (graph.graph.get("reports") or {}).get(sender, ()) if r[0] <= as_of]
    last = found[-1] if found else None
    judged = bool(graph.graph.get("has_reports"))
    return Evidence(
        reports=len(found),
        last_reported=last[0] if last else None,
        last_channel=last[2] if last else None,
        last_to=last[1] if last else None,
        in_last_year=sum(1 for r in found if r[0] > year_ago),
        stale=judged and last is not None and last[0] < months_before(as_of, stale_after),
        never_reported=judged and last is None
        and any(usable(graph, t) for t in kind_targets(graph, sender, "reports_back")),
    )


def route_states(graph: AnyGraph, *, as_of: date | None = None, stale_after: int = 6) -> dict[tuple, str]:
    """Each ``reports_back`` link ``(source, target)`` judged by the reports along it as of a date:
    ``"fresh"``, ``"stale"`` (newest report older than ``stale_after`` months before ``as_of``) or
    ``"never"`` (no report on or before ``as_of``). Empty when the dataset has no reports at all.
    For the map, which draws each route.

    >>> from graphmodel.model import Dataset
    >>> from graphmodel.graph import build_graph
    >>> g = build_graph(Dataset(
    ...     networks=[{"id": "net", "name": "Net", "led_by": "vcs"}, {"id": "n2", "name": "N2", "led_by": "vcs"}],
    ...     partnerships=[{"id": "b", "name": "B", "level": "board"}],
    ...     seats=[{"id": "s1", "partnership": "b", "sector": "vcs"}],
    ...     links=[{"source": "s1", "target": "net", "kind": "reports_back"},
    ...            {"source": "s1", "target": "n2", "kind": "reports_back"}],
    ...     reports=[{"from": "s1", "to": "net", "date": "2025-01-10"}]))
    >>> route_states(g, as_of=date(2025, 3, 1)), route_states(g, as_of=date(2026, 3, 1))[("s1", "net")]
    ({('s1', 'n2'): 'never', ('s1', 'net'): 'fresh'}, 'stale')
    """
    if not graph.graph.get("has_reports"):
        return {}
    as_of = as_of or date.today()
    cutoff = months_before(as_of, stale_after)
    newest: dict[tuple, date] = {}
    for sender, found in graph.graph["reports"].items():
        for when, to, _ in found:
            if when <= as_of:
                newest[(sender, to)] = when  # oldest first: the last one kept is the newest
    states = {}
    succ = out_edges(graph)
    for u, attrs in node_data(graph).items():
        if attrs["type"] not in ("seat", "partnership"):
            continue
        for v, keys in succ[u].items():
            if "reports_back" in keys:
                when = newest.get((u, v))
                states[(u, v)] = "never" if when is None else ("stale" if when < cutoff else "fresh")
    return dict(sorted(states.items()))


def audience(graph: AnyGraph, seat: str, *, as_of: date | None = None, stale_after: int = 6) -> Audience:
    """Who the holder of ``seat`` reports back to.

    The bodies the seat ``reports_back`` to are at distance 1; every active
    organisation that is a member of them, directly (2) or through member
    networks (3, ...), is in the audience too; a partnership reported to passes
    on to the bodies it reports back to, one step further. Member networks on
    the way are listed apart in ``networks``. ``total`` weighs each organisation by its
    ``count``. A warning is given for each community the seat represents
    that no one in the audience serves (serving a wider or a narrower
    community counts). ``evidence`` says whether the route was used (see :func:`evidence`).
    """
    attrs = require(graph, seat, "seat")
    bodies = [b for b in kind_targets(graph, seat, "reports_back") if usable(graph, b)]
    dist = _members_by_distance(graph, bodies)
    members, networks = [], []
    served: set[str] = set()
    nodes = node_data(graph)
    for node, d in dist.items():
        node_attrs = nodes[node]
        served.update(node_attrs.get("serves", ()))
        if d == 1 or node_attrs["type"] in ("organisation", "partnership"):
            members.append(AudienceMember(node, node_attrs["type"], d))
        else:
            networks.append({"id": node, "distance": d})
    members.sort(key=lambda m: (m.distance, m.id))
    networks.sort(key=lambda n: (n["distance"], n["id"]))
    total = sum(nodes[m.id]["count"] for m in members if m.type == "organisation")
    represents = list(attrs["represents"])
    unserved = [c for c in represents if not _related(graph, c) & served]
    found = evidence(graph, seat, as_of=as_of, stale_after=stale_after)
    warnings = route_warnings(seat, bodies, unserved)
    if found.never_reported:
        warnings.append(f"seat {seat!r} has never reported back: the route is recorded but no report is")
    elif found.stale:
        warnings.append(f"seat {seat!r} last reported back on {found.last_reported.isoformat()}, more than "
                        f"{stale_after} months before {(as_of or date.today()).isoformat()}")
    return Audience(seat, kind_targets(graph, seat, "sits_on")[0], bodies, members, total, networks,
                    represents, unserved, warnings, found)


def route_warnings(seat: str, bodies: list, unserved: list[str]) -> list[str]:
    """What is wrong with a seat's route back: none recorded, or it reaches no one serving whom it represents.

    >>> route_warnings("s1", [], []), route_warnings("s1", ["cen"], ["bme"])
    (["seat 's1' has no reports_back link: no recorded route back"], ["seat 's1' represents bme, but no one it reports back to serves it"])
    """
    warnings = []
    if not bodies:
        warnings.append(f"seat {seat!r} has no reports_back link: no recorded route back")
    elif unserved:
        warnings.append(f"seat {seat!r} represents {', '.join(unserved)}, but no one it reports back to "
                        f"serves {'it' if len(unserved) == 1 else 'them'}")
    return warnings


def _related(graph: AnyGraph, community: str) -> set[str]:
    """A community with every wider community it is part of and every narrower one part of it."""
    return related(*community_tree(graph), community)


@dataclass
class HearingOrganisation:
    id: str
    distance: int
    count: int
    hears_back: bool
    from_seats: list[str]


@dataclass
class Hearing:
    """For a partnership: which organisations in its reach hear back from its seats."""

    partnership: str
    seats: list[str]
    organisations: list[HearingOrganisation]
    hearing_total: int
    silent_total: int
    feeds_in_hears_nothing: list[str]

    def as_dict(self) -> dict:
        """What ``dataclasses.asdict`` gives, written out (it deep-copies thousands of rows slowly)."""
        return {"partnership": self.partnership, "seats": list(self.seats),
                "organisations": [{"id": o.id, "distance": o.distance, "count": o.count, "hears_back": o.hears_back,
                                   "from_seats": list(o.from_seats)} for o in self.organisations],
                "hearing_total": self.hearing_total, "silent_total": self.silent_total,
                "feeds_in_hears_nothing": list(self.feeds_in_hears_nothing)}


def hearing(graph: AnyGraph, partnership: str) -> Hearing:
    """For each organisation in ``partnership``'s reach, whether any seat on it,
    or on a partnership that feeds into it, reports back to it.

    Those that do not "feed in but hear nothing back".
    """
    require(graph, partnership, "partnership")
    seats = [s for p in feeding_partnerships(graph, partnership) for s in seats_on(graph, p)]
    organisations = reach(graph, partnership).organisations
    wanted = {o.id for o in organisations}
    # who a seat's reports reach is the union of who each body it reports back to reaches (the walk
    # from several bodies reaches what the walks from each do): each body is walked once, for all seats
    audience_of: dict[str, frozenset[str]] = {}
    heard_from: dict[str, list[str]] = {}
    for seat in sorted(seats):
        heard: set[str] = set()
        for body in kind_targets(graph, seat, "reports_back"):
            found = audience_of.get(body)
            if found is None:
                found = audience_of[body] = frozenset(wanted.intersection(_members_by_distance(graph, [body], wanted)))
            heard |= found
        for node in heard:
            heard_from.setdefault(node, []).append(seat)
    rows = [HearingOrganisation(o.id, o.distance, o.count, o.id in heard_from, heard_from.get(o.id, []))
            for o in organisations]
    return Hearing(
        partnership=partnership,
        seats=sorted(seats),
        organisations=rows,
        hearing_total=sum(r.count for r in rows if r.hears_back),
        silent_total=sum(r.count for r in rows if not r.hears_back),
        feeds_in_hears_nothing=[r.id for r in rows if not r.hears_back],
    )
