"""Relations from cues, on small records written for each cue family (not the founding example's words).

Each record names its people in parentheses, as rapporteurs do. The assertions are on the stances a
reader would draw — exact sets, since a stance too many misrepresents a person as much as one too few.
"""

from __future__ import annotations

import pytest

from rapporteur.ingest.text import load_text
from rapporteur.model import Map
from rapporteur.pipeline import extract
from rapporteur.relate import families, find_cues
from rapporteur.resolve import RosterPerson
from rapporteur.structure import structure

PEOPLE = [
    "Ada Okafor", "Nils Lindqvist", "Rana Haddad", "Luc Moreau", "Aiko Tanaka", "Eva Brandt",
    "Pilar Ruiz", "Jan Nowak", "Ravi Singh", "Marta Alvarez", "Min Kim", "Kofi Osei", "Ivan Petrov",
    "Thabo Mbeki", "Ole Jensen", "Anne Dubois", "Tom Hale", "Greta Vos", "Sam Lee", "Noor Aziz",
]  # fmt: skip
ROSTER = [RosterPerson(n) for n in PEOPLE]


def _map(body: str) -> Map:
    return extract(load_text("# Debate record\n\n## The question at hand\n\n" + body, source="t.md"), ROSTER)


def _stances(m: Map, kind: str | None = None) -> set[tuple[str, str, str]]:
    name = {p.id: p.name.split()[-1] for p in m.participants}
    out = set()
    for s in m.stances:
        if kind is None or s.relation == kind:
            a, b = name[s.a], name[s.b]
            out.add((*sorted((a, b)), s.relation) if s.relation == "agree" else (a, b, s.relation))
    return out


CASES = [
    pytest.param(
        "Some delegates held that tariffs must rise to cover maintenance (Okafor). By contrast, other members "
        "maintained that higher tariffs would push poor households back to unsafe wells (Lindqvist).\n",
        {("Lindqvist", "Okafor", "disagree")},
        "By contrast, other members maintained",
        id="contrast-others",
    ),
    pytest.param(
        "The drought was caused mainly by clearing upstream (Haddad). Satellite images show the loss of cover "
        "since 1990 (Haddad).\n\nA few speakers flatly rejected this diagnosis. Rainfall records, they said, "
        "show a regional cycle older than the clearing (Moreau, Tanaka).\n",
        {("Moreau", "Haddad", "disagree"), ("Tanaka", "Haddad", "disagree"), ("Moreau", "Tanaka", "agree")},
        "flatly rejected this diagnosis",
        id="explicit-disagreement-previous-paragraph",
    ),
    pytest.param(
        "Regulation of lending came up next. This view is in sharp conflict with those who hold (Brandt) that "
        "the market corrects itself. Defenders of regulation insisted that the last crash proved otherwise (Ruiz).\n",
        {("Ruiz", "Brandt", "disagree")},
        "is in sharp conflict with those who hold",
        id="forward-those-who",
    ),
    pytest.param(
        "Bus travel ought to be free for students (Nowak).\n\nWhile accepting the principle, other participants "
        "added several caveats. Free fares would need a stable grant from the regional budget (Singh). The "
        "scheme would also have to exclude peak hours (Alvarez).\n",
        {("Singh", "Nowak", "qualify"), ("Alvarez", "Nowak", "qualify")},
        "added several caveats",
        id="qualifications",
    ),
    pytest.param(
        "Reading scores improved after the reform (Kim). Yet some experts cautioned that the tests changed in "
        "the same year (Osei).\n",
        {("Osei", "Kim", "qualify")},
        "some experts cautioned",
        id="caution",
    ),
    pytest.param(
        "Turnout fell because the campaign was short (Petrov). Other speakers offered a further explanation, "
        "pointing to the closure of rural polling stations (Mbeki).\n",
        {("Mbeki", "Petrov", "qualify")},
        "offered a further explanation",
        id="additional-explanation",
    ),
    pytest.param(
        "Coal plants have to close by 2030 (Jensen). Others concurred, noting that the grid can absorb the loss "
        "(Dubois).\n",
        {("Dubois", "Jensen", "agree")},
        "Others concurred",
        id="agreement",
    ),
    pytest.param(
        "The tribunal's ruling settled the border dispute (Aziz). At least one delegate disagreed, recalling "
        "that neither side had signed the protocol (Vos).\n",
        {("Vos", "Aziz", "disagree")},
        "At least one delegate disagreed",
        id="at-least-one",
    ),
    pytest.param(
        "Grants to farmers raised output in the dry years (Hale). Some critics questioned the data. However, "
        "as the audit had shown, others found that the grants also made positive contributions to soil "
        "quality (Lee).\n",
        {("Lee", "Hale", "qualify")},
        "However, as the audit had shown, others found",
        id="contrast-made-positive-is-a-qualification",
    ),
    pytest.param(
        "Secrecy marked the cabinet's work throughout (Petrov).\n\nThere were, however, some aspects of this "
        "secrecy that helped the reforms survive their opponents (Jensen).\n",
        {("Jensen", "Petrov", "qualify")},
        "There were, however, some aspects",
        id="concession-positive",
    ),
    pytest.param(
        "Prices rose because of the drought (Kim). Other speakers put forward a competing explanation, blaming "
        "the fall of the currency (Osei).\n",
        {("Osei", "Kim", "disagree")},
        "Other speakers put forward a competing explanation",
        id="alternative-explanation",
    ),
    pytest.param(
        "The new port would pay for itself within ten years (Dubois).\n\nSerious doubts were raised about the "
        "feasibility of this plan. Traffic forecasts had been inflated (Hale). Dredging costs were left out "
        "(Vos).\n",
        {("Hale", "Dubois", "disagree"), ("Vos", "Dubois", "disagree")},
        "Serious doubts were raised about the feasibility",
        id="questions-raised",
    ),
]


