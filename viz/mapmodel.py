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

import networkx as nx

from graphmodel.adjacency import in_edges, out_edges
from graphmodel.failures import cut_sets, resilience
from graphmodel.reaching import feeds
from graphmodel.reporting import route_states
from graphmodel.representation import gaps
from graphmodel.traverse import (community_tree, downstream, feeding_partnerships, kind_sources, kind_targets,
                                 narrower, require, upstream)
from graphmodel.vocabulary import is_active, is_deputy, is_filled

from .layout import layout, map_area

__all__ = ["MapModel", "build_map", "DEFAULT_AGGREGATE", "STYLE", "FRIENDLY", "friendly", "display_name"]

#: Networks with more member organisations than this fold them into one node, by default.
DEFAULT_AGGREGATE = 12

#: Colours and shapes, one place for the page, the legend and the SVG drawing. Chosen from the
#: Okabe-Ito palette and checked for protan, deutan and tritan vision (tests/test_map.py); the
#: highlight colour is used by nothing else.
STYLE = {
    "partnership": {"board": "#3f007d", "executive": "#54278f", "thematic": "#6a51a3", "area": "#6a51a3",
                    "subgroup": "#dadaeb", "task": "#dadaeb", "other": "#dadaeb"},
    "network": {"vcs": "#00664f", "statutory": "#0060a0", "joint": "#56b4e9"},
    "organisation": {"vcs": "#a6dba0", "statutory": "#9ecae1", "private": "#d9d9d9", "mixed": "#d9f0d3"},
    "aggregate": "#d9f0d3",
    "community": "#f0e442",
    "unrepresented": "#d55e00",
    "person": "#fdd0a2",
    "highlight": "#aa00ff",
    "edge": {"member_of": "#8c8c8c", "reps": "#333333", "vacant": "#d55e00", "no_report_back": "#e69f00",
             "feeds_into": "#000000", "reports_back": "#009e73", "consults": "#0072b2", "serves": "#b8a200",
             "part_of": "#b8a200", "funds": "#8c510a", "affiliated_with": "#bdbdbd",
             "report_stale": "#8c8c8c", "report_never": "#cc79a7"},
}

#: Words for the codes a dataset uses, for people who did not write it.
FRIENDLY = {
    "type": {"partnership": "partnership", "network": "network or forum", "organisation": "organisation",
             "aggregate": "organisations folded together", "community": "community", "person": "person"},
    "level": {"board": "board", "executive": "executive", "thematic": "thematic partnership",
              "area": "area partnership", "subgroup": "sub-group", "task": "task group", "other": "other body"},
    "sector": {"vcs": "voluntary and community sector", "statutory": "statutory (public sector)",
               "private": "private sector", "elected": "elected member", "other": "other", "mixed": "mixed",
               "joint": "jointly (VCS and statutory)"},
    "method": {"elected": "elected", "nominated": "nominated", "appointed": "appointed",
               "ex_officio": "ex officio (by their job)", "co_opted": "co-opted", "standing": "standing invitation"},
    "community_kind": {"interest": "community of interest", "place": "community of place (an area)"},
    "role": {"member": "member", "chair": "chair", "vice_chair": "vice-chair", "deputy": "deputy",
             "observer": "observer (does not vote)"},
    "link": {"member_of": "is a member of", "reps": "has a seat on", "feeds_into": "feeds into",
             "reports_back": "reports back to", "consults": "consults", "serves": "serves",
             "part_of": "is part of", "funds": "funds", "affiliated_with": "is affiliated with"},
}


def friendly(table: str, code) -> str:
    """The words for a code (``friendly("level", "subgroup")`` is ``"sub-group"``); unknown codes as given.

    >>> friendly("sector", "vcs"), friendly("level", "nope")
    ('voluntary and community sector', 'nope')
    """
    code = getattr(code, "value", code)
    return FRIENDLY.get(table, {}).get(code, str(code).replace("_", " "))


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


