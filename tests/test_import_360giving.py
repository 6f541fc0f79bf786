"""360Giving grants into organisations and funds links; funds links on the map."""

import csv
import json

import pytest
from click.testing import CliRunner

from graphmodel import build_graph, load_dataset
from graphmodel.cli import cli
from graphmodel.viz import build_map

HEADER = ["Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
          "Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name",
          "Grant Programme:Title", "Last Modified", "Data Source"]
GRANTS = [
    ["360G-hck-001", "Lunch club", "Weekly lunch club", "GBP", "12,500", "2024-04-01", "GB-CHC-1000001",
     "Hackney Elders Club", "GB-LAE-HCK", "London Borough of Hackney", "Community Grants",
     "2024-05-01T10:00:00+00:00", ""],
    ["360G-hck-002", "Youth forum", "", "GBP", "3000", "2024-06-15", "GB-COH-0999", "Dalston Youth CIC",
     "GB-LAE-HCK", "London Borough of Hackney", "Small Grants", "2024-06-20T10:00:00+00:00", ""],
    ["360G-tnl-003", "Network development", "", "GBP", "40000", "2023-11-30", "GB-CHC-1000001",
     "Hackney Elders Club", "GB-GOR-PC390", "The National Lottery Community Fund", "Awards for All",
     "2024-01-01T10:00:00+00:00", ""],
]


def write_csv(path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(GRANTS)
    return path


def write_json(path):
    grants = [{"id": g[0], "title": g[1], "currency": g[3], "amountAwarded": float(g[4].replace(",", "")),
               "awardDate": g[5] + "T00:00:00+00:00",
               "recipientOrganization": [{"id": g[6], "name": g[7]}],
               "fundingOrganization": [{"id": g[8], "name": g[9]}],
               "grantProgramme": [{"title": g[10]}]} for g in GRANTS]
    path.write_text(json.dumps({"grants": grants}))
    return path


def write_xlsx(path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "grants"
    book.active.append(HEADER)
    for g in GRANTS:
        book.active.append(g[:4] + [float(g[4].replace(",", ""))] + g[5:])
    book.save(path)
    return path


@pytest.mark.parametrize("writer,name", [(write_csv, "grants.csv"), (write_json, "grants.json"),
                                         (write_xlsx, "grants.xlsx")])
def test_grants_become_funders_recipients_and_funds_links(tmp_path, writer, name):
    source = writer(tmp_path / name)
    result = CliRunner().invoke(cli, ["import", "360giving", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    ds = load_dataset(tmp_path / "out")
    assert [(o.id, o.sector.value, o.identifiers) for o in ds.organisations] == [
        ("gb-chc-1000001", "vcs", ("GB-CHC-1000001",)), ("gb-coh-0999", "vcs", ("GB-COH-0999",)),
        ("gb-gor-pc390", "statutory", ("GB-GOR-PC390",)), ("gb-lae-hck", "statutory", ("GB-LAE-HCK",))]
    assert [(l.source, l.target, l.kind.value, l.amount, str(l.date), l.programme) for l in ds.links] == [
        ("gb-lae-hck", "gb-chc-1000001", "funds", 12500.0, "2024-04-01", "Community Grants"),
        ("gb-lae-hck", "gb-coh-0999", "funds", 3000.0, "2024-06-15", "Small Grants"),
        ("gb-gor-pc390", "gb-chc-1000001", "funds", 40000.0, "2023-11-30", "Awards for All")]
    g = build_graph(ds)
    assert g.edges["gb-lae-hck", "gb-chc-1000001", "funds"]["amount"] == 12500.0


def test_funds_links_are_drawn_only_when_asked(tmp_path):
    CliRunner().invoke(cli, ["import", "360giving", str(write_csv(tmp_path / "g.csv")), "-o", str(tmp_path / "out")])
    g = build_graph(load_dataset(tmp_path / "out"))
    assert not [e for e in build_map(g).edges if e["kind"] == "funds"]
    funds = [e for e in build_map(g, show_funding=True).edges if e["kind"] == "funds"]
    assert sorted(e["label"] for e in funds) == ["£12,500", "£3,000", "£40,000"]
    result = CliRunner().invoke(cli, ["map", str(tmp_path / "out"), "--show-funding", "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 0


def test_bad_grant_rows_are_reported_by_file_and_row(tmp_path):
    rows = [list(g) for g in GRANTS]
    rows[1][4] = "three thousand"
    rows[2][8] = ""
    path = tmp_path / "bad.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER] + rows)
    result = CliRunner().invoke(cli, ["import", "360giving", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "bad.csv, row 3, column Amount Awarded, value 'three thousand': not a number" in result.stderr
    assert "bad.csv, row 4, column Funding Org:Identifier: the grant has no funder identifier" in result.stderr
    path.write_text("Identifier,Title\nx,y\n")
    result = CliRunner().invoke(cli, ["import", "360giving", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "the 360Giving column 'Recipient Org:Identifier' is missing" in result.stderr
