"""A partnership's ``required`` item (``community:N`` or ``community:N@group``) as read, without pydantic.

:class:`~graphmodel.model.Required` (pydantic) is the one statement of an item's rules, and
:func:`parse_required` its text form. Reading a dataset (the loader, the checks across tables, the
graph) holds each valid item as a :class:`RequiredItem` with the same fields, so it needs no
pydantic; :func:`graphmodel.load.load_dataset` makes them ``Required`` models.

>>> item = RequiredItem.from_text("bme:2@ Community reps")
>>> item, str(item)
(RequiredItem(community='bme', seats=2, group='Community reps'), 'bme:2@Community reps')
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RequiredItem", "parse_required"]


def parse_required(text: str) -> dict:
    """``community_id:N`` or ``community_id:N@group`` as a dict (``ValueError`` if neither).

    >>> parse_required("bme:2@community reps")
    {'community': 'bme', 'seats': 2, 'group': 'community reps'}
    """
    head, at, group = text.partition("@")
    community, sep, seats = head.partition(":")
    community, seats, group = community.strip(), seats.strip(), group.strip()
    if not sep or not community or not seats.isdigit() or int(seats) < 1 or (at and not group):
        raise ValueError(f"{text.strip()!r} is not in the form community_id:N or community_id:N@group "
                         "(for example bme:1 or bme:1@community reps)")
    return {"community": community, "seats": int(seats), **({"group": group} if at else {})}


@dataclass(frozen=True)
class RequiredItem:
    """A valid ``required`` item: at least ``seats`` filled seats for ``community`` (of one seat ``group``
    when given). Its text form, ``str(item)``, is the one the graph holds and ``Required`` prints."""

    community: str
    seats: int
    group: str | None = None

    def __str__(self) -> str:
        return f"{self.community}:{self.seats}" + (f"@{self.group}" if self.group else "")

    @classmethod
    def from_text(cls, text: str) -> RequiredItem:
        """An item from its text form, already validated (the graph's, an Arrow column's)."""
        return cls(**parse_required(text))
