"""The ``groups`` pattern of ``relations.yaml`` is written as a prefix trie for speed; it must match
exactly what the plain alternation it replaced matched, in every family pattern that uses it.

The plain alternation is kept here verbatim. Alternatives starting with different letters cannot
both match at one position, so grouping them by first letter (the order kept within a letter) changes
no match; this test checks it on every phrase the alternation describes, in the cue frames the
families use, in several letter cases, and on the founding example and the bench fixtures.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from rapporteur.lexicon import lexicon

PLAIN_GROUPS = (
    r"(?:others|still\ others|other\ (?:\w+\ )?(?:participants|members|speakers|delegates|panel(?:l)?ists|"
    r"experts|commentators|respondents|contributors|scholars|attendees|colleagues|discussants)|some\ (?:\w+\ )?"
    r"(?:participants|members|speakers|delegates|panel(?:l)?ists|experts|scholars|attendees|discussants)|"
    r"several\ (?:\w+\ )?(?:participants|members|speakers|delegates|panel(?:l)?ists|experts|attendees|"
    r"discussants)|a\ (?:few|number\ of)\ (?:\w+\ )?(?:participants|members|speakers|delegates|"
    r"panel(?:l)?ists|experts|attendees)|at\ least\ (?:one|two|some)\ (?:\w+\ )?(?:participants?|members?|"
    r"speakers?|delegates?|panel(?:l)?ists?|experts?)|one\ (?:\w+\ )?(?:participant|member|speaker|delegate|"
    r"panel(?:l)?ist|expert|discussant)|(?:the\ )?critics|(?:the\ )?(?:sceptics|skeptics)|(?:the\ )?opponents|"
    r"dissenters|some)"
)

HEADS = ["others", "still others", "some", "the critics", "critics", "the sceptics", "skeptics", "sceptics"]
HEADS += ["the opponents", "opponents", "dissenters", "the skeptics", "some some", "other", "one", "a few"]
NOUNS = ["participants", "participant", "members", "experts", "expert", "panelists", "panellists"]
NOUNS += ["scholars", "discussants", "discussant", "colleagues", "delegates", "attendees", "speakers"]
for q in ["other", "some", "several", "a few", "a number of", "at least one", "at least two", "one"]:
    for n in NOUNS:
        HEADS += [f"{q} {n}", f"{q} senior {n}", f"{q} very senior {n}"]
FRAMES = [
    "But {g} argued that the plan fails.",
    "However, as the record shows, {g} vigorously maintained it.",
    "{g} strongly disagreed.",
    "{g} disagreed with this view.",
    "{g} cautioned against it.",
    "{g} sought an alternative explanation.",
    "{g} quietly offered different accounts.",
    "{g} agreed.",
    "{g} shared this view.",
    "While agreeing on the aim, {g} doubted it.",
    "{g}",
    "{g}s argued",
]


def _text() -> str:
    lines = [f.format(g=h) for h in HEADS for f in FRAMES]
    lines += [line.upper() for line in lines[::7]] + [line.title() for line in lines[::5]]
    return "\n".join(lines)


def _records() -> list[str]:
    root = Path(__file__).parent.parent / "bench" / "fixtures"
    out = [p.read_text("utf-8") for p in sorted(root.glob("*.txt"))]
    out.append(resources.files("rapporteur").joinpath("data/demo-report.txt").read_text("utf-8"))
    return out


def _pairs() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    lex = lexicon("relations")
    out = []
    for f in lex["families"]:
        for i, p in enumerate(f["patterns"]):
            if "{group}" not in p:
                continue
            old = p.replace("{group}", PLAIN_GROUPS).replace("{view}", lex["views"])
            new = p.replace("{group}", lex["groups"]).replace("{view}", lex["views"])
            out.append((f"{f['name']}[{i}]", re.compile(old, re.I), re.compile(new, re.I)))
    out.append(("groups", re.compile(PLAIN_GROUPS, re.I), re.compile(lex["groups"], re.I)))
    return out


@pytest.mark.parametrize("name,old,new", _pairs(), ids=lambda x: x if isinstance(x, str) else "")
def test_groups_trie_matches_what_the_alternation_matched(
    name: str, old: re.Pattern, new: re.Pattern
) -> None:
    text = _text()
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], name
    pos = 0
    for line in text.split("\n"):  # searched line by line, as cues are searched sentence by sentence
        end = pos + len(line)
        a, b = old.search(text, pos, end), new.search(text, pos, end)
        assert (a and a.span()) == (b and b.span()), (name, line)
        pos = end + 1
    for rec in _records():
        assert [m.span() for m in new.finditer(rec)] == [m.span() for m in old.finditer(rec)], name
