"""How Popolo's words map onto the dataset format's: classifications, levels, seat roles, dates.

The rules :mod:`graphmodel.importers.popolo` applies to each item, kept apart
from the reader that walks the document.

>>> LEVELS["committee"], bool(PARTY.search("Labour Party")), bool(STATUTORY.search("Leeds City Council"))
('thematic', True, True)
>>> seat_role("Deputy Mayor"), seat_role("Lord Mayor"), seat_role("councillor")
('vice_chair', 'chair', None)
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

__all__ = ["LEVELS", "STATUTORY", "CLASSIFICATION", "PARTY", "BODY", "ELECTED", "seat_role", "popolo_date"]

#: classification or name words of a statutory organisation
STATUTORY = re.compile(r"council|nhs|health authority|police|school|college|government|statutory|department|"
                       r"ministry|\boffice\b|agency|authority|parliament|treasury|public body", re.I)
#: the classification engagemap writes: ``partnership (board)``, ``network (led by vcs)``
CLASSIFICATION = re.compile(r"^(organisation|network|partnership) \((?:led by )?([a-z_]+)\)$")
#: a political party
PARTY = re.compile(r"\bpart(y|ies)\b|political group|faction|coalition", re.I)
#: classification word -> partnership level (the first word found in the classification wins)
LEVELS = {"legislature": "board", "parliament": "board", "assembly": "board", "council": "board",
          "chamber": "board", "senate": "board", "house": "board", "board": "board", "executive": "executive",
          "cabinet": "executive", "government": "executive", "subcommittee": "subgroup",
          "sub-committee": "subgroup", "committee": "thematic", "commission": "thematic", "panel": "thematic",
          "task": "task", "working group": "task"}
#: any classification word of :data:`LEVELS`, longest first
BODY = re.compile("|".join(re.escape(w) for w in sorted(LEVELS, key=len, reverse=True)), re.I)
#: a body whose members are elected
ELECTED = re.compile(r"legislature|parliament|assembly|council|chamber|senate|house", re.I)
#: roles that chair
CHAIR = re.compile(r"^(lord |lady )?(mayor|chair(man|woman|person)?|convenor|convener|leader|president|speaker|"
                   r"presiding officer|ceann comhairle|cathaoirleach|premier|prime minister|head)\b", re.I)
#: roles that vice-chair or deputise for the chair
VICE = re.compile(r"^(deputy|vice|pro)[- ]?(lord )?(mayor|chair|leader|president|speaker|convenor|convener|"
                  r"presiding|premier|prime minister|ceann comhairle|cathaoirleach)|^(deputy|vice)$", re.I)
#: roles that observe
OBSERVER = re.compile(r"^(observer|non-voting|adviser|advisor)\b", re.I)


def seat_role(text: Any) -> str | None:
    """The seat ``role`` (FORMAT.md section 5) a Popolo membership role means, or ``None``
    for a plain member.

    >>> seat_role("Vice-Chair"), seat_role("Observer"), seat_role(None)
    ('vice_chair', 'observer', None)
    """
    text = str(text or "").strip()
    if VICE.search(text):
        return "vice_chair"
    if CHAIR.search(text):
        return "chair"
    if OBSERVER.search(text):
        return "observer"
    return None


def popolo_date(value: Any) -> tuple[str | None, str | None]:
    """(ISO date, partial date text) of a Popolo date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD[T...]``).

    >>> popolo_date("2022-05-05T00:00:00"), popolo_date("2022")
    (('2022-05-05', None), (None, '2022'))
    """
    text = str(value or "").strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text[:10]).isoformat(), None
        except ValueError:
            pass
    return None, text or None
