"""Take the map elsewhere: the dataset as CSV or XLSX, the graph as GraphML or GEXF, the
network as Popolo JSON, and a blank workbook to start from.

People's names are personal data: exports leave them out unless ``include_people``.

>>> import tempfile, pathlib
>>> from graphmodel.model import Dataset
>>> target = pathlib.Path(tempfile.mkdtemp()) / "net.graphml"
>>> ds = Dataset(organisations=[{"id": "a", "name": "A", "sector": "vcs"}])
>>> export(ds, "graphml", target).name
'net.graphml'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .adjacency import node_data, out_edges
from .column_specs import COLUMNS
from .exceptions import DatasetError, EngagemapError
from .files import atomic_file, atomic_path
from .output import xml_text
from .template_workbook import EXAMPLE_ROWS  # noqa: F401 (this module's name before)
from .vocabulary import NODE_TYPES
from .writers import cell_text, write_csv_folder

if TYPE_CHECKING:
    import networkx as nx

    from .adjacency import AnyGraph

    from .model import Dataset

__all__ = ["FORMATS", "export", "export_graph", "export_rows", "popolo", "write_xlsx", "write_xlsx_rows", "write_template",
           "without_names", "rows_without_names"]

FORMATS = ("csv", "xlsx", "graphml", "gexf", "popolo")


def popolo(dataset: Dataset) -> dict:
    """The network in Popolo JSON: organisations, networks and partnerships as organizations,
    seats as posts, network memberships and seat holders as memberships (``post_id`` and
    ``on_behalf_of_id``: the body that selected the holder; a vacant seat's membership has no
    member), communities of place as areas. A seat's role (chair, vice chair, observer, deputy for
    another seat) is in its post's ``label`` and its holder's membership ``label``; a seat selected
    by a partnership has that partnership as ``on_behalf_of_id``.
    People appear only if their names are in ``dataset`` (see :func:`without_names`)."""
    organizations = []
    for org in dataset.organisations:
        item = {"id": org.id, "name": org.name, "classification": f"organisation ({org.sector.value})"}
        if org.identifiers:
            item["identifiers"] = [{"identifier": i.split("-", 2)[-1], "scheme": "-".join(i.split("-")[:2])}
                                   if i.count("-") >= 2 else {"identifier": i} for i in org.identifiers]
        organizations.append(item)
    for net in dataset.networks:
        organizations.append({"id": net.id, "name": net.name, "classification": f"network (led by {net.led_by.value})"})
    for part in dataset.partnerships:
        item = {"id": part.id, "name": part.name, "classification": f"partnership ({part.level.value})"}
        if part.feeds_into:
            item["parent_id"] = part.feeds_into[0]
        organizations.append(item)
    places = {c.id for c in dataset.communities if c.kind.value == "place"}
    areas = [{"id": c.id, "name": c.name, "classification": "community of place",
              **({"parent_id": c.part_of} if c.part_of in places else {})}
             for c in dataset.communities if c.id in places]
    parts = {p.id: p.name for p in dataset.partnerships}
    posts, memberships = [], []
    for seat in dataset.seats:
        role = _role_label(seat)
        post = {"id": seat.id, "label": f"{role + ', ' if role else ''}{seat.sector.value} seat on "
                                       f"{parts[seat.partnership]}",
                "role": seat.sector.value, "organization_id": seat.partnership}
        area = next((c for c in seat.represents if c in places), None)
        if area:
            post["area_id"] = area
        if seat.term_start:
            post["start_date"] = seat.term_start.isoformat()
        posts.append(post)
        holder = {"organization_id": seat.partnership, "post_id": seat.id,
                  **({"on_behalf_of_id": seat.selected_by} if seat.selected_by else {}),
                  **({"role": seat.method.value} if seat.method else {}),
                  **({"label": role} if role else {}),
                  **({"start_date": seat.term_start.isoformat()} if seat.term_start else {}),
                  **({"end_date": seat.term_end.isoformat()} if seat.term_end else {})}
        if seat.holder:
            memberships.append({"id": f"{seat.id}.holder", "member": {"type": "organization", "id": seat.holder},
                                **holder})
        if seat.person and any(p.id == seat.person and p.name for p in dataset.people):
            memberships.append({"id": f"{seat.id}.person", "person_id": seat.person, **holder})
        if not seat.filled and len(holder) > 2:  # a vacancy: who selects, how, for what term
            memberships.append({"id": f"{seat.id}.vacancy", **holder})
    for i, m in enumerate(dataset.memberships, start=1):
        memberships.append({"id": f"membership.{i}", "organization_id": m.network,
                            "member": {"type": "organization", "id": m.member},
                            **({"role": m.role} if m.role else {}),
                            **({"start_date": m.since.isoformat()} if m.since else {}),
                            **({"end_date": m.until.isoformat()} if m.until else {})})
    persons = [{"id": p.id, "name": p.name} for p in dataset.people if p.name]
    return {"organizations": organizations, "areas": areas, "posts": posts, "memberships": memberships,
            "persons": persons}


def _role_label(seat) -> str:
    """A seat's role in words for Popolo labels ("" for a plain member)."""
    if seat.deputy:
        return "deputy" + (f" for {seat.deputy_of}" if seat.deputy_of else "")
    return "" if seat.role.value == "member" else seat.role.value.replace("_", " ")


