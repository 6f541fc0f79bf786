"""Where each link of the map runs: in the channels between columns, never through another node's label.

The layout (:mod:`viz.layout`) puts nodes in columns with a channel between
each pair of columns. A link leaves the side of its node, runs to the edge of
that node's column, and crosses each column between its two ends through a
gap between two boxes (or above or below the column), the gap nearest the
straight line between its ends; in each channel it bends smoothly from one
gap to the next, its curve kept inside the channel. Links sharing a gap get
lanes of their own in it, in the order of where they come from, and the
links meeting one side of a node attach at points spread along that side, so
parallel links (a seat and its reporting back) are apart and each can be
clicked. A link between two nodes of one column loops out into the channel
to its right.

:func:`crossings` checks the result from the geometry alone: which links
pass through the box of a node other than their own two ends.

>>> a = {"x": 10, "y": 0, "w": 20, "h": 10}; b = {"x": 110, "y": 0, "w": 20, "h": 10}
>>> cols = [Column(0, 20, [(-5, 5)]), Column(100, 120, [(-5, 5)])]
>>> route(a, b, 0, 1, 0.0, 0.0, cols, [])
'M20.0,0.0 C60.0,0.0 60.0,0.0 100.0,0.0'
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

__all__ = ["Column", "columns_of", "route", "edge_paths", "crossings", "path_points"]

#: Space between lanes of links passing above or below a column.
OPEN_LANE = 4.0


@dataclass
class Column:
    """A column of the layout: its x extent and the (top, bottom) of its boxes, top to bottom."""

    left: float
    right: float
    boxes: list[tuple[float, float]]

    def __post_init__(self) -> None:
        edges = [-float("inf")] + [v for box in self.boxes for v in box] + [float("inf")]
        self._gaps = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
        self._tops = [g[0] for g in self._gaps]

    def gaps(self) -> list[tuple[float, float]]:
        """The free intervals of y a link may cross this column through (the first and last are open)."""
        return self._gaps


def columns_of(nodes: dict, placed: list) -> tuple[list[Column], dict[str, int]]:
    """The layout's columns (``placed``: (left, width, height, keys) each) and each node's column."""
    cols, where = [], {}
    for i, (left, width, _, keys) in enumerate(placed):
        boxes = sorted((nodes[k]["y"] - nodes[k]["h"] / 2, nodes[k]["y"] + nodes[k]["h"] / 2) for k in keys)
        cols.append(Column(left, left + width, boxes))
        where.update(dict.fromkeys(keys, i))
    return cols, where


def _gap_index(col: Column, y: float) -> int:
    """The gap of ``col`` nearest ``y``."""
    gaps = col.gaps()
    i = max(0, bisect.bisect_right(col._tops, y) - 1)
    best = min((i, i + 1) if i + 1 < len(gaps) else (i,),
               key=lambda k: 0.0 if gaps[k][0] <= y <= gaps[k][1] else min(abs(y - gaps[k][0]), abs(y - gaps[k][1])))
    return best


def _lane(col: Column, gap: int, rank: int, count: int) -> float:
    """The y of lane ``rank`` of ``count`` in a gap of ``col``."""
    lo, hi = col.gaps()[gap]
    if lo == -float("inf"):
        return hi - OPEN_LANE * (count - rank)
    if hi == float("inf"):
        return lo + OPEN_LANE * (rank + 1)
    return lo + (hi - lo) * (rank + 1) / (count + 1)


def _bend(xa: float, ya: float, xb: float, yb: float, shift: float = 0.0) -> str:
    """A curve from (xa, ya) to (xb, yb), level at both ends, that stays between xa and xb.

    ``shift`` (-1 to 1) moves where it climbs towards its end (towards its start when negative), so links sharing a
    channel climb apart.
    """
    d = (xb - xa) / 2
    return f" C{xa + d * (1 + shift):.1f},{ya:.1f} {xb - d * (1 - shift):.1f},{yb:.1f} {xb:.1f},{yb:.1f}"


def route(a: dict, b: dict, ca: int, cb: int, ya: float, yb: float, cols: list[Column],
          lanes: list[float], loop: float = 0.0, shifts: list[float] | None = None) -> str:
    """An SVG path from node ``a`` (column ``ca``) to node ``b`` (column ``cb``).

    ``ya`` and ``yb`` are where it attaches on each node (offsets from its middle); ``lanes`` the y at
    which it crosses each column between them, in the order it meets them; ``loop`` moves the vertical
    run of a link within one column sideways, so that two such links do not overlap; ``shifts`` where
    it climbs in each channel it crosses (see :func:`_bend`).
    """
    y1, y2 = a["y"] + ya, b["y"] + yb
    if ca == cb:  # out of the right side, down or up the channel, and back in
        right = cols[ca].right
        room = (cols[ca + 1].left - right) if ca + 1 < len(cols) else 40.0
        e = right + room * (0.55 + max(-0.3, min(0.3, loop / 40.0)))
        x1, x2 = a["x"] + a["w"] / 2, b["x"] + b["w"] / 2
        return (f"M{x1:.1f},{y1:.1f} H{right + 1:.1f} C{e:.1f},{y1:.1f} {e:.1f},{y2:.1f} {right + 1:.1f},{y2:.1f}"
                f" H{x2:.1f}")
    rightward = ca < cb
    if rightward:
        x1, x2 = a["x"] + a["w"] / 2, b["x"] - b["w"] / 2
        out_x = [cols[c].right for c in range(ca, cb)]
        in_x = [cols[c].left for c in range(ca + 1, cb + 1)]
    else:
        x1, x2 = a["x"] - a["w"] / 2, b["x"] + b["w"] / 2
        out_x = [cols[c].left for c in range(ca, cb, -1)]
        in_x = [cols[c].right for c in range(ca - 1, cb - 1, -1)]
    path = f"M{x1:.1f},{y1:.1f}"
    if abs(out_x[0] - x1) > 0.05:
        path += f" H{out_x[0]:.1f}"
    ys = [y1] + list(lanes) + [y2]
    for k, (xo, xi) in enumerate(zip(out_x, in_x)):
        path += _bend(xo, ys[k], xi, ys[k + 1], (shifts[k] if rightward else -shifts[k]) if shifts else 0.0)
        nxt = out_x[k + 1] if k + 1 < len(out_x) else x2
        if abs(nxt - xi) > 0.05:
            path += f" H{nxt:.1f}"
    return path


def _sides(a: dict, b: dict, ca: int, cb: int) -> tuple[str, str]:
    """Which side of ``a`` a link to ``b`` leaves from, and which side of ``b`` it enters."""
    if ca < cb:
        return "right", "left"
    if ca > cb:
        return "left", "right"
    return "right", "right"


def edge_paths(nodes: dict, edges: list, cols: list[Column], where: dict[str, int]) -> None:
    """Give every edge between two placed nodes a ``path`` (see the module's description).

    ``serves`` links get one too: the page draws them when "Who serves whom" is switched on.
    """
    drawn = [e for e in edges if e["from"] in where and e["to"] in where]
    pairs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in drawn:
        pairs[tuple(sorted((e["from"], e["to"])))].append(e)
    offsets: dict[int, float] = {}
    for pair in sorted(pairs):
        group = sorted(pairs[pair], key=lambda e: (e["kind"], e["from"], e.get("seat", "")))
        spread = min(14.0, 48.0 / max(1, len(group)))
        for i, e in enumerate(group):
            offsets[id(e)] = (i - (len(group) - 1) / 2) * spread
    # where each link attaches: spread along the side of each node, in the order of where the link comes from
    ends: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for e in drawn:
        a, b = nodes[e["from"]], nodes[e["to"]]
        side_a, side_b = _sides(a, b, where[e["from"]], where[e["to"]])
        ends[(e["from"], side_a)].append((b["y"] + offsets[id(e)] * 0.01, e["to"], id(e), 0))
        ends[(e["to"], side_b)].append((a["y"] + offsets[id(e)] * 0.01, e["from"], id(e), 1))
    ports: dict[tuple[int, int], float] = {}
    for (node, _), links in ends.items():
        links.sort()
        step = min(8.0, 0.8 * nodes[node]["h"] / max(1, len(links)))
        for k, (_, _, key, end) in enumerate(links):
            ports[(key, end)] = (k - (len(links) - 1) / 2) * step
    # which gap of each column between its ends a link crosses: the one nearest the straight line
    crossing: dict[int, list[tuple[int, int, float]]] = {}
    users: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    lane_of: dict[tuple[int, int], float] = {}
    for n, e in enumerate(drawn):
        a, b = nodes[e["from"]], nodes[e["to"]]
        ca, cb = where[e["from"]], where[e["to"]]
        y1, y2 = a["y"] + ports[(id(e), 0)], b["y"] + ports[(id(e), 1)]
        step = 1 if cb > ca else -1
        between = list(range(ca + step, cb, step)) if ca != cb else []
        x1, x2 = a["x"], b["x"]
        found = []
        for c in between:
            mid = (cols[c].left + cols[c].right) / 2
            y = y1 + (y2 - y1) * (mid - x1) / (x2 - x1) if x2 != x1 else y1
            g = _gap_index(cols[c], y)
            found.append((c, g, y))
            lo, hi = cols[c].gaps()[g]
            if (lo == -float("inf") and y < hi - OPEN_LANE) or (hi == float("inf") and y > lo + OPEN_LANE):
                lane_of[(n, c)] = y  # above or below the column, clear of it: straight on
            else:
                users[(c, g)].append((y, y1, y2, n))
        crossing[n] = found
    for (c, g), passing in users.items():
        passing.sort()
        for rank, (_, _, _, n) in enumerate(passing):
            lane_of[(n, c)] = _lane(cols[c], g, rank, len(passing))
    # where each link climbs in each channel it crosses: spread across the channel, by its rank among the
    # links there, and apart from a parallel link between the same two nodes
    ys: dict[int, list[float]] = {}
    channel: dict[int, list[tuple]] = defaultdict(list)
    for n, e in enumerate(drawn):
        ca, cb = where[e["from"]], where[e["to"]]
        ys[n] = ([nodes[e["from"]]["y"] + ports[(id(e), 0)]] + [lane_of[(n, c)] for c, _, _ in crossing[n]]
                 + [nodes[e["to"]]["y"] + ports[(id(e), 1)]])
        if ca != cb:
            steps = range(ca, cb) if ca < cb else range(ca - 1, cb - 1, -1)
            for k, c in enumerate(steps):
                channel[c].append(((ys[n][k] + ys[n][k + 1]) / 2, ys[n][k], n, k))
    shift: dict[tuple[int, int], float] = {}
    for c, passing in channel.items():
        passing.sort()
        for rank, (_, _, n, k) in enumerate(passing):
            spread = ((rank + 0.5) / len(passing) - 0.5) * 0.9
            shift[(n, k)] = max(-0.9, min(0.9, spread + offsets[id(drawn[n])] / 20.0))
    for n, e in enumerate(drawn):
        ca, cb = where[e["from"]], where[e["to"]]
        e["path"] = route(nodes[e["from"]], nodes[e["to"]], ca, cb, ports[(id(e), 0)], ports[(id(e), 1)], cols,
                          ys[n][1:-1], loop=offsets[id(e)],
                          shifts=[shift[(n, k)] for k in range(len(ys[n]) - 1)] if ca != cb else None)


_COMMAND = re.compile(r"([MCH])([^MCH]*)")


def path_points(path: str, step: float = 1.0) -> list[tuple[float, float]]:
    """Points along an SVG path made of M, C and H commands (absolute), about ``step`` apart.

    >>> path_points("M0,0 H3")
    [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (3.0, 0.0)]
    """
    points: list[tuple[float, float]] = []
    x = y = 0.0
    for command, args in _COMMAND.findall(path):
        values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", args)]
        if command == "M":
            x, y = values[0], values[1]
            points.append((x, y))
        elif command == "H":
            nx_ = values[0]
            count = max(1, int(abs(nx_ - x) / step))
            points.extend((x + (nx_ - x) * i / count, y) for i in range(1, count + 1))
            x = nx_
        else:
            p1, p2, p3 = values[0:2], values[2:4], values[4:6]
            rough = (abs(p1[0] - x) + abs(p1[1] - y) + abs(p2[0] - p1[0]) + abs(p2[1] - p1[1])
                     + abs(p3[0] - p2[0]) + abs(p3[1] - p2[1]))
            count = max(2, int(rough / step))
            for i in range(1, count + 1):
                t = i / count
                u = 1 - t
                points.append((u ** 3 * x + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                               u ** 3 * y + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1]))
            x, y = p3
    return points


def _segments(path: str):
    """Each piece of a path as (kind, points): ("H", (x0, y, x1)) or ("C", (x0, y0, x1, y1, x2, y2, x3, y3))."""
    x = y = 0.0
    for command, args in _COMMAND.findall(path):
        v = [float(t) for t in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", args)]
        if command == "M":
            x, y = v[0], v[1]
        elif command == "H":
            yield "H", (x, y, v[0])
            x = v[0]
        else:
            yield "C", (x, y, *v[:6])
            x, y = v[4], v[5]


def crossings(nodes: list[dict], edges: list[dict], margin: float = 0.3) -> list[tuple[str, str, str]]:
    """(link's from, link's to, node) for each link drawn through the box of a node other than its ends.

    A box counts ``margin`` inside its edge (a line may run along it). A level piece of a link is checked
    exactly; a curve at points half a unit apart, against the boxes its control points' hull touches.

    >>> nodes = [{"id": "a", "x": 0, "y": 0, "w": 10, "h": 10}, {"id": "b", "x": 100, "y": 0, "w": 10, "h": 10},
    ...          {"id": "c", "x": 50, "y": 0, "w": 10, "h": 10}]
    >>> crossings(nodes, [{"from": "a", "to": "b", "path": "M5,0 H95"}])
    [('a', 'b', 'c')]
    """
    import numpy as np

    ids = [n["id"] for n in nodes]
    boxes = np.array([[n["x"] - n["w"] / 2 + margin, n["y"] - n["h"] / 2 + margin,
                       n["x"] + n["w"] / 2 - margin, n["y"] + n["h"] / 2 - margin] for n in nodes]).reshape(-1, 4)
    x0, y0, x1, y1 = boxes.T
    found = []
    for e in edges:
        if "path" not in e:
            continue
        hit: set[int] = set()
        for kind, p in _segments(e["path"]):
            if kind == "H":
                a, y, b = p
                lo, hi = min(a, b), max(a, b)
                hit.update(np.nonzero((y0 < y) & (y < y1) & (x0 < hi) & (x1 > lo))[0].tolist())
                continue
            xs, ys = p[0::2], p[1::2]
            near = np.nonzero((x0 < max(xs)) & (x1 > min(xs)) & (y0 < max(ys)) & (y1 > min(ys)))[0]
            if not len(near):
                continue
            rough = sum(abs(xs[k + 1] - xs[k]) + abs(ys[k + 1] - ys[k]) for k in range(3))
            t = np.linspace(0.0, 1.0, max(3, int(rough / 0.5) + 1))[:, None]
            u = 1 - t
            c = u ** 3 * np.array([xs[0], ys[0]]) + 3 * u * u * t * np.array([xs[1], ys[1]]) \
                + 3 * u * t * t * np.array([xs[2], ys[2]]) + t ** 3 * np.array([xs[3], ys[3]])
            b = boxes[near]
            inside = ((c[:, None, 0] > b[None, :, 0]) & (c[:, None, 0] < b[None, :, 2])
                      & (c[:, None, 1] > b[None, :, 1]) & (c[:, None, 1] < b[None, :, 3])).any(axis=0)
            hit.update(near[inside].tolist())
        found.extend((e["from"], e["to"], ids[k]) for k in sorted(hit) if ids[k] not in (e["from"], e["to"]))
    return found
