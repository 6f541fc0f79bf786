"""The Charity Commission for England and Wales register extract, as a starting dataset.

Reads three tables of the public extract, in JSON (``publicextract.<table>.json``)
or text (``publicextract.<table>.txt``, tab-separated) form, streaming them row by
row: ``charity_area_of_operation`` picks the main charities (``linked_charity_number``
0) operating in a local authority area; ``charity_classification`` gives their "Who"
classifications, mapped to communities by :data:`WHO_COMMUNITIES`; ``charity`` gives
name, registration status and activities. Each charity becomes an organisation:
sector ``vcs``, id ``gb-chc-<number>``, identifier ``GB-CHC-<number>``, ``active``
when its status is "Registered", ``serves`` the mapped communities.

>>> WHO_COMMUNITIES["Elderly/old People"]
('older-people', 'Older people')
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from graphmodel.exceptions import DatasetError, Problem

__all__ = ["WHO_COMMUNITIES", "read_extract", "extract_rows"]

#: "Who" classification descriptions -> (community id, community name). Others are not mapped.
WHO_COMMUNITIES: dict[str, tuple[str, str]] = {
    "Children/young People": ("young-people", "Children and young people"),
    "Elderly/old People": ("older-people", "Older people"),
    "People With Disabilities": ("disabled", "Disabled people"),
    "People Of A Particular Ethnic Or Racial Origin": ("bme", "Black and minority ethnic communities"),
}
TABLES = ("charity", "charity_classification", "charity_area_of_operation")


def _find(folder: Path, table: str) -> Path:
    for suffix in (".json", ".txt"):
        path = folder / f"publicextract.{table}{suffix}"
        if path.is_file():
            return path
    raise DatasetError([Problem(str(folder), None, None, None,
                                f"the extract has no {table} table: expected publicextract.{table}.json or "
                                f"publicextract.{table}.txt in this folder")])


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


def extract_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, row) of one extract table; the row number counts the header as 1 (text form)
    or items from 1 (JSON form)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        if path.suffix == ".json":
            try:
                for number, item in enumerate(_json_array(handle), start=1):
                    yield number, item
            except ValueError as err:
                raise DatasetError([Problem(path.name, None, None, None, f"cannot be read as JSON ({err})")]) \
                    from None
        else:
            for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
                yield number, row


def _number(value: Any, path: Path, row: int, column: str, problems: list[Problem]) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        problems.append(Problem(path.name, row, column, value, "not a whole number"))
        return None


def read_extract(folder: str | os.PathLike, area: str,
                 progress: Callable[[str], None] | None = None) -> dict[str, list[dict]]:
    """The organisations and communities for the charities operating in ``area``.

    Raises :class:`DatasetError` naming file, row and column when the extract is
    missing a table or has a malformed row.
    """
    folder = Path(folder)
    paths = {t: _find(folder, t) for t in TABLES}
    problems: list[Problem] = []
    wanted = area.strip().lower()
    numbers: set[int] = set()
    for row_number, row in extract_rows(paths["charity_area_of_operation"]):
        if str(row.get("geographic_area_description", "")).strip().lower() != wanted:
            continue
        number = _number(row.get("registered_charity_number"), paths["charity_area_of_operation"], row_number,
                         "registered_charity_number", problems)
        linked = _number(row.get("linked_charity_number", 0), paths["charity_area_of_operation"], row_number,
                         "linked_charity_number", problems)
        if number is not None and linked == 0:
            numbers.add(number)
        if progress and row_number % 100_000 == 0:
            progress(f"areas of operation: {row_number:,} rows")
    serves: dict[int, set[str]] = {n: set() for n in numbers}
    for row_number, row in extract_rows(paths["charity_classification"]):
        if str(row.get("classification_type", "")).strip().lower() != "who":
            continue
        number = _number(row.get("registered_charity_number"), paths["charity_classification"], row_number,
                         "registered_charity_number", problems)
        if number in serves and str(row.get("linked_charity_number", 0)).strip() in ("0", ""):
            mapped = WHO_COMMUNITIES.get(str(row.get("classification_description", "")).strip())
            if mapped:
                serves[number].add(mapped[0])
    organisations = []
    for row_number, row in extract_rows(paths["charity"]):
        number = _number(row.get("registered_charity_number"), paths["charity"], row_number,
                         "registered_charity_number", problems)
        if number not in serves or str(row.get("linked_charity_number", 0)).strip() not in ("0", ""):
            continue
        name = str(row.get("charity_name") or "").strip()
        if not name:
            problems.append(Problem(paths["charity"].name, row_number, "charity_name", None, "the name is empty"))
            continue
        activities = str(row.get("charity_activities") or "").strip()
        organisations.append({
            "id": f"gb-chc-{number}", "name": name, "sector": "vcs", "kind": "registered charity",
            "serves": sorted(serves[number]), "identifiers": [f"GB-CHC-{number}"],
            "active": str(row.get("charity_registration_status", "")).strip().lower() == "registered",
            "notes": activities[:2000] or None,
        })
        if progress and row_number % 100_000 == 0:
            progress(f"charities: {row_number:,} rows")
    if problems:
        raise DatasetError(problems)
    used = {c for o in organisations for c in o["serves"]}
    communities = [{"id": cid, "name": name} for cid, name in sorted(WHO_COMMUNITIES.values()) if cid in used]
    organisations.sort(key=lambda o: o["id"])
    return {"organisations": organisations, "communities": communities}
