"""Finding the relation cues of ``relations.yaml`` in a structured text (``relate.find_cues``).

Each cue family names trigger words, of which a sentence must hold one (as a word of ASCII letters,
lower-cased) before the family's patterns are tried on it. The trigger words are found by one scan
over the text, block by block of whole sentences (about 64K characters each, lower-cased one block at
a time: no lower-cased copy of the whole record is held), the hits mapped to sentences by bisection;
only the sentences they fall in are searched with the family's patterns, sentence by sentence,
exactly as before. Lower-casing and tokenising every sentence (a list and a set of words each) was
most of the cue finding's time.

The scan finds the words a per-sentence tokenising would find, and where it might not, that sentence
is tokenised on its own: a sentence that begins or ends inside a run of letters (a word cut at its
edge), and every sentence of a block holding a character that lower-cases into ASCII letters (U+0130,
U+212A). Patterns compile on first use, one by one: a family whose trigger words never occur costs
no compiling (start-up time counts).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from rapporteur import _regex as re
from rapporteur.lexicon import lexicon
from rapporteur.model import Span
from rapporteur.structure import Paragraph, Structure

_WORDS = re.compile(r"[a-z]+")
_WORD = re.compile(r"[a-z]+\Z")
# characters other than A-Z and a-z whose lower case holds an ASCII letter: with one in the text, the
# lower-cased text is not aligned with it (U+0130 lower-cases to two characters) or a word of it is
# not a word of letters in the text
_INTO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
# (and U+0131, U+017F: with these four absent, a pattern of lower-case ASCII matches the lower-cased
# text exactly where it matches the text ignoring case; checked over every code point)
_NOT_LOWERABLE = re.compile(r"\(\?[aiLmsux-]|\(\?<|\\[0-9xuUNA]")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u0130\u212a")
# (start, end, paragraph, families to try as bits or None, lower-cased block or None, its offset)
_Item = tuple[int, int, int, int | None, str | None, int]
_BLOCK = 1 << 16  # characters of text lower-cased at a time, about


class CueFamily:
    """One family of the lexicon; its patterns are compiled when first tried (``search``)."""

    __slots__ = (
        "_compiled",
        "_lowered",
        "_sources",
        "confidence",
        "name",
        "reach",
        "sources",
        "target",
        "trigger",
        "type",
    )

    def __init__(
        self,
        name: str,
        type: str,
        confidence: float,
        sources: str,
        target: str,
        reach: int,
        patterns: tuple[str, ...],
        trigger: frozenset[str] = frozenset(),
    ) -> None:
        self.name, self.type, self.confidence = name, type, confidence
        self.sources, self.target, self.reach, self.trigger = sources, target, reach, trigger
        self._sources = patterns
        self._compiled: list[re.Pattern[str] | None] = [None] * len(patterns)
        self._lowered: list[re.Pattern[str] | bool | None] = [None] * len(patterns)  # False: cannot

    def _pattern(self, i: int) -> re.Pattern[str]:
        rx = self._compiled[i]
        if rx is None:
            rx = self._compiled[i] = re.compile(self._sources[i], re.IGNORECASE)
        return rx

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Every pattern, compiled."""
        return tuple(self._pattern(i) for i in range(len(self._sources)))

    def search(self, text: str, s: int, e: int) -> re.Match[str] | None:
        """The first pattern's match in ``text[s:e]`` (in order), each compiled when first needed."""
        for i in range(len(self._sources)):
            m = self._pattern(i).search(text, s, e)
            if m is not None:
                return m
        return None

    def search_lowered(self, text: str, low: str, off: int, s: int, e: int) -> tuple[int, int] | None:
        """``search`` on the lower-cased block ``low`` (``text[i]`` is ``low[i - off]``), each pattern
        that allows it case-sensitively: twice as fast as ignoring case. The span, in the text."""
        for i in range(len(self._sources)):
            rx = self._lowered[i]
            if rx is None:
                src = self._sources[i]
                rx = self._lowered[i] = re.compile(src) if re.remembered(_lowerable, src) else False
            if rx is False:
                m = self._pattern(i).search(text, s, e)
                if m is not None:
                    return m.span()
                continue
            m = rx.search(low, s - off, e - off)  # type: ignore[union-attr]
            if m is not None:
                return m.start() + off, m.end() + off
        return None


