"""The claims of reported speech as they are built, and who their voices are.

``reported`` reads the frames; this module keeps what a frame yields: the claim under construction
(``_Said``), the record's state (``_Doc``: the mentions so far, the claims so far, the stretches they
stand in), the markers a subject's voices give once each is resolved to a name (or to nobody), and
the earlier view a stance answers. Split from ``reported`` to keep each module readable; nothing here
reads the text for frames.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from functools import cache

from rapporteur import _regex as re
from rapporteur.attribute import frames, speech
from rapporteur.attribute.claims import Context, Marker
from rapporteur.attribute.mentions import Mentions, honorific_gender
from rapporteur.attribute.speech import Voice
from rapporteur.model import Span

VIA = "reported"


class _Said:
    """One claim being built: content span, kind, markers, and what it answers."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("answers", "end", "holders", "kind", "markers", "para", "start")

    def __init__(
        self,
        start: int,
        end: int,
        kind: str,
        markers: tuple[Marker, ...],
        para: int,
        holders: tuple[str, ...],
        answers: Sequence[tuple[str, int, int, int, int]] = (),
    ) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        # tuples, not lists: a claim's markers and holders change only when a later "Cole agreed." joins
        # it (a new tuple then), and the markers are the raw claim's as they stand
        self.markers = markers
        self.para = para
        self.holders = holders
        # what it answers: most claims answer nothing, and hold the one empty tuple, not a list each
        self.answers = answers


class _Doc:
    __slots__ = ("ctx", "mentions", "party_doc", "said", "text", "themes", "unit_of")

    def __init__(self, text: str, ctx: Context, party_doc: bool) -> None:
        self.text = text
        self.ctx = ctx
        self.party_doc = party_doc
        self.mentions = Mentions()
        self.said: list[_Said] = []
        self.unit_of = array("q")  # unit index of each said
        # the theme of each unit (stretch read): a list of the paragraphs' own theme ids, not a tuple each
        self.themes: list[str | None] = []


def _resolve(d: _Doc, v: Voice, pos: int, since: int, before: int) -> tuple[str | None, str]:
    """(the name to credit, the family) for one subject voice; None when it names nobody for certain."""
    if v.pronoun:
        return d.mentions.pronoun(v.pronoun, pos, since, before), "pronoun"
    if v.role:
        return d.mentions.role(v.role), "role"
    name = d.mentions.add(v.name, pos, v.kind, v.intro_role)
    if name and v.title:
        d.mentions.set_gender(name, honorific_gender(v.title))
    if name and v.kind == "person" and d.ctx.known and d.ctx.closed and not v.intro_role:
        parts = name.lower().split()
        if name.lower() not in d.ctx.known and (not parts or parts[-1] not in d.ctx.known):
            return None, "subject-verb"
    return name, "subject-verb"


def _markers(
    d: _Doc,
    voices: list[Voice],
    span: tuple[int, int],
    fam: str,
    pos: int,
    since: int,
    before: int,
    behalf: tuple[str, int, int] | None = None,
    polarity: str = "holds",
) -> tuple[list[Marker], list[str]]:
    out, names = [], []
    for v in voices:
        name, how = _resolve(d, v, pos, since, before)
        if name is None:
            return [], []
        family = fam if fam not in ("subject-verb",) else (how if how != "subject-verb" else fam)
        if len(voices) > 1 and family == "subject-verb":
            family = "group"
        if behalf and family == "subject-verb":
            family = "behalf"
        kind = v.kind
        if kind == "person" and behalf and len(v.name.split()) == 1 and d.party_doc:
            kind = "party"
        out.append(
            Marker(
                Span.of(d.text, *span),
                ((name, v.start, v.end),),
                polarity,
                via=VIA,
                behalf=behalf,
                kind=kind,
                family=family,
            )
        )
        names.append(name)
    return out, names


def _by_markers(
    d: _Doc, by: list[tuple[str, int, int, str]], span: tuple[int, int], pos: int, since: int, before: int
) -> list[Marker]:
    out: list[Marker] = []
    for who, s, _e, how in by:
        vs = speech.voices_of(who, s, d.party_doc)
        if not vs:
            continue
        pol = "exception" if how == "opposed" else "holds"
        ms, _ = _markers(d, vs, span, "supported-by", pos, since, before, polarity=pol)
        out.extend(ms)
    return out


#: how many stretches back a stance looks for the view it answers (``_target``): a claim further back
#: than this is final, which lets ``reported`` hand it on before the record is read to its end
REACH = 3


def _target(d: _Doc, unit: int, speakers: list[str], named: str | None, obj: str | None) -> _Said | None:
    """The view a stance answers: the latest claim of ``named``; else the latest claim of someone
    else in this stretch or the one before (in the same theme), if ``obj`` is empty, refers back
    ("the proposal", "this") or shares content words with it."""
    theme = d.themes[unit]
    for k in range(len(d.said) - 1, -1, -1):
        u = d.unit_of[k]
        if u < unit - (REACH if named else 1) or d.themes[u] != theme:
            break
        s = d.said[k]
        if named is not None:
            if named in s.holders:
                return s
            continue
        if set(s.holders) & set(speakers) or not s.holders:
            continue
        if obj is None or frames.refers_back(obj):
            return s
        if frames.shares_words(obj, d.text[s.start : s.end]):
            return s
        return None
    return None


@cache
def _and_verb_re() -> re.Pattern[str]:
    """ ", and asked whether ...": a second reporting verb in a claim's content."""
    return re.compile(r",?\s+and\s+(?:also\s+)?(" + speech.verb_alt() + r")\b", re.I)


def _ends_in_and(seg: str) -> bool:
    """Whether ``\\s+and\\s*$`` is found in ``seg``: "and" last, whitespace before it."""
    t = seg.rstrip()
    return t.endswith("and") and len(t) > 3 and t[-4].isspace()


def _canon(d: _Doc, named: str | None) -> str | None:
    if named is None:
        return None
    n = re.sub(r"^(?i:the)\s+", "", named)
    return d.mentions.canonical(n) or n


def lex_contrast() -> dict[str, str]:
    return speech.lex()["contrast_openers"]
