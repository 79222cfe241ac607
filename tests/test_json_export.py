"""The rapporteur/map@1 JSON contract: exact round trips, and validate() catching what a reader would trip on.

``maps()`` builds small consistent Maps (a text first, then spans inside it); test_store.py uses it too.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapporteur import __version__
from rapporteur.export import json as mapjson
from rapporteur.model import (
    KINDS,
    POLARITIES,
    RELATION_TYPES,
    Attribution,
    Claim,
    Document,
    Map,
    Participant,
    Relation,
    Span,
    Stance,
    Theme,
)

# Quotes, accents, newlines, NULs, astral characters: whatever a decoded record can hold.
TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
WORDS = st.text(st.characters(codec="utf-8"), min_size=1, max_size=120)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@st.composite
def maps(draw: st.DrawFn, max_documents: int = 2) -> Map:
    """A small Map whose every span is ``text[start:end]`` of its document and every id resolves."""
    texts = draw(st.lists(WORDS, min_size=1, max_size=max_documents, unique=True))
    documents = tuple(
        Document(
            id=f"doc-{i}",
            text=t,
            source=f"record-{i}.txt",
            title=draw(TEXT),
            format=draw(st.sampled_from(["text", "markdown", "html"])),
            sha256=hashlib.sha256(t.encode("utf-8", "surrogatepass")).hexdigest(),
            encoding=draw(st.sampled_from(["utf-8", "cp1252"])),
        )
        for i, t in enumerate(texts)
    )

    def span(doc: Document) -> Span:
        start = draw(st.integers(0, len(doc.text)))
        return Span.of(doc.text, start, draw(st.integers(start, len(doc.text))))

    # Distinct by the store's merge key, so a store keeps them apart and the round trip is exact.
    names = draw(st.lists(TEXT, max_size=4, unique_by=_key))
    participants = tuple(
        Participant(
            id=f"person-{i}",
            name=name,
            affiliation=draw(st.none() | TEXT),
            aliases=tuple(draw(st.lists(TEXT, max_size=2, unique=True))),
            in_roster=draw(st.booleans()),
        )
        for i, name in enumerate(names)
    )

    themes: list[Theme] = []
    for i in range(draw(st.integers(0, 4))):
        doc = draw(st.sampled_from(documents))
        title = span(doc)
        siblings = [t.id for t in themes if t.document == doc.id]
        section = span(doc)
        themes.append(
            Theme(
                id=f"theme-{i}",
                document=doc.id,
                # An empty span is a theme with no heading in the text: its title is free.
                title=title.text if title.start != title.end else draw(TEXT),
                parent=draw(st.none() | st.sampled_from(siblings)) if siblings else None,
                start=title.start,
                end=title.end,
                level=draw(st.integers(1, 6)),
                section=(section.start, section.end),
            )
        )

    claims: list[Claim] = []
    for i in range(draw(st.integers(0, 6))):
        doc = draw(st.sampled_from(documents))
        where = span(doc)
        own_themes = [t.id for t in themes if t.document == doc.id]
        attributions = tuple(
            Attribution(
                participant=draw(st.sampled_from(participants)).id,
                polarity=draw(st.sampled_from(POLARITIES)),
                marker=span(doc),
                cited_as=draw(TEXT),
            )
            for _ in range(draw(st.integers(0, 2) if participants else st.just(0)))
        )
        claims.append(
            Claim(
                id=f"claim-{i}",
                document=doc.id,
                start=where.start,
                end=where.end,
                text=where.text,
                theme=draw(st.none() | st.sampled_from(own_themes)) if own_themes else None,
                kind=draw(st.sampled_from(KINDS)),
                attributions=attributions,
            )
        )

    relations: list[Relation] = []
    for i in range(draw(st.integers(0, 4)) if claims else 0):
        source, target = draw(st.sampled_from(claims)), draw(st.sampled_from(claims))
        relations.append(
            Relation(
                id=f"rel-{i}",
                source=source.id,
                target=target.id,
                type=draw(st.sampled_from(RELATION_TYPES)),
                cue=span(next(d for d in documents if d.id == source.document)),
                confidence=draw(st.floats(0, 1)),
            )
        )

    stances: list[Stance] = []
    if participants:
        keys = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(participants),
                    st.sampled_from(participants),
                    st.sampled_from(RELATION_TYPES),
                ),
                max_size=3,
                unique_by=lambda k: (k[0].id, k[1].id, k[2]),
            )
        )
        for a, b, rel in keys:
            # In the order of the relations list: the order a store reads them back in.
            picked = draw(st.sets(st.sampled_from(range(len(relations))))) if relations else set()
            stances.append(Stance(a.id, b.id, rel, tuple(relations[j].id for j in sorted(picked))))

    return Map(
        documents=documents,
        participants=participants,
        themes=tuple(themes),
        claims=tuple(claims),
        relations=tuple(relations),
        stances=tuple(stances),
        notes=tuple(draw(st.lists(TEXT, max_size=2))),
    )


def sample_map() -> Map:
    text = (
        "I. Flaws and Contradictions\n"
        "The reforms were incoherent (Pease, Thorp). But others argued that the state "
        "lacked capacity (FitzGerald)."
    )
    doc = Document("d1", text, "report.txt", "Report", "text", hashlib.sha256(text.encode()).hexdigest())
    heading = Span.of(text, 0, text.index("\n"))

    def claim(cid: str, phrase: str, markers: list[tuple[str, str]]) -> Claim:
        start = text.index(phrase)
        attributions = tuple(
            Attribution(pid, "holds", Span.of(text, text.index(m), text.index(m) + len(m)), m.strip("()"))
            for pid, m in markers
        )
        return Claim(cid, "d1", start, start + len(phrase), phrase, "t1", "claim", attributions)

    cue = Span.of(
        text, text.index("But others argued"), text.index("But others argued") + len("But others argued")
    )
    return Map(
        documents=(doc,),
        participants=(
            Participant("p1", "Henry Pease", "DESCO", ("Pease",)),
            Participant("p2", "Rosemary Thorp", None, ("Thorp",)),
            Participant("p3", "E.V.K. FitzGerald", "Cambridge", ("Fitzgerald",), in_roster=False),
        ),
        themes=(Theme("t1", "d1", heading.text, None, heading.start, heading.end, 1, (0, len(text))),),
        claims=(
            claim("c1", "The reforms were incoherent", [("p1", "(Pease"), ("p2", "Thorp)")]),
            claim("c2", "the state lacked capacity", [("p3", "(FitzGerald)")]),
        ),
        relations=(Relation("r1", "c2", "c1", "disagree", cue, 0.9),),
        stances=(Stance("p3", "p1", "disagree", ("r1",)), Stance("p3", "p2", "disagree", ("r1",))),
        notes=("name 'Smith' not in the roster",),
    )


# -- shape and round trips -------------------------------------------------------------------------------


def test_shape_has_every_field_design_names() -> None:
    d = mapjson.to_dict(sample_map())
    assert d["schema"] == "rapporteur/map@1"
    assert d["generator"] == {"name": "rapporteur", "version": __version__}
    for key in ("documents", "participants", "themes", "claims", "relations", "stances", "notes"):
        assert isinstance(d[key], list)
    assert set(d["documents"][0]) >= {
        "id",
        "title",
        "source",
        "format",
        "sha256",
        "length",
        "encoding",
        "text",
    }
    assert d["documents"][0]["length"] == len(sample_map().documents[0].text)
    assert set(d["participants"][0]) >= {"id", "name", "affiliation", "aliases", "in_roster"}
    assert set(d["themes"][0]) >= {"id", "document", "title", "parent", "start", "end", "level", "section"}
    assert d["themes"][0]["section"] == {"start": 0, "end": len(sample_map().documents[0].text)}
    claim = d["claims"][0]
    assert set(claim) >= {"id", "document", "start", "end", "text", "theme", "kind", "attributions"}
    text = d["documents"][0]["text"]
    start = text.index("(Pease")
    assert claim["attributions"][0] == {
        "participant": "p1",
        "polarity": "holds",
        "cited_as": "Pease",
        "via": "parenthetical",
        "on_behalf_of": None,
        "marker": {"start": start, "end": start + 6, "text": "(Pease"},
    }
    assert d["relations"][0]["cue"]["text"] == "But others argued"
    assert d["relations"][0]["confidence"] == 0.9
    assert d["stances"][0] == {"a": "p3", "b": "p1", "relation": "disagree", "relations": ["r1"]}
    assert mapjson.validate(d) == []


def test_without_text_documents_carry_no_text_and_still_validate() -> None:
    d = mapjson.to_dict(sample_map(), include_text=False)
    assert "text" not in d["documents"][0]
    assert mapjson.validate(d) == []
    assert mapjson.from_dict(d).documents[0].text == ""


def test_dumps_is_indented_and_keeps_non_ascii() -> None:
    m = sample_map()
    m = Map(documents=m.documents, participants=(Participant("p1", "José María Caballero"),))
    out = mapjson.dumps(m)
    assert "José María Caballero" in out
    assert out.startswith('{\n  "schema": "rapporteur/map@1"')
    assert mapjson.loads(out) == m
    assert "text" not in json.loads(mapjson.dumps(m, include_text=False))["documents"][0]


def test_dumps_writes_one_item_per_line_and_json_dumps_when_asked() -> None:
    """The default layout (the C encoder per item) holds exactly ``to_dict``; with options it is
    ``json.dumps``'s own layout."""
    m = sample_map()
    out = mapjson.dumps(m)
    assert json.loads(out) == mapjson.to_dict(m)
    lines = out.split("\n")
    claims = lines.index('  "claims": [')
    assert lines[claims + 1].startswith('    {"id": "c1", ') and lines[claims + 1].endswith("},")  # one line
    assert lines[0] == "{" and lines[-1] == "}"
    want = json.dumps(mapjson.to_dict(m), indent=2, ensure_ascii=False)
    assert mapjson.dumps(m, indent=2) == want
    assert mapjson.dumps(m, ensure_ascii=True) == json.dumps(mapjson.to_dict(m), indent=2, ensure_ascii=True)


