"""The layout of a record: front matter, body paragraphs, footnotes, headings -> themes, sentences, roster.

Real records are typed from paper: paragraphs are cut by page breaks (and sometimes by a footnote
that lands between the halves), heading levels are inconsistent, and a title page or a series
blurb comes before the body. Everything here works on block and line offsets into the one text.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapporteur import _regex as re
from rapporteur.blocks import (  # Block, Heading, blocks, find_headings, code_spans: reachable here as ever
    _NOTE_MARK,
    _SEPARATOR,
    _TURN_START,
    Block,
    Heading,
    _blocks,
    _is_prose,
    _scheme,
    _terminated,
    blocks,
    find_headings,
)
from rapporteur.lexicon import lexicon, words
from rapporteur.model import Document, Theme
from rapporteur.script import MARKS, UPPER

if TYPE_CHECKING:  # a reader's layout: imported by the readers that make one, not for plain text
    from rapporteur.layout import Layout

# _SENT_END and _ABBREV_WORD stay reachable here for the regex audit (tests/_adversarial_regex.py)
from rapporteur.sentences import _ABBREV_WORD, _SENT_END, split_sentences  # noqa: F401
from rapporteur.spans import PAIR_SIZE, Spans, packed, unpack_at

# ---------------------------------------------------------------------------------------------- roster


class RosterEntry:
    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("affiliation", "aliases", "end", "key", "kind", "name", "start")

    def __init__(
        self,
        name: str,
        affiliation: str | None,
        start: int,
        end: int,
        aliases: tuple[str, ...] = (),
        kind: str = "person",
        key: str | None = None,  # how the format refers to the entry (a TEI id, a JATS ref id)
    ) -> None:
        self.name = name
        self.affiliation = affiliation
        self.start = start
        self.end = end
        self.aliases = aliases
        self.kind = kind
        self.key = key


_NAME_TOKEN = (  # a capital of any script; decomposed accents stay in the word (see rapporteur.script)
    rf"(?:{UPPER}[\w{MARKS}'’\-]*\.?|(?:{UPPER}\.){{1,4}}"
    r"|de|da|del|della|van|von|der|den|la|le|du|di|dos|das|y|bin|al|ter|ten)"
)
_PERSON_LINE = re.compile(
    rf"^\s*(?:[-*•]\s+)?(?P<name>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,5}})"
    r"(?:\s*(?:,|\(|—|–|-{1,2}|:)\s*(?P<aff>.*?))?\)?\s*$"
)


def parse_person_line(line: str) -> tuple[str, str | None] | None:
    """``Name, Affiliation`` (or ``Name (Affiliation)``, ``Name — Affiliation``) -> (name, affiliation)."""
    m = _PERSON_LINE.match(line)
    if not m:
        return None
    name = re.sub(r"\s+", " ", m.group("name")).strip()
    if name.isupper() and len(name) > 4:  # an all-caps line is a heading, not a person
        return None
    if not name[0].isupper() or len(name.split()) < 2:
        return None
    aff = (m.group("aff") or "").strip().rstrip(")").strip() or None
    return name, aff


def find_roster(text: str, blks: list[Block], body_start: int) -> tuple[list[RosterEntry], int | None]:
    """The participants list: a block of person lines after a roster header, else a trailing one."""
    headers = words("structure", "roster_headers")
    best: tuple[int, int | None] | None = None  # (block index, header block start)
    for i, b in enumerate(blks):
        if b.start < body_start or text.find("\n", b.start, b.end) < 0:
            continue  # before the body, or one line: fewer than two people, whatever the line says
        lines = [ln for ln in b.lines if ln.strip()]
        if len(lines) < 2:
            continue  # fewer than two people, whatever the line says
        people = 0
        for k, ln in enumerate(lines):
            if parse_person_line(ln):
                people += 1
            elif people + len(lines) - k - 1 < 0.7 * len(lines):
                break  # the lines left cannot make 70% people: most blocks are prose, left at once
        if people < 2 or people < 0.7 * len(lines):
            continue
        prev = blks[i - 1] if i > 0 else None
        first_line = prev.lines[0].lower() if prev else ""
        has_header = prev is not None and len(prev) < 200 and any(h in first_line for h in headers)
        if has_header:
            best = (i, prev.start if prev else None)
        elif i == len(blks) - 1 and people >= 3 and best is None:
            best = (i, None)
    if best is None:
        return [], None
    i, header_start = best
    b = blks[i]
    entries: list[RosterEntry] = []
    pos = b.start
    for ln in b.text.split("\n"):
        parsed = parse_person_line(ln)
        if parsed:
            lead = len(ln) - len(ln.lstrip())
            entries.append(RosterEntry(parsed[0], parsed[1], pos + lead, pos + len(ln.rstrip())))
        pos += len(ln) + 1
    return entries, header_start if header_start is not None else b.start


# ------------------------------------------------------------------------------------------ paragraphs


class Turn:
    """A speaker's turn: ``label`` is the span of the speaker label ("Lord Smith:"), ``speaker`` who the
    format says it is (a roster key or a name) where it says so; ``start:end`` the whole turn."""

    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("end", "label", "speaker", "start", "time")

    def __init__(
        self,
        start: int,
        end: int,
        label: tuple[int, int] | None,
        speaker: str | None = None,
        time: str | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.label = label
        self.speaker = speaker
        self.time = time


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A logical paragraph: one or more pieces, re-joined where a page break cut it. ``kind`` is the
    block kind a Layout gave (paragraph, list_item, table_row, quote, caption); ``turn`` the index in
    ``Structure.turns`` of the turn it belongs to."""

    pieces: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...] = ()
    theme: str | None = None
    kind: str = "paragraph"
    turn: int | None = None
    page: int | None = None

    @property
    def start(self) -> int:  # ``pieces[0][0]``, read straight from packed pieces
        p = self.pieces
        return unpack_at(p)[0] if p.__class__ is Spans else p[0][0]  # type: ignore[arg-type]

    @property
    def end(self) -> int:  # ``pieces[-1][1]``
        p = self.pieces
        if p.__class__ is Spans:
            return unpack_at(p, bytes.__len__(p) - PAIR_SIZE)[1]  # type: ignore[arg-type]
        return p[-1][1]


