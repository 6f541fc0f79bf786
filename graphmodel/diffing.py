"""What changed between two versions of a dataset: rows, and each partnership's gaps.

Tables with ids are compared id by id (a row whose id is in both versions is
*changed* when any column differs). Tables without ids (memberships, links,
reports) are compared as whole rows and named ``member->network``,
``source->target`` or ``from->to``: a row whose role or channel changed is
removed in its old form and added in its new one. For each partnership in
both versions, the communities newly unrepresented or newly represented and
the breaches new or resolved (FORMAT.md section 5).

>>> from graphmodel.model import Dataset
>>> old = Dataset(organisations=[{"id": "a", "name": "A", "sector": "vcs"}],
...               partnerships=[{"id": "p", "name": "P", "level": "board"}],
...               seats=[{"id": "s", "partnership": "p", "sector": "vcs", "holder": "a"}])
>>> new = Dataset(organisations=[{"id": "a", "name": "A", "sector": "vcs"}],
...               partnerships=[{"id": "p", "name": "P", "level": "board"}],
...               seats=[{"id": "s", "partnership": "p", "sector": "vcs"}])
>>> d = diff(old, new)
>>> d.changed["seats"][0].fields
{'holder': ['a', None]}
>>> d.sentences()
['A lost its only seat on P (seat s is now vacant).']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from .column_specs import COLUMNS
from .required_items import RequiredItem
from .vocabulary import ENTITY_TABLES, TABLE_NAMES

if TYPE_CHECKING:
    from .model import Dataset

__all__ = ["Change", "PartnershipChange", "Diff", "diff", "diff_rows", "row_key", "ROW_KEYS"]

#: Tables without ids, and the columns that name a row (``member->network``).
ROW_KEYS: dict[str, tuple[str, str]] = {"memberships": ("member", "network"), "links": ("source", "target"),
                                        "reports": ("from", "to")}

_WITHHELD = "(withheld)"


@dataclass
class Change:
    """A row in both versions whose columns differ: ``fields`` maps column to ``[old, new]``."""

    id: str
    fields: dict[str, list]

    def as_dict(self) -> dict:
        return {"id": self.id, "fields": self.fields}


@dataclass
class PartnershipChange:
    """How one partnership's representation and rules moved between the versions."""

    partnership: str
    name: str
    newly_unrepresented: list[str]
    newly_represented: list[str]
    new_breaches: list[dict]
    resolved_breaches: list[dict]

    @property
    def any(self) -> bool:
        return bool(self.newly_unrepresented or self.newly_represented or self.new_breaches
                    or self.resolved_breaches)

    def as_dict(self) -> dict:
        return {"partnership": self.partnership, "name": self.name,
                "newly_unrepresented": self.newly_unrepresented, "newly_represented": self.newly_represented,
                "new_breaches": self.new_breaches, "resolved_breaches": self.resolved_breaches}


@dataclass
class Diff:
    """Rows added, removed and changed per table, and each partnership's gaps moving."""

    old: str
    new: str
    added: dict[str, list[str]]
    removed: dict[str, list[str]]
    changed: dict[str, list[Change]]
    gaps: list[PartnershipChange]
    rows_added: dict[str, list[dict]] = field(default_factory=dict)
    rows_removed: dict[str, list[dict]] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict, repr=False)
    _old_rows: dict[str, dict[str, dict]] = field(default_factory=dict, repr=False)
    _new_rows: dict[str, dict[str, dict]] = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict:
        return {
            "old": self.old, "new": self.new,
            "added": self.added, "removed": self.removed,
            "changed": {t: [c.as_dict() for c in cs] for t, cs in self.changed.items()},
            "gaps": [g.as_dict() for g in self.gaps],
        }

    @property
    def empty(self) -> bool:
        return not (any(self.added.values()) or any(self.removed.values()) or any(self.changed.values())
                    or any(g.any for g in self.gaps))

    def name(self, node: str) -> str:
        return self._names.get(node, node)

    def sentences(self, partnership: str | None = None) -> list[str]:
        """The changes as a short report in words, with names (people by id only); with
        ``partnership``, only its seats and its gaps."""
        return _sentences(self, partnership)


