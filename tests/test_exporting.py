"""Exports (CSV, XLSX, GraphML, GEXF) and the blank workbook."""

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from helpers import small_network, write_dataset

from graphmodel import load_dataset, read_dataset
from graphmodel.cli import cli
from graphmodel.exporting import EXAMPLE_ROWS, without_names


@pytest.fixture
def dataset(tmp_path):
    return write_dataset(tmp_path, small_network())


@pytest.mark.parametrize("to,name", [("csv", "out"), ("xlsx", "out.xlsx")])
def test_dataset_round_trips_through_csv_and_xlsx(dataset, tmp_path, to, name):
    result = CliRunner().invoke(cli, ["export", str(dataset), "--to", to, "-o", str(tmp_path / name),
                                      "--include-people"])
    assert result.exit_code == 0, result.output
    assert load_dataset(tmp_path / name, name="ds") == load_dataset(dataset)


def test_example_datasets_round_trip(examples_dir, tmp_path):
    for example in ("hackney", "islington", "gloucester"):
        original = load_dataset(examples_dir / example)
        CliRunner().invoke(cli, ["export", str(examples_dir / example), "--to", "xlsx", "-o", str(tmp_path / "x.xlsx")])
        assert load_dataset(tmp_path / "x.xlsx", name=example) == original


@pytest.mark.parametrize("to", ["graphml", "gexf"])
def test_graph_exports_read_back_with_networkx(dataset, tmp_path, to):
    target = tmp_path / f"net.{to}"
    assert CliRunner().invoke(cli, ["export", str(dataset), "--to", to, "-o", str(target)]).exit_code == 0
    g = (nx.read_graphml if to == "graphml" else nx.read_gexf)(target)
    assert g.nodes["forum"]["type"] == "network" and g.nodes["many"]["count"] == 120
    kinds = {d.get("kind") for _, _, d in g.edges(data=True)}
    assert {"member_of", "selects", "holds", "sits_on", "feeds_into", "reports_back", "serves"} <= kinds
    assert "Ada Example" not in target.read_text()


def test_people_names_only_with_the_option(dataset, tmp_path):
    runner = CliRunner()
    runner.invoke(cli, ["export", str(dataset), "--to", "csv", "-o", str(tmp_path / "plain")])
    assert "Ada Example" not in (tmp_path / "plain" / "people.csv").read_text()
    assert load_dataset(tmp_path / "plain", name="ds") == without_names(load_dataset(dataset))
    runner.invoke(cli, ["export", str(dataset), "--to", "csv", "-o", str(tmp_path / "named"), "--include-people"])
    assert "Ada Example" in (tmp_path / "named" / "people.csv").read_text()


def test_blank_template_is_a_valid_empty_dataset(tmp_path):
    target = tmp_path / "blank.xlsx"
    assert CliRunner().invoke(cli, ["template", "-o", str(target)]).exit_code == 0
    result = read_dataset(target)
    assert result.problems == [] and result.warnings == []
    assert result.dataset.organisations == ()
    from openpyxl import load_workbook

    book = load_workbook(target)
    assert book.sheetnames[0] == "About" and "Example" in book.sheetnames
    sheet = book["seats"]
    assert sheet["A1"].font.bold and sheet["A1"].comment is not None
    formulas = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"vcs,statutory,private,elected,other"' in formulas and '"yes,no"' in formulas


def test_filled_in_template_reports_problems_by_sheet_and_row(tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "filled.xlsx"
    CliRunner().invoke(cli, ["template", "-o", str(target)])
    book = load_workbook(target)
    book["organisations"].append(["hcvs", "Hackney CVS", "charity"])
    book.save(target)
    result = CliRunner().invoke(cli, ["validate", str(target)])
    assert result.exit_code == 2
    assert "filled.xlsx, sheet 'organisations', row 2, column sector, value 'charity'" in result.stderr


def test_the_template_s_example_rows_are_valid(tmp_path):
    path = tmp_path / "example.json"
    path.write_text(json.dumps({t: rows for t, rows in EXAMPLE_ROWS.items()}))
    assert read_dataset(path).problems == []


POPOLO = Path(__file__).resolve().parent / "data" / "popolo-schemas"


def popolo_validators():
    """Draft-03 validators for the Popolo schemas, with their http $refs resolved to tests/data."""
    from jsonschema import Draft3Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    schemas = {p.stem: json.loads(p.read_text()) for p in POPOLO.glob("*.json")}
    registry = Registry().with_resources(
        (s["id"], Resource.from_contents(s, default_specification=DRAFT3)) for s in schemas.values())
    return {name: Draft3Validator(schema, registry=registry) for name, schema in schemas.items()}


def test_popolo_export_is_valid_against_the_official_schemas(examples_dir, tmp_path, dataset):
    validators = popolo_validators()
    collections = {"organizations": "organization", "areas": "area", "posts": "post", "memberships": "membership",
                   "persons": "person"}
    for source in (examples_dir / "hackney", dataset):
        target = tmp_path / "popolo.json"
        assert CliRunner().invoke(cli, ["export", str(source), "--to", "popolo", "-o", str(target),
                                        "--include-people"]).exit_code == 0
        doc = json.loads(target.read_text())
        for key, schema in collections.items():
            for item in doc[key]:
                errors = list(validators[schema].iter_errors(item))
                assert errors == [], (key, item, errors[0].message if errors else None)
    assert validators["organization"].is_valid({"id": "x", "name": 3}) is False  # the check can fail


def test_popolo_export_maps_seats_to_posts_and_holders_to_memberships(examples_dir, tmp_path):
    target = tmp_path / "popolo.json"
    CliRunner().invoke(cli, ["export", str(examples_dir / "hackney"), "--to", "popolo", "-o", str(target)])
    doc = json.loads(target.read_text())
    ds = load_dataset(examples_dir / "hackney")
    assert len(doc["posts"]) == len(ds.seats)
    holder = next(m for m in doc["memberships"] if m.get("post_id") == "better-homes-tenants")
    assert holder["member"] == {"type": "organization", "id": "tenants-rep-group"}
    assert holder["on_behalf_of_id"] == "tenants-convention" and holder["organization_id"] == "better-homes"
    assert {a["id"] for a in doc["areas"]} == {c.id for c in ds.communities if c.kind.value == "place"}
    assert doc["persons"] == []


@pytest.mark.parametrize("to", ["graphml", "gexf"])
@pytest.mark.parametrize("people", [False, True])
def test_the_command_writes_the_graph_of_the_rows_as_the_library_writes_the_datasets(dataset, tmp_path, to, people):
    """``export --to graphml|gexf`` writes the graph read straight from the rows (no models): byte for
    byte what :func:`export` writes for the loaded dataset, people's names only with the option."""
    from graphmodel.exporting import export, export_graph
    from graphmodel.load import read_graph

    option = ["--include-people"] if people else []
    done = CliRunner().invoke(cli, ["export", str(dataset), "--to", to, "-o", str(tmp_path / f"cli.{to}"), *option])
    assert done.exit_code == 0, done.output
    export(load_dataset(dataset), to, tmp_path / f"library.{to}", include_people=people)
    written = (tmp_path / f"cli.{to}").read_bytes()
    assert written == (tmp_path / f"library.{to}").read_bytes()
    assert (b"Ada Example" in written) is people
    graph, _ = read_graph(dataset)
    before = {n: dict(a) for n, a in graph.nodes(data=True)}
    export_graph(graph, to, tmp_path / f"again.{to}")
    assert {n: dict(a) for n, a in graph.nodes(data=True)} == before  # the caller's graph is not changed
