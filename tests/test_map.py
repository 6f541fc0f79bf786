"""The map model and its rendering: aggregation, styling, escaping, determinism, privacy."""

import json
import re

from click.testing import CliRunner
from helpers import HOSTILE, hostile_dataset, small_network, write_dataset

from graphmodel import Dataset, build_graph, load_dataset
from graphmodel.cli import cli
from graphmodel.viz import build_map, render_html, render_svg
from graphmodel.viz.render import json_for_script



def many_members(n_orgs: int, **extra):
    return Dataset(
        organisations=[{"id": f"o{i:02d}", "name": f"Org {i}", "sector": "vcs"} for i in range(n_orgs)]
        + [{"id": "big", "name": "Placeholder", "sector": "vcs", "count": 300},
           {"id": "holder", "name": "Holder", "sector": "vcs"}],
        networks=[{"id": "net", "name": "Net", "led_by": "vcs"}],
        partnerships=[{"id": "board", "name": "Board", "level": "board"}],
        memberships=[{"member": f"o{i:02d}", "network": "net"} for i in range(n_orgs)]
        + [{"member": "big", "network": "net"}, {"member": "holder", "network": "net"}],
        seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "selected_by": "net", "holder": "holder"},
               {"id": "s2", "partnership": "board", "sector": "vcs", "selected_by": "net"}],
        **extra,
    )


def test_aggregation_folds_plain_members_of_big_networks():
    g = build_graph(many_members(20))
    folded = build_map(g, aggregate=12)
    groups = {n["id"]: n["type"] for n in folded.nodes}
    assert groups["net__members"] == "aggregate"
    bundle = next(n for n in folded.nodes if n["id"] == "net__members")
    assert bundle["label"] == "20 organisations" and bundle["count"] == 20
    assert "big" in groups and "holder" in groups  # placeholders and seat holders stay visible
    assert not any(i.startswith("o") and i[1:].isdigit() for i in groups)
    assert len(folded.nodes) == 5  # board, net, bundle, big, holder
    assert folded.counts["organisations"] == 20 + 300 + 1
    everything = build_map(g, aggregate=0)
    assert len(everything.nodes) == 24
    assert everything.counts["organisations"] == folded.counts["organisations"]
    assert build_map(g, aggregate=25).nodes == everything.nodes  # 22 members: under the threshold


def test_seats_are_reps_edges_and_vacancies_are_marked():
    m = build_map(build_graph(many_members(3)))
    reps = [e for e in m.edges if e["kind"] == "reps"]
    assert len(reps) == 1
    assert (reps[0]["from"], reps[0]["to"], reps[0]["label"], reps[0]["vacant"]) == ("net", "board",
                                                                                       "2 reps (1 vacant)", 1)
    assert reps[0]["no_report_back"] == 2
    assert {s["id"] for s in reps[0]["seats"]} == {"s1", "s2"}
    vis_edges = json.loads(_data(render_html(m)))["visEdges"]
    assert next(e for e in vis_edges if e["id"] == reps[0]["id"])["vacant"] == 1


def test_unrepresented_communities_are_flagged(tmp_path):
    g = build_graph(load_dataset(write_dataset(tmp_path, small_network())))
    m = build_map(g, partnership="board")
    flags = {n["id"]: n["unrepresented"] for n in m.nodes if n["type"] == "community"}
    assert flags == {"older": False, "older-lgbt": False, "tenants": True, "ward-a": True}


def test_partnership_scope_keeps_what_feeds_it():
    g = build_graph(Dataset(
        organisations=[{"id": "a", "name": "A", "sector": "vcs"}, {"id": "b", "name": "B", "sector": "vcs"}],
        networks=[{"id": "n1", "name": "N1", "led_by": "vcs"}, {"id": "n2", "name": "N2", "led_by": "vcs"}],
        partnerships=[{"id": "board", "name": "Board", "level": "board"},
                      {"id": "thm", "name": "T", "level": "thematic", "feeds_into": ["board"]},
                      {"id": "other", "name": "O", "level": "board"}],
        memberships=[{"member": "a", "network": "n1"}, {"member": "b", "network": "n2"}],
        seats=[{"id": "s1", "partnership": "thm", "sector": "vcs", "selected_by": "n1", "holder": "a"},
               {"id": "s2", "partnership": "other", "sector": "vcs", "selected_by": "n2", "holder": "b"}],
    ))
    assert {n["id"] for n in build_map(g, partnership="thm").nodes} == {"thm", "n1", "a"}
    assert {n["id"] for n in build_map(g, partnership="board").nodes} == {"board", "thm", "n1", "a"}


