"""The naive pipeline that P2 compares against: per-row model validation, then
``networkx.ancestors`` per partnership.

Run as ``python benchmarks/naive.py DATASET OUT.json [LIMIT_S]``: it reads the CSV folder
row by row (``csv.DictReader`` and ``Model.model_validate`` for each row),
builds the graph through networkx's public API, and for each partnership
computes its reach with ``networkx.ancestors`` on the reach edges, then the
represented, unrepresented and unreached communities. It writes those lists
so the benchmark can check they equal engagemap's answers. With ``LIMIT_S`` it
stops the per-partnership part after that many seconds (partnerships are
taken in a fixed shuffled order) and reports how far it got, so the whole
can be extrapolated.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
from pathlib import Path

import networkx as nx

from graphmodel.checks import dataset_problems
from graphmodel.graph import REACH_KINDS, node_attributes
from graphmodel.load import COLUMNS, parse_cell
from graphmodel.model import TABLES, Dataset


def load_row_by_row(folder: Path) -> Dataset:
    tables = {}
    for table, model in TABLES.items():
        path = folder / f"{table}.csv"
        rows = []
        if path.exists():
            with open(path, encoding="utf-8-sig", newline="") as f:
                for raw in csv.DictReader(f):
                    values = {k: parse_cell(COLUMNS[table][k], v) for k, v in raw.items() if k in COLUMNS[table]}
                    rows.append(model.model_validate({k: v for k, v in values.items() if v is not None}))
        tables[table] = tuple(rows)
    dataset = Dataset.model_construct(name=folder.name, **tables)
    assert not [f for f in dataset_problems(dataset) if f.severity == "error"]
    return dataset


def graph_by_public_api(ds: Dataset) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for table, node_type in {"organisations": "organisation", "networks": "network",
                             "partnerships": "partnership", "communities": "community", "seats": "seat",
                             "people": "person"}.items():
        for row in ds.rows(table):
            g.add_node(row.id, **node_attributes(row, node_type))
    for row in list(ds.organisations) + list(ds.networks):
        for c in row.serves:
            g.add_edge(row.id, c, key="serves")
    for p in ds.partnerships:
        for t in p.feeds_into:
            g.add_edge(p.id, t, key="feeds_into")
    for c in ds.communities:
        if c.part_of:
            g.add_edge(c.id, c.part_of, key="part_of")
    for m in ds.memberships:
        g.add_edge(m.member, m.network, key="member_of")
    for s in ds.seats:
        g.add_edge(s.id, s.partnership, key="sits_on")
        for c in s.represents:
            g.add_edge(s.id, c, key="represents")
        if s.selected_by:
            g.add_edge(s.selected_by, s.id, key="selects")
        for h in (s.holder, s.person):
            if h:
                g.add_edge(h, s.id, key="holds")
    for link in ds.links:
        g.add_edge(link.source, link.target, key=link.kind.value)
    return g


def naive_gaps(g: nx.MultiDiGraph, limit_s: float | None = None) -> tuple[dict, int]:
    """Per-partnership gaps; stops after ``limit_s`` seconds, returning (answers so far, partnerships in all)."""
    reach_view = nx.subgraph_view(
        g, filter_node=lambda n: g.nodes[n]["type"] != "organisation" or g.nodes[n]["active"],
        filter_edge=lambda u, v, k: k in REACH_KINDS)
    feeds_view = nx.subgraph_view(g, filter_edge=lambda u, v, k: k == "feeds_into")
    communities = sorted(n for n, t in g.nodes(data="type") if t == "community")
    narrower = {c: nx.ancestors(nx.subgraph_view(g, filter_edge=lambda u, v, k: k == "part_of"), c) | {c}
                for c in communities}
    out = {}
    started = time.perf_counter()
    partnerships = sorted(n for n, t in g.nodes(data="type") if t == "partnership")
    # a fixed shuffle, so that a run stopped early has timed a fair sample of boards and task groups
    random.Random(0).shuffle(partnerships)
    for p in partnerships:
        if limit_s is not None and time.perf_counter() - started > limit_s:
            break
        upstream = nx.ancestors(reach_view, p)
        served = {c for n in upstream for c in g.nodes[n].get("serves", ())
                  if g.nodes[n]["type"] in ("organisation", "network")}
        bodies = {q for q in nx.ancestors(feeds_view, p) if g.nodes[q]["type"] == "partnership"} | {p}
        represented = set()
        for body in bodies:
            for seat in g.predecessors(body):
                attrs = g.nodes[seat]
                if attrs["type"] == "seat" and (attrs["holder"] or attrs["person"]):
                    for c in attrs["represents"]:
                        represented |= narrower[c]
        unrepresented = sorted(set(communities) - represented)
        out[p] = {"represented": sorted(represented), "unrepresented": unrepresented,
                  "unreached": [c for c in unrepresented if c not in served]}
    return out, len(partnerships)


if __name__ == "__main__":
    folder, target = Path(sys.argv[1]), Path(sys.argv[2])
    limit = float(sys.argv[3]) if len(sys.argv) > 3 else None
    started = time.perf_counter()
    graph = graph_by_public_api(load_row_by_row(folder))
    loaded = time.perf_counter()
    answers, total = naive_gaps(graph, limit)
    finished = time.perf_counter()
    target.write_text(json.dumps({"answers": answers, "done": len(answers), "total": total,
                                  "load_s": loaded - started, "gaps_s": finished - loaded}), encoding="utf-8")
