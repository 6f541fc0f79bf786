"""The engagement network in Neo4j: push a dataset, pull it back, run named queries.

One :class:`Neo4jStore` owns the official driver (use it as a context manager). Every
statement is read from ``cypher/*.cypher`` (found through ``importlib.resources``, so it works
from an installed wheel); user data travels only as ``$parameters``; labels and relationship
types come from the fixed lists of :mod:`graphmodel.neo4j_schema`.

A dataset is stored under its name: a node's identity is (dataset, id), so datasets that share
ids live side by side, and pushing, replacing or pulling one never touches another, nor any
node engagemap did not write (those lack the ``Engagemap`` label). A push streams batches of
rows (``UNWIND``) in managed write transactions, which the driver retries on transient errors
(for up to 10 s); every node and relationship it writes is stamped with the push's token, and at
the end what an earlier push of the same dataset wrote and this one did not is removed, so the
database holds exactly the dataset pushed last. A push that stops half-way leaves the earlier rows in place
and a re-run completes it.

>>> [s.split()[0] for s in split_statements(statement("schema"))][:3]
['CREATE', 'DROP', 'DROP']
>>> [len(b) for b in batches(range(5), 2)]
[2, 2, 1]
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib.resources import files
from typing import Any

from .exceptions import EngagemapError
from .model import ENTITY_TABLES, Dataset
from .neo4j_rows import (_TABLE_OF_LABEL, _native, batches, by_target, dataset_from_records, edge_rows, node_batches,
                         row_rels)
from .neo4j_schema import COLUMN_EDGES, LABELS, REL_TYPES, ROW_TABLES

__all__ = ["Neo4jStore", "statement", "split_statements", "batches", "node_batches", "edge_rows", "row_rels",
           "dataset_from_records", "QUERIES", "query_parameters", "safe_uri"]

#: the named read queries a user may run with ``engagemap neo4j query NAME``
QUERIES = ["reach", "feeds", "routes", "partnerships", "representation", "required_seats",
           "partnerships_without_vcs_seats", "vacant_seats", "expired_seats", "seats_without_reporting_back",
           "reporting_evidence",
           "overloaded_holders", "unconnected_organisations", "seat", "seat_audience", "hearing_seats", "community_tree",
           "organisations_in_several_datasets", "count_dataset", "datasets"]


@lru_cache(maxsize=None)
def statement(name: str) -> str:
    """The text of ``cypher/NAME.cypher``."""
    path = files("graphmodel.cypher") / f"{name}.cypher"
    if not path.is_file():
        raise EngagemapError(f"there is no query named {name!r}; the named queries are {', '.join(QUERIES)}")
    return path.read_text(encoding="utf-8")


def query_parameters(name: str) -> list[str]:
    """The ``$parameters`` a statement's header declares."""
    import re

    line = next(x for x in statement(name).splitlines() if x.startswith("// Parameters:"))
    return re.findall(r"\$(\w+)", line)


