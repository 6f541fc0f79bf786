"""Popolo JSON into the dataset format, and back again."""

import json

from click.testing import CliRunner

from graphmodel import load_dataset
from graphmodel.cli import cli


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
    assert [(o.id, o.sector.value) for o in ds.organisations] == [("ocd-organization-council", "statutory"),
                                                                 ("tra", "vcs")]
    assert [(p.id, p.level.value) for p in ds.partnerships] == [("board-1", "other")]
    assert [(n.id, n.led_by.value) for n in ds.networks] == [("forum", "joint")]
    seat1, seat2 = ds.seats
    assert (seat1.id, seat1.sector.value, seat1.holder, seat1.selected_by, seat1.method.value,
            str(seat1.term_end)) == ("hwb-seat-1", "vcs", "tra", "forum", "elected", "2027-03-31")
    assert (seat2.sector.value, seat2.person, seat2.holder) == ("other", "p1", None)
    assert [(m.member, m.network, m.since) for m in ds.memberships] == [("tra", "forum", None)]


def test_bad_popolo_is_reported_with_exit_2(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"organizations": [{"name": "no id"}, "text"]}))
    result = CliRunner().invoke(cli, ["import", "popolo", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "bad.json, organizations, item 1, column id: each entry needs an id" in result.stderr
    assert "bad.json, organizations, item 2: each entry must be an object" in result.stderr
    path.write_text("{not json")
    result = CliRunner().invoke(cli, ["import", "popolo", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "bad.json: cannot be read as JSON" in result.stderr
