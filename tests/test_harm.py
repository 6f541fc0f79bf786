"""Issue 10, "do no harm": self-loops, long chains, control characters, people's notes."""

import json
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from helpers import small_network, write_dataset

from graphmodel import build_graph, load_dataset, read_dataset
from graphmodel.cli import cli
from graphmodel.reaching import MAX_ROUTE, feeds, routes
from graphmodel.representation import gaps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from chains import chain  # noqa: E402  (the benchmark's own chain datasets, at test size)


@pytest.mark.parametrize("table,row,message", [
    ("communities", {"id": "c", "name": "C", "part_of": "c"}, "part_of goes round in a circle: c -> c"),
    ("partnerships", {"id": "p", "name": "P", "level": "board", "feeds_into": ["p"]},
     "feeds_into goes round in a circle: p -> p"),
])
def test_a_self_loop_is_a_cycle_at_validate_time(tmp_path, table, row, message):
    data = {"organisations": [{"id": "o", "name": "O", "sector": "vcs"}], table: [row]}
    problems = [str(p) for p in read_dataset(write_dataset(tmp_path, data, "json")).problems]
    column = "part_of" if table == "communities" else "feeds_into"
    assert problems == [f"ds.json, table '{table}', item 1, column {column}, value '{row['id']}': {message}"]


def test_paths_on_a_self_part_of_dataset_ends_at_validate_time_with_exit_2(tmp_path):
    data = small_network()
    data["communities"][0]["part_of"] = "older"
    dataset = write_dataset(tmp_path, data)
    result = CliRunner().invoke(cli, ["paths", str(dataset), "--seat", "s-board-vcs"])
    assert result.exit_code == 2
    assert "communities.csv, row 2, column part_of, value 'older': part_of goes round in a circle: older -> older" \
        in result.stderr


@pytest.mark.parametrize("kind", ["part_of", "feeds_into", "network"])
def test_every_walk_survives_a_chain_longer_than_the_recursion_limit(tmp_path, kind):
    n = 3_000
    path, ids = chain(kind, n, tmp_path)
    graph = build_graph(load_dataset(path))
    found = routes(graph, "org", "board")
    length = {"part_of": 3, "feeds_into": n + 4, "network": n + 4}[kind]
    assert [len(r) for r in found] == [length]
    assert found[0][0] == "org" and found[0][-1] == "board"
    result = gaps(graph, "board").partnerships[0]
    if kind == "part_of":
        assert result.represented[:2] == ["c0", "c1"] and len(result.represented) == n + 1
        assert result.represented_via == {f"c{i}": f"c{n}" for i in range(n)}
        assert result.unrepresented == []
    for args in (["reach", "-p", "board", "--from", "org"], ["paths", "--seat", "seat"], ["feeds", "-o", "org"],
                 ["paths", "-p", "board"], ["gaps"], ["plan", "-p", "board"]):
        result = CliRunner().invoke(cli, [args[0], str(path), *args[1:]])
        assert result.exit_code == 0, (args, result.output)


def test_covered_through_a_wider_community_names_the_nearest_one():
    ds = load_dataset_from({"communities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "part_of": "a"},
                                            {"id": "c", "name": "C", "part_of": "b"},
                                            {"id": "d", "name": "D", "part_of": "c"}],
                            "partnerships": [{"id": "p", "name": "P", "level": "board"}],
                            "organisations": [{"id": "o", "name": "O", "sector": "vcs"}],
                            "seats": [{"id": "s1", "partnership": "p", "sector": "vcs", "holder": "o",
                                       "represents": ["a", "c"]}]})
    result = gaps(build_graph(ds), "p").partnerships[0]
    assert result.represented == ["a", "b", "c", "d"]
    assert result.represented_via == {"b": "a", "d": "c"}


def load_dataset_from(tables):
    from graphmodel.model import Dataset

    return Dataset(**tables)


def test_feeds_routes_past_the_limit_keep_both_ends(tmp_path):
    path, _ = chain("feeds_into", 100, tmp_path)
    found = {f.partnership: f for f in feeds(build_graph(load_dataset(path)), "org")}
    near = found["p5"]
    assert near.route == ["org", "seat"] + [f"p{i}" for i in range(6)] and near.distance == 7
    far = found["board"]
    assert far.distance == 103 and len(far.route) == MAX_ROUTE
    assert far.route[:3] == ["org", "seat", "p0"] and far.route[20] == "..."
    assert far.route[-3:] == ["p99", "p100", "board"]
    edge = found[f"p{MAX_ROUTE - 3}"]  # distance MAX_ROUTE - 1: shown whole
    assert len(edge.route) == MAX_ROUTE and "..." not in edge.route


CONTROL_NAME = "Evil\x1b[31m\x00\x07\u202e\x0b group"


def _control_dataset(tmp_path):
    data = small_network()
    data["organisations"][1]["name"] = CONTROL_NAME
    data["partnerships"][0]["name"] = "Board\x1b]0;pwned\x07"
    return write_dataset(tmp_path, data, "json")


@pytest.mark.parametrize("to", ["graphml", "gexf"])
def test_control_characters_make_xml_that_parses(tmp_path, to):
    target = tmp_path / f"out.{to}"
    result = CliRunner().invoke(cli, ["export", str(_control_dataset(tmp_path)), "--to", to, "-o", str(target)])
    assert result.exit_code == 0, result.output
    graph = (nx.read_graphml if to == "graphml" else nx.read_gexf)(target)
    assert graph.nodes["cvs"]["name"] == "Evil\\x1b[31m\\x00\\x07\u202e\\x0b group"


def test_control_characters_export_to_xlsx(tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "out.xlsx"
    result = CliRunner().invoke(cli, ["export", str(_control_dataset(tmp_path)), "--to", "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(target)["organisations"].iter_rows(values_only=True))
    assert rows[2][:2] == ("cvs", "Evil\\x1b[31m\\x00\\x07\u202e\\x0b group")
    assert len(rows) == 6  # header and five organisations, each on its own row


def test_terminal_output_escapes_control_and_ansi_sequences(tmp_path):
    dataset = _control_dataset(tmp_path)
    runner = CliRunner()
    for args in (["gaps", str(dataset)], ["reach", str(dataset), "-p", "board"],
                 ["reach", str(dataset), "-p", "board", "--format", "csv"], ["summary", str(dataset)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0
        assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output, args
    result = runner.invoke(cli, ["gaps", str(dataset)])
    assert "== board: Board\\x1b]0;pwned\\x07 (board)" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"organisations": [{"id": "a", "name": "A", "sector": "v\x1b[2Jcs"}],
                               "tab\x1ble": []}))
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 2 and "\x1b" not in result.stderr


def test_people_notes_are_left_out_of_exports_unless_asked(tmp_path):
    data = small_network()
    data["people"][0]["notes"] = "carer for her mother"
    dataset = write_dataset(tmp_path, data)
    for asked in (False, True):
        out = tmp_path / f"out-{asked}"
        CliRunner().invoke(cli, ["export", str(dataset), "--to", "csv", "-o", str(out)]
                           + (["--include-people"] if asked else []))
        assert ("carer for her mother" in (out / "people.csv").read_text()) is asked
