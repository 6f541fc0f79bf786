"""The command line through click's CliRunner: exit codes, output shapes, no tracebacks."""

import json
import re
from pathlib import Path

from click.testing import CliRunner
from helpers import small_network, write_dataset

from graphmodel import __version__
from graphmodel.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_validate_a_valid_dataset(tmp_path):
    result = run("validate", write_dataset(tmp_path, small_network()))
    assert result.exit_code == 0
    assert "valid (5 organisations, 2 networks, 2 partnerships, 3 seats)" in result.output


def test_validate_reports_every_problem_on_stderr_with_status_2(tmp_path):
    data = small_network()
    data["organisations"][1]["sector"] = "charity"
    data["seats"][1]["holder"] = "nobody"
    result = run("validate", write_dataset(tmp_path, data))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "error: organisations.csv, row 3, column sector, value 'charity'" in result.stderr
    assert "error: seats.csv, row 3, column holder, value 'nobody'" in result.stderr
    assert "2 problems found" in result.stderr


def test_validate_json_shape(tmp_path):
    data = small_network()
    data["seats"][0]["reprsents"] = "older"
    data["organisations"][0]["count"] = "x"
    result = run("validate", write_dataset(tmp_path, data), "--format", "json")
    assert result.exit_code == 2
    out = json.loads(result.stdout)
    assert set(out) == {"dataset", "valid", "errors", "warnings"}
    assert out["valid"] is False
    assert out["errors"] == [{"severity": "error", "source": "organisations.csv", "row": 2, "column": "count",
                              "value": "x", "message": "not a whole number"}]
    assert out["warnings"][0]["column"] == "reprsents"


def test_validate_missing_path_exits_2_without_traceback(tmp_path):
    result = run("validate", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_summary_json(tmp_path):
    result = run("summary", write_dataset(tmp_path, small_network()), "--format", "json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["tables"]["organisations"] == 5
    assert out["organisations_by_sector"] == {"statutory": 1, "vcs": 122}
    assert out["inactive_organisations"] == 1
    assert out["partnerships_by_level"] == {"board": 1, "thematic": 1}
    assert out["vacant_seats"] == ["s-health-vcs"]
    assert out["filled_seats"] == 2


def test_summary_table_fits_80_columns(examples_dir):
    result = run("summary", examples_dir / "hackney")
    assert result.exit_code == 0
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "Vacant seats: thriving-healthy-lgbt, homerton-np-hub" in result.stdout


def test_summary_on_bad_dataset_exits_2(tmp_path):
    data = small_network()
    data["organisations"][1]["sector"] = "charity"
    result = run("summary", write_dataset(tmp_path, data))
    assert result.exit_code == 2 and "charity" in result.stderr


def test_every_command_is_documented_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert re.search(rf"engagemap {name}\b", readme), f"engagemap {name} is not in the README"
        for sub in getattr(command, "commands", {}):
            assert f"engagemap {name} {sub}" in readme, f"engagemap {name} {sub} is not in the README"
