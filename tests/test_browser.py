"""The map page in a real browser at 1280x720 (a projector): headless Chromium (Debian's) driven by playwright.

Everything is measured in the page: label sizes on screen, overlaps, where the card lands. In CI
(``CI`` set) a missing browser is a failure; on a laptop these tests skip with the reason.
"""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import HOSTILE, hostile_dataset

from graphmodel import Dataset, build_graph, load_dataset
from graphmodel.viz import build_map, write_map
from graphmodel.viz.mapmodel import display_name
from graphmodel.viz.render import CHROMIUM_FLAGS, find_chromium
from graphmodel.viz.story import generated_story

pytestmark = pytest.mark.browser
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def browser():
    chromium = find_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if chromium is None or sync_playwright is None:
        reason = "headless Chromium (Debian package 'chromium') and the playwright package are needed"
        if os.environ.get("CI"):
            pytest.fail(reason + "; .ci/run installs them")
        pytest.skip(reason)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield b
        b.close()


class Page:
    """A map opened from file:// at 1280x720 with every other request blocked and counted."""

    def __init__(self, browser, path: Path, width: int = 1280, height: int = 720):
        self.blocked, self.errors, self.dialogs = [], [], []
        self.page = browser.new_page(viewport={"width": width, "height": height})

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)

    def js(self, expression):
        return self.page.evaluate(expression)

    def visible_ids(self) -> set:
        return set(self.js("window.engagemap.nodes.filter(n => window.engagemap.visible[n.i]).map(n => n.id)"))

    def lit_ids(self) -> set:
        return set(self.js("window.engagemap.lit()"))

    def click_node(self, node_id: str) -> None:
        """A real mouse click in the middle of the node's shape."""
        box = self.js(f"(() => {{ const r = document.getElementById('n' + window.engagemap.index['{node_id}'])"
                      f".querySelector('.shape').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()")
        self.page.mouse.click(box[0], box[1])


#: Every partnership and network label on screen: its size (font size times zoom), its box, and whether
#: it is inside the map's area.
LABELS = """(() => {
  const stage = document.getElementById('map').getBoundingClientRect();
  return Array.from(document.querySelectorAll('#view .node')).filter(g => !g.classList.contains('off')).map(g => {
    const n = window.engagemap.nodes[+g.id.slice(1)], t = g.querySelector('text');
    const r = t.getBoundingClientRect();
    return {id: n.id, type: n.type, px: parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a,
            box: [r.left, r.top, r.right, r.bottom],
            inside: r.left >= stage.left - 1 && r.right <= stage.right + 1 && r.top >= stage.top - 1 && r.bottom <= stage.bottom + 1};
  });
})()"""


#: How much of the map's width and height the visible nodes span.
FILL = """(() => {
  const stage = document.getElementById('map').getBoundingClientRect();
  const boxes = Array.from(document.querySelectorAll('#view .node:not(.off)')).map(g => g.getBoundingClientRect());
  const w = Math.max(...boxes.map(r => r.right)) - Math.min(...boxes.map(r => r.left));
  const h = Math.max(...boxes.map(r => r.bottom)) - Math.min(...boxes.map(r => r.top));
  return [w / stage.width, h / stage.height];
})()"""


def _overlaps(labels):
    found = []
    boxes = sorted(labels, key=lambda lb: lb["box"][0])
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b["box"][0] >= a["box"][2] - 0.5:
                break
            if a["box"][1] < b["box"][3] - 0.5 and b["box"][1] < a["box"][3] - 0.5:
                found.append((a["id"], b["id"]))
    return found


def _open(browser, tmp_path_factory, name: str, **options) -> tuple[Page, object]:
    folder = EXAMPLES / name
    graph = build_graph(load_dataset(folder))
    model = build_map(graph, name=display_name(folder), **options)
    path = tmp_path_factory.mktemp("map") / f"{name}.html"
    write_map(model, path)
    return Page(browser, path), model


@pytest.fixture(scope="module")
def hackney(browser, tmp_path_factory):
    page, model = _open(browser, tmp_path_factory, "hackney")
    yield page, model
    page.page.close()


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_first_view_names_are_legible_and_never_overlap(browser, tmp_path_factory, name):
    page, model = _open(browser, tmp_path_factory, name)
    labels = page.js(LABELS)
    names = [lb for lb in labels if lb["type"] in ("partnership", "network")]
    assert len(names) == sum(1 for n in model.nodes if n["type"] in ("partnership", "network"))
    small = [(lb["id"], round(lb["px"], 1)) for lb in names if lb["px"] < 13]  # 12 px asked for, with a margin
    assert small == []
    assert [lb["id"] for lb in names if not lb["inside"]] == []
    assert _overlaps(labels) == []
    assert page.blocked == [] and page.errors == []
    assert page.js("document.title").startswith("Engagement map: ")
    assert name not in page.js("document.title")  # the display name, not the folder's id
    page.page.close()


