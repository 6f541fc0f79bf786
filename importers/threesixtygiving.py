"""Grants in the 360Giving Data Standard, as funders publish them, into organisations and ``funds`` links.

Reads a CSV or XLSX file in the standard's flattened form or a JSON package
(``{"grants": [...]}``, or a bare list of grants). Column headers are matched as
the standard's own tools (flatten-tool, CoVE) match them: titles or JSON paths,
in any case, with or without spaces around ``:`` and with list positions
(``Beneficiary Location:0:Geographic Code``, ``recipientOrganization/0/id``)
allowed. CSV text may be UTF-8 (with or without a byte-order mark) or
Windows-1252 (what Excel saves; a note says so).

- **Funders and recipients** become organisations: id from the org-id
  (``GB-CHC-1234567`` -> ``gb-chc-1234567``), kept in ``identifiers`` with the
  recipient's charity number (``GB-CHC-…``) and company number (``GB-COH-…``);
  sector ``statutory`` for public-body org-id schemes (:data:`PUBLIC_SCHEMES`),
  else ``vcs``; ``kind`` the recipient's organisation type; postcode and city in
  ``notes``.
- **Grants** between the same funder and recipient become ONE ``funds`` link:
  ``amount`` the total (when all are in one currency), ``date`` the first award
  date, ``programme`` the programmes named, and ``notes`` the number of grants,
  the date range, the currency, and each grant's id, title and description.
- **Beneficiary locations** with a geographic code (ONS codes such as
  ``E08000012``) become communities of place (id ``ons-<code>``) that the
  recipient ``serves``.
- A grant that cannot be used (no funder or recipient identifier, a funder
  recorded as its own recipient, an amount that is not a number or is
  negative, a grant to an individual) is skipped and reported with its sheet
  row and grant id; the rest are imported.

>>> sector_of("GB-LAE-HCK")
'statutory'
>>> sector_of("GB-CHC-1234567")
'vcs'
>>> header_field("Grant Programme: Title"), header_field("recipientOrganization/0/id")
('programme', 'recipient_id')
"""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graphmodel.exceptions import DatasetError, Problem
from graphmodel.gcpause import paused_gc

from .imported import Imported, Origin, to_id
from .threesixtygiving_files import FIELDS, _csv_rows, _json_rows, _xlsx_rows, header_field

__all__ = ["read_grants", "sector_of", "header_field", "PUBLIC_SCHEMES", "FIELDS"]

#: org-id.guide schemes of public bodies (local authorities, government, NHS, schools, ...)
PUBLIC_SCHEMES = ("GB-LAE", "GB-LAS", "GB-LAN", "GB-PLA", "GB-GOR", "GB-GOVUK", "GB-NHS", "GB-UKPRN", "GB-EDU",
                  "GB-SHPE", "GB-MPR")


def sector_of(org_id: str) -> str:
    return "statutory" if any(str(org_id).upper().startswith(s + "-") for s in PUBLIC_SCHEMES) else "vcs"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# ---------------------------------------------------------------- one grant

_MONEY = re.compile(r"[£$€,\s]|GBP|EUR|USD")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _amount(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value)
    try:
        return float(text)
    except ValueError:
        return float(_MONEY.sub("", text))


def _award_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = _ISO.match(text)
    if match:
        return date(*map(int, match.groups()))
    match = _UK.match(text)  # as a UK spreadsheet shows it
    if match:
        d, m, y = map(int, match.groups())
        return date(y, m, d)
    raise ValueError(text)


def _company(number: str) -> str:
    return number.zfill(8) if number.isdigit() else number.upper()


