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
from .model import parse_required
from .representation import Gaps, PartnershipGaps, _at_group, _breaches, months_before
from .store import Neo4jStore
from .traverse import related
from .vocabulary import same_group

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


def _day(as_of: date | None) -> str:
    return (as_of or date.today()).isoformat()


def reach(store: Neo4jStore, dataset: str, partnership: str, *, as_of: date | None = None) -> Reach:
    """The reach of ``partnership`` on ``as_of`` (default today: memberships not in force then left out;
    query ``reach``), as :func:`graphmodel.reaching.reach` on :func:`graphmodel.dated.in_force`'s graph."""
    _require(store, dataset, partnership, "partnership")
    organisations, networks = [], []
    by_sector: Counter[str] = Counter()
    communities: set[str] = set()
    for r in store.query("reach", {"dataset": dataset, "partnership": partnership, "as_of": _day(as_of)}):
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


def routes(store: Neo4jStore, dataset: str, organisation: str, partnership: str, *, limit: int = 20,
           as_of: date | None = None) -> list[list[str]]:
    """The shortest routes from ``organisation`` to ``partnership`` on ``as_of`` (query ``routes``), in id order."""
    _require(store, dataset, organisation, "organisation")
    _require(store, dataset, partnership, "partnership")
    found = {tuple(r["route"]) for r in store.query("routes", {"dataset": dataset, "organisation": organisation,
                                                               "partnership": partnership, "as_of": _day(as_of)})}
    return [list(route) for route in sorted(found)[:limit]]  # parallel relationships give one route once


def gaps(store: Neo4jStore, dataset: str, partnership: str | None = None, *, as_of: date | None = None,
         max_seats: int = 3, expiring_within: int = 90, stale_after: int = 6) -> Gaps:
    """Representation gaps and composition problems on ``as_of``, every key of
    :func:`graphmodel.representation.gaps` (FORMAT.md sections 4 and 5), from the queries ``partnerships``,
    ``representation``, ``required_seats``, ``vacant_seats``, ``expired_seats``,
    ``seats_without_reporting_back``, ``reporting_evidence``, ``partnerships_without_vcs_seats``,
    ``overloaded_holders`` and ``unconnected_organisations``. Python only words the breaches, keeps a
    ``@GROUP`` rule's places of its group (:func:`graphmodel.vocabulary.same_group`) and dates the cut-off
    of stale reporting (:func:`graphmodel.representation.months_before`)."""
    as_of = as_of or date.today()
    if partnership is not None:
        _require(store, dataset, partnership, "partnership")
    elif not store.datasets().get(dataset):
        raise EngagemapError(f"the Neo4j database holds no dataset named {dataset!r}")
    scope = {"dataset": dataset}
    day = {"dataset": dataset, "as_of": as_of.isoformat()}

    def by_partnership(name: str, params: dict) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in store.query(name, params):
            out.setdefault(r["partnership"], []).append(r["seat"])
        return out

    vacant = by_partnership("vacant_seats", scope)
    expired = by_partnership("expired_seats", day)
    silent = by_partnership("seats_without_reporting_back", scope)
    evidence: dict[str, list[dict]] = {}
    for r in store.query("reporting_evidence", day):
        evidence.setdefault(r["partnership"], []).append(r)
    cutoff = months_before(as_of, stale_after)
    representation = {r["partnership"]: r for r in store.query("representation", day)}
    required: dict[str, list[dict]] = {}
    for r in store.query("required_seats", scope):
        required.setdefault(r["partnership"], []).append(r)
    results = []
    for p in store.query("partnerships", {**day, "expiring_within": expiring_within}):
        if partnership is not None and p["id"] != partnership:
            continue
        rep = representation[p["id"]]
        covered = sorted(c for c, _ in rep["represented"])
        share = p["vcs_seats"] / p["seats"] if p["seats"] else 0.0
        deputies = p["deputy_seats"]
        seen = evidence.get(p["id"], [])
        judged = bool(seen) and seen[0]["judged"]
        counted = _required(p["required"], required.get(p["id"], []))
        results.append(PartnershipGaps(
            id=p["id"], name=p["name"], level=p["level"], seats=p["seats"], filled=p["filled"],
            vcs_seats=p["vcs_seats"], vcs_share=share, represented=covered,
            represented_via={c: via for c, via in sorted(rep["represented"]) if via is not None},
            unrepresented=sorted(rep["unrepresented"]), unreached=sorted(rep["unreached"]),
            breaches=_breaches(p, range(p["seats"]), p["vcs_seats"], share, p["voting_seats"], p["vcs_voting_seats"],
                               counted),  # worded as the library words them
            vacant_seats=vacant.get(p["id"], []),
            expired_seats=expired.get(p["id"], []),
            seats_without_reporting_back=silent.get(p["id"], []),
            voting_seats=p["voting_seats"], vcs_voting_seats=p["vcs_voting_seats"],
            vcs_voting_share=p["vcs_voting_seats"] / p["voting_seats"] if p["voting_seats"] else 0.0,
            non_voting_seats=p["non_voting_seats"], deputy_seats=deputies,
            reserved_vacant=[{"seat": r["seat"], "reserved_for": list(r["reserved_for"])} for r in p["reserved_vacant"]],
            expiring_seats=p["expiring_seats"],
            stale_reporting=[{"seat": r["seat"], "last_reported": r["last"]} for r in seen
                             if judged and r["last"] is not None and r["last"] < cutoff],
            never_reported=[r["seat"] for r in seen if judged and r["last"] is None and r["has_route"]],
            required_at_group=_at_group(counted),
        ))
    return Gaps(
        as_of=as_of,
        max_seats=max_seats,
        partnerships=results,
        no_vcs_seats=[r["id"] for r in store.query("partnerships_without_vcs_seats", scope)],
        overloaded_holders=[{"id": r["id"], "type": r["type"], "seats": r["seats"]}
                            for r in store.query("overloaded_holders", {**scope, "max_seats": max_seats})],
        unconnected_organisations=[r["id"] for r in store.query("unconnected_organisations", day)],
        expiring_within=expiring_within,
        stale_after=stale_after,
    )