def split_statements(text: str) -> list[str]:
    """The statements of a file, split at ``;`` ending a line, comment lines dropped."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip().rstrip(";").strip() for s in body.split(";\n") if s.strip().rstrip(";").strip()]


def safe_uri(uri: str) -> str:
    """``uri`` without a user name or password (``neo4j://user:secret@host`` -> ``neo4j://host``).

    >>> safe_uri("neo4j://alice:hunter2@db.example:7687/x")
    'neo4j://db.example:7687/x'
    """
    scheme, sep, rest = uri.partition("://")
    if not sep:
        return uri.rpartition("@")[2]
    netloc, slash, path = rest.partition("/")
    return f"{scheme}://{netloc.rpartition('@')[2]}{slash}{path}"


class Neo4jStore:
    """A connection to one Neo4j database (the driver is made on first use).

    ``uri`` may hold a user name and password (``neo4j://user:secret@host``); they are taken
    out before the address is used or shown anywhere.
    """

    def __init__(self, uri: str, username: str, password: str, database: str | None = None, *, driver=None):
        scheme, sep, rest = uri.partition("://")
        netloc = rest.partition("/")[0]
        if sep and "@" in netloc:
            userinfo = netloc.rpartition("@")[0]
            user, colon, secret = userinfo.partition(":")
            username = user or username
            password = secret if colon else password
        self.uri, self.username, self.database = safe_uri(uri), username, database
        self._password = password
        self._driver = driver

    @property
    def driver(self):
        if self._driver is None:
            from neo4j import GraphDatabase

            self._check_uri()
            with self._errors():
                driver = GraphDatabase.driver(self.uri, auth=(self.username, self._password),
                                              notifications_min_severity="OFF",
                                              max_transaction_retry_time=10.0)
                try:
                    driver.verify_connectivity()  # fail at once, not after the retries of a transaction
                except BaseException:
                    driver.close()
                    raise
                self._driver = driver
        return self._driver

    def _check_uri(self) -> None:
        from urllib.parse import urlsplit

        schemes = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
        try:
            parts = urlsplit(self.uri)
            port = parts.port
            host = parts.hostname
        except ValueError as err:
            raise EngagemapError(f"cannot use the Neo4j address {self.uri!r} ({err})") from None
        if parts.scheme not in schemes or not host:
            raise EngagemapError(f"cannot use the Neo4j address {self.uri!r}: expected "
                                 f"neo4j://HOST[:PORT] or bolt://HOST[:PORT] (also +s, +ssc)")
        del port

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

        def clean(err: BaseException) -> str:
            text = str(getattr(err, "message", None) or err).splitlines()[0] if str(err) else type(err).__name__
            return text.replace(self._password, "***") if self._password else text

        try:
            yield
        except e.AuthError:
            raise EngagemapError(f"Neo4j at {self.uri} refused the user name {self.username!r} or its password "
                                 f"(set NEO4J_USERNAME and NEO4J_PASSWORD)") from None
        except (e.ServiceUnavailable, e.SessionExpired) as err:
            raise EngagemapError(f"cannot reach Neo4j at {self.uri} ({clean(err)}); is the server running?") \
                from None
        except e.ConfigurationError as err:
            raise EngagemapError(f"cannot use the Neo4j address {self.uri!r} ({clean(err)})") from None
        except e.Neo4jError as err:
            if err.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise EngagemapError(f"Neo4j at {self.uri} has no database named {self.database!r} "
                                     f"(--database or NEO4J_DATABASE)") from None
            raise EngagemapError(f"Neo4j reported an error: {err.code}: {clean(err)}") from None
        except e.DriverError as err:
            raise EngagemapError(f"the Neo4j connection failed ({type(err).__name__}: {clean(err)})") from None
        except ValueError as err:  # the driver's own check of an address
            raise EngagemapError(f"cannot use the Neo4j address {self.uri!r} ({clean(err)})") from None

    def write(self, text: str, /, **params) -> list[dict]:
        """Run one statement in a managed write transaction (retried on transient errors)."""
        with self._errors(), self.driver.session(database=self.database) as session:
            return session.execute_write(lambda tx: [r.data() for r in tx.run(text, params)])

    def read(self, text: str, /, **params) -> list[dict]:
        """Run one read statement and return its records as dicts."""
        return list(self.stream(text, **params))

    def stream(self, text: str, /, **params) -> Iterator[dict]:
        """Run one read statement and yield its records as dicts, one at a time."""
        with self._errors(), self.driver.session(database=self.database, fetch_size=2000) as session:
            with session.begin_transaction() as tx:
                for record in tx.run(text, params):
                    yield record.data()

    def _repeat(self, name: str, /, **params) -> int:
        """Run a batched delete until it deletes nothing; the number deleted."""
        total = 0
        while True:
            done = self.write(statement(name), **params)[0]["deleted"]
            total += done
            if not done:
                return total

    def push(self, dataset: Dataset, *, batch_size: int = 5000, replace: bool = False, include_people: bool = False,
             progress: Callable[[str], None] | None = None, workers: int = 2) -> dict[str, int]:
        """Write ``dataset`` under its name; afterwards the database holds exactly it under that name.

        ``replace`` first removes everything an earlier push of that name wrote (otherwise what
        is no longer in the dataset goes at the end). People's names and notes are left out
        unless ``include_people``. Up to ``workers`` batches are written at once, each in its own
        transaction (the nodes all before the relationships). Returns the dataset's node and
        relationship counts.
        """
        for text in split_statements(statement("schema")):
            self.write(text)
        name, token = dataset.name, uuid.uuid4().int >> 66  # a whole number: stored inline, unlike a long string
        if replace:
            self._repeat("delete_dataset", dataset=name)
        # a dataset with no node yet is created outright (no MERGE, nothing stale to sweep afterwards);
        # otherwise rows are merged into it and what the earlier push wrote and this one did not goes at the end
        fresh = not self.read(statement("dataset_exists"), dataset=name)
        prefix = "create" if fresh else "load"
        done, shown = 0, time.monotonic()

        def sent(rows: int, what: str) -> None:
            nonlocal done, shown
            done += rows
            if progress and time.monotonic() - shown >= 1:  # at most a line a second
                shown = time.monotonic()
                progress(f"{name}: {done:,} nodes and relationships written ({what})")

        def nodes():
            for table, label in LABELS.items():
                for batch in node_batches(dataset, table, batch_size, include_people):
                    yield f"{prefix}_{table}", batch, len(batch), label

        def relationship_job(name: str, batch: list[dict], rel: str):
            return f"{prefix}_{name}", by_target(batch), len(batch), rel

        def relationships():
            for kind in sorted({edge[2] for edge in COLUMN_EDGES}):
                for batch in batches(edge_rows(dataset, kind), batch_size):
                    yield relationship_job(kind, batch, REL_TYPES[kind])
            for table in ROW_TABLES:
                pending: dict[str, list[dict]] = {}
                for rel, row in row_rels(dataset, table):
                    pending.setdefault(rel, []).append(row)
                    if len(pending[rel]) >= batch_size:
                        yield relationship_job(f"rows_{rel.lower()}", pending.pop(rel), rel)
                for rel, batch in pending.items():
                    yield relationship_job(f"rows_{rel.lower()}", batch, rel)

        params = {"dataset": name, "pushed": token}
        self._write_batches(nodes(), params, workers, sent)  # every node is in before a relationship needs it
        self._write_batches(relationships(), params, workers, sent)
        if not fresh:
            self._repeat("delete_stale_relationships", **params)
            self._repeat("delete_stale_nodes", **params)
        self._same_as(dataset, batch_size, fresh)
        if progress:
            progress(f"{name}: {done:,} nodes and relationships written")
        return self.counts(name)

    def _write_batches(self, jobs: Iterable[tuple[str, list[dict], int, str]], params: dict[str, Any], workers: int,
                       sent: Callable[[int, str], None]) -> None:
        """Write ``(statement name, $rows, rows in it, what)`` batches, up to ``workers`` at once (each its own
        managed transaction; a deadlock between two is a transient error, which the driver retries). Batches are
        made only as a worker is free: at most ``workers`` + 1 are held at a time."""
        def job(name: str, batch: list[dict], count: int, what: str):
            self.write(statement(name), rows=batch, **params)
            # the driver's finished transaction keeps its parameters in a reference cycle that only a full
            # garbage collection frees (rare with a large dataset loaded); emptied, the batch's rows go now
            batch.clear()
            return count, what

        if workers <= 1:
            for job_args in jobs:
                sent(*job(*job_args))
            return
        from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

        self.driver  # connect (and fail) once, before the workers start
        with ThreadPoolExecutor(workers, thread_name_prefix="engagemap-push") as pool:
            running: set = set()
            try:
                for job_args in jobs:
                    if len(running) >= workers:
                        finished, running = wait(running, return_when=FIRST_COMPLETED)
                        for future in finished:
                            sent(*future.result())
                    running.add(pool.submit(job, *job_args))
                for future in list(running):
                    running.discard(future)
                    sent(*future.result())
            finally:
                for future in running:
                    future.cancel()

    def _same_as(self, dataset: Dataset, batch_size: int, fresh: bool) -> None:
        """Join this dataset's organisations to those of other datasets with an identifier in common
        (memory for the other datasets' identifiers and the joins, not for this dataset's identifiers);
        a ``fresh`` dataset (new to the database) has no earlier join to clear."""
        if not fresh:
            self.write(statement("same_as_clear"), dataset=dataset.name)
        if not any(org.identifiers for org in dataset.organisations):
            return
        theirs: dict[str, list[tuple[str, str]]] = {}
        for other in self.stream(statement("same_as_candidates"), dataset=dataset.name):
            for identifier in other["identifiers"]:
                theirs.setdefault(identifier, []).append((other["dataset"], other["id"]))
        if not theirs:
            return
        joins = [{"source": org.id, "other": other, "target": target, "identifier": identifier}
                 for org in dataset.organisations for identifier in org.identifiers
                 for other, target in theirs.get(identifier, ())]
        joins.sort(key=lambda j: (j["identifier"], j["source"], j["other"], j["target"]))
        for batch in batches(joins, batch_size):
            self.write(statement("same_as_load"), rows=batch, dataset=dataset.name)

    def counts(self, name: str) -> dict[str, int]:
        return {f"{r['element']} {r['name']}": r["count"]
                for r in self.read(statement("count_dataset"), dataset=name)}

    def datasets(self) -> dict[str, int]:
        """The names of the datasets engagemap has written, with their node counts."""
        return {r["dataset"]: r["nodes"] for r in self.read(statement("datasets"))}

    def pull(self, name: str, *, include_people: bool = False) -> Dataset:
        """Read the dataset called ``name`` back from the database (people's names only if asked)."""
        nodes = self.stream(statement("pull_nodes"), dataset=name)
        first = next(nodes, None)
        if first is None:
            known = ", ".join(self.datasets()) or "none"
            raise EngagemapError(f"the Neo4j database holds no dataset named {name!r} (it holds: {known})")
        from itertools import chain

        return dataset_from_records(name, chain([first], nodes),
                                    self.stream(statement("pull_relationships"), dataset=name), include_people)

    def query(self, name: str, params: dict[str, Any] | None = None) -> list[dict]:
        """Run a named read query from ``cypher/`` (every declared parameter must be given)."""
        if name not in QUERIES:
            raise EngagemapError(f"there is no query named {name!r}; the named queries are {', '.join(QUERIES)}")
        params = dict(params or {})
        missing = [p for p in query_parameters(name) if p not in params]
        unknown = sorted(set(params) - set(query_parameters(name)))
        if missing or unknown:
            wanted = ", ".join(query_parameters(name)) or "none"
            raise EngagemapError(f"query {name!r} takes the parameters {wanted}"
                                 + (f"; missing: {', '.join(missing)}" if missing else "")
                                 + (f"; unknown: {', '.join(unknown)}" if unknown else ""))
        return [{k: _native(v) for k, v in r.items()} for r in self.read(statement(name), **params)]

    def table_of(self, dataset: str, node_id: str) -> str | None:
        """The table the node ``node_id`` of ``dataset`` is a row of (None when there is none)."""
        found = self.read(statement("node_type"), dataset=dataset, id=node_id)
        return _TABLE_OF_LABEL.get(found[0]["label"]) if found else None

    def ids(self, dataset: str) -> dict[str, str]:
        """id -> singular noun of its table, for every node of ``dataset``."""
        return {r["id"]: ENTITY_TABLES[_TABLE_OF_LABEL[r["label"]]] for r in self.stream(statement("ids"), dataset=dataset)}
