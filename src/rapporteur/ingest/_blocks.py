"""Extracted text built piece by piece, every block's span recorded as it is appended.

The markup readers (HTML, TEI, JATS, reStructuredText) do not keep the source's characters: they
write the text a person reads. Offsets into that text are exact only if they are taken while it is
written, so a reader opens a block, writes its inline text in pieces (each ``write`` returns the span
it produced, for a citation or a turn label), and closes it; the builder collapses whitespace the way
a browser does, separates blocks by one blank line and never leaves trailing spaces, so no offset is
ever recomputed by searching the text afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapporteur.layout import BlockKind, LayoutBlock

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\S+")
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
        first: int | None = None
        pos = 0
        for m in _WORD.finditer(s):
            if m.start() > pos:
                self.space()
            at = self._put(m.group())
            first = at if first is None else first
            pos = m.end()
        if pos < len(s):
            self.space()
        return (first, self._len) if first is not None else None

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
        """Write a piece with no whitespace in it, paying the whitespace owed; its start offset."""
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


__all__ = ["TextBuilder", "normalize"]
