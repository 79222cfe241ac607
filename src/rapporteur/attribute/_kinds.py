"""A word prefilter for the kind cues of ``kinds.yaml``: most claims hold no cue at all, and a
case-insensitive ``\\b...`` search gets no literal prefix from ``re`` (it is tried at every position
of the string), so ruling a pattern out by the words it cannot match without is far cheaper than
searching for it.

Each pattern's *required words* are read from its parse tree: runs of literal characters that every
match must hold, one after the other, and alternations whose every branch holds one (any of them).
A string that lacks one of them (in its lower-cased form) cannot match the pattern, so the pattern
is not tried; otherwise it is, on the original string, so the answer is the pattern's own. The
lower-cased form is a faithful witness only where ``str.lower`` maps every character that
``re.IGNORECASE`` equates with an ASCII character to that character: three characters do not
(``UNSAFE``), and a string holding one of them is searched with every pattern.
"""

from __future__ import annotations

import re._parser as _parser  # the parse tree re itself compiles from (Python >= 3.11)
from collections.abc import Callable, Iterable
from typing import Any

from rapporteur import _regex as re

# Characters that ``re.IGNORECASE`` equates with an ASCII letter while ``str.lower`` does not lower
# them to it: dotted capital I (lowered to two characters), dotless i, long s. A test checks every
# code point.
UNSAFE = "\u0130\u0131\u017f"
_UNSAFE_RE = re.compile(f"[{UNSAFE}]")

# One required item: any of these words must occur (a plain run is a one-word item).
Item = tuple[str, ...]


def lowered(text: str) -> str | None:
    """``text`` lower-cased for the word checks, or None where a word check could wrongly rule a
    pattern out (``UNSAFE``)."""
    if text.isascii() or _UNSAFE_RE.search(text) is None:
        return text.lower()
    return None


def _items(seq: Iterable[tuple[object, object]]) -> list[Item]:
    """The required items of a parsed sequence. Only literal ASCII characters that must be matched
    one after the other make a run; anything else ends it (always safe: a shorter run is still
    required)."""
    out: list[Item] = []
    run: list[str] = []

    def close() -> None:
        if run:
            out.append(("".join(run),))
            run.clear()

    for op, av in seq:
        if op is _parser.LITERAL and isinstance(av, int) and av < 128:
            run.append(chr(av).lower())
        elif op is _parser.AT:
            continue  # zero-width (\b, ^, $): the characters around it are still adjacent
        elif op is _parser.SUBPATTERN:
            close()
            out.extend(_items(av[-1]))  # type: ignore[index]
        elif op is _parser.BRANCH:
            close()
            alt = _any_of(av[1])  # type: ignore[index]
            if alt:
                out.append(alt)
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
            close()
            lo, _hi, body = av  # type: ignore[misc]
            if lo >= 1:
                out.extend(_items(body))
        else:
            close()  # a class, a lookaround, any character, a backreference: no required word
    close()
    return out


def _any_of(branches: Iterable[Iterable[tuple[object, object]]]) -> Item:
    """An alternation's item: one word from each branch (its longest sure one), or nothing when a
    branch has none."""
    words: list[str] = []
    for b in branches:
        best = max(_items(b), key=lambda it: min(map(len, it)), default=None)
        if best is None:
            return ()
        words.extend(best)
    return tuple(dict.fromkeys(words))


