"""A partnership's composition as ``gaps`` judges it: its places counted in one pass, the rules it
agreed and does not meet, the evidence that its reporting-back routes are used, and, across the
dataset, holders of too many places and organisations connected to nothing.

These are the parts of :func:`graphmodel.representation.gaps` that look at one partnership's seats
(or the dataset's) rather than at communities along the graph.

>>> _share(0.5), _share(1 / 3)
('50%', '33.3%')
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from .adjacency import in_edges, node_data, out_edges
from .gap_results import Breach, _share, months_before  # noqa: F401 (Breach and _share: this module's names before)
from .required_items import RequiredItem
from .traverse import kind_targets, usable
from .vocabulary import is_active, is_filled, is_voting, same_group

if TYPE_CHECKING:
    from .adjacency import AnyGraph
    from .gap_results import CommunityBits

__all__ = ["Breach", "months_before"]


class _Places:
    """The composition of one partnership, read in one pass over its places (and its deputies'
    terms): counts and the lists of ``gaps``, each in seat order."""

    def __init__(self, graph: AnyGraph, seats: list[str], deputies: list[str], as_of: date, soon: date):
        nodes, succ = node_data(graph), out_edges(graph)
        self.filled = self.vcs = self.voting = self.vcs_voting = 0
        self.vacant: list[str] = []
        self.non_voting: list[str] = []
        self.reserved_vacant: list[dict] = []
        self.expiring: list[str] = []
        self.expired: list[str] = []
        self.no_report_back: list[str] = []
        for s in seats:
            a = nodes[s]
            filled = is_filled(a)
            vcs = a["sector"] == "vcs"
            if filled:
                self.filled += 1
            else:
                self.vacant.append(s)
                if a.get("reserved_for"):
                    self.reserved_vacant.append({"seat": s, "reserved_for": list(a["reserved_for"])})
            self.vcs += vcs
            if is_voting(a):
                self.voting += 1
                self.vcs_voting += vcs
            else:
                self.non_voting.append(s)
            end = a["term_end"]
            if end is not None:
                if end < as_of:
                    self.expired.append(s)
                elif filled and end <= soon:
                    self.expiring.append(s)
            if not any("reports_back" in keys and usable(graph, t) for t, keys in succ[s].items()):
                self.no_report_back.append(s)
        if deputies:
            self.expired += [s for s in deputies if nodes[s]["term_end"] is not None and nodes[s]["term_end"] < as_of]
            self.expired.sort()


def _filled(graph: AnyGraph, seat: str) -> bool:
    return is_filled(node_data(graph)[seat])


class _Evidence:
    """The reports of a dataset as of one date: stale and never-used routes."""

    def __init__(self, graph: AnyGraph, as_of: date, stale_after: int):
        self.graph = graph
        self.reports: dict[str, list[tuple]] = graph.graph.get("reports") or {}
        self.judged = bool(graph.graph.get("has_reports"))
        self.as_of = as_of
        self.cutoff = months_before(as_of, stale_after)

    def last(self, sender: str) -> date | None:
        """The newest report of ``sender`` dated on or before ``as_of``."""
        for when, _, _ in reversed(self.reports.get(sender, ())):
            if when <= self.as_of:
                return when
        return None

    def stale(self, seats: list[str]) -> list[dict]:
        if not self.judged:
            return []
        found = []
        for s in seats:
            last = self.last(s)
            if last is not None and last < self.cutoff:
                found.append({"seat": s, "last_reported": last})
        return found

    def never(self, seats: list[str]) -> list[str]:
        if not self.judged:
            return []
        return [s for s in seats if self.last(s) is None
                and any(usable(self.graph, t) for t in kind_targets(self.graph, s, "reports_back"))]


def _required_counts(graph, attrs, seats, bits: CommunityBits) -> list[tuple[str, str, int, str | None, list[str]]]:
    """Each ``required`` rule as (text, community, seats needed, group, the filled places counted)."""
    out = []
    nodes = node_data(graph)
    for rule in attrs["required"]:
        parsed = RequiredItem.from_text(rule)  # the graph holds the text form, bme:1@group
        community, needed, group = parsed.community, parsed.seats, parsed.group
        mask = bits.bit(community)
        holding = [s for s in seats if _filled(graph, s)
                   and (group is None or same_group(nodes[s].get("group"), group))
                   and bits.expand(bits.mask(nodes[s]["represents"])) & mask]
        out.append((rule, community, needed, group, holding))
    return out


def _overloaded(graph: AnyGraph, seats: list[str], max_seats: int) -> list[dict]:
    held: Counter[str] = Counter()
    for seat in seats:
        attrs = node_data(graph)[seat]
        if attrs["holder"] is not None:
            held[attrs["holder"]] += 1
        if attrs["person"] is not None:
            held[attrs["person"]] += 1
    over = [{"id": h, "type": node_data(graph)[h]["type"], "seats": n} for h, n in held.items() if n > max_seats]
    return sorted(over, key=lambda h: (-h["seats"], h["id"]))


def _unconnected(graph: AnyGraph, by_type: dict[str, list[str]]) -> list[str]:
    """Active organisations with no edge but ``serves`` (to a community) or a person's affiliation."""
    communities, people = set(by_type["community"]), set(by_type["person"])
    succ, pred, attrs = out_edges(graph), in_edges(graph), node_data(graph)
    return sorted(n for n in by_type["organisation"]
                  if is_active(attrs[n]) and succ[n].keys() <= communities and pred[n].keys() <= people)
