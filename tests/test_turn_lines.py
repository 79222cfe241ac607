"""The turn shape's line readers: a non-blank line is what ``str.strip`` leaves something of, and a
turn's lines join as they did when each line was sliced and split, whatever white space they hold."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rapporteur.attribute._turn_shape import _join, _lines_of
from rapporteur.structure import Paragraph

_CHARS = "ab \t\n\r\x0b\x0c\x1c\x1d\x85\xa0\u2028\u200b\u3000-*1.)"


def _lines_by_slicing(text: str, para: Paragraph) -> list[tuple[int, int, int]]:
    out = []
    for s, e in para.pieces:
        pos = s
        while pos <= e:
            nl = text.find("\n", pos, e)
            end = e if nl < 0 else nl
            if end > pos and text[pos:end].strip():
                out.append((pos, end, 0))
            pos = end + 1
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_non_blank_lines_are_those_strip_keeps(text: str, a: int, b: int) -> None:
    s, e = sorted((min(a, len(text)), min(b, len(text))))
    para = Paragraph(((s, e),))
    assert _lines_of(text, para) == _lines_by_slicing(text, para)


def _join_by_slicing(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    import re

    bullet_line = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")
    out: list[tuple[int, int]] = []
    for s, e in spans:
        line_start = text.rfind("\n", 0, s) + 1
        bullet = (bool(bullet_line.match(text, line_start)) and line_start < s) or bool(
            bullet_line.match(text, s)
        )
        if out and not bullet and text[out[-1][1] : s].count("\n") == 1:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \t\n-*1.)", max_size=60))
def test_lines_join_as_before(text: str) -> None:
    spans = [(s, e) for s, e, _ in _lines_of(text, Paragraph(((0, len(text)),)))]
    assert _join(text, spans) == _join_by_slicing(text, spans)
