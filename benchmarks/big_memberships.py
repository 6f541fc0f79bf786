"""Issue 7's big input: validate a dataset whose memberships table has 1,000,000 rows.

Run as ``python benchmarks/big_memberships.py``; prints its result (RESULTS.md holds only what
``run.py`` measures).
Reading streams the file in blocks of 50,000 rows (progress on stderr); the peak
memory recorded is that of the whole `engagemap validate` process.
"""

from __future__ import annotations

import csv
import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 1_000_000


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="engagemap-big-")) / "big"
    folder.mkdir()
    orgs = 200_000
    with open(folder / "organisations.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "sector"])
        w.writerows([f"o{i}", f"Organisation {i}", "vcs"] for i in range(orgs))
    with open(folder / "networks.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "led_by"])
        w.writerows([f"n{i}", f"Network {i}", "vcs"] for i in range(100))
    with open(folder / "memberships.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["member", "network", "since"])
        w.writerows([f"o{i % orgs}", f"n{i // orgs * 20 + i % 20}", "2020-01-01"] for i in range(ROWS))
    size = (folder / "memberships.csv").stat().st_size
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "graphmodel.cli", "validate", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    progress = [line for line in proc.stderr.read().decode().splitlines() if line.startswith("...")]
    ok = os.waitstatus_to_exitcode(status) == 0
    text = (f"\n## Big input: a 1,000,000-row memberships table ({datetime.date.today().isoformat()})\n\n"
            f"`python benchmarks/big_memberships.py`: `engagemap validate` on 200,000 organisations, 100 networks "
            f"and {ROWS:,} memberships ({size / 1e6:.0f} MB of CSV): {'valid' if ok else 'FAILED'}, "
            f"{wall:.1f} s wall, peak memory {usage.ru_maxrss / 1024:.0f} MB; read in blocks of 50,000 rows with "
            f"{len(progress)} progress lines on stderr. The validated rows are kept (as columns) for the analyses, "
            f"so memory grows with the data, not with the file read at once.\n")
    print(text)


if __name__ == "__main__":
    main()