def without_names(dataset: Dataset) -> Dataset:
    """The dataset with people's names and notes removed (their ids and organisations stay):
    notes about a person are personal data as much as the name."""
    people = tuple(p.model_copy(update={"name": None, "notes": None}) for p in dataset.people)
    return dataset.model_copy(update={"people": people})


def _scalar_graph(graph: AnyGraph, include_people: bool) -> nx.MultiDiGraph:
    """The graph with every attribute a plain scalar (what GraphML and GEXF can hold); people's
    names and notes left out unless ``include_people`` (as :func:`without_names` leaves them out)."""
    import networkx as nx

    from .graphml_writing import scalar

    private = () if include_people else ("name", "notes")
    out = nx.MultiDiGraph(name=xml_text(graph.graph["name"]))
    for node, attrs in node_data(graph).items():
        left_out = private if attrs.get("type") == NODE_TYPES["people"] else ()
        out.add_node(node, **{k: scalar(v) for k, v in attrs.items()
                              if v is not None and v != () and k not in left_out})
    for u, targets in out_edges(graph).items():
        for v, keys in targets.items():
            for key, attrs in keys.items():
                out.add_edge(u, v, key=key, **{k: scalar(x) for k, x in attrs.items() if x is not None})
    return out


def write_xlsx(dataset: Dataset, target: str | os.PathLike) -> Path:
    """Every table as a sheet of one workbook (bold headers), written atomically."""
    return write_xlsx_rows({table: [row.__dict__ for row in dataset.rows(table)] for table in COLUMNS}, target)


def write_xlsx_rows(tables: dict[str, list[dict[str, Any]]], target: str | os.PathLike) -> Path:
    """:func:`write_xlsx` for a dataset given as its valid rows by table (as
    :func:`graphmodel.load.read_rows` reads them): no model made. Every cell is text (never a
    formula, whatever it starts with) that a workbook can hold (see :func:`graphmodel.output.xml_text`)."""
    from .xlsx_writing import write_workbook

    too_big: list[str] = []
    sheets = ((table, list(specs), _texts(table, tables.get(table, ()), list(specs), too_big))
              for table, specs in COLUMNS.items())
    with atomic_path(target, suffix=".xlsx") as tmp:
        write_workbook(tmp, sheets)
        if too_big:  # a workbook would lose what it cannot hold: refused, nothing written
            raise DatasetError(too_big)
    return Path(target)


def _texts(table: str, rows, columns: list[str], too_big: list[str]):
    """Each row's cells as workbook text, in the order of ``columns``; a line added to ``too_big``
    for each text longer than a cell holds and for a table longer than a sheet holds."""
    from .xlsx_writing import MAX_CELL_TEXT, MAX_ROWS

    if len(rows) >= MAX_ROWS:
        too_big.append(f"{table}: {len(rows):,} rows, more than the {MAX_ROWS - 1:,} a worksheet holds under its "
                       "header; export --to csv instead")
    for number, row in enumerate(rows, start=1):
        out = []
        for c in columns:
            value = row[c]
            text = xml_text(value if value.__class__ is str else cell_text(value))  # a workbook holds no control
            if len(text) > MAX_CELL_TEXT:
                where = f"id {row['id']}" if row.get("id") else f"row {number}"
                too_big.append(f"{table} {where}, column {c}: {len(text):,} characters, more than the "
                               f"{MAX_CELL_TEXT:,} a workbook cell holds; export --to csv keeps text of any length")
            out.append(text)
        yield out


