"""Turn a :class:`~viz.mapmodel.MapModel` into a standalone page, an SVG or a PNG.

The page is one file that works offline: the drawing is SVG made in Python
(:mod:`viz.drawing`), our script and style are inlined, and a
Content-Security-Policy forbids any request. Dataset text reaches the page
escaped for its context: as XML-escaped text inside the drawing and the
legend, and as JSON inside a ``<script type="application/json">`` element,
with ``<``, ``>`` and ``&`` escaped, which the page's script puts into the
document with ``textContent`` only.

>>> from graphmodel.viz.render import json_for_script
>>> json_for_script({"name": "</script><script>alert(1)</script>"})
'{"name": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import json
import os
import tempfile
from importlib.resources import files
from pathlib import Path
from string import Template

from graphmodel.exceptions import EngagemapError
from graphmodel.files import atomic_path

from .drawing import bounds, clean, draw, legend_icon, legend_items, legend_svg
from .mapmodel import MapModel
from .style import STYLE
from .words import FRIENDLY

__all__ = ["render_html", "render_svg", "write_map", "json_for_script", "CHROMIUM_FLAGS", "find_chromium", "POSTER"]

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def json_for_script(data) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _asset(name: str) -> str:
    return (files("graphmodel.viz") / "assets" / name).read_text(encoding="utf-8")


def _page_data(model: MapModel, story: list[dict] | None) -> dict:
    keep = ("id", "type", "label", "x", "y", "w", "h", "font", "level", "led_by", "sector", "themes", "serves",
            "part_of", "unrepresented", "reaches", "members", "details", "nobody_for", "top", "count",
            "community_kind")
    nodes = [{k: n[k] for k in keep if k in n} for n in model.nodes]
    # member_of and serves links are drawn as one bundled path each (one thing to paint): the page keeps
    # each one's path
    edges = [{k: v for k, v in e.items() if k != "path" or e["kind"] in ("member_of", "serves")} for e in model.edges]
    return {"focus": model.focus, "focusName": next((n["label"] for n in model.nodes if n["id"] == model.focus), None),
            "filters": model.filters, "nodes": nodes, "edges": edges, "style": STYLE, "words": FRIENDLY,
            "story": story or [], "whatif": model.whatif}


def _legend_html(model: MapModel) -> str:
    return "".join(f'<li><svg width="30" height="14" aria-hidden="true">{legend_icon(item)}</svg>'
                   f"<span>{clean(item['label'])}</span></li>" for item in legend_items(model))


def _box(model: MapModel) -> str:
    """The drawing's size and view box: the page moves it with a CSS transform, in drawing units from its corner."""
    left, top, width, height = bounds(model)
    return f'width="{width:.1f}" height="{height:.1f}" viewBox="{left:.1f} {top:.1f} {width:.1f} {height:.1f}"'


def render_html(model: MapModel, story: list[dict] | None = None) -> str:
    """The whole page as one string (with the story's steps, if given)."""
    page = Template(_asset("map.html"))
    return page.substitute(
        title=clean(model.title),
        caption=clean(model.caption),
        map_css=_asset("map.css"),
        drawing=draw(model, page=True),
        box=_box(model),
        legend=_legend_html(model),
        data=json_for_script(_page_data(model, story)),
        map_js=_asset("map.js").replace("</script", "<\\/script"),
    )


