"""FORMAT.md section 3 on small hand-built datasets, with exact expected results."""

from datetime import date

import pytest

from graphmodel import Dataset, NotFound, audience, build_graph, feeds, gaps, hearing, plan, reach, routes


def graph_of(**tables):
    return build_graph(Dataset(**tables))


def org(id, sector="vcs", **kw):
    return {"id": id, "name": id.upper(), "sector": sector, **kw}


def net(id, **kw):
    return {"id": id, "name": id.upper(), "led_by": "vcs", **kw}


def part(id, level="board", **kw):
    return {"id": id, "name": id.upper(), "level": level, **kw}


def seat(id, partnership, sector="vcs", **kw):
    return {"id": id, "partnership": partnership, "sector": sector, **kw}


def com(id, **kw):
    return {"id": id, "name": id.upper(), **kw}


def member(m, n):
    return {"member": m, "network": n}


# ------------------------------------------------------------------ reach

@pytest.fixture
def layered():
    """a -> n2 -> n1 -selects-> s_thm -> thm -feeds-> board; b holds s_board; c in n1;
    n3 feeds_into board directly; d in n3; e inactive in n1."""
    return graph_of(
        organisations=[org("a", count=10, serves=["older"]), org("b", "statutory"), org("c", count=5),
                       org("d", "private", serves=["tenants"]), org("e", active=False, serves=["youth"])],
        communities=[com("older"), com("tenants"), com("youth")],
        networks=[net("n1"), net("n2"), net("n3")],
        partnerships=[part("board"), part("thm", "thematic", feeds_into=["board"])],
        memberships=[member("a", "n2"), member("n2", "n1"), member("c", "n1"), member("d", "n3"),
                     member("e", "n1")],
        seats=[seat("s_thm", "thm", selected_by="n1"), seat("s_board", "board", "statutory", holder="b")],
        links=[{"source": "n3", "target": "board", "kind": "feeds_into"}],
    )


def test_reach_distances_through_networks_of_networks_and_feeds_into(layered):
    r = reach(layered, "board")
    assert [(o.id, o.distance, o.count) for o in r.organisations] == [
        ("b", 2, 1), ("d", 2, 1), ("c", 4, 5), ("a", 5, 10)]
    assert r.total == 17
    assert r.by_sector == {"private": 1, "statutory": 1, "vcs": 15}
    assert r.communities == ["older", "tenants"]
    assert [(n["id"], n["distance"]) for n in r.networks] == [("n3", 1), ("n1", 3), ("n2", 4)]


def test_reach_of_a_thematic_partnership_stops_at_it(layered):
    r = reach(layered, "thm")
    assert [(o.id, o.distance) for o in r.organisations] == [("c", 3), ("a", 4)]
    assert r.total == 15


def test_inactive_organisations_take_no_part(layered):
    assert "e" not in {o.id for o in reach(layered, "board").organisations}
    assert "youth" not in reach(layered, "board").communities
    assert feeds(layered, "e") == []
    assert routes(layered, "e", "board") == []


def test_routes_and_feeds(layered):
    assert routes(layered, "a", "board") == [["a", "n2", "n1", "s_thm", "thm", "board"]]
    assert [(f.partnership, f.distance, f.route) for f in feeds(layered, "c")] == [
        ("thm", 3, ["c", "n1", "s_thm", "thm"]), ("board", 4, ["c", "n1", "s_thm", "thm", "board"])]


def test_several_shortest_routes_are_all_given():
    g = graph_of(organisations=[org("a")], networks=[net("x"), net("y")], partnerships=[part("board")],
                 memberships=[member("a", "x"), member("a", "y")],
                 seats=[seat("sx", "board", selected_by="x"), seat("sy", "board", selected_by="y")])
    assert routes(g, "a", "board") == [["a", "x", "sx", "board"], ["a", "y", "sy", "board"]]


