"""Reported speech, one small record per pattern family, and the cases that must name nobody.

Each record is written for the test (made-up names); each assertion is about who is credited with
which exact span, so a rule that drifts fails here before it shows in the gate.
"""

from __future__ import annotations

import pytest

from rapporteur.ingest import load_text
from rapporteur.pipeline import extract
from rapporteur.resolve import RosterPerson


def credited(text: str, roster: list[RosterPerson] | None = None) -> list[tuple[str, str, str]]:
    """(participant name, polarity, claim text) for every reported attribution, in text order."""
    m = extract(load_text("Notes\n\n" + text), roster)
    people = {p.id: p for p in m.participants}
    out = []
    for c in m.claims:
        assert m.documents[0].text[c.start : c.end] == c.text
        for a in c.attributions:
            assert m.documents[0].text[a.marker.start : a.marker.end] == a.marker.text
            out.append((people[a.participant].name, a.polarity, c.text))
    return out


def mapped(text: str):
    return extract(load_text("Notes\n\n" + text))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Ana Costa argued that the budget is too small for the year.",
            [("Ana Costa", "the budget is too small for the year")],
        ),
        (
            "Ana Costa noted the budget is too small for the year.",
            [("Ana Costa", "the budget is too small for the year")],
        ),
        (
            "According to Ana Costa, the budget is too small for the year.",
            [("Ana Costa", "the budget is too small for the year")],
        ),
        (
            "“The budget is too small for the year,” said Ana Costa.",
            [("Ana Costa", "The budget is too small for the year")],
        ),
        (
            "“The budget is too small for the year,” Ana Costa said.",
            [("Ana Costa", "The budget is too small for the year")],
        ),
        (
            "It was suggested by Ana Costa that the budget be doubled next year.",
            [("Ana Costa", "the budget be doubled next year")],
        ),
        (
            "A larger budget for the year was a point made by Ana Costa.",
            [("Ana Costa", "A larger budget for the year")],
        ),
        (
            "Board member Ana Costa stressed that the budget is too small.",
            [("Ana Costa", "the budget is too small")],
        ),
    ],
)
def test_each_family_credits_the_content_not_the_frame(text: str, want: list[tuple[str, str]]) -> None:
    assert [(n, c) for n, _, c in credited(text)] == want


def test_asked_whether_is_a_question_and_asked_that_a_proposal() -> None:
    m = mapped("Ana Costa asked whether the budget covers travel. Ana Costa asked that the board meet again.")
    assert [(c.kind, c.text) for c in m.claims] == [
        ("question", "the budget covers travel"),
        ("proposal", "the board meet again"),
    ]


def test_said_and_asked_in_one_sentence_are_two_claims() -> None:
    got = credited("Ana Costa said that she will close the old server and asked if anyone still needs it.")
    assert [c for _, _, c in got] == ["she will close the old server", "anyone still needs it"]


def test_in_response_and_disagreed_noting() -> None:
    text = (
        "Ana Costa proposed that the meeting move to Fridays. In response, Ben Ortega said that Fridays "
        "clash with the release. Chen Wu disagreed, noting that releases never fall on a Friday."
    )
    m = mapped(text)
    people = {p.id: p.name for p in m.participants}
    assert [(people[c.attributions[0].participant], c.text) for c in m.claims] == [
        ("Ana Costa", "the meeting move to Fridays"),
        ("Ben Ortega", "Fridays clash with the release"),
        ("Chen Wu", "releases never fall on a Friday"),
    ]
    [r] = m.relations
    assert (r.type, r.cue.text, r.source, r.target) == ("disagree", "disagreed", "c3", "c2")


def test_later_mentions_surname_first_name_role_and_one_pronoun() -> None:
    text = (
        "Release Manager Ana Costa said that the branch is frozen. Costa noted that two bugs remain. "
        "She asked whether anyone objects.\n\nThe Release Manager recommended that fixes go to main first."
    )
    got = credited(text)
    assert {n for n, _, _ in got} == {"Ana Costa"}
    assert len(got) == 4


