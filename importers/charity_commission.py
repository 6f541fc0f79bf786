"""The Charity Commission for England and Wales register extract, as downloaded, as a starting dataset.

Reads three tables of the public extract, each as the Commission publishes it
(``publicextract.<table>.zip`` holding a ``.json`` or ``.txt`` file) or
unzipped (``publicextract.<table>.json`` or tab-separated ``.txt``), from a
folder or from one zip holding them all, streaming row by row:

- ``charity_area_of_operation`` picks the main charities (``linked_charity_number``
  0) operating in a local authority area. The area is matched as a person
  writes it: case, ``&`` or ``and``, "City of", "London Borough of", "Royal
  Borough of", "... City", "... Council" all ignored, so ``Westminster`` finds
  "City Of Westminster" and ``Birmingham`` finds "Birmingham City". With
  ``include_region`` the charities operating throughout the region or country
  covering the area are added too ("Throughout London" for a London borough,
  "Throughout Wales" for a Welsh area, else "Throughout England"), and with
  ``include_national`` those operating throughout England and Wales; each is
  marked as such in its ``kind`` and ``notes``.
- ``charity_classification`` gives the "Who" classifications, mapped to
  communities by :data:`WHO_COMMUNITIES`.
- ``charity`` gives name, status, activities, income, postcode, website and
  company number.

Each charity becomes an organisation: sector ``vcs``, id ``gb-chc-<number>``,
``identifiers`` ``GB-CHC-<number>`` and, for a charitable company,
``GB-COH-<company number>``; ``serves`` the mapped communities; ``notes`` its
latest income (and the year it is for), postcode, website and activities.
Removed charities are left out and counted (``include_removed`` keeps them as
inactive organisations).

>>> WHO_COMMUNITIES["Elderly/old People"]
('older-people', 'Older people')
>>> area_key("Royal Borough of Kensington & Chelsea"), area_key("City Of Westminster"), area_key("Birmingham City")
('kensington and chelsea', 'westminster', 'birmingham')
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import json
import os
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from graphmodel.exceptions import DatasetError, Problem

from .csv_reader import limited_rows
from .imported import Imported, Origin

__all__ = ["WHO_COMMUNITIES", "read_extract", "extract_rows", "area_key"]

#: "Who" classification descriptions -> (community id, community name). Others are not mapped.
WHO_COMMUNITIES: dict[str, tuple[str, str]] = {
    "Children/young People": ("young-people", "Children and young people"),
    "Elderly/old People": ("older-people", "Older people"),
    "People With Disabilities": ("disabled", "Disabled people"),
    "People Of A Particular Ethnic Or Racial Origin": ("bme", "Black and minority ethnic communities"),
}
TABLES = ("charity", "charity_classification", "charity_area_of_operation")
LONDON, WALES, ENGLAND, ENGLAND_WALES = ("Throughout London", "Throughout Wales", "Throughout England",
                                         "Throughout England And Wales")

_PREFIXES = ("the ", "london borough of ", "royal borough of ", "city and county of ", "city of ", "county of ",
             "metropolitan borough of ", "borough of ", "district of ", "council of ")
_SUFFIXES = (" metropolitan borough council", " city council", " county council", " borough council",
             " district council", " council", " city", " borough")


def area_key(name: Any) -> str:
    """An area name as compared: lowercase, ``&`` as ``and``, without "City of", "London Borough
    of", "... City", "... Council" and the like (but "City of London" stays itself)."""
    text = re.sub(r"[^a-z0-9 ]+", " ", str(name or "").lower().replace("&", " and "))
    text = re.sub(r"\s+", " ", text).strip()
    if text in ("city of london", "city of london corporation", "city of london council"):
        return "city of london"
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if text.startswith(prefix) and len(text) > len(prefix):
                text, changed = text[len(prefix):], True
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[:-len(suffix)], True
    return text


# ---------------------------------------------------------------- reading the extract

def _cp1252_fallback(err: UnicodeDecodeError):
    _fallback_used.add(True)
    return err.object[err.start:err.end].decode("cp1252", errors="replace"), err.end


_fallback_used: set = set()
codecs.register_error("engagemap-cp1252", _cp1252_fallback)


class _Table:
    """Where one extract table is: a file, or a member of a zip."""

    def __init__(self, name: str, path: Path, member: str | None = None):
        self.name, self.path, self.member = name, path, member
        self.shown = f"{path.name}, {member}" if member else path.name
        self.json = (member or path.name).lower().endswith(".json")

    @contextmanager
    def open(self) -> Iterator[IO[str]]:
        if self.member is None:
            with open(self.path, encoding="utf-8-sig", errors="engagemap-cp1252", newline="") as handle:
                yield handle
            return
        try:
            with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8-sig", errors="engagemap-cp1252", newline="")
        except zipfile.BadZipFile:
            raise DatasetError([Problem(self.path.name, None, None, None, "not a zip file (or a damaged one); "
                                        "download it again")]) from None


