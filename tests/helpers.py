"""Write a small dataset, given as plain Python tables, into any container."""

from __future__ import annotations

import csv
import json
from pathlib import Path

CONTAINERS = ("csv", "xlsx", "json", "yaml")


def _cell(value):
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


def write_dataset(folder: Path, tables: dict[str, list[dict]], container: str = "csv", name: str = "ds") -> Path:
    """Write ``tables`` (table -> list of row dicts) as a dataset; return its path.

    For CSV and XLSX the header is the union of the rows' keys in order of
    first appearance; lists become ``;`` cells and booleans yes/no.
    """
    folder = Path(folder)
    if container == "json":
        path = folder / f"{name}.json"
        path.write_text(json.dumps(tables, default=str), encoding="utf-8")
        return path
    if container == "yaml":
        import yaml

        path = folder / f"{name}.yaml"
        path.write_text(yaml.safe_dump(json.loads(json.dumps(tables, default=str)), allow_unicode=True),
                        encoding="utf-8")
        return path
    headers = {}
    for table, rows in tables.items():
        header: list[str] = []
        for row in rows:
            header += [k for k in row if k not in header]
        headers[table] = header
    if container == "csv":
        path = folder / name
        path.mkdir(parents=True, exist_ok=True)
        for table, rows in tables.items():
            with open(path / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(headers[table])
                for row in rows:
                    writer.writerow([_cell(row.get(c)) for c in headers[table]])
        return path
    if container == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        for table, rows in tables.items():
            sheet = book.create_sheet(table)
            sheet.append(headers[table])
            for row in rows:
                sheet.append([_cell(row.get(c)) if row.get(c) is not None else None for c in headers[table]])
        path = folder / f"{name}.xlsx"
        book.save(path)
        return path
    raise ValueError(container)


def small_network() -> dict[str, list[dict]]:
    """A small but complete dataset touching every table and edge kind."""
    return {
        "organisations": [
            {"id": "council", "name": "The Council", "sector": "statutory"},
            {"id": "cvs", "name": "The CVS", "sector": "vcs", "kind": "CVS", "serves": ["older"]},
            {"id": "tra", "name": "Tenants' Association", "sector": "vcs", "serves": ["tenants"], "count": 1},
            {"id": "many", "name": "Many groups", "sector": "vcs", "count": 120, "identifiers": ["GB-CHC-1"]},
            {"id": "gone", "name": "Closed group", "sector": "vcs", "active": False},
        ],
        "networks": [
            {"id": "forum", "name": "Older People's Forum", "led_by": "vcs", "serves": ["older"]},
            {"id": "net", "name": "Community Network", "led_by": "vcs"},
        ],
        "partnerships": [
            {"id": "board", "name": "The Board", "level": "board", "min_vcs_share": 0.25,
             "size_min": 2, "size_max": 6, "required": ["older:1"]},
            {"id": "health", "name": "Health Partnership", "level": "thematic", "feeds_into": ["board"],
             "themes": ["health", "care"]},
        ],
        "communities": [
            {"id": "older", "name": "Older people"},
            {"id": "tenants", "name": "Tenants"},
            {"id": "ward-a", "name": "Ward A", "kind": "place", "population": 12000},
            {"id": "older-lgbt", "name": "Older LGBT people", "part_of": "older"},
        ],
        "memberships": [
            {"member": "tra", "network": "forum", "role": "steering group", "since": "2020-01-01"},
            {"member": "forum", "network": "net"},
            {"member": "many", "network": "net"},
        ],
        "seats": [
            {"id": "s-board-vcs", "partnership": "board", "sector": "vcs", "represents": ["older"],
             "selected_by": "net", "method": "elected", "holder": "cvs", "person": "p1",
             "term_start": "2024-01-01", "term_end": "2026-12-31"},
            {"id": "s-board-council", "partnership": "board", "sector": "statutory", "selected_by": "council",
             "method": "ex_officio", "holder": "council"},
            {"id": "s-health-vcs", "partnership": "health", "sector": "vcs", "selected_by": "forum",
             "method": "nominated", "voting": False},
        ],
        "links": [
            {"source": "s-board-vcs", "target": "net", "kind": "reports_back", "channel": "newsletter",
             "frequency": "quarterly"},
            {"source": "forum", "target": "health", "kind": "feeds_into"},
            {"source": "health", "target": "forum", "kind": "consults"},
        ],
        "people": [
            {"id": "p1", "name": "Ada Example", "organisation": "cvs"},
        ],
    }


HOSTILE = ["</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


def hostile_dataset():
    """Names and notes that would run script if a page put them in as HTML."""
    from graphmodel import Dataset

    return Dataset(
        name="</title><script>alert(2)</script>",
        organisations=[{"id": "x", "name": HOSTILE[0], "sector": "vcs", "notes": HOSTILE[1]},
                       {"id": "y", "name": HOSTILE[1], "sector": "vcs"}],
        networks=[{"id": "n", "name": "<b onmouseover=alert(3)>net</b>", "led_by": "vcs"}],
        partnerships=[{"id": "board", "name": "Board & <i>friends</i>", "level": "board"}],
        memberships=[{"member": "x", "network": "n"}, {"member": "y", "network": "n"}],
        seats=[{"id": "s", "partnership": "board", "sector": "vcs", "selected_by": "n", "holder": "x"}],
    )


def cli_commands(group=None, path=()):
    """Every command of ``engagemap`` (groups walked), as (path of names, click command)."""
    import click

    from graphmodel.cli import cli

    for name, command in (group or cli).commands.items():
        if isinstance(command, click.Group):
            yield from cli_commands(command, path + (name,))
        else:
            yield path + (name,), command