def test_a_pronoun_with_two_candidates_names_nobody_and_says_so() -> None:
    m = mapped("Ana Costa and Ben Ortega disagreed about the plan. He argued that the plan is late.")
    assert m.claims == ()
    assert any("could name" in n and "left unattributed" in n for n in m.notes)


def test_gender_comes_only_from_the_record() -> None:
    # "Ms" fixes Costa's gender, so "He" can only be Ortega.
    got = credited(
        "Ms Ana Costa noted that the plan is late. Ben Ortega agreed. He added that it is also over budget."
    )
    assert got[-1] == ("Ben Ortega", "holds", "it is also over budget")
    # no honorific, no earlier pronoun: two candidates, nobody credited
    got = credited(
        "Ana Costa noted that the plan is late. Ben Ortega agreed. She added that it is over budget."
    )
    assert "it is over budget" not in [c for _, _, c in got]


@pytest.mark.parametrize(
    "text",
    [
        "It is said that the plan was written in a weekend.",
        "The report argues that the plan was written in a weekend.",
        "As Adam Smith argued in 1776, the division of labour raises output.",
        "Maria Lindqvist (Sweden) chaired the consultations on the plan.",
        "John Smith (JS) opened the meeting and welcomed everyone.",
        "The Subsidiary Body for Implementation (SBI) met on Tuesday.",
        "Several delegations said that the plan was too ambitious.",
        "Developers agreed to work on the new format next month.",
        # shapes found by running the shared corpus: a verb inside a name, an address, a contraction,
        # a conditional, a passive, a scene-setting phrase before a title
        "Diplomatically, the United States must always be firm and patient.",
        "If requested by the Licensor, you must remove the notice.",
        "I've added the feature gate and a tracking issue.",
        "They're on board and said it should be feasible.",
        "Team members are encouraged to sustain objections they do not hold.",
        "In the first debate Senator Kennedy said that the party gives only lipservice.",
    ],
)
def test_nobody_is_credited(text: str) -> None:
    assert credited(text) == []


def test_with_a_roster_a_figure_off_it_is_not_credited_but_a_role_introduced_speaker_is() -> None:
    roster = [RosterPerson("Ana Costa"), RosterPerson("Ben Ortega")]
    text = (
        "Costa argued that the plan is late. Moses argued that rivers must be crossed at the narrows. "
        "Storage lead Dana Wirth said that the disks are full."
    )
    got = credited(text, roster)
    assert [n for n, _, _ in got] == ["Ana Costa", "Dana Wirth"]


def test_parties_behalf_support_and_opposition() -> None:
    text = (
        "Chile, for the GROUP OF 77, said that finance must double. The EU, supported by Norway and "
        "Japan, proposed that the text refer to all sources, opposed by Brazil. The US and Canada objected "
        "to a reference to all sources."
    )
    m = mapped(text)
    people = {p.id: p for p in m.participants}
    first = m.claims[0].attributions[0]
    assert (people[first.participant].name, people[first.participant].kind) == ("Chile", "party")
    assert people[first.on_behalf_of].name == "GROUP OF 77"  # type: ignore[index]
    eu = m.claims[1]
    assert eu.text == "the text refer to all sources"
    assert [(people[a.participant].name, a.polarity) for a in eu.attributions] == [
        ("EU", "holds"),
        ("Norway", "holds"),
        ("Japan", "holds"),
        ("Brazil", "exception"),
    ]
    assert all(people[a.participant].kind == "party" for a in eu.attributions)
    stances = {(people[s.a].name, s.relation, people[s.b].name) for s in m.stances}
    assert ("Brazil", "disagree", "EU") in stances
    assert ("US", "disagree", "Norway") in stances and ("Canada", "disagree", "EU") in stances


