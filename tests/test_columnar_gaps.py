"""The columnar route of ``gaps`` (graphmodel.arrays, graphmodel.columnar_gaps) gives exactly what
representation.gaps gives on the whole graph."""

from datetime import date
from pathlib import Path

import pytest

from graphmodel.arrays import KIND, KINDS, csr, edge_arrays, node_index
from graphmodel.dated import in_force
from graphmodel.load import read_columns, read_graph

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())


def graph_triples(graph) -> list[tuple[str, str, str]]:
    return sorted((u, v, k) for u, v, k in graph.edges(keys=True))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_edge_arrays_are_the_graphs_edges(example):
    tables, _ = read_columns(example)
    graph, _ = read_graph(example)
    index = node_index(tables)
    assert index.ids == list(graph.nodes)
    edges = edge_arrays(tables, index)
    assert edges.triples(index) == graph_triples(graph)
    assert edges.unique().triples(index) == graph_triples(graph)
    assert len(edges.unique()) == graph.number_of_edges()


def plain_gaps(path, as_of, **options):
    from graphmodel.representation import gaps

    graph, _ = read_graph(path)
    return gaps(in_force(graph, as_of), as_of=as_of, **options)


def columnar_gaps(path, as_of, **options):
    from graphmodel.columnar_gaps import gaps_from_columns

    tables, _ = read_columns(path)
    return gaps_from_columns(tables, as_of=as_of, **options)


DAYS = [date(2019, 6, 1), date(2024, 4, 1), date(2026, 11, 23)]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("day", DAYS, ids=str)
def test_columnar_gaps_equal_the_graphs_on_every_example(example, day):
    assert columnar_gaps(example, day).as_dict() == plain_gaps(example, day).as_dict()


def test_json_is_the_same_bytes():
    from graphmodel.output import to_json

    for example in EXAMPLES:
        assert to_json(columnar_gaps(example, DAYS[1]).as_dict()) == to_json(plain_gaps(example, DAYS[1]).as_dict())


def varied_dataset(seed: int, areas: int = 1, communities: int = 0) -> dict[str, list[dict]]:
    """A synthetic dataset (graphmodel.synthetic) with what the synthesis leaves out added at random:
    deputies, observers, non-voting and reserved places, groups and ``required`` rules with groups,
    reports, funds links, a selection cycle, inactive holders and report targets, dated and
    repeated memberships, and (with ``communities``) that many more communities, some part of others."""
    import random

    from graphmodel.synthetic import HEADERS, synthesize

    rng = random.Random(seed)
    rows = {t: [dict(zip(HEADERS[t], r)) for r in found] for t, found in synthesize(areas, seed).items()}
    extra = [f"c{i:03d}" for i in range(communities)]
    for i, c in enumerate(extra):
        part_of = extra[rng.randrange(i)] if i and rng.random() < 0.3 else ""
        rows["communities"].append({"id": c, "name": c.upper(), "kind": "interest", "part_of": part_of})
    for org in rows["organisations"]:
        if extra and rng.random() < 0.3:
            org["serves"] = ";".join(sorted(set(filter(None, org["serves"].split(";") + rng.sample(extra, 2)))))
        if rng.random() < 0.05:
            org["active"] = "no"
    for network in rows["networks"]:
        if extra and rng.random() < 0.3:
            network["serves"] = ";".join(filter(None, [network["serves"], rng.choice(extra)]))
    seats_of: dict[str, list[dict]] = {}
    for seat in rows["seats"]:
        seat.update(role="", deputy_of="", group="", reserved_for="")
        seats_of.setdefault(seat["partnership"], []).append(seat)
    for pid, seats in seats_of.items():
        for seat in seats[1:]:
            roll = rng.random()
            if roll < 0.08:
                seat["deputy_of"] = seats[0]["id"]
            elif roll < 0.12:
                seat["role"] = "deputy"
            elif roll < 0.17:
                seat["role"] = "observer"
            elif roll < 0.22:
                seat["voting"] = "no"
            if rng.random() < 0.2:
                seat["group"] = rng.choice(["Community reps", "community REPS ", "council"])
            if not seat["holder"] and not seat["person"] and rng.random() < 0.5:
                seat["reserved_for"] = ";".join(rng.sample(["bme", "carers", *extra[:3]], 2))
            if extra and rng.random() < 0.3:
                seat["represents"] = ";".join(filter(None, [seat["represents"], rng.choice(extra)]))
            seat["term_end"] = rng.choice(["", "2019-03-31", "2024-05-01", "2024-06-15", "2027-01-01"])
    for part in rows["partnerships"]:
        part["min_vcs_voting_share"] = rng.choice(["", "", "0.5"])
        groups = {s["group"].strip() for s in seats_of.get(part["id"], ()) if s["group"]}
        if groups and rng.random() < 0.4:
            part["required"] = ";".join(filter(None, [part["required"], f"carers:1@{sorted(groups)[0].upper()}"]))
    # a cycle: the board selects a seat on its executive, which feeds into the board
    board, executive = rows["partnerships"][1]["id"], rows["partnerships"][2]["id"]
    assert rows["partnerships"][2]["feeds_into"] == board
    seats_of[executive][0]["selected_by"] = board
    # memberships: dated (since and until), some repeated with other dates
    for m in rows["memberships"]:
        if rng.random() < 0.2:
            m["since"] = rng.choice(["", "2018-01-01", "2024-01-01", "2025-06-01"])
            m["until"] = rng.choice(["", "2019-12-31", "2024-12-31"]) if not m["since"] or m["since"] < "2019" else ""
    for m in rng.sample(rows["memberships"], 30):
        rows["memberships"].append({**m, "since": rng.choice(["", "2024-03-01"]), "until": ""})
    orgs = [o["id"] for o in rows["organisations"]]
    inactive = [o["id"] for o in rows["organisations"] if o["active"] == "no"]
    networks = [n["id"] for n in rows["networks"]]
    parts = [p["id"] for p in rows["partnerships"]]
    for _ in range(40):
        rows["links"].append({"source": rng.choice(orgs), "target": rng.choice(orgs + networks + parts),
                              "kind": "funds", "amount": "1000"})
    seat_ids = [s["id"] for s in rows["seats"]]
    for sid in rng.sample(seat_ids, 20):
        rows["links"].append({"source": sid, "target": rng.choice(inactive), "kind": "reports_back"})
    rows["reports"] = [{"from": rng.choice(seat_ids + parts[:3]), "to": rng.choice(networks + parts),
                        "date": rng.choice(["2019-01-15", "2023-11-30", "2024-05-20", "2026-02-01"]),
                        "channel": rng.choice(["", "meeting"])}
                       for _ in range(150)]
    return rows


