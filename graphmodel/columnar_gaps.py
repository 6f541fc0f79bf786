"""``gaps`` of a large dataset computed from its Arrow tables (issue 17's columnar route).

:func:`graphmodel.representation.gaps` on the whole graph spends its time on
per-node Python objects: building the 1.8M-edge graph, carrying what each
organisation serves up to the partnerships it reaches, finding the organisations
connected to nothing, and reading every seat's attributes from dicts. Here every
step runs on columns: ids are integers and edges are arrays
(:mod:`graphmodel.arrays`), communities are bits of ``uint64`` words carried along
the edges level by level in topological order (:mod:`graphmodel.community_masks`;
several words past 64 communities), and the seats' facts (filled, VCS, voting, deputy, terms, reporting
back) are boolean arrays cut into each partnership's lists. What is per
partnership and small is the library's own code: :class:`CommunityBits` (names,
``part_of`` coverage), ``_breaches`` (the rules' texts), :class:`PartnershipGaps`
and :class:`Gaps`. The per-seat rules (filled, deputy, voting, expired and expiring
terms, reporting back, stale and never-used reporting, ``required`` counts,
overloaded holders, unconnected organisations, dated memberships) are stated a
second time here, in array form: a change to one in ``representation`` (or
``vocabulary``, ``dated``) must be made here too, and the tests below fail until it is.

The result is exactly ``representation.gaps(in_force(graph, as_of), ...)`` of the
whole graph, the same JSON byte for byte: ``tests/test_columnar_gaps.py`` compares
them on every example and on synthetic datasets with cycles, inactive
organisations, funds links, dated memberships on several days, deputies,
observers, reserved places, ``required`` rules with groups, reports and more
than 64 communities. The command line takes this route for large datasets only
(:func:`graphmodel.load.is_large`).

>>> from graphmodel.load import read_columns
>>> import pathlib
>>> from datetime import date
>>> tables, _ = read_columns(pathlib.Path(__file__).parent.parent / "examples" / "hackney")
>>> found = gaps_from_columns(tables, "th-board", as_of=date(2026, 1, 1))
>>> found.partnerships[0].seats, found.partnerships[0].unreached
(9, ['faith', 'woodberry-down'])
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np

from .arrays import KIND, NodeIndex, edge_arrays, node_index
from .community_masks import (_active, _close, _expand, _ints, _list_masks,
                              served_upstream, unconnected_organisations)
from .gap_results import CommunityBits, Gaps, PartnershipGaps, _at_group, _breaches, months_before

__all__ = ["gaps_from_columns", "served_upstream", "unconnected_organisations"]

#: The edge kinds the two passes read: those into or out of an organisation, and the reach kinds.
_KINDS = frozenset({"member_of", "selects", "holds", "sits_on", "feeds_into", "funds", "reports_back", "consults"})


def gaps_from_columns(tables: dict[str, Any], partnership: str | None = None, *, as_of: date | None = None,
                      max_seats: int = 3, expiring_within: int = 90, stale_after: int = 6,
                      numbers: dict | None = None) -> Gaps:
    """:func:`graphmodel.representation.gaps` of the dataset in ``tables`` as it stood on ``as_of``
    (memberships not in force then left out, as :func:`graphmodel.dated.in_force` leaves them out).

    Parameters
    ----------
    tables : a valid dataset's Arrow tables (:func:`graphmodel.load.read_columns`).
    partnership, as_of, max_seats, expiring_within, stale_after : as for ``representation.gaps``.
    numbers : reference columns' node numbers from the reader, when it has them
        (:func:`graphmodel.arrays.edge_arrays`' ``numbers``): the ids are then not looked up again.

    Returns
    -------
    Gaps
        equal to ``gaps(in_force(graph, as_of), partnership, as_of=as_of, ...)`` of the whole graph.
    """
    as_of = as_of or date.today()
    index = node_index(tables)
    if partnership is not None:
        _require(tables, index, partnership)
    edges = edge_arrays(tables, index, as_of=as_of, kinds=_KINDS, numbers=numbers)
    bits = _community_bits(tables)
    places = _Seats(tables, index, edges, bits, as_of, as_of + timedelta(days=expiring_within), stale_after)
    pids = index.table_ids("partnerships")
    all_partnerships = sorted(range(len(pids)), key=pids.__getitem__)
    chosen = [index.number(partnership) - index.range("partnerships").start] if partnership is not None \
        else all_partnerships
    served = served_upstream(tables, index, edges, bits) if chosen else {}
    direct = _represented_up(index, edges, places)
    represented = (_ints(direct), _ints(_expand(direct, bits)))
    return Gaps(
        as_of=as_of,
        max_seats=max_seats,
        partnerships=places.results(chosen, pids, represented, served, bits),
        no_vcs_seats=[pids[p] for p in all_partnerships if not places.vcs_count[p]],
        overloaded_holders=places.overloaded(index, max_seats),
        unconnected_organisations=unconnected_organisations(tables, index, edges),
        expiring_within=expiring_within,
        stale_after=stale_after,
    )


def _require(tables: dict[str, Any], index: NodeIndex, partnership: str) -> None:
    """:func:`graphmodel.traverse.require`'s answer (the same :class:`NotFound`) for a partnership id,
    asked of a graph holding the partnerships and the node of that id."""
    from .adjacency import EngagementGraph
    from .traverse import require

    stand_in = EngagementGraph()
    for node in tables["partnerships"].column("id").to_pylist():
        stand_in.add_node(node, type="partnership")
    number = index.number(partnership)
    if number >= 0:
        stand_in.add_node(partnership, type=index.type_of(number))
    require(stand_in, partnership, "partnership")


def _community_bits(tables: dict[str, Any]) -> CommunityBits:
    """:class:`graphmodel.gap_results.CommunityBits` of the dataset's communities (each one's ``part_of``)."""
    communities = tables["communities"]
    return CommunityBits(None, parents=dict(zip(communities.column("id").to_pylist(),
                                                communities.column("part_of").to_pylist())))


class _Seats:
    """The seats' facts as arrays, each seat's row in ``order`` sorted by partnership then id, and
    the lists ``gaps`` gives for each partnership cut from them (the rules of ``_Places``,
    ``_Evidence``, ``_required_counts`` and ``_overloaded`` in :mod:`graphmodel.representation`)."""

    def __init__(self, tables, index: NodeIndex, edges, bits, as_of: date, soon: date, stale_after: int):
        import pyarrow.compute as pc


        seats = tables["seats"]
        self.seats, self.tables = seats, tables
        n = len(seats)
        start = index.range("seats").start
        self.ids = index.table_ids("seats")
        partnerships = index.range("partnerships")
        self.count = len(partnerships)
        sits_on = (edges.kind == KIND["sits_on"])
        partnership = np.empty(n, dtype=np.int64)  # each seat sits on one partnership
        partnership[edges.src[sits_on] - start] = edges.dst[sits_on] - partnerships.start
        holds = (edges.kind == KIND["holds"])
        self.holds = (edges.src[holds], edges.dst[holds] - start)  # (holder or person, seat row)

        def flag(column, value=None) -> np.ndarray:
            found = pc.is_valid(column) if value is None else pc.equal(column, value)
            return pc.fill_null(found, False).to_numpy(zero_copy_only=False).astype(bool)

        role = seats.column("role")
        self.deputy = flag(seats.column("deputy_of")) | flag(role, "deputy")
        self.filled = flag(seats.column("holder")) | flag(seats.column("person"))
        self.vcs = flag(seats.column("sector"), "vcs")
        self.voting = flag(seats.column("voting"), True) & ~flag(role, "observer")
        end = seats.column("term_end").to_numpy(zero_copy_only=False).astype("datetime64[D]")
        self.expired = end < np.datetime64(as_of, "D")
        self.expiring = ~self.expired & self.filled & (end <= np.datetime64(soon, "D"))
        self.reserved = pc.list_value_length(seats.column("reserved_for")).to_numpy(zero_copy_only=False) > 0
        # a reports_back edge to a body that takes part (not an inactive organisation)
        organisations = index.range("organisations")
        inactive = np.zeros(len(index), dtype=bool)
        inactive[organisations.start:organisations.stop] = ~_active(tables)
        back = (edges.kind == KIND["reports_back"]) & (edges.src >= start) & (edges.src < start + n)
        back &= ~inactive[edges.dst]
        self.reports_back = np.zeros(n, dtype=bool)
        self.reports_back[edges.src[back] - start] = True
        self._evidence(tables, index, start, as_of, months_before(as_of, stale_after))

        id_rank = np.empty(n, dtype=np.int64)  # Arrow's string order is bytewise: code points, as Python's
        id_rank[pc.sort_indices(seats.column("id")).to_numpy(zero_copy_only=False)] = np.arange(n)
        self.order = np.lexsort((id_rank, partnership))  # by partnership, then seat id (kind_sources' order)
        self.partnership = partnership
        self.place = ~self.deputy
        place = self.place
        self.vcs_count = np.bincount(partnership[place & self.vcs], minlength=self.count)
        self.filled_count = np.bincount(partnership[place & self.filled], minlength=self.count)
        self.voting_count = np.bincount(partnership[place & self.voting], minlength=self.count)
        self.vcs_voting_count = np.bincount(partnership[place & self.voting & self.vcs], minlength=self.count)
        self.masks = _list_masks(seats.column("represents"), bits)
        self.words = self.masks.shape[1]
        self.covered = _ints(_expand(self.masks, bits))  # with the communities part of those represented
        self.group = seats.column("group").to_pylist()
        self.filled_list = self.filled.tolist()

    def _evidence(self, tables, index: NodeIndex, start: int, as_of: date, cutoff: date) -> None:
        """Each seat's newest report on or before ``as_of`` (``_Evidence.last``); stale and never used."""
        reports = tables["reports"]
        n = len(self.ids)
        self.judged = len(reports) > 0
        self.stale = np.zeros(n, dtype=bool)
        self.never = np.zeros(n, dtype=bool)
        self.last: dict[int, date] = {}
        if not self.judged:
            return
        sender = index.numbers(reports.column("from"), ("seats",)).astype(np.int64) - start
        when = reports.column("date").to_numpy(zero_copy_only=False).astype("datetime64[D]")
        counted = (sender >= 0) & (sender < n) & (when <= np.datetime64(as_of, "D"))
        newest = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        sender, when = sender[counted], when[counted]
        if len(sender):
            order = np.lexsort((when, sender))
            last = np.ones(len(order), dtype=bool)
            last[:-1] = sender[order][1:] != sender[order][:-1]
            newest[sender[order][last]] = when[order][last]
        reported = ~np.isnat(newest)
        self.stale = reported & (newest < np.datetime64(cutoff, "D"))
        self.never = ~reported & self.reports_back
        self.last = {int(i): newest[i].item() for i in np.flatnonzero(self.stale)}

    def _cut(self, mask: np.ndarray, rows: bool = False) -> list[list]:
        """For each partnership, its seats where ``mask``, in id order: their ids (or rows)."""
        picked = self.order[mask[self.order]]
        bounds = np.searchsorted(self.partnership[picked], np.arange(self.count + 1)).tolist()
        items = picked.tolist()
        if not rows:
            ids = self.ids
            items = [ids[i] for i in items]
        return [items[start:stop] for start, stop in zip(bounds, bounds[1:])]

    def results(self, chosen: list[int], pids: list[str], represented: tuple[list[int], list[int]],
                served: dict[str, int], bits) -> list:
        """The :class:`PartnershipGaps` of the ``chosen`` partnerships (numbers in the partnerships table)."""
        import pyarrow as pa


        place, filled = self.place, self.filled
        places, deputies = self._cut(place), self._cut(self.deputy)
        vacant, non_voting = self._cut(place & ~filled), self._cut(place & ~self.voting)
        expired, expiring = self._cut(self.expired), self._cut(place & self.expiring)
        no_report_back, never = self._cut(place & ~self.reports_back), self._cut(self.never)
        stale = self._cut(self.stale, rows=True)
        reserved = self._cut(place & ~filled & self.reserved, rows=True)
        rows = [r for found in reserved for r in found]
        reserved_for = dict(zip(rows, self.seats.column("reserved_for").take(pa.array(rows, pa.int64())).to_pylist()))
        names, levels, rules, attrs = _partnership_columns(self.tables)
        place_rows = self._cut(place, rows=True) if any(rules) else None
        vcs_count, voting_count = self.vcs_count.tolist(), self.voting_count.tolist()
        filled_count, vcs_voting_count = self.filled_count.tolist(), self.vcs_voting_count.tolist()
        named = _Names(bits)
        via_of: dict[int, dict[str, str]] = {}
        ids = self.ids
        direct_of, covered_of = represented
        out = []
        for p in chosen:
            pid = pids[p]
            seats = places[p]
            vcs, voting, vcs_voting = vcs_count[p], voting_count[p], vcs_voting_count[p]
            share = vcs / len(seats) if seats else 0.0
            direct, covered = direct_of[p], covered_of[p]
            unrepresented = bits.all & ~covered
            via = via_of.get(direct)
            if via is None:
                via = via_of[direct] = bits.via(direct, covered)
            counted = self._required(rules[p], place_rows[p], bits) if rules[p] else []
            out.append(PartnershipGaps(
                id=pid,
                name=names[p],
                level=levels[p],
                seats=len(seats),
                filled=filled_count[p],
                vcs_seats=vcs,
                vcs_share=share,
                represented=named(covered),
                represented_via=dict(via),
                unrepresented=named(unrepresented),
                unreached=named(unrepresented & ~served.get(pid, 0)),
                breaches=_breaches(attrs[p], seats, vcs, share, voting, vcs_voting, counted),
                vacant_seats=vacant[p],
                expired_seats=expired[p],
                seats_without_reporting_back=no_report_back[p],
                voting_seats=voting,
                vcs_voting_seats=vcs_voting,
                vcs_voting_share=vcs_voting / voting if voting else 0.0,
                non_voting_seats=non_voting[p],
                deputy_seats=deputies[p],
                reserved_vacant=[{"seat": ids[r], "reserved_for": reserved_for[r]} for r in reserved[p]],
                expiring_seats=expiring[p],
                stale_reporting=[{"seat": ids[r], "last_reported": self.last[r]} for r in stale[p]],
                never_reported=never[p],
                required_at_group=_at_group(counted),
            ))
        return out

    def _required(self, rules: list[str], places: list[int], bits) -> list[tuple]:
        """Each ``required`` rule as (text, community, seats needed, group, the filled places counted)."""
        from .model import parse_required
        from .vocabulary import same_group

        out = []
        for rule in rules:
            parsed = parse_required(rule)
            community, needed, group = parsed["community"], parsed["seats"], parsed.get("group")
            mask = bits.bit(community)
            holding = [self.ids[r] for r in places if self.filled_list[r]
                       and (group is None or same_group(self.group[r], group))
                       and self.covered[r] & mask]
            out.append((rule, community, needed, group, holding))
        return out

    def overloaded(self, index: NodeIndex, max_seats: int) -> list[dict]:
        """Holders (organisations or people) of more than ``max_seats`` places, most first."""
        holder, seat = self.holds
        counts = np.bincount(holder[self.place[seat]], minlength=len(index))
        over = [{"id": index.id_of([h])[0], "type": index.type_of(h), "seats": int(counts[h])}
                for h in np.flatnonzero(counts > max_seats).tolist()]
        return sorted(over, key=lambda h: (-h["seats"], h["id"]))


