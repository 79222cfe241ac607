"""Attribution markers, claim spans, polarity and kind on small hand-built sentences."""

from __future__ import annotations

import pytest

from rapporteur.attribute.parenthetical import find_markers, is_name
from rapporteur.ingest import load_text
from rapporteur.pipeline import extract


def markers(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    return [
        (m.span.text, tuple(n for n, _, _ in m.names), m.polarity) for m in find_markers(text, 0, len(text))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose (Smith and Jones).", [("(Smith and Jones)", ("Smith", "Jones"), "holds")]),
        ("Prices rose (Smith; see also Jones).", [("(Smith; see also Jones)", ("Smith", "Jones"), "holds")]),
        (
            "Prices rose (Abel, Baker, and Cohen).",
            [("(Abel, Baker, and Cohen)", ("Abel", "Baker", "Cohen"), "holds")],
        ),
        ("Prices rose (Abel, Baker).", [("(Abel, Baker)", ("Abel", "Baker"), "holds")]),
        ("Prices rose (van der Berg).", [("(van der Berg)", ("van der Berg",), "holds")]),
        (
            "Prices rose (Ortega y Gasset, Lee).",
            [("(Ortega y Gasset, Lee)", ("Ortega y Gasset", "Lee"), "holds")],
        ),
        (
            "Prices rose (Smith 2019; Lee and Park, 2020).",
            [("(Smith 2019; Lee and Park, 2020)", ("Smith", "Lee", "Park"), "holds")],
        ),
        ("Wages fell (although rents were fixed; Tanaka).", [("; Tanaka)", ("Tanaka",), "holds")]),
        ("With some exceptions (Moreau), members agreed.", [("(Moreau)", ("Moreau",), "exception")]),
        ("Everyone except (Moreau) agreed.", [("(Moreau)", ("Moreau",), "exception")]),
    ],
)
def test_markers_found(text: str, expected: list) -> None:
    assert markers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The agency (NATO) met.",
        "The years (1990-1995) were hard.",
        "The policy (laissez-faire) failed.",
        "The effects (see below) were large.",
        "The group (Friends of the Earth Program) spoke.",
        "The institute (Harvard University) hosted.",
        'The motto ("neither left nor right") stuck.',
        "Some cities (especially Lima) grew.",
        "The aside (which nobody expected) mattered.",
        "The term (Realpolitik is German) is used.",
        "An opening (unclosed and never finished. Then more text.",
        "Meetings (January) were cancelled.",
        "Use derive(PartialEq, Eq) on the type.",
        "The call f(Smith) returns.",
    ],
)
def test_non_attributions_rejected(text: str) -> None:
    assert markers(text) == []


@pytest.mark.parametrize(
    "name", ["Smith", "O'Neill", "McAllister", "E.V.K. Fitz", "de Souza Lima", "Müller-Lüdenscheidt"]
)
def test_names(name: str) -> None:
    assert is_name(name)


@pytest.mark.parametrize(
    "name", ["OECD", "University of Chicago", "see below", "1978", "the", "January", "x"]
)
def test_not_names(name: str) -> None:
    assert not is_name(name)


BODY = """Introduction

The panel discussed energy policy for a whole afternoon, with many views expressed about the grid and prices.

Carbon taxes raise prices for the poor. This makes them regressive unless revenue is returned (Okafor). With few exceptions (Lund), speakers accepted that some carbon price is needed, although they differed on its level. Some argued that nuclear power is too slow to build (Ivanova), and others that it is essential (Park). A minority hold (Okafor, Lund) that subsidies distort markets. Is a grid upgrade affordable at all? (Meyer) Future studies should measure household exposure to price shocks (Ivanova). Rents were fixed in the period (although utility bills were not; Park).
"""


