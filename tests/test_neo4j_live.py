"""Tests against a live Neo4j 5 server, through the official driver.

They run when NEO4J_URI is set (with NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE): CI starts a
server (.ci/run, .ci/neo4j/start) and there a missing one fails them; elsewhere they are skipped
with that reason. They write only datasets named ``engagemap-test-*`` (and a few nodes labelled
``EngagemapTestForeign``) and remove them afterwards.
"""

import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_neo4j import section_5_dataset, tricky_dataset, without_people

from graphmodel import build_graph, load_dataset
from graphmodel import neo4j_analyses as from_neo4j
from graphmodel.cli import cli
from graphmodel.dated import in_force
from graphmodel.model import TABLES
from graphmodel.reaching import feeds, reach, routes
from graphmodel.reporting import audience, hearing
from graphmodel.representation import gaps
from graphmodel.store import Neo4jStore, statement

if not os.environ.get("NEO4J_URI") and os.environ.get("CI"):
    # CI starts a real server (.ci/run, .ci/neo4j/start): there a missing server is a failure
    pytest.fail("CI is set but NEO4J_URI is not: .ci/run must start Neo4j before the tests", pytrace=False)

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not os.environ.get("NEO4J_URI"),
                                 reason="NEO4J_URI is not set: start a server with .ci/neo4j/start (see README)")]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = tuple(sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir()))
PREFIX = "engagemap-test-"
AS_OF = date(2026, 1, 1)


def named(ds, name):
    return ds.model_copy(update={"name": PREFIX + name})


def connect(**changes) -> Neo4jStore:
    settings = {"uri": os.environ["NEO4J_URI"], "username": os.environ.get("NEO4J_USERNAME", "neo4j"),
                "password": os.environ.get("NEO4J_PASSWORD", ""), "database": os.environ.get("NEO4J_DATABASE")}
    settings.update(changes)
    return Neo4jStore(**settings)


def drop_test_data(store: Neo4jStore) -> None:
    for name in store.datasets():
        if name.startswith(PREFIX):
            while store.write(statement("delete_dataset"), dataset=name)[0]["deleted"]:
                pass
    store.write("MATCH (n:EngagemapTestForeign) DETACH DELETE n")


@pytest.fixture(scope="module")
def store():
    s = connect()
    drop_test_data(s)
    yield s
    drop_test_data(s)
    s.close()


@pytest.fixture(scope="module")
def borough(tmp_path_factory):
    """A synthetic borough (engagemap synth --areas 1)."""
    folder = tmp_path_factory.mktemp("synth") / "borough"
    assert CliRunner().invoke(cli, ["synth", "--areas", "1", "--seed", "7", "-o", str(folder)]).exit_code == 0
    return load_dataset(folder)


def dataset_called(name, examples_dir, borough):
    if name == "borough":
        return borough
    if name == "tricky":
        return tricky_dataset()
    if name == "section-5":
        return section_5_dataset()
    return load_dataset(examples_dir / name)


def expected_counts(ds) -> dict[str, int]:
    from graphmodel.neo4j_schema import LABELS

    return {f"node {label}": len(ds.rows(table)) for table, label in LABELS.items() if ds.rows(table)}


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("name", EXAMPLES + ("borough", "tricky"))
def test_push_twice_same_counts_and_pull_gives_the_dataset_back(store, examples_dir, borough, name):
    ds = named(dataset_called(name, examples_dir, borough), name)
    first = store.push(ds, include_people=True)
    rows = sum(len(ds.rows(t)) for t in TABLES)
    second = store.push(ds, include_people=True, batch_size=7 if rows < 1000 else 293)  # batches end mid-table
    assert first == second
    assert {k: v for k, v in first.items() if k.startswith("node")} == expected_counts(ds)
    assert first.get("relationship MEMBER_OF", 0) >= len(ds.memberships)
    assert store.pull(ds.name, include_people=True) == ds


