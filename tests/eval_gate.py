"""Score a map of the founding example against the hand-annotated gold (tests/gold/peru-1978.json).

Run as a script to print the scores: ``python tests/eval_gate.py``. ``tests/test_eval_gate.py`` fails
when a score drops below the minimum stored in ``tests/eval_baseline.json`` (trafilatura's habit).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "peru-1978.json"
BASELINE = HERE / "eval_baseline.json"


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def score(m, gold: dict) -> dict[str, float]:
    """Every figure the gate watches, as a fraction in [0, 1] (counts of errors as plain numbers)."""
    text = m.documents[0].text
    people = {p.id: p for p in m.participants}
    roster_aff = {r["name"]: r["affiliation"] for r in gold["roster"]}
    pred: dict[tuple[int, int], tuple] = {}
    for c in m.claims:
        for a in c.attributions:
            key = (a.marker.start, a.marker.end)
            pred.setdefault(key, (c, []))[1].append(a)
    gold_markers = {(g["marker"]["start"], g["marker"]["end"]): g for g in gold["attributions"]}
    tp = [k for k in pred if k in gold_markers]
    p, r, f = _prf(len(tp), len(pred), len(gold_markers))
    non_attr = {(n["start"], n["end"]) for n in gold["non_attributions"] + gold["non_body_parentheticals"]}
    false_taken = sum(1 for k in pred if k in non_attr or any(s <= k[0] < e for s, e in non_attr))

    names_ok = aff_ok = roster_flag_ok = pol_ok = kind_ok = theme_ok = 0
    q_tp = q_pred = q_gold = 0
    overlaps, cores, exact = [], 0, 0
    themes = {t.id: t.title for t in m.themes}
    for k, g in gold_markers.items():
        q_gold += g["kind"] == "question"
        if k not in pred:
            overlaps.append(0.0)
            continue
        c, atts = pred[k]
        got_names = [
            people[a.participant].name if people[a.participant].in_roster else a.cited_as for a in atts
        ]
        want = [
            n if ok else cited
            for n, ok, cited in zip(g["participants"], g["in_roster"], g["cited"], strict=True)
        ]
        names_ok += got_names == want
        roster_flag_ok += [people[a.participant].in_roster for a in atts] == g["in_roster"]
        aff_ok += all(
            people[a.participant].affiliation == roster_aff.get(people[a.participant].name)
            for a in atts
            if people[a.participant].in_roster
        )
        pol_ok += all(a.polarity == g["polarity"] for a in atts)
        kind_ok += c.kind == g["kind"]
        theme_ok += themes.get(c.theme or "") == g["theme"]
        q_pred += c.kind == "question"
        q_tp += c.kind == "question" and g["kind"] == "question"
        gs, ge = g["claim"]["start"], g["claim"]["end"]
        overlaps.append(_overlap((c.start, c.end), (gs, ge)))
        core = g["claim_core"]
        cores += c.start <= core["start"] and core["end"] <= c.end
        exact += (c.start, c.end) == (gs, ge)
        assert text[c.start : c.end] == c.text
    n = len(tp) or 1
    qp, qr, _ = _prf(q_tp, q_pred, q_gold)
    exc_gold = [k for k, g in gold_markers.items() if g["polarity"] == "exception"]
    return {
        "marker_precision": p,
        "marker_recall": r,
        "marker_f1": f,
        "non_attributions_taken": float(false_taken),
        "names_resolved": names_ok / n,
        "in_roster_flags": roster_flag_ok / n,
        "affiliations": aff_ok / n,
        "polarity": pol_ok / n,
        "exceptions_found": sum(1 for k in exc_gold if k in pred and pred[k][1][0].polarity == "exception")
        / (len(exc_gold) or 1),
        "question_precision": qp,
        "question_recall": qr,
        "kind_accuracy": kind_ok / n,
        "theme_accuracy": theme_ok / n,
        "claim_overlap_mean": sum(overlaps) / len(overlaps),
        "claim_core_contained": cores / n,
        "claim_exact": exact / n,
    }


def main() -> None:
    sys.path.insert(0, str(HERE.parent / "src"))
    from rapporteur.cli import demo_path
    from rapporteur.pipeline import map_document

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    scores = score(map_document(demo_path()), gold)
    base = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    for k, v in scores.items():
        print(f"{k:26s} {v:6.3f}   (gate {base.get(k, '-')})")


if __name__ == "__main__":
    main()
