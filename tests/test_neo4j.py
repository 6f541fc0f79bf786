"""Neo4j: the fixed schema, the .cypher files (linted by Neo4j's own front end), what a push
sends, and connection errors. No Neo4j server runs here: the tests against a live database are in
tests/test_neo4j_live.py and run only when NEO4J_URI is set."""

import json
import os
import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import small_network, write_dataset

from graphmodel import EngagemapError, load_dataset
from graphmodel.cli import cli
from graphmodel.graph import EDGE_KINDS, NODE_TYPES
from graphmodel.model import ENTITY_TABLES, TABLES
from graphmodel.neo4j_schema import LABELS, NODE_PROPERTIES, REL_TYPES, generated_files, property_keys
from graphmodel.store import (Neo4jStore, dataset_from_records, node_rows, relationship_rows, split_statements,
                              statement)

ROOT = Path(__file__).resolve().parent.parent
CYPHER = sorted((ROOT / "cypher").glob("*.cypher"))


def test_fixed_lists_agree_with_the_model():
    assert set(LABELS) == set(ENTITY_TABLES) == set(NODE_TYPES)
    assert set(REL_TYPES) == set(EDGE_KINDS)
    for table, label in LABELS.items():
        assert set(NODE_PROPERTIES[label]) == set(TABLES[table].model_fields) | {"dataset", "row"}


def test_generated_cypher_files_are_up_to_date():
    for name, text in generated_files().items():
        assert (ROOT / "cypher" / name).read_text() == text, f"run python -m graphmodel.neo4j_schema ({name})"


@pytest.mark.parametrize("path", CYPHER, ids=lambda p: p.name)
def test_every_cypher_file_declares_itself_and_uses_only_known_names(path):
    text = path.read_text()
    assert text.startswith("// ") and "// Parameters:" in text
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    known = set(LABELS.values()) | set(REL_TYPES.values())
    for name in re.findall(r"[:|]([A-Z][A-Za-z_]+)\b", body):
        assert name in known, f"{path.name} uses {name}"
    declared = set(re.findall(r"\$(\w+)", text.split("// Parameters:")[1].splitlines()[0]))
    assert set(re.findall(r"\$(\w+)", body)) == declared


def test_cypher_files_are_packaged():
    assert (files("graphmodel.cypher") / "reach.cypher").is_file()
    assert statement("reach") == (ROOT / "cypher" / "reach.cypher").read_text()


def test_cypher_files_pass_neo4j_s_own_linter(tmp_path):
    lint = ROOT / ".ci" / "cypher-lint"
    if not (lint / "node_modules" / "@neo4j-cypher" / "language-support").is_dir() or not shutil.which("node"):
        reason = "the linter needs node and `npm ci --prefix .ci/cypher-lint`"
        if os.environ.get("CI"):
            pytest.fail(reason + "; .ci/run installs it")
        pytest.skip(reason)
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"labels": sorted(LABELS.values()), "relationshipTypes": sorted(REL_TYPES.values()),
                                  "propertyKeys": property_keys()}))
    result = subprocess.run(["node", str(lint / "lint.mjs"), str(schema)] + [str(p) for p in CYPHER],
                            capture_output=True, text=True, cwd=lint, timeout=120)
    report = json.loads(result.stdout)
    assert len(report) == len(CYPHER)
    assert {f: d for f, d in report.items() if d} == {}
    assert result.returncode == 0
    # and the linter does catch a misspelt label, so the check above can fail
    bad = tmp_path / "bad.cypher"
    bad.write_text("// bad\n// Parameters: none\nMATCH (n:Organisaton) RETURN n\n")
    result = subprocess.run(["node", str(lint / "lint.mjs"), str(schema), str(bad)], capture_output=True,
                            text=True, cwd=lint, timeout=120)
    assert result.returncode == 1 and "Organisaton" in result.stdout


# ------------------------------------------------------------------ what a push sends


