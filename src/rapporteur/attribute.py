"""Attribution markers -> claim spans, kinds and polarities.

A rapporteur attributes a point by citing its proponents: "(Abel, Baker)" at the end of a sentence,
"those who argue (A, B) that ..." in the middle of one, "(although ...; Cohen)" at the end of an aside,
"With some exceptions (X), participants ..." for those who did not hold it. Each marker attributes the
clause next to it; where the sentences before it carry on the same argument, the claim reaches back
over them. Parentheticals that are not people (acronyms, glosses, dates, asides) are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapporteur.lexicon import lexicon, words
from rapporteur.model import Span
from rapporteur.structure import Paragraph, Structure

_PAREN = re.compile(r"\(([^()\n]{1,300})\)")
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*")
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d[a-z]?(?:\s*[-–]\s*\d{2,4})?$|^n\.d\.$|^forthcoming$")
_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’\-]*|(?:[A-Z]\.\s?){1,4}|O['’][A-Z][\w\-]*|Mc[A-Z]\w*)$")


@dataclass(frozen=True, slots=True)
class Marker:
    """An attribution marker found in the text, before names are resolved."""

    span: Span
    names: tuple[tuple[str, int, int], ...]  # (cited name, start, end)
    polarity: str = "holds"
    aside: tuple[int, int] | None = None  # for "(although ...; Cohen)": the aside it attributes


@dataclass(frozen=True, slots=True)
class RawClaim:
    start: int
    end: int
    kind: str
    markers: tuple[Marker, ...]
    paragraph: int


@cache
def _compiled(name: str, key: str, sub: str | None = None) -> tuple[re.Pattern[str], ...]:
    lex = lexicon(name)[key]
    pats = lex.get(sub, []) if sub else lex
    return tuple(re.compile(p, re.IGNORECASE) for p in pats)


@cache
def _frame_res() -> tuple[re.Pattern[str], ...]:
    verbs = "|".join(sorted(words("attribution", "reporting_verbs"), key=len, reverse=True))
    return tuple(
        re.compile(f.replace("{verbs}", verbs), re.IGNORECASE) for f in lexicon("attribution")["frames"]
    )


def _strip_prefix(seg: str) -> tuple[str, int]:
    low = seg.lower()
    for p in sorted(words("attribution", "name_prefixes"), key=len, reverse=True):
        if low.startswith(p + " ") or low == p:
            return seg[len(p) :].lstrip(" ,:"), len(seg) - len(seg[len(p) :].lstrip(" ,:"))
    return seg, 0


def is_name(item: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether a cited item reads as a person's name (a surname, or initials and names)."""
    item = re.sub(r",?\s+et al\.?$", "", item.strip())
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
    return len(last) >= 2 and not last.isupper()


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
        year = re.search(r"\s+(?:(?:1[5-9]|20)\d\d[a-z]?|n\.d\.)$", item)
        if year:
            item = item[: year.start()]
        elif _YEAR.match(item):
            if not out:
                return None
            continue
        if not is_name(item, known):
            return None
        lead = len(raw) - len(raw.lstrip())
        clean = re.sub(r",?\s+et al\.?$", "", item)
        out.append((clean, base + i + lead, base + i + lead + len(clean)))
    return tuple(out) or None


