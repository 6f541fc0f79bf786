"""The part of the engagement graph that one partnership's questions read, chosen on columns.

A question about one partnership ``P`` (its reach, who in it hears back, its
single points of failure) or one organisation (the partnerships it feeds)
reads only a small part of a national dataset, so the command line need not
build the whole networkx graph to answer it. From the valid tables in Arrow
form (:mod:`graphmodel.arrow_tables`) this module picks, walking the edge
arrays of :mod:`graphmodel.arrays`, the rows that part needs, and builds only them with
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
- for an organisation's ``feeds``, instead of all the above: its
  descendants, every node it has a reach path to (the walk of
  :func:`~graphmodel.reaching.feeds`).
- **what the picked rows name**, so the graph can be built from them with
  their fields unchanged: the partnerships a picked partnership feeds into
  (onward; a feeds_into link between partnerships counts too, which may pick
  a partnership more than needed, never less), a picked person's organisation, a seat's partnership, selector,
  holder and person, the communities picked bodies serve and seats represent,
  and their ``part_of`` chains (the analyses' community bits need every wider
  community).
- the edge rows between picked nodes: memberships and links with both ends
  picked, reports sent by a picked seat or partnership.

Organisations, most of a national dataset's ids, are never the target of a
reach edge, so no walk passes through one: the walks run on the other nodes
only, and the organisations are found by id on the rows that name them.

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

from datetime import date
from typing import TYPE_CHECKING, Any

from .adjacency import EngagementGraph, as_networkx, node_data
from .vocabulary import ENTITY_TABLES, REACH_KINDS

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = ["partnership_rows", "partnership_graph", "organisation_rows", "organisation_graph"]


#: The edge kinds the walks follow (the rest are read off the picked rows).
_WALKED = frozenset(REACH_KINDS | {"reports_back", "part_of"})


def _walk(edges, start, seen, *, backwards: bool = False):
    """Mark in ``seen`` (a boolean array over the nodes) every node reachable from ``start`` (node
    numbers) along ``edges`` (:class:`graphmodel.arrays.Edges`), or against them with ``backwards``;
    every start node is expanded, whether seen before or not."""
    import numpy as np

    from .arrays import csr

    sources, targets = (edges.dst, edges.src) if backwards else (edges.src, edges.dst)
    offsets, order = csr(sources, len(seen))
    targets = targets[order]
    frontier = np.unique(np.asarray(start, dtype=np.int64))
    seen[frontier] = True
    while len(frontier):
        lo, hi = offsets[frontier], offsets[frontier + 1]
        counts = hi - lo
        total = int(counts.sum())
        if not total:
            break
        # positions lo..hi-1 of every frontier node, without a Python loop
        firsts = np.cumsum(counts) - counts
        found = targets[np.repeat(lo - firsts, counts) + np.arange(total)]
        frontier = np.unique(found[~seen[found]])
        seen[frontier] = True


class _Picker:
    """The picking of one question's rows.

    Organisations are never the target of a reach edge, so no walk passes through one: the walks run
    on the other nodes, numbered by :func:`graphmodel.arrays.node_index` over the dataset without its
    organisations (which spares a hash of every organisation id, most of a national dataset's ids),
    along :func:`graphmodel.arrays.edge_arrays`; the organisations a question needs are then found by
    their ids (``orgs``), on the rows that name them.
    """

    def __init__(self, tables: dict[str, Any], numbers: dict | None = None):
        import numpy as np

        from .arrays import edge_arrays, node_index

        self.tables = tables
        bodies = dict(tables, organisations=tables["organisations"].slice(0, 0))
        self.index = node_index(bodies)
        if numbers:  # the reader's numbers count the organisations first: without them, one less each
            skip = len(tables["organisations"])
            numbers = {key: codes - skip for key, codes in numbers.items() if key[0] != "organisations"}
        edges = edge_arrays(bodies, self.index, kinds=_WALKED, numbers=numbers or None)
        self.edges = edges.where((edges.src >= 0) & (edges.dst >= 0))  # edges from an organisation go
        self.picked = np.zeros(len(self.index), dtype=bool)
        self.orgs: list = []  # Arrow arrays of ids: the organisations picked (and other ids, ignored)

    def number(self, table: str, wanted: str) -> int | None:
        """The node number of ``wanted`` when it is an id of ``table`` (not organisations), else None."""
        row = _row(self.tables, table, wanted)
        return None if row is None else self.index.starts[table] + row

    def of_kind(self, *kinds: str):
        return self.edges.where(self.edges.of_kind(*kinds))

    def within(self, numbers, table: str):
        """A boolean array: which of ``numbers`` are rows of ``table``."""
        r = self.index.range(table)
        return (numbers >= r.start) & (numbers < r.stop)

    def walk(self, edges, start, *, backwards: bool = False) -> None:
        _walk(edges, start, self.picked, backwards=backwards)

    def rows_of(self, table: str):
        """The rows of ``table`` whose node is picked."""
        import pyarrow as pa

        r = self.index.range(table)
        return self.tables[table].filter(pa.array(self.picked[r.start:r.stop]))

    def ids(self):
        """The picked nodes' ids (organisations apart)."""
        import pyarrow as pa

        return self.index.array.filter(pa.array(self.picked))

    def ancestors(self, root: int) -> None:
        """Pick every node with a reach path to ``root``: the walk back, then the organisations with a
        reach edge into a picked node (members of picked networks, selectors and holders of picked seats,
        sources of feeds_into links to picked bodies)."""
        import pyarrow.compute as pc

        self.walk(self.of_kind(*REACH_KINDS), [root], backwards=True)
        ids = self.ids()
        members = self.tables["memberships"]
        links = self.tables["links"]
        seats = self.rows_of("seats")
        self.orgs += [members.filter(pc.is_in(members.column("network"), value_set=ids)).column("member"),
                      seats.column("selected_by"), seats.column("holder"),
                      links.filter(pc.and_(pc.equal(links.column("kind"), "feeds_into"),
                                           pc.is_in(links.column("target"), value_set=ids))).column("source")]

    def descendants(self, organisation: str) -> None:
        """Pick ``organisation`` and every node it has a reach path to: the bodies its own reach edges
        lead to (the networks it is a member of, the seats it selects or holds, the partnerships it feeds
        into by a link), then the walk on from them."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        tables = self.tables
        one = pa.array([organisation], pa.string())
        members, seats, links = tables["memberships"], tables["seats"], tables["links"]
        first = [members.filter(pc.is_in(members.column("member"), value_set=one)).column("network"),
                 seats.filter(pc.or_(pc.is_in(seats.column("selected_by"), value_set=one),
                                     pc.is_in(seats.column("holder"), value_set=one))).column("id"),
                 links.filter(pc.and_(pc.equal(links.column("kind"), "feeds_into"),
                                      pc.is_in(links.column("source"), value_set=one))).column("target")]
        found = pc.index_in(pa.chunked_array([c for f in first for c in f.chunks], pa.string()),
                            value_set=self.index.array)
        self.walk(self.of_kind(*REACH_KINDS), found.drop_null().to_numpy(zero_copy_only=False).astype(np.int64))
        self.orgs.append(one)

    def hear(self) -> None:
        """Pick the walk of :func:`graphmodel.reporting.hearing` from the picked seats: the bodies they
        report back to, member networks of networks and the bodies a partnership reports back to, onward
        (organisations met on it matter only when in the reach, where they are picked already)."""
        import numpy as np

        from .arrays import Edges

        reports, members = self.of_kind("reports_back"), self.of_kind("member_of")
        starts = reports.dst[self.within(reports.src, "seats") & self.picked[reports.src]]
        reports = reports.where(self.within(reports.src, "partnerships"))
        # network -> member network, partnership -> the body it reports back to
        onward = Edges(np.concatenate([members.dst, reports.src]), np.concatenate([members.src, reports.dst]),
                       np.concatenate([members.kind, reports.kind]), members.n)
        self.walk(onward, starts)

    def rows(self) -> dict[str, Any]:
        """The rows of the picked nodes, of what they name (onward, so that the graph can be built from
        them: seats' partnership, selector, holder and person, people's organisations, the partnerships
        a partnership feeds into, the communities served and represented and their part_of chains), and
        the membership, link and report rows between picked nodes."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        picked, index, tables = self.picked, self.index, self.tables
        ends = self.of_kind("sits_on")
        picked[ends.dst[picked[ends.src]]] = True
        ends = self.of_kind("selects", "holds")
        picked[ends.src[picked[ends.dst]]] = True
        seats = self.rows_of("seats")
        self.orgs += [seats.column("selected_by"), seats.column("holder"),
                      self.rows_of("people").column("organisation")]
        feeds = self.of_kind("feeds_into")
        parts = index.range("partnerships")
        self.walk(feeds.where(self.within(feeds.src, "partnerships")),
                  np.flatnonzero(picked[parts.start:parts.stop]) + parts.start)

        orgs = tables["organisations"]
        wanted = pa.chunked_array([c for a in self.orgs for c in getattr(a, "chunks", [a])], pa.string())
        out = {"organisations": orgs.filter(pc.is_in(orgs.column("id"), value_set=pc.unique(wanted.drop_null())))}
        named = [out["organisations"].column("serves"), self.rows_of("networks").column("serves"),
                 self.rows_of("seats").column("represents")]
        communities = index.range("communities")
        found = pc.index_in(pa.chunked_array([c for n in named for c in pc.list_flatten(n).chunks], pa.string()),
                            value_set=index.array.slice(communities.start, len(communities)))
        picked[found.drop_null().to_numpy(zero_copy_only=False).astype(np.int64) + communities.start] = True
        self.walk(self.of_kind("part_of"), np.flatnonzero(picked[communities.start:communities.stop])
                  + communities.start)

        for table in ENTITY_TABLES:
            if table != "organisations":
                out[table] = self.rows_of(table)
        ids = pa.concat_arrays([self.ids(), *out["organisations"].column("id").chunks])

        def between(table: str, *columns: str):
            keep = None
            for column in columns:
                inside = pc.is_in(tables[table].column(column), value_set=ids)
                keep = inside if keep is None else pc.and_(keep, inside)
            return tables[table].filter(keep)

        out["memberships"] = between("memberships", "member", "network")
        out["links"] = between("links", "source", "target")
        out["reports"] = between("reports", "from")
        return {table: out[table] for table in tables}


def partnership_rows(tables: dict[str, Any], partnership: str, *, hearing: bool = False,
                     origin: str | None = None, numbers: dict | None = None) -> dict[str, Any] | None:
    """The rows of ``tables`` (Arrow, see :mod:`graphmodel.arrow_tables`) that the questions about
    ``partnership`` read: see the module's notes. ``None`` when ``partnership`` is not a partnership's
    id (or ``origin`` not an organisation's), for :func:`partnership_graph` to report as the whole
    graph would. ``numbers``: the reader's node numbers of the references, when it has them
    (:func:`graphmodel.load.read_columns`' ``numbers``), so the ids are not looked up again."""
    if _row(tables, "partnerships", partnership) is None or (
            origin is not None and _row(tables, "organisations", origin) is None):
        return None
    picker = _Picker(tables, numbers)
    picker.ancestors(picker.number("partnerships", partnership))
    if hearing:
        picker.hear()
    if origin is not None:
        import pyarrow as pa

        picker.orgs.append(pa.array([origin], pa.string()))
    return picker.rows()


def organisation_rows(tables: dict[str, Any], organisation: str, *, numbers: dict | None = None
                      ) -> dict[str, Any] | None:
    """The rows of ``tables`` that :func:`graphmodel.reaching.feeds` of ``organisation`` reads: the nodes
    it has a reach path to (its descendants), what they name, and the edge rows between them. ``None``
    when ``organisation`` is not an organisation's id (``numbers`` as for :func:`partnership_rows`)."""
    if _row(tables, "organisations", organisation) is None:
        return None
    picker = _Picker(tables, numbers)
    picker.descendants(organisation)
    return picker.rows()


def _row(tables: dict[str, Any], table: str, wanted: str) -> int | None:
    """The row of ``wanted`` in ``table``'s ids, or None."""
    import pyarrow.compute as pc

    row = pc.index(tables[table].column("id"), wanted).as_py()
    return None if row < 0 else row


def _bare(tables: dict[str, Any], ids: list[str], pools: tuple[str, ...]) -> EngagementGraph:
    """A graph of typed nodes only: ``ids`` (where they are ids of the dataset) and every node of
    the tables ``pools``, which is all an analysis reads of a graph before it reports an unknown id."""
    graph = EngagementGraph()
    for table, node_type in ENTITY_TABLES.items():
        column = tables[table].column("id").to_pylist()
        wanted = set(column) if table in pools else set(ids).intersection(column)
        for node in column:
            if node in wanted:
                graph.add_node(node, type=node_type)
    return graph


def partnership_graph(tables: dict[str, Any], partnership: str, *, name: str = "", hearing: bool = False,
                      origin: str | None = None, numbers: dict | None = None,
                      as_of: date | None = None, networkx: bool = True) -> AnyGraph:
    """The part of the engagement graph that ``reach``, ``resilience`` (and with ``hearing``,
    ``hearing``; with ``origin``, ``routes`` from that organisation) of ``partnership`` read.

    Parameters
    ----------
    tables : the valid dataset as Arrow tables (:func:`graphmodel.load.read_columns`).
    partnership : the partnership's id.
    name : the graph's name.
    hearing : also pick what :func:`graphmodel.reporting.hearing` walks.
    origin : an organisation whose routes to ``partnership`` are wanted.
    numbers : the reader's node numbers of the references (:func:`graphmodel.load.read_columns`).
    as_of : leave out the memberships not in force on this day: the graph is then the one
        :func:`graphmodel.dated.in_force` gives for it (built so, not copied without them).
    networkx : False for an :class:`~graphmodel.adjacency.EngagementGraph` (no networkx imported).

    Returns
    -------
    networkx.MultiDiGraph or EngagementGraph
        Built by :func:`graphmodel.graph.graph_from_rows` from the picked rows; the analyses
        of ``partnership`` give on it exactly what they give on the whole graph (read it through
        :func:`graphmodel.dated.in_force` as the whole one is). When ``partnership`` (or ``origin``)
        is not an id of its kind, a graph of bare nodes on which they raise the same ``NotFound``.
    """
    from .arrow_tables import to_rows
    from .graph import graph_from_rows

    picked = partnership_rows(tables, partnership, hearing=hearing, origin=origin, numbers=numbers)
    if picked is None:
        if origin is not None and _row(tables, "partnerships", partnership) is not None:
            part = partnership_graph(tables, partnership, name=name, hearing=hearing, numbers=numbers, as_of=as_of,
                                     networkx=networkx)
            for node, attrs in node_data(_bare(tables, [origin], ("organisations",))).items():
                if node not in part:
                    part.add_node(node, **attrs)
            return part
        bare = (_bare(tables, [partnership], ("partnerships",)) if origin is None
                else _bare(tables, [partnership, origin], ("partnerships", "organisations")))
        return as_networkx(bare) if networkx else bare
    return graph_from_rows(name, to_rows(_in_force(picked, as_of)), reuse=True, networkx=networkx)


def organisation_graph(tables: dict[str, Any], organisation: str, *, name: str = "",
                       numbers: dict | None = None, as_of: date | None = None, networkx: bool = True) -> AnyGraph:
    """The part of the engagement graph that :func:`graphmodel.reaching.feeds` of ``organisation``
    reads (see :func:`organisation_rows`); a graph of bare nodes when it is not an organisation's id,
    on which ``feeds`` raises the whole graph's ``NotFound`` (``numbers`` and ``as_of`` as for
    :func:`partnership_graph`; ``networkx`` as for it)."""
    from .arrow_tables import to_rows
    from .graph import graph_from_rows

    picked = organisation_rows(tables, organisation, numbers=numbers)
    if picked is None:
        bare = _bare(tables, [organisation], ("organisations",))
        return as_networkx(bare) if networkx else bare
    return graph_from_rows(name, to_rows(_in_force(picked, as_of)), reuse=True, networkx=networkx)


def _in_force(picked: dict[str, Any], as_of: date | None) -> dict[str, Any]:
    """The picked rows without the memberships not in force on ``as_of`` (all of them without a day),
    judged as :func:`graphmodel.dated.in_force` judges the edges they make (see
    :func:`graphmodel.arrays.out_of_force_rows`)."""
    memberships = picked["memberships"]
    if as_of is None or not len(memberships):
        return picked
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from .arrays import _out_of_force

    ends = pc.dictionary_encode(pa.chunked_array([*memberships.column("member").chunks,
                                                  *memberships.column("network").chunks], pa.string()).combine_chunks())
    codes = ends.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    half = len(memberships)
    gone = _out_of_force(memberships, codes[:half], codes[half:], len(ends.dictionary), as_of)
    return dict(picked, memberships=memberships.filter(pa.array(~gone))) if gone.any() else picked