@pytest.mark.parametrize(("body", "expected", "cue"), CASES)
def test_each_cue_family_gives_exactly_the_stances_a_reader_draws(body: str, expected: set, cue: str) -> None:
    m = _map(body)
    assert _stances(m) == expected
    assert m.relations, "a relation must carry the stance"
    assert {r.cue.text for r in m.relations} == {cue}


def test_others_never_named_invent_no_stance() -> None:
    m = _map(
        "Some participants said the budget was sufficient (Hale). But others argued that it was far too small. "
        "The discussion then turned to staffing.\n\nStaff numbers had doubled since 2010 (Vos). Others, however, "
        "disagreed.\n"
    )
    assert m.relations == ()
    assert _stances(m) == set()
    assert any("not named" in n for n in m.notes)


@pytest.mark.parametrize(
    "body",
    [
        # a contrast with no unnamed group is the rapporteur's own connective, not a reply
        "Exports rose in the first year (Lee). However, the costs rose faster (Aziz).\n",
        # "others" with no contrast adds a point; it does not answer one
        "Exports rose in the first year (Lee). Others noted that imports rose too (Aziz).\n",
        # a question raised is not a view to disagree with
        "Was the plan ever written down? (Lee) But others argued that the budget was the plan (Aziz).\n",
        # an answer in another theme is not an answer to this one
        "Exports rose in the first year (Lee).\n\n## Another matter\n\nBut others argued that the harbour was "
        "too small (Aziz).\n",
    ],
)
def test_no_relation_without_a_reply(body: str) -> None:
    m = _map(body)
    assert [r for r in m.relations if r.type != "agree"] == []
    assert _stances(m, "disagree") == set() and _stances(m, "qualify") == set()


def test_relations_point_at_exact_text_and_existing_claims(demo_map: Map) -> None:
    text = demo_map.documents[0].text
    ids = {c.id: c for c in demo_map.claims}
    assert len(demo_map.relations) >= 20
    for r in demo_map.relations:
        assert text[r.cue.start : r.cue.end] == r.cue.text and r.cue.text.strip()
        assert r.source in ids and r.target in ids and r.source != r.target
        assert 0 < r.confidence <= 1
        assert ids[r.source].holders and ids[r.target].holders
        # the cue comes after the view it answers, or (forward cues) right before it
        assert ids[r.target].start < r.cue.start or r.cue.end <= ids[r.target].end


def test_stances_are_backed_and_never_self(demo_map: Map) -> None:
    rel = {r.id: r for r in demo_map.relations}
    claims = {c.id: c for c in demo_map.claims}
    for s in demo_map.stances:
        assert s.a != s.b
        for rid in s.relations:
            r = rel[rid]
            assert r.type == s.relation
            assert s.a in claims[r.source].holders and s.b in claims[r.target].holders
        if not s.relations:  # cited together for a view
            assert s.relation == "agree"
            assert any(s.a in c.holders and s.b in c.holders for c in demo_map.claims)


def test_lexicon_is_data_and_every_family_is_exercised() -> None:
    names = {f.name for f in families()}
    assert {"contrast-others", "explicit-disagreement", "qualifications", "caution", "agreement"} <= names
    seen = set()
    for p in CASES:
        body = p.values[0]
        st = structure(load_text("# R\n\n## T\n\n" + body))
        seen |= {c.family.name for c in find_cues(st)}
    assert names == seen, names - seen
