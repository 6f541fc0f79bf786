"""The engagement network as one networkx ``MultiDiGraph``.

Edges run towards decision-making (FORMAT.md section 3). Each node carries
its row's fields plus ``type`` (one of :data:`NODE_TYPES`); each edge carries
``kind`` (one of :data:`EDGE_KINDS`) and is keyed by it, so one pair of nodes
has at most one edge of each kind.

The ``reports`` table (evidence that reporting back happened) makes no edges:
``graph.graph["reports"]`` maps each reporting seat or partnership to its
reports as ``(date, to, channel)`` tuples, oldest first, and each
``reports_back`` edge with reports carries ``last_reported`` (its newest
report's date) and ``reports`` (how many). ``graph.graph["has_reports"]``
says whether the dataset has any report at all.

>>> from graphmodel.model import Dataset, Organisation, Network, Membership
>>> ds = Dataset(
...     organisations=[Organisation(id="tra", name="Tenants", sector="vcs")],
...     networks=[Network(id="cen", name="CEN", led_by="vcs")],
...     memberships=[Membership(member="tra", network="cen")],
... )
>>> g = build_graph(ds)
>>> g.nodes["cen"]["type"], list(g.edges(keys=True))
('network', [('tra', 'cen', 'member_of')])
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from .adjacency import EngagementGraph, as_networkx, in_edges, node_data, out_edges
from .column_specs import COLUMNS
from .columns import as_columns
from .gcpause import paused_gc
from .vocabulary import EDGE_KINDS, LINK_ATTRIBUTES, MEMBERSHIP_ATTRIBUTES, NODE_TYPES, REACH_KINDS, TABLE_NAMES

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .adjacency import AnyGraph

    from .model import Dataset

__all__ = ["NODE_TYPES", "EDGE_KINDS", "REACH_KINDS", "build_graph", "graph_from_rows", "node_attributes"]

#: table -> the columns holding an enum
_ENUM_FIELDS = {table: tuple(name for name, spec in specs.items() if spec.kind == "enum")
                for table, specs in COLUMNS.items()}


def node_attributes(row: BaseModel, node_type: str) -> dict[str, Any]:
    """A row's fields as plain values (enums as their strings), plus ``type``."""
    return _plain(dict(row.__dict__), node_type, [k for k, v in row.__dict__.items() if isinstance(v, Enum)])


def _plain(attrs: dict[str, Any], node_type: str, enum_fields) -> dict[str, Any]:
    for name in enum_fields:
        value = attrs[name]
        if value is not None:
            attrs[name] = value._value_
    if "required" in attrs:
        attrs["required"] = tuple(str(r) for r in attrs["required"])
    attrs["type"] = node_type
    return attrs


def build_graph(dataset: Dataset, *, networkx: bool = True) -> AnyGraph:
    """Turn a valid dataset into the engagement graph.

    Parameters
    ----------
    dataset : Dataset
        A validated dataset (see :func:`graphmodel.load_dataset`).
    networkx : bool
        False for the same graph as an :class:`~graphmodel.adjacency.EngagementGraph`.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by id with ``type`` and their fields; edges keyed by kind,
        with ``kind`` and their non-empty attributes.
    """
    return graph_from_rows(dataset.name, {t: [row.__dict__ for row in dataset.rows(t)] for t in TABLE_NAMES},
                           networkx=networkx)


def graph_from_rows(name: str, tables: dict[str, list[dict[str, Any]]], *, reuse: bool = False,
                    networkx: bool = True) -> AnyGraph:
    """The engagement graph from valid rows given as dicts by table.

    With ``reuse`` the entity rows' dicts become the node attribute dicts
    (changed in place), which saves a copy of every row; only the loader,
    which owns its rows, asks for that. With ``networkx=False`` the same
    graph comes as a :class:`~graphmodel.adjacency.EngagementGraph`, which
    every analysis takes and which needs no networkx (the command line's form).

    Notes
    -----
    The adjacency dicts are filled directly, as ``MultiDiGraph.add_edge``
    fills them, because the public methods cost several microseconds an
    edge and a national dataset has millions of edges; a test checks the
    result equals a graph built through the public API.
    """
    with paused_gc():
        graph = _build(name, tables, reuse)
        return as_networkx(graph) if networkx else graph


