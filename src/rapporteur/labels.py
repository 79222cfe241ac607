"""Words of a record that name things: the label of a view or of a cluster (the phrase of its claims
that best tells them apart, always a span of the record), and lexical clusters of claims for records
without headings (TF-IDF, spherical k-means from a farthest-point start, pure Python so the core needs
no numpy). Used by ``rapporteur.synthesis``; the cost is claims x clusters x iterations.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapporteur import _regex as re
from rapporteur.lexicon import words
from rapporteur.model import Claim


@dataclass(frozen=True, slots=True)
class Label:
    """A view's or cluster's name as the record words it: ``document.text[start:end] == text``."""

    text: str
    document: str
    start: int
    end: int
    named: bool  # the record names the view itself ('the "X" perspective'), not just a phrase of it


_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)
_NEGATION = re.compile(r"\b(?:no|not|never|neither|nor|without|lack(?:ed|s)?)\b[^.;:]*$", re.I)


def tokens(text: str) -> list[str]:
    """Content words of a text, lower-cased: no stopword, none shorter than three letters."""
    stop = words("synthesis", "stopwords")
    return [w for w in (t.lower().strip("'’-") for t in _WORD.findall(text)) if len(w) > 2 and w not in stop]


def _phrases(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Runs of one to four content words (no stopword, no punctuation between): candidate labels."""
    stop = words("synthesis", "stopwords")
    out: list[tuple[int, int, tuple[str, ...]]] = []
    run: list[tuple[int, int, str]] = []

    def flush() -> None:
        for i in range(len(run)):
            for n in range(1, 5):
                if i + n <= len(run):
                    part = run[i : i + n]
                    out.append((part[0][0], part[-1][1], tuple(w for _, _, w in part)))
        run.clear()

    last = 0
    for m in _WORD.finditer(text):
        w = m.group(0).lower()
        between = text[last : m.start()]
        if run and between.strip(" ") not in ("", "-"):
            flush()
        if w in stop or len(w) < 3:
            flush()
        else:
            run.append((m.start(), m.end(), w))
        last = m.end()
    flush()
    return out


def _quoted(text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in re.finditer(r"[\"“]([^\"“”\n]{3,50})[\"”]", text)]


def characteristic(
    claims: list[Claim], df: Counter[str], n_docs: int, text_of: dict[str, str]
) -> Label | None:
    """The phrase of these claims that best tells them apart: content-word runs scored by how often they
    occur here and how rare their words are in the map, longer runs and the record's own quoted terms
    preferred. Returned as the span of its first occurrence. A phrase the claims deny, or one word
    alone, is taken only when nothing else is there."""
    for strict in (True, False):
        found = _characteristic(claims, df, n_docs, text_of, strict)
        if found is not None:
            return found
    return None


def _characteristic(
    claims: list[Claim], df: Counter[str], n_docs: int, text_of: dict[str, str], strict: bool
) -> Label | None:
    best: tuple[float, int, str, int, int] | None = None
    counts: Counter[tuple[str, ...]] = Counter()
    where: dict[tuple[str, ...], tuple[str, int, int]] = {}
    quoted: set[tuple[int, int, str]] = set()
    denied: set[tuple[str, ...]] = set()
    for c in claims:
        for s, e in _quoted(c.text):
            quoted.add((c.start + s, c.start + e, c.document))
        for s, e, ws in _phrases(c.text):
            counts[ws] += 1
            where.setdefault(ws, (c.document, c.start + s, c.start + e))
            if _NEGATION.search(c.text[max(0, s - 24) : s]):
                denied.add(ws)  # a view is not named by what it denies ('there was no "X" model')
    for ws, k in counts.items():
        if strict and ws in denied:
            continue
        doc, s, e = where[ws]
        is_quoted = (s, e, doc) in quoted
        if strict and len(ws) == 1 and not is_quoted:
            continue  # one word alone ("hand", "government") names nothing; a quoted term may
        idf = sum(math.log((1 + n_docs) / (1 + df.get(w, 0))) for w in ws) / len(ws)
        bonus = 1.6 if is_quoted else 1.0
        score = k * idf * (1 + 0.35 * (len(ws) - 1)) * bonus
        key = (score, len(ws), doc, -s, e)
        if best is None or key[:2] > best[:2]:
            best = (score, len(ws), doc, s, e)
    if best is None:
        return None
    _, _, doc, s, e = best
    return Label(text_of[doc][s:e], doc, s, e, False)


# ------------------------------------------------------------------------------------ clustering


def cluster(texts: list[str], k: int | None = None, iterations: int = 12) -> list[int]:
    """Lexical clusters of short texts: TF-IDF vectors, spherical k-means from a farthest-point start.
    ``k`` defaults to about sqrt(n/2). Deterministic; cost n x k x iterations."""
    n = len(texts)
    if n == 0:
        return []
    k = max(1, min(n, k if k is not None else round(math.sqrt(n / 2))))
    toks = [tokens(t) for t in texts]
    df: Counter[str] = Counter(w for ts in toks for w in set(ts))
    vecs: list[dict[str, float]] = []
    for ts in toks:
        tf = Counter(ts)
        v = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})

    def dot(a: dict[str, float], b: dict[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(x * b.get(w, 0.0) for w, x in a.items())

    centres = [vecs[0]]
    near = [dot(vecs[i], centres[0]) for i in range(n)]
    while len(centres) < k:
        i = min(range(n), key=lambda j: (near[j], j))
        centres.append(vecs[i])
        near = [max(near[j], dot(vecs[j], vecs[i])) for j in range(n)]
    assign = [0] * n
    for _ in range(iterations):
        new = [max(range(len(centres)), key=lambda c, v=v: (dot(v, centres[c]), -c)) for v in vecs]
        if new == assign and _ > 0:
            break
        assign = new
        sums: list[dict[str, float]] = [defaultdict(float) for _ in centres]
        for v, a in zip(vecs, assign, strict=True):
            for w, x in v.items():
                sums[a][w] += x
        for ci, s in enumerate(sums):
            norm = math.sqrt(sum(x * x for x in s.values()))
            if norm:
                centres[ci] = {w: x / norm for w, x in s.items()}
    order = {a: i for i, a in enumerate(dict.fromkeys(assign))}
    return [order[a] for a in assign]