def find_markers(text: str, start: int, end: int, known: frozenset[str] = frozenset()) -> list[Marker]:
    """Attribution markers inside ``text[start:end]``, in order."""
    out: list[Marker] = []
    exc = _compiled("attribution", "exception_before")
    for m in _PAREN.finditer(text, start, end):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_`"):
            continue  # glued to a word: a call or an index ("derive(Eq)", "f(x)"), not a citation
        inner_start, inner = m.start(1), m.group(1)
        if not inner.strip()[:1].isalpha():
            continue
        segments = inner.split(";")
        seg_names = []
        pos = 0
        for seg in segments:
            lead = len(seg) - len(seg.lstrip())
            seg_names.append(parse_names(seg.strip(), inner_start + pos + lead, known))
            pos += len(seg) + 1
        if seg_names and all(seg_names):
            names = tuple(n for group in seg_names for n in group)  # type: ignore[union-attr]
            span, aside = Span.of(text, m.start(), m.end()), None
        elif len(segments) > 1 and seg_names[-1]:
            semi = inner_start + inner.rfind(";")
            names = seg_names[-1]
            span, aside = Span.of(text, semi, m.end()), (inner_start, semi)
        else:
            continue
        before = text[max(start, m.start() - 60) : m.start()]
        polarity = "exception" if any(p.search(before) for p in exc) else "holds"
        out.append(Marker(span, names, polarity, aside))
    return out


# ------------------------------------------------------------------------------------------ delimiting

_LIST_ITEM = re.compile(r"(?:[-*•+]|\d{1,3}[.)]|[a-z][.)])[ \t]+")
_LEAD_JUNK = " \t\n,;:—–-"
_TRAIL_JUNK = " \t\n,;:.—–-"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    # any whitespace, not only " \t\n": a lone "\r" or a no-break space is no claim
    while s < e and (text[s] in _LEAD_JUNK or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in _TRAIL_JUNK or text[e - 1].isspace()):
        e -= 1
    return s, e


def _ends_with_reporting_verb(segment: str) -> bool:
    tail = re.findall(r"[A-Za-z]+", segment[-40:])
    return bool(tail) and tail[-1].lower() in words("attribution", "reporting_verbs")


def _strip_frame(text: str, s: int, e: int) -> int:
    """Drop "some participants argued that" from the front of a claim."""
    if " that " not in text[s : min(e, s + 250)]:
        return s  # every frame ends in "that": skip the patterns on most claims
    subjects = words("attribution", "frame_subjects")
    for rx in _frame_res():
        m = rx.match(text, s, e)
        names_people = m is not None and any(
            w.lower() in subjects for w in re.findall(r"[A-Za-z]+", m.group(0))
        )
        if m and names_people and m.end() < e - 10 and "(" not in m.group(0):
            return m.end()
    return s


@cache
def _new_view_re() -> re.Pattern[str]:
    return re.compile(lexicon("attribution")["new_view"], re.IGNORECASE)


@cache
def _lexicon_re(key: str) -> re.Pattern[str]:
    return re.compile(lexicon("attribution")[key], re.IGNORECASE)


@cache
def _framing_re() -> re.Pattern[str]:
    meta = sorted(words("attribution", "meta_words"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, meta)) + r")\b", re.IGNORECASE)


def _is_framing(sentence: str) -> bool:
    return _framing_re().search(sentence) is not None


@cache
def _cue(kind: str, where: str) -> re.Pattern[str] | None:
    """All of one kind's patterns for one place as a single alternation: one scan instead of many."""
    pats = lexicon("kinds")[kind].get(where, [])
    return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) if pats else None


def _has(kind: str, where: str, text: str) -> bool:
    rx = _cue(kind, where)
    return rx is not None and rx.search(text) is not None


def classify(claim: str, paragraph_before: str, sentence: str, frame: str = "") -> str:
    """claim | question | qualification | proposal, from cue patterns kept in ``kinds.yaml``."""
    c = claim.strip()
    for kind in ("question", "qualification", "proposal"):
        if frame and _has(kind, "frame", frame):
            return kind
    if _has("question", "start", c) or _has("question", "end", c):
        return "question"
    if sentence.rstrip(" .)").endswith("?") and "?" in sentence:
        return "question"
    if (
        _has("proposal", "any", c)
        or _has("proposal", "sentence", sentence)
        or _has("proposal", "paragraph", paragraph_before)
    ) and not _has("proposal", "not", c):
        return "proposal"
    if _has("qualification", "start", c) or _has("qualification", "paragraph", paragraph_before):
        return "qualification"
    return "claim"


def attribute(st: Structure, known: frozenset[str] = frozenset()) -> list[RawClaim]:
    """Claims with their markers, paragraph by paragraph."""
    text = st.doc.text
    out: list[RawClaim] = []
    for pi, para in enumerate(st.paragraphs):
        markers: list[Marker] = []
        for s, e in para.pieces:
            markers.extend(find_markers(text, s, e, known))
        claims = _delimit(text, para, pi, markers) if markers else []
        claims.extend(_narrative(text, para, pi, markers, known))
        out.extend(sorted(claims, key=lambda c: c.start))
    return out


@cache
def _narrative_re() -> re.Pattern[str]:
    lex = lexicon("attribution")
    verbs = "|".join(sorted((re.escape(v) for v in lex["narrative_verbs"]), key=len, reverse=True))
    title = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame|Lord|Lady|Senator|Minister|Judge)\.?\s+)?"
    name = title + r"[A-ZÀ-Þ][\w'’\-]+(?:\s+(?:[A-ZÀ-Þ][\w'’\-]+|de|da|del|van|von|der|la|le|du|di|y))*"
    names = rf"{name}(?:\s*,\s*{name})*(?:,?\s+and\s+{name})?"
    return re.compile(
        rf"(?i:{lex['narrative_openers']})"
        rf"(?:(?P<names>{names})(?:,\s*(?i:however|though|for (?:her|his|their) part),)?"
        rf"\s+(?i:also\s+|further\s+|strongly\s+)?(?P<verb>(?i:{verbs}))\b(?:\s+that\b|\s*,|\s*:)?"
        rf"|(?i:according to)\s+(?P<names2>{names})\s*,)"
    )


def _narrative(
    text: str, para: Paragraph, pi: int, markers: list[Marker], known: frozenset[str]
) -> list[RawClaim]:
    """Claims introduced in the prose: "Smith argued that ...", "According to Lee, ...".

    Only in sentences with no parenthetical marker, and with a roster only for people on it: a
    historical figure who "argued" something is not a participant.
    """
    out: list[RawClaim] = []
    taken = [(m.span.start, m.span.end) for m in markers]
    stop = words("attribution", "not_subjects") | words("attribution", "not_names")
    for s_start, s_end in para.sentences:
        if any(s_start <= a < s_end for a, _ in taken):
            continue
        m = _narrative_re().match(text, s_start, s_end)
        if not m:
            continue
        group = "names" if m.group("names") else "names2"
        raw = m.group(group)
        names: list[tuple[str, int, int]] = []
        for part in re.finditer(r"[^,]+?(?=\s*,|\s+and\s+|$)", raw):
            item = part.group(0).strip()
            item = item[4:] if item.lower().startswith("and ") else item
            if not item:
                continue
            item = re.sub(
                r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame|Lord|Lady|Senator|Minister|Judge)\.?\s+", "", item
            )
            first = item.split()[0].lower()
            if first in stop or not is_name(item):
                names = []
                break
            if known and item.lower() not in known and item.split()[-1].lower() not in known:
                names = []
                break
            start = m.start(group) + part.start() + part.group(0).rfind(item)
            names.append((item, start, start + len(item)))
        if not names:
            continue
        cs, ce = _trim(text, m.end(), s_end)
        if ce - cs < 10:
            continue
        marker = Marker(
            Span.of(text, m.start(group) if group == "names" else m.start(), m.end()), tuple(names)
        )
        frame = text[m.start() : m.end()]
        kind = classify(text[cs:ce], text[para.start : cs], text[s_start:s_end], frame)
        out.append(RawClaim(cs, ce, kind, (marker,), pi))
    return out


def _delimit(text: str, para: Paragraph, pi: int, markers: list[Marker]) -> list[RawClaim]:
    sents = list(para.sentences)

    def sentence_of(pos: int) -> int:
        for i, (s, e) in enumerate(sents):
            if s <= pos < e:
                return i
        return max(0, len(sents) - 1)

    connective, continues = _lexicon_re("leading_connectives"), _lexicon_re("continuation")
    marked = {sentence_of(m.span.start) for m in markers}
    out: list[RawClaim] = []
    prev_end: dict[int, int] = {}
    for m in markers:
        si = sentence_of(m.span.start)
        s_start, s_end = sents[si]
        left = max(s_start, prev_end.get(si, s_start))
        prev_end[si] = m.span.end
        frame = ""
        nxt = next((n.span.start for n in markers if m.span.end < n.span.start < s_end), s_end)
        after = _trim(text, m.span.end, nxt)
        segment = text[left : m.span.start]
        forward = after[1] > after[0] and (
            m.polarity == "exception"
            or not segment.strip(_LEAD_JUNK)
            or (_ends_with_reporting_verb(segment) and text.startswith("that ", after[0]))
        )
        if m.aside is not None:
            cs, ce = _trim(text, *m.aside)
        elif forward:
            cs, ce = after
            if text.startswith("that ", cs):
                cs += 5
        else:
            cs, ce = _trim(text, left, m.span.start)
            if left > s_start:
                lead = connective.match(text, cs, ce)
                cs = lead.end() if lead else cs
            framed = _strip_frame(text, cs, ce) > cs or _new_view_re().match(text, cs, ce)
            if left == s_start and not framed:
                # Reach back over unmarked sentences only while each one is carried on by the next
                # ("Thus ...", "This ...", "And ..."): the rapporteur's own framing stays out.
                k = si
                while k > 0 and (k - 1) not in marked and continues.match(text, sents[k][0]):
                    prev = text[sents[k - 1][0] : sents[k - 1][1]]
                    if _is_framing(prev) or prev.rstrip().endswith("?"):
                        break
                    k -= 1
                cs = sents[k][0]
            stripped = _strip_frame(text, cs, ce)
            frame, cs = text[cs:stripped], stripped
        bullet = _LIST_ITEM.match(text, cs, ce)
        cs = bullet.end() if bullet else cs
        if ce <= cs:
            continue
        kind = classify(text[cs:ce], text[para.start : cs], text[s_start:s_end], frame)
        out.append(RawClaim(cs, ce, kind, (m,), pi))
    return out
