"""Long chains (issue 10): every command on a 100,000-link part_of, feeds_into and network chain.

Run ``python benchmarks/chains.py [--links N] [--timeout S]``. For each chain it writes a CSV
folder, runs every command on it as a whole ``engagemap`` process and prints a Markdown table of
wall seconds (interpreter start included) and exit status. Graph walks are iterative and
linear or near-linear in the chain's length, so each command should take seconds.

The three chains:

- ``part_of``: communities c0 part_of c1 part_of ... cN; an organisation serving c0 holds a seat
  representing cN (so every community is covered through it) on a board.
- ``feeds_into``: partnerships p0 feeds_into p1 ... pN; an organisation holds a seat on p0
  that reports back to it.
- ``network``: networks n0 member of n1 ... nN; an organisation is a member of n0; a seat on a
  board selected by nN reports back to nN.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENGAGEMAP = [sys.executable, "-m", "graphmodel.cli"]


def _write(folder: Path, tables: dict[str, list[list[str]]]) -> Path:
    folder.mkdir(parents=True)
    for table, rows in tables.items():
        with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
    return folder


def chain(kind: str, n: int, folder: Path) -> tuple[Path, dict[str, str]]:
    """Write the chain dataset of ``kind`` with ``n`` links; return it and the ids commands need."""
    orgs = [["id", "name", "sector", "serves"], ["org", "Org", "vcs", "c0" if kind == "part_of" else ""]]
    communities = [["id", "name", "part_of"]]
    partnerships = [["id", "name", "level", "feeds_into"], ["board", "Board", "board", ""]]
    networks = [["id", "name", "led_by"]]
    memberships = [["member", "network"]]
    seats = [["id", "partnership", "sector", "represents", "selected_by", "holder"]]
    links = [["source", "target", "kind"]]
    if kind == "part_of":
        communities += [[f"c{i}", f"C{i}", f"c{i + 1}" if i < n else ""] for i in range(n + 1)]
        seats.append(["seat", "board", "vcs", f"c{n}", "", "org"])
        links.append(["seat", "org", "reports_back"])
        ids = {"partnership": "board", "seat": "seat"}
    elif kind == "feeds_into":
        partnerships += [[f"p{i}", f"P{i}", "thematic", f"p{i + 1}" if i < n else "board"] for i in range(n + 1)]
        seats.append(["seat", "p0", "vcs", "", "", "org"])
        links.append(["seat", "org", "reports_back"])
        ids = {"partnership": "board", "seat": "seat"}
    else:
        networks += [[f"n{i}", f"N{i}", "vcs"] for i in range(n + 1)]
        memberships.append(["org", "n0"])
        memberships += [[f"n{i}", f"n{i + 1}"] for i in range(n)]
        seats.append(["seat", "board", "vcs", "", f"n{n}", ""])
        links.append(["seat", f"n{n}", "reports_back"])
        ids = {"partnership": "board", "seat": "seat"}
    path = _write(folder / kind, {"organisations": orgs, "communities": communities, "partnerships": partnerships,
                                  "networks": networks, "memberships": memberships, "seats": seats, "links": links})
    return path, ids


def commands(path: Path, ids: dict[str, str], out: Path) -> dict[str, list[str]]:
    p, s = ids["partnership"], ids["seat"]
    d = str(path)
    return {
        "validate": ["validate", d],
        "summary": ["summary", d],
        "reach": ["reach", d, "-p", p],
        "reach --from": ["reach", d, "-p", p, "--from", "org"],
        "gaps": ["gaps", d],
        "paths --seat": ["paths", d, "--seat", s],
        "paths --partnership": ["paths", d, "--partnership", p],
        "feeds": ["feeds", d, "-o", "org"],
        "plan": ["plan", d, "-p", p],
        "export csv": ["export", d, "--to", "csv", "-o", str(out / f"{path.name}-csv")],
        "export xlsx": ["export", d, "--to", "xlsx", "-o", str(out / f"{path.name}.xlsx")],
        "export graphml": ["export", d, "--to", "graphml", "-o", str(out / f"{path.name}.graphml")],
        "export popolo": ["export", d, "--to", "popolo", "-o", str(out / f"{path.name}.json")],
    }


def timed(args: list[str], timeout: float) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        proc = subprocess.run(ENGAGEMAP + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              timeout=timeout, text=True)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, f"killed after {timeout:.0f} s"
    status = str(proc.returncode)
    if proc.returncode not in (0,):
        status += ": " + (proc.stderr.strip().splitlines() or [""])[-1][:80]
    return time.perf_counter() - start, status


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--kinds", default="part_of,feeds_into,network")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out = tmp / "out"
        out.mkdir()
        print(f"| chain ({args.links:,} links) | command | wall s | exit |")
        print("|---|---|---|---|")
        for kind in args.kinds.split(","):
            path, ids = chain(kind, args.links, tmp)
            for name, cmd in commands(path, ids, out).items():
                wall, status = timed(cmd, args.timeout)
                print(f"| {kind} | {name} | {wall:.1f} | {status} |", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