@pytest.mark.parametrize("workers", [1, 2])
def test_a_push_keeps_no_row_once_it_is_done(store, borough, workers):
    # the memory of a push is bounded by its batches: with the cycle collector off (as with a large
    # dataset loaded, where full collections are rare), no row sent may still be held afterwards
    import gc

    ds = named(borough, "memory")
    before = {id(o) for o in gc.get_objects() if type(o) is dict}
    gc.disable()
    try:
        store.push(ds, batch_size=100, workers=workers)
        held = [o for o in gc.get_objects() if type(o) is dict and id(o) not in before
                and ("props" in o or "target" in o or ("row" in o and "id" in o))]  # rows, groups of rows
    finally:
        gc.enable()
    assert held == []


def test_people_s_names_stay_out_of_the_database_unless_asked(store):
    ds = named(tricky_dataset(), "people")
    store.push(ds)
    people = store.read("MATCH (p:Engagemap:Person {dataset: $d}) RETURN properties(p) AS props", d=ds.name)
    assert [sorted(p["props"]) for p in people] == [["dataset", "id", "organisation", "pushed", "row"]]
    assert store.pull(ds.name) == without_people(ds)
    store.push(ds, include_people=True)
    assert store.pull(ds.name, include_people=True) == ds
    assert store.pull(ds.name) == without_people(ds)
    store.push(ds)  # pushing again without names takes them out again
    assert store.read("MATCH (p:Engagemap:Person {dataset: $d}) RETURN p.name AS name", d=ds.name) == [{"name": None}]


def test_repeated_rows_are_separate_relationships(store):
    ds = named(tricky_dataset(), "repeats")
    store.push(ds)
    found = store.read("MATCH (:Engagemap {dataset: $d, id: 'a'})-[r:MEMBER_OF]->(:Engagemap {id: 'n1'}) "
                       "RETURN r.row AS row, r.role AS role ORDER BY row", d=ds.name)
    assert found == [{"row": 0, "role": "chair"}, {"row": 1, "role": "chair"}, {"row": 2, "role": None}]
    funds = store.read("MATCH (:Engagemap {dataset: $d})-[r:FUNDS]->() RETURN r.amount AS amount ORDER BY r.row",
                       d=ds.name)
    assert funds == [{"amount": 1234.5678}, {"amount": 0.1 + 0.2}]


def test_a_reports_table_goes_in_as_relationships_and_comes_back(store, tmp_path):
    """Each row of the reports table is one REPORTS relationship from the seat or partnership that
    reported to the body reported to, carrying date, channel, notes and its row number."""
    ds = named(section_5_dataset(), "reports")
    store.push(ds)
    found = store.read("MATCH (a:Engagemap {dataset: $d})-[r:REPORTS]->(b:Engagemap {dataset: $d}) "
                       "RETURN a.id AS source, b.id AS target, r.date AS date, r.channel AS channel, "
                       "r.notes AS notes, r.table AS table, r.row AS row ORDER BY row", d=ds.name)
    assert [{**r, "date": r["date"].to_native()} for r in found] == [
        {"source": "s1", "target": "n1", "date": date(2025, 3, 1), "channel": "meeting", "notes": None,
         "table": "reports", "row": 0},
        {"source": "s2", "target": "p3", "date": date(2024, 1, 1), "channel": None, "notes": None,
         "table": "reports", "row": 1},
        {"source": "s7", "target": "d", "date": date(2027, 6, 1), "channel": None, "notes": None,
         "table": "reports", "row": 2},
        {"source": "p3", "target": "n2", "date": date(2025, 9, 30), "channel": "minutes", "notes": "« all »",
         "table": "reports", "row": 3}]
    assert store.pull(ds.name) == ds
    fewer = ds.model_copy(update={"reports": ds.reports[1:] + ds.reports[:1] + ds.reports[:1]})  # moved, repeated
    store.push(fewer)
    assert store.pull(ds.name) == fewer
    assert store.counts(ds.name)["relationship REPORTS"] == 5
    # through the files: a reports.csv pushed and pulled comes back the same
    from graphmodel.writers import write_csv_folder

    write_csv_folder(fewer, tmp_path / (PREFIX + "reports-csv"))
    assert CliRunner().invoke(cli, ["neo4j", "push", str(tmp_path / (PREFIX + "reports-csv"))]).exit_code == 0
    pulled = CliRunner().invoke(cli, ["neo4j", "pull", "--dataset", PREFIX + "reports-csv", "-o", str(tmp_path / "back")])
    assert pulled.exit_code == 0, pulled.output
    assert (tmp_path / "back" / "reports.csv").read_text(encoding="utf-8") == \
        (tmp_path / (PREFIX + "reports-csv") / "reports.csv").read_text(encoding="utf-8")


