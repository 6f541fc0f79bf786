"""What ``gaps`` gives (:class:`Gaps`, one :class:`PartnershipGaps` per partnership, its
:class:`Breach` es) and the small per-partnership pieces both of its routes share: communities as
bits (:class:`CommunityBits`), the rules' texts (``_breaches``) and :func:`months_before`.

Kept apart from :mod:`graphmodel.representation` (the pass over the networkx graph) and
:mod:`graphmodel.composition` so the columnar route (:mod:`graphmodel.columnar_gaps`) can give
the same results without importing networkx.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = ["Breach", "PartnershipGaps", "Gaps", "CommunityBits", "months_before"]


@dataclass
class Breach:
    """A rule the partnership agreed and does not meet."""

    rule: str
    detail: str


def _share(value: float) -> str:
    return f"{value * 100:.0f}%" if abs(value * 100 - round(value * 100)) < 1e-9 else f"{value * 100:.1f}%"


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day when it has no such day).

    >>> months_before(date(2026, 8, 31), 6), months_before(date(2026, 3, 15), 14)
    (datetime.date(2026, 2, 28), datetime.date(2025, 1, 15))
    """
    month = day.year * 12 + day.month - 1 - months
    year, month = divmod(month, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _breaches(attrs, seats, vcs_seats, share, voting, vcs_voting, counted) -> list[Breach]:
    out = []
    minimum = attrs["min_vcs_share"]
    if minimum is not None and share < minimum - 1e-12:
        out.append(Breach("min_vcs_share",
                          f"{vcs_seats} of {len(seats)} seats ({_share(share)}) are VCS seats; "
                          f"the agreed minimum is {_share(minimum)}"))
    minimum = attrs.get("min_vcs_voting_share")
    voting_share = vcs_voting / voting if voting else 0.0
    if minimum is not None and voting_share < minimum - 1e-12:
        out.append(Breach("min_vcs_voting_share",
                          f"{vcs_voting} of {voting} voting seats ({_share(voting_share)}) are VCS seats; "
                          f"the agreed minimum is {_share(minimum)}"))
    for _, community, needed, group, holding in counted:
        if len(holding) < needed:
            among = f" of the group {group!r}" if group is not None else ""
            out.append(Breach("required",
                              f"{community} must hold at least {needed} filled "
                              f"seat{'s' if needed != 1 else ''}{among}; it holds {len(holding)}"))
    if attrs["size_min"] is not None and len(seats) < attrs["size_min"]:
        out.append(Breach("size_min", f"{len(seats)} seats; the agreed minimum is {attrs['size_min']}"))
    if attrs["size_max"] is not None and len(seats) > attrs["size_max"]:
        out.append(Breach("size_max", f"{len(seats)} seats; the agreed maximum is {attrs['size_max']}"))
    return out


def _at_group(counted) -> list[dict]:
    """The ``required`` rules of one partnership that name a seat group (``bme:1@group``), with the
    places of that group counted for the rule (``counted`` as for :func:`_breaches`)."""
    return [{"rule": rule, "group": group, "seats": found} for rule, _, _, group, found in counted if group is not None]


@dataclass
class PartnershipGaps:
    """The gaps and composition of one partnership."""

    id: str
    name: str
    level: str
    seats: int
    filled: int
    vcs_seats: int
    vcs_share: float
    represented: list[str]
    represented_via: dict[str, str]
    unrepresented: list[str]
    unreached: list[str]
    breaches: list[Breach]
    vacant_seats: list[str]
    expired_seats: list[str]
    seats_without_reporting_back: list[str]
    voting_seats: int = 0
    vcs_voting_seats: int = 0
    vcs_voting_share: float = 0.0
    non_voting_seats: list[str] = field(default_factory=list)
    deputy_seats: list[str] = field(default_factory=list)
    reserved_vacant: list[dict] = field(default_factory=list)
    expiring_seats: list[str] = field(default_factory=list)
    stale_reporting: list[dict] = field(default_factory=list)
    never_reported: list[str] = field(default_factory=list)
    required_at_group: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data["breaches"] = [{"rule": b.rule, "detail": b.detail} for b in self.breaches]
        data["stale_reporting"] = [{"seat": r["seat"], "last_reported": r["last_reported"].isoformat()}
                                   for r in self.stale_reporting]
        return data


@dataclass
class Gaps:
    """Gaps of the chosen partnerships, and problems across the whole dataset."""

    as_of: date
    max_seats: int
    partnerships: list[PartnershipGaps]
    no_vcs_seats: list[str]
    overloaded_holders: list[dict]
    unconnected_organisations: list[str] = field(default_factory=list)
    expiring_within: int = 90
    stale_after: int = 6

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "max_seats": self.max_seats,
            "expiring_within": self.expiring_within,
            "stale_after": self.stale_after,
            "partnerships": [p.as_dict() for p in self.partnerships],
            "no_vcs_seats": self.no_vcs_seats,
            "overloaded_holders": self.overloaded_holders,
            "unconnected_organisations": self.unconnected_organisations,
        }


