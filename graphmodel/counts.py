"""Counts of a dataset: rows by table, organisations by sector, bodies by level.

>>> from graphmodel.model import Dataset, Organisation, Partnership, Seat
>>> ds = Dataset(
...     organisations=[Organisation(id="a", name="A", sector="vcs", count=40),
...                    Organisation(id="b", name="B", sector="statutory")],
...     partnerships=[Partnership(id="board", name="Board", level="board")],
...     seats=[Seat(id="s1", partnership="board", sector="vcs", holder="a"),
...            Seat(id="s2", partnership="board", sector="vcs")],
... )
>>> s = summary(ds)
>>> s.tables["organisations"], s.organisations_weighted, s.vacant_seats
(2, 41, ['s2'])
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from .vocabulary import TABLE_NAMES, is_filled

if TYPE_CHECKING:
    from .model import Dataset

__all__ = ["Summary", "summary", "summary_of_rows"]


@dataclass
class Summary:
    """Counts of one dataset (see :func:`summary`)."""

    dataset: str
    tables: dict[str, int]
    organisations_by_sector: dict[str, int]
    organisations_weighted: int
    inactive_organisations: int
    networks_by_led_by: dict[str, int]
    partnerships_by_level: dict[str, int]
    seats_by_sector: dict[str, int]
    filled_seats: int
    vacant_seats: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _counts(values) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def summary(dataset: Dataset) -> Summary:
    """Count the rows of each table and break organisations, networks, partnerships
    and seats down by their closed vocabularies.

    ``organisations_by_sector`` weighs each active organisation by its
    ``count``; ``organisations_weighted`` is their total.
    """
    return summary_of_rows(dataset.name, {t: [row.__dict__ for row in dataset.rows(t)] for t in TABLE_NAMES})


def summary_of_rows(name: str, tables: dict[str, list[dict]]) -> Summary:
    """:func:`summary` of a dataset given as its valid rows by table (dicts of column -> value, as
    :func:`graphmodel.load.read_rows` gives them), without making models."""
    organisations, seats = tables["organisations"], tables["seats"]
    active = [o for o in organisations if o["active"]]
    by_sector: Counter[str] = Counter()
    for org in active:
        by_sector[org["sector"].value] += org["count"]
    return Summary(
        dataset=name,
        tables={t: len(tables[t]) for t in TABLE_NAMES},
        organisations_by_sector=dict(sorted(by_sector.items())),
        organisations_weighted=sum(by_sector.values()),
        inactive_organisations=len(organisations) - len(active),
        networks_by_led_by=_counts(n["led_by"].value for n in tables["networks"]),
        partnerships_by_level=_counts(p["level"].value for p in tables["partnerships"]),
        seats_by_sector=_counts(s["sector"].value for s in seats),
        filled_seats=sum(1 for s in seats if is_filled(s)),
        vacant_seats=[s["id"] for s in seats if not is_filled(s)],
    )
