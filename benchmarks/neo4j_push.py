"""Benchmark (issue 12, P3): push a synthetic borough and a national dataset into Neo4j and pull them back.

Run against a live server (``eval "$(.ci/neo4j/start --env)"`` starts the CI one)::

    python benchmarks/neo4j_push.py                 # 1 area and 300 areas (~1.46M rows)
    python benchmarks/neo4j_push.py --areas 1 30    # smaller
    python benchmarks/neo4j_push.py --path /work/data/national --no-write   # a dataset already written
    python benchmarks/neo4j_push.py --areas 1 30 300 --batch-size 5000 1000 20000   # memory against batch size

Besides the wall clock it gives the CPU seconds of the client (this process) and of the server
(the process whose id ``--server-pid`` gives, by default the one ``.ci/neo4j/start`` wrote): on a
shared machine those say more than the wall clock.

For each dataset: rows pushed per second (every row of every table, over the whole push:
schema, batches, clean-up, SAME_AS), rows pulled per second, and the memory the push and the
pull add to the process above the loaded dataset (peak resident set sampled every 50 ms, after a
warm-up push of one area in the same process), at each batch size given. The
datasets are written as ``engagemap-bench-N`` and removed afterwards. The section "Neo4j push and
pull (issue 12)" of ``benchmarks/RESULTS.md`` is replaced with the results (``--no-write`` to
only print them). Progress goes to standard error.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECTION = "## Neo4j push and pull (issue 12)"


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class PeakMemory:
    """The peak resident set (MB) while the ``with`` block runs, sampled every 50 ms."""

    def __enter__(self):
        self.start = self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())

    @property
    def added(self) -> float:
        return self.peak - self.start


def log(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


def server_cpu(pid: int | None) -> float:
    """The CPU seconds (user and system) the server process has used so far (0 when unknown)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(areas: int | None, path: Path | None):
    """The dataset to push: ``engagemap synth --areas N --seed 1``, or the folder ``path``."""
    from graphmodel import load_dataset
    from graphmodel.synthetic import write_synthetic

    with tempfile.TemporaryDirectory() as tmp:
        if path is None:
            folder = Path(tmp) / f"engagemap-bench-{areas}"
            log(f"writing engagemap synth --areas {areas}")
            write_synthetic(folder, areas=areas, seed=1)
        else:
            folder = path
        start = time.perf_counter()
        ds = load_dataset(folder)
        log(f"loaded in {time.perf_counter() - start:.1f} s")
    if path is not None:
        ds = ds.model_copy(update={"name": f"engagemap-bench-{path.name}"})
    return ds


def measure(store, ds, areas, batch_size: int, *, workers: int = 2, server: int | None = None,
            pull: bool = True) -> dict:
    """Push ``ds`` into an empty dataset of its name (and pull it back if ``pull``), measured; then remove it."""
    from graphmodel.model import TABLES

    rows = sum(len(ds.rows(t)) for t in TABLES)
    log(f"{rows:,} rows; pushing in batches of {batch_size:,}")
    store._repeat("delete_dataset", dataset=ds.name)  # a push into an empty dataset, as the first one is
    with PeakMemory() as push_mem:
        start, cpu, served = time.perf_counter(), time.process_time(), server_cpu(server)
        counts = store.push(ds, batch_size=batch_size, progress=log, workers=workers)
        push_s = time.perf_counter() - start
        client_s, server_s = time.process_time() - cpu, server_cpu(server) - served
    log(f"pushed in {push_s:.1f} s ({rows / push_s:,.0f} rows/s; CPU: client {client_s:.1f} s, "
        f"server {server_s:.1f} s; memory +{push_mem.added:.0f} MB)" + ("; pulling" if pull else ""))
    result = {"areas": areas, "rows": rows, "client_s": client_s, "server_s": server_s, "workers": workers,
              "nodes": sum(v for k, v in counts.items() if k.startswith("node")),
              "relationships": sum(v for k, v in counts.items() if k.startswith("relationship")),
              "push_s": push_s, "push_mb": push_mem.added, "dataset_mb": push_mem.start, "batch": batch_size,
              "pull_s": None, "pull_mb": None, "same": None}
    if pull:
        with PeakMemory() as pull_mem:
            start = time.perf_counter()
            back = store.pull(ds.name)
            pull_s = time.perf_counter() - start
        same = back.model_copy(update={"people": ()}) == ds.model_copy(update={"people": ()}) and \
            [p.id for p in back.people] == [p.id for p in ds.people]
        del back
        log(f"pulled in {pull_s:.1f} s; same dataset: {same}")
        result.update(pull_s=pull_s, pull_mb=pull_mem.added, same=same)
    store._repeat("delete_dataset", dataset=ds.name)
    return result


def warm_up(store, workers: int) -> None:
    """Push and remove a one-area dataset, so that what a process pays once (the driver's modules, its
    connections, the worker threads) is not counted as the measured pushes' memory."""
    ds = load(1, None).model_copy(update={"name": "engagemap-bench-warm-up"})
    store.push(ds, workers=workers)
    store._repeat("delete_dataset", dataset=ds.name)


