"""Communities as bits of ``uint64`` words, carried along the edge arrays of :mod:`graphmodel.arrays`:
the columnar route's form of ``representation``'s passes (:mod:`graphmodel.columnar_gaps` uses them).

- :func:`served_upstream`: for every partnership, the communities served by the organisations and
  networks with a reach path to it (``representation._served_upstream``).
- :func:`unconnected_organisations`: active organisations with no edge but ``serves`` or a
  person's affiliation.
- the pieces: a list column of community ids as words (``_list_masks``), ``part_of`` coverage of
  every row (``_expand``), words to Python ints (``_ints``) and the propagation along edges in
  topological order (``_close``, Kahn's levels on arrays).

Bit ``i`` of the words stands for ``bits.ids[i]`` (a :class:`graphmodel.gap_results.CommunityBits`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .arrays import KIND, NodeIndex, csr
from .vocabulary import REACH_KINDS

__all__ = ["served_upstream", "unconnected_organisations"]


def _list_masks(column, bits) -> np.ndarray:
    """Each row's communities (a list column of community ids) as ``uint64`` words, bit ``i`` for
    ``bits.ids[i]`` (the community ids sorted, as :class:`CommunityBits` numbers them)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    masks = np.zeros((len(column), _words(bits)), dtype=np.uint64)
    items = pc.list_flatten(column)
    if len(items):
        found = pc.index_in(items, value_set=pa.array(bits.ids, pa.string())).to_numpy(zero_copy_only=False)
        found = found.astype(np.int64)
        lengths = pc.list_value_length(column).fill_null(0).to_numpy(zero_copy_only=False)
        listed = np.flatnonzero(lengths)
        starts = (np.cumsum(lengths) - lengths)[listed]  # each row's items are together, in row order
        for word in range(masks.shape[1]):
            here = found // 64 == word
            values = np.where(here, np.left_shift(np.uint64(1), (found % 64).astype(np.uint64)), np.uint64(0))
            masks[listed, word] = np.bitwise_or.reduceat(values, starts)
    return masks


