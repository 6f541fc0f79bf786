"""Turn a :class:`~viz.mapmodel.MapModel` into a standalone page, an SVG or a PNG.

The page is one file that works offline: vis-network's script and style
(from the pyvis package, which bundles them) and our own are inlined; no
Bootstrap, no CDN, and a Content-Security-Policy that forbids any request.
Dataset text reaches the page only as JSON inside a ``<script
type="application/json">`` element, with ``<``, ``>`` and ``&`` escaped, and
the page's script puts it into the document with ``textContent``.

>>> from graphmodel.viz.render import json_for_script
>>> json_for_script({"name": "</script><script>alert(1)</script>"})
'{"name": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from importlib.resources import files
from pathlib import Path
from string import Template

from graphmodel.exceptions import EngagemapError
from graphmodel.files import atomic_path

from .mapmodel import STYLE, MapModel

__all__ = ["render_html", "render_svg", "write_map", "json_for_script", "CHROMIUM_FLAGS", "find_chromium"]

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def json_for_script(data) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _asset(name: str) -> str:
    return (files("graphmodel.viz") / "assets" / name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    """vis-network's files as bundled by pyvis (the script and style the page needs)."""
    return (files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def _vis_elements(model: MapModel) -> tuple[list[dict], list[dict], dict]:
    """Nodes, edges and options for vis-network, assembled with pyvis.

    Nodes and edges carry their positions, shapes and map fields; the page
    colours them from :data:`~viz.mapmodel.STYLE` by type and kind (so the
    style of a thousand edges is not written out a thousand times), and makes
    the "serves" links from each node's ``serves`` when they are switched on.
    """
    from pyvis.network import Network

    shapes = {"partnership": "box", "network": "ellipse", "organisation": "dot", "aggregate": "box",
              "community": "diamond", "person": "triangle"}
    net = Network(directed=True)
    for n in model.nodes:
        options = {k: v for k, v in n.items() if k not in ("id", "label")}
        if n["type"] == "organisation":
            count = n.get("count", 1)
            options["size"] = round(8 + min(40, 6 * (count ** 0.5 - 1)), 1) if count > 1 else 8
        net.add_node(n["id"], label=n["label"], shape=shapes[n["type"]], **options)
    for e in model.edges:
        if e["kind"] == "serves":
            continue
        options = {k: v for k, v in e.items() if k not in ("from", "to")}
        net.add_edge(e["from"], e["to"], **options)
    net.toggle_physics(False)
    nodes, edges, _, _, _, options = net.get_network_data()
    for edge in edges:
        edge.pop("arrows", None)  # set once for all edges in the options below
    options = json.loads(options)
    options["interaction"] = {"hover": True, "keyboard": True, "multiselect": False, "hideEdgesOnDrag": True}
    options["edges"] = {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "smooth": False}
    options["nodes"] = {"physics": False}
    options["layout"] = {"improvedLayout": False, "randomSeed": 1}  # positions come from Python
    return nodes, edges, options


def _legend() -> list[dict]:
    e = STYLE["edge"]
    return [
        {"label": "board", "color": STYLE["partnership"]["board"]},
        {"label": "thematic / area partnership", "color": STYLE["partnership"]["thematic"]},
        {"label": "sub-group / task group", "color": STYLE["partnership"]["subgroup"]},
        {"label": "VCS-led network", "color": STYLE["network"]["vcs"], "round": True},
        {"label": "statutory-led network or agency", "color": STYLE["network"]["statutory"], "round": True},
        {"label": "jointly led network", "color": STYLE["network"]["joint"], "round": True},
        {"label": "VCS organisation (bigger = stands for more)", "color": STYLE["organisation"]["vcs"], "round": True},
        {"label": "statutory organisation", "color": STYLE["organisation"]["statutory"], "round": True},
        {"label": "private organisation", "color": STYLE["organisation"]["private"], "round": True},
        {"label": "N organisations (folded)", "color": STYLE["aggregate"]},
        {"label": "community", "color": STYLE["community"]},
        {"label": "community nobody represents", "color": STYLE["community"], "border": STYLE["unrepresented"]},
        {"label": "reps (a seat)", "color": e["reps"], "line": True},
        {"label": "vacant seat", "color": e["vacant"], "line": True, "dashes": True},
        {"label": "rep with no reporting back", "color": e["no_report_back"], "line": True},
        {"label": "feeds into", "color": e["feeds_into"], "line": True},
        {"label": "member of", "color": e["member_of"], "line": True},
        {"label": "reports back to", "color": e["reports_back"], "line": True, "dotted": True},
        {"label": "consults", "color": e["consults"], "line": True, "dashes": True},
        {"label": "serves (switch on at left)", "color": e["serves"], "line": True},
        {"label": "funds (maps made with --show-funding)", "color": e["funds"], "line": True},
    ]


def render_html(model: MapModel) -> str:
    """The whole page as one string."""
    vis_nodes, vis_edges, options = _vis_elements(model)
    data = {"focus": model.focus, "filters": model.filters, "visNodes": vis_nodes, "visEdges": vis_edges,
            "options": options, "style": STYLE, "legend": _legend()}
    page = Template(_asset("map.html"))
    return page.substitute(
        title=html.escape(model.title),
        caption=html.escape(model.caption),
        vis_css=_vis_asset("vis-network.css").replace("</style", "<\\/style"),
        map_css=_asset("map.css"),
        data=json_for_script(data),
        vis_js=_vis_asset("vis-network.min.js").replace("</script", "<\\/script"),
        map_js=_asset("map.js"),
    )


def render_svg(model: MapModel) -> str:
    """A static drawing of the same map, from the same positions (for handouts)."""
    xs = [n["x"] for n in model.nodes] or [0]
    ys = [n["y"] for n in model.nodes] or [0]
    pad = 120
    left, top = min(xs) - pad, min(ys) - pad
    width, height = max(xs) - left + pad, max(ys) - top + pad + 60
    where = {n["id"]: (n["x"] - left, n["y"] - top) for n in model.nodes}
    esc = html.escape
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="Arial, sans-serif">',
           '<rect width="100%" height="100%" fill="#ffffff"/>',
           f'<text x="20" y="36" font-size="28" font-weight="bold">{esc(model.title)}</text>',
           f'<text x="20" y="66" font-size="16" fill="#555">{esc(model.caption)}</text>']
    for e in model.edges:
        if e["kind"] in ("serves", "affiliated_with") or e["from"] not in where or e["to"] not in where:
            continue
        (x1, y1), (x2, y2) = where[e["from"]], where[e["to"]]
        color = STYLE["edge"]["vacant"] if e.get("vacant") else STYLE["edge"][e["kind"]]
        dash = ' stroke-dasharray="6 4"' if e.get("vacant") or e["kind"] in ("reports_back", "consults") else ""
        w = 3 if e["kind"] == "feeds_into" else (2 if e["kind"] == "reps" else 1)
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{color}" '
                   f'stroke-width="{w}"{dash}/>')
    for n in model.nodes:
        x, y = where[n["id"]]
        group = n["type"]
        if group == "partnership":
            fill = STYLE["partnership"][n["level"]]
        elif group == "network":
            fill = STYLE["network"][n["led_by"]]
        elif group == "organisation":
            fill = STYLE["organisation"][n["sector"]]
        elif group == "aggregate":
            fill = STYLE["aggregate"]
        elif group == "community":
            fill = STYLE["community"]
        else:
            fill = STYLE["person"]
        stroke = STYLE["unrepresented"] if n.get("unrepresented") else "#424242"
        r = 8 if group in ("organisation", "person", "community") else 14
        if group == "organisation" and n.get("count", 1) > 1:
            r = 8 + min(40, 6 * (n["count"] ** 0.5 - 1))
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="{stroke}" '
                   f'stroke-width="{3 if n.get("unrepresented") else 1}"/>')
        out.append(f'<text x="{x:.1f}" y="{y + r + 14:.1f}" font-size="12" text-anchor="middle">'
                   f'{esc(n["label"])}</text>')
    out.append("</svg>")
    return "\n".join(out)


