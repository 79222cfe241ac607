"""What the PDF and DOCX readers share: writing blocks into one text with exact offsets, and finding
the roster a record prints at its end ("Participants" and one person a line).

A binary format's reader writes the text every offset indexes, so it builds that text here block by
block and records each block's span as it goes. The roster is found with the same rules ``structure``
uses on plain text, so a record reads the same whichever file it came in; its lines are kept out of
the blocks, so no roster line is mined as a claim, and handed on as ``RosterHint``s.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rapporteur import _regex as re
from rapporteur.layout import BlockKind, LayoutBlock, RosterHint

# Typographic ligatures a PDF's text layer may keep as one character.
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
# C0/C1 controls other than tab and newline; U+FFFE/U+FFFF are not characters (pdfium marks a
# line-end hyphen with U+FFFE, which the PDF reader handles before this).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def clean(s: str) -> str:
    """A run of extracted text with ligatures expanded and stray control characters dropped."""
    return _CONTROLS.sub("", s.translate(LIGATURES))


@dataclass(slots=True)
class TextBuilder:
    """The extracted text, written block by block; each block's span is known when it is written.

    ``tight`` puts a block on the next line instead of after a blank line: lines of one list (a
    roster, a table) stay one text block, as they would in a plain-text record."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    blocks: list[LayoutBlock] = field(default_factory=list)

    def add(
        self, kind: BlockKind, text: str, *, level: int = 0, page: int | None = None, tight: bool = False
    ) -> LayoutBlock | None:
        body = text.strip()
        if not body:
            return None
        lead = len(text) - len(text.lstrip())
        if self.length:
            self.write("\n" if tight else "\n\n")
        start = self.length
        self.write(text[lead : lead + len(body)])
        block = LayoutBlock(kind, start, self.length, level=level, page=page)
        self.blocks.append(block)
        return block

    def write(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def text(self) -> str:
        return "".join(self.parts)


def split_roster(text: str, blocks: list[LayoutBlock]) -> tuple[list[LayoutBlock], list[RosterHint]]:
    """The blocks with a trailing roster set apart as "front" (kept out of the body, so never mined,
    but still with its page), and the roster as hints with their spans.

    Uses ``structure.find_roster`` on the text as written, so the rule is the plain-text one: a block
    of person lines after a roster header ("Participants"), or a last block of three or more."""
    from rapporteur.structure import blocks as text_blocks
    from rapporteur.structure import find_roster

    body_start = min((b.start for b in blocks if b.kind != "front"), default=0)
    entries, start = find_roster(text, text_blocks(text), body_start)
    if not entries or start is None:
        return blocks, []
    hints = [RosterHint(e.name, e.affiliation, span=(e.start, e.end)) for e in entries]
    apart = [b if b.start < start else replace(b, kind="front", level=0) for b in blocks]
    return apart, hints


def merge_roster(*groups: list[RosterHint]) -> tuple[RosterHint, ...]:
    """One hint per name (case-insensitive), the first kept: a printed roster entry, with its
    affiliation, wins over the same person known only as a comment's author."""
    seen: dict[str, RosterHint] = {}
    for group in groups:
        for h in group:
            seen.setdefault(h.name.casefold(), h)
    return tuple(seen.values())
