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

from collections.abc import Callable, Iterable
from itertools import chain
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .columns import as_columns
from .vocabulary import ENTITY_TABLES, LINK_ENDS, REFERENCES, TABLE_NAMES, LinkKind, group_key, is_deputy

if TYPE_CHECKING:  # the model imports the checks, not the other way round
    from .model import Dataset

__all__ = ["Finding", "dataset_problems", "table_problems", "reports_after"]


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

def _default_where(table: str, index: int) -> str:
    return f"{table} item {index + 1}"


def _nouns(tables: Iterable[str]) -> str:
    names = [ENTITY_TABLES[t] for t in tables]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


Rows = dict[str, list[dict[str, Any]]]


class _Checker:
    """Checks rows in one form, the loader's: an entity table as a list of row dicts, any other
    table as :class:`~graphmodel.columns.Columns` (made here, once, for rows given as dicts).

    Each check first asks a whole column at once (set operations, C speed)
    and walks the rows one by one only to locate what is wrong.
    """

    def __init__(self, tables: Rows, where: Where):
        self.tables: dict[str, Any] = {t: rows if t in ENTITY_TABLES else as_columns(rows)
                                       for t, rows in tables.items()}
        self.where = where
        self.findings: list[Finding] = []
        self.ids: dict[str, tuple[str, int]] = {}
        self.table_ids: dict[str, list[str]] = {}
        self._allowed: dict[tuple[str, ...], set[str]] = {}
        self._columns: dict[tuple[str, str], list] = {}

    def column(self, table: str, name: str) -> list:
        """One column of a table as a list (made once, shared by the checks)."""
        key = (table, name)
        if key not in self._columns:
            rows = self.tables[table]
            self._columns[key] = [row[name] for row in rows] if table in ENTITY_TABLES else rows.get(name, [])
        return self._columns[key]

    def add(self, table: str, index: int, column: str | None, value: Any, message: str, severity: str = "error"):
        self.findings.append(Finding(table, index, column, value, message, severity))

    def check_ids(self) -> None:
        for table in ENTITY_TABLES:
            self.table_ids[table] = self.column(table, "id")
        everything = [i for ids in self.table_ids.values() for i in ids]
        unique = len(set(everything)) == len(everything)
        for table, ids in self.table_ids.items():
            if unique:
                self.ids.update(zip(ids, zip([table] * len(ids), range(len(ids)))))
                continue
            for i, node_id in enumerate(ids):
                first = self.ids.get(node_id)
                if first is None:
                    self.ids[node_id] = (table, i)
                else:
                    self.add(table, i, "id", node_id,
                             f"the id is already used at {self.where(*first)}; ids must be unique across all tables")

    def allowed(self, tables: tuple[str, ...]) -> set[str]:
        found = self._allowed.get(tables)
        if found is None:
            found = self._allowed[tables] = {i for t in tables for i in self.table_ids[t]
                                             if self.ids[i][0] == t}
        return found

    def check_ref(self, table: str, index: int, column: str, value: str, allowed: tuple[str, ...]) -> bool:
        found = self.ids.get(value)
        if found is not None and found[0] in allowed:
            return True
        wanted = _nouns(allowed)
        if found is None:
            message = f"{value!r} is not the id of any {wanted}"
            pool = [i for t in allowed for i in self.table_ids[t]]
            if len(pool) <= 5000:
                import difflib

                close = difflib.get_close_matches(value, pool, n=1)
                if close:
                    message += f" (did you mean {close[0]!r}?)"
        else:
            message = f"{value!r} is {_article(ENTITY_TABLES[found[0]])}, not {_article(wanted)}"
        self.add(table, index, column, value, message)
        return False

    def check_references(self) -> None:
        for (table, column), allowed in REFERENCES.items():
            values = self.column(table, column)
            if values and isinstance(next((v for v in values if v is not None), None), tuple):
                present = set(chain.from_iterable(values))
            else:
                present = set(values)
                present.discard(None)
            if present <= self.allowed(allowed):
                continue
            for i, value in enumerate(values):
                if value is None:
                    continue
                for item in (value if value.__class__ is tuple else (value,)):
                    self.check_ref(table, i, column, item, allowed)
        for i, part in enumerate(self.tables["partnerships"]):
            for req in part["required"]:
                self.check_ref("partnerships", i, "required", req.community, ("communities",))
        seen_links: set[tuple] = set()
        for i, link in enumerate(self.tables["links"].rows()):
            source, target, kind = link["source"], link["target"], link["kind"]
            sources, targets = LINK_ENDS[kind]
            self.check_ref("links", i, "source", source, sources)
            self.check_ref("links", i, "target", target, targets)
            if source == target:
                self.add("links", i, "target", target, "a link cannot join a body to itself")
            key = (source, target, kind)
            if key in seen_links:
                self.add("links", i, None, None, f"the same {kind.value} link from {source!r} to "
                         f"{target!r} appears more than once", severity="warning")
            seen_links.add(key)

    def check_ranges(self) -> None:
        for i, p in enumerate(self.tables["partnerships"]):
            if p["size_min"] is not None and p["size_max"] is not None and p["size_min"] > p["size_max"]:
                self.add("partnerships", i, "size_min", p["size_min"],
                         f"size_min is larger than size_max ({p['size_max']})")
        members = self.column("memberships", "member")
        networks = self.column("memberships", "network")
        since, until = self.column("memberships", "since"), self.column("memberships", "until")
        for i in [i for i, (s, u) in enumerate(zip(since, until)) if s and u and s > u]:
            self.add("memberships", i, "until", until[i].isoformat(), f"until is before since ({since[i].isoformat()})")
        pairs = list(zip(members, networks))
        for i in [i for i, (m, n) in enumerate(pairs) if m == n]:
            self.add("memberships", i, "member", members[i], "a network cannot be a member of itself")
        if len(set(pairs)) != len(pairs):
            seen: set[tuple[str, str]] = set()
            for i, (member, network) in enumerate(pairs):
                if (member, network) in seen:
                    self.add("memberships", i, None, None,
                             f"{member!r} is listed as a member of {network!r} more than once", severity="warning")
                seen.add((member, network))
        for i, s in enumerate(self.tables["seats"]):
            if s["term_start"] and s["term_end"] and s["term_start"] > s["term_end"]:
                self.add("seats", i, "term_end", s["term_end"].isoformat(),
                         f"term_end is before term_start ({s['term_start'].isoformat()})")

    def check_seat_rules(self) -> None:
        """Deputies on the same partnership and not of a deputy; ``@GROUP`` items naming a group
        some seat of the partnership has."""
        seats = self.tables["seats"]
        where_seat = {s["id"]: i for i, s in enumerate(seats)}
        groups: dict[str, dict[str, str]] = {}
        for i, s in enumerate(seats):
            if s["group"] is not None:
                groups.setdefault(s["partnership"], {}).setdefault(group_key(s["group"]), s["group"].strip())
            of = s["deputy_of"]
            if of is None or of not in where_seat:
                continue
            other = seats[where_seat[of]]
            if of == s["id"]:
                self.add("seats", i, "deputy_of", of, "a seat cannot deputise for itself")
            elif other["partnership"] != s["partnership"]:
                self.add("seats", i, "deputy_of", of, f"{of!r} is a seat of partnership {other['partnership']!r}; "
                         f"a deputy must be on the same partnership ({s['partnership']!r})")
            elif is_deputy(other):
                self.add("seats", i, "deputy_of", of, f"{of!r} is itself a deputy; a deputy must deputise "
                         "for a place, not for another deputy")
        for i, p in enumerate(self.tables["partnerships"]):
            for req in p["required"]:
                if req.group is None:
                    continue
                has = groups.get(p["id"], {})
                if group_key(req.group) not in has:
                    named = ", ".join(repr(g) for g in sorted(has.values()))
                    self.add("partnerships", i, "required", str(req),
                             f"no seat of {p['id']!r} has the group {req.group.strip()!r}; "
                             + (f"its groups are {named}" if named else "its seats have no group"),
                             severity="warning")

    def check_reports(self) -> None:
        """A report ``from`` a body with no ``reports_back`` link to its ``to`` (a warning)."""
        reports = self.tables["reports"]
        if not len(reports):
            return
        links = {(l["source"], l["target"]) for l in self.tables["links"].rows()
                 if l["kind"] is LinkKind.reports_back or l["kind"] == "reports_back"}
        senders, receivers = self.column("reports", "from"), self.column("reports", "to")
        for i, (sender, receiver) in enumerate(zip(senders, receivers)):
            if (sender, receiver) not in links and sender in self.ids and receiver in self.ids:
                self.add("reports", i, "to", receiver, f"{sender!r} has no reports_back link to {receiver!r}; "
                         "add the link, or check the report", severity="warning")

    def check_cycles(self) -> None:
        ids = self.ids
        feeds: list[tuple] = []
        for i, p in enumerate(self.tables["partnerships"]):
            for target in p["feeds_into"]:
                feeds.append((p["id"], target, ("partnerships", i, "feeds_into")))
        for i, link in enumerate(self.tables["links"].rows()):
            if link["kind"] is LinkKind.feeds_into and ids.get(link["source"], ("",))[0] == "partnerships" \
                    and link["source"] != link["target"]:  # a link to itself is refused with its own message
                feeds.append((link["source"], link["target"], ("links", i, "target")))
        self._cycles(feeds, "feeds_into goes round in a circle: {path}")

        part_of = [(c["id"], c["part_of"], ("communities", i, "part_of"))
                   for i, c in enumerate(self.tables["communities"]) if c["part_of"] is not None]
        self._cycles(part_of, "part_of goes round in a circle: {path}")

        networks = set(self.table_ids["networks"])
        targets = self.column("memberships", "network")
        members = [(member, targets[i], ("memberships", i, "network"))
                   for i, member in enumerate(self.column("memberships", "member"))
                   if member in networks and member != targets[i]]
        self._cycles(members, "network {first!r} is a member of itself through others: {path}")

    def _cycles(self, edges: list[tuple], template: str) -> None:
        """Report one circle per strongly connected group of ``edges`` (source, target, where),
        and every self-loop. Nodes on no circle are trimmed first, in linear time, so that a long
        chain costs next to nothing."""
        for source, target, at in edges:
            if source == target:  # a one-node circle: the body names itself
                self.add(*at, source, template.format(path=f"{source} -> {source}", first=source))
        edges = [e for e in edges if e[0] != e[1]]
        edges = _on_circles(edges)
        if not edges:
            return
        import networkx as nx  # only when there is a circle to report: a valid dataset never pays for it

        graph = nx.DiGraph()
        for source, target, at in edges:
            graph.add_edge(source, target, at=at)
        for component in nx.strongly_connected_components(graph):
            if len(component) < 2:
                continue
            start = min(component)
            cycle = nx.find_cycle(graph.subgraph(component), source=start)
            path = " -> ".join([cycle[0][0]] + [v for _, v in cycle])
            table, index, column = graph.edges[cycle[0][0], cycle[0][1]]["at"]
            self.add(table, index, column, cycle[0][1], template.format(path=path, first=cycle[0][0]))