# ------------------------------------------------------------------ datasets kept apart


def _changed(ds):
    """``ds`` edited: a name changed, the last membership and the last link gone, a membership repeated."""
    orgs = list(ds.organisations)
    orgs[0] = orgs[0].model_copy(update={"name": orgs[0].name + " (renamed)"})
    return ds.model_copy(update={"organisations": tuple(orgs), "links": ds.links[:-1],
                                 "memberships": ds.memberships[:-1] + ds.memberships[:1]})


@pytest.mark.parametrize("order", list(itertools.permutations(["push a", "push b", "replace a2", "push b2"])),
                         ids=lambda o: ", ".join(o))
def test_datasets_sharing_ids_are_kept_apart_in_every_order(store, examples_dir, order):
    """islington and gloucester share the ids police, bme, tenants, disabled and health-authority."""
    a = named(load_dataset(examples_dir / "islington"), "a")
    b = named(load_dataset(examples_dir / "gloucester"), "b")
    versions = {"a": a, "b": b, "a2": _changed(a), "b2": _changed(b)}
    for name in ("a", "b"):
        while store.write(statement("delete_dataset"), dataset=PREFIX + name)[0]["deleted"]:
            pass
    latest = {}
    for step in order:
        verb, version = step.split()
        ds = versions[version]
        counts = store.push(ds, replace=verb == "replace")
        latest[ds.name] = ds
        assert {k: v for k, v in counts.items() if k.startswith("node")} == expected_counts(ds)
        for name, expected in latest.items():
            assert store.pull(name) == expected, (step, name)


def test_nodes_engagemap_did_not_write_are_never_touched(store, examples_dir):
    ds = named(load_dataset(examples_dir / "gloucester"), "foreign")
    store.write("CREATE (:Organisation:EngagemapTestForeign {dataset: $d, id: 'police', name: 'not ours'}), "
                "(:EngagemapTestForeign {id: 'keep-me'})", d=ds.name)
    for replace in (False, True, True):
        store.push(ds, replace=replace)
        assert store.pull(ds.name) == ds
    kept = store.read("MATCH (n:EngagemapTestForeign) RETURN n.id AS id, labels(n) AS labels ORDER BY id")
    assert kept == [{"id": "keep-me", "labels": ["EngagemapTestForeign"]},
                    {"id": "police", "labels": ["Organisation", "EngagemapTestForeign"]}]
    result = CliRunner().invoke(cli, ["reach", "--neo4j", ds.name, "-p", "executive", "--format", "json"])
    assert result.exit_code == 0 and "not ours" not in result.stdout