def test_round_trip_keeps_confidence() -> None:
    # Relation.confidence is left out of equality, so the round trip checks it by hand.
    back = mapjson.loads(mapjson.dumps(sample_map()))
    assert back == sample_map()
    assert [r.confidence for r in back.relations] == [0.9]


@settings(max_examples=150, deadline=None)
@given(maps())
def test_round_trip_of_generated_maps(m: Map) -> None:
    d = mapjson.to_dict(m)
    assert mapjson.from_dict(d) == m
    back = mapjson.loads(mapjson.dumps(m))
    assert back == m
    assert [r.confidence for r in back.relations] == [r.confidence for r in m.relations]
    assert mapjson.validate(json.loads(mapjson.dumps(m))) == []


# -- validate ----------------------------------------------------------------------------------------------


def problems_after(edit: Any) -> list[str]:
    d = copy.deepcopy(mapjson.to_dict(sample_map()))
    edit(d)
    return mapjson.validate(d)


def only(problems: list[str], *fragments: str) -> None:
    assert len(problems) == 1, problems
    for fragment in fragments:
        assert fragment in problems[0], problems


def test_tampered_claim_offset_is_caught() -> None:
    def shift(d: dict[str, Any]) -> None:
        d["claims"][0]["start"] += 1

    only(problems_after(shift), "claims[0] (c1)", "differs")