@dataclass(slots=True)
class Structure:
    doc: Document
    title: str
    body: tuple[int, int]
    front_matter: list[tuple[int, int]] = field(default_factory=list)
    footnotes: list[tuple[int, int]] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    roster: list[RosterEntry] = field(default_factory=list)
    roster_span: tuple[int, int] | None = None
    page_joins: list[tuple[int, int]] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    layout: Layout | None = None
    # the outcome lines ("RESOLVED: ...", as (start, end, paragraph)) of a record the turn shaper read
    # and found no turns in: the turns detector reads them from here instead of every line again.
    # None: not read (a record with turns, or not shaped)
    outcomes: list[tuple[int, int, int]] | None = None


def _body_start(text: str, blks: list[Block], heads: list[Heading]) -> int:
    """Where the body begins: the first opener word ("Introduction"), numbered or '#' heading."""
    openers = words("structure", "body_openers")
    for h in heads:
        bare = re.sub(r"^[\dIVXivx]+[.)]\s*", "", h.title.strip("*_ :")).lower()
        if bare in openers or h.scheme is not None or h.markup_level <= 6:
            return blks[h.block].start
    # No headings: skip the leading title lines that precede the first prose block; a speaker's
    # turn ("Ana: Good morning.") is the body, however short.
    for b in blks:
        if _is_prose(b.text) or _TURN_START.match(b.text):
            return b.start
    return blks[0].start if blks else 0


def _title(text: str, blks: list[Block], body_start: int, heads: list[Heading], fallback: str) -> str:
    front = [b for b in blks if b.end <= body_start]
    for i, b in enumerate(front[:-1]):
        if front[i + 1].text[:3].lower() == "by " and len(b) < 200:
            return re.sub(r"\s+", " ", b.text.replace("*", "")).strip()
    for h in heads:
        if h.markup_level == 1:
            return h.title
    for b in blks:
        line = b.lines[0].strip("#* ")
        if line:
            # a first line that is prose or a speaker's turn ("Name:** Hello, ...") names nothing: the
            # record's own name (its file) says more
            if len(line) > 120 or re.match(r"[^:]{1,60}:(?:\*\*)?[ \t]+\S", line):
                return fallback
            return line[:200]
    return fallback


def _rank_headings(heads: list[Heading]) -> list[int]:
    """A rank per heading (1 = top). Numbered headings rank by their scheme, in order of first use,
    whatever their markup; unnumbered ones sit under the last numbered heading when marked deeper."""
    scheme_rank: dict[str, int] = {}
    md_levels = sorted({h.markup_level for h in heads if h.scheme is None})
    ranks: list[int] = []
    last_numbered: tuple[Heading, int] | None = None
    for h in heads:
        if h.scheme is not None:
            if h.scheme not in scheme_rank:
                scheme_rank[h.scheme] = len(scheme_rank) + 1
            r = scheme_rank[h.scheme]
            last_numbered = (h, r)
        elif last_numbered is not None:
            nh, nr = last_numbered
            r = nr + 1 if h.markup_level > nh.markup_level else nr
        else:
            r = md_levels.index(h.markup_level) + 1 if h.markup_level <= 6 else 1
        ranks.append(r)
    return ranks


