"""The example datasets built from the seed documents."""

import pytest

from graphmodel import load_dataset, read_dataset, summary


@pytest.mark.parametrize("name", ["hackney", "islington", "gloucester"])
def test_example_is_valid_without_warnings(examples_dir, name):
    result = read_dataset(examples_dir / name)
    assert result.problems == [] and result.warnings == []


def test_hackney_holds_the_1900_vcs_organisations(examples_dir):
    ds = load_dataset(examples_dir / "hackney")
    placeholders = [o for o in ds.organisations if o.kind == "placeholder"]
    assert len(placeholders) == 5
    assert sum(o.count for o in placeholders) == 1900
    assert {p.id for p in ds.partnerships if p.level.value == "board"} == {"th-board"}
    assert "cen" in {n.id for n in ds.networks}


def test_islington_has_ten_vcs_seats_elected_via_the_community_network(examples_dir):
    ds = load_dataset(examples_dir / "islington")
    vcs = [s for s in ds.seats if s.partnership == "isp-board" and s.sector.value == "vcs"]
    assert len(vcs) == 10 and {s.selected_by for s in vcs} == {"icn"}
    assert {s.method.value for s in vcs} == {"elected"}
    assert summary(ds).organisations_by_sector["vcs"] == 1000


def test_gloucester_executive_rules(examples_dir):
    ds = load_dataset(examples_dir / "gloucester")
    executive = next(p for p in ds.partnerships if p.id == "executive")
    assert (executive.size_min, executive.size_max) == (12, 17)
    assert [str(r) for r in executive.required] == ["bme:1"]
    seats = [s for s in ds.seats if s.partnership == "executive"]
    assert 12 <= len(seats) <= 17
    assert {s.holder for s in seats if s.method and s.method.value == "standing"} == {"gloucester-cvs",
                                                                                       "race-equality-council"}
