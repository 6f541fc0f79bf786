"""The readers of a ``.json`` or ``.yaml`` file: a mapping of table name to a list of rows,
parsed with duplicate keys, huge numbers and deep nesting refused.

>>> _parse_json('{"organisations": []}', "x.json")
{'organisations': []}
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Union

from graphmodel.exceptions import Problem

from .raw_rows import BLOCK_ROWS, RawTable, RowBlock, _fail, keyed_rows, open_regular

__all__ = ['MAX_DEPTH', 'MAX_DIGITS']

#: JSON and YAML nested deeper than this are refused (a dataset needs 4 levels).
MAX_DEPTH = 100
#: A whole number written with more digits than this is kept as text (the loader then refuses it
#: with its location) rather than parsed: Python refuses to parse 4,300+ digits, and no count needs 20.
MAX_DIGITS = 100


class _Refused(ValueError):
    """Something in a JSON or YAML file that is refused while parsing (``at``: an offset or line)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def _big_int(text: str):
    return int(text) if len(text) <= MAX_DIGITS else text


def _duplicates_refused(pairs: list[tuple[str, Any]]) -> dict:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise _Refused(f"the key {key!r} appears twice in one object; the first would be lost")
    return found


def _line_of_second(text: str, key: str) -> int | None:
    """The line of the second ``"key":`` in ``text`` (where a duplicate key is)."""
    hits = [m.start() for m in re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)]
    return text.count("\n", 0, hits[1]) + 1 if len(hits) > 1 else None


def _parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text, parse_int=_big_int, object_pairs_hook=_duplicates_refused)
    except json.JSONDecodeError as err:
        raise _fail(name, f"this is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None
    except RecursionError:
        raise _fail(name, f"this JSON is nested too deeply to be a dataset (a dataset needs 4 levels)") from None
    except _Refused as err:
        key = re.search(r"'(.*)' appears twice", str(err))
        line = _line_of_second(text, key.group(1)) if key else None
        raise _fail(name, (f"line {line}: " if line else "") + str(err)) from None


def _yaml_loader():
    """PyYAML's safe loader, refusing aliases (a few hundred bytes of nested aliases expand to
    gigabytes), nesting deeper than :data:`MAX_DEPTH` and duplicate keys, each before building
    anything from them; whole numbers past :data:`MAX_DIGITS` digits are kept as text."""
    import yaml

    class Loader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise _Refused(f"the alias *{event.anchor} refers to another part of the file; aliases are not "
                               f"accepted in a dataset (write the values out)", event.start_mark.line + 1)
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _Refused(f"the file is nested more than {MAX_DEPTH} levels deep, far more than a dataset "
                               f"needs (4)", self.peek_event().start_mark.line + 1)
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen: set = set()
                for key_node, _ in node.value:
                    key = getattr(key_node, "value", None)
                    if isinstance(key, str):
                        if key in seen:
                            raise _Refused(f"the key {key!r} appears twice in one mapping; the first would be lost",
                                           key_node.start_mark.line + 1)
                        seen.add(key)
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_int(self, node):
            digits = self.construct_scalar(node)
            if len(digits.replace("_", "")) > MAX_DIGITS:
                return digits
            return super().construct_yaml_int(node)

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    return Loader


def _parse_yaml(text: str, name: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_yaml_loader())  # noqa: S506 - a SafeLoader, made stricter
    except _Refused as err:
        raise _fail(name, (f"line {err.line}: " if err.line else "") + str(err)) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise _fail(name, f"this is not valid YAML ({where}{getattr(err, 'problem', None) or err})") from None
    except RecursionError:
        raise _fail(name, "this YAML is nested too deeply to be a dataset (a dataset needs 4 levels)") from None


def _read_mapping(path: Path, kind: str) -> Iterator[RawTable]:
    with open_regular(path, path.name) as handle:
        try:
            raw = handle.read()
        except OSError as err:
            raise _fail(path.name, f"the file could not be read ({err.strerror or err})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise _fail(path.name, f"this {kind} is not UTF-8 text (line {line} holds a byte that is not)") from None
    del raw
    data = _parse_json(text, path.name) if kind == "JSON file" else _parse_yaml(text, path.name)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _fail(path.name, f"the top level of this {kind} must map table names (organisations, seats, ...) "
                               f"to lists of rows, but it is a {type(data).__name__}")
    return _mapping_tables(path.name, data)


def _mapping_tables(filename: str, data: dict) -> Iterator[RawTable]:
    from graphmodel.cells import normal_column

    for key, value in data.items():
        name = str(key).strip().lower()
        source = f"{filename}, table {str(key)!r}"
        objects = [{str(k): v for k, v in item.items()} for item in value if isinstance(item, dict)] \
            if isinstance(value, list) else []
        header, rows = keyed_rows(objects, normal_column)
        del objects
        yield RawTable(name=name, source=source, header=header, blocks=_mapping_blocks(source, value, rows),
                       row_label="item", keyed=True)


def _mapping_blocks(source: str, value: Any, rows: list[list]) -> Iterator[Union[RowBlock, Problem]]:
    """The table's ``rows`` (its objects, in order) in blocks numbered by item, a problem at each item
    that is not an object."""
    if value is None:
        return
    if not isinstance(value, list):
        yield Problem(source, None, None, None,
                      f"a table must be a list of rows (objects), but this is a {type(value).__name__}",
                      row_label="item")
        return
    first, block = 1, []
    found = iter(rows)
    for number, item in enumerate(value, start=1):
        if isinstance(item, dict):
            if not block:
                first = number
            block.append(next(found))
            if len(block) >= BLOCK_ROWS:
                yield RowBlock(first, block)
                block = []
        else:
            if block:
                yield RowBlock(first, block)
                block = []
            yield Problem(source, number, None, None,
                          f"each row must be an object with column names as keys, but this is a "
                          f"{type(item).__name__}", row_label="item")
    if block:
        yield RowBlock(first, block)
