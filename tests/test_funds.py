"""A funds link (a grant) is not a route for anyone's voice: it carries no reach."""

from click.testing import CliRunner
from helpers import write_dataset

from graphmodel.cli import cli
from graphmodel.load import read_graph
from graphmodel.reaching import feeds, reach


def funded(tmp_path):
    return write_dataset(tmp_path, {
        "organisations": [
            {"id": "funder", "name": "The Funder", "sector": "statutory", "serves": ["faith"]},
            {"id": "group", "name": "A group", "sector": "vcs"}],
        "networks": [{"id": "net", "name": "Network", "led_by": "vcs"}],
        "partnerships": [{"id": "board", "name": "Board", "level": "board"}],
        "communities": [{"id": "faith", "name": "Faith communities"}],
        "memberships": [{"member": "group", "network": "net"}],
        "seats": [{"id": "s", "partnership": "board", "sector": "vcs", "selected_by": "net", "method": "elected",
                   "holder": "group"}],
        "links": [{"source": "funder", "target": "net", "kind": "funds", "amount": 5000},
                  {"source": "funder", "target": "board", "kind": "funds", "amount": 100}],
    })


def test_a_funder_reaches_nothing_through_its_grants(tmp_path):
    graph, _ = read_graph(funded(tmp_path))
    result = reach(graph, "board")
    assert [o.id for o in result.organisations] == ["group"]
    assert result.communities == []
    assert feeds(graph, "funder") == []
    assert [f.partnership for f in feeds(graph, "group")] == ["board"]


def test_reach_on_the_command_line_leaves_the_funder_out(tmp_path):
    result = CliRunner().invoke(cli, ["reach", str(funded(tmp_path)), "-p", "board", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["group,vcs,2,1"]
