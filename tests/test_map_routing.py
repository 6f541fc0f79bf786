"""Links of the map run in the channels between columns: none passes through another node's label.

Checked from the layout's geometry (every example, and a synthetic borough folded and with every
organisation) and on small hand-built maps whose routes are known.
"""

from pathlib import Path

import pytest

from graphmodel import Dataset, build_graph, load_dataset
from graphmodel.viz import build_map
from graphmodel.viz.routing import Column, crossings, path_points, route

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def borough(tmp_path_factory):
    from graphmodel.synthetic import write_synthetic

    return build_graph(load_dataset(write_synthetic(tmp_path_factory.mktemp("synth") / "borough", 1, 1)))


def _drawn(model):
    return [e for e in model.edges if "path" in e]


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
@pytest.mark.parametrize("aggregate", [12, 0])
def test_no_link_runs_through_a_label_on_any_example(name, aggregate):
    model = build_map(build_graph(load_dataset(EXAMPLES / name)), aggregate=aggregate)
    assert _drawn(model)
    assert crossings(model.nodes, model.edges) == []


@pytest.mark.parametrize("aggregate", [12, 0])
def test_no_link_runs_through_a_label_on_a_borough(borough, aggregate):
    model = build_map(borough, aggregate=aggregate)
    assert len(_drawn(model)) > 1000
    assert any(e["kind"] == "serves" for e in _drawn(model))  # drawn when switched on
    assert crossings(model.nodes, model.edges) == []


def _three_columns():
    """Two groups in a forum; the forum and a second network in the middle column; the board on the right.

    The groups' seats are on the board, so their links cross the middle column.
    """
    return Dataset(
        organisations=[{"id": "g1", "name": "Group one", "sector": "vcs"},
                       {"id": "g2", "name": "Group two", "sector": "vcs"}],
        networks=[{"id": "forum", "name": "Forum", "led_by": "vcs"}, {"id": "net", "name": "Network", "led_by": "vcs"}],
        partnerships=[{"id": "board", "name": "Board", "level": "board"}],
        memberships=[{"member": "g1", "network": "forum"}, {"member": "g2", "network": "net"}],
        seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "holder": "g1"},
               {"id": "s2", "partnership": "board", "sector": "vcs", "holder": "g2"},
               {"id": "s3", "partnership": "board", "sector": "vcs", "selected_by": "forum"}])


def test_a_link_crossing_a_column_passes_between_its_boxes_or_round_them():
    model = build_map(build_graph(_three_columns()), aggregate=0)
    nodes = {n["id"]: n for n in model.nodes}
    middle = sorted((nodes[k] for k in ("forum", "net")), key=lambda n: n["y"])
    assert middle[0]["x"] == middle[1]["x"]  # one column
    left = middle[0]["x"] - middle[0]["w"] / 2
    right = middle[0]["x"] + middle[0]["w"] / 2
    for e in model.edges:
        if e["kind"] == "reps" and e["from"] in ("g1", "g2"):
            inside = [y for x, y in path_points(e["path"]) if left + 0.5 < x < right - 0.5]
            assert inside, e["path"]  # it crosses the middle column...
            # ...level, through the gap between the two networks, or above or below them
            assert max(inside) - min(inside) < 0.01
            y = inside[0]
            gap = (middle[0]["y"] + middle[0]["h"] / 2, middle[1]["y"] - middle[1]["h"] / 2)
            assert gap[0] < y < gap[1] or y < middle[0]["y"] - middle[0]["h"] / 2 or y > middle[1]["y"] + middle[1]["h"] / 2
    assert crossings(model.nodes, model.edges) == []


def test_route_bends_only_inside_channels():
    a = {"x": 10, "y": 0, "w": 20, "h": 10}
    b = {"x": 210, "y": 100, "w": 20, "h": 10}
    cols = [Column(0, 20, [(-5, 5)]), Column(100, 120, [(20, 40), (60, 80)]), Column(200, 220, [(95, 105)])]
    path = route(a, b, 0, 2, 0.0, 0.0, cols, [50.0])
    assert path == ("M20.0,0.0 C60.0,0.0 60.0,50.0 100.0,50.0 H120.0 C160.0,50.0 160.0,100.0 200.0,100.0")
    # the way back (a reporting-back link) mirrors it, and a shifted one climbs nearer its end
    assert route(b, a, 2, 0, 0.0, 0.0, cols, [50.0]).startswith("M200.0,100.0 C160.0,100.0 160.0,50.0 120.0,50.0 H100.0")
    assert route(a, b, 0, 2, 0.0, 0.0, cols, [50.0], shifts=[0.5, 0.5]).startswith("M20.0,0.0 C80.0,0.0 80.0,50.0")
    # in one column: out to the channel on the right and back
    c = {"x": 10, "y": 40, "w": 20, "h": 10}
    assert route(a, c, 0, 0, 0.0, 0.0, cols, []) == "M20.0,0.0 H21.0 C64.0,0.0 64.0,40.0 21.0,40.0 H20.0"


def test_crossings_finds_a_link_through_a_label():
    nodes = [{"id": "a", "x": 0, "y": 0, "w": 10, "h": 10}, {"id": "b", "x": 100, "y": 0, "w": 10, "h": 10},
             {"id": "c", "x": 50, "y": 1, "w": 10, "h": 4}]
    straight = {"from": "a", "to": "b", "path": "M5,0 C30,0 70,0 95,0"}
    assert crossings(nodes, [straight]) == [("a", "b", "c")]
    around = {"from": "a", "to": "b", "path": "M5,0 C30,0 30,-6 45,-6 H55 C70,-6 70,0 95,0"}
    assert crossings(nodes, [around]) == []
    assert crossings(nodes, [{"from": "a", "to": "c", "path": "M5,0 H50"}]) == []  # its own end
