"""The Charity Commission register extract importer, on a small extract in the published layout."""

import json

import pytest
from click.testing import CliRunner

from graphmodel import load_dataset
from graphmodel.cli import cli
from realdata import REAL, counted, needs_real

CHARITIES = [
    {"organisation_number": 1, "registered_charity_number": 1000001, "linked_charity_number": 0,
     "charity_name": "Hackney Elders Club", "charity_type": "Other", "charity_registration_status": "Registered",
     "charity_activities": "Lunch club for older people", "latest_income": "12345.0",
     "latest_acc_fin_period_end_date": "2023-03-31 00:00:00", "charity_contact_postcode": "E8 1AA",
     "charity_contact_web": "https://elders.example", "charity_company_registration_number": "1234567",
     "date_of_removal": None},
    {"organisation_number": 2, "registered_charity_number": 1000001, "linked_charity_number": 1,
     "charity_name": "Hackney Elders Club Trust", "charity_type": None, "charity_registration_status": "Registered",
     "charity_activities": None},
    {"organisation_number": 3, "registered_charity_number": 1000002, "linked_charity_number": 0,
     "charity_name": "Dalston Youth </script>", "charity_type": "CIO", "charity_registration_status": "Removed",
     "charity_activities": "Youth club", "latest_income": None, "latest_acc_fin_period_end_date": None,
     "charity_contact_postcode": None, "charity_contact_web": None, "charity_company_registration_number": None,
     "date_of_removal": "2019-05-01 00:00:00.0000000"},
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


def write_extract(folder, form, extra_areas=()):
    folder.mkdir()
    for table, rows in TABLES.items():
        if table == "charity_area_of_operation":
            rows = rows + list(extra_areas)
        if form == "json":
            (folder / f"publicextract.{table}.json").write_text(json.dumps(rows), encoding="utf-8-sig")
        else:
            header = list(dict.fromkeys(h for r in rows for h in r))
            lines = ["\t".join(header)] + ["\t".join("" if r.get(h) is None else str(r[h]) for h in header)
                                           for r in rows]
            (folder / f"publicextract.{table}.txt").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return folder


@pytest.mark.parametrize("form", ["json", "txt"])
def test_charities_operating_in_the_area_become_organisations(tmp_path, form):
    extract = write_extract(tmp_path / "ccew", form)
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(extract), "--area", "hackney",
                                      "-o", str(tmp_path / "out"), "--include-removed"])
    assert result.exit_code == 0, result.output
    ds = load_dataset(tmp_path / "out")
    assert [(o.id, o.name, o.active, o.serves, o.identifiers) for o in ds.organisations] == [
        ("gb-chc-1000001", "Hackney Elders Club", True, ("older-people",), ("GB-CHC-1000001", "GB-COH-01234567")),
        ("gb-chc-1000002", "Dalston Youth </script>", False, ("bme", "young-people"), ("GB-CHC-1000002",)),
    ]
    assert all(o.sector.value == "vcs" for o in ds.organisations)
    assert {c.id for c in ds.communities} == {"older-people", "young-people", "bme"}
    assert ds.organisations[0].notes == ("latest income £12,345 (year to 2023-03-31); postcode E8 1AA; website "
                                         "https://elders.example; Lunch club for older people")
    assert ds.organisations[1].notes == "removed from the register 2019-05-01; Youth club"
    assert counted(result.stdout) == {
        "operating in Hackney": 2, "written (registered)": 1, "written inactive (removed, --include-removed)": 1,
        "left out: removed from the register (--include-removed keeps them, inactive)": 0,
        "not operating in the area": 1, "linked charities (subsidiary parts, not imported)": 1}


def test_removed_charities_are_left_out_and_not_counted_as_written(tmp_path):
    extract = write_extract(tmp_path / "ccew", "txt")
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(extract), "--area", "Hackney",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert [o.id for o in load_dataset(tmp_path / "out").organisations] == ["gb-chc-1000001"]
    found = counted(result.stdout)
    assert (found["written (registered)"], found["left out: removed from the register (--include-removed keeps "
                                                 "them, inactive)"]) == (1, 1)
    assert "wrote " + str(tmp_path / "out") + ": 1 organisations" in result.stdout


@pytest.mark.parametrize("written", ["London Borough of Hackney", "HACKNEY", "Hackney Council", "hackney city"])
def test_the_area_is_matched_as_a_person_writes_it(tmp_path, written):
    extract = write_extract(tmp_path / "ccew", "json")
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(extract), "--area", written,
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "matched 'Hackney'" in result.stdout


