"""Where engagemap's time and memory go on a big dataset: phases, cProfile, tracemalloc.

Run as ``python benchmarks/profile_national.py DATASET [--tracemalloc] [--top N]``
(make the national dataset with ``engagemap synth --areas 300 --seed 1 -o DATASET``).

Prints, for ``gaps`` and ``validate`` as the command line runs them:

1. the wall time of each phase (reading and validating each table's cells, the cross-table
   checks, building the graph or the models, the analysis, the JSON, freeing the objects),
   measured without a profiler;
2. cProfile's functions by own CPU time (``tottime``) over the whole of ``gaps``;
3. with ``--tracemalloc``, the peak of Python's allocations and the source lines holding the
   most memory when the graph is complete (tracemalloc slows everything about 3x, so its run
   is separate from the timings).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import sys
import time
import tracemalloc
from contextlib import contextmanager


@contextmanager
def phase(name: str, times: dict):
    """Wall and CPU seconds of the block (CPU time is what a shared, busy machine distorts least)."""
    start, cpu = time.perf_counter(), time.process_time()
    yield
    times[name] = (time.perf_counter() - start, time.process_time() - cpu)


def run_phases(path: str, times: dict) -> None:
    """``gaps --format json`` then ``validate``, phase by phase, as the CLI runs them."""
    from graphmodel import load
    from graphmodel.gcpause import paused_gc
    from graphmodel.graph import graph_from_rows
    from graphmodel.model import TABLES, Dataset
    from graphmodel.output import to_json
    from graphmodel.representation import gaps

    def read_and_check(command: str):
        with phase(f"{command}: read and check each table's cells", times):
            loader = load._Loader(None)
            with paused_gc():
                for raw in load.read_tables(path):
                    loader.table(raw)
        with phase(f"{command}: cross-table checks (ids, references, cycles)", times):
            with paused_gc():
                loader.finish()
        return loader

    loader = read_and_check("gaps")
    assert not loader.problems, loader.problems[:3]
    with phase("gaps: build the MultiDiGraph", times):
        graph = graph_from_rows("national", loader.rows, reuse=True)
    with phase("gaps: the analysis (representation.gaps)", times):
        result = gaps(graph)
    with phase("gaps: as_dict and JSON text", times):
        text = to_json(result.as_dict())
    print(f"(gaps JSON: {len(text):,} characters)")
    with phase("gaps: free the graph and rows", times):
        del graph, loader, result, text
        gc.collect()

    loader = read_and_check("validate")
    with phase("validate: pydantic models (model_construct)", times):
        with paused_gc():
            tables = {t: load._models(t, list(load.rows(loader.rows[t]))) for t in TABLES}
            Dataset.model_construct(name="national", **tables)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--top", type=int, default=30)
    options = parser.parse_args()

    times: dict = {}
    run_phases(options.dataset, times)
    print("## Phases (no profiler): wall s, CPU s\n")
    for name, (wall, cpu) in times.items():
        print(f"- {name}: {wall:,.2f} s wall, {cpu:,.2f} s CPU")

    from graphmodel.cli import cli

    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    stdout, sys.stdout = sys.stdout, io.StringIO()
    try:
        cli.main(["gaps", options.dataset, "--format", "json"], standalone_mode=False)
    finally:
        sys.stdout = stdout
        profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(options.top)
    print("\n## cProfile of `gaps --format json`, by own CPU time\n\n```")
    print(stream.getvalue().strip())
    print("```")

    if options.tracemalloc:
        from graphmodel.load import read_graph

        tracemalloc.start(1)
        graph, _ = read_graph(options.dataset)
        current, peak = tracemalloc.get_traced_memory()
        snapshot = tracemalloc.take_snapshot()
        tracemalloc.stop()
        print(f"\n## tracemalloc after read_graph: {current / 2**20:,.0f} MiB held, peak {peak / 2**20:,.0f} MiB\n")
        print("```")
        for stat in snapshot.statistics("lineno")[:options.top]:
            frame = stat.traceback[0]
            print(f"{stat.size / 2**20:8.1f} MiB {stat.count:>10,} blocks  {frame.filename}:{frame.lineno}")
        print("```")
        print(f"\nnodes {graph.number_of_nodes():,}, edges {graph.number_of_edges():,}")


if __name__ == "__main__":
    main()