def test_tampered_marker_cue_and_heading_are_caught() -> None:
    def marker(d: dict[str, Any]) -> None:
        d["claims"][1]["attributions"][0]["marker"]["end"] -= 1

    def cue(d: dict[str, Any]) -> None:
        d["relations"][0]["cue"]["text"] = "But some argued"

    def heading(d: dict[str, Any]) -> None:
        d["themes"][0]["title"] = "II. Something else"

    only(problems_after(marker), "c2", "marker", "differs")
    only(problems_after(cue), "relations[0] (r1) cue", "differs")
    only(problems_after(heading), "themes[0] (t1) title", "differs")


def test_offsets_outside_the_document_are_caught() -> None:
    def past_end(d: dict[str, Any]) -> None:
        d["claims"][0]["end"] = 10_000

    def backwards(d: dict[str, Any]) -> None:
        d["claims"][0]["start"], d["claims"][0]["end"] = 10, 5

    only(problems_after(past_end), "outside the document")
    only(problems_after(backwards), "outside the document")


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        (("claims", 0, "theme"), "t9", "theme refers to unknown theme 't9'"),
        (("claims", 0, "attributions", 0, "participant"), "p9", "unknown participant 'p9'"),
        (("relations", 0, "target"), "c9", "target refers to unknown claim 'c9'"),
        (("relations", 0, "source"), "c9", "source refers to unknown claim 'c9'"),
        (("stances", 0, "b"), "p9", "unknown participant 'p9'"),
        (("stances", 0, "relations", 0), "r9", "unknown relation 'r9'"),
        (("themes", 0, "parent"), "t9", "parent refers to unknown theme 't9'"),
        (("themes", 0, "document"), "d9", "unknown document 'd9'"),
    ],
)
def test_dangling_ids_are_caught(path: tuple[Any, ...], value: str, fragment: str) -> None:
    def dangle(d: dict[str, Any]) -> None:
        target: Any = d
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    problems = problems_after(dangle)
    assert any(fragment in p for p in problems), problems


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        (("claims", 0, "kind"), "rumour", "unknown kind 'rumour'"),
        (("claims", 0, "attributions", 0, "polarity"), "maybe", "unknown polarity 'maybe'"),
        (("relations", 0, "type"), "support", "unknown relation type 'support'"),
        (("stances", 0, "relation"), "ally", "unknown relation 'ally'"),
        (("relations", 0, "confidence"), 3, "confidence 3"),
        (("documents", 0, "length"), 5, "length 5"),
    ],
)
def test_unknown_vocabulary_is_caught(path: tuple[Any, ...], value: Any, fragment: str) -> None:
    def set_value(d: dict[str, Any]) -> None:
        target: Any = d
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    problems = problems_after(set_value)
    assert any(fragment in p for p in problems), problems


