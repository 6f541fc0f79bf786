"""The exceptions of engagemap, and the located problem they carry.

Every error the library raises on purpose is an :class:`EngagemapError`; the
command line turns it into a message on standard error and an exit status,
never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "Problem",
    "EngagemapError",
    "DatasetError",
    "NotFound",
    "OutputError",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a dataset, with where it is.

    ``source`` names the file or sheet (``"seats.csv"``, ``"sheet 'seats'"``,
    ``"seats in hackney.json"``); ``row`` is the spreadsheet row number (the
    header is row 1) or, in JSON/YAML, the item number in the table's list.

    >>> p = Problem("seats.csv", 4, "holder", "hcvs", "unknown id")
    >>> str(p)
    "seats.csv, row 4, column holder, value 'hcvs': unknown id"
    """

    source: str
    row: int | None
    column: str | None
    value: Any
    message: str
    row_label: str = "row"
    severity: str = "error"

    def __str__(self) -> str:
        parts = [self.source]
        if self.row is not None:
            parts.append(f"{self.row_label} {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.value is not None and self.value != "":
            parts.append(f"value {_show(self.value)}")
        return ", ".join(parts) + ": " + self.message

    def as_dict(self) -> dict[str, Any]:
        value = self.value
        if value is not None and not isinstance(value, (str, int, float, bool)):
            value = str(value)
        return {
            "severity": self.severity,
            "source": self.source,
            "row": self.row,
            "column": self.column,
            "value": value,
            "message": self.message,
        }


def _show(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class EngagemapError(Exception):
    """Base class of every error engagemap raises on purpose."""


class DatasetError(EngagemapError):
    """A dataset could not be read or is not valid.

    ``problems`` lists every error found (not just the first); ``warnings``
    lists what was accepted but looks wrong.
    """

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None):
        self.problems = list(problems)
        self.warnings = list(warnings or [])
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the dataset"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class NotFound(EngagemapError, KeyError):
    """An id given to an analysis is not in the dataset (or is of another kind)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class OutputError(EngagemapError):
    """An output that engagemap will not write: it would replace or damage something it did not write."""
