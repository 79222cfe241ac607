"""read_rosters reads only the lines that can list people (one scan of the text finds them): each
shape a roster takes is still read, and a turn's "Name: ..." line is passed over."""

from __future__ import annotations

from rapporteur.rosters import _MAY_LIST, read_rosters


def _names(text: str) -> list[str]:
    return [p.name for p in read_rosters(text).people]


def test_each_roster_shape_is_still_read() -> None:
    assert _names("Present: Ana Ruiz, Ben Cole\n\nAna Ruiz: Hello.") == ["Ana Ruiz", "Ben Cole"]
    assert _names("**Attendees**: Vera Holm and Ben Cole\n") == ["Vera Holm", "Ben Cole"]
    assert _names("- Present: Ana Ruiz\n") == ["Ana Ruiz"]
    assert _names("## Participants\n\n- Ana Ruiz (Acme)\n- Ben Cole\n") == ["Ana Ruiz", "Ben Cole"]
    assert _names("Participants:\n1. Vera Holm\n2. Ben Cole\n") == ["Vera Holm", "Ben Cole"]
    assert _names("Ana Ruiz (AR), Ben Cole (BC)\n") == ["Ana Ruiz", "Ben Cole"]
    assert _names("<vholm> present+\n") == ["vholm"]


def test_a_turn_line_is_no_candidate_but_a_label_line_is() -> None:
    text = "Ana Ruiz: We agree.\nPRESENT: Ben Cole\nNote: none.\n"
    lines = [m.group() for m in _MAY_LIST.finditer(text)]
    assert lines == ["PRESENT: Ben Cole"]
    assert _names(text) == ["Ben Cole"]


def test_candidate_lines_match_the_backtracking_scan() -> None:
    """The candidate-line scan (a possessive run before "#", "(" or "+") finds the same whole lines
    as the plain run that backs up to the last of them."""
    import random
    import re

    from rapporteur import rosters

    labels = "|".join(sorted((re.escape(w) for w in rosters._ROSTER_LABELS), key=len, reverse=True))
    plain = re.compile(
        r"^(?:[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t][^\n]*|[^\n]*[#(+][^\n]*"
        r"|[ \t]*(?:\*\*)?(?i:" + labels + r")[^\n]*)$",
        re.M,
    )
    rng = random.Random(13)
    alphabet = ["a", "B", " ", "\t", "#", "(", "+", "-", "*", "1", ".", ")", ":", "\n", "\n", "Present", "**"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        got = [(m.start(), m.end()) for m in rosters._MAY_LIST.finditer(text)]
        assert got == [(m.start(), m.end()) for m in plain.finditer(text)], repr(text)