def test_bare_agreement_joins_the_view_and_pushback_relates_to_it() -> None:
    text = (
        "Ana Costa proposed that the release slip a week. Ben Ortega agreed. Chen Wu pushed back on "
        "Costa's proposal, saying that the date was announced. Dana Wirth welcomed Wu's point but "
        "cautioned that the announcement can be amended."
    )
    m = mapped(text)
    people = {p.id: p.name for p in m.participants}
    assert [people[a.participant] for a in m.claims[0].attributions] == ["Ana Costa", "Ben Ortega"]
    rels = [
        (r.type, r.cue.text, people[m.claims[int(r.target[1:]) - 1].attributions[0].participant])
        for r in m.relations
    ]
    assert rels == [
        ("disagree", "pushed back on Costa's proposal", "Ana Costa"),
        ("qualify", "welcomed Wu's point but cautioned", "Chen Wu"),
    ]
    stances = {(people[s.a], s.relation, people[s.b]) for s in m.stances}
    assert {("Chen Wu", "disagree", "Ana Costa"), ("Chen Wu", "disagree", "Ben Ortega")} <= stances
    assert ("Dana Wirth", "qualify", "Chen Wu") in stances


def test_an_objection_to_something_else_answers_nobody() -> None:
    m = mapped(
        "Ana Costa said that the library needs a new roof. Ben Ortega opposed any change to the parking fees."
    )
    assert m.relations == ()
    assert not [s for s in m.stances if s.relation == "disagree"]


def test_a_table_row_is_its_own_stretch_for_pronouns() -> None:
    text = (
        "Item | Notes\n-|-\n1 | Ana Costa said that the plan is late. Ben Ortega agreed.\n"
        "2 | Chen Wu said that the tests pass. He urged the team to merge today.\n"
    )
    got = credited(text)
    assert ("Chen Wu", "holds", "the team to merge today") in got


def test_markers_never_overlap_their_claims_and_offsets_hold() -> None:
    m = mapped("“We will not ship this,” said Ana Costa. Costa said, “Nobody has reviewed it. Nobody.”")
    for c in m.claims:
        for a in c.attributions:
            assert not (c.start < a.marker.end and a.marker.start < c.end)
    assert [c.text for c in m.claims] == ["We will not ship this", "Nobody has reviewed it. Nobody"]


def test_long_input_stays_linear_enough() -> None:
    # a pathological run of capitalised words and commas before a verb must not blow up
    # (its speed is bounded in tests/test_linear.py; here: the long list names nobody, the last name does)
    text = ("Alpha, Beta, " * 4000) + "Gamma said that it works."
    m = mapped(text)
    assert [(c.text, [a.cited_as for a in c.attributions]) for c in m.claims] == [("it works", ["Gamma"])]


def test_an_address_is_not_a_group_of_speakers() -> None:
    assert credited("Now, Nick, Kball pointed out that the argument was weak.") == [
        ("Kball", "holds", "the argument was weak")
    ]


def test_a_surname_is_the_full_name_written_before_it() -> None:
    text = (
        "The keynote was given by Philip E. Bourne of a university. Bourne argued that software is "
        "scholarship. “Why did we not do better?” Bourne asked of this practice."
    )
    got = credited(text)
    assert got == [
        ("Philip E. Bourne", "holds", "software is scholarship"),
        ("Philip E. Bourne", "holds", "Why did we not do better?"),
    ]


def test_concluded_by_discussing_reports_only_the_coordinated_verb() -> None:
    got = credited("Ana Costa concluded by discussing her old paper and argued that code is scholarship.")
    assert got == [("Ana Costa", "holds", "code is scholarship")]


