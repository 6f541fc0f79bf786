"""The per-partnership part of the graph (graphmodel.subgraph) gives exactly the whole graph's answers.

For every partnership of every example, of small synthetic datasets and of hand-built datasets
(cycles through seats selected by partnerships, inactive organisations, funds links, dated
memberships read on several days, deputies and observers, people, reports), reach, hearing
(``paths --partnership``), resilience and the routes of ``reach --from`` on the part equal those
on the whole graph; an unknown id gives the same error; the CLI's columnar route prints the same.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel import subgraph
from graphmodel.dated import in_force
from graphmodel.exceptions import NotFound
from graphmodel.failures import resilience
from graphmodel.load import read_columns, read_graph
from graphmodel.reaching import feeds, reach, routes
from graphmodel.reporting import hearing
from graphmodel.subgraph import organisation_graph, partnership_graph
from graphmodel.synthetic import write_synthetic
from tests.helpers import small_network, write_dataset

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())
DAYS = (date(2019, 6, 1), date(2021, 1, 1), date(2026, 11, 23))


def _answers(graph, partnership: str, day: date, *, with_hearing: bool) -> dict:
    g = in_force(graph, day)
    found = {"reach": reach(g, partnership, as_of=day).as_dict(),
             "resilience": resilience(g, partnership).as_dict(),
             "top": resilience(g, partnership, top=2).as_dict()}
    if with_hearing:
        found["hearing"] = hearing(g, partnership).as_dict()
    return found


def _partnerships(graph) -> list[str]:
    return sorted(n for n, t in graph.nodes(data="type") if t == "partnership")


def _organisations(graph) -> list[str]:
    return sorted(n for n, t in graph.nodes(data="type") if t == "organisation")


def check_every_partnership(path: Path, days=DAYS[-1:], origins: int = 3, feeds_every: int = 1) -> int:
    """Compare the part and the whole for every partnership of the dataset at ``path`` (and ``feeds``
    of every ``feeds_every``-th organisation); return how many partnerships."""
    tables, warnings = read_columns(path)
    whole, whole_warnings = read_graph(path)
    assert [str(w) for w in warnings] == [str(w) for w in whole_warnings]
    partnerships = _partnerships(whole)
    organisations = _organisations(whole)
    for p in partnerships:
        for with_hearing in (False, True):
            part = partnership_graph(tables, p, hearing=with_hearing)
            for day in days:
                assert _answers(part, p, day, with_hearing=with_hearing) \
                    == _answers(whole, p, day, with_hearing=with_hearing), (path.name, p, day, with_hearing)
        # reach --from: the first, the last and an organisation in the middle, each on its own part
        for origin in {*organisations[:1], *organisations[-1:], *organisations[len(organisations) // 2:][:origins - 2]}:
            part = partnership_graph(tables, p, origin=origin)
            for day in days:
                assert routes(in_force(part, day), origin, p) == routes(in_force(whole, day), origin, p), (p, origin)
    check_feeds(path, tables, whole, organisations[::feeds_every], days)
    return len(partnerships)


def check_feeds(path: Path, tables, whole, organisations: list[str], days) -> None:
    """feeds of each organisation on its part (its descendants) equals feeds on the whole graph."""
    for o in organisations:
        part = organisation_graph(tables, o)
        for day in days:
            assert [f.as_dict() for f in feeds(in_force(part, day), o)] \
                == [f.as_dict() for f in feeds(in_force(whole, day), o)], (path.name, o, day)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_partnership_of_every_example(example):
    assert check_every_partnership(example, DAYS) > 0


@pytest.mark.parametrize("areas,seed", [(1, 1), (3, 7)])
def test_every_partnership_of_synthetic_data(tmp_path, areas, seed):
    folder = write_synthetic(tmp_path / "synth", areas=areas, seed=seed)
    assert check_every_partnership(folder, feeds_every=97) > 3


def _tricky() -> dict[str, list[dict]]:
    """Cycles through partnership-selected seats, inactive organisations on every kind of edge,
    funds and consults links, memberships with dates, deputies and observers, people, reports,
    nested communities, a body reported to from outside the reach, a partnership that reports back."""
    tables = small_network()
    tables["organisations"] += [
        {"id": "dead-holder", "name": "Closed holder", "sector": "vcs", "active": False, "serves": ["ward-a"]},
        {"id": "funder", "name": "Trust", "sector": "private", "serves": ["youth"]},
        {"id": "outside", "name": "Outside group", "sector": "vcs", "serves": ["older-lgbt"], "count": 7},
        {"id": "affiliate", "name": "Employer", "sector": "private", "serves": ["deep"]},
        {"id": "early", "name": "Early joiner", "sector": "vcs", "count": 4, "serves": ["tenants"]},
        {"id": "late", "name": "Late joiner", "sector": "vcs", "count": 9},
        {"id": "direct", "name": "Direct feeder", "sector": "vcs", "count": 3, "serves": ["youth", "leaf-c"]},
    ]
    tables["networks"] += [
        {"id": "outer", "name": "Outer network", "led_by": "joint", "serves": ["youth"]},
        {"id": "sub", "name": "Sub network", "led_by": "vcs"},
        {"id": "solo", "name": "Feeds by a link only", "led_by": "vcs"},
        {"id": "far", "name": "Heard only through a partnership", "led_by": "vcs"},
        {"id": "club", "name": "Reported to", "led_by": "vcs"},
        {"id": "inner", "name": "A member network of club only", "led_by": "vcs"},
    ]
    tables["partnerships"] += [
        {"id": "exec", "name": "Executive", "level": "executive", "feeds_into": ["board", "region"]},
        {"id": "region", "name": "Region", "level": "other", "feeds_into": ["nation"]},
        {"id": "nation", "name": "Nation", "level": "other"},
        {"id": "csp", "name": "Community safety", "level": "thematic", "feeds_into": ["exec"]},
        {"id": "lonely", "name": "No seats", "level": "task"},
    ]
    tables["communities"] += [
        {"id": "youth", "name": "Young people"},
        {"id": "deep", "name": "Deep", "part_of": "older-lgbt"},
        {"id": "top-c", "name": "Top"},
        {"id": "mid-c", "name": "Mid", "part_of": "top-c"},
        {"id": "leaf-c", "name": "Leaf", "part_of": "mid-c"},
    ]
    tables["memberships"] += [
        {"member": "outside", "network": "outer"},
        {"member": "sub", "network": "outer"},
        {"member": "early", "network": "sub", "until": "2020-12-31"},
        {"member": "late", "network": "sub", "since": "2021-01-01"},
        {"member": "late", "network": "net", "since": "2025-01-01", "until": "2025-12-31"},
        {"member": "gone", "network": "forum"},
        {"member": "outside", "network": "sub"},
        {"member": "direct", "network": "solo", "since": "2020-06-01"},
        {"member": "direct", "network": "far"},
        {"member": "inner", "network": "club"},
        {"member": "many", "network": "inner"},
    ]
    tables["seats"] += [
        # exec selects a seat on csp, which feeds into exec: a cycle of reach edges
        {"id": "csp-from-exec", "partnership": "csp", "sector": "other", "selected_by": "exec", "holder": "council"},
        {"id": "csp-sub", "partnership": "csp", "sector": "vcs", "selected_by": "sub", "represents": ["deep"]},
        {"id": "exec-dead", "partnership": "exec", "sector": "vcs", "holder": "dead-holder", "represents": ["ward-a"]},
        {"id": "exec-deputy", "partnership": "exec", "sector": "vcs", "deputy_of": "exec-dead", "holder": "late",
         "role": "deputy"},
        {"id": "exec-observer", "partnership": "exec", "sector": "private", "role": "observer", "person": "p2",
         "selected_by": "funder"},
        {"id": "region-seat", "partnership": "region", "sector": "vcs", "selected_by": "outer",
         "reserved_for": ["youth"]},
        {"id": "board-vacant", "partnership": "board", "sector": "vcs", "represents": ["tenants"], "group": "reps"},
    ]
    tables["links"] += [
        {"source": "funder", "target": "net", "kind": "funds", "amount": 5000},
        {"source": "funder", "target": "exec", "kind": "funds"},
    ] + [{"source": source, "target": target, "kind": kind} for source, target, kind in (
        ("exec-observer", "outer", "reports_back"), ("csp-sub", "exec", "reports_back"),
        ("exec", "outer", "reports_back"), ("exec", "outside", "reports_back"), ("s-health-vcs", "gone", "reports_back"),
        ("sub", "region", "feeds_into"), ("exec", "sub", "consults"), ("direct", "exec", "feeds_into"),
        ("solo", "nation", "feeds_into"), ("csp-sub", "region", "reports_back"), ("region", "far", "reports_back"),
        ("board-vacant", "club", "reports_back"))]
    tables["people"] += [{"id": "p2", "name": "Bo Example", "organisation": "affiliate"}]
    tables["reports"] = [
        {"from": "s-board-vcs", "to": "net", "date": "2025-03-01", "channel": "email"},
        {"from": "exec", "to": "outer", "date": "2026-01-05"},
        {"from": "csp-sub", "to": "exec", "date": "2030-01-01"},
    ]
    return tables


def test_hand_built_tricky_dataset_on_several_days(tmp_path):
    path = write_dataset(tmp_path, _tricky())
    assert check_every_partnership(path, DAYS, origins=12) == 7


def test_parts_built_on_a_day_are_the_parts_in_force_that_day(tmp_path):
    """With ``as_of`` the part is built without the memberships not in force (no copy by in_force):
    the same nodes and edges, in the same order, as in_force of the part built without a day; and
    the reader's reference numbers (``numbers``) pick the same part as looking the ids up."""
    path = write_dataset(tmp_path, _tricky())
    numbers: dict = {}
    tables, _ = read_columns(path, fast=True, numbers=numbers)
    assert numbers, "the columnar reader gave no numbers"
    dropped = 0
    for day in DAYS:
        for p in ("exec", "board", "health", "region"):
            dated = partnership_graph(tables, p, hearing=True, as_of=day, numbers=numbers)
            plain = in_force(partnership_graph(tables, p, hearing=True), day)
            assert list(dated.nodes(data=True)) == list(plain.nodes(data=True)), (p, day)
            assert list(dated.edges(keys=True, data=True)) == list(plain.edges(keys=True, data=True)), (p, day)
            assert in_force(dated, day) is dated
            dropped += len(partnership_graph(tables, p, hearing=True).edges) - len(dated.edges)
        for o in ("early", "late", "tra"):
            assert list(organisation_graph(tables, o, as_of=day, numbers=numbers).edges(keys=True, data=True)) == \
                list(in_force(organisation_graph(tables, o), day).edges(keys=True, data=True)), (o, day)
    assert dropped > 0, "no membership was out of force on any day: the test shows nothing"


