"""A dataset's graph as GraphML text, written straight from the graph's dicts, without networkx.

What :func:`write_graphml` writes is what ``networkx.write_graphml`` writes for the graph with every
attribute a plain scalar (see :func:`scalar`; people's names and notes left out unless asked): the
same keys (one per attribute name, scope and type, its ``attr.type`` inferred from the Python
values as networkx infers it, numbered in the order networkx meets them), nodes, edges and data, in
the same order and layout. ``tests/test_graphml_writing.py`` checks the bytes are the same.
The graph is read only through :mod:`graphmodel.adjacency` and ``graph.graph``, so both forms of the
graph (networkx's and the analyses' own) are written alike.

>>> import io, networkx as nx
>>> g = nx.MultiDiGraph(name="tiny")
>>> g.add_node("a", type="organisation", count=3, serves=("x", "y"))
>>> g.add_edge("a", "x", key="serves", kind="serves")
'serves'
>>> out = io.StringIO()
>>> write_graphml(g, out)
>>> print(out.getvalue().split("<graph ")[1].split("</graph>")[0])
edgedefault="directed">
    <node id="a">
      <data key="d1">organisation</data>
      <data key="d2">3</data>
      <data key="d3">x;y</data>
    </node>
    <node id="x" />
    <edge source="a" target="x" id="serves">
      <data key="d4">serves</data>
    </edge>
    <data key="d0">tiny</data>
<BLANKLINE>
"""

from __future__ import annotations

from typing import IO, Any

from .adjacency import node_data, out_edges
from .output import xml_text
from .vocabulary import NODE_TYPES
from .writers import cell_text
from .xml_escaping import attribute_value, character_data

__all__ = ["write_graphml", "scalar"]

_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
         '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
         'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')


def scalar(value: Any) -> Any:
    """A plain value GraphML and GEXF can hold: text with no character XML 1.0 forbids.

    >>> scalar(("a", "b")), scalar(2), scalar("a\\x00")
    ('a;b', 2, 'a\\\\x00')
    """
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, (bool, int, float)):
        return value
    return xml_text(cell_text(value))


def _typed(value: Any) -> tuple[str, str]:
    """A value's GraphML ``attr.type`` (as networkx infers it from the Python value of :func:`scalar`)
    and its text, escaped for XML character data."""
    cls = value.__class__
    if cls is str:
        kind, text = "string", xml_text(value)
    elif cls is bool:
        return "boolean", "True" if value else "False"
    elif cls is int or cls is float:
        return ("long" if cls is int else "double"), str(value)
    elif cls is tuple and all(v.__class__ is str for v in value):  # a list column: ids or free text
        kind, text = "string", xml_text(";".join(value))
    else:
        value = scalar(value)
        if isinstance(value, bool):  # bool before int: it is one
            return "boolean", str(value)
        if isinstance(value, (int, float)):
            return ("long" if isinstance(value, int) else "double"), str(value)
        kind, text = "string", str(value)
    return kind, character_data(text)


class _Keys:
    """The GraphML keys met so far: (name, type, scope) -> id, numbered as networkx numbers them."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}

    def data(self, scope: str, attrs: dict[str, Any], left_out: tuple = ()) -> str:
        """The data elements of ``attrs`` (``None`` values and those named in ``left_out`` left
        out), a key made for each (name, type) not met before."""
        out = []
        ids = self.ids
        for name, value in attrs.items():
            if value is None or name in left_out:
                continue
            kind, text = _typed(value)
            key = (name if name.__class__ is str else str(name), kind, scope)
            found = ids.get(key)
            if found is None:
                found = ids[key] = f"d{len(ids)}"
            out.append(f'      <data key="{found}">{text}</data>\n')
        return "".join(out)

    def lines(self) -> list[str]:
        """The key elements, newest first (as networkx writes them)."""
        return [f'  <key id="{i}" for="{scope}" attr.name="{attribute_value(name)}" attr.type="{kind}" />\n'
                for (name, kind, scope), i in reversed(self.ids.items())]


def write_graphml(graph, handle: IO[str], *, include_people: bool = False) -> None:
    """Write ``graph`` (a dataset's graph, as :func:`graphmodel.load.read_graph` gives it) as GraphML
    text to ``handle`` (opened for text in UTF-8): every attribute a plain scalar, ``None`` values
    left out (and empty lists on nodes), people's names and notes left out unless ``include_people``;
    of the graph's own attributes only its name."""
    private = ("name", "notes") if not include_people else ()
    person = NODE_TYPES["people"]
    nodes, succ = node_data(graph), out_edges(graph)
    keys = _Keys()
    graph_kind, graph_name = _typed(xml_text(graph.graph["name"]))
    keys.ids[("name", graph_kind, "graph")] = "d0"
    ids: dict[Any, str] = {}  # node -> its id as an XML attribute, made once
    body = []
    for node, attrs in nodes.items():
        ids[node] = ident = attribute_value(str(node))
        if () in attrs.values():  # left out on nodes (not on edges), as the copy for networkx left them out
            attrs = {k: v for k, v in attrs.items() if v != ()}
        data = keys.data("node", attrs, private if attrs.get("type") == person else ())
        body.append(f'    <node id="{ident}">\n{data}    </node>\n' if data else f'    <node id="{ident}" />\n')
    for node in _nodes_only_in_edges(nodes, succ):  # as networkx adds an edge's missing end: no data
        ids[node] = ident = attribute_value(str(node))
        body.append(f'    <node id="{ident}" />\n')
    edge_ids: dict[Any, str] = {}
    for u, targets in succ.items():
        source = ids[u]
        for v, by_key in targets.items():
            start = f'    <edge source="{source}" target="{ids[v]}" id="'
            for key, attrs in by_key.items():
                ident = edge_ids.get(key)
                if ident is None:
                    ident = edge_ids[key] = attribute_value(str(key))
                data = keys.data("edge", attrs)
                body.append(f'{start}{ident}">\n{data}    </edge>\n' if data else f'{start}{ident}" />\n')
    handle.write(_HEAD)
    handle.write("".join(keys.lines()))
    handle.write('  <graph edgedefault="directed">\n')
    handle.write("".join(body))
    handle.write(f'    <data key="d0">{graph_name}</data>\n  </graph>\n</graphml>\n')


def _nodes_only_in_edges(nodes: dict, succ: dict) -> list:
    """Ends of edges that are not nodes of their own, in the order networkx's ``add_edge`` would add them."""
    missing: dict = {}
    for u, targets in succ.items():
        if u not in nodes:
            missing[u] = None
        for v in targets:
            if v not in nodes:
                missing[v] = None
    return list(missing)
