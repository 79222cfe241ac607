"""Where the cues of reported speech can stand in one record: each cue family found by one scan of
the whole text, so ``reported`` reads only the sentences a cue falls in, and a sentence with no cue
costs one bisection.

Every scan reports a *superset* of the offsets where the detector's own pattern can match: it
begins with the rare part of the pattern (a comma, an apostrophe, a quotation mark, "according", a
reporting verb after a non-letter) and checks the rest in a lookahead, consuming one character, so no
hit hides another. The detector then runs its own pattern at those offsets only; its claims are
those of a sentence-by-sentence reading, found in a fraction of the time.

The case-insensitive families are scanned in the lower-cased text, case-sensitively (``re``'s
``IGNORECASE`` is several times slower). That is exact when lower-casing keeps every offset and no
character outside ASCII folds onto an ASCII letter under ``IGNORECASE`` (the dotted and dotless i,
the long s, the Kelvin sign: ``FOLDS``, checked by a test against every code point); a record with
one of them is read sentence by sentence (``fast`` is False), as before.
"""

from __future__ import annotations

import bisect
import operator
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache

from rapporteur import _regex as re
from rapporteur.attribute import frames, speech
from rapporteur.attribute.speech import verb_re
from rapporteur.lexicon import alternation
from rapporteur.script import MARKS

FOLDS = "\u0130\u0131\u017f\u212a"

# A scan that starts with a class tests the class at every character; one literal per member, merged,
# lets ``re`` skip ahead to each (several times faster on a long text).
_QUOTES = tuple(re.compile(re.escape(q)) for q in '“"‘')
_ACCORDING = re.compile("according")
_PASSIVE = re.compile(r"it(?=\s+was\s+[a-z]+(?:\s+out)?\s+by\s)")
_BY = re.compile(r"by(?<=\sby)(?=\s)")  # "\s+by\s+": the literal first, the space before looked back at
# what stands before "by" in a point made by someone (``frames.POINT``): read back from a "by", over
# the whitespace, then the verb's last letters
_SPACE_RUN = re.compile(r"\s+")
_POINT_VERB = re.compile(r"(?:made|raised|forward|stressed|voiced)\Z")
# "as" not inside a word ("has", "was"): ``frames.AS_SAID`` wants no word character or apostrophe before it
_AS = re.compile(r"as(?<![a-z0-9_'’]as)(?=\s)")
_PUT = re.compile(r"put(?=\s+it)")
_APPOS = re.compile(r",(?=\s+(?:a|an)\s+[a-z])")
_APOSTROPHES = tuple(re.compile(a + r"(?=s?\s+[a-z])") for a in "'’")
_COMMA = re.compile(r",\s")


_CHUNK = 1 << 16
_BACK = 16  # what a block's scans read before its start: the longest lookbehind is four characters


def _block_bounds(n: int, cuts: Sequence[int]) -> Iterator[tuple[int, int]]:
    """``[0, n)`` cut into blocks of about ``_CHUNK`` characters, each cut at one of ``cuts``."""
    lo = 0
    while lo < n:
        i = bisect_left(cuts, lo + _CHUNK)
        hi = cuts[i] if i < len(cuts) else n
        yield lo, hi
        lo = hi


def _lower(text: str) -> str:
    """``text.lower()``, a chunk at a time: CPython lower-cases a text that is not ASCII through a
    buffer of twelve bytes a character, a spike of many times the text. The only mapping that reads
    its neighbours (a final capital sigma) maps one letter to one, outside ASCII, where no scan looks."""
    if len(text) <= _CHUNK or text.isascii():
        return text.lower()
    return "".join(text[i : i + _CHUNK].lower() for i in range(0, len(text), _CHUNK))


