"""The reported-speech detector alone, on each record kind of the extract bench: seconds per call.

Not a comparison with a peer: a profile of one detector (``attribute/reported.py``), the structure
prepared once outside the timing. Rounds are interleaved across kinds; the minimum and the median of
the rounds are printed, with MB/s.

    python bench/reported_speed.py [MB] [ROUNDS]
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from extract_speed import corpus

from rapporteur.attribute import reported
from rapporteur.ingest import load_text
from rapporteur.pipeline import prepare

KINDS = ("founding", "transcript", "narrative")


def main() -> None:
    mb = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    ready = {}
    for kind in KINDS:
        text = corpus(kind, mb)
        st, _people, ctx, _listed = prepare(load_text(text, source="bench"))
        reported.detect(st, replace(ctx, notes=[]))  # warm: lexicons, compiled patterns
        ready[kind] = (len(text.encode("utf-8")) / 1e6, st, ctx)
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    claims: dict[str, int] = {}
    for _ in range(rounds):
        for kind in KINDS:
            _size, st, ctx = ready[kind]
            gc.collect()
            t = time.perf_counter()
            claims[kind] = len(reported.detect(st, replace(ctx, notes=[])))
            times[kind].append(time.perf_counter() - t)
    print(f"{'kind':<12} {'MB':>5} {'min s':>7} {'median s':>9} {'MB/s':>7} {'claims':>7}")
    for kind in KINDS:
        size = ready[kind][0]
        lo, med = min(times[kind]), statistics.median(times[kind])
        print(f"{kind:<12} {size:5.2f} {lo:7.3f} {med:9.3f} {size / lo:7.1f} {claims[kind]:7d}")


if __name__ == "__main__":
    main()
