"""Where extraction's memory goes: each stage of ``extract`` on one text of the extract bench, with
what Python holds (tracemalloc) and what the process holds (resident memory) before and after it,
and the highest of each while it ran, as multiples of the text's size in UTF-8.

Not a comparison (``extract_speed.py --memory-only`` gives the figure of the issue, the peak resident
memory of a fresh process): a profile, to say which stage to work on. Python's allocators keep
memory freed by one stage, so a stage can raise the resident figure for good with a transient of
its own; the traced peak shows that transient, the resident figures what it left behind.

    python bench/memory_stages.py [founding|transcript|narrative] [MB] [--traced]

Without ``--traced`` only resident memory is read (tracemalloc slows the run and its own records take
memory). Run each on its own: the resident figures are the process's.
"""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from extract_speed import corpus

import rapporteur.attribute as attribute
import rapporteur.pipeline as pipeline
import rapporteur.relate  # noqa: F401  (imported before the base figure, as extract_speed does)
from rapporteur.ingest import load_text

STAGES = ("structure", "shape_turns", "add_sentences", "attribute", "find_cues", "relate", "answer_relations")


def _status(key: str) -> int:
    with open("/proc/self/status") as f:
        return next(int(ln.split()[1]) * 1024 for ln in f if ln.startswith(key + ":"))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    traced = "--traced" in sys.argv
    kind = args[0] if args else "founding"
    mb = float(args[1]) if len(args) > 1 else 20.0
    pipeline.extract(load_text("Warm-up.\n\nA paragraph (Abel).", source="w"))
    base_rss = _status("VmRSS")
    text = corpus(kind, mb)
    size = sum(len(text[i : i + 2**20].encode("utf-8")) for i in range(0, len(text), 2**20))
    if traced:
        tracemalloc.start()
    base_traced = tracemalloc.get_traced_memory()[0] if traced else 0
    rows: list[str] = []

    def x(v: int, base: int) -> str:
        return f"{(v - base) / size:.2f}"

    def wrap(mod: Any, name: str, label: str) -> None:
        fn: Callable[..., Any] = getattr(mod, name)

        def w(*a: Any, **k: Any) -> Any:
            rss0 = _status("VmRSS")
            t0 = 0
            if traced:
                t0 = tracemalloc.get_traced_memory()[0]
                tracemalloc.reset_peak()
            r = fn(*a, **k)
            cells = [label, x(rss0, base_rss), x(_status("VmRSS"), base_rss), x(_status("VmHWM"), base_rss)]
            if traced:
                cur, peak = tracemalloc.get_traced_memory()
                cells += [x(t0, base_traced), x(cur, base_traced), x(peak, base_traced)]
            rows.append("| " + " | ".join(cells) + " |")
            return r

        setattr(mod, name, w)

    for name in STAGES:
        wrap(pipeline, name, name)
    for det in attribute.detectors():
        wrap(det, "detect", "  " + det.__name__.rsplit(".", 1)[-1])
    m = pipeline.extract(load_text(text, source="bench"))
    print(f"{kind}, {size / 1e6:.2f} MB, {len(m.claims):,} claims; multiples of the text's size")
    head = ["stage", "resident before", "after", "high-water"]
    if traced:
        head += ["traced before", "after", "peak"]
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
    print("\n".join(rows))
    print(f"end: resident {x(_status('VmRSS'), base_rss)}, high-water {x(_status('VmHWM'), base_rss)}")


if __name__ == "__main__":
    main()
