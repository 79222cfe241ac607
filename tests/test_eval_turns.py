"""The speaker-turn gate: per record, turn precision and recall, speaker accuracy, aliases merged,
participants shared and pseudo-speakers excluded must not fall below ``eval_turns_baseline.json``.
The gold under ``tests/gold/turns/`` was written by reading each record (see each file's based_on)."""

from __future__ import annotations

import json

import pytest

from tests.eval_turns import BASELINE, LOWER_IS_BETTER, doc_id, golds, score

BASE = json.loads(BASELINE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("gold", golds(), ids=doc_id)
def test_turn_gate(gold: dict, corpus) -> None:
    got = score(gold, corpus)
    if got is None:
        pytest.skip(f"{gold['document']}: its format is not readable yet")
    floors = BASE.get(doc_id(gold))
    assert floors, f"no stored minimums for {doc_id(gold)}"
    for metric, floor in floors.items():
        if metric in LOWER_IS_BETTER:
            assert got[metric] <= floor, f"{metric} rose to {got[metric]:.3f} (at most {floor})"
        else:
            assert got[metric] >= floor, f"{metric} fell to {got[metric]:.3f} (gate {floor})"


def test_every_gold_names_its_basis() -> None:
    for g in golds():
        assert g["based_on"].strip(), g["document"]
        assert g.get("turns") or g.get("speakers"), g["document"]
