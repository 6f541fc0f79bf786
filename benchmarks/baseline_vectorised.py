"""Baseline (b): a vectorised pipeline, pyarrow + numpy + igraph, no Python loop over rows.

Run as ``python benchmarks/baseline_vectorised.py DATASET_FOLDER > answers.json``.

pyarrow's CSV reader reads each table (every cell as a string); the checks of ``baseline_spec``
run as pyarrow compute kernels (a regular expression over each id column, ``is_in`` for enums,
``index_in`` against all ids for references); every id becomes an integer (its place in the
concatenated id columns) and every community a bit of a ``uint64``. The communities served by
active organisations are scattered onto their network, seat and partnership targets in one
``bitwise_or.at``; igraph checks the remaining reach edges (between networks, seats, partnerships
and people) form a DAG, and the masks are carried along them level by level (a node's level
is its longest path from a source, so one vectorised step per level finishes every node of
it). Represented communities go the same way along ``feeds_into`` between partnerships. It
does not import engagemap.
"""

from __future__ import annotations

import sys
from pathlib import Path

import igraph
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from baseline_spec import (COLUMNS, ENTITY_TABLES, ENUMS, ID_PATTERN, INACTIVE, REFERENCES, fail,
                           write_answers)


def read(folder: Path) -> dict[str, dict[str, pa.Array]]:
    tables = {}
    for table, columns in COLUMNS.items():
        path = folder / f"{table}.csv"
        if not path.exists():
            tables[table] = {c: pa.array([], pa.string()) for c in columns}
            continue
        with open(path, encoding="utf-8-sig", newline="") as f:
            header = [h.strip() for h in f.readline().rstrip("\r\n").split(",")]
        data = pacsv.read_csv(path, read_options=pacsv.ReadOptions(column_names=header, skip_rows=1),
                              convert_options=pacsv.ConvertOptions(
                                  column_types={h: pa.string() for h in header}, strings_can_be_null=False,
                                  include_columns=[c for c in columns if c in header]))
        n = data.num_rows
        tables[table] = {c: (data[c].combine_chunks() if c in header else pa.array([""] * n, pa.string()))
                         for c in columns}
    return tables


