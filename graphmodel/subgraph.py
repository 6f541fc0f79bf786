"""The part of the engagement graph that one partnership's questions read, chosen on columns.

A question about one partnership ``P`` (its reach, who in it hears back, its
single points of failure) reads only a small part of a national dataset, so
the command line need not build the whole networkx graph to answer it. From
the valid tables in Arrow form (:mod:`graphmodel.arrow_tables`) this module
picks, with array work, the rows that part needs, and builds only them with
:func:`graphmodel.graph.graph_from_rows`; the analyses then run unchanged on
that graph and give exactly the answers they give on the whole one.

What is picked, and why (read off the analyses):

- **ancestors**: every node with a path to ``P`` over the reach edges
  (``member_of``, ``selects``, ``holds``, ``sits_on``, ``feeds_into``),
  memberships of any date (``in_force`` then drops those not in force on the
  day, as on the whole graph) and inactive organisations included (they are
  leaves: no reach edge ends at an organisation). :func:`~graphmodel.reaching.reach`
  walks only these; :func:`~graphmodel.failures.resilience`'s dominator tree
  is rooted at ``P`` and holds only these; a leaf's edges to nodes outside
  them change no sum (a target outside the tree is never stamped).
- with ``hearing`` (``paths --partnership``): the bodies the ancestor seats
  ``reports_back`` to and, from them, every member network of a network and
  every body a partnership reports back to, onward: the walk of
  :func:`~graphmodel.reporting.hearing`. Organisations met on it matter only
  when they are in the reach, where they are already picked.
- with ``origin`` (``reach --from``): that organisation, so its routes (or
  that it has none) are found as on the whole graph.
- **what the picked rows name**, so the graph can be built from them with
  their fields unchanged: the partnerships a picked partnership feeds into
  (onward), a picked person's organisation, a seat's partnership, selector,
  holder and person, the communities picked bodies serve and seats represent,
  and their ``part_of`` chains (the analyses' community bits need every wider
  community).
- the edge rows between picked nodes: memberships and links with both ends
  picked, reports sent by a picked seat or partnership.

An id that is not a partnership (or, for ``origin``, not an organisation)
gives a graph of bare typed nodes on which the analysis raises the very
:class:`~graphmodel.exceptions.NotFound` (with its "did you mean") that the
whole graph gives.

numpy and pyarrow are imported inside the functions: ``import graphmodel`` stays fast.

>>> import pathlib
>>> from graphmodel.load import read_columns
>>> from graphmodel.reaching import reach
>>> from graphmodel.load import read_graph
>>> hackney = pathlib.Path(__file__).parent.parent / "examples" / "hackney"
>>> tables, _ = read_columns(hackney)
>>> part = partnership_graph(tables, "th-board")
>>> whole, _ = read_graph(hackney)
>>> reach(part, "th-board").as_dict() == reach(whole, "th-board").as_dict()
True
>>> len(part) <= len(whole)
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .vocabulary import ENTITY_TABLES

__all__ = ["partnership_rows", "partnership_graph", "organisation_rows", "organisation_graph"]


class _Ids:
    """Every id of the dataset numbered in one sequence (entity tables in the order of
    :data:`ENTITY_TABLES`), and the references of the tables as arrays of those numbers."""

    def __init__(self, tables: dict[str, Any]):
        import numpy as np
        import pyarrow as pa

        self.tables = tables
        self.offset: dict[str, int] = {}
        chunks = []
        start = 0
        for table in ENTITY_TABLES:
            self.offset[table] = start
            column = tables[table].column("id")
            chunks.extend(column.chunks)
            start += len(column)
        self.size = start
        self.ids = pa.concat_arrays(chunks) if chunks else pa.array([], pa.string())
        self.np = np

    def range(self, table: str):
        return self.offset[table], self.offset[table] + len(self.tables[table])

    def numbers(self, columns: list, within: tuple[str, ...] | None = None) -> list:
        """Each array of ids as an int64 numpy array of node numbers (-1 where null or unknown),
        looked up together in one hash pass, among the ids of the tables ``within`` (neighbours in
        :data:`ENTITY_TABLES`; default all): a smaller set of ids is a faster look-up."""
        import pyarrow as pa
        import pyarrow.compute as pc

        np = self.np
        lengths = [len(c) for c in columns]
        chunks = [chunk for c in columns for chunk in (c.chunks if isinstance(c, pa.ChunkedArray) else [c])]
        if not chunks or not sum(lengths):
            return [np.empty(0, dtype=np.int64) for _ in columns]
        first, last = 0, self.size
        if within is not None:
            first, last = self.range(within[0])[0], self.range(within[-1])[1]
        found = pc.index_in(pa.concat_arrays([c.cast(pa.string()) for c in chunks]),
                            value_set=self.ids.slice(first, last - first))
        every = pc.fill_null(found, -1).to_numpy().astype(np.int64)
        every[every >= 0] += first
        out, at = [], 0
        for n in lengths:
            out.append(every[at:at + n])
            at += n
        return out


def _flat(column):
    """A list column as (its items, the row of each item)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    return pc.list_flatten(array), pc.list_parent_indices(array).to_numpy().astype("int64")