def _member_of(archive: Path, table: str) -> str | None:
    try:
        with zipfile.ZipFile(archive) as z:
            names = z.namelist()
    except zipfile.BadZipFile:
        raise DatasetError([Problem(archive.name, None, None, None, "not a zip file (or a damaged one); download it "
                                                                    "again")]) from None
    for suffix in (".json", ".txt"):
        for name in names:
            if Path(name).name.lower() == f"publicextract.{table}{suffix}":
                return name
    if len(names) == 1 and archive.name.lower().startswith(f"publicextract.{table}."):
        return names[0]
    return None


def _find(extract: Path, table: str) -> _Table:
    if extract.is_file():
        if zipfile.is_zipfile(extract):
            member = _member_of(extract, table)
            if member:
                return _Table(table, extract, member)
        raise DatasetError([Problem(extract.name, None, None, None, f"the extract has no {table} table: expected "
                                    f"publicextract.{table}.json or .txt in this zip")])
    if not extract.is_dir():
        raise DatasetError([Problem(str(extract), None, None, None, "no such folder or zip file")])
    for suffix in (".json", ".txt"):
        path = extract / f"publicextract.{table}{suffix}"
        if path.is_file():
            return _Table(table, path)
    archive = extract / f"publicextract.{table}.zip"
    if archive.is_file():
        member = _member_of(archive, table)
        if member:
            return _Table(table, archive, member)
    for archive in sorted(extract.glob("*.zip")):  # one zip holding every table
        member = _member_of(archive, table)
        if member:
            return _Table(table, archive, member)
    raise DatasetError([Problem(str(extract), None, None, None,
                                f"the extract has no {table} table: expected publicextract.{table}.zip, "
                                f"publicextract.{table}.json or publicextract.{table}.txt in this folder")])


def _json_array(handle: io.TextIOBase, chunk: int = 1 << 20) -> Iterator[Any]:
    """The items of a top-level JSON array, decoded one at a time from a stream."""
    decoder = json.JSONDecoder()
    buffer, position, ended = "", 0, False

    def next_char(skip: str) -> str:
        """The next character that is not in ``skip`` (reading more as needed); '' at the end."""
        nonlocal buffer, position, ended
        while True:
            while position < len(buffer) and buffer[position] in skip:
                position += 1
            if position < len(buffer) or ended:
                return buffer[position] if position < len(buffer) else ""
            more = handle.read(chunk)
            ended = not more
            buffer, position = buffer[position:] + more, 0

    if next_char(" \t\r\n\ufeff") != "[":
        raise ValueError("the file does not hold a JSON list")
    position += 1
    while True:
        first = next_char(" \t\r\n,")
        if first == "]":
            return
        if first == "":
            raise ValueError("the JSON list is not closed")
        while True:
            try:
                item, end = decoder.raw_decode(buffer, position)
                if end < len(buffer) or ended:  # a number at the very end may go on in the next chunk
                    break
            except json.JSONDecodeError:
                if ended:
                    raise
            more = handle.read(chunk)
            ended = not more
            buffer, position = buffer[position:] + more, 0
        yield item
        position = end