def test_hand_built_small_network_in_json(tmp_path):
    path = write_dataset(tmp_path, small_network(), "json")
    assert check_every_partnership(path, DAYS) == 2


def test_the_part_is_smaller_than_the_whole(tmp_path):
    path = write_dataset(tmp_path, _tricky())
    tables, _ = read_columns(path)
    part = partnership_graph(tables, "health")
    # health's ancestors, what they name (board, communities) and nothing of exec's side
    assert "exec" not in part and "outside" not in part and "csp" not in part
    assert {"health", "s-health-vcs", "forum", "tra", "board", "older", "tenants"} <= set(part)
    heard = partnership_graph(tables, "exec", hearing=True)
    assert {"outer", "outside", "sub"} <= set(heard)


def test_unknown_ids_give_the_whole_graphs_errors(tmp_path):
    path = write_dataset(tmp_path, _tricky())
    tables, _ = read_columns(path)
    whole, _ = read_graph(path)

    def message(graph, call):
        with pytest.raises(NotFound) as err:
            call(graph)
        return str(err.value)

    for bad in ("boarrd", "forum", "s-board-vcs", "nothing-like-it"):
        for call in (lambda g: reach(g, bad), lambda g: resilience(g, bad), lambda g: hearing(g, bad)):
            assert message(partnership_graph(tables, bad, hearing=True), call) == message(whole, call)
    for origin in ("tra-x", "forum", "s-board-vcs", "exec"):
        call = lambda g: routes(g, origin, "board")  # noqa: E731
        assert message(partnership_graph(tables, "board", origin=origin), call) == message(whole, call)
    call = lambda g: routes(g, "tra", "nope")  # noqa: E731
    assert message(partnership_graph(tables, "nope", origin="tra"), call) == message(whole, call)
    for bad in ("tra-x", "forum", "board"):
        call = lambda g: feeds(g, bad)  # noqa: E731
        assert message(organisation_graph(tables, bad), call) == message(whole, call)