def test_organisations_in_several_datasets_are_joined_by_same_as(store):
    def district(n, identifiers):
        ds = named(tricky_dataset(), f"district-{n}")
        orgs = [o.model_copy(update={"identifiers": identifiers.get(o.id, ())}) for o in ds.organisations]
        return ds.model_copy(update={"organisations": tuple(orgs)})

    one = district(1, {"a": ("GB-TEST-SAME-1",), "c": ("GB-TEST-SAME-2", "GB-TEST-ONLY-1")})
    other = district(2, {"a": ("GB-TEST-SAME-1",), "b": ("GB-TEST-SAME-1", "GB-TEST-SAME-2"), "d": ("GB-TEST-ONLY-2",)})
    store.push(one)
    store.push(other)
    store.push(one, replace=True)  # a re-push does not duplicate the joins
    names = {o.id: o.name for o in one.organisations}
    expected = [
        {"identifier": "GB-TEST-SAME-1", "datasets": [one.name, other.name, other.name], "ids": ["a", "a", "b"],
         "names": [names["a"], names["a"], names["b"]]},
        {"identifier": "GB-TEST-SAME-2", "datasets": [one.name, other.name], "ids": ["c", "b"],
         "names": [names["c"], names["b"]]},
    ]
    assert store.query("organisations_in_several_datasets", {"dataset": one.name}) == expected
    everywhere = store.query("organisations_in_several_datasets", {"dataset": None})
    assert [r for r in everywhere if r["identifier"].startswith("GB-TEST-")] == expected
    joins = store.read("MATCH (a)-[s:SAME_AS]->(b) WHERE s.identifier STARTS WITH 'GB-TEST-' "
                       "RETURN a.dataset + '/' + a.id AS a, b.dataset + '/' + b.id AS b, s.identifier AS i "
                       "ORDER BY i, a, b")
    assert [(j["a"].split("-")[-1], j["b"].split("-")[-1], j["i"]) for j in joins] == [
        ("1/a", "2/a", "GB-TEST-SAME-1"), ("1/a", "2/b", "GB-TEST-SAME-1"), ("1/c", "2/b", "GB-TEST-SAME-2")]
    # the joins are not part of either dataset: each still comes back as it was
    assert store.pull(one.name) == without_people(one)
    assert store.pull(other.name) == without_people(other)
    store.push(other.model_copy(update={"organisations": tuple(o.model_copy(update={"identifiers": ()})
                                                              for o in other.organisations)}))
    assert store.query("organisations_in_several_datasets", {"dataset": one.name}) == []


# ------------------------------------------------------------------ Cypher answers = library answers


#: the days the named queries are asked about: before, among and after the memberships' dates
DAYS = (date(2015, 1, 1), AS_OF, date(2031, 1, 1))


@pytest.mark.parametrize("name", EXAMPLES + ("borough", "tricky", "section-5"))
def test_named_queries_give_the_library_s_answers(store, examples_dir, borough, name):
    ds = named(dataset_called(name, examples_dir, borough), "q-" + name)
    store.push(ds)
    # another dataset with the same ids, other seats filled, fewer memberships and links: an answer
    # that mixed the two would differ
    noise = ds.model_copy(update={"name": PREFIX + "q-noise-" + name, "memberships": ds.memberships[::2],
                                  "links": ds.links[1::2],
                                  "seats": tuple(s.model_copy(update={"holder": None if s.holder else
                                                                      next(o.id for o in ds.organisations),
                                                                      "person": None}) for s in ds.seats)})
    store.push(noise)
    partnerships = sorted(p.id for p in ds.partnerships)
    seats = sorted(s.id for s in ds.seats)
    organisations = [o.id for o in ds.organisations if not o.active] + sorted(o.id for o in ds.organisations)[:15]
    days = DAYS if name in ("borough", "tricky", "section-5") else DAYS[1:2]
    if name == "section-5":
        days = (date(2024, 6, 1), date(2025, 7, 1), AS_OF, date(2028, 1, 1))
    for day in days:
        g = in_force(build_graph(ds), day)  # as every analysis of the command line reads the graph
        for p in partnerships:
            assert from_neo4j.reach(store, ds.name, p, as_of=day) == reach(g, p), (day, p)
        for p in partnerships[:12]:
            assert from_neo4j.hearing(store, ds.name, p, as_of=day) == hearing(g, p), (day, p)
        assert from_neo4j.gaps(store, ds.name, as_of=day).as_dict() == gaps(g, as_of=day).as_dict(), day
        assert from_neo4j.gaps(store, ds.name, partnerships[-1], as_of=day, max_seats=1, expiring_within=400,
                               stale_after=1).as_dict() == \
            gaps(g, partnerships[-1], as_of=day, max_seats=1, expiring_within=400, stale_after=1).as_dict(), day
        for seat in seats[:60]:
            ours, theirs = from_neo4j.audience(store, ds.name, seat, as_of=day), audience(g, seat, as_of=day)
            assert (ours.reports_back_to, ours.audience, ours.total, ours.networks, ours.unserved_communities) == \
                (theirs.reports_back_to, theirs.audience, theirs.total, theirs.networks,
                 theirs.unserved_communities), (day, seat)
        for o in organisations:
            got = [(r["partnership"], r["distance"])
                   for r in store.query("feeds", {"dataset": ds.name, "organisation": o, "as_of": day.isoformat()})]
            assert got == [(f.partnership, f.distance) for f in feeds(g, o)], (day, o)
            for p in partnerships[:4]:
                assert from_neo4j.routes(store, ds.name, o, p, as_of=day) == routes(g, o, p), (day, o, p)


