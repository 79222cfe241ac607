"""Claim-claim relations without cue words: the Nixon-Kennedy 1960 argument pairs.

A record with no "But others argued" needs another signal. This bench measures two: lexical pair
features the core can compute without torch (TF-IDF cosine, word overlap, negation and contrast words on
each side, same speaker, lengths), and, when the optional extra ``rapporteur[semantic]`` is installed,
sentence embeddings of both arguments (all-MiniLM-L6-v2 from its offline package) turned into pair
features: cosine, |a-b| and a*b. Each feature set, and both together, goes into the same multinomial
logistic regression (numpy, class-weighted, L2 1e-2, no hyperparameter tuned on the test topics),
cross-validated by topic (train on four topics, test on the fifth: 5 folds), and is scored by macro-F1
over attack / support / no_relation (pooled over the folds), with per-class F1 and the spread of the
per-fold macro-F1, against the majority-class baseline.

    .venv/bin/python bench/nixon_kennedy.py [--corpus DIR] [--no-semantic]

Each unique argument is embedded once (1,065 texts: 13-23 s on 2 CPU cores; the whole bench runs in under
a minute). Reports honestly, whatever the figures are.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
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
    x: np.ndarray, y: np.ndarray, k: int, l2: float = 1e-2, steps: int = 5000, tol: float = 1e-6
) -> tuple[np.ndarray, ...]:
    """Class-weighted multinomial logistic regression; column 0 of ``x`` is the bias, the rest is
    standardised. Minimises mean weighted cross-entropy + l2/2 |w|^2 by Nesterov-accelerated gradient
    descent with a step from the curvature bound (so that 770 correlated embedding features converge
    as surely as 10 lexical ones), until the gradient is below ``tol``."""
    mu, sd = x[:, 1:].mean(0), x[:, 1:].std(0) + 1e-9
    xs = np.hstack([x[:, :1], (x[:, 1:] - mu) / sd])
    onehot = np.eye(k)[y]
    # class weights: the folds are not balanced by label
    cw = len(y) / (k * np.maximum(1, np.bincount(y, minlength=k)))
    sw = cw[y][:, None]
    lip = 0.5 * cw.max() * float(np.linalg.eigvalsh(xs.T @ xs / len(y)).max()) + l2
    lr = min(0.5, 1.0 / lip)
    q = math.sqrt(l2 / lip)
    beta = (1 - q) / (1 + q)
    w = np.zeros((xs.shape[1], k))
    v = w.copy()
    for _ in range(steps):
        z = xs @ v
        p = np.exp(z - z.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        grad = xs.T @ ((p - onehot) * sw) / len(y) + l2 * v
        if np.abs(grad).max() < tol:
            w = v
            break
        w_next = v - lr * grad
        v = w_next + beta * (w_next - w)
        w = w_next
    return w, mu, sd


def predict(model: tuple[np.ndarray, ...], x: np.ndarray) -> np.ndarray:
    w, mu, sd = model
    xs = np.hstack([x[:, :1], (x[:, 1:] - mu) / sd])
    return (xs @ w).argmax(1)


def f1_per_class(y: np.ndarray, p: np.ndarray, k: int) -> list[float]:
    f1s = []
    for c in range(k):
        tp = int(((p == c) & (y == c)).sum())
        fp, fn = int(((p == c) & (y != c)).sum()), int(((p != c) & (y == c)).sum())
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return f1s


def macro_f1(y: np.ndarray, p: np.ndarray, k: int) -> float:
    return sum(f1_per_class(y, p, k)) / k


def bootstrap_delta(
    y: np.ndarray, p: np.ndarray, q: np.ndarray, k: int, n: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """95% interval of macro-F1(p) - macro-F1(q) over pairs resampled with replacement (pairs of one
    topic are not independent, so this interval is if anything too narrow)."""
    rng = np.random.default_rng(seed)
    deltas = []
    for _ in range(n):
        i = rng.integers(0, len(y), len(y))
        deltas.append(macro_f1(y[i], p[i], k) - macro_f1(y[i], q[i], k))
    lo, hi = np.percentile(deltas, [2.5, 97.5])
    return float(lo), float(hi)


# ------------------------------------------------------------------------------------- semantic features

_DETOK = re.compile(r" (?=[.,;:!?%)\]]|n't\b|'(?:s|re|ve|ll|d|m)\b)")


def detokenise(text: str) -> str:
    """The corpus is pre-tokenised ("ca n't", "freedom ."): rejoin it before a model reads it."""
    return _DETOK.sub("", text).replace("( ", "(").replace("$ ", "$")


def embeddings(rows: list[dict[str, str]]) -> tuple[np.ndarray, np.ndarray, dict[str, float]]:
    """Embeddings of both arguments of every pair, each unique text embedded once."""
    from rapporteur import semantic

    texts = sorted({r["argument1"] for r in rows} | {r["argument2"] for r in rows})
    t0 = time.perf_counter()
    semantic.load_model()
    t1 = time.perf_counter()
    vecs = semantic.embed([detokenise(t) for t in texts])
    t2 = time.perf_counter()
    at = {t: i for i, t in enumerate(texts)}
    a = vecs[[at[r["argument1"]] for r in rows]]
    b = vecs[[at[r["argument2"]] for r in rows]]
    return a, b, {"texts": len(texts), "load_s": t1 - t0, "embed_s": t2 - t1}


# ------------------------------------------------------------------------------------------ the bench

Features = Callable[[list[dict[str, str]], list[dict[str, str]], np.ndarray, np.ndarray], tuple]


def cross_validate(rows: list[dict[str, str]], y: np.ndarray, feats: Features) -> tuple[np.ndarray, list]:
    """Leave-one-topic-out predictions; ``feats(train_rows, test_rows, train_mask, test_mask)`` gives
    the two feature matrices (anything fitted, like IDF, is fitted on the training topics only)."""
    preds = np.zeros_like(y)
    per_fold = []
    for t in sorted({r["topic"] for r in rows}):
        test = np.array([r["topic"] == t for r in rows])
        tr_rows = [r for r, m in zip(rows, test, strict=True) if not m]
        te_rows = [r for r, m in zip(rows, test, strict=True) if m]
        x_tr, x_te = feats(tr_rows, te_rows, ~test, test)
        preds[test] = predict(train(x_tr, y[~test], len(LABELS)), x_te)
        per_fold.append(macro_f1(y[test], preds[test], len(LABELS)))
    return preds, per_fold


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get(
        "RAPPORTEUR_CORPUS", str(Path(__file__).resolve().parents[2] / "shared" / "corpus")
    )
    ap.add_argument("--corpus", type=Path, default=Path(default))
    ap.add_argument("--no-semantic", action="store_true", help="lexical features only, even with the extra")
    args = ap.parse_args()
    rows = load(args.corpus)
    k = len(LABELS)
    y = np.array([LABELS.index(r["relation"]) for r in rows])
    topics = sorted({r["topic"] for r in rows})
    print(f"pairs: {len(rows)}  topics: {len(topics)}  labels: {dict(Counter(r['relation'] for r in rows))}")
    print(f"cross-validation: leave one topic out, {len(topics)} folds ({', '.join(topics)})")

    results: list[tuple[str, int, np.ndarray, list[float], float]] = []
    base, base_fold = np.zeros_like(y), []
    for t in topics:
        test = np.array([r["topic"] == t for r in rows])
        base[test] = np.bincount(y[~test], minlength=k).argmax()
        base_fold.append(macro_f1(y[test], base[test], k))
    results.append(("majority baseline", 0, base, base_fold, 0.0))

    def lexical(tr: list, te: list, _m_tr: np.ndarray, _m_te: np.ndarray) -> tuple:
        idf = _idf(tr)
        return features(tr, idf), features(te, idf)

    t0 = time.perf_counter()
    preds, folds = cross_validate(rows, y, lexical)
    n_lex = features(rows[:1], {}).shape[1] - 1
    results.append(("lexical", n_lex, preds, folds, time.perf_counter() - t0))

    from importlib.util import find_spec

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    if find_spec("rapporteur") is None:
        print("semantic: rapporteur is not importable; skipped")
    elif args.no_semantic:
        print("semantic: skipped (--no-semantic)")
    else:
        from rapporteur import semantic

        if not semantic.available():
            print(f"semantic: skipped: {semantic.INSTALL_HINT}")
        else:
            a, b, timing = embeddings(rows)
            sem = semantic.pair_features(a, b)
            print(
                f"semantic: {semantic.MODEL_NAME} from {semantic.model_path()} (offline);"
                f" model load {timing['load_s']:.1f} s; {timing['texts']} unique texts embedded in"
                f" {timing['embed_s']:.1f} s ({timing['texts'] / timing['embed_s']:.0f} texts/s)"
            )
            ones = np.ones((len(rows), 1))

            def semantic_only(_tr: list, _te: list, m_tr: np.ndarray, m_te: np.ndarray) -> tuple:
                x = np.hstack([ones, sem])
                return x[m_tr], x[m_te]

            def both(tr: list, te: list, m_tr: np.ndarray, m_te: np.ndarray) -> tuple:
                x_tr, x_te = lexical(tr, te, m_tr, m_te)
                return np.hstack([x_tr, sem[m_tr]]), np.hstack([x_te, sem[m_te]])

            for name, fn, n in (
                ("semantic", semantic_only, sem.shape[1]),
                ("lexical+semantic", both, n_lex + sem.shape[1]),
            ):
                t0 = time.perf_counter()
                preds, folds = cross_validate(rows, y, fn)
                results.append((name, n, preds, folds, time.perf_counter() - t0))

    print()
    head = f"{'method':18s} {'features':>8s} {'macro-F1':>8s} {'per-fold (min-max)':>19s}"
    head += "".join(f" {'F1 ' + name:>14s}" for name in LABELS) + f" {'accuracy':>8s} {'CV time':>8s}"
    print(head)
    print("-" * len(head))
    for name, n, p, folds, secs in results:
        per = f1_per_class(y, p, k)
        line = f"{name:18s} {n:8d} {macro_f1(y, p, k):8.3f} {min(folds):10.3f}-{max(folds):.3f}   "
        line += "".join(f" {f:14.3f}" for f in per) + f" {(p == y).mean():8.3f} {secs:7.1f}s"
        print(line)
    print(f"\nmacro-F1 pooled over the {len(topics)} leave-one-topic-out folds; per-fold min-max beside it.")
    lex_p, lex_folds = results[1][2], results[1][3]
    for name, _, p, folds, _ in results[2:]:
        wins = sum(f > g for f, g in zip(folds, lex_folds, strict=True))
        lo, hi = bootstrap_delta(y, p, lex_p, k)
        print(
            f"{name} vs lexical: macro-F1 {macro_f1(y, p, k) - macro_f1(y, lex_p, k):+.3f}"
            f" (paired bootstrap over pairs, 95% interval {lo:+.3f} to {hi:+.3f}); better on {wins} of"
            f" {len(folds)} topics"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