def test_as_lord_y_said_credits_y_with_a_roster_and_a_point_made_by_the_noble_lord() -> None:
    roster = [RosterPerson("Lord Abel"), RosterPerson("Baroness Baker"), RosterPerson("Lord Cole")]
    text = (
        "As Lord Abel said, the budget for the regions is far too small. The regions need more time, "
        "a point made by the noble Lord, Lord Cole."
    )
    got = credited(text, roster)
    assert got == [
        ("Lord Abel", "holds", "the budget for the regions is far too small"),
        ("Lord Cole", "holds", "The regions need more time"),
    ]


def test_as_x_argued_without_a_roster_or_a_turn_credits_nobody() -> None:
    assert credited("As Adam Smith argued, markets clear when prices move freely.") == []


def test_the_nearest_person_is_not_enough_for_a_pronoun() -> None:
    # "She" follows Ortega's sentence, but nothing in the record says Ortega is not "she": two people fit
    got = credited(
        "Ana Costa noted that the plan is late. Ben Ortega agreed. She added that it is over budget."
    )
    assert [c for _, _, c in got] == ["the plan is late", "the plan is late"]


def test_a_plural_noun_in_a_list_is_not_a_reporting_verb() -> None:
    from rapporteur.ingest import load_text
    from rapporteur.pipeline import extract

    text = (
        "Introduction\n\nThe framework separates concerns such as input handling, mesh refinement, "
        "hardware counters, and boundary conditions from the science code.\n\n"
        "Garcia reports on the application of the method to a climate model built in the 1990s.\n"
    )
    m = extract(load_text(text))
    assert [c.text for c in m.claims] == []


def test_for_example_is_an_aside_not_a_party_spoken_for() -> None:
    from rapporteur.ingest import load_text
    from rapporteur.pipeline import extract

    m = extract(
        load_text("Introduction\n\nThe testing team, for example, requested that the scope stay small.\n")
    )
    [a] = [a for c in m.claims for a in c.attributions]
    assert a.cited_as == "testing team" and a.on_behalf_of is None
    assert {p.name for p in m.participants} == {"testing team"}


def test_in_a_transcript_a_lone_name_is_a_person_not_a_delegation() -> None:
    # speaker labels "Name Surname (Org):" look like delegates and their countries; in a transcript
    # they are speakers' affiliations, so "As Mario said" inside a turn names a person
    from rapporteur.ingest import load_text
    from rapporteur.pipeline import extract

    text = (
        "Ana Ruiz (Acme): We looked at the numbers again this week and they still do not add up.\n\n"
        "Ben Cole (Beta): As Mario said, we should be aware that we might not run all the tests.\n\n"
        "Ana Ruiz (Acme): Right, and the budget is too small for what the team must deliver.\n\n"
        "Ben Cole (Beta): Then we should ask the board for more money before the summer.\n"
    )
    m = extract(load_text(text))
    assert all(p.kind == "person" for p in m.participants), [(p.name, p.kind) for p in m.participants]


# ---------------------------------------------------------------------------------- cue scans
# ``reported`` reads only the sentences where a scan of ``_cues`` found a cue; a record it cannot scan
# exactly (``Cues.fast`` False) is read sentence by sentence, as before the scans. The two readings
# must agree on every record: these tests hold the scans to that.

_FAMILIES_TEXT = (
    "Notes\n\n"
    "Acme developer Vera Holm, the release manager, opened the call. Ana Costa argued that the budget "
    "is too small. According to Ben Ortega, the plan is late. “The plan is late,” said Chen Wu. "
    "However, “we ship on Friday,” Costa said. It was suggested by Ortega that the date move. A later "
    "date was a point made by Chen Wu. Costa’s proposal drew comment: Ortega's view differs. She "
    "said that she will close the server and asked whether anyone objects. Dora Quist, a lawyer for "
    "Beta, noted that the contract is clear. The Committee Chair, Eli Park, stressed the deadline.\n\n"
    "Ben Ortega (Beta): As Vera Holm said, the tests take too long.\n\n"
    "Chile, for the G-77, said that the text is unbalanced. The EU, supported by Norway, proposed a "
    "review, opposed by Brazil. Ghana agreed.\n"
)


