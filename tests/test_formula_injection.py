"""Every CSV and XLSX engagemap writes neutralises cells a spreadsheet would run as formulas
(OWASP's CSV injection guidance), and reading them back gives the same values."""

import csv

import pytest
from click.testing import CliRunner

from graphmodel import Dataset, load_dataset
from graphmodel.cli import cli
from graphmodel.writers import write_csv_folder

NASTY = ["=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)", "'=quoted", "''", "'plain"]


def nasty_dataset():
    """Formula-like names and notes (as a loaded dataset has them: cells are trimmed when read)."""
    return Dataset(
        name="nasty",
        organisations=[{"id": f"o{i}", "name": name, "sector": "vcs", "notes": name} for i, name in enumerate(NASTY)],
        partnerships=[{"id": "board", "name": "=1+1", "level": "board"}],
        seats=[{"id": "s", "partnership": "board", "sector": "vcs", "holder": "o0", "notes": "@cmd"}],
    )


def test_csv_cells_that_look_like_formulas_are_neutralised_and_read_back_unchanged(tmp_path):
    ds = nasty_dataset()
    write_csv_folder(ds, tmp_path / "out")
    with open(tmp_path / "out" / "organisations.csv", newline="", encoding="utf-8") as f:
        names = [row[1] for row in list(csv.reader(f))[1:]]
    for cell in names:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert names[0] == "'=HYPERLINK(\"http://x\",\"click\")" and names[6] == "'plain"
    assert load_dataset(tmp_path / "out", name="nasty") == ds


def test_a_carriage_return_inside_a_csv_cell_survives(tmp_path):
    ds = Dataset(name="cr", organisations=[{"id": "a", "name": "a\rb", "sector": "vcs"}])
    write_csv_folder(ds, tmp_path / "cr")
    assert load_dataset(tmp_path / "cr") == ds


def test_xlsx_cells_are_text_never_formulas(tmp_path):
    from openpyxl import load_workbook

    ds = nasty_dataset()
    write_csv_folder(ds, tmp_path / "csv")
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "csv"), "--to", "xlsx", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "x.xlsx")
    cells = [c for row in book["organisations"].iter_rows(min_row=2) for c in row if c.value is not None]
    assert cells and all(c.data_type == "s" for c in cells)
    assert book["partnerships"]["B2"].value == "=1+1" and book["partnerships"]["B2"].data_type == "s"
    assert load_dataset(tmp_path / "x.xlsx", name="nasty") == ds


def test_analysis_csv_output_is_neutralised(tmp_path):
    """diff --format csv prints names as they were and are: formula-like ones arrive neutralised."""
    old = nasty_dataset()
    write_csv_folder(old.model_copy(update={"partnerships": [old.partnerships[0].model_copy(
        update={"name": "Board"})]}), tmp_path / "old")
    write_csv_folder(old, tmp_path / "new")
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(result.stdout.splitlines()))
    assert ["changed", "partnerships", "board", "name", "Board", "'=1+1"] in rows
    assert not [c for row in rows for c in row if c.startswith(("=", "+", "-", "@"))]


@pytest.mark.parametrize("to", ["csv"])
def test_export_and_pull_share_the_neutralising_writer(tmp_path, to):
    write_csv_folder(nasty_dataset(), tmp_path / "d")
    CliRunner().invoke(cli, ["export", str(tmp_path / "d"), "--to", to, "-o", str(tmp_path / "e")])
    text = (tmp_path / "e" / "seats.csv").read_text()
    assert "'@cmd" in text and ",@cmd" not in text


def test_quoted_cells_in_a_file_with_short_rows(tmp_path):
    folder = tmp_path / "short"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,name,sector,notes\na,'=A,vcs\nb,B,vcs,'@x\n", encoding="utf-8")
    ds = load_dataset(folder)
    assert [(o.name, o.notes) for o in ds.organisations] == [("=A", None), ("B", "@x")]
