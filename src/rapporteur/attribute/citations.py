"""Citations: a literature review argues through the works it cites, so the works are its voices.

- author-year in parentheses: "(Smith 2003; Jones and Lee 2005)", "(Smith et al., 2012, p. 4)",
  "(see Smith 2003; but see Jones 2005)": the clause before is credited to each work cited; a work
  after "but see", "contra" or "in contrast to" is credited with the exception (it disputes the view);
- author-year in the prose: "Smith (2003) argues that ...", "Smith et al. (2012) found ...": the
  reported clause is the work's;
- numbered: "[19]", "[3, 7]", "[4-6]", resolved against the record's numbered reference list ("[19]
  Brown, C. T. ... 2013."); a number the list does not hold names nobody;
- the citations a reader marks (a JATS ``<xref>``, ``Layout.citations``) with the ref-list as roster.

Each work is a participant of kind ``work`` named by its authors and year. The citing author's own
sentences are credited to no work unless a citation marks them, and a number right after a person's
name ("Vera Holm [19], a contributor, argued") points at that person's paper, not at a claim.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from functools import cache
from itertools import repeat

from rapporteur import _regex as re
from rapporteur.attribute.claims import Context, Marker, RawClaim, trim
from rapporteur.attribute.speech import verb_alt, verb_of
from rapporteur.lexicon import alternation, words
from rapporteur.model import Span
from rapporteur.script import MARKS, UPPER, UPPER_CHARS
from rapporteur.structure import Structure

VIA = "citation"
PRIORITY = 5  # before parentheticals: "(Smith 2003)" is a work, not a person called Smith

_YEAR = r"(?:1[5-9]|20)\d\d[a-z]?"
# a surname's run is bounded (40): a search over one giant "word" stays linear
_SURNAME = rf"(?:(?:de|da|del|van|von|der|den|le|la|di|du)\s+)?{UPPER}[\w{MARKS}'’\-]{{1,40}}"
# At most eight authors before "and": bounded, so a long run of "Name, Name, ..." is read in linear time
_AUTHORS = rf"{_SURNAME}(?:\s+et\s+al\.?|(?:\s*,\s*{_SURNAME}){{0,8}}\s*(?:,\s*)?(?:and|&)\s+{_SURNAME})?"
_CONTRA = r"but\s+see|contra|in\s+contrast\s+to|but\s+cf\.?|against"
_PREFIX = rf"(?:(?P<contra>{_CONTRA})|see\s+also|see|cf\.?|e\.g\.,?|also|following)\s+"
# The patterns that read authors hold ``UPPER`` (a class of every script's capitals) once to four times
# each, which makes them slow to compile (several ms each, re.IGNORECASE or not): they are compiled on
# first use (``_pattern``), which a record without a citation never reaches; the cheap scans below,
# compiled with the module, say whether it does. ``cit._ITEM`` and the like still name them (module
# ``__getattr__``).
_LAZY: dict[str, tuple[str, int]] = {
    "_ITEM": (
        rf"^\s*(?:{_PREFIX})?(?P<authors>{_AUTHORS})\s*,?\s*(?P<years>{_YEAR}(?:\s*,\s*{_YEAR})*)"
        r"(?:\s*,\s*(?:p|pp|ch|chap|sec)\.?\s*[\d\-–]+)?\s*$",
        re.IGNORECASE,
    ),
    "_NARRATIVE": (rf"(?P<authors>{_AUTHORS})\s*\((?P<years>{_YEAR}(?:\s*,\s*{_YEAR})*)\)", 0),
    "_CONTRA_BEFORE": (
        rf"\b(?:{_CONTRA}|unlike|contrary\s+to)\s+(?P<authors>{_AUTHORS})\s*\((?P<year>{_YEAR})\)",
        re.IGNORECASE,
    ),
    "_AUTHORS_END": (rf"\b{_SURNAME}\s+et\s+al\.?$", 0),
    # A character no author list holds (all of them: letters, digits, marks, spaces, ".,&'’-"): a prose
    # citation's authors start after the last such character before its "(".
    "_STOP": (rf"[^\w\s,.&'’{MARKS}{UPPER_CHARS}\-]", 0),
    # The last such character of a range: ``.*`` runs to the range's end and backs off to it, one
    # C-level match where a loop over every such character of the range was Python work per character.
    "_LAST_STOP": (rf"(?s:.*)[^\w\s,.&'’{MARKS}{UPPER_CHARS}\-]", 0),
}


@cache
def _pattern(name: str) -> re.Pattern[str]:
    """One of the ``_LAZY`` patterns, compiled the first time it is asked for."""
    src, flags = _LAZY[name]
    return re.compile(src, flags)


def __getattr__(name: str) -> re.Pattern[str]:
    if name in _LAZY:
        return _pattern(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_NUMBERED = re.compile(r"\[(\d{1,4}(?:\s*[-–,]\s*\d{1,4})*)\]")
_REF_HEAD = re.compile(
    r"^[ \t]*+(?:#+[ \t]*)?(?:\d+\.?[ \t]+)?"
    r"(?:references|bibliography|works\s+cited|literature\s+cited)[ \t]*$",
    re.I | re.M,
)
_REF_ENTRY = re.compile(r"^\s*\[(\d{1,4})\]\s+(.{10,600})$", re.M)
_COMPLEMENT = re.compile(r"\s*(?:that\b|,)?\s*")

# The rare parts each cue family starts from, scanned once over the whole text (C speed, a literal
# first): "(2003)", "(2003, 2005a)" closes the authors of every prose citation (the whole parenthesis,
# as the prose citation reads it: "(1968-1975)" is no year of a work and calls for no look at the
# words before it); a parenthesis holding a year is the only kind that can be a list of works (its
# closing ")" read by the lookahead's group); "[19]" a numbered one.
_YEAR_PAREN = re.compile(rf"\({_YEAR}(?:\s*,\s*{_YEAR})*\)")
_PAREN_YEAR = re.compile(r"\((?=([^()\n]{4,300})\))[^()\n]*?(?:1[5-9]|20)\d\d")
# Something an author list cannot do without (a capital, in either case under re.IGNORECASE, is none of
# digits, spaces, ",.-–"): a "(1968-1975)" or "(2003, 2005)" is no list of works, and ``_ITEM``'s
# compiling and matching are spared.
_ITEM_HINT = re.compile(r"[^\d\s,.\-–]")


_SPACES = re.compile(r"\s+")
_ET_AL = re.compile(r"\s+et\s+al\.?$")
_COMMA = re.compile(r"\s*,\s*")
# The word a numbered citation follows ("Vera Holm [19]"), read backwards from the "[": a search for a
# "$"-anchored word tried every start of the 60 characters before it, each running to the word's end.
_TAIL_WORD_BACK = re.compile(r"\.?([\w'’\-]+)")
_RANGE_DASH = re.compile(r"[-–]")
_RANGE = re.compile(r"\s*[-–]\s*")


@cache
def _not_authors() -> frozenset[str]:
    """Words no cited author is ("Table", "Figure", "Ministry"): the union made once per lexicon, less
    the joining words of an author list ("and", "et al."), which are no author either way."""
    return (words("attribution", "not_names") | words("attribution", "org_words")) - {"and", "et", "al"}


def _capitalised_author(authors: str) -> bool:
    """Whether cited authors read as surnames: capitalised, and none a word like "Table" or "Figure"."""
    # lower-cased once, not word by word (lowering makes no space, "." or ","); stripped by map (no
    # comprehension's frame: this runs for every citation)
    toks = authors.lower().split()
    if not toks or not (
        authors.strip()[:1].isupper() or toks[0].strip(".,") in words("attribution", "particles")
    ):
        return False
    return _not_authors().isdisjoint(map(str.strip, toks, repeat(".,", len(toks))))


def _work_name(authors: str, year: str) -> str:
    a = _SPACES.sub(" ", authors.strip())
    if "al" in a:  # every "et al" holds it: the "$"-anchored search only where it can match
        a = _ET_AL.sub(" et al.", a)
    return f"{a} {year.strip()}"


def reference_list(text: str) -> dict[str, str]:
    """Numbered entries of the record's reference list: number -> "Surname Year" (or the number)."""
    start = None  # the last such heading: a "References" in the body is prose
    for m in _REF_HEAD.finditer(text):
        start = m.end()
    entries: dict[str, str] = {}
    if start is None:
        return entries
    for m in _REF_ENTRY.finditer(text, start):
        body = m.group(2)
        year = re.search(rf"\b({_YEAR})\b", body)
        first = re.split(r"[,.;(]", body, maxsplit=1)[0].strip()
        toks = first.split()
        surname = toks[0] if toks and "," in body[: len(first) + 1] else (toks[-1] if toks else "")
        name = f"{surname} {year.group(1)}" if surname and year else f"[{m.group(1)}]"
        entries[m.group(1)] = name
    return entries