def test_the_section_5_dataset_changes_with_the_day(store):
    """The comparison above is not empty: the day changes the answers, as the library's."""
    ds = named(section_5_dataset(), "q-days")
    store.push(ds)
    heard = {day: [(m.id, m.type, m.distance) for m in from_neo4j.audience(store, ds.name, "s2", as_of=day).audience]
             for day in (date(2024, 6, 1), date(2026, 1, 1), date(2028, 1, 1))}
    # s2 reports back to the executive p3, which reports back to n2: n2's members as they stood on the day
    assert heard == {date(2024, 6, 1): [("p3", "partnership", 1), ("d", "organisation", 4)],
                     date(2026, 1, 1): [("p3", "partnership", 1), ("a", "organisation", 4)],
                     date(2028, 1, 1): [("p3", "partnership", 1), ("b", "organisation", 3), ("a", "organisation", 4)]}
    assert from_neo4j.audience(store, ds.name, "s6", as_of=AS_OF).reports_back_to == []  # only to an inactive one


def test_analyses_from_neo4j_give_the_answers_from_files(store, examples_dir):
    ds = named(load_dataset(examples_dir / "hackney"), "cli-hackney")
    store.push(ds)
    for command in (["reach", "-p", "th-board"], ["reach", "-p", "th-board", "--from", "vcs-orgs-youth"],
                    ["gaps", "--as-of", "2026-01-01"], ["gaps", "-p", "better-homes", "--max-seats", "1"],
                    ["paths", "--seat", "better-homes-tenants"], ["paths", "-p", "th-board"]):
        for fmt in ("json", "table"):
            from_file = CliRunner().invoke(cli, [command[0], str(examples_dir / "hackney"), *command[1:],
                                                 "--format", fmt])
            from_db = CliRunner().invoke(cli, [command[0], "--neo4j", ds.name, *command[1:], "--format", fmt])
            assert from_file.exit_code == from_db.exit_code == 0, from_db.output
            assert from_db.stdout == from_file.stdout, command
    for command in (["reach", "-p", "th-bord"], ["paths", "--seat", "th-board"], ["gaps", "-p", "nothing"]):
        from_file = CliRunner().invoke(cli, [command[0], str(examples_dir / "hackney"), *command[1:]])
        from_db = CliRunner().invoke(cli, [command[0], "--neo4j", ds.name, *command[1:]])
        assert from_file.exit_code == from_db.exit_code == 2
        assert from_db.stderr == from_file.stderr
    missing = CliRunner().invoke(cli, ["gaps", "--neo4j", PREFIX + "nothing-here"])
    assert missing.exit_code == 2
    assert f"the Neo4j database holds no dataset named '{PREFIX}nothing-here'" in missing.stderr


