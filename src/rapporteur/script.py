"""Letters of every script, for the patterns that read names: Python's ``re`` has no ``\\p{Lu}``, and a
pattern written ``[A-Z]`` silently loses every surname that starts with Ł, Š, Č, Ż, Ő, İ, or is Greek or
Cyrillic. Built once, at import, from ``str.isupper``/``istitle`` (about 10 ms)."""

from __future__ import annotations

import re


def _class_of(test) -> str:  # type: ignore[no-untyped-def]
    """A regex character class of every code point (to U+1FFFF) ``test`` accepts, as ranges."""
    ranges: list[tuple[int, int]] = []
    for c in range(0x20000):
        if test(chr(c)):
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1] = (ranges[-1][0], c)
            else:
                ranges.append((c, c))
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


#: Capital letters of every script (Ł, Š, İ, Greek, Cyrillic, ...), not only Latin-1: Python's ``re`` has
#: no ``\p{Lu}``, so the class is built once from ``str.isupper``/``istitle``.
UPPER = "[" + _class_of(lambda ch: ch.isupper() or ch.istitle()) + "]"
#: Combining marks, so a name typed with decomposed accents ("Jose" + U+0301) is still one word.
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
