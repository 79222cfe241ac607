"""What every detector shares: the marker and raw claim it yields, and one way to trim a claim,
drop its reporting frame and classify its kind.

Each detector (``parenthetical``, ``reported``, ``turns``, ``citations``, ...) finds markers its own
way; a claim's kind is read the same way whichever found it, from cue patterns kept in ``kinds.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rapporteur import _regex as re
from rapporteur.attribute._kinds import Family, lowered
from rapporteur.lexicon import lexicon, longest_first, words
from rapporteur.model import Span
from rapporteur.resolve import RosterPerson


@dataclass(frozen=True, slots=True)
class Context:
    """What a detector may know beyond the Structure: the roster, and the lower-cased names and
    surnames on it (``known``) that make a cited item a name whatever its shape."""

    known: frozenset[str] = frozenset()
    roster: tuple[RosterPerson, ...] = field(default=())
    # whether the roster is the record's whole cast (given, or the record's list of participants), so a
    # name outside it cited in the prose is a figure, not a voice; attendee lines of minutes are not
    # (a call summary names people its "Attendees:" line left out)
    closed: bool = True
    # what a detector left unattributed, and why (a pronoun with two candidates): into ``Map.notes``
    notes: list[str] = field(default_factory=list, compare=False)


@dataclass(frozen=True, slots=True)
class Marker:
    """An attribution marker found in the text, before names are resolved."""

    span: Span
    names: tuple[tuple[str, int, int], ...]  # (cited name, start, end)
    polarity: str = "holds"
    aside: tuple[int, int] | None = None  # for "(although ...; Cohen)": the aside it attributes
    via: str = "parenthetical"  # the detector that found it (``rapporteur.model.VIAS``)
    behalf: tuple[str, int, int] | None = None  # "X, for the Y, said": Y, on whose behalf X speaks
    kind: str | None = None  # the kind of voice the names are (person, party, ...), if the detector knows
    family: str = ""  # the pattern family that found it ("according-to", "pronoun", ...), for the evaluation


@dataclass(frozen=True, slots=True)
class RawClaim:
    start: int
    end: int
    kind: str
    markers: tuple[Marker, ...]
    paragraph: int
    # views this claim answers: (relation type, cue start, cue end, target claim start, target claim end)
    answers: tuple[tuple[str, int, int, int, int], ...] = ()


@cache
def compiled(name: str, key: str, sub: str | None = None) -> tuple[re.Pattern[str], ...]:
    lex = lexicon(name)[key]
    pats = lex.get(sub, []) if sub else lex
    return tuple(re.compile(p, re.IGNORECASE) for p in pats)


@cache
def frame_res() -> tuple[re.Pattern[str], ...]:
    verbs = "|".join(longest_first(words("attribution", "reporting_verbs")))
    return tuple(
        re.compile(f.replace("{verbs}", verbs), re.IGNORECASE) for f in lexicon("attribution")["frames"]
    )


LIST_ITEM = re.compile(r"(?:[-*•+]|\d{1,3}[.)]|[a-z][.)])[ \t]+")
LEAD_JUNK = " \t\n,;:—–-"
TRAIL_JUNK = " \t\n,;:.—–-"


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    # any whitespace, not only " \t\n": a lone "\r" or a no-break space is no claim
    while s < e and (text[s] in LEAD_JUNK or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in TRAIL_JUNK or text[e - 1].isspace()):
        e -= 1
    return s, e


def ends_with_reporting_verb(segment: str) -> bool:
    tail = re.findall(r"[A-Za-z]+", segment[-40:])
    return bool(tail) and tail[-1].lower() in words("attribution", "reporting_verbs")


def strip_frame(text: str, s: int, e: int) -> int:
    """Drop "some participants argued that" from the front of a claim."""
    if " that " not in text[s : min(e, s + 250)]:
        return s  # every frame ends in "that": skip the patterns on most claims
    subjects = words("attribution", "frame_subjects")
    for rx in frame_res():
        m = rx.match(text, s, e)
        names_people = m is not None and any(
            w.lower() in subjects for w in re.findall(r"[A-Za-z]+", m.group(0))
        )
        if m and names_people and m.end() < e - 10 and "(" not in m.group(0):
            return m.end()
    return s


@cache
def new_view_re() -> re.Pattern[str]:
    return re.compile(lexicon("attribution")["new_view"], re.IGNORECASE)


@cache
def lexicon_re(key: str) -> re.Pattern[str]:
    return re.compile(lexicon("attribution")[key], re.IGNORECASE)


@cache
def framing_re() -> re.Pattern[str]:
    meta = longest_first(words("attribution", "meta_words"))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, meta)) + r")\b", re.IGNORECASE)


def is_framing(sentence: str) -> bool:
    return framing_re().search(sentence) is not None


@cache
def _cue(kind: str, where: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """One kind's patterns for one place as two alternations: those anchored at the start, tried once
    there (``match``), and the rest, searched. Mixed into one alternation, the anchored ones would be
    retried at every position of the text."""
    pats = lexicon("kinds")[kind].get(where, [])
    anchored = [p for p in pats if p.startswith("^")]
    floating = [p for p in pats if not p.startswith("^")]

    def alt(ps: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{p})" for p in ps), re.IGNORECASE) if ps else None

    return alt(anchored), alt(floating)


@cache
def _family(kind: str, where: str) -> Family:
    """One kind's patterns for one place, each behind the words it needs (``_kinds``)."""
    return Family(lexicon("kinds")[kind].get(where, []))