def _words(bits) -> int:
    return max(1, -(-len(bits.ids) // 64))


def _active(tables: dict[str, Any]) -> np.ndarray:
    """Each organisation row: active (``active`` yes; an empty value counts as no, as ``is_active`` reads it)."""
    column = tables["organisations"].column("active")
    return column.fill_null(False).to_numpy(zero_copy_only=False).astype(bool)


def served_upstream(tables: dict[str, Any], index: NodeIndex, edges, bits) -> dict[str, int]:
    """For every partnership, the communities served by the organisations and networks with a
    reach path to it, as a mask (bits as ``bits``, a :class:`CommunityBits`, numbers them),
    exactly as ``representation``'s own pass (``_served_upstream``) finds them.

    ``edges`` are :func:`graphmodel.arrays.edge_arrays` of the dataset with at least the reach kinds
    and ``funds`` (dated as the analysis is).
    """
    n = len(index)
    masks = np.zeros((n, _words(bits)), dtype=np.uint64)
    for table in ("networks", "organisations"):
        r = index.range(table)
        masks[r.start:r.stop] = _list_masks(tables[table].column("serves"), bits)
    organisations = index.range("organisations")
    masks[organisations.start:organisations.stop][~_active(tables)] = 0
    inner = np.zeros(n, dtype=bool)
    for table in ("networks", "seats", "partnerships"):
        r = index.range(table)
        inner[r.start:r.stop] = True
    src, dst, kind = edges.src, edges.dst, edges.kind
    from_organisation = (src >= organisations.start) & (src < organisations.stop)
    # an organisation's communities go to every network, seat or partnership it has an edge to but funds
    seed = from_organisation & inner[dst] & (kind != KIND["funds"])
    np.bitwise_or.at(masks, dst[seed], masks[src[seed]])
    reach = inner[src] & inner[dst] & np.isin(kind, [KIND[k] for k in REACH_KINDS])
    _close(masks, src[reach], dst[reach], n)
    partnerships = index.range("partnerships")
    ids = index.table_ids("partnerships")
    return dict(zip(ids, _ints(masks[partnerships.start:partnerships.stop])))


def _expand(masks: np.ndarray, bits) -> np.ndarray:
    """:meth:`CommunityBits.expand` of every row: each community part of one set, directly or
    through others, set too (wider communities first, one column operation per community)."""
    out = masks.copy()
    one = np.uint64(1)
    for i in bits.order:  # parts after the communities they are part of
        p = bits.parent_index[i]
        out[:, i // 64] |= ((out[:, p // 64] >> np.uint64(p % 64)) & one) << np.uint64(i % 64)
    return out


def _ints(masks: np.ndarray) -> list[int]:
    """Rows of ``uint64`` words as Python ints (word ``w`` shifted by ``64 * w``)."""
    if masks.shape[1] == 1:
        return masks[:, 0].tolist()
    values = [0] * len(masks)
    for w in range(masks.shape[1]):
        for i, word in enumerate(masks[:, w].tolist()):
            if word:
                values[i] |= word << (64 * w)
    return values


def _close(masks: np.ndarray, src: np.ndarray, dst: np.ndarray, n: int, cycles: bool = True) -> None:
    """OR into each node's mask the masks of every node with a path to it along (src, dst):
    Kahn's levels on arrays, then (with ``cycles``) the nodes on or after a cycle by a work list, as
    ``representation._served_upstream`` does; without, those pass nothing on (``gaps``' own
    propagation along ``feeds_into``, whose cycles the checks refuse anyway)."""
    if not len(src):
        return
    indegree = np.bincount(dst, minlength=n)
    offsets, order = csr(src, n)
    frontier = np.unique(src[indegree[src] == 0])
    while len(frontier):
        starts, stops = offsets[frontier], offsets[frontier + 1]
        counts = stops - starts
        picked = order[np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())]
        s, d = src[picked], dst[picked]
        np.bitwise_or.at(masks, d, masks[s])
        np.subtract.at(indegree, d, 1)
        frontier = np.unique(d[indegree[d] == 0])
    left = indegree[src] > 0
    if not cycles or not left.any():
        return
    # a cycle (a partnership selecting a seat on a body that feeds into it): the rest by a work list
    words = masks.shape[1]
    following: dict[int, list[int]] = {}
    for s, d in zip(src[left].tolist(), dst[left].tolist()):
        following.setdefault(s, []).append(d)
    nodes = sorted(set(following) | {d for ds in following.values() for d in ds})
    value = {v: _to_int(masks[v]) for v in nodes}
    pending = list(following)
    while pending:
        node = pending.pop()
        mask = value[node]
        for target in following.get(node, ()):
            if value[target] | mask != value[target]:
                value[target] |= mask
                pending.append(target)
    for v in nodes:
        masks[v] = [(value[v] >> (64 * w)) & 0xFFFFFFFFFFFFFFFF for w in range(words)]


def _to_int(row: np.ndarray) -> int:
    value = 0
    for w, word in enumerate(row.tolist()):
        value |= word << (64 * w)
    return value


def unconnected_organisations(tables: dict[str, Any], index: NodeIndex, edges) -> list[str]:
    """Active organisations with no edge but ``serves`` (to a community) or a person's affiliation,
    sorted (``representation``'s rule), read off ``edges``: at least every kind into or out of an
    organisation but those two (dated as the analysis is)."""
    n = len(index)
    organisations, communities, people = (index.range(t) for t in ("organisations", "communities", "people"))
    src, dst = edges.src, edges.dst
    connected = np.zeros(n, dtype=bool)
    connected[src[(dst < communities.start) | (dst >= communities.stop)]] = True
    connected[dst[(src < people.start) | (src >= people.stop)]] = True
    lonely = np.flatnonzero(_active(tables) & ~connected[organisations.start:organisations.stop])
    return sorted(index.id_of(lonely + organisations.start))
