"""What a map shows: nodes, edges, positions and words, computed from the graph.

The map follows the hand-drawn "VCS map of engagement opportunities", laid out
as a flow from left to right (:mod:`viz.layout`): communities, organisations,
networks, partnerships and the board. Seats are drawn as "reps" links from the
selecting network to the partnership. Every code a dataset uses is put in
words (:data:`FRIENDLY`) for the details card. Positions are computed here,
deterministically: the same dataset gives the same picture every time.

>>> from graphmodel import Dataset, build_graph
>>> g = build_graph(Dataset(
...     organisations=[{"id": "tra", "name": "TRA", "sector": "vcs"}],
...     networks=[{"id": "net", "name": "Net", "led_by": "vcs"}],
...     partnerships=[{"id": "board", "name": "Board", "level": "board"}],
...     memberships=[{"member": "tra", "network": "net"}],
...     seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "selected_by": "net"}],
... ))
>>> m = build_map(g)
>>> sorted(n["id"] for n in m.nodes), [(e["from"], e["to"], e["kind"]) for e in m.edges if e["kind"] == "reps"]
(['board', 'net', 'tra'], [('net', 'board', 'reps')])
>>> next(e for e in m.edges if e["kind"] == "reps")["vacant"]
1
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from graphmodel.adjacency import node_data, out_edges
from graphmodel.reaching import feeds
from graphmodel.reporting import route_states
from graphmodel.representation import gaps
from graphmodel.traverse import downstream, feeding_partnerships, kind_sources, kind_targets
from graphmodel.vocabulary import is_filled, takes_part

from .folding import DEFAULT_AGGREGATE, fold
from .layout import layout, map_area
from .scope import scope
from .style import STYLE
from .whatif import what_if
from .words import FRIENDLY, as_list, details, display_name, friendly, name_of, seat_details

if TYPE_CHECKING:
    from graphmodel.adjacency import AnyGraph

# STYLE, FRIENDLY, friendly and display_name live in .style and .words; named here too for callers of old
__all__ = ["MapModel", "build_map", "DEFAULT_AGGREGATE", "STYLE", "FRIENDLY", "friendly", "display_name"]

LEVEL_ORDER = ["board", "executive", "thematic", "area", "subgroup", "task", "other"]


@dataclass
class MapModel:
    """Everything the page and the static drawing need; plain data, JSON-ready."""

    title: str
    caption: str
    nodes: list[dict]
    edges: list[dict]
    filters: dict[str, list]
    focus: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    screen: tuple[int, int] = (1280, 720)
    #: "what if this went?" for the board in focus: for each node or seat id whose loss cuts something
    #: off, ``[organisations cut (weighted), [community names], [node indexes], [edge indexes]]``.
    whatif: dict[str, list] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"title": self.title, "caption": self.caption, "nodes": self.nodes, "edges": self.edges,
                "filters": self.filters, "focus": self.focus, "counts": self.counts, "whatif": self.whatif}


def build_map(graph: AnyGraph, *, partnership: str | None = None, community: str | None = None,
              aggregate: int = DEFAULT_AGGREGATE, show_people: bool = False, title: str | None = None,
              as_of: date | None = None, show_funding: bool = False, name: str | None = None,
              screen: tuple[int, int] = (1280, 720), stale_after: int = 6) -> MapModel:
    """Compute the map of ``graph`` (or of one partnership's or community's part of it).

    Parameters
    ----------
    partnership : keep that body, everything that feeds into it, and its reporting-back routes.
    community : keep every route from groups serving that community (or a narrower one) to power.
    aggregate : fold the member organisations of a network with more than this many into one
        "N organisations" node (0 shows every organisation). Organisations that hold or select a
        seat, feed a body directly, or stand for several (``count`` > 1) always stay visible.
    show_people : include people (names are personal data and are left out otherwise).
    show_funding : draw ``funds`` links (grants from funders) too.
    name : the dataset's display name for the title (default: the graph's ``title``, else its id).
    screen : the projector or screen (CSS pixels) the first view is laid out for.
    stale_after : when the dataset has a reports table, a reporting-back route whose newest report is
        older than this many months is drawn as stale, one with no report as never used.
    """
    as_of = as_of or date.today()
    keep = scope(graph, partnership, community)

    def kept(n: str) -> bool:
        return keep is None or n in keep

    # which partnership each node feeds, for labels and the "reaches" detail
    nodes_of = node_data(graph)
    boards = sorted(n for n, a in nodes_of.items() if a["type"] == "partnership"
                    and not any(nodes_of[x]["type"] == "partnership" for x in kind_targets(graph, n, "feeds_into")))
    focus = partnership or (boards[0] if len(boards) == 1 else None)
    every_gap = {p.id: p for p in gaps(graph, None, as_of=as_of).partnerships}
    gap_result = gaps(graph, focus, as_of=as_of) if focus else None
    focus_gaps = every_gap.get(focus) if focus else None
    unrepresented = set(focus_gaps.unrepresented) if focus_gaps else set()
    no_report_back = {s for p in (gap_result.partnerships if gap_result else []) for s in p.seats_without_reporting_back}
    if focus:
        for p in feeding_partnerships(graph, focus):
            no_report_back |= {s for s in kind_sources(graph, p, "sits_on") if not kind_targets(graph, s, "reports_back")}

    nodes: dict[str, dict] = {}
    edges: list[dict] = []

    def add_node(node_id: str, node_type: str, label: str, **extra) -> None:
        nodes[node_id] = {"id": node_id, "type": node_type, "label": label, **extra}

    for n, a in nodes_of.items():
        if not kept(n):
            continue
        kind = a["type"]
        if kind == "partnership":
            pg = every_gap.get(n)
            add_node(n, "partnership", a["name"], level=a["level"], themes=list(a["themes"]),
                     nobody_for=[name_of(graph, c) for c in pg.unrepresented] if pg else [],
                     details=details(graph, a, ("level", "themes", "size_min", "size_max", "min_vcs_share",
                                                 "required", "notes"))
                     + ([["seats", f"{pg.seats} ({pg.filled} filled, {pg.vcs_seats} for the voluntary and "
                                   f"community sector)"]] if pg else []))
        elif kind == "network":
            add_node(n, "network", a["name"], led_by=a["led_by"], serves=list(a["serves"]),
                     details=details(graph, a, ("led_by", "serves", "notes")))
        elif kind == "organisation" and takes_part(a):
            add_node(n, "organisation", a["name"], sector=a["sector"], count=a["count"], serves=list(a["serves"]),
                     details=details(graph, a, ("sector", "kind", "count", "serves", "identifiers", "notes")))
        elif kind == "community":
            add_node(n, "community", a["name"], unrepresented=n in unrepresented, community_kind=a["kind"],
                     part_of=[p for p in as_list(a.get("part_of")) if p in graph],
                     details=details(graph, a, ("kind", "part_of", "population", "notes")))
        elif kind == "person" and show_people:
            add_node(n, "person", a["name"] or n, details=details(graph, a, ("organisation", "notes")))

    # seats become "reps" edges from the selector (or the holder) to the partnership
    reps: dict[tuple[str, str], list[str]] = defaultdict(list)
    for n, a in nodes_of.items():
        if a["type"] != "seat":
            continue
        target = a["partnership"]
        source = a["selected_by"] or a["holder"] or a["person"]
        if source is None or target not in nodes or source not in nodes:
            continue
        reps[(source, target)].append(n)
    for (source, target), seat_ids in sorted(reps.items()):
        seats = [nodes_of[s] for s in seat_ids]
        vacant = sum(1 for s in seats if not is_filled(s))
        silent = sum(1 for s in seat_ids if s in no_report_back and nodes_of[s]["sector"] == "vcs")
        label = f"{len(seats)} reps" if len(seats) > 1 else "rep"
        if vacant:
            label += f" ({vacant} vacant)"
        seat_rows = [seat_details(graph, s, show_people) for s in seat_ids]
        edges.append({"from": source, "to": target, "kind": "reps", "label": label, "seats": seat_rows,
                      "vacant": vacant, "no_report_back": silent,
                      "reserved_vacant": sum(1 for s in seat_rows if s["vacant"] and s["reserved_for"]),
                      "observer_only": all(s["observer"] for s in seat_rows),
                      "deputy_only": all(s["deputy"] for s in seat_rows)})

    for u, v, kind, data in ((u, v, kind, data) for u, targets in out_edges(graph).items()
                             for v, keys in targets.items() for kind, data in keys.items()):
        if u not in nodes or v not in nodes:
            continue
        if kind in ("member_of", "feeds_into", "consults", "serves", "part_of"):
            edges.append({"from": u, "to": v, "kind": kind})
        elif kind == "affiliated_with" and show_people:
            edges.append({"from": u, "to": v, "kind": kind})
        elif kind == "funds" and show_funding:
            edges.append({"from": u, "to": v, "kind": kind,
                          "label": f"£{data['amount']:,.0f}" if data.get("amount") is not None else "funds"})
    # one reporting-back link per partnership and audience, however many of its seats report there
    back: dict[tuple[str, str], list[str]] = defaultdict(list)
    for seat, a in nodes_of.items():
        if a["type"] != "seat" or a["partnership"] not in nodes:
            continue
        for body in kind_targets(graph, seat, "reports_back"):
            if body in nodes:
                back[(a["partnership"], body)].append(seat)
    states = route_states(graph, as_of=as_of, stale_after=stale_after)
    for (partnership_id, body), seat_ids in sorted(back.items()):
        edge = {"from": partnership_id, "to": body, "kind": "reports_back", "seat": seat_ids[0],
                "seat_ids": sorted(seat_ids),
                "label": f"{len(seat_ids)} seats report back" if len(seat_ids) > 1 else "1 seat reports back"}
        if states:  # the best-used of its seats' routes (and the partnership's own, if it has one)
            found = {states.get((s, body)) for s in seat_ids} | {states.get((partnership_id, body))}
            edge["route"] = "fresh" if "fresh" in found else ("stale" if "stale" in found else "never")
            edge["label"] += {"fresh": "", "stale": f"; no report in the last {stale_after} months",
                              "never": "; never used (no report)"}[edge["route"]]
        edges.append(edge)

    if aggregate:
        fold(graph, nodes, edges, aggregate)
    _reaches(graph, nodes)
    layout(nodes, edges, map_area(screen))

    counts = {
        "organisations": sum(n.get("count", 1) for n in nodes.values() if n["type"] in ("organisation", "aggregate")),
        "networks": sum(1 for n in nodes.values() if n["type"] == "network"),
        "partnerships": sum(1 for n in nodes.values() if n["type"] == "partnership"),
        # as `engagemap gaps` counts them: places (deputies apart), vacant places, on the partnerships shown
        "seats": sum(pg.seats for p, pg in every_gap.items() if p in nodes),
        "vacant": sum(len(pg.vacant_seats) for p, pg in every_gap.items() if p in nodes),
        "deputies": sum(len(pg.deputy_seats) for p, pg in every_gap.items() if p in nodes),
        "unrepresented": len(unrepresented),
    }
    part = (f": {nodes_of[partnership]['name']}" if partnership
             else (f": routes for {nodes_of[community]['name']}" if community else ""))
    display = name or graph.graph.get("title") or graph.graph.get("name", "dataset")
    heading = title or f"Engagement map: {display}{part}"
    caption = (f"{as_of.strftime('%-d %B %Y')}: {counts['organisations']:,} "
               f"organisations, {counts['networks']} networks, {counts['partnerships']} partnerships, "
               f"{counts['seats']} seats ({counts['vacant']} vacant)"
               + (f" and {counts['deputies']} deputy places" if counts["deputies"] else "")
               + (f"; {len(unrepresented)} communities nobody speaks for on {nodes_of[focus]['name']}"
                  if focus else ""))
    filters = {
        "communities": sorted(((n["id"], n["label"]) for n in nodes.values() if n["type"] == "community"),
                              key=lambda x: x[1].lower()),
        "sectors": ["vcs", "statutory", "private"],
        "themes": sorted({t for n in nodes.values() for t in n.get("themes", [])}),
        "levels": [lv for lv in LEVEL_ORDER if any(n.get("level") == lv for n in nodes.values())],
    }
    ordered = [nodes[k] for k in sorted(nodes)]
    filters["partnership_names"] = {p: nodes_of[p]["name"] for n in ordered for p in n.get("reaches", [])}
    edges.sort(key=lambda e: (e["kind"], e["from"], e["to"], e.get("seat", "")))
    for i, e in enumerate(edges):
        e["id"] = f"e{i}"
    whatif = what_if(graph, focus, ordered, edges) if focus else {}
    return MapModel(heading, caption, ordered, edges, filters, focus, counts, tuple(screen), whatif)


def _reaches(graph: AnyGraph, nodes: dict) -> None:
    """The partnerships each organisation or network reaches, for the details panel."""
    for n in nodes.values():
        if n["type"] in ("organisation", "network") and n["id"] in graph:
            n["reaches"] = ([f.partnership for f in feeds(graph, n["id"])] if n["type"] == "organisation"
                            else _network_feeds(graph, n["id"]))


def _network_feeds(graph: AnyGraph, network: str) -> list[str]:
    dist, _ = downstream(graph, network)
    return sorted((p for p in dist if node_data(graph)[p]["type"] == "partnership"), key=lambda p: (dist[p], p))
