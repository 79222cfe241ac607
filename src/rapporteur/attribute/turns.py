"""Speaker turns -> claims: every sentence of a turn credited to its speaker, with the label as marker.

Transcripts, minutes and chat logs name their voices by a label at the start of a turn ("Ana:",
"**Ben Cole:**", "[vera]", "<nick>", "Mr. SMITH:"). A format that knows its turns (TEI ``<u who>``,
WebVTT ``<v>``) hands them over in the Layout; otherwise the labels are read from the lines of the
text (``_turn_labels``) and a turn runs over its continuation lines and paragraphs until the next label.
A turn yields a claim per sentence (trivial ones like "Yes." skipped, reactions and questions kept),
each of the kind its words say. Labels that stand for no one ("All:", "[??]", "Break:") credit nobody:
an "All: no objections" is an outcome of its theme, a claim of kind ``decision`` with no holder; so
are "RESOLVED:" and "Conclusion:" lines.

PRIORITY 30 puts turns after parentheticals (10) and reported speech (20): a reporting verb inside a
turn ("as Lord Y said, ...") credits the reported person, and ``relate_turns`` links the speaker's
reaction to it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache

from rapporteur import _regex as re
from rapporteur.attribute import _turn_labels as lab
from rapporteur.attribute._turn_shape import (
    LineKeys,
    _from_layout,
    _heading_turns,
    _join,
    _lines_of,
    _names,
    _Turn,
)
from rapporteur.attribute.claims import LIST_ITEM, Context, Marker, ParagraphCues, RawClaim, classify, trim
from rapporteur.lexicon import lexicon, words
from rapporteur.model import Span
from rapporteur.resolve import speaker_match
from rapporteur.spans import packed
from rapporteur.structure import Paragraph, Structure, Turn, split_sentences

VIA = "turn"
PRIORITY = 30

_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]")
_TABLE = re.compile(r"[ \t]*\|")
_QUOTE = re.compile(r"[ \t]*(?:[-*+][ \t]+)?>")
_TOPIC = re.compile(r"[ \t]*\([^()\n]{1,120}\)[ \t]*$")
_STAGE = re.compile(r"[ \t]*(?:[-*+][ \t]+)?(?:\*[^*\n]+\*|_[^_\n]+_|\[[^\]\n]+\]|&lt;[^\n]*)[ \t]*$")
_LEAD_NOISE = re.compile(r"(?:\\?\[\d{1,2}:\d{2}(?::\d{2})?\\?\][ \t]*|\[[a-z][a-z ]{1,20}\][ \t]*)+")
_IRC_COMMAND = re.compile(
    r"(?:present[+-]|q[+\-?]|qq\+|vq\b|ack\b|s/|scribe(?:nick)?[+:]|zakim\b|rrsagent\b|agenda\s*:|topic\s*:|meeting\s*:|chair\s*:)",
    re.IGNORECASE,
)
_ENDS = frozenset('.!?:;"”’)]*>')  # how a line ends before a new label may start the next
_BLOCKISH = re.compile(r"[ \t]*(?:[-*+•][ \t]|[>|#]|\d{1,3}[.)][ \t])")
_JOINT = re.compile(r"[ \t]*(?:\+|&|/|,|\band\b)[ \t]*")
_WORDS = re.compile(r"[A-Za-z0-9][\w'’]*")
_ASIDE = re.compile(r"\[[^\]\n]*\]|\*[^*\n]*\*")
_BULLET_LINE = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")
# Every label convention ``_turn_labels.parse`` reads holds one of these (":" of "Name:" and of a
# time, "**", "[", "<", "@"): a line with none is parsed no further.
_LABEL_CHAR = re.compile(r"[:*\[<@]")


def _strip_honorifics(name: str) -> str:
    toks = name.split()
    while len(toks) > 1 and toks[0].lower().rstrip(".") in lab.honorifics():
        toks = toks[1:]
    return " ".join(toks)


def _lines(st: Structure) -> tuple[array[int], array[int], array[int]]:
    """The start, end and paragraph of every line of the body's paragraphs, in text order, as three
    columns: a tuple and three int objects per line took more than the line itself."""
    text = st.doc.text
    starts, ends, paras = array("q"), array("q"), array("q")
    for pi, para in enumerate(st.paragraphs):
        for s, e in para.pieces:
            pos = s
            while pos <= e:
                nl = text.find("\n", pos, e)
                end = e if nl < 0 else nl
                if end > pos:
                    starts.append(pos)
                    ends.append(end)
                    paras.append(pi)
                pos = end + 1
    return starts, ends, paras


def _opens_piece(para: Paragraph, s: int) -> bool:
    """Whether a line starting at ``s`` begins one of the paragraph's pieces (a block of its own): read
    from the paragraph, where a set of every piece's start was held beside all the lines."""
    if para.start == s:
        return True
    pieces = para.pieces
    return len(pieces) > 1 and any(a == s for a, _ in pieces)


