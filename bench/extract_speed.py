"""Extraction speed against spaCy's blank English sentencizer, side by side in one run.

The founding example is repeated until the text is at least --mb megabytes; both sides get the very
same string. rapporteur runs ingest (from text in memory) through structure, attribution and name
resolution; spaCy runs ``spacy.blank("en")`` with a sentencizer. Each side runs --repeat times and the
best time counts, since these machines are noisy; the ratio is spaCy time / rapporteur time (> 1 means
rapporteur is faster).

    python bench/extract_speed.py [--mb 5] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from importlib import resources

from rapporteur.ingest import load_text
from rapporteur.pipeline import extract


def corpus(mb: float) -> str:
    seed = resources.files("rapporteur").joinpath("data", "demo-report.txt").read_text("utf-8")
    copies = int(mb * 1_000_000 // len(seed.encode("utf-8"))) + 1
    return "\n\n".join([seed] * copies)


def best_of(n: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import spacy

    text = corpus(args.mb)
    size = len(text.encode("utf-8"))
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = len(text) + 1

    t_rap, m = best_of(args.repeat, lambda: extract(load_text(text, source="bench")))
    t_spacy, doc = best_of(args.repeat, lambda: nlp(text))
    n_sents = sum(1 for _ in doc.sents)  # type: ignore[attr-defined]

    print(f"text: {size / 1e6:.2f} MB ({len(text):,} characters)")
    print(
        f"rapporteur extract: {t_rap:8.3f} s  {size / 1e6 / t_rap:7.2f} MB/s  "
        f"claims={len(m.claims):,} themes={len(m.themes):,} relations={len(m.relations):,}"
    )  # type: ignore[attr-defined]
    print(f"spaCy sentencizer:  {t_spacy:8.3f} s  {size / 1e6 / t_spacy:7.2f} MB/s  sentences={n_sents:,}")
    print(f"ratio (spaCy / rapporteur): {t_spacy / t_rap:.2f}x")


if __name__ == "__main__":
    main()
