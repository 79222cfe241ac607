"""Extraction speed against sentence splitters run as their users run them, side by side in one run.

Three kinds of record (the founding example, a meeting transcript and a narrative workshop summary, the
last two written for this bench in ``bench/fixtures/``), each repeated until it is at least 0.06, 5 and
20 MB. Every peer gets the very same string:

- rapporteur: ``extract(load_text(text))``: structure, attribution, name resolution, relations;
- spaCy: ``spacy.blank("en")`` with a sentencizer, over the paragraphs with ``nlp.pipe`` (one call per
  whole text defeats spaCy's tokenizer cache once it meets a special case, which is not how it is used);
- pysbd: its English segmenter per paragraph (slow: run on the smallest size only unless ``--pysbd``);
- regex: one ``finditer`` of a sentence pattern, the floor no real splitter goes under.

Rounds are interleaved (each round runs every peer once on every text) and the median of the rounds
counts, since these machines are shared and noisy. Printed per kind and size: MB/s of each peer and the
ratio spaCy time / rapporteur time (> 1: rapporteur is faster), then the scaling (time at 20 MB / time
at 5 MB: 4.0 is linear) and the peak memory of mapping the largest text (a fresh process each, so the
figure is not an earlier text's high-water mark), as a multiple of its size.

    python bench/extract_speed.py [--sizes 0.06,5,20] [--rounds 3] [--kinds founding,transcript,narrative]
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
_PARA = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SENT = re.compile(r"[^.!?]+(?:[.!?]+|$)")  # no backtracking: each match ends at punctuation or the end


def seed(kind: str) -> str:
    if kind == "founding":
        return resources.files("rapporteur").joinpath("data", "demo-report.txt").read_text("utf-8")
    return (FIXTURES / f"{kind}.txt").read_text("utf-8")


def corpus(kind: str, mb: float) -> str:
    s = seed(kind)
    copies = max(1, math.ceil(mb * 1_000_000 / len(s.encode("utf-8"))))
    return "\n\n".join([s] * copies)


def paragraphs(text: str) -> list[str]:
    """What a spaCy or pysbd user feeds in: the text's blank-line separated paragraphs."""
    return [p for p in _PARA.split(text) if p.strip()]


def peers() -> dict[str, Callable[[str, list[str]], int]]:
    import pysbd
    import spacy

    from rapporteur.ingest import load_text
    from rapporteur.pipeline import extract

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    seg = pysbd.Segmenter(language="en", clean=False)

    def rap(text: str, _paras: list[str]) -> int:
        return len(extract(load_text(text, source="bench")).claims)

    def spacy_pipe(_text: str, paras: list[str]) -> int:
        return sum(1 for d in nlp.pipe(paras) for _ in d.sents)

    def pysbd_split(_text: str, paras: list[str]) -> int:
        return sum(len(seg.segment(p)) for p in paras)

    def regex(text: str, _paras: list[str]) -> int:
        return sum(1 for _ in _SENT.finditer(text))

    return {"rapporteur": rap, "spacy": spacy_pipe, "pysbd": pysbd_split, "regex": regex}


def timed(fn: Callable[[str, list[str]], int], text: str, paras: list[str]) -> tuple[float, int]:
    gc.collect()
    t = time.perf_counter()
    n = fn(text, paras)
    return time.perf_counter() - t, n