def test_dropping_a_kind_of_row_changes_answers(tmp_path, monkeypatch):
    """The comparison can fail: a selection that leaves out the reports_back bodies' member networks
    (the hearing walk) gives another answer for exec."""
    path = write_dataset(tmp_path, _tricky())
    tables, _ = read_columns(path)
    whole, _ = read_graph(path)
    good = partnership_graph(tables, "exec", hearing=True)
    assert hearing(good, "exec").as_dict() == hearing(whole, "exec").as_dict()
    bad = partnership_graph(tables, "exec", hearing=False)
    assert hearing(bad, "exec").as_dict() != hearing(whole, "exec").as_dict()


# ---------------------------------------------------------------- the command line's columnar route

COMMANDS = [
    ["reach", "--partnership", "{p}", "--format", "json"],
    ["reach", "--partnership", "{p}", "--from", "late", "--format", "json"],
    ["reach", "--partnership", "{p}", "--from", "nobody"],
    ["paths", "--partnership", "{p}", "--format", "json"],
    ["paths", "--partnership", "{p}", "--format", "csv", "--as-of", "2025-06-01"],
    ["resilience", "--partnership", "{p}", "--format", "json", "--as-of", "2020-06-01"],
    ["resilience", "--partnership", "{p}", "--top", "1"],
    ["feeds", "--organisation", "{o}", "--format", "json"],
    ["feeds", "--organisation", "{o}", "--as-of", "2020-06-01"],
]


