"""What a map shows: nodes, edges, positions and styles, computed from the graph.

The map follows the hand-drawn "VCS map of engagement opportunities": the
partnerships are the spine (boards at the top, the bodies that feed them in
rows below), networks sit under the partnerships their reps go to, member
organisations under their networks, communities in a band at the bottom.
Seats are drawn as "reps" links from the selecting network to the
partnership. Positions are computed here, deterministically: the same
dataset gives the same picture every time.

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

import networkx as nx

from graphmodel.reaching import feeds
from graphmodel.representation import gaps
from graphmodel.traverse import (community_tree, downstream, feeding_partnerships, kind_sources, kind_targets,
                                 narrower, require, upstream)
from graphmodel.vocabulary import is_active, is_filled

__all__ = ["MapModel", "build_map", "DEFAULT_AGGREGATE", "STYLE"]

#: Networks with more member organisations than this fold them into one node, by default.
DEFAULT_AGGREGATE = 12

#: Colours and shapes, one place for the page, the legend and the SVG drawing.
STYLE = {
    "partnership": {"board": "#6a1b9a", "executive": "#8e24aa", "thematic": "#ab47bc", "area": "#ba68c8",
                    "subgroup": "#ce93d8", "task": "#ce93d8", "other": "#ce93d8"},
    "network": {"vcs": "#2e7d32", "statutory": "#1565c0", "joint": "#00838f"},
    "organisation": {"vcs": "#a5d6a7", "statutory": "#90caf9", "private": "#e0e0e0"},
    "aggregate": "#c8e6c9",
    "community": "#fff59d",
    "unrepresented": "#d32f2f",
    "person": "#ffcc80",
    "edge": {"member_of": "#9e9e9e", "reps": "#37474f", "vacant": "#d32f2f", "no_report_back": "#ef6c00",
             "feeds_into": "#212121", "reports_back": "#2e7d32", "consults": "#1565c0", "serves": "#fbc02d",
             "part_of": "#f9a825", "funds": "#6d4c41",
             "affiliated_with": "#bdbdbd"},
}

#: The widest a row of the layout gets before it wraps (in the page's pixels at zoom 1).
MAX_ROW_WIDTH = 2400

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

    def as_dict(self) -> dict:
        return {"title": self.title, "caption": self.caption, "nodes": self.nodes, "edges": self.edges,
                "filters": self.filters, "focus": self.focus, "counts": self.counts}


def _scope(graph: nx.MultiDiGraph, partnership: str | None, community: str | None) -> set[str] | None:
    """The nodes a focused map keeps, or ``None`` for the whole network."""
    if partnership is None and community is None:
        return None
    keep: set[str] = set()
    if partnership is not None:
        require(graph, partnership, "partnership")
        keep |= set(upstream(graph, partnership))
        for p in feeding_partnerships(graph, partnership):
            for seat in kind_sources(graph, p, "sits_on"):
                keep |= set(kind_targets(graph, seat, "reports_back"))
                keep |= set(kind_targets(graph, seat, "represents"))
        # every community: the map shows which of them the partnership leaves unrepresented
        keep |= {n for n, t in graph.nodes(data="type") if t == "community"}
    if community is not None:
        require(graph, community, "community")
        group = narrower(community_tree(graph)[1], community)
        sources = {u for c in group for u in kind_sources(graph, c, "serves")}
        routes: set[str] = set(group)
        for source in sources:
            routes.add(source)
            for fed in feeds(graph, source) if graph.nodes[source]["type"] == "organisation" else []:
                routes |= set(fed.route)
            if graph.nodes[source]["type"] == "network":
                routes |= _downstream_nodes(graph, source)
        keep = routes if partnership is None else keep & routes | group
    return keep


def _downstream_nodes(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return set(downstream(graph, node)[0])


def build_map(graph: nx.MultiDiGraph, *, partnership: str | None = None, community: str | None = None,
              aggregate: int = DEFAULT_AGGREGATE, show_people: bool = False, title: str | None = None,
              as_of: date | None = None, show_funding: bool = False) -> MapModel:
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
    """
    as_of = as_of or date.today()
    keep = _scope(graph, partnership, community)

    def kept(n: str) -> bool:
        return keep is None or n in keep

    # which partnership each node feeds, for labels and the "reaches" detail
    boards = sorted(n for n, t in graph.nodes(data="type") if t == "partnership"
                    and not any(graph.nodes[x]["type"] == "partnership" for x in kind_targets(graph, n, "feeds_into")))
    focus = partnership or (boards[0] if len(boards) == 1 else None)
    gap_result = gaps(graph, focus, as_of=as_of) if focus else None
    focus_gaps = gap_result.partnerships[0] if gap_result else None
    unrepresented = set(focus_gaps.unrepresented) if focus_gaps else set()
    no_report_back = {s for p in (gap_result.partnerships if gap_result else []) for s in p.seats_without_reporting_back}
    if focus:
        for p in feeding_partnerships(graph, focus):
            no_report_back |= {s for s in kind_sources(graph, p, "sits_on") if not kind_targets(graph, s, "reports_back")}

    nodes: dict[str, dict] = {}
    edges: list[dict] = []

    def add_node(node_id: str, node_type: str, label: str, **extra) -> None:
        nodes[node_id] = {"id": node_id, "type": node_type, "label": label, **extra}

    for n, a in graph.nodes(data=True):
        if not kept(n):
            continue
        kind = a["type"]
        if kind == "partnership":
            add_node(n, "partnership", a["name"], level=a["level"], themes=list(a["themes"]),
                     details=_details(a, ("level", "themes", "size_min", "size_max", "min_vcs_share", "required",
                                          "notes")))
        elif kind == "network":
            add_node(n, "network", a["name"], led_by=a["led_by"], serves=list(a["serves"]),
                     details=_details(a, ("led_by", "serves", "notes")))
        elif kind == "organisation" and is_active(a):
            add_node(n, "organisation", a["name"], sector=a["sector"], count=a["count"], serves=list(a["serves"]),
                     details=_details(a, ("sector", "kind", "count", "serves", "identifiers", "notes")))
        elif kind == "community":
            add_node(n, "community", a["name"], unrepresented=n in unrepresented, community_kind=a["kind"],
                     details=_details(a, ("kind", "part_of", "population", "notes")))
        elif kind == "person" and show_people:
            add_node(n, "person", a["name"] or n, details=_details(a, ("name", "organisation", "notes")))

    # seats become "reps" edges from the selector (or the holder) to the partnership
    reps: dict[tuple[str, str], list[str]] = defaultdict(list)
    for n, a in graph.nodes(data=True):
        if a["type"] != "seat":
            continue
        target = a["partnership"]
        source = a["selected_by"] or a["holder"] or a["person"]
        if source is None or target not in nodes or source not in nodes:
            continue
        reps[(source, target)].append(n)
    for (source, target), seat_ids in sorted(reps.items()):
        seats = [graph.nodes[s] for s in seat_ids]
        vacant = sum(1 for s in seats if not is_filled(s))
        silent = sum(1 for s in seat_ids if s in no_report_back and graph.nodes[s]["sector"] == "vcs")
        label = f"{len(seats)} reps" if len(seats) > 1 else "rep"
        if vacant:
            label += f" ({vacant} vacant)"
        seat_details = [_seat_details(graph, s, show_people) for s in seat_ids]
        edges.append({"from": source, "to": target, "kind": "reps", "label": label, "seats": seat_details,
                      "vacant": vacant, "no_report_back": silent})

    for u, v, kind in graph.edges(keys=True):
        if u not in nodes or v not in nodes:
            continue
        if kind in ("member_of", "feeds_into", "consults", "serves", "part_of"):
            edges.append({"from": u, "to": v, "kind": kind})
        elif kind == "affiliated_with" and show_people:
            edges.append({"from": u, "to": v, "kind": kind})
        elif kind == "funds" and show_funding:
            data = graph.edges[u, v, kind]
            edges.append({"from": u, "to": v, "kind": kind,
                          "label": f"£{data['amount']:,.0f}" if data.get("amount") is not None else "funds"})
    for seat, a in graph.nodes(data=True):
        if a["type"] != "seat" or a["partnership"] not in nodes:
            continue
        for body in kind_targets(graph, seat, "reports_back"):
            if body in nodes:
                edges.append({"from": a["partnership"], "to": body, "kind": "reports_back", "seat": seat})

    if aggregate:
        _fold(graph, nodes, edges, aggregate)
    _reaches(graph, nodes)
    _layout(graph, nodes, edges)

    counts = {
        "organisations": sum(n.get("count", 1) for n in nodes.values() if n["type"] in ("organisation", "aggregate")),
        "networks": sum(1 for n in nodes.values() if n["type"] == "network"),
        "partnerships": sum(1 for n in nodes.values() if n["type"] == "partnership"),
        "seats": sum(len(e["seats"]) for e in edges if e["kind"] == "reps"),
        "vacant": sum(e["vacant"] for e in edges if e["kind"] == "reps"),
        "unrepresented": len(unrepresented),
    }
    scope = (f": {graph.nodes[partnership]['name']}" if partnership
             else (f": routes for {graph.nodes[community]['name']}" if community else ""))
    heading = title or f"Engagement map: {graph.graph.get('name', 'dataset')}{scope}"
    caption = (f"{graph.graph.get('name', 'dataset')}, {as_of.isoformat()}: {counts['organisations']:,} "
               f"organisations, {counts['networks']} networks, {counts['partnerships']} partnerships, "
               f"{counts['seats']} seats ({counts['vacant']} vacant)"
               + (f"; {len(unrepresented)} communities unrepresented on {focus}" if focus else ""))
    filters = {
        "communities": sorted(((n["id"], n["label"]) for n in nodes.values() if n["type"] == "community"),
                              key=lambda x: x[1].lower()),
        "sectors": ["vcs", "statutory", "private"],
        "themes": sorted({t for n in nodes.values() for t in n.get("themes", [])}),
        "levels": [lv for lv in LEVEL_ORDER if any(n.get("level") == lv for n in nodes.values())],
    }
    ordered = [nodes[k] for k in sorted(nodes)]
    filters["partnership_names"] = {p: graph.nodes[p]["name"] for n in ordered for p in n.get("reaches", [])}
    edges.sort(key=lambda e: (e["kind"], e["from"], e["to"], e.get("seat", "")))
    for i, e in enumerate(edges):
        e["id"] = f"e{i}"
    return MapModel(heading, caption, ordered, edges, filters, focus, counts)


