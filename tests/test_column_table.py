"""graphmodel/column_table.py is what the pydantic models give: the models stay the one statement of each
column's rules, and the committed table the loader reads (without importing pydantic) cannot drift from them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from graphmodel.column_specs import COLUMNS, REQUIRED_ITEM, column_table_source, specs_from_models

TABLE = Path(__file__).resolve().parent.parent / "graphmodel" / "column_table.py"


def test_the_committed_table_is_the_one_the_models_give():
    assert TABLE.read_text(encoding="utf-8") == column_table_source(), (
        "graphmodel/column_table.py is out of date: run python -m graphmodel.column_specs")


def test_the_specs_read_from_the_table_equal_the_specs_read_off_the_models():
    columns, item = specs_from_models()
    assert COLUMNS == columns
    assert REQUIRED_ITEM == item
    assert COLUMNS["links"]["amount"].finite and COLUMNS["seats"]["role"].default.value == "member"


def test_a_changed_model_changes_the_generated_table():
    """The generator reads the models themselves: a field given another bound in a fresh interpreter
    comes out in the source (so the byte comparison above would turn red)."""
    code = ("import annotated_types\n"
            "from graphmodel import model\n"
            "model.Partnership.model_fields['size_min'].metadata[0] = annotated_types.Ge(2)\n"
            "from graphmodel.column_specs import column_table_source\n"
            "print(column_table_source())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert "'size_min': dict(kind='int', required=False, description='agreed minimum number of seats', ge=2" \
        in done.stdout
    assert done.stdout != TABLE.read_text(encoding="utf-8")
