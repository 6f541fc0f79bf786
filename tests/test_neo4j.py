"""Neo4j without a server: the layout derived from the model, the .cypher files (linted by Neo4j's
own front end), what a push sends, the conversion both ways, addresses and connection errors.
The tests against a live server are in tests/test_neo4j_live.py (CI starts one)."""

import copy
import json
import os
import re
import shutil
import subprocess
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import small_network, write_dataset

from graphmodel import Dataset, EngagemapError, build_graph, load_dataset
from graphmodel.cli import cli
from graphmodel.graph import EDGE_KINDS
from graphmodel.model import ENTITY_TABLES, TABLES
from graphmodel.neo4j_schema import (COLUMN_EDGES, LABELS, MARK, REL_TYPES, ROW_TABLES, SAME_AS, generated_files,
                                     property_keys)
from graphmodel.store import (QUERIES, Neo4jStore, dataset_from_records, edge_rows, node_batches, query_parameters,
                              row_rels, safe_uri, split_statements, statement)

ROOT = Path(__file__).resolve().parent.parent
CYPHER = sorted((ROOT / "cypher").glob("*.cypher"))
EXAMPLES = ("hackney", "islington", "gloucester")
HOSTILE_NAME = "x'}) MATCH (n) DETACH DELETE n // `$dataset` {{"


def tricky_dataset(name: str = "tricky") -> Dataset:
    """Dates, floats, lists, empty strings, repeated membership and link rows, unicode and hostile
    names, an inactive organisation and a person: what a round trip must give back unchanged."""
    return Dataset(
        name=name,
        organisations=[
            {"id": "a", "name": HOSTILE_NAME, "sector": "vcs", "serves": ["c1", "c2"], "identifiers": ["GB-CHC-9"],
             "notes": ""},
            {"id": "b", "name": "Ĉafé «Ünïcødé» 🌍 مجموعة", "sector": "vcs", "kind": "", "count": 0},
            {"id": "c", "name": "Closed", "sector": "private", "active": False, "identifiers": ["X-1", "X-2"]},
            {"id": "d", "name": "Line\nbreak\tand \\ backslash", "sector": "statutory"},
        ],
        networks=[{"id": "n1", "name": "Net 1", "led_by": "joint", "serves": ["c2"], "notes": "<b>bold</b>"},
                  {"id": "n2", "name": "Net 2", "led_by": "vcs"}],
        partnerships=[
            {"id": "p1", "name": "Board", "level": "board", "min_vcs_share": 1 / 3, "size_min": 0, "size_max": 7,
             "required": ["c1:2", "c2:1"], "themes": ["", "health"]},
            {"id": "p2", "name": "Sub", "level": "subgroup", "feeds_into": ["p1"]},
        ],
        communities=[{"id": "c1", "name": "One", "population": 0},
                     {"id": "c2", "name": "Two", "kind": "place", "part_of": "c1"}],
        memberships=[
            {"member": "a", "network": "n1", "role": "chair", "since": date(2020, 2, 29)},
            {"member": "a", "network": "n1", "role": "chair", "since": date(2020, 2, 29)},
            {"member": "a", "network": "n1"},
            {"member": "n1", "network": "n2", "until": date(1999, 12, 31)},
            {"member": "c", "network": "n2"},
        ],
        seats=[
            {"id": "s1", "partnership": "p1", "sector": "vcs", "represents": ["c1"], "selected_by": "n2",
             "method": "elected", "holder": "a", "person": "x1", "voting": False,
             "term_start": date(2024, 1, 1), "term_end": date(2025, 6, 30), "notes": "ünïcode"},
            {"id": "s2", "partnership": "p2", "sector": "other"},
        ],
        links=[
            {"source": "s1", "target": "n1", "kind": "reports_back", "channel": "", "frequency": "monthly"},
            {"source": "s1", "target": "n1", "kind": "reports_back", "channel": "", "frequency": "monthly"},
            {"source": "s1", "target": "c", "kind": "reports_back"},
            {"source": "b", "target": "a", "kind": "funds", "amount": 1234.5678, "date": date(2023, 3, 1),
             "programme": "Grants £ €"},
            {"source": "b", "target": "a", "kind": "funds", "amount": 0.1 + 0.2},
            {"source": "n2", "target": "p1", "kind": "feeds_into"},
            {"source": "p1", "target": "b", "kind": "consults"},
        ],
        people=[{"id": "x1", "name": "Ada Lovelace-Ωmega", "organisation": "a", "notes": "private note"}],
        **{table: [_generic_row(table, 0), _generic_row(table, 0)] for table in TABLES
           if table not in ENTITY_TABLES and table not in ("memberships", "links")},
    )