def display_name(dataset) -> str | None:
    """A dataset folder's display name: its README's first heading, up to a colon (``None`` if it has none).

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "README.md").write_text("# Team Hackney: the map\\n")
    >>> display_name(d)
    'Team Hackney'
    """
    from pathlib import Path

    readme = Path(str(dataset)) / "README.md"
    try:
        if not readme.is_file():
            return None
        with open(readme, encoding="utf-8", errors="replace") as f:
            for line in f.read(20_000).splitlines():
                if line.startswith("# "):
                    return line[2:].split(":")[0].strip()[:120] or None
    except OSError:
        return None
    return None


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
    keep = _scope(graph, partnership, community)

    def kept(n: str) -> bool:
        return keep is None or n in keep

    # which partnership each node feeds, for labels and the "reaches" detail
    boards = sorted(n for n, t in graph.nodes(data="type") if t == "partnership"
                    and not any(graph.nodes[x]["type"] == "partnership" for x in kind_targets(graph, n, "feeds_into")))
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

    for n, a in graph.nodes(data=True):
        if not kept(n):
            continue
        kind = a["type"]
        if kind == "partnership":
            pg = every_gap.get(n)
            add_node(n, "partnership", a["name"], level=a["level"], themes=list(a["themes"]),
                     nobody_for=[_name(graph, c) for c in pg.unrepresented] if pg else [],
                     details=_details(graph, a, ("level", "themes", "size_min", "size_max", "min_vcs_share",
                                                 "required", "notes"))
                     + ([["seats", f"{pg.seats} ({pg.filled} filled, {pg.vcs_seats} for the voluntary and "
                                   f"community sector)"]] if pg else []))
        elif kind == "network":
            add_node(n, "network", a["name"], led_by=a["led_by"], serves=list(a["serves"]),
                     details=_details(graph, a, ("led_by", "serves", "notes")))
        elif kind == "organisation" and is_active(a):
            add_node(n, "organisation", a["name"], sector=a["sector"], count=a["count"], serves=list(a["serves"]),
                     details=_details(graph, a, ("sector", "kind", "count", "serves", "identifiers", "notes")))
        elif kind == "community":
            add_node(n, "community", a["name"], unrepresented=n in unrepresented, community_kind=a["kind"],
                     part_of=[p for p in _as_list(a.get("part_of")) if p in graph],
                     details=_details(graph, a, ("kind", "part_of", "population", "notes")))
        elif kind == "person" and show_people:
            add_node(n, "person", a["name"] or n, details=_details(graph, a, ("organisation", "notes")))

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
                      "vacant": vacant, "no_report_back": silent,
                      "reserved_vacant": sum(1 for s in seat_details if s["vacant"] and s["reserved_for"]),
                      "observer_only": all(s["observer"] for s in seat_details),
                      "deputy_only": all(s["deputy"] for s in seat_details)})

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
    # one reporting-back link per partnership and audience, however many of its seats report there
    back: dict[tuple[str, str], list[str]] = defaultdict(list)
    for seat, a in graph.nodes(data=True):
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
        _fold(graph, nodes, edges, aggregate)
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
    scope = (f": {graph.nodes[partnership]['name']}" if partnership
             else (f": routes for {graph.nodes[community]['name']}" if community else ""))
    display = name or graph.graph.get("title") or graph.graph.get("name", "dataset")
    heading = title or f"Engagement map: {display}{scope}"
    caption = (f"{as_of.strftime('%-d %B %Y')}: {counts['organisations']:,} "
               f"organisations, {counts['networks']} networks, {counts['partnerships']} partnerships, "
               f"{counts['seats']} seats ({counts['vacant']} vacant)"
               + (f" and {counts['deputies']} deputy places" if counts["deputies"] else "")
               + (f"; {len(unrepresented)} communities nobody speaks for on {graph.nodes[focus]['name']}"
                  if focus else ""))
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
    whatif = _what_if(graph, focus, ordered, edges) if focus else {}
    return MapModel(heading, caption, ordered, edges, filters, focus, counts, tuple(screen), whatif)


