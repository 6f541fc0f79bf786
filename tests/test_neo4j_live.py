"""Tests against a live Neo4j server, through the official driver.

They run when NEO4J_URI is set (with NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) and are
skipped, with that reason, when it is not. They refuse to run against a database that holds
nodes they did not write.
"""

import os
from datetime import date

import pytest

from graphmodel import build_graph, load_dataset
from graphmodel.reaching import reach
from graphmodel.representation import gaps
from graphmodel.reporting import audience
from graphmodel.store import Neo4jStore, statement

if not os.environ.get("NEO4J_URI") and os.environ.get("CI"):
    # CI starts a real server (.ci/run, .ci/neo4j/start): there a missing server is a failure
    pytest.fail("CI is set but NEO4J_URI is not: .ci/run must start Neo4j before the tests", pytrace=False)

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not os.environ.get("NEO4J_URI"),
                                 reason="NEO4J_URI is not set: start a server with .ci/neo4j/start (see README)")]

EXAMPLES = ("hackney", "islington", "gloucester")


@pytest.fixture(scope="module")
def store():
    s = Neo4jStore(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USERNAME", "neo4j"),
                   os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE"))
    total = s.read(statement("count_all"))[0]["nodes"]
    ours = s.read("MATCH (n) WHERE n.dataset IN $names RETURN count(n) AS n", names=list(EXAMPLES))[0]["n"]
    if total != ours:
        s.close()
        pytest.fail(f"the database holds {total - ours} nodes these tests did not write; use an empty database")
    yield s
    for name in EXAMPLES:
        s.write(statement("delete_dataset"), dataset=name)
    s.write("MATCH (n:EngagemapTestForeign) DELETE n")
    s.close()


@pytest.mark.parametrize("name", EXAMPLES)
def test_push_twice_same_counts_and_pull_gives_the_dataset_back(store, examples_dir, name):
    ds = load_dataset(examples_dir / name)
    first = store.push(ds)
    second = store.push(ds)
    assert first == second
    assert first["node Organisation"] == len(ds.organisations)
    assert store.pull(name) == ds


def test_replace_leaves_a_foreign_node_alone(store, examples_dir):
    ds = load_dataset(examples_dir / "gloucester")
    store.write("CREATE (:EngagemapTestForeign {id: 'keep-me'})")
    store.push(ds, replace=True)
    assert store.read("MATCH (n:EngagemapTestForeign) RETURN count(n) AS n")[0]["n"] == 1
    assert store.pull("gloucester") == ds


def test_named_queries_give_the_networkx_answers(store, examples_dir):
    ds = load_dataset(examples_dir / "hackney")
    store.push(ds, replace=True)
    g = build_graph(ds)
    expected = [(o.id, o.distance) for o in reach(g, "th-board").organisations]
    got = [(r["id"], r["distance"]) for r in store.query("reach", {"partnership": "th-board"})]
    assert sorted(got, key=lambda x: (x[1], x[0])) == expected
    result = gaps(g, as_of=date(2026, 1, 1))
    assert [r["id"] for r in store.query("partnerships_without_vcs_seats")] == result.no_vcs_seats
    vacant = sorted(s for p in result.partnerships for s in p.vacant_seats)
    assert sorted(r["seat"] for r in store.query("vacant_seats")) == vacant
    silent = sorted(s for p in result.partnerships for s in p.seats_without_reporting_back)
    assert sorted(r["seat"] for r in store.query("seats_without_reporting_back")) == silent
    seat = audience(g, "better-homes-tenants")
    got = sorted((r["id"], r["distance"]) for r in store.query("seat_audience", {"seat": "better-homes-tenants"}))
    assert got == sorted((m.id, m.distance) for m in seat.audience)


def test_analyses_from_neo4j_give_the_answers_from_files(store, examples_dir):
    import json

    from click.testing import CliRunner

    from graphmodel.cli import cli

    store.push(load_dataset(examples_dir / "hackney"), replace=True)
    for command in (["reach", "-p", "th-board"], ["gaps", "--as-of", "2026-01-01"],
                    ["paths", "--seat", "better-homes-tenants"], ["paths", "-p", "th-board"]):
        from_file = CliRunner().invoke(cli, [command[0], str(examples_dir / "hackney"), *command[1:], "--format", "json"])
        from_neo4j = CliRunner().invoke(cli, [command[0], "--neo4j", "hackney", *command[1:], "--format", "json"])
        assert from_file.exit_code == from_neo4j.exit_code == 0
        assert json.loads(from_neo4j.stdout) == json.loads(from_file.stdout)
