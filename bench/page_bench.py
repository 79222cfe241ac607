"""The explorer page's cost: build time, file size and load time in Chromium, for the founding example
and for a map ten times its size (ten copies merged), and how long a click on a view takes to show its
claims. Load is from navigation to the page's ready mark (the debate drawn), median of the runs; the
pages are loaded interleaved, 1x then 10x, so both see the same machine. Budgets (issue 10): the 1x page
at most 1 MB and 300 ms. Run: .venv/bin/python bench/page_bench.py [RUNS]"""

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
    explorer(one)  # warm: templates and lexicons are loaded once per process
    builds: dict[str, float] = {}
    paths: dict[str, Path] = {}
    for label, m in maps.items():
        t = time.perf_counter()
        page_html = explorer(m)
        builds[label] = time.perf_counter() - t
        paths[label] = out / f"{label}.html"
        paths[label].write_text(page_html, encoding="utf-8")
    loads: dict[str, list[float]] = {k: [] for k in maps}
    dcls: dict[str, list[float]] = {k: [] for k in maps}
    clicks: dict[str, list[float]] = {k: [] for k in maps}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            for label in maps:  # interleaved: 1x, 10x, 1x, 10x, ...
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                t = time.perf_counter()
                page.goto(paths[label].as_uri())
                page.wait_for_selector("body[data-ready='1']")
                loads[label].append(time.perf_counter() - t)
                dcls[label].append(
                    page.evaluate(
                        "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd / 1000"
                    )
                )
                t = time.perf_counter()
                page.locator("#views .view .view-label").first.click()
                page.wait_for_selector("#view-claims-list li.claim")
                clicks[label].append(time.perf_counter() - t)
                page.close()
        browser.close()
    print(
        f"{'map':>4} {'claims':>7} {'build s':>8} {'size MB':>8} {'load s (median)':>16} {'DCL s':>7}"
        f" {'view click s':>13}"
    )
    for label, m in maps.items():
        size = paths[label].stat().st_size / 1e6
        print(
            f"{label:>4} {len(m.claims):>7} {builds[label]:>8.3f} {size:>8.2f} "
            f"{statistics.median(loads[label]):>16.3f} {statistics.median(dcls[label]):>7.3f}"
            f" {statistics.median(clicks[label]):>13.3f}"
        )
    ratio = statistics.median(loads["10x"]) / statistics.median(loads["1x"])
    print(f"10x / 1x load time: {ratio:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
