"""What extraction does per claim, counted, not timed: regular-expression calls, ``str`` method calls
and Python function calls per claim found, by record kind (``extract_speed.py``'s three), from
cProfile's call counts. The counts are the same on a busy machine as on a quiet one, so they show a
change of a few percent that timings on a shared 2-core machine hide, and they say where a
per-sentence path still makes many small calls (each costs ~0.1-1 µs however it is compiled: a C
regex call is a C call either way).

    python bench/calls_per_claim.py [--mb 0.5] [--kinds founding,transcript,narrative] [--top 8]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_speed import corpus

from rapporteur.ingest import load_text
from rapporteur.pipeline import extract


def counts(kind: str, mb: float) -> tuple[int, dict[tuple[str, int, str], int]]:
    extract(load_text(corpus(kind, 0.05), source="warm-up"))  # imports and first-use work not counted
    text = corpus(kind, mb)
    pr = cProfile.Profile()
    pr.enable()
    m = extract(load_text(text, source="bench"))
    pr.disable()
    stats = pstats.Stats(pr).stats  # type: ignore[attr-defined]
    return len(m.claims), {k: v[1] for k, v in stats.items()}


def group(key: tuple[str, int, str]) -> str:
    where, _, name = key
    if where != "~":
        return "python"
    if "re.Pattern" in name:
        return "regex"
    return "str" if "'str'" in name else "other C"


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--mb", type=float, default=0.5)
    ap.add_argument("--kinds", default="founding,transcript,narrative")
    ap.add_argument("--top", type=int, default=8, help="the Python functions called most, per kind")
    a = ap.parse_args()
    print(f"calls per claim, {a.mb:g} MB of each kind (cProfile call counts)")
    print("| kind | claims | regex | str | other C | python |")
    print("| --- | --- | --- | --- | --- | --- |")
    tops = {}
    for kind in a.kinds.split(","):
        n, calls = counts(kind, a.mb)
        by: dict[str, int] = {}
        for k, c in calls.items():
            by[group(k)] = by.get(group(k), 0) + c
        row = " | ".join(f"{by.get(g, 0) / n:.1f}" for g in ("regex", "str", "other C", "python"))
        print(f"| {kind} | {n:,} | {row} |")
        py = sorted(((c, k) for k, c in calls.items() if k[0] != "~"), reverse=True)[: a.top]
        tops[kind] = [(c / n, f"{Path(k[0]).parent.name}/{Path(k[0]).name}:{k[2]}") for c, k in py]
    for kind, rows in tops.items():
        print(f"\n{kind}: the Python functions called most (calls per claim)")
        for per, name in rows:
            print(f"  {per:6.2f}  {name}")


if __name__ == "__main__":
    main()
