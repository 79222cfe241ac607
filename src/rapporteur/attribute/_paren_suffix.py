"""Whether a pattern every branch of which ends at the end (``...\\s*$``) matches the end of a range,
read backwards: one anchored match of the reversed pattern on the reversed range.

The exception cues before a marker ("with the exception of (...)", "apart from (...)") are such
patterns, searched in the 60 characters before each marker. ``re`` finds a match of them by trying
every start position of the range, and a branch that opens with ``\\b`` gets none of its literal skip:
some 60 attempts of six branches per marker, ~12 us. Reversed, every branch is anchored at the start
of the reversed range, so one attempt says the same thing (a match of the pattern ending at the end of
the range is a match of the reversed pattern starting at the start of the reversed range).

The reversal covers what a cue list needs (literals, classes, groups, alternation, repeats, ``\\b``
``\\B``, a final ``$`` or ``\\Z``); a pattern with anything else (a lookaround, a back-reference, an
inline flag group, a branch not anchored at the end, ``re.MULTILINE``) keeps the plain search, so the
answer is the search's whatever the pattern.
"""

from __future__ import annotations

from collections.abc import Callable
from re import _constants as sre
from re import _parser

from rapporteur import _regex as re

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


class _Unsupported(Exception):
    """The pattern holds something the reversal does not cover: the plain search is kept."""


def _char(c: int) -> str:
    ch = chr(c)
    return ch if ch.isascii() and ch.isalnum() else f"\\U{c:08x}"


def _item(op: object, av: object) -> str:
    """One parsed item, forwards (an item has no inside to reverse but a group's)."""
    if op is sre.LITERAL:
        return _char(av)  # type: ignore[arg-type]
    if op is sre.NOT_LITERAL:
        return f"[^{_char(av)}]"  # type: ignore[arg-type]
    if op is sre.ANY:
        return "."
    if op is sre.IN:
        body = []
        for iop, iav in av:  # type: ignore[attr-defined]
            if iop is sre.NEGATE:
                body.insert(0, "^")
            elif iop is sre.LITERAL:
                body.append(_char(iav))
            elif iop is sre.RANGE:
                body.append(f"{_char(iav[0])}-{_char(iav[1])}")
            elif iop is sre.CATEGORY and iav in _CATEGORIES:
                body.append(_CATEGORIES[iav])
            else:
                raise _Unsupported(iop)
        return "[" + "".join(body) + "]"
    if op is sre.AT and av is sre.AT_BOUNDARY:
        return r"\b"
    if op is sre.AT and av is sre.AT_NON_BOUNDARY:
        return r"\B"
    raise _Unsupported(op)


def _reversed(items: list[tuple[object, object]]) -> str:
    """A sequence of parsed items, reversed: the items in the other order, each group reversed within."""
    out = []
    for op, av in reversed(items):
        if op is sre.BRANCH:
            out.append("(?:" + "|".join(_reversed(list(b)) for b in av[1]) + ")")  # type: ignore[index]
        elif op is sre.SUBPATTERN:
            _group, add, remove, sub = av  # type: ignore[misc]
            if add or remove:
                raise _Unsupported(op)
            out.append("(?:" + _reversed(list(sub)) + ")")
        elif op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
            lo, hi, sub = av  # type: ignore[misc]
            top = "" if hi is sre.MAXREPEAT else str(hi)
            out.append(f"(?:{_reversed(list(sub))}){{{lo},{top}}}")
        else:
            out.append(_item(op, av))
    return "".join(out)


def _branches(tree: list[tuple[object, object]]) -> list[list[tuple[object, object]]]:
    if len(tree) == 1 and tree[0][0] is sre.BRANCH:
        return [list(b) for b in tree[0][1][1]]  # type: ignore[index]
    return [tree]


def _end_anchored_reversal(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` reversed, every branch anchored at the reversed range's start; None if not covered."""
    if pattern.flags & (re.MULTILINE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    # the reversal is read from the parse tree, pure-Python work kept between runs as the parse is
    reversed_source = re.remembered(_reversal, (pattern.pattern, pattern.flags))
    return None if reversed_source is None else re.compile(reversed_source, pattern.flags & ~re.MULTILINE)


def _reversal(key: tuple[str, int]) -> str | None:
    source, flags = key
    try:
        tree = list(_parser.parse(source, flags))
        alts = []
        for branch in _branches(tree):
            if not branch or branch[-1][0] is not sre.AT:
                return None
            anchor = branch[-1][1]
            # "$" holds at the end and before a final "\n"; "\Z" only at the end
            if anchor is sre.AT_END:
                lead = r"\n?"
            elif anchor is sre.AT_END_STRING:
                lead = ""
            else:
                return None
            alts.append(lead + _reversed(branch[:-1]))
        reversed_source = r"\A(?:" + "|".join(alts) + ")"
        re.compile(reversed_source, flags & ~re.MULTILINE)  # raises re.error where it is no pattern
        return reversed_source
    except (_Unsupported, re.error, TypeError, ValueError, IndexError):
        return None


def suffix_search(pattern: re.Pattern[str]) -> Callable[[str, int, int], bool]:
    """A test ``(text, lo, hi) -> bool`` that says what ``pattern.search(text[lo:hi]) is not None``
    says: by one match of the reversed pattern where it can be reversed, by the search otherwise."""
    rev = _end_anchored_reversal(pattern)
    if rev is None:
        return lambda text, lo, hi: pattern.search(text[lo:hi]) is not None
    match = rev.match

    def test(text: str, lo: int, hi: int) -> bool:
        if hi <= lo:
            return match("") is not None
        return match(text[hi - 1 : lo - 1 if lo else None : -1]) is not None  # text[lo:hi] backwards

    return test