def _on_circles(edges: list[tuple]) -> list[tuple]:
    """The edges left after repeatedly removing nodes with no edge in or no edge out (no such
    node can be on a circle): linear, iterative."""
    outs: dict[Any, int] = {}
    ins: dict[Any, int] = {}
    succ: dict[Any, list] = {}
    pred: dict[Any, list] = {}
    for source, target, _ in edges:
        outs[source] = outs.get(source, 0) + 1
        ins[target] = ins.get(target, 0) + 1
        succ.setdefault(source, []).append(target)
        pred.setdefault(target, []).append(source)
    nodes = set(outs) | set(ins)
    removed: set = set()
    stack = [n for n in nodes if not outs.get(n) or not ins.get(n)]
    while stack:
        node = stack.pop()
        if node in removed:
            continue
        removed.add(node)
        for target in succ.get(node, ()):
            ins[target] -= 1
            if not ins[target] and target not in removed:
                stack.append(target)
        for source in pred.get(node, ()):
            outs[source] -= 1
            if not outs[source] and source not in removed:
                stack.append(source)
    return [e for e in edges if e[0] not in removed and e[1] not in removed]


def table_problems(tables: Rows, where: Where = _default_where) -> list[Finding]:
    """Every cross-row problem of rows by table (the loader's form, or every table as row dicts):
    ids, references, ranges, cycles."""
    checker = _Checker(tables, where)
    checker.check_ids()
    checker.check_references()
    checker.check_ranges()
    checker.check_seat_rules()
    checker.check_reports()
    checker.check_cycles()
    return checker.findings


def dataset_problems(dataset: "Dataset", where: Where = _default_where) -> list[Finding]:
    """Every cross-row problem of ``dataset``: ids, references, ranges, cycles.

    ``where(table, index)`` names a row for messages that point at a second
    place (a duplicate id); the loader passes one that names file and row.
    """
    return table_problems({t: [row.__dict__ for row in dataset.rows(t)] for t in TABLE_NAMES}, where)


def reports_after(reports, as_of) -> list[Finding]:
    """A warning for each report (rows as :class:`Columns` or dicts) dated after ``as_of``.

    >>> import datetime
    >>> [f.message for f in reports_after([{"from": "s1", "to": "n", "date": datetime.date(2030, 1, 1)}],
    ...                                   datetime.date(2026, 1, 1))]
    ['the report is dated after the as-of date (2026-01-01): it is not counted as evidence']
    """
    return [Finding("reports", i, "date", d.isoformat(),
                    f"the report is dated after the as-of date ({as_of.isoformat()}): it is not counted as evidence",
                    "warning")
            for i, d in enumerate(as_columns(reports).get("date", ())) if d > as_of]
