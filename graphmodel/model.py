"""The domain model: one pydantic model per table of the dataset format.

The tables and columns are those of ``docs/FORMAT.md``. Closed vocabularies
are ``str`` enums; every model is frozen. A :class:`Dataset` holds one tuple
of rows per table and, when built directly, checks its cross-references
(unknown ids, wrong kinds, cycles) and raises
:class:`~graphmodel.exceptions.DatasetError` listing every problem.

>>> ds = Dataset(
...     organisations=[Organisation(id="hcvs", name="Hackney CVS", sector="vcs")],
... )
>>> ds.organisations[0].sector
<OrgSector.vcs: 'vcs'>
>>> ds.organisations[0].count
1
"""

from __future__ import annotations

import datetime
from datetime import date
from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model, model_validator

from .required_items import RequiredItem, parse_required
from .vocabulary import (ENTITY_TABLES, ID_PATTERN, MAX_WHOLE, CommunityKind, LedBy, Level, LinkKind, Method,
                         OrgSector, SeatRole, SeatSector, is_deputy, is_filled, same_group)

__all__ = [
    "ID_PATTERN",
    "Id",
    "OrgSector",
    "LedBy",
    "Level",
    "CommunityKind",
    "SeatSector",
    "Method",
    "SeatRole",
    "LinkKind",
    "Required",
    "Organisation",
    "Network",
    "Partnership",
    "Community",
    "Membership",
    "Seat",
    "Link",
    "Person",
    "Report",
    "Dataset",
    "same_group",
    "parse_required",
    "TABLES",
    "ENTITY_TABLES",
]

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]


# defer_build: a model's validator is built the first time it validates, not at import. The loader checks
# cells column by column (graphmodel.cells) and never validates whole rows, so most commands never build them.
_FROZEN = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, defer_build=True)


class Required(BaseModel):
    """A constituency that must hold at least ``seats`` filled seats (``bme:1``), of one seat
    ``group`` when given (``bme:1@community reps``).

    >>> r = Required.model_validate("bme:1@ Community reps")
    >>> r.community, r.seats, r.group, str(r)
    ('bme', 1, 'Community reps', 'bme:1@Community reps')
    """

    model_config = _FROZEN
    community: Id
    seats: int = Field(ge=1)
    group: Optional[Text] = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value):
        """Accept the spreadsheet form ``community_id:N`` or ``community_id:N@group``, and an item as read."""
        if isinstance(value, str):
            return parse_required(value)
        if isinstance(value, RequiredItem):
            return {"community": value.community, "seats": value.seats, "group": value.group}
        return value

    def __str__(self) -> str:
        return str(RequiredItem(self.community, self.seats, self.group))  # the one text form


class Organisation(BaseModel):
    """A voluntary, statutory or private organisation (or a placeholder for many)."""

    model_config = _FROZEN
    id: Id = Field(description="identifier, unique across the dataset")
    name: Text = Field(description="display name")
    sector: OrgSector = Field(description="vcs, statutory or private")
    kind: Optional[str] = Field(None, description="free text, e.g. tenants and residents association")
    serves: tuple[Id, ...] = Field((), description="communities it works with or for (community ids, ; separated)")
    count: int = Field(1, ge=0, le=MAX_WHOLE, description="how many organisations this row stands for (default 1)")
    identifiers: tuple[str, ...] = Field((), description="external ids, e.g. GB-CHC-1234567 (; separated)")
    active: bool = Field(True, description="yes/no, default yes; inactive rows take no part in analyses")
    notes: Optional[str] = Field(None, description="free text")


class Network(BaseModel):
    """A forum, network, assembly or reference group."""

    model_config = _FROZEN
    id: Id = Field(description="identifier, unique across the dataset")
    name: Text = Field(description="display name")
    led_by: LedBy = Field(description="vcs, statutory or joint")
    serves: tuple[Id, ...] = Field((), description="community ids (; separated)")
    notes: Optional[str] = Field(None, description="free text")


