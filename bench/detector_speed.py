"""Seconds per detector on one text of the extract bench: which detector costs what, per record kind.

Not a comparison with peers (see ``extract_speed.py``): a profile at the detector level. Each round
prepares the text afresh (structure, rosters, turn shape, timed as ``shape``), then runs every
detector's ``detect`` on the prepared structure, and ``find_turns``; rounds are interleaved over the
kinds and the median counts, since the machine is shared.

The kinds are those of ``extract_speed.py`` (none of which cites a work), and ``review``: a made-up
literature review (``bench/texts/review.txt``) whose sentences cite works by author and year, in
parentheses and by number, so the citation detector is timed where its cues are present.

    python bench/detector_speed.py [--mb 2] [--rounds 3] [--kinds founding,transcript,narrative,review]
    python bench/detector_speed.py --against /path/to/other/checkout/src   # before/after, interleaved

With ``--against``, each round runs this checkout and the other in fresh processes, the order
alternating, and the ratio other / this is printed per detector and kind (> 1: this one is faster).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from extract_speed import corpus

import rapporteur.pipeline as pipeline
from rapporteur.attribute import detectors
from rapporteur.attribute.turns import find_turns
from rapporteur.ingest import load_text

# A made-up review (no record's text); kept out of bench/fixtures, which every map snapshot reads.
REVIEW = Path(__file__).parent / "texts" / "review.txt"


def text_of(kind: str, mb: float) -> str:
    if kind == "review":
        seed = REVIEW.read_text("utf-8")
        return "\n\n".join([seed] * max(1, round(mb * 1_000_000 / len(seed.encode("utf-8")))))
    return corpus(kind, mb)


_clock = time.perf_counter


def one_round(doc) -> dict[str, float]:
    spent: dict[str, float] = {}
    shape = pipeline.shape_turns

    def timed_shape(st, ctx):
        t = _clock()
        try:
            return shape(st, ctx)
        finally:
            spent["shape"] = _clock() - t

    pipeline.shape_turns = timed_shape
    try:
        st, _people, ctx, _listed = pipeline.prepare(doc)
    finally:
        pipeline.shape_turns = shape
    for det in detectors():
        t = _clock()
        sum(1 for _ in det.detect(st, ctx))  # consumed: a detector may yield its claims
        spent[det.VIA] = _clock() - t
    t = _clock()
    find_turns(st, ctx)
    spent["find_turns"] = _clock() - t
    return spent


def _table(title: str, runs: dict[str, list[dict[str, float]]], kinds: list[str]) -> dict[str, dict]:
    cols = list(runs[kinds[0]][0])
    print(title)
    print(f"{'kind':<12}" + "".join(f"{c:>14}" for c in cols))
    out = {}
    for k in kinds:
        out[k] = {c: statistics.median(r[c] for r in runs[k]) for c in cols}
        print(f"{k:<12}" + "".join(f"{out[k][c]:>14.3f}" for c in cols))
    return out


def _child(src: str | None, kinds: list[str], mb: float, clock: str) -> dict[str, dict[str, float]]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    cmd = [sys.executable, __file__, "--child", "--kinds", ",".join(kinds), "--mb", str(mb), "--clock", clock]
    return json.loads(subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--kinds", default="founding,transcript,narrative,review")
    ap.add_argument("--against", help="another checkout's src/ directory, run in alternate processes")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="cpu: this process's CPU time, steadier on a shared machine",
    )
    args = ap.parse_args()
    global _clock
    _clock = time.process_time if args.clock == "cpu" else time.perf_counter
    kinds = args.kinds.split(",")
    if args.against:  # this checkout and the other, one process each per round, the order alternating
        sides: dict[str, dict[str, list[dict[str, float]]]] = {"other": {}, "this": {}}
        for r in range(args.rounds):
            for side in ("other", "this") if r % 2 == 0 else ("this", "other"):
                got = _child(args.against if side == "other" else None, kinds, args.mb, args.clock)
                for k in kinds:
                    sides[side].setdefault(k, []).append(got[k])
        head = f"{args.clock} clock, median of {args.rounds} rounds, {args.mb} MB per kind"
        other = _table(f"{args.against}: seconds per detector, {head}", sides["other"], kinds)
        this = _table(f"this checkout: seconds per detector, {head}", sides["this"], kinds)
        print("ratio other / this (> 1: this checkout is faster)")
        cols = list(this[kinds[0]])
        print(f"{'kind':<12}" + "".join(f"{c:>14}" for c in cols))
        for k in kinds:
            cells = [other[k][c] / this[k][c] if this[k][c] > 0.0005 else float("nan") for c in cols]
            print(f"{k:<12}" + "".join(f"{x:>14.1f}" for x in cells))
        return
    docs = {k: load_text(text_of(k, args.mb), source=k) for k in kinds}
    one_round(load_text(corpus("founding", 0.01), source="warm-up"))
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
    for _ in range(1 if args.child else args.rounds):
        for k in kinds:
            runs[k].append(one_round(docs[k]))
    if args.child:
        print(json.dumps({k: runs[k][0] for k in kinds}))
        return
    _table(
        f"seconds per detector, {args.clock} clock, median of {args.rounds} rounds, {args.mb} MB", runs, kinds
    )


if __name__ == "__main__":
    main()
