"""Writing a map as ``rapporteur/map@1`` JSON: ``export.json.dumps`` (one item per line, the C encoder)
against ``json.dumps(indent=2)`` of the same ``to_dict`` (every level indented: the pure-Python
encoder), side by side in one run, interleaved rounds, medians and their ratio; and the extraction of
the same record for scale (what writing the JSON adds to ``rapporteur map --json``).

    python bench/json_speed.py [--mb 0.06,2] [--rounds 5] [--kinds founding,transcript,narrative]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_speed import corpus

from rapporteur.export.json import dumps, to_dict
from rapporteur.ingest import load_text
from rapporteur.pipeline import extract


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--mb", default="0.06,2")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--kinds", default="founding,transcript,narrative")
    a = ap.parse_args()
    print(f"{a.rounds} interleaved rounds, median ms")
    print("| kind | MB | extract | dumps (item a line) | json.dumps indent=2 | ratio | JSON MB |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for kind in a.kinds.split(","):
        for mb in (float(x) for x in a.mb.split(",")):
            text = corpus(kind, mb)
            t = time.perf_counter()
            m = extract(load_text(text, source="bench"))
            took = time.perf_counter() - t
            ours, indented = [], []
            size = 0
            for _ in range(a.rounds):
                t = time.perf_counter()
                out = dumps(m)
                ours.append(time.perf_counter() - t)
                t = time.perf_counter()
                json.dumps(to_dict(m), indent=2, ensure_ascii=False)
                indented.append(time.perf_counter() - t)
                size = len(out.encode("utf-8"))
            mo, mi = statistics.median(ours), statistics.median(indented)
            print(
                f"| {kind} | {mb:g} | {took * 1e3:.0f} | {mo * 1e3:.1f} | {mi * 1e3:.1f} | {mi / mo:.2f} "
                f"| {size / 1e6:.1f} |"
            )


if __name__ == "__main__":
    main()
