"""Map latency on a synthetic borough (issue 11): time to interactive and every interaction, in Chromium.

Run: python benchmarks/map_latency.py [--areas 1] [--seed 1] [--aggregate N ...]
Prints a Markdown table (default aggregation and every organisation shown; ``--aggregate 0`` only the
latter).
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from graphmodel import build_graph, load_dataset
from graphmodel.synthetic import write_synthetic
from graphmodel.viz import build_map, write_map
from graphmodel.viz.render import CHROMIUM_FLAGS, find_chromium

#: Each interaction as JavaScript run in the page; its time is measured in the page, including layout and paint.
ACTIONS = {
    "click the board": "window.engagemap.select(window.engagemap.index[BOARD])",
    "click a network": "window.engagemap.select(window.engagemap.index[NET])",
    "click a community": "window.engagemap.select(window.engagemap.index[COMMUNITY])",
    "theme filter": "(s => { s.value = s.options[1].value; s.dispatchEvent(new Event('change')); })"
                    "(document.getElementById('filter-theme'))",
    "search": "(s => { s.value = 'forum'; s.dispatchEvent(new Event('input')); })(document.getElementById('search'))",
    "'who serves whom' on": "document.getElementById('show-serves').click()",
    "show everything": "document.getElementById('reset').click()",
    "story step": "window.engagemap.showStep(window.engagemap.step() + 2)",
}
TIMED = """async (code) => {
  const t0 = performance.now();
  (0, eval)(code);
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
}"""
SETTLE = "(async () => { document.getElementById('reset').click();" \
         " await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); })()"


def measure(page_path: Path, story_path: Path, board: str, net: str, community: str) -> dict[str, float]:
    """Time to interactive, then each action five times from the first view (the median kept)."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        for path in (page_path, story_path):
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            start = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-ready='1']", timeout=60_000)
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            if path == page_path:
                out["time to interactive"] = (time.perf_counter() - start) * 1000
            for name, code in ACTIONS.items():
                if (name == "story step") != (path == story_path):
                    continue
                code = code.replace("BOARD", repr(board)).replace("NET", repr(net)).replace("COMMUNITY",
                                                                                           repr(community))
                times = []
                for _ in range(5):
                    if name == "show everything":  # after a filter: everything comes back
                        page.evaluate(TIMED, ACTIONS["theme filter"])
                    times.append(page.evaluate(TIMED, code))
                    page.evaluate(SETTLE)
                    page.wait_for_timeout(200)
                out[name] = statistics.median(times)
            page.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--areas", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--aggregate", type=int, action="append",
                        help="fold networks of more than N organisations (0: every organisation); repeatable")
    args = parser.parse_args()
    runs = [(label, n) for label, n in (("default (folded)", 12), ("every organisation", 0))
            if args.aggregate is None or n in args.aggregate]
    runs += [(f"--aggregate {n}", n) for n in args.aggregate or [] if n not in (0, 12)]
    with tempfile.TemporaryDirectory() as folder:
        data = write_synthetic(Path(folder) / "borough", args.areas, args.seed)
        graph = build_graph(load_dataset(data))
        rows = []
        for label, aggregate in runs:
            t = time.perf_counter()
            model = build_map(graph, aggregate=aggregate)
            built = (time.perf_counter() - t) * 1000
            from graphmodel.viz.story import generated_story

            page_path = Path(folder) / f"map-{aggregate}.html"
            story_path = Path(folder) / f"story-{aggregate}.html"
            write_map(model, page_path)
            write_map(model, story_path, story=generated_story(graph, model))
            board = next(n["id"] for n in model.nodes if n.get("top"))
            net = next(n["id"] for n in model.nodes if n["type"] == "network")
            community = next(n["id"] for n in model.nodes if n["type"] == "community")
            result = measure(page_path, story_path, board, net, community)
            rows.append((label, len(model.nodes), len(model.edges), built, page_path.stat().st_size, result))
    print(f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, Python "
          f"{platform.python_version()}; {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC\n")
    names = list(rows[0][5])
    print("| map | nodes | links | build (ms) | page (MB) | " + " | ".join(names) + " |")
    print("|---" * (5 + len(names)) + "|")
    for label, n, e, built, size, result in rows:
        print(f"| {label} | {n:,} | {e:,} | {built:.0f} | {size / 1e6:.1f} | "
              + " | ".join(f"{result[k]:.0f}" for k in names) + " |")
    print("\nAll times in milliseconds. Time to interactive: from navigation to the first frame drawn. An "
          "interaction: the median of five, each from the first view, measured in the page until two frames "
          "later (so it includes style, layout and paint). Headless Chromium with --disable-gpu: software "
          "rendering, slower than a laptop's.")


if __name__ == "__main__":
    main()