def section_5_dataset(name: str = "section-5") -> Dataset:
    """FORMAT.md section 5's cases and dated memberships, for the named queries against the library:
    deputies (deputy_of and the role), an observer and a non-voting place, a vacant reserved place, a
    COMMUNITY:N@GROUP rule, a partnership selecting a seat and reporting back to another, a route back to
    an inactive organisation, reports, and memberships begun, ended and repeated with other dates."""
    return Dataset(
        name=name,
        organisations=[
            {"id": "a", "name": "A", "sector": "vcs", "serves": ["c1"]},
            {"id": "b", "name": "B", "sector": "statutory", "serves": ["c3"]},
            {"id": "c", "name": "Closed", "sector": "vcs", "active": False, "serves": ["c2"]},
            {"id": "d", "name": "D", "sector": "vcs", "serves": ["c2"], "count": 3},
            {"id": "e", "name": "E", "sector": "private"},
        ],
        networks=[{"id": "n1", "name": "Net 1", "led_by": "vcs"}, {"id": "n2", "name": "Net 2", "led_by": "joint"}],
        partnerships=[
            {"id": "p1", "name": "Board", "level": "board", "min_vcs_share": 0.5, "min_vcs_voting_share": 0.5,
             "required": ["c1:1@ Community Reps", "c2:1", "c3:2@others"], "size_max": 3},
            {"id": "p2", "name": "Sub", "level": "subgroup", "feeds_into": ["p1"]},
            {"id": "p3", "name": "Executive", "level": "subgroup"},
        ],
        communities=[{"id": "c1", "name": "One"}, {"id": "c2", "name": "Two", "part_of": "c1"},
                     {"id": "c3", "name": "Three"}],
        memberships=[
            {"member": "a", "network": "n1", "since": date(2025, 6, 1)},
            {"member": "d", "network": "n1", "until": date(2024, 12, 31)},
            {"member": "d", "network": "n1", "since": date(2020, 1, 1)},  # the pair: 2020-01-01 to 2024-12-31
            {"member": "n1", "network": "n2"},
            {"member": "b", "network": "n2", "since": date(2027, 1, 1)},
            {"member": "c", "network": "n2"},
            {"member": "e", "network": "n2", "until": date(2021, 1, 1)},
        ],
        seats=[
            {"id": "s7", "partnership": "p3", "sector": "statutory", "holder": "b"},
            {"id": "s4", "partnership": "p1", "sector": "vcs", "reserved_for": ["c2"],  # rows not in id order
             "term_end": date(2025, 1, 1)},
            {"id": "s1", "partnership": "p1", "sector": "vcs", "represents": ["c1"], "holder": "a",
             "group": "community reps", "selected_by": "p2", "term_end": date(2026, 2, 1)},
            {"id": "s2", "partnership": "p1", "sector": "statutory", "role": "observer", "holder": "b",
             "represents": ["c3"], "group": "Others"},
            {"id": "s3", "partnership": "p1", "sector": "vcs", "deputy_of": "s1", "holder": "d",
             "represents": ["c2"], "term_end": date(2025, 1, 1)},
            {"id": "s5", "partnership": "p1", "sector": "other", "role": "deputy", "holder": "e"},
            {"id": "s6", "partnership": "p2", "sector": "vcs", "voting": False, "holder": "a",
             "represents": ["c2"], "term_end": date(2026, 3, 1), "selected_by": "n1"},
        ],
        links=[
            {"source": "s1", "target": "n1", "kind": "reports_back"},
            {"source": "s1", "target": "c", "kind": "reports_back"},
            {"source": "s2", "target": "p3", "kind": "reports_back"},
            {"source": "p3", "target": "n2", "kind": "reports_back"},
            {"source": "s6", "target": "c", "kind": "reports_back"},
            {"source": "s7", "target": "d", "kind": "reports_back"},
            {"source": "n2", "target": "p1", "kind": "feeds_into"},
        ],
        reports=[{"from": "s1", "to": "n1", "date": date(2025, 3, 1), "channel": "meeting"},
                 {"from": "s2", "to": "p3", "date": date(2024, 1, 1)},
                 {"from": "s7", "to": "d", "date": date(2027, 6, 1)},
                 {"from": "p3", "to": "n2", "date": date(2025, 9, 30), "channel": "minutes", "notes": "« all »"}],
    )