class Cues:
    """The cue offsets of one text, each family scanned once, when first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.fast = all(text.find(ch) < 0 for ch in FOLDS)
        # each family's offsets as an array of 8-byte ints: a list holds 36 bytes an offset
        self._hits: dict[str, array[int]] = {}

    def scan_all(self, cuts: Sequence[int] = ()) -> None:
        """Every family scanned now. The case-insensitive ones read the lower-cased text a block at a
        time (about 64K characters, cut only at one of ``cuts``), so no lower-cased copy of the whole
        text is made: on a text that is not ASCII it is as large as the text again, and making it in
        one call costs many times that. ``cuts`` are the starts of the sentences, in order: every hit
        the detector reads lies in a sentence, and its pattern reads no further than the sentence's
        end, so a block that holds the sentence whole finds it as the whole text would; each block is
        read from a few characters before its start, for the lookbehinds."""
        self._scan_low(_block_bounds(len(self.text), cuts))
        for family in _SCANS:
            self.hits(family)

    def _scan_low(self, bounds: Iterable[tuple[int, int]]) -> None:
        text = self.text
        found: dict[str, array[int]] = {f: array("q") for f in _LOW_SCANS}
        for lo, hi in bounds:
            off = max(0, lo - _BACK)
            low = _lower(text[off:hi])
            if len(low) != hi - off:  # lower-casing moved the offsets: the text is read slowly
                self.fast = False
                found = {f: array("q") for f in _LOW_SCANS}
                break
            for family, scan in _LOW_SCANS.items():
                found[family].extend(p for p in scan(self, low, off) if lo <= p < hi)
        self._hits.update(found)

    def run_start(self, run: re.Pattern[str], end: int) -> int | None:
        """``frames.run_start`` in this text."""
        return frames.run_start(self.text, run, end)

    def hits(self, family: str) -> array[int]:
        got = self._hits.get(family)
        if got is None:
            if family in _LOW_SCANS:
                self._scan_low([(0, len(self.text))])  # the whole text as one block
                return self._hits[family]
            got = self._hits[family] = array("q", _SCANS[family](self))
        return got

    def within(self, family: str, lo: int, hi: int) -> bool:
        """Whether a cue of ``family`` starts in ``[lo, hi)``; always True when the text is read slowly."""
        if not self.fast:
            return True
        h = self.hits(family)
        k = bisect_left(h, lo)
        return k < len(h) and h[k] < hi

    def between(self, family: str, lo: int, hi: int) -> array[int]:
        h = self.hits(family)
        return h[bisect_left(h, lo) : bisect_left(h, hi)]


_start = operator.methodcaller("start")


def _starts(rx: re.Pattern[str], s: str) -> list[int]:
    return [m.start() for m in rx.finditer(s)]


def _merged(rxs: tuple[re.Pattern[str], ...], s: str) -> list[int]:
    """The offsets of several one-literal scans, in order (each offset holds one literal only)."""
    out = [m.start() for rx in rxs for m in rx.finditer(s)]
    out.sort()
    return out


def _verbs(c: Cues, low: str, off: int) -> list[int]:
    """Where a reporting verb may start: after a character that is not a lower-case letter, digit or
    underscore (``\\b`` before a word), the verb forms read in the lower-cased text."""
    trie = speech.verb_alt()  # lower-case forms, a space matching any run of whitespace
    out = [off + m.start() + 1 for m in re.compile(rf"[^a-z0-9_](?={trie})").finditer(low)]
    if off == 0 and re.compile(trie).match(low):
        out.insert(0, 0)
    return out


def _point(c: Cues, low: str, off: int) -> list[int]:
    out = []
    for p in _starts(_BY, low):
        ws = c.run_start(_SPACE_RUN, off + p)  # whitespace is the same in the text and its lower case
        if ws is None:
            continue
        lo = max(0, ws - 10)
        if lo >= off:
            hit = _POINT_VERB.search(low, lo - off, ws - off)
        else:  # the whitespace reaches back before the block: the verb read on its own
            hit = _POINT_VERB.search(_lower(c.text[lo:ws]))
        if hit:
            out.append(off + p)
    return out


def _at(rx: re.Pattern[str]) -> Callable[[Cues, str, int], list[int]]:
    return lambda c, low, off: [off + m.start() for m in rx.finditer(low)]


def _the_role(c: Cues) -> list[int]:
    """ "Ana Ruiz, the release manager,": the comma before "the" and a role (``frames.name_role_re``)."""
    roles = speech._alt("roles")
    rx = re.compile(rf",(?=\s+the\s+[\w’'\- ]{{0,40}}?\b(?i:{roles}),)")
    return _starts(rx, c.text)


#: The case-insensitive families, each read in a lower-cased block of the text (``low``, which
#: starts at ``off``): every hit's offset in the whole text.
_LOW_SCANS: dict[str, Callable[[Cues, str, int], list[int]]] = {
    "verb": _verbs,
    "according": _at(_ACCORDING),
    "passive": _at(_PASSIVE),
    "point": _point,
    "as": _at(_AS),
    "put": _at(_PUT),
}
#: The others, each one scan of the text itself.
_SCANS: dict[str, Callable[[Cues], list[int]]] = {
    "quote": lambda c: _merged(_QUOTES, c.text),
    "the_role": _the_role,
    "appos": lambda c: _starts(_APPOS, c.text),
    "apos": lambda c: _merged(_APOSTROPHES, c.text),
}

#: The families whose cue makes a sentence worth reading ("as" only with a verb of its own).
READ_FAMILIES = ("verb", "quote", "according", "passive", "point", "put", "the_role", "appos", "apos")
#: One bit per family, for the set of families a sentence holds.
BIT = {f: 1 << i for i, f in enumerate((*READ_FAMILIES, "as", "role_comma"))}
ALL = (1 << len(BIT)) - 1
assert ALL < 1 << 16, "a sentence's families are held in two bytes (sentence_flags)"
#: The families a frame starts from (the others only introduce names).
FRAME_BITS = sum(BIT[f] for f in ("verb", "quote", "according", "passive", "point", "put"))

_WORD_RUN = re.compile(r"[\w\-]+")


@cache
def _role_comma_re(last: frozenset[str]) -> re.Pattern[str] | None:
    k = min(3, *(len(w) for w in last)) if last else 0
    if not k:
        return None
    tails = alternation({w[-k:] for w in last})
    # the word may end right before the comma, or before a newline right before it (``$`` stands there)
    return re.compile(rf",(?:(?<=(?i:{tails}),)|(?<=(?i:{tails})\n,))(?=\s)")


def role_commas(c: Cues, last: frozenset[str]) -> array[int]:
    """Where a word of ``last`` (the last word of a role) stands right before ", ": the start of that
    word. The scan finds the commas whose three letters before are the end of such a word (the comma
    is the literal ``re`` skips to, the letters a lookbehind); each is then read as before."""
    text = c.text
    rx = _role_comma_re(last)
    out = array("q")
    for e in map(_start, (rx or _COMMA).finditer(text)):
        # the word before the comma, as ``[\w\-]+$`` finds it in the 40 characters before: the run
        # read back in the reversed text, cut at 40 (``$`` also stands before a last newline)
        end = e - 1 if e > 0 and text[e - 1] == "\n" else e
        r = c.run_start(_WORD_RUN, end)
        if r is not None:
            r = max(r, e - 40)
            if r < end and text[r:end].lower() in last:
                out.append(r)
    return out


# ------------------------------------------------------------------ reading a record by its cues

_APOS_TAIL = re.compile(r"['’]s?\s+[a-z]")  # how ``frames.POSSESSIVE`` ends after the name
_NAME_RUN = re.compile(rf"[\w{MARKS}\-]+")  # the name's characters, read back from the apostrophe


def sentence_flags(
    c: Cues, starts: Sequence[int], ends: Sequence[int], role_commas: Sequence[int]
) -> array[int]:
    """The families of cue each sentence holds (bits of ``BIT``, one number of two bytes a sentence,
    where a dict held some 70 bytes for each sentence with a cue): the sentences with none are not
    read. A quotation mark right at a sentence's end counts for
    it too (an opener may take the sentence whole, and the quotation check looks at the character
    after it); "as" counts only in a sentence that holds another cue (its verb)."""
    got = array("H", bytes(2 * len(starts)))
    for fam in (*READ_FAMILIES, "as"):
        if fam == "quote":
            continue
        bit = BIT[fam]
        for p in c.hits(fam):
            k = bisect.bisect_right(starts, p) - 1
            if k >= 0 and p < ends[k] and (fam != "as" or got[k]):
                got[k] |= bit
    for p in role_commas:
        k = bisect.bisect_right(starts, p) - 1
        if k >= 0 and p < ends[k]:
            got[k] |= BIT["role_comma"]
    # A quotation opens a frame only where the clause starts (after an opener): other quotation
    # marks are left out, so a sentence that quotes in its middle is not read for them.
    text = c.text
    clause: dict[int, int] = {}
    for p in c.hits("quote"):
        k = bisect.bisect_right(starts, p) - 1
        ks = [k] if k >= 0 and p < ends[k] else []
        j = bisect.bisect_left(ends, p)
        while j < len(ends) and ends[j] == p:
            ks.append(j)
            j += 1
        for k in ks:
            cs = clause.get(k)
            if cs is None:
                cs = clause[k] = starts[k] + speech.strip_openers(text[starts[k] : ends[k]])[0]
            if cs == p:
                got[k] |= BIT["quote"]
    return got


def possessives(c: Cues, ss: int, se: int, flags: int) -> Iterator[re.Match[str]]:
    """``frames.POSSESSIVE`` over one sentence, tried only where an apostrophe is followed by a
    lower-case word: the name is the run of word characters that ends at the apostrophe."""
    text, cues = c.text, c
    if not cues.fast:
        yield from frames.POSSESSIVE.finditer(text, ss, se)
        return
    if not flags & BIT["apos"]:
        return
    cur = ss
    for a in cues.between("apos", ss, se):
        if a < cur:
            continue
        tail = _APOS_TAIL.match(text, a)
        if tail is None or tail.end() > se:
            continue
        run = cues.run_start(_NAME_RUN, a)
        if run is None:
            continue
        # from one character before the run: a capital of ``UPPER`` may be no ``\w`` (a circled letter)
        m = frames.POSSESSIVE.search(text, max(cur, run - 1), tail.end())
        if m:
            yield m
            cur = m.end()


def verbs_in(c: Cues, cs: int, se: int, flags: int) -> Iterator[re.Match[str]]:
    """``verb_re()`` over one clause, tried only where the verb scan of ``_cues`` found one may start."""
    text, cues = c.text, c
    rx = verb_re()
    if not cues.fast:
        yield from rx.finditer(text, cs, se)
        return
    if not flags & BIT["verb"]:
        return
    cur = cs
    for p in cues.between("verb", cs, se):
        if p < cur:
            continue
        m = rx.match(text, p, se)
        if m:
            yield m
            cur = m.end()


_AND = re.compile("and", re.IGNORECASE)


def first_and(c: Cues, cs: int, ce: int) -> int:
    """Where a match of ``_and_verb_re`` can first start in ``[cs, ce)``: the comma and spaces
    before the first "and" (in any case), or -1 if there is none; from ``cs`` if the text is read
    slowly. No match starts earlier: what stands before a match's "and" is one comma and spaces."""
    if not c.fast:
        return cs
    m = _AND.search(c.text, cs, ce)  # in any case: offsets and letters as in the lower-cased text
    if m is None:
        return -1
    a = m.start()
    text = c.text
    while a > cs and text[a - 1].isspace():
        a -= 1
    if a > cs and text[a - 1] == ",":
        a -= 1
    return a


__all__ = ["FOLDS", "Cues", "first_and", "possessives", "role_commas", "sentence_flags", "verbs_in"]
