"""Each column's rules, as read off the pydantic models of graphmodel/model.py: GENERATED, do not edit.

Regenerate after changing a model with ``python -m graphmodel.column_specs``;
tests/test_column_table.py fails until this file is what the models give, byte for byte.
graphmodel.column_specs makes its ``COLUMNS`` of it, so reading a dataset needs no pydantic.
"""

from .vocabulary import ID_PATTERN, MAX_WHOLE, CommunityKind, LedBy, Level, LinkKind, Method, OrgSector, SeatRole, SeatSector

#: table -> column -> the ColumnSpec's fields that differ from its defaults, in the order of FORMAT.md
COLUMN_TABLE = {
    'organisations': {
        'id': dict(kind='text', required=True, description='identifier, unique across the dataset', pattern=ID_PATTERN),
        'name': dict(kind='text', required=True, description='display name'),
        'sector': dict(kind='enum', required=True, enum=OrgSector, description='vcs, statutory or private'),
        'kind': dict(kind='text', required=False, description='free text, e.g. tenants and residents association'),
        'serves': dict(kind='list', required=False, description='communities it works with or for (community ids, ; separated)', pattern=ID_PATTERN, default=()),
        'count': dict(kind='int', required=False, description='how many organisations this row stands for (default 1)', ge=0, le=MAX_WHOLE, default=1),
        'identifiers': dict(kind='list', required=False, description='external ids, e.g. GB-CHC-1234567 (; separated)', default=()),
        'active': dict(kind='bool', required=False, description='yes/no, default yes; inactive rows take no part in analyses', default=True),
        'notes': dict(kind='text', required=False, description='free text'),
    },
    'networks': {
        'id': dict(kind='text', required=True, description='identifier, unique across the dataset', pattern=ID_PATTERN),
        'name': dict(kind='text', required=True, description='display name'),
        'led_by': dict(kind='enum', required=True, enum=LedBy, description='vcs, statutory or joint'),
        'serves': dict(kind='list', required=False, description='community ids (; separated)', pattern=ID_PATTERN, default=()),
        'notes': dict(kind='text', required=False, description='free text'),
    },
    'partnerships': {
        'id': dict(kind='text', required=True, description='identifier, unique across the dataset', pattern=ID_PATTERN),
        'name': dict(kind='text', required=True, description='display name'),
        'level': dict(kind='enum', required=True, enum=Level, description='board, executive, thematic, subgroup, area, task or other'),
        'feeds_into': dict(kind='list', required=False, description='partnership ids this body reports to (; separated)', pattern=ID_PATTERN, default=()),
        'themes': dict(kind='list', required=False, description='free-text tags (; separated)', default=()),
        'size_min': dict(kind='int', required=False, description='agreed minimum number of seats', ge=0, le=MAX_WHOLE),
        'size_max': dict(kind='int', required=False, description='agreed maximum number of seats', ge=0, le=MAX_WHOLE),
        'min_vcs_share': dict(kind='float', required=False, description='agreed minimum share of seats held by the VCS, 0 to 1', ge=0, le=1, finite=True),
        'required': dict(kind='required', required=False, description='constituencies that must hold at least N filled seats, community_id:N, or community_id:N@group for seats of one group (; separated)', default=()),
        'notes': dict(kind='text', required=False, description='free text'),
        'min_vcs_voting_share': dict(kind='float', required=False, description='agreed minimum share of voting seats held by the VCS, 0 to 1', ge=0, le=1, finite=True),
    },
    'communities': {
        'id': dict(kind='text', required=True, description='identifier, unique across the dataset', pattern=ID_PATTERN),
        'name': dict(kind='text', required=True, description='display name'),
        'kind': dict(kind='enum', required=False, enum=CommunityKind, description='interest (default) or place', default=CommunityKind.interest),
        'part_of': dict(kind='text', required=False, description='the wider community this one belongs to', pattern=ID_PATTERN),
        'population': dict(kind='int', required=False, description='number of people, if known', ge=0, le=MAX_WHOLE),
        'notes': dict(kind='text', required=False, description='free text'),
    },
    'memberships': {
        'member': dict(kind='text', required=True, description='organisation or network id', pattern=ID_PATTERN),
        'network': dict(kind='text', required=True, description='network id', pattern=ID_PATTERN),
        'role': dict(kind='text', required=False, description='free text, e.g. steering group'),
        'since': dict(kind='date', required=False, description='date YYYY-MM-DD'),
        'until': dict(kind='date', required=False, description='date YYYY-MM-DD'),
    },
    'seats': {
        'id': dict(kind='text', required=True, description='identifier of the seat', pattern=ID_PATTERN),
        'partnership': dict(kind='text', required=True, description='partnership id', pattern=ID_PATTERN),
        'sector': dict(kind='enum', required=True, enum=SeatSector, description='vcs, statutory, private, elected or other'),
        'represents': dict(kind='list', required=False, description='community ids the seat speaks for (; separated)', pattern=ID_PATTERN, default=()),
        'selected_by': dict(kind='text', required=False, description='network, organisation or partnership that selects the holder', pattern=ID_PATTERN),
        'method': dict(kind='enum', required=False, enum=Method, description='elected, nominated, appointed, ex_officio, co_opted or standing'),
        'holder': dict(kind='text', required=False, description='organisation id holding the seat; empty = vacant', pattern=ID_PATTERN),
        'person': dict(kind='text', required=False, description='people id of the individual holding it', pattern=ID_PATTERN),
        'voting': dict(kind='bool', required=False, description='yes/no, default yes', default=True),
        'term_start': dict(kind='date', required=False, description='date YYYY-MM-DD'),
        'term_end': dict(kind='date', required=False, description='date YYYY-MM-DD'),
        'notes': dict(kind='text', required=False, description='free text'),
        'group': dict(kind='text', required=False, description='a named set of places on the partnership, e.g. community reps'),
        'reserved_for': dict(kind='list', required=False, description='community ids the place is reserved for (; separated)', pattern=ID_PATTERN, default=()),
        'role': dict(kind='enum', required=False, enum=SeatRole, description='member (default), chair, vice_chair, deputy or observer', default=SeatRole.member),
        'deputy_of': dict(kind='text', required=False, description='the seat id this place deputises for', pattern=ID_PATTERN),
    },
    'links': {
        'source': dict(kind='text', required=True, description='id', pattern=ID_PATTERN),
        'target': dict(kind='text', required=True, description='id', pattern=ID_PATTERN),
        'kind': dict(kind='enum', required=True, enum=LinkKind, description='feeds_into, reports_back, consults or funds'),
        'channel': dict(kind='text', required=False, description='e.g. meeting, newsletter, email, website'),
        'frequency': dict(kind='text', required=False, description='free text, e.g. quarterly'),
        'notes': dict(kind='text', required=False, description='free text'),
        'amount': dict(kind='float', required=False, description='funds links: the amount awarded', ge=0, le=MAX_WHOLE, finite=True),
        'date': dict(kind='date', required=False, description='funds links: the award date, YYYY-MM-DD'),
        'programme': dict(kind='text', required=False, description='funds links: the grant programme'),
    },
    'people': {
        'id': dict(kind='text', required=True, description='identifier', pattern=ID_PATTERN),
        'name': dict(kind='text', required=False, description='display name (personal data)'),
        'organisation': dict(kind='text', required=False, description='organisation id', pattern=ID_PATTERN),
        'notes': dict(kind='text', required=False, description='free text'),
    },
    'reports': {
        'from': dict(kind='text', required=True, description='the seat (or partnership) that reported', pattern=ID_PATTERN),
        'to': dict(kind='text', required=True, description='the network, organisation or partnership reported to', pattern=ID_PATTERN),
        'date': dict(kind='date', required=True, description='when, YYYY-MM-DD'),
        'channel': dict(kind='text', required=False, description='e.g. meeting, newsletter, email'),
        'notes': dict(kind='text', required=False, description='free text'),
    },
}

#: the fields of one ``required`` item (graphmodel.model.Required)
REQUIRED_ITEM_TABLE = {
    'community': dict(kind='text', required=True, pattern=ID_PATTERN),
    'seats': dict(kind='int', required=True, ge=1),
    'group': dict(kind='text', required=False),
}
