"""The vocabulary module is the one statement of the domain's terms; the package's imports form no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from graphmodel import vocabulary as v
from graphmodel.model import TABLES, Link, Membership

ROOT = Path(__file__).resolve().parent.parent
#: repository folder -> the installed package it becomes (pyproject.toml's package-dir)
PACKAGES = {"graphmodel": "graphmodel", "importers": "graphmodel.importers", "viz": "graphmodel.viz"}


def _module_name(path: Path) -> str:
    folder, *inner = path.parent.relative_to(ROOT).parts
    package = ".".join([PACKAGES[folder], *inner])
    return package if path.stem == "__init__" else f"{package}.{path.stem}"


def _is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Every module of the package that ``module`` imports, at the top or inside functions."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> nx.DiGraph:
    """Module -> the package modules it imports (names that are not modules are dropped)."""
    files = [p for folder in PACKAGES for p in (ROOT / folder).rglob("*.py")]
    modules = {_module_name(p): p for p in files}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target in _imports(tree, module, path.stem == "__init__"):
            if target in modules and target != module:
                graph.add_edge(module, target)
    return graph


def test_the_import_graph_has_no_cycle():
    graph = import_graph()
    assert graph.has_edge("graphmodel.model", "graphmodel.checks")  # the walk sees imports inside functions
    assert graph.has_edge("graphmodel.load", "graphmodel.importers")
    cycles = list(nx.simple_cycles(graph))
    assert cycles == [], " ; ".join(" -> ".join(c + [c[0]]) for c in cycles)


def test_a_cycle_would_be_found():
    tree = ast.parse("from .model import Dataset\n\ndef f():\n    from . import checks\n")
    assert _imports(tree, "graphmodel.checks", False) >= {"graphmodel.model", "graphmodel.checks"}


def test_the_vocabulary_imports_nothing_from_the_package():
    assert list(import_graph().successors("graphmodel.vocabulary")) == []


def test_tables_and_models_follow_the_vocabulary():
    assert tuple(TABLES) == v.TABLE_NAMES
    assert set(v.ENTITY_TABLES) <= set(TABLES)
    assert tuple(Link.model_fields) == ("source", "target", "kind", *v.LINK_ATTRIBUTES)
    assert tuple(Membership.model_fields) == ("member", "network", *v.MEMBERSHIP_ATTRIBUTES)
    for (table, column), allowed in v.REFERENCES.items():
        assert column in TABLES[table].model_fields, (table, column)
        assert set(allowed) <= set(v.ENTITY_TABLES)


def test_link_ends_are_the_edge_kinds_ends():
    assert v.LINK_ENDS[v.LinkKind.feeds_into] == (("networks", "partnerships", "organisations"), ("partnerships",))
    assert v.LINK_ENDS[v.LinkKind.funds] == (("organisations",), ("organisations", "networks", "partnerships"))
    assert set(v.LINK_ENDS) == set(v.LinkKind)
    assert "funds" not in v.REACH_KINDS and v.REACH_KINDS <= set(v.EDGE_KINDS)


def test_synthetic_links_have_every_link_column():
    from graphmodel.synthetic import HEADERS, synthesize

    assert HEADERS["links"] == list(Link.model_fields)
    assert {len(row) for row in synthesize(1)["links"]} == {len(HEADERS["links"])}
    for table, header in HEADERS.items():
        assert set(header) <= set(TABLES[table].model_fields), table


@pytest.mark.parametrize("attrs, filled", [({"holder": "o", "person": None}, True),
                                           ({"holder": None, "person": "p"}, True),
                                           ({"holder": None, "person": None}, False)])
def test_the_filled_rule_is_the_models(attrs, filled):
    from graphmodel.model import Seat

    seat = Seat(id="s", partnership="p", sector="vcs", **{k: x for k, x in attrs.items() if x})
    assert seat.filled is filled is v.is_filled(attrs)


def test_the_active_rule():
    assert [v.takes_part({"type": t, "active": a}) for t, a in
            [("organisation", True), ("organisation", False), ("network", False)]] == [True, False, True]
    assert v.is_active({"type": "organisation"}) is True


def test_merge_rewrites_every_reference_the_vocabulary_names_and_keeps_reports():
    """merging.py reads its reference columns off the vocabulary: a renamed community is rewritten in
    ``reserved_for`` and ``required`` (version 2), and a base with reports merges (it raised KeyError)."""
    import datetime

    from graphmodel.merging import merge
    from graphmodel.model import Dataset

    base = Dataset(organisations=[{"id": "c", "name": "C org", "sector": "vcs"}],
                   networks=[{"id": "n", "name": "N", "led_by": "vcs"}],
                   partnerships=[{"id": "p", "name": "P", "level": "board"}],
                   seats=[{"id": "s", "partnership": "p", "sector": "vcs"}],
                   links=[{"source": "s", "target": "n", "kind": "reports_back"}],
                   reports=[{"from": "s", "to": "n", "date": datetime.date(2025, 1, 1)}])
    addition = Dataset(communities=[{"id": "c", "name": "C community"}],
                       partnerships=[{"id": "q", "name": "Q", "level": "board", "required": ["c:1"]}],
                       seats=[{"id": "s9", "partnership": "q", "sector": "vcs", "reserved_for": ["c"]},
                              {"id": "s10", "partnership": "q", "sector": "vcs", "deputy_of": "s9"}])
    merged = merge(base, addition).dataset
    assert [c.id for c in merged.communities] == ["c-2"]
    seats = {s.id: s for s in merged.seats}
    assert seats["s9"].reserved_for == ("c-2",) and seats["s10"].deputy_of == "s9"
    assert [str(r) for r in merged.partnerships[1].required] == ["c-2:1"]
    assert len(merged.reports) == 1
