"""Layout: sentences, paragraphs cut by page breaks, footnotes, front matter, heading ranks, roster."""

from __future__ import annotations

import pytest

from rapporteur.ingest import load_text
from rapporteur.structure import parse_person_line, split_sentences, structure


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It met in Washington, D. C. 20560 last year. Then it ended.", 2),
        ("E.V.K. Smith argued this. Others disagreed.", 2),
        ("She teaches at Mt. Holyoke College. He does not.", 2),
        ("He studied in the U.K. and came back. That was all.", 2),
        ("Was it planned, i.e., was a process involved? (Jones) In each case, no.", 2),
        ("Dr. Who came. Prof. X left! Did he? Yes.", 4),
        ("The vote was 12 to 3. 1990 was a good year.", 2),
    ],
)
def test_sentence_splitter_handles_abbreviations(text: str, expected: int) -> None:
    got = sentences(text)
    assert len(got) == expected, got
    assert "".join(got).replace(" ", "") == text.replace(" ", "")


def test_marker_after_question_stays_with_it() -> None:
    got = sentences("Was there a plan? (Webb) In each sector, was there a policy? (Lowe)")
    assert got == ["Was there a plan? (Webb)", "In each sector, was there a policy? (Lowe)"]


DOC = """Occasional Paper 7

ANNUAL FORUM ON WATER

by A. Writer

This series is distributed free of charge to interested readers and libraries around the region.

Introduction

The forum met for two days to discuss the future of the river basin and its many users and uses over time.

1. Allocation

Participants disagreed about how water should be shared between the upstream farms and the city (Baker). Many thought a
market would help, but the evidence was thin and the

---

*The forum was held in March. A list of participants is at the end.

Thanks are due to the staff of the forum.

details of any market were left open (Chen, Dahl).

### 1.1 Prices

Tariffs should rise in dry years so that the city pays for the scarcity it creates (Evans).

# 2. Governance

A basin authority was proposed by several speakers who wanted one body to decide on allocation (Baker).

Attendees

Anna Baker, River Institute
Bo Chen, City Water Board
Carl Dahl (Farmers' Union)
Eve Evans, Independent
"""


def test_layout_of_a_typed_report() -> None:
    st = structure(load_text(DOC))
    text = st.doc.text
    assert st.front_matter == [(0, st.body[0])]
    assert text[: st.body[0]].rstrip().endswith("libraries around the region.")
    assert text[st.body[0] :].startswith("Introduction")
    assert [t.title for t in st.themes] == ["Introduction", "1. Allocation", "1.1 Prices", "2. Governance"]
    by_title = {t.title: t for t in st.themes}
    assert by_title["1.1 Prices"].parent == by_title["1. Allocation"].id
    assert by_title["2. Governance"].parent is None  # '#' level 1 but numbered like its sibling "1."
    for t in st.themes:
        assert text[t.start : t.end] == t.title
    # the footnote is set apart, and the paragraph it interrupted is one logical paragraph again
    assert len(st.footnotes) == 1
    assert text[st.footnotes[0][0] :].startswith("*The forum was held")
    assert "Thanks are due" in text[st.footnotes[0][0] : st.footnotes[0][1]]
    joined = [p for p in st.paragraphs if len(p.pieces) == 2]
    assert len(joined) == 1
    last = joined[0].sentences[-1]
    assert text[last[0] : last[1]].startswith("Many thought a")
    assert text[last[0] : last[1]].endswith("(Chen, Dahl).")
    assert [r.name for r in st.roster] == ["Anna Baker", "Bo Chen", "Carl Dahl", "Eve Evans"]
    assert st.roster[2].affiliation == "Farmers' Union"
    assert st.title == "ANNUAL FORUM ON WATER"


def test_inconsistent_markdown_levels_follow_numbering() -> None:
    doc = (
        "# I. One\n\n"
        + "Body text that is long enough to be prose, with words and more words here. " * 2
        + (
            "\n\n#### Sub of one\n\n"
            + "More body text that is long enough to count as prose, yes indeed it is. " * 2
        )
        + "\n\n#### II. Two\n\n"
        + "Closing body text that is long enough to count as a prose paragraph here. " * 2
    )
    st = structure(load_text(doc))
    ranks = {t.title: (t.level, t.parent) for t in st.themes}
    ids = {t.title: t.id for t in st.themes}
    assert ranks["I. One"] == (1, None)
    assert ranks["Sub of one"] == (2, ids["I. One"])
    assert ranks["II. Two"] == (1, None)


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        (
            "E.V.K. Smithson, University of Somewhere, U.K.",
            ("E.V.K. Smithson", "University of Somewhere, U.K."),
        ),
        ("Felipe Ortega de la Vega, Lima", ("Felipe Ortega de la Vega", "Lima")),
        ("- Maria Lopez (Ministry of Health)", ("Maria Lopez", "Ministry of Health")),
        ("NOVEMBER 2-4, 1978", None),
        ("This is a sentence, not a person.", None),
    ],
)
def test_person_lines(line: str, parsed: tuple[str, str] | None) -> None:
    assert parse_person_line(line) == parsed


def test_fenced_code_is_not_prose_or_headings() -> None:
    doc = (
        "# Notes\n\nThe team discussed equality for constants in patterns at length, with examples shown.\n\n"
        "```rust\n# not a heading\n\n#[derive(PartialEq, Eq)]\nstruct S;\n```\n\n"
        "Structural equality should be required for every constant used as a pattern (Ralf).\n"
    )
    st = structure(load_text(doc))
    assert [t.title for t in st.themes] == ["Notes"]
    texts = [st.doc.text[p.start : p.end] for p in st.paragraphs]
    assert not any("derive" in t for t in texts)
    assert texts[-1].startswith("Structural equality")


def test_a_transcript_without_a_title_is_named_by_its_file_and_labels_are_no_headings() -> None:
    from rapporteur.ingest import load_bytes

    text = (
        "**Ana Ruiz:** Hello and welcome, everyone, to this week's show about the city budget.\n\n"
        "**Ben Cole:** Glad to be here. The budget is too small for what the city must do.\n\n"
        "**Music** : \\[12:01\\] to \\[12:05\\]\n\n"
        "**Ana Ruiz:** Let us go on to the next question, which is about the libraries.\n"
    )
    doc = load_bytes(text.encode(), source="episode-12.md")
    st = structure(doc)
    assert st.title == "episode-12"
    assert st.themes == []
