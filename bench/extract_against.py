"""The whole extraction of this checkout against an older one, side by side: how much a change bought.

``extract_speed.py`` compares rapporteur with spaCy; between sessions its MB/s move with the machine
(a busy or slower machine moves both peers). This compares two versions of rapporteur on one machine
in one run: each measurement is a fresh interpreter (a warm-up extract first, so imports and regex
compiling are not counted) timing ``extract(load_text(text))`` in CPU time, the two versions
alternating round by round; the medians and their ratio are printed, and each side's claim count,
which must agree when the change was meant to keep the output.

    git archive <commit> src | tar -x -C /tmp/old     # the older version's source
    python bench/extract_against.py /tmp/old/src [--mb 1] [--rounds 5] [--kinds founding,transcript,narrative]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

CHILD = r"""
import sys, time, json
sys.path.insert(0, sys.argv[3])
from extract_speed import corpus
from rapporteur.ingest import load_text
from rapporteur.pipeline import extract
kind, mb = sys.argv[1], float(sys.argv[2])
extract(load_text(corpus(kind, 0.02), source="warm-up"))
text = corpus(kind, mb)
t = time.process_time()
m = extract(load_text(text, source="bench"))
print(json.dumps([time.process_time() - t, len(m.claims)]))
"""


def run(src: str, kind: str, mb: float) -> tuple[float, int]:
    env = dict(os.environ, PYTHONPATH=src)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(mb), str(HERE)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    secs, claims = json.loads(out.stdout.strip().splitlines()[-1])
    return secs, claims


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("base", help="the older version's src directory (holding rapporteur/)")
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--kinds", default="founding,transcript,narrative")
    a = ap.parse_args()
    new = str((HERE.parent / "src").resolve())
    print(f"{a.rounds} alternating rounds, fresh interpreters, CPU time of extract at {a.mb} MB")
    print("| kind | older s | this s | ratio older/this (> 1: this is faster) | claims older / this |")
    print("| --- | --- | --- | --- | --- |")
    for kind in a.kinds.split(","):
        old_t, new_t = [], []
        old_n = new_n = 0
        for _ in range(a.rounds):
            t, old_n = run(a.base, kind, a.mb)
            old_t.append(t)
            t, new_n = run(new, kind, a.mb)
            new_t.append(t)
        mo, mn = statistics.median(old_t), statistics.median(new_t)
        same = "" if old_n == new_n else " (differ)"
        print(f"| {kind} | {mo:.3f} | {mn:.3f} | {mo / mn:.2f} | {old_n:,} / {new_n:,}{same} |")


if __name__ == "__main__":
    main()
