"""Rows between a dataset and Neo4j: the node and relationship rows a push sends, and the dataset
rebuilt from the records a pull reads (:mod:`graphmodel.store` does the talking to the server).

Labels, relationship types and which columns are private come from the fixed lists of
:mod:`graphmodel.neo4j_schema`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from enum import Enum
from itertools import islice
from typing import Any

from pydantic import BaseModel

from .exceptions import EngagemapError
from .model import TABLES, Dataset, Required
from .neo4j_schema import BOOKKEEPING, COLUMN_EDGES, LABELS, PAIR_DATES, PRIVATE_COLUMNS, REL_TYPES, ROW_TABLES

__all__ = ["batches", "by_target", "node_batches", "edge_rows", "row_rels", "membership_dates", "dataset_from_records"]

_TABLE_OF_LABEL = {label: table for table, label in LABELS.items()}
_LINK_KINDS = {"FEEDS_INTO": "feeds_into", "REPORTS_BACK": "reports_back", "CONSULTS": "consults", "FUNDS": "funds"}


def batches(rows: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last shorter), read lazily."""
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def by_target(batch: list[dict]) -> list[dict]:
    """A batch of relationship rows grouped by target, as the relationship statements take it: each target
    is looked up once for all its rows. The rows are taken over (their ``target`` moves to the group).

    >>> by_target([{"source": "a", "target": "n"}, {"source": "b", "target": "m"}, {"source": "c", "target": "n"}])
    [{'target': 'n', 'rows': [{'source': 'a'}, {'source': 'c'}]}, {'target': 'm', 'rows': [{'source': 'b'}]}]
    """
    groups: dict[str, list[dict]] = {}
    for row in batch:
        groups.setdefault(row.pop("target"), []).append(row)
    return [{"target": target, "rows": rows} for target, rows in groups.items()]


def _value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Required):
        return str(value)
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


#: cell types Neo4j stores as they are (a str enum is not one of them: it goes as its value)
_AS_IS = frozenset({str, int, float, bool, date})


def _props(row: BaseModel, skip: tuple[str, ...]) -> dict[str, Any]:
    """A row's columns that have a value, as Neo4j property values."""
    props = {}
    for k, v in row.__dict__.items():
        if v is None or v == () or k in skip:
            continue
        props[k] = v if type(v) in _AS_IS else _value(v)
    return props


def node_batches(dataset: Dataset, table: str, size: int, include_people: bool = False) -> Iterator[list[dict]]:
    """Batches of node rows of one entity table: ``id``, ``row`` (its row number) and the columns that have
    a value, in one flat map (the server reads a flat map faster than one nested in another)."""
    skip = () if include_people else PRIVATE_COLUMNS.get(table, ())

    def rows():
        for i, row in enumerate(dataset.rows(table)):
            props = _props(row, skip)
            props["row"] = i
            yield props

    return batches(rows(), size)


def edge_rows(dataset: Dataset, kind: str) -> Iterator[dict]:
    """``{source, target, column, props}`` of every relationship of one kind that columns stand for."""
    for table, column, edge_kind, towards_row in COLUMN_EDGES:
        if edge_kind != kind:
            continue
        tag = f"{table}.{column}"
        for row in dataset.rows(table):
            value = getattr(row, column)
            if value is None:
                continue
            props = {}
            if kind == "selects" and row.method is not None:
                props["method"] = _value(row.method)
            for other in (value if isinstance(value, tuple) else (value,)):
                source, target = (other, row.id) if towards_row else (row.id, other)
                yield {"source": source, "target": target, "column": tag, "props": props}


