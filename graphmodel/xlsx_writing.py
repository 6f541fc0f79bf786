"""A workbook of text tables written directly as the parts of an ``.xlsx`` file (Office Open XML):
one sheet per table, the header row bold, every cell an inline string (text, never a formula).

Writing the few parts a spreadsheet needs takes a few milliseconds for a borough's dataset,
where building the same workbook through openpyxl took longer than the rest of ``export`` together
(importing openpyxl alone takes a tenth of a second). LibreOffice, openpyxl and engagemap's own
reader read it (``tests/test_xlsx_writing.py``; Excel was not at hand to try); the entries carry a
fixed date, so the same tables give the same bytes.

>>> import io, zipfile
>>> out = io.BytesIO()
>>> write_workbook(out, [("people", ["id", "name"], [["p1", "Ada & Bo"], ["p2", ""]])])
>>> book = zipfile.ZipFile(out)
>>> book.namelist()[-1]
'xl/worksheets/sheet1.xml'
>>> print(book.read("xl/worksheets/sheet1.xml").decode().split("<sheetData>")[1].split("</row>")[1])
<row r="2"><c r="A2" t="inlineStr"><is><t>p1</t></is></c><c r="B2" t="inlineStr"><is><t>Ada &amp; Bo</t></is></c>
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO

from .xml_escaping import attribute_value, character_data

__all__ = ["write_workbook", "zip_entry", "column_letter", "MAX_CELL_TEXT", "MAX_ROWS"]

_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"

_STYLES = (f'{_DECLARATION}<styleSheet xmlns="{_MAIN}">'
           '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
           '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
           '</styleSheet>')


def zip_entry(name: str) -> zipfile.ZipInfo:
    """A workbook's zip entry with a fixed date and a plain file's permissions: the same parts give
    the same bytes on every system."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.create_system, info.external_attr = 3, 0o100644 << 16
    return info


def column_letter(number: int) -> str:
    """The spreadsheet letters of column ``number`` (1 is A).

    >>> column_letter(1), column_letter(26), column_letter(27), column_letter(703)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: str) -> str:
    """Cell text as XML character data: a carriage return kept as a reference (a parser would
    otherwise read it as a line feed)."""
    text = character_data(text)
    return text.replace("\r", "&#13;") if "\r" in text else text


#: the most characters a cell holds (Excel's limit): longer text is cut there (the export refuses it first)
MAX_CELL_TEXT = 32_767
#: the most rows a worksheet holds (Excel's limit)
MAX_ROWS = 1_048_576


def _cell(ref: str, text: str, style: str) -> str:
    if len(text) > MAX_CELL_TEXT:
        text = text[:MAX_CELL_TEXT]
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>'


def _sheet(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    letters = [column_letter(i) for i in range(1, len(header) + 1)]
    out = ["<row r=\"1\">" + "".join(_cell(f"{c}1", h, ' s="1"') for c, h in zip(letters, header) if h) + "</row>"]
    append = out.append
    number = 1
    for number, row in enumerate(rows, start=2):
        cells = [_cell(f"{c}{number}", text, "") for c, text in zip(letters, row) if text]
        if cells:
            append(f'<row r="{number}">{"".join(cells)}</row>')
    last = f"{letters[-1]}{number}" if letters else "A1"
    return (f'{_DECLARATION}<worksheet xmlns="{_MAIN}"><dimension ref="A1:{last}"/><sheetData>'
            + "".join(out) + "</sheetData></worksheet>").encode("utf-8")


def write_workbook(target: str | os.PathLike | IO[bytes],
                   sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[str]]]]) -> None:
    """Write ``sheets`` (each a name, its header and its rows of cell texts, ``""`` for an empty
    cell) as an ``.xlsx`` workbook at ``target`` (a path or a binary file), the headers bold.
    Every text must already be one XML can hold (see :func:`graphmodel.output.xml_text`); a text
    longer than :data:`MAX_CELL_TEXT` is cut there (a spreadsheet holds no more in a cell). Sheet
    names are Excel's (at most 31 characters, none of ``[]:*?/\\``)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as book:
        def put(name: str, data: bytes | str) -> None:
            info = zip_entry(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            book.writestr(info, data, compresslevel=1)  # a fifth of the time of the default level

        names = []
        parts = []
        for number, (name, header, rows) in enumerate(sheets, start=1):
            names.append(name)
            parts.append((f"xl/worksheets/sheet{number}.xml", _sheet(header, rows)))
        overrides = "".join(f'<Override PartName="/{part}" ContentType="{_TYPE}.worksheet+xml"/>' for part, _ in parts)
        put("[Content_Types].xml",
            f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>{overrides}</Types>')
        put("_rels/.rels",
            f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
            f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>")
        put("xl/workbook.xml",
            f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><sheets>'
            + "".join(f'<sheet name="{attribute_value(name)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, name in enumerate(names, start=1))
            + "</sheets></workbook>")
        put("xl/_rels/workbook.xml.rels",
            f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{_RELATIONSHIPS}/worksheet" '
                      f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(names) + 1))
            + f'<Relationship Id="rId{len(names) + 1}" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
            "</Relationships>")
        put("xl/styles.xml", _STYLES)
        for part, data in parts:
            put(part, data)