def find_chromium() -> str | None:
    """The Chromium to drive: ``ENGAGEMAP_CHROMIUM`` or Debian's ``/usr/bin/chromium``."""
    for candidate in (os.environ.get("ENGAGEMAP_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _screenshot(html_text: str, target: Path, width: int = 1800, height: int = 1200) -> None:
    chromium = find_chromium()
    if chromium is None:
        raise EngagemapError("a PNG needs Chromium (install Debian's chromium package, or set ENGAGEMAP_CHROMIUM); "
                             "write an .html or .svg map instead")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise EngagemapError("a PNG needs the playwright package (pip install playwright); "
                             "write an .html or .svg map instead") from None
    with tempfile.TemporaryDirectory(prefix="engagemap-") as folder:
        page_path = Path(folder) / "map.html"
        page_path.write_text(html_text, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            try:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                           else route.abort())
                page.goto(page_path.as_uri())
                page.wait_for_selector("body[data-ready='1']", timeout=60_000)
                page.evaluate("window.engagemap.network.fit()")
                page.wait_for_timeout(200)
                with atomic_path(target, suffix=".png") as png:
                    page.screenshot(path=str(png), type="png", full_page=False)
            finally:
                browser.close()


def write_map(model: MapModel, target: str | os.PathLike) -> Path:
    """Write the map as ``.html``, ``.svg`` or ``.png`` (by the target's extension), atomically."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix in (".html", ".htm"):
        with atomic_path(target, suffix=suffix) as tmp:
            tmp.write_text(render_html(model), encoding="utf-8")
    elif suffix == ".svg":
        with atomic_path(target, suffix=suffix) as tmp:
            tmp.write_text(render_svg(model), encoding="utf-8")
    elif suffix == ".png":
        _screenshot(render_html(model), target)
    else:
        raise EngagemapError(f"cannot write a map as {target.name!r}: use a name ending .html, .svg or .png")
    return target
