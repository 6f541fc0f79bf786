"""Planning for representation: goals, the VCS constraint, budgets, reserved places (issue 16)."""

import json

import pytest
from click.testing import CliRunner

from graphmodel import Dataset, build_graph, plan
from graphmodel.cli import cli
from graphmodel.planning import reserved_places
from helpers import write_dataset


def org(id, sector="vcs", **kw):
    return {"id": id, "name": id.upper(), "sector": sector, **kw}


def net(id, led_by="vcs", **kw):
    return {"id": id, "name": id.upper(), "led_by": led_by, **kw}


def com(id, **kw):
    return {"id": id, "name": id.upper(), **kw}


TABLES = {
    "organisations": [org("refugee-action", count=2, serves=["refugees"]), org("big-charity", count=40,
                                                                               serves=["older"]),
                      org("deaf-club", serves=["deaf"]), org("council", "statutory", count=1, serves=["youth"]),
                      org("inside", serves=["tenants"])],
    "communities": [com("refugees", population=3000), com("older", population=500), com("deaf"),
                    com("youth", population=9000), com("tenants"), com("bme"), com("roma", part_of="bme")],
    "networks": [net("refugee-forum"), net("older-forum"), net("deaf-forum"), net("youth-board", "statutory"),
                 net("cen")],
    "partnerships": [{"id": "board", "name": "The Board", "level": "board"}],
    "memberships": [{"member": "refugee-action", "network": "refugee-forum"},
                    {"member": "big-charity", "network": "older-forum"},
                    {"member": "deaf-club", "network": "deaf-forum"},
                    {"member": "council", "network": "youth-board"},
                    {"member": "inside", "network": "cen"}],
    "seats": [{"id": "cen-seat", "partnership": "board", "sector": "vcs", "selected_by": "cen", "holder": "inside",
               "represents": ["tenants"]}],
}


@pytest.fixture
def graph():
    return build_graph(Dataset(**TABLES))


def picks(result):
    return [(p.id, p.adds_communities, p.adds_organisations, p.adds_population) for p in result.picks]


def test_goal_communities_weighs_by_population(graph):
    result = plan(graph, "board", candidates="networks", add=None)
    assert picks(result) == [("youth-board", ["youth"], 1, 9000), ("refugee-forum", ["refugees"], 2, 3000),
                             ("older-forum", ["older"], 40, 500), ("deaf-forum", ["deaf"], 1, 0)]
    assert result.picks[0].explanation == ("connecting youth-board (YOUTH-BOARD) adds community youth "
                                           "(9,000 people) and 1 organisation")
    assert result.stopped == "nothing to add"
    assert result.after["unreached"] == ["bme", "roma"]


def test_goal_organisations(graph):
    result = plan(graph, "board", candidates="networks", goal="organisations", add=2)
    assert [p.id for p in result.picks] == ["older-forum", "refugee-forum"]
    assert result.stopped == "add"


def test_sector_vcs_leaves_out_statutory_candidates(graph):
    result = plan(graph, "board", candidates="networks", sector="vcs", add=None)
    assert [p.id for p in result.picks] == ["refugee-forum", "older-forum", "deaf-forum"]
    orgs = plan(graph, "board", candidates="organisations", sector="vcs", add=None)
    assert "council" not in [p.id for p in orgs.picks]


def test_no_vcs_candidate():
    g = build_graph(Dataset(
        organisations=[org("council", "statutory", serves=["youth"])], communities=[com("youth")],
        networks=[net("youth-board", "statutory")],
        partnerships=[{"id": "board", "name": "The Board", "level": "board"}],
        memberships=[{"member": "council", "network": "youth-board"}]))
    result = plan(g, "board", sector="vcs")
    assert result.picks == [] and result.stopped == "no candidates"
    assert result.note == "No VCS network or organisation outside the reach of board could be connected."
    assert [p.id for p in plan(g, "board").picks] == ["youth-board"]


def test_budget_exhausted(graph):
    result = plan(graph, "board", candidates="networks", sector="vcs", add=None, budget=25000,
                  cost_per_network=10000)
    assert [p.id for p in result.picks] == ["refugee-forum", "older-forum"]
    assert (result.spent, result.stopped) == (20000, "budget")
    assert result.picks[1].explanation.endswith("for 10,000 (20,000 of 25,000 spent)")
    assert result.note == ("The budget is spent after 2 picks (20,000 of 25,000); other candidates would "
                           "still add voice.")
    # add still caps the picks when it is smaller
    assert len(plan(graph, "board", candidates="networks", add=1, budget=25000, cost_per_network=10000).picks) == 1
    # a budget that buys nothing
    assert plan(graph, "board", budget=5000, cost_per_network=10000, add=None).picks == []


def test_budget_needs_a_cost(graph):
    with pytest.raises(ValueError, match="both a budget and a cost"):
        plan(graph, "board", budget=1000)


# ------------------------------------------------------------------ reserved places

