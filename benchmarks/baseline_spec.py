"""What the two baselines check and compute, written down once from FORMAT.md (not from engagemap's code).

Both baselines (``baseline_networkx.py``, ``baseline_vectorised.py``) read a CSV folder, run the
same checks and print the same JSON: for each partnership (sorted by id) ``represented``,
``unrepresented``, ``unreached`` (FORMAT.md section 3), ``seats``, ``filled``, ``vcs_seats``
and ``vacant_seats`` (sorted), and across the dataset ``no_vcs_seats``; the keys and meaning of
``engagemap gaps --format json``, which ``run.py`` checks them against.

Checks, each failing with exit status 2 and the first problems on stderr:

- every id matches FORMAT.md's pattern, and ids are unique across all tables;
- enum columns hold one of their values (lowercase, as FORMAT.md writes them);
- every reference names an existing row of an allowed table (lists split on ``;``);
- the reach edges and ``part_of`` form no cycle.

What they do not check (engagemap does): numbers, dates, booleans other than ``active``,
``required`` items, duplicate memberships, link kinds against their end types, and the located
messages (file, row, column, value) engagemap gives for each problem; they stop at the first
failing check.

The dataset may have at most 64 communities (one ``uint64`` bit each in the vectorised baseline).
"""

from __future__ import annotations

import json
import sys

#: FORMAT.md section 1.
ID_PATTERN = r"^[a-z0-9][a-z0-9_.\-]{0,99}$"

#: Entity tables in the order their ids are numbered.
ENTITY_TABLES = ("organisations", "networks", "partnerships", "communities", "seats", "people")

#: Tables and the columns the baselines read.
COLUMNS = {
    "organisations": ("id", "sector", "serves", "active"),
    "networks": ("id", "led_by", "serves"),
    "partnerships": ("id", "level", "feeds_into"),
    "communities": ("id", "kind", "part_of"),
    "memberships": ("member", "network"),
    "seats": ("id", "partnership", "sector", "represents", "selected_by", "method", "holder", "person"),
    "links": ("source", "target", "kind"),
    "people": ("id", "organisation"),
}

#: (table, column): (allowed values, empty allowed).
ENUMS = {
    ("organisations", "sector"): (("vcs", "statutory", "private"), False),
    ("networks", "led_by"): (("vcs", "statutory", "joint"), False),
    ("partnerships", "level"): (("board", "executive", "thematic", "subgroup", "area", "task", "other"), False),
    ("communities", "kind"): (("interest", "place"), True),
    ("seats", "sector"): (("vcs", "statutory", "private", "elected", "other"), False),
    ("seats", "method"): (("elected", "nominated", "appointed", "ex_officio", "co_opted", "standing"), True),
    ("links", "kind"): (("feeds_into", "reports_back", "consults", "funds"), False),
}

#: (table, column): (tables the reference may name, required, list cell).
REFERENCES = {
    ("organisations", "serves"): (("communities",), False, True),
    ("networks", "serves"): (("communities",), False, True),
    ("partnerships", "feeds_into"): (("partnerships",), False, True),
    ("communities", "part_of"): (("communities",), False, False),
    ("memberships", "member"): (("organisations", "networks"), True, False),
    ("memberships", "network"): (("networks",), True, False),
    ("seats", "partnership"): (("partnerships",), True, False),
    ("seats", "represents"): (("communities",), False, True),
    ("seats", "selected_by"): (("networks", "organisations", "partnerships"), False, False),
    ("seats", "holder"): (("organisations",), False, False),
    ("seats", "person"): (("people",), False, False),
    ("links", "source"): (ENTITY_TABLES, True, False),
    ("links", "target"): (ENTITY_TABLES, True, False),
    ("people", "organisation"): (("organisations",), False, False),
}

#: ``active`` cells that make an organisation inactive (FORMAT.md: booleans, default yes).
INACTIVE = ("no", "false", "n", "0")


def fail(problems: list[str]) -> None:
    """Print the first problems and exit with status 2."""
    for line in problems[:20]:
        print(line, file=sys.stderr)
    if len(problems) > 20:
        print(f"... and {len(problems) - 20} more", file=sys.stderr)
    raise SystemExit(2)


def write_answers(partnerships: list[dict]) -> None:
    """The answers as JSON on standard output, shaped like ``engagemap gaps --format json``."""
    no_vcs_seats = [p["id"] for p in partnerships if p["vcs_seats"] == 0]
    json.dump({"partnerships": partnerships, "no_vcs_seats": no_vcs_seats}, sys.stdout)
    sys.stdout.write("\n")
