"""Single points of failure (FORMAT.md section 5): hand-built graphs with known answers, and a
brute-force remove-and-recompute check on random small datasets."""

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphmodel import Dataset, NotFound, build_graph, cut_sets, reach, resilience, resilience_all
from graphmodel.cli import cli
from graphmodel.traverse import upstream
from helpers import write_dataset
from test_analyses import com, member, net, org, part, seat


def points(result):
    return [(p.id, p.type, p.cuts_organisations, p.cuts_communities) for p in result.points]


def brute_force(graph, partnership):
    """Remove each node of the reach in turn and recompute the reach from scratch."""
    before = reach(graph, partnership)
    weight = {o.id: o.count for o in before.organisations}
    found = []
    for node in upstream(graph, partnership):
        if node == partnership:
            continue
        smaller = graph.copy()
        smaller.remove_node(node)
        after = reach(smaller, partnership)
        lost = set(weight) - {o.id for o in after.organisations} - {node}
        cuts = sum(weight[o] for o in lost)
        if cuts > 0:
            found.append((node, graph.nodes[node]["type"], cuts,
                          sorted(set(before.communities) - set(after.communities))))
    return sorted(found, key=lambda p: (-p[2], p[0]))


# ------------------------------------------------------------------ hand-built graphs

@pytest.fixture
def chain():
    """Everyone reaches the board through one network, one seat and the executive."""
    return build_graph(Dataset(
        organisations=[org("a", count=10, serves=["older"]), org("b", count=3, serves=["youth"]),
                       org("c", serves=["older"]), org("gone", active=False, serves=["faith"])],
        communities=[com("older"), com("youth"), com("faith")],
        networks=[net("forum"), net("sub")],
        partnerships=[part("board"), part("exec", "executive", feeds_into=["board"])],
        memberships=[member("a", "sub"), member("sub", "forum"), member("b", "forum"), member("c", "forum"),
                     member("gone", "forum")],
        seats=[seat("s1", "exec", selected_by="forum", holder="c")],
    ))


def test_chain_one_network_carries_everyone(chain):
    assert points(resilience(chain, "board")) == [
        ("exec", "partnership", 14, ["older", "youth"]),
        ("s1", "seat", 14, ["older", "youth"]),
        ("forum", "network", 13, ["youth"]),  # c still holds the seat, so older people keep a voice
        ("sub", "network", 10, []),
    ]
    assert resilience(chain, "board").reach_total == 14
    assert points(resilience(chain, "board")) == brute_force(chain, "board")


def test_top_keeps_the_worst(chain):
    assert [p.id for p in resilience(chain, "board", top=2).points] == ["exec", "s1"]


def test_two_parallel_routes_nothing_is_critical():
    g = build_graph(Dataset(
        organisations=[org("a", count=4), org("b")],
        networks=[net("n1"), net("n2")],
        partnerships=[part("board")],
        memberships=[member("a", "n1"), member("a", "n2"), member("b", "n1"), member("b", "n2")],
        seats=[seat("s1", "board", selected_by="n1"), seat("s2", "board", selected_by="n2")],
    ))
    result = resilience(g, "board")
    assert result.points == [] and result.reach_total == 5
    assert brute_force(g, "board") == []
    # no organisation is cut, but losing a seat leaves the network that selects it without a route
    assert cut_sets(g, "board") == {"s1": ["n1"], "s2": ["n2"]}


def test_person_holding_three_seats_is_not_a_point():
    """A person who holds three seats reaches the board through each, but carries no one:
    organisations reach seats through the networks that select them, not through the holder."""
    g = build_graph(Dataset(
        organisations=[org("a", count=2, serves=["older"]), org("b", serves=["youth"]), org("home")],
        communities=[com("older"), com("youth")],
        networks=[net("n1"), net("n2")],
        partnerships=[part("board")],
        memberships=[member("a", "n1"), member("b", "n2")],
        seats=[seat("s1", "board", selected_by="n1", person="pat"),
               seat("s2", "board", selected_by="n2", person="pat"),
               seat("s3", "board", holder="home", person="pat")],
        people=[{"id": "pat", "name": "Pat Smith", "organisation": "home"}],
    ))
    assert points(resilience(g, "board")) == [
        ("n1", "network", 2, ["older"]), ("s1", "seat", 2, ["older"]),
        ("n2", "network", 1, ["youth"]), ("s2", "seat", 1, ["youth"]), ("s3", "seat", 1, []),
    ]
    assert points(resilience(g, "board")) == brute_force(g, "board")
    assert "pat" not in cut_sets(g, "board")
    assert cut_sets(g, "board")["s1"] == ["a", "n1"]  # pat still holds s2 and s3


