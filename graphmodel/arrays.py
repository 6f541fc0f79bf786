"""The engagement graph as integer arrays, made from a dataset's Arrow tables.

The columnar core's form of the graph (:mod:`graphmodel.graph` is the
networkx form): every id is an integer, and the edges are three parallel
numpy arrays, so an analysis of a national dataset can walk millions of
edges without one Python object per node or edge.

- :func:`node_index`: the ids of every entity table, in :data:`NODE_TYPES`
  order (organisations, networks, partnerships, communities, seats,
  people), each table's rows in order; node ``i`` is ``index.ids[i]``.
- :func:`edge_arrays`: ``src``, ``dst`` (int32 node numbers) and ``kind``
  (int8 codes into :data:`KINDS`), one entry for each edge that
  :func:`graphmodel.graph.graph_from_rows` makes, found by the same rules
  (memberships, seats, people, links, the list columns), so the pairs and
  kinds are exactly the graph's edges. With ``as_of`` the memberships not in
  force that day are left out, as :func:`graphmodel.dated.in_force` leaves
  them out of the graph. Attributes are not carried (edges are keyed by kind
  in the graph, so a repeated row gives a repeated entry here; :meth:`Edges.unique`
  removes them).
- :func:`csr`: group any integer keys (the edges' ``src`` or ``dst``) in the
  compressed sparse row form, for walks.

Only numpy and pyarrow are used, imported inside the functions'
module here; this module is imported by the columnar routes only.

>>> from graphmodel.load import read_columns
>>> import pathlib
>>> tables, _ = read_columns(pathlib.Path(__file__).parent.parent / "examples" / "hackney")
>>> index = node_index(tables)
>>> edges = edge_arrays(tables, index)
>>> i = index.number("th-board")
>>> index.type_of(i), sorted(index.ids[s] for s in edges.src[(edges.dst == i) & (edges.kind == KIND["sits_on"])])[:2]
('partnership', ['th-board-cen-1', 'th-board-cen-2'])
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date
from typing import Any, NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .vocabulary import EDGE_KINDS, LINK_ENDS, NODE_TYPES, REFERENCES, LinkKind

__all__ = ["KINDS", "KIND", "NodeIndex", "Edges", "node_index", "edge_arrays", "csr", "out_of_force_rows"]

#: Edge kind names; an edge's ``kind`` code is its position here.
KINDS: tuple[str, ...] = tuple(EDGE_KINDS)
#: Edge kind name -> its code.
KIND: dict[str, int] = {k: i for i, k in enumerate(KINDS)}
#: Node type names, in :data:`NODE_TYPES` order; a node's type code is its position here.
TYPES: tuple[str, ...] = tuple(NODE_TYPES.values())


@dataclass
class NodeIndex:
    """Every id of a dataset as a number: node ``i`` is ``ids[i]`` (``array[i]`` in Arrow).

    ``starts[t]`` is the first number of table ``t``'s rows (tables in
    :data:`NODE_TYPES` order) and ``starts["end"]`` the number of nodes.
    """

    array: Any
    starts: dict[str, int]

    def __len__(self) -> int:
        return self.starts["end"]

    @cached_property
    def ids(self) -> list[str]:
        """The ids as Python strings (made on first use)."""
        return self.array.to_pylist()

    def range(self, table: str) -> range:
        """The numbers of one entity table's rows, in row order."""
        tables = list(NODE_TYPES)
        end = tables.index(table) + 1
        return range(self.starts[table], self.starts[tables[end]] if end < len(tables) else self.starts["end"])

    def table_ids(self, table: str) -> list[str]:
        """The ids of one entity table, in row order, as Python strings (without making :attr:`ids`)."""
        r = self.range(table)
        return self.array.slice(r.start, len(r)).to_pylist()

    def id_of(self, numbers) -> list[str]:
        """The ids of some node numbers, as Python strings."""
        return self.array.take(pa.array(np.asarray(numbers, dtype=np.int64))).to_pylist()

    def types(self) -> np.ndarray:
        """Each node's type code (int8, a position in :data:`TYPES`)."""
        out = np.empty(len(self.ids), dtype=np.int8)
        for code, table in enumerate(NODE_TYPES):
            r = self.range(table)
            out[r.start:r.stop] = code
        return out

    def type_of(self, number: int) -> str:
        for table, node_type in NODE_TYPES.items():
            if number in self.range(table):
                return node_type
        raise IndexError(number)

    def number(self, node_id: str) -> int:
        """The number of one id (``-1`` when it is no node)."""
        return int(self.numbers(pa.array([node_id], pa.string()))[0])

    def numbers(self, values, tables: tuple[str, ...] | None = None) -> np.ndarray:
        """The numbers (int32) of an Arrow array of ids; ``-1`` for a null or an unknown id.

        With ``tables`` (entity tables, as in :data:`graphmodel.vocabulary.REFERENCES`) the ids are
        looked up among those tables' ids only (much faster than among all: most of a look-up's
        cost is the hash table of the ids it searches); an id of another table is then unknown.
        """
        start, stop = 0, len(self)
        if tables:
            ranges = [self.range(t) for t in tables]
            start, stop = min(r.start for r in ranges), max(r.stop for r in ranges)
        found = pc.index_in(values, value_set=self.array.slice(start, stop - start))
        return found.fill_null(-1 - start).to_numpy(zero_copy_only=False).astype(np.int32) + np.int32(start)