def reserved_graph(**extra):
    tables = {k: list(v) for k, v in TABLES.items()}
    tables["seats"] = tables["seats"] + [
        {"id": "r1", "partnership": "board", "sector": "vcs", "reserved_for": ["refugees", "older"],
         "selected_by": "cen"},
        {"id": "r2", "partnership": "board", "sector": "vcs", "reserved_for": ["refugees"], "selected_by": "cen"},
        {"id": "r3", "partnership": "board", "sector": "vcs", "reserved_for": ["bme"], "selected_by": "cen"},
        {"id": "r4", "partnership": "board", "sector": "vcs", "reserved_for": ["deaf"], "holder": "deaf-club"},
        {"id": "dep", "partnership": "board", "sector": "vcs", "reserved_for": ["older"], "deputy_of": "cen-seat"},
    ]
    for k, v in extra.items():
        tables[k] = tables[k] + v
    return build_graph(Dataset(**tables))


def test_reserved_places_with_and_without_a_suitable_holder():
    result = reserved_places(reserved_graph(), "board")
    assert [p.seat for p in result.places] == ["r1", "r2", "r3"]  # r4 is filled, dep is a deputy
    r1, r2, r3 = result.places
    assert r1.communities == ["refugees", "older"]  # most people first
    # one gap each; refugees has more people
    assert [(h.id, h.closes, h.reaches) for h in r1.candidates] == [("refugee-action", ["refugees"], False),
                                                                    ("big-charity", ["older"], False)]
    assert r1.explanation == ("Seat r1, reserved for refugees, older: REFUGEE-ACTION (refugee-action) would close "
                              "1 gap (refugees).")
    assert r1.candidates[0].explanation == (
        "REFUGEE-ACTION (refugee-action) would give a voice to refugees, unrepresented on The Board, and does not reach "
        "The Board yet, so holding the place would also connect it.")
    # refugees is given to r1's proposal, so r2 has no gap left to close
    assert r2.candidates == [] and r2.communities == []
    assert r2.explanation == ("Seat r2, reserved for refugees: those communities are already represented on "
                              "The Board (or given to another reserved place).")
    # nobody serves bme or roma: no suitable holder
    assert r3.candidates == [] and r3.communities == ["bme", "roma"]
    assert r3.explanation == ("Seat r3, reserved for bme: no organisation on record serves bme, roma; "
                              "CEN (cen), which selects the holder, would have to reach out.")
    assert result.still_unrepresented == ["bme", "deaf", "older", "roma", "youth"]


def test_reserved_place_prefers_a_holder_already_in_the_reach():
    g = reserved_graph(organisations=[org("roma-project", serves=["roma"]), org("roma-inside", serves=["roma"])],
                       memberships=[{"member": "roma-inside", "network": "cen"}])
    r3 = reserved_places(g, "board").places[2]
    assert [(h.id, h.reaches, h.closes) for h in r3.candidates] == [("roma-inside", True, ["roma"]),
                                                                    ("roma-project", False, ["roma"])]
    assert r3.candidates[0].explanation.endswith("and already reaches The Board.")


def test_reserved_place_already_represented():
    g = build_graph(Dataset(
        organisations=[org("a", serves=["older"])], communities=[com("older")],
        partnerships=[{"id": "board", "name": "The Board", "level": "board"}],
        seats=[{"id": "s", "partnership": "board", "sector": "vcs", "holder": "a", "represents": ["older"]},
               {"id": "r", "partnership": "board", "sector": "vcs", "reserved_for": ["older"]}]))
    place = reserved_places(g, "board").places[0]
    assert place.candidates == [] and place.communities == []
    assert "already represented" in place.explanation


# ------------------------------------------------------------------ command line

@pytest.fixture
def dataset(tmp_path):
    return write_dataset(tmp_path, TABLES)


def test_cli_plan_budget_and_sector(dataset):
    out = CliRunner().invoke(cli, ["plan", str(dataset), "-p", "board", "--candidates", "networks", "--sector", "vcs",
                                   "--budget", "25000", "--cost-per-network", "10000", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert [p["id"] for p in data["picks"]] == ["refugee-forum", "older-forum"]
    assert data["stopped"] == "budget"
    table = CliRunner().invoke(cli, ["plan", str(dataset), "-p", "board", "--goal", "organisations"])
    assert table.output.splitlines()[0] == "Plan for board: 4 pick(s)"
    assert table.output.splitlines()[3].startswith("1     older-forum")
    half = CliRunner().invoke(cli, ["plan", str(dataset), "-p", "board", "--budget", "100"])
    assert half.exit_code == 2 and "--budget and --cost-per-network together" in half.output


def test_cli_plan_reserved(tmp_path):
    tables = {k: list(v) for k, v in TABLES.items()}
    tables["seats"] = tables["seats"] + [{"id": "r3", "partnership": "board", "sector": "vcs",
                                          "reserved_for": ["refugees"], "selected_by": "cen"}]
    path = write_dataset(tmp_path, tables)
    out = CliRunner().invoke(cli, ["plan", str(path), "-p", "board", "--reserved"])
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    assert "Vacant reserved places on board: 1" in text
    assert "Seat r3, reserved for refugees: REFUGEE-ACTION (refugee-action) would close 1 gap (refugees)." in text
    csv = CliRunner().invoke(cli, ["plan", str(path), "-p", "board", "--reserved", "--format", "csv"]).output
    assert csv.splitlines() == ["seat,reserved_for,communities,candidate,reaches,closes",
                                "r3,refugees,refugees,refugee-action,no,refugees"]