def _generic_row(table: str, i: int) -> dict:
    """A row of an id-less table added to the model later (a seat reporting to a network), with
    every column that needs a value given one of its type."""
    import typing

    values = {date: date(2024, 5, 1), bool: True, int: 1, float: 0.5, str: "x"}
    row = {}
    for n, (column, field) in enumerate(TABLES[table].model_fields.items()):
        if n < 2:
            row[column] = ("s1", "n1")[n]
        elif field.is_required():
            options = typing.get_args(field.annotation) or (field.annotation,)
            row[column] = next((values[t] for t in options if t in values), "x")
    return row


def without_people(ds: Dataset) -> Dataset:
    """``ds`` as a push without --include-people stores it: no names or notes of people."""
    return ds.model_copy(update={"people": tuple(p.model_copy(update={"name": None, "notes": None})
                                                 for p in ds.people)})


def sent_records(ds: Dataset, include_people: bool = False):
    """What a push sends, as pull reads it back."""
    nodes = [{"labels": [MARK, label], "props": {**r, "dataset": ds.name}}
             for table, label in LABELS.items() for batch in node_batches(ds, table, 7, include_people)
             for r in batch]
    rels = [{"type": t, "source": r["source"], "target": r["target"],
             "props": {**r["props"], "table": r["table"], "row": r["row"], "dataset": ds.name}}
            for table in ROW_TABLES for t, r in row_rels(ds, table)]
    return nodes, rels


# ------------------------------------------------------------------ the layout


def test_layout_is_derived_from_the_model():
    assert set(LABELS) == set(ENTITY_TABLES)
    assert set(ROW_TABLES) == set(TABLES) - set(ENTITY_TABLES)
    assert ROW_TABLES["links"] == ("source", "target", None)
    assert set(REL_TYPES) >= set(EDGE_KINDS)
    assert {c for t, c, _, _ in COLUMN_EDGES} <= {c for m in TABLES.values() for c in m.model_fields}


@pytest.mark.parametrize("name", EXAMPLES + ("small",))
def test_relationships_are_the_graph_s_edges(examples_dir, tmp_path, name):
    """Column relationships and row relationships together are exactly the library's graph edges
    (direction included); rows of a table are one relationship each (the graph merges repeats)."""
    ds = load_dataset(examples_dir / name if name != "small" else write_dataset(tmp_path, small_network()))
    sent = {(r["source"], r["target"], kind) for kind in {e[2] for e in COLUMN_EDGES} for r in edge_rows(ds, kind)}
    rows = [(r["source"], r["target"], t.lower()) for table in ROW_TABLES for t, r in row_rels(ds, table)]
    assert len(rows) == len(ds.memberships) + len(ds.links)
    assert sent | set(rows) == set(build_graph(ds).edges(keys=True))


def test_the_hand_built_dataset_uses_every_table():
    assert [t for t in TABLES if not tricky_dataset().rows(t)] == []


def test_repeated_rows_stay_apart():
    ds = tricky_dataset()
    members = [r for t, r in row_rels(ds, "memberships")]
    assert [(m["source"], m["target"], m["row"]) for m in members][:3] == [("a", "n1", 0), ("a", "n1", 1),
                                                                          ("a", "n1", 2)]
    funds = [r for t, r in row_rels(ds, "links") if t == "FUNDS"]
    assert [f["props"]["amount"] for f in funds] == [1234.5678, 0.1 + 0.2]


