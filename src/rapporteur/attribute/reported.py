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

With a roster, only people on it are credited, unless the record introduces them with a role ("Acme
developer X"): a historical figure who "argued" something is not a participant.

The record is not read sentence by sentence: ``_cues`` scans the whole text once per cue family
(reporting verbs, quotation marks, "according", apostrophes, ...), each scan starting from the cue's
rare part, and only the sentences a cue falls in are read, each pattern tried only where its cue
stands. What is read, and in what order, is what a sentence-by-sentence reading reads; a record the
scans cannot read exactly (a letter that folds onto ASCII) is read that way.
"""

from __future__ import annotations

import bisect
import operator
from array import array
from collections.abc import Iterator
from dataclasses import replace
from functools import cache, partial
from itertools import accumulate, compress

from rapporteur import _regex as re
from rapporteur.attribute import frames, speech
from rapporteur.attribute._cues import (
    ALL,
    BIT,
    FRAME_BITS,
    Cues,
    first_and,
    possessives,
    role_commas,
    sentence_flags,
    verbs_in,
)
from rapporteur.attribute._reported_claims import (
    REACH,
    _and_verb_re,
    _by_markers,
    _canon,
    _Doc,
    _ends_in_and,
    _markers,
    _Said,
    _target,
    lex_contrast,
)
from rapporteur.attribute._reported_claims import VIA as VIA  # the detector's name, declared here
from rapporteur.attribute.claims import Context, Marker, RawClaim, trim
from rapporteur.attribute.mentions import gender_of_content
from rapporteur.attribute.speech import Verb, Voice, verb_of, verb_re
from rapporteur.lexicon import words
from rapporteur.spans import starts_ends
from rapporteur.structure import Structure

PRIORITY = 20
_THE = re.compile(r",\s+the\s")  # what "Name, the Role," needs: a cheap test before the costly pattern


@cache
def _role_last_words() -> frozenset[str]:
    """The last word of every role ("manager" of "release manager"): a role before a comma ends in one."""
    return frozenset(w.split()[-1] for w in words("reporting", "roles") if w.split())


_IN_YEAR = re.compile(r"\bin\s+(?:1[5-9]|20)\d\d\b")  # "X argued in 1832"
_ING = re.compile(r",\s*\w+ing\b")
_REACH = 400


class _Run:
    """One pass over a Structure: units in order, sentences in order, frames in order."""

    def __init__(self, st: Structure, ctx: Context) -> None:
        self.st = st
        text = st.doc.text
        # Where each cue family can stand, one scan of the text per family (``_cues``); where a role word
        # stands before a comma, for the role-introduction pattern (costly: it tries capitalised words
        # at every word boundary), which then runs only in the sentences that hold one.
        self.cues = Cues(text)
        # In a transcript, "Name Surname (Org)" labels give speakers' affiliations, not parties: a lone
        # capitalised subject there is a person, never a delegation
        self.d = _Doc(text, ctx, frames.party_doc(text) and not st.turns)
        self.units = frames.units(st)
        self.d.mentions.named_from = partial(frames.full_names, text)
        self.skip_until = -1
        self.d.themes = [st.paragraphs[pi].theme for pi in self.units.pis()]
        self.role_commas = role_commas(self.cues, _role_last_words())
        self.flags = ALL  # the cue families the sentence being read holds (``_cues.BIT``)

    def run(self) -> Iterator[RawClaim]:
        """The raw claims, each yielded once no later sentence can change it (``REACH``), the rest when
        every sentence is read (``attribute`` packs each as it comes: no list of them is made)."""
        starts, ends = starts_ends(u[2] for u in self.units)
        upto = array("q", accumulate(len(u[2]) for u in self.units))  # sentences up to each unit's end
        if not (all(map(operator.le, starts, ends)) and all(map(operator.le, ends, starts[1:]))):
            self.cues.fast = False  # sentences out of order: read each one, as a sentence-by-sentence reader
        if self.cues.fast:
            self.cues.scan_all(starts)
            todo = sentence_flags(self.cues, starts, ends, self.role_commas)
        else:
            todo = array("H", [ALL]) * len(starts)
        said, unit_of = self.d.said, self.d.unit_of
        done = 0  # the claims before this one are yielded
        for k in compress(range(len(todo)), todo):
            self.flags = todo[k]
            ss, se = starts[k], ends[k]
            ui = bisect.bisect_right(upto, k)
            us, ue, _, pi = self.units[ui]
            before = self.units.start(ui - 1) if ui > 0 else us  # a pronoun looks back one stretch at most
            self._sentence(ui, pi, us, before, ss, se, ue)
            # a claim more than ``REACH`` stretches back is one no later sentence joins or answers
            # (``_target`` looks no further): yielded now, so a record's claims are not all held here
            while done < len(said) and unit_of[done] < ui - REACH:
                c = _raw(said[done])
                said[done] = None  # type: ignore[call-overload]
                done += 1
                if c is not None:
                    yield c
        if self.d.mentions.notes:
            self.d.ctx.notes.extend(
                f"{self.st.doc.source}: {n}" for n in dict.fromkeys(self.d.mentions.notes)
            )
        # the rest, each claim being built let go as its raw claim is made
        self.d.said, self.d.unit_of = [], array("q")
        for k in range(done, len(said)):
            c = _raw(said[k])
            said[k] = None  # type: ignore[call-overload]
            if c is not None:
                yield c

    # ---------------------------------------------------------------------------- one sentence

    def _sentence(self, ui: int, pi: int, us: int, before: int, ss: int, se: int, ue: int) -> None:
        text, d = self.d.text, self.d
        f = self.flags
        k = bisect.bisect_left(self.role_commas, ss)
        if f & BIT["role_comma"] and k < len(self.role_commas) and self.role_commas[k] < se:
            for m in frames.role_intro_re().finditer(text, ss, se):
                d.mentions.add(m.group("name"), m.start("name"), "person", m.group("role"))
        if f & BIT["the_role"] and _THE.search(text, ss, se):
            for m in frames.name_role_re().finditer(text, ss, se):
                d.mentions.add(m.group("name"), m.start("name"), "person", m.group("role"))
        for m in possessives(self.cues, ss, se, self.flags):
            # "Ruiz's presentation ...": a voice already known is mentioned (a pronoun may follow)
            canon = d.mentions.canonical(m.group("name"), m.start())
            if canon and (d.mentions.voice(canon) or canon != m.group("name")):
                d.mentions.add(m.group("name"), m.start("name"), "person")
        for m in frames.name_appos_re().finditer(text, ss, se) if f & BIT["appos"] else ():
            if len(m.group("name").split()) >= 2 and speech.voice_of(m.group("name"), m.start()) is not None:
                d.mentions.add(m.group("name"), m.start("name"), "person")
        if ss < self.skip_until:
            return  # the frame of a quotation that ended the sentence before
        taken: list[tuple[int, int]] = []
        if not f & FRAME_BITS:
            return  # no frame can start here
        skip, opener = speech.strip_openers(text[ss:se])
        cs = ss + skip
        if self._quote_first(ui, pi, us, before, cs, se):
            return
        m = None
        if f & BIT["according"]:
            m = frames.ACCORDING_AT.match(text, cs, se) or frames.ACCORDING.search(text, cs, se)
        if m and self._emit_who(
            ui, pi, us, before, m, (m.start(), m.end()), "according-to", m.end(), se,
            speech.Verb("according", "claim", None),
        ):  # fmt: skip
            return
        m = frames.PASSIVE.search(text, ss, se) if f & BIT["passive"] else None
        if (
            m
            and m.group("verb").lower() in speech.verbs()
            and self._emit_who(
                ui, pi, us, before, m, (m.start(), m.end()), "passive", m.end(), se, verb_of(m.group("verb"))
            )
        ):
            return
        if self._as_said(ui, pi, us, before, cs, se):
            return
        m = frames.POINT.search(text, cs, se) if f & BIT["point"] else None
        if m and self._emit_who(
            ui, pi, us, before, m, (m.start(), se), "passive", cs, m.start(),
            speech.Verb("made", "claim", None),
        ):  # fmt: skip
            return
        for vm in verbs_in(self.cues, cs, se, self.flags):
            if any(a <= vm.start() < b for a, b in taken) or text[vm.start()].isupper():
                continue  # inside a claim already read, or part of a name ("the United States")
            got = self._frame(ui, pi, us, before, ss, se, ue, vm, opener)
            if got:
                taken.append(got)

    def _emit_who(
        self,
        ui: int,
        pi: int,
        us: int,
        before: int,
        m: re.Match[str],
        marker: tuple[int, int],
        family: str,
        c0: int,
        c1: int,
        verb: speech.Verb,
    ) -> bool:
        """Emit the claim ``text[c0:c1]`` for the voices ``m``'s ``who`` group names; False if it names
        none (the frame is then no frame, and the sentence is read on)."""
        vs = speech.voices_of(m.group("who"), m.start("who"), self.d.party_doc)
        if not vs:
            return False
        self._emit(ui, pi, us, before, vs, marker, family, c0, c1, verb)
        return True

    def _as_said(self, ui: int, pi: int, us: int, before: int, cs: int, se: int) -> bool:
        """ "As Lord Y said, CONTENT" / "CONTENT, as Lord Y pointed out." Only inside a speaker's turn or
        with a roster: elsewhere "as X argued" cites a figure more often than a voice of the record."""
        text, d = self.d.text, self.d
        if not d.ctx.known and self.st.paragraphs[pi].kind != "turn":
            return False
        if not (self.flags & BIT["as"] and self.flags & (BIT["verb"] | BIT["put"])):
            return False
        m = frames.AS_SAID.search(text, cs, se)
        if m is None or re.search(r"\b(?:1[5-9]|20)\d\d\b", m.group("who")):
            return False
        vs = speech.voices_of(m.group("who"), m.start("who"), d.party_doc)
        if not vs:
            return False
        verb = speech.Verb(m.group("verb"), "claim", None)
        if m.group("end").strip() in (".", ";", "") and m.end() >= se - 1:
            c0, c1 = cs, m.start()  # "..., as Lord Y said."
        elif m.start() == cs:
            c0, c1 = m.end(), se  # "As Lord Y said, ..."
        else:
            return False
        self._emit(ui, pi, us, before, vs, (m.start(), m.end()), "as-said", c0, c1, verb)
        return True

    def _quote_first(self, ui: int, pi: int, us: int, before: int, cs: int, se: int) -> bool:
        """ "'...,' said X." / "'...,' X said." """
        text, d = self.d.text, self.d
        if cs >= len(text) or text[cs] not in frames.OPEN_Q:
            return False
        close = re.compile(r"[,.!?]?[”\"’]\s*,?\s+").search(
            text, cs + 1, min(len(text), cs + frames.MAX_QUOTE)
        )
        if not close:
            return False
        after = close.end()
        end = se
        if after >= se:  # "“Why not?” Smith asked.": the quotation is a sentence of its own
            nx = re.compile(r"[.!?](?=\s|$)").search(text, after, min(len(text), after + 200))
            if nx is None:
                return False
            end = nx.end()
        tail = text[after:end].rstrip(" .;")
        vm = verb_re().match(tail)
        if vm:
            who, wstart = (
                tail[vm.end() :].strip(),
                after + vm.end() + (len(tail[vm.end() :]) - len(tail[vm.end() :].lstrip())),
            )
        else:
            # "'...?' Smith asked of this practice.": a short phrase may follow the verb
            vm2 = _verb_last(tail)
            if not vm2:
                return False
            who, wstart = tail[: vm2.start()], after
            vm = vm2
        vs = speech.voices_of(who, wstart, d.party_doc) or (
            [v] if (v := frames.pronoun_subject(text, wstart, wstart + len(who))) else None
        )
        if not vs:
            return False
        q_end = close.start() - (0 if text[close.start()] in "?!" else 1)  # a question keeps its mark
        self._emit(
            ui,
            pi,
            us,
            before,
            vs,
            (close.start(), after + len(tail)),
            "quote",
            cs + 1,
            q_end + 1,
            verb_of(vm.group(1) if vm.lastindex else vm.group(0)),
        )
        if end > se:
            self.skip_until = end
        return True

    def _frame(
        self,
        ui: int,
        pi: int,
        us: int,
        before: int,
        ss: int,
        se: int,
        ue: int,
        vm: re.Match[str],
        opener: str | None,
    ) -> tuple[int, int] | None:
        text, d = self.d.text, self.d
        verb = verb_of(vm.group(0))
        lo = max(ss, vm.start() - _REACH)  # a subject and its frame fit in this: linear on long sentences
        hi, extra, by = frames.strip_pre(text, lo, vm.start())
        subj = None
        pron = frames.pronoun_subject(text, lo, hi)
        if pron:
            subj = (pron.start, [pron])
        else:
            subj = speech.find_subject(text, lo, hi, d.party_doc, cut=lo > ss)
            # "X opened the meeting and said that ...": a subject, a short verb phrase, "and"
            if subj is None and lo == ss and _ends_in_and(text[lo:hi]):
                lead = re.match(
                    r"[^,;]{3,200}?(?=\s+[a-z][a-z]+(?:\s+[a-z][\w\-]*){0,6}\s+and\s*$)", text[ss:hi]
                )
                if lead:
                    subj = speech.find_subject(text, ss, ss + lead.end(), d.party_doc)
        if subj is None:
            return None
        sstart, vs = subj
        if _IN_YEAR.search(text, vm.end(), vm.end() + 12):
            return None  # "X argued in 1832": a figure cited, not a voice of the record
        after = frames.read_after(text, verb, vm.end(), se, ue)
        if after is None:
            for v in vs:
                if not v.pronoun and not v.role:
                    d.mentions.add(v.name, v.start, v.kind, v.intro_role)
            return None
        cs, ce, kverb, named, obj, rel, cue_end = after
        fam = "response" if opener in words("reporting", "responses") else "subject-verb"
        if cs == ce:
            fam = "bare"
        elif (kverb is not verb and kverb.form not in speech.verbs()) or (
            kverb is not verb and cs > cue_end and _ING.search(text, cue_end, cs)
        ):
            fam = "participle" if fam == "subject-verb" else fam
        stance = verb.stance
        if rel is None and stance is None and opener in lex_contrast():
            stance = lex_contrast()[opener]
        self._emit(
            ui,
            pi,
            us,
            before,
            vs,
            (sstart, min(cs, ce) if cs > cue_end else cue_end),
            fam,
            cs,
            ce,
            kverb,
            extra.get("behalf"),
            by,
            stance=rel or stance,
            named=named,
            obj=obj,
            cue=(vm.start(), cue_end),
        )
        return (vm.start(), max(ce, cue_end))

    # ---------------------------------------------------------------------------- one claim

    def _emit(
        self,
        ui: int,
        pi: int,
        us: int,
        before: int,
        vs: list[Voice],
        span: tuple[int, int],
        fam: str,
        cs: int,
        ce: int,
        verb: Verb,
        behalf: tuple[str, int, int] | None = None,
        by: list[tuple[str, int, int, str]] | None = None,
        *,
        stance: str | None = None,
        named: str | None = None,
        obj: str | None = None,
        cue: tuple[int, int] | None = None,
    ) -> None:
        text, d = self.d.text, self.d
        by = list(by or [])
        # the content may end in ", opposed by W" / ", supported by Y"
        m = frames.TAIL_BY.search(text, cs, ce)
        if m and ce > cs:
            by.append((m.group("who"), m.start("who"), m.end("who"), m.group("how").lower()))
            ce = m.start()
        # "said that A and asked whether B": two claims
        second = None
        first = first_and(self.cues, cs, ce) if ce > cs else -1
        if first >= 0:
            for c in _and_verb_re().finditer(text, first, ce):
                v2 = verb_of(c.group(1))
                nxt = frames.COMPLEMENT.match(text, c.end())
                if nxt and c.start() - cs > 15 and not v2.stance:
                    second = (c.start(), c.end(), nxt.end(), ce, v2)
                    ce = c.start()
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
        said = _Said(
            s,
            e,
            kind,
            (*markers, *bm),
            pi,
            (*names, *(n for mk in bm if mk.polarity == "holds" for n, _, _ in mk.names)),
        )
        if stance and cue:
            tgt = _target(d, ui, names, _canon(d, named), obj)
            if tgt is not None:
                said.answers = [(stance, cue[0], cue[1], tgt.start, tgt.end)]
        d.said.append(said)
        d.unit_of.append(ui)
        if second:
            _, _, c2, e2, v2 = second
            self._emit(
                ui,
                pi,
                us,
                before,
                vs,
                (span[0], span[1]),
                "subject-verb" if fam in ("bare", "participle") else fam,
                c2,
                e2,
                v2,
                behalf,
            )

    def _bare(
        self,
        ui: int,
        names: list[str],
        markers: list[Marker],
        stance: str | None,
        named: str | None,
        obj: str | None,
    ) -> None:
        """ "Cole agreed." / "Brazil objected." / "Ruiz welcomed the proposal.": the speakers join (or
        refuse) the view they answer, which must be found; else nothing is credited."""
        d = self.d
        if stance not in ("agree", "disagree"):
            return
        tgt = _target(d, ui, names, _canon(d, named), obj)
        if tgt is None:
            return
        pol = "holds" if stance == "agree" else "exception"
        tgt.markers = (*tgt.markers, *(replace(mk, polarity=pol) for mk in markers))
        if pol == "holds":
            tgt.holders = (*tgt.holders, *names)


@cache
def _verb_last_re(ignore_case: bool) -> re.Pattern[str]:
    """A reporting verb last in a quotation's tail, a short phrase after it allowed."""
    tail = r"\s+(" + speech.verb_alt() + r")(?:\s+(?:of|about|on|to|in)\s+[^,;:]{1,40})?$"
    return re.compile(tail, re.I if ignore_case else 0)


def _verb_last(tail: str) -> re.Match[str] | None:
    """``_verb_last_re(True).search(tail)``; an ASCII tail is searched lower-cased, case-sensitively
    (the same offsets and matches: every form is lower-case ASCII, and no ASCII letter folds onto
    another), so the case-insensitive compile of the whole verb alternation, the costlier by far, is
    made only for a tail that is not ASCII. The verb's group is then lower-cased, as ``verb_of``
    reads it anyway."""
    if tail.isascii():
        return _verb_last_re(False).search(tail.lower())
    return _verb_last_re(True).search(tail)


def _raw(s: _Said) -> RawClaim | None:
    if s.end - s.start < 3 or not s.markers:
        return None
    return RawClaim(s.start, s.end, s.kind, tuple(s.markers), s.para, tuple(s.answers))


def detect(st: Structure, ctx: Context) -> Iterator[RawClaim]:
    return _Run(st, ctx).run()
