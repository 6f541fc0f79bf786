"""The map page in a real browser: headless Chromium (Debian's package) driven by playwright.

In CI (``CI`` set) a missing browser is a failure; on a laptop these tests
skip with the reason.
"""

import os
from pathlib import Path

import pytest

from helpers import HOSTILE, hostile_dataset

from graphmodel import build_graph, load_dataset
from graphmodel.viz import build_map, write_map
from graphmodel.viz.render import CHROMIUM_FLAGS, find_chromium

pytestmark = pytest.mark.browser


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
    """A map opened from file:// with every other request blocked and counted."""

    def __init__(self, browser, path: Path):
        self.blocked, self.errors, self.dialogs = [], [], []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})

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

    def visible_nodes(self) -> int:
        return self.js("window.engagemap.nodes.get({filter: n => !n.hidden}).length")


@pytest.fixture(scope="module")
def hackney_page(browser, tmp_path_factory, examples_dir=Path(__file__).resolve().parent.parent / "examples"):
    model = build_map(build_graph(load_dataset(examples_dir / "hackney")))
    path = tmp_path_factory.mktemp("map") / "hackney.html"
    write_map(model, path)
    page = Page(browser, path)
    yield page, model
    page.page.close()


def test_page_loads_offline_without_errors(hackney_page):
    page, model = hackney_page
    assert page.blocked == []
    assert page.errors == []
    assert page.js("window.engagemap.nodes.length") == len(model.nodes)
    serves = sum(1 for e in model.edges if e["kind"] == "serves")
    assert page.js("window.engagemap.edges.length") == len(model.edges) - serves
    page.page.check("#show-serves")  # the "serves" links are made when first switched on
    assert page.js("window.engagemap.edges.length") == len(model.edges)
    assert page.js("window.engagemap.edges.get({filter: e => !e.hidden && e.kind === 'serves'}).length") == serves
    page.page.uncheck("#show-serves")
    assert page.js("document.getElementById('caption').textContent") == model.caption


def test_drawn_nodes_follow_the_aggregation(browser, tmp_path, examples_dir):
    g = build_graph(load_dataset(examples_dir / "islington"))
    for aggregate in (0, 3):
        model = build_map(g, aggregate=aggregate)
        write_map(model, tmp_path / f"m{aggregate}.html")
        page = Page(browser, tmp_path / f"m{aggregate}.html")
        assert page.js("window.engagemap.nodes.length") == len(model.nodes)
        assert page.js("window.engagemap.network.body.nodeIndices.length") == len(model.nodes)
        assert page.blocked == [] and page.errors == []
        page.page.close()


def test_styles_follow_the_legend(hackney_page):
    page, model = hackney_page
    colour = "window.engagemap.nodes.get('{}').color.background"
    assert page.js(colour.format("cen")) == "#2e7d32"  # VCS-led network
    assert page.js(colour.format("vslg")) == "#1565c0"  # statutory-led
    vacant = next(e for e in model.edges if e["kind"] == "reps" and e["vacant"])
    assert page.js(f"window.engagemap.edges.get('{vacant['id']}').dashes") is True
    assert page.js(f"window.engagemap.edges.get('{vacant['id']}').color.color") == "#d32f2f"
    lgbt = "window.engagemap.nodes.get('lgbt')"
    assert page.js(lgbt + ".color.border") == "#d32f2f"  # nobody represents it on the board
    page.page.uncheck("#show-gaps")
    assert page.js(lgbt + ".color.border") == "#424242"
    assert page.js(f"window.engagemap.edges.get('{vacant['id']}').dashes") is False
    page.page.check("#show-gaps")


def test_search_finds_a_node(hackney_page):
    page, _ = hackney_page
    page.page.fill("#search", "refugee")
    items = page.page.locator("#results li")
    assert items.count() >= 1
    assert "Hackney Refugee Forum" in items.all_text_contents()[0]
    items.first.click()
    assert page.js("window.engagemap.network.getSelectedNodes()") == ["refugee-forum"]
    assert "Hackney Refugee Forum" in page.page.locator("#details h2").text_content()
    assert "Team Hackney Board" in page.page.locator("#details").text_content()  # which boards it reaches


def test_filters_hide_what_they_should(hackney_page):
    page, model = hackney_page
    everything = page.visible_nodes()
    assert everything == len(model.nodes)
    page.page.select_option("#filter-level", "board")
    partnerships = page.js("window.engagemap.nodes.get({filter: n => !n.hidden && "
                           "window.engagemap.info[n.id].type === 'partnership'}).length")
    assert partnerships == 1
    page.page.click("#reset")
    page.page.select_option("#filter-community", "charedi")
    shown = set(page.js("window.engagemap.nodes.get({filter: n => !n.hidden}).map(n => n.id)"))
    assert {"charedi", "charedi-network", "cen", "th-board"} <= shown
    assert "tenants-convention" not in shown
    page.page.click("#reset")
    assert page.visible_nodes() == everything


def test_hostile_names_render_as_text(browser, tmp_path):
    hostile = HOSTILE
    ds = hostile_dataset()
    write_map(build_map(build_graph(ds), title=hostile[1]), tmp_path / "hostile.html")
    page = Page(browser, tmp_path / "hostile.html")
    page.page.fill("#search", "script")
    page.page.locator("#results li").first.click()
    assert page.page.locator("#details h2").text_content() == hostile[0]
    page.page.fill("#search", "img")
    page.page.locator("#results li").first.click()
    assert page.page.locator("#details h2").text_content() == hostile[1]
    assert page.js("document.title") == hostile[1]
    assert page.js("document.querySelectorAll('img').length") == 0
    assert page.js("document.querySelectorAll('#details script, #results script').length") == 0
    assert page.dialogs == [] and page.errors == [] and page.blocked == []


def test_png_is_a_picture_of_the_map(tmp_path, examples_dir, browser):
    import subprocess
    import sys

    # in its own process: this one already drives a browser through playwright's sync API
    subprocess.run([sys.executable, "-m", "graphmodel.cli", "map", str(examples_dir / "gloucester"),
                    "-o", str(tmp_path / "map.png")], check=True, capture_output=True, timeout=120)
    data = (tmp_path / "map.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]
