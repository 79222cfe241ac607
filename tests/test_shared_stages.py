"""The shared stages made lean keep their answers: claims that read their text from the document,
attributions shared by the claims of one marker, and sentences split after the turns are cut.

Each test compares the lean path with the plain one it replaces on inputs where they could differ."""

from __future__ import annotations

import copy
import dataclasses
import pickle

from rapporteur.ingest import load_text
from rapporteur.model import Claim, SourceText
from rapporteur.pipeline import extract
from rapporteur.structure import add_sentences, structure


def test_a_claim_of_a_source_text_is_the_claim_with_the_copied_text() -> None:
    src = SourceText("Ana said the plan works. Ben doubted it.")
    lean = Claim.of(src, "c1", "d1", 9, 24, None, "claim")
    plain = Claim("c1", "d1", 9, 24, "the plan works.", None, "claim")
    assert lean.text == "the plan works."
    assert lean == plain and hash(lean) == hash(plain) and repr(lean) == repr(plain)
    assert pickle.loads(pickle.dumps(lean)) == plain
    assert copy.deepcopy(lean) == plain
    assert dataclasses.replace(lean, id="c2").text == "the plan works."
    assert Claim.of(src, "c1", "d1", 0, 3, None, "claim") != plain


def test_claims_of_one_turn_share_their_attributions_and_point_into_the_text() -> None:
    text = (
        "Ana Ruiz: The budget is too small for the work planned. We should ask for more.\n\n"
        "Ben Cole: I disagree with that view entirely. The budget is fine as it stands.\n\n"
        "Ana Ruiz: Then we will see at the review what the numbers say about it.\n"
    )
    m = extract(load_text(text, source="t.txt"))
    doc = m.documents[0]
    assert all(doc.text[c.start : c.end] == c.text for c in m.claims)
    by_turn: dict[int, list[Claim]] = {}
    for c in m.claims:
        by_turn.setdefault(c.attributions[0].marker.start, []).append(c)
    several = [cs for cs in by_turn.values() if len(cs) > 1]
    assert several, "a turn of two sentences gives two claims"
    for cs in several:
        assert all(c.attributions is cs[0].attributions for c in cs)
    names = {m.participant(a.participant).name for c in m.claims for a in c.attributions}
    assert names == {"Ana Ruiz", "Ben Cole"}


def test_sentences_added_after_the_fact_are_those_structure_gives() -> None:
    text = (
        "Introduction\n\nThe group met on Monday. Dr. Lee opened the meeting (Abel). It was long\n\n"
        "and went on after the page break. Some asked why? (Baker) Others left.\n"
    )
    doc = load_text(text, source="s.txt")
    whole = structure(doc)
    lean = structure(doc, sentences=False)
    assert all(p.sentences == () for p in lean.paragraphs)
    add_sentences(lean)
    assert lean.paragraphs == whole.paragraphs
    assert any(len(p.pieces) > 1 for p in whole.paragraphs), "the page-break join is exercised"