def test_unknown_or_wrong_kind_id_is_not_found(layered):
    with pytest.raises(NotFound, match="there is no partnership with id 'bord' in the dataset"):
        reach(layered, "bord")
    with pytest.raises(NotFound, match="'n1' is a network, not a partnership"):
        reach(layered, "n1")


# ------------------------------------------------------------------ gaps

def test_vacant_seats_represent_nobody_and_part_of_covers_narrower_communities():
    g = graph_of(
        organisations=[org("h")],
        communities=[com("bme"), com("tk", part_of="bme"), com("kurdish-youth", part_of="tk"), com("older"),
                     com("lgbt")],
        partnerships=[part("board")],
        seats=[seat("s1", "board", represents=["bme"], holder="h"),
               seat("s2", "board", represents=["older"])],  # vacant
    )
    p = gaps(g, "board").partnerships[0]
    assert p.represented == ["bme", "kurdish-youth", "tk"]
    assert p.represented_via == {"tk": "bme", "kurdish-youth": "bme"}
    assert p.unrepresented == ["lgbt", "older"]
    assert p.vacant_seats == ["s2"]
    assert (p.seats, p.filled, p.vcs_seats, p.vcs_share) == (2, 1, 2, 1.0)


def test_a_narrower_community_does_not_cover_the_wider_one():
    g = graph_of(organisations=[org("h")], communities=[com("bme"), com("tk", part_of="bme")],
                 partnerships=[part("board")], seats=[seat("s1", "board", represents=["tk"], holder="h")])
    p = gaps(g).partnerships[0]
    assert p.represented == ["tk"] and p.unrepresented == ["bme"]


def test_represented_includes_seats_on_partnerships_that_feed_in():
    g = graph_of(
        organisations=[org("h")],
        communities=[com("older"), com("youth")],
        partnerships=[part("board"), part("thm", "thematic", feeds_into=["board"]),
                      part("sub", "subgroup", feeds_into=["thm"])],
        seats=[seat("s1", "sub", represents=["older"], person="p1")],
        people=[{"id": "p1"}],
    )
    result = {p.id: p for p in gaps(g).partnerships}
    assert result["board"].represented == ["older"] and result["thm"].represented == ["older"]
    assert result["board"].seats == 0 and result["board"].vcs_share == 0
    assert result["sub"].filled == 1  # a seat held by a person is filled


def test_unreached_are_unrepresented_and_not_served_by_anyone_in_reach():
    g = graph_of(
        organisations=[org("a", serves=["older"]), org("far", serves=["lgbt"]), org("gone", active=False,
                                                                                  serves=["youth"])],
        communities=[com("older"), com("lgbt"), com("youth"), com("refugees")],
        networks=[net("n", serves=["refugees"])],
        partnerships=[part("board")],
        memberships=[member("a", "n"), member("gone", "n")],
        seats=[seat("s1", "board", selected_by="n")],
    )
    p = gaps(g, "board").partnerships[0]
    assert p.unrepresented == ["lgbt", "older", "refugees", "youth"]
    assert p.unreached == ["lgbt", "youth"]


BREACH_CASES = [
    ({"min_vcs_share": 0.5}, [seat("s1", "b", "statutory", holder="h"), seat("s2", "b", holder="h")], []),
    ({"min_vcs_share": 0.6}, [seat("s1", "b", "statutory", holder="h"), seat("s2", "b", holder="h")],
     [("min_vcs_share", "1 of 2 seats (50%) are VCS seats; the agreed minimum is 60%")]),
    ({"required": ["bme:1"]}, [seat("s1", "b", represents=["bme"], holder="h")], []),
    ({"required": ["tk:1"]}, [seat("s1", "b", represents=["bme"], holder="h")], []),
    ({"required": ["bme:1"]}, [seat("s1", "b", represents=["tk"], holder="h")],
     [("required", "bme must hold at least 1 filled seat; it holds 0")]),
    ({"required": ["bme:1"]}, [seat("s1", "b", represents=["bme"])],
     [("required", "bme must hold at least 1 filled seat; it holds 0")]),
    ({"required": ["tk:2"]}, [seat("s1", "b", represents=["bme"], holder="h"), seat("s2", "b", holder="h")],
     [("required", "tk must hold at least 2 filled seats; it holds 1")]),
    ({"size_min": 2, "size_max": 3}, [seat("s1", "b"), seat("s2", "b")], []),
    ({"size_min": 3}, [seat("s1", "b"), seat("s2", "b")], [("size_min", "2 seats; the agreed minimum is 3")]),
    ({"size_max": 1}, [seat("s1", "b"), seat("s2", "b")], [("size_max", "2 seats; the agreed maximum is 1")]),
]