def _boundary(line: str) -> bool:
    return bool(_HEADING.match(line) or _TABLE.match(line) or _TOPIC.match(line) or _STAGE.match(line))


def _scribes(text: str, labelled: Iterable[tuple[int, lab.Label | None]]) -> set[str]:
    """IRC nicks who scribe: most of their lines start "name: ..." for several names (``labelled``:
    each line's end and its label)."""
    per: dict[str, list[str]] = {}
    for e, lb in labelled:
        if lb is not None and lb.style == "irc":
            inner = lab.inner_label(text, lb.content, e)
            per.setdefault(lb.name, []).append(lab.key(inner.group("name")) if inner else "")
    out = set()
    for nick, inner in per.items():
        named = [n for n in inner if n and not lab.is_prose_label(n)]
        if len(named) >= 3 and len(set(named)) >= 2 and len(named) >= 0.4 * len(inner):
            out.add(nick)
    return out


def _from_text(
    st: Structure, ctx: Context, named: bool = True
) -> tuple[list[_Turn], list[tuple[int, int, int]]]:
    """Turns read from the lines; also the outcome lines ("RESOLVED: ...") that belong to no one.
    Without ``named`` the turns' names are left empty: ``shape`` keeps only the labels and lines."""
    text = st.doc.text
    line_s, line_e, line_p = _lines(st)
    # each line's label, where it has one (most lines of a record that is not a transcript have none)
    found: dict[int, lab.Label | None] = {}
    search_label = _LABEL_CHAR.search
    for k, (s, e, pi) in enumerate(zip(line_s, line_e, line_p, strict=True)):
        lb = lab.parse(text[s:e], s) if search_label(text, s, e) else None
        if lb is None:
            continue
        if st.paragraphs[pi].kind == "quote":
            continue  # "> @bot merge", "> Smith: ...": a quotation, not a turn of the record's
        if not lb.bulleted and st.paragraphs[pi].kind == "list_item":
            lb = replace(lb, bulleted=True)  # a reader's list item, its bullet left out of the text span
        if _opens_piece(st.paragraphs[pi], s):
            lb = lb.opened()
        elif lb.style == "colon" and not lb.timed and not lb.bulleted and k > 0:
            # "The real problem is\nstaffing: we cannot ...": a wrapped sentence, not a label
            ps, pe, ppi, plb = line_s[k - 1], line_e[k - 1], line_p[k - 1], found.get(k - 1)
            prev = text[ps:pe].rstrip()
            wrapped = (
                ppi == pi
                and text.count("\n", pe, s) == 1
                and (plb is None or plb.style != "boldline")
                and prev
                and prev[-1] not in _ENDS
            )
            if wrapped and not _BLOCKISH.match(prev):
                continue
        found[k] = lb
    scribes = _scribes(text, ((line_e[k], lb) for k, lb in found.items()))
    # A scribe's "name: text" names the speaker: the inner label is the marker.
    labels: list[lab.Label] = []
    for k, lb in found.items():
        if lb is None:
            continue
        e = line_e[k]
        if lb.style == "irc" and lb.name in scribes:
            inner = lab.inner_label(text, lb.content, e)
            if inner is None:
                found[k] = None if not _IRC_COMMAND.match(text, lb.content) else lb
                continue
            end = inner.end() - (len(inner.group(0)) - len(inner.group(0).rstrip()))
            lb = lab.Label(
                inner.start(), end, inner.group("name"), inner.end(), "irc", 0, False, nick=lb.name
            )
            found[k] = lb
        if lb.style == "irc" and _IRC_COMMAND.match(text, lb.content):
            continue
        labels.append(lb)
    roster = list(ctx.roster)

    def fits(name: str) -> bool:
        return bool(roster) and bool(speaker_match(_strip_honorifics(name.strip(" ?")), roster))

    ok = lab.speakers(labels, fits, len(st.paragraphs))
    turns: list[_Turn] = []
    outcomes: list[tuple[int, int, int]] = []
    cur: _Turn | None = None
    cur_para = -1
    # A section heading closes the turn going on: a speaker's turn holds no heading, and the text under
    # the next one is not the last speaker's unless a label says so (a banner repeated over bound papers,
    # "**OCCASIONAL PAPERS**", would otherwise speak every section after it). A sweep: headings in order.
    heads = sorted(h.start for h in st.headings)
    hi = 0
    label_at = found.get
    for k, (s, e, pi) in enumerate(zip(line_s, line_e, line_p, strict=True)):
        lb = label_at(k)
        if hi < len(heads) and heads[hi] < s:
            while hi < len(heads) and heads[hi] < s:
                hi += 1
            cur = None
        if lb is None and cur is None:  # no label, no turn going on: an outcome or nothing
            body = text[s:e].lstrip(" \t-*+•")
            if lab.is_decision_line(body):
                outcomes.append((e - len(body), e, pi))
            continue
        if (
            lb is not None
            and lb.style == "irc"
            and lb.nick is not None
            and _IRC_COMMAND.match(text, lb.content)
        ):
            continue  # "present+", "q+", "ack x": the channel's bookkeeping
        if lb is not None and lab.key(lb.name) in ok:
            if lb.style == "at":
                turn = _Turn(lb, _names(text, lb) if named else (), False)
                turn.segments.append((lb.end, e, pi))  # "@name wants option 2": the rest of the line
                turns.append(turn)
                cur = None
                continue
            cur = _Turn(lb, _names(text, lb) if named else (), lab.is_pseudo(lb.name))
            turns.append(cur)
            cur_para = pi
            if lb.content < e:
                cur.segments.append((lb.content, e, pi))
            continue
        if lb is not None and lb.style != "irc" and lab.is_prose_label(lb.name):
            cur = None  # "Note:", "ACTION ITEM:": the record's own voice
            if lab.key(lb.name) in words("turns", "decision_labels") and lb.content < e:
                outcomes.append((lb.content, e, pi))
            continue
        line = text[s:e]  # not before: a speaker's label line, the most of a transcript, never reads it
        body = line.lstrip(" \t-*+•")
        if lab.is_decision_line(body):
            outcomes.append((s + len(line) - len(body), e, pi))
            cur = None
            continue
        if lb is not None and lb.style == "colon" and lb.opens and lab.name_shaped(lb.name):
            cur = None  # a paragraph led by a label that is no speaker's is not the last speaker's
            continue
        if cur is None:
            continue
        if lb is not None and lb.style == "irc":
            if lb.nick is not None and lb.nick in scribes:
                continue
            cur = None  # a chat line by someone else ends nothing but is not this turn's
            continue
        if _boundary(line):
            cur = None
            continue
        if _QUOTE.match(line):
            continue  # quoted text is not the speaker's own claim
        indent = len(line) - len(line.lstrip(" \t"))
        bullet = bool(_BULLET_LINE.match(line))
        if cur.label.bulleted and (pi != cur_para or (bullet and indent <= cur.label.indent)):
            cur = None
            continue
        if cur.label.style == "irc":
            cur.segments.append((s, e, pi)) if cur.label.nick in scribes else None
            continue
        cur.segments.append((s, e, pi))
    return turns, outcomes


