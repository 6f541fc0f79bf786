"""Maps of the engagement network: an interactive page that works offline, an SVG, a PNG, an A3 PDF poster.

>>> from graphmodel.viz import build_map
>>> callable(build_map)
True
"""

from .mapmodel import DEFAULT_AGGREGATE, MapModel, build_map
from .render import render_html, render_svg, write_map

__all__ = ["DEFAULT_AGGREGATE", "MapModel", "build_map", "render_html", "render_svg", "write_map"]
