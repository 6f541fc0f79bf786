"""Resilience at national scale (issue 16): every partnership's top single points of failure.

    engagemap synth --areas 300 --seed 1 -o /tmp/national
    python benchmarks/resilience.py /tmp/national [--top 5] [--repeat 3]

Loading is timed apart from the analysis; the analysis builds one index of the
reach graph and then one dominator tree per partnership (see graphmodel/failures.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset")
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from graphmodel.failures import resilience_all
    from graphmodel.load import read_graph

    start = time.perf_counter()
    graph, _ = read_graph(args.dataset)
    load = time.perf_counter() - start
    partnerships = sum(1 for _, t in graph.nodes(data="type") if t == "partnership")
    times, cpu = [], []
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        results = resilience_all(graph, top=args.top)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    points = sum(len(r.points) for r in results)
    worst = max(results, key=lambda r: r.points[0].cuts_organisations if r.points else 0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}")
    print(f"graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges; load {load:.1f} s")
    print(f"resilience of all {partnerships:,} partnerships (top {args.top}): median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}, {args.repeat} runs); CPU median {statistics.median(cpu):.2f} s; "
          f"{points:,} points; peak {peak:.0f} MB")
    print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    if worst.points:
        p = worst.points[0]
        print(f"largest single point: {p.id} ({p.type}) cuts {p.cuts_organisations:,} of "
              f"{worst.reach_total:,} from {worst.partnership}")


if __name__ == "__main__":
    main()
