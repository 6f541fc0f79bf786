"""engagemap terms: ending, past term, vacant, overloaded, with who selects the next holder."""

import json
from datetime import date

import pytest
from click.testing import CliRunner

from graphmodel import Dataset, NotFound, build_graph, terms
from graphmodel.cli import cli
from helpers import write_dataset

TABLES = {
    "organisations": [{"id": "tra", "name": "Tenants Association", "sector": "vcs"},
                      {"id": "council", "name": "The Council", "sector": "statutory"}],
    "networks": [{"id": "cen", "name": "Community Network", "led_by": "vcs"}],
    "partnerships": [{"id": "board", "name": "The Board", "level": "board"},
                     {"id": "exec", "name": "The Executive", "level": "executive"}],
    "seats": [
        {"id": "today", "partnership": "board", "sector": "vcs", "holder": "tra", "selected_by": "cen",
         "method": "elected", "term_end": "2025-01-01"},
        {"id": "edge", "partnership": "board", "sector": "vcs", "holder": "tra", "selected_by": "cen",
         "method": "nominated", "term_end": "2025-03-01"},
        {"id": "later", "partnership": "board", "sector": "vcs", "holder": "tra", "term_end": "2025-03-02"},
        {"id": "over", "partnership": "exec", "sector": "statutory", "holder": "council", "selected_by": "council",
         "method": "ex_officio", "term_end": "2024-12-31"},
        {"id": "empty", "partnership": "exec", "sector": "vcs", "selected_by": "cen", "method": "co_opted"},
        {"id": "nobody", "partnership": "board", "sector": "other"},
        {"id": "p1", "partnership": "exec", "sector": "vcs", "person": "pat", "selected_by": "cen"},
        {"id": "p2", "partnership": "board", "sector": "vcs", "person": "pat", "holder": "council",
         "method": "appointed"},
        {"id": "sub", "partnership": "board", "sector": "vcs", "deputy_of": "today", "holder": "tra",
         "term_end": "2025-01-02"},
        {"id": "sub2", "partnership": "board", "sector": "vcs", "role": "deputy"},
    ],
    "people": [{"id": "pat", "name": "Pat Secret", "organisation": "tra"}],
}


@pytest.fixture
def graph():
    return build_graph(Dataset(**TABLES))


def test_the_four_lists(graph):
    t = terms(graph, as_of=date(2025, 1, 1), within=59, max_seats=2)
    assert [(p.seat, p.days) for p in t.ending] == [("today", 0), ("edge", 59)]
    assert [(p.seat, p.days) for p in t.past_term] == [("over", 1)]
    assert [p.seat for p in t.vacant] == ["nobody", "empty"]  # by partnership, then id
    assert [(h.id, h.type, h.seats) for h in t.overloaded] == [("tra", "organisation", ["edge", "later", "today"])]
    t = terms(graph, as_of=date(2025, 1, 1), within=60, max_seats=1)
    assert [p.seat for p in t.ending] == ["today", "edge", "later"]
    assert [(h.id, h.type, len(h.seats)) for h in t.overloaded] == [
        ("tra", "organisation", 3), ("council", "organisation", 2), ("pat", "person", 2)]


def test_ending_matches_the_expiring_seats_of_gaps(graph):
    from graphmodel import gaps

    for within in (0, 59, 60, 400):
        t = terms(graph, as_of=date(2025, 1, 1), within=within)
        expiring = [s for p in gaps(graph, as_of=date(2025, 1, 1), expiring_within=within).partnerships
                    for s in p.expiring_seats]
        assert sorted(p.seat for p in t.ending) == sorted(expiring)


def test_who_selects_the_next_holder(graph):
    t = terms(graph, as_of=date(2025, 1, 1), within=60)
    phrases = {p.seat: p.next_holder for p in t.ending + t.past_term + t.vacant}
    assert phrases == {
        "today": "elected by Community Network (cen)",
        "edge": "nominated by Community Network (cen)",
        "later": "who selects is not recorded",
        "over": "ex officio, from The Council (council)",
        "empty": "co-opted by Community Network (cen)",
        "nobody": "who selects is not recorded",
    }


def test_one_partnership(graph):
    t = terms(graph, as_of=date(2025, 1, 1), partnership="exec", max_seats=2)
    assert [p.seat for p in t.ending + t.past_term + t.vacant] == ["over", "empty"]
    assert [h.id for h in t.overloaded] == ["tra"]  # still counts places on every body
    with pytest.raises(NotFound):
        terms(graph, partnership="cen")


def test_people_by_id_only(graph):
    t = terms(graph, as_of=date(2025, 1, 1), max_seats=1)
    assert "Pat Secret" not in json.dumps(t.as_dict())


@pytest.fixture
def dataset(tmp_path):
    return write_dataset(tmp_path, TABLES)


def test_cli_table(dataset):
    out = CliRunner().invoke(cli, ["terms", str(dataset), "--as-of", "2025-01-01", "--within", "59"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0] == "Terms ending within 59 days of 2025-01-01: 2"
    text = " ".join(out.output.split())
    assert ("- today on The Board (held by Tenants Association): ends 2025-01-01 (in 0 days); next holder "
            "elected by Community Network (cen)") in text
    assert "Vacant places: 2" in lines
    assert "Holders of more than 3 places: 0" in lines
    assert "Pat Secret" not in out.output


def test_cli_json_and_csv(dataset):
    data = json.loads(CliRunner().invoke(cli, ["terms", str(dataset), "--as-of", "2025-01-01", "--format",
                                               "json", "--max-seats", "2"]).output)
    assert [p["seat"] for p in data["past_term"]] == ["over"]
    assert data["overloaded"] == [{"id": "tra", "type": "organisation", "name": "Tenants Association",
                                   "seats": 3, "seat_ids": ["edge", "later", "today"]}]
    rows = CliRunner().invoke(cli, ["terms", str(dataset), "--as-of", "2025-01-01", "--format", "csv"]).output
    assert rows.splitlines()[1].startswith("ending,today,board,vcs,tra,2025-01-01,0,cen,elected,")
