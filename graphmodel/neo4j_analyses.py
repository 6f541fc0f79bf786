"""The analyses answered by named Cypher queries on a dataset pushed to Neo4j.

Each function takes a :class:`~graphmodel.store.Neo4jStore` and a dataset name and returns the
same result as the library's function on that dataset's graph (a live test checks they are
equal on every example and on a synthetic borough): :func:`reach` as
:func:`graphmodel.reaching.reach`, :func:`routes` as :func:`graphmodel.reaching.routes`,
:func:`gaps` as :func:`graphmodel.representation.gaps`, :func:`audience` and :func:`hearing` as
those of :mod:`graphmodel.reporting`. Nothing but the answers travels: the graph is not pulled.
"""

from __future__ import annotations

import difflib
from collections import Counter
from datetime import date

from .exceptions import EngagemapError, NotFound
from .reaching import Reach, ReachedOrganisation
from .reporting import Audience, AudienceMember, Hearing, HearingOrganisation, route_warnings
from .representation import Breach, Gaps, PartnershipGaps, _share
from .store import Neo4jStore
from .traverse import related

__all__ = ["reach", "routes", "gaps", "audience", "hearing"]


def _require(store: Neo4jStore, dataset: str, node_id: str, node_type: str) -> None:
    """Raise :class:`NotFound` (as the library words it) unless ``node_id`` is a ``node_type`` of ``dataset``."""
    from .model import ENTITY_TABLES

    table = store.table_of(dataset, node_id)
    if table is None:
        ids = store.ids(dataset)
        if not ids:
            known = ", ".join(store.datasets()) or "none"
            raise EngagemapError(f"the Neo4j database holds no dataset named {dataset!r} (it holds: {known})")
        pool = [i for i, t in ids.items() if t == node_type]
        close = difflib.get_close_matches(node_id, pool, n=1) if len(pool) <= 20000 else []
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise NotFound(f"there is no {node_type} with id {node_id!r} in the dataset{hint}")
    if ENTITY_TABLES[table] != node_type:
        raise NotFound(f"{node_id!r} is a {ENTITY_TABLES[table]}, not a {node_type}")


def reach(store: Neo4jStore, dataset: str, partnership: str) -> Reach:
    """The reach of ``partnership`` (query ``reach``)."""
    _require(store, dataset, partnership, "partnership")
    organisations, networks = [], []
    by_sector: Counter[str] = Counter()
    communities: set[str] = set()
    for r in store.query("reach", {"dataset": dataset, "partnership": partnership}):
        if r["type"] == "organisation":
            organisations.append(ReachedOrganisation(r["id"], r["name"], r["sector"], r["distance"], r["count"]))
            by_sector[r["sector"]] += r["count"]
            communities.update(r["serves"])
        else:
            networks.append({"id": r["id"], "distance": r["distance"], "name": r["name"]})
    organisations.sort(key=lambda o: (o.distance, o.id))
    networks.sort(key=lambda n: (n["distance"], n["id"]))
    return Reach(partnership=partnership, organisations=organisations, total=sum(by_sector.values()),
                 by_sector=dict(sorted(by_sector.items())), communities=sorted(communities), networks=networks)


def routes(store: Neo4jStore, dataset: str, organisation: str, partnership: str, *, limit: int = 20) -> list[list[str]]:
    """The shortest routes from ``organisation`` to ``partnership`` (query ``routes``), in id order."""
    _require(store, dataset, organisation, "organisation")
    _require(store, dataset, partnership, "partnership")
    found = {tuple(r["route"]) for r in store.query("routes", {"dataset": dataset, "organisation": organisation,
                                                               "partnership": partnership})}
    return [list(route) for route in sorted(found)[:limit]]  # parallel relationships give one route once


def gaps(store: Neo4jStore, dataset: str, partnership: str | None = None, *, as_of: date | None = None,
         max_seats: int = 3) -> Gaps:
    """Representation gaps and composition problems (queries ``partnerships``, ``representation``,
    ``required_seats``, ``vacant_seats``, ``expired_seats``, ``seats_without_reporting_back``,
    ``partnerships_without_vcs_seats``, ``overloaded_holders``, ``unconnected_organisations``)."""
    as_of = as_of or date.today()
    if partnership is not None:
        _require(store, dataset, partnership, "partnership")
    elif not store.datasets().get(dataset):
        raise EngagemapError(f"the Neo4j database holds no dataset named {dataset!r}")
    scope = {"dataset": dataset}

    def by_partnership(name: str, **extra) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in store.query(name, {**scope, **extra}):
            out.setdefault(r["partnership"], []).append(r["seat"])
        return out

    vacant = by_partnership("vacant_seats")
    expired = by_partnership("expired_seats", as_of=as_of.isoformat())
    silent = by_partnership("seats_without_reporting_back")
    representation = {r["partnership"]: r for r in store.query("representation", scope)}
    required: dict[str, list[dict]] = {}
    for r in store.query("required_seats", scope):
        required.setdefault(r["partnership"], []).append(r)
    results = []
    for p in store.query("partnerships", scope):
        if partnership is not None and p["id"] != partnership:
            continue
        rep = representation[p["id"]]
        covered = sorted(c for c, _ in rep["represented"])
        share = p["vcs_seats"] / p["seats"] if p["seats"] else 0.0
        results.append(PartnershipGaps(
            id=p["id"], name=p["name"], level=p["level"], seats=p["seats"], filled=p["filled"],
            vcs_seats=p["vcs_seats"], vcs_share=share, represented=covered,
            represented_via={c: via for c, via in sorted(rep["represented"]) if via is not None},
            unrepresented=sorted(rep["unrepresented"]), unreached=sorted(rep["unreached"]),
            breaches=_breaches(p, share, required.get(p["id"], [])),
            vacant_seats=vacant.get(p["id"], []), expired_seats=expired.get(p["id"], []),
            seats_without_reporting_back=silent.get(p["id"], []),
        ))
    return Gaps(
        as_of=as_of,
        max_seats=max_seats,
        partnerships=results,
        no_vcs_seats=[r["id"] for r in store.query("partnerships_without_vcs_seats", scope)],
        overloaded_holders=[{"id": r["id"], "type": r["type"], "seats": r["seats"]}
                            for r in store.query("overloaded_holders", {**scope, "max_seats": max_seats})],
        unconnected_organisations=[r["id"] for r in store.query("unconnected_organisations", scope)],
    )


