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
