"""Every validation rule, with the exact location and message it reports."""

import pytest
from helpers import small_network, write_dataset

from graphmodel import DatasetError, Dataset, Organisation, read_dataset


def problems_of(tmp_path, tables, container="csv"):
    result = read_dataset(write_dataset(tmp_path, tables, container))
    return [str(p) for p in result.problems], [str(w) for w in result.warnings]


def with_changes(**tables):
    data = small_network()
    data.update(tables)
    return data


def test_the_small_network_is_valid(tmp_path):
    assert problems_of(tmp_path, small_network()) == ([], [])


def test_missing_required_column(tmp_path):
    errors, _ = problems_of(tmp_path, {"organisations": [{"id": "a", "name": "A"}]})
    assert errors == ["organisations.csv, row 1, column sector: the required column 'sector' is missing from the header"]


def test_missing_required_value(tmp_path):
    errors, _ = problems_of(tmp_path, {"organisations": [{"id": "a", "name": "A", "sector": "vcs"},
                                                         {"id": "b", "name": "", "sector": "vcs"}]})
    assert errors == ["organisations.csv, row 3, column name: this column is required, but the cell is empty"]


def test_bad_enum_value_lists_the_allowed_ones(tmp_path):
    errors, _ = problems_of(tmp_path, {"organisations": [{"id": "a", "name": "A", "sector": "charity"}]})
    assert errors == ["organisations.csv, row 2, column sector, value 'charity': "
                      "not one of the allowed values: vcs, statutory, private"]


def test_malformed_id(tmp_path):
    errors, _ = problems_of(tmp_path, {"organisations": [{"id": "Hackney CVS", "name": "A", "sector": "vcs"}]})
    assert errors == ["organisations.csv, row 2, column id, value 'Hackney CVS': not a valid id: ids are 1 to 100 "
                      "characters of lowercase letters, digits, '-', '_' and '.', starting with a letter or digit"]


def test_duplicate_id_names_both_places(tmp_path):
    data = small_network()
    data["networks"].append({"id": "cvs", "name": "Clash", "led_by": "vcs"})
    errors, _ = problems_of(tmp_path, data)
    assert errors == ["networks.csv, row 4, column id, value 'cvs': the id is already used at organisations.csv, "
                      "row 3; ids must be unique across all tables"]


def test_unknown_reference_suggests_the_nearest_id(tmp_path):
    data = small_network()
    data["seats"][1]["holder"] = "counsil"
    errors, _ = problems_of(tmp_path, data)
    assert errors == ["seats.csv, row 3, column holder, value 'counsil': 'counsil' is not the id of any "
                      "organisation (did you mean 'council'?)"]


def test_reference_of_the_wrong_kind(tmp_path):
    data = small_network()
    data["seats"][0]["partnership"] = "net"
    errors, _ = problems_of(tmp_path, data)
    assert errors == ["seats.csv, row 2, column partnership, value 'net': 'net' is a network, not a partnership"]


def test_link_ends_must_fit_the_link_kind(tmp_path):
    data = small_network()
    data["links"][0]["source"] = "forum"
    errors, _ = problems_of(tmp_path, data)
    assert errors == ["links.csv, row 2, column source, value 'forum': 'forum' is a network, not a seat or "
                      "partnership"]


@pytest.mark.parametrize("column,value,message", [
    ("count", "lots", "not a whole number"),
    ("active", "maybe", "not a yes/no value (use yes/no, true/false, y/n or 1/0)"),
])
def test_bad_number_and_boolean(tmp_path, column, value, message):
    row = {"id": "a", "name": "A", "sector": "vcs", column: value}
    errors, _ = problems_of(tmp_path, {"organisations": [row]})
    assert errors == [f"organisations.csv, row 2, column {column}, value {value!r}: {message}"]


@pytest.mark.parametrize("value,message", [
    ("31/12/2025", "not a date in the form YYYY-MM-DD"),
    ("2025-02-30", "not a real date (the form is YYYY-MM-DD)"),
])
def test_bad_date(tmp_path, value, message):
    data = small_network()
    data["seats"][0]["term_end"] = value
    errors, _ = problems_of(tmp_path, data)
    assert errors == [f"seats.csv, row 2, column term_end, value {value!r}: {message}"]


def test_feeds_into_cycle(tmp_path):
    data = small_network()
    data["partnerships"][0]["feeds_into"] = ["health"]
    errors, _ = problems_of(tmp_path, data)
    assert errors == ["partnerships.csv, row 2, column feeds_into, value 'health': "
                      "feeds_into goes round in a circle: board -> health -> board"]


def test_part_of_cycle(tmp_path):
    data = small_network()
    data["communities"][0]["part_of"] = "older-lgbt"
    errors, _ = problems_of(tmp_path, data)
    assert errors == ["communities.csv, row 2, column part_of, value 'older-lgbt': "
                      "part_of goes round in a circle: older -> older-lgbt -> older"]


def test_network_member_of_itself_through_others(tmp_path):
    data = small_network()
    data["memberships"].append({"member": "net", "network": "forum"})
    errors, _ = problems_of(tmp_path, data)
    assert errors == ["memberships.csv, row 3, column network, value 'net': "
                      "network 'forum' is a member of itself through others: forum -> net -> forum"]


def test_network_member_of_itself_directly(tmp_path):
    data = small_network()
    data["memberships"].append({"member": "net", "network": "net"})
    errors, _ = problems_of(tmp_path, data)
    assert errors == ["memberships.csv, row 5, column member, value 'net': a network cannot be a member of itself"]