def split(column: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """The items of a ``;`` list column, trimmed and non-empty, with the row each came from."""
    lists = pc.split_pattern(column, ";")
    values = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    rows = pc.list_parent_indices(lists)
    keep = pc.not_equal(values, "")
    return values.filter(keep), rows.filter(keep).to_numpy()


def scatter_or(size: int, rows: np.ndarray, masks: np.ndarray) -> np.ndarray:
    out = np.zeros(size, np.uint64)
    np.bitwise_or.at(out, rows, masks)
    return out


def propagate(masks: np.ndarray, src: np.ndarray, dst: np.ndarray) -> None:
    """OR each node's mask into its successors, transitively; the edges must form a DAG."""
    level = np.zeros(len(masks), np.int64)
    while True:  # longest path from a source; at most as many rounds as the DAG is deep
        new = level.copy()
        np.maximum.at(new, dst, level[src] + 1)
        if np.array_equal(new, level):
            break
        level = new
    edge_level = level[src]
    order = np.argsort(edge_level, kind="stable")
    bounds = np.searchsorted(edge_level[order], np.arange(level.max() + 2))
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        step = order[lo:hi]
        np.bitwise_or.at(masks, dst[step], masks[src[step]])


def gaps(tables: dict[str, dict[str, pa.Array]]) -> list[dict]:
    problems = []
    pattern_ok = [pc.match_substring_regex(tables[t]["id"], ID_PATTERN) for t in ENTITY_TABLES]
    for t, ok in zip(ENTITY_TABLES, pattern_ok):
        bad = np.flatnonzero(~ok.to_numpy(zero_copy_only=False))
        problems += [f"{t}.csv row {i + 2}: bad id {tables[t]['id'][i].as_py()!r}" for i in bad[:20]]
    all_ids = pa.concat_arrays([tables[t]["id"] for t in ENTITY_TABLES])
    starts = np.cumsum([0] + [len(tables[t]["id"]) for t in ENTITY_TABLES])
    start = dict(zip(ENTITY_TABLES, starts))
    if len(pc.unique(all_ids)) != len(all_ids):
        counts = pc.value_counts(all_ids)
        dup = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
        problems += [f"duplicate id {v!r}" for v in dup.to_pylist()[:20]]
    for (t, column), (allowed, optional) in ENUMS.items():
        ok = pc.is_in(tables[t][column], value_set=pa.array(allowed + (("",) if optional else ())))
        bad = np.flatnonzero(~ok.to_numpy(zero_copy_only=False))
        problems += [f"{t}.csv row {i + 2}, {column}: {tables[t][column][i].as_py()!r} is not one of {allowed}"
                     for i in bad[:20]]
    if problems:
        fail(problems)

    named_refs = {}  # (table, column) -> (rows, names): every reference, looked up below in one go
    for (t, column), (allowed, required, is_list) in REFERENCES.items():
        if is_list:
            names, rows = split(tables[t][column])
        else:
            names = pc.utf8_trim_whitespace(tables[t][column])
            given = pc.not_equal(names, "").to_numpy(zero_copy_only=False)
            if required and not given.all():
                fail([f"{t}.csv row {i + 2}, {column}: empty" for i in np.flatnonzero(~given)])
            rows = np.flatnonzero(given)
            names = names.filter(pa.array(given))
        named_refs[t, column] = (rows, names)
    looked_up = pc.fill_null(pc.index_in(pa.concat_arrays([names for _, names in named_refs.values()]),
                                         value_set=all_ids), -1).to_numpy().astype(np.int64)
    ends = np.cumsum([len(names) for _, names in named_refs.values()])
    refs = {}  # (table, column) -> (rows, global indices of the named ids)
    for ((t, column), (rows, names)), index in zip(named_refs.items(), np.split(looked_up, ends[:-1])):
        ok = np.zeros(len(index), bool)
        for a in REFERENCES[t, column][0]:
            ok |= (index >= start[a]) & (index < start[a] + len(tables[a]["id"]))
        if not ok.all():
            fail([f"{t}.csv row {rows[i] + 2}, {column}: {names[i].as_py()!r} is not one of the "
                  f"{'/'.join(REFERENCES[t, column][0])}" for i in np.flatnonzero(~ok)])
        refs[t, column] = (rows, index)

    # communities as bits, in id order; cover[i] = i and every community part_of it
    n_comm = len(tables["communities"]["id"])
    if n_comm > 64:
        fail(["more than 64 communities: this baseline keeps them in one uint64"])
    community_ids = tables["communities"]["id"].to_pylist()
    rank = np.empty(n_comm, np.int64)
    rank[np.argsort(community_ids)] = np.arange(n_comm)
    bit_of = np.left_shift(np.uint64(1), rank.astype(np.uint64))  # by row of communities.csv
    sorted_ids = sorted(community_ids)
    rows, parents = refs["communities", "part_of"]
    child = bit_of.copy()  # propagate each community's bit to its wider ones
    if rows.size:
        g = igraph.Graph(n=n_comm, edges=np.column_stack([rows, parents - start["communities"]]).tolist(),
                         directed=True)
        if not g.is_dag():
            fail(["communities.csv: part_of goes round in a circle"])
        propagate(child, rows, parents - start["communities"])
    cover = np.zeros(n_comm, np.uint64)  # by bit: that community's bit and the bits of those part_of it
    cover[rank] = child

    def masks_of(table: str, column: str) -> np.ndarray:
        rows, index = refs[table, column]
        return scatter_or(len(tables[table]["id"]), rows, bit_of[index - start["communities"]])

    n_all = len(all_ids)
    served = np.zeros(n_all, np.uint64)
    org_served = masks_of("organisations", "serves")
    active = ~pc.is_in(pc.utf8_lower(pc.utf8_trim_whitespace(tables["organisations"]["active"])),
                       value_set=pa.array(INACTIVE)).to_numpy(zero_copy_only=False)
    served[start["organisations"]:start["networks"]] = np.where(active, org_served, 0)
    served[start["networks"]:start["partnerships"]] = masks_of("networks", "serves")

    # reach edges as global index arrays
    seat_index = np.arange(len(tables["seats"]["id"])) + start["seats"]
    src, dst = [], []
    member_rows, member_index = refs["memberships", "member"]
    src.append(member_index)
    dst.append(refs["memberships", "network"][1])
    src.append(seat_index)
    dst.append(refs["seats", "partnership"][1])
    for column in ("selected_by", "holder", "person"):
        rows, index = refs["seats", column]
        src.append(index)
        dst.append(seat_index[rows])
    rows, index = refs["partnerships", "feeds_into"]
    feeds_src = [rows + start["partnerships"]]
    feeds_dst = [index]
    kind = tables["links"]["kind"]
    is_feed = pc.equal(kind, "feeds_into").to_numpy(zero_copy_only=False)
    feeds_src.append(refs["links", "source"][1][is_feed])
    feeds_dst.append(refs["links", "target"][1][is_feed])
    src, dst = np.concatenate(src + feeds_src), np.concatenate(dst + feeds_dst)
    is_org = (src >= start["organisations"]) & (src < start["networks"])
    # organisations have no incoming reach edge: their masks go to their targets in one step
    served |= scatter_or(n_all, dst[is_org], served[src[is_org]])
    inner_src, inner_dst = src[~is_org], dst[~is_org]
    dag = igraph.Graph(n=n_all, edges=np.column_stack([inner_src, inner_dst]), directed=True)
    if not dag.is_dag():
        fail(["the reach edges go round in a circle"])
    propagate(served, inner_src, inner_dst)

    # represented: filled seats' communities, along feeds_into between partnerships
    n_part = len(tables["partnerships"]["id"])
    seats = tables["seats"]
    filled = (pc.not_equal(seats["holder"], "").to_numpy(zero_copy_only=False)
              | pc.not_equal(seats["person"], "").to_numpy(zero_copy_only=False))
    seat_part = refs["seats", "partnership"][1] - start["partnerships"]
    seat_masks = masks_of("seats", "represents")
    represented = scatter_or(n_part, seat_part[filled], seat_masks[filled])
    f_src, f_dst = np.concatenate(feeds_src), np.concatenate(feeds_dst)
    between = (f_src >= start["partnerships"]) & (f_src < start["communities"])
    propagate(represented, f_src[between] - start["partnerships"], f_dst[between] - start["partnerships"])
    covered = np.zeros(n_part, np.uint64)
    for b in range(n_comm):
        covered |= np.where(represented & np.uint64(1 << b), cover[b], np.uint64(0))
    everyone = np.uint64((1 << n_comm) - 1)
    unrepresented = everyone & ~covered
    unreached = unrepresented & ~served[start["partnerships"]:start["communities"]]

    seat_count = np.bincount(seat_part, minlength=n_part)
    filled_count = np.bincount(seat_part, weights=filled, minlength=n_part).astype(np.int64)
    vcs = pc.equal(seats["sector"], "vcs").to_numpy(zero_copy_only=False)
    vcs_count = np.bincount(seat_part, weights=vcs, minlength=n_part).astype(np.int64)
    vacant_lists: list[list[str]] = [[] for _ in range(n_part)]
    seat_ids = seats["id"].to_numpy(zero_copy_only=False)
    vacant = np.flatnonzero(~filled)
    for s in vacant[np.argsort(seat_ids[vacant], kind="stable")].tolist():
        vacant_lists[seat_part[s]].append(seat_ids[s])

    names: dict[int, list[str]] = {}

    def named(m: int) -> list[str]:
        if m not in names:
            names[m] = [c for i, c in enumerate(sorted_ids) if m >> i & 1]
        return names[m]

    part_ids = tables["partnerships"]["id"].to_pylist()
    out = []
    for p in sorted(range(n_part), key=part_ids.__getitem__):
        out.append({"id": part_ids[p], "represented": named(int(covered[p])),
                    "unrepresented": named(int(unrepresented[p])), "unreached": named(int(unreached[p])),
                    "seats": int(seat_count[p]), "filled": int(filled_count[p]), "vcs_seats": int(vcs_count[p]),
                    "vacant_seats": vacant_lists[p]})
    return out


if __name__ == "__main__":
    write_answers(gaps(read(Path(sys.argv[1]))))
