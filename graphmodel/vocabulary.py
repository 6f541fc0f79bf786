"""The domain's vocabulary, stated once: the one place each concept of ``docs/FORMAT.md`` lives.

Everything else derives what it needs from here: the models (``model.py``)
take their closed vocabularies and id pattern, the checks (``checks.py``)
the references between tables and the ends a link may join, the graph
(``graph.py``) its node types and edge kinds (and through it the Neo4j
schema its relationship types), the synthetic data its link columns, merging
its reference columns, the analyses and the map the "filled", "deputy",
"active" and "same group" rules.
This module imports nothing from the package, so it sits at the bottom of
the house and no import cycle can run through it.

>>> EDGE_KINDS["funds"], "funds" in REACH_KINDS
((('organisation',), ('organisation', 'network', 'partnership')), False)
>>> LINK_ENDS[LinkKind.consults]
(('partnerships',), ('networks', 'organisations'))
>>> is_filled({"holder": None, "person": "p1"}), takes_part({"type": "organisation", "active": False})
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

__all__ = [
    "ID_PATTERN", "ID_RULE", "MAX_WHOLE", "OrgSector", "LedBy", "Level", "CommunityKind", "SeatSector", "Method", "SeatRole",
    "LinkKind", "TABLE_NAMES", "ENTITY_TABLES", "NODE_TYPES", "EDGE_KINDS", "REACH_KINDS", "REFERENCES",
    "LINK_ENDS", "LINK_ATTRIBUTES", "MEMBERSHIP_ATTRIBUTES", "is_filled", "is_deputy", "is_voting", "is_active",
    "takes_part",
    "group_key", "same_group",
]

# ---------------------------------------------------------------- ids

#: What an id may be (FORMAT.md section 1): one namespace across all tables.
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,99}$"
#: The id rule in words, for messages.
ID_RULE = ("not a valid id: ids are 1 to 100 characters of lowercase letters, digits, '-', '_' and '.', "
           "starting with a letter or digit")


#: Whole numbers in a dataset (counts, populations, sizes) are at most this.
MAX_WHOLE = 10 ** 12


# ---------------------------------------------------------------- closed vocabularies

class OrgSector(str, Enum):
    """Sector of an organisation."""

    vcs = "vcs"
    statutory = "statutory"
    private = "private"


class LedBy(str, Enum):
    """Who leads a network: the Hackney map's VCS-led vs statutory-led."""

    vcs = "vcs"
    statutory = "statutory"
    joint = "joint"


class Level(str, Enum):
    """Level of a partnership body."""

    board = "board"
    executive = "executive"
    thematic = "thematic"
    subgroup = "subgroup"
    area = "area"
    task = "task"
    other = "other"


class CommunityKind(str, Enum):
    """Community of interest or identity, or community of place."""

    interest = "interest"
    place = "place"


class SeatSector(str, Enum):
    """Whom a seat is for."""

    vcs = "vcs"
    statutory = "statutory"
    private = "private"
    elected = "elected"
    other = "other"


class Method(str, Enum):
    """How the holder of a seat is chosen."""

    elected = "elected"
    nominated = "nominated"
    appointed = "appointed"
    ex_officio = "ex_officio"
    co_opted = "co_opted"
    standing = "standing"


class SeatRole(str, Enum):
    """What a place is for beyond holding it: ``deputy`` and ``observer`` are not full places."""

    member = "member"
    chair = "chair"
    vice_chair = "vice_chair"
    deputy = "deputy"
    observer = "observer"


class LinkKind(str, Enum):
    """Kind of an explicit link between two bodies (``funds``: an engagemap extension, a grant)."""

    feeds_into = "feeds_into"
    reports_back = "reports_back"
    consults = "consults"
    funds = "funds"


# ---------------------------------------------------------------- tables and nodes

#: The tables, in the order of FORMAT.md.
TABLE_NAMES: tuple[str, ...] = ("organisations", "networks", "partnerships", "communities", "memberships", "seats",
                                "links", "people", "reports")

#: Tables whose rows have an ``id`` (one shared namespace), with the singular noun: the graph's node types.
ENTITY_TABLES: dict[str, str] = {
    "organisations": "organisation",
    "networks": "network",
    "partnerships": "partnership",
    "communities": "community",
    "seats": "seat",
    "people": "person",
}

#: Node ``type`` values, by table.
NODE_TYPES: dict[str, str] = dict(ENTITY_TABLES)
_TABLE_OF_TYPE = {t: table for table, t in NODE_TYPES.items()}

# ---------------------------------------------------------------- edges

