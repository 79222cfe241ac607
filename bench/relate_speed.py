"""The relate stage alone (``relate`` then ``answer_relations``), this checkout against another one.

The whole extract hides the relate stage in noise (it is 12-19% of it), so this times only that
stage: each child process maps the text once with ``relate`` and ``answer_relations`` wrapped to
keep their inputs, then runs the stage on those inputs again, timed (CPU time, best of ``--repeat``,
the cycle collector off as in ``extract``),
with ``find_cues`` and ``turn_relations`` timed inside it. Each round runs this checkout and the other
in fresh processes, the order alternating; medians per side; the ratio other / this is printed per
part and kind (> 1: this checkout is faster). The relation and stance counts of both sides are
printed too: they must agree.

    git archive <commit> src | tar -x -C OLD   # the older version
    python bench/relate_speed.py --against OLD/src [--mb 2] [--rounds 5]
                                 [--kinds founding,transcript,narrative]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

PARTS = ("stage", "find_cues", "turn_relations", "answers")


def _child(kind: str, mb: float, repeat: int) -> dict[str, float | int]:
    """One kind in this process: the stage's inputs captured from one extract, then the stage timed."""
    from extract_speed import corpus

    import rapporteur.pipeline as pipeline
    import rapporteur.relate as relate
    from rapporteur.ingest import load_text

    got: dict[str, tuple] = {}
    rel, ans = pipeline.relate, pipeline.answer_relations

    def keep_rel(st, m):
        got["relate"] = (st, m)
        return rel(st, m)

    def keep_ans(m, answers):
        got["answers"] = (m, answers)
        return ans(m, answers)

    pipeline.extract(load_text(corpus(kind, 0.02), source="warm-up"))  # imports, regex compiling
    pipeline.relate, pipeline.answer_relations = keep_rel, keep_ans
    try:
        pipeline.extract(load_text(corpus(kind, mb), source="bench"))
    finally:
        pipeline.relate, pipeline.answer_relations = rel, ans
    spent = {p: 0.0 for p in PARTS}

    def timed(name: str):
        fn = getattr(relate, name)

        def wrapper(*a, **k):
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.process_time() - t

        setattr(relate, name, wrapper)

    for name in ("find_cues", "turn_relations"):
        timed(name)
    best: dict[str, float] = {}
    st, m = got["relate"]
    _, answers = got["answers"]
    out = None
    gc.disable()  # as ``extract`` runs its stages (``pipeline._no_cyclic_gc``)
    for _ in range(repeat):
        for p in PARTS:
            spent[p] = 0.0
        t = time.process_time()
        mid = relate.relate(st, m)
        u = time.process_time()
        out = relate.answer_relations(mid, answers)
        spent["answers"] = time.process_time() - u
        spent["stage"] = time.process_time() - t
        for p in PARTS:
            best[p] = min(best.get(p, float("inf")), spent[p])
    gc.enable()
    assert out is not None
    return {**best, "relations": len(out.relations), "stances": len(out.stances)}


def _run(src: str | None, kind: str, mb: float, repeat: int) -> dict[str, float | int]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    else:
        env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent / "src")
    cmd = [sys.executable, __file__, "--child", kind, "--mb", str(mb), "--repeat", str(repeat)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--against", help="an older version's src/ (git archive <commit> src); required")
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of the stage per process (best)")
    ap.add_argument("--kinds", default="founding,transcript,narrative")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child is None and a.against is None:
        ap.error("--against OLD/src is required")
    if a.child:
        print(json.dumps(_child(a.child, a.mb, a.repeat)))
        return
    kinds = a.kinds.split(",")
    sides: dict[str, dict[str, list[dict[str, float | int]]]] = {"other": {}, "this": {}}
    for r in range(a.rounds):  # interleaved: rounds alternate which side runs first
        for kind in kinds:
            for side in ("other", "this") if r % 2 == 0 else ("this", "other"):
                got = _run(a.against if side == "other" else None, kind, a.mb, a.repeat)
                sides[side].setdefault(kind, []).append(got)
    print(f"relate stage, CPU s, median of {a.rounds} rounds (best of {a.repeat} each), {a.mb} MB")
    print(f"{'kind':<12}{'part':<16}{'other':>9}{'this':>9}{'ratio':>8}")
    for kind in kinds:
        o, t = sides["other"][kind], sides["this"][kind]
        for p in PARTS:
            mo = statistics.median(float(x[p]) for x in o)
            mt = statistics.median(float(x[p]) for x in t)
            ratio = f"{mo / mt:.2f}x" if mt > 0.0005 else "-"
            print(f"{kind:<12}{p:<16}{mo:>9.3f}{mt:>9.3f}{ratio:>8}")
        counts = {(x["relations"], x["stances"]) for x in o + t}
        note = "" if len(counts) == 1 else "  MISMATCH"
        print(f"{kind:<12}relations/stances {sorted(counts)}{note}")


if __name__ == "__main__":
    main()