def required(pattern: str | _parser.SubPattern) -> tuple[Item, ...]:
    """Every item a match of ``pattern`` (case-insensitive) must hold, the longest first."""
    tree = _parser.parse(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
    items = [_least(it) for it in _items(tree.data) if it and all(it)]
    items.sort(key=lambda it: -min(map(len, it)))
    return tuple(dict.fromkeys(items))


def _least(item: Item) -> Item:
    """An item without the words that hold another of its words ("recommends" holds "recommend"):
    the same test, fewer searches."""
    return tuple(w for w in item if not any(v != w and v in w for v in item))


def possible(items: tuple[Item, ...], low: str) -> bool:
    """Whether a lower-cased string holds every required item."""
    for it in items:
        for w in it:
            if w in low:
                break
        else:
            return False
    return True


def lead(pattern: str | _parser.SubPattern) -> tuple[str, ...] | None:
    """What a match of an anchored pattern must begin with: any of these (lower-cased) words, or
    None when its start is no literal (a class, a repeat)."""
    tree = _parser.parse(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
    seq = list(tree.data)
    while seq and seq[0][0] is _parser.AT:
        seq.pop(0)
    if not seq:
        return None
    items = _items(seq[:1]) if seq[0][0] is _parser.BRANCH else []
    if items:  # a leading alternation: its words are prefixes only if each branch starts with one
        branches = seq[0][1][1]  # type: ignore[index]
        if all(b and _lead_run(list(b)) for b in branches):
            return tuple(dict.fromkeys(_lead_run(list(b)) for b in branches))
        return None
    run = _lead_run(seq)
    return (run,) if run else None


def _lead_run(seq: list[tuple[object, object]]) -> str:
    """The literal ASCII characters a sequence starts with (zero-width ``\\b`` passed over)."""
    out = []
    for op, av in seq:
        if op is _parser.LITERAL and isinstance(av, int) and av < 128:
            out.append(chr(av).lower())
        elif op is _parser.AT and av is not _parser.AT_BEGINNING:
            continue
        else:
            break
    return "".join(out)


class Family:
    """One kind's patterns for one place, each with its required items: ``has`` tries only the
    patterns the words allow; the anchored ones (``^...``) with ``match``, the rest with ``search``,
    as the alternations of all of them would. An anchored pattern is ruled out first by the words
    the string must begin with (one ``startswith``), any pattern by the words of its items.

    The checks of all the patterns are written out as one Python expression, compiled once per
    family: a claim is classified by a few ``in`` tests in one frame, not loops and calls per pattern
    (which cost more than the tests themselves on short claims)."""

    __slots__ = ("_has", "_may", "_names", "_ns", "_patterns")

    def __init__(self, patterns: list[str]) -> None:
        # built at the first question, and each pattern compiled at the first string whose words
        # allow it: start-up pays only for the families and patterns a record needs
        self._patterns = tuple(patterns)
        self._has: Callable[[str, str], bool] | None = None
        self._may: Callable[[str], bool] | None = None
        self._ns: dict[str, Any] = {}
        self._names: tuple[str, ...] = ()

    def _build(self) -> None:
        ns = self._ns
        has: list[str] = []
        may: list[str] = []
        for i, p in enumerate(self._patterns):
            anchored = p.startswith("^")
            ns[f"r{i}"] = _compiling(ns, f"r{i}", p, anchored)
            checks = []
            begins, items = re.remembered(_reading, p)
            if begins:
                ns[f"b{i}"] = tuple(begins)
                checks.append(f"l.startswith(b{i})")
            checks += ["(" + " or ".join(f"{w!r} in l" for w in it) + ")" for it in items]
            may.append(" and ".join(checks) or "True")
            has.append(" and ".join([*checks, f"r{i}(t) is not None"]))
        src = (
            f"def has(t, l):\n    return {' or '.join(f'({h})' for h in has) or 'False'}\n"
            f"def may(l):\n    return {' or '.join(f'({m})' for m in may) or 'False'}\n"
        )
        # the lexicon's words enter as repr() literals and its patterns by name: none of its text runs
        exec(compile(src, f"<kind cues: {len(self._patterns)} patterns>", "exec"), ns)
        self._names = tuple(f"r{i}" for i in range(len(self._patterns)))
        self._has, self._may = ns["has"], ns["may"]

    def has(self, text: str, low: str | None) -> bool:
        """Whether a pattern matches ``text`` (``low`` its ``lowered`` form, None: try them all)."""
        if self._has is None:
            self._build()
        if low is None:
            ns = self._ns
            return any(ns[n](text) is not None for n in self._names)
        return self._has(text, low)  # type: ignore[misc]

    def may(self, low: str | None) -> bool:
        """Whether some pattern could match a string of this lower-cased form."""
        if self._may is None:
            self._build()
        return low is None or self._may(low)  # type: ignore[misc]


def _reading(pattern: str) -> tuple[tuple[str, ...] | None, tuple[Item, ...]]:
    """What an anchored pattern must begin with (None: no literal, or not anchored) and its required
    items, from one parse: kept between runs (``_regex.remembered``), since parsing every kind cue
    was most of what the first classified claim cost."""
    tree = _parser.parse(pattern, re.IGNORECASE)
    return (lead(tree) if pattern.startswith("^") else None), required(tree)


def _compiling(ns: dict[str, Any], name: str, pattern: str, anchored: bool) -> Callable[[str], Any]:
    """A stand-in for a pattern's ``match`` (anchored) or ``search``: compiles it at its first call
    and puts the real method in its place in ``ns``, where the generated checks look it up."""

    def first(text: str) -> Any:
        rx = re.compile(pattern, re.IGNORECASE)
        ns[name] = real = rx.match if anchored else rx.search
        return real(text)

    return first