class Partnership(BaseModel):
    """A decision-making or advisory body: a board, executive, thematic partnership..."""

    model_config = _FROZEN
    id: Id = Field(description="identifier, unique across the dataset")
    name: Text = Field(description="display name")
    level: Level = Field(description="board, executive, thematic, subgroup, area, task or other")
    feeds_into: tuple[Id, ...] = Field((), description="partnership ids this body reports to (; separated)")
    themes: tuple[str, ...] = Field((), description="free-text tags (; separated)")
    size_min: Optional[int] = Field(None, ge=0, le=MAX_WHOLE, description="agreed minimum number of seats")
    size_max: Optional[int] = Field(None, ge=0, le=MAX_WHOLE, description="agreed maximum number of seats")
    min_vcs_share: Optional[float] = Field(
        None, ge=0, le=1, allow_inf_nan=False, description="agreed minimum share of seats held by the VCS, 0 to 1"
    )
    required: tuple[Required, ...] = Field(
        (), description="constituencies that must hold at least N filled seats, community_id:N, or "
                        "community_id:N@group for seats of one group (; separated)"
    )
    notes: Optional[str] = Field(None, description="free text")
    min_vcs_voting_share: Optional[float] = Field(
        None, ge=0, le=1, allow_inf_nan=False,
        description="agreed minimum share of voting seats held by the VCS, 0 to 1"
    )


class Community(BaseModel):
    """A community of interest or identity, or a community of place."""

    model_config = _FROZEN
    id: Id = Field(description="identifier, unique across the dataset")
    name: Text = Field(description="display name")
    kind: CommunityKind = Field(CommunityKind.interest, description="interest (default) or place")
    part_of: Optional[Id] = Field(None, description="the wider community this one belongs to")
    population: Optional[int] = Field(None, ge=0, le=MAX_WHOLE, description="number of people, if known")
    notes: Optional[str] = Field(None, description="free text")


class Membership(BaseModel):
    """An organisation or network that is a member of a network."""

    model_config = _FROZEN
    member: Id = Field(description="organisation or network id")
    network: Id = Field(description="network id")
    role: Optional[str] = Field(None, description="free text, e.g. steering group")
    since: Optional[date] = Field(None, description="date YYYY-MM-DD")
    until: Optional[date] = Field(None, description="date YYYY-MM-DD")


class Seat(BaseModel):
    """One place on a partnership."""

    model_config = _FROZEN
    id: Id = Field(description="identifier of the seat")
    partnership: Id = Field(description="partnership id")
    sector: SeatSector = Field(description="vcs, statutory, private, elected or other")
    represents: tuple[Id, ...] = Field((), description="community ids the seat speaks for (; separated)")
    selected_by: Optional[Id] = Field(
        None, description="network, organisation or partnership that selects the holder")
    method: Optional[Method] = Field(
        None, description="elected, nominated, appointed, ex_officio, co_opted or standing"
    )
    holder: Optional[Id] = Field(None, description="organisation id holding the seat; empty = vacant")
    person: Optional[Id] = Field(None, description="people id of the individual holding it")
    voting: bool = Field(True, description="yes/no, default yes")
    term_start: Optional[date] = Field(None, description="date YYYY-MM-DD")
    term_end: Optional[date] = Field(None, description="date YYYY-MM-DD")
    notes: Optional[str] = Field(None, description="free text")
    group: Optional[str] = Field(None, description="a named set of places on the partnership, e.g. community reps")
    reserved_for: tuple[Id, ...] = Field((), description="community ids the place is reserved for (; separated)")
    role: SeatRole = Field(SeatRole.member, description="member (default), chair, vice_chair, deputy or observer")
    deputy_of: Optional[Id] = Field(None, description="the seat id this place deputises for")

    @property
    def filled(self) -> bool:
        """A seat is filled when an organisation or a person holds it."""
        return is_filled(self.__dict__)

    @property
    def deputy(self) -> bool:
        """A deputy (role ``deputy`` or a ``deputy_of``) is not a place: it counts in no total or rule."""
        return is_deputy(self.__dict__)