@pytest.mark.parametrize("rules,seats,expected", BREACH_CASES)
def test_each_breach_kind_and_its_absence(rules, seats, expected):
    communities = [com("bme"), com("tk", part_of="bme")]
    g = graph_of(organisations=[org("h")], communities=communities, partnerships=[part("b", **rules)], seats=seats)
    breaches = gaps(g, "b").partnerships[0].breaches
    assert [(b.rule, b.detail) for b in breaches] == expected


def test_expired_terms_depend_on_as_of():
    g = graph_of(organisations=[org("h")], partnerships=[part("b")],
                 seats=[seat("s1", "b", holder="h", term_end="2025-03-31"),
                        seat("s2", "b", holder="h", term_end="2026-03-31"), seat("s3", "b", holder="h")])
    assert gaps(g, as_of=date(2025, 3, 31)).partnerships[0].expired_seats == []
    assert gaps(g, as_of=date(2025, 4, 1)).partnerships[0].expired_seats == ["s1"]
    assert gaps(g, as_of=date(2027, 1, 1)).partnerships[0].expired_seats == ["s1", "s2"]


def test_seats_without_reporting_back_and_dataset_wide_problems():
    g = graph_of(
        organisations=[org("big", "statutory"), org("lonely"), org("gone", active=False), org("m")],
        networks=[net("n")],
        partnerships=[part("b"), part("stat", "thematic")],
        memberships=[member("m", "n")],
        seats=[seat("s1", "b", holder="big", person="p"), seat("s2", "b", holder="big", person="p"),
               seat("s3", "b", holder="big"), seat("s4", "stat", "statutory", holder="big")],
        people=[{"id": "p", "name": "Ada"}],
        links=[{"source": "s1", "target": "n", "kind": "reports_back"}],
    )
    result = gaps(g, max_seats=3)
    b = next(p for p in result.partnerships if p.id == "b")
    assert b.seats_without_reporting_back == ["s2", "s3"]
    assert result.no_vcs_seats == ["stat"]
    assert result.overloaded_holders == [{"id": "big", "type": "organisation", "seats": 4}]
    assert gaps(g, max_seats=1).overloaded_holders == [{"id": "big", "type": "organisation", "seats": 4},
                                                      {"id": "p", "type": "person", "seats": 2}]
    assert result.unconnected_organisations == ["lonely"]


# ------------------------------------------------------------------ reporting back

@pytest.fixture
def reporting():
    return graph_of(
        organisations=[org("a", count=3, serves=["older"]), org("b", count=2), org("c"), org("x", active=False),
                       org("solo", serves=["youth"]), org("d")],
        communities=[com("older"), com("youth"), com("lgbt")],
        networks=[net("top"), net("mid"), net("low")],
        partnerships=[part("board"), part("thm", "thematic", feeds_into=["board"])],
        memberships=[member("mid", "top"), member("low", "mid"), member("a", "top"), member("b", "mid"),
                     member("c", "low"), member("x", "top")],
        seats=[seat("s1", "board", represents=["older"], selected_by="top", holder="a"),
               seat("s2", "board", represents=["lgbt"], selected_by="top", holder="b"),
               seat("s3", "thm", holder="solo", selected_by="solo"), seat("s4", "board", holder="c"),
               seat("s5", "board", holder="d")],
        links=[{"source": "s1", "target": "top", "kind": "reports_back"},
               {"source": "s2", "target": "top", "kind": "reports_back"},
               {"source": "s3", "target": "solo", "kind": "reports_back"}],
    )


