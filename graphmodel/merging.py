"""Merge one dataset into another: how an imported register or grant file joins a team's map.

:func:`merge` takes a BASE dataset and an ADDITION. Organisations are matched
on a shared external identifier (``identifiers``, e.g. ``GB-CHC-1234567``,
compared ignoring case and spaces) first, then on ``id``; every other table
with ids is matched on ``id``; memberships and links on what they join.
Each addition row is reported as

- **matched**: the same thing as a base row. Empty base cells are filled from
  the addition and list cells (identifiers, serves, ...) are joined; nothing
  the base says is replaced (two rows with the same id whose identifiers have
  none in common are conflicting on ``identifiers``);
- **conflicting**: matched, but a fact differs (a name, a sector, an amount):
  BASE's value is kept unless ``prefer="addition"``; each differing field is
  listed with both values and the one kept;
- **added**: new; references to matched organisations are rewritten to the base
  id, and an id already used by something else in the base is renamed
  (``id-2``) and reported.

Nothing is overwritten silently, and the result is a valid dataset (it is
built through the model's checks).

>>> from graphmodel.model import Dataset
>>> base = Dataset(organisations=[{"id": "elders", "name": "Hackney Elders", "sector": "vcs",
...                                "identifiers": ["GB-CHC-1000001"]}])
>>> add = Dataset(organisations=[{"id": "gb-chc-1000001", "name": "Hackney Elders Club", "sector": "vcs",
...                               "identifiers": ["GB-CHC-1000001"], "notes": "lunch club"}])
>>> result = merge(base, add)
>>> [(o.id, o.name, o.notes) for o in result.dataset.organisations]
[('elders', 'Hackney Elders', 'lunch club')]
>>> result.report.conflicting[0].as_dict()["field"]
'name'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .exceptions import DatasetError, EngagemapError, Problem
from .column_specs import COLUMNS
from .model import ENTITY_TABLES, TABLES, Dataset
from .vocabulary import REFERENCES, TABLE_NAMES

__all__ = ["merge", "Merged", "MergeReport", "Match", "Conflict"]

#: columns holding one id, or a list of ids, per table (references rewritten when ids change)
_REFS: dict[str, tuple[str, ...]] = {table: tuple(c for t, c in REFERENCES if t == table) for table in TABLE_NAMES}
_REFS["links"] = ("source", "target")  # the tables they may name depend on the kind (vocabulary.LINK_ENDS)
#: what makes a row of a table without ids the same row
_KEYS = {"memberships": ("member", "network"), "links": ("source", "target", "kind"),
         "reports": ("from", "to", "date")}
#: list columns, merged item by item
_LISTS = {c for specs in COLUMNS.values() for c, spec in specs.items() if spec.kind in ("list", "required")}


@dataclass(frozen=True)
class Match:
    """An addition row found in the base: ``how`` is ``identifier`` (with the shared one) or ``id``."""

    table: str
    id: str
    addition_id: str
    how: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Conflict:
    """A fact the two datasets give differently, and the value kept."""

    table: str
    id: str
    field: str
    base: Any
    addition: Any
    kept: str

    def as_dict(self) -> dict[str, Any]:
        return {k: (v if v is None or isinstance(v, (str, int, float, bool, list)) else str(v))
                for k, v in asdict(self).items()}


@dataclass
class MergeReport:
    """What happened to each addition row."""

    matched: list[Match] = field(default_factory=list)
    added: list[tuple[str, str]] = field(default_factory=list)
    conflicting: list[Conflict] = field(default_factory=list)
    renamed: list[tuple[str, str, str]] = field(default_factory=list)
    filled: list[tuple[str, str, str]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        """Per table: rows matched, conflicting (matched with a differing fact), added."""
        out: dict[str, dict[str, int]] = {}
        clashing = {(c.table, c.id) for c in self.conflicting}
        for m in self.matched:
            row = out.setdefault(m.table, {"matched": 0, "conflicting": 0, "added": 0})
            row["conflicting" if (m.table, m.id) in clashing else "matched"] += 1
        for table, _ in self.added:
            out.setdefault(table, {"matched": 0, "conflicting": 0, "added": 0})["added"] += 1
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"counts": self.counts(), "matched": [m.as_dict() for m in self.matched],
                "added": [{"table": t, "id": i} for t, i in self.added],
                "conflicting": [c.as_dict() for c in self.conflicting],
                "renamed": [{"table": t, "from": a, "to": b} for t, a, b in self.renamed],
                "filled": [{"table": t, "id": i, "field": f} for t, i, f in self.filled]}


@dataclass
class Merged:
    """The merged dataset and the report of what was matched, added and conflicting."""

    dataset: Dataset
    report: MergeReport


def _norm_identifier(value: str) -> str:
    return "".join(str(value).split()).upper()


def _empty(value: Any) -> bool:
    return value is None or value == () or value == ""


def _key(table: str, row: dict) -> tuple:
    return tuple(row[c] for c in _KEYS[table]) if table in _KEYS else (row["id"],)


def _shown(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_shown(v) for v in value]
    return getattr(value, "value", value) if not isinstance(value, (str, int, float, bool)) or value is None \
        else value


def merge(base: Dataset, addition: Dataset, *, prefer: str = "base", name: str | None = None) -> Merged:
    """Merge ``addition`` into ``base`` (see the module's description).

    Parameters
    ----------
    base, addition : Dataset
        The team's own dataset and the one to bring in.
    prefer : {"base", "addition"}
        Whose value is kept when a matched row states a fact differently.
    name : str, optional
        The merged dataset's name (default: the base's).

    Returns
    -------
    Merged
        The merged dataset (valid) and its :class:`MergeReport`.

    Raises
    ------
    DatasetError
        if the merged rows do not form a valid dataset (each problem says which table and row).
    """
    if prefer not in ("base", "addition"):
        raise EngagemapError(f"prefer must be 'base' or 'addition', not {prefer!r}")
    report = MergeReport()
    tables = {t: [row.model_dump() for row in base.rows(t)] for t in TABLES}
    origins = {t: [("BASE", i) for i in range(len(rows))] for t, rows in tables.items()}
    index = {t: {_key(t, row): i for i, row in enumerate(rows)} for t, rows in tables.items()}
    owner = {row["id"]: t for t in ENTITY_TABLES for row in tables[t]}
    by_identifier: dict[str, str] = {}
    for org in tables["organisations"]:
        for ident in org["identifiers"]:
            by_identifier.setdefault(_norm_identifier(ident), org["id"])
    new_id: dict[str, str] = {}  # addition id -> id in the merged dataset
    matched_to: dict[tuple[str, str], tuple[str, str]] = {}
    # 1. decide every addition id first, so references can be rewritten in one pass
    taken = set(owner)
    for table in ENTITY_TABLES:
        for row in addition.rows(table):
            aid = row.id
            if table == "organisations":
                shared = next((i for i in row.identifiers if _norm_identifier(i) in by_identifier), None)
                if shared is not None:
                    new_id[aid] = by_identifier[_norm_identifier(shared)]
                    matched_to[(table, aid)] = (new_id[aid], f"identifier {shared}")
                    continue
            if owner.get(aid) == table:
                new_id[aid] = aid
                matched_to[(table, aid)] = (aid, "id")
                continue
            final, n = aid, 2
            while final in taken:
                final, n = f"{aid[:96]}-{n}", n + 1
            if final != aid:
                report.renamed.append((table, aid, final))
            new_id[aid] = final
            taken.add(final)

    def rewrite(table: str, row: dict) -> dict:
        for column in _REFS.get(table, ()):
            value = row.get(column)
            if isinstance(value, tuple):
                row[column] = tuple(dict.fromkeys(new_id.get(v, v) for v in value))
            elif value is not None:
                row[column] = new_id.get(value, value)
        if table == "partnerships":
            row["required"] = tuple({**r, "community": new_id.get(r["community"], r["community"])}
                                    for r in row["required"])
        if "id" in row:
            row["id"] = new_id.get(row["id"], row["id"])
        return row

    # 2. rows, matched or added
    for table in TABLES:
        for position, model in enumerate(addition.rows(table)):
            aid = getattr(model, "id", None)
            row = rewrite(table, model.model_dump())
            at = index[table].get(_key(table, row))
            if at is None:
                index[table][_key(table, row)] = len(tables[table])
                tables[table].append(row)
                origins[table].append(("ADDITION", position))
                report.added.append((table, row.get("id") or "->".join(str(row[c]) for c in _KEYS[table])))
                continue
            target = tables[table][at]
            label = target.get("id") or "->".join(str(_shown(target[c])) for c in _KEYS[table])
            how = matched_to.get((table, aid), (None, "id" if aid else "the same ends"))[1]
            report.matched.append(Match(table, label, aid or label, how))
            for column, value in row.items():
                old = target.get(column)
                if column in ("id", *_KEYS.get(table, ())) or value == old or _empty(value):
                    continue
                if _empty(old):
                    target[column] = value
                    report.filled.append((table, label, column))
                elif column == "identifiers" and not {_norm_identifier(v) for v in old} & {
                        _norm_identifier(v) for v in value}:  # the same id, but other registrations
                    report.conflicting.append(Conflict(table, label, column, _shown(old), _shown(value), prefer))
                    if prefer == "addition":
                        target[column] = value
                elif column in _LISTS:
                    known = {_norm_identifier(v) if column == "identifiers" else v for v in old}
                    target[column] = old + tuple(v for v in value if (_norm_identifier(v) if column == "identifiers"
                                                                      else v) not in known)
                else:
                    report.conflicting.append(Conflict(table, label, column, _shown(old), _shown(value), prefer))
                    if prefer == "addition":
                        target[column] = value
    from .checks import dataset_problems

    models = {t: tuple(TABLES[t].model_validate(row) for row in rows) for t, rows in tables.items()}
    dataset = Dataset.model_construct(name=name or base.name, **models)
    problems = []
    for f in dataset_problems(dataset):
        which, i = origins[f.table][f.index]
        problem = Problem(f"{which}, table {f.table!r}", i + 1, f.column, f.value, f.message, row_label="item",
                          severity=f.severity)
        if f.severity == "error":
            problems.append(problem)
        else:
            report.warnings.append(problem)
    if problems:
        raise DatasetError(problems, report.warnings)
    return Merged(dataset, report)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    if hasattr(value, "model_dump"):
        return str(value)
    return value


def write_dataset(dataset: Dataset, target, *, force: bool = False) -> None:
    """Write ``dataset`` atomically in the container ``target`` names: a folder of CSV files (no
    extension), an ``.xlsx`` workbook, or a ``.json`` / ``.yaml`` file."""
    from pathlib import Path

    from .files import atomic_file

    suffix = Path(target).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from .exporting import write_xlsx

        write_xlsx(dataset, target)
    elif suffix in (".json", ".yaml", ".yml"):
        doc = {t: [{c: _plain(v) for c, v in row.model_dump().items() if not _empty(v)} for row in dataset.rows(t)]
               for t in TABLES}
        with atomic_file(target) as handle:
            if suffix == ".json":
                import json

                json.dump(doc, handle, indent=1, ensure_ascii=False)
            else:
                import yaml

                yaml.safe_dump(doc, handle, allow_unicode=True, sort_keys=False)
    else:
        from .writers import write_csv_folder

        write_csv_folder(dataset, target, force=force)