@pytest.mark.parametrize("seed, areas, communities", [(1, 1, 0), (2, 2, 0), (3, 1, 70), (4, 1, 130)])
def test_columnar_gaps_equal_the_graphs_on_varied_synthetic_data(tmp_path, seed, areas, communities):
    from graphmodel.output import to_json
    from tests.helpers import write_dataset

    path = write_dataset(tmp_path, varied_dataset(seed, areas, communities))
    # and the days on which a membership begins or ends, or a term ends
    for day in DAYS + [date(2024, 1, 1), date(2024, 5, 1), date(2024, 12, 31)]:
        for options in ({}, {"max_seats": 1, "expiring_within": 400, "stale_after": 2}):
            assert to_json(columnar_gaps(path, day, **options).as_dict()) == \
                to_json(plain_gaps(path, day, **options).as_dict())


def run_gaps(monkeypatch, path, *args, large: bool):
    """``engagemap gaps PATH ARGS`` through click, with the columnar route taken or not."""
    from click.testing import CliRunner

    import graphmodel.load
    from graphmodel.cli import cli

    monkeypatch.setattr(graphmodel.load, "LARGE_BYTES", 0 if large else 10**15)
    return CliRunner().invoke(cli, ["gaps", str(path), *args])


@pytest.mark.parametrize("args", [
    ["--format", "json", "--as-of", "2024-04-01"],
    ["--format", "csv", "--as-of", "2026-11-23", "--max-seats", "1"],
    ["--as-of", "2019-06-01", "--expiring-within", "400", "--stale-after", "2"],
    ["--format", "json", "--as-of", "2024-05-01", "--partnership", "a001-board"],
    ["--partnership", "a001-borad"],  # not found, with a hint
    ["--partnership", "a001-org0001"],  # not a partnership
])
def test_the_gaps_command_takes_the_columnar_route_for_large_folders(tmp_path, monkeypatch, args):
    from tests.helpers import write_dataset

    rows = varied_dataset(5)
    rows["reports"].append({"from": rows["seats"][0]["id"], "to": rows["networks"][0]["id"], "date": "2031-01-01"})
    path = write_dataset(tmp_path, rows)
    columnar = run_gaps(monkeypatch, path, *args, large=True)
    plain = run_gaps(monkeypatch, path, *args, large=False)
    assert (columnar.exit_code, columnar.stdout) == (plain.exit_code, plain.stdout)
    # the same warnings (a report dated after --as-of) and errors; progress lines differ
    assert [line for line in columnar.stderr.splitlines() if not line.startswith("...")] == \
        [line for line in plain.stderr.splitlines() if not line.startswith("...")]
    assert "computing the gaps" in columnar.stderr and "computing the gaps" not in plain.stderr
    if "--partnership" not in args:
        assert "warning:" in columnar.stderr and columnar.exit_code == 0
    elif args[-1] != "a001-board":
        assert columnar.exit_code == 2 and "a001-board" in columnar.stderr or "not a partnership" in columnar.stderr


