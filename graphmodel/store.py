"""The engagement network in Neo4j: push a dataset, pull it back, run named queries.

One :class:`Neo4jStore` owns the official driver (use it as a context
manager). Every statement is read from ``cypher/*.cypher`` (found through
``importlib.resources``, so it works from an installed wheel); user data
travels only as ``$parameters``; labels and relationship types come from the
fixed list in :mod:`graphmodel.neo4j_schema`. Writes run in managed
transactions (``execute_write``), so the driver retries transient errors, in
batches; re-running a push leaves the same nodes and relationships.

>>> [s.split()[0] for s in split_statements(statement("schema"))][:2]
['CREATE', 'CREATE']
>>> batches([1, 2, 3, 4, 5], 2)
[[1, 2], [3, 4], [5]]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from importlib.resources import files
from typing import Any

from .exceptions import EngagemapError
from .graph import build_graph
from .model import TABLES, Dataset, LinkKind, Required
from .neo4j_schema import LABELS, REL_TYPES

__all__ = ["Neo4jStore", "statement", "split_statements", "batches", "node_rows", "relationship_rows",
           "dataset_from_records", "QUERIES"]

#: the named read queries a user may run with ``engagemap neo4j query NAME``
QUERIES = ["reach", "partnerships_without_vcs_seats", "vacant_seats", "expired_seats",
           "seats_without_reporting_back", "seat_audience", "count_dataset"]
_TABLE_OF_LABEL = {label: table for table, label in LABELS.items()}
_LINK_TYPES = {REL_TYPES[k.value]: k for k in LinkKind}


def statement(name: str) -> str:
    """The text of ``cypher/NAME.cypher``."""
    path = files("graphmodel.cypher") / f"{name}.cypher"
    if not path.is_file():
        raise EngagemapError(f"there is no query named {name!r}; the named queries are {', '.join(QUERIES)}")
    return path.read_text(encoding="utf-8")


def split_statements(text: str) -> list[str]:
    """The statements of a file, split at ``;`` ending a line, comment lines dropped."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in body.split(";\n") if s.strip().rstrip(";").strip()]


def batches(rows: list, size: int) -> list[list]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def _value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Required):
        return str(value)
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def node_rows(dataset: Dataset) -> dict[str, list[dict]]:
    """label -> ``[{id, props}]``: every column that has a value, plus the row's index."""
    out = {}
    for table, label in LABELS.items():
        rows = []
        for i, row in enumerate(dataset.rows(table)):
            props = {k: _value(v) for k, v in row.__dict__.items() if v is not None and v != ()}
            props["row"] = i
            rows.append({"id": row.id, "props": props})
        out[label] = rows
    return out


def relationship_rows(dataset: Dataset) -> dict[str, list[dict]]:
    """edge kind -> ``[{source, target, props}]``. Memberships and links carry their row
    index (and links ``link: true``) so that a pull can give the tables back as they were."""
    out: dict[str, list[dict]] = {kind: [] for kind in REL_TYPES}
    graph = build_graph(dataset)
    for u, v, kind, data in graph.edges(keys=True, data=True):
        if kind not in ("member_of", "reports_back", "consults", "funds"):  # rows of their own, below
            props = {"method": data["method"]} if data.get("method") else {}
            out[kind].append({"source": u, "target": v, "props": props})
    for i, m in enumerate(dataset.memberships):
        props = {"row": i, "role": m.role, "since": m.since, "until": m.until}
        out["member_of"].append({"source": m.member, "target": m.network,
                                 "props": {k: x for k, x in props.items() if x is not None}})
    for i, link in enumerate(dataset.links):
        props = {"row": i, "link": True, "channel": link.channel, "frequency": link.frequency, "notes": link.notes,
                 "amount": link.amount, "date": link.date, "programme": link.programme}
        out[link.kind.value].append({"source": link.source, "target": link.target,
                                     "props": {k: x for k, x in props.items() if x is not None}})
    return out


def _native(value: Any) -> Any:
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native is not None else value


def dataset_from_records(name: str, nodes: list[dict], relationships: list[dict]) -> Dataset:
    """Rebuild a dataset from ``pull_nodes`` and ``pull_relationships`` records (validated again)."""
    tables: dict[str, list[tuple[int, dict]]] = {t: [] for t in TABLES}
    for record in nodes:
        props = {k: _native(v) for k, v in record["props"].items()}
        row = props.pop("row", 0)
        props.pop("dataset", None)
        tables[_TABLE_OF_LABEL[record["label"]]].append((row, props))
    for record in relationships:
        props = {k: _native(v) for k, v in record["props"].items()}
        row = props.pop("row")
        props.pop("dataset", None)
        link = props.pop("link", False)
        if record["type"] == "MEMBER_OF":
            tables["memberships"].append((row, {"member": record["source"], "network": record["target"],
                                                **{k: props[k] for k in ("role", "since", "until") if k in props}}))
        elif link:
            kind = _LINK_TYPES[record["type"]]
            tables["links"].append((row, {"source": record["source"], "target": record["target"], "kind": kind,
                                          **{k: props[k] for k in ("channel", "frequency", "notes", "amount",
                                                                   "date", "programme") if k in props}}))
    return Dataset(name=name, **{t: [r for _, r in sorted(rows, key=lambda x: x[0])] for t, rows in tables.items()})


