"""Baseline (a): a competent networkx pipeline, the script a data analyst would write in an afternoon.

Run as ``python benchmarks/baseline_networkx.py DATASET_FOLDER > answers.json``.

pandas reads each CSV (every cell as a string), the checks of ``baseline_spec`` run on the
columns, a plain ``networkx.DiGraph`` holds the reach edges (FORMAT.md section 3: ``member_of``,
``selects``, ``holds``, ``sits_on``, ``feeds_into``; inactive organisations left out), and one
pass in topological order carries the communities served upstream (as bits of a Python int) to
every node, so every partnership gets its unreached communities at once. Represented
communities go the same way along ``feeds_into`` between partnerships, then cover the
communities ``part_of`` them. It does not import engagemap.
"""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pandas as pd

from baseline_spec import (COLUMNS, ENTITY_TABLES, ENUMS, ID_PATTERN, INACTIVE, REFERENCES, fail,
                           write_answers)


def read(folder: Path) -> dict[str, pd.DataFrame]:
    tables = {}
    for table, columns in COLUMNS.items():
        path = folder / f"{table}.csv"
        if path.exists():
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        else:
            frame = pd.DataFrame(columns=list(columns), dtype=str)
        for column in columns:
            if column not in frame:
                frame[column] = ""
        tables[table] = frame
    return tables


def items(cell: str) -> list[str]:
    return [item for item in (part.strip() for part in cell.split(";")) if item]


def check(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """The checks of ``baseline_spec``; returns each id's table."""
    problems = []
    table_of: dict[str, str] = {}
    for table in ENTITY_TABLES:
        ids = tables[table]["id"]
        bad = ~ids.str.fullmatch(ID_PATTERN)
        problems += [f"{table}.csv row {i + 2}: bad id {v!r}" for i, v in ids[bad].items()]
        for value in ids:
            if value in table_of:
                problems.append(f"{table}.csv: duplicate id {value!r}")
            table_of[value] = table
    for (table, column), (allowed, optional) in ENUMS.items():
        values = tables[table][column]
        bad = ~values.isin(allowed + (("",) if optional else ()))
        problems += [f"{table}.csv row {i + 2}, {column}: {v!r} is not one of {allowed}" for i, v in values[bad].items()]
    for (table, column), (allowed, required, is_list) in REFERENCES.items():
        for i, cell in enumerate(tables[table][column]):
            names = items(cell) if is_list else ([cell.strip()] if cell.strip() else [])
            if required and not names:
                problems.append(f"{table}.csv row {i + 2}, {column}: empty")
            problems += [f"{table}.csv row {i + 2}, {column}: {name!r} is not one of the {'/'.join(allowed)}"
                         for name in names if table_of.get(name) not in allowed]
    if problems:
        fail(problems)
    return table_of


def gaps(tables: dict[str, pd.DataFrame]) -> list[dict]:
    table_of = check(tables)
    orgs, nets, parts, comms = (tables[t] for t in ("organisations", "networks", "partnerships", "communities"))
    seats, members, links = tables["seats"], tables["memberships"], tables["links"]

    # communities as bits; cover[c] = c and every community part_of it, directly or through others
    communities = sorted(comms["id"])
    bit = {c: 1 << i for i, c in enumerate(communities)}
    parent_of = nx.DiGraph()
    parent_of.add_nodes_from(communities)
    parent_of.add_edges_from((c, p.strip()) for c, p in zip(comms["id"], comms["part_of"]) if p.strip())
    if not nx.is_directed_acyclic_graph(parent_of):
        fail(["communities.csv: part_of goes round in a circle"])
    cover = {c: bit[c] for c in communities}
    for c in nx.topological_sort(parent_of):  # narrower before wider: add each to its wider ones
        for wider in parent_of.successors(c):
            cover[wider] |= cover[c]

    def mask(cell: str) -> int:
        m = 0
        for c in items(cell):
            m |= bit[c]
        return m

    inactive = {o for o, a in zip(orgs["id"], orgs["active"]) if a.strip().lower() in INACTIVE}

    # the reach edges, each node carrying the communities it serves
    reach = nx.DiGraph()
    reach.add_nodes_from((o, {"served": mask(s)}) for o, s in zip(orgs["id"], orgs["serves"]) if o not in inactive)
    reach.add_nodes_from((n, {"served": mask(s)}) for n, s in zip(nets["id"], nets["serves"]))
    reach.add_nodes_from(((n, {"served": 0}) for t in ("partnerships", "seats", "people") for n in tables[t]["id"]))
    edges = [(m, n) for m, n in zip(members["member"], members["network"])]
    edges += [(s, p) for s, p in zip(seats["id"], seats["partnership"])]
    edges += [(who, s) for column in ("selected_by", "holder", "person")
              for s, who in zip(seats["id"], seats[column]) if who]
    feeds = [(p, t) for p, cell in zip(parts["id"], parts["feeds_into"]) for t in items(cell)]
    feeds += [(s, t) for s, t, k in zip(links["source"], links["target"], links["kind"]) if k == "feeds_into"]
    reach.add_edges_from((u, v) for u, v in edges + feeds if u not in inactive)
    try:
        order = list(nx.topological_sort(reach))
    except nx.NetworkXUnfeasible:
        fail(["the reach edges go round in a circle"])
    served = reach.nodes(data="served")
    node = reach._node
    for n in order:
        m = node[n]["served"]
        if m:
            for s in reach.successors(n):
                node[s]["served"] |= m

    # represented: filled seats' communities, carried along feeds_into between partnerships
    represented = {p: 0 for p in parts["id"]}
    filled = (seats["holder"] != "") | (seats["person"] != "")
    for p, cell in zip(seats["partnership"][filled], seats["represents"][filled]):
        represented[p] |= mask(cell)
    feeding = nx.DiGraph()
    feeding.add_nodes_from(represented)
    feeding.add_edges_from((u, v) for u, v in feeds if table_of[u] == "partnerships")
    for p in nx.topological_sort(feeding):
        for t in feeding.successors(p):
            represented[t] |= represented[p]

    names: dict[int, list[str]] = {}

    def named(m: int) -> list[str]:
        if m not in names:
            names[m] = [c for c in communities if m & bit[c]]
        return names[m]

    everyone = (1 << len(communities)) - 1
    by_partnership = seats.assign(filled=filled, vcs=seats["sector"] == "vcs").groupby("partnership")
    counts = by_partnership.agg(seats=("id", "size"), filled=("filled", "sum"), vcs=("vcs", "sum"))
    vacant = seats[~filled].sort_values("id").groupby("partnership")["id"].agg(list)
    out = []
    for p in sorted(represented):
        covered = 0
        for c in named(represented[p]):
            covered |= cover[c]
        unrepresented = everyone & ~covered
        row = counts.loc[p] if p in counts.index else None
        out.append({
            "id": p,
            "represented": named(covered),
            "unrepresented": named(unrepresented),
            "unreached": named(unrepresented & ~served[p]),
            "seats": 0 if row is None else int(row["seats"]),
            "filled": 0 if row is None else int(row["filled"]),
            "vcs_seats": 0 if row is None else int(row["vcs"]),
            "vacant_seats": vacant.get(p, []),
        })
    return out


if __name__ == "__main__":
    write_answers(gaps(read(Path(sys.argv[1]))))