def _record(name: str) -> str:
    """The families text above, the founding example or one of the bench's fixtures."""
    from importlib import resources
    from pathlib import Path

    if name == "families":
        return _FAMILIES_TEXT
    if name == "founding":
        return resources.files("rapporteur").joinpath("data", "demo-report.txt").read_text("utf-8")
    return (Path(__file__).parent.parent / "bench" / "fixtures" / f"{name}.txt").read_text("utf-8")


def _read_both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    from dataclasses import replace

    from rapporteur.attribute import _cues, reported
    from rapporteur.pipeline import prepare

    st, _people, ctx, _listed = prepare(load_text(text))
    fast = reported._Run(st, replace(ctx, notes=[]))
    assert fast.cues.fast
    got_fast = (list(fast.run()), fast.d.ctx.notes)
    init = _cues.Cues.__init__

    def slow_init(self: _cues.Cues, t: str) -> None:
        init(self, t)
        self.fast = False

    monkeypatch.setattr(_cues.Cues, "__init__", slow_init)
    slow = reported._Run(st, replace(ctx, notes=[]))
    got_slow = (list(slow.run()), slow.d.ctx.notes)
    return got_fast, got_slow


@pytest.mark.parametrize("name", ["families", "narrative", "transcript", "founding"])
def test_the_scanned_reading_finds_what_the_sentence_by_sentence_reading_finds(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _record(name)
    got_fast, got_slow = _read_both(text, monkeypatch)
    assert got_fast == got_slow
    if name in ("families", "narrative"):
        assert len(got_fast[0]) >= 10  # the comparison is about claims, not two empty lists


@pytest.mark.parametrize("name", ["families", "narrative", "transcript", "founding"])
def test_the_scans_read_block_by_block_find_what_one_reading_of_the_whole_text_finds(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case-insensitive families are scanned in lower-cased blocks cut at sentence starts; with
    blocks of a few dozen characters nearly every sentence starts a block, so a hit lost or doubled
    at a block's edge (a lookbehind reading before it, a verb right at its start) shows here."""
    from rapporteur.attribute import _cues

    text = _record(name)
    whole = _cues.Cues(text)
    whole._scan_low([(0, len(text))])
    monkeypatch.setattr(_cues, "_CHUNK", 40)
    got_fast, got_slow = _read_both(text, monkeypatch)
    assert got_fast == got_slow
    from rapporteur.pipeline import prepare

    st, *_ = prepare(load_text(text))
    starts = sorted(s for p in st.paragraphs for s, _ in p.sentences)
    blocks = _cues.Cues(text)
    blocks._scan_low(_cues._block_bounds(len(text), starts))
    assert len(list(_cues._block_bounds(len(text), starts))) > 10
    for family in _cues._LOW_SCANS:
        # every hit inside a sentence is found block by block, and none the whole reading lacks
        inside = {
            p for p in whole.hits(family) if any(s <= p < e for q in st.paragraphs for s, e in q.sentences)
        }
        assert inside <= set(blocks.hits(family)) <= set(whole.hits(family)), family


def test_a_record_with_a_letter_that_folds_onto_ascii_is_read_sentence_by_sentence() -> None:
    from rapporteur.attribute._cues import Cues

    assert Cues("Ana Costa said that it is late.").fast
    for ch in "\u0130\u0131\u017f\u212a":  # İ ı ſ K: "ſaid" is "said" to re's IGNORECASE
        assert not Cues(f"Ana Costa {ch}aid that it is late.").fast
    got = credited("Ana Costa \u017faid that the budget is too small.")
    assert got == [("Ana Costa", "holds", "the budget is too small")]


def test_folds_are_every_non_ascii_letter_ignorecase_takes_for_an_ascii_one() -> None:
    import re

    from rapporteur.attribute._cues import FOLDS

    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    assert set(re.findall(r"(?i)[a-z]", every)) == set(FOLDS)


def test_party_doc_and_full_names_match_their_whole_text_patterns() -> None:
    """The cues read from their rare part (a comma, a parenthesis read backwards, a capital before its
    look back) give what the patterns they replace give, on random strings of the pieces they read."""
    import random
    import re

    from rapporteur.attribute import frames

    behalf = re.compile(r"\b[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?,\s+(?:for|on behalf of)\s+(?:the\s+)?[A-Z]")
    appos = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+\s+\([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\)")
    names = re.compile(
        r"(?<![\w'’.])(?:[A-Z][a-z][\w'’\-]*|[A-Z]\.)(?:[ \t]+(?:[A-Z][a-z][\w'’\-]*|[A-Z]\.)){1,3}\b"
    )
    pieces = ["Ana", "Ruiz", "x", "-", "Bo", " ", "  ", "\t", "\n", ",", ", for ", ", on behalf of ", "the ",
              "(", ")", "(Norland)", "(Norland Vale)", "G-77", "é", "_", "'", ".", "A.", "However", "The",
              "Ab" + "c" * 150, " " * 130, "(Nor" + "l" * 100 + ")"]  # fmt: skip  # longer than a window
    long_name = "Ab" + "c" * 300  # longer than the first window read back from ")"
    for t in (
        f"{long_name} Ruiz (Norland) met {long_name}   Vale (Beta Gamma).",
        f"{long_name}{' ' * 300}Ruiz (Norland), and Ana{chr(10) * 200}Vale (Beta).",
        f"x{long_name[1:]} Ruiz (Norland) and Ana Vale (Beta).",
    ):
        assert frames.party_doc(t) == (len(appos.findall(t)) >= 2), t
    rnd = random.Random(13)
    for _ in range(20000):
        t = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14)))
        assert frames.party_doc(t) == (2 * len(behalf.findall(t)) + len(appos.findall(t)) >= 2), t
        assert [m.span() for m in frames._FULL_NAME.finditer(t)] == [m.span() for m in names.finditer(t)], t


