"""Score speaker turns against the gold under ``tests/gold/turns/`` (written by reading each record).

Per document: turn precision and recall (a turn is its label's line), speaker accuracy (the turn's
claims credited to the person the gold names; an uncertain gold turn is also right when left
unattributed), aliases merged (each person whose turns use several labels is one participant),
participants shared (participants that hold turns of two gold people: lower is better) and
pseudo-speakers excluded (no pseudo-speaker turn credited to anyone). Records read by a format
rapporteur does not have yet (HTML, TEI) are scored by speaker order, and skipped while the format is
missing. Run ``python tests/eval_turns.py`` to print the table; ``tests/test_eval_turns.py`` checks the
minimums in ``tests/eval_turns_baseline.json``.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "turns"
BASELINE = HERE / "eval_turns_baseline.json"
LOWER_IS_BETTER = {"participants_shared"}
FORMAT_OF = {".xml": "tei", ".html": "html", ".php": "html"}


def golds() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.yaml"))]


def doc_id(gold: dict) -> str:
    return gold["document"].replace("/", "__").rsplit(".", 1)[0]


def _norm(s: str) -> str:
    from rapporteur.resolve import norm

    return norm(s).lstrip("@")


def _forms(p) -> set[str]:
    return {_norm(p.name), *(_norm(a) for a in p.aliases)}


def score(gold: dict, corpus: Path) -> dict[str, float] | None:
    """The figures for one gold file, or None when the record's format is not readable yet."""
    from rapporteur.attribute.turns import find_turns
    from rapporteur.ingest import formats, load
    from rapporteur.pipeline import extract, prepare

    path = corpus / gold["document"]
    if gold.get("order_only"):
        need = FORMAT_OF.get(path.suffix.lower())
        if need and need not in formats():
            return None
        return _score_order(gold, extract(load(path)))
    if path.suffix.lower() in {".vtt", ".srt"}:
        # a caption file is read into text of its own: its turns are scored by speaker order
        seq = [t["person"] for t in gold["turns"] if not t.get("pseudo")]
        return _score_order({"speakers": seq, "people": gold["people"]}, extract(load(path)))
    doc = load(path)
    st, _, ctx, _ = prepare(doc)
    text = doc.text
    lo, hi = gold["scope"]["from_line"], gold["scope"]["to_line"]

    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    optional = {o["line"] for o in gold.get("optional", [])}
    gold_lines = {t["line"]: t for t in gold["turns"]}
    found = [t for t in find_turns(st, ctx) if lo <= line_of(t[0][0]) <= hi]
    pred_lines = {line_of(span[0]) for span, _, _ in found} - optional
    tp = len(pred_lines & set(gold_lines))
    m = extract(doc)
    people = {p.id: p for p in m.participants}
    on_line: dict[int, set[str]] = {}
    for c in m.claims:
        for a in c.attributions:
            if a.via == "turn":
                on_line.setdefault(line_of(a.marker.start), set()).add(a.participant)
    aliases = {p: {_norm(a) for a in [p, *al]} for p, al in gold["people"].items()}

    names = {_norm(p.name) for p in m.participants}

    def who(pids: set[str]) -> set[str]:
        """The gold people these participants are: by name, or by an alias only where no participant
        carries the person's own name (a label left apart is not the roster person it may be)."""
        out = set()
        for pid in pids:
            p = people[pid]
            forms = _forms(p)
            out |= {
                g for g, al in aliases.items() if _norm(g) in forms or (forms & al and _norm(g) not in names)
            }
        return out

    right = judged = pseudo_ok = pseudo_n = 0
    by_person: dict[str, set[str]] = {}
    holders: dict[str, set[str]] = {}
    for line, t in gold_lines.items():
        got = on_line.get(line, set())
        if t.get("pseudo"):
            pseudo_n += 1
            pseudo_ok += not got
            continue
        want = set(t["person"]) if isinstance(t["person"], list) else {t["person"]}
        if not got:
            if t.get("uncertain") and line in pred_lines:
                judged += 1
                right += 1
            continue
        judged += 1
        # an uncertain label (ambiguous in the roster) is also right when kept apart as itself
        apart = t.get("uncertain") and all(
            not people[p].in_roster and _norm(people[p].name) in {_norm(x) for x in t["label"].split("+")}
            for p in got - {q for q in got if who({q}) & want}
        )
        right += who(got) == want or bool(apart)
        if len(want) == 1 and len(got) == 1:
            (g,) = want
            by_person.setdefault(g, set()).update(got)
        if len(want) == 1:
            for pid in got:
                holders.setdefault(pid, set()).update(want)
    multi = [g for g in by_person if len({lb for lb in gold["people"][g]}) > 1]
    merged = sum(1 for g in multi if len(by_person[g]) == 1)
    shared = sum(1 for pid, gs in holders.items() if len(gs) > 1 and not who({pid}) >= gs)
    named_pseudo = sum(
        1 for p in m.participants if _norm(p.name) in {_norm(x) for x in gold.get("pseudo_speakers", [])}
    )
    if "--why" in sys.argv:
        print(
            doc_id(gold),
            "missed",
            sorted(set(gold_lines) - pred_lines)[:20],
            "extra",
            sorted(pred_lines - set(gold_lines))[:20],
        )
        for line, t in gold_lines.items():
            got = on_line.get(line, set())
            want = set(t["person"]) if isinstance(t["person"], list) else {t["person"]}
            if got and not t.get("pseudo") and who(got) != want:
                print("   wrong", line, t["label"], want, [people[p].name for p in got])
    return {
        "turn_precision": tp / len(pred_lines) if pred_lines else 1.0,
        "turn_recall": tp / len(gold_lines) if gold_lines else 1.0,
        "speaker_accuracy": right / judged if judged else 1.0,
        "aliases_merged": merged / len(multi) if multi else 1.0,
        "participants_shared": float(shared),
        "pseudo_excluded": (pseudo_ok / pseudo_n if pseudo_n else 1.0) * (0.0 if named_pseudo else 1.0),
    }