def _numbers(spec: str) -> list[str]:
    if spec.isdigit():
        return [spec]  # "[19]", the common case: one number, nothing to split
    out: list[str] = []
    for part in _COMMA.split(spec):
        if _RANGE_DASH.search(part):
            a, b = (int(x) for x in _RANGE.split(part))
            if 0 < b - a < 50:
                out.extend(str(n) for n in range(a, b + 1))
        elif part:
            out.append(part)
    return out


def _clause_before(text: str, s_start: int, left: int, at: int) -> tuple[int, int]:
    """The clause a citation at ``at`` closes: from the sentence start (or the citation before it in
    the sentence, or the last ";") to the citation."""
    lo = max(s_start, left)
    semi = max(text.rfind(";", lo, at), text.rfind(":", lo, at))
    if semi != -1:
        lo = semi + 1
    return trim(text, lo, at)


def _evidence() -> frozenset[str]:
    """What a cited work does with its evidence (``evidence_verbs`` in reporting.yaml); after a citation
    even a plural verb that is also a noun ("report", "note") can only be the verb."""
    return words("reporting", "evidence_verbs")


@cache
def _verb_after() -> re.Pattern[str]:
    """A reporting or evidence verb right after a citation; built once per lexicon. The evidence verbs
    as a trie (``lexicon.alternation``: the longer word still first): as a flat alternation after the
    verbs' trie they took ~20 ms to compile, as a trie ~3 ms for the whole pattern."""
    evidence = alternation(_evidence())
    return re.compile(rf"\s*(?:also\s+)?(?P<v>{verb_alt()}|{evidence})\b", re.I)