class CommunityBits:
    """Communities as bits of an int, with ``part_of`` coverage.

    Bit ``i`` stands for community ``ids[i]``. :meth:`expand` adds to a mask every community
    that is part of one in it, directly or through others. Every operation is linear in the
    number of communities (a 100,000-long ``part_of`` chain included): no per-community mask is
    kept, and the hierarchy is walked once per distinct mask, parents first.

    >>> from graphmodel.model import Dataset
    >>> from graphmodel.graph import build_graph
    >>> g = build_graph(Dataset(communities=[{"id": "bme", "name": "BME"},
    ...                                      {"id": "tk", "name": "TK", "part_of": "bme"}]))
    >>> bits = CommunityBits(g)
    >>> bits.names(bits.expand(bits.mask(["bme"]))), bits.via(bits.mask(["bme"]), bits.all)
    (['bme', 'tk'], {'tk': 'bme'})

    Without a graph, from each community's wider one (``parents``, every community a key):

    >>> CommunityBits(None, parents={"tk": "bme", "bme": None}).names(3)
    ['bme', 'tk']
    """

    def __init__(self, graph: AnyGraph | None, communities: list[str] | None = None, *,
                 parents: dict[str, str | None] | None = None):
        if parents is None:
            from .adjacency import node_data
            from .traverse import community_tree

            if communities is None:
                communities = [n for n, a in node_data(graph).items() if a["type"] == "community"]
            parents = community_tree(graph, communities)[0]
        self.ids = sorted(parents)
        self.index = {c: i for i, c in enumerate(self.ids)}
        self.all = (1 << len(self.ids)) - 1
        self.parent = {c: parents[c] for c in self.ids}
        children: dict[str, list[str]] = {c: [] for c in self.ids}
        for c, wider in self.parent.items():
            if wider is not None:
                children[wider].append(c)
        self.parent_index = [-1 if self.parent[c] is None else self.index[self.parent[c]] for c in self.ids]
        self.nested = any(p >= 0 for p in self.parent_index)
        order = [i for i, p in enumerate(self.parent_index) if p < 0]  # parents before their parts
        for i in order:
            order.extend(self.index[child] for child in children[self.ids[i]])
        self.order = [i for i in order if self.parent_index[i] >= 0]
        self._expanded: dict[int, int] = {}

    def bit(self, community: str) -> int:
        return 1 << self.index[community]

    def mask(self, communities: Iterable[str], covered: bool = False) -> int:
        m = 0
        for c in communities:
            m |= 1 << self.index[c]
        return self.expand(m) if covered else m

    @staticmethod
    def indices(mask: int) -> list[int]:
        """The positions of the set bits of ``mask``, in order (linear, found by ``str.find``)."""
        text = bin(mask)[:1:-1]
        found, i = [], text.find("1")
        while i >= 0:
            found.append(i)
            i = text.find("1", i + 1)
        return found

    def names(self, mask: int) -> list[str]:
        ids = self.ids
        return [ids[i] for i in self.indices(mask)]

    def _flags(self, mask: int) -> bytearray:
        flags = bytearray(len(self.ids))
        for i in self.indices(mask):
            flags[i] = 1
        return flags

    def expand(self, mask: int) -> int:
        """``mask`` with every community part of one in it, directly or through others."""
        if not self.nested or not mask:
            return mask
        found = self._expanded.get(mask)
        if found is None:
            flags, parent = self._flags(mask), self.parent_index
            for i in self.order:
                if flags[parent[i]]:
                    flags[i] = 1
            text = flags.translate(_DIGITS)[::-1]
            found = self._expanded[mask] = int(text, 2) if text else 0
        return found

    def via(self, direct: int, covered: int) -> dict[str, str]:
        """For each community covered only through a wider one, the nearest wider one named."""
        indirect = self.indices(covered & ~direct)
        if not indirect:
            return {}
        flags, parent = self._flags(direct), self.parent_index
        nearest = [-1] * len(self.ids)
        for i in self.order:
            p = parent[i]
            nearest[i] = p if flags[p] else nearest[p]
        return {self.ids[i]: self.ids[nearest[i]] for i in indirect if nearest[i] >= 0}


_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
