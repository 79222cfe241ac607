"""The claims of one mapped document held as columns, each ``Claim`` made when it is read.

A transcript of 5 MB has some 60,000 claims; as objects each took about 200 bytes (the claim, its id
string, two offsets as int objects), more than twice the record's own size, and they were the largest
part of the map when mapping ends, where its memory peaks. Held here, a claim costs 17 bytes: its
offsets as 32-bit numbers, and the index of its theme, its kind and its tuple of attributions among the
few distinct ones of the document (a turn's claims share one tuple). Its id is its position
(``c1``, ``c2``, ... as ``extract`` numbers them), its text a slice of the document's, as
``Claim.of`` reads it.

``ClaimTable`` reads as the tuple of claims it replaces: indexing, slicing (a tuple), iterating,
``len``, ``in``, ``==`` with a tuple of the same claims, its hash, ``+``, pickling. A claim read twice
is two equal objects, not one: nothing in the map compares claims by identity (attribution tuples
are shared, and stay so). Code that walks every claim for one column (their starts, their
attributions) reads the column instead of making the claims: ``rows``, ``attribution_tuples``,
``by_ids``, ``in_start_order``.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from rapporteur.model import KIND_INDEX, KINDS, Attribution, Claim, SourceText, text_source
from rapporteur.spans import stable_order

_make = Claim.of


class ClaimTable(Sequence[Claim]):
    """The claims of one document, in the order they were added (``extract``: text order)."""

    __slots__ = (
        "_atts",
        "_atts_ix",
        "_document",
        "_ends",
        "_kinds",
        "_last",
        "_source",
        "_starts",
        "_theme_at",
        "_theme_ix",
        "_themes",
    )

    def __init__(self, text: str, document: str) -> None:
        self._source = text_source(text)  # the one the record's spans read (``Span.of``)
        self._document = document
        # "I": the record bound keeps every offset far below 2**32 (a larger one falls back, see add)
        self._starts = array("I")
        self._ends = array("I")
        self._themes: list[str | None] = []
        self._theme_ix = array("I")
        self._kinds = array("B")
        self._atts: list[tuple[Attribution, ...]] = []
        self._atts_ix = array("I")
        # while the table is filled: theme (a str or None) -> index; a tuple of attributions is kept
        # once for a run of claims holding it (a turn's), not looked up in a dict of every tuple
        self._theme_at: dict[str | None, int] | None = {}
        self._last: tuple[Attribution, ...] | None = None

    def add(self, start: int, end: int, theme: str | None, kind: str, atts: tuple[Attribution, ...]) -> None:
        """Add a claim (its id: ``c`` and its position from 1, ``c{len(table)}`` once added)."""
        theme_at = self._theme_at
        assert theme_at is not None, "a ClaimTable is filled before it is read"
        t = theme_at.get(theme, -1)
        if t < 0:
            t = theme_at[theme] = len(self._themes)
            self._themes.append(theme)
        if atts is not self._last:
            self._last = atts
            self._atts.append(atts)
        a = len(self._atts) - 1
        try:
            self._starts.append(start)
        except OverflowError:  # an offset past 2**32: the columns of offsets made 64-bit
            self._starts, self._ends = array("q", self._starts), array("q", self._ends)
            self._starts.append(start)
        try:
            self._ends.append(end)
        except OverflowError:
            self._starts, self._ends = array("q", self._starts), array("q", self._ends)
            self._ends.append(end)
        self._theme_ix.append(t)
        self._kinds.append(KIND_INDEX[kind])
        self._atts_ix.append(a)

    def done(self) -> ClaimTable:
        """The table once filled: the lookups used to fill it let go."""
        self._theme_at = self._last = None
        return self

    # --------------------------------------------------------------------------- the tuple it reads as
    def _claim(self, i: int) -> Claim:
        return _make(
            self._source,
            f"c{i + 1}",
            self._document,
            self._starts[i],
            self._ends[i],
            self._themes[self._theme_ix[i]],
            KINDS[self._kinds[i]],  # type: ignore[arg-type]
            self._atts[self._atts_ix[i]],
        )

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> Claim: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Claim, ...]: ...
    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return tuple(self._claim(j) for j in range(*i.indices(len(self._starts))))
        n = len(self._starts)
        j = i.__index__()
        if j < 0:
            j += n
        if not 0 <= j < n:
            raise IndexError("ClaimTable index out of range")
        return self._claim(j)

    def __iter__(self) -> Iterator[Claim]:
        source, doc, make = self._source, self._document, _make
        themes, atts, kinds = self._themes, self._atts, KINDS
        for i, (s, e, t, k, a) in enumerate(
            zip(self._starts, self._ends, self._theme_ix, self._kinds, self._atts_ix, strict=True), 1
        ):
            yield make(source, f"c{i}", doc, s, e, themes[t], kinds[k], atts[a])  # type: ignore[arg-type]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ClaimTable | tuple | list):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self) -> int:  # as the tuple of its claims hashes: it equals that tuple
        return hash(tuple(self))

    def __add__(self, other: Any) -> tuple[Claim, ...]:
        return tuple(self) + tuple(other)

    def __radd__(self, other: Any) -> tuple[Claim, ...]:
        return tuple(other) + tuple(self)

    def __repr__(self) -> str:
        return f"<ClaimTable of {len(self)} claims of {self._document!r}>"

    def __reduce__(self) -> tuple[Any, ...]:
        cols = (
            self._starts,
            self._ends,
            self._themes,
            self._theme_ix,
            self._kinds,
            self._atts,
            self._atts_ix,
        )
        return (_restore, (self._source.text, self._document, cols))

    def __copy__(self) -> ClaimTable:
        return self

    def __deepcopy__(self, memo: Any) -> ClaimTable:
        return self  # immutable once filled, as the tuple it replaces


def attribution_tuples(
    claims: Sequence[Claim], *, but_kind: str | None = None
) -> Iterator[tuple[Attribution, ...]]:
    """Each distinct tuple of attributions of ``claims`` once (a turn's claims share one), of the
    claims not of kind ``but_kind``: read from the columns of a ``ClaimTable``, with no claim made."""
    if isinstance(claims, ClaimTable):
        atts, given = claims._atts, set()  # a tuple met again after others is in ``_atts`` again
        if but_kind is None:
            for t in atts:
                if id(t) not in given:
                    given.add(id(t))
                    yield t
            return
        skip = KIND_INDEX[but_kind]
        for k, a in zip(claims._kinds, claims._atts_ix, strict=True):
            if k != skip and id(atts[a]) not in given:
                given.add(id(atts[a]))
                yield atts[a]
        return
    seen: set[int] = set()
    for c in claims:
        atts = c.attributions
        if id(atts) not in seen and c.kind != but_kind:
            seen.add(id(atts))
            yield atts


def rows(claims: Sequence[Claim]) -> Iterator[tuple[int, int, tuple[Attribution, ...]]]:
    """``(index, start, attributions)`` of every claim, in start order (stable), for a pass that needs
    no more of each claim: read from the columns of a ``ClaimTable``."""
    if isinstance(claims, ClaimTable):
        st, atts, ix = claims._starts, claims._atts, claims._atts_ix
        for i in stable_order(st):
            yield i, st[i], atts[ix[i]]
        return
    for i in stable_order([c.start for c in claims]):
        c = claims[i]
        yield i, c.start, c.attributions


def in_start_order(claims: Sequence[Claim]) -> bool:
    """Whether the claims are in the order of their starts (a ``ClaimTable``'s read from its column)."""
    if isinstance(claims, ClaimTable):
        return isinstance(stable_order(claims._starts), range)
    last = -1
    for c in claims:
        if c.start < last:
            return False
        last = c.start
    return True


def by_ids(claims: Sequence[Claim], ids: Iterable[str]) -> dict[str, Claim]:
    """The claims of these ids (those of them the sequence holds): a ``ClaimTable``'s made from their
    positions alone, those of any other sequence found in one pass."""
    wanted = set(ids)
    if not wanted:
        return {}
    if isinstance(claims, ClaimTable):
        n = len(claims)
        out = {}
        for cid in wanted:
            k = cid[1:]
            if cid[:1] == "c" and k.isascii() and k.isdigit() and k[0] != "0" and int(k) <= n:
                out[cid] = claims._claim(int(k) - 1)
        return out
    return {c.id: c for c in claims if c.id in wanted}


def _restore(text: str, document: str, cols: tuple[Any, ...]) -> ClaimTable:
    t: ClaimTable = object.__new__(ClaimTable)
    # a SourceText of its own: ``text_source`` would keep the text of the last table unpickled
    t._source, t._document, t._theme_at, t._last = SourceText(text), document, None, None
    t._starts, t._ends, t._themes, t._theme_ix, t._kinds, t._atts, t._atts_ix = cols
    return t


__all__ = ["ClaimTable", "attribution_tuples", "by_ids", "in_start_order", "rows"]
