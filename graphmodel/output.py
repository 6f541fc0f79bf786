"""Plain-text tables, JSON and CSV for the command line.

>>> print(text_table(["id", "n"], [["cen", 3], ["hcvs", 12]]))
id    n
----  --
cen   3
hcvs  12
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from datetime import date
from enum import Enum
from typing import Any

__all__ = ["text_table", "to_json", "to_csv", "cell", "printable", "xml_text", "CONTROL"]

#: What a terminal may act on rather than show: C0 controls but tab and newline, DEL, C1 controls
#: (ESC and CSI start ANSI sequences), and the bidirectional overrides and isolates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: What XML 1.0 (GraphML, GEXF) and a workbook's cells cannot hold at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""``text`` safe to print on a terminal: every control character or bidirectional override
    shown as an escape (``\x1b``), so no ANSI sequence in a name can act on the terminal.

    >>> printable("ok\x1b[31mred\u202e")
    'ok\\x1b[31mred\\u202e'
    """
    return CONTROL.sub(_escape, text) if CONTROL.search(text) else text


def xml_text(text: str) -> str:
    r"""``text`` that XML 1.0 and a workbook can hold: characters they cannot (most C0 controls,
    U+FFFE, U+FFFF, lone surrogates) shown as escapes.

    >>> xml_text("a\x00b\tc")
    'a\\x00b\tc'
    """
    if text.isprintable():  # the common case, at once: every character XML cannot hold is unprintable
        return text
    return _NOT_XML.sub(_escape, text) if _NOT_XML.search(text) else text


def cell(value: Any) -> str:
    """One value as text: lists joined with '; ', None as empty."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell(v)}" for k, v in value.items())
    return printable(str(value))


def text_table(header: Sequence[str], rows: Sequence[Sequence[Any]], width: int = 80) -> str:
    """Left-aligned columns; cells that would push a row past ``width`` are cut with '…'."""
    text_rows = [[cell(v) for v in row] for row in rows]
    widths = [len(h) for h in header]
    for row in text_rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    budget = width - 2 * (len(header) - 1)
    while sum(widths) > budget and max(widths) > 8:
        widest = widths.index(max(widths))
        widths[widest] -= 1

    def fit(value: str, w: int) -> str:
        return value if len(value) <= w else value[: max(w - 1, 0)] + "…"

    header = [printable(str(h)) for h in header]
    lines = ["  ".join(fit(h, w).ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in text_rows:
        lines.append("  ".join(fit(v, w).ljust(w) for v, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


def _default(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    """Stable JSON: keys in the order given, UTF-8 kept, indented by two spaces
    unless it is large (then compact, written by the C encoder, which is much faster)."""
    compact = json.dumps(data, ensure_ascii=False, default=_default, check_circular=False)  # results hold no cycle
    if len(compact) > 1_000_000:
        return compact
    return json.dumps(data, indent=2, ensure_ascii=False, default=_default)


def to_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV text with a header row; list values joined with '; '; cells that a spreadsheet
    would run as formulas are neutralised (see :func:`graphmodel.writers.neutralise`)."""
    from .writers import neutralise

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell(v)) for v in row])
    return buffer.getvalue()