def test_generated_cypher_files_are_up_to_date():
    generated = generated_files()
    for name, text in generated.items():
        assert (ROOT / "cypher" / name).read_text() == text, f"run python -m graphmodel.neo4j_schema ({name})"
    assert {p.name for p in CYPHER if p.name.startswith("load_")} == {n for n in generated if n.startswith("load_")}


@pytest.mark.parametrize("path", CYPHER, ids=lambda p: p.name)
def test_every_cypher_file_declares_itself_and_uses_only_known_names(path):
    text = path.read_text()
    assert text.startswith("// ") and "// Parameters:" in text
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    known = set(LABELS.values()) | set(REL_TYPES.values()) | {MARK, SAME_AS}
    for name in re.findall(r"[:|]([A-Z][A-Za-z_]+)\b", body):
        assert name in known, f"{path.name} uses {name}"
    declared = set(re.findall(r"\$(\w+)", text.split("// Parameters:")[1].splitlines()[0]))
    assert set(re.findall(r"\$(\w+)", body)) == declared


@pytest.mark.parametrize("name", QUERIES)
def test_every_named_query_is_about_one_dataset(name):
    """Each named query takes $dataset and starts from engagemap's nodes of it; only the
    list of datasets spans the database (and the SAME_AS query, which may be narrowed to one)."""
    if name == "datasets":
        assert query_parameters(name) == []
        return
    assert "dataset" in query_parameters(name)
    body = "\n".join(x for x in statement(name).splitlines() if not x.startswith("//"))
    if name != "organisations_in_several_datasets":
        assert re.search(r"\(\w*:Engagemap[:\w]* \{dataset: \$dataset", body), name


