"""A case-blind alternation that is searched only from the characters a match can start with.

Python's regex engine skips ahead to a candidate start only when a pattern opens with a literal or a
character class that ignores no case; a case-blind cue list ("\\bwe\\s+should\\b|\\bonly\\s+if\\b|...")
opens with neither, so ``search`` tries the whole alternation at every position of a sentence (3 us a
sentence for the turns' proposal and qualification cues). ``quick_search`` wraps the same alternation
behind a class of the characters its matches can start with, compiled without IGNORECASE so the engine
skips to them; the alternation is then tried, case-blind and unchanged, from each such character. Only
the truth of a search is the alternation's: its match is one character long.

The class is a superset, so no match is lost: every ASCII character some first character matches
case-blind (each is tried on the alternation's own first class), and every non-ASCII character (case
folding maps a few onto ASCII letters and back: Kelvin sign, long s, dotless i). A pattern whose first
characters cannot be read ("\\w", ".", a negated class) or that can match the empty string is compiled
as it is.
"""

from __future__ import annotations

from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

from rapporteur import _regex as re

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _first(items) -> tuple[set[str], bool] | None:  # type: ignore[no-untyped-def]
    """(characters a match of the parsed sequence can start with, whether it can be empty), or None."""
    out: set[str] = set()
    for op, av in items:
        got = _first_of(op, av)
        if got is None:
            return None
        out |= got[0]
        if not got[1]:
            return out, False
    return out, True


def _first_of(op, av) -> tuple[set[str], bool] | None:  # type: ignore[no-untyped-def]
    if op is sre.LITERAL:
        return {chr(av)}, False
    if op is sre.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is sre.LITERAL:
                chars.add(chr(a))
            elif o is sre.RANGE and a[1] - a[0] < 256:
                chars.update(map(chr, range(a[0], a[1] + 1)))
            else:
                return None  # a negated class, a category: any character may start it
        return chars, False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # zero width: what follows starts the match
    if op is sre.SUBPATTERN:
        return _first(av[3])
    if op is sre.ATOMIC_GROUP:
        return _first(av)
    if op is sre.BRANCH:
        chars, empty = set(), False
        for branch in av[1]:
            got = _first(branch)
            if got is None:
                return None
            chars |= got[0]
            empty = empty or got[1]
        return chars, empty
    if op in _REPEATS:
        got = _first(av[2])
        return None if got is None else (got[0], got[1] or av[0] == 0)
    return None


def quick_search(patterns: list[str]) -> re.Pattern[str] | None:
    """The case-blind alternation of ``patterns`` as a pattern whose ``search`` is true exactly when
    the alternation's is (see the module's note); None for no patterns."""
    if not patterns:
        return None
    alt = "|".join(f"(?:{p})" for p in patterns)
    got = _first(sre_parse.parse(alt, re.IGNORECASE).data)
    if got is None or got[1] or not got[0]:
        return re.compile(alt, re.IGNORECASE)
    first = re.compile("[" + "".join(re.escape(c) for c in sorted(got[0])) + "]", re.IGNORECASE)
    others = "".join(re.escape(chr(i)) for i in range(128) if not first.match(chr(i)))
    try:  # back one character, then the alternation from there: a lookbehind one character wide
        return re.compile(f"[^{others}](?<=(?=(?i:{alt}))(?s:.))")
    except re.error:
        return re.compile(alt, re.IGNORECASE)


__all__ = ["quick_search"]
