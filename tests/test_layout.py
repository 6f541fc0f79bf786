"""The README's "Where each concept lives" names places that exist: every file or folder, and every
name given in brackets after one (a module's function, class or constant, or a package's module)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: repository folder -> the installed package it becomes (pyproject.toml's package-dir)
PACKAGES = {"graphmodel": "graphmodel", "importers": "graphmodel.importers", "viz": "graphmodel.viz"}


def _table() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Where each concept lives", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:3] for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return [(concept.strip(), place.strip()) for concept, place in rows[1:]]


def _places(cell: str) -> list[tuple[str, list[str]]]:
    """Each ``path`` in a cell with the backticked identifiers in the brackets right after it."""
    found = []
    for match in re.finditer(r"`([\w./]+/[\w./]*)`(?: \(([^)]*)\))?", cell):
        names = re.findall(r"`([A-Za-z_]\w*)`", match.group(2) or "")
        found.append((match.group(1), names))
    return found


def _module(path: str) -> str:
    folder, *inner = Path(path.rstrip("/")).with_suffix("").parts
    return ".".join([PACKAGES[folder], *inner])


def test_every_place_named_exists():
    table = _table()
    assert len(table) >= 20 and any("required" in concept for concept, _ in table)
    checked = 0
    for concept, cell in table:
        places = _places(cell)
        assert places, f"no place named for {concept!r}"
        for path, names in places:
            assert (ROOT / path).exists(), (concept, path)
            for name in names:
                if path.endswith("/"):
                    assert (ROOT / path / f"{name}.py").exists(), (concept, path, name)
                else:
                    assert hasattr(importlib.import_module(_module(path)), name), (concept, path, name)
                checked += 1
    assert checked >= 30


def test_every_file_the_section_names_exists():
    """Beyond the table: the files named where the section says which rules are stated twice on
    purpose (and the tests guarding them)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Where each concept lives", 1)[1].split("\n## ", 1)[0]
    twice = section.split("Stated twice on purpose", 1)[1]
    paths = re.findall(r"`((?:graphmodel|importers|viz|tests)/[\w./]+)`", twice)
    assert len(paths) >= 10 and "graphmodel/columnar_gaps.py" in paths
    assert [p for p in paths if not (ROOT / p).exists()] == []


def test_a_wrong_place_would_be_found():
    assert _places("`graphmodel/model.py` (`Required`, `parse_required`)") == [
        ("graphmodel/model.py", ["Required", "parse_required"])]
    assert not hasattr(importlib.import_module(_module("graphmodel/load.py")), "no_such_function")
    assert not (ROOT / "importers" / "containers_old.py").exists()


def test_every_package_folder_is_in_the_wheel():
    """pyproject.toml lists the packages by hand: a new subpackage (graphmodel/cli/) must be listed,
    or the wheel would install without it (editable installs would still work)."""
    tomllib = __import__("pytest").importorskip("tomllib", reason="tomllib is Python 3.11+")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    folders = {_module(str(p.parent.relative_to(ROOT)) + "/") for folder in PACKAGES
               for p in (ROOT / folder).rglob("__init__.py")}
    assert "graphmodel.cli" in folders and folders <= listed, sorted(folders - listed)
