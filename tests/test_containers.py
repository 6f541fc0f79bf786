"""The same dataset read from each of the four containers."""

import codecs
from datetime import date

import pytest
from helpers import CONTAINERS, small_network, write_dataset

from graphmodel import DatasetError, load_dataset, read_dataset
from graphmodel.model import LedBy, Method, OrgSector


@pytest.mark.parametrize("container", CONTAINERS)
def test_small_network_reads_in_every_container(tmp_path, container):
    ds = load_dataset(write_dataset(tmp_path, small_network(), container))
    assert ds.name == "ds"
    assert [o.id for o in ds.organisations] == ["council", "cvs", "tra", "many", "gone"]
    many = ds.organisations[3]
    assert many.count == 120 and many.identifiers == ("GB-CHC-1",) and many.sector is OrgSector.vcs
    assert ds.organisations[4].active is False
    assert ds.networks[0].led_by is LedBy.vcs
    board = ds.partnerships[0]
    assert board.min_vcs_share == 0.25 and (board.size_min, board.size_max) == (2, 6)
    assert [str(r) for r in board.required] == ["older:1"]
    assert ds.partnerships[1].themes == ("health", "care")
    seat = ds.seats[0]
    assert seat.method is Method.elected and seat.represents == ("older",)
    assert seat.term_end == date(2026, 12, 31)
    assert ds.seats[2].voting is False and ds.seats[2].holder is None
    assert ds.memberships[0].since == date(2020, 1, 1)


def test_all_containers_give_equal_datasets(tmp_path):
    loaded = []
    for container in CONTAINERS:
        (tmp_path / container).mkdir()
        loaded.append(load_dataset(write_dataset(tmp_path / container, small_network(), container)))
    assert all(ds == loaded[0] for ds in loaded[1:])


def test_csv_with_byte_order_mark_as_excel_writes_it(tmp_path):
    folder = tmp_path / "bom"
    folder.mkdir()
    (folder / "organisations.csv").write_bytes(
        codecs.BOM_UTF8 + "id,name,sector\r\nhcvs,Hackney CVS,vcs\r\n".encode())
    ds = load_dataset(folder)
    assert ds.organisations[0].id == "hcvs"


def test_csv_semicolon_delimited_as_some_excel_locales_write_it(tmp_path):
    folder = tmp_path / "semi"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id;name;sector\nhcvs;Hackney CVS;vcs\n", encoding="utf-8")
    assert load_dataset(folder).organisations[0].name == "Hackney CVS"


def test_cell_conventions_in_csv(tmp_path):
    folder = tmp_path / "cells"
    folder.mkdir()
    (folder / "organisations.csv").write_text(
        "ID, Name ,Sector,count,serves,active\n"
        "a,  Alpha  ,VCS,\"1,900\", x ; y ;,N\n"
        ",,,,,\n"
        "b,Beta,statutory,,,TRUE\n", encoding="utf-8")
    (folder / "communities.csv").write_text("id,name\nx,X\ny,Y\n", encoding="utf-8")
    ds = load_dataset(folder)
    a, b = ds.organisations
    assert (a.name, a.sector, a.count, a.serves, a.active) == ("Alpha", OrgSector.vcs, 1900, ("x", "y"), False)
    assert (b.count, b.active, b.serves) == (1, True, ())


def test_xlsx_typed_cells(tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "organisations"
    sheet.append(["id", "name", "sector", "count", "active"])
    sheet.append(["a", "Alpha", "vcs", 40, True])
    sheet.append([123, "Numbered", "vcs", 2.0, 0])
    seats = book.create_sheet("Seats")
    seats.append(["id", "partnership", "sector", "term_end"])
    seats.append(["s", "p", "vcs", datetime(2025, 3, 31)])
    parts = book.create_sheet("partnerships")
    parts.append(["id", "name", "level", "min_vcs_share", None, None])
    parts.append(["p", "P", "board", 0.3])
    book.create_sheet("About").append(["This sheet is documentation and is skipped"])
    path = tmp_path / "typed.xlsx"
    book.save(path)
    ds = load_dataset(path)
    assert [(o.id, o.count, o.active) for o in ds.organisations] == [("a", 40, True), ("123", 2, False)]
    assert ds.seats[0].term_end == date(2025, 3, 31)
    assert ds.partnerships[0].min_vcs_share == 0.3


def test_empty_tables_are_valid(tmp_path):
    ds = load_dataset(write_dataset(tmp_path, {"organisations": [], "seats": []}, "json"))
    assert ds.organisations == () and ds.seats == ()


def test_yaml_lists_and_booleans_are_native(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("organisations:\n  - id: a\n    name: A\n    sector: vcs\n    active: false\n"
                    "    identifiers: [GB-CHC-1, GB-COH-2]\n", encoding="utf-8")
    org = load_dataset(path).organisations[0]
    assert org.active is False and org.identifiers == ("GB-CHC-1", "GB-COH-2")


@pytest.mark.parametrize("name,content,message", [
    ("book.xlsx", b"id,name,sector\n", "this is not an Excel workbook (.xlsx), though its name says so"),
    ("data.json", b"organisations:\n  - id: a\n", "this is not valid JSON (line 1, column 1"),
    ("data.json", b"[1, 2]", "the top level of this JSON file must map table names"),
    ("data.yaml", b"organisations: [a: b: c]\n", "this is not valid YAML"),
    ("data.txt", b"x", "not a dataset: give a folder of CSV files, an .xlsx workbook, or a .json or .yaml file"),
])
def test_a_file_that_is_not_what_it_says_gets_one_sentence(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = read_dataset(path)
    assert len(result.problems) == 1
    assert message in result.problems[0].message
    assert result.problems[0].source.endswith(name)


def test_folder_without_tables(tmp_path):
    with pytest.raises(DatasetError) as err:
        load_dataset(tmp_path)
    assert "holds no .csv files" in err.value.problems[0].message


def test_latin1_csv_is_refused_with_advice(tmp_path):
    (tmp_path / "organisations.csv").write_bytes("id,name,sector\na,Caf\xe9,vcs\n".encode("latin-1"))
    problems = read_dataset(tmp_path).problems
    assert len(problems) == 1
    assert problems[0].source == "organisations.csv"
    assert "not UTF-8" in problems[0].message and "CSV UTF-8" in problems[0].message
