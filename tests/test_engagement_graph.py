"""The command line's networkx-free graph (graphmodel.adjacency.EngagementGraph) gives every analysis
exactly what the library's networkx graph gives.

Issue 17: a borough command must not spend a seventh of a second importing networkx, so the command
line reads a dataset into an EngagementGraph (the same dicts, laid out as networkx lays them out) and
the analyses read either form through graphmodel.adjacency. Here, for every example, two synthetic
datasets and a hand-built dataset with every awkward case, on several days: the two forms hold the
same dicts in the same order, and every analysis gives the same answers, or the same error, on both.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from graphmodel.adjacency import EngagementGraph, as_networkx, in_edges, node_data, out_edges
from graphmodel.dated import in_force
from graphmodel.exceptions import NotFound
from graphmodel.failures import cut_sets, resilience, resilience_all
from graphmodel.healthcheck import health_check
from graphmodel.load import read_graph
from graphmodel.planning import plan, strong_parts
from graphmodel.reaching import feeds, reach, routes
from graphmodel.reporting import audience, hearing, route_states
from graphmodel.representation import gaps
from graphmodel.reservations import reserved_places
from graphmodel.synthetic import write_synthetic
from graphmodel.tenure import terms
from tests.helpers import write_dataset
from tests.test_subgraph import _tricky

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())
DAYS = (date(2019, 6, 1), date(2021, 1, 1), date(2026, 11, 23))


def ordered(value):
    """Nested dicts as nested lists of pairs, so that two structures compare equal only in the same order."""
    if isinstance(value, dict):
        return [(k, ordered(v)) for k, v in value.items()]
    return value


def both(path: Path) -> tuple[nx.MultiDiGraph, EngagementGraph]:
    plain, plain_warnings = read_graph(path)
    light, light_warnings = read_graph(path, networkx=False)
    assert isinstance(plain, nx.MultiDiGraph) and isinstance(light, EngagementGraph)
    assert [str(w) for w in light_warnings] == [str(w) for w in plain_warnings]
    return plain, light


def same_dicts(one, other) -> None:
    assert ordered(node_data(one)) == ordered(node_data(other))
    assert ordered(out_edges(one)) == ordered(out_edges(other))
    assert ordered(in_edges(one)) == ordered(in_edges(other))
    assert one.graph == other.graph


def outcome(call):
    """What ``call()`` gives, as plain data, or the NotFound it raises."""
    try:
        found = call()
    except NotFound as err:
        return ("NotFound", str(err))
    if isinstance(found, list):
        return [f.as_dict() if hasattr(f, "as_dict") else f for f in found]
    return found.as_dict() if hasattr(found, "as_dict") else found


def answers(graph, day: date, *, every_plan: bool = True) -> dict:
    """Every analysis of ``graph`` on ``day``: each partnership, seat and organisation, and unknown ids."""
    g = in_force(graph, day)
    nodes = node_data(g)
    of = {kind: sorted(n for n, a in nodes.items() if a["type"] == kind)
          for kind in ("partnership", "seat", "organisation")}
    found = {"gaps": outcome(lambda: gaps(g, as_of=day)), "terms": outcome(lambda: terms(g, as_of=day)),
             "states": sorted(route_states(g, as_of=day).items()),
             "health": outcome(lambda: health_check(g, as_of=day)),
             "all": outcome(lambda: resilience_all(g))}
    for p in of["partnership"] + ["no-such-board"]:
        found[p] = [outcome(lambda: f(g, p)) for f in (reach, hearing, resilience, cut_sets, reserved_places)]
        found[p].append(outcome(lambda: gaps(g, p, as_of=day)))
        if every_plan or p == of["partnership"][0]:
            found[p].append(outcome(lambda: plan(g, p, add=3)))
        found[p] += [outcome(lambda: routes(g, o, p)) for o in of["organisation"][:5]]
    for s in of["seat"][:40] + ["no-such-seat"]:
        found[s] = outcome(lambda: audience(g, s, as_of=day))
    for o in of["organisation"][::7] + ["no-such-group"]:
        found[o] = outcome(lambda: feeds(g, o))
    return found


def check(path: Path, days=DAYS, *, every_plan: bool = True) -> None:
    plain, light = both(path)
    same_dicts(plain, light)
    same_dicts(plain, as_networkx(read_graph(path, networkx=False)[0]))
    for day in days:
        same_dicts(in_force(plain, day), in_force(light, day))
        assert answers(light, day, every_plan=every_plan) == answers(plain, day, every_plan=every_plan), (path, day)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_analysis_of_every_example_is_the_same_on_both_forms(example):
    check(example)


def test_every_analysis_of_the_hand_built_dataset_is_the_same_on_both_forms(tmp_path):
    check(write_dataset(tmp_path / "tricky", _tricky()))


@pytest.mark.parametrize("areas,seed", [(1, 1), (1, 5)])
def test_every_analysis_of_synthetic_data_is_the_same_on_both_forms(tmp_path, areas, seed):
    check(write_synthetic(tmp_path / "synth", areas=areas, seed=seed), DAYS[-1:], every_plan=False)


def test_the_command_line_reads_an_engagement_graph(monkeypatch, tmp_path):
    """Not networkx: this is what keeps the borough commands from importing it."""
    from graphmodel.cli.running import load_graph

    folder = write_dataset(tmp_path / "tricky", _tricky())
    assert isinstance(load_graph(str(folder), DAYS[-1]), EngagementGraph)


def test_a_copy_is_made_as_networkx_makes_one_and_shares_no_dict(tmp_path):
    plain, light = both(write_dataset(tmp_path / "tricky", _tricky()))
    copied = light.copy()
    same_dicts(plain.copy(), copied)
    node = next(iter(node_data(copied)))
    node_data(copied)[node]["name"] = "changed"
    u, targets = next((u, t) for u, t in out_edges(copied).items() if t)
    v, keys = next(iter(targets.items()))
    next(iter(keys.values()))["changed"] = True
    assert in_edges(copied)[v][u] is keys  # one dict of keys for the edge, seen from both ends
    same_dicts(plain, light)  # the original untouched


def test_removing_edges_is_done_as_networkx_does_it(tmp_path):
    plain, light = both(write_dataset(tmp_path / "tricky", _tricky()))
    edges = [(u, v, k) for u, targets in out_edges(plain).items() for v, keys in targets.items() for k in keys]
    gone = random.Random(3).sample(edges, len(edges) // 3) + [("tra", "nowhere", "member_of"), ("tra", "cen", "x")]
    plain.remove_edges_from([e for e in gone if plain.has_edge(*e)])
    light.remove_edges_from(gone)
    same_dicts(plain, light)


def test_networkx_is_handed_the_same_graph():
    light = EngagementGraph("net")
    light.add_node("a", type="organisation")
    light.add_edge("a", "b", "member_of", kind="member_of", role="chair")
    light.add_edge("a", "b", "funds", kind="funds")
    graph = as_networkx(light)
    assert graph.graph == {"name": "net"}
    assert list(graph.nodes(data=True)) == [("a", {"type": "organisation"}), ("b", {})]
    assert list(graph.edges(keys=True, data=True)) == [
        ("a", "b", "member_of", {"kind": "member_of", "role": "chair"}), ("a", "b", "funds", {"kind": "funds"})]
    assert list(graph.predecessors("b")) == ["a"] and "a" in light and len(light) == 2
    assert as_networkx(graph) is graph


@pytest.mark.parametrize("seed", range(40))
def test_strong_parts_are_networkx_components_in_topological_order(seed):
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(rng.randint(1, 30))]
    edges = {(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randint(0, 60))}
    successors = {n: [v for u, v in sorted(edges) if u == n] for n in nodes}
    parts = strong_parts(successors)
    expected = nx.DiGraph()
    expected.add_nodes_from(nodes)
    expected.add_edges_from(edges)
    assert sorted(map(sorted, parts)) == sorted(map(sorted, nx.strongly_connected_components(expected)))
    position = {n: i for i, part in enumerate(parts) for n in part}
    assert all(position[u] <= position[v] for u, v in edges)  # every edge goes forward (or stays in its part)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_both_forms_export_the_same_graph_files(example, tmp_path):
    from graphmodel.exporting import export_graph

    plain, light = both(example)
    for to in ("graphml", "gexf"):
        for people in (False, True):
            written = [export_graph(g, to, tmp_path / f"{form}.{to}", include_people=people).read_bytes()
                       for form, g in (("plain", plain), ("light", light))]
            assert written[0] == written[1], (to, people)
