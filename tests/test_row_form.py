"""One form of rows for the checks across rows: the loader's (entity tables as row dicts, the
others as Columns); rows given otherwise (a dataset's model dicts) are put in that form once, on
the way in, so the checks find the same problems in either."""

import datetime
import json

from graphmodel.checks import reports_after, table_problems
from graphmodel.columns import Columns, rows
from graphmodel.load import _read

DATASET = {
    "organisations": [{"id": "a", "name": "A", "sector": "vcs"}, {"id": "b", "name": "B", "sector": "vcs"}],
    "networks": [{"id": "n", "name": "N", "led_by": "vcs"}],
    "partnerships": [{"id": "p", "name": "P", "level": "board", "feeds_into": "q"},
                     {"id": "q", "name": "Q", "level": "board", "feeds_into": "p"}],
    "memberships": [{"member": "a", "network": "n"}, {"member": "a", "network": "nowhere"}],
    "links": [{"source": "n", "target": "p", "kind": "feeds_into"}, {"source": "n", "target": "p", "kind": "feeds_into"},
              {"source": "a", "target": "a", "kind": "funds"}],
    "reports": [{"from": "p", "to": "b", "date": "2030-01-01"}],
}


def test_the_checks_find_the_same_in_the_loaders_form_and_as_row_dicts(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(json.dumps(DATASET))
    loaded = _read(path).rows
    assert isinstance(loaded["memberships"], Columns) and isinstance(loaded["organisations"], list)
    as_dicts = {t: list(rows(table)) for t, table in loaded.items()}
    found = table_problems(loaded)
    assert found == table_problems(as_dicts)
    assert [(f.table, f.index, f.message) for f in found if f.table != "partnerships"] == [
        ("memberships", 1, "'nowhere' is not the id of any network"),
        ("links", 1, "the same feeds_into link from 'n' to 'p' appears more than once"),
        ("links", 2, "a link cannot join a body to itself"),
        ("reports", 0, "'p' has no reports_back link to 'b'; add the link, or check the report"),
    ]
    day = datetime.date(2026, 1, 1)
    assert reports_after(loaded["reports"], day) == reports_after(as_dicts["reports"], day) != []


def test_the_graph_is_the_same_from_the_loaders_form_and_from_row_dicts(examples_dir):
    from graphmodel.graph import graph_from_rows

    loaded = _read(examples_dir / "hackney").rows
    as_dicts = {t: [dict(r) for r in rows(table)] for t, table in loaded.items()}
    one, other = graph_from_rows("h", loaded), graph_from_rows("h", as_dicts)
    assert len(loaded["memberships"]) > 50 and one.number_of_edges() > 100
    assert dict(one.nodes(data=True)) == dict(other.nodes(data=True))
    assert sorted(one.edges(keys=True, data=True), key=repr) == sorted(other.edges(keys=True, data=True), key=repr)
    assert one.graph == other.graph