class Neo4jStore:
    """A connection to one Neo4j database (the driver is made on first use)."""

    def __init__(self, uri: str, username: str, password: str, database: str | None = None, *, driver=None):
        self.uri, self.username, self.database = uri, username, database
        self._password = password
        self._driver = driver

    @property
    def driver(self):
        if self._driver is None:
            from neo4j import GraphDatabase

            with self._errors():
                driver = GraphDatabase.driver(self.uri, auth=(self.username, self._password))
                try:
                    driver.verify_connectivity()  # fail at once, not after the retries of a transaction
                except BaseException:
                    driver.close()
                    raise
                self._driver = driver
        return self._driver

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def __repr__(self) -> str:  # never shows the password
        return f"Neo4jStore(uri={self.uri!r}, username={self.username!r}, database={self.database!r})"

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver errors become one clear sentence (never the password)."""
        from neo4j import exceptions as e

        try:
            yield
        except e.AuthError:
            raise EngagemapError(f"Neo4j at {self.uri} refused the user name {self.username!r} or its password "
                                 f"(set NEO4J_USERNAME and NEO4J_PASSWORD)") from None
        except e.ServiceUnavailable as err:
            raise EngagemapError(f"cannot reach Neo4j at {self.uri} ({err}); is the server running?") from None
        except e.ConfigurationError as err:
            raise EngagemapError(f"cannot use the Neo4j address {self.uri!r} ({err})") from None
        except e.Neo4jError as err:
            raise EngagemapError(f"Neo4j reported an error: {err.code}: {err.message}") from None
        except e.DriverError as err:
            raise EngagemapError(f"the Neo4j connection failed ({type(err).__name__}: {err})") from None

    def write(self, text: str, **params) -> None:
        """Run one statement in a managed write transaction (retried on transient errors)."""
        with self._errors(), self.driver.session(database=self.database) as session:
            session.execute_write(lambda tx: tx.run(text, **params).consume())

    def read(self, text: str, /, **params) -> list[dict]:
        """Run one read statement and return its records as dicts."""
        from neo4j import RoutingControl

        with self._errors():
            records, _, _ = self.driver.execute_query(text, params, database_=self.database,
                                                      routing_=RoutingControl.READ)
        return [record.data() for record in records]

    def push(self, dataset: Dataset, *, batch_size: int = 1000, replace: bool = False,
             progress: Callable[[str], None] | None = None) -> dict[str, int]:
        """Write ``dataset`` (schema first; with ``replace``, what it wrote before goes first).

        Returns the dataset's node and relationship counts in the database afterwards.
        """
        for text in split_statements(statement("schema")):
            self.write(text)
        if replace:
            self.write(statement("delete_dataset"), dataset=dataset.name)
        work = [(f"load_{t}", label, rows) for (t, label), rows in
                zip(LABELS.items(), node_rows(dataset).values())]
        work += [(f"load_{kind}", REL_TYPES[kind], rows) for kind, rows in relationship_rows(dataset).items()]
        for name, what, rows in work:
            text = statement(name)
            for i, batch in enumerate(batches(rows, batch_size)):
                self.write(text, rows=batch, dataset=dataset.name)
                if progress:
                    progress(f"{what}: {min((i + 1) * batch_size, len(rows)):,} of {len(rows):,}")
        return self.counts(dataset.name)

    def counts(self, name: str) -> dict[str, int]:
        return {f"{r['element']} {r['name']}": r["count"]
                for r in self.read(statement("count_dataset"), dataset=name)}

    def pull(self, name: str) -> Dataset:
        """Read the dataset called ``name`` back from the database."""
        nodes = self.read(statement("pull_nodes"), dataset=name)
        if not nodes:
            raise EngagemapError(f"the Neo4j database holds no dataset named {name!r}")
        return dataset_from_records(name, nodes, self.read(statement("pull_relationships"), dataset=name))

    def query(self, name: str, params: dict[str, Any] | None = None) -> list[dict]:
        """Run a named read query from ``cypher/``."""
        if name not in QUERIES:
            raise EngagemapError(f"there is no query named {name!r}; the named queries are {', '.join(QUERIES)}")
        return [{k: _native(v) for k, v in r.items()} for r in self.read(statement(name), **(params or {}))]