def test_cli_push_pull_and_query(store, examples_dir, tmp_path):
    folder = tmp_path / (PREFIX + "cli")
    ds = tricky_dataset(PREFIX + "cli")
    from graphmodel.writers import write_csv_folder

    write_csv_folder(ds, folder)
    ds = load_dataset(folder)  # as the CSV files hold it (a CSV cell cannot tell "" from empty)
    pushed = CliRunner().invoke(cli, ["neo4j", "push", str(folder)])
    assert pushed.exit_code == 0, pushed.output
    assert f"pushed {PREFIX}cli to {os.environ['NEO4J_URI']}" in pushed.stdout
    pulled = CliRunner().invoke(cli, ["neo4j", "pull", "--dataset", PREFIX + "cli", "-o", str(tmp_path / "back")])
    assert pulled.exit_code == 0, pulled.output
    assert load_dataset(tmp_path / "back").model_copy(update={"name": ds.name}) == without_people(ds)
    assert ds.people[0].name == "Ada Lovelace-Ωmega"
    assert "Ada" not in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "back").iterdir())
    result = CliRunner().invoke(cli, ["neo4j", "query", "vacant_seats", "--dataset", PREFIX + "cli",
                                      "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == [{"partnership": "p2", "seat": "s2",
                                                                     "sector": "other"}]
    # a query taking a day is asked about today unless --param as_of=... says otherwise
    for extra, day in (([], date.today()), (["--param", "as_of=1999-06-01"], date(1999, 6, 1))):
        result = CliRunner().invoke(cli, ["neo4j", "query", "reach", "--dataset", PREFIX + "cli", "--param",
                                          "partnership=p1", *extra, "--format", "json"])
        assert result.exit_code == 0, result.output
        expected = reach(in_force(build_graph(ds), day), "p1")
        assert [(r["id"], r["distance"]) for r in json.loads(result.stdout)] == \
            sorted([(o.id, o.distance) for o in expected.organisations] +
                   [(n["id"], n["distance"]) for n in expected.networks], key=lambda x: (x[1], x[0]))


# ------------------------------------------------------------------ faults


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2 and len([x for x in lines if not x.startswith("...")]) == 1, result.output
    assert "Traceback" not in result.output
    return lines[-1]


def test_wrong_password_unknown_database_and_bad_address(store, examples_dir):
    push = ["neo4j", "push", str(examples_dir / "gloucester")]
    wrong = CliRunner().invoke(cli, push, env={"NEO4J_PASSWORD": "not-the-password"})
    assert one_error_line(wrong).startswith("error: Neo4j at ") and "refused the user name 'neo4j'" in wrong.stderr
    assert "not-the-password" not in wrong.output
    unknown = CliRunner().invoke(cli, push + ["--database", "nosuchdb"])
    assert one_error_line(unknown).endswith("has no database named 'nosuchdb' (--database or NEO4J_DATABASE)")
    port = os.environ["NEO4J_URI"].rsplit(":", 1)[1]
    secret = CliRunner().invoke(cli, push + ["--uri", f"bolt://neo4j:wrong-secret@127.0.0.1:{port}"],
                                env={"NEO4J_PASSWORD": None})
    assert "refused" in one_error_line(secret) and "wrong-secret" not in secret.output
    bad = CliRunner().invoke(cli, push + ["--uri", "bolt://[::1:7687"])
    assert one_error_line(bad).startswith("error: cannot use the Neo4j address")


class CuttingProxy:
    """A TCP relay on 127.0.0.1 to the server that drops every connection once ``limit`` bytes
    have gone through it: a server lost in the middle of a push."""

    def __init__(self, port: int, limit: int):
        self.target, self.limit, self.sent = port, limit, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.cut = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, a, b):
        try:
            while data := a.recv(65536):
                self.sent += len(data)
                if self.sent > self.limit:
                    self.close()
                    return
                b.sendall(data)
        except OSError:
            pass

    def close(self):
        self.cut.set()
        for s in [self.listener, *self.sockets]:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


