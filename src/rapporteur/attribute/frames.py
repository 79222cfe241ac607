"""The frame around a reporting verb, read without knowing who anyone is: what stands between a
subject and its verb (", for the Y,", ", supported by Y,", "(Ghana)", ", however,"), what follows the
verb (a complementizer, a participle "saying that", a quotation, an object naming the view answered:
"pushed back on Y's proposal", "agreed with Y", "welcomed the proposal"), and the stretches of a record
a later mention looks back over. ``reported`` puts these together with the voices of ``speech``.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from functools import cache

from rapporteur import _regex as re
from rapporteur.attribute import speech
from rapporteur.attribute.speech import Verb, Voice, rx, verb_of
from rapporteur.lexicon import words
from rapporteur.script import MARKS, UPPER
from rapporteur.structure import Paragraph, Structure, split_sentences

MAX_QUOTE = 3000
OPEN_Q, CLOSE_Q = '“"‘', '”"’'
# Whitespace is taken possessively (``*+``): "\s*X?\s*" over a long run of spaces otherwise tries every
# split of the run, which is quadratic.
COMPLEMENT = re.compile(r"\s*+(?:[:,]\s*+)?(?:that|whether|if)\b\s*+|\s*+:\s*+")
TAIL_BY = re.compile(
    r",\s*(?P<how>supported|backed|joined|seconded|opposed)\s+by\s+(?P<who>[^,;.]{1,120}?)\s*[,.;]?\s*$"
)
BEHALF = re.compile(
    r",\s*(?:for(?!\s+(?:example|instance|now|once|one|its|his|her|their|our|my)\b)|on\s+behalf\s+of"
    r"|speaking\s+for)\s+(?:the\s+)?(?P<who>[^,;]{2,100}?)\s*,\s*$"
)
# "for an industry association", "for several NGOs": a group described, not named, is nobody to credit
_UNNAMED_GROUP = re.compile(r"(?:a|an|some|several|many|various|other|certain)\s", re.IGNORECASE)
APPOS = re.compile(
    r",\s*(?:a|an|the)\s+\w[^,;]{1,80},\s*$|,\s*(?:however|though|too|in\s+turn|for\s+(?:her|his|its|their)\s+part|for\s+(?:example|instance)),\s*$"
)


Unit = tuple[int, int, Sequence[tuple[int, int]], int]


class Units:
    """A record's units as a sequence of (start, end, sentences, paragraph index), each made when read:
    held as one paragraph index per unit (a table row's unit kept whole), since a record's every
    paragraph is a unit and the detector reads only the few with a cue, where a tuple and two offsets
    per paragraph were held through the whole detector."""

    __slots__ = ("_paras", "_pis", "_rows")

    def __init__(self, paras: Sequence[Paragraph]) -> None:
        self._paras = paras
        self._pis = array("q")
        self._rows: dict[int, Unit] = {}

    def __len__(self) -> int:
        return len(self._pis)

    def __getitem__(self, i: int) -> Unit:
        if i < 0:
            i += len(self._pis)
        row = self._rows.get(i)
        if row is not None:
            return row
        pi = self._pis[i]  # IndexError past the end, as a list's
        para = self._paras[pi]
        return (para.start, para.end, para.sentences, pi)

    def start(self, i: int) -> int:
        """``self[i][0]``, with no tuple made."""
        row = self._rows.get(i)
        return row[0] if row is not None else self._paras[self._pis[i]].start

    def __iter__(self) -> Iterator[Unit]:
        return map(self.__getitem__, range(len(self._pis)))

    def pis(self) -> Sequence[int]:
        return self._pis


def units(st: Structure) -> Units:
    """Stretches a pronoun or a bare "agreed" looks back over: a paragraph, or one row of a table
    written as one block (each row its own record of a point)."""
    text = st.doc.text
    out = Units(st.paragraphs)
    pis, rows = out._pis, out._rows
    for pi, para in enumerate(st.paragraphs):
        # two lines with a "|" need two of them: most paragraphs are ruled out by a count
        lines = text[para.start : para.end].split("\n") if text.count("|", para.start, para.end) >= 2 else ()
        if len(lines) > 1 and sum("|" in ln for ln in lines) >= 2:
            pos = para.start
            for ln in lines:
                s, e = pos, pos + len(ln)
                pos = e + 1
                if ln.strip():
                    rows[len(pis)] = (s, e, split_sentences(text, s, e), pi)
                    pis.append(pi)
        else:
            pis.append(pi)
    return out


# "X, for the G-77," / "X, on behalf of the Y": the rare part first (a comma), the name looked back for
_BEHALF_TAIL = re.compile(r",(?=\s+(?:for|on behalf of)\s+(?:the\s+)?[A-Z])")
_RUN = re.compile(r"[\w\-]+")
_NAME_START = re.compile(r"(?:^|(?<=-))[A-Z](?=[\w\-])")
# "Ana Ruiz (Norland)", read in the reversed text, where the pattern starts with its closing parenthesis
# (a literal ``re`` skips ahead to) instead of a capital tried at every position:
# \b[A-Z][a-z]+\s+[A-Z][a-z]+\s+\([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\) written backwards.
_PAREN_AFF_REV = re.compile(r"\)(?:[a-z]+[A-Z]\s+)?[a-z]+[A-Z]\(\s+[a-z]+[A-Z]\s+[a-z]+[A-Z]\b")


def run_start(text: str, run: re.Pattern[str], end: int) -> int | None:
    """Where the longest run of one character class (``run`` is ``[...]+``, no lookaround) that ends at
    ``end`` starts, or None if the character before ``end`` is not of the class: read forwards in the
    reversed tail before ``end``, a window that grows only while the run fills it, so it costs the
    run's length and no more, and no reversed copy of the whole text is made (on a text that is not
    ASCII that copy is twice the file's size)."""
    width = 64
    while True:
        lo = max(0, end - width)
        tail = text[lo:end][::-1]
        m = run.match(tail)
        if m is None:
            return None
        if m.end() < len(tail) or lo == 0:
            return end - m.end()
        width *= 4


# What ``_PAREN_AFF_REV`` can read: every other character ends each of its paths there (or is the
# non-word character its final ``\b`` wants), so a window back to one of them reads as the whole text
_PAREN_AFF_READS = re.compile(r"[A-Za-z\s(]+")


def party_doc(text: str) -> bool:
    """Whether the record names parties: a delegation speaking for a group ("X, for the G-77,"), or
    persons given with a one-word affiliation in parentheses at least twice.

    One delegation speaking for a group is evidence enough; each cue is found from its rare part
    (the comma before "for", the parenthesis) and the name before it read back from there, in a
    reversed window just long enough (``run_start``), never in a reversed copy of the whole text."""
    for m in _BEHALF_TAIL.finditer(text):
        # a capitalised word of two or more characters, at a word start, right before the comma
        r = run_start(text, _RUN, m.start())
        if r is not None and _NAME_START.search(text[r : m.start()]):
            return True
    # two affiliations in parentheses: a match holds one ")", its first character, so none overlap
    found = 0
    p = text.find(")")
    while p >= 0:
        r = run_start(text, _PAREN_AFF_READS, p)
        lo = max(0, (p if r is None else r) - 1)  # with the character that stops every path
        if _PAREN_AFF_REV.match(text[lo : p + 1][::-1]):
            found += 1
            if found == 2:
                return True
        p = text.find(")", p + 1)
    return False


# "Vera Holm [19]": a number after a name points at the person's paper


def _last_word(tail: str) -> tuple[int, str] | None:
    r""" "... also" -> (where the whitespace before "also" starts, "also"): what ``\s+([A-Za-z]+)\s*$``
    finds in a segment whose trailing whitespace ``tail`` left out, read from the end instead of
    searched for from every space."""
    j = len(tail)
    while j > 0 and tail[j - 1].isascii() and tail[j - 1].isalpha():
        j -= 1
    if j == len(tail) or j == 0 or not tail[j - 1].isspace():
        return None
    w = j - 1
    while w > 0 and tail[w - 1].isspace():
        w -= 1
    return w, tail[j:]


_TRAIL_NUM = re.compile(r"\s*\[\d{1,4}(?:\s*[-–,]\s*\d{1,4})*\]\s*$")


def strip_pre(
    text: str, lo: int, hi: int
) -> tuple[int, dict[str, tuple[str, int, int]], list[tuple[str, int, int, str]]]:
    """Peel what sits between a subject and its verb, right to left: adverbs, ", however,", an
    apposition (", a developer for Base,"), "(Ghana)", ", for the Y," (behalf), ", supported by Y,"."""
    extra: dict[str, tuple[str, int, int]] = {}
    by: list[tuple[str, int, int, str]] = []
    adverbs = words("reporting", "adverbs")
    for _ in range(6):
        seg = text[lo:hi]
        tail = seg.rstrip()  # every pattern below ends in whitespace up to the end: the mark before it
        last = _last_word(tail)
        if last and last[1].lower() in adverbs:
            hi = lo + last[0]
            continue
        m = TAIL_BY.search(seg)
        if m:
            by.append((m.group("who"), lo + m.start("who"), lo + m.end("who"), m.group("how").lower()))
            hi = lo + m.start()
            continue
        m = BEHALF.search(seg)
        if m and "behalf" not in extra:
            who = m.group("who")
            paren = speech._TRAIL_PAREN.search(who)  # "the G-77 AND CHINA (G-77/CHINA)": its acronym
            who = who[: paren.start()] if paren else who
            if not _UNNAMED_GROUP.match(who):  # "speaking for an industry association": no group named
                extra["behalf"] = (who.strip(), lo + m.start("who"), lo + m.start("who") + len(who.rstrip()))
            hi = lo + m.start()
            continue
        m = (
            APPOS.search(seg)
            or (speech._TRAIL_PAREN.search(seg) if tail.endswith(")") else None)
            or (_TRAIL_NUM.search(seg) if tail.endswith("]") else None)
        )
        if m:
            hi = lo + m.start()
            continue
        if tail.endswith(","):  # "The site manager, Ana Ruiz, responded"
            hi = lo + len(tail) - 1
            continue
        break
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi, extra, by


_PRONOUNS = frozenset({"He", "She", "he", "she"})


def _opens(ch: str) -> bool:
    return ch in ",;:*|" or ch.isspace()


def pronoun_subject(text: str, lo: int, hi: int) -> Voice | None:
    """ "He" / "She" as the whole subject right before ``hi`` (trailing whitespace aside), after a
    clause boundary: the last word read directly, not searched for across the segment."""
    e = hi
    while e > lo and text[e - 1].isspace():
        e -= 1
    for w in (3, 2):  # "She" before "he": the leftmost reading
        s = e - w
        if s >= lo and text[s:e] in _PRONOUNS and (s == lo or _opens(text[s - 1])):
            break
    else:
        return None
    prefix = text[lo:s]
    if not speech._boundary(prefix) and not speech.strip_openers(prefix.strip() + " ")[0]:
        return None
    return Voice(text[s:e], s, e, pronoun=text[s:e])


def quote_end(text: str, start: int, limit: int) -> int | None:
    """The closing quote of a quotation opened just before ``start`` (bounded search)."""
    m = re.compile(r"[”\"]").search(text, start, min(limit, start + MAX_QUOTE))
    return m.start() if m else None


def refers_back(obj: str) -> bool:
    o = re.sub(r"\s+", " ", obj.strip(" ,.").lower())
    o = re.sub(r"^(?:on|to|with)\s+", "", o)
    return not o or o in words("reporting", "view_refs")


def shares_words(a: str, b: str) -> bool:
    wa = {w for w in re.findall(r"[a-z]{4,}", a.lower())}
    wb = {w for w in re.findall(r"[a-z]{4,}", b.lower())}
    return len(wa & wb) >= 1 and len(wa & wb) >= len(wa) / 2


_NAMED_OBJ = re.compile(
    r"^\s*+(?:(?:with|on|to|against)\s++)?(?:the\s++)?(?P<who>[A-ZÀ-Þ][\w’'\- ]{0,40}?)(?:['’]s?)\s+"
    r"(?:[a-z][\w\-]*\s+){0,2}?[a-z][\w\-]*(?=\s*[,.;]|\s+(?:and|but)\b|$)"
    r"|^\s*with\s+(?:the\s+)?(?P<who2>[A-ZÀ-Þ][\w’'\- ]{0,40}?)(?=\s*[,.;]|\s+(?:that|on|and|but)\b|$)"
)


# What may follow a reporting verb (``read_after``), compiled once.
_PASSIVE_BY = re.compile(r"\s+by\s+(?![a-z]+ing\b)")
_LIST_AND = re.compile(r",\s+(?:and|or)\s")
_TOPIC = re.compile(r"\s+(?:on|about)\s+(?:the|a|an|his|her|their|its)\b")
_BY_ING = re.compile(r"\s+by\s+[a-z]+ing\b")
_ABOUT = re.compile(r"\s+(?:on|about|over|regarding|among|between|amongst)\b[^,;]*[.;]?\s*$")
_QUOTE_NEXT = re.compile(r"\s*+,?\s*+[“\"]")  # possessive: a run of spaces is not re-split


@cache
def _and_verb() -> re.Pattern[str]:
    return re.compile(r"\s+and\s+(?:also\s+)?(" + speech.verb_alt() + r")\b", re.I)


_BUT_AND = re.compile(r"\s+(but|and)\s+", re.I)
_ALSO = re.compile(r"also\s+", re.I)


def _but_verb(rest: str) -> tuple[str, re.Match[str]] | None:
    r"""What ``\s+(but|and)\s+(?:also\s+)?(VERB)\b`` (case-insensitive) matches at the start of
    ``rest``: (the conjunction, the verb's match of ``verb_re``). Read in steps, with the one compiled
    pattern of the verb forms, instead of a second case-insensitive compile of the whole alternation
    (milliseconds at start-up). The same match: every form starts with a letter (so no run of
    whitespace is split), and none with "also"."""
    m = _BUT_AND.match(rest)
    if m is None:
        return None
    vr = speech.verb_re()
    a = _ALSO.match(rest, m.end())
    v = (vr.match(rest, a.end()) if a else None) or vr.match(rest, m.end())
    return (m.group(1), v) if v else None


@cache
def _view_ref() -> re.Pattern[str]:
    # Possessive runs of space: "\s*(?:on|to|with)?\s*" split a run of spaces both ways, in
    # quadratic time when no reference followed (no reference begins with a space: the same matches).
    return re.compile(
        r"\s*+(?:(?:on|to|with)\s*+)?(?:" + speech._alt("view_refs") + r")(?=\s*[,.;]|\s+(?:and|but)\b|$)",
        re.I,
    )


def read_after(
    text: str, verb: Verb, vend: int, s_end: int, p_end: int
) -> tuple[int, int, Verb, str | None, str | None, str | None, int] | None:
    """After the verb: (content start, content end, verb of the content, named target, object text,
    relation type override, cue end). Content (start == end) empty for a bare stance."""
    rest = text[vend:s_end]
    named = obj = rel = None
    pos = vend
    cue_end = vend
    if _PASSIVE_BY.match(rest):
        return None  # "If requested by the Licensor": a passive, nobody reports
    if _LIST_AND.match(rest) and vend > 0 and text[vend - 1] == "s":
        return None  # "I/O, mesh refinement, PAPI counters, and ...": a plural noun in a list, not a verb
    if not verb.stance and _TOPIC.match(rest):
        return None  # "X reports on the application of ...": a topic named, no view stated
    if _BY_ING.match(rest):
        # "concluded by discussing his paper and argued that ...": only the coordinated verb reports
        m = _and_verb().search(rest)
        if m is None:
            return None
        v2 = verb_of(m.group(1))
        c = COMPLEMENT.match(text, vend + m.end())
        return (c.end() if c else vend + m.end()), s_end, v2, None, None, None, vend + m.end()
    if verb.stance:
        m = _NAMED_OBJ.match(rest)
        if m:
            named = (m.group("who") or m.group("who2")).strip()
            pos = vend + m.end()
            cue_end = pos
        else:
            m = _view_ref().match(rest)
            if m:
                obj, pos = "this", vend + m.end()
                cue_end = pos
            elif _ABOUT.match(rest):
                return None  # "X and Y disagreed about the footpath": a disagreement named, no view stated
        rest = text[pos:s_end]
    m = rx("participles", r"^[^.;]{0,80}?,\s*({})(?:\s+that)?\s+").match(rest) if verb.stance else None
    m = m or rx("participles", r"^,\s*({})(?:\s+that)?\s+").match(rest)
    if m:
        if verb.stance and obj is None and named is None:
            obj = rest[: m.start(1)].strip(" ,") or None
        inner = re.sub(r"\s+", " ", m.group(1).lower())
        pv = speech.verbs().get({"saying": "said", "asking": "asked"}.get(inner, inner[:-3] + "ed"), None)
        kind_verb = pv or speech.Verb(inner, "claim", None)
        return pos + m.end(), s_end, kind_verb, named, obj, None, cue_end
    bv = _but_verb(rest) if verb.stance else None  # only a verb that takes a side is read on
    if bv:
        conj, vm = bv
        v2 = verb_of(vm.group(0))
        rel = "qualify" if conj.lower() == "but" and verb.stance == "agree" else None
        c = COMPLEMENT.match(text, pos + vm.end())
        return (c.end() if c else pos + vm.end()), s_end, v2, named, obj, rel, pos + vm.end()
    tail = rest.strip()
    if verb.stance and (not tail or tail in ".;"):
        return pos, pos, verb, named, obj, None, cue_end
    if verb.stance and (named or obj):
        return None  # "agreed with X on the details": no content of its own
    q = _QUOTE_NEXT.match(rest)
    if q:
        qs = pos + q.end()
        qe = quote_end(text, qs, p_end)
        if qe is not None:
            return qs, qe, verb, None, None, None, cue_end
    c = COMPLEMENT.match(text, pos)
    cs = c.end() if c else pos
    if verb.stance and verb.form in ("agreed", "agrees", "concurred") and not c:
        return None
    if verb.kind == "question" and c and "that" in text[pos : c.end()]:
        verb = speech.Verb(verb.form, "proposal", None)
    if verb.stance == "agree" and not c:
        return None  # "welcomed the participants": an object, not a view
    if verb.stance and not c:
        obj = text[cs:s_end]  # "opposed any reference to X": answers only a view about X
    return cs, s_end, verb, named, obj, None, cue_end


ACCORDING_AT = re.compile(r"according\s+to\s+(?P<who>[^,;.]{1,80}?)\s*,\s*", re.IGNORECASE)
ACCORDING = re.compile(r"(?<=[,;:]\s)according\s+to\s+(?P<who>[^,;.]{1,80}?)\s*,\s*", re.IGNORECASE)
PASSIVE = re.compile(
    r"\bit\s+was\s+(?P<verb>[a-z]+(?:\s+out)?)\s+by\s+(?P<who>[^,;.]{1,80}?)\s+that\s+", re.IGNORECASE
)
POINT = re.compile(
    r"(?:,\s+|(?<!\s)\s+(?:was|is|were)\s+)(?:a|an|the)\s+(?:\w+\s+)?(?:point|concern|argument|suggestion|proposal|view)\s+"
    r"(?:made|raised|put\s+forward|stressed|voiced)\s+by\s+(?P<who>[^;.]{1,80}?)\s*[.;]?\s*$",
    re.IGNORECASE,
)
# "as Lord Y said, ..." / "..., as Lord Y pointed out.": in a turn, or with a roster, it credits Y
AS_SAID = re.compile(
    r"(?<![\w'’])[Aa]s\s+(?P<who>[^,;.()]{2,80}?)\s+(?P<verb>said|noted|argued|pointed\s+out|suggested|observed|"
    r"stated|explained|put\s+it|has\s+said|has\s+argued|has\s+pointed\s+out)(?P<end>\s*,\s*|\s*[.;]\s*$)"
)
POSSESSIVE = re.compile(rf"(?<![\w'’])(?P<name>{UPPER}[\w{MARKS}\-]+)['’]s?\s+[a-z]")
_ROLE_INTRO = None
# "Ana Ruiz, a developer for Acme, gave ...": a full name introduced with an apposition


@cache
def name_role_re() -> re.Pattern[str]:
    """ "Ana Ruiz, the release manager,": compiled when a sentence first holds its cue (``_cues``
    finds ", the ROLE," in one scan), since many records never do (milliseconds at start-up)."""
    roles = speech._alt("roles")
    return re.compile(
        rf"(?P<name>{speech._NAME.pattern}),\s+the\s+(?P<role>[\w’'\- ]{{0,40}}?\b(?i:{roles})),"
    )


@cache
def name_appos_re() -> re.Pattern[str]:
    """ "Ana Ruiz, a developer for Acme,": compiled when a sentence first holds ", a(n) x"."""
    return re.compile(rf"(?<![\w'’])(?P<name>{speech._NAME.pattern}),\s+(?:a|an)\s+[a-z]")


def role_intro_re() -> re.Pattern[str]:
    global _ROLE_INTRO
    if _ROLE_INTRO is None:
        roles = speech._alt("roles")
        _ROLE_INTRO = re.compile(
            rf"\b(?:[Tt]he\s+)?(?P<role>(?:[A-Z][\w\-]*\s+){{0,3}}(?i:{roles})),\s+(?P<name>{speech._NAME.pattern})"
            rf"(?:\s*\([^()]{{1,60}}\))?,"
        )
    return _ROLE_INTRO


# The first capital comes before the look back at the character before it, so ``re`` skips ahead to
# the next capital instead of trying the lookbehind at every position; the same matches. The first
# word is possessive: spaces must follow it, and no shorter cut of a word is followed by a space.
_FULL_NAME = re.compile(
    r"[A-Z](?<![\w'’.].)(?:[a-z][\w'’\-]*+|\.)(?:[ \t]+(?:[A-Z][a-z][\w'’\-]*|[A-Z]\.)){1,3}\b"
)


@cache
def _not_name_lead() -> frozenset[str]:
    drop = words("reporting", "openers") | words("attribution", "not_subjects") | words("reporting", "roles")
    return drop | {"the", "a", "an", "in", "on", "at", "for", "of", "by", "as", "with", "from"}


def full_names(text: str) -> Iterator[tuple[int, str]]:
    """Every run of two to four capitalised words or initials ("Ana M. Ruiz"), its leading
    sentence words dropped ("However", "The"): candidates for what a later bare surname stands for.
    Yielded in order, not listed: the reader indexes them by surname and keeps nothing else."""
    drop = _not_name_lead()
    for m in _FULL_NAME.finditer(text):
        g = m.group(0)
        toks = g.split()
        if toks[0].lower().strip(".") in drop:
            toks = toks[1:]
            while toks and toks[0].lower().strip(".") in drop:
                toks = toks[1:]
            g = " ".join(toks)
        elif "\t" in g or "  " in g:
            g = " ".join(toks)  # a tab or a run of spaces between the words
        if len(toks) >= 2 and not toks[-1].endswith("."):
            yield m.start(), g
