"""Evaluation gate for stances (trafilatura style): typed participant-pair stances on the founding
example, scored against the hand-annotated gold in ``gold/peru-1978-stances.yaml``; a score below the
minimum stored in ``gold/eval_baseline_stances.json`` fails. Raise the baseline when the detector
improves; never lower it to make a run pass.

Pairs are unordered for scoring ((a, b, type) == (b, a, type)); the gold header explains why.
Precision is gated per type because a false clash misrepresents a person.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from rapporteur.model import Map

GOLD = Path(__file__).parent / "gold"
TYPES = ("disagree", "qualify", "agree")


def _key(a: str, b: str, t: str) -> tuple[frozenset[str], str]:
    return frozenset((a, b)), t


def scores(m: Map, gold: list[dict]) -> dict[str, dict[str, float]]:
    names = {p.id: p.name for p in m.participants}
    g = {_key(s["a"], s["b"], s["type"]) for s in gold}
    p = {_key(names[s.a], names[s.b], s.relation) for s in m.stances}
    out: dict[str, dict[str, float]] = {}
    for label, kinds in (*((t, (t,)) for t in TYPES), ("contested", ("disagree", "qualify")), ("all", TYPES)):
        gs, ps = {x for x in g if x[1] in kinds}, {x for x in p if x[1] in kinds}
        tp = len(gs & ps)
        prec = tp / len(ps) if ps else 1.0
        rec = tp / len(gs) if gs else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[label] = {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3)}
    return out


@pytest.fixture(scope="module")
def gold() -> dict:
    return yaml.safe_load((GOLD / "peru-1978-stances.yaml").read_text("utf-8"))


def test_gold_is_anchored_in_the_text(gold: dict, demo_map: Map) -> None:
    text = demo_map.documents[0].text
    names = {p.name for p in demo_map.participants}
    for s in gold["stances"]:
        assert s["shows"] in text, s
        assert s["a"] in names and s["b"] in names, s
        assert s["type"] in TYPES and s["a"] != s["b"]


def test_stance_scores_do_not_drop(gold: dict, demo_map: Map) -> None:
    base = json.loads((GOLD / "eval_baseline_stances.json").read_text("utf-8"))
    got = scores(demo_map, gold["stances"])
    drops = [
        f"{label} {metric}: {got[label][metric]} < {minimum}"
        for label, metrics in base["minimum"].items()
        for metric, minimum in metrics.items()
        if got[label][metric] + 1e-9 < minimum
    ]
    assert not drops, f"stance quality dropped: {drops}; scores now {got}"


def test_every_relation_has_a_cue_and_both_claims(demo_map: Map) -> None:
    claims = {c.id for c in demo_map.claims}
    assert demo_map.relations
    for r in demo_map.relations:
        assert r.cue.text and r.cue.end > r.cue.start
        assert r.source in claims and r.target in claims


if __name__ == "__main__":  # print the scores, e.g. to raise the baseline
    from rapporteur.cli import demo_path
    from rapporteur.pipeline import map_document

    g = yaml.safe_load((GOLD / "peru-1978-stances.yaml").read_text("utf-8"))
    print(json.dumps(scores(map_document(demo_path()), g["stances"]), indent=2))
