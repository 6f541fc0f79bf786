"""The map's words: every code a dataset uses put in words, and the details card's rows.

>>> friendly("level", "subgroup"), friendly("sector", "vcs")
('sub-group', 'voluntary and community sector')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphmodel.adjacency import node_data
from graphmodel.traverse import kind_targets
from graphmodel.vocabulary import is_deputy, is_filled, is_voting

if TYPE_CHECKING:
    from graphmodel.adjacency import AnyGraph

__all__ = ["FRIENDLY", "friendly", "display_name", "details", "seat_details", "as_list", "name_of"]

#: Words for the codes a dataset uses, for people who did not write it.
FRIENDLY = {
    "type": {"partnership": "partnership", "network": "network or forum", "organisation": "organisation",
             "aggregate": "organisations folded together", "community": "community", "person": "person"},
    "level": {"board": "board", "executive": "executive", "thematic": "thematic partnership",
              "area": "area partnership", "subgroup": "sub-group", "task": "task group", "other": "other body"},
    "sector": {"vcs": "voluntary and community sector", "statutory": "statutory (public sector)",
               "private": "private sector", "elected": "elected member", "other": "other", "mixed": "mixed",
               "joint": "jointly (VCS and statutory)"},
    "method": {"elected": "elected", "nominated": "nominated", "appointed": "appointed",
               "ex_officio": "ex officio (by their job)", "co_opted": "co-opted", "standing": "standing invitation"},
    "community_kind": {"interest": "community of interest", "place": "community of place (an area)"},
    "role": {"member": "member", "chair": "chair", "vice_chair": "vice-chair", "deputy": "deputy",
             "observer": "observer (does not vote)"},
    "link": {"member_of": "is a member of", "reps": "has a seat on", "feeds_into": "feeds into",
             "reports_back": "reports back to", "consults": "consults", "serves": "serves",
             "part_of": "is part of", "funds": "funds", "affiliated_with": "is affiliated with"},
}


def friendly(table: str, code) -> str:
    """The words for a code (``friendly("level", "subgroup")`` is ``"sub-group"``); unknown codes as given.

    >>> friendly("sector", "vcs"), friendly("level", "nope")
    ('voluntary and community sector', 'nope')
    """
    code = getattr(code, "value", code)
    return FRIENDLY.get(table, {}).get(code, str(code).replace("_", " "))


def display_name(dataset) -> str | None:
    """A dataset folder's display name: its README's first heading, up to a colon (``None`` if it has none).

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "README.md").write_text("# Team Hackney: the map\\n")
    >>> display_name(d)
    'Team Hackney'
    """
    from pathlib import Path

    readme = Path(str(dataset)) / "README.md"
    try:
        if not readme.is_file():
            return None
        with open(readme, encoding="utf-8", errors="replace") as f:
            for line in f.read(20_000).splitlines():
                if line.startswith("# "):
                    return line[2:].split(":")[0].strip()[:120] or None
    except OSError:
        return None
    return None


def as_list(value) -> list:
    if value in (None, "", (), []):
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def name_of(graph: AnyGraph, node: str) -> str:
    return (node_data(graph)[node].get("name") or node) if node in graph else node


#: How each field is put in words on the details card, and which code table it uses.
_FIELD_WORDS = {"level": ("level", "level"), "led_by": ("led by", "sector"), "sector": ("sector", "sector"),
                "kind": ("kind", None), "serves": ("serves", "names"), "part_of": ("part of", "names"),
                "size_min": ("at least this many members", None), "size_max": ("at most this many members", None),
                "min_vcs_share": ("agreed share of seats for the voluntary and community sector", None),
                "themes": ("themes", None), "required": ("agreed rules", None), "count": ("stands for", None),
                "identifiers": ("identifiers", None), "population": ("population", None), "notes": ("notes", None),
                "organisation": ("organisation", "names")}


def details(graph: AnyGraph, attrs: dict, fields: tuple[str, ...]) -> list[list[str]]:
    """(label, text) pairs for the details card, in words; empty values are left out."""
    out = []
    for f in fields:
        value = attrs.get(f)
        if value in (None, (), [], ""):
            continue
        label, table = _FIELD_WORDS.get(f, (f.replace("_", " "), None))
        values = as_list(value)
        if table == "names":
            values = [name_of(graph, v) for v in values]
        elif f == "kind" and attrs.get("type") == "community":
            values = [friendly("community_kind", v) for v in values]
        elif table:
            values = [friendly(table, v) for v in values]
        elif f == "min_vcs_share":
            values = [f"{float(value):.0%}"]
        elif f == "count":
            values = [f"{value:,} organisations"]
        out.append([label, ", ".join(str(getattr(v, "value", v)) for v in values)])
    return out


def seat_details(graph: AnyGraph, seat: str, show_people: bool) -> dict:
    nodes = node_data(graph)
    a = nodes[seat]
    holder = a["holder"]
    person = a["person"]
    return {
        "id": seat,
        "sector": friendly("sector", a["sector"]),
        "method": friendly("method", a["method"]) if a["method"] else None,
        "holder": nodes[holder]["name"] if holder else None,
        "person": (nodes[person]["name"] or person) if person and show_people else None,
        "represents": list(a["represents"]),
        "represents_names": [name_of(graph, c) for c in a["represents"]],
        "term_end": a["term_end"].isoformat() if a["term_end"] else None,
        "reports_back_to": [name_of(graph, b) for b in kind_targets(graph, seat, "reports_back")],
        "vacant": not is_filled(a),
        "role": friendly("role", a.get("role") or "member"),
        "deputy": is_deputy(a),
        "observer": not is_voting(a),
        "reserved_for": [name_of(graph, c) for c in as_list(a.get("reserved_for"))],
    }
