"""The shape of a turn: its record (``_Turn``), the names its label gives, the lines it holds, the
turns a format gave (``_from_layout``), and turns written as headings ("### Ana Ruiz" over each turn's
text). Shared by ``turns``; kept apart so each module stays one concern and short."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace
from itertools import pairwise

from rapporteur import _regex as re
from rapporteur.attribute import _turn_labels as lab
from rapporteur.attribute.claims import Context
from rapporteur.resolve import speaker_match
from rapporteur.spans import stable_order
from rapporteur.structure import Paragraph, Structure, Turn

_JOINT = re.compile(r"[ \t]*(?:\+|&|/|,|\band\b)[ \t]*")
_BULLET_LINE = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")
_NONBLANK = re.compile(r"\S")  # what ``str.strip`` keeps: the same test of white space


class _Turn:
    # a plain class, not a dataclass: it is defined at every start (README, "Start-up")
    __slots__ = ("collective", "label", "names", "segments")

    def __init__(self, label: lab.Label, names: tuple[tuple[str, int, int], ...], collective: bool) -> None:
        self.label = label
        self.names = names  # () for a pseudo-speaker or an uncertain one
        self.collective = collective
        self.segments: list[tuple[int, int, int]] = []  # (start, end, paragraph)


def _names(text: str, label: lab.Label) -> tuple[tuple[str, int, int], ...]:
    """The people a label names, with offsets: one, or several for a joint turn ("rob + tomislav")."""
    raw = label.name.strip()
    if raw.endswith("?") or lab.is_pseudo(raw):
        return ()  # an uncertain or collective label names nobody for sure
    base = text.find(raw, label.start, label.end)
    base = label.start if base < 0 else base
    out: list[tuple[str, int, int]] = []
    pos = 0
    for part in _JOINT.split(raw) if _JOINT.search(raw) and not raw.startswith("@") else [raw]:
        i = raw.find(part, pos)
        pos = i + len(part)
        part = part.strip()
        if not part or lab.is_pseudo(part):
            continue
        out.append((part, base + i, base + i + len(part)))
    return tuple(out)


class LineKeys:
    """Values keyed by where a line starts, as a dict that keeps the last value put under a key would
    give them, held as arrays of numbers (a dict of every line of a transcript, with a tuple and int
    objects per value, was the largest thing ``shape`` held): the keys sorted (stably, so the last of
    equal keys is the one put last), looked up by bisection. ``cols[j][i]``: value ``j`` of entry ``i``."""

    __slots__ = ("cols", "keys")

    def __init__(self, width: int) -> None:
        self.keys = array("q")
        self.cols = [array("q") for _ in range(width)]

    def put(self, key: int, *values: int) -> None:
        self.keys.append(key)
        for col, v in zip(self.cols, values, strict=True):
            col.append(v)

    def sort(self) -> LineKeys:
        keys = self.keys
        order = stable_order(keys)
        if not isinstance(order, range):
            self.keys = array("q", (keys[i] for i in order))
            self.cols = [array("q", (col[i] for i in order)) for col in self.cols]
        return self

    def find(self, key: int) -> int:
        """The entry of the last value put under ``key``, or -1."""
        i = bisect_right(self.keys, key) - 1
        return i if i >= 0 and self.keys[i] == key else -1


def _lines_of(text: str, para: Paragraph) -> list[tuple[int, int, int]]:
    """The non-blank lines of a paragraph (a search for a non-space character, no copy of each line)."""
    out = []
    nonblank = _NONBLANK.search
    for s, e in para.pieces:
        pos = s
        while pos <= e:
            nl = text.find("\n", pos, e)
            end = e if nl < 0 else nl
            if end > pos and nonblank(text, pos, end):
                out.append((pos, end, 0))
            pos = end + 1
    return out


def _join(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A turn's lines as paragraphs: wrapped lines join, each bullet item stands alone."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and text.count("\n", out[-1][1], s) == 1:  # the next line: joined unless a bullet's
            line_start = text.rfind("\n", 0, s) + 1
            bullet = (bool(_BULLET_LINE.match(text, line_start)) and line_start < s) or bool(
                _BULLET_LINE.match(text, s)
            )
            if not bullet:
                out[-1] = (out[-1][0], e)
                continue
        out.append((s, e))
    return out


def _heading_turns(st: Structure, ctx: Context) -> list[_Turn]:
    """ "### Ana Ruiz" headings over each turn's text: names at one heading level that head short
    sections again and again, in turn (two voices at least, each twice or on the roster), are
    speakers, not themes. Their themes are dropped and their paragraphs fall to the theme above."""
    text = st.doc.text
    roster = list(ctx.roster)
    titles = [h.title.strip(" *_:") for h in st.headings]
    counts: dict[str, int] = {}
    for t in titles:
        counts[lab.key(t)] = counts.get(lab.key(t), 0) + 1

    def voice(t: str) -> bool:  # a name that heads sections again and again, or is on the roster
        if not lab.name_shaped(t) or lab.is_prose_label(t) or len(t.split()) > 4:
            return False
        return counts[lab.key(t)] >= 2 or (bool(roster) and bool(speaker_match(t, roster)))

    spoken = [i for i, t in enumerate(titles) if voice(t)]
    voices = [lab.key(titles[i]) for i in spoken if not lab.is_pseudo(titles[i])]
    levels = {st.headings[i].markup_level for i in spoken}
    changes = sum(1 for x, y in pairwise(voices) if x != y)
    if len(set(voices)) < 2 or len(levels) != 1 or changes < 2:
        return []  # an agenda item named once ("Budget Review") is a theme, not a voice
    chosen = set(spoken)
    for i in spoken:  # a speaker's turn has no sub-headings; a topic's section may
        j = i + 1
        if j < len(titles) and j not in chosen and st.headings[j].markup_level > st.headings[i].markup_level:
            return []
    heads = st.headings
    bounds = [h.start for h in heads] + [len(text) + 1]
    turns: list[_Turn] = []
    for i in spoken:
        h = heads[i]
        label = lab.Label(h.start, h.end, titles[i], h.end, "heading", 0, False)
        turn = _Turn(label, _names(text, label), lab.is_pseudo(titles[i]))
        for pi, para in enumerate(st.paragraphs):
            if h.end <= para.start < bounds[i + 1]:
                turn.segments.extend((ls, le, pi) for ls, le, _ in _lines_of(text, para))
        turns.append(turn)
    # the speakers' headings head no theme: their paragraphs belong to the theme above
    gone = {(heads[i].start, heads[i].end) for i in spoken}
    parent = {t.id: t.parent for t in st.themes}
    dropped = {t.id for t in st.themes if (t.start, t.end) in gone}

    def up(tid: str | None) -> str | None:
        while tid in dropped:
            tid = parent[tid]
        return tid

    st.themes = [replace(t, parent=up(t.parent)) for t in st.themes if t.id not in dropped]
    st.headings = [h for i, h in enumerate(heads) if i not in set(spoken)]
    st.paragraphs = [replace(p, theme=up(p.theme)) for p in st.paragraphs]
    return turns


# ------------------------------------------------------------------------------- turns a format gave


def _from_layout(st: Structure, ctx: Context, segments: bool = True) -> Iterator[_Turn]:
    """Turns a format gave (TEI ``<u who>``, WebVTT ``<v>``): the speaker by roster key or by name;
    each with its text's pieces unless ``segments`` is false (who spoke is all ``find_turns`` needs).
    In the order of ``st.turns``, one at a time where the paragraphs come in that order (as ``shape``
    makes them): a turn's record is let go once its claims are read, not held with every other's."""
    paras = st.paragraphs
    last = -1
    for para in paras:
        ti = para.turn
        if ti is not None:
            if ti < last:
                return iter(_all_from_layout(st, segments))
            last = ti
    return _each_from_layout(st, segments)


def _each_from_layout(st: Structure, segments: bool) -> Iterator[_Turn]:
    """``_all_from_layout`` made one turn at a time: the paragraphs' turns never go back."""
    text = st.doc.text
    by_key = {r.key: r.name for r in st.roster if r.key}
    given = st.turns
    turn: _Turn | None = None
    cur = -1
    for pi, para in enumerate(st.paragraphs):
        ti = para.turn
        if ti is None:
            continue
        if ti != cur:
            if turn is not None:
                yield turn
            turn, cur = _layout_turn(text, given[ti], by_key), ti
        if segments:
            turn.segments.extend([(s, e, pi) for s, e in para.pieces])  # type: ignore[union-attr]
    if turn is not None:
        yield turn


