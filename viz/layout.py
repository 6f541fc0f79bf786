"""Where each node of the map goes: a left-to-right flow, sized for a projector.

Communities on the left, then the organisations (and the folded "N
organisations" blobs), the networks, the partnerships, and the board(s) on the
right: the way a voice travels, read like a sentence. Each band is packed into
as many columns as it needs so that the whole drawing has the shape of a
landscape screen; the band height is chosen (by trying every sensible height)
to make the drawing as large as possible when fitted to a 1280x720 window, so
the partnership and network names come out at the biggest size the data
allows. Every node gets a box of its own, sized from its label, so labels
never overlap; everything is computed here, iteratively, from sorted input:
the same dataset always gives the same picture.

>>> nodes = {"b": {"id": "b", "type": "partnership", "level": "board", "label": "Board"},
...          "n": {"id": "n", "type": "network", "label": "Net"}}
>>> layout(nodes, [{"from": "n", "to": "b", "kind": "reps"}])
>>> nodes["n"]["x"] < nodes["b"]["x"], nodes["b"]["lines"]
(True, ['Board'])
"""

from __future__ import annotations

from collections import defaultdict, deque

from .routing import columns_of, edge_paths

__all__ = ["layout", "text_width", "wrap", "FONT", "VIEWPORT", "map_area", "fit_scale"]

#: Font size (drawing units) of each kind of label.
FONT = {"board": 24, "partnership": 18, "network": 18, "aggregate": 12, "community": 12, "organisation": 8,
        "person": 8}
#: The window the first view is designed for: 1280x720 less the title bar, the zoom buttons and margins.
VIEWPORT = (1200.0, 640.0)
#: What the page takes from a screen around the map (zoom buttons and margins; title bar and toolbar).
CHROME = (80.0, 80.0)


def map_area(screen: tuple[int, int]) -> tuple[float, float]:
    """The map's area on a screen of ``screen`` CSS pixels (width, height).

    >>> map_area((1280, 720))
    (1200.0, 640.0)
    """
    return (max(200.0, screen[0] - CHROME[0]), max(150.0, screen[1] - CHROME[1]))
#: Longest line of a label, in characters, before it wraps (at most three lines).
WRAP = {"partnership": 26, "network": 26, "board": 22}
MINOR_WRAP = 20
#: Screen size (CSS px) the partnership and network names should reach in the first view.
TARGET_PX = 13.5
BOXED = ("partnership", "network", "aggregate")
BAND_GAP = 30.0
COLUMN_GAP = 14.0

_NARROW = set("fijlrtI.,:;'!|()[]- ")
_WIDE = set("mwMW@%")


def text_width(text: str, size: float) -> float:
    """Width of ``text`` at font size ``size``: a generous estimate for common sans-serif fonts.

    >>> round(text_width("Board", 10), 1)
    28.6
    """
    units = 0.0
    for ch in text:
        if ch in _NARROW:
            units += 0.36
        elif ch in _WIDE:
            units += 0.92
        elif ch.isupper() or ch.isdigit():
            units += 0.7
        else:
            units += 0.6
    return units * size


def wrap(text: str, limit: int, lines: int = 3) -> list[str]:
    """``text`` in lines of at most ``limit`` characters (words kept whole when they fit).

    >>> wrap("Community Safety and Cohesion Partnership", 26)
    ['Community Safety and', 'Cohesion Partnership']
    """
    text = " ".join(text.split()) or "(no name)"
    out: list[str] = []
    line = ""
    for word in text.split(" "):
        while len(word) > limit:  # a single very long word is cut
            if line:
                out.append(line)
                line = ""
            out.append(word[:limit])
            word = word[limit:]
        if line and len(line) + 1 + len(word) > limit:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: limit - 1].rstrip() + "\u2026"
    return out


def _role(node: dict) -> str:
    if node["type"] == "partnership" and node.get("top"):
        return "board"
    return node["type"]


