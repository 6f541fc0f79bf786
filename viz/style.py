"""The map's colours and shapes: one place for the page, the legend, the SVG drawing and the poster.

>>> STYLE["highlight"]
'#aa00ff'
"""

__all__ = ["STYLE"]

#: Colours and shapes, one place for the page, the legend and the SVG drawing. Chosen from the
#: Okabe-Ito palette and checked for protan, deutan and tritan vision (tests/test_map.py); the
#: highlight colour is used by nothing else.
STYLE = {
    "partnership": {"board": "#3f007d", "executive": "#54278f", "thematic": "#6a51a3", "area": "#6a51a3",
                    "subgroup": "#dadaeb", "task": "#dadaeb", "other": "#dadaeb"},
    "network": {"vcs": "#00664f", "statutory": "#0060a0", "joint": "#56b4e9"},
    "organisation": {"vcs": "#a6dba0", "statutory": "#9ecae1", "private": "#d9d9d9", "mixed": "#d9f0d3"},
    "aggregate": "#d9f0d3",
    "community": "#f0e442",
    "unrepresented": "#d55e00",
    "person": "#fdd0a2",
    "highlight": "#aa00ff",
    "edge": {"member_of": "#8c8c8c", "reps": "#333333", "vacant": "#d55e00", "no_report_back": "#e69f00",
             "feeds_into": "#000000", "reports_back": "#009e73", "consults": "#0072b2", "serves": "#b8a200",
             "part_of": "#b8a200", "funds": "#8c510a", "affiliated_with": "#bdbdbd",
             "report_stale": "#8c8c8c", "report_never": "#cc79a7"},
}
