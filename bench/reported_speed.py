"""The reported-speech detector alone, on each record kind of the extract bench: seconds per call.

A profile of one detector (``attribute/reported.py``), the structure prepared once outside the timing.
Rounds are interleaved across kinds; the minimum and the median of the rounds are printed, with MB/s.

    python bench/reported_speed.py [MB] [ROUNDS]
    python bench/reported_speed.py [MB] [ROUNDS] --against OTHER/src [--clock cpu]

With ``--against``, another checkout's detector (its ``src`` put first on ``PYTHONPATH``) is timed
side by side with this one: each round runs one fresh process per kind and side, the two sides
alternating, and the ratio of the minima is printed (above 1: this checkout is faster). With
``--clock cpu`` the process's CPU time is measured instead of the wall clock: on a machine shared by
several loaded processes, the wall clock mostly measures the others.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

KINDS = ("founding", "transcript", "narrative")
HERE = Path(__file__).resolve()
CLOCK = time.perf_counter  # or time.process_time (``--clock cpu``)


def _ready(kind: str, mb: float) -> tuple[float, object, object]:
    from extract_speed import corpus

    from rapporteur.attribute import reported
    from rapporteur.ingest import load_text
    from rapporteur.pipeline import prepare

    text = corpus(kind, mb)
    st, _people, ctx, _listed = prepare(load_text(text, source="bench"))
    sum(1 for _ in reported.detect(st, replace(ctx, notes=[])))  # warm: lexicons, compiled patterns
    return len(text.encode("utf-8")) / 1e6, st, ctx


def _time(st: object, ctx: object) -> tuple[float, int]:
    from rapporteur.attribute import reported

    gc.collect()
    t = CLOCK()
    n = sum(1 for _ in reported.detect(st, replace(ctx, notes=[])))  # type: ignore[arg-type]  # it yields
    return CLOCK() - t, n


def worker(kind: str, mb: float, repeat: int) -> None:
    """One side of a comparison: the best of ``repeat`` calls, printed for the parent to read."""
    _size, st, ctx = _ready(kind, mb)
    best, n = min(_time(st, ctx) for _ in range(repeat))
    print(f"{best:.6f} {n}")


def against(other: str, mb: float, rounds: int, clock: str) -> None:
    sides = {"other": str(Path(other).resolve()), "this": str(HERE.parent.parent / "src")}
    times: dict[tuple[str, str], list[float]] = {}
    claims: dict[tuple[str, str], int] = {}
    for _ in range(rounds):
        for kind in KINDS:
            for side, src in sides.items():
                env = dict(os.environ, PYTHONPATH=src)
                out = subprocess.run(
                    [sys.executable, str(HERE), "--worker", kind, str(mb), "3", "--clock", clock],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.split()
                times.setdefault((kind, side), []).append(float(out[0]))
                claims[(kind, side)] = int(out[1])
    print(f"{'kind':<12} {'other s':>8} {'this s':>8} {'ratio':>6} {'claims other/this':>18}")
    for kind in KINDS:
        a, b = min(times[(kind, "other")]), min(times[(kind, "this")])
        n = f"{claims[(kind, 'other')]}/{claims[(kind, 'this')]}"
        print(f"{kind:<12} {a:8.3f} {b:8.3f} {a / b:6.2f} {n:>18}")


def main() -> None:
    global CLOCK
    args = sys.argv[1:]
    clock = "wall"
    if "--clock" in args:
        i = args.index("--clock")
        clock = args[i + 1]
        del args[i : i + 2]
        CLOCK = time.process_time if clock == "cpu" else time.perf_counter
    if args[:1] == ["--worker"]:
        worker(args[1], float(args[2]), int(args[3]))
        return
    other = None
    if "--against" in args:
        i = args.index("--against")
        other = args[i + 1]
        del args[i : i + 2]
    mb = float(args[0]) if args else 2.0
    rounds = int(args[1]) if len(args) > 1 else 5
    if other:
        against(other, mb, rounds, clock)
        return
    ready = {kind: _ready(kind, mb) for kind in KINDS}
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    claims: dict[str, int] = {}
    for _ in range(rounds):
        for kind in KINDS:
            _size, st, ctx = ready[kind]
            t, claims[kind] = _time(st, ctx)
            times[kind].append(t)
    print(f"{'kind':<12} {'MB':>5} {'min s':>7} {'median s':>9} {'MB/s':>7} {'claims':>7}")
    for kind in KINDS:
        size = ready[kind][0]
        lo, med = min(times[kind]), statistics.median(times[kind])
        print(f"{kind:<12} {size:5.2f} {lo:7.3f} {med:9.3f} {size / lo:7.1f} {claims[kind]:7d}")


if __name__ == "__main__":
    main()
