"""The evaluation gate: attribution quality on the founding example must not drop below the baseline."""

from __future__ import annotations

import json

import pytest

from tests.eval_gate import BASELINE, GOLD, score

LOWER_IS_BETTER = {"non_attributions_taken"}


@pytest.fixture(scope="module")
def scores(demo_map) -> dict[str, float]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert demo_map.documents[0].sha256 == gold["sha256"], "the bundled demo is not the annotated text"
    return score(demo_map, gold)


@pytest.mark.parametrize("metric", sorted(json.loads(BASELINE.read_text(encoding="utf-8"))))
def test_no_drop_below_baseline(scores: dict[str, float], metric: str) -> None:
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))[metric]
    if metric in LOWER_IS_BETTER:
        assert scores[metric] <= floor, f"{metric} rose to {scores[metric]:.3f} (at most {floor})"
    else:
        assert scores[metric] >= floor, f"{metric} fell to {scores[metric]:.3f} (gate {floor})"


def test_every_gold_marker_and_no_other_parenthetical(scores: dict[str, float]) -> None:
    assert scores["marker_recall"] == 1.0
    assert scores["marker_precision"] == 1.0
    assert scores["non_attributions_taken"] == 0
    assert scores["names_resolved"] == 1.0 and scores["affiliations"] == 1.0
    assert scores["exceptions_found"] == 1.0 and scores["theme_accuracy"] == 1.0


def test_offsets_of_every_object_in_the_json(demo_map) -> None:
    from rapporteur.export.json import to_dict, validate

    data = to_dict(demo_map)
    assert validate(data) == []
    text = data["documents"][0]["text"]
    n = 0
    for c in data["claims"]:
        assert text[c["start"] : c["end"]] == c["text"]
        n += 1
        for a in c["attributions"]:
            mk = a["marker"]
            assert text[mk["start"] : mk["end"]] == mk["text"]
            n += 1
    for t in data["themes"]:
        assert text[t["start"] : t["end"]] == t["title"]
        n += 1
    for r in data["relations"]:
        assert text[r["cue"]["start"] : r["cue"]["end"]] == r["cue"]["text"]
        n += 1
    assert n > 250


def test_cited_name_outside_the_roster_is_reported(demo_map) -> None:
    outside = [p for p in demo_map.participants if not p.in_roster]
    assert len(outside) == 1
    assert any(outside[0].name in note and "not in the roster" in note for note in demo_map.notes)
    cited = {a.participant for c in demo_map.claims for a in c.attributions}
    assert outside[0].id in cited
