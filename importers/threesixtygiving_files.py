"""The 360Giving standard's fields as its files name them, and the three forms a file of grants comes
in (flattened CSV or XLSX, a JSON package) read into flat grants, each with its input location.
:mod:`graphmodel.importers.threesixtygiving` turns these into organisations and ``funds`` links.

>>> header_field("Recipient Org: Identifier"), header_field("recipientOrganization/0/id")
('recipient_id', 'recipient_id')
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from pathlib import Path
from typing import Any, Iterator

from graphmodel.exceptions import DatasetError, Problem

from .csv_reader import cell_limit
from .imported import Imported, Origin, read_text

__all__ = ["FIELDS", "header_field"]

#: field -> (flattened title, JSON path) as the 360Giving standard names them
FIELDS: dict[str, tuple[str, str]] = {
    "id": ("Identifier", "id"),
    "title": ("Title", "title"),
    "description": ("Description", "description"),
    "currency": ("Currency", "currency"),
    "amount": ("Amount Awarded", "amountAwarded"),
    "date": ("Award Date", "awardDate"),
    "recipient_id": ("Recipient Org:Identifier", "recipientOrganization/id"),
    "recipient_name": ("Recipient Org:Name", "recipientOrganization/name"),
    "recipient_charity": ("Recipient Org:Charity Number", "recipientOrganization/charityNumber"),
    "recipient_company": ("Recipient Org:Company Number", "recipientOrganization/companyNumber"),
    "recipient_type": ("Recipient Org:Organisation Type", "recipientOrganization/organisationType"),
    "recipient_city": ("Recipient Org:City", "recipientOrganization/addressLocality"),
    "recipient_postcode": ("Recipient Org:Postal Code", "recipientOrganization/postalCode"),
    "individual_id": ("Recipient Ind:Identifier", "recipientIndividual/id"),
    "funder_id": ("Funding Org:Identifier", "fundingOrganization/id"),
    "funder_name": ("Funding Org:Name", "fundingOrganization/name"),
    "programme": ("Grant Programme:Title", "grantProgramme/title"),
    "location_name": ("Beneficiary Location:Name", "beneficiaryLocation/name"),
    "location_code": ("Beneficiary Location:Geographic Code", "beneficiaryLocation/geoCode"),
    "location_type": ("Beneficiary Location:Geographic Code Type", "beneficiaryLocation/geoCodeType"),
}
_EXTRA_TITLES = {"recipientorg:postcode": "recipient_postcode", "recipientorg:id": "recipient_id",
                 "fundingorg:id": "funder_id", "recipientorganisation:identifier": "recipient_id",
                 "fundingorganisation:identifier": "funder_id", "amount": "amount", "awardeddate": "date",
                 "recipientorg:charitynumber": "recipient_charity", "recipientorg:companynumber": "recipient_company",
                 "beneficiarylocation:geocode": "location_code", "beneficiarylocation:geocodetype": "location_type"}
_LISTS = ("location_name", "location_code", "location_type", "programme")


def _key(text: Any) -> str:
    parts = re.split(r"[:/]", str(text or "").lower())
    return ":".join(re.sub(r"[\s_]+", "", p) for p in parts if p.strip() and not p.strip().isdigit())


_HEADERS = {_key(t): f for f, names in FIELDS.items() for t in names}
_HEADERS.update(_EXTRA_TITLES)
_HEADERS["identifier"] = "id"


def header_field(header: Any) -> str | None:
    """The field a column header means (``None`` when it is not one engagemap reads)."""
    return _HEADERS.get(_key(header))


def _flat(header: list, rows: Iterator[tuple[int, list]], source: str) -> Iterator[tuple[Origin, dict]]:
    fields: list[tuple[int, str]] = [(i, f) for i, f in ((i, header_field(h)) for i, h in enumerate(header)) if f]
    found = {f for _, f in fields}
    missing = [f for f in ("funder_id", "recipient_id") if f not in found
               and not (f == "recipient_id" and found & {"recipient_charity", "recipient_company"})]
    if missing:
        shown = [str(h) for h in header if h not in (None, "")]
        problems = []
        for f in missing:
            close = difflib.get_close_matches(FIELDS[f][0], shown, n=1, cutoff=0.5)
            hint = f"; the closest header is {close[0]!r}" if close else f"; the headers are {', '.join(shown[:30])}"
            problems.append(Problem(source, 1, FIELDS[f][0], None, f"the 360Giving column {FIELDS[f][0]!r} (or "
                                    f"{FIELDS[f][1]!r}) is missing{hint}"))
        raise DatasetError(problems)
    for number, cells in rows:
        grant: dict[str, Any] = {}
        for i, f in fields:
            value = cells[i] if i < len(cells) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if f in _LISTS:
                grant.setdefault(f, []).append(value)
            else:
                grant.setdefault(f, value)
        yield Origin(source, number, "row"), grant


def _csv_rows(path: Path, imp: Imported) -> Iterator[tuple[Origin, dict]]:
    text, note = read_text(path)
    if note:
        imp.notes.append(note)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        with cell_limit():
            header = next(reader, [])
            rows = [(n, r) for n, r in enumerate(reader, start=2)]
    except csv.Error as err:
        raise DatasetError([Problem(path.name, reader.line_num, None, None, f"cannot be read as CSV ({err})")]) \
            from None
    return _flat(header, iter(rows), path.name)


def _xlsx_rows(path: Path, imp: Imported) -> list[tuple[Origin, dict]]:
    from openpyxl import load_workbook
    from zipfile import BadZipFile

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as err:
        raise DatasetError([Problem(path.name, None, None, None, f"cannot be read as an Excel workbook ({err})")]) \
            from None
    found: list[tuple[Origin, dict]] = []
    grant_sheets, other = [], []
    try:
        for sheet in book.worksheets:  # every sheet of grants is read (some publishers split by year)
            rows = sheet.iter_rows(values_only=True)
            for number, header in enumerate(rows, start=1):  # the header may sit below a title
                fields = {header_field(h) for h in header or ()}
                if {"funder_id", "recipient_id"} <= fields or ("id" in fields and "amount" in fields):
                    source = f"{path.name}, sheet {sheet.title!r}"
                    numbered = ((n, list(r)) for n, r in enumerate(rows, start=number + 1))
                    found += _flat(list(header), numbered, source)
                    grant_sheets.append(sheet.title)
                    break
                if number >= 10:
                    other.append(sheet.title)
                    break
            else:
                other.append(sheet.title)
    finally:
        book.close()
    if not grant_sheets:
        names = ", ".join(repr(s) for s in other)
        raise DatasetError([Problem(path.name, None, None, None, f"no sheet has 360Giving headers (Identifier, "
                                    f"Funding Org:Identifier, Recipient Org:Identifier) in its first 10 rows; "
                                    f"the sheets are {names}")])
    if other:
        imp.notes.append(f"{path.name}: sheet{'s' if len(other) > 1 else ''} {', '.join(map(repr, other))} "
                         f"without 360Giving headers not read (grants read from "
                         f"{', '.join(map(repr, grant_sheets))})")
    return found


def _json_rows(path: Path, imp: Imported) -> list[tuple[Origin, dict]]:
    text, note = read_text(path)
    if note:
        imp.notes.append(note)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise DatasetError([Problem(path.name, err.lineno, None, None, f"cannot be read as JSON ({err.msg}, column "
                                    f"{err.colno})", row_label="line")]) from None
    grants = doc.get("grants") if isinstance(doc, dict) else doc
    if not isinstance(grants, list):
        raise DatasetError([Problem(path.name, None, None, None, "a 360Giving JSON package is an object with a "
                                                                 "\"grants\" list")])
    out = []
    for n, grant in enumerate(grants, start=1):
        origin = Origin(f"{path.name}, grants", n, "item")
        if not isinstance(grant, dict):
            out.append((origin, None))
            continue
        flat: dict[str, Any] = {}
        for f, (_, json_path) in FIELDS.items():
            head, _, tail = json_path.partition("/")
            value = grant.get(head)
            if tail:
                items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
                values = [i.get(tail) for i in items if isinstance(i, dict) and i.get(tail) not in (None, "")]
                if f in _LISTS:
                    value = values
                else:
                    value = values[0] if values else None
            if value not in (None, "", []):
                flat[f] = value
        out.append((origin, flat))
    return out
