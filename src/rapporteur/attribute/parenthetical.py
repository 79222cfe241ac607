"""Parenthetical markers -> claim spans, kinds and polarities.

A rapporteur attributes a point by citing its proponents: "(Abel, Baker)" at the end of a sentence,
"those who argue (A, B) that ..." in the middle of one, "(although ...; Cohen)" at the end of an aside,
"With some exceptions (X), participants ..." for those who did not hold it. Each marker attributes the
clause next to it; where the sentences before it carry on the same argument, the claim reaches back
over them. Parentheticals that are not people (acronyms, glosses, dates, asides) are left alone.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable
from functools import cache

from rapporteur import _regex as re
from rapporteur.attribute._paren_suffix import suffix_search
from rapporteur.attribute.claims import (
    LEAD_JUNK,
    LIST_ITEM,
    Context,
    Marker,
    ParagraphCues,
    RawClaim,
    classify,
    compiled,
    ends_with_reporting_verb,
    is_framing,
    lexicon_re,
    new_view_re,
    strip_frame,
    trim,
)
from rapporteur.lexicon import longest_first, words
from rapporteur.model import Span
from rapporteur.script import MARKS, UPPER
from rapporteur.structure import Paragraph, Structure

VIA = "parenthetical"
PRIORITY = 10  # the most specific: a marker that names its proponents beside the clause

_PAREN = re.compile(r"\(([^()\n]{1,300})\)")
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*")
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d[a-z]?(?:\s*[-–]\s*\d{2,4})?$|^n\.d\.$|^forthcoming$")

# A name's token: a capital and word characters ("Ruiz", "Holm-Cole"), one to four initials ("J.",
# "J. R."), "O'" or "Mc" and a capital ("O'Neill", "McDonald", their tails narrower). Written as four
# branches each with its capital, ``UPPER`` (a class of ~900 characters) came four times into the
# pattern: ~6 ms to compile. Here the capital comes once after an optional "O'"/"Mc", and a lookbehind
# to the token's start tells which tail may follow (the branch the prefix chose); the initials' second
# to fourth capitals are the second ``UPPER``. The same tokens match (``tests/test_paren_speed.py``).
_TOKEN = re.compile(
    rf"^(?:O['’]|Mc)?{UPPER}(?:(?<=^O['’].)[\w{MARKS}\-]*|(?<=^Mc.)[\w{MARKS}]*"
    rf"|(?<=^.)(?:[\w{MARKS}'’\-]*|\.\s?(?:{UPPER}\.\s?){{0,3}}))$"
)


_ET_AL = re.compile(r",?\s+et al\.?$")
_YEAR_TAIL = re.compile(r"\s+(?:(?:1[5-9]|20)\d\d[a-z]?|n\.d\.)$")
_NOT_CAPS = re.compile(r"[^A-Z]")
_LATIN_WORD = re.compile(r"[A-Za-z][\w\-]*")
_GOES_ON = re.compile(r"\s*(?:,\s*)?(?:and\s+|[a-z])")
_PART_SEP = re.compile(r"[-'’.]")


@cache
def _prefix_re() -> re.Pattern[str]:
    """The name prefixes ("see also", "cf.") as one alternation, longest first, each followed by a
    space or the end: one match of a segment's start where a loop tried every prefix twice."""
    prefixes = longest_first(words("attribution", "name_prefixes"))
    return re.compile("(?:" + "|".join(map(re.escape, prefixes)) + r")(?= |\Z)")


@cache
def _exception_before() -> Callable[[str, int, int], bool]:
    """The ``exception_before`` cues as one alternation, as a test of whether the text before a marker
    ends with one: each cue ends at the end (``...\\s*$``), so the test is one match of the reversed
    alternation on the text read backwards (``_paren_suffix``), not a search from every position."""
    alt = re.compile("|".join(f"(?:{p.pattern})" for p in compiled("attribution", "exception_before")), re.I)
    return suffix_search(alt)