def _has(kind: str, where: str, text: str, low: str | bool | None = False) -> bool:
    """Whether a cue of ``kind`` for ``where`` is in ``text``; ``low`` is ``lowered(text)`` where the
    caller has it (False: not yet lowered)."""
    return _family(kind, where).has(text, lowered(text) if low is False else low)


class ParagraphCues:
    """The paragraph-level kind cues of one paragraph, searched once: whether the paragraph before a
    claim holds one is then a comparison with the end of the first cue, not a new search of the
    paragraph so far for every claim (quadratic in a paragraph of many markers). Pass
    ``cues.before(pos)`` to ``classify`` in place of the text of the paragraph before ``pos``."""

    __slots__ = ("_first",)

    def __init__(self, text: str, start: int, end: int) -> None:
        self._first: dict[str, int | None] = {}
        low = lowered(text[start:end])
        for kind in ("proposal", "qualification"):
            if not _family(kind, "paragraph").may(low):
                self._first[kind] = None  # no cue's words: no cue, and no search
                continue
            anchored, floating = _cue(kind, "paragraph")
            ends = []
            # "^" holds only at a string's real start, so an anchored cue is tried on the paragraph alone
            if anchored is not None and (m := anchored.match(text[start:end])):
                ends.append(start + m.end())
            if floating is not None and (m := floating.search(text, start, end)):
                ends.append(m.end())
            self._first[kind] = min(ends) if ends else None

    def before(self, pos: int) -> _Before:
        return _Before(self, pos)

    def has(self, kind: str, pos: int) -> bool:
        first = self._first.get(kind)
        return first is not None and first <= pos


class _Before:
    """A claim's position in a paragraph whose cues are read: made once per classified claim, so a
    plain slotted class (a frozen dataclass's ``__init__`` costs twice as much)."""

    __slots__ = ("cues", "pos")

    def __init__(self, cues: ParagraphCues, pos: int) -> None:
        self.cues = cues
        self.pos = pos


def _has_before(kind: str, before: str | _Before) -> bool:
    if isinstance(before, _Before):
        return before.cues.has(kind, before.pos)
    return _has(kind, "paragraph", before)


@cache
def _families() -> tuple[Family, ...]:
    """The families ``classify`` reads, in its order: the frame's (question, qualification,
    proposal), then the claim's question cues (start and end: either makes a question, so one
    family), proposal cues, the sentence's, the negated ones, and qualification cues."""
    kinds = lexicon("kinds")
    return (
        _family("question", "frame"),
        _family("qualification", "frame"),
        _family("proposal", "frame"),
        Family(kinds["question"].get("start", []) + kinds["question"].get("end", [])),
        _family("proposal", "any"),
        _family("proposal", "sentence"),
        _family("proposal", "not"),
        _family("qualification", "start"),
    )


def classify(claim: str, paragraph_before: str | _Before, sentence: str, frame: str = "") -> str:
    """claim | question | qualification | proposal, from cue patterns kept in ``kinds.yaml``.
    ``paragraph_before`` is the paragraph's text before the claim, or ``ParagraphCues.before(pos)``."""
    q_frame, l_frame, p_frame, question, proposal, p_sentence, p_not, qualification = _families()
    c = claim.strip()
    if frame:
        fl = lowered(frame)
        if q_frame.has(frame, fl):
            return "question"
        if l_frame.has(frame, fl):
            return "qualification"
        if p_frame.has(frame, fl):
            return "proposal"
    low = lowered(c)  # once per claim, for every family's word checks
    if question.has(c, low):
        return "question"
    if sentence.rstrip(" .)").endswith("?") and "?" in sentence:
        return "question"
    if (
        proposal.has(c, low)
        or p_sentence.has(sentence, lowered(sentence))
        or _has_before("proposal", paragraph_before)
    ) and not p_not.has(c, low):
        return "proposal"
    if qualification.has(c, low) or _has_before("qualification", paragraph_before):
        return "qualification"
    return "claim"