def _details(attrs: dict, fields: tuple[str, ...]) -> list[list[str]]:
    """(label, text) pairs for the details panel; empty values are left out."""
    out = []
    for f in fields:
        value = attrs.get(f)
        if value in (None, (), [], ""):
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        out.append([f.replace("_", " "), str(value)])
    return out


def _seat_details(graph: nx.MultiDiGraph, seat: str, show_people: bool) -> dict:
    a = graph.nodes[seat]
    holder = a["holder"]
    person = a["person"]
    return {
        "id": seat,
        "sector": a["sector"],
        "method": a["method"],
        "holder": graph.nodes[holder]["name"] if holder else None,
        "person": (graph.nodes[person]["name"] or person) if person and show_people else None,
        "represents": list(a["represents"]),
        "term_end": a["term_end"].isoformat() if a["term_end"] else None,
        "reports_back_to": kind_targets(graph, seat, "reports_back"),
        "vacant": not is_filled(a),
    }


def _fold(graph: nx.MultiDiGraph, nodes: dict, edges: list, limit: int) -> None:
    """Fold plain member organisations of large networks into one node per network."""
    members: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e["kind"] == "member_of" and nodes.get(e["from"], {}).get("type") == "organisation":
            members[e["to"]].append(e["from"])
    roles = {"selects", "holds", "feeds_into"}
    busy = {o for orgs in members.values() for o in orgs
            if any(not roles.isdisjoint(keys) for keys in graph._succ[o].values())
            or any(not {"reports_back", "consults", "affiliated_with"}.isdisjoint(keys)
                   for keys in graph._pred[o].values())}
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
                         "members": sorted(nodes[o]["label"] for o in plain),
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
                         "members": sorted(nodes[o]["label"] for o in alone),
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