def row_rels(dataset: Dataset, table: str) -> Iterator[tuple[str, dict]]:
    """``(type, {source, target, table, row, props})`` for every row of an id-less table."""
    source, target, rel = ROW_TABLES[table]
    dated = membership_dates(dataset) if rel == "MEMBER_OF" else {}
    for i, row in enumerate(dataset.rows(table)):
        ends = getattr(row, source), getattr(row, target)
        if None in ends:
            column = source if ends[0] is None else target
            raise EngagemapError(f"{table} row {i + 1}: column {column} is empty; Neo4j stores each {table} "
                                 f"row as a relationship between {source} and {target}")
        rel_type = rel or REL_TYPES[_value(row.kind)]
        props = _props(row, (source, target))
        props.update(dated.get(ends, ()))
        yield rel_type, {"source": ends[0], "target": ends[1], "table": table, "row": i, "props": props}


def membership_dates(dataset: Dataset) -> dict[tuple[str, str], dict[str, Any]]:
    """(member, network) -> ``{pair_since, pair_until}`` for the pairs given by several rows whose rows
    give a date: the dates the library's graph keeps for the pair (each from the last row that gives one).
    A pair of one row keeps its own ``since`` and ``until``, so it is left out (the pairs that repeat are
    found from the pairs' hashes, so memory grows with the repeated pairs, not with the table).

    >>> from graphmodel.model import Dataset
    >>> membership_dates(Dataset(
    ...     organisations=[{"id": "a", "name": "A", "sector": "vcs"}], networks=[{"id": "n", "name": "N", "led_by": "vcs"}],
    ...     memberships=[{"member": "a", "network": "n", "since": "2020-01-01"},
    ...                  {"member": "a", "network": "n", "until": "2021-01-01"}]))
    {('a', 'n'): {'pair_since': datetime.date(2020, 1, 1), 'pair_until': datetime.date(2021, 1, 1)}}
    """
    rows = dataset.memberships
    if len(rows) < 2:
        return {}
    import numpy as np

    hashes = np.fromiter((hash((r.member, r.network)) for r in rows), dtype=np.int64, count=len(rows))
    hashes.sort()  # in place: 8 bytes a row, and a byte a row for the comparison below
    repeated = set(hashes[1:][hashes[1:] == hashes[:-1]].tolist())  # a clash of hashes here is harmless
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        if hash((row.member, row.network)) not in repeated:
            continue
        for column, key in (("since", PAIR_DATES[0]), ("until", PAIR_DATES[1])):
            value = getattr(row, column)
            if value is not None:
                found.setdefault((row.member, row.network), {})[key] = value
    return found


def _native(value: Any) -> Any:
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native is not None else value


def dataset_from_records(name: str, nodes: Iterable[dict], relationships: Iterable[dict],
                         include_people: bool = False) -> Dataset:
    """Rebuild a dataset from ``pull_nodes`` and ``pull_relationships`` records (validated again)."""
    tables: dict[str, list[tuple[int, dict]]] = {t: [] for t in TABLES}
    for record in nodes:
        tables_of = [_TABLE_OF_LABEL[label] for label in record["labels"] if label in _TABLE_OF_LABEL]
        if len(tables_of) != 1:
            raise EngagemapError(f"dataset {name!r}: a node has the labels {record['labels']}; "
                                 f"expected one of {', '.join(LABELS.values())}")
        table = tables_of[0]
        props = {k: _native(v) for k, v in record["props"].items()}
        row = props.pop("row", 0)
        for key in BOOKKEEPING:
            props.pop(key, None)
        if not include_people:
            for key in PRIVATE_COLUMNS.get(table, ()):
                props.pop(key, None)
        tables[table].append((row, props))
    for record in relationships:
        props = {k: _native(v) for k, v in record["props"].items()}
        table, row = props.pop("table"), props.pop("row")
        for key in BOOKKEEPING:
            props.pop(key, None)
        if table not in ROW_TABLES:
            raise EngagemapError(f"dataset {name!r}: a relationship names the table {table!r}, "
                                 f"which this version of engagemap does not know")
        source, target, rel = ROW_TABLES[table]
        props[source], props[target] = record["source"], record["target"]
        if rel is None:
            props["kind"] = _LINK_KINDS[record["type"]]
        tables[table].append((row, props))
    return Dataset(name=name, **{t: [r for _, r in sorted(rows, key=lambda x: x[0])] for t, rows in tables.items()})