def _turn_end(t: _Turn) -> int:
    """Where a turn's text ends: its last segment's end (most turns hold one), else its label's."""
    segs = t.segments
    if len(segs) == 1:
        return segs[0][1]
    return max((e for _, e, _ in segs), default=t.label.end)


def shape(st: Structure, ctx: Context) -> Structure:
    """Give a text record the shape a format with turns would: ``st.turns`` from the labels read in
    its lines, each turn's text its own paragraphs (``turn`` set), labels out of every paragraph.
    Every detector then reads label-free sentences ("Lee argued that ..." at the start of a turn is
    reported speech, "Ana (Acme):" is no parenthetical), and this one reads the turns as given."""
    if st.turns:
        return st
    turns, outcomes = _from_text(st, ctx, named=False)
    if not turns:  # no labels in the lines: names heading the turns, if the record writes them so
        turns = _heading_turns(st, ctx)
    if not turns:
        st.outcomes = outcomes  # what the turns detector would read from every line again
        return st
    text = st.doc.text
    # where each line of a turn's text, each label line and each outcome line starts, as sorted
    # columns; each turn read from the lines let go as soon as it is read, before the paragraphs are cut
    owner = LineKeys(3)  # line start -> turn index, segment start, segment end
    labels = LineKeys(0)
    names: dict[str, str] = {}  # one string per speaker's name, not one per turn (the map keeps them)
    new_turns = []
    for ti, t in enumerate(turns):
        for s, e, _ in t.segments:
            owner.put(text.rfind("\n", 0, s) + 1, ti, s, e)
        lbl = t.label
        labels.put(text.rfind("\n", 0, lbl.start) + 1)
        name = names.setdefault(lbl.name, lbl.name)
        new_turns.append(Turn(lbl.start, _turn_end(t), (lbl.start, lbl.end), name, lbl.time))
        turns[ti] = None  # type: ignore[call-overload]
    outcome_at = LineKeys(2)  # line start -> outcome start, end
    for s, e, _ in outcomes:
        outcome_at.put(text.rfind("\n", 0, s) + 1, s, e)
    for keys in (owner, labels, outcome_at):
        keys.sort()
    who_of, seg_start, seg_end = owner.cols
    out_start, out_end = outcome_at.cols
    # the turns read from the lines are let go before the new paragraphs are made, which then take
    # the memory they leave instead of new memory beside it
    del turns, outcomes
    paragraphs = []
    old = st.paragraphs
    st.paragraphs = paragraphs
    old.reverse()
    while old:  # each uncut paragraph let go as it is cut: the two are never all held at once
        para = old.pop()
        runs: list[tuple[int | None, str, list[tuple[int, int]]]] = []
        broken, last_who = True, None
        for s0, e, _ in _lines_of(text, para):
            s = text.rfind("\n", 0, s0) + 1  # lines are keyed by where they start, indent included
            if (k := owner.find(s)) >= 0:
                who, kind, span = who_of[k], "turn", (seg_start[k], seg_end[k])
            elif (k := outcome_at.find(s)) >= 0:
                who, kind, span = None, "outcome", (out_start[k], out_end[k])
            elif labels.find(s) >= 0 or (last_who is not None and _QUOTE.match(text, s)):
                broken = True  # a label alone on its line, or a quote inside a turn: nothing to mine
                continue
            else:
                who, kind, span = None, para.kind, (s0, e)
            if not broken and runs and runs[-1][0] == who and runs[-1][1] == kind and kind != "outcome":
                runs[-1][2].append(span)
            else:
                runs.append((who, kind, [span]))
            broken, last_who = False, who
        for who, kind, spans in runs:
            if who is not None:
                pieces = _join(text, spans)
            elif kind == "outcome":
                pieces = spans
            else:
                pieces = [(spans[0][0], spans[-1][1])]
            for ps, pe in pieces:
                ps, pe = trim(text, ps, pe)
                if pe > ps:
                    sents = packed(split_sentences(text, ps, pe))
                    # a paragraph of one sentence: its pieces are its sentences, one object for both
                    one = len(sents) == 1 and sents[0] == (ps, pe)
                    held = sents if one else packed(((ps, pe),))
                    paragraphs.append(Paragraph(held, sents, para.theme, kind, who, para.page))
    st.turns = new_turns
    return st