class _Grants:
    def __init__(self, imp: Imported):
        self.imp = imp
        self.organisations: dict[str, dict] = {}
        self.links: dict[tuple[str, str], list[tuple[Origin, dict]]] = {}
        self.communities: dict[str, dict] = {}

    def skip(self, origin: Origin, column: str | None, value: Any, reason: str) -> None:
        self.imp.warn(origin, column, value, f"grant skipped: {reason}")
        self.imp.counts[f"grants skipped ({reason})"] += 1

    def organisation(self, org_id: str, name: Any, origin: Origin, funder: bool) -> dict:
        oid = to_id(org_id)
        org = self.organisations.get(oid)
        if org is None:
            org = self.organisations[oid] = {"id": oid, "name": _text(name) or org_id, "sector": sector_of(org_id),
                                             "kind": "funder" if funder else None, "identifiers": [org_id],
                                             "serves": [], "notes": None}
            self.imp.add("organisations", org, origin)
        return org

    def grant(self, origin: Origin, g: dict | None) -> None:
        if g is None:
            return self.skip(origin, None, None, "the grant is not an object")
        gid = _text(g.get("id"))
        if gid:
            origin = Origin(origin.source, origin.row, origin.row_label, f"grant {gid}")
        else:
            self.imp.warn(origin, "Identifier", None, "the grant has no identifier")
        funder_id, recipient_id = _text(g.get("funder_id")), _text(g.get("recipient_id"))
        if not recipient_id:  # an org-id made from the charity or company number, as org-id.guide does
            for field_, scheme in (("recipient_charity", "GB-CHC"), ("recipient_company", "GB-COH")):
                number = _text(g.get(field_))
                if number and number.lower() not in ("n/a", "na", "none", "0", "-"):
                    recipient_id = f"{scheme}-{_company(number) if scheme == 'GB-COH' else number}"
                    self.imp.warn(origin, "Recipient Org:Identifier", None, f"no recipient identifier; "
                                                                           f"{recipient_id} made from its number")
                    break
        if not funder_id:
            return self.skip(origin, "Funding Org:Identifier", None, "no funder identifier")
        if not recipient_id:
            if _text(g.get("individual_id")):
                return self.skip(origin, "Recipient Ind:Identifier", None, "a grant to an individual (personal data)")
            return self.skip(origin, "Recipient Org:Identifier", None, "no recipient identifier")
        if to_id(funder_id) == to_id(recipient_id):
            return self.skip(origin, "Recipient Org:Identifier", recipient_id,
                             "the funder is recorded as its own recipient")
        amount = None
        if g.get("amount") is not None:
            try:
                amount = _amount(g["amount"])
            except ValueError:
                return self.skip(origin, "Amount Awarded", g["amount"], "the amount is not a number")
            if amount < 0:
                return self.skip(origin, "Amount Awarded", g["amount"], "the amount is negative")
        awarded = None
        if g.get("date") is not None:
            try:
                awarded = _award_date(g["date"])
            except ValueError:
                self.imp.warn(origin, "Award Date", _text(g["date"]), "not a date (YYYY-MM-DD); the grant is "
                                                                       "kept without its date")
        funder = self.organisation(funder_id, g.get("funder_name"), origin, funder=True)
        recipient = self.organisation(recipient_id, g.get("recipient_name"), origin, funder=False)
        for field_, scheme in (("recipient_charity", "GB-CHC"), ("recipient_company", "GB-COH")):
            number = _text(g.get(field_))
            if number and number.lower() not in ("n/a", "na", "none", "0", "-"):
                ident = f"{scheme}-{_company(number) if scheme == 'GB-COH' else number}"
                if ident.upper() not in {i.upper() for i in recipient["identifiers"]}:
                    recipient["identifiers"].append(ident)
        if not recipient["kind"] and _text(g.get("recipient_type")):
            recipient["kind"] = _text(g["recipient_type"])
        if recipient["notes"] is None:
            place = "; ".join(f"{label} {_text(g.get(f))}" for f, label in (("recipient_city", "city"),
                                                                           ("recipient_postcode", "postcode"))
                              if _text(g.get(f)))
            recipient["notes"] = place or None
        codes, names, kinds = (g.get(f) or [] for f in ("location_code", "location_name", "location_type"))
        for i, code in enumerate(codes):
            code = _text(code)
            cid = to_id(f"ons-{code}")
            if cid not in self.communities:
                name = _text(names[i]) if i < len(names) else ""
                kind = _text(kinds[i]) if i < len(kinds) else ""
                self.communities[cid] = self.imp.add("communities", {
                    "id": cid, "name": name or code, "kind": "place",
                    "notes": f"geographic code {code}" + (f" ({kind})" if kind else "")}, origin)
            if cid not in recipient["serves"]:
                recipient["serves"].append(cid)
        g = {**g, "id": gid, "amount": amount, "date": awarded}
        if not codes and names:
            g["places"] = [_text(n) for n in names]
        key = (funder["id"], recipient["id"])
        if key not in self.links:
            self.links[key] = []
        self.links[key].append((origin, g))
        self.imp.counts["grants imported"] += 1

    def finish(self) -> None:
        imp = self.imp
        for (funder, recipient), grants in self.links.items():
            origin = grants[0][0]
            currencies = {_text(g.get("currency")).upper() or "GBP" for _, g in grants}
            amounts = [g["amount"] for _, g in grants if g["amount"] is not None]
            dates = sorted(g["date"] for _, g in grants if g["date"])
            programmes = list(dict.fromkeys(_text(p) for _, g in grants for p in g.get("programme") or []))
            notes = [f"{len(grants)} grant{'s' if len(grants) != 1 else ''}"]
            if dates:
                notes[0] += f", awarded {dates[0]}" + (f" to {dates[-1]}" if dates[-1] != dates[0] else "")
            total = sum(amounts) if amounts and len(currencies) == 1 else None
            if len(currencies) == 1:
                notes.append(f"currency {currencies.pop()}")
            else:
                by = Counter()
                for _, g in grants:
                    by[_text(g.get("currency")).upper() or "GBP"] += g["amount"] or 0
                notes.append("totals " + ", ".join(f"{c} {v:,.2f}" for c, v in sorted(by.items())))
            for _, g in grants:
                text = " - ".join(filter(None, [_text(g.get("title")), _text(g.get("description"))]))
                places = "; ".join(g.get("places") or [])
                notes.append((g["id"] or "(no id)") + (f": {text[:300]}" if text else "")
                             + (f" [{places}]" if places else ""))
            if len(grants) > 1:
                imp.counts["(grants joined into one funds link per funder and recipient)"] += len(grants) - 1
            imp.add("links", {"source": funder, "target": recipient, "kind": "funds", "amount": total,
                              "date": dates[0] if dates else None, "programme": "; ".join(programmes) or None,
                              "notes": " | ".join(notes)}, origin)