def peak_memory(kind: str, mb: float) -> dict[str, float]:
    """Peak resident memory of mapping one text in a fresh process, beyond what the imports took."""
    code = f"""
import json, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from extract_speed import corpus
from rapporteur.ingest import load_text
from rapporteur.pipeline import extract
import rapporteur.relate, rapporteur.attribute
def status(key):  # VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's size at fork
    with open("/proc/self/status") as f:
        return next(int(ln.split()[1]) * 1024 for ln in f if ln.startswith(key + ":"))
extract(load_text("Warm-up.\\n\\nA paragraph (Abel).", source="w"))
base = status("VmRSS")
text = corpus({kind!r}, {mb!r})
# the size in UTF-8 bytes counted a megabyte at a time: a whole encoded copy, freed, stays in the heap
size = sum(len(text[i : i + 2**20].encode("utf-8")) for i in range(0, len(text), 2**20))
m = extract(load_text(text, source="bench"))
peak = status("VmHWM")
print(json.dumps({{"size": size, "peak": peak - base, "claims": len(m.claims)}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sizes", default="0.06,5,20", help="sizes in MB, comma separated")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--kinds", default="founding,transcript,narrative")
    ap.add_argument("--pysbd", action="store_true", help="run pysbd at every size (slow: ~0.3 MB/s)")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--memory-only", action="store_true")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    kinds = args.kinds.split(",")
    fns = peers()

    if args.memory_only:
        sizes = [max(sizes)]
        print_memory(kinds, sizes[0])
        return
    texts = {(k, mb): corpus(k, mb) for k in kinds for mb in sizes}
    paras = {key: paragraphs(t) for key, t in texts.items()}
    times: dict[tuple[str, float, str], list[float]] = {}
    counts: dict[tuple[str, float, str], int] = {}
    smallest = min(sizes)
    for fn in fns.values():  # warm-up: caches, lexicons, lazy imports
        fn(texts[(kinds[0], smallest)], paras[(kinds[0], smallest)])
    started = time.perf_counter()
    for _ in range(args.rounds):
        for (k, mb), text in texts.items():
            for name, fn in fns.items():
                if name == "pysbd" and mb != smallest and not args.pysbd:
                    continue
                reps = 20 if mb < 1 else 1  # small texts: time several runs, or the clock is all noise
                t_all = 0.0
                for _ in range(reps):
                    t, n = timed(fn, text, paras[(k, mb)])
                    t_all += t
                times.setdefault((k, mb, name), []).append(t_all / reps)
                counts[(k, mb, name)] = n
    wall = time.perf_counter() - started

    med = {key: statistics.median(v) for key, v in times.items()}
    print(f"{args.rounds} interleaved rounds, median per text; {wall:.0f} s of timing")
    print("rapporteur counts claims; the splitters count sentences")
    print()
    header = (
        "| kind | MB | rapporteur MB/s | spaCy pipe MB/s | pysbd MB/s | regex MB/s "
        "| speed ratio rapporteur/spaCy (>= 1: faster) | rapporteur items | spaCy sentences |"
    )
    print(header)
    print("| --- " * (header.count("|") - 1) + "|")
    for k in kinds:
        for mb in sizes:
            size = len(texts[(k, mb)].encode("utf-8")) / 1e6

            def rate(name: str, k: str = k, mb: float = mb, size: float = size) -> str:
                t = med.get((k, mb, name))
                return f"{size / t:.2f}" if t else "-"

            ratio = med[(k, mb, "spacy")] / med[(k, mb, "rapporteur")]
            print(
                f"| {k} | {size:.2f} | {rate('rapporteur')} | {rate('spacy')} | {rate('pysbd')} "
                f"| {rate('regex')} | {ratio:.2f} | {counts[(k, mb, 'rapporteur')]:,} "
                f"| {counts[(k, mb, 'spacy')]:,} |"
            )
    if len(sizes) >= 2:
        lo, hi = sorted(sizes)[-2:]
        print()
        print(f"scaling: time at {hi:g} MB / time at {lo:g} MB ({hi / lo:g} is linear)")
        print("| kind | rapporteur | spaCy pipe | regex | rapporteur exponent |")
        print("| --- | --- | --- | --- | --- |")
        for k in kinds:

            def grow(name: str, k: str = k) -> float:
                s_lo = len(texts[(k, lo)].encode("utf-8"))
                s_hi = len(texts[(k, hi)].encode("utf-8"))
                # scaled by the sizes as built (whole copies), so 4.00 is exactly linear
                return med[(k, hi, name)] / med[(k, lo, name)] * (hi / lo) / (s_hi / s_lo)

            g = grow("rapporteur")
            expo = math.log(g) / math.log(hi / lo)
            print(f"| {k} | {g:.2f} | {grow('spacy'):.2f} | {grow('regex'):.2f} | {expo:.2f} |")
    if not args.no_memory:
        del texts, paras
        gc.collect()
        print_memory(kinds, max(sizes))


def print_memory(kinds: list[str], big: float) -> None:
    print()
    print(f"peak memory mapping {big:g} MB (fresh process; resident memory beyond the imports)")
    print("| kind | size MB | peak MB | peak / size |")
    print("| --- | --- | --- | --- |")
    for k in kinds:
        r = peak_memory(k, big)
        print(f"| {k} | {r['size'] / 1e6:.2f} | {r['peak'] / 1e6:.1f} | {r['peak'] / r['size']:.2f} |")


if __name__ == "__main__":
    main()
