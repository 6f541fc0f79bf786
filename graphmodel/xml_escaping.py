"""Text escaped for the XML documents engagemap writes itself (GraphML, a workbook's parts), as
ElementTree escapes it.

>>> character_data('a & <b> "c"'), attribute_value('a & "b"\\tc')
('a &amp; &lt;b&gt; "c"', 'a &amp; &quot;b&quot;&#9;c')
"""

from __future__ import annotations

__all__ = ["character_data", "attribute_value"]


def character_data(text: str) -> str:
    """``text`` as an element's content: ``&``, ``<`` and ``>`` as references (a carriage return is
    left as it is, which a parser reads as a line feed)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def attribute_value(text: str) -> str:
    """``text`` as an attribute's value in double quotes: also the quote, and the white space a
    parser would otherwise fold into spaces."""
    return (character_data(text).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#9;"))
