"""What the markup readers give on the shared corpus: format detected, characters, blocks by kind,
turns, roster entries, citations, themes and claims as the pipeline maps them today.

    python bench/markup_corpus.py [CORPUS_DIR]

A second table compares each Markdown record read by the Markdown reader with the same bytes read as
plain text (``--format text``, what Markdown was before its reader): claims, participants, themes,
and the claims only one of them finds.

Not a speed benchmark: a table for the record, printed from the files as they are read.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from rapporteur import ingest
from rapporteur.pipeline import extract

FILES = (
    "elife-xml/elife00240.xml",
    "elife-xml/elife00351.xml",
    "w3c-ccg-2022-02-08/index.html",
    "irancontra-north-1987/on-13.php",
    "parlamint-gb/ParlaMint-GB_2020-02-12-lords.xml",
)
SHORT = {"paragraph": "p", "heading": "h", "list_item": "li", "table_row": "tr", "footnote": "fn",
         "turn": "turn", "quote": "q", "code": "code", "caption": "cap", "front": "front"}  # fmt: skip


def main() -> None:
    root = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    )
    md = sorted(str(p.relative_to(root)) for p in root.glob("*/*.md") if "LICENSE" not in p.name)
    files = [*FILES, *md]
    cols = ["file", "format", "chars", "blocks by kind", "turns", "roster", "citations", "themes", "claims"]
    print("| " + " | ".join([*cols, "participants"]) + " |")
    print("|" + " --- |" * (len(cols) + 1))
    for rel in files:
        doc = ingest.load(root / rel)
        lay = doc.layout
        kinds = Counter(b.kind for b in lay.blocks) if lay else Counter()
        by_kind = " ".join(f"{SHORT[k]} {n}" for k, n in sorted(kinds.items()))
        m = extract(doc)
        print(
            f"| {rel} | {doc.format} | {len(doc.text):,} | {by_kind} | {kinds.get('turn', 0)} "
            f"| {len(lay.roster) if lay else 0} | {len(lay.citations) if lay else 0} | {len(m.themes)} "
            f"| {len(m.claims)} | {len(m.participants)} |"
        )
    print()
    print("| Markdown file | claims as text | claims as markdown | participants text/md | themes text/md |")
    print("| --- | --- | --- | --- | --- |")
    changed = []
    for rel in md:
        a, b = extract(ingest.load(root / rel, fmt="text")), extract(ingest.load(root / rel))
        print(
            f"| {rel} | {len(a.claims)} | {len(b.claims)} | {len(a.participants)}/{len(b.participants)} "
            f"| {len(a.themes)}/{len(b.themes)} |"
        )
        ta, tb = {c.text for c in a.claims}, {c.text for c in b.claims}
        changed += [(rel, "only as text", t) for t in sorted(ta - tb)]
        changed += [(rel, "only as markdown", t) for t in sorted(tb - ta)]
    for rel, side, t in changed:
        print(f"- {rel}, {side}: {t[:100]!r}")


if __name__ == "__main__":
    main()
