"""FORMAT.md section 5 (version 2) on small hand-built datasets, in all four containers,
with exact expected results; and the ``funds`` bug of issue 13 in ``gaps``."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from graphmodel import build_graph, gaps, load_dataset, reach
from graphmodel.cli import cli
from graphmodel.load import read_dataset

from helpers import CONTAINERS, write_dataset


def org(id, sector="vcs", **kw):
    return {"id": id, "name": id.upper(), "sector": sector, **kw}


def net(id, **kw):
    return {"id": id, "name": id.upper(), "led_by": "vcs", **kw}


def part(id, level="board", **kw):
    return {"id": id, "name": id.upper(), "level": level, **kw}


def seat(id, partnership, sector="vcs", **kw):
    return {"id": id, "partnership": partnership, "sector": sector, **kw}


def com(id, **kw):
    return {"id": id, "name": id.upper(), **kw}


def graph_in(tmp_path, tables, container):
    return build_graph(load_dataset(write_dataset(tmp_path, tables, container)))


def gaps_of(tmp_path, tables, container, partnership, **kw):
    return gaps(graph_in(tmp_path, tables, container), partnership, **kw).partnerships[0]


# ------------------------------------------------------------------ issue 13: funds is no reach edge

def test_a_funder_s_serves_is_not_credited_to_the_network_it_funds(tmp_path):
    tables = {
        "organisations": [org("funder", serves=["faith"]), org("tra", serves=["tenants"])],
        "networks": [net("net")],
        "communities": [com("faith"), com("tenants")],
        "partnerships": [part("board")],
        "memberships": [{"member": "tra", "network": "net"}],
        "seats": [seat("s1", "board", selected_by="net")],
        "links": [{"source": "funder", "target": "net", "kind": "funds", "amount": 1000}],
    }
    g = graph_in(tmp_path, tables, "csv")
    assert reach(g, "board").communities == ["tenants"]
    assert gaps(g, "board").partnerships[0].unreached == ["faith"]
