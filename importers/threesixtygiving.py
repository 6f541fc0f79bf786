"""Grants in the 360Giving Data Standard, as funders, recipients and ``funds`` links.

Reads a CSV or XLSX file in the standard's flattened form (columns
``Identifier``, ``Title``, ``Amount Awarded``, ``Award Date``,
``Recipient Org:Identifier``, ``Recipient Org:Name``, ``Funding Org:Identifier``,
``Funding Org:Name``, ``Grant Programme:Title``) or a JSON package
(``{"grants": [{"id", "title", "amountAwarded", "awardDate",
"recipientOrganization": [{"id", "name"}], "fundingOrganization": [...],
"grantProgramme": [{"title"}]}]}``). Funders and recipients become organisations
(id from their org-id, which is kept as an identifier; sector ``statutory`` for
public-body org-id schemes, else ``vcs``); each grant becomes a ``funds`` link from
funder to recipient with its amount, award date and programme.

>>> sector_of("GB-LAE-HCK")
'statutory'
>>> sector_of("GB-CHC-1234567")
'vcs'
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from graphmodel.exceptions import DatasetError, Problem

from .popolo import to_id

__all__ = ["read_grants", "sector_of", "PUBLIC_SCHEMES"]

#: org-id.guide schemes of public bodies (local authorities, government, NHS, schools, ...)
PUBLIC_SCHEMES = ("GB-LAE", "GB-LAS", "GB-LAN", "GB-PLA", "GB-GOR", "GB-GOVUK", "GB-NHS", "GB-UKPRN", "GB-EDU",
                  "GB-SHPE", "GB-MPR")
_COLUMNS = {"Identifier": "id", "Title": "title", "Amount Awarded": "amount", "Award Date": "date",
            "Recipient Org:Identifier": "recipient_id", "Recipient Org:Name": "recipient_name",
            "Funding Org:Identifier": "funder_id", "Funding Org:Name": "funder_name",
            "Grant Programme:Title": "programme"}
_REQUIRED = ("Recipient Org:Identifier", "Funding Org:Identifier")


def sector_of(org_id: str) -> str:
    return "statutory" if any(str(org_id).upper().startswith(s + "-") for s in PUBLIC_SCHEMES) else "vcs"


def _flat_rows(path: Path) -> tuple[str, list[str], list[tuple[int, dict[str, Any]]]]:
    """(where, header, [(row number, row)]) of a flattened CSV or XLSX file."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            rows = sheet.iter_rows(values_only=True)
            header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
            found = [(n, dict(zip(header, r))) for n, r in enumerate(rows, start=2)]
            return f"{path.name}, sheet {sheet.title!r}", header, [(n, r) for n, r in found if any(r.values())]
        finally:
            book.close()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        found = list(enumerate(reader, start=2))
        return path.name, list(reader.fieldnames or []), found


def _json_rows(path: Path, doc: Any) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(doc, dict) or not isinstance(doc.get("grants"), list):
        raise DatasetError([Problem(path.name, None, None, None, "a 360Giving JSON package is an object with a "
                                                                 "\"grants\" list")])
    out = []
    for n, grant in enumerate(doc["grants"], start=1):
        grant = grant if isinstance(grant, dict) else {}

        def first(key: str) -> dict:
            value = grant.get(key) or [{}]
            return value[0] if isinstance(value, list) and value and isinstance(value[0], dict) else {}

        out.append((n, {"id": grant.get("id"), "title": grant.get("title"), "amount": grant.get("amountAwarded"),
                        "date": grant.get("awardDate"), "recipient_id": first("recipientOrganization").get("id"),
                        "recipient_name": first("recipientOrganization").get("name"),
                        "funder_id": first("fundingOrganization").get("id"),
                        "funder_name": first("fundingOrganization").get("name"),
                        "programme": first("grantProgramme").get("title")}))
    return out


def read_grants(path: str | os.PathLike) -> dict[str, list[dict]]:
    """Organisations and ``funds`` links from a 360Giving file (CSV, XLSX or JSON)."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError([Problem(str(path), None, None, None, "no such file")])
    problems: list[Problem] = []
    label = "item" if path.suffix.lower() == ".json" else "row"
    if path.suffix.lower() == ".json":
        try:
            doc = json.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise DatasetError([Problem(path.name, None, None, None, f"cannot be read as JSON ({err})")]) from None
        source, rows = f"{path.name}, grants", _json_rows(path, doc)
    else:
        source, header, raw = _flat_rows(path)
        missing = [c for c in _REQUIRED if c not in header]
        if missing:
            raise DatasetError([Problem(source, 1, c, None, f"the 360Giving column {c!r} is missing")
                                for c in missing])
        rows = [(n, {_COLUMNS[k]: v for k, v in r.items() if k in _COLUMNS}) for n, r in raw]
    names = ({"funder": "fundingOrganization", "recipient": "recipientOrganization", "amount": "amountAwarded"}
             if label == "item" else
             {"funder": "Funding Org:Identifier", "recipient": "Recipient Org:Identifier", "amount": "Amount Awarded"})
    organisations: dict[str, dict] = {}
    links = []
    for number, grant in rows:
        ok = True
        for role in ("funder", "recipient"):
            org_id = str(grant.get(f"{role}_id") or "").strip()
            if not org_id:
                problems.append(Problem(source, number, names[role], None, f"the grant has no {role} identifier",
                                        row_label=label))
                ok = False
                continue
            organisations.setdefault(to_id(org_id), {
                "id": to_id(org_id), "name": str(grant.get(f"{role}_name") or org_id).strip(),
                "sector": sector_of(org_id), "kind": "funder" if role == "funder" else None,
                "identifiers": [org_id]})
        amount = grant.get("amount")
        if amount not in (None, ""):
            try:
                amount = float(str(amount).replace(",", "").replace("£", ""))
            except ValueError:
                problems.append(Problem(source, number, names["amount"], amount, "not a number", row_label=label))
                ok = False
        award_date = str(grant.get("date") or "")[:10] or None
        if not ok:
            continue
        links.append({"source": to_id(grant["funder_id"]), "target": to_id(grant["recipient_id"]), "kind": "funds",
                      "amount": amount if amount not in (None, "") else None, "date": award_date,
                      "programme": grant.get("programme") or None, "notes": grant.get("title") or None})
    if problems:
        raise DatasetError(problems)
    return {"organisations": sorted(organisations.values(), key=lambda o: o["id"]), "links": links}
