"""engagemap checked against an independent reading of FORMAT.md sections 3, 4 and 5.

The ``ref_*`` functions below are a second implementation written from FORMAT.md (and the
readings in docs/FORMAT.md where it is silent) in plain Python over the loaded rows: they use
:func:`graphmodel.load_dataset` to get the rows and nothing of graphmodel's graph or analysis
code. Each test runs ``engagemap ... --format json`` through click's CliRunner and compares
its answer with the reference, on the seven examples and on small random datasets that use
every section 5 feature (deputies, observers, reserved places, groups, ``@GROUP`` rules,
partnerships selecting seats, ``reports_back`` from partnerships, reports with dates,
``part_of`` chains, inactive organisations, counts, networks in networks, vacant seats, terms).
"""

from __future__ import annotations

import calendar
import csv
import os
import json
import tempfile
from collections import defaultdict, deque
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphmodel import load_dataset
from graphmodel.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())
AS_OF = date(2026, 6, 1)

# --------------------------------------------------------------------------------------------
# The reference: plain Python over the rows of the dataset.
# --------------------------------------------------------------------------------------------


def _val(x):
    """An enum's value, or the thing itself."""
    return getattr(x, "value", x)


def is_deputy(seat) -> bool:
    return seat.deputy_of is not None or _val(seat.role) == "deputy"


def is_filled(seat) -> bool:
    return seat.holder is not None or seat.person is not None


def has_vote(seat) -> bool:
    return bool(seat.voting) and _val(seat.role) != "observer"


def kinds(ds) -> dict[str, str]:
    """id -> type of node."""
    out = {}
    for table, kind in (("organisations", "organisation"), ("networks", "network"),
                        ("partnerships", "partnership"), ("communities", "community"),
                        ("seats", "seat"), ("people", "person")):
        for row in getattr(ds, table):
            out[row.id] = kind
    return out


def reach_edges(ds) -> list[tuple[str, str]]:
    """Every member_of, selects, holds, sits_on and feeds_into edge (u -> v), inactive
    organisations left out."""
    inactive = {o.id for o in ds.organisations if not o.active}
    edges = []
    for m in ds.memberships:
        edges.append((m.member, m.network))
    for s in ds.seats:
        if s.selected_by:
            edges.append((s.selected_by, s.id))
        if s.holder:
            edges.append((s.holder, s.id))
        if s.person:
            edges.append((s.person, s.id))
        edges.append((s.id, s.partnership))
    for p in ds.partnerships:
        for q in p.feeds_into:
            edges.append((p.id, q))
    for link in ds.links:
        if _val(link.kind) == "feeds_into":
            edges.append((link.source, link.target))
    return [(u, v) for u, v in edges if u not in inactive and v not in inactive]


def distances_to(edges, target: str, removed: str | None = None) -> dict[str, int]:
    """Shortest number of edges from every node with a directed path to ``target``."""
    back = defaultdict(list)
    for u, v in edges:
        if removed not in (u, v):
            back[v].append(u)
    dist = {target: 0}
    queue = deque([target])
    while queue:
        node = queue.popleft()
        for prev in back[node]:
            if prev not in dist:
                dist[prev] = dist[node] + 1
                queue.append(prev)
    del dist[target]
    return dist


def ref_reach(ds, b: str) -> dict:
    orgs = {o.id: o for o in ds.organisations if o.active}
    dist = distances_to(reach_edges(ds), b)
    reached = {i: d for i, d in dist.items() if i in orgs}
    by_sector: dict[str, int] = defaultdict(int)
    for i in reached:
        by_sector[_val(orgs[i].sector)] += orgs[i].count
    return {
        "organisations": reached,
        "total": sum(orgs[i].count for i in reached),
        "by_sector": dict(by_sector),  # every sector of a reached organisation, even at weight 0
        "communities": sorted({c for i in reached for c in orgs[i].serves}),
        "networks": {i: d for i, d in dist.items() if i in {n.id for n in ds.networks}},
    }


def feeders(ds, b: str) -> set[str]:
    """Partnerships feeding into b, directly or through others."""
    parts = {p.id for p in ds.partnerships}
    edges = [(p.id, q) for p in ds.partnerships for q in p.feeds_into]
    edges += [(l.source, l.target) for l in ds.links
              if _val(l.kind) == "feeds_into" and l.source in parts]
    return set(distances_to(edges, b))


