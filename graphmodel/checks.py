"""Checks across rows and tables: duplicate ids, references, cycles, ranges.

:func:`dataset_problems` returns every problem it finds as a :class:`Finding`
(table, row index, column, value, message); the loader turns findings into
located :class:`~graphmodel.exceptions.Problem` objects.

>>> from graphmodel.model import Dataset, Partnership
>>> ds = Dataset.model_construct(partnerships=(
...     Partnership(id="a", name="A", level="board", feeds_into=("b",)),))
>>> [f.message for f in dataset_problems(ds)]
["'b' is not the id of any partnership"]
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .model import ENTITY_TABLES, Dataset, LinkKind

__all__ = ["Finding", "dataset_problems", "id_index"]


@dataclass(frozen=True)
class Finding:
    """A problem found in row ``index`` (0-based) of ``table``."""

    table: str
    index: int
    column: str | None
    value: Any
    message: str
    severity: str = "error"


Where = Callable[[str, int], str]

# (table, column) -> tables whose ids the column may name
_REFERENCES: dict[tuple[str, str], tuple[str, ...]] = {
    ("organisations", "serves"): ("communities",),
    ("networks", "serves"): ("communities",),
    ("partnerships", "feeds_into"): ("partnerships",),
    ("communities", "part_of"): ("communities",),
    ("memberships", "member"): ("organisations", "networks"),
    ("memberships", "network"): ("networks",),
    ("seats", "partnership"): ("partnerships",),
    ("seats", "represents"): ("communities",),
    ("seats", "selected_by"): ("networks", "organisations"),
    ("seats", "holder"): ("organisations",),
    ("seats", "person"): ("people",),
    ("people", "organisation"): ("organisations",),
}

#: link kind -> (tables a source may be in, tables a target may be in)
LINK_ENDS: dict[LinkKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    LinkKind.feeds_into: (("networks", "partnerships", "organisations"), ("partnerships",)),
    LinkKind.reports_back: (("seats",), ("networks", "organisations")),
    LinkKind.consults: (("partnerships",), ("networks", "organisations")),
}


def _default_where(table: str, index: int) -> str:
    return f"{table} item {index + 1}"


def id_index(dataset: Dataset) -> dict[str, tuple[str, int]]:
    """Map every id to the (table, row index) that defines it (first wins)."""
    index: dict[str, tuple[str, int]] = {}
    for table in ENTITY_TABLES:
        for i, row in enumerate(dataset.rows(table)):
            index.setdefault(row.id, (table, i))
    return index


def _nouns(tables: Iterable[str]) -> str:
    names = [ENTITY_TABLES[t] for t in tables]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


class _Checker:
    def __init__(self, dataset: Dataset, where: Where):
        self.ds = dataset
        self.where = where
        self.findings: list[Finding] = []
        self.ids: dict[str, tuple[str, int]] = {}
        self._by_table: dict[str, list[str]] = {t: [] for t in ENTITY_TABLES}

    def add(self, table: str, index: int, column: str | None, value: Any, message: str, severity: str = "error"):
        self.findings.append(Finding(table, index, column, value, message, severity))

    def check_ids(self) -> None:
        for table in ENTITY_TABLES:
            for i, row in enumerate(self.ds.rows(table)):
                first = self.ids.get(row.id)
                if first is None:
                    self.ids[row.id] = (table, i)
                    self._by_table[table].append(row.id)
                else:
                    self.add(table, i, "id", row.id,
                             f"the id is already used at {self.where(*first)}; ids must be unique across all tables")

    def check_ref(self, table: str, index: int, column: str, value: str, allowed: tuple[str, ...]) -> bool:
        found = self.ids.get(value)
        if found is not None and found[0] in allowed:
            return True
        wanted = _nouns(allowed)
        if found is None:
            message = f"{value!r} is not the id of any {wanted}"
            pool = [i for t in allowed for i in self._by_table[t]]
            if len(pool) <= 5000:
                close = difflib.get_close_matches(value, pool, n=1)
                if close:
                    message += f" (did you mean {close[0]!r}?)"
        else:
            message = f"{value!r} is {_article(ENTITY_TABLES[found[0]])}, not {_article(wanted)}"
        self.add(table, index, column, value, message)
        return False

    def check_references(self) -> None:
        for (table, column), allowed in _REFERENCES.items():
            for i, row in enumerate(self.ds.rows(table)):
                value = getattr(row, column)
                for item in (value if isinstance(value, tuple) else (value,)):
                    if item is not None:
                        self.check_ref(table, i, column, item, allowed)
        for i, part in enumerate(self.ds.partnerships):
            for req in part.required:
                self.check_ref("partnerships", i, "required", req.community, ("communities",))
        seen_links: set[tuple] = set()
        for i, link in enumerate(self.ds.links):
            sources, targets = LINK_ENDS[link.kind]
            self.check_ref("links", i, "source", link.source, sources)
            self.check_ref("links", i, "target", link.target, targets)
            if link.source == link.target:
                self.add("links", i, "target", link.target, "a link cannot join a body to itself")
            key = (link.source, link.target, link.kind)
            if key in seen_links:
                self.add("links", i, None, None, f"the same {link.kind.value} link from {link.source!r} to "
                         f"{link.target!r} appears more than once", severity="warning")
            seen_links.add(key)

    def check_ranges(self) -> None:
        for i, p in enumerate(self.ds.partnerships):
            if p.size_min is not None and p.size_max is not None and p.size_min > p.size_max:
                self.add("partnerships", i, "size_min", p.size_min,
                         f"size_min is larger than size_max ({p.size_max})")
        for i, m in enumerate(self.ds.memberships):
            if m.since and m.until and m.since > m.until:
                self.add("memberships", i, "until", m.until.isoformat(),
                         f"until is before since ({m.since.isoformat()})")
            if m.member == m.network:
                self.add("memberships", i, "member", m.member, "a network cannot be a member of itself")
        seen_members: set[tuple[str, str]] = set()
        for i, m in enumerate(self.ds.memberships):
            if (m.member, m.network) in seen_members:
                self.add("memberships", i, None, None,
                         f"{m.member!r} is listed as a member of {m.network!r} more than once", severity="warning")
            seen_members.add((m.member, m.network))
        for i, s in enumerate(self.ds.seats):
            if s.term_start and s.term_end and s.term_start > s.term_end:
                self.add("seats", i, "term_end", s.term_end.isoformat(),
                         f"term_end is before term_start ({s.term_start.isoformat()})")

    def check_cycles(self) -> None:
        kind_of = {i: t for i, (t, _) in self.ids.items()}
        feeds = nx.DiGraph()
        for i, p in enumerate(self.ds.partnerships):
            for target in p.feeds_into:
                feeds.add_edge(p.id, target, at=("partnerships", i, "feeds_into"))
        for i, link in enumerate(self.ds.links):
            if link.kind is LinkKind.feeds_into and kind_of.get(link.source) == "partnerships":
                feeds.add_edge(link.source, link.target, at=("links", i, "target"))
        self._cycles(feeds, "feeds_into goes round in a circle: {path}")

        part_of = nx.DiGraph()
        for i, c in enumerate(self.ds.communities):
            if c.part_of is not None:
                part_of.add_edge(c.id, c.part_of, at=("communities", i, "part_of"))
        self._cycles(part_of, "part_of goes round in a circle: {path}")

        members = nx.DiGraph()
        for i, m in enumerate(self.ds.memberships):
            if m.member != m.network and kind_of.get(m.member) == "networks":
                members.add_edge(m.member, m.network, at=("memberships", i, "network"))
        self._cycles(members, "network {first!r} is a member of itself through others: {path}")

    def _cycles(self, graph: nx.DiGraph, template: str) -> None:
        for component in nx.strongly_connected_components(graph):
            if len(component) < 2:
                continue
            start = min(component)
            cycle = nx.find_cycle(graph.subgraph(component), source=start)
            path = " -> ".join([cycle[0][0]] + [v for _, v in cycle])
            table, index, column = graph.edges[cycle[0][0], cycle[0][1]]["at"]
            self.add(table, index, column, cycle[0][1], template.format(path=path, first=cycle[0][0]))


def dataset_problems(dataset: Dataset, where: Where = _default_where) -> list[Finding]:
    """Every cross-row problem of ``dataset``: ids, references, ranges, cycles.

    ``where(table, index)`` names a row for messages that point at a second
    place (a duplicate id); the loader passes one that names file and row.
    """
    checker = _Checker(dataset, where)
    checker.check_ids()
    checker.check_references()
    checker.check_ranges()
    checker.check_cycles()
    return checker.findings