def _all_from_layout(st: Structure, segments: bool) -> list[_Turn]:
    """Every given turn with its paragraphs' pieces, in the order of ``st.turns``, whatever the order
    of the paragraphs."""
    text = st.doc.text
    by_key = {r.key: r.name for r in st.roster if r.key}
    given = st.turns
    turns: dict[int, _Turn] = {}
    for pi, para in enumerate(st.paragraphs):
        ti = para.turn
        if ti is None:
            continue
        turn = turns.get(ti)
        if turn is None:
            turn = turns[ti] = _layout_turn(text, given[ti], by_key)
        if segments:
            turn.segments.extend([(s, e, pi) for s, e in para.pieces])
    return [turns[k] for k in sorted(turns)]


def _layout_turn(text: str, t: Turn, by_key: dict[str, str]) -> _Turn:
    """One given turn's speaker: by roster key (a key names one person), else by the name as the
    record gives it, which may be joint ("A + B"), uncertain ("A?") or collective."""
    ls, le = t.label if t.label else (t.start, t.start)
    speaker = t.speaker
    spoken = (speaker or text[ls:le]).strip().rstrip(":").strip()
    keyed = by_key.get(speaker or "", by_key.get("#" + (speaker or ""))) if by_key else None
    name = keyed or spoken
    label = lab.Label(ls, le, name, le, "layout", 0, False, t.time)
    names = ((name, ls, le),) if keyed else _names(text, label) if name else ()
    return _Turn(label, names, lab.is_pseudo(name))
