"""The columnar core's checks across tables: the plain loader's (:mod:`graphmodel.checks`) as kernels.

Each check only decides that no row is flagged; any flagged row, or any doubt, raises
:class:`NotClean` and the caller (:mod:`graphmodel.columnar_read`) falls back to the plain
loader, whose located problems are then the ones given.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .column_specs import COLUMNS
from .model import parse_required
from .vocabulary import ENTITY_TABLES, LINK_ENDS, REFERENCES, LinkKind, group_key

__all__ = ["NotClean", "max_length"]


class NotClean(Exception):
    """The dataset is not certainly clean: the plain loader must read it (the message says why)."""


def _require(condition: Any, reason: str) -> None:
    if not condition:
        raise NotClean(reason)


def _any(mask) -> bool:
    """Whether a boolean array (nulls skipped) holds a true value."""
    import pyarrow.compute as pc

    return bool(len(mask)) and bool(pc.any(mask).as_py())


def max_length(values) -> int:
    """The longest cell of a chunked string array, in bytes (at least its length in characters)."""
    import numpy as np
    import pyarrow.compute as pc

    from .columnar_bytes import _parts

    longest = 0
    for chunk in values.chunks:
        parts = _parts(chunk)
        found = pc.max(pc.binary_length(chunk)).as_py() if parts is None else \
            (int(np.diff(parts[0]).max()) if len(chunk) else 0)
        longest = max(longest, found or 0)
    return longest


def _distinct(keys) -> bool:
    """Whether no number appears twice in a numpy array (one sort)."""
    import numpy as np

    ordered = np.sort(keys)
    return not (ordered[1:] == ordered[:-1]).any()


def _referenced(table: str, column: str) -> bool:
    """Whether every value of the column must be an id (so the id check vouches for its pattern)."""
    return (table, column) in REFERENCES or (table == "links" and column in ("source", "target"))


class _Checks:
    """The plain loader's cross-table checks (:mod:`graphmodel.checks`) as kernels: each one only
    decides that no row is flagged; any flagged row means the plain loader must say so.

    Every id and every reference is numbered by one hash pass (a dictionary encoding of the ids
    followed by the references): the ids are unique exactly when they take the numbers 0 to n-1 in
    order, a reference names an id exactly when its number is below n, and the id's table is
    found from its number. Pairs of numbers stand for pairs of ids in the duplicate checks.
    """

    def __init__(self, tables: dict[str, Any], reader: Any):
        self.tables = tables
        self.reader = reader
        self.entity = list(ENTITY_TABLES)

    def col(self, table: str, name: str):
        return self.tables[table].column(name)

    def run(self, as_of: date | None) -> None:
        self.number()
        self.check_references()
        self.check_links()
        self.check_ranges()
        self.check_seat_rules()
        self.check_reports(as_of)
        self.check_cycles()

    # ------------------------------------------------------------ numbering

    def number(self) -> None:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        chunks, bounds = [], [0]
        for table in self.entity:
            ids = self.col(table, "id")
            chunks += ids.chunks
            bounds.append(bounds[-1] + len(ids))
        self.n = n = bounds[-1]
        self.bounds = np.array(bounds)
        segments: list[tuple[tuple[str, str], Any]] = []
        for (table, column), _ in REFERENCES.items():
            values = self.col(table, column)
            if COLUMNS[table][column].kind == "list":
                values = pc.list_flatten(values)
            else:
                values = pc.fill_null(values, "")  # row-aligned; "" is never an id
            segments.append(((table, column), values))
        for column in ("source", "target"):
            segments.append((("links", column), self.col("links", column)))
        communities = [item.community for item in self.reader.required_items]
        segments.append((("partnerships", "required"), pa.array(communities, pa.string())))
        for _, values in segments:
            chunks += values.chunks if isinstance(values, pa.ChunkedArray) else [values]
        encoded = pc.dictionary_encode(pa.chunked_array(chunks, pa.string()))
        addresses = {tuple(b.address for b in c.dictionary.buffers() if b is not None) for c in encoded.chunks}
        if len(addresses) > 1:  # each chunk with a dictionary of its own: encode the values as one array
            encoded = pa.chunked_array([pc.dictionary_encode(pa.chunked_array(chunks, pa.string()).combine_chunks())])
        codes = np.concatenate([np.zeros(0, np.int64)] + [c.indices.to_numpy(zero_copy_only=False).astype(np.int64)
                                                          for c in encoded.chunks])
        self.size = len(encoded.chunk(0).dictionary) if encoded.num_chunks else 0
        _require(np.array_equal(codes[:n], np.arange(n)), "an id is used twice")
        self.codes: dict[tuple[str, str], Any] = {}
        at = n
        for key, values in segments:
            self.codes[key] = codes[at:at + len(values)]
            at += len(values)

    def table_of(self, codes):
        """The entity table number of each code (``len(self.entity)`` for a code that is no id)."""
        import numpy as np

        return np.searchsorted(self.bounds, codes, side="right") - 1

    def only(self, codes, allowed: tuple[str, ...], what: str) -> None:
        import numpy as np

        ok = np.zeros(len(self.entity) + 1, dtype=bool)
        ok[[self.entity.index(t) for t in allowed]] = True
        _require(ok[self.table_of(codes)].all(), f"{what}: names something that is not {' or '.join(allowed)}")

    def valid(self, table: str, column: str):
        """Where the column holds a value, as a numpy mask."""
        import pyarrow.compute as pc

        return pc.is_valid(self.col(table, column)).to_numpy(zero_copy_only=False)

    def row_of(self, codes, table: str):
        return codes - self.bounds[self.entity.index(table)]

    # ------------------------------------------------------------ checks

    def check_references(self) -> None:
        for (table, column), allowed in REFERENCES.items():
            codes = self.codes[(table, column)]
            if COLUMNS[table][column].kind != "list":
                codes = codes[self.valid(table, column)]
            self.only(codes, allowed, f"{table}.{column}")
        self.only(self.codes[("partnerships", "required")], ("communities",), "partnerships.required")

    def kinds(self):
        """The links' kinds as numbers (their order in :data:`LINK_ENDS`)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        names = pa.array([k.value for k in LINK_ENDS], pa.string())
        return pc.index_in(self.col("links", "kind"), value_set=names).to_numpy(zero_copy_only=False)

    def check_links(self) -> None:
        if not self.tables["links"].num_rows:
            return
        source, target = self.codes[("links", "source")], self.codes[("links", "target")]
        kinds = self.kinds()
        for number, (kind, (sources, targets)) in enumerate(LINK_ENDS.items()):
            mask = kinds == number
            self.only(source[mask], sources, f"links.source ({kind.value})")
            self.only(target[mask], targets, f"links.target ({kind.value})")
        _require(not (source == target).any(), "a link joins a body to itself")
        keys = (source * self.size + target) * len(LINK_ENDS) + kinds
        _require(_distinct(keys), "a link appears twice")

    def check_ranges(self) -> None:
        import pyarrow.compute as pc

        parts = self.tables["partnerships"]
        _require(not _any(pc.greater(parts.column("size_min"), parts.column("size_max"))), "size_min > size_max")
        members = self.tables["memberships"]
        if members.num_rows:
            _require(not _any(pc.greater(members.column("since"), members.column("until"))), "until before since")
            member, network = self.codes[("memberships", "member")], self.codes[("memberships", "network")]
            _require(not (member == network).any(), "a network is a member of itself")
            keys = member * self.size + network
            _require(_distinct(keys), "a membership appears twice")
        seats = self.tables["seats"]
        _require(not _any(pc.greater(seats.column("term_start"), seats.column("term_end"))),
                 "term_end before term_start")

    def check_seat_rules(self) -> None:
        import numpy as np
        import pyarrow.compute as pc

        seats = self.tables["seats"]
        deputies = self.valid("seats", "deputy_of")
        if deputies.any():
            rows = np.flatnonzero(deputies)
            of = self.row_of(self.codes[("seats", "deputy_of")][rows], "seats")
            _require(not (of == rows).any(), "a seat deputises for itself")
            partnership = self.codes[("seats", "partnership")]
            _require((partnership[of] == partnership[rows]).all(), "a deputy is on another partnership")
            role = pc.fill_null(pc.equal(seats.column("role"), "deputy"), False).to_numpy(zero_copy_only=False)
            _require(not (deputies[of] | role[of]).any(), "a deputy deputises for a deputy")
        if any(item.group is not None for item in self.reader.required_items):
            groups: dict[str, set[str]] = {}
            with_group = seats.filter(pc.is_valid(seats.column("group")))
            for part, group in zip(with_group.column("partnership").to_pylist(),
                                   with_group.column("group").to_pylist()):
                groups.setdefault(part, set()).add(group_key(group))
            parts = self.tables["partnerships"]
            for part, required in zip(parts.column("id").to_pylist(), parts.column("required").to_pylist()):
                for text in required:
                    group = parse_required(text).get("group")
                    if group is not None:
                        _require(group_key(group) in groups.get(part, set()),
                                 f"no seat of {part!r} has the group {group!r}")

    def check_reports(self, as_of: date | None) -> None:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        reports = self.tables["reports"]
        if not reports.num_rows:
            return
        back = self.kinds() == list(LINK_ENDS).index(LinkKind.reports_back)
        known = self.codes[("links", "source")][back] * self.size + self.codes[("links", "target")][back]
        keys = self.codes[("reports", "from")] * self.size + self.codes[("reports", "to")]
        _require(np.isin(keys, known).all(), "a report has no reports_back link")
        if as_of is not None:
            _require(not _any(pc.greater(reports.column("date"), pa.scalar(as_of, pa.date32()))),
                     "a report is dated after the as-of date")

    def check_cycles(self) -> None:
        import numpy as np
        import pyarrow.compute as pc

        partnerships = self.entity.index("partnerships")
        feeds = self.col("partnerships", "feeds_into")
        parents = pc.list_parent_indices(feeds).to_numpy(zero_copy_only=False)
        sources = [parents + self.bounds[partnerships], np.zeros(0, np.int64)]
        targets = [self.codes[("partnerships", "feeds_into")], np.zeros(0, np.int64)]
        if self.tables["links"].num_rows:
            source = self.codes[("links", "source")]
            chosen = (self.kinds() == list(LINK_ENDS).index(LinkKind.feeds_into)) & \
                (self.table_of(source) == partnerships)
            sources.append(source[chosen])
            targets.append(self.codes[("links", "target")][chosen])
        self.acyclic(np.concatenate(sources), np.concatenate(targets), "feeds_into")
        valid = self.valid("communities", "part_of")
        first = self.bounds[self.entity.index("communities")]
        self.acyclic(np.flatnonzero(valid) + first, self.codes[("communities", "part_of")][valid], "part_of")
        if self.tables["memberships"].num_rows:
            member, network = self.codes[("memberships", "member")], self.codes[("memberships", "network")]
            chosen = self.table_of(member) == self.entity.index("networks")
            self.acyclic(member[chosen], network[chosen], "memberships")

    @staticmethod
    def acyclic(sources, targets, what: str) -> None:
        _require(not (sources == targets).any(), f"{what}: a body names itself")
        _require(not _on_circles(sources, targets), f"{what}: goes round in a circle")


def _on_circles(sources, targets) -> bool:
    """Whether the edges (numpy arrays of node numbers) hold a circle: nodes with no edge in or none
    out are trimmed, a round at a time by kernels; what a few rounds leave (a long chain, or a
    circle) goes to the plain loader's own linear trimming (:func:`graphmodel.checks._on_circles`)."""
    import numpy as np

    from .checks import _on_circles as trimmed

    if not len(sources):
        return False
    nodes, numbered = np.unique(np.concatenate([sources, targets]), return_inverse=True)
    sources, targets = numbered[:len(sources)], numbered[len(sources):]
    for _ in range(32):
        ins = np.bincount(targets, minlength=len(nodes))
        outs = np.bincount(sources, minlength=len(nodes))
        keep = (ins[sources] > 0) & (outs[targets] > 0)
        if keep.all():
            break
        sources, targets = sources[keep], targets[keep]
        if not len(sources):
            return False
    return bool(trimmed(list(zip(sources.tolist(), targets.tolist(), [None] * len(sources)))))