class Recorder:
    """Stands in for the driver to record the statements and parameters a push sends.
    (This tests our code's side of the conversation, not Neo4j.)"""

    def __init__(self):
        self.sent = []

    def session(self, database=None):
        recorder = self

        class Session:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

            def execute_write(self, work):
                class Tx:
                    def run(self, text, **params):
                        recorder.sent.append((text, params))

                        class Result:
                            def consume(self):
                                return None

                        return Result()

                return work(Tx())

        return Session()

    def execute_query(self, text, params, database_=None, routing_=None):
        self.sent.append((text, params))
        return [], None, None

    def close(self):
        pass


def test_push_sends_schema_then_batches_with_parameters_only(examples_dir):
    ds = load_dataset(examples_dir / "hackney")
    recorder = Recorder()
    Neo4jStore("neo4j://x", "neo4j", "secret", driver=recorder).push(ds, batch_size=10)
    texts = [t for t, _ in recorder.sent]
    schema = split_statements(statement("schema"))
    assert texts[:len(schema)] == schema
    org_batches = [p for t, p in recorder.sent if t == statement("load_organisations")]
    assert [len(p["rows"]) for p in org_batches] == [10, 10, 10, 10, 6]
    assert all(p["dataset"] == "hackney" for p in org_batches)
    assert org_batches[0]["rows"][0]["props"]["row"] == 0
    allowed = {statement(f.stem) for f in CYPHER} | set(schema)
    assert set(texts) <= allowed  # every statement is a project file: user data only as parameters
    members = [r for t, p in recorder.sent if t == statement("load_member_of") for r in p["rows"]]
    assert len(members) == len(ds.memberships)
    assert statement("delete_dataset") not in texts


def test_replace_removes_only_this_dataset_first(examples_dir):
    recorder = Recorder()
    Neo4jStore("neo4j://x", "neo4j", "secret", driver=recorder).push(load_dataset(examples_dir / "gloucester"),
                                                                     replace=True)
    deletes = [(t, p) for t, p in recorder.sent if t == statement("delete_dataset")]
    assert deletes == [(statement("delete_dataset"), {"dataset": "gloucester"})]
    first_load = next(i for i, (t, _) in enumerate(recorder.sent) if t.startswith("// Load"))
    assert recorder.sent.index(deletes[0]) < first_load
    assert "{dataset: $dataset}" in statement("delete_dataset")


@pytest.mark.parametrize("name", ["hackney", "islington", "gloucester"])
def test_rows_sent_rebuild_the_same_dataset(examples_dir, name):
    """The conversion both ways: what a push sends, read back as pull reads records, gives D again."""
    ds = load_dataset(examples_dir / name)
    nodes = [{"label": label, "props": r["props"]} for label, rows in node_rows(ds).items() for r in rows]
    rels = [{"type": REL_TYPES[kind], "source": r["source"], "target": r["target"], "props": r["props"]}
            for kind, rows in relationship_rows(ds).items() for r in rows if "row" in r["props"]]
    assert dataset_from_records(name, nodes, rels) == ds


def test_people_round_trip_too(tmp_path):
    ds = load_dataset(write_dataset(tmp_path, small_network()))
    nodes = [{"label": label, "props": r["props"]} for label, rows in node_rows(ds).items() for r in rows]
    rels = [{"type": REL_TYPES[kind], "source": r["source"], "target": r["target"], "props": r["props"]}
            for kind, rows in relationship_rows(ds).items() for r in rows if "row" in r["props"]]
    assert dataset_from_records("ds", nodes, rels) == ds


# ------------------------------------------------------------------ failures


def test_no_server_gives_one_clear_sentence_and_status_2(examples_dir):
    result = CliRunner().invoke(cli, ["neo4j", "push", str(examples_dir / "gloucester"), "--uri",
                                      "neo4j://127.0.0.1:1"], env={"NEO4J_PASSWORD": "hunter2-secret"})
    assert result.exit_code == 2
    assert "error: cannot reach Neo4j at neo4j://127.0.0.1:1" in result.stderr
    assert "Traceback" not in result.output and "hunter2-secret" not in result.output


