"""Claim -> claim relations from discourse cues, and the participant stances they imply.

A rapporteur shows who answers whom with a few idioms: "But others argued ... (B)", "Some
participants vigorously disagreed with this interpretation ... (B)", "other participants offered
important qualifications ... (B) ... (C)". Each idiom has three parts, and each is found by a general
rule, never by knowing the document:

* the cue, from the lexicon ``data/lexicon/relations.yaml`` (its span is kept on the relation);
* who answers: the unnamed "others" are the people of the marker(s) the text then gives, in the same
  paragraph; if it gives none, nothing is invented;
* what they answer: the view stated before, in the same paragraph or the paragraph before it in the
  same theme (a cue that opens a paragraph answers the paragraph before).

People cited together in one marker for a view agree on it: those become ``agree`` stances directly
(with no relation, since one claim does not relate to itself). Relation-derived stances carry their
relations. The work is one pass over the paragraphs with precompiled patterns: linear in the text.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache
from itertools import combinations
from typing import Any

from rapporteur import _regex as re
from rapporteur.claim_table import attribution_tuples, by_ids, rows
from rapporteur.lexicon import lexicon
from rapporteur.model import Attribution, Claim, Map, Relation, Span, Stance, holders_of
from rapporteur.relate_cues import Cue, CueFamily, families, find_cues, qualify_if
from rapporteur.relate_turns import name_forms, turn_relations
from rapporteur.spans import stable_order
from rapporteur.structure import Paragraph, Structure

_DISTANCE_PENALTY = 0.1  # per step away (a sentence further for the answer, a paragraph back for the view)
_FLOOR = 0.3
_SHORT_PARAGRAPH = 3  # a paragraph with this few claims states one view: a reply answers all of it


@cache
def _rx(key: str) -> re.Pattern[str]:
    return re.compile(lexicon("relations")[key], re.IGNORECASE)


@cache
def _view_rx() -> re.Pattern[str]:
    return re.compile(r"\b" + lexicon("relations")["views"] + r"\b", re.IGNORECASE)


_qualify_if = qualify_if  # the name the regex tests read
__all__ = ["Cue", "CueFamily", "answer_relations", "derive_stances", "families", "find_cues", "relate"]


# ------------------------------------------------------------------------------------------ the claims


class _Index:
    """Claims by paragraph, in text order, with their marker positions."""

    def __init__(self, st: Structure, claims: Sequence[Claim]) -> None:
        self.st = st
        self.claims = claims
        starts = array("q", [p.start for p in st.paragraphs])
        ends = array("q", [p.end for p in st.paragraphs])
        # each claim's paragraph, marker and position in ``claims``, as three columns sorted by
        # paragraph and then marker (stably: claims of one marker stay in text order); a cue's claims
        # are found by bisection and made when it asks for them. Claims made here for every paragraph
        # were all alive at once, the peak of relate; a list per paragraph cost more than its claims.
        paras, marks, ks = array("q"), array("q"), array("q")
        # the first marker of a tuple of attributions and its paragraph, found again only for another
        # tuple than the claim before's (a turn's claims, which share one, come in a row); None:
        # outside every paragraph
        last: tuple[Attribution, ...] | None = None
        hit: tuple[int, int] | None = None
        for i, _, atts in rows(claims):
            if not atts:
                continue
            if atts is not last:
                last = atts
                pos = min(a.marker.start for a in atts)
                pi = bisect_right(starts, pos) - 1
                hit = None if pi < 0 or pos > ends[pi] else (pos, pi)
            if hit is not None:
                marks.append(hit[0])
                paras.append(hit[1])
                ks.append(i)
        order = stable_order(paras, marks)
        if not isinstance(order, range):
            paras, marks, ks = (array("q", (col[j] for j in order)) for col in (paras, marks, ks))
        self.paras, self.marks, self.ks = paras, marks, ks

    def between(self, pi: int, lo: int | None = None, hi: int | None = None) -> _Run:
        """The claims of paragraph ``pi`` whose marker is at ``lo`` or after and before ``hi``, by
        bisection: a paragraph of many cues and claims is not rescanned for every cue. Each claim is
        made when read: a cue reads one or two of the claims before it, not all of them."""
        a = bisect_left(self.paras, pi)
        b = bisect_right(self.paras, pi, a)
        i = a if lo is None else bisect_left(self.marks, lo, a, b)
        j = b if hi is None else bisect_left(self.marks, hi, a, b)
        return _Run(self.claims, self.ks, i, max(i, j))

    def sentence_no(self, para: Paragraph, pos: int) -> int:
        i = bisect_right(para.sentences, (pos, float("inf"))) - 1  # sentences are in order, disjoint
        if i >= 0 and para.sentences[i][0] <= pos < para.sentences[i][1]:
            return i
        return len(para.sentences)


class _Run(Sequence[Claim]):
    """Claims ``claims[k]`` for the positions ``ks[i:j]``, each made when read (see ``between``)."""

    __slots__ = ("claims", "i", "j", "ks")

    def __init__(self, claims: Sequence[Claim], ks: Sequence[int], i: int, j: int) -> None:
        self.claims, self.ks, self.i, self.j = claims, ks, i, j

    def __len__(self) -> int:
        return self.j - self.i

    def __getitem__(self, x: Any) -> Any:
        if isinstance(x, slice):
            return [self.claims[self.ks[k]] for k in range(self.i, self.j)[x]]
        return self.claims[self.ks[range(self.i, self.j)[x]]]

    def __iter__(self) -> Iterator[Claim]:
        claims, ks = self.claims, self.ks
        return (claims[ks[k]] for k in range(self.i, self.j))

    def __reversed__(self) -> Iterator[Claim]:
        claims, ks = self.claims, self.ks
        return (claims[ks[k]] for k in range(self.j - 1, self.i - 1, -1))


def marker_of(c: Claim) -> int:
    """Where a claim's first marker stands: what it is ordered by in its paragraph (``_Index``). Read
    again where asked (once or twice per cue), not kept in a dict of every claim of the map."""
    return min(a.marker.start for a in c.attributions)


def _holders(c: Claim) -> frozenset[str]:
    return frozenset(c.holders)


def _continues(c: Claim) -> bool:
    return bool(_rx("continues").search(c.text))


def _sources(ix: _Index, cue: Cue, next_cue: int) -> tuple[list[Claim], int]:
    """The claims of the people who answer, and how many sentences after the cue the first one is."""
    para = ix.st.paragraphs[cue.paragraph]
    after = ix.between(cue.paragraph, cue.span.start, next_cue)
    after = [c for c in after if c.kind != "question" and c.holders]
    if not after:
        return [], 0
    gap = ix.sentence_no(para, marker_of(after[0])) - ix.sentence_no(para, cue.span.start)
    if cue.sources == "paragraph":
        return after, gap
    if gap > cue.family.reach:
        return [], gap
    out = [after[0]]
    carries = _rx("carries_on")
    for c in after[1:]:
        if not carries.match(c.text):
            break
        out.append(c)
    return out, gap


def _targets(ix: _Index, cue: Cue, group: frozenset[str]) -> tuple[list[Claim], int]:
    """The view answered, and how many paragraphs back it is (0: the cue's own paragraph)."""
    # the nearest view before the cue, and the ones it carries on, walked back from the cue
    own = (
        c
        for c in reversed(ix.between(cue.paragraph, None, cue.sentence[0]))
        if c.kind != "question" and _holders(c) - group
    )
    last = next(own, None)
    if last is not None:
        out = [last]
        while _continues(out[-1]) and (earlier := next(own, None)) is not None:
            out.append(earlier)
        return out[::-1], 0
    theme = ix.st.paragraphs[cue.paragraph].theme
    for back in (1, 2):
        pi = cue.paragraph - back
        if pi < 0 or ix.st.paragraphs[pi].theme != theme:
            break
        prev = [c for c in ix.between(pi) if c.kind != "question" and c.holders]
        if not prev:
            continue
        names_view = bool(_view_rx().search(ix.st.doc.text, cue.span.start, cue.sentence[1]))
        if names_view or len(prev) <= _SHORT_PARAGRAPH:
            return prev, back
        first = _holders(prev[0])
        return [c for c in prev if _holders(c) & first], back
    return [], 0


def relate(st: Structure, m: Map, cues: list[Cue] | None = None) -> Map:
    """The map with relations from cues and the stances they (and co-cited markers) imply. ``cues``
    are ``find_cues(st)`` if the caller found them already (and may then have let go the sentences of
    the paragraphs that hold none: only a cue's own paragraph's are read here)."""
    ix = _Index(st, m.claims)
    if cues is None:
        cues = find_cues(st)
    relations: list[Relation] = []
    groups: dict[str, frozenset[str]] = {}  # relation id -> the answering group (never set against itself)
    answered: dict[str, list[Claim]] = {}  # source claim id -> the claims it answered
    notes: list[str] = []
    for k, cue in enumerate(cues):
        # cues come in paragraph order, so the next cue of this paragraph, if any, is the next cue
        after = cues[k + 1] if k + 1 < len(cues) else None
        nxt = (
            after.span.start
            if after is not None and after.paragraph == cue.paragraph
            else st.paragraphs[cue.paragraph].end + 1
        )
        if cue.family.target == "forward":
            pairs, conf = _forward(ix, cue, nxt)
        else:
            sources, gap = _sources(ix, cue, nxt)
            if not sources:
                notes.append(
                    f"{st.doc.source}: cue {cue.span.text!r} at {cue.span.start}: the people who answer are"
                    " not named in its paragraph; no relation"
                )
                continue
            group = frozenset().union(*(_holders(c) for c in sources))
            targets, back = [], 0
            if cue.family.target == "answered":
                prior = ix.between(cue.paragraph, None, cue.span.start)
                targets = answered.get(prior[-1].id, []) if prior else []
            if not targets:
                targets, back = _targets(ix, cue, group)
            conf = cue.family.confidence - _DISTANCE_PENALTY * (max(0, gap - 1) + back)
            pairs = [(s, t) for s in sources for t in targets]
        group = frozenset().union(*(_holders(s) for s, _ in pairs))
        for s, t in pairs:
            if s.id == t.id or not (_holders(t) - group):
                continue
            rid = f"r{len(relations) + 1}"
            conf_r = round(max(_FLOOR, conf), 2)
            relations.append(Relation(rid, s.id, t.id, cue.type, cue.span, conf_r))  # type: ignore[arg-type]
            groups[rid] = group
            answered.setdefault(s.id, []).append(t)
    relations += turn_relations(st.doc.text, m.claims, len(relations), name_forms(m.participants))
    stances = derive_stances(m.claims, relations, groups)
    return replace(m, relations=m.relations + tuple(relations), stances=stances, notes=m.notes + tuple(notes))


def _forward(ix: _Index, cue: Cue, nxt: int) -> tuple[list[tuple[Claim, Claim]], float]:
    """ "... in disagreement with those who argue (X) that ... (Y)": Y's claim answers X's."""
    # the first claim after the cue is the target; its answer comes before the next cue
    after = ix.between(cue.paragraph, cue.span.start, nxt) or ix.between(cue.paragraph, cue.span.start)[:1]
    if not after:
        return [], 0.0
    target = after[0]
    src = next((c for c in after[1:] if marker_of(c) < nxt and _holders(c) - _holders(target)), None)
    if src is None:
        before = ix.between(cue.paragraph, None, cue.span.start)
        src = before[-1] if before and _holders(before[-1]) - _holders(target) else None
    if src is None:
        return [], 0.0
    return [(src, target)], cue.family.confidence


def derive_stances(
    claims: tuple[Claim, ...],
    relations: list[Relation],
    groups: dict[str, frozenset[str]] | None = None,
    *,
    cited_together: bool = True,
) -> tuple[Stance, ...]:
    """Participant stances: one per (a, b, type) from relations (a answers b), plus ``agree`` for people
    cited together for a view (not for a question raised together: asking is not holding), unless
    ``cited_together`` is false."""
    groups = groups or {}
    # only the claims the relations name: a dict of every claim of a transcript was the peak of relate
    by_id = by_ids(claims, (i for r in relations for i in (r.source, r.target)))
    acc: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for r in relations:
        src, tgt = by_id.get(r.source), by_id.get(r.target)
        if src is None or tgt is None:
            continue
        group = groups.get(r.id, frozenset(src.holders))
        for a in src.holders:
            for b in tgt.holders:
                if a == b or (r.type != "agree" and b in group):
                    continue
                key = (a, b, r.type) if r.type != "agree" else (*sorted((a, b)), "agree")
                acc[key].append(r.id)  # type: ignore[index]
    # claims sharing one tuple of attributions (a turn's) give the same pairs: once per tuple
    for atts in attribution_tuples(claims, but_kind="question") if cited_together else ():
        # fewer than two attributions hold fewer than two people: no pair (most claims)
        if len(atts) < 2:
            continue
        for a, b in combinations(sorted(set(holders_of(atts))), 2):
            acc.setdefault((a, b, "agree"), [])
    return tuple(Stance(a, b, t, tuple(dict.fromkeys(rs))) for (a, b, t), rs in acc.items())  # type: ignore[arg-type]


def answer_relations(m: Map, answers: list[tuple[str, tuple[str, int, int, int, int]]]) -> Map:
    """Relations a detector read with its claims ("X pushed back on Y's proposal, saying ...": X's claim
    disagrees with Y's), and the stances they and narrative exceptions imply: "the EU proposed ...,
    opposed by Brazil" sets Brazil against each holder of the EU's claim. ``answers`` pairs a claim id
    with (type, cue start, cue end, target start, target end)."""
    by_span = {(c.start, c.end): c for c in m.claims} if answers else {}  # most records have none
    text = m.documents[0].text if m.documents else ""
    rels: list[Relation] = []
    for cid, (typ, cs, ce, ts, te) in answers:
        tgt = by_span.get((ts, te))
        if tgt is None or tgt.id == cid:
            continue
        rid = f"r{len(m.relations) + len(rels) + 1}"
        rels.append(Relation(rid, cid, tgt.id, typ, Span.of(text, cs, ce), 0.85))  # type: ignore[arg-type]
    acc: dict[tuple[str, str, str], list[str]] = {}
    # the stances of these relations only: those of people cited together carry none and were left out
    for st in derive_stances(m.claims, rels, cited_together=False):
        if st.relations:
            acc[(st.a, st.b, st.relation)] = list(st.relations)
    for atts in attribution_tuples(m.claims):  # what follows rests on the attributions alone
        # one attribution is an exception or a holder, never both: a pair needs two (most claims)
        if len(atts) < 2:
            continue
        against = {
            a.participant for a in atts if a.polarity == "exception" and a.via in ("reported", "citation")
        }
        for a in sorted(against):
            for b in holders_of(atts):
                if a != b:
                    acc.setdefault((a, b, "disagree"), [])
    if not rels and not acc:
        return m
    stances = {(s.a, s.b, s.relation): s for s in m.stances}
    for key, rs in acc.items():
        old = stances.get(key)
        stances[key] = Stance(*key, tuple(dict.fromkeys((old.relations if old else ()) + tuple(rs))))  # type: ignore[arg-type]
    return replace(m, relations=m.relations + tuple(rels), stances=tuple(stances.values()))