def test_wrong_schema_and_missing_keys_are_caught() -> None:
    def old_schema(d: dict[str, Any]) -> None:
        d["schema"] = "rapporteur/map@0"

    def no_claims(d: dict[str, Any]) -> None:
        del d["claims"]

    def no_marker(d: dict[str, Any]) -> None:
        del d["claims"][0]["attributions"][0]["marker"]

    def duplicate(d: dict[str, Any]) -> None:
        d["participants"][1]["id"] = "p1"

    only(problems_after(old_schema), "schema", "rapporteur/map@0")
    assert "missing key 'claims'" in problems_after(no_claims)
    only(problems_after(no_marker), "claims[0] (c1) attribution 0", "missing key 'marker'")
    assert any("duplicate participant id 'p1'" in p for p in problems_after(duplicate))
    assert mapjson.validate([]) == ["a map is a JSON object, not list"]  # type: ignore[arg-type]


def test_validate_survives_garbage_inside() -> None:
    d = mapjson.to_dict(sample_map())
    d["claims"][0] = "not an object"
    d["relations"][0]["cue"] = None
    d["themes"][0]["parent"] = ["unhashable"]
    d["stances"][0]["relations"] = [{"id": "r1"}]
    problems = mapjson.validate(d)
    assert any("claims[0]: is not an object" in p for p in problems)
    assert any("cue: is not an object" in p for p in problems)
    assert any("parent refers to unknown theme" in p for p in problems)


def test_from_dict_refuses_other_schemas_and_missing_keys() -> None:
    with pytest.raises(ValueError, match="schema"):
        mapjson.from_dict({"schema": "something/else"})
    d = mapjson.to_dict(sample_map())
    del d["claims"][0]["kind"]
    with pytest.raises(ValueError, match="kind"):
        mapjson.from_dict(d)


def test_from_dict_accepts_the_design_example_without_added_fields() -> None:
    d = mapjson.to_dict(sample_map())
    for doc in d["documents"]:
        del doc["encoding"]
    for t in d["themes"]:
        del t["level"], t["section"]
    for c in d["claims"]:
        for a in c["attributions"]:
            del a["cited_as"]
    del d["notes"]
    assert mapjson.validate(d) == []
    m = mapjson.from_dict(d)
    assert m.themes[0].level == 1 and m.themes[0].section == (0, 0)
    assert m.claims[0].attributions[0].cited_as == ""
