"""The library leaves the process as it found it: the garbage collector, the csv module's
field-size limit; and it reads networkx's storage through one adapter only."""

import csv
import gc
import re

import pytest
from helpers import write_dataset

from graphmodel import build_graph, load_dataset
from graphmodel.adjacency import agrees_with_public_api, in_edges, node_data, out_edges, public_api
from graphmodel.load import read_graph

from conftest import ROOT


def _big_cell_dataset(tmp_path):
    return write_dataset(tmp_path, {"organisations": [
        {"id": "a", "name": "A", "sector": "vcs", "notes": "x" * 200_000},
        {"id": "b", "name": "B", "sector": "vcs"}]})


def test_loading_and_analysing_freeze_nothing_and_leave_the_collector_on(tmp_path, examples_dir):
    from graphmodel import gaps, resilience

    gc.unfreeze()  # whatever an earlier test froze goes back to the collector
    frozen = gc.get_freeze_count()
    assert frozen == 0
    graph, _ = read_graph(examples_dir / "hackney")
    build_graph(load_dataset(examples_dir / "gloucester"))
    gaps(graph, "th-board")
    resilience(graph, "th-board")
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()


def test_importing_leaves_the_collector_as_it_found_it(monkeypatch):
    """The importers pause the collector while they build rows and models (graphmodel.gcpause), also when
    their validation raises, and leave it on or off as it was."""
    import graphmodel.load
    from graphmodel.exceptions import DatasetError
    from graphmodel.importers.imported import Imported, Origin, validated

    def imported(row: dict) -> Imported:
        imp = Imported(source="test.json")
        imp.add("organisations", row, Origin("test.json", 1))
        return imp

    gc.unfreeze()
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            assert [o.id for o in validated(imported({"id": "a", "name": "A", "sector": "vcs"})).organisations] == ["a"]
            assert gc.isenabled() is enabled
            with pytest.raises(DatasetError):  # its one organisation left out (no name): nothing to import
                validated(imported({"id": "b", "sector": "vcs"}))
            assert gc.isenabled() is enabled and gc.get_freeze_count() == 0
        finally:
            gc.enable()

    seen: list[bool] = []
    validate = graphmodel.load.validate_tables

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return validate(*args, **kwargs)

    monkeypatch.setattr(graphmodel.load, "validate_tables", watched)
    assert [o.id for o in validated(imported({"id": "c", "name": "C", "sector": "vcs"})).organisations] == ["c"]
    assert seen == [False] and gc.isenabled()  # paused while validating, on again after


def test_the_csv_field_size_limit_is_the_callers_before_during_and_after_reading(tmp_path):
    import graphmodel.importers.containers  # noqa: F401  (importing it changes nothing either)

    previous = csv.field_size_limit(1_000)
    try:
        path = _big_cell_dataset(tmp_path)
        assert load_dataset(path).organisations[0].notes == "x" * 200_000  # read with engagemap's own limit
        rows = iter(read_graph(path)[0].nodes(data="notes"))
        assert next(rows) == ("a", "x" * 200_000)
        assert csv.field_size_limit() == 1_000  # ... and the caller's limit restored
        with pytest.raises(csv.Error):  # the caller's own reading still obeys the caller's limit
            next(csv.reader(["y" * 2_000]))
    finally:
        csv.field_size_limit(previous)


def test_the_adapter_gives_what_networkx_public_api_gives(examples_dir, tmp_path):
    graph, _ = read_graph(examples_dir / "hackney")
    assert agrees_with_public_api(graph)
    nodes, succ, pred = public_api(graph)
    assert node_data(graph) == nodes and out_edges(graph) == succ and in_edges(graph) == pred
    assert out_edges(graph)["better-homes-tenants"] == {k: dict(v) for k, v in graph.succ["better-homes-tenants"].items()}


def test_the_adapter_falls_back_to_the_public_api_when_networkx_stores_a_graph_differently(examples_dir):
    import networkx as nx

    class Elsewhere(nx.MultiDiGraph):
        """A graph whose dicts are not where this networkx keeps them (as a future release might)."""

        def __getattribute__(self, name):
            if name in ("_node", "_succ", "_pred"):
                return _Hidden(object.__getattribute__(self, name))
            return object.__getattribute__(self, name)

    graph, _ = read_graph(examples_dir / "islington")
    moved = graph.copy()
    moved.__class__ = Elsewhere
    assert not isinstance(moved._succ, dict)
    assert node_data(moved) == dict(graph.nodes(data=True))
    assert out_edges(moved) == out_edges(graph) and in_edges(moved) == in_edges(graph)


class _Hidden:
    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def __getitem__(self, key):
        return self.inner[key]

    def __iter__(self):
        return iter(self.inner)

    def __len__(self):
        return len(self.inner)

    def __contains__(self, key):
        return key in self.inner


def test_no_module_but_the_adapter_reads_networkx_private_attributes():
    private = re.compile(r"\._(node|succ|pred|adj)\b")
    offenders = [f"{path.relative_to(ROOT)}:{n}" for folder in ("graphmodel", "importers", "viz")
                 for path in sorted((ROOT / folder).rglob("*.py")) if path.name != "adjacency.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if private.search(line)]
    assert offenders == []
