"""The detectors' raw claims of one record held as columns while the claims are made from them.

Every raw claim of a record is alive from the detector that found it until its claim is made: for a
transcript, some 60,000 objects of about 160 bytes each with their offsets, the largest thing alive
when the detectors end, which set the peak of mapping it. Held here, a raw claim costs about 20 bytes:
its offsets and paragraph as numbers, its kind as one byte, its tuple of markers as an index among
the distinct ones (a turn's claims share one), its answers (few claims have any) in a side table.

``RawTable`` reads as the list of ``RawClaim`` it replaces, in (start, end) order (a stable sort: ties
keep the order of the detectors, most specific first, and within one detector the order it found
them in); ``rows`` gives the same without making the objects.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import Any

from rapporteur.attribute.claims import Marker, RawClaim
from rapporteur.model import KIND_INDEX, KINDS
from rapporteur.spans import stable_order

Row = tuple[int, int, str, tuple[Marker, ...], int, tuple[tuple[str, int, int, int, int], ...]]


class RawTable(Sequence[RawClaim]):
    """Raw claims added detector by detector; sorted once by ``done``."""

    __slots__ = ("_answers", "_ends", "_kinds", "_last", "_markers", "_mix", "_order", "_paras", "_starts")

    def __init__(self) -> None:
        self._starts = array("q")
        self._ends = array("q")
        self._kinds = array("B")
        self._paras = array("q")
        self._markers: list[tuple[Marker, ...]] = []
        self._mix = array("I")
        self._answers: dict[int, tuple[tuple[str, int, int, int, int], ...]] = {}
        # a tuple of markers is kept once for a run of claims holding it (a turn's claims come in a
        # row), not looked up in a dict of every tuple: a tuple met again later is kept again (a slot)
        self._last: tuple[Marker, ...] | None = None
        self._order: array[int] | range = range(0)

    def add(self, c: RawClaim) -> None:
        markers = c.markers
        if markers is not self._last:
            self._last = markers
            self._markers.append(markers)
        m = len(self._markers) - 1
        if c.answers:
            self._answers[len(self._starts)] = c.answers
        self._starts.append(c.start)
        self._ends.append(c.end)
        self._kinds.append(KIND_INDEX[c.kind])
        self._paras.append(c.paragraph)
        self._mix.append(m)

    def held(self) -> _Held:
        """What the claims added so far hold: a later detector's claim overlapping one is dropped."""
        return _Held(self._starts, self._ends)

    def done(self) -> RawTable:
        """Sorted by (start, end), stably: by the end, then by the start, each a sort of positions."""
        self._last = None
        order = stable_order(self._starts, self._ends)
        self._order = order if isinstance(order, range) else array("I", order)
        return self

    def rows(self) -> Iterator[Row]:
        """``(start, end, kind, markers, paragraph, answers)`` of each raw claim, in order."""
        return self._rows(release=False)

    def drain(self) -> Iterator[Row]:
        """``rows``, each tuple of markers let go after the last row that holds it, and the table
        emptied at the end: a record's markers (with their names) were all alive while every claim's
        attributions were made from them, which is where a transcript's mapping peaked; let go as
        they are used, the attributions take their memory. The table reads as empty afterwards."""
        return self._rows(release=True)

    def _rows(self, *, release: bool) -> Iterator[Row]:
        st, en, ks, ps, ms, mix, ans = (
            self._starts,
            self._ends,
            self._kinds,
            self._paras,
            self._markers,
            self._mix,
            self._answers,
        )
        kinds = KINDS
        if not release:
            for i in self._order:
                yield st[i], en[i], kinds[ks[i]], ms[mix[i]], ps[i], ans.get(i, ())
            return
        last = array("q", [-1]) * len(ms)
        for r, i in enumerate(self._order):
            last[mix[i]] = r
        for r, i in enumerate(self._order):
            m = mix[i]
            yield st[i], en[i], kinds[ks[i]], ms[m], ps[i], ans.get(i, ())
            if last[m] == r:
                ms[m] = ()
        self.__init__()  # type: ignore[misc]

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i: Any) -> Any:
        order = self._order
        if isinstance(i, slice):
            return [self._raw(order[k]) for k in range(len(order))[i]]
        return self._raw(order[range(len(order))[i]])

    def _raw(self, k: int) -> RawClaim:
        return RawClaim(
            self._starts[k],
            self._ends[k],
            KINDS[self._kinds[k]],
            self._markers[self._mix[k]],
            self._paras[k],
            self._answers.get(k, ()),
        )

    def __iter__(self) -> Iterator[RawClaim]:
        return (RawClaim(*row) for row in self.rows())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RawTable | list | tuple):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # as the list it reads as


class _Held:
    """The spans more specific detectors already hold, asked in O(log n): sorted by start, with the
    running maximum of their ends, a span overlaps one of them iff some held span starting before its
    end ends after its start. Sorted when first asked: a detector that finds nothing (most records
    have no comments, a narrative no turns) costs no sort of every claim found before it."""

    __slots__ = ("_ends", "_n", "_starts", "max_end", "starts")

    def __init__(self, starts: Sequence[int], ends: Sequence[int]) -> None:
        # the spans held when asked for (``RawTable.held``): those added later, the asking detector's
        # own, are not among them however late the sort is made
        self._starts, self._ends, self._n = starts, ends, len(starts)
        self.starts: array[int] | None = None
        self.max_end = array("q")

    def overlaps(self, start: int, end: int) -> bool:
        if self.starts is None:
            st, en = self._starts, self._ends
            # the order of spans of one start does not matter: a bisect takes all of them or none
            order = stable_order(st[: self._n])
            self.starts = array("q", (st[i] for i in order))
            self.max_end = array("q", accumulate((en[i] for i in order), max))
        i = bisect_left(self.starts, end)
        return i > 0 and self.max_end[i - 1] > start


__all__ = ["RawTable", "Row"]