def calibration() -> float:
    start = time.perf_counter()
    x = 0
    for i in range(10_000_000):
        x += i
    return time.perf_counter() - start


def _name(areas) -> str:
    return f"synth --areas {areas}" if isinstance(areas, int) else str(areas)


def report(results: list[dict], note: str) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    lines = [
        SECTION, "",
        "Made by `python benchmarks/neo4j_push.py` against the CI server (Neo4j 5.26 Community, in-process test "
        "server started by `.ci/neo4j/start`, heap 2 GB, page cache 512 MB) on the same machine.", "",
        f"- date: {datetime.date.today().isoformat()}",
        f"- CPU: {cpu}, {os.cpu_count()} cores (shared by the client, the server and, here, other work)",
        f"- Python {platform.python_version()}; calibration: a 10-million-step Python loop took {calibration():.2f} s",
        "",
        "| dataset | rows | nodes | relationships | push s | rows/s pushed | push CPU s client / server "
        "| push adds MB | pull s | rows/s pulled | pull adds MB | pulled = pushed | goal >= 20,000 rows/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        rate = r["rows"] / r["push_s"]
        pulled = ("| | | | " if r["pull_s"] is None else
                  f"| {r['pull_s']:.1f} | {r['rows'] / r['pull_s']:,.0f} | {r['pull_mb']:.0f} | "
                  f"{'yes' if r['same'] else 'NO'} ")
        name = _name(r["areas"])
        lines.append(f"| {name} (batch {r['batch']:,}, {r['workers']} at once) | {r['rows']:,} | {r['nodes']:,} | "
                     f"{r['relationships']:,} | {r['push_s']:.1f} | {rate:,.0f} | "
                     f"{r['client_s']:.1f} / {r['server_s']:.1f} | {r['push_mb']:.0f} "
                     + pulled + f"| {'met' if rate >= 20_000 else 'not met'} |")
    sizes = {}
    for r in results:
        sizes.setdefault(r["areas"], r["dataset_mb"])
    lines += ["", "\"push adds MB\" is the peak resident set during the push above the process with the dataset "
              "loaded (the dataset itself: " + ", ".join(f"{mb:.0f} MB for {_name(a)}" for a, mb in sizes.items())
              + "), measured after a warm-up push of one area in the same process, so the driver's modules, "
              "connections and threads, paid once a process, are not counted. Rows are made and sent one batch "
              "at a time, so this memory follows the batch size, not the dataset. The pull builds the whole "
              "dataset, so its memory grows with the dataset; it is measured at the first batch size of each "
              "dataset only.", ""]
    if note:
        lines += [note, ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, nargs="+", default=[1, 30, 300])
    parser.add_argument("--path", type=Path, nargs="+", default=[],
                        help="Dataset folders to push instead of synthetic ones (then --areas is not used).")
    parser.add_argument("--batch-size", type=int, nargs="+", default=[5000],
                        help="Rows a batch (several: each dataset is pushed at each, and pulled at the first).")
    parser.add_argument("--workers", type=int, default=2, help="Batches written at once.")
    parser.add_argument("--server-pid", type=int, default=None,
                        help="The server's process id (default: .ci/neo4j/run/neo4j.pid) for its CPU time.")
    parser.add_argument("--note", default="", help="A sentence added under the table.")
    parser.add_argument("--no-write", action="store_true", help="Print the section instead of writing RESULTS.md.")
    parser.add_argument("--push-only", action="store_true",
                        help="Measure the push only (its line on standard error); write and print nothing else.")
    args = parser.parse_args()
    from graphmodel.store import Neo4jStore

    uri = os.environ.get("NEO4J_URI")
    if not uri:
        raise SystemExit('set NEO4J_URI (eval "$(.ci/neo4j/start --env)" starts a server)')
    with Neo4jStore(uri, os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                    os.environ.get("NEO4J_DATABASE")) as store:
        pid = args.server_pid
        pid_file = Path(os.environ.get("NEO4J_RUN_DIR", HERE.parent / ".ci" / "neo4j" / "run")) / "neo4j.pid"
        if pid is None and pid_file.exists():
            pid = int(pid_file.read_text())
        warm_up(store, args.workers)
        results = []
        for areas, path in ([(str(p), p) for p in args.path] or [(a, None) for a in args.areas]):
            ds = load(areas if path is None else None, path)
            for i, batch in enumerate(args.batch_size):
                results.append(measure(store, ds, areas, batch, workers=args.workers, server=pid,
                                       pull=i == 0 and not args.push_only))
            del ds
    if args.push_only:
        return
    section = report(results, args.note)
    print(section)
    if not args.no_write:
        path = HERE / "RESULTS.md"
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
        if SECTION in text:
            before, _, after = text.partition(SECTION)
            rest = after.split("\n## ", 1)
            text = before + section + ("\n## " + rest[1] if len(rest) > 1 else "")
        else:
            text = text.rstrip("\n") + "\n\n" + section
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