class _Names:
    """:meth:`CommunityBits.names` by table look-up: the names of each byte's bits, kept for each
    of the 256 values of each byte of a mask (a gaps result names three lists per partnership)."""

    def __init__(self, bits):
        ids = bits.ids
        self.tables = [[[ids[8 * k + i] for i in range(8) if value >> i & 1 and 8 * k + i < len(ids)]
                        for value in range(256)] for k in range(-(-len(ids) // 8))]

    def __call__(self, mask: int) -> list[str]:
        found: list[str] = []
        k = 0
        while mask:
            if mask & 255:
                found += self.tables[k][mask & 255]
            mask >>= 8
            k += 1
        return found


def _partnership_columns(tables: dict[str, Any]) -> tuple[list, list, list, list[dict]]:
    """The partnerships' names, levels, ``required`` rules and the fields ``_breaches`` reads."""
    table = tables["partnerships"]
    columns = {name: table.column(name).to_pylist() for name in
               ("name", "level", "required", "min_vcs_share", "min_vcs_voting_share", "size_min", "size_max")}
    fields = ("min_vcs_share", "min_vcs_voting_share", "size_min", "size_max")
    attrs = [dict(zip(fields, values)) for values in zip(*(columns[f] for f in fields))]
    return columns["name"], columns["level"], columns["required"], attrs


def _represented_up(index: NodeIndex, edges, places: _Seats) -> np.ndarray:
    """Each partnership's communities represented by its filled places and, along ``feeds_into``
    in topological order (a partnership on or after a cycle passes nothing on), those of the
    partnerships feeding into it: ``gaps``' ``represented_up``, as words."""
    masks = np.zeros((places.count, places.words), dtype=np.uint64)
    chosen = places.place & places.filled
    np.bitwise_or.at(masks, places.partnership[chosen], places.masks[chosen])
    partnerships = index.range("partnerships")
    start, stop = partnerships.start, partnerships.stop
    inside = (edges.kind == KIND["feeds_into"]) & (edges.src >= start) & (edges.src < stop)
    inside &= (edges.dst >= start) & (edges.dst < stop)
    _close(masks, edges.src[inside] - start, edges.dst[inside] - start, places.count, cycles=False)
    return masks
