"""An importer's rows go through the one validation step (graphmodel.load.validate_tables): every
problem located at the row's input location, the row left out and counted, rows that referred
only to it following."""

from graphmodel.importers.imported import Imported, Origin, validated


def test_problems_are_located_in_the_input_and_rows_that_referred_to_them_follow():
    imp = Imported("x.json")
    imp.add("organisations", {"id": "a", "name": "A", "sector": "vcs"}, Origin("x.json, organizations", 3, "item"))
    imp.add("organisations", {"id": "a", "name": "A2", "sector": "vcs"},
            Origin("x.json, organizations", 7, "item", "org A2"))
    imp.add("organisations", {"id": "b", "name": "B", "sector": "vcs", "serves": ["zz"]},
            Origin("x.json, organizations", 9, "item"))
    imp.add("organisations", {"id": "c", "name": "C", "sector": "Charity", "role": "kept"},
            Origin("x.json, organizations", 10, "item"))
    imp.add("links", {"source": "b", "target": "a", "kind": "funds", "amount": 5},
            Origin("grants.csv", 2, "row", "grant 360G-9"))
    imp.add("links", {"source": "a", "target": "a", "kind": "funds"}, Origin("grants.csv", 3, "row", "grant 360G-10"))
    ds = validated(imp)
    assert [str(w) for w in imp.warnings] == [
        "x.json, organizations, item 10, column sector, value 'Charity': not one of the allowed values: vcs, "
        "statutory, private; left out",
        "x.json, organizations, item 7, column id, value 'a': org A2: the id is already used at x.json, "
        "organizations, item 3; ids must be unique across all tables; left out",
        "x.json, organizations, item 9, column serves, value 'zz': 'zz' is not the id of any community; left out",
        "grants.csv, row 3, column target, value 'a': grant 360G-10: a link cannot join a body to itself; left out",
        "grants.csv, row 2, column source, value 'b': grant 360G-9: 'b' is not the id of any organisation; left out",
    ]
    assert imp.counts == {"left out (organisations)": 3, "left out (links)": 2}
    assert [o.id for o in ds.organisations] == ["a"] and ds.links == ()
    assert imp.tables == {"organisations": [{"id": "a", "name": "A", "sector": "vcs"}]}
    assert [str(o) for o in imp.origins["organisations"]] == ["x.json, organizations, item 3"]