def test_cut_sets_name_every_node_left_without_a_path(chain):
    cuts = cut_sets(chain, "board")
    assert cuts["forum"] == ["a", "b", "sub"]  # c holds s1 itself
    assert cuts["s1"] == sorted(["forum", "sub", "a", "b", "c"])
    assert cuts["exec"] == sorted(["s1", "forum", "sub", "a", "b", "c"])
    assert cuts["sub"] == ["a"]
    assert set(cuts) == {"exec", "s1", "forum", "sub"}


def test_an_organisation_reaching_through_two_networks_hangs_under_their_common_dominator():
    g = build_graph(Dataset(
        organisations=[org("a", count=7, serves=["older"]), org("b", serves=["older"])],
        communities=[com("older")],
        networks=[net("top"), net("left"), net("right")],
        partnerships=[part("board")],
        memberships=[member("a", "left"), member("a", "right"), member("left", "top"), member("right", "top"),
                     member("b", "right")],
        seats=[seat("s", "board", selected_by="top")],
    ))
    assert points(resilience(g, "board")) == [
        ("s", "seat", 8, ["older"]), ("top", "network", 8, ["older"]), ("right", "network", 1, []),
    ]
    assert points(resilience(g, "board")) == brute_force(g, "board")


def test_not_a_partnership(chain):
    with pytest.raises(NotFound, match="forum"):
        resilience(chain, "forum")


def test_resilience_all_matches_one_by_one(chain):
    assert [r.as_dict() for r in resilience_all(chain)] == [resilience(chain, p).as_dict()
                                                            for p in ("board", "exec")]


# ------------------------------------------------------------------ random small datasets

@st.composite
def datasets(draw):
    n_org, n_net, n_part = draw(st.integers(1, 7)), draw(st.integers(0, 5)), draw(st.integers(1, 4))
    coms = ["c0", "c1", "c2"]
    orgs = [org(f"o{i}", count=draw(st.integers(0, 3)), active=draw(st.booleans() | st.just(True)),
                serves=draw(st.lists(st.sampled_from(coms), unique=True, max_size=2)))
            for i in range(n_org)]
    nets = [net(f"n{i}", serves=draw(st.lists(st.sampled_from(coms), unique=True, max_size=1)))
            for i in range(n_net)]
    parts = [part(f"p{i}", feeds_into=draw(st.lists(st.sampled_from([f"p{j}" for j in range(i)]), unique=True,
                                                    max_size=2)) if i else [])
             for i in range(n_part)]
    members = set()
    for i in range(n_org):
        for n in draw(st.lists(st.integers(0, n_net - 1), unique=True, max_size=2)) if n_net else []:
            members.add((f"o{i}", f"n{n}"))
    for i in range(1, n_net):
        for n in draw(st.lists(st.integers(0, i - 1), unique=True, max_size=2)):
            members.add((f"n{i}", f"n{n}"))
    people = [{"id": "pp0", "name": "Person Zero"}, {"id": "pp1", "name": "Person One"}]
    selectors = [f"n{i}" for i in range(n_net)] + [f"o{i}" for i in range(n_org)] + [None]
    seats = []
    for k in range(draw(st.integers(0, 8))):
        seats.append(seat(f"s{k}", f"p{draw(st.integers(0, n_part - 1))}",
                          selected_by=draw(st.sampled_from(selectors)),
                          holder=draw(st.sampled_from([f"o{i}" for i in range(n_org)] + [None])),
                          person=draw(st.sampled_from(["pp0", "pp1", None]))))
    links = []
    for source in draw(st.lists(st.sampled_from(selectors[:-1]), unique=True, max_size=3)):
        links.append({"source": source, "target": f"p{draw(st.integers(0, n_part - 1))}", "kind": "feeds_into"})
    return Dataset(organisations=orgs, networks=nets, partnerships=parts, communities=[com(c) for c in coms],
                   memberships=[member(m, n) for m, n in sorted(members)], seats=seats, links=links,
                   people=people)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_matches_brute_force_on_random_datasets(ds):
    g = build_graph(ds)
    for result in resilience_all(g):
        assert points(result) == brute_force(g, result.partnership), result.partnership
        assert result.reach_total == reach(g, result.partnership).total


