"""Documents in other shapes than the founding example, written for these tests."""

from __future__ import annotations

from pathlib import Path

from rapporteur.pipeline import map_document

NUMBERED = """City Transport Review

1. Buses

Bus lanes speed up every route that uses them, at little cost to drivers (Smith and Jones). Fares should be cut for
students to fill empty off-peak seats (Nakamura; see also Smith).

2. Cycling

2.1 Safety

Protected lanes reduce injuries far more than painted ones do (O'Brien). With the exception of (Jones), everyone backed
more lanes on the ring road.
"""

ROSTER_CSV = "name,affiliation,aliases\nAlice Smith,Transit Lab,\nBen Jones,City Council,\nKeiko Nakamura,University of Osaka,\nSean O'Brien,Cycling Trust,Obi\n"


def _people(m):
    return {p.id: p for p in m.participants}


def test_numbered_headings_and_csv_roster(tmp_path: Path) -> None:
    doc = tmp_path / "review.md"
    doc.write_text(NUMBERED, encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    m = map_document(doc, roster=roster)
    text = m.documents[0].text
    titles = {t.id: t for t in m.themes}
    assert [t.title for t in m.themes] == ["1. Buses", "2. Cycling", "2.1 Safety"]
    assert titles[m.themes[2].id].parent == m.themes[1].id
    people = _people(m)
    by_text = {c.text: c for c in m.claims}
    bus = by_text["Bus lanes speed up every route that uses them, at little cost to drivers"]
    assert [people[a.participant].name for a in bus.attributions] == ["Alice Smith", "Ben Jones"]
    assert [people[a.participant].affiliation for a in bus.attributions] == ["Transit Lab", "City Council"]
    fares = next(c for c in m.claims if c.text.startswith("Fares should be cut"))
    assert fares.kind == "proposal"
    assert {people[a.participant].name for a in fares.attributions} == {"Keiko Nakamura", "Alice Smith"}
    safety = next(c for c in m.claims if "Protected lanes" in c.text)
    assert titles[safety.theme].title == "2.1 Safety"
    exc = next(c for c in m.claims if c.attributions[0].polarity == "exception")
    assert people[exc.attributions[0].participant].name == "Ben Jones"
    assert exc.text.startswith("everyone backed")
    assert all(p.in_roster for p in m.participants)
    for c in m.claims:
        assert text[c.start : c.end] == c.text


def test_no_roster_keeps_cited_names(tmp_path: Path) -> None:
    doc = tmp_path / "review.txt"
    doc.write_text(NUMBERED, encoding="utf-8")
    m = map_document(doc)
    names = sorted(p.name for p in m.participants)
    assert names == ["Jones", "Nakamura", "O'Brien", "Smith"]
    assert not any(p.in_roster for p in m.participants)
    assert any("no roster" in n for n in m.notes)


def test_no_attributions_is_an_empty_map_with_a_note(tmp_path: Path) -> None:
    doc = tmp_path / "plain.txt"
    doc.write_text(
        "Minutes\n\nThe meeting opened at nine (after coffee) and closed at noon. Nothing was decided.\n"
    )
    m = map_document(doc)
    assert m.claims == () and m.participants == ()
    assert any("no attribution markers" in n for n in m.notes)
    assert len(m.documents) == 1


def test_merged_maps_keep_relations_and_stances(demo_file: Path, tmp_path: Path) -> None:
    from rapporteur.export.json import to_dict, validate
    from rapporteur.pipeline import map_documents

    copy = tmp_path / "copy.txt"
    copy.write_bytes(demo_file.read_bytes() + b"\n")
    one = map_document(demo_file)
    both, errors = map_documents([demo_file, copy])
    assert not errors and len(both.documents) == 2
    assert len(both.claims) == 2 * len(one.claims)
    assert len(both.relations) == 2 * len(one.relations) > 0
    assert len(both.participants) == len(one.participants)  # the same people, once
    assert len(both.stances) == len(one.stances)  # the same pairs, with the evidence of both documents
    assert validate(to_dict(both)) == []


BULLETS = """# Workshop on urban heat

## Session 1: Causes

- Tree cover explains most of the difference between neighbourhoods (Ng)
- Asphalt matters more than trees in the city centre (Okoye, Park)
* Nobody measured night-time temperatures (Ng; see also Ruiz).

## Session 2: Responses

1. Cool roofs should be mandatory on new buildings (Park).
2. Subsidies work better than mandates, although they cost more (Ruiz).
"""


def test_markdown_list_items_are_claims_without_their_bullets(tmp_path: Path) -> None:
    doc = tmp_path / "heat.md"
    doc.write_text(BULLETS, encoding="utf-8")
    m = map_document(doc)
    assert [c.text for c in m.claims] == [
        "Tree cover explains most of the difference between neighbourhoods",
        "Asphalt matters more than trees in the city centre",
        "Nobody measured night-time temperatures",
        "Cool roofs should be mandatory on new buildings",
        "Subsidies work better than mandates, although they cost more",
    ]
    themes = {t.id: t.title for t in m.themes}
    assert [themes[c.theme] for c in m.claims] == ["Session 1: Causes"] * 3 + ["Session 2: Responses"] * 2
    assert [c.kind for c in m.claims][3] == "proposal"