def wider(ds) -> dict[str, str | None]:
    return {c.id: c.part_of for c in ds.communities}


def covered_by(ds, community: str) -> set[str]:
    """The community and every wider one it is part of."""
    up, out = wider(ds), set()
    while community is not None and community not in out:
        out.add(community)
        community = up.get(community)
    return out


def months_before(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    return date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def ref_gaps(ds, *, as_of=AS_OF, max_seats=3, expiring_within=90, stale_after=6) -> dict:
    orgs = {o.id: o for o in ds.organisations}
    inactive = {o.id for o in ds.organisations if not o.active}
    all_communities = sorted(c.id for c in ds.communities)
    reports_back = defaultdict(set)
    for link in ds.links:
        if _val(link.kind) == "reports_back" and link.target not in inactive:
            reports_back[link.source].add(link.target)
    judged = len(ds.reports) > 0
    last = {}
    for r in ds.reports:
        if r.date <= as_of:
            last[r.sender] = max(last.get(r.sender, r.date), r.date)
    cutoff = months_before(as_of, stale_after)
    out = {}
    for p in ds.partnerships:
        mine = [s for s in ds.seats if s.partnership == p.id]
        places = [s for s in mine if not is_deputy(s)]
        seats = len(places)
        vcs = sum(_val(s.sector) == "vcs" for s in places)
        voting = [s for s in places if has_vote(s)]
        vcs_voting = sum(_val(s.sector) == "vcs" for s in voting)
        bodies = feeders(ds, p.id) | {p.id}
        direct = {c for s in ds.seats if s.partnership in bodies and not is_deputy(s) and is_filled(s)
                  for c in s.represents}
        represented = {c.id for c in ds.communities if covered_by(ds, c.id) & direct}
        via = {c for c in represented if c not in direct}
        unrepresented = [c for c in all_communities if c not in represented]
        r = ref_reach(ds, p.id)
        served = {c for o in r["organisations"] for c in orgs[o].serves}
        served |= {c for n in ds.networks if n.id in r["networks"] for c in n.serves}
        breaches = []
        share = vcs / seats if seats else 0.0
        voting_share = vcs_voting / len(voting) if voting else 0.0
        if p.min_vcs_share is not None and share < p.min_vcs_share:
            breaches.append(("min_vcs_share", None))
        if p.min_vcs_voting_share is not None and voting_share < p.min_vcs_voting_share:
            breaches.append(("min_vcs_voting_share", None))
        if p.size_min is not None and seats < p.size_min:
            breaches.append(("size_min", None))
        if p.size_max is not None and seats > p.size_max:
            breaches.append(("size_max", None))
        for req in p.required:
            counted = [s for s in places if is_filled(s)
                       and covered_by(ds, req.community) & set(s.represents)
                       and (req.group is None or (s.group is not None and
                                                  s.group.strip().casefold() == req.group.strip().casefold()))]
            if len(counted) < req.seats:
                breaches.append(("required", req))
        stale, never = [], []
        if judged:
            for s in mine:
                if s.id in last and last[s.id] < cutoff:
                    stale.append({"seat": s.id, "last_reported": last[s.id].isoformat()})
                if s.id not in last and reports_back[s.id]:
                    never.append(s.id)
        out[p.id] = {
            "seats": seats,
            "filled": sum(is_filled(s) for s in places),
            "vcs_seats": vcs,
            "vcs_share": share,
            "represented": sorted(represented),
            "via": sorted(via),
            "direct": direct,
            "unrepresented": unrepresented,
            "unreached": [c for c in unrepresented if c not in served],
            "breaches": breaches,
            "vacant_seats": sorted(s.id for s in places if not is_filled(s)),
            "expired_seats": sorted(s.id for s in mine if s.term_end is not None and s.term_end < as_of),
            "seats_without_reporting_back": sorted(s.id for s in places if not reports_back[s.id]),
            "voting_seats": len(voting),
            "vcs_voting_seats": vcs_voting,
            "vcs_voting_share": voting_share,
            "non_voting_seats": sorted(s.id for s in places if not has_vote(s)),
            "reserved_vacant": sorted((s.id, tuple(sorted(s.reserved_for))) for s in places
                                      if s.reserved_for and not is_filled(s)),
            "expiring_seats": sorted(s.id for s in places if is_filled(s) and s.term_end is not None
                                     and as_of <= s.term_end <= as_of + timedelta(days=expiring_within)),
            "stale_reporting": sorted(stale, key=lambda x: x["seat"]),
            "never_reported": sorted(never),
        }
    held = defaultdict(int)
    for s in ds.seats:
        if not is_deputy(s):
            if s.holder:
                held[s.holder] += 1
            if s.person:
                held[s.person] += 1
    no_vcs = sorted(p.id for p in ds.partnerships
                    if not any(s.partnership == p.id and not is_deputy(s) and _val(s.sector) == "vcs"
                               for s in ds.seats))
    return {"partnerships": out, "no_vcs_seats": no_vcs,
            "overloaded_holders": sorted((i, n) for i, n in held.items() if n > max_seats)}


def ref_audience(ds, seat: str) -> dict:
    orgs = {o.id: o for o in ds.organisations}
    networks = {n.id for n in ds.networks}
    parts = {p.id for p in ds.partnerships}
    members = defaultdict(list)
    for m in ds.memberships:
        members[m.network].append(m.member)
    reports_back = defaultdict(list)
    for link in ds.links:
        if _val(link.kind) == "reports_back":
            reports_back[link.source].append(link.target)
    dist: dict[str, int] = {}
    queue = deque()
    for t in reports_back[seat]:
        if t not in dist and not (t in orgs and not orgs[t].active):
            dist[t] = 1
            queue.append(t)
    while queue:
        node = queue.popleft()
        nxt = members[node] if node in networks else reports_back[node] if node in parts else []
        for m in nxt:
            if m not in dist and m != seat and not (m in orgs and not orgs[m].active):
                dist[m] = dist[node] + 1
                queue.append(m)
    audience_orgs = {i: d for i, d in dist.items() if i in orgs}
    return {"reports_back_to": sorted(t for t in set(reports_back[seat]) if t in dist), "organisations": audience_orgs,
            "others": {i: d for i, d in dist.items() if i not in orgs},
            "total": sum(orgs[i].count for i in audience_orgs)}


def ref_resilience(ds, b: str) -> list[tuple]:
    kind = kinds(ds)
    orgs = {o.id: o for o in ds.organisations if o.active}
    edges = reach_edges(ds)
    before = distances_to(edges, b)
    reached = {i for i in before if i in orgs}
    served_before = {c for i in reached for c in orgs[i].serves}
    points = []
    for node in before:
        after = distances_to(edges, b, removed=node)
        lost = reached - set(after) - {node}
        cut = sum(orgs[i].count for i in lost)
        if cut > 0:
            left = {i for i in after if i in orgs}
            served_after = {c for i in left for c in orgs[i].serves}
            points.append((-cut, node, kind[node], tuple(sorted(served_before - served_after))))
    return [(i, t, -c, cs) for c, i, t, cs in sorted(points)]


# --------------------------------------------------------------------------------------------
# Comparison with engagemap's JSON.
# --------------------------------------------------------------------------------------------

RUNNER = CliRunner()


def run_json(*args) -> dict:
    result = RUNNER.invoke(cli, [*map(str, args), "--format", "json", "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, (args, result.output, result.exception)
    return json.loads(result.stdout)


def check_reach(path, ds, b):
    got, want = run_json("reach", path, "--partnership", b), ref_reach(ds, b)
    assert {o["id"]: o["distance"] for o in got["organisations"]} == want["organisations"], b
    counts = {o.id: o.count for o in ds.organisations}
    assert all(o["count"] == counts[o["id"]] for o in got["organisations"])
    assert [o["id"] for o in got["organisations"]] == sorted(want["organisations"],
                                                             key=lambda i: (want["organisations"][i], i))
    assert got["total"] == want["total"], b
    assert got["by_sector"] == want["by_sector"], b
    assert got["communities"] == want["communities"], b


def check_gaps(path, ds, max_seats=3, expiring_within=90, stale_after=6):
    got = run_json("gaps", path, "--max-seats", max_seats, "--expiring-within", expiring_within,
                   "--stale-after", stale_after)
    want = ref_gaps(ds, max_seats=max_seats, expiring_within=expiring_within, stale_after=stale_after)
    assert sorted(p["id"] for p in got["partnerships"]) == sorted(want["partnerships"])
    for p in got["partnerships"]:
        w = want["partnerships"][p["id"]]
        for key in ("seats", "filled", "vcs_seats", "represented", "unrepresented", "unreached",
                    "vacant_seats", "expired_seats", "seats_without_reporting_back", "voting_seats",
                    "vcs_voting_seats", "non_voting_seats", "expiring_seats", "stale_reporting",
                    "never_reported"):
            assert p[key] == w[key], (p["id"], key, p[key], w[key])
        for key in ("vcs_share", "vcs_voting_share"):
            assert p[key] == pytest.approx(w[key]), (p["id"], key)
        assert sorted(p["represented_via"]) == w["via"], (p["id"], p["represented_via"], w["via"])
        for narrow, wide in p["represented_via"].items():
            assert wide in covered_by(ds, narrow) and wide in w["direct"], (p["id"], narrow, wide)
        assert sorted((r["seat"], tuple(sorted(r["reserved_for"]))) for r in p["reserved_vacant"]) \
            == w["reserved_vacant"], p["id"]
        assert sorted(b["rule"] for b in p["breaches"]) == sorted(r for r, _ in w["breaches"]), \
            (p["id"], p["breaches"], w["breaches"])
        required = [b["detail"] for b in p["breaches"] if b["rule"] == "required"]
        for _, req in (x for x in w["breaches"] if x[0] == "required"):
            assert any(req.community in d and (req.group is None or req.group.strip() in d)
                       for d in required), (p["id"], str(req), required)
    assert got["no_vcs_seats"] == want["no_vcs_seats"]
    for p in got["partnerships"][:2]:
        one = run_json("gaps", path, "--partnership", p["id"], "--max-seats", max_seats,
                       "--expiring-within", expiring_within, "--stale-after", stale_after)
        assert one["partnerships"] == [p]
    assert sorted((h["id"], h["seats"]) for h in got["overloaded_holders"]) == want["overloaded_holders"]


def check_paths(path, ds, seat):
    got, want = run_json("paths", path, "--seat", seat), ref_audience(ds, seat)
    assert got["reports_back_to"] == want["reports_back_to"], seat
    listed = got["audience"] + got.get("networks", [])
    assert {a["id"]: a["distance"] for a in got["audience"] if a.get("type") == "organisation"} \
        == want["organisations"], seat
    assert {a["id"]: a["distance"] for a in listed if a.get("type") != "organisation"} == want["others"], seat
    assert [a["id"] for a in got["audience"]] == sorted((a["id"] for a in got["audience"]),
                                                        key=lambda i: (dict(want["organisations"],
                                                                            **want["others"])[i], i))
    assert got["total"] == want["total"], seat


def check_resilience(path, ds, b):
    got = run_json("resilience", path, "--partnership", b)
    assert [(x["id"], x["type"], x["cuts_organisations"], tuple(x["cuts_communities"]))
            for x in got["points"]] == ref_resilience(ds, b), b


def check_all(path, **options):
    ds = load_dataset(path)
    for p in ds.partnerships:
        check_reach(path, ds, p.id)
        check_resilience(path, ds, p.id)
    check_gaps(path, ds, **options)
    for s in ds.seats:
        check_paths(path, ds, s.id)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_agree_with_the_reference(example):
    check_all(example)


# --------------------------------------------------------------------------------------------
# Random small datasets using every section 5 feature.
# --------------------------------------------------------------------------------------------

DAYS = [AS_OF + timedelta(days=d) for d in (-400, -200, -183, -182, -1, 0, 1, 30, 90, 91, 200)]
GROUPS = ["reps", " Reps", "other"]


@st.composite
def datasets(draw):
    sub = lambda pool, n=3: draw(st.lists(st.sampled_from(pool), max_size=n, unique=True)) if pool else []
    maybe = lambda s: draw(st.one_of(st.none(), s))
    nc, no = draw(st.integers(0, 5)), draw(st.integers(1, 6))
    nn, np_, npe = draw(st.integers(0, 4)), draw(st.integers(1, 4)), draw(st.integers(0, 2))
    comms = [f"c{i}" for i in range(nc)]
    orgs = [f"o{i}" for i in range(no)]
    nets = [f"n{i}" for i in range(nn)]
    parts = [f"p{i}" for i in range(np_)]
    people = [f"pe{i}" for i in range(npe)]
    data = {
        "communities": [{"id": c, "name": c, **({"part_of": draw(st.sampled_from(comms[:i]))}
                                                   if i and draw(st.booleans()) else {})}
                        for i, c in enumerate(comms)],
        "organisations": [{"id": o, "name": o, "sector": draw(st.sampled_from(["vcs", "statutory", "private"])),
                           "serves": sub(comms), "count": draw(st.sampled_from([1, 1, 0, 2, 5])),
                           "active": draw(st.sampled_from([True, True, True, False]))} for o in orgs],
        "networks": [{"id": n, "name": n, "led_by": "vcs", "serves": sub(comms)} for n in nets],
        "people": [{"id": p, "name": p} for p in people],
    }
    members = set()
    for i, n in enumerate(nets):
        for m in sub(orgs, 3) + sub(nets[i + 1:], 2):
            members.add((m, n))
    data["memberships"] = [{"member": m, "network": n} for m, n in sorted(members)]
    partnerships = []
    seats = []
    for i, p in enumerate(parts):
        row = {"id": p, "name": p, "level": "board", "feeds_into": sub(parts[i + 1:], 2)}
        lo = maybe(st.integers(0, 4))
        if lo is not None:
            row["size_min"] = lo
        hi = maybe(st.integers(lo or 0, 5))
        if hi is not None:
            row["size_max"] = hi
        for key in ("min_vcs_share", "min_vcs_voting_share"):
            v = maybe(st.sampled_from([0, 0.25, 0.5, 1]))
            if v is not None:
                row[key] = v
        if comms:
            row["required"] = [f"{c}:{draw(st.integers(1, 2))}" + (f"@{draw(st.sampled_from(GROUPS))}"
                                                                   if draw(st.booleans()) else "")
                               for c in sub(comms, 2)]
        partnerships.append(row)
    data["partnerships"] = partnerships
    for k in range(draw(st.integers(0, 9))):
        p = draw(st.sampled_from(parts))
        s = {"id": f"s{k}", "partnership": p,
             "sector": draw(st.sampled_from(["vcs", "vcs", "statutory", "private", "elected", "other"])),
             "represents": sub(comms, 2), "reserved_for": sub(comms, 2),
             "voting": draw(st.booleans()),
             "role": draw(st.sampled_from(["member", "member", "chair", "observer", "deputy"]))}
        sel = maybe(st.sampled_from(orgs + nets + parts))
        if sel is not None:
            s["selected_by"] = sel
        for key, pool in (("holder", orgs), ("person", people)):
            if pool and draw(st.booleans()):
                s[key] = draw(st.sampled_from(pool))
        end = maybe(st.sampled_from(DAYS))
        if end is not None:
            s["term_end"] = end.isoformat()
        g = maybe(st.sampled_from(GROUPS))
        if g is not None:
            s["group"] = g
        places = [x["id"] for x in seats if x["partnership"] == p and x["role"] != "deputy"
                  and "deputy_of" not in x]
        if s["role"] != "deputy" and places and draw(st.integers(0, 3)) == 0:
            s["deputy_of"] = draw(st.sampled_from(places))
        seats.append(s)
    data["seats"] = seats
    seat_ids = [s["id"] for s in seats]
    links = set()
    for source in sub(seat_ids + parts, 6):
        for target in sub(nets, 1) + sub(orgs + parts, 1):
            if target != source:
                links.add((source, target, "reports_back"))
    for i, p in enumerate(parts):
        for target in sub(parts[i + 1:], 1):
            links.add((p, target, "feeds_into"))
    for n in sub(nets + orgs, 2):
        links.add((n, draw(st.sampled_from(parts)), "feeds_into"))
    data["links"] = [{"source": s, "target": t, "kind": k} for s, t, k in sorted(links)]
    senders = [s for s, _, k in links if k == "reports_back"]
    if senders and draw(st.integers(0, 3)):
        data["reports"] = [{"from": draw(st.sampled_from(senders)),
                            "to": draw(st.sampled_from(orgs + nets + parts)),
                            "date": draw(st.sampled_from(DAYS)).isoformat()}
                           for _ in range(draw(st.integers(1, 6)))]
    elif draw(st.booleans()):
        data["reports"] = []  # an empty reports sheet judges no route
    # rows in any order: the answers must not depend on it (lists of ids are sorted)
    return {table: draw(st.permutations(rows)) for table, rows in data.items()}


def write_csv_folder(data: dict, folder: Path) -> None:
    """The same dataset as a folder of CSV files, as a spreadsheet user keeps it (lists joined
    by ``;``, booleans ``yes``/``no``)."""
    folder.mkdir()
    for table, rows in data.items():
        columns = sorted({k for r in rows for k in r}) or (["from", "to", "date"] if table == "reports" else [])
        if not columns:
            continue
        cell = lambda v: ("; ".join(map(str, v)) if isinstance(v, list)
                          else ("yes" if v else "no") if isinstance(v, bool) else "" if v is None else str(v))
        with open(folder / f"{table}.csv", "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(columns)
            out.writerows([cell(r.get(c)) for c in columns] for r in rows)


@settings(max_examples=int(os.environ.get("INDEPENDENT_EXAMPLES", 50)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(), st.sampled_from([0, 1, 2, 3]), st.sampled_from([0, 1, 30, 90, 200]),
       st.sampled_from([0, 1, 6, 12]))
def test_random_datasets_agree_with_the_reference(data, max_seats, expiring_within, stale_after):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.json"
        path.write_text(json.dumps(data))
        check_all(path, max_seats=max_seats, expiring_within=expiring_within, stale_after=stale_after)
        write_csv_folder(data, Path(tmp) / "csv")
        check_all(Path(tmp) / "csv", max_seats=max_seats, expiring_within=expiring_within,
                  stale_after=stale_after)


FEATURES = ("via", "vacant_seats", "expired_seats", "non_voting_seats", "reserved_vacant", "expiring_seats",
            "stale_reporting", "never_reported", "unreached", "breach:min_vcs_share", "breach:min_vcs_voting_share",
            "breach:size_min", "breach:size_max", "breach:required", "breach:required@group", "deputy",
            "inactive member", "audience through a member network", "audience through a partnership",
            "resilience point", "selected by a partnership", "overloaded at 1")


def features(ds) -> set[str]:
    """The features of the reference's answers that one dataset exercises."""
    found = set()
    g = ref_gaps(ds, max_seats=1)
    for x in g["partnerships"].values():
        found |= {k for k in FEATURES if x.get(k)}
        found |= {f"breach:{r}" + ("@group" if req is not None and req.group else "") for r, req in x["breaches"]}
    if g["overloaded_holders"]:
        found.add("overloaded at 1")
    parts = {p.id for p in ds.partnerships}
    if any(is_deputy(s) for s in ds.seats):
        found.add("deputy")
    if any(s.selected_by in parts for s in ds.seats):
        found.add("selected by a partnership")
    inactive = {o.id for o in ds.organisations if not o.active}
    onward = {(l.source, l.target) for l in ds.links if _val(l.kind) == "reports_back" and l.source in parts}
    for s in ds.seats:
        a = ref_audience(ds, s.id)
        if any(d >= 3 for d in a["organisations"].values()):
            found.add("audience through a member network")
        if any(i in parts and (i, t) in onward for i in a["others"] for t in a["others"] | a["organisations"]):
            found.add("audience through a partnership")
    for p in ds.partnerships:
        if ref_resilience(ds, p.id):
            found.add("resilience point")
        if inactive & {m.member for m in ds.memberships}:
            found.add("inactive member")
    return found


def test_the_random_datasets_exercise_every_feature():
    """The random datasets are worth comparing: together they give every output something to say."""
    seen: set[str] = set()

    @settings(max_examples=150, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(datasets())
    def collect(data):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "d.json"
            path.write_text(json.dumps(data))
            seen.update(features(load_dataset(path)))

    collect()
    assert sorted(set(FEATURES) - seen) == []
