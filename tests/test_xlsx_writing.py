"""``export --to xlsx`` writes the workbook itself (graphmodel.xlsx_writing) from the valid rows, no
models made: read back by openpyxl and by engagemap's own reader it is exactly the dataset exported,
and it holds the cell values the openpyxl-written export held, headers bold."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from helpers import small_network, write_dataset
from openpyxl import Workbook, load_workbook

from graphmodel import load_dataset
from graphmodel.cli import cli
from graphmodel.column_specs import COLUMNS
from graphmodel.exporting import export, export_rows, rows_without_names, without_names
from graphmodel.load import read_rows
from graphmodel.output import xml_text
from graphmodel.writers import cell_text
from graphmodel.xlsx_writing import write_workbook

EXAMPLES = ["devon", "gloucester", "hackney", "herefordshire", "islington", "lambeth", "manchester"]


def openpyxl_way(dataset, target) -> None:
    """The export as openpyxl wrote it before (graphmodel.exporting.write_xlsx until issue 17)."""
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table, specs in COLUMNS.items():
        sheet = book.create_sheet(table)
        columns = list(specs)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for number, row in enumerate(dataset.rows(table), start=2):
            for i, c in enumerate(columns, start=1):
                text = xml_text(cell_text(getattr(row, c)))
                if text:
                    cell = sheet.cell(row=number, column=i, value=text)
                    cell.data_type = "s"
    book.save(target)


def cells(path) -> dict[str, list[tuple]]:
    """Every sheet's values as openpyxl reads them, and whether each header cell is bold."""
    book = load_workbook(path)
    out = {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    bold = {name: [c.font.b for c in book[name][1]] for name in book.sheetnames}
    plain = {name: {c.font.b for row in book[name].iter_rows(min_row=2) for c in row if c.value is not None}
             for name in book.sheetnames}
    return {"values": out, "bold": bold, "plain": plain}


def exported_rows(source, tmp_path, people: bool):
    target = tmp_path / "out.xlsx"
    done = CliRunner().invoke(cli, ["export", str(source), "--to", "xlsx", "-o", str(target),
                                    *(["--include-people"] if people else [])])
    assert done.exit_code == 0, done.output
    return target


@pytest.mark.parametrize("people", [False, True])
@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_reads_back_as_the_dataset_and_as_openpyxl_wrote_it(examples_dir, tmp_path, example, people):
    source = examples_dir / example
    target = exported_rows(source, tmp_path, people)
    _, rows, _ = read_rows(source)
    assert read_rows(target)[1] == (rows if people else rows_without_names(rows))
    dataset = load_dataset(source)
    openpyxl_way(dataset if people else without_names(dataset), tmp_path / "old.xlsx")
    new, old = cells(target), cells(tmp_path / "old.xlsx")
    assert new == old
    assert all(all(b) for b in new["bold"].values()) and all(p <= {False} for p in new["plain"].values())


def test_the_library_s_export_writes_the_same_workbook_as_the_command(tmp_path):
    source = write_dataset(tmp_path, small_network())
    export(load_dataset(source), "xlsx", tmp_path / "library.xlsx")
    target = exported_rows(source, tmp_path, False)
    assert (tmp_path / "library.xlsx").read_bytes() == target.read_bytes()
    assert b"Ada Example" not in b"".join(zipfile.ZipFile(target).read(n) for n in zipfile.ZipFile(target).namelist())


TEXTS = {
    "formula": "=HYPERLINK(\"http://x\",\"y\")", "plus": "+1+2", "minus": "-3", "at": "@SUM(A1)",
    "markup": "a & b < c > d \"e\" 'f' ]]>", "unicode": "Ünïcödé — 名前 \U0001F600 \u202egnp.exe",
    "tabs": "a\tb\nc", "long": "x" * 32_767, "controls": "bell\x07 esc\x1b[31m del\x7f nul\x00 \ufffe",
    "underscore": "_x0041_ and _x000D_",
}


def edge_case_tables():
    """A dataset whose free text holds what a workbook must escape or keep, and empty tables."""
    orgs = [{"id": f"o-{key}", "name": text, "sector": "vcs", "notes": text, "kind": text} for key, text in TEXTS.items()]
    return {"organisations": orgs, "people": [{"id": "p1", "name": "=Ada", "notes": "private\x01", "organisation":
                                               "o-formula"}]}


@pytest.mark.parametrize("people", [False, True])
def test_edge_cases_read_back_as_the_dataset_and_as_openpyxl_wrote_them(tmp_path, people):
    source = write_dataset(tmp_path, edge_case_tables(), container="json")
    target = exported_rows(source, tmp_path, people)
    _, rows, _ = read_rows(source)
    expected = rows if people else rows_without_names(rows)
    for row in expected["organisations"] + expected["people"]:  # controls shown as escapes, as before
        for c in ("name", "notes", "kind"):
            if isinstance(row.get(c), str):
                row[c] = xml_text(row[c])
    assert read_rows(target)[1] == expected
    assert [r for r in expected.values() if r] == [expected["organisations"], expected["people"]]  # empty tables
    dataset = load_dataset(source)
    openpyxl_way(dataset if people else without_names(dataset), tmp_path / "old.xlsx")
    assert cells(target) == cells(tmp_path / "old.xlsx")
    sheets = zipfile.ZipFile(target)
    assert not any(b"<f>" in sheets.read(n) or b"<f " in sheets.read(n) for n in sheets.namelist())  # no formula


def test_a_carriage_return_reads_back_as_written(tmp_path):
    """The one text the openpyxl-written export changed on the way (a carriage return became a line
    feed, as an XML parser folds a bare one): written here as a reference, so it is kept."""
    texts = ["a\rb", "a\r\nb", "x005F_y", " both ends "]
    write_workbook(tmp_path / "t.xlsx", [("notes", ["text"], [[t] for t in texts])])
    assert [r[0] for r in load_workbook(tmp_path / "t.xlsx").active.iter_rows(min_row=2, values_only=True)] == texts
    old = Workbook()
    for t in texts:
        old.active.append([t])
    old.save(tmp_path / "old.xlsx")
    assert [r[0] for r in load_workbook(tmp_path / "old.xlsx").active.iter_rows(values_only=True)] \
        == ["a\nb", "a\nb", "x005F_y", " both ends "]


def test_a_workbook_of_empty_sheets_and_gaps(tmp_path):
    target = tmp_path / "gaps.xlsx"
    write_workbook(target, [("empty", ["a", "b"], []), ("gaps", ["a", "b", "c"], [["", "x", ""], ["", "", ""],
                                                                                   ["y", "", "z"]])])
    book = load_workbook(target)
    assert book.sheetnames == ["empty", "gaps"]
    assert list(book["empty"].iter_rows(values_only=True)) == [("a", "b")]
    assert list(book["gaps"].iter_rows(values_only=True)) == [("a", "b", "c"), (None, "x", None),
                                                             (None, None, None), ("y", None, "z")]
    assert [c.font.b for c in book["gaps"][1]] == [True] * 3 and not book["gaps"]["B2"].font.b
    read_only = load_workbook(target, read_only=True)  # as engagemap's reader opens it
    assert list(read_only["gaps"].iter_rows(values_only=True))[-1] == ("y", None, "z")


def test_the_same_tables_give_the_same_bytes():
    written = []
    for _ in range(2):
        out = io.BytesIO()
        write_workbook(out, [("t", ["id"], [["a"], ["b"]])])
        written.append(out.getvalue())
    assert written[0] == written[1]
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(written[0])).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_export_rows_refuses_other_formats(tmp_path):
    from graphmodel.exceptions import EngagemapError

    with pytest.raises(EngagemapError, match="cannot export rows as 'csv'"):
        export_rows({}, "csv", tmp_path / "x")