def test_a_4_by_3_projector_gets_its_own_layout(browser, tmp_path):
    result = _cli(EXAMPLES / "hackney", "--screen", "1024x768", "-o", tmp_path / "m.html")
    assert result.returncode == 0, result.stderr
    page = Page(browser, tmp_path / "m.html", 1024, 768)
    labels = page.js(LABELS)
    assert min(lb["px"] for lb in labels if lb["type"] in ("partnership", "network")) >= 13
    assert _overlaps(labels) == []
    page.page.close()


def test_borough_sized_dataset_first_view(browser, tmp_path):
    from graphmodel.synthetic import write_synthetic

    folder = write_synthetic(tmp_path / "borough", 1, 1)
    model = build_map(build_graph(load_dataset(folder)))
    write_map(model, tmp_path / "borough.html")
    page = Page(browser, tmp_path / "borough.html")
    labels = page.js(LABELS)
    assert _overlaps(labels) == []
    names = [lb["px"] for lb in labels if lb["type"] in ("partnership", "network")]
    assert len(names) == 104 and min(names) >= 13
    assert page.blocked == [] and page.errors == []
    page.page.close()


def test_page_is_offline_and_the_counts_match(hackney):
    page, model = hackney
    assert page.blocked == [] and page.errors == []
    assert page.js("document.querySelectorAll('#view .node').length") == len(model.nodes)
    assert page.js("document.querySelectorAll('#view .edge').length") == sum(
        1 for e in model.edges if e["kind"] not in ("serves", "member_of"))
    members = sum(1 for e in model.edges if e["kind"] == "member_of")  # bundled into one path
    assert page.js("document.getElementById('members').getAttribute('d').split('M').length - 1") == members
    assert page.js("document.getElementById('caption').textContent") == model.caption
    page.page.check("#show-serves")
    serves = sum(1 for e in model.edges if e["kind"] == "serves")
    count = "(document.querySelector('#view .k-serves').getAttribute('d') || '').split('M').length - 1"
    assert page.js(count) == serves
    page.page.keyboard.press("Escape")
    assert page.js(count) == 0


def test_click_a_board_lights_up_everything_that_feeds_it(hackney):
    page, model = hackney
    page.click_node("th-board")
    lit = page.lit_ids()
    feeders = {e["from"] for e in model.edges if e["to"] == "th-board" and e["kind"] in ("reps", "feeds_into")}
    assert feeders and feeders <= lit
    assert "cen" in lit and "lgbt" not in lit  # communities are not on the way to the board
    card = page.js("(() => { const r = document.getElementById('card').getBoundingClientRect();"
                   " return [r.left, r.top, r.right, r.bottom, document.getElementById('card').hidden]; })()")
    assert card[4] is False and card[0] >= 0 and card[1] >= 0 and card[2] <= 1280 and card[3] <= 720
    text = page.page.locator("#card").text_content()
    assert "Team Hackney Board" in text and "Community Empowerment Network (CEN)" in text
    assert "th-board" not in text and "subgroup" not in text  # names and words, not ids and codes
    badge = page.js("Array.from(document.querySelectorAll('#badges text')).map(t => t.textContent)")
    assert "1" in badge and "2" in badge  # distances on the map
    page.page.keyboard.press("Escape")


def test_click_a_community_shows_who_speaks_for_it(hackney):
    page, model = hackney
    page.click_node("lgbt")
    assert "Nobody speaks for this community here" in page.page.locator("#card").text_content()
    assert page.lit_ids() == {"lgbt", "lgbt-forum"}
    page.page.keyboard.press("Escape")
    spoken = next(s["represents"][0] for e in model.edges if e["kind"] == "reps" for s in e["seats"]
                  if s["represents"] and not s["vacant"])
    page.click_node(spoken)
    text = page.page.locator("#card").text_content()
    assert "Spoken for by" in text and "Nobody speaks for this community here" not in text
    page.page.keyboard.press("Escape")


