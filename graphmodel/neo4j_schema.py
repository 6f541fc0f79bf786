"""How a dataset is laid out in Neo4j, derived from the model's table list, and the load
statements generated from it.

Every node engagemap writes carries the label ``Engagemap``, the label of its table and the
properties ``dataset`` and ``id``: a node's identity is (dataset, id), under one composite
uniqueness constraint (Community Edition supports it), so datasets that share ids are stored
side by side. Tables whose rows have an ``id`` become nodes; tables without one
(``memberships``, ``links``, and any later one) become relationships between their first two
columns, one relationship per row (``table`` and ``row`` properties), so repeated rows are
never merged. Columns that refer to other rows (``seats.holder``, ``organisations.serves``,
...) also become relationships, the edges of the library's graph.

Labels and relationship types come only from here (never from input), so no user string can
reach a query's text; user data travels as ``$parameters``. ``python -m
graphmodel.neo4j_schema`` rewrites the generated ``cypher/`` files; a test checks the files in
``cypher/`` equal what this module generates.

>>> LABELS["seats"], REL_TYPES["member_of"], ROW_TABLES["memberships"]
('Seat', 'MEMBER_OF', ('member', 'network', 'MEMBER_OF'))
>>> print(node_load_statement("networks").splitlines()[3])
MERGE (n:Engagemap {dataset: $dataset, id: row.id})
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .model import TABLES
from .vocabulary import EDGE_KINDS, ENTITY_TABLES, LinkKind

__all__ = ["MARK", "PAIR_DATES", "LABELS", "ROW_TABLES", "COLUMN_EDGES", "REL_TYPES", "SAME_AS", "BOOKKEEPING",
           "PRIVATE_COLUMNS", "property_keys", "node_load_statement", "edge_load_statement",
           "row_load_statement", "generated_files"]

#: the label of every node engagemap writes (what it never had a hand in, it never touches)
MARK = "Engagemap"
#: entity table -> node label (its singular noun, capitalised)
LABELS: dict[str, str] = {table: noun.capitalize() for table, noun in ENTITY_TABLES.items()}
#: id-less table -> (source column, target column, relationship type; ``None``: the ``kind`` column's value
#: in capitals). A table added to the model later without an entry here is stored the same way, between
#: its first two columns, with its own name in capitals as the type.
ROW_TABLES: dict[str, tuple[str, str, str | None]] = {
    table: (("member", "network", "MEMBER_OF") if table == "memberships" else
            ("source", "target", None) if table == "links" else
            (*list(TABLES[table].model_fields)[:2], table.upper()))
    for table in TABLES if table not in ENTITY_TABLES
}
#: (table, column, edge kind, whether the edge runs from the referred row to this one): the relationships
#: that columns referring to other rows stand for (the edges :func:`graphmodel.build_graph` makes from them;
#: a test checks they agree)
COLUMN_EDGES: list[tuple[str, str, str, bool]] = [
    ("organisations", "serves", "serves", False),
    ("networks", "serves", "serves", False),
    ("partnerships", "feeds_into", "feeds_into", False),
    ("communities", "part_of", "part_of", False),
    ("seats", "partnership", "sits_on", False),
    ("seats", "represents", "represents", False),
    ("seats", "selected_by", "selects", True),
    ("seats", "holder", "holds", True),
    ("seats", "person", "holds", True),
    ("people", "organisation", "affiliated_with", False),
]
#: relationship types: the graph's edge kinds in capitals, and the types of id-less tables
REL_TYPES: dict[str, str] = {kind: kind.upper() for kind in EDGE_KINDS}
for _source, _target, _type in ROW_TABLES.values():
    if _type is not None:
        REL_TYPES.setdefault(_type.lower(), _type)
#: the properties a relationship of an edge kind carries (beyond its bookkeeping)
EDGE_COLUMNS: dict[str, tuple[str, ...]] = {"selects": ("method",)}
#: the relationship types of the ``links`` table's kinds
_LINK_TYPES = tuple(kind.value.upper() for kind in LinkKind)
#: organisations of different datasets with an ``identifiers`` entry in common
SAME_AS = "SAME_AS"
#: properties engagemap adds for itself (left out when a dataset is read back)
BOOKKEEPING = ("dataset", "row", "table", "column", "pushed", "pair_since", "pair_until")
#: on the MEMBER_OF relationships of a (member, network) pair given by several rows, when the pair's
#: membership began and ended as the library's graph reads them (each date from the last row that gives one:
#: graphmodel.graph); a pair of one row has its own since and until. The named queries' test of a membership
#: in force on $as_of (graphmodel.dated.in_force) reads coalesce(pair_since, since) and coalesce(pair_until, until)
PAIR_DATES = ("pair_since", "pair_until")
#: columns of personal data, written and read only with ``--include-people``
PRIVATE_COLUMNS: dict[str, tuple[str, ...]] = {"people": ("name", "notes")}

_OTHER_LABELS = {label: [other for other in LABELS.values() if other != label] for label in LABELS.values()}


def property_keys() -> list[str]:
    """Every property key the project's statements use (columns, bookkeeping, row map keys)."""
    keys = {k for model in TABLES.values() for k in model.model_fields}
    keys |= set(BOOKKEEPING) | {"id", "props", "source", "target", "identifier", "other"}
    return sorted(keys)


