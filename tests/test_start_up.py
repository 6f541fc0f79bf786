"""What a command imports: ``import graphmodel`` and ``engagemap --help`` start no heavy library, and a
borough-sized command starts only the ones its work needs (issue 17: every borough command in 0.3 s).

Each check runs in a fresh interpreter and reads its ``sys.modules`` at the end, so an import
added at module level anywhere on a command's path turns it red. No timing: speed lives in benchmarks/.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graphmodel.synthetic import write_synthetic

HEAVY = ("networkx", "pydantic", "pyarrow", "numpy", "neo4j", "openpyxl", "yaml")

#: runs the CLI in-process (as the ``engagemap`` script does), then names the heavy libraries imported
_PROBE = """
import json, sys
heavy = {heavy!r}
code = {code!r}
try:
    exec(code)
except SystemExit:
    pass
sys.stdout.flush()
print("\\n" + json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def _imported(code: str, said: list[str] | None = None) -> list[str]:
    """The libraries of :data:`HEAVY` that ``code`` imports, run in a fresh interpreter
    (what it wrote to standard error is added to ``said``)."""
    done = subprocess.run([sys.executable, "-c", _PROBE.format(heavy=HEAVY, code=code)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    *messages, last = done.stderr.strip().splitlines()
    if said is not None:
        said.extend(messages)
    return json.loads(last)


def _command(*args: str, said: list[str] | None = None) -> list[str]:
    return _imported(f"from graphmodel.cli import main; main({list(args)!r})", said)


@pytest.fixture(scope="module")
def borough(tmp_path_factory) -> Path:
    """A borough (``engagemap synth --areas 1``): below the size where commands take the columnar route."""
    folder = tmp_path_factory.mktemp("start") / "borough"
    write_synthetic(folder, areas=1, seed=1)
    return folder


def test_import_graphmodel_starts_no_heavy_library():
    assert _imported("import graphmodel; graphmodel.__version__") == []


def test_help_starts_no_heavy_library():
    assert _command("--help") == []
    assert _command("gaps", "--help") == []


def test_validate_of_a_valid_borough_starts_no_heavy_library(borough):
    # the column rules come from graphmodel/column_table.py (generated from the pydantic models), so
    # reading needs no pydantic; the check for circles builds a networkx graph only when there is a circle
    assert _command("validate", str(borough)) == []


def test_a_required_item_given_as_a_mapping_is_still_read_by_pydantic(tmp_path):
    """Only the JSON and YAML form of a ``required`` item is validated by the model itself."""
    (tmp_path / "ds.json").write_text(json.dumps({
        "organisations": [], "communities": [{"id": "bme", "name": "BME"}],
        "partnerships": [{"id": "p", "name": "P", "level": "board", "required": [{"community": "bme", "seats": 1}]}]}))
    assert _command("validate", str(tmp_path / "ds.json")) == ["pydantic"]


@pytest.mark.parametrize("args", [
    ["gaps", "--format", "json"],
    ["reach", "--partnership", "a001-board", "--format", "json"],
    ["reach", "--partnership", "a001-board", "--from", "a001-org0010", "--format", "json"],
    ["paths", "--partnership", "a001-board", "--format", "json"],
    ["paths", "--seat", "a001-board-s0", "--format", "json"],
    ["resilience", "--partnership", "a001-board", "--format", "json"],
    ["plan", "--partnership", "a001-board", "--add", "15", "--format", "json"],
    ["feeds", "--organisation", "a001-org0010", "--format", "json"],
    ["terms", "--format", "json"],
])
def test_borough_analyses_start_no_heavy_library(borough, args):
    """The analyses read the graph as an EngagementGraph (graphmodel.adjacency): not even networkx."""
    command, *options = args
    assert _command(command, str(borough), *options) == []


def test_the_map_of_a_borough_starts_no_heavy_library(borough, tmp_path):
    """The map reads the EngagementGraph too (viz reads the graph only through graphmodel.adjacency)."""
    assert _command("map", str(borough), "-o", str(tmp_path / "map.html")) == []


def test_a_circle_is_still_reported_with_networkx(tmp_path):
    (tmp_path / "organisations.csv").write_text("id,name,sector\n")
    (tmp_path / "partnerships.csv").write_text("id,name,level,feeds_into\na,A,board,b\nb,B,board,a\n")
    said: list[str] = []
    assert _command("validate", str(tmp_path), said=said) == ["networkx"]
    assert any("feeds_into goes round in a circle: a -> b -> a" in line for line in said), said


def test_summary_diff_graph_export_and_the_writers_start_no_pydantic(borough, tmp_path):
    """summary and diff work on the rows as read, export --to graphml on the graph read from them; the
    template and CSV writing read the column table, not the models."""
    assert _command("summary", str(borough), "--format", "json") == []
    assert _command("diff", str(borough), str(borough), "--format", "json") == []
    # GraphML and the workbook are written directly (graphmodel.graphml_writing, xlsx_writing) from the
    # EngagementGraph and the rows: neither networkx nor openpyxl; the template is copied, pre-built
    assert _command("export", str(borough), "--to", "graphml", "-o", str(tmp_path / "g.graphml")) == []
    assert _command("export", str(borough), "--to", "xlsx", "-o", str(tmp_path / "x.xlsx")) == []
    assert _command("template", "-o", str(tmp_path / "template.xlsx")) == []
    assert _command("synth", "--areas", "1", "--seed", "2", "-o", str(tmp_path / "synth")) == []