def _measure(node: dict, minor: float = 1.0) -> None:
    """Label lines, font size, and the box (w, h) a node needs; ``minor`` shrinks what may need a zoom."""
    role = _role(node)
    size = FONT[role]
    if node["type"] == "organisation" and node.get("count", 1) > 1:
        size = 10
    if role not in ("board", "partnership", "network"):
        size = round(size * minor, 2)
    lines = wrap(node["label"], WRAP.get(role, MINOR_WRAP))
    widest = max(text_width(line, size) for line in lines)
    if node["type"] in BOXED:
        w = widest + 1.2 * size
        h = len(lines) * 1.2 * size + 0.55 * size
    else:
        w = widest + 1.5 * size
        h = len(lines) * 1.2 * size + 0.2 * size
    node.update(lines=lines, font=size, w=round(w, 1), h=round(h, 1), bold=role == "board")


def _bands(nodes: dict, edges: list) -> list[list[str]]:
    """The nodes in bands from left to right, each band in a sensible order."""
    up: dict[str, list[str]] = defaultdict(list)   # towards power
    down: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e["from"] not in nodes or e["to"] not in nodes:
            continue
        if e["kind"] in ("member_of", "reps", "feeds_into"):
            up[e["from"]].append(e["to"])
            down[e["to"]].append(e["from"])
    for n in nodes.values():
        for c in n.get("serves", []):
            if c in nodes:
                up[c].append(n["id"])

    def depth_within(kind: str) -> dict[str, int]:
        """Steps from the nodes of ``kind`` with nothing of that kind above them (breadth-first)."""
        members = sorted(k for k, n in nodes.items() if n["type"] == kind)
        tops = [k for k in members if not any(nodes[t]["type"] == kind for t in up[k])]
        depth = dict.fromkeys(tops, 0)
        queue = deque(tops)
        while queue:
            k = queue.popleft()
            for d in sorted(down[k]):
                if nodes[d]["type"] == kind and d not in depth:
                    depth[d] = depth[k] + 1
                    queue.append(d)
        for k in members:  # a cycle with no top: treat as top
            depth.setdefault(k, 0)
        return depth

    pdepth = depth_within("partnership")
    ndepth = depth_within("network")
    for p, d in pdepth.items():
        nodes[p]["top"] = d == 0 and not any(nodes[t]["type"] == "partnership" for t in up[p])
    tops = [p for p in sorted(pdepth) if nodes[p]["top"]]
    others = [p for p in sorted(pdepth) if not nodes[p]["top"]]
    bands = [
        ("community", [k for k in sorted(nodes) if nodes[k]["type"] == "community"], {}),
        ("organisation", [k for k in sorted(nodes) if nodes[k]["type"] in ("organisation", "person")], {}),
        ("aggregate", [k for k in sorted(nodes) if nodes[k]["type"] == "aggregate"], {}),
        ("network", sorted(ndepth), ndepth),
        ("partnership", others + tops, {**pdepth, **dict.fromkeys(tops, -1)}),
    ]
    # order each band by where its links go (the bands to its right are ordered first)
    rank: dict[str, float] = {}
    out: list[list[str]] = []
    for _, members, depth in reversed(bands):
        def key(k: str) -> tuple:
            targets = [rank[t] for t in up[k] if t in rank]
            centre = sum(targets) / len(targets) if targets else 2.0
            return (-depth.get(k, 0), centre, nodes[k]["label"].lower(), k)

        members = sorted(members, key=key)
        for i, k in enumerate(members):
            rank[k] = (i + 0.5) / len(members)
        out.append(members)
    return [b for b in reversed(out) if b]


def _pack(nodes: dict, bands: list[list[str]], height: float, sizes: dict | None = None,
          placed: list | None = None) -> tuple[float, float]:
    """Columns of at most ``height``: returns (width, height); fills ``placed`` with the columns if given."""
    sizes = sizes or {k: (n["h"] + _gap(n), n["w"]) for k, n in nodes.items()}
    return _columns([[sizes[k] for k in band] for band in bands], height, bands, placed)


