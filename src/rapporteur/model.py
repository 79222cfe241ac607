"""The map's data model: frozen records that point into one source text by character offsets.

Every spanned object obeys ``document.text[start:end] == object.text``. Offsets are Python ``str``
indices into the text as decoded (as spaCy's ``Span.start_char``), never into a normalised copy, so a
reader can always go back to the exact characters of the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

_new = object.__new__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rapporteur.layout import Layout

Kind = Literal["claim", "question", "qualification", "proposal", "decision"]
Polarity = Literal["holds", "exception"]
RelationType = Literal["disagree", "agree", "qualify"]
ParticipantKind = Literal["person", "party", "organization", "work"]
# How a record names a voice: one detector module per way, under ``rapporteur.attribute``.
Via = Literal["parenthetical", "turn", "reported", "citation", "comment"]

KINDS: tuple[str, ...] = ("claim", "question", "qualification", "proposal", "decision")
#: each kind's position in ``KINDS``: how the columns of claims (``claim_table``) store a kind
KIND_INDEX: dict[str, int] = {k: i for i, k in enumerate(KINDS)}
POLARITIES: tuple[str, ...] = ("holds", "exception")
RELATION_TYPES: tuple[str, ...] = ("disagree", "agree", "qualify")
PARTICIPANT_KINDS: tuple[str, ...] = ("person", "party", "organization", "work")
VIAS: tuple[str, ...] = ("parenthetical", "turn", "reported", "citation", "comment")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one document's text; ``text`` is kept so a span can be checked on its own."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        """``Span(start, end, source[start:end])`` for a span of a document's text ``source``, made as
        ``_draft`` makes it (the detectors make one per marker): its text is read from ``source`` when
        asked, not kept as a copy (``text_source``), so ``source`` is the document's own text, which
        the map keeps anyway, never a large string made for the moment."""
        o: Any = _new(_SpanDraft)
        o.start = start
        o.end = end
        o.text = text_source(source)
        o.__class__ = Span
        return o


def _draft(cls: type) -> type:
    """A class with ``cls``'s slots and nothing else, for a fast way to make a ``cls``: an object made
    as a draft, its slots set by plain attribute stores and then given ``cls`` as its class, is the
    object ``cls(...)`` makes (the same slots in the same order, so the same layout; equality,
    hashing, pickling and ``replace`` see no difference). A frozen dataclass's ``__init__`` sets each
    field through ``object.__setattr__`` instead, three to four times as slow, and a map makes one
    claim, attribution and marker span per claim of the record."""
    return type(f"_{cls.__name__}Draft", (), {"__slots__": cls.__slots__})  # type: ignore[attr-defined]


_SpanDraft = _draft(Span)


@dataclass(frozen=True, slots=True)
class Document:
    """One source. ``text`` is the text as decoded or extracted (a PDF's, a DOCX's), and is what the
    store keeps, so every span stays checkable; ``sha256`` is of the original file's bytes (the key that
    makes re-mapping idempotent), ``text_sha256`` of the text. ``pages`` lists ``(offset, page number)``
    where each page of a paged source begins. ``layout`` is the reader's hint to ``structure`` and is
    neither stored nor compared."""

    id: str
    text: str = field(repr=False)
    source: str
    title: str
    format: str
    sha256: str
    encoding: str = "utf-8"
    text_sha256: str = ""
    pages: tuple[tuple[int, int], ...] = ()
    layout: Layout | None = field(default=None, repr=False, compare=False)

    def page_at(self, offset: int) -> int | None:
        """The page number an offset falls on, for a paged source; None otherwise."""
        page = None
        for start, number in self.pages:
            if start > offset:
                break
            page = number
        return page

    @property
    def length(self) -> int:
        return len(self.text)


@dataclass(frozen=True, slots=True)
class Participant:
    """A voice: a person, or an actor that is not one (a party or delegation, an organization, a cited
    work). ``in_roster`` is false for a name the record cites but never lists."""

    id: str
    name: str
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    in_roster: bool = True
    kind: ParticipantKind = "person"


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
    """Claim -> participant. ``marker`` is the span that says so; ``via`` the detector that read it;
    ``on_behalf_of`` the participant the speaker speaks for ("Chile, for the Group of 77, said")."""

    participant: str
    polarity: Polarity
    marker: Span
    cited_as: str = ""
    via: Via = "parenthetical"
    on_behalf_of: str | None = None

    @classmethod
    def of(
        cls,
        participant: str,
        polarity: Polarity,
        marker: Span,
        cited_as: str,
        via: Via,
        on_behalf_of: str | None,
    ) -> Attribution:
        """``Attribution(...)`` with every field given, made as a draft (see ``_draft``)."""
        o: Any = _new(_AttributionDraft)
        o.participant = participant
        o.polarity = polarity
        o.marker = marker
        o.cited_as = cited_as
        o.via = via
        o.on_behalf_of = on_behalf_of
        o.__class__ = Attribution
        return o


_AttributionDraft = _draft(Attribution)


@dataclass(frozen=True, slots=True)
class Claim:
    """A span the record attributes to someone: ``text`` is ``document.text[start:end]``; ``attributions``
    say who holds it (or is named as not holding it) and by which marker. ``theme`` is the section it
    stands in, or None before the first heading."""

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
        """Participant ids that hold the claim; those named as exceptions are left out."""
        return holders_of(self.attributions)

    @classmethod
    def of(
        cls,
        source: SourceText,
        id: str,
        document: str,
        start: int,
        end: int,
        theme: str | None,
        kind: Kind,
        attributions: tuple[Attribution, ...] = (),
    ) -> Claim:
        """A claim whose ``text`` is read from its document's text when asked (``source``, one for
        all the claims of a document) instead of kept as a copy: a transcript's tens of thousands of
        claims otherwise hold the record a second time. ``text`` equals ``source.text[start:end]``
        either way, and equality, hashing, pickling and ``replace`` see the same string. Made as a
        draft (see ``_draft``): the draft's ``text`` is the plain slot, which holds ``source``."""
        o: Any = _new(_ClaimDraft)
        o.id = id
        o.document = document
        o.start = start
        o.end = end
        o.text = source
        o.theme = theme
        o.kind = kind
        o.attributions = attributions
        o.__class__ = Claim
        return o


