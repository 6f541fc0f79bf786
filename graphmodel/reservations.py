"""Who should fill the places reserved for communities.

:func:`reserved_places` proposes, for each vacant place reserved for
communities (``reserved_for``, FORMAT.md section 5; deputies are not places),
the communities it would give a voice to and the organisations that could
hold it, those already reaching the partnership first. (:func:`graphmodel.planning.plan`
proposes whom to connect.)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from .adjacency import node_data
from .representation import gaps
from .traverse import require, seats_on, upstream
from .vocabulary import is_active, is_deputy, is_filled

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = ["Candidate", "ReservedPlace", "Reservation", "reserved_places"]


@dataclass
class Candidate:
    """An organisation that could hold a reserved place."""

    id: str
    name: str
    reaches: bool
    closes: list[str]
    count: int
    explanation: str


@dataclass
class ReservedPlace:
    """A vacant reserved place, the communities it could give a voice to, and who could hold it."""

    seat: str
    reserved_for: list[str]
    selected_by: str | None
    method: str | None
    communities: list[str]
    candidates: list[Candidate]
    explanation: str

    @property
    def proposed(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


@dataclass
class Reservation:
    partnership: str
    unrepresented: list[str]
    places: list[ReservedPlace]
    still_unrepresented: list[str]

    def as_dict(self) -> dict:
        return asdict(self)


def reserved_places(graph: AnyGraph, partnership: str, *, per_place: int = 3) -> Reservation:
    """For each vacant reserved place of ``partnership``, the communities and holders that would close gaps.

    A place is a seat on ``partnership`` with ``reserved_for`` communities, no holder and no
    person, and not a deputy (``deputy_of`` or role ``deputy``). Its *scope* is the communities
    it is reserved for and those ``part_of`` them. Filling it with an organisation is taken to give
    a voice to the communities of the scope that the organisation serves (and those part of them):
    the unrepresented ones among these are the gaps it *closes*.

    Places are taken in id order; for each, the candidates are active organisations that close at
    least one gap still open, ranked by gaps closed, then those already in the partnership's reach
    first, then people (``population``) in the gaps closed, then ``count``, then id. The first is
    proposed: its gaps count as closed and it is not proposed for another place.

    Returns
    -------
    Reservation
        ``unrepresented`` before, each place with ``communities`` (its scope's unrepresented
        communities, most people first) and up to ``per_place`` ``candidates``, each explained in a
        sentence, and ``still_unrepresented`` if every proposal were taken up.

    Examples
    --------
    >>> from graphmodel.model import Dataset
    >>> from graphmodel.graph import build_graph
    >>> g = build_graph(Dataset(
    ...     organisations=[{"id": "rf", "name": "Refugee Action", "sector": "vcs", "serves": ["refugees"]}],
    ...     communities=[{"id": "bme", "name": "BME"},
    ...                  {"id": "refugees", "name": "Refugees", "part_of": "bme"}],
    ...     partnerships=[{"id": "board", "name": "Board", "level": "board"}],
    ...     seats=[{"id": "d1", "partnership": "board", "sector": "vcs", "reserved_for": ["bme"]}]))
    >>> place = reserved_places(g, "board").places[0]
    >>> place.communities, place.proposed.id, place.proposed.closes
    (['bme', 'refugees'], 'rf', ['refugees'])
    """
    from .representation import CommunityBits

    require(graph, partnership, "partnership")
    nodes = node_data(graph)
    current = gaps(graph, partnership).partnerships[0]
    open_now = set(current.unrepresented)
    bits = CommunityBits(graph)
    reached = set(upstream(graph, partnership))
    pname = nodes[partnership]["name"]

    def people(cs) -> int:
        return sum(nodes[c].get("population") or 0 for c in cs)

    def is_place(seat: str) -> bool:
        a = nodes[seat]
        return not is_filled(a) and not is_deputy(a) and bool(a.get("reserved_for"))

    organisations = sorted(n for n, a in nodes.items() if a["type"] == "organisation" and is_active(a)
                           and a.get("serves"))
    taken: set[str] = set()
    places = []
    for seat in (s for s in seats_on(graph, partnership) if is_place(s)):
        attrs = nodes[seat]
        scope = set(bits.names(bits.mask(attrs["reserved_for"], covered=True)))
        here = scope & open_now
        ranked = sorted(here, key=lambda c: (-(nodes[c].get("population") or 0), c))
        found = []
        for o in organisations:
            if o in taken:
                continue
            voice = set(bits.names(bits.mask((c for c in nodes[o]["serves"] if c in scope), covered=True)))
            closes = sorted(voice & here)
            if closes:
                found.append((-len(closes), o not in reached, -people(closes), -nodes[o]["count"], o, closes))
        found.sort()
        holders = []
        for _, outside, _, _, o, closes in found[:per_place]:
            a = nodes[o]
            route = (f"already reaches {pname}" if not outside else
                     f"does not reach {pname} yet, so holding the place would also connect it")
            holders.append(Candidate(o, a["name"], not outside, closes, a["count"],
                                  f"{a['name']} ({o}) would give a voice to {', '.join(closes)}, "
                                  f"unrepresented on {pname}, "
                                  f"and {route}."))
        reserved = list(attrs["reserved_for"])
        if holders:
            best = holders[0]
            taken.add(best.id)
            open_now -= set(best.closes)
            text = (f"Seat {seat}, reserved for {', '.join(reserved)}: {best.name} ({best.id}) would close "
                    f"{len(best.closes)} gap{'s' if len(best.closes) != 1 else ''} ({', '.join(best.closes)}).")
        elif not here:
            text = (f"Seat {seat}, reserved for {', '.join(reserved)}: those communities are already represented "
                    f"on {pname} (or given to another reserved place).")
        else:
            who = attrs.get("selected_by")
            ask = f"; {nodes[who]['name']} ({who}), which selects the holder, would have to reach out" if who else ""
            text = (f"Seat {seat}, reserved for {', '.join(reserved)}: no organisation on record serves "
                    f"{', '.join(ranked)}{ask}.")
        places.append(ReservedPlace(seat, reserved, attrs.get("selected_by"), attrs.get("method"), ranked, holders,
                                    text))
    return Reservation(partnership, sorted(current.unrepresented), places, sorted(open_now))