def _header(what: str, params: str) -> str:
    return f"// {what}\n// Parameters: {params}\n"


def node_columns(table: str) -> tuple[str, ...]:
    """The keys a node row of ``table`` may hold beside ``id``: its row number and its other columns."""
    return ("row", *(c for c in TABLES[table].model_fields if c != "id"))


def node_load_statement(table: str, create: bool = False) -> str:
    """The statement loading a batch of one entity table's rows; ``create``: into a dataset that has no
    node yet (the first push of a name, or after ``--replace``), where nothing can be matched."""
    label = LABELS[table]
    params = "$rows (list of {id, row, and the columns that have a value}), $dataset (the dataset's name), " \
             "$pushed (this push's token)"
    if create:
        return (_header(f"Create a batch of {label} nodes of a dataset that has none yet.", params)
                + "UNWIND $rows AS row\n"
                # every property in the CREATE (a null is no property): a SET after it made the planner
                # buffer the whole batch (Eager) before writing
                f"CREATE (n:{MARK}:{label} {{{', '.join(['dataset: $dataset', 'id: row.id', 'pushed: $pushed'] + [f'{c}: row.{c}' for c in node_columns(table)])}}})\n")
    return (_header(f"Load a batch of {label} nodes of one dataset (merged on (dataset, id); properties replaced).",
                    params)
            + "UNWIND $rows AS row\n"
            f"MERGE (n:{MARK} {{dataset: $dataset, id: row.id}})\n"
            f"SET n = row, n.dataset = $dataset, n.pushed = $pushed, n:{label}\n"
            f"REMOVE n:{':'.join(_OTHER_LABELS[label])}\n")


