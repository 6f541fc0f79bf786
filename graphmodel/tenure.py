"""Term tracking: the places a network administrator has to act on, and who picks the next holder.

Four lists: filled places whose term ends within ``within`` days after
``as_of`` (ending), filled places whose term has already ended (past term),
vacant places, and holders (organisations or people) of more than
``max_seats`` filled places. Each place says who selects the next holder and
by which method (``selected_by`` and ``method``). People appear by id only.

>>> from datetime import date
>>> from graphmodel.model import Dataset
>>> from graphmodel.graph import build_graph
>>> g = build_graph(Dataset(
...     organisations=[{"id": "tra", "name": "TRA", "sector": "vcs"}],
...     networks=[{"id": "cen", "name": "Community Network", "led_by": "vcs"}],
...     partnerships=[{"id": "board", "name": "Board", "level": "board"}],
...     seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "holder": "tra", "selected_by": "cen",
...             "method": "elected", "term_end": "2025-03-31"},
...            {"id": "s2", "partnership": "board", "sector": "vcs", "selected_by": "cen", "method": "elected"}],
... ))
>>> t = terms(g, as_of=date(2025, 3, 1), within=60)
>>> [(p.seat, p.days, p.next_holder) for p in t.ending]
[('s1', 30, 'elected by Community Network (cen)')]
>>> [p.seat for p in t.vacant]
['s2']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .adjacency import node_data
from .traverse import require
from .vocabulary import is_deputy

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = ["Place", "Holder", "Terms", "terms"]

_VERB = {"elected": "elected by", "nominated": "nominated by", "appointed": "appointed by",
         "ex_officio": "ex officio, from", "co_opted": "co-opted by", "standing": "a standing place of"}


@dataclass
class Place:
    """One place to act on."""

    seat: str
    partnership: str
    partnership_name: str
    sector: str
    holder: str | None
    holder_name: str | None
    term_end: date | None
    days: int | None
    selected_by: str | None
    selected_by_name: str | None
    method: str | None
    next_holder: str
    represents: list[str] = field(default_factory=list)
    reserved_for: list[str] = field(default_factory=list)
    role: str = "member"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["term_end"] = self.term_end.isoformat() if self.term_end else None
        return data


@dataclass
class Holder:
    """An organisation or person holding more than ``max_seats`` filled places."""

    id: str
    type: str
    name: str | None
    seats: list[str]

    def as_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "name": self.name, "seats": len(self.seats),
                "seat_ids": self.seats}


@dataclass
class Terms:
    as_of: date
    within: int
    max_seats: int
    ending: list[Place]
    past_term: list[Place]
    vacant: list[Place]
    overloaded: list[Holder]

    def as_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "within": self.within, "max_seats": self.max_seats,
                "ending": [p.as_dict() for p in self.ending], "past_term": [p.as_dict() for p in self.past_term],
                "vacant": [p.as_dict() for p in self.vacant], "overloaded": [h.as_dict() for h in self.overloaded]}


def _next_holder(method: str | None, selector: str | None, selector_name: str | None) -> str:
    who = f"{selector_name} ({selector})" if selector else None
    if who is None:
        return f"{method.replace('_', ' ')}; who selects is not recorded" if method else "who selects is not recorded"
    if method is None:
        return f"selected by {who} (method not recorded)"
    return f"{_VERB.get(method, method + ' by')} {who}"


def terms(graph: AnyGraph, *, as_of: date | None = None, within: int = 90, max_seats: int = 3,
          partnership: str | None = None) -> Terms:
    """Places whose term ends soon, places held past their term, vacant places, overloaded holders.

    Parameters
    ----------
    graph : the engagement graph.
    as_of : the day to count from (default today).
    within : a filled place whose ``term_end`` is ``as_of`` or up to this many days after it is *ending*
        (``days`` = days left); one whose ``term_end`` is before ``as_of`` is *past term* (``days`` =
        days over).
    max_seats : holders with more filled places than this, across the dataset, are listed.
    partnership : only the places on this partnership (the overloaded holders still count every place).

    Deputy seats (``deputy_of`` or role ``deputy``) are not places and appear nowhere, as in
    :func:`graphmodel.gaps`; ``ending`` holds exactly the ``expiring_seats`` of ``gaps`` with
    ``expiring_within=within``.

    Returns
    -------
    Terms
        ``ending`` and ``past_term`` sorted by ``term_end`` then seat id, ``vacant`` by
        partnership then seat id, ``overloaded`` by number of places (most first) then id. Each
        place carries ``next_holder``, a phrase naming who selects the next holder and how.
    """
    as_of = as_of or date.today()
    if partnership is not None:
        require(graph, partnership, "partnership")
    nodes = node_data(graph)
    horizon = as_of + timedelta(days=within)
    ending, past, vacant = [], [], []
    held: dict[str, list[str]] = defaultdict(list)

    def name(node):
        if node is None:
            return None
        attrs = nodes.get(node)
        return None if attrs is None or attrs["type"] == "person" else attrs.get("name")

    for seat, attrs in nodes.items():
        if attrs["type"] != "seat" or is_deputy(attrs):
            continue  # a deputy is not a place (FORMAT.md section 5), as in gaps
        holder, person = attrs.get("holder"), attrs.get("person")
        for h in (holder, person):
            if h is not None:
                held[h].append(seat)
        if partnership is not None and attrs["partnership"] != partnership:
            continue
        end, selector, method = attrs.get("term_end"), attrs.get("selected_by"), attrs.get("method")
        place = dict(seat=seat, partnership=attrs["partnership"], partnership_name=name(attrs["partnership"]),
                     sector=attrs["sector"], holder=holder or person, holder_name=name(holder or person),
                     term_end=end, days=None, selected_by=selector, selected_by_name=name(selector), method=method,
                     next_holder=_next_holder(method, selector, name(selector)),
                     represents=list(attrs.get("represents") or ()),
                     reserved_for=list(attrs.get("reserved_for") or ()), role=attrs.get("role") or "member")
        if holder is None and person is None:
            vacant.append(Place(**place))
        elif end is not None and end < as_of:
            place["days"] = (as_of - end).days
            past.append(Place(**place))
        elif end is not None and end <= horizon:
            place["days"] = (end - as_of).days
            ending.append(Place(**place))
    ending.sort(key=lambda p: (p.term_end, p.seat))
    past.sort(key=lambda p: (p.term_end, p.seat))
    vacant.sort(key=lambda p: (p.partnership, p.seat))
    over = [Holder(h, nodes[h]["type"], name(h), sorted(seats)) for h, seats in held.items() if len(seats) > max_seats]
    over.sort(key=lambda h: (-len(h.seats), h.id))
    return Terms(as_of, within, max_seats, ending, past, vacant, over)
