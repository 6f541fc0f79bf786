"""Popolo JSON into the dataset format.

``organizations`` become organisations, networks or partnerships: by the
classification engagemap writes ("organisation (vcs)", "network (led by vcs)",
"partnership (thematic)") or, for Popolo from elsewhere, an organization that has
posts is a partnership, one whose memberships have organization members is a
network, and any other is an organisation (statutory when its classification
names a council, NHS body, police, school or college, else VCS). ``posts``
become seats of their organization; a membership with a ``post_id`` names the
seat's holder (``member`` organization or ``person_id``), its ``on_behalf_of_id``
the body that selected the holder; other memberships of an organization in a
network become network memberships. ``areas`` become communities of place.
Ids that are not valid engagemap ids are turned into ones (lowercase, other
characters as ``-``).

>>> to_id("ocd-organization/ABC 123")
'ocd-organization-abc-123'
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from graphmodel.exceptions import DatasetError, Problem
from graphmodel.model import Level, Method, SeatSector

__all__ = ["read_popolo", "to_id"]

_STATUTORY = re.compile(r"council|nhs|health authority|police|school|college|government|statutory", re.I)
_CLASS = re.compile(r"^(organisation|network|partnership) \((?:led by )?([a-z_]+)\)$")


def to_id(value: Any) -> str:
    text = re.sub(r"[^a-z0-9._-]+", "-", str(value).strip().lower()).strip("-._")
    return (text or "x")[:100]


def read_popolo(path: str | os.PathLike) -> dict[str, list[dict]]:
    """The dataset tables described by the Popolo JSON file at ``path``."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DatasetError([Problem(path.name, None, None, None, f"cannot be read as JSON ({err})")]) from None
    if not isinstance(doc, dict):
        raise DatasetError([Problem(path.name, None, None, None, "a Popolo file is a JSON object with lists such as "
                                                                 "organizations, posts and memberships")])
    problems: list[Problem] = []

    def items(key: str) -> list[dict]:
        value = doc.get(key) or []
        if not isinstance(value, list):
            problems.append(Problem(path.name, None, key, None, f"{key} must be a list"))
            return []
        good = []
        for i, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                problems.append(Problem(f"{path.name}, {key}", i, None, None, "each entry must be an object",
                                        row_label="item"))
            elif key != "memberships" and item.get("id") in (None, ""):
                problems.append(Problem(f"{path.name}, {key}", i, "id", None, "each entry needs an id",
                                        row_label="item"))
            else:
                good.append(item)
        return good

    organizations, posts, memberships = items("organizations"), items("posts"), items("memberships")
    areas, persons = items("areas"), items("persons")
    if problems:
        raise DatasetError(problems)

    with_posts = {p.get("organization_id") for p in posts}
    with_members = {m.get("organization_id") for m in memberships
                    if not m.get("post_id") and isinstance(m.get("member"), dict)}
    tables: dict[str, list[dict]] = {t: [] for t in ("organisations", "networks", "partnerships", "communities",
                                                      "memberships", "seats", "people")}
    kind_of: dict[str, str] = {}
    for org in organizations:
        oid, name = to_id(org["id"]), org.get("name") or str(org["id"])
        match = _CLASS.match(str(org.get("classification") or ""))
        kind, detail = match.groups() if match else (None, None)
        if kind == "partnership" or (kind is None and org["id"] in with_posts):
            level = detail if detail in Level.__members__ else "other"
            parent = org.get("parent_id")
            tables["partnerships"].append({"id": oid, "name": name, "level": level,
                                           **({"feeds_into": [to_id(parent)]} if parent else {})})
            kind_of[org["id"]] = "partnership"
        elif kind == "network" or (kind is None and org["id"] in with_members):
            tables["networks"].append({"id": oid, "name": name,
                                       "led_by": detail if detail in ("vcs", "statutory", "joint") else "joint"})
            kind_of[org["id"]] = "network"
        else:
            sector = detail if detail in ("vcs", "statutory", "private") else (
                "statutory" if _STATUTORY.search(f"{org.get('classification') or ''} {name}") else "vcs")
            identifiers = [f"{i['scheme']}-{i['identifier']}" if i.get("scheme") else str(i["identifier"])
                           for i in org.get("identifiers") or [] if isinstance(i, dict) and i.get("identifier")]
            tables["organisations"].append({"id": oid, "name": name, "sector": sector,
                                            **({"identifiers": identifiers} if identifiers else {})})
            kind_of[org["id"]] = "organisation"
    for row in tables["partnerships"]:  # a parent that is not a partnership is not fed into
        row["feeds_into"] = [p for p in row.get("feeds_into", []) if p in {to_id(k) for k, v in kind_of.items()
                                                                           if v == "partnership"}]
    for area in areas:
        tables["communities"].append({"id": to_id(area["id"]), "name": area.get("name") or str(area["id"]),
                                      "kind": "place",
                                      **({"part_of": to_id(area["parent_id"])} if area.get("parent_id") else {})})
    for person in persons:
        tables["people"].append({"id": to_id(person["id"]), **({"name": person["name"]} if person.get("name") else {})})
    seats: dict[str, dict] = {}
    for post in posts:
        role = str(post.get("role") or "").strip().lower()
        seat = {"id": to_id(post["id"]), "partnership": to_id(post.get("organization_id", "")),
                "sector": role if role in SeatSector.__members__ else "other"}
        if post.get("area_id"):
            seat["represents"] = [to_id(post["area_id"])]
        seats[post["id"]] = seat
        tables["seats"].append(seat)
    for m in memberships:
        member = m.get("member") if isinstance(m.get("member"), dict) else None
        if m.get("post_id") in seats:
            seat = seats[m["post_id"]]
            if member and member.get("id"):
                seat["holder"] = to_id(member["id"])
            if m.get("person_id"):
                seat["person"] = to_id(m["person_id"])
            if m.get("on_behalf_of_id"):
                seat["selected_by"] = to_id(m["on_behalf_of_id"])
            role = str(m.get("role") or "").strip().lower().replace("-", "_").replace(" ", "_")
            if role in Method.__members__:
                seat["method"] = role
            for key, column in (("start_date", "term_start"), ("end_date", "term_end")):
                if m.get(key) and len(str(m[key])) == 10:
                    seat[column] = m[key]
        elif member and member.get("id") and kind_of.get(m.get("organization_id")) == "network":
            row = {"member": to_id(member["id"]), "network": to_id(m["organization_id"])}
            for key, column in (("role", "role"), ("start_date", "since"), ("end_date", "until")):
                if m.get(key) and (key == "role" or len(str(m[key])) == 10):
                    row[column] = m[key]
            tables["memberships"].append(row)
        elif m.get("person_id") and kind_of.get(m.get("organization_id")) == "organisation":
            for person in tables["people"]:
                if person["id"] == to_id(m["person_id"]):
                    person["organisation"] = to_id(m["organization_id"])
    return tables
