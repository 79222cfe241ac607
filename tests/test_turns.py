"""Speaker turns in text: each convention, labels that stay prose, pseudo-speakers, aliases, outcomes,
claim granularity and kinds, relations between turns. Small records written for the case, general,
not corpus phrases."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapporteur import ingest
from rapporteur.pipeline import extract, map_document
from rapporteur.resolve import RosterPerson, load_roster


def _map(text: str, source: str = "notes.md", roster=None):
    return extract(ingest.load_text(text, source=source, fmt="markdown"), roster)


def _turns(m) -> list[tuple[str, str]]:
    """(speaker name, marker text) per claim credited by a turn, in order."""
    people = {p.id: p.name for p in m.participants}
    return [
        (people[a.participant], a.marker.text) for c in m.claims for a in c.attributions if a.via == "turn"
    ]


def _check_spans(m) -> None:
    text = m.documents[0].text
    for c in m.claims:
        assert text[c.start : c.end] == c.text
        for a in c.attributions:
            assert text[a.marker.start : a.marker.end] == a.marker.text


CONVENTIONS = {
    "colon": (
        "Ana Ruiz: The budget is too small for the work.\n\nBen Cole: We should wait a year.\n",
        "Ana Ruiz:",
    ),
    "bold colon": (
        "**Ana Ruiz:** The budget is too small for the work.\n\n**Ben Cole:** We should wait.\n",
        "**Ana Ruiz:**",
    ),
    "bold line": (
        "**Ana**\n* The budget is too small for the work.\n\n**Ben**\n* We should wait a year.\n",
        "**Ana**",
    ),
    "bracket": (" * [ana] The budget is too small for the work.\n * [ben] We should wait a year.\n", "[ana]"),
    "irc": ("<ana> the budget is too small for the work\n<ben> we should wait a year\n", "<ana>"),
    "irc time": (
        "12:01 < ana> the budget is too small for the work\n12:02 < ben> we should wait a year\n",
        "< ana>",
    ),
    "timed": (
        "Ana (00:12:34): The budget is too small for the work.\n\nBen (00:13:01): We should wait.\n",
        "Ana (00:12:34):",
    ),
    "honorific": (
        "Mr. SMITH: The budget is too small for the work.\n\nThe CHAIRMAN: We should wait.\n",
        "Mr. SMITH:",
    ),
    "abbreviation": ("JS: The budget is too small for the work.\n\nAR: We should wait a year.\n", "JS:"),
    "handle": ("@ana-r wants the budget doubled this year.\n\n@ben prefers to wait a year.\n", "@ana-r"),
}


@pytest.mark.parametrize("name", sorted(CONVENTIONS))
def test_each_label_convention_credits_the_speaker(name: str) -> None:
    text, marker = CONVENTIONS[name]
    m = _map(text + "\n" + text)  # an exchange of two voices, each speaking twice
    _check_spans(m)
    got = _turns(m)
    assert got, name
    assert got[0][1] == marker
    assert len({s for s, _ in got}) == 2


def test_time_block_label_runs_over_its_lines() -> None:
    m = _map(
        "Ana: (01:02)\nThe budget is too small for the work.\n\nBen: (01:30)\nWe should wait a year.\n\n"
        "Ana: (01:45)\nThen we lose the staff we have.\n"
    )
    assert [s for s, _ in _turns(m)] == ["Ana", "Ben", "Ana"]


def test_turn_runs_over_continuation_paragraphs_until_the_next_label() -> None:
    text = (
        "**Ana Ruiz:** The budget is too small for the work.\n\n"
        "It has been cut three years running, and the staff has left.\n\n"
        "**Ben Cole:** We should wait a year.\n"
    )
    m = _map(text)
    assert [s for s, _ in _turns(m)] == ["Ana Ruiz", "Ana Ruiz", "Ben Cole"]


def test_a_long_turn_is_several_claims_and_trivial_ones_are_skipped() -> None:
    body = " ".join(f"Point number {w} matters for the budget." for w in ("one", "two", "three", "four"))
    m = _map(
        f"Ana: {body}\n\nBen: Yes.\n\nBen: Thanks.\n\nAna: Good.\n\nBen: The plan is fine as it stands.\n"
    )
    got = _turns(m)
    assert [s for s, _ in got].count("Ana") == 4
    assert not any(c.text in {"Yes.", "Thanks", "Yes", "Good"} for c in m.claims)


def test_kinds_from_turn_cues() -> None:
    m = _map(
        "Ana: Is the budget large enough for this?\n\n"
        "Ben: I propose that we double it next year.\n\n"
        "Ana: Yes, but only if the board agrees to it.\n\n"
        "Ben: Well, I would prefer option 3 for now.\n"
    )
    kinds = [c.kind for c in m.claims]
    assert kinds == ["question", "proposal", "qualification", "proposal"]


@pytest.mark.parametrize(
    "line",
    [
        "Note: the figures are provisional.",
        "Example: a fund of ten million.",
        "Agenda: budget, staffing, next steps.",
        "Summary: the group met twice.",
        "Action items: Ana to draft the letter.",
        "Time: 10:30",
        "See: https://example.org/a/b",
        "Title: Budget review",
    ],
)
def test_labels_that_are_not_speakers_stay_prose(line: str) -> None:
    m = _map(f"# Review\n\n{line}\n\n{line}\n\nThe meeting then closed without any vote.\n")
    assert not _turns(m)


def test_rapporteur_report_with_note_and_conclusion_lines_gains_no_speakers() -> None:
    text = (
        "# The workshop\n\n"
        "Participants disagreed about the reforms and their effects on growth (Abel, Baker).\n\n"
        "Note: the session on trade was cut short.\n\n"
        "Others held that the reforms failed for lack of credit (Cohen).\n\n"
        "Note: figures are from the second draft.\n\n"
        "Conclusion: the reforms were judged a partial success.\n"
    )
    m = _map(text, "report.txt")
    assert not _turns(m)
    assert {p.name for p in m.participants} == {"Abel", "Baker", "Cohen"}
    assert [c.kind for c in m.claims if not c.attributions] == ["decision"]


def test_key_value_metadata_and_code_are_not_turns() -> None:
    text = "# Call\n\nDate: 2024-01-02\nVenue: Room 4\n\n```\nfoo: bar\nbaz: qux\n```\n\nThe call ran long.\n"
    assert not _turns(_map(text))


def test_pseudo_speakers_are_never_people_and_all_is_an_outcome() -> None:
    m = _map(
        "Ana: Shall we adopt the draft as it is now?\n\n"
        "Ben: I think the draft is ready to go.\n\n"
        "All: No objections.\n\n"
        "Break: [10:31]\n\n"
        "??: Could someone repeat the last point please?\n"
    )
    names = {p.name for p in m.participants}
    assert names == {"Ana", "Ben"}
    dec = [c for c in m.claims if c.kind == "decision"]
    assert [c.text for c in dec] == ["No objections"]
    assert dec[0].attributions == ()


def test_decision_lines_are_outcomes_of_their_theme() -> None:
    m = _map(
        "## Budget\n\nAna: The fund should double this year.\n\nBen: I disagree with that plan.\n\n"
        "RESOLVED: the fund doubles from January.\n\nApproved, 9 in favor and 2 against.\n"
    )
    dec = [c for c in m.claims if c.kind == "decision"]
    assert len(dec) == 2 and all(not c.attributions for c in dec)
    assert all(c.theme == m.themes[0].id for c in dec)


def test_attendee_line_defines_abbreviations() -> None:
    m = _map(
        "Attendees: John Smith (JS), Ana Ruiz (AR)\n\n"
        "JS: The budget is too small for the work.\n\nAR: We should wait a year.\n\nJS: Fine by me then.\n"
    )
    assert [s for s, _ in _turns(m)][:2] == ["John Smith", "Ana Ruiz"]
    assert all(p.in_roster for p in m.participants)


def test_markdown_table_roster() -> None:
    text = (
        "| Name | Abbreviation | Organization |\n| --- | --- | --- |\n"
        "| John Smith | JS | Acme |\n| Ana Ruiz | AR | Beta |\n\n"
        "JS: The budget is too small for the work.\n\nAR: We should wait a year.\n"
    )
    m = _map(text)
    assert [(p.name, p.affiliation) for p in m.participants] == [("John Smith", "Acme"), ("Ana Ruiz", "Beta")]


def test_lists_that_disagree_are_merged_with_a_note() -> None:
    text = (
        "## Participants\n\n* Ana Ruiz\n* Ben Cole\n* Carl Dunn\n\n## Notes\n\nPresent: Ana, Ben, Dora\n\n"
        "Ana: The budget is too small for the work.\n\nDora: We should wait a year.\n\nBen: Maybe so.\n"
    )
    m = _map(text)
    assert {"Ana Ruiz", "Ben Cole", "Dora"} <= {p.name for p in m.participants}
    assert any("Dora" in n and "merged" in n for n in m.notes)
    assert any("Carl Dunn" in n for n in m.notes)


def test_aliases_first_name_handle_case_and_typo_are_one_person() -> None:
    text = (
        "Attendees: Oliver Dunk (Acme), Rachel Wu (Beta)\n\n"
        " * [oliver] The budget is too small for the work.\n"
        " * [Oliver] We should wait a year then.\n"
        " * [ioliver] Is it a hard failure then?\n"
        " * [rachel] I think it can be fixed.\n"
        " * [rwu] It is a soft failure in our case.\n"
    )
    m = _map(text)
    assert len({s for s, _ in _turns(m)}) == 2
    assert {s for s, _ in _turns(m)} == {"Oliver Dunk", "Rachel Wu"}


def test_a_label_that_could_name_two_people_is_reported_not_guessed() -> None:
    text = (
        "Attendees: Rob Wu (Acme), Rob Hale (Beta), Ana Ruiz (Gamma)\n\n"
        " * [rob] The budget is too small for the work.\n * [ana] We should wait a year.\n"
    )
    m = _map(text)
    assert "Rob Wu" not in {s for s, _ in _turns(m)} and "Rob Hale" not in {s for s, _ in _turns(m)}
    assert any("'rob' could be Rob Wu or Rob Hale" in n for n in m.notes)


def test_handles_without_roster_merge_by_prefix() -> None:
    m = _map(
        "josh: The plan is fine as it stands.\n\nniko: I am not so sure of it.\n\n"
        "joshtriplett: Let us vote on it.\n\nniko: Fine, let us vote then.\n"
    )
    assert len({s for s, _ in _turns(m)}) == 2


def test_q_and_a_interview() -> None:
    m = _map("Q: Why did the fund fail so badly?\n\nA: The fund failed because credit dried up.\n")
    kinds = [c.kind for c in m.claims]
    assert kinds[0] == "question" and len(_turns(m)) == 2


def test_reactions_between_turns_become_relations() -> None:
    m = _map(
        "## Budget\n\n"
        "Ana: The fund should double this year.\n\n"
        "Ben: The fund is large enough already.\n\n"
        "Carl: I agree with Ana on this point.\n\n"
        "Dora: I disagree, the fund is too big.\n\n"
        "Ana: +1 to waiting a bit longer.\n"
    )
    people = {p.id: p.name for p in m.participants}
    claims = {c.id: c for c in m.claims}
    rel = [
        (r.type, people[claims[r.source].holders[0]], people[claims[r.target].holders[0]], r.cue.text)
        for r in m.relations
    ]
    assert ("agree", "Carl", "Ana", "I agree with Ana") in rel
    assert ("disagree", "Dora", "Carl", "I disagree") in rel
    assert ("agree", "Ana", "Dora", "+1") in rel
    assert any(s.relation == "disagree" for s in m.stances)
    _check_spans(m)


def test_reported_speech_inside_a_turn_credits_the_reported_person(tmp_path: Path) -> None:
    # a caption file: the reader sets the label apart from the turn's text, as TEI and HTML readers do
    f = tmp_path / "call.vtt"
    f.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nAna Ruiz: Good morning to all of you here today.\n\n"
        "00:00:05.000 --> 00:00:09.000\nBen Cole: Thank you for having us at this table.\n\n"
        "00:00:10.000 --> 00:00:15.000\nAna Ruiz: Cole argued that the fund should double this year. "
        "I disagree with that.\n",
        encoding="utf-8",
    )
    m = map_document(f)
    people = {p.id: p.name for p in m.participants}
    held = {(c.text, a.via, people[a.participant]) for c in m.claims for a in c.attributions}
    assert ("the fund should double this year", "reported", "Ben Cole") in held
    claims = {c.id: c for c in m.claims}
    rel = [
        (r.type, people[claims[r.source].holders[0]], people[claims[r.target].holders[0]])
        for r in m.relations
    ]
    assert ("disagree", "Ana Ruiz", "Ben Cole") in rel


def test_plain_name_list_roster_file(tmp_path: Path) -> None:
    f = tmp_path / "people.txt"
    f.write_text("John Smith (JS)\nAna Ruiz (Acme Corp)\n", encoding="utf-8")
    people = load_roster(f)
    assert people == [RosterPerson("John Smith", None, ("JS",)), RosterPerson("Ana Ruiz", "Acme Corp", ())]
    rec = tmp_path / "notes.txt"
    rec.write_text(
        "JS: The budget is too small for the work.\n\nAR: We should wait a year.\n", encoding="utf-8"
    )
    m = map_document(rec, roster=f)
    assert _turns(m)[0][0] == "John Smith"


def test_text_turns_are_shaped_so_reported_speech_inside_a_turn_credits_the_reported_person() -> None:
    m = _map(
        "Ana Ruiz: Good morning to all of you here.\n\n"
        "Ben Cole: Thank you for having us at this table.\n\n"
        "Ana Ruiz: Cole argued that the fund should double this year. I disagree with that.\n"
    )
    people = {p.id: p.name for p in m.participants}
    held = {(c.text, a.via, people[a.participant]) for c in m.claims for a in c.attributions}
    assert ("the fund should double this year", "reported", "Ben Cole") in held
    claims = {c.id: c for c in m.claims}
    rel = [
        (r.type, people[claims[r.source].holders[0]], people[claims[r.target].holders[0]])
        for r in m.relations
    ]
    assert ("disagree", "Ana Ruiz", "Ben Cole") in rel


def test_a_team_in_parentheses_in_a_label_is_no_parenthetical_attribution() -> None:
    m = _map(
        "Felix (Geth): The limit is too low for archive nodes.\n\n"
        "Ana (Besu): We can raise it in the next release.\n\n"
        "Felix (Geth): Then we should test it first.\n"
    )
    assert {p.name for p in m.participants} == {"Felix", "Ana"}
    assert all(a.via == "turn" for c in m.claims for a in c.attributions)


def test_chat_export_with_times_and_multiline_messages() -> None:
    m = _map(
        "00:03:01\tAna Ruiz:\tthe limit is too low for archive nodes\n"
        "EIP-1234: see the draft for the numbers\n"
        "00:03:40\tBen Cole:\twe can raise it in the next release\n"
        '00:04:02\tAna Ruiz:\tReacted to "we can raise it" with a thumbs up\n'
    )
    assert {p.name for p in m.participants} == {"Ana Ruiz", "Ben Cole"}
    assert not any(c.text.startswith("Reacted") for c in m.claims)


def test_style_declarations_and_fields_repeated_are_not_speakers() -> None:
    css = "body {\nmargin-left: 2em;\nfont-family: 'Droid Serif', serif;\n}\n"
    fields = "Venue: Room 4\nHost: City Hall\n"
    m = _map(("# Page\n\n" + css + "\n" + fields + "\n") * 3 + "The page closes with a line of prose here.\n")
    assert not _turns(m)


def test_the_founding_example_has_no_turns(demo_map) -> None:
    assert not any(a.via == "turn" for c in demo_map.claims for a in c.attributions)
    assert not any(c.kind == "decision" for c in demo_map.claims)


def test_turns_a_format_gives_are_credited_by_roster_key() -> None:
    from rapporteur.layout import Layout, LayoutBlock, RosterHint
    from rapporteur.model import Document

    text = (
        "Lord Abel: The budget is too small for what it must do. We should double it.\n\n"
        "Baroness Baker: I disagree with that entirely.\n"
    )
    t1, t2 = text.index("Lord Abel:"), text.index("Baroness Baker:")
    lay = Layout(
        blocks=(
            LayoutBlock("turn", t1, t2 - 2, label=(t1, t1 + len("Lord Abel:")), speaker="#abel"),
            LayoutBlock("turn", t2, len(text) - 1, label=(t2, t2 + len("Baroness Baker:")), speaker="#baker"),
        ),
        roster=(
            RosterHint("Lord Abel", "Crossbench", key="#abel"),
            RosterHint("Baroness Baker", key="#baker"),
        ),
    )
    base = ingest.load_text(text, source="sitting.xml")
    doc = Document(base.id, base.text, base.source, "sitting", "tei", base.sha256, layout=lay)
    m = extract(doc)
    got = _turns(m)
    assert got == [
        ("Lord Abel", "Lord Abel:"),
        ("Lord Abel", "Lord Abel:"),
        ("Baroness Baker", "Baroness Baker:"),
    ]
    assert [c.kind for c in m.claims] == ["claim", "proposal", "claim"]
    assert [r.type for r in m.relations] == ["disagree"]


def test_a_wrapped_line_that_starts_with_a_word_and_colon_is_no_label() -> None:
    one = (
        "**Ana:** The depot passed its inspection in March. The real problem is\n"
        "staffing: we cannot run more trains without more drivers.\n\n"
        "**Ben:** We should hire more drivers then, and soon.\n\n"
    )
    m = _map(one * 2)
    assert {p.name for p in m.participants} == {"Ana", "Ben"}
    assert any(c.text.startswith("The real problem is\nstaffing") for c in m.claims)


def test_an_uncertain_label_is_left_unattributed_with_a_note() -> None:
    m = _map(
        " * [ana] The budget is too small for the work.\n"
        " * [Carl Dunn?] Is there money set aside for repairs?\n"
        " * [ben] We should wait a year.\n"
    )
    assert {p.name for p in m.participants} == {"ana", "ben"}
    assert any("'Carl Dunn?' is marked uncertain" in n for n in m.notes)


def test_a_titled_heading_with_a_colon_stays_a_heading_and_a_short_turn_is_no_heading() -> None:
    prose = "The group weighed the reforms at length and heard many views on their effects on growth."
    m = _map(
        f"{prose}\n\nPart II: Land, Labour and Capital\n\n{prose}\n\nAna: Okay, let us start now!\n\n{prose}\n"
    )
    assert [t.title for t in m.themes] == ["Part II: Land, Labour and Capital"]


def test_a_present_line_is_a_roster_not_a_theme() -> None:
    m = _map(
        "# Call\n\nPresent: Ana Ruiz, Ben Cole\n\n"
        "Ana: The budget is too small for the work we have.\n\nBen: We should wait a year.\n\nAna: Maybe so.\n"
    )
    assert [t.title for t in m.themes] == ["Call"]
    assert [p.name for p in m.participants] == ["Ana Ruiz", "Ben Cole"]


def test_turns_in_list_items_a_reader_gives_end_with_their_item() -> None:
    from rapporteur.layout import Layout, LayoutBlock
    from rapporteur.model import Document

    text = "[ana] The budget is too small for the work.\n\n[ben] We should wait a year.\n\nThe call then ended.\n"
    a, b, c = text.index("[ana]"), text.index("[ben]"), text.index("The call")
    lay = Layout(
        blocks=(
            LayoutBlock("list_item", a, b - 2),
            LayoutBlock("list_item", b, c - 2),
            LayoutBlock("paragraph", c, len(text) - 1),
        )
    )
    base = ingest.load_text(text, source="notes.md")
    m = extract(Document(base.id, base.text, base.source, "notes", "markdown", base.sha256, layout=lay))
    assert [s for s, _ in _turns(m)] == ["ana", "ben"]
    assert not any("call then ended" in cl.text for cl in m.claims if cl.attributions)


from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LABELS = st.sampled_from(
    ["Ana:", "**Ben:**", "[carl]", "<dora>", "Mr. EVANS:", "All:", "Note:", "JS:", "@fay"]
)
_TEXT = st.text(alphabet=st.sampled_from(list("abc xyz.?,:!()[]*\n")), min_size=0, max_size=60)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_LABELS, _TEXT), min_size=1, max_size=12))
def test_any_mix_of_labels_and_text_keeps_every_span_exact(parts) -> None:
    text = "\n\n".join(f"{lb} {body}" for lb, body in parts) + "\n"
    if not text.strip():
        return
    m = _map(text)
    _check_spans(m)
    pseudo = {"all", "note"}
    assert not any(p.name.lower().strip(":") in pseudo for p in m.participants)


def test_a_handle_made_of_initial_and_surname_in_prose_is_the_speaker() -> None:
    m = _map(
        "**Kevin Ball:** Single-page apps make rich tools possible in the browser.\n\n"
        "**Nick Nisi:** Kball argued that rich tools need single-page apps, and I disagree.\n\n"
        "**Kevin Ball:** They do need them, in most cases I know of.\n"
    )
    assert {p.name for p in m.participants} == {"Kevin Ball", "Nick Nisi"}
    kevin = next(p for p in m.participants if p.name == "Kevin Ball")
    assert "Kball" in kevin.aliases


ZOOM = """Jane Doe  00:01:02
Hello everyone, thanks for joining the call today.

