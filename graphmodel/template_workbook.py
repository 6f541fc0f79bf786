"""The blank workbook ``engagemap template`` writes, built from the column rules
(:data:`graphmodel.column_specs.COLUMNS`) and :data:`EXAMPLE_ROWS` alone, so it ships pre-built
as ``graphmodel/template.xlsx`` (:data:`SHIPPED`) and the command only copies it (openpyxl is not
even imported). GENERATED: regenerate after changing a column or an example row with

    python -m graphmodel.template_workbook

tests/test_template_workbook.py fails until the shipped file is what this module builds, byte for
byte: the workbook's created and modified times and every zip entry's date are fixed, and the
entries are stored, not compressed, so the bytes depend on openpyxl's output only (not on the zlib
at hand).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from .column_specs import COLUMNS

__all__ = ["EXAMPLE_ROWS", "SHIPPED", "build_template", "template_bytes"]

#: the pre-built workbook, installed with the package
SHIPPED = Path(__file__).with_name("template.xlsx")
#: the workbook's created and modified times: the same rules give the same bytes
_WHEN = datetime(2026, 1, 1)

EXAMPLE_ROWS: dict[str, list[dict[str, str]]] = {
    "organisations": [{"id": "hcvs", "name": "Hackney CVS", "sector": "vcs", "kind": "CVS", "serves": "",
                       "count": "1", "active": "yes"},
                      {"id": "vcs-orgs", "name": "Other VCS organisations", "sector": "vcs", "kind": "placeholder",
                       "serves": "older-people", "count": "1900"}],
    "networks": [{"id": "cen", "name": "Community Empowerment Network", "led_by": "vcs"}],
    "partnerships": [{"id": "board", "name": "Partnership Board", "level": "board", "min_vcs_share": "0.25",
                      "required": "older-people:1"}],
    "communities": [{"id": "older-people", "name": "Older people", "kind": "interest"}],
    "memberships": [{"member": "hcvs", "network": "cen", "role": "steering group"}],
    "seats": [{"id": "board-vcs-1", "partnership": "board", "sector": "vcs", "represents": "older-people",
               "selected_by": "cen", "method": "elected", "holder": "hcvs", "term_end": "2027-03-31",
               "group": "community reps", "role": "vice_chair"},
              {"id": "board-vcs-1-deputy", "partnership": "board", "sector": "vcs", "selected_by": "cen",
               "method": "elected", "role": "deputy", "deputy_of": "board-vcs-1"},
              {"id": "board-place-1", "partnership": "board", "sector": "vcs", "reserved_for": "older-people",
               "role": "observer", "voting": "no"}],
    "links": [{"source": "board-vcs-1", "target": "cen", "kind": "reports_back", "channel": "newsletter",
               "frequency": "quarterly"}],
    "people": [],
    "reports": [{"from": "board-vcs-1", "to": "cen", "date": "2026-04-15", "channel": "newsletter",
                 "notes": "spring newsletter"}],
}


def build_template():
    """The blank workbook as an openpyxl ``Workbook``: an About sheet describing every column, one sheet
    per table with bold headers, a note on each header, drop-down lists for every closed vocabulary
    and yes/no column, and an Example sheet."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    about = book.active
    about.title = "About"
    about.append(["engagemap dataset: one sheet per table; fill in rows under the headers. Lists take ';' "
                  "between items, dates are YYYY-MM-DD, yes/no columns take yes or no. Ids: lowercase letters, "
                  "digits, '-', '_' and '.'. Only the organisations sheet needs rows. This sheet and the Example "
                  "sheet are ignored when the workbook is read."])
    about.append([])
    about.append(["table", "column", "required", "meaning"])
    for cell in about[3]:
        cell.font = Font(bold=True)
    for table, specs in COLUMNS.items():
        for name, spec in specs.items():
            about.append([table, name, "yes" if spec.required else "", spec.description])
        sheet = book.create_sheet(table)
        sheet.append(list(specs))
        for i, (name, spec) in enumerate(specs.items(), start=1):
            cell = sheet.cell(row=1, column=i)
            cell.font = Font(bold=True)
            cell.comment = Comment(("required. " if spec.required else "") + spec.description, "engagemap")
            sheet.column_dimensions[get_column_letter(i)].width = max(12, len(name) + 4)
            choices = list(spec.enum.__members__) if spec.kind == "enum" else (
                ["yes", "no"] if spec.kind == "bool" else None)
            if choices:
                rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                      showErrorMessage=True, errorTitle=f"{name}",
                                      error=f"{name} must be one of: {', '.join(choices)}")
                sheet.add_data_validation(rule)
                rule.add(f"{get_column_letter(i)}2:{get_column_letter(i)}5000")
        sheet.freeze_panes = "A2"
    example = book.create_sheet("Example")
    for table, rows in EXAMPLE_ROWS.items():
        if not rows:
            continue
        example.append([f"{table} (copy rows like these to the {table} sheet)"])
        example[example.max_row][0].font = Font(bold=True)
        columns = list(COLUMNS[table])
        example.append(columns)
        for row in rows:
            example.append([row.get(c, "") for c in columns])
        example.append([])
    return book


def template_bytes() -> bytes:
    """The bytes of the blank workbook: :func:`build_template` saved with fixed times, its entries
    stored in the order openpyxl writes them."""
    from openpyxl.writer.excel import ExcelWriter

    from .xlsx_writing import zip_entry

    book = build_template()
    book.properties.created = book.properties.modified = _WHEN
    saved = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(saved, "w")).save()  # not save_workbook(), which stamps the time
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as written, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as fixed:
        for entry in written.infolist():
            fixed.writestr(zip_entry(entry.filename), written.read(entry))
    return out.getvalue()


if __name__ == "__main__":
    from .files import atomic_file

    with atomic_file(SHIPPED, "wb") as handle:
        handle.write(template_bytes())