def test_click_an_organisation_shows_its_routes_to_every_board(hackney):
    page, model = hackney
    page.click_node("refugee-forum")
    text = page.page.locator("#card").text_content()
    assert "Routes to every board" in text and "Hackney Refugee Forum \u2192" in text and "Team Hackney Board" in text
    assert {"refugee-forum", "th-board"} <= page.lit_ids()
    page.page.keyboard.press("Escape")


def test_each_filter_refits_and_show_everything_restores_the_first_view(hackney):
    page, model = hackney
    first = page.js("window.engagemap.state()")
    for select, value in (("#filter-level", "board"), ("#filter-theme", "housing"), ("#filter-sector", "statutory"),
                          ("#filter-community", "charedi")):
        page.page.select_option(select, value)
        shown = page.visible_ids()
        assert 0 < len(shown) < len(model.nodes)
        assert max(page.js(FILL)) > 0.85, select  # re-fitted: what is left fills the window one way
        labels = [lb for lb in page.js(LABELS) if lb["type"] in ("partnership", "network")]
        assert all(lb["inside"] for lb in labels)
        if select == "#filter-theme":
            assert "th-board" in shown  # a theme keeps the path to the board
        if select == "#filter-community":
            assert {"charedi", "charedi-network", "cen", "th-board"} <= shown and "tenants-convention" not in shown
        page.page.click("#reset")
        assert page.js("window.engagemap.state()") == first
    page.page.fill("#search", "refugee")
    page.page.locator("#results li").first.click()
    page.page.click("#zoom-in")
    assert page.js("window.engagemap.state()") != first
    page.page.keyboard.press("Escape")
    assert page.js("window.engagemap.state()") == first


def test_search_finds_only_what_is_visible(hackney):
    page, _ = hackney
    page.page.select_option("#filter-community", "charedi")
    page.page.fill("#search", "refugee")
    items = page.page.locator("#results li")
    assert "hidden by a filter" in items.first.text_content()
    items.first.click()
    assert page.js("document.getElementById('card').hidden") is True
    page.page.keyboard.press("Escape")
    page.page.fill("#search", "refugee")
    page.page.keyboard.press("Enter")
    assert "Hackney Refugee Forum" in page.page.locator("#card h2").text_content()
    page.page.keyboard.press("Escape")


def test_keyboard_zoom_and_pan(hackney):
    page, _ = hackney
    page.js("document.activeElement.blur()")
    scale = page.js("window.engagemap.transform.s")
    page.page.keyboard.press("+")
    assert page.js("window.engagemap.transform.s") > scale
    x = page.js("window.engagemap.transform.x")
    page.page.keyboard.press("ArrowLeft")
    assert page.js("window.engagemap.transform.x") > x
    page.page.keyboard.press("Escape")
    assert page.js("window.engagemap.transform.s") == scale


def test_story_steps(browser, tmp_path):
    graph = build_graph(load_dataset(EXAMPLES / "hackney"))
    model = build_map(graph)
    steps = generated_story(graph, model)
    write_map(model, tmp_path / "story.html", story=steps)
    page = Page(browser, tmp_path / "story.html")
    assert page.page.locator("#story-title").text_content() == steps[0]["title"]
    assert page.page.locator("#story-count").text_content() == f"Step 1 of {len(steps)}"
    page.page.click("#story-next")
    assert page.page.locator("#story-title").text_content() == steps[1]["title"]
    assert set(steps[1]["focus"]) <= page.lit_ids()
    page.page.keyboard.press("ArrowRight")
    assert page.js("window.engagemap.step()") == 2
    page.page.keyboard.press("ArrowLeft")
    page.page.keyboard.press("ArrowLeft")
    assert page.js("window.engagemap.step()") == 0 and page.page.locator("#story-prev").is_disabled()
    titles = [s["title"] for s in steps]
    assert "Communities nobody speaks for" in titles and "Where a new connection would add most" in titles
    assert page.errors == [] and page.blocked == []
    page.page.close()


def test_hostile_names_render_as_text(browser, tmp_path):
    write_map(build_map(build_graph(hostile_dataset()), title=HOSTILE[1]), tmp_path / "hostile.html")
    page = Page(browser, tmp_path / "hostile.html")
    page.page.fill("#search", "script")
    page.page.locator("#results li").first.click()
    assert page.page.locator("#card h2").text_content() == HOSTILE[0]
    assert page.js("document.title") == HOSTILE[1]
    assert page.js("document.querySelectorAll('img').length") == 0
    assert page.js("document.querySelectorAll('#card script, #results script, #view script').length") == 0
    assert page.dialogs == [] and page.errors == [] and page.blocked == []
    page.page.close()