def _walk(size: int, sources, targets, start, seen=None):
    """Every node reachable from ``start`` along edges ``source -> target`` (numpy arrays of node
    numbers), as a boolean mask (``seen``, updated in place when given); every start node is expanded,
    whether seen before or not."""
    import numpy as np

    if seen is None:
        seen = np.zeros(size, dtype=bool)
    keep = (sources >= 0) & (targets >= 0)
    sources, targets = sources[keep], targets[keep]
    targets = targets[np.argsort(sources, kind="stable")]
    starts = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(sources, minlength=size), out=starts[1:])
    frontier = np.unique(np.asarray(start, dtype=np.int64))
    frontier = frontier[frontier >= 0]  # expanded even when already seen
    seen[frontier] = True
    while len(frontier):
        lo, hi = starts[frontier], starts[frontier + 1]
        counts = hi - lo
        total = int(counts.sum())
        if not total:
            break
        # positions lo..hi-1 of every frontier node, without a Python loop
        firsts = np.cumsum(counts) - counts
        found = targets[np.repeat(lo - firsts, counts) + np.arange(total)]
        found = np.unique(found[~seen[found]])
        seen[found] = True
        frontier = found
    return seen


class _References:
    """The dataset's references as arrays of node numbers: the edges the walks follow, and what
    each row names."""

    def __init__(self, tables: dict[str, Any]):
        import numpy as np
        import pyarrow.compute as pc

        self.tables = tables
        self.index = index = _Ids(tables)
        members, seats, links = tables["memberships"], tables["seats"], tables["links"]
        feeds_items, feeds_rows = _flat(tables["partnerships"].column("feeds_into"))
        (self.member, self.selected, self.holder, self.source, self.target, self.affiliation,
         self.sender) = index.numbers(
            [members.column("member"), seats.column("selected_by"), seats.column("holder"), links.column("source"),
             links.column("target"), tables["people"].column("organisation"), tables["reports"].column("from")])
        (self.network,) = index.numbers([members.column("network")], ("networks",))
        self.sits_on, self.fed = index.numbers([seats.column("partnership"), feeds_items], ("partnerships",))
        (self.person,) = index.numbers([seats.column("person")], ("people",))
        seat_lo, seat_hi = index.range("seats")
        self.seats = np.arange(seat_lo, seat_hi, dtype=np.int64)
        self.feeder = feeds_rows + index.offset["partnerships"]
        kind = links.column("kind")
        self.feeds_link = pc.fill_null(pc.equal(kind, "feeds_into"), False).to_numpy(zero_copy_only=False)
        self.reports_link = pc.fill_null(pc.equal(kind, "reports_back"), False).to_numpy(zero_copy_only=False)

    def reach_edges(self):
        """(sources, targets) of every reach edge: member_of, selects, holds, sits_on, feeds_into."""
        import numpy as np

        seats = self.seats
        return (np.concatenate([self.member, self.selected, self.holder, self.person, seats, self.feeder,
                                self.source[self.feeds_link]]),
                np.concatenate([self.network, seats, seats, seats, self.sits_on, self.fed,
                                self.target[self.feeds_link]]))

    def hear(self, picked) -> None:
        """Add to ``picked`` the walk of :func:`graphmodel.reporting.hearing` from its seats: the bodies
        they report back to, member networks of networks and the bodies a partnership reports back to, onward."""
        import numpy as np

        index = self.index
        seat_lo, seat_hi = index.range("seats")
        net_lo, net_hi = index.range("networks")
        part_lo, part_hi = index.range("partnerships")
        sources, targets = self.source[self.reports_link], self.target[self.reports_link]
        from_seat = (sources >= seat_lo) & (sources < seat_hi)
        starts = targets[from_seat & picked[np.maximum(sources, 0)]]
        member_net = (self.member >= net_lo) & (self.member < net_hi)
        from_part = (sources >= part_lo) & (sources < part_hi)
        _walk(index.size, np.concatenate([self.network[member_net], sources[from_part]]),
              np.concatenate([self.member[member_net], targets[from_part]]), starts, picked)

    def rows(self, picked) -> dict[str, Any]:
        """The rows of the ``picked`` nodes, of what they name (onward, so that the graph can be built
        from them), and the edge rows between picked nodes."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        index, tables = self.index, self.tables
        size = index.size
        # what the picked rows name: seats' ends, people's organisations, onward feeds_into
        seat_lo, seat_hi = index.range("seats")
        seat_picked = picked[seat_lo:seat_hi]
        for named in (self.sits_on, self.selected, self.holder, self.person):
            ids = named[seat_picked]
            picked[ids[ids >= 0]] = True
        people_lo, people_hi = index.range("people")
        ids = self.affiliation[picked[people_lo:people_hi]]
        picked[ids[ids >= 0]] = True
        part_lo, part_hi = index.range("partnerships")
        _walk(size, self.feeder, self.fed, np.flatnonzero(picked[part_lo:part_hi]) + part_lo, picked)

        # the communities the picked bodies serve and the picked seats represent, with their part_of chains
        com_lo, com_hi = index.range("communities")
        named = []
        for table, column in (("organisations", "serves"), ("networks", "serves"), ("seats", "represents")):
            t_lo, t_hi = index.range(table)
            items = pc.list_flatten(tables[table].column(column).filter(pa.array(picked[t_lo:t_hi])))
            named.extend(items.chunks if isinstance(items, pa.ChunkedArray) else [items])
        named_ids, part_of = index.numbers([pa.chunked_array(named, pa.string()),
                                            tables["communities"].column("part_of")], ("communities",))
        picked[named_ids[named_ids >= 0]] = True
        _walk(size, np.arange(com_lo, com_hi, dtype=np.int64), part_of,
              np.flatnonzero(picked[com_lo:com_hi]) + com_lo, picked)

        out = {}
        for table in ENTITY_TABLES:
            t_lo, t_hi = index.range(table)
            out[table] = tables[table].filter(pa.array(picked[t_lo:t_hi]))

        def at(ends):
            return (ends >= 0) & picked[np.maximum(ends, 0)]

        out["memberships"] = tables["memberships"].filter(pa.array(at(self.member) & at(self.network)))
        out["links"] = tables["links"].filter(pa.array(at(self.source) & at(self.target)))
        out["reports"] = tables["reports"].filter(pa.array(at(self.sender)))
        return {table: out[table] for table in tables}


def partnership_rows(tables: dict[str, Any], partnership: str, *, hearing: bool = False,
                     origin: str | None = None) -> dict[str, Any] | None:
    """The rows of ``tables`` (Arrow, see :mod:`graphmodel.arrow_tables`) that the questions about
    ``partnership`` read: see the module's notes. ``None`` when ``partnership`` is not a partnership's
    id (or ``origin`` not an organisation's), for :func:`partnership_graph` to report as the whole
    graph would."""
    root = _position(tables, "partnerships", partnership)
    at = _position(tables, "organisations", origin) if origin is not None else None
    if root is None or (origin is not None and at is None):
        return None
    refs = _References(tables)
    sources, targets = refs.reach_edges()
    picked = _walk(refs.index.size, targets, sources, [root])  # backwards: the ancestors
    del sources, targets
    if hearing:
        refs.hear(picked)
    if at is not None:
        picked[at] = True
    return refs.rows(picked)


def organisation_rows(tables: dict[str, Any], organisation: str) -> dict[str, Any] | None:
    """The rows of ``tables`` that :func:`graphmodel.reaching.feeds` of ``organisation`` reads: the nodes
    it has a reach path to (its descendants), what they name, and the edge rows between them. ``None``
    when ``organisation`` is not an organisation's id."""
    start = _position(tables, "organisations", organisation)
    if start is None:
        return None
    refs = _References(tables)
    sources, targets = refs.reach_edges()
    picked = _walk(refs.index.size, sources, targets, [start])
    del sources, targets
    return refs.rows(picked)


def _position(tables: dict[str, Any], table: str, wanted: str) -> int | None:
    """The node number of ``wanted`` when it is an id of ``table``, else None."""
    import pyarrow.compute as pc

    row = pc.index(tables[table].column("id"), wanted).as_py()
    if row < 0:
        return None
    start = 0
    for name in ENTITY_TABLES:
        if name == table:
            return start + row
        start += len(tables[name])
    raise KeyError(table)


def _bare(tables: dict[str, Any], ids: list[str], pools: tuple[str, ...]) -> nx.MultiDiGraph:
    """A graph of typed nodes only: ``ids`` (where they are ids of the dataset) and every node of
    the tables ``pools``, which is all an analysis reads of a graph before it reports an unknown id."""
    graph = nx.MultiDiGraph()
    for table, node_type in ENTITY_TABLES.items():
        column = tables[table].column("id").to_pylist()
        wanted = set(column) if table in pools else set(ids).intersection(column)
        for node in column:
            if node in wanted:
                graph.add_node(node, type=node_type)
    return graph


def partnership_graph(tables: dict[str, Any], partnership: str, *, name: str = "", hearing: bool = False,
                      origin: str | None = None) -> nx.MultiDiGraph:
    """The part of the engagement graph that ``reach``, ``resilience`` (and with ``hearing``,
    ``hearing``; with ``origin``, ``routes`` from that organisation) of ``partnership`` read.

    Parameters
    ----------
    tables : the valid dataset as Arrow tables (:func:`graphmodel.load.read_columns`).
    partnership : the partnership's id.
    name : the graph's name.
    hearing : also pick what :func:`graphmodel.reporting.hearing` walks.
    origin : an organisation whose routes to ``partnership`` are wanted.

    Returns
    -------
    networkx.MultiDiGraph
        Built by :func:`graphmodel.graph.graph_from_rows` from the picked rows; the analyses
        of ``partnership`` give on it exactly what they give on the whole graph (read it through
        :func:`graphmodel.dated.in_force` as the whole one is). When ``partnership`` (or ``origin``)
        is not an id of its kind, a graph of bare nodes on which they raise the same ``NotFound``.
    """
    from .arrow_tables import to_rows
    from .graph import graph_from_rows

    picked = partnership_rows(tables, partnership, hearing=hearing, origin=origin)
    if picked is None:
        if origin is not None and _position(tables, "partnerships", partnership) is not None:
            part = partnership_graph(tables, partnership, name=name, hearing=hearing)
            for node, attrs in _bare(tables, [origin], ("organisations",)).nodes(data=True):
                if node not in part:
                    part.add_node(node, **attrs)
            return part
        if origin is None:
            return _bare(tables, [partnership], ("partnerships",))
        return _bare(tables, [partnership, origin], ("partnerships", "organisations"))
    return graph_from_rows(name, to_rows(picked), reuse=True)


def organisation_graph(tables: dict[str, Any], organisation: str, *, name: str = "") -> nx.MultiDiGraph:
    """The part of the engagement graph that :func:`graphmodel.reaching.feeds` of ``organisation``
    reads (see :func:`organisation_rows`); a graph of bare nodes when it is not an organisation's id,
    on which ``feeds`` raises the whole graph's ``NotFound``."""
    from .arrow_tables import to_rows
    from .graph import graph_from_rows

    picked = organisation_rows(tables, organisation)
    if picked is None:
        return _bare(tables, [organisation], ("organisations",))
    return graph_from_rows(name, to_rows(picked), reuse=True)
