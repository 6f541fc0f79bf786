"""The engagement graph built from a small hand-built dataset."""

from collections import Counter

from helpers import small_network, write_dataset

from graphmodel import EDGE_KINDS, build_graph, load_dataset


def test_node_types_and_counts(tmp_path):
    g = build_graph(load_dataset(write_dataset(tmp_path, small_network())))
    types = Counter(t for _, t in g.nodes(data="type"))
    assert types == {"organisation": 5, "network": 2, "partnership": 2, "community": 4, "seat": 3, "person": 1}
    assert g.nodes["many"]["count"] == 120
    assert g.nodes["gone"]["active"] is False
    assert g.nodes["board"]["required"] == ("older:1",)
    assert g.nodes["board"]["level"] == "board"  # enums become their plain strings


def test_edge_kinds_and_counts(tmp_path):
    g = build_graph(load_dataset(write_dataset(tmp_path, small_network())))
    kinds = Counter(k for _, _, k in g.edges(keys=True))
    assert kinds == {
        "member_of": 3, "selects": 3, "holds": 3, "sits_on": 3, "feeds_into": 2, "reports_back": 1,
        "consults": 1, "serves": 3, "represents": 1, "part_of": 1, "affiliated_with": 1,
    }
    assert g.has_edge("tra", "forum", "member_of")
    assert g.edges["tra", "forum", "member_of"]["role"] == "steering group"
    assert g.has_edge("p1", "s-board-vcs", "holds") and g.has_edge("cvs", "s-board-vcs", "holds")
    assert g.has_edge("health", "board", "feeds_into") and g.has_edge("forum", "health", "feeds_into")
    assert g.edges["s-board-vcs", "net", "reports_back"]["channel"] == "newsletter"
    assert g.has_edge("older-lgbt", "older", "part_of")


def test_every_edge_joins_the_node_types_its_kind_allows(examples_dir):
    for name in ("hackney", "islington", "gloucester"):
        g = build_graph(load_dataset(examples_dir / name))
        for u, v, kind in g.edges(keys=True):
            sources, targets = EDGE_KINDS[kind]
            assert g.nodes[u]["type"] in sources and g.nodes[v]["type"] in targets, (name, u, v, kind)


def _reference_graph(ds):
    """The graph built through networkx's public API only."""
    import networkx as nx

    from graphmodel.graph import NODE_TYPES, node_attributes

    g = nx.MultiDiGraph(name=ds.name)
    for table, node_type in NODE_TYPES.items():
        for row in ds.rows(table):
            g.add_node(row.id, **node_attributes(row, node_type))

    def add(u, v, kind, **attrs):
        g.add_edge(u, v, key=kind, kind=kind, **{k: x for k, x in attrs.items() if x is not None})

    for row in list(ds.organisations) + list(ds.networks):
        for c in row.serves:
            add(row.id, c, "serves")
    for p in ds.partnerships:
        for t in p.feeds_into:
            add(p.id, t, "feeds_into")
    for c in ds.communities:
        if c.part_of:
            add(c.id, c.part_of, "part_of")
    for m in ds.memberships:
        add(m.member, m.network, "member_of", role=m.role, since=m.since, until=m.until)
    for s in ds.seats:
        add(s.id, s.partnership, "sits_on")
        for c in s.represents:
            add(s.id, c, "represents")
        if s.selected_by:
            add(s.selected_by, s.id, "selects", method=s.method.value if s.method else None)
        for h in (s.holder, s.person):
            if h:
                add(h, s.id, "holds")
    for p in ds.people:
        if p.organisation:
            add(p.id, p.organisation, "affiliated_with")
    for link in ds.links:
        add(link.source, link.target, link.kind.value, channel=link.channel, frequency=link.frequency,
            notes=link.notes)
    reports: dict[str, list] = {}
    for r in sorted(ds.reports, key=lambda r: (r.date, r.to, r.channel or "")):
        reports.setdefault(r.sender, []).append((r.date, r.to, r.channel))
        if g.has_edge(r.sender, r.to, "reports_back"):
            data = g.edges[r.sender, r.to, "reports_back"]
            data["reports"], data["last_reported"] = data.get("reports", 0) + 1, r.date
    g.graph.update(reports=reports, has_reports=bool(reports))
    return g


def test_graph_equals_one_built_through_the_public_api(tmp_path, examples_dir):
    import networkx as nx

    for ds in [load_dataset(write_dataset(tmp_path, small_network())), load_dataset(examples_dir / "hackney")]:
        built, reference = build_graph(ds), _reference_graph(ds)
        assert nx.utils.graphs_equal(built, reference)
        assert dict(built.nodes(data=True)) == dict(reference.nodes(data=True))
        assert sorted(built.edges(keys=True, data=True), key=str) == sorted(
            reference.edges(keys=True, data=True), key=str)


def test_read_graph_equals_build_graph_of_load_dataset(examples_dir, tmp_path):
    import networkx as nx

    from graphmodel.load import read_graph
    from graphmodel.synthetic import write_synthetic

    paths = [examples_dir / n for n in ("hackney", "islington", "gloucester")]
    paths.append(write_synthetic(tmp_path / "synth", areas=2, seed=3))
    for path in paths:
        fast, _ = read_graph(path)
        slow = build_graph(load_dataset(path))
        assert nx.utils.graphs_equal(fast, slow)
        assert {(n, k): type(v) for n, a in fast.nodes(data=True) for k, v in a.items()} == \
               {(n, k): type(v) for n, a in slow.nodes(data=True) for k, v in a.items()}
        assert sorted(fast.edges(keys=True, data=True), key=str) == sorted(slow.edges(keys=True, data=True), key=str)