def test_claim_spans_and_kinds() -> None:
    m = extract(load_text(BODY))
    text = m.documents[0].text
    names = {p.id: p.name for p in m.participants}
    got = {
        (tuple(names[a.participant] for a in c.attributions), c.attributions[0].polarity): c for c in m.claims
    }
    ivanova = [c.text for c in m.claims if names[c.attributions[0].participant] == "Ivanova"]
    for c in m.claims:
        assert text[c.start : c.end] == c.text
        for a in c.attributions:
            assert text[a.marker.start : a.marker.end] == a.marker.text
            assert not (c.start < a.marker.end and a.marker.start < c.end), (
                "a claim never includes its marker"
            )
    # extended back over the sentence that starts the same argument
    assert got[(("Okafor",), "holds")].text == (
        "Carbon taxes raise prices for the poor. This makes them regressive unless revenue is returned"
    )
    exc = got[(("Lund",), "exception")]
    assert exc.text.startswith("speakers accepted that some carbon price is needed")
    # two markers in one sentence, each with its own clause; the reporting frame is dropped
    assert ivanova == [
        "nuclear power is too slow to build",
        "Future studies should measure household exposure to price shocks",
    ]
    assert next(c.text for c in m.claims if c.attributions[0].cited_as == "Park") == "it is essential"
    fwd = got[(("Okafor", "Lund"), "holds")]
    assert fwd.text == "subsidies distort markets"
    question = next(c for c in m.claims if c.kind == "question")
    assert question.text == "Is a grid upgrade affordable at all?"
    assert any(c.kind == "proposal" and c.text.startswith("Future studies should") for c in m.claims)
    aside = next(c for c in m.claims if c.attributions[0].marker.text == "; Park)")
    assert aside.text == "although utility bills were not" and aside.kind == "qualification"
    assert len(m.claims) == 8


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("The evidence suggests that prices rose (Abel).", "The evidence suggests that prices rose"),
        (
            "In the case of the northern farms, for example, some conference participants maintained that yields fell (Abel).",
            "yields fell",
        ),
        ("Critics argued that the plan was late (Abel).", "the plan was late"),
    ],
)
def test_reporting_frames_dropped_only_when_they_name_people(sentence: str, claim: str) -> None:
    m = extract(load_text("Intro\n\n" + sentence))
    assert [c.text for c in m.claims] == [claim]


NARRATIVE = """Introduction

The panel met for a day to discuss how to fund the new transit line and heard many views on it.

Smith argued that fares should pay for operations. However, Lee and Park maintained that a property levy is fairer. According to Okafor, the federal grant will not come before 2030. This argued nothing at all today. Others insisted that the line is too expensive. Dr. Ruiz, however, cautioned that the cost estimate is old. Moses argued that the river had to be crossed at the narrows.
"""


def test_narrative_attributions_without_a_roster() -> None:
    m = extract(load_text(NARRATIVE))
    text = m.documents[0].text
    got = [(tuple(a.cited_as for a in c.attributions), c.text) for c in m.claims]
    assert got == [
        (("Smith",), "fares should pay for operations"),
        (("Lee", "Park"), "a property levy is fairer"),
        (("Okafor",), "the federal grant will not come before 2030"),
        (("Ruiz",), "the cost estimate is old"),
        (("Moses",), "the river had to be crossed at the narrows"),
    ]
    assert m.claims[3].kind == "qualification"  # "cautioned"
    for c in m.claims:
        for a in c.attributions:
            assert text[a.marker.start : a.marker.end] == a.marker.text
            assert not (c.start < a.marker.end and a.marker.start < c.end)


def test_narrative_attributions_with_a_roster_only_name_participants() -> None:
    from rapporteur.resolve import RosterPerson

    roster = [RosterPerson(n) for n in ("Ann Smith", "Bo Lee", "Cy Park", "Di Okafor", "Ed Ruiz")]
    m = extract(load_text(NARRATIVE), roster)
    cited = [a.cited_as for c in m.claims for a in c.attributions]
    assert "Moses" not in cited  # a figure in the story, not a participant
    assert all(p.in_roster for p in m.participants)
    assert len(m.claims) == 4


def test_no_claim_is_only_whitespace() -> None:
    # found by Hypothesis: a carriage return after a leading marker became the claim it attributes
    for text in ("(Abel) \r (Abel)", "(Abel) \u00a0 (Baker)"):
        m = extract(load_text(text))
        assert all(c.text.strip() for c in m.claims), m.claims


@pytest.mark.parametrize("item", ["DOIs", "DSLs", "SaaS", "SciGaP", "NumFOCUS", "NESCent"])
def test_acronym_shaped_items_are_not_names(item: str) -> None:
    # "(DOIs)" is a gloss, not a person: a run of capitals, or capitals making half a word, is no surname
    assert not is_name(item)


@pytest.mark.parametrize(
    "item",
    [
        "McDonald",
        "LeBlanc",
        "FitzGerald",
        "O'Neill",
        "DiCaprio",
        "MacDonald",
        "Lévi-Strauss",
        "Ortiz de Zevallos",
    ],
)
def test_surnames_with_inner_capitals_stay_names(item: str) -> None:
    assert is_name(item)


def test_an_acronym_list_gives_no_marker() -> None:
    text = "Two foundations back such projects (Kitware and NumFOCUS) with money and staff."
    assert find_markers(text, 0, len(text)) == []