def _columns(band_sizes: list[list[tuple[float, float]]], height: float, bands: list[list[str]] | None = None,
             placed: list | None = None) -> tuple[float, float]:
    """:func:`_pack` on each band's (height, width) of its items, in order (the search for the best
    height calls it a hundred times, so it only adds and compares)."""
    x = tallest = 0.0
    for b, items in enumerate(band_sizes):
        if b:
            x += BAND_GAP
        start = count = 0
        used = width = 0.0
        first = True
        for h, w in items + [(None, None)]:
            if h is None or (count and used + h > height):
                if not first:
                    x += COLUMN_GAP
                first = False
                if used > tallest:
                    tallest = used
                if placed is not None:
                    placed.append((x, width, used, bands[b][start:start + count]))
                x += width
                start, count, used, width = start + count, 0, 0.0, 0.0
                if h is None:
                    break
            count += 1
            used += h
            if w > width:
                width = w
    return x, tallest


def _gap(node: dict) -> float:
    return 0.3 * node["font"] if node["type"] in BOXED else 0.15 * node["font"]


def layout(nodes: dict, edges: list, area: tuple[float, float] = VIEWPORT) -> None:
    """Give every node ``x``, ``y`` (centre), ``w``, ``h``, ``lines``, ``font``; then every edge a path.

    Organisations, communities and folded blobs are drawn smaller when that is what it takes for
    the partnership and network names to reach :data:`TARGET_PX` in the first view.
    """
    for n in nodes.values():
        n["top"] = False
    bands = _bands(nodes, edges)
    if not nodes:
        return
    best = None
    for minor in (1.0, 0.8, 0.65, 0.5, 0.4, 0.3):
        for n in nodes.values():
            _measure(n, minor)
        found = _best_packing(nodes, bands, minor, area)
        if best is None or found[0] > best[0]:
            best = found
        if found[0] * FONT["partnership"] >= TARGET_PX:
            break
    if best is not found:
        for n in nodes.values():
            _measure(n, best[4])
    _, width, tall, placed, _ = best
    for left, col_width, col_height, column in placed:
        tops = [k for k in column if nodes[k]["top"]]
        if tops and len(tops) < len(column):  # the board(s) in the middle of their column
            rest = [k for k in column if not nodes[k]["top"]]
            column[:] = rest[: len(rest) // 2] + tops + rest[len(rest) // 2:]
        y = (tall - col_height) / 2
        for k in column:
            n = nodes[k]
            n["x"] = round(left + (col_width / 2 if n["type"] in BOXED else n["w"] / 2), 1)
            n["y"] = round(y + n["h"] / 2, 1)
            y += n["h"] + _gap(n)
    cols, where = columns_of(nodes, placed)
    edge_paths(nodes, edges, cols, where)


def _best_packing(nodes: dict, bands: list[list[str]], minor: float, area: tuple[float, float]) -> tuple:
    """The column height (of 120 tried) that makes the drawing largest on the screen."""
    sizes = {k: (n["h"] + _gap(n), n["w"]) for k, n in nodes.items()}
    band_sizes = [[sizes[k] for k in band] for band in bands]
    tallest_item = max(h for h, _ in sizes.values())
    total = sum(h for h, _ in sizes.values())
    best = None
    # band heights from one item to everything in one column
    steps = 120
    for i in range(steps + 1):
        height = tallest_item + (total - tallest_item) * (i / steps) ** 2
        width, tall = _columns(band_sizes, height)
        scale = min(area[0] / max(width, 1.0), area[1] / max(tall, 1.0))
        if best is None or scale > best[0] + 1e-9:
            best = (scale, height)
    placed: list = []
    width, tall = _pack(nodes, bands, best[1], sizes, placed)
    return (best[0], width, tall, placed, minor)


def fit_scale(nodes: dict, area: tuple[float, float] = VIEWPORT) -> float:
    """The scale at which the whole drawing fits ``area`` (for checks and reports)."""
    if not nodes:
        return 1.0
    left = min(n["x"] - n["w"] / 2 for n in nodes.values())
    right = max(n["x"] + n["w"] / 2 for n in nodes.values())
    top = min(n["y"] - n["h"] / 2 for n in nodes.values())
    bottom = max(n["y"] + n["h"] / 2 for n in nodes.values())
    return min(area[0] / max(1.0, right - left), area[1] / max(1.0, bottom - top))