def test_a_name_longer_than_any_window_is_still_read_back_whole() -> None:
    import re

    from rapporteur.attribute._cues import Cues

    text = "x " + "A" + "b" * 5000 + "’s plan was read."
    c = Cues(text)
    a = text.index("’")
    assert c.run_start(re.compile(r"[\w\-]+"), a) == 2
    assert c.run_start(re.compile(r"[\w\-]+"), 1) == 0  # the run "x"
    assert c.run_start(re.compile(r"[\w\-]+"), 2) is None  # a space before: no run


def test_a_role_then_an_unevenly_spaced_name_names_nobody_instead_of_crashing() -> None:
    # "member Ana  Costa": the name's words are not one space apart, so no span of the text is the
    # name as read; it used to raise ValueError inside voice_of
    assert credited("Board member Ana  Costa stressed that the budget is too small.") == []
    assert credited("Board member Ana Costa stressed that the budget is too small.") == [
        ("Ana Costa", "holds", "the budget is too small")
    ]


def test_role_commas_match_the_comma_by_comma_reading() -> None:
    """Where a role's last word stands before ", " (a newline between them too, where ``$`` stands),
    found by the comma scan with its lookbehind: the same offsets as reading every comma."""
    import random
    import re

    from rapporteur.attribute import _cues, reported

    last = reported._role_last_words()
    word_end = re.compile(r"[\w\-]+$")

    def every_comma(text: str) -> list[int]:
        out = []
        for m in re.finditer(r",\s", text):
            w = word_end.search(text, max(0, m.start() - 40), m.start())
            if w and w.group(0).lower() in last:
                out.append(w.start())
        return out

    pieces = ["chair", "Chair", "CHAIR", "co-chair", "sub", "-", ", ", ",\n", "\n", " ", "x", "manager",
              "é", "_", "a" * 45, "lead", "ceo"]  # fmt: skip
    rnd = random.Random(3)
    for _ in range(20000):
        t = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 8)))
        assert list(_cues.role_commas(_cues.Cues(t), last)) == every_comma(t), t


