"""The map model and its rendering: aggregation, styling, escaping, determinism, privacy."""

import json
import re

import pytest

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
    vis_edges = json.loads(_data(render_html(m)))["edges"]
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
    assert {n["label"] for n in data["nodes"]} >= set(HOSTILE)
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
    result = runner.invoke(cli, ["map", str(examples_dir / "hackney"), "-o", str(tmp_path / "map.doc")])
    assert result.exit_code == 2 and "use a name ending .html, .svg, .png or .pdf" in result.stderr
    result = runner.invoke(cli, ["map", str(examples_dir / "hackney"), "-p", "nope", "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2 and "no partnership with id 'nope'" in result.stderr
    assert not (tmp_path / "m.html").exists()


def test_a_long_feeds_into_chain_lays_out_without_recursion():
    n = 450
    g = build_graph(Dataset(
        organisations=[{"id": "o", "name": "O", "sector": "vcs"}],
        partnerships=[{"id": f"p{i:03d}", "name": f"P{i}", "level": "task",
                       **({"feeds_into": [f"p{i + 1:03d}"]} if i < n - 1 else {})} for i in range(n)],
    ))
    m = build_map(g)
    xs = {node["id"]: node["x"] for node in m.nodes}
    assert len(xs) == n + 1
    assert xs["p000"] < xs["p449"]  # the flow runs left to right, the top body last
    assert next(node for node in m.nodes if node["id"] == "p449")["top"] is True


def test_labels_get_boxes_of_their_own():
    from graphmodel.viz.layout import text_width

    m = build_map(build_graph(many_members(20)))
    boxes = [(n["x"] - n["w"] / 2, n["y"] - n["h"] / 2, n["x"] + n["w"] / 2, n["y"] + n["h"] / 2) for n in m.nodes]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    board = next(n for n in m.nodes if n["id"] == "board")
    assert board["w"] >= text_width("Board", board["font"]) and board["bold"] and board["font"] == 24


def test_details_are_in_words():
    from graphmodel.viz.mapmodel import friendly

    g = build_graph(Dataset(
        organisations=[{"id": "a", "name": "A", "sector": "vcs", "serves": ["older"]}],
        communities=[{"id": "older", "name": "Older people"}],
        networks=[{"id": "net", "name": "Net", "led_by": "statutory"}],
        partnerships=[{"id": "board", "name": "Board", "level": "board"},
                      {"id": "sub", "name": "Sub", "level": "subgroup", "feeds_into": ["board"]}],
        memberships=[{"member": "a", "network": "net"}],
        seats=[{"id": "s1", "partnership": "sub", "sector": "vcs", "selected_by": "net", "holder": "a",
                "method": "co_opted"}]))
    m = build_map(g)
    by_id = {n["id"]: n for n in m.nodes}
    assert ["level", "sub-group"] in by_id["sub"]["details"]
    assert ["led by", "statutory (public sector)"] in by_id["net"]["details"]
    assert ["serves", "Older people"] in by_id["a"]["details"]
    seat = next(e for e in m.edges if e["kind"] == "reps")["seats"][0]
    assert (seat["sector"], seat["method"]) == ("voluntary and community sector", "co-opted")
    assert friendly("sector", "vcs") == "voluntary and community sector"
    assert by_id["board"]["nobody_for"] == ["Older people"]


def _lab(hex_colour, matrix=None):
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    if matrix:
        lin = [max(0.0, min(1.0, sum(m * c for m, c in zip(row, lin)))) for row in matrix]
    x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.9505
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.089
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return (116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2]))