def _score_order(gold: dict, m) -> dict[str, float]:
    """Speaker order against the gold's, aligned (difflib), names compared case- and accent-blind."""
    people = {p.id: p for p in m.participants}
    seq: list[str] = []
    last = None
    for c in sorted(m.claims, key=lambda c: c.start):
        for a in c.attributions:
            if a.via == "turn" and a.marker.start != last:
                last = a.marker.start
                seq.append(a.participant)
    want = [_norm(w) for w in gold["speakers"]]
    known = {_norm(k): {_norm(a) for a in v} for k, v in gold.get("people", {}).items()}

    def same(pid: str, w: str) -> bool:
        f = _forms(people[pid])
        return w in f or bool(f & known.get(w, set())) or any(w.split()[-1] == x.split()[-1] for x in f if x)

    got = [next((w for w in dict.fromkeys(want) if same(pid, w)), "?" + pid) for pid in seq]
    matched = sum(
        b.size for b in difflib.SequenceMatcher(None, got, want, autojunk=False).get_matching_blocks()
    )
    return {
        "turn_precision": matched / len(got) if got else 0.0,
        "turn_recall": matched / len(want) if want else 1.0,
        "speaker_accuracy": matched / len(got) if got else 0.0,
    }


def main() -> None:
    sys.path.insert(0, str(HERE.parent / "src"))
    from tests.conftest import CORPUS

    base = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    cols = [
        "turn_precision",
        "turn_recall",
        "speaker_accuracy",
        "aliases_merged",
        "participants_shared",
        "pseudo_excluded",
    ]
    print(f"{'document':48s} " + " ".join(f"{c[:14]:>14s}" for c in cols))
    for g in golds():
        s = score(g, CORPUS)
        if s is None:
            print(f"{doc_id(g):48s} (skipped: format not readable yet)")
            continue
        print(f"{doc_id(g):48s} " + " ".join(f"{s[c]:14.3f}" if c in s else f"{'-':>14s}" for c in cols))
        floors = base.get(doc_id(g), {})
        for k, v in floors.items():
            bad = s[k] > v if k in LOWER_IS_BETTER else s[k] < v
            if bad:
                print(f"   BELOW GATE: {k} {s[k]:.3f} (gate {v})")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    main()
