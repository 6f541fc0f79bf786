"""The map drawn as SVG: one drawing for the page, the ``.svg`` handout and the A3 poster.

Every node and link is drawn here, in Python, at the positions
:mod:`viz.layout` computed; the page only moves, hides and highlights what is
drawn. Dataset text is escaped for XML and stripped of control characters,
which XML cannot hold.

>>> clean("a\\x07b <c>")
'ab &lt;c&gt;'
"""

from __future__ import annotations

import html
import re

from .mapmodel import MapModel
from .style import STYLE

__all__ = ["draw", "legend_items", "legend_svg", "legend_icon", "clean", "bounds", "node_fill"]

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text) -> str:
    """``text`` escaped for XML/HTML text and attributes, without the control characters XML forbids."""
    return html.escape(_CONTROL.sub("", str(text)), quote=True)


def node_fill(n: dict) -> str:
    t = n["type"]
    if t == "partnership":
        return STYLE["partnership"].get(n.get("level"), STYLE["partnership"]["other"])
    if t == "network":
        return STYLE["network"].get(n.get("led_by"), STYLE["network"]["joint"])
    if t == "organisation":
        return STYLE["organisation"].get(n.get("sector"), STYLE["organisation"]["private"])
    return STYLE.get(t, "#dddddd")


def _ink(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill``."""
    r, g, b = (int(fill[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lum = 0.2126 * r ** 2.2 + 0.7152 * g ** 2.2 + 0.0722 * b ** 2.2
    return "#ffffff" if lum < 0.22 else "#111111"


def edge_style(e: dict) -> tuple[str, float, str, str]:
    """(colour, width, dash pattern, marker) of a link as the legend shows it, gaps marked."""
    kind = e["kind"]
    colour = STYLE["edge"].get(kind, "#999999")
    width = {"feeds_into": 3.0, "reps": 2.2, "member_of": 1.2, "reports_back": 1.8, "consults": 1.6}.get(kind, 1.2)
    dash = {"reports_back": "2 4", "consults": "8 4"}.get(kind, "")
    marker = "a-" + kind
    if kind == "reports_back" and e.get("route") in ("stale", "never"):
        colour, marker = STYLE["edge"]["report_" + e["route"]], "a-report_" + e["route"]
        dash = "6 3" if e["route"] == "stale" else "1 5"
    if kind == "reps":
        if e.get("observer_only"):
            colour, dash, marker = "#666666", "1 4", "a-observer"
        if e.get("no_report_back"):
            colour, marker = STYLE["edge"]["no_report_back"], "a-no_report_back"
        if e.get("vacant"):
            colour, dash, marker = STYLE["edge"]["vacant"], "7 4", "a-vacant"
        if e.get("reserved_vacant"):
            dash = "12 3 2 3"
        if e.get("deputy_only"):
            width = 1.2
    return colour, width, dash, marker


def _markers() -> str:
    colours = dict(STYLE["edge"])
    colours.update(observer="#666666", hl=STYLE["highlight"])
    out = ["<defs>"]
    for key, colour in sorted(colours.items()):
        out.append(f'<marker id="a-{key}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
                   f'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
                   f'</marker>')
    out.append("</defs>")
    return "".join(out)


def bounds(model: MapModel, pad: float = 20.0) -> tuple[float, float, float, float]:
    """(left, top, width, height) of the drawing."""
    if not model.nodes:
        return (0.0, 0.0, 100.0, 100.0)
    left = min(n["x"] - n["w"] / 2 for n in model.nodes) - pad
    right = max(n["x"] + n["w"] / 2 for n in model.nodes) + pad + 40
    top = min(n["y"] - n["h"] / 2 for n in model.nodes) - pad
    bottom = max(n["y"] + n["h"] / 2 for n in model.nodes) + pad + 30
    return (round(left, 1), round(top, 1), round(right - left, 1), round(bottom - top, 1))


def _text(n: dict, x: float, y: float, anchor: str, ink: str, halo: bool) -> str:
    size = n["font"]
    lines = n["lines"]
    first = y - (len(lines) - 1) * 0.6 * size + 0.35 * size
    weight = ' font-weight="bold"' if n.get("bold") else ""
    extra = (f' stroke="#ffffff" stroke-width="{size * 0.3:.1f}" stroke-linejoin="round" paint-order="stroke"'
             if halo else "")
    spans = "".join(f'<tspan x="{x:.1f}" y="{first + i * 1.2 * size:.1f}">{clean(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<text class="label" font-size="{size:g}" text-anchor="{anchor}" fill="{ink}"{weight}{extra}>'
            f'{spans}</text>')


def _node(i: int, n: dict, page: bool) -> str:
    t = n["type"]
    fill = node_fill(n)
    x, y, w, h = n["x"], n["y"], n["w"], n["h"]
    left, top = x - w / 2, y - h / 2
    cls = f"node t-{t}" + (" unrep" if n.get("unrepresented") else "") + (" top" if n.get("top") else "")
    attrs = f' id="n{i}" class="{cls}"' if page else ""
    if t in ("partnership", "network", "aggregate"):
        if t == "network":
            rx = h / 2 if n.get("led_by") == "vcs" else (4 if n.get("led_by") == "statutory" else h / 4)
        else:
            rx = 3 if t == "partnership" else 8
        stroke, sw = ("#111111", 3.5) if n.get("top") else ("#333333" if t != "aggregate" else "#2e7d32", 1.2)
        dash = ' stroke-dasharray="5 3"' if t == "aggregate" else ""
        shape = (f'<rect class="shape" x="{left:.1f}" y="{top:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx:.1f}" '
                 f'fill="{fill}" stroke="{stroke}" stroke-width="{sw}"{dash}/>')
        return f"<g{attrs}>{shape}{_text(n, x, y, 'middle', _ink(fill), False)}</g>"
    size = n["font"]
    r = size * 0.5
    cx = left + r + 1
    if t == "community":
        unrep = n.get("unrepresented")
        stroke, sw = (STYLE["unrepresented"], size * 0.35) if unrep else ("#555555", 1)
        rr = r * 1.25
        shape = (f'<polygon class="shape" points="{cx:.1f},{y - rr:.1f} {cx + rr:.1f},{y:.1f} {cx:.1f},{y + rr:.1f} '
                 f'{cx - rr:.1f},{y:.1f}" fill="{fill}" stroke="{stroke}" stroke-width="{sw:.1f}"/>')
    elif t == "person":
        shape = (f'<polygon class="shape" points="{cx:.1f},{y - r:.1f} {cx + r:.1f},{y + r:.1f} {cx - r:.1f},{y + r:.1f}" '
                 f'fill="{fill}" stroke="#555555" stroke-width="1"/>')
    else:
        shape = (f'<circle class="shape" cx="{cx:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="#555555" '
                 f'stroke-width="{0.8 if size < 8 else 1}"/>')
    return f"<g{attrs}>{shape}{_text(n, cx + r + size * 0.35, y, 'start', '#111111', True)}</g>"


def draw(model: MapModel, *, page: bool = False) -> str:
    """The drawing's SVG elements (markers, links, nodes), without the outer ``<svg>``.

    ``page`` adds the ids and classes the interactive page uses, and a wide
    invisible twin of each link so that a thin line is easy to click.
    """
    index = {n["id"]: i for i, n in enumerate(model.nodes)}
    out = [_markers(), '<g class="edges">']
    hits = []
    if page:  # every member_of link in one path: a thousand thin lines cost one paint, not a thousand
        bundle = " ".join(e["path"] for e in model.edges if e["kind"] == "member_of" and "path" in e)
        colour, width, _, _ = edge_style({"kind": "member_of"})
        out.append(f'<path id="members" class="bundle k-member_of" d="{bundle}" fill="none" stroke="{colour}" '
                   f'stroke-width="{width}"/>')
    for i, e in enumerate(model.edges):
        if ("path" not in e or e["from"] not in index or e["to"] not in index or e["kind"] == "serves"
                or (page and e["kind"] == "member_of")):
            continue
        colour, width, dash, marker = edge_style(e)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        cls = f' id="e{i}" class="edge k-{e["kind"]}{" gap" if e.get("vacant") or e.get("no_report_back") else ""}"' \
            if page else ""
        arrow = f' marker-end="url(#{marker})"' if e["kind"] != "member_of" else ""
        out.append(f'<path{cls} d="{e["path"]}" fill="none" stroke="{colour}" stroke-width="{width}"{dash_attr}'
                   f'{arrow}/>')
        if page and e["kind"] != "member_of":
            hits.append(f'<path id="h{i}" class="hit" d="{e["path"]}"/>')
    out.append("</g>")
    if page:
        out.append('<g class="hits">' + "".join(hits) + "</g>")
    out.append('<g class="nodes">')
    out.extend(_node(i, n, page) for i, n in enumerate(model.nodes))
    out.append("</g>")
    return "".join(out)


def legend_items(model: MapModel | None = None) -> list[dict]:
    """What the legend explains, each with how it is drawn (``shape`` or ``line``)."""
    p, nw, org, e = STYLE["partnership"], STYLE["network"], STYLE["organisation"], STYLE["edge"]
    items = [
        {"label": "board (the partnership at the top)", "shape": "box", "fill": p["board"], "stroke": "#111111",
         "sw": 3},
        {"label": "executive / thematic / area partnership", "shape": "box", "fill": p["thematic"]},
        {"label": "sub-group / task group", "shape": "box", "fill": p["subgroup"]},
        {"label": "network led by the voluntary and community sector", "shape": "pill", "fill": nw["vcs"]},
        {"label": "network led by the statutory sector", "shape": "box", "fill": nw["statutory"]},
        {"label": "network led jointly", "shape": "pill", "fill": nw["joint"]},
        {"label": "voluntary and community organisation", "shape": "dot", "fill": org["vcs"]},
        {"label": "statutory organisation", "shape": "dot", "fill": org["statutory"]},
        {"label": "private organisation", "shape": "dot", "fill": org["private"]},
        {"label": "N organisations folded together", "shape": "box", "fill": STYLE["aggregate"], "stroke": "#2e7d32",
         "dash": "5 3"},
        {"label": "community", "shape": "diamond", "fill": STYLE["community"]},
        {"label": "community nobody speaks for", "shape": "diamond", "fill": STYLE["community"],
         "stroke": STYLE["unrepresented"], "sw": 4},
        {"label": "reps: a seat on a partnership", "line": e["reps"], "width": 2.2},
        {"label": "vacant seat", "line": e["vacant"], "dash": "7 4", "width": 2.2},
        {"label": "vacant place reserved for a community", "line": e["vacant"], "dash": "12 3 2 3", "width": 2.2},
        {"label": "seat that reports back to nobody", "line": e["no_report_back"], "width": 2.2},
        {"label": "observer seat (does not vote)", "line": "#666666", "dash": "1 4", "width": 2.2},
        {"label": "deputy places only (thin)", "line": e["reps"], "width": 1.2},
        {"label": "feeds into", "line": e["feeds_into"], "width": 3},
        {"label": "member of", "line": e["member_of"], "width": 1.2},
        {"label": "reports back to", "line": e["reports_back"], "dash": "2 4", "width": 1.8},
        *([{"label": "reporting back not used lately (stale)", "line": e["report_stale"], "dash": "6 3", "width": 1.8},
           {"label": "reporting-back route never used", "line": e["report_never"], "dash": "1 5", "width": 1.8}]
          if model is not None and any("route" in ed for ed in model.edges) else []),
        {"label": "consults", "line": e["consults"], "dash": "8 4", "width": 1.6},
        {"label": "serves (switch on: \u201cWho serves whom\u201d)", "line": e["serves"], "width": 1.2},
    ]
    if model is not None and any(ed["kind"] == "funds" for ed in model.edges):
        items.append({"label": "funds", "line": e["funds"], "width": 1.2})
    return items


def legend_icon(item: dict, x: float = 0, y: float = 0) -> str:
    """The small drawing of one legend item, 30x14 units at (x, y)."""
    if "line" in item:
        dash = f' stroke-dasharray="{item["dash"]}"' if item.get("dash") else ""
        return (f'<line x1="{x + 1}" y1="{y + 7}" x2="{x + 29}" y2="{y + 7}" stroke="{item["line"]}" '
                f'stroke-width="{item["width"]}"{dash}/>')
    stroke = item.get("stroke", "#333333")
    sw = item.get("sw", 1)
    dash = f' stroke-dasharray="{item["dash"]}"' if item.get("dash") else ""
    if item["shape"] in ("box", "pill"):
        rx = 6 if item["shape"] == "pill" else 2
        return (f'<rect x="{x + 3}" y="{y + 1}" width="24" height="12" rx="{rx}" fill="{item["fill"]}" '
                f'stroke="{stroke}" stroke-width="{sw}"{dash}/>')
    if item["shape"] == "dot":
        return f'<circle cx="{x + 15}" cy="{y + 7}" r="6" fill="{item["fill"]}" stroke="#555555"/>'
    return (f'<polygon points="{x + 15},{y} {x + 22},{y + 7} {x + 15},{y + 14} {x + 8},{y + 7}" '
            f'fill="{item["fill"]}" stroke="{stroke}" stroke-width="{sw}"/>')


def legend_svg(items: list[dict], x: float, y: float, columns: int = 2, size: float = 13) -> tuple[str, float]:
    """The legend as SVG at (x, y) in ``columns`` columns; returns (markup, height)."""
    per = -(-len(items) // columns)
    out = [f'<g class="legend" font-size="{size}">']
    col_w = 30 + 0.6 * size * max(len(i["label"]) for i in items) + 20
    for k, item in enumerate(items):
        cx = x + (k // per) * col_w
        cy = y + (k % per) * (size * 1.5)
        out.append(legend_icon(item, cx, cy + (size * 1.5 - 14) / 2))
        out.append(f'<text x="{cx + 36}" y="{cy + size * 1.05:.1f}">{clean(item["label"])}</text>')
    out.append("</g>")
    return "".join(out), per * size * 1.5