Rafael Ortiz  00:01:10
Thanks Jane. I think we should start with the budget item.

Jane Doe  00:01:25
Is everyone happy with the draft we circulated?
"""
SLACK = """Jane Doe [10:31 AM]
we should ship the release on friday, the tests are green

Rafael Ortiz [10:33 AM]
I disagree, the migration is not ready yet and it will break old clients
"""


@pytest.mark.parametrize("text", [ZOOM, SLACK], ids=["zoom", "slack"])
def test_name_and_time_on_a_line_with_the_text_below(text: str) -> None:
    m = _map(text, "call.txt")
    assert [p.name for p in m.participants] == ["Jane Doe", "Rafael Ortiz"]
    assert m.claims[0].attributions[0].marker.text == "Jane Doe"
    _check_spans(m)


def test_a_paragraph_led_by_another_label_is_not_the_last_speakers() -> None:
    m = _map(
        "Mr. JONES (Ohio): I rise in support of the amendment before the House.\n\n"
        "The SPEAKER pro tempore: The gentleman's time has expired.\n\n"
        "Mrs. LEE of California: I disagree with the premise of the amendment.\n\n"
        "Mr. JONES (Ohio): The premise is simple: the program works.\n"
    )
    people = {p.id: p.name for p in m.participants}
    held = {c.text: people[c.attributions[0].participant] for c in m.claims if c.attributions}
    assert held.get("The gentleman's time has expired") != "Mr. JONES"


@pytest.mark.parametrize(
    "text",
    [
        "# Glossary\n\nAPI: An interface through which programs talk.\n\nSDK: A kit of tools for building.\n\n"
        "CLI: A program driven by typed commands.\n",
        "# Findings\n\nCost: The programme cost twice the estimate.\n\nTimeline: Delivery slipped by a year.\n\n"
        "Quality: Users rated the service well.\n",
    ],
    ids=["glossary", "findings"],
)
def test_terms_defined_once_each_are_not_speakers(text: str) -> None:
    assert not _turns(_map(text))


def test_a_register_of_repeated_fields_has_no_speakers() -> None:
    item = "Risk: The vendor may miss the deadline by a month.\n\nMitigation: We keep a second vendor on call.\n\n"
    assert not _turns(_map("# Risks\n\n" + item * 3))


def test_heading_name_lines_over_their_text_are_turns_not_themes() -> None:
    text = (
        "# The debate\n\n## Budget Review\n\n### Ana Ruiz\n\nThe budget is too small for the work. We should double it.\n\n"
        "### Ben Cole\n\nI disagree. The fund is large enough already.\n\n"
        "### Ana Ruiz\n\nThen we lose the staff we have now.\n\n### Ben Cole\n\nWe keep the staff with the fund we have.\n\n"
        "## Next item\n\nThe meeting then turned to staffing and the rota for the year.\n"
    )
    m = _map(text)
    assert [t.title for t in m.themes] == ["The debate", "Budget Review", "Next item"]
    assert [s for s, _ in _turns(m)] == [
        "Ana Ruiz",
        "Ana Ruiz",
        "Ben Cole",
        "Ben Cole",
        "Ana Ruiz",
        "Ben Cole",
    ]
    review = next(t.id for t in m.themes if t.title == "Budget Review")
    assert all(c.theme == review for c in m.claims if c.attributions)
    assert not any("rota" in c.text for c in m.claims if c.attributions)
    _check_spans(m)


def test_repeated_section_headings_of_minutes_are_themes_not_voices() -> None:
    item = "### Discussion\n\nThe group weighed the cost of the new depot at length.\n\n### Next Actions\n\nAna drafts the letter.\n\n"
    m = _map("# Minutes\n\n" + "## Item\n\n" + item + "## Item two\n\n" + item)
    assert not _turns(m)
    assert "Discussion" in [t.title for t in m.themes]


def test_a_backchannel_is_no_agreement() -> None:
    # "Right." while another speaks acknowledges; it does not take a side (precision first)
    text = (
        "Ana: The budget is too small for what the team must deliver this year.\n\n"
        "Ben: Right.\n\n"
        "Ana: So we should ask the board for more money before the summer.\n\n"
        "Ben: Exactly.\n"
    )
    m = _map(text)
    names = {p.id: p.name for p in m.participants}
    pairs = {(frozenset((names[s.a], names[s.b])), s.relation) for s in m.stances}
    assert (frozenset(("Ana", "Ben")), "agree") in pairs  # "Exactly." answers the proposal
    by_cue = [r.cue.text for r in m.relations]
    assert "Right" not in " ".join(by_cue)


def test_a_podcast_jingle_is_no_speaker() -> None:
    text = (
        "**Ana Ruiz:** Welcome back to the show; today we argue about the city budget again.\n\n"
        "**Ben Cole:** The budget is too small for what the city must do this year.\n\n"
        "**Jingle:** \\[12:01\\] to \\[12:05\\]\n\n"
        "**Ana Ruiz:** So we should ask the council for more money before the summer.\n\n"
        "**Ben Cole:** I agree with that, and soon.\n"
    )
    m = _map(text)
    assert {p.name for p in m.participants} == {"Ana Ruiz", "Ben Cole"}


# The turn reader skips work by design: a line without a label's character is not parsed, a
# sentence's words are counted only up to min_words, turn cues are tried as an anchored plus a
# floating alternation. Each shortcut must give the answer of the full computation it replaced.
_LINE_PIECES = [
    "Ana",
    "BEN COLE",
    "Mr. SMITH",
    "jane",
    ":",
    "**",
    "[",
    "]",
    "<",
    ">",
    "@",
    "12:01",
    "00:01:02",
    " ",
    "\t",
    "- ",
    "* ",
    "1. ",
    "(00:12)",
    "yes, but",
    "I agree",
    "only if",
    "we should",
    "é",
    "_",
    "'",
    "’",
    "?",
    ".",
    "https://x.org",
    "—",
    "x",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=14).map("".join))
@example("@dana wants option two")  # one line of each label convention, so each character is needed
@example("12:01 <bob> hi there")
@example("[12:01] <bob> hi there")
@example("<bob> hi there")
@example("[vera] hi there")
@example("**Ana:** hi there")
@example("Jane Doe  00:01:02")
@example("Jane Doe [10:31 AM]")
@example("jane 10:31 p.m. ")
@example("Jane Doe 10:31 PM")
@example("Ana: yes, but only if we should")
@example("we should go, only if")
@example("Yes, but we must")
def test_reading_shortcuts_give_the_full_answer(line: str) -> None:
    from rapporteur.attribute import _turn_labels as lab
    from rapporteur.attribute import turns
    from rapporteur.lexicon import lexicon

    if not turns._LABEL_CHAR.search(line):
        assert lab.parse(line, 0) is None
    if lab._IRC_TAB.match(line) or lab._IRC_TIME.match(line):  # tried only on a line opening so
        assert line[:1] in "[<" or line[:1].isdecimal()
    if lab._NAME_TIME.match(line):  # the name-over-time pattern is only tried on a line ending so
        assert line.rstrip(" \t\n")[-1:] in lab._TIME_END
    n = int(lexicon("turns").get("min_words", 3))
    assert (len(turns._WORDS.findall(line)) >= n) == (turns._enough_words()[0].match(line) is not None)
    for kind in ("proposal", "qualification"):
        assert lab.has_turn_cue(kind, line) == bool(lab.turn_cues(kind).search(line))
    assert lab.has_turn_cue("reactions", line) == bool(lab.turn_cues_any().search(line))
    q, p = (bool(lab.turn_cues(k).search(line)) for k in ("qualification", "proposal"))
    assert lab.turn_kind(line) == ("qualification" if q else "proposal" if p else "claim")


def test_a_series_banner_repeated_in_bound_papers_speaks_no_section() -> None:
    """Two working papers bound in one file, each under the same bold banner lines: the banner repeats,
    as a speaker's bold label would, but no section heading falls inside a speaker's turn, so every
    claim under a heading is the parenthetical's and none the banner's. (The title and byline lines
    between the second banner and its first heading are still read as the banner's turn: see the
    session note; only the sections are asserted here.)"""
    paper = (
        "**CENTRE FOR POLICY STUDIES**\n\n**OCCASIONAL PAPERS**\n\nNumber {n}\n\n"
        "WATER RIGHTS IN THE DRY VALLEYS\n\nby Dora Quist\n\n"
        "I. The question\n\n"
        "Several participants held that the permit register should be public (Ruiz, Cole). "
        "Others thought the fees too high for small farms (Holm).\n\n"
        "II. The answers\n\n"
        "The board was thought to lack the staff to enforce the quotas it sets (Cole).\n\n"
        "The discussion then moved on to the cost of the new wells in the north.\n\n"
    )
    text = paper.format(n=7) + paper.format(n=8)
    m = extract(ingest.load_text(text, source="papers.txt"))
    first_heading = text.index("I. The question")
    second = text.index("Number 8")
    sections = [(first_heading, second), (text.index("I. The question", second), len(text))]
    under_headings = [c for c in m.claims if any(a <= c.start < b for a, b in sections)]
    assert len(under_headings) == 6  # three parenthetical claims per paper; the closing line is nobody's
    assert all({a.via for a in c.attributions} == {"parenthetical"} for c in under_headings)


def test_a_section_heading_ends_a_speakers_turn() -> None:
    """A heading between two paragraphs closes the turn: the text under the next heading, with no label
    of its own, is the record's, not the last speaker's."""
    text = (
        "# Minutes\n\n## Budget\n\n"
        "**Ana Ruiz:** The budget is too small for the work.\n\n"
        "**Ben Cole:** We should wait a year before we ask for more.\n\n"
        "## Staffing\n\n"
        "The rota for the year was agreed without discussion by the group.\n"
    )
    m = _map(text)
    assert [s for s, _ in _turns(m)] == ["Ana Ruiz", "Ben Cole"]
    assert not any("rota" in c.text for c in m.claims if c.attributions)


@pytest.mark.parametrize("label", ["Editor's note", "Author’s note", "Translator's summary"])
def test_a_possessive_note_label_ends_the_turn_and_speaks_for_nobody(label: str) -> None:
    """ "Editor's note: ..." is the record's own voice, as "Note: ..." is: it ends the turn going on and
    is nobody's claim, where a name-shaped label would open a turn of its own."""
    text = (
        "**Ana Ruiz:** The budget is too small for the work we have.\n\n"
        "**Ben Cole:** We should wait a year before asking for more.\n\n"
        f"{label}: The recording breaks off here and resumes after the break.\n\n"
        "The rest of the hour went to the rota and to the budget for the hall.\n"
    )
    m = _map(text)
    assert [s for s, _ in _turns(m)] == ["Ana Ruiz", "Ben Cole"]
    assert not any("recording" in c.text or "rota" in c.text for c in m.claims if c.attributions)