def test_bad_credentials_are_named_without_the_password():
    from neo4j.exceptions import AuthError

    class Refusing(Recorder):
        def session(self, database=None):
            raise AuthError("The client is unauthorized due to authentication failure.")

    store = Neo4jStore("neo4j://db:7687", "alice", "hunter2-secret", driver=Refusing())
    with pytest.raises(EngagemapError) as err:
        store.write("RETURN 1")
    assert str(err.value) == ("Neo4j at neo4j://db:7687 refused the user name 'alice' or its password "
                              "(set NEO4J_USERNAME and NEO4J_PASSWORD)")
    assert "hunter2" not in repr(store)


def test_password_is_never_an_option_and_is_asked_for_when_missing(examples_dir):
    result = CliRunner().invoke(cli, ["neo4j", "push", str(examples_dir / "gloucester"), "--password", "x"])
    assert result.exit_code == 2 and "No such option" in result.output
    result = CliRunner().invoke(cli, ["neo4j", "pull", "--dataset", "x", "-o", "/tmp/never"], env={"NEO4J_PASSWORD": None})
    assert result.exit_code == 2 and "set NEO4J_PASSWORD" in result.stderr


def test_unknown_named_query():
    result = CliRunner().invoke(cli, ["neo4j", "query", "drop_everything"], env={"NEO4J_PASSWORD": "x"})
    assert result.exit_code == 2 and "there is no query named 'drop_everything'" in result.stderr


@pytest.mark.parametrize("command", [["reach", "-p", "board"], ["gaps"], ["paths", "-p", "board"],
                                     ["map", "-o", "never.html"]])
def test_analyses_read_from_neo4j_or_a_file_but_not_both(command, tmp_path):
    dataset = str(write_dataset(tmp_path, small_network()))
    neither = CliRunner().invoke(cli, command)
    assert neither.exit_code == 2 and "give a DATASET" in neither.output
    both = CliRunner().invoke(cli, [command[0], dataset, "--neo4j", "ds"] + command[1:])
    assert both.exit_code == 2 and "give a DATASET" in both.output
    unreachable = CliRunner().invoke(cli, [command[0], "--neo4j", "ds", "--uri", "neo4j://127.0.0.1:1"] + command[1:],
                                     env={"NEO4J_PASSWORD": "x"})
    assert unreachable.exit_code == 2 and "cannot reach Neo4j at neo4j://127.0.0.1:1" in unreachable.stderr


def test_a_server_that_drops_mid_push_gives_a_clear_error_and_a_rerun_completes(examples_dir):
    from neo4j.exceptions import ServiceUnavailable

    ds = load_dataset(examples_dir / "gloucester")

    class Dropping(Recorder):
        def __init__(self, after):
            super().__init__()
            self.after = after

        def session(self, database=None):
            if len(self.sent) >= self.after:
                raise ServiceUnavailable("Connection to the server was lost")
            return super().session(database)

    dropping = Dropping(after=20)
    with pytest.raises(EngagemapError, match=r"cannot reach Neo4j at neo4j://db:7687 \(Connection to the server "
                                             r"was lost\); is the server running\?"):
        Neo4jStore("neo4j://db:7687", "neo4j", "secret", driver=dropping).push(ds, batch_size=5)
    assert len(dropping.sent) == 20
    complete = Recorder()
    Neo4jStore("neo4j://db:7687", "neo4j", "secret", driver=complete).push(ds, batch_size=5)
    # the re-run sends every statement again from the start; they MERGE, so what the first run
    # wrote is matched rather than written twice
    assert complete.sent[:20] == dropping.sent
    loads = [t for t, _ in complete.sent if t.startswith("// Load")]
    assert loads and all("MERGE" in t and "CREATE (" not in t for t in loads)
    assert all("IF NOT EXISTS" in t for t in split_statements(statement("schema")))