def test_the_lower_cased_text_is_made_a_chunk_at_a_time_and_reads_the_same() -> None:
    # str.lower() of a long non-ASCII text goes through a buffer of 12 bytes a character; _cues
    # lowers it in chunks. Only the final sigma reads its neighbours: a chunk edge may change which
    # sigma, never the length nor an ASCII letter, which is all the scans read.
    from rapporteur.attribute._cues import _CHUNK, _lower

    text = ("ΟΔΟΣ Said é " * (3 * _CHUNK // 12))[: 3 * _CHUNK + 5]
    whole, chunked = text.lower(), _lower(text)
    assert len(whole) == len(chunked) == len(text)
    assert all(a == b for a, b in zip(whole, chunked, strict=True) if a.isascii() or b.isascii())
    assert chunked.count("said") == text.count("Said")


def test_a_role_names_a_person_in_a_record_of_delegations() -> None:
    """In a record where delegations speak ("Chile, for the G-77, ..."), a bare two-word name is read
    as a party; one introduced by a role ("the Chair, Dora Quist,") is a person all the same."""
    text = (
        "## Finance\n\nChile, for the GROUP OF 77, said that developed countries must double finance. "
        "Opening the session, the Co-Chair, Dora Quist, asked delegates to focus on the fund. "
        "Norway and Japan supported Chile.\n"
    )
    m = mapped(text)
    kinds = {p.name: p.kind for p in m.participants}
    assert kinds["Dora Quist"] == "person"
    assert kinds["Chile"] == "party"


def test_a_group_described_not_named_is_no_one_spoken_for() -> None:
    """ "speaking for an industry association": the speaker is credited; the association, unnamed, is
    neither a participant nor the group the claim is made on behalf of."""
    text = (
        "## Chemicals\n\nChile, for the GROUP OF 77, said that the list should be short. "
        "Dr. Vera Holm, speaking for an industry association, said that voluntary phase-outs are already under way.\n"
    )
    m = mapped(text)
    names = {p.name for p in m.participants}
    assert "Vera Holm" in names and not any("association" in n for n in names)
    holm = next(p.id for p in m.participants if p.name == "Vera Holm")
    atts = [a for c in m.claims for a in c.attributions if a.participant == holm]
    assert atts and all(a.on_behalf_of is None for a in atts)


def test_claims_are_handed_on_while_the_record_is_still_being_read() -> None:
    """A claim no later sentence can join or answer (more than ``REACH`` stretches back) is yielded
    before the record is read to its end, and the claims come out as the whole reading gives them."""
    from dataclasses import replace

    from rapporteur.attribute import reported
    from rapporteur.attribute._reported_claims import REACH
    from rapporteur.pipeline import prepare

    paras = [f"Ana Ruiz said that the tariff for district {i} was too high." for i in range(40)]
    paras[20] = "Ben Cole agreed."  # joins the claim just before it, which must still be open then
    st, _people, ctx, _listed = prepare(load_text("Introduction\n\n" + "\n\n".join(paras) + "\n"))
    run = reported._Run(st, replace(ctx, notes=[]))
    claims = run.run()
    first = next(claims)
    read_so_far = len(run.d.said)  # every claim built before the first was handed on
    rest = list(claims)
    assert REACH + 1 < read_so_far < 39  # handed on early, not once all 39 were built
    got = [first, *rest]
    assert len(got) == 39 and [c.start for c in got] == sorted(c.start for c in got)
    joined = next(c for c in got if "district 19 " in st.doc.text[c.start : c.end])
    assert [n for mk in joined.markers for n, _, _ in mk.names] == ["Ana Ruiz", "Ben Cole"]
