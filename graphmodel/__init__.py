"""engagemap's library: the engagement network model, its graph and analyses.

Names are loaded on first use, so ``import graphmodel`` stays fast:

>>> import graphmodel
>>> sorted(graphmodel.TABLES)[:3]
['communities', 'links', 'memberships']
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: public name -> submodule that defines it
_EXPORTS = {
    "DatasetError": "exceptions", "EngagemapError": "exceptions", "NotFound": "exceptions", "Problem": "exceptions",
    "EDGE_KINDS": "graph", "NODE_TYPES": "graph", "REACH_KINDS": "graph", "build_graph": "graph",
    "LoadResult": "load", "load_dataset": "load", "read_dataset": "load",
    "TABLES": "model", "Community": "model", "Dataset": "model", "Link": "model", "Membership": "model",
    "Network": "model", "Organisation": "model", "Partnership": "model", "Person": "model", "Seat": "model",
    "Summary": "counts", "summary": "counts",
    "Reach": "reaching", "reach": "reaching", "routes": "reaching", "feeds": "reaching",
    "Gaps": "representation", "gaps": "representation",
    "Audience": "reporting", "audience": "reporting", "Hearing": "reporting", "hearing": "reporting",
    "Plan": "planning", "plan": "planning",
    "Report": "model", "Evidence": "reporting", "evidence": "reporting", "route_states": "reporting",
    "synthesize": "synthetic",
    "Point": "failures", "Resilience": "failures", "resilience": "failures", "resilience_all": "failures",
    "cut_sets": "failures",
    "Diff": "diffing", "diff": "diffing",
    "Terms": "tenure", "terms": "tenure",
    "reserved_places": "planning",
    "HealthCheck": "healthcheck", "health_check": "healthcheck", "write_report": "healthcheck",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graphmodel' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