def test_a_connection_lost_mid_push_gives_one_sentence_and_a_rerun_completes(store, borough, tmp_path):
    from graphmodel.writers import write_csv_folder

    folder = tmp_path / (PREFIX + "cut")
    write_csv_folder(borough, folder)
    ds = load_dataset(folder)
    port = int(os.environ["NEO4J_URI"].rsplit(":", 1)[1])
    proxy = CuttingProxy(port, limit=400_000)
    try:
        cut = CliRunner().invoke(cli, ["neo4j", "push", str(folder), "--uri", f"bolt://127.0.0.1:{proxy.port}",
                                       "--batch-size", "100"])
    finally:
        proxy.close()
    line = one_error_line(cut)
    assert line.startswith(f"error: cannot reach Neo4j at bolt://127.0.0.1:{proxy.port} (") or \
        line.startswith("error: the Neo4j connection failed ("), line
    assert line.endswith("is the server running?") or line.endswith(")"), line
    half = store.counts(ds.name)
    assert 0 < half.get("node Organisation", 0)  # a part was written before the connection went
    rerun = CliRunner().invoke(cli, ["neo4j", "push", str(folder)])
    assert rerun.exit_code == 0, rerun.output
    again = store.push(ds)
    assert store.counts(ds.name) == again
    assert {k: v for k, v in again.items() if k.startswith("node")} == expected_counts(ds)
    assert store.pull(ds.name) == without_people(ds)


def test_the_server_stopped_mid_push_gives_one_sentence_and_a_rerun_completes(store, borough, tmp_path):
    """A short-lived server of our own (.ci/neo4j/start on another port, small heap), killed (SIGKILL) in
    the middle of a push: one sentence, exit 2. The test server keeps no data across a restart, so the
    re-run goes to the main server (the re-run over a half-written dataset is the test above)."""
    from graphmodel.writers import write_csv_folder

    folder = tmp_path / (PREFIX + "stopped")
    write_csv_folder(borough, folder)
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]
    env = {**os.environ, "NEO4J_PORT": str(port), "NEO4J_RUN_DIR": str(tmp_path / "server"),
           "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD") or "engagemap-live-tests", "NEO4J_HEAP": "512m",
           "NEO4J_PAGECACHE": "64m"}
    start, stop = ROOT / ".ci" / "neo4j" / "start", ROOT / ".ci" / "neo4j" / "stop"
    push = [sys.executable, "-m", "graphmodel.cli", "neo4j", "push", str(folder), "--batch-size", "20"]
    subprocess.run([str(start)], env=env, check=True, timeout=300, capture_output=True)
    try:
        pid = int((tmp_path / "server" / "neo4j.pid").read_text())
        pushing = subprocess.Popen(push + ["--uri", f"bolt://127.0.0.1:{port}"], env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        first = pushing.stderr.readline()  # the first progress line: the push is under way
        assert "nodes and relationships written" in first, first
        os.kill(pid, signal.SIGKILL)
        out, err = pushing.communicate(timeout=120)
        errors = [x for x in err.splitlines() if not x.startswith("...")]
        assert pushing.returncode == 2 and len(errors) == 1, err
        assert errors[0].startswith(f"error: cannot reach Neo4j at bolt://127.0.0.1:{port} ("), errors
    finally:
        subprocess.run([str(stop)], env=env, timeout=120, capture_output=True)
    rerun = subprocess.run(push[:-1] + ["1000"], env={**os.environ}, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    counts = store.counts(PREFIX + "stopped")
    assert {k: v for k, v in counts.items() if k.startswith("node")} == expected_counts(borough)
    assert store.pull(PREFIX + "stopped") == without_people(borough).model_copy(update={"name": PREFIX + "stopped"})