def _build(name: str, tables: dict[str, list[dict[str, Any]]], reuse: bool) -> EngagementGraph:
    # one form, the loader's: entity tables as row dicts, the others as Columns (made once here if not)
    tables = {t: rows if t in NODE_TYPES else as_columns(rows) for t, rows in tables.items()}
    graph = EngagementGraph(name)
    node, succ, pred = node_data(graph), out_edges(graph), in_edges(graph)
    for table, node_type in NODE_TYPES.items():
        enum_fields = _ENUM_FIELDS[table]
        for row in tables[table]:
            node_id = row["id"]
            node[node_id] = _plain(row if reuse else dict(row), node_type, enum_fields)
            succ[node_id] = {}
            pred[node_id] = {}

    def edge(u: str, v: str, kind: str, **attrs) -> None:
        data = {"kind": kind}
        for key, value in attrs.items():
            if value is not None:
                data[key] = value
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = {}
        if kind in keydict:
            keydict[kind].update(data)
        else:
            keydict[kind] = data

    def plain(u: str, v: str, kind: str) -> None:
        """An edge with no attributes: the hot path for serves and membership edges."""
        targets = succ[u]
        keydict = targets.get(v)
        if keydict is None:
            targets[v] = pred[v][u] = {kind: {"kind": kind}}
        elif kind not in keydict:
            keydict[kind] = {"kind": kind}

    for table in ("organisations", "networks"):
        for row in tables[table]:
            for c in row["serves"]:
                plain(row["id"], c, "serves")
    for part in tables["partnerships"]:
        for p in part["feeds_into"]:
            plain(part["id"], p, "feeds_into")
    for com in tables["communities"]:
        if com["part_of"]:
            plain(com["id"], com["part_of"], "part_of")
    memberships = tables["memberships"]
    # the largest table: read column by column and written out here rather than through edge()
    for member, network, role, since, until in zip(*(memberships.get(c, ())
                                                     for c in ("member", "network", *MEMBERSHIP_ATTRIBUTES))):
        data = {"kind": "member_of"}
        if role is not None:
            data["role"] = role
        if since is not None:
            data["since"] = since
        if until is not None:
            data["until"] = until
        targets = succ[member]
        keydict = targets.get(network)
        if keydict is None:
            targets[network] = pred[network][member] = {"member_of": data}
        elif "member_of" in keydict:
            keydict["member_of"].update(data)
        else:
            keydict["member_of"] = data
    for seat in tables["seats"]:
        seat_id = seat["id"]
        plain(seat_id, seat["partnership"], "sits_on")
        for c in seat["represents"]:
            plain(seat_id, c, "represents")
        if seat["selected_by"]:
            method = seat["method"]
            edge(seat["selected_by"], seat_id, "selects", method=getattr(method, "value", method))
        if seat["holder"]:
            plain(seat["holder"], seat_id, "holds")
        if seat["person"]:
            plain(seat["person"], seat_id, "holds")
    for person in tables["people"]:
        if person["organisation"]:
            plain(person["id"], person["organisation"], "affiliated_with")
    for link in tables["links"].rows():
        kind = link["kind"]
        edge(link["source"], link["target"], getattr(kind, "value", kind),
             **{name: link.get(name) for name in LINK_ATTRIBUTES})
    _add_reports(graph, tables.get("reports", ()))
    return graph


def _add_reports(graph: EngagementGraph, reports) -> None:
    """The reports, by sender, oldest first; newest date and count on each reports_back edge they used."""
    by_sender: dict[str, list[tuple]] = {}
    if len(reports):
        for sender, to, when, channel in zip(*(reports[c] for c in ("from", "to", "date", "channel"))):
            by_sender.setdefault(sender, []).append((when, to, channel))
    succ = out_edges(graph)
    for sender, found in by_sender.items():
        found.sort(key=lambda r: (r[0], r[1], r[2] or ""))
        for when, to, _ in found:
            data = succ[sender].get(to, {}).get("reports_back")
            if data is not None:
                data["reports"] = data.get("reports", 0) + 1
                data["last_reported"] = when
    graph.graph["reports"] = by_sender
    graph.graph["has_reports"] = bool(by_sender)