def test_community_scope_keeps_routes_from_groups_serving_it():
    g = build_graph(Dataset(
        organisations=[{"id": "a", "name": "A", "sector": "vcs", "serves": ["tk"]},
                       {"id": "b", "name": "B", "sector": "vcs"}],
        communities=[{"id": "bme", "name": "BME"}, {"id": "tk", "name": "TK", "part_of": "bme"}],
        networks=[{"id": "n1", "name": "N1", "led_by": "vcs"}],
        partnerships=[{"id": "board", "name": "Board", "level": "board"}],
        memberships=[{"member": "a", "network": "n1"}, {"member": "b", "network": "n1"}],
        seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "selected_by": "n1"}],
    ))
    assert {n["id"] for n in build_map(g, community="bme").nodes} == {"bme", "tk", "a", "n1", "board"}


def test_same_input_gives_the_same_page(examples_dir):
    g = build_graph(load_dataset(examples_dir / "hackney"))
    assert render_html(build_map(g, title="T")) == render_html(build_map(g, title="T"))
    first = build_map(g)
    assert [(n["id"], n["x"], n["y"]) for n in first.nodes] == [(n["id"], n["x"], n["y"]) for n in build_map(g).nodes]


def test_json_for_script_cannot_close_the_script():
    for name in HOSTILE:
        text = json_for_script({"name": name})
        assert "<" not in text and ">" not in text
        assert json.loads(text)["name"] == name


def _data(html: str) -> str:
    return re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S).group(1)


def test_hostile_names_never_reach_the_page_as_markup():
    html = render_html(build_map(build_graph(hostile_dataset()), title="<script>alert(4)</script>"))
    for bad in HOSTILE + ["<script>alert(4)", "<b onmouseover", "</title><script>alert(2)"]:
        assert bad not in html
    data = json.loads(_data(html))
    assert {n["label"] for n in data["visNodes"]} >= set(HOSTILE)
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in html
    svg = render_svg(build_map(build_graph(hostile_dataset())))
    assert HOSTILE[0] not in svg and "&lt;/script&gt;" in svg


def test_people_are_left_out_unless_asked_for(tmp_path):
    g = build_graph(load_dataset(write_dataset(tmp_path, small_network())))
    assert "Ada Example" not in render_html(build_map(g))
    assert "Ada Example" not in render_svg(build_map(g))
    assert "Ada Example" in render_html(build_map(g, show_people=True))


def test_cli_map_writes_html_and_svg(tmp_path, examples_dir):
    runner = CliRunner()
    for name in ("map.html", "map.svg"):
        result = runner.invoke(cli, ["map", str(examples_dir / "hackney"), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    page = (tmp_path / "map.html").read_text()
    assert "cdn" not in page.lower() or "https://cdn" not in page
    assert not re.search(r'(src|href)=["\']https?:', page)
    assert len(page.encode()) < 2_000_000


def test_cli_map_refuses_other_formats_and_unknown_ids(tmp_path, examples_dir):
    runner = CliRunner()
    result = runner.invoke(cli, ["map", str(examples_dir / "hackney"), "-o", str(tmp_path / "map.pdf")])
    assert result.exit_code == 2 and "use a name ending .html, .svg or .png" in result.stderr
    result = runner.invoke(cli, ["map", str(examples_dir / "hackney"), "-p", "nope", "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2 and "no partnership with id 'nope'" in result.stderr
    assert not (tmp_path / "m.html").exists()