def _after_verb(text: str, pos: int, s_end: int) -> tuple[int, int, str] | None:
    """ "(2003) argues that X": the reported clause after a reporting verb right after ``pos``."""
    m = _verb_after().match(text, pos, s_end)
    if not m:
        return None
    c = _COMPLEMENT.match(text, m.end(), s_end)
    cs, ce = trim(text, c.end() if c else m.end(), s_end)
    v = m.group("v").lower()
    kind = _verb_kind(v) if v not in _evidence() else "claim"
    return (cs, ce, kind) if ce - cs >= 10 else None


@cache
def _verb_kind(verb: str) -> str:
    """The claim kind a reporting verb form gives, looked up once per form of the lexicon."""
    return verb_of(verb).kind


class _Cues:
    """Where the text holds each family's rare part, found by one scan of the whole text, in text
    order: the "(" of every "(2003)", every "(...)" holding a year (start, end), every "[n]" (start,
    end, numbers). Matches of each family never overlap (none holds its own opening character), so a
    sentence's matches are exactly the text's matches inside it."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("narrative", "numbered", "numbered_starts", "paren_starts", "parens")

    def __init__(
        self,
        narrative: list[int],
        parens: list[tuple[int, int]],
        paren_starts: list[int],
        numbered: list[tuple[int, int, str]],
        numbered_starts: list[int],
    ) -> None:
        self.narrative = narrative
        self.parens = parens
        self.paren_starts = paren_starts
        self.numbered = numbered
        self.numbered_starts = numbered_starts

    @classmethod
    def scan(cls, text: str) -> _Cues:
        parens = [(m.start(), m.end(1) + 1) for m in _PAREN_YEAR.finditer(text)]
        numbered = [(m.start(), m.end(), m.group(1)) for m in _NUMBERED.finditer(text)]
        return cls(
            [m.start() for m in _YEAR_PAREN.finditer(text)],
            parens,
            [a for a, _ in parens],
            numbered,
            [a for a, _, _ in numbered],
        )

    def any(self) -> bool:
        return bool(self.narrative or self.parens or self.numbered)


def detect(st: Structure, ctx: Context) -> list[RawClaim]:
    text = st.doc.text
    # the marked citations in text order (a stable sort: ties keep the reader's order), so a sentence's
    # are found by bisection, not by a look at every one of them for every sentence
    marked = sorted(st.layout.citations, key=lambda c: c.start) if st.layout is not None else []
    marked_starts = [c.start for c in marked]
    cues = _Cues.scan(text)
    if not marked and not cues.any():
        return []  # no citation anywhere: nothing more to read
    refs = reference_list(text) if cues.numbered else {}
    if not refs and not marked and not cues.narrative and not cues.parens:
        return []
    keyed = {e.key: e.name for e in st.roster if e.key}
    hits = sorted(
        [
            *cues.narrative,
            *cues.paren_starts,
            *(cues.numbered_starts if refs else ()),
            *(c.start for c in marked),
        ]
    )
    out: list[RawClaim] = []
    latest: dict[str, tuple[int, int]] = {}  # work -> its latest claim, for "in contrast to X (2003), ..."
    for pi, para in enumerate(st.paragraphs):
        for s_start, s_end in para.sentences:
            h = bisect_left(hits, s_start)
            if h == len(hits) or hits[h] >= s_end:
                continue  # no cue in the sentence
            left = s_start
            found: list[tuple[int, int, list[tuple[str, int, int, str]], tuple[int, int, str] | None]] = []
            for c in marked[bisect_left(marked_starts, s_start) : bisect_left(marked_starts, s_end)]:
                names = [(keyed[k], c.start, c.end, "holds") for k in c.keys if k in keyed]
                if names:
                    found.append((c.start, c.end, names, None))
            if not found:
                found = _in_sentence(text, s_start, s_end, refs, cues)
            if len(found) > 1:
                found.sort(key=lambda f: f[0])
            for start, end, names, reported in found:
                if reported:
                    cs, ce, kind = reported
                else:
                    cs, ce = _clause_before(text, s_start, left, start)
                    kind = "claim"
                left = end
                if ce - cs < 10:
                    continue
                span = Span.of(text, start, end)  # one span for all the works the citation names
                holds = "citation-narrative" if reported else "citation"
                markers = tuple(
                    Marker(
                        span,
                        ((n, a, b),),
                        pol,
                        via=VIA,
                        kind="work",
                        family="citation-contra" if pol == "exception" else holds,
                    )
                    for n, a, b, pol in names
                )
                answers: tuple[tuple[str, int, int, int, int], ...] = ()
                contra = _pattern("_CONTRA_BEFORE").search(text, s_start, start) if reported else None
                if contra:
                    work = _work_name(contra.group("authors"), contra.group("year"))
                    if work in latest:
                        answers = (("disagree", contra.start(), contra.end(), *latest[work]),)
                out.append(RawClaim(cs, ce, kind, markers, pi, answers))
                for n, _a, _b, _pol in names:
                    latest[n] = (cs, ce)
    return out


def _narratives(text: str, s_start: int, s_end: int, opens: list[int]) -> Iterator[re.Match[str]]:
    """``_NARRATIVE.finditer(text, s_start, s_end)``, tried only where a "(2003)" is: a match holds one,
    and its authors start after the last character before it that no author list holds, so no match
    starts before that character (``opens``: the text's "(2003)" positions, sorted)."""
    pos = s_start
    k = bisect_left(opens, pos)
    if k == len(opens) or opens[k] >= s_end:
        return
    last_stop, narrative = _pattern("_LAST_STOP"), _pattern("_NARRATIVE")
    while k < len(opens) and opens[k] < s_end:
        stop = last_stop.match(text, pos, opens[k])
        m = narrative.search(text, stop.end() if stop else pos, s_end)
        if m is None:
            return
        yield m
        pos = m.end()
        k = bisect_left(opens, pos, k)


def _in_sentence(
    text: str, s_start: int, s_end: int, refs: dict[str, str], cues: _Cues
) -> list[tuple[int, int, list[tuple[str, int, int, str]], tuple[int, int, str] | None]]:
    found = []
    for m in _narratives(text, s_start, s_end, cues.narrative):
        if not _capitalised_author(m.group("authors")):
            continue
        rep = _after_verb(text, m.end(), s_end)
        if rep is None:
            continue
        names = [
            (_work_name(m.group("authors"), y), m.start(), m.end(), "holds")
            for y in _COMMA.split(m.group("years"))
        ]
        found.append((m.start(), m.end(), names, rep))
    k = bisect_left(cues.paren_starts, s_start)
    while k < len(cues.parens) and cues.parens[k][0] < s_end:
        p_start, p_end = cues.parens[k]
        k += 1
        if p_end > s_end or (found and any(a <= p_start < b for a, b, _, _ in found)):
            continue
        names = []
        contra = False
        for seg in text[p_start + 1 : p_end - 1].split(";"):
            im = _pattern("_ITEM").match(seg) if _ITEM_HINT.search(seg) else None
            if im is None or not _capitalised_author(im.group("authors")):
                names = []
                break
            contra = contra or bool(im.group("contra"))
            pol = "exception" if contra else "holds"
            for y in _COMMA.split(im.group("years")):
                names.append((_work_name(im.group("authors"), y), p_start, p_end, pol))
        if names and names[0][3] == "holds":  # once a segment is contra, every later one is
            found.append((p_start, p_end, names, None))
    if refs:
        k = bisect_left(cues.numbered_starts, s_start)
        while k < len(cues.numbered) and cues.numbered[k][0] < s_end:
            n_start, n_end, spec = cues.numbered[k]
            k += 1
            if n_end > s_end:
                continue
            before = text[max(s_start, n_start - 60) : n_start].rstrip()
            tail = _TAIL_WORD_BACK.match(before[::-1])  # the last word (and a "." after it), backwards
            named = bool(tail and tail.group(1)[-1:].isupper())
            named = named or _pattern("_AUTHORS_END").search(before) is not None
            rep = _after_verb(text, n_end, s_end) if named else None
            if named and rep is None:
                continue  # "Vera Holm [19], ..., argued": the person's paper, not a claim's source
            nums = [n for n in _numbers(spec) if n in refs]
            if not nums:
                continue
            names = [(refs[n], n_start, n_end, "holds") for n in nums]
            found.append((n_start, n_end, names, rep))
    return found
