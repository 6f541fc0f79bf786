"""Synthetic engagement datasets of any size, for benchmarks and demonstrations.

Per area: a board, an executive, ~40 thematic, subgroup and area
partnerships, ~60 networks (an umbrella network of networks, VCS-led,
statutory-led and joint), ~300 seats (some vacant, some with expired terms,
some without reporting back), ~2,000 organisations (a few placeholders with
counts, a few inactive, a few connected to nothing). Every ten areas share
a county board and a county VCS assembly. Twenty-five communities, some
``part_of`` others, are shared by all areas. The same ``areas`` and ``seed``
give the same rows, and :func:`write_synthetic` the same bytes.

>>> tables = synthesize(areas=1, seed=7)
>>> len(tables["organisations"]) > 1900, len(tables["partnerships"]), len(tables["communities"])
(True, 43, 25)
>>> synthesize(areas=1, seed=7) == tables
True
"""

from __future__ import annotations

import csv
import os
import random
from pathlib import Path

from .vocabulary import LINK_ATTRIBUTES

__all__ = ["synthesize", "write_synthetic", "COMMUNITIES"]

#: (id, name, kind, part_of)
COMMUNITIES = [
    ("older-people", "Older people", "interest", ""),
    ("young-people", "Children and young people", "interest", ""),
    ("disabled", "Disabled people", "interest", ""),
    ("learning-disabilities", "People with learning disabilities", "interest", "disabled"),
    ("deaf", "Deaf people", "interest", "disabled"),
    ("mental-health", "People with mental health needs", "interest", ""),
    ("carers", "Carers", "interest", ""),
    ("bme", "Black and minority ethnic communities", "interest", ""),
    ("african", "African communities", "interest", "bme"),
    ("caribbean", "Caribbean communities", "interest", "bme"),
    ("south-asian", "South Asian communities", "interest", "bme"),
    ("turkish-kurdish", "Turkish and Kurdish communities", "interest", "bme"),
    ("gypsy-traveller", "Gypsy, Roma and Traveller communities", "interest", "bme"),
    ("refugees", "Refugees and asylum seekers", "interest", ""),
    ("lgbt", "LGBT people", "interest", ""),
    ("women", "Women", "interest", ""),
    ("faith", "Faith communities", "interest", ""),
    ("tenants", "Tenants", "interest", ""),
    ("homeless", "People who are homeless", "interest", ""),
    ("unemployed", "People out of work", "interest", ""),
    ("north", "The north of the region", "place", ""),
    ("south", "The south of the region", "place", ""),
    ("east", "The east of the region", "place", ""),
    ("west", "The west of the region", "place", ""),
    ("rural", "Rural villages", "place", ""),
]

THEMES = ["health", "housing", "community safety", "children and young people", "economy", "environment",
          "culture", "transport"]
KINDS = ["community group", "tenants and residents association", "faith group", "charity", "social enterprise",
         "youth club", "advice centre", "sports club", "arts group", "self-help group"]
FIRST = ["Alex", "Sam", "Jo", "Chris", "Pat", "Ruth", "Amir", "Priya", "Kwame", "Mei", "Olu", "Fatima"]
LAST = ["Smith", "Khan", "Okafor", "Jones", "Patel", "Brown", "Nowak", "Ahmed", "Taylor", "Wilson"]
HEADERS = {
    "organisations": ["id", "name", "sector", "kind", "serves", "count", "identifiers", "active", "notes"],
    "networks": ["id", "name", "led_by", "serves", "notes"],
    "partnerships": ["id", "name", "level", "feeds_into", "themes", "size_min", "size_max", "min_vcs_share",
                     "required", "notes"],
    "communities": ["id", "name", "kind", "part_of", "population", "notes"],
    "memberships": ["member", "network", "role", "since", "until"],
    "seats": ["id", "partnership", "sector", "represents", "selected_by", "method", "holder", "person", "voting",
              "term_start", "term_end", "notes"],
    "links": ["source", "target", "kind", *LINK_ATTRIBUTES],  # funds' amount, date, programme left empty
    "people": ["id", "name", "organisation", "notes"],
}
INTEREST = [c[0] for c in COMMUNITIES if c[2] == "interest"]
PLACES = [c[0] for c in COMMUNITIES if c[2] == "place"]


