"""Citations as voices: the works a review cites hold the clauses their citations mark.

Records written for the test (made-up works). Each assertion names the work credited and the exact
span, so a drift in clause delimitation or in reference-list resolution fails here.
"""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from rapporteur import ingest
from rapporteur.attribute import citations as cit
from rapporteur.ingest import load_text
from rapporteur.layout import Citation, Layout, LayoutBlock, RosterHint
from rapporteur.model import Document
from rapporteur.pipeline import extract

REVIEW = """Urban heat

Urban heat islands raise night temperatures by several degrees (Smith 2003; Jones and Lee 2005). Smith (2003) argues that tree cover is the main remedy. Green roofs cool buildings but not streets (Garcia et al., 2012; but see Brown 2015). We think the evidence is mixed and say so plainly here. Patel et al. (2019) found that shade matters more than albedo in dense districts. In contrast to Smith (2003), Okoye (2021) argues that albedo matters more than trees.

Cool pavements reduce surface heat [1], while reflective paint is cheap [2, 3]. Vay et al. [3] proposed that cities map heat street by street. Painted roofs last ten years [9]. Titus Brown [2], a contributor, argued that the code should be shared.

References

[1] Okafor, N. Cool pavements. Journal of Heat, 2010.
[2] Liu, W. Paint and heat. Urban Studies, 2011.
[3] Vay, J.-L., et al. Heat maps. 2014.
"""


def _credits(m) -> list[tuple[str, str, str, str]]:
    people = {p.id: p for p in m.participants}
    out = []
    for c in m.claims:
        assert m.documents[0].text[c.start : c.end] == c.text
        for a in c.attributions:
            out.append((people[a.participant].name, people[a.participant].kind, a.polarity, c.text))
    return out


def test_works_hold_the_clauses_their_citations_mark() -> None:
    m = extract(load_text(REVIEW))
    got = _credits(m)
    works = [(n, pol, c) for n, k, pol, c in got if k == "work"]
    assert works == [
        ("Smith 2003", "holds", "Urban heat islands raise night temperatures by several degrees"),
        ("Jones and Lee 2005", "holds", "Urban heat islands raise night temperatures by several degrees"),
        ("Smith 2003", "holds", "tree cover is the main remedy"),
        ("Garcia et al. 2012", "holds", "Green roofs cool buildings but not streets"),
        ("Brown 2015", "exception", "Green roofs cool buildings but not streets"),
        ("Patel et al. 2019", "holds", "shade matters more than albedo in dense districts"),
        ("Okoye 2021", "holds", "albedo matters more than trees"),
        ("Okafor 2010", "holds", "Cool pavements reduce surface heat"),
        ("Liu 2011", "holds", "while reflective paint is cheap"),
        ("Vay 2014", "holds", "while reflective paint is cheap"),
        ("Vay 2014", "holds", "cities map heat street by street"),
    ]
    # the citing author's own sentence, and a number the list does not hold, credit nobody
    texts = {c for *_, c in got}
    assert not any("evidence is mixed" in t for t in texts)
    assert not any("Painted roofs" in t for t in texts)
    # a number right after a person's name points at their paper: the person speaks
    assert ("Titus Brown", "person", "holds", "the code should be shared") in got


def test_but_see_and_in_contrast_to_set_works_against_each_other() -> None:
    m = extract(load_text(REVIEW))
    people = {p.id: p.name for p in m.participants}
    stances = {(people[s.a], s.relation, people[s.b]) for s in m.stances}
    assert ("Brown 2015", "disagree", "Garcia et al. 2012") in stances
    assert ("Okoye 2021", "disagree", "Smith 2003") in stances
    [r] = [r for r in m.relations if r.cue.text.startswith("In contrast to")]
    assert r.type == "disagree"


def test_works_a_year_apart_are_two_works() -> None:
    m = extract(
        load_text(
            "Heat\n\nAnderson et al. (2003) argued that heat kills. Anderson et al. (2004) argued that cold kills.\n"
        )
    )
    assert sorted(p.name for p in m.participants) == ["Anderson et al. 2003", "Anderson et al. 2004"]


def test_a_parenthesis_that_is_not_a_citation_is_left_to_the_other_detectors() -> None:
    m = extract(
        load_text(
            "Heat\n\nThe plan failed in the end (see Table 2003). The plan failed again (Abel, Baker).\n"
        )
    )
    got = _credits(m)
    assert [n for n, *_ in got] == ["Abel", "Baker"]
    assert all(k == "person" for _, k, _, _ in got)


