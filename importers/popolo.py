"""Popolo JSON, as parliaments, councils and engagemap publish it, into the dataset format.

What each Popolo item becomes:

- An **organization** is a *partnership* when engagemap wrote it so
  (classification ``partnership (board)``), when it has posts, or when its
  classification names a decision-making body (legislature, council,
  parliament, assembly, chamber, senate, executive, cabinet, committee, board,
  commission); its level follows the classification (see :data:`LEVELS`).
  A *party* (classification party, political group, faction, coalition) is an
  organisation of sector ``private`` and kind ``political party``: the format's
  sectors are vcs, statutory and private, and a party is neither a public body
  nor a voluntary group. An organization that has organizations as members is a
  *network*; any other is an *organisation* (statutory when its classification
  or name says council, NHS, police, school..., else vcs).
- A **membership of a partnership** (with or without a post) becomes one
  *seat*: a post held by 47 people gives 47 seats. The seat is held by the
  member (a person, an organization, or both when two memberships of one post
  share their terms), ``selected_by`` the ``on_behalf_of`` organization,
  ``represents`` the membership's area (or the post's) as a community of place,
  has ``role`` chair (Mayor, Chair, Leader, President, Speaker...) or
  vice_chair (Deputy Mayor, Vice-Chair...) and ``term_start``/``term_end`` from
  its dates (or its legislative period's). A membership that only gives a role
  (Mayor) to someone who also has a plain membership of the same body sets the
  role of that seat instead of adding a second one. A post nobody holds is a
  vacant seat.
- A **person's membership of a party or other organisation** becomes their
  *affiliation* (``people.organisation``: the current one; all are listed in the
  person's notes).
- An **organization's membership of another** becomes a *network membership*.
- **areas** become communities of place; **persons** become people.

Nothing is dropped silently: every membership is counted by what it became or
why it was skipped. Ids are made valid engagemap ids (lowercase, other
characters as ``-``); two items whose ids clash after that are told apart with
a warning naming both. Work is linear in the size of the file.

>>> LEVELS["committee"]
'thematic'
>>> seat_role("Deputy Mayor"), seat_role("Lord Mayor"), seat_role("councillor")
('vice_chair', 'chair', None)
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from graphmodel.exceptions import DatasetError, Problem
from graphmodel.gcpause import paused_gc
from graphmodel.vocabulary import LedBy, Level, Method, OrgSector, SeatSector

from .imported import Imported, Origin, read_text, to_id
from .popolo_items import PopoloItems, _member_ref
from .popolo_terms import BODY, CLASSIFICATION, ELECTED, LEVELS, PARTY, STATUTORY, popolo_date, seat_role

__all__ = ["read_popolo", "to_id", "seat_role", "LEVELS"]


class _Reader(PopoloItems):
    """One pass over the items of a Popolo document, making the dataset's tables."""

    def __init__(self, path: Path, doc: dict, join_roles: bool = True):
        super().__init__(path, doc)
        self.join_roles = join_roles

    # ------------------------------------------------------------ the tables

    def read(self) -> Imported:
        if self.problems:
            raise DatasetError(self.problems)
        imp = self.imp
        memberships = self.items["memberships"]
        imp.read_line = ", ".join(f"{len(self.items[k]):,} {k}" for k in ("organizations", "persons", "posts", "areas",
                                                                          "memberships"))
        for kind in ("seats", "affiliations", "network memberships"):
            imp.counts[kind] = 0
        posts = {p["id"]: (p, o) for p, o in self.items["posts"]}
        org_members = {m.get("organization_id") for m, _ in memberships
                       if _member_ref(m)[1] and not m.get("post_id")}
        with_posts = {p.get("organization_id") for p, _ in self.items["posts"]}
        self.kind: dict[Any, str] = {}
        self.elected: set = set()
        self.org_id: dict[Any, str] = {}
        for org, origin in self.items["organizations"]:
            self.organization(org, origin, org["id"] in with_posts, org["id"] in org_members)
        for row in imp.rows("partnerships"):  # a parent that is not a partnership is not fed into
            parents = [p for p in row["feeds_into"] if self.kind.get(p) == "partnership"]
            row["feeds_into"] = [self.org_id[p] for p in parents]
        self.area_id: dict[Any, str] = {}
        for area, origin in self.items["areas"]:
            self.area_id[area["id"]] = self.ids.claim(area["id"], origin)
        for (area, origin) in self.items["areas"]:
            parent = self.area_id.get(area.get("parent_id"))
            notes = str(area.get("type") or area.get("classification") or "").strip()
            imp.add("communities", {"id": self.area_id[area["id"]], "name": str(area.get("name") or area["id"]),
                                    "kind": "place", "part_of": parent, "notes": notes or None}, origin)
        self.person_id: dict[Any, str] = {}
        self.person_row: dict[Any, dict] = {}
        for person, origin in self.items["persons"]:
            pid = self.person_id[person["id"]] = self.ids.claim(person["id"], origin)
            name = person.get("name") or " ".join(str(person.get(k) or "") for k in ("given_name", "family_name"))
            self.person_row[person["id"]] = imp.add("people", {"id": pid, "name": name.strip() or None}, origin)
        self.periods = {e["id"]: e for e, _ in self.items["events"]}
        self.affiliations: dict[Any, list[tuple[str, dict]]] = defaultdict(list)
        self.seat_numbers: dict[str, int] = defaultdict(int)
        self.id_kind = {self.org_id[k]: v for k, v in self.kind.items()}
        self.seats_by_membership: dict[int, dict] = {}
        plan = self.plan(memberships, posts)
        self.posts_used: dict[Any, int] = defaultdict(int)
        for (m, _), action in zip(memberships, plan):  # how many seats each post will give
            if m.get("post_id") in posts and action[0] == "own":
                self.posts_used[m["post_id"]] += 1
        for joining in (False, True):  # a seat first, then what joins it
            for i, ((m, origin), action) in enumerate(zip(memberships, plan)):
                if (action[0] == "join") == joining:
                    self.membership(m, origin, posts, action, i)
        for pid, (post, origin) in posts.items():
            if self.posts_used.get(pid):
                continue
            if self.kind.get(post.get("organization_id")) != "partnership":
                imp.warn(origin, "organization_id", post.get("organization_id"), "skipped: a post with no member "
                                                                                  "and no known body")
                imp.counts["posts skipped (no member, no known body)"] += 1
                continue
            self.seat(post.get("organization_id"), {}, origin, post, None)
            imp.counts["posts with no member (vacant seats)"] += 1
        self.write_affiliations()
        return imp

    def organization(self, org: dict, origin: Origin, has_posts: bool, has_members: bool) -> None:
        oid = self.org_id[org["id"]] = self.ids.claim(org["id"], origin)
        name = str(org.get("name") or org["id"]).strip() or str(org["id"])
        classification = str(org.get("classification") or "").strip()
        match = CLASSIFICATION.match(classification)
        kind, detail = match.groups() if match else (None, None)
        body = BODY.search(classification) if kind is None else None
        if kind is None and PARTY.search(classification):
            kind = "party"
        notes = None if match or not classification else f"Popolo classification: {classification}"
        if kind == "partnership" or (kind is None and (has_posts or body)):
            level = detail if detail in Level.__members__ else LEVELS.get(body.group(0).lower(), "other") \
                if body else "other"
            parent = org.get("parent_id")
            self.imp.add("partnerships", {"id": oid, "name": name, "level": level, "notes": notes,
                                          "feeds_into": [parent] if parent else []}, origin)
            self.kind[org["id"]] = "partnership"
            if kind is None and ELECTED.search(classification):
                self.elected.add(org["id"])
            return
        if kind == "network" or (kind is None and has_members):
            self.imp.add("networks", {"id": oid, "name": name, "notes": notes,
                                      "led_by": detail if detail in LedBy.__members__ else "joint"},
                         origin)
            self.kind[org["id"]] = "network"
            return
        identifiers = [f"{i['scheme']}-{i['identifier']}" if i.get("scheme") else str(i["identifier"])
                       for i in org.get("identifiers") or [] if isinstance(i, dict) and i.get("identifier")]
        if kind == "party":
            sector, org_kind = "private", "political party"
        else:
            sector = detail if detail in OrgSector.__members__ else (
                "statutory" if STATUTORY.search(f"{classification} {name}") else "vcs")
            org_kind = None if match else (classification or None)
        self.imp.add("organisations", {"id": oid, "name": name, "sector": sector, "kind": org_kind,
                                       "identifiers": identifiers, "notes": None}, origin)
        self.kind[org["id"]] = "party" if kind == "party" else "organisation"

    def plan(self, memberships, posts) -> list[tuple[str, int | None]]:
        """For each membership: ("own", None) for its own seat or record, or ("join", index) when it
        completes the seat of membership ``index`` (a role, or the organisation beside a person)."""
        plan: list[tuple[str, int | None]] = [("own", None)] * len(memberships)
        plain: dict[tuple, int] = {}
        role_only: list[tuple[int, tuple]] = []
        pending_org: dict[tuple, list[int]] = defaultdict(list)
        for i, (m, _) in enumerate(memberships):
            person, member_org = _member_ref(m)
            body = m.get("organization_id") or posts.get(m.get("post_id"), ({}, None))[0].get("organization_id")
            if self.kind.get(body) != "partnership":
                continue
            terms = (m.get("start_date"), m.get("end_date"), m.get("legislative_period_id"))
            if person and not member_org:
                key = (body, m.get("post_id"), person)
                if seat_role(m.get("role")) in ("chair", "vice_chair") and not m.get("post_id"):
                    role_only.append((i, key + terms))
                else:
                    plain.setdefault(key + terms, i)
                    plain.setdefault(key + (None, None, None), i)
            elif member_org and not person and m.get("post_id"):
                pending_org[(m["post_id"], m.get("on_behalf_of_id")) + terms].append(i)
        roled: set[int] = set()
        for i, key in role_only if self.join_roles else ():
            target = plain.get(key)
            if target is None and key[3:] == (None, None, None):
                target = plain.get(key[:3] + (None, None, None))
            if target is not None and target not in roled:
                plan[i] = ("join", target)
                roled.add(target)
        for i, (m, _) in enumerate(memberships):  # one person and one organisation on the same post and term
            person, member_org = _member_ref(m)
            if person and not member_org and m.get("post_id"):
                terms = (m.get("start_date"), m.get("end_date"), m.get("legislative_period_id"))
                waiting = pending_org.get((m["post_id"], m.get("on_behalf_of_id")) + terms)
                if waiting:
                    plan[waiting.pop()] = ("join", i)
        return plan

    def membership(self, m: dict, origin: Origin, posts, action, index: int) -> None:
        imp = self.imp
        person, member_org = _member_ref(m)
        post = posts.get(m.get("post_id"), (None, None))[0]
        if m.get("post_id") and post is None:
            imp.warn(origin, "post_id", m["post_id"], "no post has this id; the membership is read without it")
        body = m.get("organization_id") or (post or {}).get("organization_id")
        kind = self.kind.get(body)
        if kind is None:
            reason = "no organization_id" if not body else "organization_id names no organization in the file"
            imp.warn(origin, "organization_id", body, f"skipped: {reason}")
            imp.counts[f"skipped ({reason})"] += 1
            return
        if person is not None and person not in self.person_id:
            self.person_id[person] = self.ids.claim(person, origin)
            self.person_row[person] = imp.add("people", {"id": self.person_id[person], "name": None}, origin)
            imp.warn(origin, "person_id", person, "no person has this id; they were added without a name")
        if action[0] == "join":
            seat = self.seats_by_membership[action[1]]
            if member_org:
                seat["holder"] = self.org_id.get(member_org)
                imp.counts["joined to a seat (the organisation beside the person holding it)"] += 1
            else:
                seat["role"] = seat_role(m.get("role"))
                seat["notes"] = "; ".join(filter(None, [seat.get("notes"), str(m.get("role")).strip()]))
                imp.counts["joined to a seat (a role of the person holding it)"] += 1
            return
        if kind == "partnership":
            self.seats_by_membership[index] = self.seat(body, m, origin, post, (person, member_org))
            imp.counts["seats"] += 1
            return
        if member_org:
            if member_org not in self.org_id:
                imp.warn(origin, "member", member_org, "skipped: the member names no organization in the file")
                imp.counts["skipped (the member names no organization in the file)"] += 1
                return
            if kind != "network":
                imp.warn(origin, "organization_id", body, "skipped: an organisation can only be a member of a "
                                                          "network or hold a seat on a body")
                imp.counts["skipped (member of an organisation that is not a network)"] += 1
                return
            start, partial_start = popolo_date(m.get("start_date"))
            end, partial_end = popolo_date(m.get("end_date"))
            if partial_start or partial_end:
                imp.warn(origin, "start_date" if partial_start else "end_date", partial_start or partial_end,
                         "not a full date (YYYY-MM-DD); the network membership is kept without it")
            imp.add("memberships", {"member": self.org_id[member_org], "network": self.org_id[body],
                                    "role": str(m.get("role")).strip() if m.get("role") else None,
                                    "since": start, "until": end}, origin)
            imp.counts["network memberships"] += 1
            return
        if person is None:
            imp.warn(origin, None, None, "skipped: the membership names no member (person_id or member)")
            imp.counts["skipped (no member)"] += 1
            return
        if kind == "network":
            imp.warn(origin, "organization_id", body, "skipped: a person cannot be a member of a network in the "
                                                      "dataset format (only organisations and networks can)")
            imp.counts["skipped (a person's membership of a network)"] += 1
            return
        self.affiliations[person].append((self.org_id[body], m))
        imp.counts["affiliations"] += 1

    def seat(self, body, m: dict, origin: Origin, post: dict | None, holder) -> dict:
        imp = self.imp
        post = post or {}
        if post.get("id") is not None and self.posts_used.get(post["id"], 0) <= 1:
            raw = post["id"]
        elif m.get("id") not in (None, ""):
            raw = m["id"]
        else:
            base = to_id(post["id"]) if post.get("id") is not None else f"{self.org_id[body]}.seat"
            self.seat_numbers[base] += 1
            raw = f"{base[:90]}-{self.seat_numbers[base]}"
        role_text = str(m.get("role") or "").strip()
        sector = str(post.get("role") or "").strip().lower()
        sector = sector if sector in SeatSector.__members__ else ("elected" if body in self.elected else "other")
        method = role_text.lower().replace("-", "_").replace(" ", "_")
        method = method if method in Method.__members__ else ("elected" if body in self.elected else None)
        notes = []
        if role_text and role_text.lower() not in ("member", "") and method != role_text.lower().replace(" ", "_"):
            notes.append(role_text)
        area = m.get("area_id") or post.get("area_id")
        represents = []
        if area is not None:
            if area in self.area_id:
                represents = [self.area_id[area]]
            else:
                imp.warn(origin, "area_id", area, "no area has this id; the seat represents no community")
        selected_by = None
        behalf = m.get("on_behalf_of_id")
        if behalf is not None:
            if self.kind.get(behalf) in ("organisation", "party", "network"):
                selected_by = self.org_id[behalf]
            elif behalf in self.org_id:
                notes.append(f"on behalf of {self.org_id[behalf]}")
                imp.warn(origin, "on_behalf_of_id", behalf, "a body cannot select a seat in this version of the "
                                                            "format; kept in the seat's notes")
            else:
                imp.warn(origin, "on_behalf_of_id", behalf, "no organization has this id; the seat has no "
                                                            "selected_by")
        terms = {}
        period = self.periods.get(m.get("legislative_period_id"), {})
        for key, column in (("start_date", "term_start"), ("end_date", "term_end")):
            value = m.get(key) or post.get(key) or period.get(key)
            full, partial = popolo_date(value)
            terms[column] = full
            if partial:
                notes.append(f"{column.replace('_', ' ')} {partial}")
        person, member_org = holder or (None, None)
        row = {"id": self.ids.claim(raw, origin), "partnership": self.org_id[body], "sector": sector,
               "represents": represents, "selected_by": selected_by, "method": method,
               "holder": self.org_id.get(member_org) if member_org else None,
               "person": self.person_id.get(person) if person else None, **terms,
               "notes": "; ".join(notes) or None}
        role = seat_role(role_text) or seat_role(post.get("role")) or seat_role(post.get("label"))
        if role:
            row["role"] = role
        if member_org and member_org not in self.org_id:
            imp.warn(origin, "member", member_org, "no organization has this id; the seat has no holder")
        elif member_org and self.kind.get(member_org) not in ("organisation", "party"):
            row["holder"] = None
            imp.warn(origin, "member", member_org, "only an organisation can hold a seat; the seat has no holder")
        return imp.add("seats", row, origin)

    def write_affiliations(self) -> None:
        for person, found in self.affiliations.items():
            def current(item):
                m = item[1]
                return (not m.get("end_date"), str(m.get("end_date") or ""), str(m.get("start_date") or ""))

            row = self.person_row[person]
            chosen = max(found, key=current)
            if self.id_kind.get(chosen[0]) in ("organisation", "party"):
                row["organisation"] = chosen[0]
            if len(found) > 1 or row.get("organisation") is None or any(
                    m.get(k) for _, m in found for k in ("role", "start_date", "end_date")):
                parts = []
                for org, m in found:
                    start, end = str(m.get("start_date") or ""), str(m.get("end_date") or "")
                    dates = f"{start} to {end}" if start and end else f"from {start}" if start else \
                        f"to {end}" if end else ""
                    role = str(m.get("role") or "").strip()
                    what = f"{role} at" if role and role.lower() != "member" else "member of"
                    parts.append(f"{what} {org}" + (f" ({dates})" if dates else ""))
                row["notes"] = "; ".join(parts)


def read_popolo(path: str | os.PathLike, *, join_roles: bool = True) -> Imported:
    """The dataset tables described by the Popolo JSON file at ``path``, with what each
    membership became counted in ``.counts``.

    With ``join_roles`` false, a role-only membership (Mayor) becomes a seat of its own, as
    every other membership does, instead of the role of the same person's seat.

    Raises
    ------
    DatasetError
        when the file is not Popolo JSON (each problem located in the file).
    """
    path = Path(path)
    try:
        text, note = read_text(path)
        doc = json.loads(text)
    except OSError as err:
        raise DatasetError([Problem(path.name, None, None, None, f"cannot be read ({err.strerror})")]) from None
    except json.JSONDecodeError as err:
        raise DatasetError([Problem(path.name, err.lineno, None, None, f"cannot be read as JSON ({err.msg}, "
                                    f"column {err.colno})", row_label="line")]) from None
    if not isinstance(doc, dict):
        raise DatasetError([Problem(path.name, None, None, None, "a Popolo file is a JSON object with lists such as "
                                                                 "organizations, persons, posts and memberships")])
    with paused_gc():
        imp = _Reader(path, doc, join_roles).read()
    if note:
        imp.notes.append(note)
    return imp
