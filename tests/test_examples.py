"""The example datasets built from the seed documents, and the key figures each source gives.

Figures are read from the commands' JSON (through click's CliRunner) or from the library,
at a fixed ``--as-of`` so no answer depends on today's date. Where a test changes an example
(Gloucester's BME community rep) it works on a copy in a temporary folder.
"""

import csv
import json
import re
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel import load_dataset, read_dataset, summary
from graphmodel.cli import cli

ROOT = Path(__file__).resolve().parent.parent

EXAMPLES = ["devon", "gloucester", "hackney", "herefordshire", "islington", "lambeth", "manchester"]
AS_OF = "2002-03-01"  # the case studies describe the partnerships in early 2002


def run_json(*args) -> dict:
    result = CliRunner().invoke(cli, [*map(str, args), "--format", "json", "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def gaps_of(dataset, partnership: str) -> tuple[dict, dict]:
    """The gaps of one partnership, and the whole answer (for the dataset-wide keys)."""
    answer = run_json("gaps", dataset, "--partnership", partnership)
    (entry,) = answer["partnerships"]
    assert entry["id"] == partnership
    return entry, answer


def reach_of(dataset, partnership: str) -> dict:
    return run_json("reach", dataset, "--partnership", partnership)


def edit_csv(path, row_id: str, **changes) -> None:
    """Change some cells of the row whose id (first column) is ``row_id``, in place."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    hits = [r for r in rows if r["id"] == row_id]
    assert len(hits) == 1, row_id
    hits[0].update(changes)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def seats_of(ds, partnership: str):
    return [s for s in ds.seats if s.partnership == partnership]


SEED = {"hackney": "001_01589a4782bbe5a7", "islington": "000_8e1ed46ecfec8e69"}  # the others: the LGA note
SEEDS = next((d for d in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds") if d.is_dir()),
             None)


def _letters(text: str) -> str:
    """Text reduced to letters and digits, without the LGA note's running page footers."""
    text = re.sub(r"[\d ]*learning from \S+ strategic partnerships", " ", text, flags=re.I)
    return re.sub(r"[^a-z0-9]+", "", text.lower())


# --- every example -----------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_is_valid_without_warnings(examples_dir, name):
    result = read_dataset(examples_dir / name)
    assert result.problems == [] and result.warnings == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_has_a_readme_citing_its_source(examples_dir, name):
    text = (examples_dir / name / "README.md").read_text(encoding="utf-8")
    seed = SEED.get(name, "002_87b615fcf4dc578b")
    assert seed in text and ("## Assumed" in text or "What we assumed" in text)


@pytest.mark.skipif(SEEDS is None, reason="the seed documents (shared/seeds) are not beside the project")
@pytest.mark.parametrize("name", ["devon", "gloucester", "herefordshire", "lambeth", "manchester"])
def test_readme_quotations_are_in_the_source(examples_dir, name):
    """Every quotation in the README's table of facts is the case study's own words."""
    source = _letters((SEEDS / f"{SEED.get(name, '002_87b615fcf4dc578b')}.txt").read_text(encoding="utf-8"))
    rows = [line for line in (examples_dir / name / "README.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ")]
    quotes = [q for line in rows for q in re.findall(r'"([^"]+)"', line)]
    assert len(quotes) >= 6
    for quote in quotes:
        for part in quote.split("..."):
            assert _letters(part) in source, (name, part)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_row_with_notes_cites_a_source_or_says_assumed(examples_dir, name):
    """Rows of the tables that have a notes column are never silent about where they come from."""
    for table in ("organisations", "networks", "partnerships", "communities", "seats", "links"):
        path = examples_dir / name / f"{table}.csv"
        if not path.exists():
            continue
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                assert row["notes"].strip(), (name, table, row)


@pytest.mark.parametrize("name", EXAMPLES)
def test_without_a_reports_table_no_route_is_judged(examples_dir, name):
    """No source gives a dated report, so no example has a reports table: nothing is stale or never used."""
    assert not (examples_dir / name / "reports.csv").exists()
    answer = run_json("gaps", examples_dir / name)
    for entry in answer["partnerships"]:
        assert entry["stale_reporting"] == [] and entry["never_reported"] == []


@pytest.mark.parametrize("to", ["xlsx", "csv"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_round_trips_through_export(examples_dir, tmp_path, name, to):
    """The version 2 columns (group, reserved_for, role, deputy_of) and body-to-body links survive export."""
    target = tmp_path / (f"{name}.xlsx" if to == "xlsx" else name)
    result = CliRunner().invoke(cli, ["export", str(examples_dir / name), "--to", to, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert load_dataset(target, name=name) == load_dataset(examples_dir / name)


# --- Gloucester ----------------------------------------------------------------------------


def test_gloucester_executive_composition(examples_dir):
    ds = load_dataset(examples_dir / "gloucester")
    executive = next(p for p in ds.partnerships if p.id == "executive")
    assert (executive.size_min, executive.size_max) == (12, 17)
    assert [str(r) for r in executive.required] == ["bme:1@community reps"]
    seats = seats_of(ds, "executive")
    assert sorted(s.id for s in seats if s.group == "community reps") == [f"exec-community-{i}" for i in range(1, 7)]
    assert {s.holder for s in seats if s.method and s.method.value == "standing"} == {"gloucester-cvs",
                                                                                       "race-equality-council"}
    roles = {s.id: s.role.value for s in seats if s.role.value != "member"}
    assert roles == {"exec-chair": "chair", "exec-community-2": "vice_chair"}
    by_id = {s.id: s for s in seats}
    assert by_id["exec-chair"].sector.value == "elected" and by_id["exec-community-2"].sector.value == "vcs"
    entry, _ = gaps_of(examples_dir / "gloucester", "executive")
    assert (entry["seats"], entry["filled"], entry["vcs_seats"]) == (13, 13, 8)
    assert entry["breaches"] == []


def test_gloucester_bme_rule_is_breached_only_when_no_community_rep_is_bme(examples_dir, tmp_path):
    copy = tmp_path / "gloucester"
    shutil.copytree(examples_dir / "gloucester", copy)
    edit_csv(copy / "seats.csv", "exec-community-1", represents="young-people")
    entry, _ = gaps_of(copy, "executive")
    # the Race Equality Council's standing seat still represents bme on the executive ...
    assert "bme" in entry["represented"]
    # ... but it is not a community rep, so the rule the partnership agreed is breached
    assert [b["rule"] for b in entry["breaches"]] == ["required"]
    assert "community reps" in entry["breaches"][0]["detail"]
    # a rep for a narrower community (hindu is part_of bme) does not speak for bme as a whole ...
    edit_csv(copy / "seats.csv", "exec-community-4", represents="hindu")
    entry, _ = gaps_of(copy, "executive")
    assert [b["rule"] for b in entry["breaches"]] == ["required"]
    # ... a BME community rep again (any of the six) satisfies it
    edit_csv(copy / "seats.csv", "exec-community-4", represents="bme")
    entry, _ = gaps_of(copy, "executive")
    assert entry["breaches"] == []


def test_gloucester_executive_reports_back_to_the_partnership(examples_dir):
    ds = load_dataset(examples_dir / "gloucester")
    reports = {(link.source, link.target) for link in ds.links if link.kind.value == "reports_back"}
    assert ("executive", "gloucester-partnership") in reports
    assert ("gloucester-partnership", "cvs-networks") in reports
    entry, _ = gaps_of(examples_dir / "gloucester", "executive")
    assert entry["seats_without_reporting_back"] == []


# --- Hackney -------------------------------------------------------------------------------


def test_hackney_holds_the_1900_vcs_organisations(examples_dir):
    ds = load_dataset(examples_dir / "hackney")
    placeholders = [o for o in ds.organisations if o.kind == "placeholder"]
    assert len(placeholders) == 5
    assert sum(o.count for o in placeholders) == 1900
    assert {p.id for p in ds.partnerships if p.level.value == "board"} == {"th-board"}
    assert "cen" in {n.id for n in ds.networks}
    answer = reach_of(examples_dir / "hackney", "th-board")
    assert answer["total"] == 1937
    assert answer["by_sector"] == {"private": 1, "statutory": 10, "vcs": 1926}


SLIDE_14_BODIES = ["Chattam Pilot", "Community Investment", "Strategic Commissioning", "Communications",
                   "Engagement", "Advice Strategy", "Asset Management", "Service First", "Board Champions",
                   "Compact", "PCG", "LAA NRF", "PALS", "CEN Executive", "Grants Panel"]


def test_hackney_accounts_for_every_body_of_slides_13_and_14(examples_dir):
    """Each body named in issue 15 is in the data or has a README row saying why it is left out."""
    ds = load_dataset(examples_dir / "hackney")
    names = {p.name.lower() for p in ds.partnerships} | {n.name.lower() for n in ds.networks}
    readme = (examples_dir / "hackney" / "README.md").read_text(encoding="utf-8")
    rows = {m.group(1).strip().lower(): m.group(2).strip() for m in
            re.finditer(r"^\| ([^|]+?)(?: \(slide 13\))? \| ([^|]+) \|", readme, re.M)}
    left_out = {name for name, where in rows.items() if where == "left out"}
    for body in SLIDE_14_BODIES:
        key = body.lower()
        assert key in rows, body
        assert (key in left_out) != any(key in n for n in names), body
    assert left_out == {"chattam pilot", "service first", "board champions", "compact", "pcg", "laa nrf"}


def test_hackney_new_bodies_and_rep_groups(examples_dir):
    ds = load_dataset(examples_dir / "hackney")
    groups = {s.id: s.group for s in ds.seats if s.selected_by == "cen"}
    assert [i for i, g in groups.items() if g == "board reps" and i.startswith("th-board")] == \
        ["th-board-cen-1", "th-board-cen-2", "th-board-cen-3"]
    entry, answer = gaps_of(examples_dir / "hackney", "cen-executive")
    assert (entry["seats"], entry["vcs_seats"], entry["filled"]) == (8, 8, 8)
    new_subgroups = {"community-investment", "strategic-commissioning", "communications", "engagement",
                     "advice-strategy", "asset-management", "cen-grants-panel"}
    assert new_subgroups <= set(answer["no_vcs_seats"])
    assert len(answer["no_vcs_seats"]) == 17
    board, _ = gaps_of(examples_dir / "hackney", "th-board")
    assert (board["seats"], board["filled"], board["vcs_seats"]) == (9, 9, 3)
    assert board["unreached"] == ["faith", "woodberry-down"]


# --- Islington -----------------------------------------------------------------------------


def test_islington_has_ten_vcs_seats_elected_via_the_community_network(examples_dir):
    ds = load_dataset(examples_dir / "islington")
    vcs = [s for s in seats_of(ds, "isp-board") if s.sector.value == "vcs"]
    assert len(vcs) == 10 and {s.selected_by for s in vcs} == {"icn"}
    assert {s.method.value for s in vcs} == {"elected"}
    assert summary(ds).organisations_by_sector["vcs"] == 1000
    assert reach_of(examples_dir / "islington", "isp-board")["by_sector"]["vcs"] == 1000


def test_islington_network_committee_of_25_holds_the_ten(examples_dir):
    ds = load_dataset(examples_dir / "islington")
    committee = seats_of(ds, "icn-committee")
    assert len(committee) == 25
    assert {s.selected_by for s in committee} == {"icn"} and {s.method.value for s in committee} == {"elected"}
    board_holders = {s.holder for s in seats_of(ds, "isp-board") if s.sector.value == "vcs"}
    assert len(board_holders) == 10 and board_holders <= {s.holder for s in committee}
    entry, answer = gaps_of(examples_dir / "islington", "icn-committee")
    assert (entry["seats"], entry["filled"], entry["vcs_seats"], entry["breaches"]) == (25, 25, 25, [])
    assert answer["overloaded_holders"] == []
    # the committee feeds the board through its ten, and adds no community the ten do not represent
    board, _ = gaps_of(examples_dir / "islington", "isp-board")
    assert board["represented"] == ["black-communities", "bme", "children", "deprived-neighbourhoods", "disabled",
                                    "faith", "refugees", "tenants"]


# --- Lambeth -------------------------------------------------------------------------------


def test_lambeth_places_target_and_vacancies(examples_dir):
    ds = load_dataset(examples_dir / "lambeth")
    lsp = next(p for p in ds.partnerships if p.id == "lambeth-lsp")
    assert (lsp.size_min, lsp.size_max, lsp.min_vcs_share) == (22, 27, 0.5)
    fixed = [s for s in seats_of(ds, "lambeth-lsp") if s.group != "diversity places"]
    assert len(fixed) == 22 and sum(s.sector.value == "vcs" for s in fixed) == 11
    assert len({s.group for s in fixed}) == 11  # the ten themes, and the town centre forum chairs
    entry, _ = gaps_of(examples_dir / "lambeth", "lambeth-lsp")
    assert (entry["seats"], entry["filled"], entry["vcs_seats"]) == (27, 20, 16)
    assert Fraction(entry["vcs_share"]).limit_denominator(100) == Fraction(16, 27)
    assert entry["breaches"] == []
    assert entry["vacant_seats"] == [f"lsp-diversity-{i}" for i in range(1, 6)] + ["lsp-vs-provider-1",
                                                                                    "lsp-vs-provider-2"]
    assert entry["unrepresented"] == ["bme", "disabled", "young-people"]


def test_lambeth_vacant_diversity_places_are_listed_as_reserved_gaps(examples_dir):
    entry, _ = gaps_of(examples_dir / "lambeth", "lambeth-lsp")
    assert entry["reserved_vacant"] == [{"seat": f"lsp-diversity-{i}", "reserved_for": ["bme", "disabled"]}
                                        for i in range(1, 6)]


def test_lambeth_vacant_diversity_places_leave_the_reserved_list_when_filled(examples_dir, tmp_path):
    copy = tmp_path / "lambeth"
    shutil.copytree(examples_dir / "lambeth", copy)
    edit_csv(copy / "seats.csv", "lsp-diversity-2", holder="lvac", represents="disabled")
    entry, _ = gaps_of(copy, "lambeth-lsp")
    assert [r["seat"] for r in entry["reserved_vacant"]] == ["lsp-diversity-1", "lsp-diversity-3",
                                                            "lsp-diversity-4", "lsp-diversity-5"]
    assert "disabled" in entry["represented"]


def test_lambeth_crime_reps_are_chosen_by_the_community_safety_partnership(examples_dir, tmp_path):
    ds = load_dataset(examples_dir / "lambeth")
    assert {s.id for s in ds.seats if s.selected_by == "lambeth-csp"} == {"lsp-crime-police", "lsp-crime-2"}
    # a member of the CSP that holds no LSP place of its own reaches the LSP through the CSP's choice
    copy = tmp_path / "lambeth"
    shutil.copytree(examples_dir / "lambeth", copy)
    edit_csv(copy / "seats.csv", "csp-council", holder="business-rep")
    edit_csv(copy / "seats.csv", "lsp-business", holder="", selected_by="")
    organisations = {o["id"]: o["distance"] for o in reach_of(copy, "lambeth-lsp")["organisations"]}
    assert organisations["business-rep"] == 4  # holds csp seat -> sits on csp -> selects crime seat -> LSP


# --- Herefordshire -------------------------------------------------------------------------

AMBITION_GROUPS = {"health-social-care": 3, "community-safety": 0, "transport": 3, "cultural-consortium": 2,
                   "housing": 6, "countryside-environment": 10, "community-development-rural": 3,
                   "business-economic": 2, "education-learning": 6, "social-inclusion": 7, "ict-strategy": 5}


def test_herefordshire_ambition_groups_have_their_vcs_counts(examples_dir):
    answer = run_json("gaps", examples_dir / "herefordshire")
    vcs = {p["id"]: p["vcs_seats"] for p in answer["partnerships"]}
    assert {g: vcs[g] for g in AMBITION_GROUPS} == AMBITION_GROUPS
    assert sum(AMBITION_GROUPS.values()) == 47
    assert answer["no_vcs_seats"] == ["community-safety"]
    assert answer["overloaded_holders"] == []
    ds = load_dataset(examples_dir / "herefordshire")
    assert sum(o.sector.value == "vcs" for o in ds.organisations) == 45


def test_herefordshire_board_observer_counts_as_a_place_not_a_vote(examples_dir):
    entry, _ = gaps_of(examples_dir / "herefordshire", "herefordshire-partnership")
    assert (entry["seats"], entry["vcs_seats"]) == (6, 1)
    assert Fraction(entry["vcs_share"]).limit_denominator(100) == Fraction(1, 6)
    assert (entry["voting_seats"], entry["vcs_voting_seats"], entry["vcs_voting_share"]) == (5, 1, 0.2)
    assert entry["non_voting_seats"] == ["board-awm"]
    # no place says whom it speaks for; every community but young people is served within reach
    assert entry["represented"] == [] and entry["unreached"] == ["young-people"]


# --- Manchester ----------------------------------------------------------------------------


def test_manchester_steering_group_places(examples_dir):
    ds = load_dataset(examples_dir / "manchester")
    seats = seats_of(ds, "steering-group")
    deputies = [s for s in seats if s.deputy_of]
    assert len(seats) == 48 and len(deputies) == 7
    assert {s.role.value for s in deputies} == {"deputy"}
    # the pool of 15: the eight Community Network places' holders and the seven deputies
    pool = {s.holder for s in seats if s.selected_by == "cnm"}
    assert len(pool) == 15
    assert sum(1 for n in ds.networks if n.id.startswith("cnm-area-")) == 7
    assert sum(1 for n in ds.networks if n.id.startswith("cnm-interest-")) == 22


def test_manchester_deputies_are_not_places(examples_dir):
    entry, answer = gaps_of(examples_dir / "manchester", "steering-group")
    assert (entry["seats"], entry["filled"], entry["vcs_seats"]) == (41, 41, 11)
    assert entry["breaches"] == []  # 48 rows, but the seven deputies break no size_max of 41
    assert answer["overloaded_holders"] == [{"id": "manchester-city-council", "type": "organisation", "seats": 5}]


def test_manchester_deputies_still_reach_the_steering_group(examples_dir):
    reached = {o["id"] for o in reach_of(examples_dir / "manchester", "steering-group")["organisations"]}
    assert {f"cnm-rep-group-{i}" for i in range(1, 16)} <= reached


# --- Devon ---------------------------------------------------------------------------------


def test_devon_district_partnerships_select_county_forum_members(examples_dir):
    ds = load_dataset(examples_dir / "devon")
    district_lsps = {p.id for p in ds.partnerships if p.level.value == "area"}
    assert len(district_lsps) == 8
    forum = seats_of(ds, "partnership-forum")
    assert {s.selected_by for s in forum if s.group == "district LSPs"} == district_lsps
    assert sum(s.sector.value == "elected" for s in forum if s.group == "district LSPs") == 3
    answer = reach_of(examples_dir / "devon", "partnership-forum")
    distance = {o["id"]: o["distance"] for o in answer["organisations"]}
    # a CVS whose district nominated a councillor reaches the forum only through its district LSP
    assert {d: distance[f"{d}-cvs"] for d in ("east-devon", "north-devon", "teignbridge")} == \
        {"east-devon": 4, "north-devon": 4, "teignbridge": 4}
    assert answer["total"] == 33


def test_devon_forum_awaits_its_twelve_vcs_nominations(examples_dir):
    entry, answer = gaps_of(examples_dir / "devon", "partnership-forum")
    assert (entry["seats"], entry["filled"], entry["vcs_seats"]) == (26, 14, 12)
    assert len(entry["vacant_seats"]) == 12 and all(s.startswith("forum-") for s in entry["vacant_seats"])
    assert entry["unrepresented"] == ["bme", "disabled", "faith", "lgbt", "older-people", "rural", "women",
                                      "young-people"]
    ds = load_dataset(examples_dir / "devon")
    assert ("partnership-forum", "devon-partnership") in {(x.source, x.target) for x in ds.links
                                                           if x.kind.value == "reports_back"}


def test_summary_of_the_rows_as_read_is_the_summary_of_the_loaded_dataset(examples_dir):
    """``engagemap summary`` counts the rows as read (no models): the same answer as summary(dataset)."""
    from graphmodel.counts import summary_of_rows
    from graphmodel.load import read_rows

    for example in sorted(p for p in examples_dir.iterdir() if p.is_dir()):
        name, rows, _ = read_rows(example)
        counted = summary_of_rows(name, rows)
        assert counted == summary(load_dataset(example)), example.name
        with open(example / "seats.csv", encoding="utf-8-sig", newline="") as handle:  # read apart from the loader
            seats = list(csv.DictReader(handle))
        assert counted.vacant_seats == [s["id"] for s in seats if not s.get("holder") and not s.get("person")]
        assert counted.filled_seats == len(seats) - len(counted.vacant_seats) and counted.tables["seats"] == len(seats)
