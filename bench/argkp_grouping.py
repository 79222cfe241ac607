"""Grouping anonymous arguments into views, against IBM's ArgKP-2021 key points (test set: 3 topics, 723
crowd arguments, 33 key points; ``../shared/corpus/ibm-argkp-2021/``).

Gold: an argument's group is the key point it was labelled as matching (label 1); arguments that match
none, or more than one, key point are left out (the B-cubed measure needs one group per item). Every
method groups the arguments of one topic at a time (the topic is the debate, as a record's heading
would be), and is scored with B-cubed precision, recall and F1 per topic, then averaged over topics.

Methods, side by side in one run:
- one group per topic: the trivial baseline (recall 1).
- one group per topic and stance: the pro/con split the data gives for free.
- TF-IDF k-means: numpy, Euclidean k-means on L2-normalised TF-IDF vectors (k-means++ seeding, 10
  restarts, seed 0), with k = the topic's number of key points: an oracle k no real record gives.
- rapporteur: ``rapporteur.synthesis.synthesize`` on a record with no headings, one argument a
  paragraph, each argument's id its holder: the lexical themes it clusters the claims into (k chosen by
  the synthesis itself), then the same within each stance.

Run: .venv/bin/python bench/argkp_grouping.py [CORPUS_DIR]
"""

from __future__ import annotations

import csv
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from rapporteur.model import Attribution, Claim, Document, Map, Participant, Span
from rapporteur.synthesis import synthesize

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ibm-argkp-2021"


def load(root: Path) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The arguments, and each argument's one matching key point (arguments with none or several dropped)."""
    args = list(csv.DictReader((root / "arguments_test.csv").open(encoding="utf-8")))
    matches: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader((root / "labels_test.csv").open(encoding="utf-8")):
        if row["label"] == "1":
            matches[row["arg_id"]].append(row["key_point_id"])
    gold = {a: kps[0] for a, kps in matches.items() if len(kps) == 1}
    return args, gold


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    items = [i for i in gold if i in pred]
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for i in items:
        pc[pred[i]].add(i)
        gc[gold[i]].add(i)
    p = sum(len(pc[pred[i]] & gc[gold[i]]) / len(pc[pred[i]]) for i in items) / len(items)
    r = sum(len(pc[pred[i]] & gc[gold[i]]) / len(gc[gold[i]]) for i in items) / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


_TOKEN = re.compile(r"[a-z][a-z'-]+")


def tfidf_kmeans(texts: list[str], k: int, restarts: int = 10, seed: int = 0) -> list[int]:
    import numpy as np

    toks = [_TOKEN.findall(t.lower()) for t in texts]
    vocab = {w: i for i, w in enumerate(sorted({w for ts in toks for w in ts}))}
    df = Counter(w for ts in toks for w in set(ts))
    x = np.zeros((len(texts), len(vocab)))
    for row, ts in enumerate(toks):
        for w, c in Counter(ts).items():
            x[row, vocab[w]] = (1 + math.log(c)) * math.log((1 + len(texts)) / (1 + df[w]))
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    rng = np.random.default_rng(seed)
    best, best_inertia = None, math.inf
    for _ in range(restarts):
        centres = [x[rng.integers(len(x))]]
        for _ in range(1, k):  # k-means++
            d = np.min([((x - c) ** 2).sum(axis=1) for c in centres], axis=0)
            centres.append(x[rng.choice(len(x), p=d / d.sum())] if d.sum() else x[rng.integers(len(x))])
        c = np.array(centres)
        for _ in range(100):
            dist = ((x[:, None, :] - c[None, :, :]) ** 2).sum(axis=2)
            assign = dist.argmin(axis=1)
            new = np.array([x[assign == j].mean(axis=0) if (assign == j).any() else c[j] for j in range(k)])
            if np.allclose(new, c):
                break
            c = new
        inertia = float(((x - c[assign]) ** 2).sum())
        if inertia < best_inertia:
            best, best_inertia = assign, inertia
    assert best is not None
    return [int(a) for a in best]