def test_text_a_cell_cannot_hold_is_refused_not_cut(tmp_path):
    """A workbook cell holds 32,767 characters: a longer text (after control characters are shown as
    escapes) is one located line each, exit status 2, and no workbook (CSV keeps any length)."""
    tables = small_network()
    tables["organisations"][0]["notes"] = "x" * 32_768
    tables["organisations"][1]["kind"] = "\x07" * 10_000  # 10,000 characters, 40,000 once escaped
    tables["networks"][0]["name"] = "y" * 32_767  # fits exactly
    (tmp_path / "long").mkdir()
    source = write_dataset(tmp_path / "long", tables, container="json")
    first, second = (tables["organisations"][i]["id"] for i in (0, 1))
    target = tmp_path / "out.xlsx"
    result = CliRunner().invoke(cli, ["export", str(source), "--to", "xlsx", "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"error: organisations id {first}, column notes: 32,768 characters, more than the 32,767 a workbook "
        "cell holds; export --to csv keeps text of any length",
        f"error: organisations id {second}, column kind: 40,000 characters, more than the 32,767 a workbook "
        "cell holds; export --to csv keeps text of any length",
        "2 problems found"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long"]  # nothing written, no temporary file left


def test_libreoffice_reads_the_exported_workbook_as_the_csv_export(examples_dir, tmp_path):
    """A spreadsheet program, not only openpyxl and engagemap, opens the workbook: LibreOffice's own
    reader turns every sheet into exactly the CSV file ``export --to csv`` writes (CI installs Debian's
    LibreOffice; elsewhere the test is skipped without it)."""
    import csv
    import os
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing: .ci/run installs Debian's libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    tables = small_network()
    tables["organisations"][0]["notes"] = "Ünïcödé 名前 \"quoted\", a;b =HYPERLINK(\"http://x\",\"y\") +1"
    tables["organisations"][1]["notes"] = "=1+1"  # text, not a formula: the CSV export shows it as '=1+1
    for name, source in (("hackney", examples_dir / "hackney"), ("edges", write_dataset(tmp_path / "e", tables))):
        runner = CliRunner()
        assert runner.invoke(cli, ["export", str(source), "--to", "xlsx", "-o", str(tmp_path / f"{name}.xlsx")]) \
            .exit_code == 0
        assert runner.invoke(cli, ["export", str(source), "--to", "csv", "-o", str(tmp_path / f"{name}-csv")]) \
            .exit_code == 0
        # every sheet as UTF-8 CSV, comma-separated, text quoted as needed (LibreOffice's filter options)
        done = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                               "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,'
                               "false,-1", "--outdir", str(tmp_path / name), str(tmp_path / f"{name}.xlsx")],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        for table in COLUMNS:
            written = tmp_path / f"{name}-csv" / f"{table}.csv"
            expected = list(csv.reader(written.open(encoding="utf-8"))) if written.exists() else [list(COLUMNS[table])]
            read = list(csv.reader((tmp_path / name / f"{name}-{table}.csv").open(encoding="utf-8")))
            if name == "edges" and table == "organisations":
                assert read[2][-1] == "=1+1" and expected[2][-1] == "'=1+1"  # LibreOffice did not compute it
                expected[2][-1] = "=1+1"
            assert read == expected, (name, table)