def _strip_prefix(seg: str) -> tuple[str, int]:
    m = _prefix_re().match(seg.lower())
    if m is None:
        return seg, 0
    rest = seg[m.end() :].lstrip(" ,:")
    return rest, len(seg) - len(rest)


def is_name(item: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether a cited item reads as a person's name (a surname, or initials and names)."""
    # Names compare in NFC: "José" typed with a combining accent is the same name as the composed one.
    # (Each match of _ET_AL holds "et al", and ASCII is NFC already: both looked for only if they can be.)
    item = item.strip()
    if "et al" in item:
        item = _ET_AL.sub("", item)
    if not item.isascii():
        item = unicodedata.normalize("NFC", item)
    if not item or len(item) > 60:
        return False
    if item.lower() in known:
        return True
    toks = item.replace(".", ". ").split()
    if not toks or len(toks) > 5:
        return False
    particles = words("attribution", "particles")
    not_names, orgs = words("attribution", "not_names"), words("attribution", "org_words")
    content = [t for t in toks if t.lower() not in particles]
    if not content or toks[-1].lower() in particles:
        return False
    for t in content:
        if not _TOKEN.match(t):
            return False
        low = t.lower().strip(".")
        if low in orgs or (low in not_names and len(content) == 1):
            return False
    last = content[-1].strip(".")
    # acronyms such as "(OECD)" are organisations, not people
    return len(last) >= 2 and not last.isupper() and not any(_acronym_shaped(t) for t in content)


def _acronym_shaped(token: str) -> bool:
    """A plural or mixed-case acronym or product name ("DOIs", "SaaS", "SciGaP", "NumFOCUS"), not a
    surname: within one hyphen- or apostrophe-free part, three capitals, or two that make half of it.
    Surnames with an inner capital ("McDonald", "LeBlanc", "MacArthur", "O'Neill") have fewer."""
    if sum(map(str.isupper, token)) < 2:
        return False  # most tokens ("Ruiz", "de"): fewer than two capitals in all their parts together
    for part in _PART_SEP.split(token):
        caps = sum(map(str.isupper, part))
        if caps >= 3 or (caps >= 2 and 2 * caps >= len(part)):
            return True
    return False


def parse_names(content: str, offset: int, known: frozenset[str]) -> tuple[tuple[str, int, int], ...] | None:
    """Names in a marker's inner text, with offsets; None if any item is not a name."""
    seg, skip = _strip_prefix(content)
    base = offset + skip
    out: list[tuple[str, int, int]] = []
    pos = 0
    items = _ITEM_SPLIT.split(seg)
    for raw in items:
        i = seg.find(raw, pos)
        pos = i + len(raw)
        item = raw.strip()
        if not item:
            return None
        # author-year citations: "Smith 2019", "Smith, 2019"
        year = _YEAR_TAIL.search(item)
        if year:
            item = item[: year.start()]
        elif _YEAR.match(item):
            if not out:
                return None
            continue
        if not is_name(item, known):
            return None
        lead = len(raw) - len(raw.lstrip())
        clean = _ET_AL.sub("", item) if "et al" in item else item
        out.append((clean, base + i + lead, base + i + lead + len(clean)))
    return tuple(out) or None


_TICKS = re.compile(r"`+")


def code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Inline code (`` `f(x)` ``, ``` ``a (b)`` ```) in ``text[start:end]``, as CommonMark pairs it: a
    run of backticks closes at the next run of the same length; each run is paired by one bisection."""
    if text.find("`", start, end) < 0:
        return []
    runs = [(m.start(), m.end() - m.start()) for m in _TICKS.finditer(text, start, end)]
    by_len: dict[int, list[int]] = {}
    for k, (_, n) in enumerate(runs):
        by_len.setdefault(n, []).append(k)
    out: list[tuple[int, int]] = []
    pos = 0  # runs before this index are inside a span already found
    for k, (at, n) in enumerate(runs):
        if k < pos:
            continue
        same = by_len[n]
        j = bisect.bisect_right(same, k)
        if j < len(same):
            close = runs[same[j]]
            out.append((at, close[0] + close[1]))
            pos = same[j] + 1
    return out


_SMALL = frozenset({"of", "for", "the", "and", "on", "in", "to", "a", "an", "de", "la", "du", "des"})
# Backwards, a word (a run of "[\w'’\-]") is read last character first: the last two words
# of a text are the first two runs of its reversal, and a word's first character is its run's last.
_LAST_TWO_WORDS = re.compile(r"[^\w'’\-]*([\w'’\-]+)[^\w'’\-]+([\w'’\-]+)")
_CAPITAL = re.compile(r"[A-ZÀ-Þ]")


def _capitalised(reversed_word: str) -> bool:
    """Whether a word read backwards starts (forwards) with a capital: its last character is one."""
    return _CAPITAL.match(reversed_word, len(reversed_word) - 1) is not None


def is_apposition(text: str, open_at: int, close_at: int, inner: str) -> bool:
    """Whether "(...)" at ``open_at`` glosses the phrase right before it rather than citing anyone:
    an acronym of the words before ("Subsidiary Body for Implementation (SBI)", "inclusion lists
    (ILs)"), or a one-item gloss of a name the sentence then goes on from ("Maria Lindqvist (Sweden)
    said", "John Smith (JS) and ..."): an affiliation or an alias, not an attribution."""
    item = inner.strip()
    before = text[max(0, open_at - 120) : open_at].rstrip()
    if " " not in item and len(caps := _NOT_CAPS.sub("", item)) >= 2:
        ws = [w for w in _LATIN_WORD.findall(before)[-10:] if w.lower() not in _SMALL]
        initials = "".join(w[0].upper() for w in ws)
        it = iter(initials[-(len(caps) + 3) :])
        if initials.endswith(caps[-1]) and all(c in it for c in caps):
            return True
    if "," in item or ";" in item or "&" in item or " and " in item or len(item.split()) > 4:
        return False
    # The last two words of the 60 characters before, each capitalised: read backwards, one match
    # where a findall listed every word of them.
    prev = _LAST_TWO_WORDS.match(before[: -61 if len(before) > 60 else None : -1])
    if prev is None or not _capitalised(prev[1]) or not _capitalised(prev[2]):
        return False
    after = text[close_at : close_at + 40]
    return _GOES_ON.match(after) is not None


def find_markers(text: str, start: int, end: int, known: frozenset[str] = frozenset()) -> list[Marker]:
    """Attribution markers inside ``text[start:end]``, in order; never inside inline code."""
    out: list[Marker] = []
    exc = _exception_before()
    code = code_spans(text, start, end)
    code_starts = [s for s, _ in code]
    for m in _PAREN.finditer(text, start, end):
        at = m.start()
        k = bisect.bisect_right(code_starts, at) - 1
        if k >= 0 and at < code[k][1]:
            continue  # `code (Foo)` is code, not a citation of Foo
        if at > 0 and (text[at - 1].isalnum() or text[at - 1] in "_`"):
            continue  # glued to a word: a call or an index ("derive(Eq)", "f(x)"), not a citation
        inner_start, inner = m.start(1), m.group(1)
        if not inner.strip()[:1].isalpha():
            continue
        if is_apposition(text, at, m.end(), inner):
            continue
        segments = inner.split(";")
        seg_names = []
        pos = 0
        for seg in segments:
            lead = len(seg) - len(seg.lstrip())
            seg_names.append(parse_names(seg.strip(), inner_start + pos + lead, known))
            pos += len(seg) + 1
        if len(seg_names) == 1 and seg_names[0]:  # the common case: one segment, its names as they are
            names, span, aside = seg_names[0], Span.of(text, at, m.end()), None
        elif seg_names and all(seg_names):
            names = tuple(n for group in seg_names for n in group)  # type: ignore[union-attr]
            span, aside = Span.of(text, at, m.end()), None
        elif len(segments) > 1 and seg_names[-1]:
            semi = inner_start + inner.rfind(";")
            names = seg_names[-1]
            span, aside = Span.of(text, semi, m.end()), (inner_start, semi)
        else:
            continue
        polarity = "exception" if exc(text, max(start, at - 60), at) else "holds"
        out.append(Marker(span, names, polarity, aside))
    return out


def _delimit(text: str, para: Paragraph, pi: int, markers: list[Marker]) -> list[RawClaim]:
    sents = list(para.sentences)
    starts = [s for s, _ in sents]
    marker_starts = [n.span.start for n in markers]  # in text order, as find_markers gives them
    cues = ParagraphCues(text, para.start, para.end)
    sentence_text: dict[int, str] = {}  # each sentence sliced once, however many markers it holds

    def sentence_of(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < sents[i][1]:
            return i
        return max(0, len(sents) - 1)

    connective, continues = lexicon_re("leading_connectives"), lexicon_re("continuation")
    sentence_index = [sentence_of(m.span.start) for m in markers]  # each marker's, bisected once
    marked = set(sentence_index)
    out: list[RawClaim] = []
    prev_end: dict[int, int] = {}
    for m, si in zip(markers, sentence_index, strict=True):
        s_start, s_end = sents[si]
        left = max(s_start, prev_end.get(si, s_start))
        prev_end[si] = m.span.end
        frame = ""
        k_next = bisect.bisect_right(marker_starts, m.span.end)
        nxt = marker_starts[k_next] if k_next < len(markers) and marker_starts[k_next] < s_end else s_end
        after = trim(text, m.span.end, nxt)
        segment = text[left : m.span.start]
        forward = after[1] > after[0] and (
            m.polarity == "exception"
            or not segment.strip(LEAD_JUNK)
            or (ends_with_reporting_verb(segment) and text.startswith("that ", after[0]))
        )
        if m.aside is not None:
            cs, ce = trim(text, *m.aside)
        elif forward:
            cs, ce = after
            if text.startswith("that ", cs):
                cs += 5
        else:
            cs, ce = trim(text, left, m.span.start)
            if left > s_start:
                lead = connective.match(text, cs, ce)
                cs = lead.end() if lead else cs
            head, first = cs, strip_frame(text, cs, ce)
            framed = first > cs or new_view_re().match(text, cs, ce)
            if left == s_start and not framed:
                # Reach back over unmarked sentences only while each one is carried on by the next
                # ("Thus ...", "This ...", "And ..."): the rapporteur's own framing stays out.
                k = si
                while k > 0 and (k - 1) not in marked and continues.match(text, sents[k][0]):
                    prev = text[sents[k - 1][0] : sents[k - 1][1]]
                    if is_framing(prev) or prev.rstrip().endswith("?"):
                        break
                    k -= 1
                cs = sents[k][0]
            stripped = first if cs == head else strip_frame(text, cs, ce)  # one search per start
            frame, cs = text[cs:stripped], stripped
        bullet = LIST_ITEM.match(text, cs, ce)
        cs = bullet.end() if bullet else cs
        if ce <= cs:
            continue
        if si not in sentence_text:
            sentence_text[si] = text[s_start:s_end]
        kind = classify(text[cs:ce], cues.before(cs), sentence_text[si], frame)
        out.append(RawClaim(cs, ce, kind, (m,), pi))
    return out


def detect(st: Structure, ctx: Context) -> list[RawClaim]:
    """Claims attributed by parenthetical markers, paragraph by paragraph."""
    text = st.doc.text
    out: list[RawClaim] = []
    for pi, para in enumerate(st.paragraphs):
        markers: list[Marker] = []
        for s, e in para.pieces:
            markers.extend(find_markers(text, s, e, ctx.known))
        if markers:
            out.extend(_delimit(text, para, pi, markers))
    return out