def rows_without_names(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """:func:`without_names` for a dataset given as its rows by table (the rows are not changed)."""
    people = [{**row, "name": None, "notes": None} for row in tables.get("people", ())]
    return {**tables, "people": people}


def export_rows(tables: dict[str, list[dict[str, Any]]], to: str, target: str | os.PathLike, *,
                include_people: bool = False) -> Path:
    """:func:`export` as ``xlsx`` for a dataset given as its valid rows by table (as
    :func:`graphmodel.load.read_rows` reads them): the same workbook, no model made."""
    if to != "xlsx":
        raise EngagemapError(f"cannot export rows as {to!r}; export a loaded dataset instead")
    if not include_people:
        tables = rows_without_names(tables)
    return write_xlsx_rows(tables, target)


def export(dataset: Dataset, to: str, target: str | os.PathLike, *, include_people: bool = False,
           force: bool = False) -> Path:
    """Write ``dataset`` as ``to`` (one of :data:`FORMATS`) at ``target`` (``force``: a csv folder may
    go into a folder engagemap did not write, see :func:`graphmodel.files.atomic_folder`)."""
    if to in ("graphml", "gexf"):
        from .graph import build_graph

        return export_graph(build_graph(dataset), to, target, include_people=include_people)
    if not include_people:
        dataset = without_names(dataset)
    if to == "csv":
        return write_csv_folder(dataset, target, force=force)
    if to == "xlsx":
        return write_xlsx(dataset, target)
    if to == "popolo":
        import json

        with atomic_path(target, suffix=".json") as tmp:
            tmp.write_text(json.dumps(popolo(dataset), indent=2, ensure_ascii=False), encoding="utf-8")
        return Path(target)
    raise EngagemapError(f"cannot export as {to!r}; the formats are {', '.join(FORMATS)}")


def export_graph(graph: AnyGraph, to: str, target: str | os.PathLike, *,
                 include_people: bool = False) -> Path:
    """Write a dataset's graph (as :func:`graphmodel.graph.build_graph` or :func:`graphmodel.load.read_graph`
    make it) as ``graphml`` or ``gexf`` at ``target``: every attribute a plain scalar, people's names
    and notes left out unless ``include_people``. ``graph`` is not changed."""
    if to not in ("graphml", "gexf"):
        raise EngagemapError(f"cannot write a graph as {to!r}; the graph formats are graphml and gexf")
    if to == "graphml":  # written from the graph's dicts (graphmodel.graphml_writing): no networkx, no copy
        from .graphml_writing import write_graphml

        with atomic_file(target, newline="") as handle:
            write_graphml(graph, handle, include_people=include_people)
        return Path(target)
    import networkx as nx

    with atomic_path(target, suffix=".gexf") as tmp:
        nx.write_gexf(_scalar_graph(graph, include_people), tmp)
    return Path(target)


def write_template(target: str | os.PathLike) -> Path:
    """A blank workbook to fill in: an About sheet describing every column, one sheet per table
    with bold headers, a note on each header, drop-down lists for every closed vocabulary and
    yes/no column, and an Example sheet. An empty template is a valid (empty) dataset.

    The workbook depends on nothing but the column rules, so it ships pre-built with engagemap
    (:data:`graphmodel.template_workbook.SHIPPED`) and is copied into place, atomically."""
    from .template_workbook import SHIPPED

    try:
        workbook = SHIPPED.read_bytes()
    except OSError as err:
        raise EngagemapError(f"the blank workbook that comes with engagemap cannot be read ({SHIPPED}: "
                             f"{err.strerror or err}); reinstall engagemap") from None
    with atomic_path(target, suffix=".xlsx") as tmp:
        tmp.write_bytes(workbook)
    return Path(target)
