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
from test_analyses import com, net, org, part, seat


def graph_in(tmp_path, tables, container):
    tmp_path.mkdir(parents=True, exist_ok=True)
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
    without = gaps_of(tmp_path / "b", gloucester(False), container, "exec")
    assert [(b.rule, b.detail) for b in without.breaches] == [
        ("required", "bme must hold at least 1 filled seat of the group 'community reps'; it holds 0")]
    assert without.required_at_group == [{"rule": "bme:1@community reps", "group": "community reps", "seats": []}]


@pytest.mark.parametrize("container", CONTAINERS)
def test_a_group_no_seat_has_is_a_warning_naming_the_groups(tmp_path, container):
    tables = gloucester(True)
    tables["partnerships"][0]["required"] = ["bme:1@community rep"]
    result = read_dataset(write_dataset(tmp_path, tables, container))
    assert result.problems == []
    assert [(w.column, w.value, w.message) for w in result.warnings] == [
        ("required", "bme:1@community rep", "no seat of 'exec' has the group 'community rep'; its groups are "
                                            "'Community Reps'")]
    tables["seats"] = [dict(s, group=None) for s in tables["seats"]]
    (tmp_path / "b").mkdir()
    result = read_dataset(write_dataset(tmp_path / "b", tables, container))
    assert [w.message for w in result.warnings] == [
        "no seat of 'exec' has the group 'community rep'; its seats have no group"]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("table,column,value,message", [
    ("seats", "role", "president", "not one of the allowed values: member, chair, vice_chair, deputy, observer"),
    ("partnerships", "min_vcs_voting_share", 1.5, "must be between 0 and 1 (a share of the seats: 0.3 means 30%)"),
    ("partnerships", "required", "bme:1@ ", "'bme:1@' is not in the form community_id:N or community_id:N@group "
                                            "(for example bme:1 or bme:1@community reps)"),
])
def test_bad_v2_cells_are_located(tmp_path, container, table, column, value, message):
    tables = gloucester(True)
    tables[table][0][column] = value
    result = read_dataset(write_dataset(tmp_path, tables, container))
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (2 if container in ("csv", "xlsx") else 1, column, message)]


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
    first = 2 if container in ("csv", "xlsx") else 1  # the header is row 1; JSON and YAML count items
    assert [(p.row, p.column, p.value, p.message) for p in result.problems] == [
        (first + 5, "deputy_of", "s2", "'s2' is a seat of partnership 'board'; a deputy must be on the same "
                                       "partnership ('other')"),
        (first + 6, "deputy_of", "dep1", "'dep1' is itself a deputy; a deputy must deputise for a place, "
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


# ------------------------------------------------------------------ reports: stale, fresh, never used

def reporting(with_reports: bool = True) -> dict:
    tables = {
        "organisations": [org("tra", count=3)] + [org(f"h{i}") for i in range(1, 5)],
        "networks": [net("forum")],
        "partnerships": [part("board"), part("exec", "executive"), part("health", "thematic")],
        "memberships": [{"member": "tra", "network": "forum"}],
        "seats": [seat("s-fresh", "board", holder="h1"), seat("s-stale", "board", holder="h2"),
                  seat("s-never", "board", holder="h3"), seat("s-nolink", "board", holder="h4"),
                  seat("h-vcs", "health")],
        "links": [{"source": "s-fresh", "target": "forum", "kind": "reports_back"},
                  {"source": "s-stale", "target": "forum", "kind": "reports_back"},
                  {"source": "s-never", "target": "forum", "kind": "reports_back"},
                  {"source": "h-vcs", "target": "exec", "kind": "reports_back"},
                  {"source": "exec", "target": "forum", "kind": "reports_back", "channel": "minutes"}],
    }
    if with_reports:
        tables["reports"] = [
            {"from": "s-fresh", "to": "forum", "date": "2025-05-01", "channel": "newsletter"},
            {"from": "s-fresh", "to": "forum", "date": "2026-01-15", "channel": "meeting"},
            {"from": "s-fresh", "to": "forum", "date": "2025-12-31", "channel": "email"},
            {"from": "s-stale", "to": "forum", "date": "2025-12-29"},
            {"from": "s-never", "to": "forum", "date": "2026-08-01", "notes": "after the as-of date"},
        ]
    return tables


AS_OF = date(2026, 6, 30)  # six months before: 2025-12-30


@pytest.mark.parametrize("container", CONTAINERS)
def test_stale_fresh_and_never_used_routes(tmp_path, container):
    p = gaps_of(tmp_path, reporting(), container, "board", as_of=AS_OF)
    assert p.stale_reporting == [{"seat": "s-stale", "last_reported": date(2025, 12, 29)}]
    assert p.never_reported == ["s-never"]
    assert p.as_dict()["stale_reporting"] == [{"seat": "s-stale", "last_reported": "2025-12-29"}]
    a_day_earlier = gaps(graph_in(tmp_path / "b", reporting(), container), "board",
                         as_of=date(2026, 6, 29)).partnerships[0]
    assert (a_day_earlier.stale_reporting, a_day_earlier.never_reported) == ([], ["s-never"])
    later = gaps(graph_in(tmp_path / "c", reporting(), container), "board", as_of=date(2026, 8, 1),
                 stale_after=3).partnerships[0]
    assert later.stale_reporting == [{"seat": "s-fresh", "last_reported": date(2026, 1, 15)},
                                     {"seat": "s-stale", "last_reported": date(2025, 12, 29)}]
    assert later.never_reported == []


@pytest.mark.parametrize("container", CONTAINERS)
def test_no_reports_table_judges_no_route(tmp_path, container):
    p = gaps_of(tmp_path, reporting(with_reports=False), container, "board", as_of=AS_OF)
    assert (p.stale_reporting, p.never_reported) == ([], [])
    empty = reporting(with_reports=False)
    empty["reports"] = []
    p = gaps(graph_in(tmp_path / "e", empty, "json"), "board", as_of=AS_OF).partnerships[0]
    assert (p.stale_reporting, p.never_reported) == ([], [])


@pytest.mark.parametrize("container", CONTAINERS)
def test_report_warnings_are_located(tmp_path, container):
    tables = reporting()
    tables["reports"].append({"from": "s-nolink", "to": "forum", "date": "2026-01-01"})
    result = read_dataset(write_dataset(tmp_path, tables, container), as_of=AS_OF)
    first = 2 if container in ("csv", "xlsx") else 1
    assert result.problems == []
    assert [(w.row, w.column, w.value, w.message) for w in result.warnings] == [
        (first + 5, "to", "forum", "'s-nolink' has no reports_back link to 'forum'; add the link, or check the report"),
        (first + 4, "date", "2026-08-01",
         "the report is dated after the as-of date (2026-06-30): it is not counted as evidence")]


def test_paths_shows_the_evidence_and_follows_a_body_reporting_to_a_body(tmp_path):
    path = write_dataset(tmp_path, reporting(), "csv")
    run = CliRunner().invoke(cli, ["paths", str(path), "--seat", "s-fresh", "--as-of", "2026-06-30",
                                   "--format", "json"])
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    assert data["evidence"] == {"reports": 3, "last_reported": "2026-01-15", "last_channel": "meeting",
                                "last_to": "forum", "in_last_year": 2, "stale": False, "never_reported": False}
    run = CliRunner().invoke(cli, ["paths", str(path), "--seat", "h-vcs", "--as-of", "2026-06-30"])
    assert run.exit_code == 0, run.output
    assert " ".join(run.stdout.split()).startswith(
        "Seat h-vcs on health reports back to exec; audience 3 organisations; no report recorded id type distance")
    data = json.loads(CliRunner().invoke(cli, ["paths", str(path), "--seat", "h-vcs", "--format", "json",
                                               "--as-of", "2026-06-30"]).stdout)
    assert data["audience"] == [{"id": "exec", "distance": 1, "type": "partnership"},
                                {"id": "tra", "distance": 3, "type": "organisation"}]
    assert data["networks"] == [{"id": "forum", "distance": 2}]
    assert data["total"] == 3
    never = CliRunner().invoke(cli, ["paths", str(path), "--seat", "s-never", "--as-of", "2026-06-30"])
    assert "warning: seat 's-never' has never reported back" in never.stderr
    assert "reports, row 6" not in never.stderr and "dated after the as-of date" in never.stderr


# ------------------------------------------------------------------ expiring terms

@pytest.mark.parametrize("container", CONTAINERS)
def test_terms_ending_within_and_beyond_expiring_within(tmp_path, container):
    tables = {
        "organisations": [org("a"), org("b"), org("c")],
        "partnerships": [part("board")],
        "seats": [seat("within", "board", holder="a", term_end="2026-03-31"),
                  seat("beyond", "board", holder="b", term_end="2026-04-02"),
                  seat("expired", "board", holder="c", term_end="2025-12-31"),
                  seat("vacant", "board", term_end="2026-02-01"),
                  seat("today", "board", holder="a", term_end="2026-01-01")],
    }
    g = graph_in(tmp_path, tables, container)
    p = gaps(g, "board", as_of=date(2026, 1, 1)).partnerships[0]
    assert (p.expiring_seats, p.expired_seats) == (["today", "within"], ["expired"])
    p = gaps(g, "board", as_of=date(2026, 1, 1), expiring_within=91).partnerships[0]
    assert p.expiring_seats == ["beyond", "today", "within"]
    p = gaps(g, "board", as_of=date(2026, 1, 1), expiring_within=0).partnerships[0]
    assert p.expiring_seats == ["today"]


def test_gaps_cli_keys_options_and_csv(tmp_path):
    path = write_dataset(tmp_path, reporting(), "csv")
    run = CliRunner().invoke(cli, ["gaps", str(path), "-p", "board", "--as-of", "2026-06-30", "--format", "json",
                                   "--stale-after", "5", "--expiring-within", "10"])
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    assert (data["stale_after"], data["expiring_within"]) == (5, 10)
    board = data["partnerships"][0]
    for key in ("voting_seats", "vcs_voting_seats", "vcs_voting_share", "non_voting_seats", "reserved_vacant",
                "expiring_seats", "stale_reporting", "never_reported"):
        assert key in board
    assert board["stale_reporting"] == [{"seat": "s-fresh", "last_reported": "2026-01-15"},
                                        {"seat": "s-stale", "last_reported": "2025-12-29"}]
    csv_run = CliRunner().invoke(cli, ["gaps", str(path), "-p", "board", "--as-of", "2026-06-30", "--format", "csv"])
    header, row = csv_run.stdout.splitlines()[:2]
    assert header.endswith("voting,vcs_voting,vcs_voting_share,non_voting,deputies,reserved_vacant,expiring,"
                           "stale_reporting,never_reported")
    assert row == "board,4,4,4,1,,,,,,s-nolink,4,4,1,,,,,s-stale (2025-12-29),s-never"
    table = CliRunner().invoke(cli, ["gaps", str(path), "-p", "board", "--as-of", "2026-06-30"]).stdout
    assert "   no report for 6 months: s-stale (last 2025-12-29)\n" in table
    assert "   never reported back: s-never\n" in table


# ------------------------------------------------------------------ exports and the template

def v2_dataset() -> dict:
    tables = reporting()
    tables["communities"] = [com("lgbt"), com("bme")]
    tables["partnerships"][0].update(required=["bme:1@Community Reps"], min_vcs_voting_share=0.4)
    tables["seats"][0].update(group="Community Reps", role="chair", represents=["bme"], selected_by="health")
    tables["seats"] += [seat("s-dep", "board", deputy_of="s-fresh", holder="h4"),
                        seat("s-obs", "board", role="observer", reserved_for=["lgbt"], voting=False)]
    return tables


@pytest.mark.parametrize("to,name", [("csv", "out"), ("xlsx", "out.xlsx")])
@pytest.mark.parametrize("container", CONTAINERS)
def test_v2_columns_and_reports_round_trip(tmp_path, container, to, name):
    source = write_dataset(tmp_path, v2_dataset(), container)
    run = CliRunner().invoke(cli, ["export", str(source), "--to", to, "-o", str(tmp_path / name)])
    assert run.exit_code == 0, run.output
    again = load_dataset(tmp_path / name, name="ds")
    assert again == load_dataset(source, name="ds")
    s_fresh = next(s for s in again.seats if s.id == "s-fresh")
    assert (s_fresh.group, s_fresh.role.value, s_fresh.selected_by) == ("Community Reps", "chair", "health")
    assert [(r.sender, r.to, r.date.isoformat()) for r in again.reports][:2] == [
        ("s-fresh", "forum", "2025-05-01"), ("s-fresh", "forum", "2026-01-15")]
    assert str(again.partnerships[0].required[0]) == "bme:1@Community Reps"


@pytest.mark.parametrize("to", ["graphml", "gexf"])
def test_graph_exports_carry_the_seat_attributes_the_map_reads(tmp_path, to):
    import networkx as nx

    source = write_dataset(tmp_path, v2_dataset())
    CliRunner().invoke(cli, ["export", str(source), "--to", to, "-o", str(tmp_path / f"g.{to}")])
    g = (nx.read_graphml if to == "graphml" else nx.read_gexf)(tmp_path / f"g.{to}")
    assert {k: g.nodes["s-dep"][k] for k in ("role", "deputy_of", "voting")} == {
        "role": "member", "deputy_of": "s-fresh", "voting": True}
    assert {k: g.nodes["s-obs"][k] for k in ("role", "reserved_for", "voting")} == {
        "role": "observer", "reserved_for": "lgbt", "voting": False}
    assert g.nodes["s-fresh"]["group"] == "Community Reps"
    edge = next(d for u, v, d in g.edges(data=True) if (u, v) == ("s-fresh", "forum") and d["kind"] == "reports_back")
    assert (edge["reports"], edge["last_reported"]) == (3, "2026-01-15")
    assert any((u, v) == ("health", "s-fresh") and d["kind"] == "selects" for u, v, d in g.edges(data=True))


def test_popolo_export_names_roles_and_the_selecting_partnership(tmp_path):
    source = write_dataset(tmp_path, v2_dataset())
    CliRunner().invoke(cli, ["export", str(source), "--to", "popolo", "-o", str(tmp_path / "p.json")])
    doc = json.loads((tmp_path / "p.json").read_text())
    posts = {p["id"]: p["label"] for p in doc["posts"]}
    assert (posts["s-fresh"], posts["s-dep"], posts["s-obs"], posts["s-stale"]) == (
        "chair, vcs seat on BOARD", "deputy for s-fresh, vcs seat on BOARD", "observer, vcs seat on BOARD",
        "vcs seat on BOARD")
    holder = next(m for m in doc["memberships"] if m.get("post_id") == "s-fresh")
    assert (holder["on_behalf_of_id"], holder["label"]) == ("health", "chair")


def test_the_template_has_the_new_columns_a_role_drop_down_and_a_reports_sheet(tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "t.xlsx"
    assert CliRunner().invoke(cli, ["template", "-o", str(target)]).exit_code == 0
    book = load_workbook(target)
    header = [c.value for c in book["seats"][1]]
    assert header[-4:] == ["group", "reserved_for", "role", "deputy_of"]
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("role")]
    rules = [v for v in book["seats"].data_validations.dataValidation if str(v.sqref).startswith(column + "2")]
    assert [r.formula1 for r in rules] == ['"member,chair,vice_chair,deputy,observer"']
    assert [c.value for c in book["reports"][1]] == ["from", "to", "date", "channel", "notes"]
    assert "min_vcs_voting_share" in [c.value for c in book["partnerships"][1]]
    result = read_dataset(target)
    assert result.problems == [] and len(result.dataset.reports) == 0


def test_popolo_export_of_v2_rows_is_valid_against_the_official_schemas(tmp_path):
    from test_exporting import popolo_validators

    validators = popolo_validators()
    source = write_dataset(tmp_path, v2_dataset())
    CliRunner().invoke(cli, ["export", str(source), "--to", "popolo", "-o", str(tmp_path / "p.json")])
    doc = json.loads((tmp_path / "p.json").read_text())
    for key, schema in (("posts", "post"), ("memberships", "membership"), ("organizations", "organization")):
        for item in doc[key]:
            assert list(validators[schema].iter_errors(item)) == [], item


def test_served_communities_travel_round_a_selection_cycle(tmp_path):
    """The board selects a seat on the CSP, which feeds into the board: a cycle of reach edges."""
    tables = {
        "organisations": [org("faith-group", serves=["faith"]), org("victims-group", serves=["victims"])],
        "networks": [net("faith-forum")],
        "communities": [com("faith"), com("victims"), com("youth")],
        "partnerships": [part("board"), part("csp", "thematic", feeds_into=["board"])],
        "memberships": [{"member": "faith-group", "network": "faith-forum"}],
        "seats": [seat("csp-board-rep", "csp", selected_by="board"), seat("csp-vcs", "csp", holder="victims-group"),
                  seat("board-vcs", "board", selected_by="faith-forum")],
    }
    g = graph_in(tmp_path, tables, "json")
    result = {p.id: p.unreached for p in gaps(g).partnerships}
    assert result == {"board": ["youth"], "csp": ["youth"]}
    assert [o.id for o in reach(g, "csp").organisations] == ["victims-group", "faith-group"]


def test_route_states_for_the_map(tmp_path):
    from graphmodel.reporting import route_states

    g = graph_in(tmp_path, reporting(), "csv")
    assert route_states(g, as_of=AS_OF) == {
        ("exec", "forum"): "never", ("h-vcs", "exec"): "never", ("s-fresh", "forum"): "fresh",
        ("s-never", "forum"): "never", ("s-stale", "forum"): "stale"}
    assert route_states(graph_in(tmp_path / "n", reporting(with_reports=False), "csv"), as_of=AS_OF) == {}