def _plain(value: Any) -> Any:
    if value is None or type(value) in _SCALARS:  # most cells: nothing to convert
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, RequiredItem) or hasattr(value, "model_dump"):  # a required item, as read or a model
        return str(value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


#: values :func:`_plain` returns as they are (exactly these types: a str enum is converted)
_SCALARS = frozenset({str, int, float, bool})




def row_key(table: str, row: dict) -> str:
    """The name of a row of a table without ids, e.g. ``"tra->cen"``.

    >>> row_key("links", {"source": "s1", "target": "cen", "kind": "reports_back"})
    's1->cen'
    """
    first, second = ROW_KEYS[table]
    return f"{row.get(first, row.get(first + '_'))}->{row.get(second, row.get(second + '_'))}"


def _tables(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Each row as a dict of plain values (enums as text, dates ISO, lists, required items as text)."""
    found = {}
    for table in TABLE_NAMES:
        columns = list(COLUMNS[table])
        # text, numbers and yes/no are plain already; only the other columns' values are converted
        convert = [c for c, spec in COLUMNS[table].items() if spec.kind not in ("text", "int", "float", "bool")]
        out = found[table] = []
        for row in tables.get(table, ()):
            plain = {c: row[c] for c in columns}
            for c in convert:
                plain[c] = _plain(plain[c])
            out.append(plain)
    return found


def _breach_key(rule: str, detail: str) -> str:
    """A breach's identity across versions: its rule, and for ``required`` the community (and group)
    it names; counts in the detail may change while the breach stays the same."""
    return rule if rule != "required" else rule + ":" + re.sub(r"\d+", "N", detail)


def diff(old: Dataset, new: Dataset, *, as_of: date | None = None, include_people: bool = False) -> Diff:
    """What changed from ``old`` to ``new`` (two versions of one dataset, any containers).

    Parameters
    ----------
    old, new : validated datasets (:func:`graphmodel.load_dataset`).
    as_of : the date for the gaps' term checks (default today).
    include_people : keep people's names in changed fields (otherwise ``"(withheld)"``).

    Returns
    -------
    Diff
        ``added``/``removed``: ids by table (row names for tables without
        ids); ``changed``: per table the rows whose columns differ, each
        column as ``[old, new]``; ``gaps``: for every partnership in both
        versions, sorted by id, the communities newly unrepresented and
        newly represented and the breaches new (with the new detail) and
        resolved (with the old detail), breaches matched by rule (and, for
        ``required``, by the community and group they name).

    Examples
    --------
    >>> from graphmodel.model import Dataset
    >>> old = Dataset(organisations=[{"id": "a", "name": "A", "sector": "vcs"}],
    ...               networks=[{"id": "n", "name": "N", "led_by": "vcs"}])
    >>> new = Dataset(organisations=[{"id": "a", "name": "A", "sector": "vcs"}],
    ...               networks=[{"id": "n", "name": "N", "led_by": "vcs"}],
    ...               memberships=[{"member": "a", "network": "n"}])
    >>> diff(old, new).added["memberships"]
    ['a->n']
    """
    def rows(dataset: Dataset) -> dict[str, list[dict]]:
        return {t: [row.__dict__ for row in dataset.rows(t)] for t in TABLE_NAMES}

    old_rows = rows(old)
    return diff_rows(old.name, old_rows, new.name, old_rows if new is old else rows(new), as_of=as_of,
                     include_people=include_people)


def diff_rows(old_name: str, old: dict[str, list[dict]], new_name: str, new: dict[str, list[dict]], *,
              as_of: date | None = None, include_people: bool = False) -> Diff:
    """:func:`diff` of two versions given as their valid rows by table (dicts of column -> value, as
    :func:`graphmodel.load.read_rows` gives them), without making models. ``old`` may be ``new``
    (one dataset read once): its gaps are then worked out once."""
    from .dated import in_force
    from .graph import graph_from_rows
    from .representation import gaps

    before = _tables(old)
    after = before if new is old else _tables(new)
    added: dict[str, list[str]] = {}
    removed: dict[str, list[str]] = {}
    changed: dict[str, list[Change]] = {}
    rows_added: dict[str, list[dict]] = {}
    rows_removed: dict[str, list[dict]] = {}
    old_rows: dict[str, dict[str, dict]] = {}
    new_rows: dict[str, dict[str, dict]] = {}
    for table in TABLE_NAMES:
        if table in ENTITY_TABLES:
            o = {r["id"]: r for r in before[table]}
            n = {r["id"]: r for r in after[table]}
            old_rows[table], new_rows[table] = o, n
            added[table] = sorted(n.keys() - o.keys())
            removed[table] = sorted(o.keys() - n.keys())
            changes = []
            for i in sorted(o.keys() & n.keys()):
                fields = {c: [o[i].get(c), n[i].get(c)] for c in dict.fromkeys([*o[i], *n[i]])
                          if o[i].get(c) != n[i].get(c)}
                if table == "people" and not include_people and "name" in fields:
                    fields["name"] = [_WITHHELD if v is not None else None for v in fields["name"]]
                if fields:
                    changes.append(Change(i, fields))
            changed[table] = changes
        else:
            def whole(r):
                return tuple(sorted((k, repr(v)) for k, v in r.items()))

            still = Counter(whole(r) for r in after[table])
            gone = [r for r in before[table] if _take(still, whole(r))]
            had = Counter(whole(r) for r in before[table])
            came = [r for r in after[table] if _take(had, whole(r))]
            rows_removed[table] = sorted(gone, key=lambda r: (row_key(table, r), repr(r)))
            rows_added[table] = sorted(came, key=lambda r: (row_key(table, r), repr(r)))
            removed[table] = [row_key(table, r) for r in rows_removed[table]]
            added[table] = [row_key(table, r) for r in rows_added[table]]

    day = as_of or date.today()  # both versions as they stood on the day (graphmodel.dated)

    def partnerships(name: str, tables: dict[str, list[dict]]) -> dict:
        return {p.id: p for p in gaps(in_force(graph_from_rows(name, tables, networkx=False), day),
                                      as_of=day).partnerships}

    old_gaps = partnerships(old_name, old)
    new_gaps = old_gaps if new is old and new_name == old_name else partnerships(new_name, new)
    moved = []
    for pid in sorted(old_gaps.keys() & new_gaps.keys()):
        a, b = old_gaps[pid], new_gaps[pid]
        a_breaches = {_breach_key(x.rule, x.detail): x for x in a.breaches}
        b_breaches = {_breach_key(x.rule, x.detail): x for x in b.breaches}
        moved.append(PartnershipChange(
            pid, b.name,
            newly_unrepresented=sorted(set(b.unrepresented) - set(a.unrepresented)),
            newly_represented=sorted(set(b.represented) - set(a.represented)),
            new_breaches=[{"rule": x.rule, "detail": x.detail} for k, x in b_breaches.items() if k not in a_breaches],
            resolved_breaches=[{"rule": x.rule, "detail": x.detail} for k, x in a_breaches.items()
                               if k not in b_breaches],
        ))
    names = {}
    for rows in (old_rows, new_rows):
        for table, by_id in rows.items():
            if table != "people":
                names.update({i: r.get("name") or i for i, r in by_id.items()})
    return Diff(old_name, new_name, added, removed, changed, moved, rows_added, rows_removed, names,
                old_rows, new_rows)


def _take(theirs: Counter, key) -> bool:
    """True when the other version has no copy of this row left (each copy matches one row)."""
    if theirs[key] > 0:
        theirs[key] -= 1
        return False
    return True


def _sentences(d: Diff, partnership: str | None = None) -> list[str]:
    out: list[str] = []
    name = d.name
    old_seats, new_seats = d._old_rows.get("seats", {}), d._new_rows.get("seats", {})
    if partnership is not None:
        old_seats = {s: r for s, r in old_seats.items() if r["partnership"] == partnership}
        new_seats = {s: r for s, r in new_seats.items() if r["partnership"] == partnership}

    # seats: who won or lost places, per partnership
    def holdings(seats):
        held: Counter[tuple[str, str]] = Counter()
        for s in seats.values():
            if s.get("holder"):
                held[(s["holder"], s["partnership"])] += 1
        return held

    before, after = holdings(old_seats), holdings(new_seats)
    for holder, body in sorted(before.keys() | after.keys()):
        a, b = before[(holder, body)], after[(holder, body)]
        if a == b:
            continue
        vacated = sorted(s for s, row in new_seats.items() if s in old_seats and old_seats[s].get("holder") == holder
                         and old_seats[s]["partnership"] == body and not row.get("holder") and not row.get("person"))
        tail = f" (seat {', '.join(vacated)} {'is' if len(vacated) == 1 else 'are'} now vacant)" if vacated else ""
        if b == 0:
            what = "its only seat" if a == 1 else f"all {a} of its seats"
            out.append(f"{name(holder)} lost {what} on {name(body)}{tail}.")
        elif b < a:
            out.append(f"{name(holder)} lost {a - b} of its {a} seats on {name(body)}{tail}.")
        elif a == 0:
            out.append(f"{name(holder)} gained {'a seat' if b == 1 else f'{b} seats'} on {name(body)}.")
        else:
            out.append(f"{name(holder)} gained {b - a} more seat{'s' if b - a != 1 else ''} on {name(body)} "
                       f"(now {b}).")
    for s in (s for s in d.added.get("seats", []) if s in new_seats):
        row = new_seats[s]
        if not row.get("holder") and not row.get("person"):
            out.append(f"{name(row['partnership'])} has a new vacant {row['sector']} seat ({s}).")
    for s in (s for s in d.removed.get("seats", []) if s in old_seats):
        row = old_seats[s]
        if not row.get("holder"):
            out.append(f"The {row['sector']} seat {s} on {name(row['partnership'])} was removed.")
    for c in (c for c in d.changed.get("seats", []) if c.id in new_seats):
        for column, (a, b) in c.fields.items():
            if column in ("holder", "partnership"):
                continue  # told above, by holder
            if column == "person":
                out.append(f"Seat {c.id} on {name(new_seats[c.id]['partnership'])}: "
                           + ("now held by a named person." if b and not a else
                              "no longer held by a named person." if a and not b else "another person holds it."))
            else:
                out.append(f"Seat {c.id} on {name(new_seats[c.id]['partnership'])}: {column} "
                           f"{_show(a)} -> {_show(b)}.")

    if partnership is not None:
        return out + _gap_sentences(d, partnership)
    # the other tables with ids
    nouns = {"organisations": "organisation", "networks": "network", "partnerships": "partnership",
             "communities": "community", "people": "person"}
    for table, noun in nouns.items():
        for i in d.added.get(table, []):
            out.append(f"New {noun}: {i if table == 'people' else f'{name(i)} ({i})'}.")
        for i in d.removed.get(table, []):
            out.append(f"Removed {noun}: {i if table == 'people' else f'{name(i)} ({i})'}.")
        for c in d.changed.get(table, []):
            parts = [f"{column} {_show(a)} -> {_show(b)}" for column, (a, b) in c.fields.items()]
            label = c.id if table == "people" else f"{name(c.id)} ({c.id})"
            out.append(f"{noun.capitalize()} {label}: {'; '.join(parts)}.")

    # memberships and links
    for row in d.rows_added.get("memberships", []):
        out.append(f"{name(row['member'])} joined {name(row['network'])}.")
    for row in d.rows_removed.get("memberships", []):
        out.append(f"{name(row['member'])} left {name(row['network'])}.")
    verbs = {"feeds_into": ("now feeds into", "no longer feeds into"),
             "reports_back": ("now reports back to", "no longer reports back to"),
             "consults": ("now consults", "no longer consults"), "funds": ("now funds", "no longer funds")}
    for rows, which in ((d.rows_added.get("links", []), 0), (d.rows_removed.get("links", []), 1)):
        for row in rows:
            verb = verbs.get(row["kind"], (f"now {row['kind']}", f"no longer {row['kind']}"))[which]
            out.append(f"{name(row['source'])} {verb} {name(row['target'])}.")
    for rows, verb in ((d.rows_added.get("reports", []), "New report"), (d.rows_removed.get("reports", []),
                                                                          "Report no longer recorded")):
        for row in rows:
            out.append(f"{verb}: {name(str(row.get('from', row.get('from_'))))} to "
                       f"{name(str(row.get('to')))} on {row.get('date')}.")

    return out + _gap_sentences(d, None)


def _gap_sentences(d: Diff, partnership: str | None) -> list[str]:
    out = []
    name = d.name
    for g in d.gaps:
        if partnership is not None and g.partnership != partnership:
            continue
        if g.newly_unrepresented:
            out.append(f"{g.name} no longer has a filled seat speaking for "
                       f"{', '.join(name(c) for c in g.newly_unrepresented)}.")
        if g.newly_represented:
            out.append(f"{g.name} now has a filled seat speaking for "
                       f"{', '.join(name(c) for c in g.newly_represented)}.")
        for b in g.new_breaches:
            out.append(f"{g.name} now breaks its {b['rule']} rule: {b['detail']}.")
        for b in g.resolved_breaches:
            out.append(f"{g.name} now meets its {b['rule']} rule (was: {b['detail']}).")
    return out


def _show(value: Any) -> str:
    if value is None or value == []:
        return "(empty)"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return repr(value) if isinstance(value, str) else str(value)