def _area(rng: random.Random, n: int, county: str, assembly: str, t: dict[str, list[list]]) -> None:
    a = f"a{n:03d}"
    orgs, nets, parts, seats, members, links, people = (t["organisations"], t["networks"], t["partnerships"],
                                                        t["seats"], t["memberships"], t["links"], t["people"])
    place = PLACES[n % len(PLACES)]

    # partnerships: board, executive, 8 thematic, 24 subgroups, 8 area partnerships
    board, executive = f"{a}-board", f"{a}-executive"
    parts.append([board, f"Area {n} Partnership Board", "board", county, "", "12", "30", "0.2", "", ""])
    parts.append([executive, f"Area {n} Executive", "executive", board, "", "8", "15", "", "", ""])
    thematic = []
    for i, theme in enumerate(THEMES):
        pid = f"{a}-thm{i}"
        thematic.append(pid)
        rule = "bme:1" if i % 3 == 0 else ""
        share = "0.3" if i % 2 == 0 else ""
        parts.append([pid, f"Area {n} {theme.title()} Partnership", "thematic", board, theme, "5", "12", share,
                      rule, ""])
    subgroups = []
    for i in range(24):
        pid = f"{a}-sub{i:02d}"
        subgroups.append(pid)
        parts.append([pid, f"Area {n} Task Group {i}", rng.choice(["subgroup", "task"]), thematic[i % 8],
                      THEMES[i % 8], "", "", "", "", ""])
    areas = []
    for i in range(8):
        pid = f"{a}-area{i}"
        areas.append(pid)
        parts.append([pid, f"Area {n} Neighbourhood {i}", "area", board, "neighbourhoods", "", "", "", "", ""])
    all_parts = [board, executive] + thematic + subgroups + areas

    # networks: an umbrella network of networks, 44 VCS-led, 12 statutory-led, 3 joint
    cen = f"{a}-cen"
    nets.append([cen, f"Area {n} Community Network", "vcs", "", "network of networks"])
    members.append([cen, assembly, "", "", ""])
    network_ids = []
    for i in range(59):
        nid = f"{a}-net{i:02d}"
        led = "vcs" if i < 44 else ("statutory" if i < 56 else "joint")
        serves = ";".join(sorted(rng.sample(INTEREST, rng.choice([0, 1, 1, 2]))))
        nets.append([nid, f"Area {n} Forum {i}", led, serves, ""])
        network_ids.append(nid)
        if led == "vcs" and i % 3 != 2:
            members.append([nid, cen, "", "", ""])
        elif i % 5 == 0 and i >= 3:
            members.append([nid, network_ids[i - 3], "", "", ""])  # a network of networks
    vcs_networks = [cen] + network_ids[:44]

    # organisations
    org_ids, vcs_orgs = [], []
    for i in range(2000):
        oid = f"{a}-org{i:04d}"
        r = rng.random()
        sector = "vcs" if r < 0.9 else ("statutory" if r < 0.98 else "private")
        count, kind = 1, rng.choice(KINDS)
        if i < 10:
            count, kind = rng.randrange(50, 300), "placeholder"
        active = "no" if rng.random() < 0.03 else "yes"
        serves = ";".join(sorted(set(rng.sample(INTEREST, rng.choice([0, 1, 1, 2])) + ([place] if rng.random() <
                                                                                      0.2 else []))))
        ident = f"GB-CHC-{1000000 + n * 10000 + i}" if sector == "vcs" and rng.random() < 0.4 else ""
        name = f"Area {n} {kind.title()} {i}" if kind != "placeholder" else f"Area {n} small groups ({count})"
        orgs.append([oid, name, sector, kind, serves, str(count), ident, active, ""])
        org_ids.append(oid)
        if sector == "vcs":
            vcs_orgs.append(oid)
            roll = rng.random()
            if roll < 0.9:
                for net in sorted(rng.sample(network_ids, 1 if roll < 0.6 else 2)):
                    members.append([oid, net, "", f"20{rng.randrange(10, 25)}-0{rng.randrange(1, 10)}-01", ""])
        elif rng.random() < 0.5:
            members.append([oid, rng.choice(network_ids[44:]), "", "", ""])
    statutory = [o[0] for o in orgs[-2000:] if o[2] == "statutory"]

    # seats: about seven per partnership
    for pi, pid in enumerate(all_parts):
        for j in range(rng.randrange(5, 10) if pid != board else 14):
            sid = f"{pid}-s{j}"
            if j % 2 == 0:
                selector = rng.choice(vcs_networks)
                holder = "" if rng.random() < 0.08 else rng.choice(vcs_orgs)
                person = ""
                if holder and rng.random() < 0.1:
                    person = f"{a}-p{len(people):05d}"
                    people.append([person, f"{rng.choice(FIRST)} {rng.choice(LAST)}", holder, ""])
                term_end = f"20{rng.choice([24, 25, 27, 28])}-03-31" if rng.random() < 0.5 else ""
                represents = ";".join(sorted(rng.sample(INTEREST, rng.choice([0, 1, 1, 2]))))
                seats.append([sid, pid, "vcs", represents, selector, "elected", holder, person, "yes", "",
                              term_end, ""])
                if rng.random() < 0.75:
                    links.append([sid, selector, "reports_back", rng.choice(["meeting", "newsletter", "email"]),
                                  "quarterly", ""])
            else:
                holder = rng.choice(statutory) if statutory else ""
                sector = "elected" if j == 1 else "statutory"
                seats.append([sid, pid, sector, "", holder, "appointed", holder, "", "yes", "", "", ""])
    for i, nid in enumerate(network_ids[44:]):
        links.append([nid, thematic[i % 8], "feeds_into", "meeting", "", ""])
    links.append([thematic[0], network_ids[0], "consults", "meeting", "annually", ""])


