"""Attribution: one detector module per way a record names a voice, each ``Structure -> RawClaims``.

- ``parenthetical``  "(Abel, Baker)", "; Baker)", exceptions
- ``reported``       "Smith argued that ...", "According to Lee, ..."

A detector module declares ``VIA`` (recorded on each marker and attribution), ``PRIORITY`` (lower is
more specific) and ``detect(st, ctx) -> list[RawClaim]``; this package finds the modules itself, so a
new way of naming a voice is one new module. Detectors are independent and may overlap: where claims
of two detectors overlap, the more specific detector's claim stands and the other is dropped (claims
of one detector may sit side by side in one sentence, as "(A) ... (B)" gives two).
"""

from __future__ import annotations

import bisect
from functools import cache
from itertools import accumulate
from operator import attrgetter
from types import ModuleType

from rapporteur.attribute.claims import Context, Marker, RawClaim, classify
from rapporteur.plugins import discover
from rapporteur.structure import Structure

_NOT_DETECTORS = frozenset({"claims"})


@cache
def detectors() -> tuple[ModuleType, ...]:
    """Every detector module of this package, most specific first."""
    return discover(
        __name__,
        __path__,
        needs=("VIA", "PRIORITY", "detect"),
        order=lambda m: (m.PRIORITY, m.VIA),
        skip=_NOT_DETECTORS,
    )


def attribute(st: Structure, ctx: Context | frozenset[str] = frozenset()) -> list[RawClaim]:
    """Every detector's claims, overlaps settled by specificity, in text order."""
    if not isinstance(ctx, Context):
        ctx = Context(known=ctx)
    kept: list[RawClaim] = []
    for det in detectors():
        held = _Held(kept)
        kept.extend(c for c in det.detect(st, ctx) if not held.overlaps(c.start, c.end))
    # In text order, by (start, end) as one sort with that key would give (the sort is stable, so
    # ties keep the detectors' order), sorted in place by each key in turn: a sort key of a tuple per
    # claim would make one tuple per claim of the record, at the point every raw claim is alive.
    kept.sort(key=_END)
    kept.sort(key=_START)
    return kept


_START = attrgetter("start")
_END = attrgetter("end")


class _Held:
    """The spans more specific detectors already hold, asked in O(log n): sorted by start, with the
    running maximum of their ends, a span overlaps one of them iff some held span starting before its
    end ends after its start."""

    def __init__(self, claims: list[RawClaim]) -> None:
        # the order of spans of one start does not matter: a bisect takes all of them or none
        spans = sorted(claims, key=_START)
        self.starts = list(map(_START, spans))
        self.max_end: list[int] = list(accumulate(map(_END, spans), max, initial=-1))[1:]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.max_end[i - 1] > start


__all__ = ["Context", "Marker", "RawClaim", "attribute", "classify", "detectors"]
