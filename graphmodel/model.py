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
from enum import Enum
from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

__all__ = [
    "ID_PATTERN",
    "Id",
    "OrgSector",
    "LedBy",
    "Level",
    "CommunityKind",
    "SeatSector",
    "Method",
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
    "Dataset",
    "TABLES",
    "ENTITY_TABLES",
]

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,99}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]


class OrgSector(str, Enum):
    """Sector of an organisation."""

    vcs = "vcs"
    statutory = "statutory"
    private = "private"


class LedBy(str, Enum):
    """Who leads a network: the Hackney map's VCS-led vs statutory-led."""

    vcs = "vcs"
    statutory = "statutory"
    joint = "joint"


class Level(str, Enum):
    """Level of a partnership body."""

    board = "board"
    executive = "executive"
    thematic = "thematic"
    subgroup = "subgroup"
    area = "area"
    task = "task"
    other = "other"


class CommunityKind(str, Enum):
    """Community of interest or identity, or community of place."""

    interest = "interest"
    place = "place"


class SeatSector(str, Enum):
    """Whom a seat is for."""

    vcs = "vcs"
    statutory = "statutory"
    private = "private"
    elected = "elected"
    other = "other"


class Method(str, Enum):
    """How the holder of a seat is chosen."""

    elected = "elected"
    nominated = "nominated"
    appointed = "appointed"
    ex_officio = "ex_officio"
    co_opted = "co_opted"
    standing = "standing"


class LinkKind(str, Enum):
    """Kind of an explicit link between two bodies (``funds``: an engagemap extension, a grant)."""

    feeds_into = "feeds_into"
    reports_back = "reports_back"
    consults = "consults"
    funds = "funds"


_FROZEN = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Required(BaseModel):
    """A constituency that must hold at least ``seats`` filled seats (``bme:1``)."""

    model_config = _FROZEN
    community: Id
    seats: int = Field(ge=1)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value):
        """Accept the spreadsheet form ``community_id:N``."""
        if isinstance(value, str):
            community, sep, seats = value.rpartition(":")
            if not sep:
                raise ValueError(f"{value!r} is not in the form community_id:N (for example bme:1)")
            return {"community": community.strip(), "seats": seats.strip()}
        return value

    def __str__(self) -> str:
        return f"{self.community}:{self.seats}"


class Organisation(BaseModel):
    """A voluntary, statutory or private organisation (or a placeholder for many)."""

    model_config = _FROZEN
    id: Id = Field(description="identifier, unique across the dataset")
    name: Text = Field(description="display name")
    sector: OrgSector = Field(description="vcs, statutory or private")
    kind: Optional[str] = Field(None, description="free text, e.g. tenants and residents association")
    serves: tuple[Id, ...] = Field((), description="communities it works with or for (community ids, ; separated)")
    count: int = Field(1, ge=0, description="how many organisations this row stands for (default 1)")
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
    size_min: Optional[int] = Field(None, ge=0, description="agreed minimum number of seats")
    size_max: Optional[int] = Field(None, ge=0, description="agreed maximum number of seats")
    min_vcs_share: Optional[float] = Field(
        None, ge=0, le=1, description="agreed minimum share of seats held by the VCS, 0 to 1"
    )
    required: tuple[Required, ...] = Field(
        (), description="constituencies that must hold at least N filled seats, community_id:N (; separated)"
    )
    notes: Optional[str] = Field(None, description="free text")


class Community(BaseModel):
    """A community of interest or identity, or a community of place."""

    model_config = _FROZEN
    id: Id = Field(description="identifier, unique across the dataset")
    name: Text = Field(description="display name")
    kind: CommunityKind = Field(CommunityKind.interest, description="interest (default) or place")
    part_of: Optional[Id] = Field(None, description="the wider community this one belongs to")
    population: Optional[int] = Field(None, ge=0, description="number of people, if known")
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
    selected_by: Optional[Id] = Field(None, description="network or organisation that selects the holder")
    method: Optional[Method] = Field(
        None, description="elected, nominated, appointed, ex_officio, co_opted or standing"
    )
    holder: Optional[Id] = Field(None, description="organisation id holding the seat; empty = vacant")
    person: Optional[Id] = Field(None, description="people id of the individual holding it")
    voting: bool = Field(True, description="yes/no, default yes")
    term_start: Optional[date] = Field(None, description="date YYYY-MM-DD")
    term_end: Optional[date] = Field(None, description="date YYYY-MM-DD")
    notes: Optional[str] = Field(None, description="free text")

    @property
    def filled(self) -> bool:
        """A seat is filled when an organisation or a person holds it."""
        return self.holder is not None or self.person is not None


class Link(BaseModel):
    """An explicit link: feeds_into, reports_back, consults, or funds (a grant from a funder)."""

    model_config = _FROZEN
    source: Id = Field(description="id")
    target: Id = Field(description="id")
    kind: LinkKind = Field(description="feeds_into, reports_back, consults or funds")
    channel: Optional[str] = Field(None, description="e.g. meeting, newsletter, email, website")
    frequency: Optional[str] = Field(None, description="free text, e.g. quarterly")
    notes: Optional[str] = Field(None, description="free text")
    amount: Optional[float] = Field(None, ge=0, description="funds links: the amount awarded")
    date: Optional[datetime.date] = Field(None, description="funds links: the award date, YYYY-MM-DD")
    programme: Optional[str] = Field(None, description="funds links: the grant programme")


class Person(BaseModel):
    """An individual (personal data: left out of outputs unless asked for)."""

    model_config = _FROZEN
    id: Id = Field(description="identifier")
    name: Optional[str] = Field(None, description="display name (personal data)")
    organisation: Optional[Id] = Field(None, description="organisation id")
    notes: Optional[str] = Field(None, description="free text")


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
}

#: Tables whose rows have an ``id`` (one shared namespace), with the singular noun.
ENTITY_TABLES: dict[str, str] = {
    "organisations": "organisation",
    "networks": "network",
    "partnerships": "partnership",
    "communities": "community",
    "seats": "seat",
    "people": "person",
}


class Dataset(BaseModel):
    """A whole engagement dataset: one tuple of rows per table.

    Building one directly validates every row and every cross-reference;
    :func:`graphmodel.load_dataset` builds one from files with located errors.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str = Field("dataset", description="the dataset's name (its folder or file name)")
    organisations: tuple[Organisation, ...] = ()
    networks: tuple[Network, ...] = ()
    partnerships: tuple[Partnership, ...] = ()
    communities: tuple[Community, ...] = ()
    memberships: tuple[Membership, ...] = ()
    seats: tuple[Seat, ...] = ()
    links: tuple[Link, ...] = ()
    people: tuple[Person, ...] = ()

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
