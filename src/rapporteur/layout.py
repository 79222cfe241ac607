"""What a reader knows of a record's shape, handed to ``structure`` beside the extracted text.

A Layout is a hint, not a second text: every span in it is an offset into the Document's ``text``
(the text the reader extracted and the store keeps), like every other span of the map. A reader that
knows nothing of the shape (plain text) gives no Layout, and ``structure`` reads the shape from the
text itself. A reader that knows more (headings from DOCX styles, turns from TEI ``<u who>``, pages of
a PDF) says so here, and ``structure`` trusts it.

The readers write every turn's speaker label into the extracted text ("Lord Smith: ..."), so a turn
marker is a real span a person can check, even where the format named the speaker out of band.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal[
    "paragraph",  # prose
    "heading",  # a title; ``level`` 1 is the top
    "list_item",
    "table_row",
    "footnote",  # set apart from the body, never mined as the record's own voice
    "turn",  # a speaker's turn: ``label`` is the speaker label's span, ``speaker`` who the format says
    "quote",
    "code",  # never mined
    "caption",
    "front",  # title page, metadata, boilerplate: kept out of the body
]
BLOCK_KINDS: tuple[str, ...] = (
    "paragraph",
    "heading",
    "list_item",
    "table_row",
    "footnote",
    "turn",
    "quote",
    "code",
    "caption",
    "front",
)


@dataclass(frozen=True, slots=True)
class LayoutBlock:
    """One block of the record. ``start:end`` covers the block's text; for a turn it runs from the
    label to the end of the turn's last paragraph (a turn may hold several paragraphs, separated by
    blank lines in the extracted text)."""

    kind: BlockKind
    start: int
    end: int
    level: int = 0  # heading level (1 = top); nesting depth of a list item
    page: int | None = None  # the page the block starts on, for a paged source
    label: tuple[int, int] | None = None  # turn: the speaker label's span ("Lord Smith:")
    speaker: str | None = None  # turn: the speaker as the format names them (a roster id or a name)
    time: str | None = None  # turn: a cue time ("00:12:34.500") where the format gives one


@dataclass(frozen=True, slots=True)
class RosterHint:
    """A voice the format lists: TEI ``listPerson``, a JATS ``ref-list`` entry, DOCX comment authors.

    ``key`` is how the format refers to it (``#LordSmith``, ``bib12``), so turns and citations can point
    at it; ``span`` where the entry stands in the extracted text, if it does."""

    name: str
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "person"  # person, party, organization, work
    key: str | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """An in-text citation the format marks (a JATS ``<xref ref-type="bibr">``): ``start:end`` is the
    citation's text, ``keys`` the roster keys it cites."""

    start: int
    end: int
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comment:
    """A written comment on the record (DOCX): its author holds its text (``start:end``, appended to
    the extracted text), about the span it anchors (``anchor``)."""

    author: str
    start: int
    end: int
    anchor: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Layout:
    blocks: tuple[LayoutBlock, ...] = ()
    roster: tuple[RosterHint, ...] = ()
    citations: tuple[Citation, ...] = ()
    comments: tuple[Comment, ...] = ()
    title: str | None = None
    notes: tuple[str, ...] = field(default=())  # what the reader noticed ("3 pages had no text layer")


__all__ = ["BLOCK_KINDS", "BlockKind", "Citation", "Comment", "Layout", "LayoutBlock", "RosterHint"]