def as_record(rows: list[dict[str, str]]) -> tuple[Map, dict[str, str]]:
    """A record with no headings: one argument a paragraph, attributed to its id (a pseudo-participant)."""
    parts, spans, people = [], [], []
    pos = 0
    for row in rows:
        text = " ".join(row["argument"].split())
        marker = f"({row['arg_id']})"
        parts.append(f"{text} {marker}")
        spans.append((pos, pos + len(text), pos + len(text) + 1, pos + len(text) + 1 + len(marker)))
        pos += len(parts[-1]) + 2
    full = "\n\n".join(parts)
    doc = Document("d1", full, "argkp.txt", "arguments", "text", "0" * 64)
    claims = []
    for i, (row, (s, e, ms, me)) in enumerate(zip(rows, spans, strict=True)):
        people.append(Participant(f"p{i}", row["arg_id"], None, (row["arg_id"],)))
        att = Attribution(f"p{i}", "holds", Span(ms, me, full[ms:me]), row["arg_id"])
        claims.append(Claim(f"c{i}", "d1", s, e, full[s:e], None, "claim", (att,)))
    return Map((doc,), tuple(people), (), tuple(claims)), {f"c{i}": r["arg_id"] for i, r in enumerate(rows)}


def ours(rows: list[dict[str, str]]) -> dict[str, str]:
    m, arg_of = as_record(rows)
    s = synthesize(m)
    return {arg_of[cid]: k for cid, k in s.theme_of.items()}


def main(root: Path = CORPUS) -> None:
    args, gold = load(root)
    kps = list(csv.DictReader((root / "key_points_test.csv").open(encoding="utf-8")))
    topics = sorted({a["topic"] for a in args})
    methods: dict[str, list[tuple[float, float, float, int]]] = defaultdict(list)
    for topic in topics:
        rows = [a for a in args if a["topic"] == topic]
        g = {a["arg_id"]: gold[a["arg_id"]] for a in rows if a["arg_id"] in gold}
        k = sum(1 for kp in kps if kp["topic"] == topic)
        preds: dict[str, dict[str, str]] = {
            "one group per topic": {a["arg_id"]: "all" for a in rows},
            "one group per topic and stance": {a["arg_id"]: a["stance"] for a in rows},
        }
        labels = tfidf_kmeans([a["argument"] for a in rows], k)
        kmeans = {a["arg_id"]: str(x) for a, x in zip(rows, labels, strict=True)}
        preds["TF-IDF k-means (k = key points)"] = kmeans
        by_stance: dict[str, str] = {}
        for stance in ("1", "-1"):
            part = [a for a in rows if a["stance"] == stance]
            kk = sum(1 for kp in kps if kp["topic"] == topic and kp["stance"] == stance)
            labels = tfidf_kmeans([a["argument"] for a in part], kk)
            by_stance.update({a["arg_id"]: f"{stance}:{x}" for a, x in zip(part, labels, strict=True)})
        preds["TF-IDF k-means per stance (k = key points)"] = by_stance
        preds["rapporteur themes"] = ours(rows)
        mine: dict[str, str] = {}
        for stance in ("1", "-1"):
            found = ours([a for a in rows if a["stance"] == stance])
            mine.update({a: f"{stance}:{t}" for a, t in found.items()})
        preds["rapporteur themes per stance"] = mine
        for name, pred in preds.items():
            p, r, f = bcubed(pred, g)
            methods[name].append((p, r, f, len(set(pred.values()))))
    n_gold = len([a for a in args if a["arg_id"] in gold])
    print(f"ArgKP-2021 test: {len(topics)} topics, {n_gold} of {len(args)} arguments with one key point,")
    print(f"{len(kps)} key points. B-cubed, macro-averaged over topics; groups = mean groups per topic.")
    print(f"{'method':<44} {'P':>6} {'R':>6} {'F1':>6} {'groups':>7}")
    for name, rs in methods.items():
        mp, mr, mf = (sum(x[i] for x in rs) / len(rs) for i in range(3))
        groups = sum(x[3] for x in rs) / len(rs)
        print(f"{name:<44} {mp:>6.3f} {mr:>6.3f} {mf:>6.3f} {groups:>7.1f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
