"""The shared stages of ``extract`` one by one: structure, rosters, turn shape, sentences, attribution,
speakers, relations, and the rest (claims and attributions built, names resolved, notes).

A profile, not a comparison with peers: to compare two checkouts, run it from each (``--src``) one
after the other, several times, and read the best. CPU time (``process_time``), the best of
``--rounds``, since these machines are shared; a stage a checkout does not have is left out.

    python bench/profile_shared.py [--src PATH/TO/src] [--mb 2] [--rounds 3] [--kinds founding,...]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

STAGES = (
    "structure",
    "read_rosters",
    "shape_turns",
    "add_sentences",
    "attribute",
    "find_turns",
    "relate",
    "answer_relations",
)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--src", help="a checkout's src folder to import rapporteur from")
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--kinds", default="founding,transcript,narrative")
    ap.add_argument("--json", action="store_true", help="one JSON line instead of a table")
    args = ap.parse_args()
    if args.src:
        sys.path.insert(0, args.src)
    sys.path.insert(0, str(Path(__file__).parent))
    from extract_speed import corpus

    import rapporteur.pipeline as pipeline
    from rapporteur.ingest import load_text

    spent: dict[str, float] = {}

    def timed(name: str) -> None:
        fn = getattr(pipeline, name)

        def wrapper(*a: object, **k: object) -> object:
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - t

        setattr(pipeline, name, wrapper)

    stages = [s for s in STAGES if hasattr(pipeline, s)]
    for name in stages:
        timed(name)
    out: dict[str, dict[str, float]] = {}
    for kind in args.kinds.split(","):
        text = corpus(kind, args.mb)
        pipeline.extract(load_text(text[:5000], source="warm-up"))
        best: dict[str, float] = {}
        for _ in range(args.rounds):
            spent.clear()
            doc = load_text(text, source="bench")
            t = time.process_time()
            pipeline.extract(doc)
            total = time.process_time() - t
            spent["rest"] = total - sum(spent.values())
            spent["total"] = total
            spent["all but attribute"] = total - spent["attribute"]
            best = {k: min(v, best.get(k, v)) for k, v in spent.items()}
        out[kind] = best
    if args.json:
        print(json.dumps({"src": pipeline.__file__, "mb": args.mb, "seconds": out}))
        return
    cols = [*stages, "rest", "all but attribute", "total"]
    print(f"{pipeline.__file__}: {args.mb:g} MB, CPU seconds, best of {args.rounds}")
    print("| kind | " + " | ".join(cols) + " |")
    print("| --- " * (len(cols) + 1) + "|")
    for kind, v in out.items():
        print(f"| {kind} | " + " | ".join(f"{v.get(c, 0.0):.3f}" for c in cols) + " |")


if __name__ == "__main__":
    main()
