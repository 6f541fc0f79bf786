"""Stories: views of the map to step through in a workshop, made from the analyses or read from a file.

A step is a plain dict: ``title``, ``caption``, ``focus`` (ids to light up
and zoom to) and ``filters`` (``community``, ``sector``, ``theme``,
``level``), as the page's Next/Previous buttons and arrow keys show it.

>>> from graphmodel import Dataset, build_graph
>>> from graphmodel.viz import build_map
>>> g = build_graph(Dataset(
...     organisations=[{"id": "a", "name": "A", "sector": "vcs"}],
...     networks=[{"id": "net", "name": "Net", "led_by": "vcs"}],
...     partnerships=[{"id": "board", "name": "Board", "level": "board"}],
...     memberships=[{"member": "a", "network": "net"}],
...     seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "selected_by": "net", "holder": "a"}]))
>>> [s["title"] for s in generated_story(g, build_map(g))][:2]
['Board and the partnerships that feed it', 'Board: who feeds it']
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from graphmodel.exceptions import EngagemapError

from .mapmodel import MapModel

if TYPE_CHECKING:
    from graphmodel.adjacency import AnyGraph

__all__ = ["generated_story", "read_story", "MAX_PARTNERSHIP_STEPS"]

#: A generated story shows at most this many partnerships one by one (the biggest first).
MAX_PARTNERSHIP_STEPS = 25
STEP_KEYS = {"title", "caption", "focus", "filters"}
FILTER_KEYS = ("community", "sector", "theme", "level")


def _names(names: list[str], limit: int = 5) -> str:
    if len(names) <= limit:
        return ", ".join(names)
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


def generated_story(graph: AnyGraph, model: MapModel) -> list[dict]:
    """Steps made from the map and the analyses: the board and its family, each partnership, the gaps, the plan."""
    from graphmodel.planning import plan

    nodes = {n["id"]: n for n in model.nodes}
    tops = [n for n in model.nodes if n["type"] == "partnership" and n.get("top")]
    partnerships = [n for n in model.nodes if n["type"] == "partnership"]
    steps = []
    for top in tops:
        steps.append({"title": f"{top['label']} and the partnerships that feed it",
                      "caption": f"{len(partnerships)} partnerships on this map; the numbers count the steps to "
                                 f"{top['label']}. Click any of them for who sits on it.",
                      "focus": [top["id"]], "filters": {}, "lights": "family"})
    feeders: dict[str, int] = {}
    for e in model.edges:
        if e["kind"] in ("reps", "feeds_into", "member_of") and e["to"] in nodes:
            feeders[e["to"]] = feeders.get(e["to"], 0) + 1
    ordered = sorted(partnerships, key=lambda p: (not p.get("top"), -feeders.get(p["id"], 0), p["label"].lower()))
    for p in ordered[:MAX_PARTNERSHIP_STEPS]:
        seats = [s for e in model.edges if e["kind"] == "reps" and e["to"] == p["id"] for s in e["seats"]]
        vacant = sum(1 for s in seats if s["vacant"])
        nobody = p.get("nobody_for", [])
        steps.append({"title": f"{p['label']}: who feeds it",
                      "caption": f"{len(seats)} seats ({vacant} vacant). "
                                 + (f"Nobody on it speaks for {_names(nobody)}." if nobody
                                    else "Every community on the map has a voice on it."),
                      "focus": [p["id"]], "filters": {}})
    silent = sorted({e["from"] for e in model.edges if e["kind"] == "reps" and e.get("no_report_back")})
    if silent:
        steps.append({"title": "Seats that report back to nobody",
                      "caption": "These networks and groups send representatives who have no route back: "
                                 + _names([nodes[s]["label"] for s in silent]) + ".",
                      "focus": silent, "filters": {}})
    lonely = [n for n in model.nodes if n["type"] == "community"
              and not any(n["id"] in s["represents"] for e in model.edges if e["kind"] == "reps"
                          for s in e["seats"] if not s["vacant"])]
    if lonely:
        steps.append({"title": "Communities nobody speaks for",
                      "caption": "No filled seat on any partnership represents "
                                 + _names([n["label"] for n in lonely]) + ".",
                      "focus": [n["id"] for n in lonely], "filters": {}})
    if model.focus and model.focus in graph:
        picks = [p for p in plan(graph, model.focus, add=3).picks if p.id in nodes]
        if picks:
            steps.append({"title": "Where a new connection would add most",
                          "caption": " ".join(f"{i + 1}. {p.name}: adds {p.adds_organisations} organisations"
                                              + (f" and {len(p.adds_communities)} communities"
                                                 if p.adds_communities else "") + "."
                                              for i, p in enumerate(picks)),
                          "focus": [p.id for p in picks], "filters": {}})
    return steps


def read_story(path: str | Path, model: MapModel) -> list[dict]:
    """A facilitator's story file (YAML or JSON): a list of steps, or ``{"steps": [...]}``.

    Every problem is reported on a line of its own naming the file, the step, the key and the value.
    """
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise EngagemapError(f"{path}: cannot read the story file ({err.__class__.__name__})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise EngagemapError(f"{path}{where}: not valid YAML") from None
    if isinstance(data, dict) and set(data) <= {"title", "steps"}:
        data = data.get("steps")
    if not isinstance(data, list) or not data:
        raise EngagemapError(f"{path}: a story is a list of steps (each with a title, caption, focus and filters)")
    ids = {n["id"] for n in model.nodes}
    allowed = {"community": {c for c, _ in model.filters["communities"]},
               "sector": set(model.filters["sectors"]), "theme": set(model.filters["themes"]),
               "level": set(model.filters["levels"])}
    problems: list[str] = []
    steps: list[dict] = []
    for number, raw in enumerate(data, start=1):
        where = f"{path}, step {number}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: a step is a mapping with title, caption, focus and filters, not {raw!r:.60}")
            continue
        for key in sorted(set(map(str, raw)) - STEP_KEYS):
            problems.append(f"{where}, key {key!r}: unknown (use title, caption, focus, filters)")
        title = raw.get("title")
        if not isinstance(title, str) or not title.strip():
            problems.append(f"{where}, key 'title': a step needs a title (got {title!r:.60})")
        caption = raw.get("caption", "")
        if not isinstance(caption, (str, type(None))):
            problems.append(f"{where}, key 'caption': must be text (got {caption!r:.60})")
        focus = raw.get("focus") or []
        if isinstance(focus, str):
            focus = [focus]
        if not isinstance(focus, list):
            problems.append(f"{where}, key 'focus': must be an id or a list of ids (got {focus!r:.60})")
            focus = []
        for f in focus:
            if str(f) not in ids:
                problems.append(f"{where}, key 'focus', value {str(f)!r:.80}: no node with that id on this map")
        filters = raw.get("filters") or {}
        if not isinstance(filters, dict):
            problems.append(f"{where}, key 'filters': must be a mapping such as {{theme: health}} (got {filters!r:.60})")
            filters = {}
        for key, value in filters.items():
            if key not in FILTER_KEYS:
                problems.append(f"{where}, key 'filters.{key}': unknown filter (use {', '.join(FILTER_KEYS)})")
            elif str(value) not in allowed[key]:
                problems.append(f"{where}, key 'filters.{key}', value {str(value)!r:.80}: not on this map")
        steps.append({"title": str(title or ""), "caption": str(caption or ""), "focus": [str(f) for f in focus],
                      "filters": {k: str(v) for k, v in filters.items() if k in FILTER_KEYS}})
    if problems:
        raise EngagemapError("\n".join(problems))
    return steps