def _rel_statement(rel: str, keys: list[str], what: str, create: bool, columns: tuple[str, ...] = ()) -> str:
    """A batch of ``rel`` relationships between nodes of one dataset, told apart by the row keys ``keys``;
    ``columns``: the property names ``row.props`` may hold (a fresh dataset's CREATE names them in its
    pattern, where a null is no property: a SET after the CREATE would make the planner buffer the batch).

    The batch comes grouped by target (:func:`graphmodel.neo4j_rows.by_target`): the index finds each
    target once for all its rows (a network's members, a community's organisations), not once a row.
    """
    key_map = ", ".join(f"{k}: row.{k}" for k in keys)
    head = (_header(f"{'Create' if create else 'Load'} a batch of {rel} relationships {what}"
                    + (" (a dataset that has none yet)." if create else f" (merged on {', '.join(keys)})."),
                    f"$rows (list of {{target, rows: list of {{source, {', '.join(keys)}, props}}}}: the batch grouped "
                    "by target), $dataset (the dataset's name), $pushed (this push's token)")
            + "UNWIND $rows AS group\n"
            f"MATCH (b:{MARK} {{dataset: $dataset, id: group.target}})\n"
            "UNWIND group.rows AS row\n"
            f"MATCH (a:{MARK} {{dataset: $dataset, id: row.source}})\n")
    if create:
        stamp = ", ".join([key_map, "dataset: $dataset", "pushed: $pushed", *(f"{c}: row.props.{c}" for c in columns)])
        return head + f"CREATE (a)-[r:{rel} {{{stamp}}}]->(b)\n"
    return (head + f"MERGE (a)-[r:{rel} {{{key_map}}}]->(b)\n"
            f"SET r = row.props, {', '.join(f'r.{k} = row.{k}' for k in keys)}, r.dataset = $dataset, "
            "r.pushed = $pushed\n")


def edge_load_statement(kind: str, create: bool = False) -> str:
    return _rel_statement(REL_TYPES[kind], ["column"], "that columns stand for", create, EDGE_COLUMNS.get(kind, ()))


def row_columns(rel: str) -> tuple[str, ...]:
    """The columns of the id-less tables stored as ``rel`` relationships, but their two ends."""
    found: list[str] = []
    for table, (source, target, rel_type) in ROW_TABLES.items():
        if rel_type == rel or (rel_type is None and rel in _LINK_TYPES):
            found += [c for c in TABLES[table].model_fields if c not in (source, target) and c not in found]
    return tuple(found) + (PAIR_DATES if rel == "MEMBER_OF" else ())


def row_load_statement(rel: str, create: bool = False) -> str:
    return _rel_statement(rel, ["table", "row"], "that are rows of a table (one per row, never merged)", create,
                          row_columns(rel))


def row_types() -> list[str]:
    """Relationship types that rows of id-less tables are stored as."""
    found = []
    for _source, _target, rel in ROW_TABLES.values():
        for t in ([rel] if rel else _LINK_TYPES):
            if t not in found:
                found.append(t)
    return found


def _schema_statement() -> str:
    return (_header("Create the schema: identity (dataset, id) unique among engagemap's nodes (its index also "
                    "finds a dataset's nodes: the statements ask for n.id IS NOT NULL beside n.dataset); drop the "
                    "index on dataset alone and the id-only constraints of earlier versions (each was one more "
                    "index to write for every node pushed, or kept datasets from sharing ids).",
                    "none")
            + f"CREATE CONSTRAINT engagemap_identity IF NOT EXISTS FOR (n:{MARK}) REQUIRE (n.dataset, n.id) IS UNIQUE;\n"
            "DROP INDEX engagemap_dataset IF EXISTS;\n"
            # engagemap before version 2 made id alone unique for each label, which kept datasets from sharing ids
            + "".join(f"DROP CONSTRAINT {label.lower()}_id IF EXISTS;\n" for label in LABELS.values()))


def generated_files() -> dict[str, str]:
    """File name -> text of every generated ``cypher/`` file."""
    out = {"schema.cypher": _schema_statement()}
    for create, prefix in ((False, "load"), (True, "create")):
        for table in LABELS:
            out[f"{prefix}_{table}.cypher"] = node_load_statement(table, create)
        for kind in sorted({edge[2] for edge in COLUMN_EDGES}):
            out[f"{prefix}_{kind}.cypher"] = edge_load_statement(kind, create)
        for rel in row_types():
            out[f"{prefix}_rows_{rel.lower()}.cypher"] = row_load_statement(rel, create)
    return out


if __name__ == "__main__":
    folder = Path(str(files("graphmodel.cypher")))
    for old in [*folder.glob("load_*.cypher"), *folder.glob("create_*.cypher")]:
        old.unlink()
    for name, text in generated_files().items():
        (folder / name).write_text(text, encoding="utf-8")
        print("wrote", folder / name)