class Link(BaseModel):
    """An explicit link: feeds_into, reports_back, consults, or funds (a grant from a funder)."""

    model_config = _FROZEN
    source: Id = Field(description="id")
    target: Id = Field(description="id")
    kind: LinkKind = Field(description="feeds_into, reports_back, consults or funds")
    channel: Optional[str] = Field(None, description="e.g. meeting, newsletter, email, website")
    frequency: Optional[str] = Field(None, description="free text, e.g. quarterly")
    notes: Optional[str] = Field(None, description="free text")
    amount: Optional[float] = Field(None, ge=0, le=MAX_WHOLE, allow_inf_nan=False,
                                    description="funds links: the amount awarded")
    date: Optional[datetime.date] = Field(None, description="funds links: the award date, YYYY-MM-DD")
    programme: Optional[str] = Field(None, description="funds links: the grant programme")


class Person(BaseModel):
    """An individual (personal data: left out of outputs unless asked for)."""

    model_config = _FROZEN
    id: Id = Field(description="identifier")
    name: Optional[str] = Field(None, description="display name (personal data)")
    organisation: Optional[Id] = Field(None, description="organisation id")
    notes: Optional[str] = Field(None, description="free text")


class _ReportRow(BaseModel):
    """Evidence that reporting back happened: ``from`` (a seat or partnership) reported to ``to`` on ``date``.

    The columns are named ``from`` and ``to`` as in FORMAT.md; ``from`` is a Python keyword,
    so read it as ``report.sender`` (or ``getattr(report, "from")``).
    """

    model_config = _FROZEN

    @property
    def sender(self) -> str:
        return self.__dict__["from"]


Report = create_model(
    "Report",
    __base__=_ReportRow,
    __module__=__name__,
    **{
        "from": (Id, Field(description="the seat (or partnership) that reported")),
        "to": (Id, Field(description="the network, organisation or partnership reported to")),
        "date": (datetime.date, Field(description="when, YYYY-MM-DD")),
        "channel": (Optional[str], Field(None, description="e.g. meeting, newsletter, email")),
        "notes": (Optional[str], Field(None, description="free text")),
    },
)
Report.__doc__ = _ReportRow.__doc__


#: Table name -> row model, in the order of FORMAT.md.
TABLES: dict[str, type[BaseModel]] = {
    "organisations": Organisation,
    "networks": Network,
    "partnerships": Partnership,
    "communities": Community,
    "memberships": Membership,
    "seats": Seat,
    "links": Link,
    "people": Person,
    "reports": Report,
}

class Dataset(BaseModel):
    """A whole engagement dataset: one tuple of rows per table.

    Building one directly validates every row and every cross-reference;
    :func:`graphmodel.load_dataset` builds one from files with located errors.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    name: str = Field("dataset", description="the dataset's name (its folder or file name)")
    organisations: tuple[Organisation, ...] = ()
    networks: tuple[Network, ...] = ()
    partnerships: tuple[Partnership, ...] = ()
    communities: tuple[Community, ...] = ()
    memberships: tuple[Membership, ...] = ()
    seats: tuple[Seat, ...] = ()
    links: tuple[Link, ...] = ()
    people: tuple[Person, ...] = ()
    reports: tuple[Report, ...] = ()

    @model_validator(mode="after")
    def _check_references(self) -> "Dataset":
        from .checks import dataset_problems
        from .exceptions import DatasetError, Problem

        found = [f for f in dataset_problems(self) if f.severity == "error"]
        if found:
            raise DatasetError(
                [Problem(f.table, f.index + 1, f.column, f.value, f.message, row_label="item") for f in found]
            )
        return self

    def rows(self, table: str) -> tuple[BaseModel, ...]:
        """The rows of one table by its name."""
        return getattr(self, table)
