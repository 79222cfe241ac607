"""Sentence spans in a paragraph: where a stop ends a sentence and where it ends an abbreviation.

Split out of ``rapporteur.structure`` (which re-exports ``split_sentences``, as the detectors import it
from there): it runs on every paragraph and turn, so it is kept small and its work per stop to C calls.
"""

from __future__ import annotations

from rapporteur import _regex as re
from rapporteur.lexicon import words

# A match starts only where a run of stops starts and never gives back what it took: on a run of 100k
# dots with no space after it, each position is tried once instead of rescanning the rest of the run.
_SENT_END = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s)")
_ABBREV_WORD = re.compile(r"([\w.’']+)[.!?]+[\"'”’)\]]*$")


_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_SPACE = re.compile(r"\s*")


def _is_abbreviation(token: str) -> bool:
    t = token.lower().rstrip(".")
    if len(t) == 1 and t.isalpha():
        return True  # an initial: "J. Smith", "D. C."
    if _INITIALISM.fullmatch(t):
        return True  # "e.g", "u.k", "e.v.k"
    return t in words("structure", "abbreviations")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``; a parenthetical right after a full stop stays with it.

    Called for every paragraph and turn, so the work per sentence end is kept to C calls: whitespace is
    skipped by one match, and the word before a stop is only read when the stop is a full stop."""
    out: list[tuple[int, int]] = []
    s = _SPACE.match(text, start, end).end()  # type: ignore[union-attr]
    s = start if s == start else s
    pos = s
    search = _SENT_END.search
    space = _SPACE.match
    while pos < end:
        m = search(text, pos, end)
        if not m:
            break
        stop = m.end()
        nxt = space(text, stop, end).end()  # type: ignore[union-attr]
        if nxt >= end:
            break
        if text[m.start()] == ".":
            word = _ABBREV_WORD.search(text, max(s, m.start() - 30), stop)
            if word and _is_abbreviation(word.group(1)):
                pos = stop
                continue
        c = text[nxt]
        if c == "(":  # "...? (Abel) In each case": the marker belongs to the sentence it closes
            close = text.find(")", nxt, min(end, nxt + 120))
            if close != -1 and "(" not in text[nxt + 1 : close]:
                after = space(text, close + 1, end).end()  # type: ignore[union-attr]
                if after >= end or text[after].isupper() or text[after] in "\"“'‘":
                    stop, nxt = close + 1, after
                    if nxt >= end:
                        break
                    c = text[nxt]
        if not (c.isupper() or c.isdigit() or c in "\"“'‘([#*-"):
            pos = stop
            continue
        out.append((s, stop))
        s = nxt
        pos = nxt
    e = end
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        # the caller's own int objects where the spans meet its ends: a paragraph of one sentence
        # then holds two offsets, not four (offsets past 256 are objects of 28 bytes each)
        out.append((s, end if e == end else e))
    return out


__all__ = ["split_sentences"]