def holders_of(attributions: tuple[Attribution, ...]) -> tuple[str, ...]:
    """The participants the attributions say hold a claim (``Claim.holders``), read from a tuple of
    attributions alone: claims that share one have the same holders."""
    return tuple(a.participant for a in attributions if a.polarity == "holds")


class SourceText:
    """A document's text, shared by the claims ``Claim.of`` made from it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


_SOURCE: list[SourceText | None] = [None]


def text_source(text: str) -> SourceText:
    """The ``SourceText`` of ``text``: one for the spans and claims cut from one text in a row (the
    last one asked for is kept, and made again only for another text; ``release_source`` lets it
    go once a document is mapped). Safe across threads: a race makes two, each right."""
    s = _SOURCE[0]
    if s is None or s.text is not text:
        s = _SOURCE[0] = SourceText(text)
    return s


def release_source() -> None:
    _SOURCE[0] = None


def _read_on_demand(cls: type[Claim] | type[Span]) -> None:
    """``text`` through the slot: a ``str`` as given, or the slice of a ``SourceText``."""
    slot = cls.__dict__["text"]

    def get(self: Any) -> str:
        v = slot.__get__(self, cls)
        return v if v.__class__ is str else v.text[self.start : self.end]

    def put(self: Any, value: object) -> None:  # only __init__ and unpickling get here: frozen
        slot.__set__(self, value)

    cls.text = property(get, put, doc="``document.text[start:end]``")  # type: ignore[assignment,method-assign]


_ClaimDraft = _draft(Claim)  # before the property replaces the slot's descriptor: the draft has its own
_read_on_demand(Claim)
_read_on_demand(Span)  # after ``_SpanDraft`` was made, for the same reason


@dataclass(frozen=True, slots=True)
class Relation:
    """Claim ``source`` answers claim ``target`` (agrees, qualifies or disagrees), as the ``cue`` span
    says. ``confidence`` is how sure the cue makes it, left out of equality like any score."""

    id: str
    source: str
    target: str
    type: RelationType
    cue: Span
    confidence: float = field(default=1.0, compare=False)


@dataclass(frozen=True, slots=True)
class Stance:
    """Participant ``a`` stands to participant ``b`` as ``relation`` says, on the evidence of the listed
    relations between their claims: derived from the map, never read from the text directly."""

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
    # a tuple, or a ``ClaimTable`` (``claim_table``: what ``extract`` gives), which reads as one
    claims: Sequence[Claim] = ()
    relations: tuple[Relation, ...] = ()
    stances: tuple[Stance, ...] = ()
    notes: tuple[str, ...] = ()

    def document(self, doc_id: str) -> Document:
        """The document with this id; a ``KeyError`` naming it when the map has none."""
        found = next((d for d in self.documents if d.id == doc_id), None)
        if found is None:
            raise KeyError(f"no document {doc_id!r} in this map")
        return found

    def participant(self, pid: str) -> Participant:
        """The participant with this id (``"p3"``); a ``KeyError`` naming it when the map has none.
        To find someone by name, as ``rapporteur who`` does, match ``name`` and ``aliases``."""
        found = next((p for p in self.participants if p.id == pid), None)
        if found is None:
            raise KeyError(f"no participant {pid!r} in this map")
        return found

    def theme(self, tid: str | None) -> Theme | None:
        """The theme with this id, or None (a claim before the first heading has no theme)."""
        return next((t for t in self.themes if t.id == tid), None)

    def to_json(self, *, include_text: bool = True, **kw: Any) -> str:
        """The map as ``rapporteur/map@1`` JSON text (``kw`` goes to ``json.dumps``), as
        docs/map-format.md describes it."""
        from rapporteur.export.json import dumps

        return dumps(self, include_text=include_text, **kw)