def test_statements_touch_only_engagemap_s_nodes():
    for path in CYPHER:
        body = "\n".join(x for x in path.read_text().splitlines() if not x.startswith("//"))
        for verb in ("DELETE", "SET", "MERGE", "REMOVE"):
            if re.search(rf"\b{verb}\b", body):
                assert f":{MARK}" in body, f"{path.name} uses {verb} on nodes it may not own"


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
    schema.write_text(json.dumps({"labels": sorted([*LABELS.values(), MARK]),
                                  "relationshipTypes": sorted([*REL_TYPES.values(), SAME_AS]),
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


# ------------------------------------------------------------------ the conversion both ways


@pytest.mark.parametrize("name", EXAMPLES)
def test_rows_sent_rebuild_the_same_dataset(examples_dir, name):
    ds = load_dataset(examples_dir / name)
    assert dataset_from_records(name, *sent_records(ds)) == ds


def test_hand_built_dataset_comes_back_unchanged():
    ds = tricky_dataset()
    assert dataset_from_records("tricky", *sent_records(ds, include_people=True), include_people=True) == ds


def test_people_s_names_are_sent_only_when_asked():
    ds = tricky_dataset()
    nodes, _ = sent_records(ds)
    person = next(n for n in nodes if "Person" in n["labels"])
    assert person["props"] == {"id": "x1", "organisation": "a", "row": 0, "dataset": "tricky"}
    assert "Ada" not in json.dumps([n["props"] for n in nodes], ensure_ascii=False, default=str)
    assert dataset_from_records("tricky", *sent_records(ds)) == without_people(ds)
    # a database holding names gives them back only when asked, too
    assert dataset_from_records("tricky", *sent_records(ds, include_people=True)) == without_people(ds)


# ------------------------------------------------------------------ what a push sends


class Recorder:
    """Stands in for the driver to record the statements and parameters a push sends.
    (This tests our code's side of the conversation, not Neo4j.)"""

    def __init__(self, exists: bool = False):
        self.sent = []
        self.exists = exists  # whether the database already holds a node of the dataset pushed

    def session(self, database=None, **config):
        recorder = self

        class Session:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

            def execute_write(self, work):
                class Tx:
                    def run(self, text, parameters=None, **params):  # the driver's Transaction.run
                        # what is sent, as it is when sent (a push empties a batch once it is written)
                        recorder.sent.append((text, copy.deepcopy({**(parameters or {}), **params})))
                        return [Record({"deleted": 0})] if "deleted" in text else []

                return work(Tx())

            def begin_transaction(self):
                outer = self

                class Tx:
                    def __enter__(self):
                        return self

                    def __exit__(self, *exc):
                        return False

                    def run(self, text, parameters=None, **params):
                        recorder.sent.append((text, {**(parameters or {}), **params}))
                        return [Record({"id": "x"})] if recorder.exists and text == statement("dataset_exists") else []

                return Tx()

        return Session()

    def close(self):
        pass


class Record(dict):
    def data(self):
        return dict(self)


@pytest.mark.parametrize("exists", [True, False])
def test_push_sends_schema_then_batches_with_parameters_only(examples_dir, exists):
    ds = load_dataset(examples_dir / "hackney")
    recorder = Recorder(exists)
    Neo4jStore("neo4j://x", "neo4j", "secret", driver=recorder).push(ds, batch_size=10)
    texts = [t for t, _ in recorder.sent]
    schema = split_statements(statement("schema"))
    assert texts[:len(schema)] == schema
    prefix, other = ("load", "create") if exists else ("create", "load")
    assert not [t for t in texts if t.startswith(f"// {other.capitalize()} a batch")]
    org_batches = [p for t, p in recorder.sent if t == statement(f"{prefix}_organisations")]
    assert sorted((len(p["rows"]) for p in org_batches), reverse=True) == [10, 10, 10, 10, 6]  # two at once
    assert all(p["dataset"] == "hackney" for p in org_batches)
    assert len({p["pushed"] for t, p in recorder.sent if "pushed" in p}) == 1
    allowed = {statement(f.stem) for f in CYPHER} | set(schema)
    assert set(texts) <= allowed  # every statement is a project file: user data only as parameters
    members = [(r["row"], g["target"], r["source"]) for t, p in recorder.sent
               if t == statement(f"{prefix}_rows_member_of") for g in p["rows"] for r in g["rows"]]
    # every membership row once, grouped under its network (the target)
    assert sorted(members) == [(i, m.network, m.member) for i, m in enumerate(ds.memberships)]
    assert statement("delete_dataset") not in texts
    last_load = max(i for i, t in enumerate(texts) if t.startswith(("// Load", "// Create a")))
    nodes = [i for i, t in enumerate(texts) if t.startswith(("// Load a batch of", "// Create a batch of"))
             and " nodes " in t.splitlines()[0]]
    relationships = [i for i, t in enumerate(texts) if t.startswith(("// Load a batch of", "// Create a batch of"))
                     and " relationships " in t.splitlines()[0]]
    assert max(nodes) < min(relationships)  # every node is in before a relationship needs it
    if exists:
        assert texts.index(statement("delete_stale_nodes")) > last_load  # old rows go only once the new are in
    else:  # a dataset new to the database has nothing stale to sweep
        assert statement("delete_stale_nodes") not in texts and statement("delete_stale_relationships") not in texts


def test_replace_removes_only_this_dataset_first(examples_dir):
    recorder = Recorder()
    Neo4jStore("neo4j://x", "neo4j", "secret", driver=recorder).push(load_dataset(examples_dir / "gloucester"),
                                                                     replace=True)
    deletes = [(t, p) for t, p in recorder.sent if t == statement("delete_dataset")]
    assert deletes == [(statement("delete_dataset"), {"dataset": "gloucester"})]
    first_load = next(i for i, (t, _) in enumerate(recorder.sent) if t.startswith(("// Load", "// Create a")))
    assert recorder.sent.index(deletes[0]) < first_load
    assert "MATCH (n:Engagemap {dataset: $dataset} WHERE n.id IS NOT NULL)" in statement("delete_dataset")


def test_push_leaves_names_out_unless_asked(tmp_path):
    ds = tricky_dataset()
    for include, expected in ((False, {"id": "x1", "organisation": "a", "row": 0}),
                              (True, {"id": "x1", "organisation": "a", "row": 0,
                                      "name": "Ada Lovelace-Ωmega", "notes": "private note"})):
        recorder = Recorder()
        Neo4jStore("neo4j://x", "neo4j", "secret", driver=recorder).push(ds, include_people=include)
        people = [r for t, p in recorder.sent if t == statement("create_people") for r in p["rows"]]
        assert people == [expected]
        assert ("Ada" in json.dumps(recorder.sent, default=str, ensure_ascii=False)) == include


# ------------------------------------------------------------------ addresses and failures


def test_credentials_in_the_address_are_used_but_never_shown():
    store = Neo4jStore("neo4j://alice:hunter2-secret@db.example:7687", "neo4j", "")
    assert (store.uri, store.username) == ("neo4j://db.example:7687", "alice")
    assert "hunter2" not in repr(store)
    assert safe_uri("bolt://bob@[::1]:7687") == "bolt://[::1]:7687"
    result = CliRunner().invoke(cli, ["neo4j", "pull", "--dataset", "x", "-o", "never", "--uri",
                                      "neo4j://alice:hunter2-secret@127.0.0.1:1"], env={"NEO4J_PASSWORD": None})
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach Neo4j at neo4j://127.0.0.1:1 ("), lines
    assert "hunter2" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("uri", ["neo4j://[::1", "neo4j://[fe80::1%zz]:99999", "http://localhost:7474",
                                 "neo4j://", "localhost:7687", "neo4j://host:port"])
def test_a_malformed_address_gives_one_sentence(uri):
    result = CliRunner().invoke(cli, ["neo4j", "pull", "--dataset", "x", "-o", "never", "--uri", uri],
                                env={"NEO4J_PASSWORD": "pw"})
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot use the Neo4j address"), lines
    assert "Traceback" not in result.output


def test_no_server_gives_one_clear_sentence_and_status_2(examples_dir):
    result = CliRunner().invoke(cli, ["neo4j", "push", str(examples_dir / "gloucester"), "--uri",
                                      "neo4j://127.0.0.1:1"], env={"NEO4J_PASSWORD": "hunter2-secret"})
    assert result.exit_code == 2
    assert "error: cannot reach Neo4j at neo4j://127.0.0.1:1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output and "hunter2-secret" not in result.output


def test_bad_credentials_are_named_without_the_password():
    from neo4j.exceptions import AuthError

    class Refusing(Recorder):
        def session(self, database=None, **config):
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


def test_unknown_named_query_and_missing_parameters():
    result = CliRunner().invoke(cli, ["neo4j", "query", "drop_everything"], env={"NEO4J_PASSWORD": "x"})
    assert result.exit_code == 2 and "there is no query named 'drop_everything'" in result.stderr
    result = CliRunner().invoke(cli, ["neo4j", "query", "vacant_seats"], env={"NEO4J_PASSWORD": "x"})
    assert result.exit_code == 2 and "query 'vacant_seats' is about one dataset: give --dataset NAME" in result.output
    with pytest.raises(EngagemapError, match=r"query 'reach' takes the parameters dataset, partnership, as_of; "
                                             r"missing: partnership, as_of; unknown: seat"):
        Neo4jStore("neo4j://x", "neo4j", "pw", driver=Recorder()).query("reach", {"dataset": "d", "seat": "s"})


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


def test_a_server_that_drops_mid_push_gives_a_clear_error(examples_dir):
    from neo4j.exceptions import ServiceUnavailable

    ds = load_dataset(examples_dir / "gloucester")

    class Dropping(Recorder):
        def session(self, database=None, **config):
            if len(self.sent) >= 20:
                raise ServiceUnavailable("Connection to the server was lost")
            return super().session(database)

    with pytest.raises(EngagemapError, match=r"^cannot reach Neo4j at neo4j://db:7687 \(Connection to the server "
                                             r"was lost\); is the server running\?$"):
        Neo4jStore("neo4j://db:7687", "neo4j", "secret", driver=Dropping()).push(ds, batch_size=5)
    loads = [t for t in map(statement, [f.stem for f in CYPHER if f.stem.startswith("load_")])]
    assert all("MERGE" in t and "CREATE (" not in t for t in loads)  # a re-run matches what was written
    assert all("IF NOT EXISTS" in t or "IF EXISTS" in t for t in split_statements(statement("schema")))