def _lowerable(src: str) -> bool:
    """Whether a pattern matches lower-cased text as it matches any text ignoring case: no inline
    flags, look-behind (the block's first character may be a stand-in), anchor at the start, escaped
    code point or back-reference, and no literal with case but lower-case ASCII letters."""
    if _NOT_LOWERABLE.search(src):
        return False
    bare = re.sub(r"\\.", "", src).replace("[^", "[")
    if "^" in bare:
        return False
    return not any("A" <= c <= "Z" or (not c.isascii() and (c.lower() != c or c.upper() != c)) for c in bare)


class Cue:
    """One cue found in the text, before its people and its target are known."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("family", "paragraph", "sentence", "sources", "span", "type")

    def __init__(
        self,
        family: CueFamily,
        span: Span,
        type: str,
        sources: str,
        paragraph: int,
        sentence: tuple[int, int],
    ) -> None:
        self.family = family
        self.span = span
        self.type = type
        self.sources = sources
        self.paragraph = paragraph
        self.sentence = sentence


@cache
def families() -> tuple[CueFamily, ...]:
    """The cue families of the lexicon (their patterns compile on first use)."""
    lex: dict[str, Any] = lexicon("relations")
    group, view = lex["groups"], lex["views"]
    return tuple(
        CueFamily(
            f["name"],
            f["type"],
            float(f["confidence"]),
            f["sources"],
            f["target"],
            int(f.get("reach", 3)),
            tuple(p.replace("{group}", group).replace("{view}", view) for p in f["patterns"]),
            frozenset(w.lower() for w in f.get("trigger", [])),
        )
        for f in lex["families"]
    )


@cache
def qualify_if() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in lexicon("relations").get("qualify_if", []))


@cache
def _trigger_rx() -> re.Pattern[str] | None:
    """Every family's trigger words as whole words of lower-case letters, as one prefix trie, after a
    character that is not a letter (group 1 is the word; a block is scanned with a space before it).
    Opening with that character, not a look-behind, lets the engine skip to the next such character
    in C: twice as fast over a record. None if some family has no trigger words (then every sentence
    is tried). A trigger word that is not all letters a-z can never be a word of the tokenising, so
    it is left out (it never let a family be tried)."""
    fams = families()
    if not fams or any(not f.trigger for f in fams):
        return None
    words = sorted({w for f in fams for w in f.trigger if _WORD.match(w)})
    return re.compile("[^a-z](" + (_trie(words) if words else "(?!)") + ")(?![a-z])")


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` (letters only, distinct) as a prefix trie: each position is tried
    against one branch per first letter, not against every word. The order is immaterial here: the
    pattern is closed by a word's end, so it matches a whole word or nothing."""
    heads: dict[str, list[str]] = {}
    ends = False
    for w in words:
        if w:
            heads.setdefault(w[0], []).append(w[1:])
        else:
            ends = True
    alts = [h + _trie(rest) if rest != [""] else h for h, rest in sorted(heads.items())]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def find_cues(st: Structure) -> list[Cue]:
    """Cues in document order, at most one per sentence (the first family that matches).

    A sentence with none of a family's trigger words is never tried against its patterns: the trigger
    words of all families are found in one scan of the text (see the module's docstring). The
    sentences are read from the paragraphs a block at a time (``_blocks``), and the ones to try made
    a block at a time: a tuple per sentence of the record, or even three lists of all their offsets,
    held at once beside the map and the structure, were the peak of mapping a transcript."""
    text = st.doc.text
    rx = _trigger_rx()
    paras = st.paragraphs
    if rx is None or not _ordered(sent for para in paras for sent in para.sentences):
        return _cues(text, _every(paras))
    return _cues(text, (item for b in _blocks(paras) for item in _to_try(text, *b, rx)))


def _blocks(paras: list[Paragraph]) -> Iterator[tuple[list[int], list[int], list[int]]]:
    """The sentences (in text order) as ``_to_try`` cuts them into blocks, each as its starts, ends and
    paragraph indices: a block runs from a sentence over the next ones that end within ``_BLOCK``
    characters of its start (the first one at least)."""
    starts: list[int] = []
    ends: list[int] = []
    pis: list[int] = []
    limit = 0
    for pi, para in enumerate(paras):
        for s, e in para.sentences:
            if starts and e > limit:
                yield starts, ends, pis
                starts, ends, pis = [], [], []
            if not starts:
                limit = s + _BLOCK
            starts.append(s)
            ends.append(e)
            pis.append(pi)
    if starts:
        yield starts, ends, pis


