"""The plug-in points: the reader registry, Layout -> Structure, the detector registry, and the new
contract fields (via, on_behalf_of, participant kind, text hash, pages) through JSON and the store."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import rapporteur
from rapporteur import ingest
from rapporteur.attribute import detectors
from rapporteur.errors import InputError
from rapporteur.export import json as mapjson
from rapporteur.layout import Layout, LayoutBlock, RosterHint
from rapporteur.model import Document
from rapporteur.pipeline import extract
from rapporteur.store import open_store
from rapporteur.structure import structure


def test_registry_lists_text_and_markdown_and_detects_by_extension(tmp_path: Path) -> None:
    assert {"text", "markdown"} <= set(ingest.formats())
    md = tmp_path / "notes.md"
    md.write_text("# Title\n\nSome prose here.\n", encoding="utf-8")
    assert ingest.load(md).format == "markdown"
    assert ingest.load(md, fmt="text").format == "text"  # the override wins


def test_unknown_format_is_one_line_naming_the_file(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Some prose.", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.txt: unknown format 'nope'"):
        ingest.load(p, fmt="nope")


def test_both_hashes_are_kept(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    data = "\ufeffSome prose (Abel).".encode()
    p.write_bytes(data)
    doc = ingest.load(p)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()  # the file's bytes, BOM and all
    assert doc.text_sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    assert doc.sha256 != doc.text_sha256


def _doc_with_layout() -> Document:
    text = (
        "Budget\n\n"
        "Lord Abel: The budget is too small for what it must do. We should double it.\n\n"
        "It has been cut three years running.\n\n"
        "Baroness Baker: I disagree with that entirely.\n"
    )
    h = text.index("Budget")
    t1 = text.index("Lord Abel:")
    t1e = text.index("running.") + len("running.")
    t2 = text.index("Baroness Baker:")
    lay = Layout(
        blocks=(
            LayoutBlock("heading", h, h + len("Budget"), level=1, page=1),
            LayoutBlock("turn", t1, t1e, label=(t1, t1 + len("Lord Abel:")), speaker="#abel", page=1),
            LayoutBlock(
                "turn", t2, len(text) - 1, label=(t2, t2 + len("Baroness Baker:")), speaker="#baker", page=2
            ),
        ),
        roster=(
            RosterHint("Lord Abel", "Crossbench", key="#abel"),
            RosterHint("Baroness Baker", key="#baker"),
        ),
        title="A sitting",
    )
    doc = ingest.load_text(text, source="sitting.xml", fmt="tei")
    return Document(
        doc.id, doc.text, doc.source, "sitting", "tei", doc.sha256, layout=lay, pages=((t1, 1), (t2, 2))
    )


def test_layout_gives_structure_its_headings_turns_and_roster() -> None:
    doc = _doc_with_layout()
    st = structure(doc)
    assert [t.title for t in st.themes] == ["Budget"]
    assert st.title == "A sitting"
    assert len(st.turns) == 2
    assert doc.text[slice(*st.turns[0].label)] == "Lord Abel:"
    assert st.turns[1].speaker == "#baker"
    # the first turn has two paragraphs; neither contains the label
    turn0 = [p for p in st.paragraphs if p.turn == 0]
    assert len(turn0) == 2
    assert doc.text[turn0[0].start : turn0[0].end].startswith("The budget")
    assert all(p.theme == st.themes[0].id for p in st.paragraphs)
    assert [(r.name, r.affiliation, r.key) for r in st.roster] == [
        ("Lord Abel", "Crossbench", "#abel"),
        ("Baroness Baker", None, "#baker"),
    ]
    assert doc.page_at(doc.text.index("I disagree")) == 2
    assert doc.page_at(0) is None


def test_detectors_are_found_most_specific_first() -> None:
    vias = [d.VIA for d in detectors()]
    # a citation "(Smith 2003)" is more specific than a parenthetical, which is more than a reporting verb
    assert [v for v in vias if v in ("citation", "parenthetical", "reported")] == [
        "citation",
        "parenthetical",
        "reported",
    ]
    assert [d.PRIORITY for d in detectors()] == sorted(d.PRIORITY for d in detectors())


def test_parenthetical_wins_over_reported_on_the_same_sentence() -> None:
    text = "Introduction\n\nSmith argued that the reforms failed because of poor planning (Jones).\n"
    m = extract(ingest.load_text(text))
    assert len(m.claims) == 1
    [a] = m.claims[0].attributions
    assert (a.cited_as, a.via) == ("Jones", "parenthetical")


def test_via_kind_behalf_pages_survive_json_and_store(tmp_path: Path) -> None:
    text = "Introduction\n\nSmith argued that the reforms failed because of poor planning overall.\n"
    m = extract(ingest.load_text(text))
    [a] = m.claims[0].attributions
    assert a.via == "reported"
    from dataclasses import replace

    people = (*m.participants, rapporteur.Participant("p9", "Group of Nine", kind="party"))
    claim = replace(m.claims[0], attributions=(replace(a, on_behalf_of="p9"),))
    doc = replace(m.documents[0], pages=((0, 3),), text_sha256="abc")
    m = replace(m, participants=people, claims=(claim,), documents=(doc,))
    d = mapjson.to_dict(m)
    assert not mapjson.validate(d)
    assert d["claims"][0]["attributions"][0]["via"] == "reported"
    assert mapjson.from_dict(json.loads(json.dumps(d))) == m
    db = tmp_path / "m.db"
    with open_store(db) as store:
        store.write_map(m)
    back = rapporteur.open_map(str(db))
    [b] = back.claims[0].attributions
    assert b.via == "reported"
    assert back.participant(b.on_behalf_of).kind == "party"  # type: ignore[arg-type]
    assert back.documents[0].pages == ((0, 3),)
    assert back.documents[0].text_sha256 == "abc"


def test_validate_refuses_unknown_via_and_kind() -> None:
    m = extract(ingest.load_text("Introduction\n\nThe reforms failed for want of planning (Jones).\n"))
    d = mapjson.to_dict(m)
    d["claims"][0]["attributions"][0]["via"] = "telepathy"
    d["participants"][0]["kind"] = "ghost"
    problems = mapjson.validate(d)
    assert any("unknown via 'telepathy'" in p for p in problems)
    assert any("unknown kind 'ghost'" in p for p in problems)