def _cli(*args):
    # in its own process: this one already drives a browser through playwright's sync API
    return subprocess.run([sys.executable, "-m", "graphmodel.cli", "map", *map(str, args)],
                          capture_output=True, text=True, timeout=180)


def test_png_labels_are_big_enough(tmp_path, browser):
    result = _cli(EXAMPLES / "gloucester", "-o", tmp_path / "map.png")
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "map.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (2560, 1440)  # 1280x720 twice as sharp: 12 px names are 24 px high
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]


def test_pdf_poster_has_every_name_on_one_a3_page(tmp_path, browser):
    result = _cli(EXAMPLES / "hackney", "-o", tmp_path / "poster.pdf")
    assert result.returncode == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(tmp_path / "poster.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", info) and re.search(r"Page size:\s+1191.12 x 841.92 pts \(A3\)", info)
    text = subprocess.run(["pdftotext", "-raw", str(tmp_path / "poster.pdf"), "-"], capture_output=True,
                          text=True).stdout
    flat = " ".join(text.split())
    model = build_map(build_graph(load_dataset(EXAMPLES / "hackney")))
    missing = [n["label"] for n in model.nodes if n["type"] in ("partnership", "network")
               and " ".join(n["label"].split()) not in flat]
    assert missing == []
    assert "Engagement map: Team Hackney" in flat and "reps: a seat on a partnership" in flat  # title, legend
    # every name's words in a row, none printed smaller than 7 pt (a word's box is about its font size high)
    boxes = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "poster.pdf"), "-"], capture_output=True,
                           text=True).stdout
    words = [(html.unescape(w), float(y2) - float(y1)) for y1, y2, w in
             re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', boxes)]
    texts = [w for w, _ in words]
    for n in model.nodes:
        if n["type"] not in ("partnership", "network"):
            continue
        name = n["label"].split()
        starts = [i for i in range(len(texts)) if texts[i:i + len(name)] == name]
        assert starts, n["label"]
        assert max(min(h for _, h in words[i:i + len(name)]) for i in starts) >= 7 * 0.9, n["label"]


def test_missing_chromium_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGAGEMAP_CHROMIUM", str(tmp_path / "none"))
    import graphmodel.viz.render as render

    monkeypatch.setattr(render, "find_chromium", lambda: None)
    from click.testing import CliRunner

    from graphmodel.cli import cli

    result = CliRunner().invoke(cli, ["map", str(EXAMPLES / "gloucester"), "-o", str(tmp_path / "m.pdf")])
    assert result.exit_code == 2 and "needs Chromium" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "m.pdf").exists()


def test_seat_roles_read_with_defaults(browser, tmp_path):
    ds = Dataset(organisations=[{"id": "a", "name": "A", "sector": "vcs"}],
                 networks=[{"id": "net", "name": "Net", "led_by": "vcs"}],
                 partnerships=[{"id": "board", "name": "Board", "level": "board"}],
                 seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "selected_by": "net", "holder": "a"}])
    model = build_map(build_graph(ds))
    seat = model.edges[0]["seats"][0]
    assert (seat["role"], seat["deputy"], seat["observer"], seat["reserved_for"]) == ("member", False, False, [])


def test_links_between_the_same_two_nodes_can_each_be_clicked(hackney):
    page, model = hackney
    pairs = {}
    for i, e in enumerate(model.edges):
        if e["kind"] not in ("serves", "member_of") and "path" in e:
            pairs.setdefault(tuple(sorted((e["from"], e["to"]))), []).append(i)
    parallel = [ids for ids in pairs.values() if len(ids) > 1]
    assert parallel  # a seat and its reporting back, at least
    for ids in parallel:
        for i in ids:
            # zoomed in (3x) on a point along it, somewhere the element under the pointer is that link's own target
            hits = page.js(f"""(() => {{ const p = document.getElementById('h{i}'), e = window.engagemap, out = [];
                const r = document.getElementById('map').getBoundingClientRect();
                for (let f = 0.02; f < 0.99; f += 0.04) {{
                  const m = p.getPointAtLength(p.getTotalLength() * f);
                  e.transform.s = 3; e.transform.x = r.width / 2 - m.x * 3; e.transform.y = r.height / 2 - m.y * 3;
                  document.getElementById('zoom-in').click(); document.getElementById('zoom-out').click();
                  const s = p.getScreenCTM(), el = document.elementFromPoint(m.x * s.a + s.e, m.y * s.d + s.f);
                  out.push(el ? el.id : null);
                }} return out; }})()""")
            assert f"h{i}" in hits, (model.edges[i]["from"], model.edges[i]["to"], model.edges[i]["kind"], hits)
    page.page.keyboard.press("Escape")


