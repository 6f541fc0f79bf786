"""The planner's lazy greedy gives the same picks, in the same order, as plain greedy (issue 10).

`plan` keeps one optimistic key per candidate and re-evaluates only the best, so it is near-linear
on long chains. The reference here is the straightforward version: every round, every candidate's
whole upstream set, less the reach, scored, and the smallest key taken. Hypothesis draws small
datasets with chains, rejoining routes, cycles, inactive organisations and ties, and every option.
"""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphmodel import Dataset, build_graph, plan
from graphmodel.representation import gaps
from graphmodel.traverse import upstream, usable

COMMUNITIES = ["c0", "c1", "c2", "c3"]


def reference(graph, partnership, *, add=5, candidates="any", goal="communities", sector=None, budget=None,
              cost_per_network=None):
    """Plain greedy: (picked id, communities, organisation ids) per round, and why it stopped."""
    nodes = graph.nodes
    reached = set(upstream(graph, partnership))
    open_communities = set(gaps(graph, partnership).partnerships[0].unreached)
    kinds = {"networks": {"network"}, "organisations": {"organisation"}, "any": {"network", "organisation"}}

    def allowed(n):
        a = nodes[n]
        if sector is None:
            return True
        return a.get("sector") == "vcs" if a["type"] == "organisation" else a.get("led_by") == "vcs"

    pool = sorted(n for n in nodes if nodes[n]["type"] in kinds[candidates] and n not in reached
                  and usable(graph, n) and allowed(n))
    first_pool = list(pool)
    limit = add if add is not None else math.inf
    if budget is not None and cost_per_network > 0:
        limit = min(limit, int(budget // cost_per_network + 1e-9))
    chosen = []
    while True:
        scored = []
        for c in pool:
            new = set(upstream(graph, c)) - reached
            served = {s for n in new for s in nodes[n].get("serves", ())} & open_communities
            orgs = sum(nodes[n]["count"] for n in new if nodes[n]["type"] == "organisation")
            people = sum(nodes[s].get("population") or 0 for s in served)
            if not (served or orgs):
                continue
            gain = (people, len(served), orgs) if goal == "communities" else (orgs, people, len(served))
            scored.append(((-gain[0], -gain[1], -gain[2], nodes[c]["type"] != "network", c), c, new, served))
        if not scored:
            stopped = "no candidates" if not first_pool and not chosen else "nothing to add"
            break
        if len(chosen) >= limit:
            stopped = "budget" if budget is not None and limit < (add if add is not None else math.inf) else "add"
            break
        _, c, new, served = min(scored)
        chosen.append((c, sorted(served), sorted(n for n in new if nodes[n]["type"] == "organisation")))
        reached |= new
        open_communities -= served
        pool.remove(c)
    return chosen, stopped


@st.composite
def datasets(draw):
    n_orgs = draw(st.integers(0, 6))
    n_nets = draw(st.integers(0, 7))
    orgs = [f"o{i}" for i in range(n_orgs)]
    nets = [f"n{i}" for i in range(n_nets)]
    organisations = [{"id": o, "name": o, "sector": draw(st.sampled_from(["vcs", "statutory"])),
                      "count": draw(st.integers(0, 3)), "active": draw(st.sampled_from([True, True, False])),
                      "serves": draw(st.lists(st.sampled_from(COMMUNITIES), max_size=2, unique=True))}
                     for o in orgs]
    communities = [{"id": c, "name": c, "population": draw(st.sampled_from([None, 0, 10, 20]))}
                   for c in COMMUNITIES]
    networks = [{"id": n, "name": n, "led_by": draw(st.sampled_from(["vcs", "statutory"])),
                 "serves": draw(st.lists(st.sampled_from(COMMUNITIES), max_size=1))} for n in nets]
    pairs = draw(st.lists(st.tuples(st.sampled_from(orgs + nets), st.sampled_from(nets)), max_size=12,
                          unique=True)) if nets else []
    order = draw(st.permutations(nets))  # memberships between networks follow it: no cycle (refused)
    memberships = [{"member": m, "network": n} for m, n in pairs
                   if m in orgs or order.index(m) < order.index(n)]
    seats = []
    for i, (holder, selector) in enumerate(draw(st.lists(st.tuples(st.sampled_from([None] + orgs),
                                                                   st.sampled_from([None] + nets)), max_size=2))):
        seats.append({"id": f"s{i}", "partnership": "board", "sector": "vcs", "holder": holder,
                      "selected_by": selector, "represents": ["c3"] if i == 0 else []})
    return Dataset(organisations=organisations, communities=communities, networks=networks,
                   partnerships=[{"id": "board", "name": "Board", "level": "board"}],
                   memberships=memberships, seats=seats)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=datasets(), add=st.sampled_from([None, 1, 2, 5]),
       candidates=st.sampled_from(["any", "networks", "organisations"]),
       goal=st.sampled_from(["communities", "organisations"]), sector=st.sampled_from([None, "vcs"]),
       money=st.sampled_from([None, (25, 10), (10, 0), (5, 10)]))
def test_plan_matches_plain_greedy(data, add, candidates, goal, sector, money):
    graph = build_graph(data)
    budget, cost = money if money else (None, None)
    options = dict(add=add, candidates=candidates, goal=goal, sector=sector, budget=budget, cost_per_network=cost)
    result = plan(graph, "board", **options)
    expected, stopped = reference(graph, "board", **options)
    assert [(p.id, p.adds_communities, p.adds_organisation_ids) for p in result.picks] == expected
    assert result.stopped == stopped


def test_chain_that_does_not_reach_picks_its_foot_once():
    # o0 member of n0 member of n1 ... n5: every network adds o0 alone, so the tie goes to the
    # smallest id; once n0 is connected the rest add nothing.
    data = Dataset(organisations=[{"id": "o0", "name": "O", "sector": "vcs", "serves": ["c0"]}],
                   communities=[{"id": "c0", "name": "C"}],
                   networks=[{"id": f"n{i}", "name": f"N{i}", "led_by": "vcs"} for i in range(6)],
                   partnerships=[{"id": "board", "name": "Board", "level": "board"}],
                   memberships=[{"member": "o0", "network": "n0"}]
                   + [{"member": f"n{i}", "network": f"n{i + 1}"} for i in range(5)])
    graph = build_graph(data)
    result = plan(graph, "board", add=None)
    assert [(p.id, p.adds_organisation_ids) for p in result.picks] == [("n0", ["o0"])]
    assert result.stopped == "nothing to add"
    assert reference(graph, "board", add=None) == ([("n0", ["c0"], ["o0"])], "nothing to add")
