"""The items of a Popolo document (organizations, persons, posts, memberships, areas, events), those
nested in others flattened, each with its input location; :mod:`graphmodel.importers.popolo` makes
the dataset's tables from them.

>>> _member_ref({"member": {"@type": "Organization", "id": "o1"}})
(None, 'o1')
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from graphmodel.exceptions import Problem

from .imported import Ids, Imported, Origin

__all__ = ["PopoloItems"]


def _member_ref(m: dict) -> tuple[Any, Any]:
    """(person id, organization id) of a membership's member, however it is written."""
    person = m.get("person_id")
    if person in (None, "") and isinstance(m.get("person"), dict):
        person = m["person"].get("id")
    member = m.get("member")
    if isinstance(member, dict) and member.get("id") not in (None, ""):
        kind = str(member.get("@type") or member.get("type") or "").lower()
        if kind == "person":
            return (person if person not in (None, "") else member["id"]), None
        return (person if person not in (None, "") else None), member["id"]
    return (person if person not in (None, "") else None), None


class PopoloItems:
    """The items of a Popolo document by kind, each with its origin (nested items flattened).

    ``items[kind]`` lists ``(item, origin)`` for organizations, persons, posts, memberships, areas
    and events; ``problems`` holds what makes the document unreadable (a list that is not one, an
    item without an id). An id given twice at the top level is read once (a warning in ``imp``).
    """

    def __init__(self, path: Path, doc: dict):
        self.path = path
        self.name = path.name
        self.imp = Imported(path.name)
        self.ids = Ids(self.imp)
        self.problems: list[Problem] = []
        self.items: dict[str, list[tuple[dict, Origin]]] = {k: [] for k in
                                                            ("organizations", "persons", "posts", "memberships",
                                                             "areas", "events")}
        self.seen: dict[str, dict] = defaultdict(dict)
        for key, aliases in (("organizations", ("organizations", "organisations")), ("persons", ("persons", "people")),
                             ("posts", ("posts",)), ("memberships", ("memberships",)), ("areas", ("areas",)),
                             ("events", ("events",))):
            for alias in aliases:
                self.collect(key, doc.get(alias), f"{self.name}, {alias}", top=True)

    def collect(self, key: str, value: Any, source: str, top: bool = False, **implied) -> None:
        """Add the items of one list (and the items nested in them) to ``self.items``."""
        if value in (None, ""):
            return
        if not isinstance(value, list):
            if isinstance(value, dict) and not top:
                value = [value]
            else:
                self.problems.append(Problem(source, None, None, None, "this must be a list of objects"))
                return
        for i, item in enumerate(value, start=1):
            origin = Origin(source, i, "item")
            if not isinstance(item, dict):
                self.problems.append(Problem(source, i, None, None, "each entry must be an object", row_label="item"))
                continue
            if key != "memberships" and item.get("id") in (None, ""):
                if top:
                    self.problems.append(Problem(source, i, "id", None, "each entry needs an id", row_label="item"))
                continue
            for k, v in implied.items():
                item.setdefault(k, v)
            if key != "memberships":
                first = self.seen[key].get(item["id"])
                if first is not None:
                    if top:  # the same id twice: references cannot tell them apart, so they are one
                        self.imp.warn(origin, "id", item["id"],
                                      f"this id is already given at {first[0]} (name {first[1]!r}); this entry "
                                      f"(name {item.get('name')!r}) is read as the same {key[:-1]} and left out")
                        self.imp.counts[f"duplicate {key} left out (the same id twice)"] += 1
                    continue  # the same item, embedded again
                self.seen[key][item["id"]] = (origin, item.get("name"))
            self.items[key].append((item, origin))
            where = f"{source}, item {i}"
            if key == "organizations":
                self.collect("posts", item.get("posts"), f"{where}, posts", organization_id=item["id"])
                self.collect("memberships", item.get("memberships"), f"{where}, memberships",
                             organization_id=item["id"])
                self.collect("organizations", item.get("children"), f"{where}, children", parent_id=item["id"])
            elif key == "persons":
                self.collect("memberships", item.get("memberships"), f"{where}, memberships", person_id=item["id"])
            elif key == "posts":
                self.collect("memberships", item.get("memberships"), f"{where}, memberships", post_id=item["id"],
                             **({"organization_id": item["organization_id"]} if item.get("organization_id") else {}))
            elif key == "memberships":
                for field_, target in (("person", "persons"), ("organization", "organizations"), ("post", "posts"),
                                       ("on_behalf_of", "organizations"), ("area", "areas")):
                    sub = item.get(field_)
                    if isinstance(sub, dict) and sub.get("id") not in (None, ""):
                        item.setdefault(f"{field_}_id", sub["id"])
                        self.collect(target, [sub], f"{where}, {field_}")
