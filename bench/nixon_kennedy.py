"""Claim-claim relations without cue words: the Nixon-Kennedy 1960 argument pairs.

A record with no "But others argued" needs another signal. This bench measures the simplest one the
core can offer without torch: a multinomial logistic regression (numpy, no extra dependency) over
lexical pair features (TF-IDF cosine, word overlap, negation and contrast words on each side, same
speaker, lengths). Scored by macro-F1 over attack / support / no_relation, cross-validated by topic
(train on four topics, test on the fifth), against the majority-class baseline.

    .venv/bin/python bench/nixon_kennedy.py [--corpus DIR]

Reports honestly: this is the anchor a semantic backend has to beat.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

LABELS = ("attack", "support", "no_relation")
_WORD = re.compile(r"[a-z']+")
NEGATION = {"not", "no", "never", "n't", "nothing", "none", "nor", "cannot", "neither", "without"}
CONTRAST = set(
    [
        "but",
        "however",
        "wrong",
        "false",
        "mistake",
        "fail",
        "failed",
        "failure",
        "deny",
        "reject",
        "oppose",
        "opposed",
        "against",
        "disagree",
        "untrue",
        "misleading",
        "instead",
        "rather",
    ]
)


def load(corpus: Path) -> list[dict[str, str]]:
    path = corpus / "nixon-kennedy-1960" / "balanced_dataset.tsv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [r for r in rows if r["relation"] in LABELS]


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("n't", " n't"))


def _speaker(source: str) -> str:
    return source.split("_")[0].split()[0].lower() if source else ""


def features(rows: list[dict[str, str]], idf: dict[str, float]) -> np.ndarray:
    out = []
    for r in rows:
        a, b = _tokens(r["argument1"]), _tokens(r["argument2"])
        ca, cb = Counter(a), Counter(b)
        va = {w: c * idf.get(w, 1.0) for w, c in ca.items()}
        vb = {w: c * idf.get(w, 1.0) for w, c in cb.items()}
        dot = sum(v * vb.get(w, 0.0) for w, v in va.items())
        na, nb = math.sqrt(sum(v * v for v in va.values())), math.sqrt(sum(v * v for v in vb.values()))
        sa, sb = set(a), set(b)
        jac = len(sa & sb) / max(1, len(sa | sb))
        same = float(_speaker(r.get("source_arg_1", "")) == _speaker(r.get("source_arg_2", "")))
        neg_a, neg_b = (
            sum(ca[w] for w in NEGATION) / max(1, len(a)),
            sum(cb[w] for w in NEGATION) / max(1, len(b)),
        )
        con_a, con_b = (
            sum(ca[w] for w in CONTRAST) / max(1, len(a)),
            sum(cb[w] for w in CONTRAST) / max(1, len(b)),
        )
        cos = dot / (na * nb) if na and nb else 0.0
        row = [1.0, cos, jac, same, neg_a + neg_b, abs(neg_a - neg_b), con_a + con_b]
        out.append([*row, math.log1p(len(a)), math.log1p(len(b)), same * cos])
    return np.asarray(out)


def _idf(rows: list[dict[str, str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for r in rows:
        df.update(set(_tokens(r["argument1"])) | set(_tokens(r["argument2"])))
    n = 2 * len(rows)
    return {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}


def train(
    x: np.ndarray, y: np.ndarray, k: int, l2: float = 1e-2, steps: int = 2000
) -> tuple[np.ndarray, ...]:
    mu, sd = x[:, 1:].mean(0), x[:, 1:].std(0) + 1e-9
    xs = np.hstack([x[:, :1], (x[:, 1:] - mu) / sd])
    w = np.zeros((xs.shape[1], k))
    onehot = np.eye(k)[y]
    # class weights: the folds are not balanced by label
    cw = len(y) / (k * np.maximum(1, np.bincount(y, minlength=k)))
    sw = cw[y][:, None]
    for _ in range(steps):
        z = xs @ w
        p = np.exp(z - z.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        grad = xs.T @ ((p - onehot) * sw) / len(y) + l2 * w
        w -= 0.5 * grad
    return w, mu, sd


def predict(model: tuple[np.ndarray, ...], x: np.ndarray) -> np.ndarray:
    w, mu, sd = model
    xs = np.hstack([x[:, :1], (x[:, 1:] - mu) / sd])
    return (xs @ w).argmax(1)


def macro_f1(y: np.ndarray, p: np.ndarray, k: int) -> float:
    f1s = []
    for c in range(k):
        tp = int(((p == c) & (y == c)).sum())
        fp, fn = int(((p == c) & (y != c)).sum()), int(((p != c) & (y == c)).sum())
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / k


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get(
        "RAPPORTEUR_CORPUS", str(Path(__file__).resolve().parents[2] / "shared" / "corpus")
    )
    ap.add_argument("--corpus", type=Path, default=Path(default))
    args = ap.parse_args()
    rows = load(args.corpus)
    y = np.array([LABELS.index(r["relation"]) for r in rows])
    topics = sorted({r["topic"] for r in rows})
    preds, base = np.zeros_like(y), np.zeros_like(y)
    for t in topics:
        test = np.array([r["topic"] == t for r in rows])
        tr_rows = [r for r, m in zip(rows, test, strict=True) if not m]
        idf = _idf(tr_rows)
        model = train(features(tr_rows, idf), y[~test], len(LABELS))
        preds[test] = predict(model, features([r for r, m in zip(rows, test, strict=True) if m], idf))
        base[test] = np.bincount(y[~test], minlength=len(LABELS)).argmax()
    print(f"pairs: {len(rows)}  topics: {len(topics)}  labels: {dict(Counter(r['relation'] for r in rows))}")
    print(
        f"majority-class baseline  macro-F1 {macro_f1(y, base, len(LABELS)):.3f}"
        f"  accuracy {(base == y).mean():.3f}"
    )
    print(
        f"lexical pair features LR macro-F1 {macro_f1(y, preds, len(LABELS)):.3f}"
        f"  accuracy {(preds == y).mean():.3f}"
    )
    for c, name in enumerate(LABELS):
        tp = int(((preds == c) & (y == c)).sum())
        print(
            f"  {name:12s} precision {tp / max(1, (preds == c).sum()):.3f}"
            f" recall {tp / max(1, (y == c).sum()):.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