def _themes(doc_id: str, heads: list[Heading], head_starts: list[int], body_end: int) -> list[Theme]:
    """Themes from ranked headings; a theme's section runs to the next heading of the same or higher rank."""
    ranks = _rank_headings(heads)
    # where each section ends: the next heading of the same or higher rank, found for all in one pass
    ends = [body_end] * len(heads)
    waiting: list[int] = []
    for j, r in enumerate(ranks):
        while waiting and ranks[waiting[-1]] >= r:
            ends[waiting.pop()] = head_starts[j]
        waiting.append(j)
    stack: list[tuple[int, Theme]] = []
    themes: list[Theme] = []
    for i, h in enumerate(heads):
        r = ranks[i]
        while stack and stack[-1][0] >= r:
            stack.pop()
        sec_end = ends[i]
        parent = stack[-1][1].id if stack else None
        t = Theme(f"t{i + 1}", doc_id, h.title, parent, h.start, h.end, r, (h.end, sec_end))
        themes.append(t)
        stack.append((r, t))
    return themes


def _sentences(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    sents: list[tuple[int, int]] = []
    for s, e in pieces:
        part = split_sentences(text, s, e)
        if sents and part and not _terminated(text, sents[-1][0], sents[-1][1]):
            part[0] = (sents.pop()[0], part[0][1])  # the sentence runs on across the break
        sents.extend(part)
    return sents


_PROSE_KINDS = {"paragraph", "list_item", "table_row", "quote", "caption"}


def _from_layout(doc: Document, lay: Layout) -> Structure:
    """The shape a reader gave: its headings, paragraphs, turns, footnotes and roster, trusted as given."""
    text = doc.text
    blks = sorted(lay.blocks, key=lambda b: (b.start, b.end))
    front = [b for b in blks if b.kind == "front"]
    body = [b for b in blks if b.kind != "front"]
    body_start = min((b.start for b in body), default=0)
    body_end = len(text)
    st = Structure(doc, lay.title or doc.title, (body_start, body_end), layout=lay)
    st.front_matter = [(b.start, b.end) for b in front]
    st.footnotes = [(b.start, b.end) for b in body if b.kind == "footnote"]
    heads: list[Heading] = []
    head_starts: list[int] = []
    for i, b in enumerate(body):
        if b.kind == "heading" and b.end > b.start:
            title = text[b.start : b.end]
            heads.append(Heading(b.start, b.end, title, min(max(b.level, 1), 6), _scheme(title), i))
            head_starts.append(b.start)
    st.headings = heads
    st.themes = _themes(doc.id, heads, head_starts, body_end)
    theme_at = _theme_lookup(st.themes)
    for b in body:
        if b.kind in _PROSE_KINDS:
            pieces = [(b.start, b.end)]
            turn = None
        elif b.kind == "turn":
            st.turns.append(Turn(b.start, b.end, b.label, b.speaker, b.time))
            turn = len(st.turns) - 1
            content = b.label[1] if b.label else b.start
            inner = [(content + k.start, content + k.end) for k in _blocks(text[content : b.end])]
            for s, e in inner:
                if e > s:
                    sents = packed(_sentences(text, [(s, e)]))
                    st.paragraphs.append(
                        Paragraph(packed(((s, e),)), sents, theme_at(s), "turn", turn, b.page)
                    )
            continue
        else:
            continue
        sents = _sentences(text, pieces)
        if sents:
            para = Paragraph(packed(pieces), packed(sents), theme_at(b.start), b.kind, turn, b.page)
            st.paragraphs.append(para)
    st.roster = [
        RosterEntry(r.name, r.affiliation, *(r.span or (0, 0)), r.aliases, r.kind, r.key) for r in lay.roster
    ]
    return st


def structure(doc: Document, *, sentences: bool = True) -> Structure:
    """Lay out one document. Never fails on odd layout: the worst case is one paragraph per block.

    ``sentences=False`` leaves the sentences of a text's paragraphs out (``()``) for ``add_sentences``
    to fill in later: a transcript's paragraphs are cut into turns first, and the sentences of the
    paragraphs that cut replaces would be split for nothing."""
    if doc.layout is not None and doc.layout.blocks:
        return _from_layout(doc, doc.layout)
    text = _lf(doc.text)
    blks = blocks(text)
    heads = find_headings(text, blks)
    body_start = _body_start(text, blks, heads)
    roster, roster_start = find_roster(text, blks, body_start)
    body_end = roster_start if roster_start is not None else len(text)
    heads = [h for h in heads if body_start <= blks[h.block].start < body_end]
    st = Structure(doc, _title(text, blks, body_start, heads, doc.title), (body_start, body_end))
    if body_start > 0:
        st.front_matter.append((0, body_start))
    st.roster = roster
    if roster_start is not None:
        st.roster_span = (roster_start, len(text))
    st.headings = heads

    st.themes = themes = _themes(doc.id, heads, [blks[h.block].start for h in heads], body_end)
    heading_blocks = {h.block for h in heads}

    # Body blocks -> logical paragraphs, with footnotes set apart and page-break halves re-joined.
    # Each paragraph is made as it closes: the pieces of every paragraph are never held at once.
    theme_at = _theme_lookup(themes)
    pending: list[tuple[int, int]] | None = None
    in_note = False

    def close() -> None:
        if pending:
            sents = packed(_sentences(text, pending)) if sentences else ()
            st.paragraphs.append(Paragraph(packed(pending), sents, theme_at(pending[0][0])))

    for i, b in enumerate(blks):
        if not body_start <= b.start < body_end:
            continue
        if i in heading_blocks:
            close()  # a heading closes the paragraph before it
            pending, in_note = None, False
            continue
        bt = b.text  # cut from the record when read: read once here
        if _SEPARATOR.match(bt):
            in_note = True
            continue
        continues = pending is not None and bt[:1].islower()  # a block starts at no space
        if in_note and not continues:
            if _NOTE_MARK.match(bt) or pending is not None:
                st.footnotes.append((b.start, b.end))
                continue
            in_note = False
        in_note = False
        if continues and pending is not None:
            st.page_joins.append((pending[-1][1], b.start))
            pending.append((b.start, b.end))
        else:
            close()
            pending = [(b.start, b.end)]
        if _terminated(text, b.start, b.end):
            close()
            pending = None
    close()
    st.footnotes = _merge_adjacent(st.footnotes, text)
    return st


def add_sentences(st: Structure) -> None:
    """The sentences of every paragraph that has none yet (those ``structure(..., sentences=False)``
    left out): the same spans ``structure`` would have given them."""
    text = st.doc.text
    st.paragraphs = [
        p
        if p.sentences
        else Paragraph(p.pieces, packed(_sentences(text, list(p.pieces))), p.theme, p.kind, p.turn, p.page)
        for p in st.paragraphs
    ]


def _lf(text: str) -> str:
    """The text with each lone CR (old Mac line ends, or mixed in with LF) as LF: one character for one,
    so every offset found in it is an offset into the text as decoded."""
    return re.sub(r"\r(?!\n)", "\n", text) if "\r" in text else text


def _merge_adjacent(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and not text[out[-1][1] : s].strip():
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _theme_lookup(themes: list[Theme]):
    """offset -> id of the innermost theme whose section contains it (the highest level; of equals,
    the later). One sweep over the sections' starts and ends builds the points where the answer
    changes, so a record with thousands of agenda items is looked up in log time, not per theme."""
    events = sorted({p for t in themes for p in t.section})
    starts: dict[int, list[int]] = {}
    for i, t in enumerate(themes):
        if t.section[1] > t.section[0]:
            starts.setdefault(t.section[0], []).append(i)
    heap: list[tuple[int, int]] = []  # (-level, -index): the best open theme on top
    points: list[int] = []
    answer: list[str | None] = []
    for pos in events:
        for i in starts.get(pos, ()):
            heapq.heappush(heap, (-themes[i].level, -i))
        while heap and themes[-heap[0][1]].section[1] <= pos:
            heapq.heappop(heap)  # closed sections leave lazily, when they reach the top
        points.append(pos)
        answer.append(themes[-heap[0][1]].id if heap else None)

    def at(offset: int) -> str | None:
        k = bisect_right(points, offset) - 1
        return answer[k] if k >= 0 else None

    return at


__all__ = [
    "Block",
    "Heading",
    "Paragraph",
    "RosterEntry",
    "Structure",
    "Turn",
    "add_sentences",
    "lexicon",
    "split_sentences",
    "structure",
]