def _breaches(p: dict, share: float, required: list[dict]) -> list[Breach]:
    """The agreed rules a partnership does not meet, worded as :func:`graphmodel.representation.gaps` words them."""
    out = []
    seats, minimum = p["seats"], p["min_vcs_share"]
    if minimum is not None and share < minimum - 1e-12:
        out.append(Breach("min_vcs_share", f"{p['vcs_seats']} of {seats} seats ({_share(share)}) are VCS seats; "
                                           f"the agreed minimum is {_share(minimum)}"))
    holding = {r["rule"]: r for r in required}
    for rule in p["required"]:
        r = holding[rule]
        if r["needed"] is None:  # COMMUNITY:N@GROUP (FORMAT.md section 5) is judged by the library only
            continue
        if r["holding"] < r["needed"]:
            out.append(Breach("required", f"{r['community']} must hold at least {r['needed']} filled "
                                          f"seat{'s' if r['needed'] != 1 else ''}; it holds {r['holding']}"))
    if p["size_min"] is not None and seats < p["size_min"]:
        out.append(Breach("size_min", f"{seats} seats; the agreed minimum is {p['size_min']}"))
    if p["size_max"] is not None and seats > p["size_max"]:
        out.append(Breach("size_max", f"{seats} seats; the agreed maximum is {p['size_max']}"))
    return out


def _audience_rows(store: Neo4jStore, dataset: str, seat: str) -> list[dict]:
    return store.query("seat_audience", {"dataset": dataset, "seat": seat})


def audience(store: Neo4jStore, dataset: str, seat: str) -> Audience:
    """The reporting-back audience of ``seat`` (queries ``seat``, ``seat_audience``, ``community_tree``)."""
    _require(store, dataset, seat, "seat")
    info = store.query("seat", {"dataset": dataset, "seat": seat})[0]
    rows = _audience_rows(store, dataset, seat)
    bodies = sorted(r["id"] for r in rows if r["distance"] == 1)
    members = [AudienceMember(r["id"], r["type"], r["distance"]) for r in rows
               if r["distance"] == 1 or r["type"] == "organisation"]
    networks = [{"id": r["id"], "distance": r["distance"]} for r in rows
                if r["distance"] != 1 and r["type"] != "organisation"]
    members.sort(key=lambda m: (m.distance, m.id))
    networks.sort(key=lambda n: (n["distance"], n["id"]))
    served = {c for r in rows for c in r["serves"]}
    total = sum(r["count"] for r in rows if r["type"] == "organisation")
    represents = list(info["represents"])
    parent = {r["id"]: r["part_of"] for r in store.query("community_tree", {"dataset": dataset})}
    children: dict[str, list[str]] = {c: [] for c in parent}
    for c, wider in parent.items():
        if wider is not None:
            children[wider].append(c)

    unserved = [c for c in represents if not related(parent, children, c) & served]
    warnings = route_warnings(seat, bodies, unserved)
    return Audience(seat, info["partnership"], bodies, members, total, networks, represents, unserved, warnings)


def hearing(store: Neo4jStore, dataset: str, partnership: str) -> Hearing:
    """Which organisations in ``partnership``'s reach hear back from its seats or those of a
    partnership feeding into it (queries ``hearing_seats``, ``seat_audience``, ``reach``)."""
    result = reach(store, dataset, partnership)
    seats = [r["seat"] for r in store.query("hearing_seats", {"dataset": dataset, "partnership": partnership})]
    heard_from: dict[str, list[str]] = {}
    for seat in seats:
        for r in _audience_rows(store, dataset, seat):
            heard_from.setdefault(r["id"], []).append(seat)
    rows = [HearingOrganisation(o.id, o.distance, o.count, o.id in heard_from, heard_from.get(o.id, []))
            for o in result.organisations]
    return Hearing(partnership=partnership, seats=seats, organisations=rows,
                   hearing_total=sum(r.count for r in rows if r.hears_back),
                   silent_total=sum(r.count for r in rows if not r.hears_back),
                   feeds_in_hears_nothing=[r.id for r in rows if not r.hears_back])
