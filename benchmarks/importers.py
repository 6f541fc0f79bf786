"""Issue 14: the importers on files of a real publisher's size, and that their work is linear.

Run as ``python benchmarks/importers.py``; appends a section "Importers (issue 14)" to
RESULTS.md. Synthetic inputs (same seed, same files):

- Popolo: ~1,500 persons and ~2,000 memberships (a council with ward posts held by several
  people, committees, parties, party memberships, a legislative period), and the same at 2x
  and 4x to show the work grows linearly (the old importer paired every person with every
  membership);
- 360Giving: a CSV of 10,000 grants from 40 funders to 3,000 recipients (repeat grants
  included), and 2x / 4x.

Each is timed twice: the import work in this process (read, validate, write; CPU seconds,
median of 3, so other work on a shared machine does not count)
and the whole ``engagemap import`` command (interpreter start included).
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def popolo(scale: int, seed: int = 14) -> dict:
    rng = random.Random(seed)
    persons = 1_500 * scale
    orgs = [{"id": "council", "name": "Council", "classification": "legislature"}]
    orgs += [{"id": f"party/{i}", "name": f"Party {i}", "classification": "party"} for i in range(8)]
    orgs += [{"id": f"committee/{i}", "name": f"Committee {i}", "classification": "committee"}
             for i in range(20 * scale)]
    areas = [{"id": f"ward/{i}", "name": f"Ward {i}", "type": "ward"} for i in range(200 * scale)]
    posts = [{"id": f"ward/{i}/councillor", "organization_id": "council", "area_id": f"ward/{i}"}
             for i in range(200 * scale)]
    people = [{"id": f"person/{i}", "name": f"Person {i}"} for i in range(persons)]
    memberships = []
    for i in range(600 * scale):  # councillors on ward posts, three-ish per post
        memberships.append({"person_id": f"person/{i}", "post_id": f"ward/{i % (200 * scale)}/councillor",
                            "on_behalf_of_id": f"party/{rng.randrange(8)}", "legislative_period_id": "term/1"})
    for i in range(300 * scale):  # committee places
        memberships.append({"person_id": f"person/{rng.randrange(600 * scale)}",
                            "organization_id": f"committee/{rng.randrange(20 * scale)}",
                            "role": rng.choice(["member", "member", "Chair", "Vice-Chair"])})
    for i in range(900 * scale):  # party memberships
        memberships.append({"person_id": f"person/{rng.randrange(persons)}", "organization_id":
                            f"party/{rng.randrange(8)}", "start_date": "2015-01-01"})
    for i in range(200 * scale):  # without a post, own area
        memberships.append({"person_id": f"person/{600 * scale + i}", "organization_id": "council",
                            "area_id": f"ward/{i}", "role": "councillor"})
    return {"organizations": orgs, "areas": areas, "posts": posts, "persons": people,
            "events": [{"id": "term/1", "start_date": "2022-05-05", "end_date": "2026-05-07"}],
            "memberships": memberships}


def grants_csv(path: Path, scale: int, seed: int = 14) -> int:
    rng = random.Random(seed)
    count = 10_000 * scale
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
                    "Recipient Org:Identifier", "Recipient Org:Name", "Recipient Org:Charity Number",
                    "Recipient Org:Postal Code", "Beneficiary Location:Name", "Beneficiary Location:Geographic Code",
                    "Grant Programme: Title", "Funding Org:Identifier", "Funding Org:Name"])
        for i in range(count):
            r, fnd = rng.randrange(3_000 * scale), rng.randrange(40)
            w.writerow([f"360G-bench-{i}", f"Grant {i}", "Project costs", "GBP", rng.randrange(500, 50_000),
                        f"20{rng.randrange(15, 25)}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}",
                        f"GB-CHC-{1_000_000 + r}", f"Charity {r}", str(1_000_000 + r), "E8 1AA",
                        f"Area {r % 300}", f"E0{6_000_000 + r % 300}", rng.choice(["Small", "Main", "Capital"]),
                        f"GB-GOR-F{fnd}", f"Funder {fnd}"])
    return count


def in_process(kind: str, path: Path, out: Path) -> tuple[float, str]:
    from graphmodel.importers.imported import validated, write_imported
    from graphmodel.importers.popolo import read_popolo
    from graphmodel.importers.threesixtygiving import read_grants

    times = []
    for _ in range(3):
        start = time.process_time()
        imported = (read_popolo if kind == "popolo" else read_grants)(path)
        dataset = validated(imported, name="bench")
        write_imported(imported, dataset, out)
        times.append(time.process_time() - start)
    made = ", ".join(f"{len(dataset.rows(t)):,} {t}" for t in ("partnerships", "organisations", "communities",
                                                                "seats", "links", "people") if dataset.rows(t))
    counts = "; ".join(f"{v:,} {k}" for k, v in imported.counts.items() if v)
    return statistics.median(times), f"{made} ({counts})"


def command(kind: str, path: Path, out: Path) -> float:
    exe = Path(sys.executable).with_name("engagemap")
    start = time.perf_counter()
    subprocess.run([str(exe), "import", kind, str(path), "-o", str(out)], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="engagemap-importers-"))
    rows = []
    for scale in (1, 2, 4):
        doc = popolo(scale)
        path = work / f"popolo-{scale}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        seconds, made = in_process("popolo", path, work / f"p{scale}")
        wall = command("popolo", path, work / f"pc{scale}")
        rows.append((f"Popolo, {len(doc['persons']):,} persons, {len(doc['memberships']):,} memberships",
                     seconds, wall, made))
        print(rows[-1], file=sys.stderr)
    for scale in (1, 2, 4):
        path = work / f"grants-{scale}.csv"
        count = grants_csv(path, scale)
        seconds, made = in_process("360giving", path, work / f"g{scale}")
        wall = command("360giving", path, work / f"gc{scale}")
        rows.append((f"360Giving CSV, {count:,} grants", seconds, wall, made))
        print(rows[-1], file=sys.stderr)
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"
    lines = ["", f"## Importers (issue 14) ({datetime.date.today().isoformat()})", "",
             f"`python benchmarks/importers.py` on {machine}. Synthetic files (seed 14); import work = CPU seconds to "
             "read, validate and write in one process (median of 3; CPU time, which a busy machine moves least); command = the whole `engagemap import` "
             "including interpreter start (wall time, with the machine's load average at "
             f"{os.getloadavg()[0]:.1f}: above about 1, read those as upper bounds). Doubling the input about "
             "doubles the work: linear.", "",
             "| input | import work CPU s | command wall s | written |", "|---|---|---|---|"]
    lines += [f"| {name} | {s:.2f} | {w:.2f} | {made} |" for name, s, w, made in rows]
    with open(HERE / "RESULTS.md", "a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
