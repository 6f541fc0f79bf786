"""The command line is consistent: -o is always the output, library errors leave through one
exception class with status 2, and --as-of changes what every analysis that takes it answers."""

import json

import click
import pytest
from click.testing import CliRunner
from helpers import cli_commands, small_network, write_dataset

from graphmodel.cli import CommandError, cli, handle_errors
from graphmodel.exceptions import DatasetError, NotFound, Problem


def test_dash_o_is_the_output_of_every_command_that_has_it():
    found = {" ".join(path): p.name for path, command in cli_commands() for p in command.params if "-o" in p.opts}
    assert found and set(found.values()) == {"output"}, found
    assert "feeds" not in found


def test_library_errors_become_one_click_exception_with_status_2():
    assert issubclass(CommandError, click.ClickException) and CommandError.exit_code == 2

    @handle_errors
    def failing(err):
        raise err

    for err in (NotFound("there is no partnership with id 'x'"),
                DatasetError([Problem("seats.csv", 3, "holder", "x", "unknown id")])):
        with pytest.raises(CommandError) as caught:
            failing(err)
        assert caught.value.exit_code == 2
    assert caught.value.lines == ["error: seats.csv, row 3, column holder, value 'x': unknown id", "1 problem found"]
    with pytest.raises(ZeroDivisionError):  # a bug is not turned into a user error
        failing(ZeroDivisionError("bug"))


def test_an_unknown_id_exits_2_with_one_line(tmp_path):
    dataset = write_dataset(tmp_path, small_network())
    result = CliRunner().invoke(cli, ["reach", str(dataset), "-p", "nowhere"])
    assert result.exit_code == 2
    assert result.stderr == "error: there is no partnership with id 'nowhere' in the dataset\n"


def test_an_existing_file_where_a_folder_is_wanted_is_one_sentence_and_status_2(tmp_path):
    dataset = write_dataset(tmp_path, small_network())
    there = tmp_path / "notes.txt"
    there.write_text("mine")
    for args in (["export", str(dataset), "--to", "csv"], ["merge", str(dataset), str(dataset)]):
        result = CliRunner().invoke(cli, [*args, "-o", str(there)])
        assert result.exit_code == 2, result.output
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: {there} is a file")
        assert "Traceback" not in result.output and there.read_text() == "mine"


# --as-of: tra is a member of the forum from 2020-01-01 to 2022-12-31; the forum is a member of the
# network that selects the board's VCS seat, and tra is the only one serving tenants.

def dated(tmp_path):
    data = small_network()
    data["memberships"][0]["until"] = "2022-12-31"
    return str(write_dataset(tmp_path, data))


def run_json(*args):
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("day, member", [("2019-12-31", False), ("2020-01-01", True), ("2022-12-31", True),
                                         ("2023-01-01", False)])
def test_as_of_decides_which_memberships_carry_reach(tmp_path, day, member):
    ds = dated(tmp_path)
    reached = {o["id"] for o in run_json("reach", ds, "-p", "board", "--as-of", day)["organisations"]}
    assert ("tra" in reached) is member
    fed = {f["partnership"] for f in run_json("feeds", ds, "--organisation", "tra", "--as-of", day)["partnerships"]}
    assert fed == ({"board", "health"} if member else set())
    heard = {o["id"] for o in run_json("paths", ds, "-p", "board", "--as-of", day)["organisations"]}
    assert ("tra" in heard) is member
    board = run_json("gaps", ds, "-p", "board", "--as-of", day)["partnerships"][0]
    assert ("tenants" in board["unreached"]) is not member  # gaps agrees with reach
    picks = {p["id"] for p in run_json("plan", ds, "-p", "board", "--as-of", day)["picks"]}
    assert ("tra" in picks) is not member  # outside the reach, tra is what would add tenants
    total = run_json("resilience", ds, "-p", "board", "--as-of", day)["reach_total"]
    assert total == (run_json("reach", ds, "-p", "board", "--as-of", day)["total"])


def test_as_of_is_in_the_help_of_every_command_that_takes_it_saying_what_it_does():
    for path, command in cli_commands():
        for p in command.params:
            if "--as-of" in p.opts and path != ("validate",):
                assert "memberships" in p.help and "reach" in p.help, path