def _every(paras: list[Paragraph]) -> Iterator[_Item]:
    """Every sentence, each to be tokenised on its own (no scan: out of order, or no trigger words)."""
    return ((s, e, pi, None, None, 0) for pi, para in enumerate(paras) for s, e in para.sentences)


def _to_try(
    text: str, starts: list[int], ends: list[int], pis: list[int], rx: re.Pattern[str]
) -> Iterator[_Item]:
    """The sentences holding a trigger word, with the families it lets be tried (bits), or None for
    a sentence to be tokenised on its own, and its block lower-cased with the block's offset (None:
    search the text ignoring case); in text order, a block at a time. A sentence left out holds none.
    ``starts``, ``ends`` and ``pis`` are the sentences' offsets and paragraphs, in text order."""
    of_word = _family_bits()
    i, n = 0, len(starts)
    while i < n:  # a block of whole sentences, [i, j)
        j = max(i + 1, bisect_right(ends, starts[i] + _BLOCK, i))
        a, b = starts[i], ends[j - 1]
        # the block with the character before it (a space at the text's start): what a word or a
        # word boundary at the block's start is decided by
        piece = text[a - 1 : b] if a else " " + text[:b]
        if not piece.isascii() and _INTO_ASCII.search(piece):  # lower case not aligned: tokenise apart
            for k in range(i, j):
                yield starts[k], ends[k], pis[k], None, None, 0
            i = j
            continue
        low = piece.lower()
        off = a - 1  # text[t] is low[t - off]
        bits: dict[int, int] = {}  # sentence index -> the families its trigger words let be tried
        for m in rx.finditer(low):
            p = off + m.start(1)
            k = bisect_right(starts, p, i, j) - 1
            if p + len(m.group(1)) <= ends[k]:
                bits[k] = bits.get(k, 0) | of_word[m.group(1)]
        cut = _cut_words(text, starts, ends, i, j)
        for k in sorted({*bits, *cut}):
            yield starts[k], ends[k], pis[k], None if k in cut else bits[k], low, off
        i = j


@cache
def _family_bits() -> dict[str, int]:
    """Trigger word -> the families (bit k: ``families()[k]``) that it lets be tried."""
    out: dict[str, int] = {}
    for k, fam in enumerate(families()):
        for w in fam.trigger:
            out[w] = out.get(w, 0) | 1 << k
    return out


def _ordered(sentences: Iterable[tuple[int, int]]) -> bool:
    """Whether the sentences are in text order and disjoint (what mapping a hit by bisection needs)."""
    last = 0
    for s, e in sentences:
        if s < last or e < s:
            return False
        last = e
    return True


def _cut_words(text: str, starts: list[int], ends: list[int], i: int, j: int) -> set[int]:
    """The sentences ``i`` to ``j - 1`` that begin or end inside a run of letters: their words are not
    the text's. A character lower-casing into a letter (U+0130, U+212A) counts as one. (Set lookups
    inline, no call: this runs once per sentence of the record.)"""
    out = set()
    n = len(text)
    for k in range(i, j):
        s, e = starts[k], ends[k]
        if (0 < s < n and text[s - 1] in _LETTERS and text[s] in _LETTERS) or (
            0 < e < n and text[e] in _LETTERS and text[e - 1] in _LETTERS
        ):
            out.add(k)
    return out


def _cues(text: str, sentences: Iterable[_Item]) -> list[Cue]:
    """The cues of the given sentences (``_to_try``'s items); a sentence without bits is tokenised
    here (a family without trigger words is tried on every sentence)."""
    fams = families()
    chosen: dict[int, tuple[CueFamily, ...]] = {}  # bits -> those families, in order
    out: list[Cue] = []
    for s, e, pi, bits, low, off in sentences:
        if bits is None:
            present = frozenset(_WORDS.findall(text[s:e].lower()))
            bits = sum(
                1 << k for k, f in enumerate(fams) if not f.trigger or not f.trigger.isdisjoint(present)
            )
        tried = chosen.get(bits)
        if tried is None:
            tried = chosen[bits] = tuple(f for k, f in enumerate(fams) if bits >> k & 1)
        for fam in tried:
            if low is None:
                m = fam.search(text, s, e)
                span = None if m is None else m.span()
            else:
                span = fam.search_lowered(text, low, off, s, e)
            if span is None:
                continue
            typ, sources = fam.type, fam.sources
            if typ == "disagree" and any(p.search(text, s, e) for p in qualify_if()):
                typ, sources = "qualify", "paragraph"
            out.append(Cue(fam, Span.of(text, *span), typ, sources, pi, (s, e)))
            break
    return out
