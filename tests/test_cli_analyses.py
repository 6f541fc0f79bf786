"""The analysis commands through CliRunner: JSON shapes against FORMAT.md section 4."""

import csv
import io
import json

import pytest
from click.testing import CliRunner
from helpers import small_network, write_dataset

from graphmodel.cli import cli


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def dataset(tmp_path):
    return write_dataset(tmp_path, small_network())


def test_reach_json_shape(dataset):
    result = run("reach", dataset, "--partnership", "board", "--format", "json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert {"partnership", "organisations", "total", "by_sector", "communities"} <= set(out)
    assert out["partnership"] == "board"
    assert [(o["id"], o["distance"], o["count"]) for o in out["organisations"]] == [
        ("council", 2, 1), ("cvs", 2, 1), ("many", 3, 120), ("tra", 3, 1)]
    assert out["total"] == 123
    assert out["by_sector"] == {"statutory": 1, "vcs": 122}
    assert out["communities"] == ["older", "tenants"]


def test_reach_from_an_organisation(dataset):
    out = json.loads(run("reach", dataset, "-p", "board", "--from", "tra", "--format", "json").stdout)
    assert out["routes"] == [["tra", "forum", "health", "board"]]
    text = run("reach", dataset, "-p", "board", "--from", "tra").stdout
    assert "tra -> forum -> health -> board" in text


def test_feeds_json(dataset):
    out = json.loads(run("feeds", dataset, "--organisation", "tra", "--format", "json").stdout)
    assert [(p["partnership"], p["distance"], p["route"]) for p in out["partnerships"]] == [
        ("health", 2, ["tra", "forum", "health"]), ("board", 3, ["tra", "forum", "health", "board"])]


def test_gaps_json_shape(dataset):
    result = run("gaps", dataset, "--format", "json", "--as-of", "2027-01-01")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert {"partnerships", "no_vcs_seats", "overloaded_holders"} <= set(out)
    board = next(p for p in out["partnerships"] if p["id"] == "board")
    keys = {"id", "seats", "filled", "vcs_seats", "vcs_share", "represented", "unrepresented", "unreached",
            "breaches", "vacant_seats", "expired_seats", "seats_without_reporting_back"}
    assert keys <= set(board)
    assert (board["seats"], board["filled"], board["vcs_seats"], board["vcs_share"]) == (2, 2, 1, 0.5)
    assert board["represented"] == ["older", "older-lgbt"]
    assert board["unrepresented"] == ["tenants", "ward-a"]
    assert board["unreached"] == ["ward-a"]
    assert board["breaches"] == []
    assert board["expired_seats"] == ["s-board-vcs"]
    assert board["seats_without_reporting_back"] == ["s-board-council"]
    health = next(p for p in out["partnerships"] if p["id"] == "health")
    assert health["vacant_seats"] == ["s-health-vcs"]
    assert out["no_vcs_seats"] == []
    assert out["overloaded_holders"] == []


def test_gaps_for_one_partnership_with_max_seats(dataset):
    out = json.loads(run("gaps", dataset, "-p", "board", "--max-seats", "0", "--format", "json").stdout)
    assert [p["id"] for p in out["partnerships"]] == ["board"]
    assert out["overloaded_holders"] == [{"id": "council", "type": "organisation", "seats": 1},
                                         {"id": "cvs", "type": "organisation", "seats": 1},
                                         {"id": "p1", "type": "person", "seats": 1}]


def test_gaps_csv_is_one_row_per_partnership(dataset):
    rows = list(csv.DictReader(io.StringIO(run("gaps", dataset, "--format", "csv").stdout)))
    assert [r["partnership"] for r in rows] == ["board", "health"]
    assert rows[0]["unrepresented"] == "tenants; ward-a"


def test_paths_seat_json_shape(dataset):
    out = json.loads(run("paths", dataset, "--seat", "s-board-vcs", "--format", "json").stdout)
    assert {"seat", "reports_back_to", "audience", "total"} <= set(out)
    assert out["reports_back_to"] == ["net"]
    assert [(m["id"], m["distance"]) for m in out["audience"]] == [("net", 1), ("many", 2), ("tra", 3)]
    assert out["total"] == 121


def test_paths_partnership(dataset):
    out = json.loads(run("paths", dataset, "--partnership", "board", "--format", "json").stdout)
    assert out["feeds_in_hears_nothing"] == ["council", "cvs"]


def test_paths_needs_exactly_one_of_seat_or_partnership(dataset):
    result = run("paths", dataset)
    assert result.exit_code == 2 and "exactly one of --seat or --partnership" in result.output


def test_plan_json(dataset):
    out = json.loads(run("plan", dataset, "-p", "board", "--add", "2", "--format", "json").stdout)
    assert out["picks"] == []  # everything active already reaches the board


def test_unknown_partnership_is_a_clear_error(dataset):
    result = run("reach", dataset, "--partnership", "bord")
    assert result.exit_code == 2
    assert "error: there is no partnership with id 'bord' in the dataset (did you mean 'board'?)" in result.stderr


@pytest.mark.parametrize("command", [["reach", "-p", "th-board"], ["gaps"], ["paths", "-p", "th-board"],
                                     ["plan", "-p", "th-board"], ["feeds", "--organisation", "hcvs"]])
def test_table_output_fits_80_columns(examples_dir, command):
    result = run(command[0], examples_dir / "hackney", *command[1:])
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