def _kind(text: str, claim: str, cs: int, ce: int, sent: tuple[int, int], cues: ParagraphCues) -> str:
    """The kind of ``claim`` (``text[cs:ce]``, of the sentence ``sent``): the shared cues first, then
    the turn's own. The sentence is the claim itself where trimming took nothing off (no new string)."""
    ss, se = sent
    kind = classify(claim, cues.before(cs), claim if ss == cs and se == ce else text[ss:se])
    return lab.turn_kind(claim) if kind == "claim" else kind


@cache
def _enough_words() -> tuple[re.Pattern[str], int]:
    """Whether a sentence has ``min_words`` words (as ``_WORDS`` counts them), read no further than
    the last one needed: a word is a maximal run, the gaps whatever cannot start one. With the count:
    at one word or more, a match also says the sentence is not wordless (no second search)."""
    n = max(0, int(lexicon("turns").get("min_words", 3)))
    return re.compile(rf"(?:[^A-Za-z0-9]*+[A-Za-z0-9][\w'’]*+){{{n}}}"), n


def _claims(
    text: str, turn: _Turn, marker: Marker | None, paras: list[Paragraph] | None = None
) -> list[RawClaim]:
    """A turn's claims, sentence by sentence; a paragraph's own sentences are reused where given.
    Every claim of the turn shares one tuple of markers (the pipeline keys its attributions by the
    markers' identity): one object per turn, not one per claim."""
    if marker is None and not turn.collective:
        return []  # a turn nobody is named for holds no claim: its sentences are never read
    out: list[RawClaim] = []
    (enough, min_words), not_claim, outcome = _enough_words(), lab.not_claim(), lab.collective_outcome()
    markers = (marker,) if marker else ()
    collective = turn.collective
    for s, e, pi in turn.segments:
        m = LIST_ITEM.match(text, s, e)
        s = m.end() if m and text[s : m.start()].strip() == "" else s
        while s < e and text[s] in " \t":
            s += 1
        m = LIST_ITEM.match(text, s, e)
        s = m.end() if m else s
        noise = _LEAD_NOISE.match(text, s, e)
        s = noise.end() if noise else s
        para = paras[pi] if paras is not None else None
        one_piece = para is not None and len(para.pieces) == 1 and para.end == e  # pieces == ((start, e),)
        if para is not None and para.sentences and one_piece and para.start <= s:
            sents = (
                para.sentences
                if para.start == s
                else [(max(ss, s), se) for ss, se in para.sentences if se > s]
            )
        else:
            sents = split_sentences(text, s, e)
        cues: ParagraphCues | None = None  # once per segment, when a claim of it is first classified
        for sent in sents:
            cs, ce = trim(text, sent[0], sent[1])
            if ce <= cs:
                continue
            claim = text[cs:ce]
            said = _ASIDE.sub(" ", claim) if "[" in claim or "*" in claim else claim
            asks = claim[-1] == "?"  # trimmed: no space after its last character
            full = enough.match(said) is not None  # min_words words: a word at all, unless that is 0
            if collective:
                wordless = (not full or not min_words) and _WORDS.search(said) is None
                if not wordless and not asks and outcome.search(claim):
                    out.append(RawClaim(cs, ce, "decision", markers, pi))
                continue  # a collective voice holds no claim, only outcomes
            if not full and (
                (not asks and not lab.has_turn_cue("reactions", claim)) or _WORDS.search(said) is None
            ):
                continue  # too slight to be a claim unless it reacts or asks; no words at all: none
            if not min_words and _WORDS.search(said) is None:
                continue
            if not_claim.match(claim):
                continue
            if cues is None:  # not the segment so far, searched per claim; none for a collective's
                cues = ParagraphCues(text, s, e)
            out.append(RawClaim(cs, ce, _kind(text, claim, cs, ce, sent, cues), markers, pi))
    return out


