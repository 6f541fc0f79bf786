"""The Charity Commission register extract importer, on a small extract in the published layout."""

import json

import pytest
from click.testing import CliRunner

from graphmodel import load_dataset
from graphmodel.cli import cli

CHARITIES = [
    {"organisation_number": 1, "registered_charity_number": 1000001, "linked_charity_number": 0,
     "charity_name": "Hackney Elders Club", "charity_type": "Other", "charity_registration_status": "Registered",
     "charity_activities": "Lunch club for older people"},
    {"organisation_number": 2, "registered_charity_number": 1000001, "linked_charity_number": 1,
     "charity_name": "Hackney Elders Club Trust", "charity_type": None, "charity_registration_status": "Registered",
     "charity_activities": None},
    {"organisation_number": 3, "registered_charity_number": 1000002, "linked_charity_number": 0,
     "charity_name": "Dalston Youth </script>", "charity_type": "CIO", "charity_registration_status": "Removed",
     "charity_activities": "Youth club"},
    {"organisation_number": 4, "registered_charity_number": 1000003, "linked_charity_number": 0,
     "charity_name": "Islington Trust", "charity_type": "Trust", "charity_registration_status": "Registered",
     "charity_activities": "Grants"},
]
CLASSIFICATIONS = [
    {"organisation_number": 1, "registered_charity_number": 1000001, "linked_charity_number": 0,
     "classification_code": 202, "classification_type": "Who", "classification_description": "Elderly/old People"},
    {"organisation_number": 1, "registered_charity_number": 1000001, "linked_charity_number": 0,
     "classification_code": 104, "classification_type": "What", "classification_description": "Education/training"},
    {"organisation_number": 3, "registered_charity_number": 1000002, "linked_charity_number": 0,
     "classification_code": 201, "classification_type": "Who", "classification_description": "Children/young People"},
    {"organisation_number": 3, "registered_charity_number": 1000002, "linked_charity_number": 0,
     "classification_code": 204, "classification_type": "Who",
     "classification_description": "People Of A Particular Ethnic Or Racial Origin"},
]
AREAS = [
    {"organisation_number": 1, "registered_charity_number": 1000001, "linked_charity_number": 0,
     "geographic_area_type": "Local Authority", "geographic_area_description": "Hackney",
     "parent_geographic_area_type": "Region", "parent_geographic_area_description": "London"},
    {"organisation_number": 3, "registered_charity_number": 1000002, "linked_charity_number": 0,
     "geographic_area_type": "Local Authority", "geographic_area_description": "Hackney",
     "parent_geographic_area_type": "Region", "parent_geographic_area_description": "London"},
    {"organisation_number": 4, "registered_charity_number": 1000003, "linked_charity_number": 0,
     "geographic_area_type": "Local Authority", "geographic_area_description": "Islington",
     "parent_geographic_area_type": "Region", "parent_geographic_area_description": "London"},
]
TABLES = {"charity": CHARITIES, "charity_classification": CLASSIFICATIONS, "charity_area_of_operation": AREAS}


def write_extract(folder, form):
    folder.mkdir()
    for table, rows in TABLES.items():
        if form == "json":
            (folder / f"publicextract.{table}.json").write_text(json.dumps(rows), encoding="utf-8-sig")
        else:
            header = list(rows[0])
            lines = ["\t".join(header)] + ["\t".join("" if r[h] is None else str(r[h]) for h in header)
                                           for r in rows]
            (folder / f"publicextract.{table}.txt").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return folder


@pytest.mark.parametrize("form", ["json", "txt"])
def test_charities_operating_in_the_area_become_organisations(tmp_path, form):
    extract = write_extract(tmp_path / "ccew", form)
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(extract), "--area", "hackney",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    ds = load_dataset(tmp_path / "out")
    assert [(o.id, o.name, o.active, o.serves, o.identifiers) for o in ds.organisations] == [
        ("gb-chc-1000001", "Hackney Elders Club", True, ("older-people",), ("GB-CHC-1000001",)),
        ("gb-chc-1000002", "Dalston Youth </script>", False, ("bme", "young-people"), ("GB-CHC-1000002",)),
    ]
    assert all(o.sector.value == "vcs" for o in ds.organisations)
    assert {c.id for c in ds.communities} == {"older-people", "young-people", "bme"}
    assert ds.organisations[0].notes == "Lunch club for older people"


def test_a_missing_table_is_named(tmp_path):
    extract = write_extract(tmp_path / "ccew", "json")
    (extract / "publicextract.charity_classification.json").unlink()
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(extract), "--area", "Hackney",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "the extract has no charity_classification table" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_malformed_row_is_reported_by_file_and_row(tmp_path):
    extract = write_extract(tmp_path / "ccew", "txt")
    path = extract / "publicextract.charity_area_of_operation.txt"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2].replace("1000002", "10O0002")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(extract), "--area", "Hackney",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert ("publicextract.charity_area_of_operation.txt, row 3, column registered_charity_number, "
            "value '10O0002': not a whole number") in result.stderr


def test_broken_json_is_one_sentence(tmp_path):
    extract = write_extract(tmp_path / "ccew", "json")
    (extract / "publicextract.charity.json").write_text('[{"registered_charity_number": 1', encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(extract), "--area", "Hackney",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "publicextract.charity.json: cannot be read as JSON" in result.stderr
