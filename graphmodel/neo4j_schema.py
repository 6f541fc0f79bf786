"""The fixed list of Neo4j labels, relationship types and property keys, and the
load statements generated from it.

Labels and relationship types come only from here (never from input), so no
user string can reach a query's text; user data travels as ``$parameters``.
``python -m graphmodel.neo4j_schema`` rewrites the generated ``cypher/load_*``
files; a test checks the files in ``cypher/`` equal what this module generates.

>>> LABELS["seats"], REL_TYPES["member_of"]
('Seat', 'MEMBER_OF')
>>> print(node_load_statement("networks").splitlines()[-1])
SET n = row.props, n.dataset = $dataset
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .graph import EDGE_KINDS, NODE_TYPES
from .model import TABLES

__all__ = ["LABELS", "REL_TYPES", "LABEL_OF_TYPE", "NODE_PROPERTIES", "REL_PROPERTIES", "property_keys",
           "node_load_statement", "rel_load_statement", "generated_files"]

#: table -> node label
LABELS: dict[str, str] = {
    "organisations": "Organisation",
    "networks": "Network",
    "partnerships": "Partnership",
    "communities": "Community",
    "seats": "Seat",
    "people": "Person",
}
#: node type (graph) -> label
LABEL_OF_TYPE: dict[str, str] = {NODE_TYPES[t]: label for t, label in LABELS.items()}
#: edge kind (graph) -> relationship type
REL_TYPES: dict[str, str] = {kind: kind.upper() for kind in EDGE_KINDS}
#: properties each label carries: its table's columns, plus where it came from
NODE_PROPERTIES: dict[str, list[str]] = {LABELS[t]: list(TABLES[t].model_fields) + ["dataset", "row"]
                                         for t in LABELS}
#: properties relationships may carry
REL_PROPERTIES = ["dataset", "row", "link", "role", "since", "until", "method", "channel", "frequency", "notes",
                  "amount", "date", "programme"]


#: keys of the maps in a load statement's ``$rows``
ROW_KEYS = ["id", "props", "source", "target"]


def property_keys() -> list[str]:
    """Every property key the project's statements use (node and relationship properties, row map keys)."""
    keys = {k for props in NODE_PROPERTIES.values() for k in props} | set(REL_PROPERTIES) | set(ROW_KEYS)
    return sorted(keys)


def _header(what: str, params: str) -> str:
    return f"// {what}\n// Parameters: {params}\n"


def node_load_statement(table: str) -> str:
    label = LABELS[table]
    return (_header(f"Load a batch of {label} nodes of one dataset (merged on id; properties replaced).",
                    "$rows (list of {id, props}), $dataset (the dataset's name)")
            + "UNWIND $rows AS row\n"
            f"MERGE (n:{label} {{id: row.id}})\n"
            "SET n = row.props, n.dataset = $dataset\n")


def rel_load_statement(kind: str) -> str:
    sources, targets = EDGE_KINDS[kind]
    source = "|".join(LABEL_OF_TYPE[t] for t in sources)
    target = "|".join(LABEL_OF_TYPE[t] for t in targets)
    return (_header(f"Load a batch of {REL_TYPES[kind]} relationships of one dataset (merged; properties added).",
                    "$rows (list of {source, target, props}), $dataset (the dataset's name)")
            + "UNWIND $rows AS row\n"
            f"MATCH (a:{source} {{id: row.source}})\n"
            f"MATCH (b:{target} {{id: row.target}})\n"
            f"MERGE (a)-[r:{REL_TYPES[kind]}]->(b)\n"
            "SET r += row.props, r.dataset = $dataset\n")


def _schema_statement() -> str:
    lines = [_header("Create the schema: a uniqueness constraint on id and an index on dataset for each label.",
                     "none").rstrip("\n")]
    for label in LABELS.values():
        name = label.lower()
        lines.append(f"CREATE CONSTRAINT {name}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;")
        lines.append(f"CREATE INDEX {name}_dataset IF NOT EXISTS FOR (n:{label}) ON (n.dataset);")
    return "\n".join(lines) + "\n"


def generated_files() -> dict[str, str]:
    """File name -> text of every generated ``cypher/`` file."""
    files = {"schema.cypher": _schema_statement()}
    for table in LABELS:
        files[f"load_{table}.cypher"] = node_load_statement(table)
    for kind in REL_TYPES:
        files[f"load_{kind}.cypher"] = rel_load_statement(kind)
    return files


if __name__ == "__main__":
    folder = Path(str(files("graphmodel.cypher")))
    for name, text in generated_files().items():
        (folder / name).write_text(text, encoding="utf-8")
        print("wrote", folder / name)
