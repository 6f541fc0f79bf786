"""The health check: one printable document per partnership for its annual review.

Sections: composition against the partnership's agreed rules; who it
represents and who nobody represents; reporting back (routes and evidence);
terms ending; single points of failure; what changed since an earlier
version; the planner's suggestions; a small map. The page is one file with
no outside requests (A4 print styles, no scripts); every user string is
escaped; people's names are left out unless ``include_people``.

>>> from datetime import date
>>> from graphmodel.model import Dataset
>>> from graphmodel.graph import build_graph
>>> g = build_graph(Dataset(
...     organisations=[{"id": "tra", "name": "Tenants <TRA>", "sector": "vcs", "serves": ["tenants"]}],
...     communities=[{"id": "tenants", "name": "Tenants"}],
...     networks=[{"id": "cen", "name": "Community Network", "led_by": "vcs"}],
...     partnerships=[{"id": "board", "name": "The Board", "level": "board", "min_vcs_share": 0.5}],
...     memberships=[{"member": "tra", "network": "cen"}],
...     seats=[{"id": "s1", "partnership": "board", "sector": "vcs", "selected_by": "cen", "holder": "tra"}]))
>>> check = health_check(g, ["board"], as_of=date(2025, 1, 1))
>>> [s.title for s in check.sections[0].parts][:3]
['Composition against its rules', 'Who it represents, and who nobody represents', 'Reporting back']
>>> "Tenants &lt;TRA&gt;" in render_html(check)
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from .adjacency import node_data, out_edges
from .exceptions import EngagemapError
from .traverse import kind_targets, require, seats_on, upstream
from .vocabulary import REACH_KINDS

if TYPE_CHECKING:
    from .adjacency import AnyGraph

__all__ = ["Part", "PartnershipCheck", "HealthCheck", "health_check", "render_html", "write_report", "SECTIONS"]

#: The section titles, in order (every partnership's check has each of them).
SECTIONS = ("Composition against its rules", "Who it represents, and who nobody represents", "Reporting back",
            "Terms ending", "Single points of failure", "What changed", "Suggestions from the planner",
            "Map of the partnership")


@dataclass
class Part:
    """One section: a title and its HTML (already escaped)."""

    title: str
    html: str


@dataclass
class PartnershipCheck:
    id: str
    name: str
    level: str
    parts: list[Part]


@dataclass
class HealthCheck:
    dataset: str
    as_of: date
    include_people: bool
    sections: list[PartnershipCheck] = field(default_factory=list)
    since: str | None = None

    def as_dict(self) -> dict:
        return {"dataset": self.dataset, "as_of": self.as_of.isoformat(), "since": self.since,
                "partnerships": [{"id": s.id, "name": s.name, "sections": [p.title for p in s.parts]}
                                 for s in self.sections]}


esc = html.escape


def _names(graph: AnyGraph, ids, *, people: bool = False) -> str:
    out = []
    for i in ids:
        attrs = node_data(graph).get(i, {})
        if attrs.get("type") == "person":
            out.append(esc(attrs.get("name") or i) if people else "a named person")
        else:
            name = attrs.get("name")
            out.append(f"{esc(name)} <span class=\"meta\">({esc(i)})</span>" if name and name != i else esc(i))
    return ", ".join(out) if out else "none"


def _table(header: list[str], rows: list[list[str]]) -> str:
    """An HTML table from cells that are already escaped."""
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def health_check(graph: AnyGraph, partnerships: list[str] | None = None, *, as_of: date | None = None,
                 changes=None, include_people: bool = False, expiring_within: int = 90, top: int = 8,
                 dataset: str | None = None) -> HealthCheck:
    """Build the health check of some partnerships (default: every one, by id).

    Parameters
    ----------
    graph : the engagement graph.
    partnerships : partnership ids.
    as_of : the date for terms (default today).
    changes : a :class:`graphmodel.diffing.Diff` from an earlier version to this one, or ``None``.
    include_people : name the people who hold seats (personal data; otherwise "a named person").
    expiring_within : terms ending within this many days are listed.
    top : how many single points of failure and planner suggestions to show.

    Returns
    -------
    HealthCheck
        one :class:`PartnershipCheck` per partnership, each with the parts of :data:`SECTIONS`.
    """
    from .failures import _Index, resilience

    as_of = as_of or date.today()
    if partnerships is None:
        partnerships = sorted(n for n, a in node_data(graph).items() if a["type"] == "partnership")
    for p in partnerships:
        require(graph, p, "partnership")
    index = _Index(graph) if partnerships else None
    check = HealthCheck(dataset or graph.graph.get("name", "dataset"), as_of, include_people,
                        since=changes.old if changes is not None else None)
    from .gcpause import paused_gc

    with paused_gc():
        for p in partnerships:
            spof = resilience(graph, p, top=top, _index_cache=index)
            check.sections.append(_partnership(graph, p, as_of, changes, include_people, expiring_within, top, spof))
    return check


def _partnership(graph, p, as_of, changes, include_people, within, top, spof) -> PartnershipCheck:
    from .planning import plan, reserved_places
    from .reporting import audience
    from .representation import gaps
    from .tenure import terms

    nodes = node_data(graph)
    attrs = nodes[p]
    g = gaps(graph, p, as_of=as_of).partnerships[0]
    parts = []

    # composition
    rules = []
    if attrs.get("size_min") is not None or attrs.get("size_max") is not None:
        rules.append(f"between {esc(str(attrs.get('size_min') or 0))} and "
                     f"{esc(str(attrs.get('size_max') if attrs.get('size_max') is not None else 'any number of'))} seats")
    if attrs.get("min_vcs_share") is not None:
        rules.append(f"at least {attrs['min_vcs_share']:.0%} of seats for the VCS")
    if attrs.get("min_vcs_voting_share") is not None:
        rules.append(f"at least {attrs['min_vcs_voting_share']:.0%} of voting seats for the VCS")
    for r in attrs.get("required") or ():
        rules.append(f"{esc(str(r))} (community:filled seats)")
    voting = getattr(g, "voting_seats", None)
    deputies = getattr(g, "deputy_seats", [])
    text = [f"<p>{g.seats} seats, {g.filled} filled; {g.vcs_seats} for the VCS ({g.vcs_share:.0%})"
            + (f"; {voting} voting, {g.vcs_voting_seats} of them for the VCS ({g.vcs_voting_share:.0%})"
               if voting is not None and voting != g.seats else "")
            + (f"; {len(deputies)} deputy place{'s' if len(deputies) != 1 else ''}, counted in none of these"
               if deputies else "") + ".</p>",
            f"<p>Agreed rules: {'; '.join(rules) if rules else 'none recorded'}.</p>"]
    if g.breaches:
        text.append("<p class=\"bad\">Rules not met:</p>" + _list([f"{esc(b.rule)}: {esc(b.detail)}"
                                                                     for b in g.breaches]))
    else:
        text.append("<p class=\"ok\">Every agreed rule is met.</p>" if rules else "")
    rows = []
    for s in seats_on(graph, p):
        a = nodes[s]
        holder = a.get("holder")
        who = _names(graph, [holder]) if holder else ""
        if a.get("person"):
            who = (who + "; " if who else "") + _names(graph, [a["person"]], people=include_people)
        rows.append([esc(s), esc(a["sector"]), esc(", ".join(a.get("represents") or ())) or "",
                     _names(graph, [a["selected_by"]]) if a.get("selected_by") else "not recorded",
                     esc(a.get("method") or ""), who or "<span class=\"bad\">vacant</span>",
                     esc(a["term_end"].isoformat()) if a.get("term_end") else ""])
    text.append(_table(["seat", "sector", "represents", "selected by", "method", "held by", "term ends"], rows)
                if rows else "<p>No seats recorded.</p>")
    parts.append(Part(SECTIONS[0], "".join(text)))

    # representation
    parts.append(Part(SECTIONS[1], "".join([
        f"<p>Represented through its filled seats (and those of the bodies feeding into it): "
        f"{_names(graph, g.represented)}.</p>",
        f"<p>Represented by nobody: {_names(graph, g.unrepresented)}.</p>",
        f"<p>Of these, not even served by any group that reaches it: {_names(graph, g.unreached)}.</p>"])))

    # reporting back
    report_log = graph.graph.get("reports") or {}
    stale = {x["seat"] for x in getattr(g, "stale_reporting", [])}
    rows = []
    for s in seats_on(graph, p):
        targets = kind_targets(graph, s, "reports_back")
        if targets:
            a = audience(graph, s)
            heard = f"{a.total} organisations"
        else:
            heard = "<span class=\"bad\">no recorded route back</span>"
        log = report_log.get(s) or ()
        last = max((r[0] for r in log), default=None)
        when = esc(last.isoformat()) if last else ("never" if targets and graph.graph.get("has_reports")
                                                   else "not recorded")
        if s in stale:
            when += " <span class=\"bad\">(stale)</span>"
        rows.append([esc(s), _names(graph, targets) if targets else "", heard, when])
    parts.append(Part(SECTIONS[2], (_table(["seat", "reports back to", "who hears", "last report"], rows)
                                    if rows else "<p>No seats recorded.</p>")))

    # terms
    t = terms(graph, as_of=as_of, within=within, partnership=p)
    items = [f"{esc(x.seat)}: term ends {esc(x.term_end.isoformat())} (in {x.days} days); next holder "
             f"{esc(x.next_holder)}" for x in t.ending]
    items += [f"{esc(x.seat)}: held past its term, which ended {esc(x.term_end.isoformat())}; next holder "
              f"{esc(x.next_holder)}" for x in t.past_term]
    items += [f"{esc(x.seat)}: vacant{' (reserved for ' + esc(', '.join(x.reserved_for)) + ')' if x.reserved_for else ''}"
              f"; next holder {esc(x.next_holder)}" for x in t.vacant]
    parts.append(Part(SECTIONS[3], (f"<p>As of {esc(as_of.isoformat())}, looking {within} days ahead.</p>"
                                    + (_list(items) if items else "<p class=\"ok\">No term ends, no place is "
                                                                  "vacant or held past its term.</p>"))))

    # single points of failure
    if spof.points:
        rows = [[_names(graph, [x.id]), esc(x.type), f"{x.cuts_organisations} of {spof.reach_total}",
                 esc(", ".join(x.cuts_communities)) or "none"] for x in spof.points]
        body = (f"<p>If one of these went, organisations that now reach {esc(attrs['name'])} would have no "
                f"route left.</p>" + _table(["if this went", "type", "organisations cut off",
                                             "communities left with no voice"], rows))
    else:
        body = "<p class=\"ok\">No single body, seat or person carries any group alone: every organisation " \
               "in its reach has a second route.</p>"
    parts.append(Part(SECTIONS[4], body))

    # changes
    if changes is None:
        body = "<p>No earlier version was given (engagemap report --since OLD).</p>"
    else:
        said = changes.sentences(partnership=p)
        body = (f"<p>Since {esc(changes.old)}:</p>" + _list([esc(x) for x in said])) if said else \
            f"<p>Nothing changed for this partnership since {esc(changes.old)}.</p>"
    parts.append(Part(SECTIONS[5], body))

    # planner
    suggestion = plan(graph, p, add=min(top, 3), sector="vcs")
    items = [esc(x.explanation[0].upper() + x.explanation[1:]) + "." for x in suggestion.picks]
    reserved = reserved_places(graph, p)
    items += [esc(x.explanation) for x in reserved.places]
    parts.append(Part(SECTIONS[6], (_list(items) if items else "") + f"<p class=\"meta\">{esc(suggestion.note)}</p>"))

    # map
    parts.append(Part(SECTIONS[7], _map(graph, p, spof)))
    return PartnershipCheck(p, attrs["name"], attrs["level"], parts)


_COLOURS = {"partnership": "#17425b", "seat": "#6a994e", "network": "#bc6c25", "organisation": "#7b2cbf"}


def _map(graph: AnyGraph, partnership: str, spof, per_column: int = 14) -> str:
    """A small layered drawing: the partnership on the left, then what reaches it, step by step
    (partnerships, seats, networks; organisations counted under the body they reach through)."""
    nodes = node_data(graph)
    dist = upstream(graph, partnership)
    columns: dict[int, list[str]] = {}
    hidden = 0
    orgs_at: dict[str, int] = {}
    for n, d in dist.items():
        t = nodes[n]["type"]
        if t == "organisation":
            first = min((s for s in out_edges(graph)[n] if dist.get(s) == d - 1), default=None)
            if first is not None:
                orgs_at[first] = orgs_at.get(first, 0) + nodes[n]["count"]
            continue
        if t == "person":
            continue
        columns.setdefault(d, []).append(n)
    weak = {x.id for x in spof.points}
    shown: dict[str, tuple[float, float]] = {}
    for d in sorted(columns):
        members = sorted(columns[d], key=lambda n: (nodes[n]["type"], n))
        if len(members) > per_column:
            hidden += len(members) - per_column
            members = members[:per_column]
        for i, n in enumerate(members):
            shown[n] = (20 + d * 150, 25 + i * 30)
    width = 20 + (max(columns) + 1) * 150 + 20 if columns else 200
    height = 30 + max((min(len(v), per_column) for v in columns.values()), default=1) * 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="10" role="img" '
           f'aria-label="Map of {esc(nodes[partnership]["name"])}">']
    for n, (x, y) in shown.items():
        for s, keys in out_edges(graph)[n].items():
            if s in shown and not REACH_KINDS.isdisjoint(keys):
                x2, y2 = shown[s]
                out.append(f'<line x1="{x}" y1="{y}" x2="{x2 + 130}" y2="{y2}" stroke="#999" stroke-width="0.8"/>')
    for n, (x, y) in shown.items():
        t = nodes[n]["type"]
        label = n if t == "seat" else nodes[n].get("name") or n
        extra = f" +{orgs_at[n]:,}" if orgs_at.get(n) else ""
        room = 21 - len(extra)
        label = label if len(label) <= room else label[:room - 1] + "…"
        stroke = ' stroke="#a4161a" stroke-width="2.5"' if n in weak else ""
        out.append(f'<rect x="{x}" y="{y - 11}" width="130" height="22" rx="4" fill="{_COLOURS.get(t, "#555")}"'
                   f' fill-opacity="0.15"{stroke}><title>{esc(t)} {esc(n)}</title></rect>')
        out.append(f'<text x="{x + 4}" y="{y + 4}">{esc(label)}{esc(extra)}</text>')
    note = f" ({hidden} more not drawn)" if hidden else ""
    out.append("</svg>")
    return ("<figure>" + "".join(out) + f"<figcaption>Who reaches {esc(nodes[partnership]['name'])}, step by step: "
            f"the partnership on the left, each column one step further away. +N: organisations reaching through "
            f"that body. Red outline: a single point of failure{esc(note)}.</figcaption></figure>")


def render_html(check: HealthCheck) -> str:
    """The whole document as one standalone HTML page."""
    template = Template(files("graphmodel").joinpath("templates/report.html").read_text(encoding="utf-8"))
    body = []
    for s in check.sections:
        inner = "".join(f"<section><h2>{esc(part.title)}</h2>{part.html}</section>" for part in s.parts)
        body.append(f'<article class="partnership" id="{esc(s.id)}"><h1>{esc(s.name)}</h1>'
                    f'<p class="meta">{esc(s.level)} · {esc(s.id)}</p>{inner}</article>')
    title = (f"Health check: {check.sections[0].name}" if len(check.sections) == 1
             else f"Health check of {len(check.sections)} partnerships")
    return template.substitute(
        title=esc(title),
        subtitle=esc(f"As of {check.as_of.isoformat()}" + (f"; changes since {check.since}" if check.since else "")),
        body="".join(body), dataset=esc(check.dataset), date=esc(check.as_of.isoformat()),
        privacy=("People's names are included at the user's request." if check.include_people
                 else "People's names are left out."))


def write_report(check: HealthCheck, output: str | Path) -> Path:
    """Write the check as ``.html`` or ``.pdf`` (A4, through Chromium's print to PDF), atomically."""
    from .files import atomic_file, atomic_path

    output = Path(output)
    page = render_html(check)
    suffix = output.suffix.lower()
    if suffix in (".html", ".htm"):
        with atomic_file(output) as f:
            f.write(page)
        return output
    if suffix != ".pdf":
        raise EngagemapError(f"{output}: the report is written as .html or .pdf, not {output.suffix or 'no suffix'}")
    from graphmodel.viz.render import CHROMIUM_FLAGS, find_chromium

    chromium = find_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if chromium is None or sync_playwright is None:
        raise EngagemapError("a PDF needs Chromium and the playwright package (install Debian's chromium and "
                             "pip install playwright); write an .html report and print it instead")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.html"
        source.write_text(page, encoding="utf-8")
        with atomic_path(output, suffix=".pdf") as target, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            try:
                tab = browser.new_page()
                tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                          else route.abort())
                tab.goto(source.as_uri())
                tab.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()
    return output
