"""Where the real public files of ../shared/real-data are (tests skip with the reason when absent).

The project's checkout sits beside ``shared/`` (``/work/main`` and ``/work/shared``); a worktree one
level deeper (``/work/wt/<name>``) finds it one level further up. The files are never copied here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[1]
REAL = next((p for p in (_ROOT.parent / "shared" / "real-data", _ROOT.parent.parent / "shared" / "real-data")
             if p.is_dir()), _ROOT.parent / "shared" / "real-data")
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"the real files are not here ({REAL} is absent)")


def counted(output: str) -> dict[str, int]:
    """The "  N  what" lines of an import's printed summary, as {what: N}."""
    found = {}
    for line in output.splitlines():
        parts = line.strip().split("  ", 1)
        if len(parts) == 2 and parts[0].replace(",", "").isdigit():
            found[parts[1].strip()] = int(parts[0].replace(",", ""))
    return found


def table(folder, name: str) -> list[dict]:
    """One written CSV table as dicts (every column, including ones the model does not know yet)."""
    with open(Path(folder) / f"{name}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))