def _what_if(graph: nx.MultiDiGraph, focus: str, nodes: list[dict], edges: list[dict]) -> dict[str, list]:
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
    out = {}
    for gone, cut in cuts.items():
        lost = set(cut) | {gone}
        shown = {index[c] for c in cut if c in index}
        shown |= {i for i, members in bundles if members <= lost}
        off = shown | ({index[gone]} if gone in index else set())
        links = [k for k, e in enumerate(edges)
                 if (e["kind"] == "reps" and (index.get(e["from"]) in off or all(s["id"] in lost for s in e["seats"])))
                 or (e["kind"] != "reps" and (index.get(e["from"]) in off or index.get(e["to"]) in off))]
        point = points.get(gone)
        out[gone] = [point.cuts_organisations if point else 0,
                     [_name(graph, c) for c in point.cuts_communities] if point else [], sorted(shown), links]
    return out


def _as_list(value) -> list:
    if value in (None, "", (), []):
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    return (graph.nodes[node].get("name") or node) if node in graph else node


#: How each field is put in words on the details card, and which code table it uses.
_FIELD_WORDS = {"level": ("level", "level"), "led_by": ("led by", "sector"), "sector": ("sector", "sector"),
                "kind": ("kind", None), "serves": ("serves", "names"), "part_of": ("part of", "names"),
                "size_min": ("at least this many members", None), "size_max": ("at most this many members", None),
                "min_vcs_share": ("agreed share of seats for the voluntary and community sector", None),
                "themes": ("themes", None), "required": ("agreed rules", None), "count": ("stands for", None),
                "identifiers": ("identifiers", None), "population": ("population", None), "notes": ("notes", None),
                "organisation": ("organisation", "names")}


def _details(graph: nx.MultiDiGraph, attrs: dict, fields: tuple[str, ...]) -> list[list[str]]:
    """(label, text) pairs for the details card, in words; empty values are left out."""
    out = []
    for f in fields:
        value = attrs.get(f)
        if value in (None, (), [], ""):
            continue
        label, table = _FIELD_WORDS.get(f, (f.replace("_", " "), None))
        values = _as_list(value)
        if table == "names":
            values = [_name(graph, v) for v in values]
        elif f == "kind" and attrs.get("type") == "community":
            values = [friendly("community_kind", v) for v in values]
        elif table:
            values = [friendly(table, v) for v in values]
        elif f == "min_vcs_share":
            values = [f"{float(value):.0%}"]
        elif f == "count":
            values = [f"{value:,} organisations"]
        out.append([label, ", ".join(str(getattr(v, "value", v)) for v in values)])
    return out


def _seat_details(graph: nx.MultiDiGraph, seat: str, show_people: bool) -> dict:
    a = graph.nodes[seat]
    holder = a["holder"]
    person = a["person"]
    return {
        "id": seat,
        "sector": friendly("sector", a["sector"]),
        "method": friendly("method", a["method"]) if a["method"] else None,
        "holder": graph.nodes[holder]["name"] if holder else None,
        "person": (graph.nodes[person]["name"] or person) if person and show_people else None,
        "represents": list(a["represents"]),
        "represents_names": [_name(graph, c) for c in a["represents"]],
        "term_end": a["term_end"].isoformat() if a["term_end"] else None,
        "reports_back_to": [_name(graph, b) for b in kind_targets(graph, seat, "reports_back")],
        "vacant": not is_filled(a),
        "role": friendly("role", a.get("role") or "member"),
        "deputy": is_deputy(a),
        "observer": (a.get("role") or "") == "observer" or a.get("voting", True) is False,
        "reserved_for": [_name(graph, c) for c in _as_list(a.get("reserved_for"))],
    }


def _fold(graph: nx.MultiDiGraph, nodes: dict, edges: list, limit: int) -> None:
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


def _reaches(graph: nx.MultiDiGraph, nodes: dict) -> None:
    """The partnerships each organisation or network reaches, for the details panel."""
    for n in nodes.values():
        if n["type"] in ("organisation", "network") and n["id"] in graph:
            n["reaches"] = ([f.partnership for f in feeds(graph, n["id"])] if n["type"] == "organisation"
                            else _network_feeds(graph, n["id"]))


def _network_feeds(graph: nx.MultiDiGraph, network: str) -> list[str]:
    dist, _ = downstream(graph, network)
    return sorted((p for p in dist if graph.nodes[p]["type"] == "partnership"), key=lambda p: (dist[p], p))