def _whatif_page(browser, tmp_path, parallel: bool) -> Page:
    """Three groups in one forum whose seat is on the board; with ``parallel`` each group also sits in a
    second forum with its own seat, so nothing is cut."""
    nets = [{"id": "forum", "name": "Forum", "led_by": "vcs"}] + (
        [{"id": "alt", "name": "Other forum", "led_by": "vcs"}] if parallel else [])
    orgs = [{"id": f"g{i}", "name": f"Group {i}", "sector": "vcs", "count": i, "serves": [c]}
            for i, c in ((1, "older"), (2, "youth"), (3, "youth"))]
    graph = build_graph(Dataset(
        organisations=orgs,
        communities=[{"id": "older", "name": "Older people"}, {"id": "youth", "name": "Young people"}],
        networks=nets,
        partnerships=[{"id": "board", "name": "The Board", "level": "board"}],
        memberships=[{"member": o["id"], "network": n["id"]} for o in orgs for n in nets],
        seats=[{"id": f"seat-{n['id']}", "partnership": "board", "sector": "vcs", "selected_by": n["id"]}
               for n in nets]))
    model = build_map(graph, aggregate=0)
    path = tmp_path / f"whatif-{parallel}.html"
    write_map(model, path)
    return Page(browser, path)


CUT = "Array.from(document.querySelectorAll('#view .node.cut')).map(g => window.engagemap.nodes[+g.id.slice(1)].id).sort()"


def test_what_if_this_went_greys_out_what_is_cut(browser, tmp_path):
    page = _whatif_page(browser, tmp_path, parallel=False)
    page.click_node("forum")
    page.page.click("#card button.whatif")
    assert page.js(CUT) == ["g1", "g2", "g3"]
    assert page.js("document.querySelector('#view .node.gone') === document.getElementById("
                   "'n' + window.engagemap.index['forum'])")
    assert page.js("document.querySelectorAll('#view .edge.cut').length") == 1  # the forum's seat (reps) link
    said = page.js("document.getElementById('whatif-result').textContent")
    assert said.startswith("If Forum went, 6 organisations would lose their only route to The Board")
    assert "nobody would be left to speak there for: Older people, Young people." in said
    page.page.keyboard.press("Escape")
    assert page.js(CUT) == [] and page.js("document.querySelectorAll('#view .gone, #view .cut').length") == 0
    # the seat, from its link's card: the forum and every group behind it
    at = page.js("(() => { const e = window.engagemap.edges.find(e => e.kind === 'reps');"
                 " const h = document.getElementById('h' + e.i), m = h.getScreenCTM(),"
                 " p = h.getPointAtLength(h.getTotalLength() / 2); return [p.x * m.a + m.e, p.y * m.d + m.f]; })()")
    page.page.mouse.click(at[0], at[1])
    page.page.click("#card button.whatif")
    assert page.js(CUT) == ["forum", "g1", "g2", "g3"]
    assert page.js("document.getElementById('whatif-result').textContent").startswith(
        "If this vacant seat went, 6 organisations would lose their only route to The Board, and nobody would be "
        "left to speak there for: Older people, Young people. Also cut off: Forum.")
    # a group whose loss cuts nothing else
    page.js("window.engagemap.select(window.engagemap.index['g2'])")
    page.page.click("#card button.whatif")
    assert page.js(CUT) == [] and "nothing would be cut off" in page.js(
        "document.getElementById('whatif-result').textContent")
    assert page.errors == []
    page.page.close()


def test_what_if_with_two_parallel_routes_says_nothing_is_cut(browser, tmp_path):
    page = _whatif_page(browser, tmp_path, parallel=True)
    for node in ("forum", "alt"):
        page.click_node(node)
        page.page.click("#card button.whatif")
        assert page.js(CUT) == []
        assert page.js("document.getElementById('whatif-result').textContent") == (
            f"If {'Forum' if node == 'forum' else 'Other forum'} went, nothing would be cut off from The Board: "
            "everything here has another route.")
    assert page.errors == []
    page.page.close()