#: Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
CVD = {
    "protan": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deutan": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritan": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def test_colours_stay_distinct_for_colour_blind_vision():
    from graphmodel.viz.drawing import legend_items
    from graphmodel.viz.mapmodel import STYLE

    legend = {i.get("fill") or i.get("line") for i in legend_items()} | {STYLE["edge"]["report_stale"],
                                                                          STYLE["edge"]["report_never"]}
    assert STYLE["highlight"] not in legend
    fills = [STYLE["network"]["vcs"], STYLE["network"]["statutory"], STYLE["network"]["joint"],
             STYLE["partnership"]["board"], STYLE["partnership"]["subgroup"], STYLE["community"],
             STYLE["organisation"]["vcs"], STYLE["organisation"]["statutory"]]
    lines = [STYLE["edge"][k] for k in ("reps", "vacant", "no_report_back", "reports_back", "consults",
                                        "report_stale", "report_never")]
    for name, matrix in [("normal", None)] + list(CVD.items()):
        def dist(a, b):
            return sum((p - q) ** 2 for p, q in zip(_lab(a, matrix), _lab(b, matrix))) ** 0.5

        for colour in legend:
            assert dist(STYLE["highlight"], colour) > 20, (name, colour)
        for group in (fills, lines):
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    assert dist(a, b) > 8, (name, a, b)


def test_svg_is_the_same_drawing_with_legend_and_arrows():
    import xml.dom.minidom

    ds = hostile_dataset()
    svg = render_svg(build_map(build_graph(ds), title="Map \x07 of <things>"))
    doc = xml.dom.minidom.parseString(svg)  # valid XML: control characters stripped
    assert "\x07" not in svg and "Map  of &lt;things&gt;" in svg
    assert doc.getElementsByTagName("marker") and 'marker-end="url(#a-' in svg
    assert "community nobody speaks for" in svg and "vacant seat" in svg  # the legend


def test_story_file_errors_are_located(tmp_path, examples_dir):
    story = tmp_path / "story.yaml"
    story.write_text("- title: Start\n  focus: [th-board, nope]\n  filters: {theme: zzz}\n- caption: hi\n  zoom: 2\n")
    out = tmp_path / "m.html"
    result = CliRunner().invoke(cli, ["map", str(examples_dir / "hackney"), "--story", str(story), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.splitlines() == [
        f"error: {story}, step 1, key 'focus', value 'nope': no node with that id on this map",
        f"{story}, step 1, key 'filters.theme', value 'zzz': not on this map",
        f"{story}, step 2, key 'zoom': unknown (use title, caption, focus, filters)",
        f"{story}, step 2, key 'title': a step needs a title (got None)",
    ]
    story.write_text("- title: The board\n  caption: Who feeds it\n  focus: th-board\n  filters: {theme: housing}\n")
    result = CliRunner().invoke(cli, ["map", str(examples_dir / "hackney"), "--story", str(story), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(_data(out.read_text()))
    assert data["story"] == [{"title": "The board", "caption": "Who feeds it", "focus": ["th-board"],
                              "filters": {"theme": "housing"}}]
    assert "Engagement map: Team Hackney" in out.read_text()


def test_version_2_seat_roles_are_drawn_apart():
    from graphmodel.viz.drawing import edge_style

    g = build_graph(Dataset(
        organisations=[{"id": "a", "name": "A", "sector": "vcs"}],
        communities=[{"id": "bme", "name": "BME"}],
        networks=[{"id": "n1", "name": "N1", "led_by": "vcs"}, {"id": "n2", "name": "N2", "led_by": "vcs"},
                  {"id": "n3", "name": "N3", "led_by": "vcs"}],
        partnerships=[{"id": "board", "name": "Board", "level": "board"}],
        seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "selected_by": "n1"},
               {"id": "s2", "partnership": "board", "sector": "vcs", "selected_by": "n2", "holder": "a"},
               {"id": "s3", "partnership": "board", "sector": "vcs", "selected_by": "n3", "holder": "a"}]))
    # the attributes the version 2 model gives seats (FORMAT.md section 5)
    g.nodes["s1"]["reserved_for"] = ("bme",)
    g.nodes["s2"]["role"] = "observer"
    g.nodes["s3"]["role"] = "deputy"
    g.nodes["s3"]["deputy_of"] = "s2"
    reps = {e["from"]: e for e in build_map(g).edges if e["kind"] == "reps"}
    assert (reps["n1"]["reserved_vacant"], reps["n1"]["seats"][0]["reserved_for"]) == (1, ["BME"])
    assert reps["n2"]["observer_only"] and reps["n2"]["seats"][0]["role"] == "observer (does not vote)"
    assert reps["n3"]["deputy_only"] and not reps["n3"]["observer_only"]
    assert edge_style(reps["n1"])[2] == "12 3 2 3"
    assert edge_style(reps["n3"])[1] == 1.2
    assert edge_style({**reps["n2"], "no_report_back": 0})[:3] == ("#666666", 2.2, "1 4")


def test_seats_reporting_to_the_same_audience_share_one_link(examples_dir):
    m = build_map(build_graph(load_dataset(examples_dir / "islington")))
    back = [e for e in m.edges if e["kind"] == "reports_back"]
    assert [(e["from"], e["to"], len(e["seat_ids"]), e["label"]) for e in back] == [
        ("isp-board", "icn", 10, "10 seats report back")]


EXAMPLES_DIR = __import__("pathlib").Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("name, seats, vacant, deputies", [
    ("manchester", 41, 0, 7), ("lambeth", 29, 7, 0), ("herefordshire", 61, 0, 0), ("hackney", 55, 2, 0)])
def test_header_counts_seats_as_gaps_does(name, seats, vacant, deputies):
    graph = build_graph(load_dataset(EXAMPLES_DIR / name))
    result = CliRunner().invoke(cli, ["gaps", str(EXAMPLES_DIR / name), "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)["partnerships"]
    assert (sum(p["seats"] for p in listed), sum(len(p["vacant_seats"]) for p in listed)) == (seats, vacant)
    model = build_map(graph)
    assert (model.counts["seats"], model.counts["vacant"], model.counts["deputies"]) == (seats, vacant, deputies)
    assert f"{seats} seats ({vacant} vacant)" in model.caption
    assert ("deputy places" in model.caption) == bool(deputies)


def test_lambeth_vacant_reserved_places_and_herefordshire_observers_are_drawn_apart():
    lambeth = build_map(build_graph(load_dataset(EXAMPLES_DIR / "lambeth")))
    reserved = [(e["from"], e["to"], e["reserved_vacant"]) for e in lambeth.edges if e.get("reserved_vacant")]
    assert reserved == [("lambeth-community-network", "lambeth-lsp", 5)]
    assert render_svg(lambeth).count('stroke-dasharray="12 3 2 3"') == 2  # the link and its legend line
    hereford = build_map(build_graph(load_dataset(EXAMPLES_DIR / "herefordshire")))
    observers = sorted((e["from"], e["to"]) for e in hereford.edges if e.get("observer_only"))
    assert observers == [("awm", "herefordshire-partnership"), ("awm", "management-group")]
    assert render_svg(hereford).count('stroke-dasharray="1 4"') == 3


def _reports_dataset(reports):
    return build_graph(Dataset(
        networks=[{"id": f"n{i}", "name": f"Net {i}", "led_by": "vcs"} for i in (1, 2, 3)],
        partnerships=[{"id": "b", "name": "Board", "level": "board"}],
        seats=[{"id": f"s{i}", "partnership": "b", "sector": "vcs", "selected_by": f"n{i}"} for i in (1, 2, 3)],
        links=[{"source": f"s{i}", "target": f"n{i}", "kind": "reports_back"} for i in (1, 2, 3)],
        reports=reports))


def test_stale_and_never_used_reporting_routes_are_drawn_and_explained():
    from datetime import date

    from graphmodel.viz.drawing import legend_items
    from graphmodel.viz.mapmodel import STYLE

    graph = _reports_dataset([{"from": "s1", "to": "n1", "date": "2026-05-01"},
                              {"from": "s2", "to": "n2", "date": "2025-01-10"}])
    model = build_map(graph, as_of=date(2026, 6, 1))
    routes = {e["to"]: e["route"] for e in model.edges if e["kind"] == "reports_back"}
    assert routes == {"n1": "fresh", "n2": "stale", "n3": "never"}
    labels = [i["label"] for i in legend_items(model)]
    assert "reporting back not used lately (stale)" in labels and "reporting-back route never used" in labels
    svg = render_svg(model)
    assert svg.count(f'stroke="{STYLE["edge"]["report_stale"]}" stroke-width="1.8" stroke-dasharray="6 3"') == 2
    assert svg.count(f'stroke="{STYLE["edge"]["report_never"]}" stroke-width="1.8" stroke-dasharray="1 5"') == 2
    # no reports table: routes are not judged and the legend says nothing of them
    plain = build_map(_reports_dataset([]), as_of=date(2026, 6, 1))
    assert all("route" not in e for e in plain.edges)
    assert "reporting-back route never used" not in [i["label"] for i in legend_items(plain)]


def test_what_if_data_holds_only_what_cuts_something():
    graph = build_graph(Dataset(
        organisations=[{"id": f"g{i}", "name": f"G{i}", "sector": "vcs", "serves": ["older"]} for i in range(20)],
        communities=[{"id": "older", "name": "Older people"}],
        networks=[{"id": "forum", "name": "Forum", "led_by": "vcs"}, {"id": "quiet", "name": "Quiet", "led_by": "vcs"}],
        partnerships=[{"id": "board", "name": "Board", "level": "board"}],
        memberships=[{"member": f"g{i}", "network": "forum"} for i in range(20)],
        seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "selected_by": "forum"},
               {"id": "s2", "partnership": "board", "sector": "vcs", "selected_by": "quiet"}]))
    model = build_map(graph)  # the 20 groups fold into one "20 organisations" node
    index = {n["id"]: i for i, n in enumerate(model.nodes)}
    assert sorted(model.whatif) == ["forum", "s1", "s2"]  # s2 carries the quiet forum alone
    assert model.whatif["s2"][:3] == [0, [], [index["quiet"]]]
    weight, communities, nodes, links = model.whatif["forum"]
    assert (weight, communities, nodes) == (20, ["Older people"], [index["forum__members"]])
    assert sorted((model.edges[k]["kind"], model.edges[k]["from"]) for k in links) == [
        ("member_of", "forum__members"), ("reps", "forum"), ("serves", "forum__members")]
    assert model.whatif["s1"][2] == sorted([index["forum"], index["forum__members"]])
    assert '"whatif": {"forum": [20, ["Older people"]' in render_html(model)