def node_index(tables: dict[str, pa.Table]) -> NodeIndex:
    """The node numbers of a dataset's Arrow tables (see :mod:`graphmodel.arrow_tables`)."""
    starts: dict[str, int] = {}
    chunks = []
    n = 0
    for table in NODE_TYPES:
        starts[table] = n
        column = tables[table].column("id")
        chunks.extend(column.chunks)
        n += len(column)
    starts["end"] = n
    array = pa.concat_arrays(chunks) if chunks else pa.array([], pa.string())
    return NodeIndex(array, starts)


@dataclass
class Edges:
    """Edges as parallel arrays: ``src[i] -> dst[i]`` of kind ``KINDS[kind[i]]``, over ``n`` nodes."""

    src: np.ndarray
    dst: np.ndarray
    kind: np.ndarray
    n: int

    def __len__(self) -> int:
        return len(self.src)

    def where(self, mask: np.ndarray) -> "Edges":
        """The edges where ``mask`` (a boolean array over the edges) is true."""
        return Edges(self.src[mask], self.dst[mask], self.kind[mask], self.n)

    def of_kind(self, *kinds: str) -> np.ndarray:
        """A boolean array over the edges: true for the edges of these kinds."""
        return np.isin(self.kind, [KIND[k] for k in kinds])

    def unique(self) -> "Edges":
        """Each (src, dst, kind) once, sorted by src, then dst, then kind: the graph's edges exactly."""
        key = (self.src.astype(np.int64) * self.n + self.dst) * len(KINDS) + self.kind
        key = np.unique(key)
        kind, rest = key % len(KINDS), key // len(KINDS)
        return Edges((rest // self.n).astype(np.int32), (rest % self.n).astype(np.int32), kind.astype(np.int8),
                     self.n)

    def triples(self, index: NodeIndex) -> list[tuple[str, str, str]]:
        """The edges as sorted (source id, target id, kind) triples, each once (for tests and small data)."""
        ids = index.ids
        return sorted({(ids[s], ids[d], KINDS[k]) for s, d, k in zip(self.src.tolist(), self.dst.tolist(),
                                                                       self.kind.tolist())})


def csr(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Group positions by key: ``(offsets, order)`` with ``order[offsets[k]:offsets[k + 1]]`` the
    positions (ascending) whose key is ``k``, for ``k`` in ``range(n)``.

    >>> offsets, order = csr(np.array([2, 0, 2]), 3)
    >>> offsets.tolist(), order.tolist()
    ([0, 1, 1, 3], [1, 0, 2])
    """
    order = np.argsort(keys, kind="stable")
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=offsets[1:])
    return offsets, order


def out_of_force_rows(memberships: pa.Table, index: NodeIndex, as_of: date) -> np.ndarray:
    """A boolean array over the membership rows: true where the (member, network) edge is not in
    force on ``as_of`` (:func:`graphmodel.dated.out_of_force`).

    Rows repeating a pair make one edge whose ``since`` and ``until`` are each the last one given
    among them (later rows update the edge): a pair is judged on those, and all its rows go.
    """
    ends = index.numbers(pa.chunked_array([memberships.column("member"), memberships.column("network")],
                                          pa.string()))
    half = len(ends) // 2
    return _out_of_force(memberships, ends[:half], ends[half:], len(index), as_of)


def _out_of_force(memberships: pa.Table, member: np.ndarray, network: np.ndarray, n: int,
                  as_of: date) -> np.ndarray:
    rows_count = len(memberships)
    since, until = memberships.column("since"), memberships.column("until")
    judged = np.zeros(rows_count, dtype=bool)
    if rows_count == 0 or (since.null_count == rows_count and until.null_count == rows_count):
        return judged
    key = member.astype(np.int64) * n + network
    day = np.datetime64(as_of, "D")
    ordered = np.sort(key)
    if not (ordered[1:] == ordered[:-1]).any():  # each pair once (every valid dataset): a row is judged alone
        for values, after in ((since, True), (until, False)):
            if values.null_count < rows_count:
                valid = values.is_valid().to_numpy(zero_copy_only=False)
                days = values.to_numpy(zero_copy_only=False).astype("datetime64[D]")
                judged |= valid & ((days > day) if after else (days < day))
        return judged
    for values, after in ((since, True), (until, False)):
        rows = np.flatnonzero(values.is_valid().to_numpy(zero_copy_only=False))
        if not len(rows):
            continue
        days = values.to_numpy(zero_copy_only=False)[rows].astype("datetime64[D]")
        # each pair's last given date: the last of its rows with a date
        keys = key[rows]
        order = np.lexsort((rows, keys))
        last = np.ones(len(order), dtype=bool)
        last[:-1] = keys[order][1:] != keys[order][:-1]
        chosen = order[last]
        off = days[chosen] > day if after else days[chosen] < day
        if off.any():
            judged |= np.isin(key, keys[chosen][off])
    return judged


def edge_arrays(tables: dict[str, pa.Table], index: NodeIndex | None = None, *,
                as_of: date | None = None, kinds: frozenset[str] | set[str] | None = None,
                numbers: dict[tuple[str, str], np.ndarray] | None = None) -> Edges:
    """The graph's edges (see :func:`graphmodel.graph.graph_from_rows`) as arrays.

    Parameters
    ----------
    tables : a valid dataset's Arrow tables (:mod:`graphmodel.arrow_tables`).
    index : its :func:`node_index` (made here when not given).
    as_of : leave out the memberships not in force on this day (:mod:`graphmodel.dated`).
    kinds : only the edges of these kinds (default: every kind).
    numbers : the node numbers of reference columns when a reader has them already (looking ids
        up is most of the cost here): ``(table, column)`` -> integers, for a column of
        :data:`REFERENCES` or the links' ``source`` and ``target``; one per row (a number outside
        the nodes for an empty cell), or one per item of a list column, as
        ``graphmodel.columnar_read`` numbers them. The other columns are looked up.

    Returns
    -------
    Edges
        one entry per row (or list item) that makes an edge, in the order the graph is built;
        a pair a dataset gives twice (a repeated membership) is there twice.
    """
    if index is None:
        index = node_index(tables)
    wanted = set(KINDS) if kinds is None else set(kinds)
    # each part: (source, target, kind); an end is node numbers (numpy) or _Named ids to look up
    parts: list[tuple[Any, Any, str]] = []

    def own(table: str) -> np.ndarray:
        r = index.range(table)
        return np.arange(r.start, r.stop, dtype=np.int32)

    def listed(table: str, name: str, kind: str) -> None:
        if kind in wanted:
            items, rows = _flat(tables[table].column(name))
            parts.append((own(table)[rows], _Named(items, REFERENCES[table, name], (table, name)), kind))

    def single(table: str, name: str, kind: str, names_source: bool = False) -> None:
        if kind not in wanted:
            return
        column = tables[table].column(name)
        present = column.is_valid()
        rows = own(table)[present.to_numpy(zero_copy_only=False)]
        named = _Named(column.filter(present), REFERENCES[table, name], (table, name),
                       present.to_numpy(zero_copy_only=False))
        parts.append((named, rows, kind) if names_source else (rows, named, kind))

    listed("organisations", "serves", "serves")
    listed("networks", "serves", "serves")
    listed("partnerships", "feeds_into", "feeds_into")
    single("communities", "part_of", "part_of")
    memberships = tables["memberships"]
    if "member_of" in wanted and len(memberships):
        parts.append((_Named(memberships.column("member"), REFERENCES["memberships", "member"],
                             ("memberships", "member")),
                      _Named(memberships.column("network"), REFERENCES["memberships", "network"],
                             ("memberships", "network")), "member_of"))
    single("seats", "partnership", "sits_on")
    listed("seats", "represents", "represents")
    single("seats", "selected_by", "selects", names_source=True)
    single("seats", "holder", "holds", names_source=True)
    single("seats", "person", "holds", names_source=True)
    single("people", "organisation", "affiliated_with")
    links = tables["links"]
    if len(links):
        codes = _codes(links.column("kind"))
        for code in np.unique(codes).tolist():
            if KINDS[code] in wanted:
                chosen = codes == code
                rows = pa.array(chosen)
                source_tables, target_tables = LINK_ENDS[LinkKind(KINDS[code])]
                parts.append((_Named(links.column("source").filter(rows), source_tables, ("links", "source"), chosen),
                              _Named(links.column("target").filter(rows), target_tables, ("links", "target"), chosen),
                              KINDS[code]))

    named = [end for part in parts for end in part[:2] if isinstance(end, _Named)]
    found = {id(end): _given(numbers[end.key], end.rows, len(index)) for end in named
             if numbers is not None and end.key in numbers}
    found.update(_look_up(index, [end for end in named if id(end) not in found]))
    srcs, dsts, codes_out = [], [], []
    for part in parts:
        src, dst = (found[id(end)] if isinstance(end, _Named) else end for end in part[:2])
        if part[2] == "member_of" and as_of is not None:
            keep = ~_out_of_force(memberships, src, dst, len(index), as_of)
            src, dst = src[keep], dst[keep]
        srcs.append(src)
        dsts.append(dst)
        codes_out.append(np.full(len(src), KIND[part[2]], dtype=np.int8))
    if not srcs:
        empty = np.zeros(0, dtype=np.int32)
        return Edges(empty, empty.copy(), np.zeros(0, dtype=np.int8), len(index))
    return Edges(np.concatenate(srcs), np.concatenate(dsts), np.concatenate(codes_out), len(index))


class _Named(NamedTuple):
    """Ids to look up (Arrow), the tables they may name (:data:`REFERENCES`), their column, and
    the column's rows they are (all, when ``None``)."""

    values: Any
    tables: tuple[str, ...]
    key: tuple[str, str]
    rows: Any = None


def _given(codes: np.ndarray, rows, n: int) -> np.ndarray:
    """Node numbers a reader gave (see :func:`edge_arrays`' ``numbers``), of the rows used."""
    codes = np.asarray(codes)
    if rows is not None:
        codes = codes[rows]
    return np.where((codes >= 0) & (codes < n), codes, -1).astype(np.int32)


def _look_up(index: NodeIndex, named: list[_Named]) -> dict[int, np.ndarray]:
    """The node numbers of each of ``named`` (by ``id()``): one look-up for all the columns that may
    name the same run of tables, against those tables' ids only (building the hash table of the
    ids is most of a look-up's cost)."""
    spans: list[tuple[int, int, list[_Named]]] = []
    for end in named:
        ranges = [index.range(t) for t in end.tables]
        start, stop = min(r.start for r in ranges), max(r.stop for r in ranges)
        for i, (start2, stop2, ends) in enumerate(spans):
            if start < stop2 and start2 < stop:  # overlapping runs: one look-up over both
                spans[i] = (min(start, start2), max(stop, stop2), ends + [end])
                break
        else:
            spans.append((start, stop, [end]))
    out: dict[int, np.ndarray] = {}
    for start, stop, ends in spans:
        chunks = [c for e in ends for c in (e.values.chunks if isinstance(e.values, pa.ChunkedArray) else [e.values])]
        found = pc.index_in(pa.chunked_array(chunks, pa.string()), value_set=index.array.slice(start, stop - start))
        found = found.fill_null(-1 - start).to_numpy(zero_copy_only=False).astype(np.int32) + np.int32(start)
        at = 0
        for e in ends:
            out[id(e)], at = found[at:at + len(e.values)], at + len(e.values)
    return out


def _flat(column) -> tuple[Any, np.ndarray]:
    """A list column's items (Arrow) and, for each, its row number in the table (numpy)."""
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    return pc.list_flatten(column), pc.list_parent_indices(column).to_numpy(zero_copy_only=False)


def _codes(kinds) -> np.ndarray:
    """Kind names (an Arrow string column) as codes."""
    found = pc.index_in(kinds, value_set=pa.array(list(KINDS), pa.string()))
    return found.to_numpy(zero_copy_only=False).astype(np.int8)
