"""The map's data model: frozen records that point into one source text by character offsets.

Every spanned object obeys ``document.text[start:end] == object.text``. Offsets are Python ``str``
indices into the text as decoded (as spaCy's ``Span.start_char``), never into a normalised copy, so a
reader can always go back to the exact characters of the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["claim", "question", "qualification", "proposal"]
Polarity = Literal["holds", "exception"]
RelationType = Literal["disagree", "agree", "qualify"]

KINDS: tuple[str, ...] = ("claim", "question", "qualification", "proposal")
POLARITIES: tuple[str, ...] = ("holds", "exception")
RELATION_TYPES: tuple[str, ...] = ("disagree", "agree", "qualify")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one document's text; ``text`` is kept so a span can be checked on its own."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        return cls(start, end, source[start:end])


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str = field(repr=False)
    source: str
    title: str
    format: str
    sha256: str
    encoding: str = "utf-8"

    @property
    def length(self) -> int:
        return len(self.text)


@dataclass(frozen=True, slots=True)
class Participant:
    id: str
    name: str
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    in_roster: bool = True


@dataclass(frozen=True, slots=True)
class Theme:
    """A node of the theme tree; ``start:end`` is the heading's title, ``section`` the body it governs."""

    id: str
    document: str
    title: str
    parent: str | None
    start: int
    end: int
    level: int = 1
    section: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class Attribution:
    participant: str
    polarity: Polarity
    marker: Span
    cited_as: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    document: str
    start: int
    end: int
    text: str
    theme: str | None
    kind: Kind
    attributions: tuple[Attribution, ...] = ()

    @property
    def holders(self) -> tuple[str, ...]:
        return tuple(a.participant for a in self.attributions if a.polarity == "holds")


@dataclass(frozen=True, slots=True)
class Relation:
    id: str
    source: str
    target: str
    type: RelationType
    cue: Span
    confidence: float = field(default=1.0, compare=False)


@dataclass(frozen=True, slots=True)
class Stance:
    a: str
    b: str
    relation: RelationType
    relations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Map:
    """Everything known about one or more documents; what the store writes and the exports read."""

    documents: tuple[Document, ...] = ()
    participants: tuple[Participant, ...] = ()
    themes: tuple[Theme, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    stances: tuple[Stance, ...] = ()
    notes: tuple[str, ...] = ()

    def document(self, doc_id: str) -> Document:
        return next(d for d in self.documents if d.id == doc_id)

    def participant(self, pid: str) -> Participant:
        return next(p for p in self.participants if p.id == pid)

    def theme(self, tid: str | None) -> Theme | None:
        return next((t for t in self.themes if t.id == tid), None)
