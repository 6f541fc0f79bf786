"""FORMAT.md section 5 (version 2) on small hand-built datasets, in all four containers,
with exact expected results; and the ``funds`` bug of issue 13 in ``gaps``."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from graphmodel import build_graph, gaps, load_dataset, reach
from graphmodel.cli import cli
from graphmodel.load import read_dataset

from helpers import CONTAINERS, write_dataset


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


def graph_in(tmp_path, tables, container):
    return build_graph(load_dataset(write_dataset(tmp_path, tables, container)))


def gaps_of(tmp_path, tables, container, partnership, **kw):
    return gaps(graph_in(tmp_path, tables, container), partnership, **kw).partnerships[0]


# ------------------------------------------------------------------ issue 13: funds is no reach edge

def test_a_funder_s_serves_is_not_credited_to_the_network_it_funds(tmp_path):
    tables = {
        "organisations": [org("funder", serves=["faith"]), org("tra", serves=["tenants"])],
        "networks": [net("net")],
        "communities": [com("faith"), com("tenants")],
        "partnerships": [part("board")],
        "memberships": [{"member": "tra", "network": "net"}],
        "seats": [seat("s1", "board", selected_by="net")],
        "links": [{"source": "funder", "target": "net", "kind": "funds", "amount": 1000}],
    }
    g = graph_in(tmp_path, tables, "csv")
    assert reach(g, "board").communities == ["tenants"]
    assert gaps(g, "board").partnerships[0].unreached == ["faith"]


# ------------------------------------------------------------------ Gloucester: required bme:1@community reps

def gloucester(bme_rep: bool) -> dict:
    """Six community reps (one BME when ``bme_rep``) and a standing Race Equality Council seat for BME."""
    reps = [seat(f"rep{i}", "exec", group="Community Reps " if i % 2 else "community reps", holder=f"g{i}",
                 represents=["youth"]) for i in range(1, 7)]
    if bme_rep:
        reps[2]["represents"] = ["bme", "youth"]
    return {
        "organisations": [org("rec", serves=["bme"])] + [org(f"g{i}") for i in range(1, 7)],
        "communities": [com("bme"), com("black-african", part_of="bme"), com("youth")],
        "partnerships": [part("exec", "executive", required=["bme:1@community reps", "bme:1"])],
        "seats": [seat("rec-seat", "exec", holder="rec", method="standing", represents=["bme"])] + reps,
    }


@pytest.mark.parametrize("container", CONTAINERS)
def test_gloucester_bme_rule_counts_only_the_community_reps(tmp_path, container):
    with_rep = gaps_of(tmp_path, gloucester(True), container, "exec")
    assert with_rep.breaches == []
    assert with_rep.required_at_group == [{"rule": "bme:1@community reps", "group": "community reps",
                                           "seats": ["rep3"]}]
    (tmp_path / "b").mkdir()
    without = gaps_of(tmp_path / "b", gloucester(False), container, "exec")
    assert [(b.rule, b.detail) for b in without.breaches] == [
        ("required", "bme must hold at least 1 filled seat of the group 'community reps'; it holds 0")]
    assert without.required_at_group == [{"rule": "bme:1@community reps", "group": "community reps", "seats": []}]


def test_a_group_no_seat_has_is_a_warning_naming_the_groups(tmp_path):
    tables = gloucester(True)
    tables["partnerships"][0]["required"] = ["bme:1@community rep"]
    result = read_dataset(write_dataset(tmp_path, tables))
    assert result.problems == []
    assert [str(w) for w in result.warnings] == [
        "partnerships.csv, row 2, column required, value 'bme:1@community rep': no seat of 'exec' has the group "
        "'community rep'; its groups are 'Community Reps'"]


# ------------------------------------------------------------------ deputies

def deputies() -> dict:
    return {
        "organisations": [org("a", serves=["older"]), org("b"), org("c", "statutory"), org("d", serves=["faith"]),
                          org("e", serves=["faith"])],
        "communities": [com("older"), com("faith")],
        "partnerships": [part("board", size_max=3, required=["faith:1"], min_vcs_share=0.6)],
        "seats": [seat("s1", "board", holder="a"), seat("s2", "board", holder="b"),
                  seat("s3", "board", "statutory", holder="c"),
                  seat("dep1", "board", holder="d", deputy_of="s1", represents=["faith"]),
                  seat("pool1", "board", holder="e", role="deputy", represents=["faith"])],
    }


@pytest.mark.parametrize("container", CONTAINERS)
def test_deputies_count_in_no_total_or_rule_but_their_holders_reach(tmp_path, container):
    g = graph_in(tmp_path, deputies(), container)
    p = gaps(g, "board").partnerships[0]
    assert (p.seats, p.filled, p.vcs_seats, p.vcs_share, p.voting_seats) == (3, 3, 2, 2 / 3, 3)
    assert p.deputy_seats == ["dep1", "pool1"]
    assert [(b.rule, b.detail) for b in p.breaches] == [
        ("required", "faith must hold at least 1 filled seat; it holds 0")]
    assert p.represented == [] and p.unrepresented == ["faith", "older"] and p.unreached == []
    assert [(o.id, o.distance) for o in reach(g, "board").organisations] == [
        ("a", 2), ("b", 2), ("c", 2), ("d", 2), ("e", 2)]


def test_deputies_would_break_size_max_if_counted(tmp_path):
    tables = deputies()
    tables["seats"][3].pop("deputy_of")  # dep1 becomes a place: four places for at most three
    p = gaps_of(tmp_path, tables, "csv", "board")
    assert (p.seats, [b.rule for b in p.breaches]) == (4, ["size_max"])


@pytest.mark.parametrize("container", CONTAINERS)
def test_deputy_errors_are_located(tmp_path, container):
    tables = deputies()
    tables["partnerships"].append(part("other"))
    tables["seats"] += [seat("x1", "other", deputy_of="s2"), seat("x2", "board", deputy_of="dep1")]
    result = read_dataset(write_dataset(tmp_path, tables, container))
    assert [(p.row, p.column, p.value, p.message) for p in result.problems] == [
        (7, "deputy_of", "s2", "'s2' is a seat of partnership 'board'; a deputy must be on the same partnership "
                               "('other')"),
        (8, "deputy_of", "dep1", "'dep1' is itself a deputy; a deputy must deputise for a place, "
                                 "not for another deputy")] if container in ("csv", "xlsx") else [
        (6, "deputy_of", "s2", "'s2' is a seat of partnership 'board'; a deputy must be on the same partnership "
                               "('other')"),
        (7, "deputy_of", "dep1", "'dep1' is itself a deputy; a deputy must deputise for a place, "
                                 "not for another deputy")]


# ------------------------------------------------------------------ voting and observers

def observers() -> dict:
    return {
        "organisations": [org("v1"), org("v2"), org("st1", "statutory"), org("st2", "statutory")],
        "partnerships": [part("board", min_vcs_share=0.5, min_vcs_voting_share=0.5)],
        "seats": [seat("vcs-a", "board", holder="v1"), seat("vcs-obs", "board", holder="v2", role="Observer"),
                  seat("council", "board", "statutory", holder="st1"),
                  seat("police", "board", "statutory", holder="st2", role="vice_chair")],
    }


@pytest.mark.parametrize("container", CONTAINERS)
def test_an_observer_changes_the_vcs_voting_share_but_not_the_vcs_share(tmp_path, container):
    p = gaps_of(tmp_path, observers(), container, "board")
    assert (p.seats, p.vcs_seats, p.vcs_share) == (4, 2, 0.5)
    assert (p.voting_seats, p.vcs_voting_seats, p.vcs_voting_share) == (3, 1, 1 / 3)
    assert p.non_voting_seats == ["vcs-obs"]
    assert [(b.rule, b.detail) for b in p.breaches] == [
        ("min_vcs_voting_share", "1 of 3 voting seats (33.3%) are VCS seats; the agreed minimum is 50%")]


def test_a_vcs_member_seat_without_a_vote_counts_as_non_voting(tmp_path):
    tables = observers()
    tables["seats"][1]["role"] = "member"
    tables["seats"][0]["voting"] = False
    p = gaps_of(tmp_path, tables, "csv", "board")
    assert (p.voting_seats, p.vcs_voting_seats, p.non_voting_seats) == (3, 1, ["vcs-a"])
    tables["seats"][0]["voting"] = True
    (tmp_path / "x").mkdir()
    p = gaps_of(tmp_path / "x", tables, "csv", "board")
    assert (p.voting_seats, p.vcs_voting_share, p.non_voting_seats, p.breaches) == (4, 0.5, [], [])


# ------------------------------------------------------------------ reserved places

@pytest.mark.parametrize("container", CONTAINERS)
def test_two_vacant_reserved_places_are_gaps(tmp_path, container):
    tables = {
        "organisations": [org("lgbt-group"), org("x", serves=["bme"])],
        "communities": [com("lgbt"), com("disabled"), com("bme")],
        "partnerships": [part("lsp")],
        "seats": [seat("place-1", "lsp", reserved_for=["lgbt"], holder="lgbt-group", represents=["lgbt"]),
                  seat("place-2", "lsp", reserved_for=["disabled"]),
                  seat("place-3", "lsp", reserved_for=["bme", "lgbt"]),
                  seat("place-4", "lsp")],
    }
    p = gaps_of(tmp_path, tables, container, "lsp")
    assert p.reserved_vacant == [{"seat": "place-2", "reserved_for": ["disabled"]},
                                 {"seat": "place-3", "reserved_for": ["bme", "lgbt"]}]
    assert p.vacant_seats == ["place-2", "place-3", "place-4"]


@pytest.mark.parametrize("container", CONTAINERS)
def test_reserved_for_must_name_a_community(tmp_path, container):
    tables = {"organisations": [org("a")], "partnerships": [part("lsp")], "communities": [com("lgbt")],
              "seats": [seat("place-1", "lsp", reserved_for=["lgbt", "a"])]}
    result = read_dataset(write_dataset(tmp_path, tables, container))
    assert [(p.column, p.value, p.message) for p in result.problems] == [
        ("reserved_for", "a", "'a' is an organisation, not a community")]


# ------------------------------------------------------------------ a partnership selects

def csp() -> dict:
    return {
        "organisations": [org("police", "statutory"), org("victim-support", serves=["victims"]),
                          org("youth-club", serves=["youth"]), org("council", "statutory")],
        "networks": [net("safer-forum")],
        "communities": [com("victims"), com("youth")],
        "partnerships": [part("board"), part("csp", "thematic")],
        "memberships": [{"member": "youth-club", "network": "safer-forum"}],
        "seats": [seat("csp-vcs", "csp", holder="victim-support"),
                  seat("csp-police", "csp", "statutory", holder="police"),
                  seat("board-crime", "board", "statutory", selected_by="csp", method="nominated", holder="police"),
                  seat("board-council", "board", "statutory", holder="council")],
        "links": [{"source": "safer-forum", "target": "csp", "kind": "feeds_into"}],
    }


@pytest.mark.parametrize("container", CONTAINERS)
def test_a_csp_selecting_the_board_s_crime_rep_brings_its_members_into_the_board_s_reach(tmp_path, container):
    g = graph_in(tmp_path, csp(), container)
    assert g.edges["csp", "board-crime", "selects"] == {"kind": "selects", "method": "nominated"}
    r = reach(g, "board")
    assert [(o.id, o.distance) for o in r.organisations] == [
        ("council", 2), ("police", 2), ("victim-support", 4), ("youth-club", 4)]
    assert r.communities == ["victims", "youth"]
    board = gaps(g, "board").partnerships[0]
    assert (board.unrepresented, board.unreached) == (["victims", "youth"], [])


def test_without_the_selection_the_csp_s_members_are_out_of_reach(tmp_path):
    tables = csp()
    tables["seats"][2].pop("selected_by")
    g = graph_in(tmp_path, tables, "csv")
    assert [o.id for o in reach(g, "board").organisations] == ["council", "police"]
    assert gaps(g, "board").partnerships[0].unreached == ["victims", "youth"]