def test_a_highlight_is_a_handful_of_elements_however_much_lights_up(browser, tmp_path):
    """However many nodes light up, the page adds a veil with a hole per lit node, one outline path, the
    lit links and a copy of what was picked: no copy of any other label (each would be laid out again)."""
    orgs = [{"id": f"a{i:03}", "name": f"A {i}", "sector": "vcs", "serves": ["older"]} for i in range(250)]
    orgs += [{"id": f"b{i:03}", "name": f"B {i}", "sector": "vcs", "serves": ["youth"]} for i in range(400)]
    graph = build_graph(Dataset(
        organisations=orgs,
        communities=[{"id": "older", "name": "Older people"}, {"id": "youth", "name": "Young people"}],
        networks=[{"id": "fa", "name": "Forum A", "led_by": "vcs"}, {"id": "fb", "name": "Forum B", "led_by": "vcs"}],
        partnerships=[{"id": "board", "name": "Board", "level": "board"}],
        memberships=[{"member": o["id"], "network": "fa" if o["id"][0] == "a" else "fb"} for o in orgs],
        seats=[{"id": "sa", "partnership": "board", "sector": "vcs", "selected_by": "fa"},
               {"id": "sb", "partnership": "board", "sector": "vcs", "selected_by": "fb"}]))
    write_map(build_map(graph, aggregate=0), tmp_path / "many.html")
    page = Page(browser, tmp_path / "many.html")
    page.js("window.engagemap.select(window.engagemap.index['older'])")
    assert sorted(page.lit_ids()) == sorted([o["id"] for o in orgs[:250]] + ["older"])
    layer = page.js("Array.from(document.getElementById('lit').children).map(c => c.getAttribute('class'))")
    assert layer == ["veil", "ring", "node t-community unrep lit picked"]  # nobody speaks for it
    holes = page.js("document.querySelector('#lit .veil').getAttribute('d').split('M').length - 1")
    assert holes == 1 + 251  # the veil itself, and a hole over each lit node
    assert page.js("document.querySelectorAll('#badges text').length") == 0  # 250 groups: no badge on each
    page.js("window.engagemap.select(window.engagemap.index['fa'])")
    assert page.lit_ids() == {"fa", "board"}
    assert page.js("document.querySelectorAll('#lit .edge.lit.k-reps').length") == 1  # its seat on the board
    assert page.js("Array.from(document.querySelectorAll('#badges text')).map(t => t.textContent)") == ["1"]
    page.page.keyboard.press("Escape")
    assert page.js("document.getElementById('lit').children.length + document.getElementById('badges').children.length") == 0
    assert page.errors == []
    page.page.close()


#: Every drawn link (and "serves" link), followed along in the page, against every label's box in the drawing:
#: the labels each link runs through other than its own two ends'.
LINKS_THROUGH_LABELS = """(() => {
  const e = window.engagemap, svgNS = 'http://www.w3.org/2000/svg', view = document.getElementById('view');
  const boxes = e.nodes.map(n => { const b = n.el.querySelector('text').getBBox();
                                   return [b.x + 0.3, b.y + 0.3, b.x + b.width - 0.3, b.y + b.height - 0.3]; });
  const found = [];
  let followed = 0;
  e.edges.forEach((edge, i) => {
    let p = document.getElementById('e' + i), temp = null;
    if (!p && edge.path) { temp = p = document.createElementNS(svgNS, 'path'); p.setAttribute('d', edge.path); view.appendChild(p); }
    if (!p) { return; }
    followed += 1;
    const length = p.getTotalLength();
    for (let s = 0; s <= length; s += 1) {
      const pt = p.getPointAtLength(s);
      boxes.forEach((b, k) => {
        if (k !== edge.a && k !== edge.b && pt.x > b[0] && pt.x < b[2] && pt.y > b[1] && pt.y < b[3]) {
          found.push([edge.from, edge.to, e.nodes[k].id]);
        }
      });
    }
    if (temp) { temp.remove(); }
  });
  return {followed: followed, found: found.filter((f, i) => found.findIndex(g => g.join() === f.join()) === i)};
})()"""


@pytest.mark.parametrize("name", ["hackney", "gloucester"])
def test_no_link_runs_through_a_label_in_the_page(browser, tmp_path_factory, name):
    page, model = _open(browser, tmp_path_factory, name)
    result = page.js(LINKS_THROUGH_LABELS)
    assert result["followed"] == sum(1 for e in model.edges if "path" in e)
    assert result["found"] == []
    page.page.close()