def test_names_by_table_are_community_bits_names():
    import random

    from graphmodel.columnar_gaps import _Names
    from graphmodel.graph import build_graph
    from graphmodel.model import Dataset
    from graphmodel.representation import CommunityBits

    graph = build_graph(Dataset(communities=[{"id": f"c{i:03d}", "name": "C"} for i in range(70)]))
    bits = CommunityBits(graph)
    names = _Names(bits)
    rng = random.Random(0)
    for mask in [0, 1, bits.all, 1 << 69, 255 << 8] + [rng.getrandbits(70) for _ in range(200)]:
        assert names(mask) == bits.names(mask)
    assert bits.names(bits.all)[-1] == "c069"


def hand_built() -> list[dict[str, list[dict]]]:
    """Small datasets: tests/helpers' small network, one with a report and an inactive report target,
    and ones with empty tables (no partnerships; no seats; no communities; organisations only)."""
    from tests.helpers import small_network

    reported = small_network()
    reported["reports"] = [{"from": "s-board-vcs", "to": "net", "date": "2024-01-10"},
                           {"from": "s-board-vcs", "to": "net", "date": "2025-02-01", "channel": "email"},
                           {"from": "board", "to": "net", "date": "2023-01-01"}]
    reported["links"] += [{"source": "s-board-council", "target": "gone", "kind": "reports_back"},
                          {"source": "s-health-vcs", "target": "gone", "kind": "reports_back"},
                          {"source": "council", "target": "board", "kind": "funds", "amount": 5},
                          {"source": "gone", "target": "board", "kind": "feeds_into"}]
    reported["memberships"] += [{"member": "tra", "network": "forum", "until": "2023-12-31"},
                                {"member": "gone", "network": "net"}]
    no_partnerships = {"organisations": small_network()["organisations"],
                       "communities": small_network()["communities"]}
    no_seats = {**no_partnerships, "partnerships": [{"id": "b", "name": "B", "level": "board", "min_vcs_share": 0.5,
                                                     "required": ["older:1"]}]}
    no_communities = {"organisations": [{"id": "o", "name": "O", "sector": "vcs"}],
                      "partnerships": [{"id": "b", "name": "B", "level": "board"}],
                      "seats": [{"id": "s", "partnership": "b", "sector": "vcs", "holder": "o"}]}
    only = {"organisations": [{"id": "o", "name": "O", "sector": "vcs"}]}
    return [small_network(), reported, no_partnerships, no_seats, no_communities, only]


@pytest.mark.parametrize("number", range(6))
def test_columnar_gaps_equal_the_graphs_on_small_hand_built_data(tmp_path, number):
    from graphmodel.output import to_json
    from tests.helpers import write_dataset

    path = write_dataset(tmp_path, hand_built()[number])
    for day in DAYS + [date(2023, 12, 31), date(2024, 1, 1), date(2020, 1, 1)]:
        for options in ({}, {"max_seats": 0, "stale_after": 20}):
            assert to_json(columnar_gaps(path, day, **options).as_dict()) == \
                to_json(plain_gaps(path, day, **options).as_dict())


def test_a_dated_repeated_membership_is_judged_on_its_last_dates(tmp_path):
    """The graph keeps one member_of edge for a repeated pair, its dates updated row by row."""
    from tests.helpers import write_dataset

    rows = {"organisations": [{"id": "o", "name": "O", "sector": "vcs", "serves": ["c"]}],
            "networks": [{"id": "n", "name": "N", "led_by": "vcs"}],
            "communities": [{"id": "c", "name": "C"}],
            "partnerships": [{"id": "b", "name": "B", "level": "board"}],
            "seats": [{"id": "s", "partnership": "b", "sector": "vcs", "selected_by": "n"}],
            "memberships": [{"member": "o", "network": "n", "until": "2020-01-01"},
                            {"member": "o", "network": "n", "since": "2019-01-01"}]}
    path = write_dataset(tmp_path, rows)
    for day, reached in ((date(2018, 6, 1), False), (date(2019, 6, 1), True), (date(2021, 1, 1), False)):
        found = columnar_gaps(path, day)
        assert found.as_dict() == plain_gaps(path, day).as_dict()
        assert found.partnerships[0].unreached == ([] if reached else ["c"])
        assert found.unconnected_organisations == ([] if reached else ["o"])