@pytest.mark.parametrize("value", ["1.5", "-0.1", "150%"])
def test_min_vcs_share_outside_0_to_1(tmp_path, value):
    data = small_network()
    data["partnerships"][0]["min_vcs_share"] = value
    errors, _ = problems_of(tmp_path, data)
    assert len(errors) == 1
    assert errors[0].startswith("partnerships.csv, row 2, column min_vcs_share, value ")
    assert errors[0].endswith("must be between 0 and 1 (a share of the seats: 0.3 means 30%)")


@pytest.mark.parametrize("value", ["bme", "bme:0", "bme:x", ":2", "bme:1@"])
def test_required_not_in_community_n_form(tmp_path, value):
    data = small_network()
    data["partnerships"][0]["required"] = value
    errors, _ = problems_of(tmp_path, data)
    assert errors == [f"partnerships.csv, row 2, column required, value {value!r}: {value!r} is not in the form "
                      f"community_id:N or community_id:N@group (for example bme:1 or bme:1@community reps)"]


ID_RULE = ("not a valid id: ids are 1 to 100 characters of lowercase letters, digits, '-', '_' and '.', "
           "starting with a letter or digit")


@pytest.mark.parametrize("item,shown,message", [
    ({"community": "bme", "seats": 0}, "[{'community': 'bme', 'seats': 0}]",
     "seats: Input should be greater than or equal to 1"),
    ({"community": "BME", "seats": 1}, "'BME'", ID_RULE),
    ({"seats": 1}, "[{'seats': 1}]", ID_RULE),
])
def test_a_required_item_given_as_a_mapping_is_read_by_the_same_rule(tmp_path, item, shown, message):
    """JSON and YAML may give a ``required`` item as a mapping: it is read by Required, as the
    text form is, and a bad one is a located problem (seats 0 used to end in an unexpected failure)."""
    data = small_network()
    data["partnerships"][0]["required"] = [item]
    errors, _ = problems_of(tmp_path, data, "json")
    assert errors == [f"ds.json, table 'partnerships', item 1, column required, value {shown}: {message}"]


def test_required_names_an_unknown_community(tmp_path):
    data = small_network()
    data["partnerships"][0]["required"] = ["older:1", "bme:2"]
    errors, _ = problems_of(tmp_path, data)
    assert errors == ["partnerships.csv, row 2, column required, value 'bme': 'bme' is not the id of any community"]


def test_size_min_above_size_max(tmp_path):
    data = small_network()
    data["partnerships"][0]["size_min"] = 9
    errors, _ = problems_of(tmp_path, data)
    assert errors == ["partnerships.csv, row 2, column size_min, value 9: size_min is larger than size_max (6)"]


def test_unknown_table_and_column_are_warnings_naming_the_nearest(tmp_path):
    data = small_network()
    data["organisation_notes"] = [{"id": "x"}]
    data["seats"][0]["reprsents"] = "older"
    errors, warnings = problems_of(tmp_path, data)
    assert errors == []
    assert "seats.csv, row 1, column reprsents: unknown column 'reprsents' was ignored; did you mean 'represents'?" \
        in warnings
    assert "organisation_notes.csv: unknown table 'organisation_notes' was ignored; did you mean 'organisations'?" \
        in warnings


def test_three_different_problems_are_all_reported(tmp_path):
    data = small_network()
    data["organisations"][1]["sector"] = "charity"
    data["seats"][1]["holder"] = "nobody"
    data["memberships"][0]["since"] = "last year"
    errors, _ = problems_of(tmp_path, data)
    assert len(errors) == 3
    assert any("organisations.csv, row 3, column sector, value 'charity'" in e for e in errors)
    assert any("seats.csv, row 3, column holder, value 'nobody'" in e for e in errors)
    assert any("memberships.csv, row 2, column since, value 'last year'" in e for e in errors)


def test_an_invalid_row_does_not_cascade_into_unknown_references(tmp_path):
    data = small_network()
    data["organisations"][0]["sector"] = "council"  # the council row is now invalid
    errors, _ = problems_of(tmp_path, data)
    assert errors == ["organisations.csv, row 2, column sector, value 'council': "
                      "not one of the allowed values: vcs, statutory, private"]


def test_xlsx_problems_name_the_sheet(tmp_path):
    data = small_network()
    data["seats"][0]["sector"] = "charity"
    errors, _ = problems_of(tmp_path, data, "xlsx")
    assert errors == ["ds.xlsx, sheet 'seats', row 2, column sector, value 'charity': "
                      "not one of the allowed values: vcs, statutory, private, elected, other"]


@pytest.mark.parametrize("container", ["json", "yaml"])
def test_json_and_yaml_problems_name_the_item(tmp_path, container):
    data = small_network()
    data["seats"][2]["voting"] = "perhaps"
    errors, _ = problems_of(tmp_path, data, container)
    assert errors == [f"ds.{container}, table 'seats', item 3, column voting, value 'perhaps': "
                      "not a yes/no value (use yes/no, true/false, y/n or 1/0)"]


def test_duplicate_header(tmp_path):
    folder = tmp_path / "dup"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,name,sector,Name\na,A,vcs,B\n", encoding="utf-8")
    errors = [str(p) for p in read_dataset(folder).problems]
    assert errors == ["organisations.csv, row 1, column name: the column 'name' appears twice in the header "
                      "(columns 2 and 4)"]


def test_organisations_table_is_required(tmp_path):
    errors, _ = problems_of(tmp_path, {"networks": [{"id": "n", "name": "N", "led_by": "vcs"}]})
    assert len(errors) == 1 and "the organisations table is missing" in errors[0]


def test_building_a_dataset_directly_checks_references():
    with pytest.raises(DatasetError) as err:
        Dataset(organisations=[Organisation(id="a", name="A", sector="vcs", serves=["nobody"])])
    assert str(err.value.problems[0]) == ("organisations, item 1, column serves, value 'nobody': "
                                          "'nobody' is not the id of any community")