def render_svg(model: MapModel) -> str:
    """The same drawing as the page, with its title, caption and legend: a standalone SVG for handouts."""
    left, top, width, height = bounds(model)
    items = legend_items(model)
    head = 70.0
    legend, legend_height = legend_svg(items, left + 10, top + head + height + 10, columns=3, size=14)
    total_h = head + height + legend_height + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{total_h:.0f}" '
           f'viewBox="{left:.1f} {top:.1f} {width:.1f} {total_h:.1f}" font-family="Arial, Liberation Sans, sans-serif">',
           f'<rect x="{left:.1f}" y="{top:.1f}" width="100%" height="100%" fill="#ffffff"/>',
           f'<text x="{left + 10:.1f}" y="{top + 32:.1f}" font-size="28" font-weight="bold">{clean(model.title)}</text>',
           f'<text x="{left + 10:.1f}" y="{top + 58:.1f}" font-size="16" fill="#444">{clean(model.caption)}</text>',
           f'<g transform="translate(0,{head})">{draw(model)}</g>',
           legend,
           "</svg>"]
    return "\n".join(out)


def find_chromium() -> str | None:
    """The Chromium to drive: ``ENGAGEMAP_CHROMIUM`` or Debian's ``/usr/bin/chromium``."""
    for candidate in (os.environ.get("ENGAGEMAP_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


POSTER = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title><style>
@page {{ size: A3 landscape; margin: 8mm; }}
html, body {{ margin: 0; height: 100%; }}
svg {{ display: block; width: 404mm; height: 280mm; }}
</style></head><body>{svg}</body></html>"""


def _browser(what: str):
    """Chromium and playwright's sync API, or one clear sentence saying what is missing."""
    chromium = find_chromium()
    if chromium is None:
        raise EngagemapError(f"a {what} needs Chromium: install Debian's chromium package (or set ENGAGEMAP_CHROMIUM), "
                             "or write an .html or .svg map instead")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise EngagemapError(f"a {what} needs playwright: pip install 'engagemap[render]', "
                             "or write an .html or .svg map instead") from None
    return chromium, sync_playwright


def _in_chromium(html_text: str, target: Path, what: str, shoot, screen: tuple[int, int] = (1280, 720)) -> None:
    """Open ``html_text`` in headless Chromium (every request but the file blocked) and let ``shoot`` write."""
    chromium, sync_playwright = _browser(what)
    with tempfile.TemporaryDirectory(prefix="engagemap-") as folder:
        page_path = Path(folder) / "map.html"
        page_path.write_text(html_text, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            try:
                page = browser.new_page(viewport={"width": screen[0], "height": screen[1]}, device_scale_factor=2)
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                           else route.abort())
                page.goto(page_path.as_uri())
                with atomic_path(target, suffix=target.suffix) as tmp:
                    shoot(page, tmp)
            finally:
                browser.close()


def _png(page, tmp: Path) -> None:
    page.wait_for_selector("body[data-ready='1']", timeout=60_000)
    page.screenshot(path=str(tmp), type="png", full_page=False)


def _pdf(page, tmp: Path) -> None:
    page.emulate_media(media="print")
    page.pdf(path=str(tmp), prefer_css_page_size=True, print_background=True)


def write_map(model: MapModel, target: str | os.PathLike, story: list[dict] | None = None) -> Path:
    """Write the map as ``.html``, ``.svg``, ``.png`` or ``.pdf`` (by the target's extension), atomically.

    The PNG is the page's first view on the map's screen (1280x720 unless asked), twice as sharp (names at least 24 pixels); the PDF
    is a one-page A3 landscape poster of the SVG drawing, its text kept as selectable vector text.
    """
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix in (".html", ".htm"):
        with atomic_path(target, suffix=suffix) as tmp:
            tmp.write_text(render_html(model, story), encoding="utf-8")
    elif suffix == ".svg":
        with atomic_path(target, suffix=suffix) as tmp:
            tmp.write_text(render_svg(model), encoding="utf-8")
    elif suffix == ".png":
        _in_chromium(render_html(model, story), target, "PNG", _png, model.screen)
    elif suffix == ".pdf":
        poster = POSTER.format(title=clean(model.title), svg=render_svg(model))
        _in_chromium(poster, target, "PDF poster", _pdf)
    else:
        raise EngagemapError(f"cannot write a map as {target.name!r}: use a name ending .html, .svg, .png or .pdf")
    return target
