"""Popolo JSON into the dataset format, and back again."""

import json

import pytest

from click.testing import CliRunner

from graphmodel import load_dataset
from graphmodel.cli import cli
from realdata import REAL, counted, needs_real, table


def test_export_then_import_keeps_what_popolo_can_hold(examples_dir, tmp_path):
    runner = CliRunner()
    for name in ("hackney", "islington", "gloucester"):
        original = load_dataset(examples_dir / name)
        doc = tmp_path / f"{name}.json"
        assert runner.invoke(cli, ["export", str(examples_dir / name), "--to", "popolo", "-o", str(doc)]).exit_code == 0
        result = runner.invoke(cli, ["import", "popolo", str(doc), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        back = load_dataset(tmp_path / name)
        assert [(o.id, o.name, o.sector, o.identifiers) for o in back.organisations] == \
               [(o.id, o.name, o.sector, o.identifiers) for o in original.organisations]
        assert [(n.id, n.led_by) for n in back.networks] == [(n.id, n.led_by) for n in original.networks]
        assert [(p.id, p.level, p.feeds_into[:1]) for p in back.partnerships] == \
               [(p.id, p.level, p.feeds_into[:1]) for p in original.partnerships]
        assert [(s.id, s.partnership, s.sector, s.holder, s.selected_by, s.method, s.term_end)
                for s in back.seats] == [(s.id, s.partnership, s.sector, s.holder, s.selected_by, s.method,
                                          s.term_end) for s in original.seats]
        assert [(m.member, m.network, m.role, m.since, m.until) for m in back.memberships] == \
               [(m.member, m.network, m.role, m.since, m.until) for m in original.memberships]
        assert {c.id for c in back.communities} == {c.id for c in original.communities if c.kind.value == "place"}


def test_popolo_from_elsewhere(tmp_path):
    doc = {
        "organizations": [
            {"id": "ocd-organization/Council", "name": "Hackney Council", "classification": "council"},
            {"id": "Board-1", "name": "Health and Wellbeing Board", "classification": "committee"},
            {"id": "forum", "name": "Community Forum"},
            {"id": "tra", "name": "Tenants' Association"},
        ],
        "posts": [{"id": "HWB/Seat 1", "label": "VCS rep", "role": "VCS", "organization_id": "Board-1"},
                  {"id": "HWB/Seat 2", "label": "Council rep", "organization_id": "Board-1"}],
        "persons": [{"id": "p1", "name": "Ada Example"}],
        "memberships": [
            {"post_id": "HWB/Seat 1", "organization_id": "Board-1", "member": {"type": "organization", "id": "tra"},
             "on_behalf_of_id": "forum", "role": "elected", "end_date": "2027-03-31"},
            {"post_id": "HWB/Seat 2", "organization_id": "Board-1", "person_id": "p1"},
            {"organization_id": "forum", "member": {"type": "organization", "id": "tra"}, "start_date": "2020"},
        ],
    }
    path = tmp_path / "popolo.json"
    path.write_text(json.dumps(doc))
    result = CliRunner().invoke(cli, ["import", "popolo", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    ds = load_dataset(tmp_path / "out")
    assert [(o.id, o.sector.value) for o in ds.organisations] == [("tra", "vcs")]
    assert [(p.id, p.level.value) for p in ds.partnerships] == [("ocd-organization-council", "board"),
                                                                ("board-1", "thematic")]
    assert [(n.id, n.led_by.value) for n in ds.networks] == [("forum", "joint")]
    seat1, seat2 = ds.seats
    assert (seat1.id, seat1.sector.value, seat1.holder, seat1.selected_by, seat1.method.value,
            str(seat1.term_end)) == ("hwb-seat-1", "vcs", "tra", "forum", "elected", "2027-03-31")
    assert (seat2.sector.value, seat2.person, seat2.holder) == ("other", "p1", None)
    assert [(m.member, m.network, m.since) for m in ds.memberships] == [("tra", "forum", None)]
    assert ("popolo.json, memberships, item 3, column start_date, value '2020': not a full date (YYYY-MM-DD); "
            "the network membership is kept without it") in result.stderr


def test_bad_popolo_is_reported_with_exit_2(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"organizations": [{"name": "no id"}, "text"]}))
    result = CliRunner().invoke(cli, ["import", "popolo", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "bad.json, organizations, item 1, column id: each entry needs an id" in result.stderr
    assert "bad.json, organizations, item 2: each entry must be an object" in result.stderr
    path.write_text("{not json")
    result = CliRunner().invoke(cli, ["import", "popolo", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "bad.json, line 1: cannot be read as JSON" in result.stderr


def run(tmp_path, doc, name="popolo.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "popolo", str(path), "-o", str(tmp_path / "out")])
    return result


COUNCIL = {
    "organizations": [
        {"id": "council", "name": "Borough Council", "classification": "legislature"},
        {"id": "lab", "name": "Labour", "classification": "party"},
        {"id": "ind", "name": "Independent", "classification": "party"},
        {"id": "forum", "name": "Residents Forum"},
        {"id": "tra", "name": "Tenants Association", "classification": "tenants association"},
    ],
    "areas": [{"id": "ward/north", "name": "North", "type": "ward"}, {"id": "ward/south", "name": "South"}],
    "posts": [{"id": "ward/north/councillor", "organization_id": "council", "area_id": "ward/north"},
              {"id": "empty-post", "organization_id": "council", "area_id": "ward/south"}],
    "events": [{"id": "term/1", "classification": "legislative period", "start_date": "2022-05-05",
                "end_date": "2026-05-07"}],
    "persons": [{"id": "p1", "name": "Ann"}, {"id": "p2", "name": "Bob"}, {"id": "p3", "name": "Cy"},
                {"id": "p4", "given_name": "Di", "family_name": "Eve"}],
    "memberships": [
        {"person_id": "p1", "post_id": "ward/north/councillor", "on_behalf_of_id": "lab", "start_date": "2022-05-05"},
        {"person_id": "p2", "post_id": "ward/north/councillor", "on_behalf_of_id": "ind"},
        {"person_id": "p3", "post_id": "ward/north/councillor", "legislative_period_id": "term/1"},
        {"person_id": "p4", "organization_id": "council", "area_id": "ward/south", "on_behalf_of_id": "lab",
         "role": "councillor", "legislative_period_id": "term/1"},
        {"person_id": "p4", "organization_id": "council", "role": "Mayor"},
        {"person_id": "p2", "organization_id": "council", "role": "Deputy Leader"},
        {"person_id": "p1", "organization_id": "lab", "start_date": "2010-01-01"},
        {"person_id": "p2", "organization_id": "lab", "end_date": "2019-12-31"},
        {"person_id": "p2", "organization_id": "ind", "start_date": "2020-01-01"},
        {"member": {"@type": "Organization", "id": "tra"}, "organization_id": "forum"},
        {"person_id": "p3", "organization_id": "forum"},
        {"person_id": "p3", "organization_id": "nowhere"},
    ],
}


def test_every_membership_becomes_something_and_is_counted(tmp_path):
    result = run(tmp_path, COUNCIL)
    assert result.exit_code == 0, result.output
    assert counted(result.stdout) == {
        "seats": 5, "affiliations": 3, "network memberships": 1,
        "joined to a seat (a role of the person holding it)": 1,
        "skipped (a person's membership of a network)": 1,
        "skipped (organization_id names no organization in the file)": 1,
        "posts with no member (vacant seats)": 1}
    assert sum(counted(result.stdout).values()) - 1 == len(COUNCIL["memberships"])  # the vacant post is not one
    seats = {s["id"]: s for s in table(tmp_path / "out", "seats")}
    # a post held by three people gives three seats, each representing the post's area
    north = [s for s in seats.values() if s["id"].startswith("ward-north-councillor")]
    assert [(s["id"], s["person"], s["selected_by"], s["represents"], s["term_start"], s["term_end"])
            for s in north] == [
        ("ward-north-councillor-1", "p1", "lab", "ward-north", "2022-05-05", ""),
        ("ward-north-councillor-2", "p2", "ind", "ward-north", "", ""),
        ("ward-north-councillor-3", "p3", "", "ward-north", "2022-05-05", "2026-05-07")]
    assert all((s["sector"], s["method"]) == ("elected", "elected") for s in seats.values())
    # a membership without a post: the membership's own area; the Mayor role joins it
    mayor = seats["council.seat-1"]
    assert (mayor["person"], mayor["represents"], mayor["role"], mayor["notes"]) == \
        ("p4", "ward-south", "chair", "councillor; Mayor")
    deputy = seats["council.seat-2"]
    assert (deputy["person"], deputy["role"], deputy["represents"]) == ("p2", "vice_chair", "")
    assert (seats["empty-post"]["person"], seats["empty-post"]["represents"]) == ("", "ward-south")
    people = {p["id"]: p for p in table(tmp_path / "out", "people")}
    assert (people["p1"]["organisation"], people["p2"]["organisation"], people["p4"]["name"]) == \
        ("lab", "ind", "Di Eve")
    assert people["p2"]["notes"] == "member of lab (to 2019-12-31); member of ind (from 2020-01-01)"
    orgs = {o["id"]: o for o in table(tmp_path / "out", "organisations")}
    assert (orgs["lab"]["sector"], orgs["lab"]["kind"]) == ("private", "political party")
    assert (orgs["tra"]["sector"], orgs["tra"]["kind"]) == ("vcs", "tenants association")
    assert [(p["id"], p["level"]) for p in table(tmp_path / "out", "partnerships")] == [("council", "board")]
    assert [(m["member"], m["network"]) for m in table(tmp_path / "out", "memberships")] == [("tra", "forum")]
    assert [(c["id"], c["kind"]) for c in table(tmp_path / "out", "communities")] == \
        [("ward-north", "place"), ("ward-south", "place")]
    assert ("popolo.json, memberships, item 12, column organization_id, value 'nowhere': skipped: "
            "organization_id names no organization in the file") in result.stderr
    assert "2 warnings" in result.stderr
    ds = load_dataset(tmp_path / "out")  # the written dataset is valid
    assert len(ds.seats) == 6


def test_ids_that_clash_after_normalising_are_told_apart(tmp_path):
    doc = {"organizations": [{"id": "Cabinet Office", "name": "Cabinet Office", "classification": "party"},
                             {"id": "cabinet office", "name": "cabinet office", "classification": "party"},
                             {"id": "govt", "name": "Government", "classification": "executive"}],
           "persons": [{"id": "m1", "name": "Minister"}],
           "memberships": [{"person_id": "m1", "organization_id": "govt", "on_behalf_of_id": "cabinet office"}]}
    result = run(tmp_path, doc)
    assert result.exit_code == 0, result.output
    assert [(o["id"], o["name"]) for o in table(tmp_path / "out", "organisations")] == [
        ("cabinet-office", "Cabinet Office"), ("cabinet-office-2", "cabinet office")]
    assert table(tmp_path / "out", "seats")[0]["selected_by"] == "cabinet-office-2"
    assert ("popolo.json, organizations, item 2, column id, value 'cabinet office': the id becomes "
            "'cabinet-office', as does 'Cabinet Office' at popolo.json, organizations, item 1; this one is "
            "written as 'cabinet-office-2'") in result.stderr


def test_an_organisation_and_a_person_on_one_post_make_one_seat(tmp_path):
    doc = {"organizations": [{"id": "board", "name": "Board", "classification": "partnership (board)"},
                             {"id": "cvs", "name": "CVS", "classification": "organisation (vcs)"}],
           "persons": [{"id": "p1", "name": "Ann"}],
           "posts": [{"id": "vcs-seat", "organization_id": "board", "role": "vcs"}],
           "memberships": [{"post_id": "vcs-seat", "organization_id": "board", "end_date": "2027-01-01",
                            "member": {"type": "organization", "id": "cvs"}},
                           {"post_id": "vcs-seat", "organization_id": "board", "end_date": "2027-01-01",
                            "person_id": "p1"}]}
    result = run(tmp_path, doc)
    assert result.exit_code == 0, result.output
    assert counted(result.stdout)["seats"] == 1
    assert counted(result.stdout)["joined to a seat (the organisation beside the person holding it)"] == 1
    assert [(s["id"], s["sector"], s["holder"], s["person"], s["term_end"]) for s in
            table(tmp_path / "out", "seats")] == [("vcs-seat", "vcs", "cvs", "p1", "2027-01-01")]


def test_problems_found_by_the_shared_checks_are_located_in_the_input(tmp_path):
    doc = {"organizations": [{"id": "c", "name": "Council", "classification": "council"}],
           "areas": [{"id": "a", "name": "A", "parent_id": "b"}, {"id": "b", "name": "B", "parent_id": "a"}],
           "persons": [{"id": "p"}],
           "memberships": [{"person_id": "p", "organization_id": "c", "start_date": "2024-02-30"}]}
    result = run(tmp_path, doc)
    assert result.exit_code == 0, result.output
    assert "popolo.json, areas, item 1, column part_of, value 'b'" in result.stderr
    assert "left out" in result.stderr and "seats.csv" not in result.stderr and "item 561" not in result.stderr
    assert table(tmp_path / "out", "seats")[0]["notes"] == "term start 2024-02-30"


@needs_real
@pytest.mark.parametrize("folder,file,counts,tables", [
    ("popolo-ep-ireland", "ireland-ep-popolo-v1.0.json",
     {"seats": 324, "affiliations": 0, "network memberships": 0},
     {"organisations": 14, "partnerships": 1, "communities": 55, "seats": 324, "people": 226}),
    ("popolo-au-tas-councillors", "local_councillor_popolo.json",
     {"seats": 263, "affiliations": 0, "network memberships": 0,
      "joined to a seat (a role of the person holding it)": 54},
     {"organisations": 4, "partnerships": 29, "seats": 263, "people": 263}),
])
def test_real_popolo_files_every_membership_accounted_for(tmp_path, folder, file, counts, tables):
    path = REAL / folder / file
    doc = json.loads(path.read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli, ["import", "popolo", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert counted(result.stdout) == counts
    assert sum(counts.values()) == len(doc["memberships"])
    ds = load_dataset(tmp_path / "out")
    assert {t: len(ds.rows(t)) for t in tables} == tables
    assert all(s.person for s in ds.seats)
    if folder == "popolo-ep-ireland":
        assert all(len(s.represents) == 1 and s.selected_by for s in ds.seats)
        assert sum(1 for s in ds.seats if s.term_end is not None) == 166  # the 31st Dail's members, term over
    else:
        roles = [r["role"] for r in table(tmp_path / "out", "seats")]
        assert (roles.count("chair"), roles.count("vice_chair")) == (27, 27)


def test_an_id_given_twice_is_one_item_with_a_warning(tmp_path):
    doc = {"organizations": [{"id": "cabinet-office", "name": "Cabinet Office"},
                             {"id": "cabinet-office", "name": "Cabinet office"}],
           "persons": [{"id": "m1", "name": "Minister"}],
           "memberships": [{"person_id": "m1", "organization_id": "cabinet-office", "role": "Minister of State",
                            "start_date": "2010-05-13"}]}
    result = run(tmp_path, doc)
    assert result.exit_code == 0, result.output
    assert ("popolo.json, organizations, item 2, column id, value 'cabinet-office': this id is already given at "
            "popolo.json, organizations, item 1 (name 'Cabinet Office'); this entry (name 'Cabinet office') is "
            "read as the same organization and left out") in result.stderr
    assert [(o["id"], o["sector"]) for o in table(tmp_path / "out", "organisations")] == \
        [("cabinet-office", "statutory")]
    assert counted(result.stdout)["affiliations"] == 1
    person = table(tmp_path / "out", "people")[0]
    assert (person["organisation"], person["notes"]) == ("cabinet-office",
                                                         "Minister of State at cabinet-office (from 2010-05-13)")


def test_the_hand_built_council_is_valid_popolo():
    from test_exporting import popolo_validators

    validators = popolo_validators()
    for key, schema in {"organizations": "organization", "areas": "area", "posts": "post",
                        "memberships": "membership", "persons": "person", "events": "event"}.items():
        for item in COUNCIL[key]:
            errors = list(validators[schema].iter_errors(item))
            assert errors == [], (key, item, errors[0].message if errors else None)


@needs_real
def test_a_seat_per_membership_when_asked(tmp_path):
    path = REAL / "popolo-au-tas-councillors" / "local_councillor_popolo.json"
    result = CliRunner().invoke(cli, ["import", "popolo", str(path), "-o", str(tmp_path / "out"),
                                      "--seat-per-membership"])
    assert result.exit_code == 0, result.output
    assert counted(result.stdout) == {"seats": 317, "affiliations": 0, "network memberships": 0}
    roles = [r["role"] for r in table(tmp_path / "out", "seats")]
    assert (roles.count("chair"), roles.count("vice_chair"), len(roles)) == (27, 27, 317)