def _required(rules: list[str], rows: list[dict]) -> list[tuple[str, str, int, str | None, list[str]]]:
    """Each ``required`` rule as (text, community, seats needed, group, the filled places counted)."""
    holding = {r["rule"]: r["holding"] for r in rows}
    out = []
    for rule in rules:
        parsed = parse_required(rule)
        group = parsed.get("group")
        found = [h["seat"] for h in holding[rule] if group is None or same_group(h["group"], group)]
        out.append((rule, parsed["community"], parsed["seats"], group, found))
    return out


def _audience_rows(store: Neo4jStore, dataset: str, seat: str, as_of: date | None) -> list[dict]:
    return store.query("seat_audience", {"dataset": dataset, "seat": seat, "as_of": _day(as_of)})


def audience(store: Neo4jStore, dataset: str, seat: str, *, as_of: date | None = None) -> Audience:
    """The reporting-back audience of ``seat`` on ``as_of`` (queries ``seat``, ``seat_audience``,
    ``community_tree``); its ``evidence`` (the reports table's) is left empty: see the README."""
    _require(store, dataset, seat, "seat")
    info = store.query("seat", {"dataset": dataset, "seat": seat})[0]
    rows = _audience_rows(store, dataset, seat, as_of)
    bodies = sorted(r["id"] for r in rows if r["distance"] == 1)
    members = [AudienceMember(r["id"], r["type"], r["distance"]) for r in rows
               if r["distance"] == 1 or r["type"] in ("organisation", "partnership")]
    networks = [{"id": r["id"], "distance": r["distance"]} for r in rows
                if r["distance"] != 1 and r["type"] not in ("organisation", "partnership")]
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


def hearing(store: Neo4jStore, dataset: str, partnership: str, *, as_of: date | None = None) -> Hearing:
    """Which organisations in ``partnership``'s reach on ``as_of`` hear back from its seats or those of a
    partnership feeding into it (queries ``hearing_seats``, ``seat_audience``, ``reach``)."""
    result = reach(store, dataset, partnership, as_of=as_of)
    seats = [r["seat"] for r in store.query("hearing_seats", {"dataset": dataset, "partnership": partnership})]
    heard_from: dict[str, list[str]] = {}
    for seat in seats:
        for r in _audience_rows(store, dataset, seat, as_of):
            heard_from.setdefault(r["id"], []).append(seat)
    rows = [HearingOrganisation(o.id, o.distance, o.count, o.id in heard_from, heard_from.get(o.id, []))
            for o in result.organisations]
    return Hearing(partnership=partnership, seats=seats, organisations=rows,
                   hearing_total=sum(r.count for r in rows if r.hears_back),
                   silent_total=sum(r.count for r in rows if not r.hears_back),
                   feeds_in_hears_nothing=[r.id for r in rows if not r.hears_back])
