"""The shape of a turn: its record (``_Turn``), the names its label gives, the lines it holds, and
turns written as headings ("### Ana Ruiz" over each turn's text). Shared by ``turns``; kept apart so
each module stays one concern and short."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import pairwise

from rapporteur import _regex as re
from rapporteur.attribute import _turn_labels as lab
from rapporteur.attribute.claims import Context
from rapporteur.resolve import speaker_match
from rapporteur.structure import Paragraph, Structure

_JOINT = re.compile(r"[ \t]*(?:\+|&|/|,|\band\b)[ \t]*")
_BULLET_LINE = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")
_NONBLANK = re.compile(r"\S")  # what ``str.strip`` keeps: the same test of white space


@dataclass(slots=True)
class _Turn:
    label: lab.Label
    names: tuple[tuple[str, int, int], ...]  # () for a pseudo-speaker or an uncertain one
    collective: bool
    segments: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, paragraph)


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