def synthesize(areas: int = 1, seed: int = 0) -> dict[str, list[list[str]]]:
    """Rows of a synthetic dataset, by table (each row a list of cells in :data:`HEADERS` order)."""
    rng = random.Random(seed)
    tables: dict[str, list[list[str]]] = {t: [] for t in HEADERS}
    for cid, name, kind, part_of in COMMUNITIES:
        tables["communities"].append([cid, name, kind, part_of, "", ""])
    for n in range(1, areas + 1):
        c = (n - 1) // 10 + 1
        county, assembly = f"county{c:02d}-board", f"county{c:02d}-assembly"
        if (n - 1) % 10 == 0:
            tables["partnerships"].append([county, f"County {c} Partnership", "board", "", "", "", "", "", "", ""])
            tables["networks"].append([assembly, f"County {c} VCS Assembly", "vcs", "", ""])
            for j in range(4):
                sid = f"{county}-s{j}"
                tables["seats"].append([sid, county, "vcs", "", assembly, "elected", "", "", "yes", "", "", ""])
                tables["links"].append([sid, assembly, "reports_back", "meeting", "", ""])
        _area(rng, n, county, assembly, tables)
    # county seats are held by organisations of the first area of the county
    for row in tables["seats"]:
        if row[1].startswith("county") and not row[6]:
            first = (int(row[1][6:8]) - 1) * 10 + 1
            row[6] = f"a{first:03d}-org{10 + int(row[0][-1]):04d}"
    width = len(HEADERS["links"])
    for row in tables["links"]:
        row += [""] * (width - len(row))
    return tables


def write_synthetic(folder: str | os.PathLike, areas: int = 1, seed: int = 0, *, force: bool = False) -> Path:
    """Write a synthetic dataset as a CSV folder (via a temporary folder, renamed at the end)."""
    from .files import atomic_folder
    from .writers import neutralise

    tables = synthesize(areas, seed)
    with atomic_folder(folder, force=force) as tmp:
        for table, rows in tables.items():
            with open(tmp / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f, lineterminator="\n")
                writer.writerow(HEADERS[table])
                writer.writerows([[neutralise(c) for c in row] for row in rows])
    return Path(folder)
