"""The narrative gate: reported-speech attribution on annotated narrative records must not drop below
the minimums in ``tests/eval_narrative_baseline.json`` (per document, and precision per pattern family,
none below 0.9). The gold rests on reading each document; see the header of each gold file."""

from __future__ import annotations

import json

import pytest

from tests.eval_narrative import BASELINE, evaluate, golds

BASE = json.loads(BASELINE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results():
    return evaluate()


def test_every_gold_document_has_a_floor() -> None:
    # a gold kept as strings for a reader not yet on this branch waits, named, in "pending"
    assert {name for name, _, _ in golds()} == set(BASE["documents"]) | set(BASE.get("pending", {}))


@pytest.mark.parametrize(("doc", "metric"), [(d, k) for d, ms in BASE["documents"].items() for k in ms])
def test_no_drop_below_baseline(results, doc: str, metric: str) -> None:
    per, _ = results
    if doc not in per:
        pytest.skip(f"{doc}: its record is not present (the shared corpus is absent)")
    floor = BASE["documents"][doc][metric]
    got = per[doc][metric]
    if metric == "negatives_taken":
        assert got <= floor, f"{doc}: {got:.0f} attributions where the gold says nobody speaks"
    else:
        assert got >= floor, f"{doc}: {metric} fell to {got:.3f} (gate {floor})"


def test_precision_per_family(results) -> None:
    _, fam = results
    low = {f: p for f, (p, n) in fam.items() if p < max(0.9, BASE["families"].get(f, 0.9))}
    assert not low, f"families below their gate: {low}"
    assert set(BASE["families"]) <= set(fam), "a family the gate watches found nothing"


def test_the_fixtures_hold_thirty_attributions_each() -> None:
    for name, g, _ in golds():
        if not g["document"].startswith("corpus:") and name != "heldout":
            assert len(g["attributions"]) >= 30, name
