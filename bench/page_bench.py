"""The explorer page's cost: build time, file size and load time in Chromium, for the founding example
and for a map ten times its size (ten copies merged). Run: .venv/bin/python bench/page_bench.py"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from rapporteur.cli import demo_path
from rapporteur.pipeline import map_document, merge
from rapporteur.render.explorer import explorer

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def main(runs: int = 5) -> None:
    from playwright.sync_api import sync_playwright

    one = map_document(demo_path())
    maps = {"1x": one, "10x": merge([one] * 10)}
    out = Path(tempfile.mkdtemp(prefix="rapporteur-bench-"))
    explorer(one)  # warm: plotly.min.js is read once per process
    print(f"{'map':>4} {'claims':>7} {'build s':>8} {'size MB':>8} {'load s (median)':>16} {'DCL s':>7}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for label, m in maps.items():
            t = time.perf_counter()
            page_html = explorer(m)
            build = time.perf_counter() - t
            path = out / f"{label}.html"
            path.write_text(page_html, encoding="utf-8")
            loads, dcls = [], []
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                t = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-ready='1']")
                loads.append(time.perf_counter() - t)
                dcls.append(
                    page.evaluate(
                        "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd / 1000"
                    )
                )
                page.close()
            size = path.stat().st_size / 1e6
            print(
                f"{label:>4} {len(m.claims):>7} {build:>8.3f} {size:>8.2f} "
                f"{statistics.median(loads):>16.3f} {statistics.median(dcls):>7.3f}"
            )
        browser.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