def extract_rows(table: _Table | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, row) of one extract table; the row number counts the header as 1 (text form)
    or items from 1 (JSON form)."""
    if isinstance(table, Path):
        table = _Table(table.stem.split(".")[-1], table)
    with table.open() as handle:
        if table.json:
            try:
                for number, item in enumerate(_json_array(handle), start=1):
                    yield number, item if isinstance(item, dict) else {}
            except ValueError as err:
                raise DatasetError([Problem(table.shown, None, None, None, f"cannot be read as JSON ({err})")]) \
                    from None
        else:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            try:
                for number, row in enumerate(limited_rows(reader), start=2):
                    yield number, row
            except csv.Error as err:
                raise DatasetError([Problem(table.shown, reader.line_num, None, None,
                                            f"cannot be read as tab-separated text ({err})")]) from None


def _number(value: Any, table: _Table, row: int, column: str, problems: list[Problem]) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        problems.append(Problem(table.shown, row, column, value, "not a whole number"))
        return None


def _linked(row: dict) -> str:
    return str(row.get("linked_charity_number") if row.get("linked_charity_number") is not None else 0).strip()


def _text(row: dict, column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


# ---------------------------------------------------------------- choosing the area

class _Areas:
    """Every area of operation named in the register, and the charities operating in each."""

    def __init__(self):
        self.charities: dict[str, set[int]] = defaultdict(set)
        self.meta: dict[str, tuple[str, str, str]] = {}  # name -> (type, parent, welsh)

    def add(self, name: str, number: int, row: dict) -> None:
        self.charities[name].add(number)
        if name not in self.meta:
            self.meta[name] = (_text(row, "geographic_area_type"), _text(row, "parent_geographic_area_description"),
                               _text(row, "welsh_ind").lower())

    def match(self, wanted: str, source: str) -> list[str]:
        key = area_key(wanted)
        exact = [n for n in self.meta if n.lower() == wanted.strip().lower()]
        found = exact or [n for n in self.meta if area_key(n) == key]
        if found:
            return sorted(found)
        local = sorted(n for n, (kind, _, _) in self.meta.items() if kind.lower() == "local authority") \
            or sorted(self.meta)
        keys = {area_key(n): n for n in local}
        near = [keys[k] for k in difflib.get_close_matches(key, list(keys), n=5, cutoff=0.6)]
        near += [n for k, n in keys.items() if key and (key in k or k in key) and n not in near]
        hint = (f"the nearest area names in the register are {', '.join(repr(n) for n in near[:8])}" if near else
                f"the register names {len(local):,} local authority areas, e.g. "
                f"{', '.join(repr(n) for n in local[:8])}")
        raise DatasetError([Problem(source, None, "geographic_area_description", wanted,
                                    f"no area of operation in the register matches {wanted!r}; {hint}")])

    def regions(self, areas: list[str], region: bool, national: bool) -> list[str]:
        """The region-wide areas of operation covering ``areas``: the region or country (London,
        Wales or England) and, with ``national``, England and Wales (and England)."""
        found = []
        for name in areas:
            kind, parent, welsh = self.meta[name]
            if kind.lower() in ("region", "country", "continent"):
                continue
            welsh = welsh in ("true", "1", "yes")
            london = "london" in parent.lower() or area_key(name) == "city of london"
            if region:
                found.append(LONDON if london else WALES if welsh else ENGLAND)
            if national:
                found += ([] if welsh else [ENGLAND]) + [ENGLAND_WALES]
        return list(dict.fromkeys(found))


def read_extract(extract: str | os.PathLike, area: str, progress: Callable[[str], None] | None = None, *,
                 include_region: bool = False, include_national: bool = False,
                 include_removed: bool = False) -> Imported:
    """The organisations and communities for the charities operating in ``area``, with every
    charity of the register counted in ``.counts`` by what became of it.

    Raises :class:`DatasetError` naming file, row and column when the extract is
    missing a table or has a malformed row, and the nearest area names when
    ``area`` matches none.
    """
    extract = Path(extract)
    tables = {t: _find(extract, t) for t in TABLES}
    _fallback_used.clear()
    problems: list[Problem] = []
    imp = Imported(extract.name)
    where = tables["charity_area_of_operation"]
    areas = _Areas()
    area_rows = 0
    for row_number, row in extract_rows(where):
        area_rows += 1
        if _linked(row) not in ("0", ""):
            continue
        number = _number(row.get("registered_charity_number"), where, row_number, "registered_charity_number",
                         problems)
        if number is not None:
            areas.add(_text(row, "geographic_area_description"), number, row)
        if progress and row_number % 100_000 == 0:
            progress(f"areas of operation: {row_number:,} rows")
    if problems:
        raise DatasetError(problems)
    matched = areas.match(area, where.shown)
    scope: dict[int, str] = {}
    for name in matched:
        for number in areas.charities[name]:
            scope.setdefault(number, name)
    regions = areas.regions(matched, include_region, include_national)
    for region in regions:
        for number in areas.charities.get(region, ()):
            scope.setdefault(number, region)
    serves: dict[int, set[str]] = {n: set() for n in scope}
    classification_rows = 0
    for row_number, row in extract_rows(tables["charity_classification"]):
        classification_rows += 1
        if _text(row, "classification_type").lower() != "who":
            continue
        number = _number(row.get("registered_charity_number"), tables["charity_classification"], row_number,
                         "registered_charity_number", problems)
        if number in serves and _linked(row) in ("0", ""):
            mapped = WHO_COMMUNITIES.get(_text(row, "classification_description"))
            if mapped:
                serves[number].add(mapped[0])
    counts = imp.counts
    label = {name: f"operating in {name}" for name in matched}
    label.update({r: f"operating {r[0].lower()}{r[1:]} (region-wide)" for r in regions})
    for key in [*label.values(), "written (registered)", "written inactive (removed, --include-removed)",
                "left out: removed from the register (--include-removed keeps them, inactive)",
                "not operating in the area", "linked charities (subsidiary parts, not imported)"]:
        counts[key] = 0
    charity_rows = 0
    seen: set[int] = set()
    table = tables["charity"]
    for row_number, row in extract_rows(table):
        charity_rows += 1
        if _linked(row) not in ("0", ""):
            counts["linked charities (subsidiary parts, not imported)"] += 1
            continue
        number = _number(row.get("registered_charity_number"), table, row_number, "registered_charity_number",
                         problems)
        if number is None:
            continue
        if number not in scope or number in seen:
            counts["not operating in the area" if number not in seen else "repeated rows"] += 1
            continue
        seen.add(number)
        counts[label[scope[number]]] += 1
        origin = Origin(table.shown, row_number, "row" if not table.json else "item", f"charity {number}")
        registered = _text(row, "charity_registration_status").lower() == "registered"
        if not registered and not include_removed:
            counts["left out: removed from the register (--include-removed keeps them, inactive)"] += 1
            continue
        name = _text(row, "charity_name")
        if not name:
            problems.append(Problem(table.shown, row_number, "charity_name", None, "the name is empty"))
            continue
        counts["written (registered)" if registered else "written inactive (removed, --include-removed)"] += 1
        imp.add("organisations", _organisation(number, name, row, scope[number], matched, serves[number],
                                               registered), origin)
        if progress and row_number % 100_000 == 0:
            progress(f"charities: {row_number:,} rows")
    missing = sorted(set(scope) - seen)
    if missing:
        counts["in the areas of operation but not in the charity table"] = len(missing)
        imp.warnings.append(Problem(table.shown, None, "registered_charity_number", None,
                                    f"{len(missing):,} charities operating in the area are not in the charity "
                                    f"table (e.g. {', '.join(map(str, missing[:5]))}); they are not imported"))
    if problems:
        raise DatasetError(problems)
    if _fallback_used:
        imp.notes.append("part of the extract is not UTF-8; those characters were read as Windows-1252")
    for row in imp.rows("organisations"):
        row["serves"] = sorted(row["serves"])
    used = {c for o in imp.rows("organisations") for c in o["serves"]}
    for cid, name in sorted(WHO_COMMUNITIES.values()):
        if cid in used:
            imp.add("communities", {"id": cid, "name": name}, Origin(tables["charity_classification"].shown))
    imp.sort("organisations")
    imp.read_line = (f"{charity_rows:,} charity rows, {area_rows:,} area-of-operation rows, "
                     f"{classification_rows:,} classification rows; area {area!r} matched "
                     + ", ".join(repr(m) for m in matched))
    if not imp.rows("organisations"):
        imp.notes.append(f"no registered charity operates in {', '.join(matched)}"
                         + ("" if include_region else "; --include-region adds those operating region-wide"))
    return imp


def _organisation(number: int, name: str, row: dict, scope: str, matched: list[str], serves: set[str],
                  registered: bool) -> dict:
    identifiers = [f"GB-CHC-{number}"]
    company = _text(row, "charity_company_registration_number")
    if company and company not in ("0", "None"):
        identifiers.append(f"GB-COH-{company.zfill(8) if company.isdigit() else company.upper()}")
    notes = []
    if scope not in matched:
        notes.append(f"operates {scope[0].lower()}{scope[1:]} (region-wide), not only in {matched[0]}")
    income = _text(row, "latest_income")
    if income:
        try:
            income = f"£{float(income):,.0f}"
        except ValueError:
            pass
        period = _text(row, "latest_acc_fin_period_end_date")[:10]
        notes.append(f"latest income {income}" + (f" (year to {period})" if period else ""))
    for column, what in (("charity_contact_postcode", "postcode"), ("charity_contact_web", "website")):
        if _text(row, column):
            notes.append(f"{what} {_text(row, column)}")
    if not registered:
        removed = _text(row, "date_of_removal")[:10]
        notes.append("removed from the register" + (f" {removed}" if removed else ""))
    activities = _text(row, "charity_activities")
    if activities:
        notes.append(activities[:2000])
    kind = "registered charity" if scope in matched else f"registered charity ({scope[0].lower()}{scope[1:]})"
    return {"id": f"gb-chc-{number}", "name": name, "sector": "vcs", "kind": kind, "serves": set(serves),
            "identifiers": identifiers, "active": registered, "notes": "; ".join(notes) or None}
