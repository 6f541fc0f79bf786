"""graphmodel/template.xlsx, the blank workbook ``engagemap template`` copies, is what
graphmodel.template_workbook builds from the column rules and the example rows, byte for byte."""

from __future__ import annotations

import dataclasses
import zipfile

from click.testing import CliRunner

from graphmodel import template_workbook
from graphmodel.cli import cli
from graphmodel.column_specs import COLUMNS
from graphmodel.exporting import write_template
from graphmodel.template_workbook import EXAMPLE_ROWS, SHIPPED, template_bytes


def test_the_shipped_workbook_is_the_one_the_rules_give():
    assert SHIPPED.read_bytes() == template_bytes(), (
        "graphmodel/template.xlsx is out of date: run python -m graphmodel.template_workbook")


def test_regenerating_gives_the_same_bytes():
    assert template_bytes() == template_bytes()
    with zipfile.ZipFile(SHIPPED) as book:
        assert {i.date_time for i in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2026-01-01T00:00:00Z" in book.read("docProps/core.xml")


def test_a_changed_column_or_example_row_changes_the_workbook(monkeypatch):
    """What the byte comparison above guards: a column's description or an example row changed
    without regenerating gives other bytes (so that test turns red)."""
    shipped = SHIPPED.read_bytes()
    rows = {table: [dict(r) for r in found] for table, found in EXAMPLE_ROWS.items()}
    rows["networks"][0]["name"] = "Community Empowerment Network (renamed)"
    monkeypatch.setattr(template_workbook, "EXAMPLE_ROWS", rows)
    assert template_bytes() != shipped
    monkeypatch.setattr(template_workbook, "EXAMPLE_ROWS", EXAMPLE_ROWS)
    columns = {table: dict(specs) for table, specs in COLUMNS.items()}
    columns["seats"]["term_end"] = dataclasses.replace(columns["seats"]["term_end"], description="when it ends")
    monkeypatch.setattr(template_workbook, "COLUMNS", columns)
    assert template_bytes() != shipped
    monkeypatch.setattr(template_workbook, "COLUMNS", COLUMNS)
    assert template_bytes() == shipped


def test_the_command_and_the_library_write_the_shipped_workbook(tmp_path):
    target = tmp_path / "blank.xlsx"
    done = CliRunner().invoke(cli, ["template", "-o", str(target)])
    assert done.exit_code == 0, done.output
    assert target.read_bytes() == SHIPPED.read_bytes()
    assert write_template(tmp_path / "again.xlsx") == tmp_path / "again.xlsx"
    assert (tmp_path / "again.xlsx").read_bytes() == SHIPPED.read_bytes()


def test_a_folder_in_the_way_is_refused_and_nothing_is_left_behind(tmp_path):
    (tmp_path / "blank.xlsx").mkdir()
    done = CliRunner().invoke(cli, ["template", "-o", str(tmp_path / "blank.xlsx")])
    assert done.exit_code == 2 and "blank.xlsx" in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["blank.xlsx"] and not any((tmp_path / "blank.xlsx").iterdir())


def test_a_missing_shipped_workbook_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(template_workbook, "SHIPPED", tmp_path / "nowhere.xlsx")
    done = CliRunner().invoke(cli, ["template", "-o", str(tmp_path / "blank.xlsx")])
    assert done.exit_code == 2 and "reinstall engagemap" in done.stderr
    assert not (tmp_path / "blank.xlsx").exists()
