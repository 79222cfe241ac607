"""Runs of ``(start, end)`` character offsets held packed: a paragraph's pieces and its sentences.

A record's structure holds an offset pair for every sentence of every paragraph until its claims are
read, and as a tuple of tuples each pair costs about 120 bytes (a tuple and two int objects, since
offsets past 256 are objects of their own) for a sentence of some 60 characters: mapping a transcript
held its sentences at about twice the size of the record. Packed as 32-bit numbers in one ``bytes``
object, a pair costs 8 bytes and a paragraph's pairs one allocation.

``Spans`` reads as the tuple of pairs it replaces (iterating, indexing, slicing, ``len``, ``bisect``,
``==`` with a tuple or list of pairs, and the hash of that tuple), so a detector written against tuples
reads it unchanged; the pairs are made as they are read. ``packed`` falls back to a plain tuple for an
offset a 32-bit number cannot hold, a record of over 4 G characters that no bound lets in anyway.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import Any, overload

_PAIR = struct.Struct("<II")
_SIZE = _PAIR.size
_unpack_from = _PAIR.unpack_from
#: ``(start, end)`` of the pair at a byte offset of a ``Spans`` (8 bytes a pair): what an accessor asked
#: very often (a paragraph's start) calls directly, with no Python call between
unpack_at = _unpack_from
PAIR_SIZE = _PAIR.size
_iter_unpack = _PAIR.iter_unpack


class Spans(bytes):
    """An immutable sequence of ``(start, end)`` pairs, packed. Made by ``packed``."""

    __slots__ = ()

    def __len__(self) -> int:
        return bytes.__len__(self) // _SIZE

    def __iter__(self) -> Iterator[tuple[int, int]]:  # type: ignore[override]
        return _iter_unpack(self)  # type: ignore[return-value]

    def __reversed__(self) -> Iterator[tuple[int, int]]:
        return reversed(tuple(_iter_unpack(self)))  # type: ignore[arg-type]

    @overload  # type: ignore[override]
    def __getitem__(self, i: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[tuple[int, int], ...]: ...
    def __getitem__(self, i: Any) -> Any:
        if i.__class__ is int:
            n = bytes.__len__(self) // _SIZE
            if i < 0:
                i += n
            if not 0 <= i < n:
                raise IndexError("Spans index out of range")
            return _unpack_from(self, i * _SIZE)
        return tuple(_iter_unpack(self))[i]

    def __contains__(self, pair: object) -> bool:  # type: ignore[override]
        return pair in tuple(_iter_unpack(self))

    def index(self, pair: object, *args: Any) -> int:  # type: ignore[override]
        return tuple(_iter_unpack(self)).index(pair, *args)

    def count(self, pair: object) -> int:  # type: ignore[override]
        return tuple(_iter_unpack(self)).count(pair)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Spans):
            return bytes.__eq__(self, other)
        if isinstance(other, tuple | list):
            return len(other) == len(self) and all(
                a == b for a, b in zip(_iter_unpack(self), other, strict=True)
            )
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self) -> int:  # equal to a tuple of the same pairs, so it hashes as that tuple does
        return hash(tuple(_iter_unpack(self)))

    def __add__(self, other: Any) -> tuple[tuple[int, int], ...]:  # type: ignore[override]
        return tuple(_iter_unpack(self)) + tuple(other)

    def __radd__(self, other: Any) -> tuple[tuple[int, int], ...]:
        return tuple(other) + tuple(_iter_unpack(self))

    def __repr__(self) -> str:
        return f"Spans({tuple(_iter_unpack(self))!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Spans, (bytes(self),))

    def __copy__(self) -> Spans:
        return self

    def __deepcopy__(self, memo: Any) -> Spans:
        return self


_EMPTY = Spans()


def packed(pairs: Iterable[tuple[int, int]]) -> Sequence[tuple[int, int]]:
    """``pairs`` packed (a ``Spans``); a plain tuple where an offset does not fit in 32 bits."""
    if pairs.__class__ is Spans:
        return pairs  # type: ignore[return-value]
    flat = [x for pair in pairs for x in pair]
    n = len(flat)
    if not n:
        return _EMPTY
    try:
        return Spans(struct.pack(f"<{n}I", *flat))
    except struct.error:
        it = iter(flat)
        return tuple(zip(it, it, strict=True))


def stable_order(first: Sequence[int], then: Sequence[int] | None = None) -> range | list[int]:
    """The positions of ``first`` (and ``then``, of the same length) in the order a stable sort by
    ``(first[i], then[i])`` puts them: ``range(n)`` when they are in that order already (one pass, no
    list), else a list made by two stable sorts of positions (no key tuple per item)."""
    n = len(first)
    if then is None:
        if all(a <= b for a, b in zip(first, islice(first, 1, None), strict=False)):
            return range(n)
        return sorted(range(n), key=first.__getitem__)
    if all(
        first[i] < first[i + 1] or (first[i] == first[i + 1] and then[i] <= then[i + 1]) for i in range(n - 1)
    ):
        return range(n)
    order = sorted(range(n), key=then.__getitem__)
    order.sort(key=first.__getitem__)
    return order


def starts_ends(runs: Iterable[Sequence[tuple[int, int]]]) -> tuple[array[int], array[int]]:
    """The starts and the ends of every pair of ``runs`` (each a paragraph's sentences, say), in order,
    as two arrays of numbers: what a pass over a whole record's sentences bisects, at 4 or 8 bytes a
    sentence where lists of ints took 80 (an int object and a list slot for each of the two)."""
    runs = list(runs)
    if all(r.__class__ is Spans for r in runs):
        flat = array("I")
        flat.frombytes(b"".join(runs))  # type: ignore[arg-type]
        if sys.byteorder != "little":
            flat.byteswap()
    else:
        flat = array("q", chain.from_iterable(chain.from_iterable(runs)))
    return flat[0::2], flat[1::2]


__all__ = ["PAIR_SIZE", "Spans", "packed", "stable_order", "starts_ends", "unpack_at"]