def test_an_unknown_area_exits_2_naming_the_nearest(tmp_path):
    extract = write_extract(tmp_path / "ccew", "json")
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(extract), "--area",
                                      "Hackny", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert ("publicextract.charity_area_of_operation.json, column geographic_area_description, value 'Hackny': no "
            "area of operation in the register matches 'Hackny'; the nearest area names in the register are "
            "'Hackney'") in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("packing", ["each", "one"])
def test_the_zips_as_downloaded_are_read(tmp_path, packing):
    import zipfile

    extract = write_extract(tmp_path / "plain", "txt")
    zipped = tmp_path / "zips"
    zipped.mkdir()
    for table in TABLES:
        member = f"publicextract.{table}.txt"
        target = zipped / (f"publicextract.{table}.zip" if packing == "each" else "publicextract.zip")
        with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as z:
            z.write(extract / member, member)
    given = zipped if packing == "each" else zipped / "publicextract.zip"
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(given), "--area", "Hackney",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert [o.id for o in load_dataset(tmp_path / "out").organisations] == ["gb-chc-1000001"]


def test_include_region_adds_the_charities_operating_throughout_london(tmp_path):
    extract = write_extract(tmp_path / "ccew", "json", extra_areas=[
        {"organisation_number": 4, "registered_charity_number": 1000003, "linked_charity_number": 0,
         "geographic_area_type": "Region", "geographic_area_description": "Throughout London",
         "parent_geographic_area_type": None, "parent_geographic_area_description": None}])
    args = ["import", "charity-commission", "--extract", str(extract), "--area", "Hackney", "-o", str(tmp_path / "o")]
    assert [o.id for o in (lambda r: load_dataset(tmp_path / "o").organisations)(CliRunner().invoke(cli, args))] \
        == ["gb-chc-1000001"]
    result = CliRunner().invoke(cli, args + ["--include-region"])
    assert result.exit_code == 0, result.output
    orgs = load_dataset(tmp_path / "o").organisations
    assert [(o.id, o.kind) for o in orgs] == [("gb-chc-1000001", "registered charity"),
                                             ("gb-chc-1000003", "registered charity (throughout London)")]
    assert orgs[1].notes.startswith("operates throughout London (region-wide), not only in Hackney")
    assert counted(result.stdout)["operating throughout London (region-wide)"] == 1


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


@needs_real
@pytest.mark.parametrize("area,flags,counts,written", [
    ("Westminster", [], {"operating in City Of Westminster": 4, "written (registered)": 3,
                         "written inactive (removed, --include-removed)": 0,
                         "left out: removed from the register (--include-removed keeps them, inactive)": 1,
                         "not operating in the area": 196, "linked charities (subsidiary parts, not imported)": 372},
     3),
    ("London Borough of Hackney", ["--include-region", "--include-removed"],
     {"operating in Hackney": 3, "operating throughout London (region-wide)": 6, "written (registered)": 6,
      "written inactive (removed, --include-removed)": 3,
      "left out: removed from the register (--include-removed keeps them, inactive)": 0,
      "not operating in the area": 191, "linked charities (subsidiary parts, not imported)": 372}, 9),
])
def test_the_real_extract_every_charity_accounted_for(tmp_path, area, flags, counts, written):
    extract = REAL / "ccew-charity-django"
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(extract), "--area", area,
                                      "-o", str(tmp_path / "out"), *flags])
    assert result.exit_code == 0, result.output
    assert counted(result.stdout) == counts
    operating = sum(v for k, v in counts.items() if k.startswith("operating"))
    assert operating + counts["not operating in the area"] + counts[
        "linked charities (subsidiary parts, not imported)"] == 572
    assert len(load_dataset(tmp_path / "out").organisations) == written


def test_a_windows_1252_extract_is_read_with_a_note(tmp_path):
    extract = write_extract(tmp_path / "ccew", "txt")
    path = extract / "publicextract.charity.txt"
    path.write_bytes(path.read_text(encoding="utf-8-sig").replace("Hackney Elders Club\t", "Café Élan\t")
                     .encode("cp1252"))
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(extract), "--area", "Hackney",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "note: part of the extract is not UTF-8; those characters were read as Windows-1252" in result.stderr
    assert load_dataset(tmp_path / "out").organisations[0].name == "Café Élan"


@needs_real
def test_an_area_with_only_removed_charities_writes_an_empty_dataset(tmp_path):
    result = CliRunner().invoke(cli, ["import", "charity-commission", "--extract", str(REAL / "ccew-charity-django"),
                                      "--area", "bury", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert counted(result.stdout)["left out: removed from the register (--include-removed keeps them, inactive)"] == 1
    assert "note: no registered charity operates in Bury" in result.stderr
    assert load_dataset(tmp_path / "out").organisations == ()