def test_layout_citations_credit_the_ref_list_works() -> None:
    text = "Heat\n\nShade lowers street temperatures by four degrees [a]. We agree with this finding.\n"
    cite = text.index("[a]")
    para = text.index("Shade")
    lay = Layout(
        blocks=(
            LayoutBlock("heading", 0, 4, level=1),
            LayoutBlock("paragraph", para, len(text) - 1),
        ),
        roster=(RosterHint("Okafor 2010", kind="work", key="bib1"),),
        citations=(Citation(cite, cite + 3, ("bib1",)),),
    )
    doc = ingest.load_text(text, source="paper.xml", fmt="jats")
    doc = Document(doc.id, doc.text, doc.source, "paper", "jats", doc.sha256, layout=lay)
    m = extract(doc)
    [c] = m.claims
    assert c.text == "Shade lowers street temperatures by four degrees"
    [a] = c.attributions
    p = m.participant(a.participant)
    assert (p.name, p.kind, p.in_roster, a.via) == ("Okafor 2010", "work", True, "citation")


def test_works_that_agree_in_the_plural_are_credited() -> None:
    # "Bowler et al. (2010) argue", "Lee and Park (2019) find": a plural present after a citation
    from rapporteur.ingest import load_text
    from rapporteur.pipeline import extract

    text = (
        "1. Evidence\n\nBowler et al. (2010) argue that parks are on average cooler than built areas. "
        "Lee and Park (2019) find that canopy cover above 40 percent is needed before temperatures fall.\n"
    )
    m = extract(load_text(text))
    names = {p.id: p.name for p in m.participants}
    got = sorted((names[a.participant], c.text) for c in m.claims for a in c.attributions)
    assert got == [
        ("Bowler et al. 2010", "parks are on average cooler than built areas"),
        ("Lee and Park 2019", "canopy cover above 40 percent is needed before temperatures fall"),
    ]


# The detector reads each cue family from one scan of the whole text, then maps hits to sentences.
# These properties pin that the scan finds, in any range, exactly what the per-range search it
# replaced found: a difference would silently drop or add a citation.
_PIECES = [
    "Smith",
    "de Vries",
    "Łukasz",
    "O'Neil",
    "Lee-Park",
    "Table",
    "Ⓐbc",
    " et al.",
    " and ",
    " & ",
    ", ",
    "; ",
    ": ",
    ". ",
    "\n",
    "(",
    ")",
    "(2003)",
    "(1999, 2005a)",
    "(1968-1975)",
    "(2003",
    "ⓐ",
    " (Smith 2003; but see Jones 2005)",
    "[1]",
    "[2, 3]",
    "[4-6]",
    "[",
    "]",
    " argues that ",
    "2021",
    " p. 4",
    '"',
    "—",
    "\u0301",
]


def _texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