def find_turns(st: Structure, ctx: Context) -> list[tuple[tuple[int, int], tuple[str, ...], bool]]:
    """Every turn found: (label span, names it gives, whether it is collective), for evaluation and
    for readers that want the turns themselves rather than their claims."""
    turns = _from_layout(st, ctx, segments=False) if st.turns else _from_text(st, ctx)[0]
    return [((t.label.start, t.label.end), tuple(n for n, _, _ in t.names), t.collective) for t in turns]


def detect(st: Structure, ctx: Context) -> Iterator[RawClaim]:
    """Claims held by the speakers of the record's turns, and its outcomes held by no one: yielded as
    found (``attribute`` puts every detector's claims in text order), so a transcript's claims are
    never all held here as objects."""
    text = st.doc.text
    paras = st.paragraphs if st.turns else None
    turns: Iterable[_Turn]
    if st.turns:
        turns = _from_layout(st, ctx)
        outcomes = [(p.start, p.end, pi) for pi, p in enumerate(st.paragraphs) if p.kind == "outcome"]
    elif st.outcomes is not None:  # shaped, and no turns found in its lines: only its outcomes
        turns, outcomes = [], st.outcomes
    else:
        turns, outcomes = _from_text(st, ctx)
    # a speaker's label text, one string however many turns it opens: every claim's attribution keeps
    # its marker's span, so a transcript would otherwise hold one copy of "CHAIR SMITH:" per turn
    said: dict[str, str] = {}
    for turn in turns:
        lb = turn.label
        if not turn.names and not turn.collective:
            continue
        label_text = text[lb.start : lb.end]
        span = Span(lb.start, lb.end, said.setdefault(label_text, label_text))
        if turn.collective:
            # the collective's outcome: a decision of the theme, with the label as its marker
            mk = Marker(span, (), via=VIA, kind="person")
            yield from (c for c in _claims(text, turn, mk, paras) if c.kind == "decision")
            continue
        mk = Marker(span, turn.names, via=VIA, kind="person")
        yield from _claims(text, turn, mk, paras)
    for s, e, pi in outcomes:
        cs, ce = trim(text, s, e)
        if ce > cs and "?" not in text[cs:ce]:
            yield RawClaim(cs, ce, "decision", (), pi)


__all__ = ["PRIORITY", "VIA", "detect", "find_turns"]