def _unprogressed(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("... ")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:1] + c[3:]))
def test_cli_columnar_route_prints_what_the_plain_route_prints(tmp_path, monkeypatch, command):
    from graphmodel import load
    from graphmodel.cli import cli

    path = write_dataset(tmp_path, _tricky())
    for p, o in (("exec", "early"), ("board", "late"), ("region", "outside"), ("boarrd", "forum")):
        args = [a.replace("{p}", p).replace("{o}", o) for a in command]
        called = []
        real = subgraph.partnership_graph if "{p}" in command else subgraph.organisation_graph
        name = real.__name__
        monkeypatch.setattr(load, "is_large", lambda _: False)
        plain = CliRunner().invoke(cli, [args[0], str(path), *args[1:]])
        monkeypatch.setattr(load, "is_large", lambda _: True)
        monkeypatch.setattr(subgraph, name, lambda *a, **k: called.append(1) or real(*a, **k))
        columnar = CliRunner().invoke(cli, [args[0], str(path), *args[1:]])
        monkeypatch.setattr(subgraph, name, real)
        assert called, "the columnar route was not taken"
        # the same answer, warnings and errors; progress lines ("... ") belong to each reader
        assert (columnar.exit_code, columnar.stdout, _unprogressed(columnar.stderr)) \
            == (plain.exit_code, plain.stdout, _unprogressed(plain.stderr))
        if "json" in args and plain.exit_code == 0:
            json.loads(plain.stdout)
