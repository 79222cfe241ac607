"""Extracted text built piece by piece, every block's span recorded as it is appended.

The markup readers (HTML, TEI, JATS, reStructuredText) do not keep the source's characters: they
write the text a person reads. Offsets into that text are exact only if they are taken while it is
written, so a reader opens a block, writes its inline text in pieces (each ``write`` returns the span
it produced, for a citation or a turn label), and closes it; the builder collapses whitespace the way
a browser does, separates blocks by one blank line and never leaves trailing spaces, so no offset is
ever recomputed by searching the text afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapporteur import _regex as re
from rapporteur.layout import BlockKind, LayoutBlock, RosterHint

_WS = re.compile(r"\s+")
_BREAKS = {"": 0, " ": 1, "\n": 2, "\n\n": 3}


@dataclass(slots=True)
class _Open:
    kind: BlockKind
    level: int
    start: int | None = None  # where the first character was written; None while the block is empty
    label: tuple[int, int] | None = None
    speaker: str | None = None
    time: str | None = None
    page: int | None = None


class TextBuilder:
    """The extracted text and its blocks. Blocks do not nest: opening one closes the one before."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self._gap = ""  # whitespace owed before the next character: "", " ", "\n" or "\n\n"
        self._open: _Open | None = None
        self.blocks: list[LayoutBlock] = []

    @property
    def length(self) -> int:
        """The characters written so far: the end of the last piece (owed whitespace is not written)."""
        return self._len

    def text(self) -> str:
        self.close()
        return "".join(self._parts)

    # ------------------------------------------------------------------------------------ blocks

    def open(self, kind: BlockKind, level: int = 0, **meta: object) -> None:
        """Start a block; it takes its first offset from the first character written into it."""
        self.close()
        self._open = _Open(kind, level, **meta)  # type: ignore[arg-type]
        self._owe("\n\n")

    def close(self) -> LayoutBlock | None:
        """End the open block; an empty block leaves no trace (no block, no blank line)."""
        ob, self._open = self._open, None
        if ob is None or ob.start is None:
            return None
        block = LayoutBlock(ob.kind, ob.start, self._len, ob.level, ob.page, ob.label, ob.speaker, ob.time)
        self.blocks.append(block)
        return block

    @property
    def kind(self) -> str | None:
        return self._open.kind if self._open else None

    @property
    def empty(self) -> bool:
        """Whether the open block has no character yet."""
        return self._open is None or self._open.start is None

    def label(self, span: tuple[int, int], speaker: str | None) -> None:
        """Mark ``span`` (already written into the open block) as its speaker label."""
        if self._open is not None:
            self._open.kind = "turn"
            self._open.label = span
            self._open.speaker = speaker

    # ------------------------------------------------------------------------------------ inline

    def write(self, s: str) -> tuple[int, int] | None:
        """Append inline text, whitespace collapsed as a browser shows it; the span of what it added
        (without surrounding whitespace), or None if it added only whitespace."""
        core = _WS.sub(" ", s).strip()
        if not core:
            if s:
                self.space()
            return None
        if s[0].isspace():
            self.space()
        at = self._put(core)
        if s[-1].isspace():
            self.space()
        return at, self._len

    def raw(self, s: str) -> tuple[int, int] | None:
        """Append text as it stands (preformatted code): newlines kept, blank lines squeezed to one
        newline so the block stays one block, trailing whitespace dropped."""
        lines = [ln.rstrip() for ln in s.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            return None
        lines[0] = lines[0].lstrip()  # a block's span never starts on whitespace
        first = None
        for i, ln in enumerate(lines):
            if i:
                self.newline()
            if ln:
                at = self._put(ln)
                first = at if first is None else first
        return (first, self._len) if first is not None else None

    def space(self) -> None:
        self._owe(" ")

    def newline(self) -> None:
        """A line break inside the block (``<br>``, ``<lb/>``)."""
        self._owe("\n")

    def paragraph(self) -> None:
        """A blank line inside the open block: a turn's next paragraph."""
        self._owe("\n\n")

    def _owe(self, gap: str) -> None:
        if _BREAKS[gap] > _BREAKS[self._gap]:
            self._gap = gap

    def _put(self, piece: str) -> int:
        """Write a piece that neither starts nor ends with whitespace, paying the whitespace owed
        first; the piece's start offset."""
        if self._open is None:
            self.open("paragraph")
        ob = self._open
        assert ob is not None
        if self._len and self._gap:
            # whitespace owed at the very start of a block is only the separator from the last one
            gap = "\n\n" if ob.start is None else self._gap
            self._parts.append(gap)
            self._len += len(gap)
        self._gap = ""
        if ob.start is None:
            ob.start = self._len
        at = self._len
        self._parts.append(piece)
        self._len += len(piece)
        return at


def normalize(s: str) -> str:
    """Whitespace collapsed and stripped: how a name or title reads."""
    return _WS.sub(" ", s).strip()


__all__ = ["TextBuilder", "lone_title", "normalize", "split_roster"]


def split_roster(text: str, blocks: list[LayoutBlock]) -> tuple[list[LayoutBlock], list[RosterHint]]:
    """A participants list among the blocks a reader wrote: a short block naming a roster
    ("Participants", "Attendees:") followed by blocks whose every line is a person line ("Ann Lee,
    River Institute"), at least two people. The last such list is the roster; it and its header
    leave the body, as the plain-text reader leaves them. Returns (blocks kept, roster)."""
    from rapporteur.lexicon import words
    from rapporteur.structure import parse_person_line

    headers = words("structure", "roster_headers")
    best: tuple[int, int, list[RosterHint]] | None = None
    i = 0
    while i < len(blocks):
        b = blocks[i]
        head = text[b.start : b.end].strip().rstrip(":").strip().lower()
        if b.kind in {"heading", "paragraph"} and len(head) < 60 and any(h in head for h in headers):
            people: list[RosterHint] = []
            j = i + 1
            while j < len(blocks) and blocks[j].kind in {"list_item", "paragraph", "table_row"}:
                found = _people(text, blocks[j], parse_person_line)
                if found is None:
                    break
                people.extend(found)
                j += 1
            if len(people) >= 2:
                best = (i, j, people)
                i = j
                continue
        i += 1
    if best is None:
        return blocks, []
    i, j, people = best
    return blocks[:i] + blocks[j:], people


def _people(text: str, b: LayoutBlock, parse) -> list[RosterHint] | None:
    out: list[RosterHint] = []
    pos = b.start
    for line in text[b.start : b.end].split("\n"):
        parsed = parse(line)
        if parsed is None:
            if line.strip():
                return None
        else:
            lead = len(line) - len(line.lstrip())
            out.append(RosterHint(parsed[0], parsed[1], span=(pos + lead, pos + len(line.rstrip()))))
        pos += len(line) + 1
    return out or None


def lone_title(text: str, blocks: list[LayoutBlock]) -> tuple[list[LayoutBlock], str | None]:
    """A record's one top heading, standing before any prose, is its title, not a theme: the blocks
    with that heading made ``front``, and its text (as docutils' ``doctitle_xform`` and pandoc read a
    lone leading title). Any other shape is left as it is."""
    heads = [b for b in blocks if b.kind == "heading"]
    if not heads or heads[0].level != 1 or sum(1 for h in heads if h.level == 1) != 1:
        return blocks, None
    first = heads[0]
    if any(b.start < first.start and b.kind not in {"front", "code"} for b in blocks):
        return blocks, None
    out = [LayoutBlock("front", b.start, b.end) if b is first else b for b in blocks]
    return out, text[first.start : first.end]
