"""Kind classification alone (``ParagraphCues`` and ``classify``) against another checkout, on the
claims the detectors really classify in the bench kinds.

The calls are recorded once, by running this checkout's extract on each kind with ``classify`` and
``ParagraphCues`` wrapped: for every call, its claim, sentence, frame, and the paragraph span and
position its ``ParagraphCues.before`` was asked for. Each side then replays them in a fresh process
that imports its own ``rapporteur`` (``PYTHONPATH``): first the cues of every paragraph, then every
call, timed with the CPU clock; rounds are interleaved (the order alternating) and the median counts,
since the machine is shared. Both sides must give the same kinds (a digest is compared).
The narrative kind holds no classified claim (its detector is reported speech), so it is reported
with no figure.

    git archive <commit> src | tar -x -C OLD   # the older version
    python bench/classify_speed.py --against OLD/src [--mb 0.5] [--rounds 7]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
SRC = HERE.parent / "src"
KINDS = ("founding", "transcript", "narrative")

CHILD = r"""
import hashlib, json, pickle, sys, time
from rapporteur.attribute.claims import ParagraphCues, classify
rec = pickle.load(open(sys.argv[1], "rb"))
reps = int(sys.argv[2])
out = {}
for kind, (text, paras, calls) in rec.items():
    if not calls:
        out[kind] = None
        continue
    classify(*calls[0][:3])  # compile the patterns outside the clock
    ParagraphCues(text, *paras[0])
    best = []
    for _ in range(reps):
        t0 = time.process_time()
        cues = [ParagraphCues(text, s, e) for s, e in paras]
        t1 = time.process_time()
        kinds = [classify(c, cues[pi].before(pos) if pi >= 0 else pb, sent, fr)
                 for c, pb, sent, fr, pi, pos in calls]
        t2 = time.process_time()
        best.append((t1 - t0, t2 - t1))
    cue_t = min(b[0] for b in best)
    cls_t = min(b[1] for b in best)
    digest = hashlib.sha1("\n".join(kinds).encode()).hexdigest()[:12]
    out[kind] = [cue_t, cls_t, len(calls), len(paras), digest]
print(json.dumps(out))
"""


def record(mb: float) -> dict[str, tuple[str, list[tuple[int, int]], list[tuple]]]:
    """The classify calls of this checkout's extract on each kind (see the module doc)."""
    sys.path.insert(0, str(SRC))
    sys.path.insert(0, str(HERE))
    from extract_speed import corpus

    import rapporteur.attribute.claims as claims
    import rapporteur.attribute.comments as comments
    import rapporteur.attribute.parenthetical as parenthetical
    import rapporteur.attribute.turns as turns
    from rapporteur.ingest import load_text
    from rapporteur.pipeline import extract

    out = {}
    for kind in KINDS:
        paras: list[tuple[int, int]] = []
        where: dict[int, int] = {}
        texts: list[str] = []
        calls: list[tuple] = []
        init, cls = claims.ParagraphCues.__init__, claims.classify

        def cues_init(self, text, start, end, init=init, paras=paras, where=where, texts=texts):
            init(self, text, start, end)
            where[id(self)] = len(paras)
            paras.append((start, end))
            if not texts:
                texts.append(text)

        def classify(claim, before, sentence, frame="", cls=cls, where=where, calls=calls):
            if isinstance(before, claims._Before):
                calls.append((claim, "", sentence, frame, where[id(before.cues)], before.pos))
            else:
                calls.append((claim, before, sentence, frame, -1, 0))
            return cls(claim, before, sentence, frame)

        claims.ParagraphCues.__init__ = cues_init
        for mod in (turns, parenthetical, comments):
            mod.classify = classify
        try:
            m = extract(load_text(corpus(kind, mb), source="bench"))
        finally:
            claims.ParagraphCues.__init__ = init
            for mod in (turns, parenthetical, comments):
                mod.classify = cls
        # keep the cue objects alive until here: ``where`` is keyed by id
        del m
        out[kind] = (texts[0] if texts else "", paras, calls)
    return out


def run(src: str, path: str, reps: int) -> dict:
    env = dict(os.environ, PYTHONPATH=src)
    cmd = [sys.executable, "-c", CHILD, path, str(reps)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=0.5)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--reps", type=int, default=3, help="replays per process (the fastest counts)")
    ap.add_argument("--against", required=True, help="an older version's src/ (git archive <commit> src)")
    a = ap.parse_args()
    rec = record(a.mb)
    with tempfile.NamedTemporaryFile(suffix=".pkl", delete=False) as f:
        pickle.dump(rec, f)
    try:
        sides = {"base": a.against, "new": str(SRC.resolve())}
        got: dict[str, list[dict]] = {"base": [], "new": []}
        for r in range(a.rounds):
            order = ("base", "new") if r % 2 == 0 else ("new", "base")
            for side in order:
                got[side].append(run(sides[side], f.name, a.reps))
    finally:
        os.unlink(f.name)
    for kind in KINDS:
        first = got["new"][0][kind]
        if first is None:
            print(f"{kind:11s} {a.mb} MB: no classified claim")
            continue
        med = {
            side: (
                statistics.median(x[kind][0] for x in got[side]),
                statistics.median(x[kind][1] for x in got[side]),
            )
            for side in got
        }
        same = {x[kind][4] for x in got["base"] + got["new"]}
        b, n = med["base"], med["new"]
        print(
            f"{kind:11s} {a.mb} MB, {first[2]} claims, {first[3]} paragraphs: "
            f"cues {b[0] * 1e3:.1f} -> {n[0] * 1e3:.1f} ms ({b[0] / max(n[0], 1e-9):.2f}x), "
            f"classify {b[1] * 1e3:.1f} -> {n[1] * 1e3:.1f} ms ({b[1] / max(n[1], 1e-9):.2f}x), "
            f"both {(b[0] + b[1]) / max(n[0] + n[1], 1e-9):.2f}x"
            f"{'' if len(same) == 1 else '  KINDS DIFFER'}"
        )


if __name__ == "__main__":
    main()
