"""Spreadsheet formula quoting in CSV cells, both ways: the writers neutralise, the CSV reader restores.

A CSV cell starting like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) would
run when the file is opened in a spreadsheet (OWASP, "CSV injection"), so
every CSV the project writes puts a ``'`` before it; the CSV reader takes
that ``'`` off again, so a dataset read back is the dataset written.

>>> restore(neutralise("=SUM(A1)"))
'=SUM(A1)'
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "neutralise", "restore"]

#: What makes a spreadsheet treat a cell as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A cell that no spreadsheet will run: one starting like a formula gets a leading ``'``
    (and so does one that already starts with ``'`` and then a formula character, so that
    :func:`restore` gives every value back exactly).

    >>> neutralise("=HYPERLINK(1)"), neutralise("'=x"), neutralise("'quoted"), neutralise("plain")
    ("'=HYPERLINK(1)", "''=x", "'quoted", 'plain')
    """
    if text.startswith(FORMULA_STARTS) or (text.startswith("'") and text[1:2] in FORMULA_STARTS + ("'",)):
        return "'" + text
    return text


def restore(text: str) -> str:
    """Undo :func:`neutralise` (what the CSV reader does with every cell).

    >>> [restore(neutralise(v)) for v in ("=1", "'=1", "''", "'x", "-")]
    ['=1', "'=1", "''", "'x", '-']
    """
    if text.startswith("'") and text[1:2] in FORMULA_STARTS + ("'",):
        return text[1:]
    return text