# ------------------------------------------------------------------ command line

@pytest.fixture
def chain_dataset(tmp_path):
    return write_dataset(tmp_path, {
        "organisations": [org("a", count=10, serves=["older"]), org("b", count=3)],
        "communities": [com("older")],
        "networks": [net("forum")],
        "partnerships": [part("board")],
        "memberships": [member("a", "forum"), member("b", "forum")],
        "seats": [seat("s1", "board", selected_by="forum")],
    })


def test_cli_json(chain_dataset):
    result = CliRunner().invoke(cli, ["resilience", str(chain_dataset), "--partnership", "board",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["partnership"] == "board"
    assert [(p["id"], p["type"], p["cuts_organisations"], p["cuts_communities"]) for p in data["points"]] == [
        ("forum", "network", 13, ["older"]), ("s1", "seat", 13, ["older"])]


def test_cli_table_and_csv(chain_dataset):
    table = CliRunner().invoke(cli, ["resilience", str(chain_dataset), "-p", "board", "--top", "1"])
    assert table.exit_code == 0, table.output
    assert "forum" in table.output and "s1" not in table.output.split("\n", 2)[2]
    assert "13 of 13" in table.output
    csv = CliRunner().invoke(cli, ["resilience", str(chain_dataset), "-p", "board", "--format", "csv"])
    assert csv.output.splitlines() == ["id,type,name,cuts_organisations,cuts_communities",
                                       "forum,network,FORUM,13,older", "s1,seat,s1,13,older"]


def test_cli_unknown_partnership(chain_dataset):
    result = CliRunner().invoke(cli, ["resilience", str(chain_dataset), "-p", "bord"])
    assert result.exit_code == 2
    assert "no partnership with id 'bord'" in result.output


def test_a_cycle_in_the_reach_graph_still_gives_exact_dominators():
    """Version 2 lets a partnership select a seat on another body, which can close a circle
    (exec selects a seat on thm, thm feeds into exec); the tree must still be exact."""
    g = build_graph(Dataset(
        organisations=[org("a", count=3), org("b", count=2)],
        networks=[net("n1"), net("n2")],
        partnerships=[part("board"), part("exec", "executive", feeds_into=["board"]),
                      part("thm", "thematic", feeds_into=["exec"])],
        memberships=[member("a", "n1"), member("b", "n2")],
        seats=[seat("s_thm", "thm", selected_by="n1"), seat("s_exec", "exec", selected_by="n2"),
               seat("s_back", "thm")],
    ))
    g.add_edge("exec", "s_back", key="selects", kind="selects")
    assert points(resilience(g, "board")) == brute_force(g, "board") == [
        ("exec", "partnership", 5, []), ("n1", "network", 3, []), ("s_thm", "seat", 3, []),
        ("thm", "partnership", 3, []), ("n2", "network", 2, []), ("s_exec", "seat", 2, []),
    ]
    assert points(resilience(g, "exec")) == brute_force(g, "exec")


def test_a_partnership_selecting_a_seat_on_another_is_a_point():
    """Version 2: a community safety partnership picks the crime representative on the board."""
    g = build_graph(Dataset(
        organisations=[org("police", "statutory", count=1), org("victims", count=4, serves=["older"])],
        communities=[com("older")],
        networks=[net("victims-forum")],
        partnerships=[part("board"), part("csp", "thematic")],
        memberships=[member("victims", "victims-forum")],
        seats=[seat("csp-police", "csp", "statutory", holder="police"),
               seat("csp-victims", "csp", selected_by="victims-forum"),
               seat("board-crime", "board", "statutory", selected_by="csp")],
    ))
    assert points(resilience(g, "board")) == brute_force(g, "board") == [
        ("board-crime", "seat", 5, ["older"]), ("csp", "partnership", 5, ["older"]),
        ("csp-victims", "seat", 4, ["older"]), ("victims-forum", "network", 4, ["older"]),
        ("csp-police", "seat", 1, []),
    ]