def read_grants(path: str | os.PathLike) -> Imported:
    """Organisations, communities of place and ``funds`` links from a 360Giving file (CSV, XLSX
    or JSON), with every grant counted as imported or skipped (with its reason) in ``.counts``.

    Raises
    ------
    DatasetError
        when the file cannot be read, has no funder or recipient column, or holds no usable grant.
    """
    path = Path(path)
    if not path.is_file():
        raise DatasetError([Problem(str(path), None, None, None, "no such file")])
    imp = Imported(path.name)
    suffix = path.suffix.lower()
    if suffix == ".json":
        rows = _json_rows(path, imp)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path, imp)
    elif suffix in (".csv", ".txt", ".tsv"):
        rows = _csv_rows(path, imp)
    else:
        raise DatasetError([Problem(path.name, None, None, None, "not a 360Giving file: give a .csv, .xlsx or "
                                                                 ".json file")])
    imp.counts["grants imported"] = 0
    grants = _Grants(imp)
    read = blank = 0
    with paused_gc():  # many small acyclic objects: no collections while they are made
        for origin, grant in rows:
            if grant == {}:
                blank += 1
                continue
            read += 1
            grants.grant(origin, grant)
        grants.finish()
    imp.sort("organisations")
    imp.read_line = f"{read:,} grants" + (f" ({blank:,} blank rows ignored)" if blank else "")
    if not imp.counts["grants imported"]:
        raise DatasetError([Problem(path.name, None, None, None, f"no usable grant among the {read:,} read")],
                           imp.warnings)
    return imp
