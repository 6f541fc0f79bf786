"""engagemap merge: organisations matched on identifiers then id; matched, conflicting, added reported."""

import json

import pytest
from click.testing import CliRunner

from graphmodel import load_dataset
from graphmodel.cli import cli
from graphmodel.merging import merge
from graphmodel.model import Dataset
from helpers import write_dataset

BASE = {
    "organisations": [
        {"id": "elders", "name": "Hackney Elders", "sector": "vcs", "identifiers": ["GB-CHC-1000001"]},
        {"id": "council", "name": "Hackney Council", "sector": "statutory"},
    ],
    "networks": [{"id": "cen", "name": "Community Network", "led_by": "vcs"}],
    "memberships": [{"member": "elders", "network": "cen"}],
}
ADDITION = {
    "organisations": [
        {"id": "gb-chc-1000001", "name": "Hackney Elders Club", "sector": "vcs",
         "identifiers": ["gb-chc-1000001", "GB-COH-01234567"], "notes": "lunch club"},
        {"id": "council", "name": "London Borough of Hackney", "sector": "statutory"},
        {"id": "cen", "name": "A charity whose id is taken", "sector": "vcs"},
        {"id": "funder", "name": "Trust", "sector": "vcs"},
    ],
    "links": [{"source": "funder", "target": "gb-chc-1000001", "kind": "funds", "amount": 500},
              {"source": "funder", "target": "cen", "kind": "funds", "amount": 20}],
}


def test_merge_matches_on_identifiers_then_ids_and_reports(tmp_path):
    merged = merge(Dataset(**BASE), Dataset(**ADDITION))
    ds, report = merged.dataset, merged.report
    assert [(o.id, o.name, o.identifiers, o.notes) for o in ds.organisations] == [
        ("elders", "Hackney Elders", ("GB-CHC-1000001", "GB-COH-01234567"), "lunch club"),
        ("council", "Hackney Council", (), None),
        ("cen-2", "A charity whose id is taken", (), None),
        ("funder", "Trust", (), None)]
    assert [(l.source, l.target, l.amount) for l in ds.links] == [("funder", "elders", 500.0), ("funder", "cen-2", 20.0)]
    assert [(m.table, m.id, m.addition_id, m.how) for m in report.matched] == [
        ("organisations", "elders", "gb-chc-1000001", "identifier gb-chc-1000001"),
        ("organisations", "council", "council", "id")]
    assert [c.as_dict() for c in report.conflicting] == [
        {"table": "organisations", "id": "elders", "field": "name", "base": "Hackney Elders",
         "addition": "Hackney Elders Club", "kept": "base"},
        {"table": "organisations", "id": "council", "field": "name", "base": "Hackney Council",
         "addition": "London Borough of Hackney", "kept": "base"}]
    assert report.renamed == [("organisations", "cen", "cen-2")]
    assert report.counts() == {"organisations": {"matched": 0, "conflicting": 2, "added": 2},
                               "links": {"matched": 0, "conflicting": 0, "added": 2}}
    prefer = merge(Dataset(**BASE), Dataset(**ADDITION), prefer="addition").dataset
    assert [o.name for o in prefer.organisations][:2] == ["Hackney Elders Club", "London Borough of Hackney"]


@pytest.mark.parametrize("base_form,addition_form,out", [("csv", "json", "merged"), ("xlsx", "yaml", "m.json"),
                                                         ("json", "csv", "m.xlsx")])
def test_merge_command_writes_a_valid_dataset_in_any_container(tmp_path, base_form, addition_form, out):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    base = write_dataset(tmp_path / "b", BASE, base_form, name="base")
    addition = write_dataset(tmp_path / "a", ADDITION, addition_form, name="addition")
    result = CliRunner().invoke(cli, ["merge", str(base), str(addition), "-o", str(tmp_path / out)])
    assert result.exit_code == 0, result.output
    assert "matched by identifier gb-chc-1000001: organisations 'gb-chc-1000001' is 'elders'" in result.stdout
    assert ("conflicting: organisations 'council', name: BASE 'Hackney Council', ADDITION 'London Borough of "
            "Hackney'; kept BASE") in result.stdout
    assert "renamed: organisations 'cen' from ADDITION is 'cen-2' (the id is taken in BASE)" in result.stdout
    again = load_dataset(tmp_path / out)
    assert len(again.organisations) == 4 and len(again.links) == 2 and len(again.memberships) == 1
    result = CliRunner().invoke(cli, ["merge", str(base), str(addition), "-o", str(tmp_path / "j"), "--format",
                                      "json", "--prefer", "addition"])
    data = json.loads(result.stdout)
    assert data["counts"]["organisations"] == {"matched": 0, "conflicting": 2, "added": 2}
    assert {c["kept"] for c in data["conflicting"]} == {"addition"}


def test_merging_the_same_dataset_matches_everything(examples_dir, tmp_path):
    result = CliRunner().invoke(cli, ["merge", str(examples_dir / "hackney"), str(examples_dir / "hackney"),
                                      "-o", str(tmp_path / "same"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["added"] == [] and data["conflicting"] == [] and data["renamed"] == []
    original = load_dataset(examples_dir / "hackney")
    assert load_dataset(tmp_path / "same").model_dump(exclude={"name"}) == original.model_dump(exclude={"name"})


def test_a_merge_that_cannot_be_valid_writes_nothing(tmp_path):
    base = {"partnerships": [{"id": "a", "name": "A", "level": "board", "feeds_into": ["b"]},
                             {"id": "b", "name": "B", "level": "board"}], "organisations": []}
    addition = {"partnerships": [{"id": "b", "name": "B", "level": "board", "feeds_into": ["a"]},
                                 {"id": "a", "name": "A", "level": "board"}],
                "organisations": []}
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    result = CliRunner().invoke(cli, ["merge", str(write_dataset(tmp_path / "b", base, "json", name="base")),
                                      str(write_dataset(tmp_path / "a", addition, "json", name="add")),
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "error: BASE, table 'partnerships', item 1, column feeds_into" in result.stderr
    assert "feeds_into goes round in a circle: a -> b -> a" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_same_id_with_other_identifiers_is_a_conflict_not_a_union():
    base = Dataset(organisations=[{"id": "trust", "name": "Trust", "sector": "vcs", "identifiers": ["GB-CHC-1"]}])
    addition = Dataset(organisations=[{"id": "trust", "name": "Trust", "sector": "vcs",
                                       "identifiers": ["GB-CHC-2"]}])
    merged = merge(base, addition)
    assert merged.dataset.organisations[0].identifiers == ("GB-CHC-1",)
    assert [(c.field, c.base, c.addition, c.kept) for c in merged.report.conflicting] == [
        ("identifiers", ["GB-CHC-1"], ["GB-CHC-2"], "base")]