#: Edge ``kind`` values with (source node types, target node types); edges run towards decision-making.
#: The four link kinds are also the links table's ``kind`` values, with the same ends.
EDGE_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "member_of": (("organisation", "network"), ("network",)),
    "selects": (("network", "organisation", "partnership"), ("seat",)),
    "holds": (("organisation", "person"), ("seat",)),
    "sits_on": (("seat",), ("partnership",)),
    "feeds_into": (("network", "partnership", "organisation"), ("partnership",)),
    "reports_back": (("seat", "partnership"), ("network", "organisation", "partnership")),
    "consults": (("partnership",), ("network", "organisation")),
    "serves": (("organisation", "network"), ("community",)),
    "represents": (("seat",), ("community",)),
    "part_of": (("community",), ("community",)),
    "affiliated_with": (("person",), ("organisation",)),
    "funds": (("organisation",), ("organisation", "network", "partnership")),
}

#: The edge kinds a voice travels along to reach a partnership (FORMAT.md section 3); ``funds`` is not one.
REACH_KINDS = frozenset({"member_of", "selects", "holds", "sits_on", "feeds_into"})

#: link kind -> (tables a source may be in, tables a target may be in), read off :data:`EDGE_KINDS`.
LINK_ENDS: dict[LinkKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    kind: tuple(tuple(_TABLE_OF_TYPE[t] for t in end) for end in EDGE_KINDS[kind.value])  # type: ignore[misc]
    for kind in LinkKind
}

#: (table, column) -> the tables whose ids the column may name.
REFERENCES: dict[tuple[str, str], tuple[str, ...]] = {
    ("organisations", "serves"): ("communities",),
    ("networks", "serves"): ("communities",),
    ("partnerships", "feeds_into"): ("partnerships",),
    ("communities", "part_of"): ("communities",),
    ("memberships", "member"): ("organisations", "networks"),
    ("memberships", "network"): ("networks",),
    ("seats", "partnership"): ("partnerships",),
    ("seats", "represents"): ("communities",),
    ("seats", "selected_by"): ("networks", "organisations", "partnerships"),
    ("seats", "reserved_for"): ("communities",),
    ("seats", "deputy_of"): ("seats",),
    ("seats", "holder"): ("organisations",),
    ("seats", "person"): ("people",),
    ("people", "organisation"): ("organisations",),
    ("reports", "from"): ("seats", "partnerships"),
    ("reports", "to"): ("networks", "organisations", "partnerships"),
}

#: The columns of a link that its edge carries (``amount``, ``date``, ``programme``: funds links).
LINK_ATTRIBUTES: tuple[str, ...] = ("channel", "frequency", "notes", "amount", "date", "programme")
#: The columns of a membership that its ``member_of`` edge carries.
MEMBERSHIP_ATTRIBUTES: tuple[str, ...] = ("role", "since", "until")


# ---------------------------------------------------------------- rules

def is_filled(seat: Mapping[str, Any]) -> bool:
    """A seat (its row's fields or its node's attributes) is filled when an organisation or a person holds it.

    >>> is_filled({"holder": "hcvs", "person": None}), is_filled({"holder": None, "person": None})
    (True, False)
    """
    return seat["holder"] is not None or seat["person"] is not None


def is_deputy(seat: Mapping[str, Any]) -> bool:
    """A deputy (a ``deputy_of``, or the role ``deputy``) is not a place: it counts in no total or rule.

    >>> is_deputy({"deputy_of": "s1", "role": "member"}), is_deputy({"role": SeatRole.deputy})
    (True, True)
    """
    return seat.get("deputy_of") is not None or seat.get("role") == SeatRole.deputy


def is_voting(seat: Mapping[str, Any]) -> bool:
    """A place with a vote: ``voting`` yes (the default) and not an observer.

    >>> is_voting({"role": "member"}), is_voting({"role": SeatRole.observer}), is_voting({"voting": False})
    (True, False, False)
    """
    return bool(seat.get("voting", True)) and seat.get("role") != SeatRole.observer


def is_active(organisation: Mapping[str, Any]) -> bool:
    """An organisation is active unless its ``active`` is no.

    >>> is_active({"active": False}), is_active({})
    (False, True)
    """
    return organisation.get("active", True)


def takes_part(node: Mapping[str, Any]) -> bool:
    """Whether a node takes part in analyses: every node but an inactive organisation.

    >>> takes_part({"type": "seat"}), takes_part({"type": "organisation", "active": True})
    (True, True)
    """
    return node["type"] != "organisation" or node.get("active", True)


def group_key(name: str) -> str:
    """What makes two seat ``group`` names the same group: case and surrounding spaces ignored.

    >>> group_key(" Community Reps ")
    'community reps'
    """
    return name.strip().casefold()


def same_group(a: str | None, b: str | None) -> bool:
    """Whether two seat ``group`` names are the same group (see :func:`group_key`).

    >>> same_group(" Community Reps", "community reps"), same_group("a", None)
    (True, False)
    """
    return a is not None and b is not None and group_key(a) == group_key(b)