def _ranges(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    bounds = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    return list(pairwise(bounds))


def test_scanned_cues_are_the_ranges_own_matches() -> None:
    paren = re.compile(r"\(([^()\n]{4,300})\)")
    year = re.compile(r"(?:1[5-9]|20)\d\d")

    @settings(max_examples=300, deadline=None)
    @given(_texts(), st.lists(st.integers(0, 10_000), max_size=6))
    def check(text: str, cuts: list[int]) -> None:
        cues = cit._Cues.scan(text)
        for s, e in _ranges(text, cuts):
            want = [(m.start(), m.end()) for m in cit._NARRATIVE.finditer(text, s, e)]
            assert [(m.start(), m.end()) for m in cit._narratives(text, s, e, cues.narrative)] == want
            want_p = [(m.start(), m.end()) for m in paren.finditer(text, s, e) if year.search(m.group(1))]
            assert [(a, b) for a, b in cues.parens if s <= a and b <= e] == want_p
            want_n = [(m.start(), m.end()) for m in cit._NUMBERED.finditer(text, s, e)]
            assert [(a, b) for a, b, _ in cues.numbered if s <= a and b <= e] == want_n

    check()


def test_the_last_stop_is_the_last_stop_character_of_the_range() -> None:
    @settings(max_examples=300, deadline=None)
    @given(_texts(), st.lists(st.integers(0, 10_000), max_size=6))
    def check(text: str, cuts: list[int]) -> None:
        for s, e in _ranges(text, cuts):
            want = [m.end() for m in cit._STOP.finditer(text, s, e)]
            got = cit._LAST_STOP.match(text, s, e)
            assert (got.end() if got else None) == (want[-1] if want else None)

    check()


def test_a_segment_the_hint_refuses_is_no_list_of_works() -> None:
    # the hint spares ``_ITEM`` only segments it could not match: nothing of an author list in them
    @settings(max_examples=300, deadline=None)
    @given(_texts())
    def check(text: str) -> None:
        for seg in text.split(";"):
            if cit._ITEM.match(seg):
                assert cit._ITEM_HINT.search(seg)

    check()
    for seg in ("1968-1975", " 2003, 2005 ", "1999–2001."):
        assert not cit._ITEM_HINT.search(seg)


def test_a_record_without_a_citation_compiles_no_author_pattern() -> None:
    # the author patterns take milliseconds each to compile: a record whose only year in parentheses
    # is a span of years ("(1968-1975)") is read without them
    code = (
        "from rapporteur.attribute import citations as cit\n"
        "from rapporteur.ingest import load_text\n"
        "from rapporteur.pipeline import extract\n"
        "extract(load_text('Minutes\\n\\nThe treaty (1968-1975) was long debated (Vera Holm).\\n'))\n"
        "print(cit._pattern.cache_info().currsize)\n"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_marked_citations_are_found_in_any_order_the_reader_gives() -> None:
    text = "Heat\n\nCool roofs lower the heat of a street by day [a]. Parks cool the nights of a city [b].\n"
    first, second, para = text.index("[a]"), text.index("[b]"), text.index("Cool")
    lay = Layout(
        blocks=(LayoutBlock("heading", 0, 4, level=1), LayoutBlock("paragraph", para, len(text) - 1)),
        roster=(
            RosterHint("Okafor 2010", kind="work", key="a"),
            RosterHint("Liu 2011", kind="work", key="b"),
        ),
        citations=(Citation(second, second + 3, ("b",)), Citation(first, first + 3, ("a",))),
    )
    doc = ingest.load_text(text, source="paper.xml", fmt="jats")
    doc = Document(doc.id, doc.text, doc.source, "paper", "jats", doc.sha256, layout=lay)
    m = extract(doc)
    names = {p.id: p.name for p in m.participants}
    got = [(names[a.participant], c.text) for c in m.claims for a in c.attributions]
    assert got == [
        ("Okafor 2010", "Cool roofs lower the heat of a street by day"),
        ("Liu 2011", "Parks cool the nights of a city"),
    ]


def test_the_word_before_a_number_is_read_backwards_as_the_search_read_it() -> None:
    old = re.compile(r"([\w'’\-]+\.?)$")

    @settings(max_examples=500, deadline=None)
    @given(_texts())
    def check(text: str) -> None:
        before = text[-60:].rstrip()
        was = old.search(before)
        now = cit._TAIL_WORD_BACK.match(before[::-1])
        assert bool(was and was.group(1)[:1].isupper()) == bool(now and now.group(1)[-1:].isupper())

    check()


def test_numbers_and_work_names_are_read_as_before_the_shortcuts() -> None:
    def old_numbers(spec: str) -> list[str]:
        out: list[str] = []
        for part in re.split(r"\s*,\s*", spec):
            if re.search(r"[-–]", part):
                a, b = (int(x) for x in re.split(r"\s*[-–]\s*", part))
                if 0 < b - a < 50:
                    out.extend(str(n) for n in range(a, b + 1))
            elif part:
                out.append(part)
        return out

    for spec in ("19", "3, 7", "4-6", "4 – 9", "1,2-3", "0012", "7-2"):
        assert cit._numbers(spec) == old_numbers(spec)

    def old_name(authors: str, year: str) -> str:
        a = re.sub(r"\s+et\s+al\.?$", " et al.", re.sub(r"\s+", " ", authors.strip()))
        return f"{a} {year.strip()}"

    for authors in ("Garcia et al.", "Garcia  et\tal", "Vay", " Jones and  Lee ", "Al Malik", "Bal et al"):
        assert cit._work_name(authors, " 2012") == old_name(authors, " 2012")


def test_the_verb_after_a_citation_is_the_one_the_flat_alternation_read() -> None:
    from rapporteur.attribute.speech import verb_alt

    flat = "|".join(sorted(cit._evidence(), key=len, reverse=True))
    old = re.compile(rf"\s*(?:also\s+)?(?P<v>{verb_alt()}|{flat})\b", re.I)
    for verb in [
        *cit._evidence(),
        "argues",
        "also found",
        "Shows",
        "showing",
        "reports",
        "noted",
        "statement",
    ]:
        for tail in ("", " that", "s that", "ed", "x"):
            text = f" {verb}{tail}"
            was, now = old.match(text), cit._verb_after().match(text)
            assert (was and was.group("v")) == (now and now.group("v")), text