def test_audience_distances(reporting):
    a = audience(reporting, "s1")
    assert a.reports_back_to == ["top"]
    assert [(m.id, m.distance) for m in a.audience] == [("top", 1), ("a", 2), ("b", 3), ("c", 4)]
    assert a.networks == [{"id": "mid", "distance": 2}, {"id": "low", "distance": 3}]
    assert a.total == 6
    assert a.warnings == [] and a.unserved_communities == []


def test_audience_that_does_not_serve_whom_the_seat_represents_is_warned(reporting):
    a = audience(reporting, "s2")
    assert a.unserved_communities == ["lgbt"]
    assert a.warnings == ["seat 's2' represents lgbt, but no one it reports back to serves it"]


def test_seat_with_no_route_back(reporting):
    a = audience(reporting, "s4")
    assert a.reports_back_to == [] and a.audience == [] and a.total == 0
    assert a.warnings == ["seat 's4' has no reports_back link: no recorded route back"]


def test_hearing_for_a_partnership(reporting):
    h = hearing(reporting, "board")
    assert [(o.id, o.distance, o.hears_back, o.from_seats) for o in h.organisations] == [
        ("a", 2, True, ["s1", "s2"]), ("b", 2, True, ["s1", "s2"]), ("c", 2, True, ["s1", "s2"]),
        ("d", 2, False, []), ("solo", 3, True, ["s3"])]
    assert h.feeds_in_hears_nothing == ["d"]
    assert (h.hearing_total, h.silent_total) == (7, 1)


# ------------------------------------------------------------------ planner

def test_planner_greedy_order_matters():
    """Alone, 'big' adds most organisations, but 'wide' adds more communities; after 'wide'
    is picked its communities are covered, so 'mid' (a new community) beats 'big'."""
    g = graph_of(
        organisations=[org("o1", count=50, serves=["c1"]), org("o2", count=3, serves=["c1", "c2"]),
                       org("o3", count=4, serves=["c3"]), org("o4", count=2, serves=["c2"])],
        communities=[com("c1"), com("c2"), com("c3")],
        networks=[net("big"), net("wide"), net("mid"), net("dup")],
        partnerships=[part("board")],
        memberships=[member("o1", "big"), member("o2", "wide"), member("o3", "mid"), member("o4", "dup")],
    )
    result = plan(g, "board", add=4, candidates="networks")
    assert [(p.id, p.adds_communities, p.adds_organisations) for p in result.picks] == [
        ("wide", ["c1", "c2"], 3), ("mid", ["c3"], 4), ("big", [], 50), ("dup", [], 2)]
    assert result.picks[0].explanation == "connecting wide (WIDE) adds communities c1, c2 and 3 organisations"
    assert result.before == {"organisations": 0, "unreached": ["c1", "c2", "c3"]}
    assert result.after == {"organisations": 59, "unreached": []}


def test_planner_skips_what_is_already_reached_and_what_adds_nothing():
    g = graph_of(
        organisations=[org("in", serves=["c1"]), org("out", count=7)],
        communities=[com("c1")],
        networks=[net("n"), net("empty")],
        partnerships=[part("board")],
        memberships=[member("in", "n")],
        seats=[seat("s", "board", selected_by="n")],
    )
    result = plan(g, "board", add=5)
    assert [p.id for p in result.picks] == ["out"]


def test_vcs_share_is_the_exact_quotient():
    g = graph_of(partnerships=[part("b")], seats=[seat("s1", "b"), seat("s2", "b", "statutory"),
                                                  seat("s3", "b", "elected")])
    p = gaps(g).partnerships[0]
    assert (p.seats, p.vcs_seats, p.vcs_share) == (3, 1, 1 / 3)
