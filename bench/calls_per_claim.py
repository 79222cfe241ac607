"""What extraction does per claim, counted, not timed: regular-expression calls, ``str`` method calls
and Python function calls per claim found, by record kind (``extract_speed.py``'s three), from
cProfile's call counts. The counts are the same on a busy machine as on a quiet one, so they show a
change of a few percent that timings on a shared 2-core machine hide, and they say where a
per-sentence path still makes many small calls (each costs ~0.1-1 µs however it is compiled: a C
regex call is a C call either way).

``--instructions`` then runs the same extraction under valgrind's callgrind, at two sizes, and splits
the difference of their instruction counts (the start-up cancels out) by where the instructions ran:
the regular-expression engine, the interpreter's loop, the allocator, the rest.

    python bench/calls_per_claim.py [--mb 0.5] [--kinds founding,transcript,narrative] [--top 8]
                                    [--instructions]
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


CHILD = """
import sys
sys.path.insert(0, sys.argv[3])
from extract_speed import corpus
from rapporteur.ingest import load_text
from rapporteur.pipeline import extract
extract(load_text(corpus(sys.argv[1], 0.02), source="warm-up"))
extract(load_text(corpus(sys.argv[1], float(sys.argv[2])), source="bench"))
"""

PLACES = (  # (name, what a function's file or name holds), the first that fits
    ("regex engine", ("_sre",)),
    ("interpreter loop", ("ceval.c",)),
    ("allocator", ("obmalloc.c", "malloc.c")),
    ("dicts", ("dictobject.c",)),
    ("str methods", ("unicodeobject.c", "unicodectype.c", "stringlib")),
)


def instruction_split(kind: str, mb: float) -> dict[str, float]:
    """Instructions of extracting ``mb`` MB of ``kind`` beyond a 0.02 MB run, by place, in millions."""
    import shutil
    import subprocess
    import tempfile

    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        return {}
    got: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as d:
        for size in (0.02, mb):
            out = Path(d) / f"cg-{size}"
            subprocess.run(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                 sys.executable, "-c", CHILD, kind, str(size), str(Path(__file__).parent)],
                capture_output=True, check=True,
            )  # fmt: skip
            text = subprocess.run(
                ["callgrind_annotate", "--inclusive=no", "--threshold=100", str(out)],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            by: dict[str, float] = {}
            for line in text.splitlines():
                parts = line.split(None, 2)
                if len(parts) < 2 or not parts[0].replace(",", "").isdigit() or "PROGRAM TOTALS" in line:
                    continue
                n, where = int(parts[0].replace(",", "")), parts[-1]
                place = next((name for name, keys in PLACES if any(k in where for k in keys)), "the rest")
                by[place] = by.get(place, 0) + n / 1e6
            got.append(by)
    return {k: got[1].get(k, 0) - got[0].get(k, 0) for k in {*got[0], *got[1]}}


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--mb", type=float, default=0.5)
    ap.add_argument("--kinds", default="founding,transcript,narrative")
    ap.add_argument("--top", type=int, default=8, help="the Python functions called most, per kind")
    ap.add_argument("--instructions", action="store_true", help="then where the instructions run")
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
    if not a.instructions:
        return
    names = [name for name, _ in PLACES] + ["the rest"]
    print(f"\nwhere the instructions of extracting {a.mb:g} MB run (callgrind, beyond a 0.02 MB run)")
    print("| kind | million instructions | " + " | ".join(names) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in names) + " |")
    for kind in a.kinds.split(","):
        split = instruction_split(kind, a.mb)
        if not split:
            print("(valgrind or callgrind_annotate not found; skipped)")
            return
        total = sum(split.values())
        shares = " | ".join(f"{split.get(n, 0) / total:.0%}" for n in names)
        print(f"| {kind} | {total:,.0f} | {shares} |")


if __name__ == "__main__":
    main()
