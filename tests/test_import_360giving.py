"""360Giving grants into organisations and funds links; funds links on the map."""

import csv
import json

import pytest
from click.testing import CliRunner

from graphmodel import build_graph, load_dataset
from graphmodel.cli import cli
from graphmodel.viz import build_map
from realdata import REAL, counted, needs_real

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


def import_rows(tmp_path, rows, name="grants.csv", header=HEADER):
    """Write ``rows`` under ``header`` as the CSV ``name`` and import it into ``tmp_path/out``."""
    path = tmp_path / name
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header] + rows)
    return CliRunner().invoke(cli, ["import", "360giving", str(path), "-o", str(tmp_path / "out")])


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


def test_bad_grants_are_skipped_and_located_the_rest_imported(tmp_path):
    rows = [list(g) for g in GRANTS]
    rows[1][4] = "three thousand"
    rows[2][8] = ""
    rows.append(["360G-self", "Self", "", "GBP", "10", "2024-01-01", "GB-LAE-HCK", "Hackney", "GB-LAE-HCK",
                 "London Borough of Hackney", "", "", ""])
    path = tmp_path / "bad.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER] + rows)
    result = CliRunner().invoke(cli, ["import", "360giving", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert ("bad.csv, row 3, column Amount Awarded, value 'three thousand': grant 360G-hck-002: grant skipped: "
            "the amount is not a number") in result.stderr
    assert ("bad.csv, row 4, column Funding Org:Identifier: grant 360G-tnl-003: grant skipped: no funder "
            "identifier") in result.stderr
    assert ("bad.csv, row 5, column Recipient Org:Identifier, value 'GB-LAE-HCK': grant 360G-self: grant skipped: "
            "the funder is recorded as its own recipient") in result.stderr
    assert "3 warnings" in result.stderr
    assert counted(result.stdout) == {"grants imported": 1, "grants skipped (the amount is not a number)": 1,
                                      "grants skipped (no funder identifier)": 1,
                                      "grants skipped (the funder is recorded as its own recipient)": 1}
    assert [(l.source, l.target) for l in load_dataset(tmp_path / "out").links] == [("gb-lae-hck", "gb-chc-1000001")]


def test_a_problem_found_by_the_shared_validation_is_located_in_the_input(tmp_path):
    """The importer's rows go through the validation step a dataset's rows go through: the same
    wording as for a CSV dataset, located at the grant's row and id, the row left out and counted."""
    rows = [list(g) for g in GRANTS] + [["360G-big", "Big", "", "GBP", "1e400", "2024-01-01", "GB-CHC-3", "Three",
                                         "GB-LAE-HCK", "London Borough of Hackney", "", "", ""]]
    result = import_rows(tmp_path, rows)
    assert result.exit_code == 0, result.output
    message = "not a finite number (NaN and infinity are not amounts)"
    assert result.stderr.splitlines()[0] == (f"warning: grants.csv, row 5, column amount, value inf: grant 360G-big: "
                                             f"{message}; left out")
    assert counted(result.stdout) == {"grants imported": 4, "left out (links)": 1}
    assert len(load_dataset(tmp_path / "out").links) == 3
    folder = tmp_path / "dataset"  # the same cell in a dataset: the same words
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,name,sector\na,A,vcs\nb,B,vcs\n")
    (folder / "links.csv").write_text("source,target,kind,amount\na,b,funds,inf\n")
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 2 and f"links.csv, row 2, column amount, value 'inf': {message}" in result.stderr


def test_nothing_usable_or_no_funder_column_exits_2(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Identifier,Title\nx,y\n")
    result = CliRunner().invoke(cli, ["import", "360giving", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "bad.csv, row 1, column Recipient Org:Identifier: the 360Giving column 'Recipient Org:Identifier' (or " \
           "'recipientOrganization/id') is missing" in result.stderr
    path.write_text("Identifier,Funding Org:Identifier,Recipient Org:Identifier\nx,GB-CHC-1,GB-CHC-1\n")
    result = CliRunner().invoke(cli, ["import", "360giving", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "bad.csv: no usable grant among the 1 read" in result.stderr
    assert "grant x: grant skipped: the funder is recorded as its own recipient" in result.stderr
    assert not (tmp_path / "out").exists()


def test_headers_matched_as_the_standards_tools_match_them(tmp_path):
    header = ["identifier", "Funding Org: Identifier", "FUNDING ORG : NAME", "recipientOrganization/0/id",
              "Recipient Org:Name", "Amount Awarded", "awardDate", "Grant Programme: Title",
              "Beneficiary Location:0:Geographic Code", "Beneficiary Location:0:Name",
              "Recipient Org:Charity Number", "Recipient Org:Company Number", "Recipient Org:Postal Code",
              "Something Else"]
    rows = [["g1", "GB-GOR-1", "Fund", "GB-CHC-100", "Club", "100", "2024-01-02", "Small Grants", "E09000012",
             "Hackney", "100", "1234", "E8 1AA", "x"]]
    result = import_rows(tmp_path, rows, "g.csv", header)
    assert result.exit_code == 0, result.output
    ds = load_dataset(tmp_path / "out")
    assert [(l.source, l.target, l.amount, str(l.date), l.programme) for l in ds.links] == [
        ("gb-gor-1", "gb-chc-100", 100.0, "2024-01-02", "Small Grants")]
    club = next(o for o in ds.organisations if o.id == "gb-chc-100")
    assert (club.identifiers, club.serves, club.notes) == (("GB-CHC-100", "GB-COH-00001234"), ("ons-e09000012",),
                                                          "postcode E8 1AA")
    assert [(c.id, c.name, c.kind.value) for c in ds.communities] == [("ons-e09000012", "Hackney", "place")]


def test_a_windows_1252_csv_is_read_with_a_note(tmp_path):
    path = tmp_path / "excel.csv"
    text = "Identifier,Funding Org:Identifier,Funding Org:Name,Recipient Org:Identifier,Recipient Org:Name," \
           "Amount Awarded\r\ng1,GB-GOR-1,Caf\u00e9 Fund,GB-CHC-1,Cr\u00e8che \u2013 Dalston,\u00a3500\r\n"
    path.write_bytes(text.encode("cp1252"))
    result = CliRunner().invoke(cli, ["import", "360giving", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "excel.csv is not UTF-8 (first at line 2); it was read as Windows-1252" in result.stderr
    ds = load_dataset(tmp_path / "out")
    assert sorted(o.name for o in ds.organisations) == ["Café Fund", "Crèche – Dalston"]
    assert ds.links[0].amount == 500.0
    path.write_bytes(text.encode("utf-16"))
    result = CliRunner().invoke(cli, ["import", "360giving", str(path), "-o", str(tmp_path / "out2")])
    assert result.exit_code == 2 and "excel.csv: the file is UTF-16 text; save it as 'CSV UTF-8" in result.stderr


def test_repeat_grants_become_one_link_with_the_total(tmp_path):
    rows = [["g1", "GB-GOR-1", "Fund", "GB-CHC-1", "Club", "100", "2021-03-01", "A", "Lunches"],
            ["g2", "GB-GOR-1", "Fund", "GB-CHC-1", "Club", "250.50", "2020-01-15", "B", ""],
            ["g3", "GB-GOR-1", "Fund", "GB-CHC-1", "Club", "1,000", "2022-07-01", "A", ""],
            ["g4", "GB-GOR-1", "Fund", "GB-CHC-2", "Other", "5", "2022-07-01", "A", ""]]
    path = tmp_path / "g.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Identifier", "Funding Org:Identifier", "Funding Org:Name",
                                  "Recipient Org:Identifier", "Recipient Org:Name", "Amount Awarded", "Award Date",
                                  "Grant Programme:Title", "Title"]] + rows)
    result = CliRunner().invoke(cli, ["import", "360giving", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert counted(result.stdout) == {"grants imported": 4,
                                      "(grants joined into one funds link per funder and recipient)": 2}
    links = load_dataset(tmp_path / "out").links
    assert [(l.target, l.amount, str(l.date), l.programme) for l in links] == [
        ("gb-chc-1", 1350.5, "2020-01-15", "A; B"), ("gb-chc-2", 5.0, "2022-07-01", "A")]
    assert links[0].notes == "3 grants, awarded 2020-01-15 to 2022-07-01 | currency GBP | g1: Lunches | g2 | g3"
    validated = CliRunner().invoke(cli, ["validate", str(tmp_path / "out")])
    assert validated.exit_code == 0 and "more than once" not in validated.stderr


def test_the_colon_space_header_fills_the_programme(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Sheet1"
    book.active.append(["Grants awarded since 2011"])  # a title row above the header
    book.active.append(["Identifier", "Amount Awarded", "Recipient Org:Identifier", "Grant Programme: Title",
                        "Funding Org:Identifier"])
    book.active.append(["g1", 10, "GB-CHC-1", "Music", "GB-CHC-2"])
    book.active.append([None] * 5)
    book.active.append(["g2", "ten", "GB-CHC-3", "Theatre", "GB-CHC-2"])
    book.save(tmp_path / "g.xlsx")
    result = CliRunner().invoke(cli, ["import", "360giving", str(tmp_path / "g.xlsx"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert [l.programme for l in load_dataset(tmp_path / "out").links] == ["Music"]
    assert ("g.xlsx, sheet 'Sheet1', row 5, column Amount Awarded, value 'ten': grant g2: grant skipped: the "
            "amount is not a number") in result.stderr
    assert "read " in result.stdout and "2 grants (1 blank rows ignored)" in result.stdout


@needs_real
@pytest.mark.parametrize("name", ["a003W000001B7PzQAK.xlsx", "a003W000001B7PzQAK.json"])
def test_the_real_file_every_grant_accounted_for(tmp_path, name):
    path = REAL / "360giving-alwf" / name
    result = CliRunner().invoke(cli, ["import", "360giving", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "475 grants" in result.stdout
    assert counted(result.stdout) == {"grants imported": 475,
                                      "(grants joined into one funds link per funder and recipient)": 187}
    assert result.stderr == ""
    ds = load_dataset(tmp_path / "out")
    assert (len(ds.organisations), len(ds.links), len(ds.communities)) == (289, 288, 14)
    assert all(l.programme for l in ds.links)
    assert sum(int(l.notes.split(" grant")[0]) for l in ds.links) == 475
    assert round(sum(l.amount for l in ds.links), 2) == round(sum(
        g["amountAwarded"] for g in json.loads((REAL / "360giving-alwf" / "a003W000001B7PzQAK.json").read_text())[
            "grants"]), 2)


def test_every_sheet_of_grants_is_read_and_a_number_makes_an_org_id(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "About"
    book.active.append(["This file lists our grants"])
    for year, rows in (("2023", [["g1", 10, "GB-CHC-1", None, "GB-GOR-1"]]),
                       ("2024", [["g2", 20, None, "123", "GB-GOR-1"], ["g3", 30, None, None, "GB-GOR-1"]])):
        sheet = book.create_sheet(year)
        sheet.append(["Identifier", "Amount Awarded", "Recipient Org:Identifier", "Recipient Org:Charity Number",
                      "Funding Org:Identifier"])
        for row in rows:
            sheet.append(row)
    book.save(tmp_path / "g.xlsx")
    result = CliRunner().invoke(cli, ["import", "360giving", str(tmp_path / "g.xlsx"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "g.xlsx: sheet 'About' without 360Giving headers not read (grants read from '2023', '2024')" in \
        result.stderr
    assert ("g.xlsx, sheet '2024', row 2, column Recipient Org:Identifier: grant g2: no recipient identifier; "
            "GB-CHC-123 made from its number") in result.stderr
    assert ("g.xlsx, sheet '2024', row 3, column Recipient Org:Identifier: grant g3: grant skipped: no recipient "
            "identifier") in result.stderr
    assert [(l.target, l.amount) for l in load_dataset(tmp_path / "out").links] == [("gb-chc-1", 10.0),
                                                                                    ("gb-chc-123", 20.0)]