def _reaches(graph: nx.MultiDiGraph, nodes: dict) -> None:
    """The partnerships each organisation or network reaches, for the details panel."""
    for n in nodes.values():
        if n["type"] in ("organisation", "network") and n["id"] in graph:
            n["reaches"] = ([f.partnership for f in feeds(graph, n["id"])] if n["type"] == "organisation"
                            else _network_feeds(graph, n["id"]))


def _network_feeds(graph: nx.MultiDiGraph, network: str) -> list[str]:
    dist, _ = downstream(graph, network)
    return sorted((p for p in dist if graph.nodes[p]["type"] == "partnership"), key=lambda p: (dist[p], p))


def _layout(graph: nx.MultiDiGraph, nodes: dict, edges: list) -> None:
    """Rows from the top: partnerships by depth below their board, networks, organisations, communities.

    Within a row nodes sit near the mean position of what they connect to above,
    ties broken by id, then are spread evenly: deterministic for a given dataset.
    """
    up: dict[str, list[str]] = defaultdict(list)  # node -> nodes it connects to above it
    for e in edges:
        if e["kind"] in ("member_of", "reps", "feeds_into"):
            up[e["from"]].append(e["to"])
        elif e["kind"] == "serves":
            up[e["to"]].append(e["from"])
    partnerships = sorted(n for n, a in nodes.items() if a["type"] == "partnership")
    depth: dict[str, int] = {}

    def partnership_depth(p: str, seen: tuple = ()) -> int:
        if p not in depth:
            above = [t for t in up.get(p, []) if t in nodes and nodes[t]["type"] == "partnership" and t not in seen]
            depth[p] = 1 + max((partnership_depth(t, seen + (p,)) for t in above), default=-1)
        return depth[p]

    for p in partnerships:
        partnership_depth(p)
    rows: dict[int, list[str]] = defaultdict(list)
    for p in partnerships:
        rows[depth[p]].append(p)
    base = max(rows, default=-1) + 1
    network_depth: dict[str, int] = {}

    def net_depth(n: str, seen: tuple = ()) -> int:
        if n not in network_depth:
            above = [t for t in up.get(n, []) if t in nodes and nodes[t]["type"] == "network" and t not in seen]
            network_depth[n] = max((net_depth(t, seen + (n,)) + 1 for t in above), default=0)
        return network_depth[n]

    for n in sorted(nodes):
        group = nodes[n]["type"]
        if group == "network":
            rows[base + net_depth(n)].append(n)
    base = max(rows, default=-1) + 1
    for n in sorted(nodes):
        if nodes[n]["type"] in ("organisation", "aggregate", "person"):
            rows[base].append(n)
    for n in sorted(nodes):
        if nodes[n]["type"] == "community":
            rows[base + 1].append(n)

    x: dict[str, float] = {}
    y = 0.0
    for r in sorted(rows):
        members = rows[r]

        def anchor(n: str) -> float:
            xs = [x[t] for t in up.get(n, []) if t in x]
            return sum(xs) / len(xs) if xs else float("inf")

        members.sort(key=lambda n: (anchor(n), nodes[n]["type"], n))
        # each node gets room for its label, so labels never overlap; a row wider
        # than MAX_ROW_WIDTH wraps onto lines 90 px apart, keeping the map compact
        lines: list[list[tuple[str, float]]] = [[]]
        used = 0.0
        for n in members:
            w = _label_width(nodes[n])
            if lines[-1] and used + w > MAX_ROW_WIDTH:
                lines.append([])
                used = 0.0
            lines[-1].append((n, w))
            used += w + 30
        for line in lines:
            total = sum(w for _, w in line) + 30 * (len(line) - 1)
            left = -total / 2
            for n, w in line:
                x[n] = round(left + w / 2, 1)
                left += w + 30
                nodes[n]["x"] = x[n]
                nodes[n]["y"] = y
            y += 90
        y += 170


def _label_width(node: dict) -> float:
    """Room a node needs in its row: its label's width at the map's font sizes."""
    size = 18 if node.get("level") == "board" else (15 if node["type"] in ("partnership", "network") else 12)
    return max(60.0, 0.6 * size * min(len(node["label"]), 40) + 24)