def test_label_styles_tried_only_after_their_opening() -> None:
    """parse tries the bold and bracket styles only where "**" or "[" opens the label: each still reads."""
    from rapporteur.attribute import _turn_labels as tl

    cases = {
        "**Ana Ruiz:** we should act.": "bold",
        "- **Ana Ruiz**: we should act.": "bold",
        "**Ana Ruiz**": "boldline",
        "[Ana Ruiz] we should act.": "bracket",
        "Ana Ruiz: we should act.": "colon",
    }
    for line, style in cases.items():
        lb = tl.parse(line, 0)
        assert lb is not None and lb.style == style and lb.name == "Ana Ruiz", line


def test_a_record_without_turns_keeps_its_outcomes_read_once() -> None:
    """The turn shaper reads every line; where it finds no turns it keeps the outcome lines it saw, and
    the turns detector credits them from there: the same decision claims as reading the lines again."""
    from dataclasses import replace

    from rapporteur.attribute import turns
    from rapporteur.pipeline import prepare

    text = (
        "Introduction\n\nThe board reviewed the budget at length and heard the treasurer's report.\n\n"
        "RESOLVED: the fund doubles from January.\n\nThe meeting closed at noon.\n"
    )
    st, _people, ctx, _listed = prepare(ingest.load_text(text, source="minutes.txt"))
    assert not st.turns and st.outcomes is not None and len(st.outcomes) == 1
    kept = list(turns.detect(st, ctx))
    again = list(turns.detect(replace(st, outcomes=None), ctx))  # every line read again
    assert kept == again and [text[c.start : c.end] for c in kept] == ["the fund doubles from January"]
    assert [c.kind for c in extract(ingest.load_text(text, source="minutes.txt")).claims] == ["decision"]
