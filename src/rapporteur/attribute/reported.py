"""Reported speech: "X argued that ...", "According to X, ...", "'...,' said X", "X asked whether ...",
"In response, X ...", "X disagreed, noting ...", "it was suggested by X that ...", "... a point made by X".

Each frame is read as cue (the reporting verb), source (who it reports, see ``speech``) and content
(the reported clause, never the frame), as quote-attribution systems do. A source may be a person, a
party or an organization, several of them ("the US and Japan objected"), speaking for another ("Chile,
for the G-77, said"), backed or opposed by others ("the EU, supported by Norway, proposed ..., opposed
by Brazil"); a later mention (surname, role, pronoun) is resolved by ``mentions``, and left alone when
it could name two people. A verb that takes a side ("agreed", "objected", "pushed back on X's
proposal", "welcomed X's proposal but cautioned") answers an earlier view: standing alone it joins
(or refuses) that view; with content of its own it relates the new claim to it (``RawClaim.answers``).

With a roster, only people on it are credited, unless the record introduces them with a role ("Teku
developer X"): a historical figure who "argued" something is not a participant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapporteur.attribute import speech
from rapporteur.attribute.claims import Context, Marker, RawClaim, trim
from rapporteur.attribute.mentions import Mentions, gender_of_content, honorific_gender
from rapporteur.attribute.speech import Verb, Voice, rx, verb_of, verb_re
from rapporteur.lexicon import words
from rapporteur.model import Span
from rapporteur.structure import Structure, split_sentences

VIA = "reported"
PRIORITY = 20

_MAX_QUOTE = 3000
_OPEN_Q, _CLOSE_Q = "“\"‘", "”\"’"
_COMPLEMENT = re.compile(r"\s*(?::|,)?\s*(?:that|whether|if)\b\s*|\s*:\s*")
_TAIL_BY = re.compile(r",\s*(?P<how>supported|backed|joined|seconded|opposed)\s+by\s+(?P<who>[^,;.]{1,120}?)\s*[,.;]?\s*$")
_BEHALF = re.compile(r",\s*(?:for|on\s+behalf\s+of|speaking\s+for)\s+(?:the\s+)?(?P<who>[^,;]{2,100}?)\s*,\s*$")
_APPOS = re.compile(r",\s*(?:a|an|the)\s+[a-z][^,;]{1,80},\s*$|,\s*(?:however|though|too|in\s+turn|for\s+(?:her|his|its|their)\s+part),\s*$")


@dataclass(slots=True)
class _Said:
    """One claim being built: content span, kind, markers, and what it answers."""

    start: int
    end: int
    kind: str
    markers: list[Marker]
    para: int
    holders: list[str]
    answers: list[tuple[str, int, int, int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _Doc:
    text: str
    ctx: Context
    party_doc: bool
    mentions: Mentions = field(default_factory=Mentions)
    said: list[_Said] = field(default_factory=list)
    unit_of: list[int] = field(default_factory=list)  # unit index of each said
    units: list[tuple[int, int, str | None]] = field(default_factory=list)  # (start, end, theme)


def _units(st: Structure) -> list[tuple[int, int, list[tuple[int, int]], int]]:
    """Stretches a pronoun or a bare "agreed" looks back over: a paragraph, or one row of a table
    written as one block (each row its own record of a point)."""
    text = st.doc.text
    out = []
    for pi, para in enumerate(st.paragraphs):
        lines = text[para.start : para.end].split("\n")
        if len(lines) > 1 and sum("|" in ln for ln in lines) >= 2:
            pos = para.start
            for ln in lines:
                s, e = pos, pos + len(ln)
                pos = e + 1
                if ln.strip():
                    out.append((s, e, split_sentences(text, s, e), pi))
        else:
            out.append((para.start, para.end, list(para.sentences), pi))
    return out


def _party_doc(text: str) -> bool:
    """Whether the record names parties: delegations speaking for groups ("X, for the G-77,"), or
    persons given with a one-word affiliation in parentheses, at least twice."""
    behalf = len(re.findall(r"\b[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?,\s+(?:for|on behalf of)\s+(?:the\s+)?[A-Z]", text))
    appos = len(re.findall(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+\s+\([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\)", text))
    return behalf + appos >= 2


def _strip_pre(text: str, lo: int, hi: int) -> tuple[int, dict[str, tuple[str, int, int]], list[tuple[str, int, int, str]]]:
    """Peel what sits between a subject and its verb, right to left: adverbs, ", however,", an
    apposition (", a developer for Base,"), "(Ghana)", ", for the Y," (behalf), ", supported by Y,"."""
    extra: dict[str, tuple[str, int, int]] = {}
    by: list[tuple[str, int, int, str]] = []
    adverbs = words("reporting", "adverbs")
    for _ in range(6):
        seg = text[lo:hi]
        m = re.search(r"\s+([A-Za-z]+)\s*$", seg)
        if m and m.group(1).lower() in adverbs:
            hi = lo + m.start()
            continue
        m = _TAIL_BY.search(seg)
        if m:
            by.append((m.group("who"), lo + m.start("who"), lo + m.end("who"), m.group("how").lower()))
            hi = lo + m.start()
            continue
        m = _BEHALF.search(seg)
        if m and "behalf" not in extra:
            who = m.group("who")
            paren = speech._TRAIL_PAREN.search(who)  # "the G-77 AND CHINA (G-77/CHINA)": its acronym
            who = who[: paren.start()] if paren else who
            extra["behalf"] = (who.strip(), lo + m.start("who"), lo + m.start("who") + len(who.rstrip()))
            hi = lo + m.start()
            continue
        m = _APPOS.search(seg) or speech._TRAIL_PAREN.search(seg)
        if m:
            hi = lo + m.start()
            continue
        if seg.rstrip().endswith(","):  # "The parks officer, Grace Kim, responded"
            hi = lo + len(seg.rstrip()) - 1
            continue
        break
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi, extra, by


def _resolve(d: _Doc, v: Voice, pos: int, since: int, before: int) -> tuple[str | None, str]:
    """(the name to credit, the family) for one subject voice; None when it names nobody for certain."""
    if v.pronoun:
        return d.mentions.pronoun(v.pronoun, pos, since, before), "pronoun"
    if v.role:
        return d.mentions.role(v.role), "role"
    name = d.mentions.add(v.name, pos, v.kind, v.intro_role)
    if name and v.title:
        d.mentions.set_gender(name, honorific_gender(v.title))
    if name and v.kind == "person" and d.ctx.known and not v.intro_role:
        parts = name.lower().split()
        if name.lower() not in d.ctx.known and (not parts or parts[-1] not in d.ctx.known):
            return None, "subject-verb"
    return name, "subject-verb"


def _pronoun_subject(text: str, lo: int, hi: int) -> Voice | None:
    m = re.search(r"(?:^|(?<=[\s,;:*|]))(He|She|he|she)\s*$", text[lo:hi])
    if not m:
        return None
    prefix = text[lo : lo + m.start()]
    if not speech._boundary(prefix) and not speech.strip_openers(prefix.strip() + " ")[0]:
        return None
    return Voice(m.group(1), lo + m.start(1), lo + m.end(1), pronoun=m.group(1))


def _markers(
    d: _Doc, voices: list[Voice], span: tuple[int, int], fam: str, pos: int, since: int, before: int,
    behalf: tuple[str, int, int] | None = None, polarity: str = "holds",
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
                Span.of(d.text, *span), ((name, v.start, v.end),), polarity, via=VIA, behalf=behalf, kind=kind,
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


def _quote_end(text: str, start: int, limit: int) -> int | None:
    """The closing quote of a quotation opened just before ``start`` (bounded search)."""
    m = re.compile(r"[”\"]").search(text, start, min(limit, start + _MAX_QUOTE))
    return m.start() if m else None


def _target(d: _Doc, unit: int, speakers: list[str], named: str | None, obj: str | None) -> _Said | None:
    """The view a stance answers: the latest claim of ``named``; else the latest claim of someone
    else in this stretch or the one before (in the same theme), if ``obj`` is empty, refers back
    ("the proposal", "this") or shares content words with it."""
    theme = d.units[unit][2]
    for k in range(len(d.said) - 1, -1, -1):
        u = d.unit_of[k]
        if u < unit - (3 if named else 1) or d.units[u][2] != theme:
            break
        s = d.said[k]
        if named is not None:
            if named in s.holders:
                return s
            continue
        if set(s.holders) & set(speakers) or not s.holders:
            continue
        if obj is None or _refers_back(obj):
            return s
        if _shares_words(obj, d.text[s.start : s.end]):
            return s
        return None
    return None


def _refers_back(obj: str) -> bool:
    o = re.sub(r"\s+", " ", obj.strip(" ,.").lower())
    o = re.sub(r"^(?:on|to|with)\s+", "", o)
    return not o or o in words("reporting", "view_refs")


def _shares_words(a: str, b: str) -> bool:
    wa = {w for w in re.findall(r"[a-z]{4,}", a.lower())}
    wb = {w for w in re.findall(r"[a-z]{4,}", b.lower())}
    return len(wa & wb) >= 1 and len(wa & wb) >= len(wa) / 2


_NAMED_OBJ = re.compile(
    r"^\s*(?:with|on|to|against)?\s*(?:the\s+)?(?P<who>[A-ZÀ-Þ][\w’'\- ]{0,40}?)(?:['’]s?)\s+"
    r"(?:[a-z][\w\-]*\s+){0,2}?[a-z][\w\-]*(?=\s*[,.;]|\s+(?:and|but)\b|$)"
    r"|^\s*with\s+(?:the\s+)?(?P<who2>[A-ZÀ-Þ][\w’'\- ]{0,40}?)(?=\s*[,.;]|\s+(?:that|on|and|but)\b|$)"
)


def _read_after(
    d: _Doc, verb: Verb, vend: int, s_end: int, p_end: int
) -> tuple[int, int, Verb, str | None, str | None, str | None, int] | None:
    """After the verb: (content start, content end, verb of the content, named target, object text,
    relation type override, cue end). Content (start == end) empty for a bare stance."""
    text = d.text
    rest = text[vend:s_end]
    named = obj = rel = None
    pos = vend
    cue_end = vend
    if verb.stance:
        m = _NAMED_OBJ.match(rest)
        if m:
            named = (m.group("who") or m.group("who2")).strip()
            pos = vend + m.end()
            cue_end = pos
        else:
            m = re.match(r"\s*(?:on|to|with)?\s*(?:" + speech._alt("view_refs") + r")(?=\s*[,.;]|\s+(?:and|but)\b|$)", rest, re.I)
            if m:
                obj, pos = "this", vend + m.end()
                cue_end = pos
            elif re.match(r"\s+(?:on|about|over|regarding|among|between|amongst)\b[^,;]*[.;]?\s*$", rest):
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
    m = re.match(r"\s+(but|and)\s+(?:also\s+)?(" + speech.verb_alt() + r")\b", rest, re.I)
    if m and verb.stance:
        v2 = verb_of(m.group(2))
        rel = "qualify" if m.group(1).lower() == "but" and verb.stance == "agree" else None
        c = _COMPLEMENT.match(text, pos + m.end())
        return (c.end() if c else pos + m.end()), s_end, v2, named, obj, rel, pos + m.end()
    tail = rest.strip()
    if verb.stance and (not tail or tail in ".;"):
        return pos, pos, verb, named, obj, None, cue_end
    if verb.stance and (named or obj):
        return None  # "agreed with X on the details": no content of its own
    q = re.match(r"\s*,?\s*[“\"]", rest)
    if q:
        qs = pos + q.end()
        qe = _quote_end(text, qs, p_end)
        if qe is not None:
            return qs, qe, verb, None, None, None, cue_end
    c = _COMPLEMENT.match(text, pos)
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


_ACCORDING_AT = re.compile(r"according\s+to\s+(?P<who>[^,;.]{1,80}?)\s*,\s*", re.IGNORECASE)
_ACCORDING = re.compile(r"(?<=[,;:]\s)according\s+to\s+(?P<who>[^,;.]{1,80}?)\s*,\s*", re.IGNORECASE)
_PASSIVE = re.compile(r"\bit\s+was\s+(?P<verb>[a-z]+(?:\s+out)?)\s+by\s+(?P<who>[^,;.]{1,80}?)\s+that\s+", re.IGNORECASE)
_POINT = re.compile(r"\s+(?:was|is|were)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:point|concern|argument|suggestion|proposal|view)\s+(?:made|raised|put\s+forward|stressed|voiced)\s+by\s+(?P<who>[^,;.]{1,80}?)\s*[.;]?\s*$", re.IGNORECASE)
_ROLE_INTRO = None
# "Francis Li, a developer for Base, gave ...": a full name introduced with an apposition
_NAME_ROLE = re.compile(
    rf"(?P<name>{speech._NAME.pattern}),\s+the\s+(?P<role>[\w’'\- ]{{0,40}}?\b(?i:{speech._alt('roles')})),"
)
_NAME_APPOS = re.compile(rf"(?<![\w'’])(?P<name>{speech._NAME.pattern}),\s+(?:a|an)\s+[a-z]")


def _role_intro_re() -> re.Pattern[str]:
    global _ROLE_INTRO
    if _ROLE_INTRO is None:
        roles = speech._alt("roles")
        _ROLE_INTRO = re.compile(
            rf"\b(?:[Tt]he\s+)?(?P<role>(?:[A-Z][\w\-]*\s+){{0,3}}(?i:{roles})),\s+(?P<name>{speech._NAME.pattern})"
            rf"(?:\s*\([^()]{{1,60}}\))?,"
        )
    return _ROLE_INTRO


class _Run:
    """One pass over a Structure: units in order, sentences in order, frames in order."""

    def __init__(self, st: Structure, ctx: Context) -> None:
        self.st = st
        text = st.doc.text
        self.d = _Doc(text, ctx, _party_doc(text))
        self.units = _units(st)
        self.d.units = [(s, e, st.paragraphs[pi].theme) for s, e, _, pi in self.units]

    def run(self) -> list[RawClaim]:
        text = self.d.text
        for ui, (us, ue, sents, pi) in enumerate(self.units):
            before = self.units[ui - 1][0] if ui > 0 and self.units[ui - 1][3] == pi or ui > 0 else us
            for ss, se in sents:
                self._sentence(ui, pi, us, before, ss, se, ue)
        if self.d.mentions.notes:
            self.d.ctx.notes.extend(f"{self.st.doc.source}: {n}" for n in dict.fromkeys(self.d.mentions.notes))
        out = []
        for s in self.d.said:
            if s.end - s.start < 3 or not s.markers:
                continue
            out.append(RawClaim(s.start, s.end, s.kind, tuple(s.markers), s.para, tuple(s.answers)))
        return out

    # ---------------------------------------------------------------------------- one sentence

    def _sentence(self, ui: int, pi: int, us: int, before: int, ss: int, se: int, ue: int) -> None:
        text, d = self.d.text, self.d
        for m in _role_intro_re().finditer(text, ss, se):
            d.mentions.add(m.group("name"), m.start("name"), "person", m.group("role"))
        for m in _NAME_ROLE.finditer(text, ss, se):
            d.mentions.add(m.group("name"), m.start("name"), "person", m.group("role"))
        for m in _NAME_APPOS.finditer(text, ss, se):
            if len(m.group("name").split()) >= 2 and speech.voice_of(m.group("name"), m.start()) is not None:
                d.mentions.add(m.group("name"), m.start("name"), "person")
        taken: list[tuple[int, int]] = []
        skip, opener = speech.strip_openers(text[ss:se])
        cs = ss + skip
        if self._quote_first(ui, pi, us, before, cs, se):
            return
        m = _ACCORDING_AT.match(text, cs, se) or _ACCORDING.search(text, cs, se)
        if m:
            vs = speech.voices_of(m.group("who"), m.start("who"), d.party_doc)
            if vs:
                self._emit(ui, pi, us, before, vs, (m.start(), m.end()), "according-to", m.end(), se, speech.Verb("according", "claim", None))
                return
        m = _PASSIVE.search(text, ss, se)
        if m and m.group("verb").lower() in speech.verbs():
            vs = speech.voices_of(m.group("who"), m.start("who"), d.party_doc)
            if vs:
                self._emit(ui, pi, us, before, vs, (m.start(), m.end()), "passive", m.end(), se, verb_of(m.group("verb")))
                return
        m = _POINT.search(text, cs, se)
        if m:
            vs = speech.voices_of(m.group("who"), m.start("who"), d.party_doc)
            if vs:
                self._emit(ui, pi, us, before, vs, (m.start(), se), "passive", cs, m.start(), speech.Verb("made", "claim", None))
                return
        for vm in verb_re().finditer(text, cs, se):
            if any(a <= vm.start() < b for a, b in taken):
                continue
            got = self._frame(ui, pi, us, before, ss, se, ue, vm, opener)
            if got:
                taken.append(got)

    def _quote_first(self, ui: int, pi: int, us: int, before: int, cs: int, se: int) -> bool:
        """ "'...,' said X." / "'...,' X said." """
        text, d = self.d.text, self.d
        if cs >= len(text) or text[cs] not in _OPEN_Q:
            return False
        close = re.compile(r"[,.!?]?[”\"’]\s*,?\s+").search(text, cs + 1, min(len(text), cs + _MAX_QUOTE))
        if not close:
            return False
        after = close.end()
        end = se
        tail = text[after:end].rstrip(" .;")
        vm = verb_re().match(tail)
        if vm:
            who, wstart = tail[vm.end() :].strip(), after + vm.end() + (len(tail[vm.end() :]) - len(tail[vm.end() :].lstrip()))
        else:
            vm2 = re.search(r"\s+(" + speech.verb_alt() + r")$", tail, re.I)
            if not vm2:
                return False
            who, wstart = tail[: vm2.start()], after
            vm = vm2
        vs = speech.voices_of(who, wstart, d.party_doc) or (
            [v] if (v := _pronoun_subject(text, wstart, wstart + len(who))) else None
        )
        if not vs:
            return False
        q_end = close.start() + (1 if text[close.start()] in _CLOSE_Q else 0) - 1
        self._emit(ui, pi, us, before, vs, (close.start(), after + len(tail)), "quote", cs + 1, q_end + 1,
                   verb_of(vm.group(1) if vm.lastindex else vm.group(0)))
        return True

    def _frame(self, ui: int, pi: int, us: int, before: int, ss: int, se: int, ue: int, vm: re.Match[str], opener: str | None) -> tuple[int, int] | None:
        text, d = self.d.text, self.d
        verb = verb_of(vm.group(0))
        hi, extra, by = _strip_pre(text, ss, vm.start())
        subj = None
        pron = _pronoun_subject(text, ss, hi)
        if pron:
            subj = (pron.start, [pron])
        else:
            subj = speech.find_subject(text, ss, hi, d.party_doc)
            if subj is None:
                # "X opened the meeting and said that ...": a subject, a short verb phrase, "and"
                m = re.search(r"\s+and\s*$", text[ss:hi])
                if m:
                    lead = re.match(r"[^,;]{3,200}?(?=\s+[a-z][a-z]+(?:\s+[a-z][\w\-]*){0,6}\s+and\s*$)", text[ss:hi])
                    if lead:
                        subj = speech.find_subject(text, ss, ss + lead.end(), d.party_doc)
        if subj is None:
            return None
        sstart, vs = subj
        if re.search(r"\bin\s+(?:1[5-9]|20)\d\d\b", text[vm.end() : vm.end() + 12]):
            return None  # "X argued in 1832": a figure cited, not a voice of the record
        after = _read_after(d, verb, vm.end(), se, ue)
        if after is None:
            for v in vs:
                if not v.pronoun and not v.role:
                    d.mentions.add(v.name, v.start, v.kind, v.intro_role)
            return None
        cs, ce, kverb, named, obj, rel, cue_end = after
        fam = "response" if opener in words("reporting", "responses") else "subject-verb"
        if cs == ce:
            fam = "bare"
        elif kverb is not verb and kverb.form not in speech.verbs() or (kverb is not verb and cs > cue_end and re.search(r",\s*\w+ing\b", text[cue_end:cs])):
            fam = "participle" if fam == "subject-verb" else fam
        stance = verb.stance
        if rel is None and stance is None and opener in lex_contrast():
            stance = lex_contrast()[opener]
        self._emit(ui, pi, us, before, vs, (sstart, min(cs, ce) if cs > cue_end else cue_end), fam, cs, ce, kverb,
                   extra.get("behalf"), by, stance=rel or stance, named=named, obj=obj, cue=(vm.start(), cue_end))
        return (vm.start(), max(ce, cue_end))

    # ---------------------------------------------------------------------------- one claim

    def _emit(
        self, ui: int, pi: int, us: int, before: int, vs: list[Voice], span: tuple[int, int], fam: str,
        cs: int, ce: int, verb: Verb, behalf: tuple[str, int, int] | None = None,
        by: list[tuple[str, int, int, str]] | None = None, *, stance: str | None = None,
        named: str | None = None, obj: str | None = None, cue: tuple[int, int] | None = None,
    ) -> None:
        text, d = self.d.text, self.d
        by = list(by or [])
        # the content may end in ", opposed by W" / ", supported by Y"
        m = _TAIL_BY.search(text, cs, ce)
        if m and ce > cs:
            by.append((m.group("who"), m.start("who"), m.end("who"), m.group("how").lower()))
            ce = m.start()
        # "said that A and asked whether B": two claims
        second = None
        if ce > cs:
            for c in re.finditer(r",?\s+and\s+(?:also\s+)?(" + speech.verb_alt() + r")\b", text[cs:ce], re.I):
                v2 = verb_of(c.group(1))
                nxt = _COMPLEMENT.match(text, cs + c.end())
                if nxt and c.start() > 15 and not v2.stance:
                    second = (cs + c.start(), cs + c.end(), nxt.end(), ce, v2)
                    ce = cs + c.start()
                    break
        s, e = trim(text, cs, ce) if ce > cs else (cs, cs)
        markers, names = _markers(d, vs, span, fam, span[0], us, before, behalf)
        if not markers:
            return
        bm = _by_markers(d, by, span, span[0], us, before)
        if s == e:
            self._bare(ui, names, markers, stance, named, obj)
            return
        content = text[s:e]
        if len(names) == 1:
            d.mentions.set_gender(names[0], gender_of_content(content))
        kind = verb.kind
        if kind == "claim" and content.rstrip().endswith("?"):
            kind = "question"
        said = _Said(s, e, kind, markers + bm, pi, names + [n for mk in bm if mk.polarity == "holds" for n, _, _ in mk.names])
        if stance and cue:
            tgt = _target(d, ui, names, _canon(d, named), obj)
            if tgt is not None:
                said.answers.append((stance, cue[0], cue[1], tgt.start, tgt.end))
        d.said.append(said)
        d.unit_of.append(ui)
        if second:
            a, _b, c2, e2, v2 = second
            self._emit(ui, pi, us, before, vs, (span[0], span[1]), "subject-verb" if fam in ("bare", "participle") else fam,
                       c2, e2, v2, behalf)

    def _bare(self, ui: int, names: list[str], markers: list[Marker], stance: str | None, named: str | None, obj: str | None) -> None:
        """ "Tsao agreed." / "Brazil objected." / "Osei welcomed the proposal.": the speakers join (or
        refuse) the view they answer, which must be found; else nothing is credited."""
        d = self.d
        if stance not in ("agree", "disagree"):
            return
        tgt = _target(d, ui, names, _canon(d, named), obj)
        if tgt is None:
            return
        pol = "holds" if stance == "agree" else "exception"
        tgt.markers.extend(replace(mk, polarity=pol) for mk in markers)
        if pol == "holds":
            tgt.holders.extend(names)


def _canon(d: _Doc, named: str | None) -> str | None:
    if named is None:
        return None
    n = re.sub(r"^(?i:the)\s+", "", named)
    return d.mentions.canonical(n) or n


def lex_contrast() -> dict[str, str]:
    return speech.lex()["contrast_openers"]


def detect(st: Structure, ctx: Context) -> list[RawClaim]:
    return _Run(st, ctx).run()
